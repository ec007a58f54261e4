"""Production smoke test: production settings, a PostgreSQL cluster of its own, gunicorn on a free
loopback port, real HTTP. The last test stops the database and checks the site fails safely."""

import http.client
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from scripts.pgcluster import PostgresCluster, free_port

pytestmark = pytest.mark.smoke

ROOT = Path(__file__).resolve().parent.parent
HTTPS = {"X-Forwarded-Proto": "https"}  # what the TLS proxy in front of gunicorn adds


class Server:
    def __init__(self, port, cluster):
        self.port = port
        self.cluster = cluster

    def get(self, path, headers=None, host="127.0.0.1"):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        connection.request("GET", path, headers={"Host": host, **(headers or {})})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response, body


@pytest.fixture(scope="module")
def server():
    workdir = Path(tempfile.mkdtemp(prefix="stp-smoke-"))
    with PostgresCluster() as cluster:
        port = free_port()
        inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        env = {
            **inherited,
            "DJANGO_SETTINGS_MODULE": "stp_site.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": "https://127.0.0.1",
            "DATABASE_URL": cluster.url,
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "SERVE_MEDIA": "true",
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        for command in (
            ["check", "--deploy", "--fail-level", "WARNING"],
            ["migrate", "--no-input"],
            ["collectstatic", "--no-input"],
            ["load_demo_content"],
        ):
            result = subprocess.run(manage + command, env=env, cwd=ROOT, capture_output=True, text=True)
            assert result.returncode == 0, f"{command}: {result.stdout}\n{result.stderr}"
        log = (workdir / "gunicorn.log").open("wb")  # noqa: SIM115 - open for the server's lifetime
        gunicorn = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "stp_site.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                "2",
                "--access-logfile",
                "-",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            instance = Server(port, cluster)
            deadline = time.monotonic() + 30
            while True:
                try:
                    if instance.get("/health/")[0].status == 200:
                        break
                except OSError:
                    pass
                assert time.monotonic() < deadline, (workdir / "gunicorn.log").read_text()
                time.sleep(0.2)
            yield instance
        finally:
            gunicorn.terminate()
            gunicorn.wait(10)
            log.close()


def test_home_page_has_every_security_header(server):
    response, body = server.get("/", HTTPS)
    assert response.status == 200
    assert b"Together We" in body
    headers = response.headers
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    script_src = re.search(r"script-src ([^;]*)", csp).group(1)
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "Set-Cookie" not in headers  # public pages set no cookies


def test_plain_http_is_redirected_to_https(server):
    response, _ = server.get("/our-vision/")
    assert response.status == 301
    assert response.headers["Location"] == "https://127.0.0.1/our-vision/"


def test_admin_cookies_are_secure_and_httponly_with_a_looser_admin_policy(server):
    response, _ = server.get("/admin/login/", HTTPS)
    assert response.status == 200
    cookies = response.headers.get_all("Set-Cookie")
    csrf = next(cookie for cookie in cookies if cookie.startswith("csrftoken="))
    assert "Secure" in csrf and "HttpOnly" in csrf
    assert "'unsafe-inline'" in response.headers["Content-Security-Policy"]


def test_static_files_are_hashed_compressed_and_cached_for_a_year(server):
    _, body = server.get("/", HTTPS)
    css = re.search(rb'href="(/static/vendor/nhsuk-frontend/nhsuk-frontend\.min\.[0-9a-f]{12}\.css)"', body)
    js = re.search(rb'src="(/static/js/site\.[0-9a-f]{12}\.js)"', body)
    assert css and js, "static URLs are not hashed"
    for encoding in ("br", "gzip"):
        response, compressed = server.get(css.group(1).decode(), {**HTTPS, "Accept-Encoding": encoding})
        assert response.status == 200
        assert response.headers["Content-Encoding"] == encoding
        assert "max-age=315360000" in response.headers["Cache-Control"]
        assert "immutable" in response.headers["Cache-Control"]
        assert len(compressed) < 40_000
    response, module = server.get(js.group(1).decode(), HTTPS)
    # The module's import of NHS.UK's script is rewritten to its hashed name too.
    assert re.search(rb"nhsuk-frontend\.min\.[0-9a-f]{12}\.js", module)


def test_unknown_url_gives_the_nhs_style_404_page(server):
    response, body = server.get("/no-such-page/", HTTPS)
    assert response.status == 404
    assert b"Page not found" in body and b"nhsuk-header" in body


def test_host_not_allowed_gives_400_not_500(server):
    response, body = server.get("/", HTTPS, host="evil.example")
    assert response.status == 400
    assert b"Traceback" not in body


@pytest.mark.parametrize("query", ["?page=abc", "?page=-1", "?q=%00", "?" + "x=1&" * 500, "?page=" + "9" * 200])
def test_junk_query_strings_never_give_500(server, query):
    response, body = server.get("/" + query, HTTPS)
    assert response.status < 500
    response, body = server.get("/our-vision/" + query, HTTPS)
    assert response.status < 500


def test_health_reveals_nothing_but_ok(server):
    response, body = server.get("/health/")
    assert response.status == 200
    assert body == b"ok\n"
    assert "no-cache" in response.headers["Cache-Control"]


def test_database_outage_gives_503_health_and_the_500_page(server):
    """Runs last: it stops this module's database."""
    server.cluster.stop()
    response, body = server.get("/health/")
    assert response.status == 503
    assert body == b"unavailable\n"
    response, body = server.get("/our-vision/", HTTPS)
    assert response.status == 500
    assert b"Sorry, there is a problem with this website" in body
    assert b"Traceback" not in body and b"psycopg2" not in body
