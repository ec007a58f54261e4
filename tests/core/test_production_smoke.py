"""Production smoke test: production settings, a PostgreSQL cluster of its own, gunicorn on a free
loopback port, real HTTP. The last test stops the database and checks the site fails safely."""

import http.client
import re

import pytest

from scripts.production_site import production_site

pytestmark = pytest.mark.smoke

HTTPS = {"X-Forwarded-Proto": "https"}  # what the TLS proxy in front of gunicorn adds


class Server:
    def __init__(self, site):
        self.port = site.port
        self.cluster = site.cluster

    def get(self, path, headers=None, host="127.0.0.1"):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        connection.request("GET", path, headers={"Host": host, **(headers or {})})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response, body


@pytest.fixture(scope="module")
def server():
    with production_site(SECURE_SSL_REDIRECT="true", CSRF_TRUSTED_ORIGINS="https://127.0.0.1") as site:
        yield Server(site)


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
    # The module's imports of NHS.UK's component scripts are rewritten to their hashed names too.
    for component in (rb"header", rb"error-summary"):
        assert re.search(component + rb"\.min\.[0-9a-f]{12}\.js", module), component


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
    # A page read before is still served: its route and rendered parts wait in the cache until a publish.
    response, body = server.get("/our-vision/", HTTPS)
    assert response.status == 200
    assert b"<h1" in body
    # One that needs the database gets the NHS-style error page, and nothing of what went wrong.
    response, body = server.get("/a-page-nobody-has-read-yet/", HTTPS)
    assert response.status == 500
    assert b"Sorry, there is a problem with this website" in body
    assert b"Traceback" not in body and b"psycopg2" not in body
