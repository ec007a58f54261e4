"""Through the production topology: residents reach the site over HTTPS through nginx; what a client
says about itself in forwarded headers is never believed; both cache backends serve the site."""

import http.client
import os
import re
import ssl
import subprocess
import sys

import brotli
import pytest

from scripts.production_site import ROOT, hidden_fields
from tests.production.conftest import SIGNUP_RATE_LIMIT

pytestmark = pytest.mark.smoke

GROUP_PAGE = "/get-involved/patient-reference-groups/digital/"


def heading(response):
    match = re.search(r"<h1[^>]*>(.*?)</h1>", response.text, re.S)
    return match.group(1).strip() if match else None


def test_pages_are_served_over_verified_https_with_hsts_and_the_security_headers(live):
    response = live.client().get("/")
    assert response.status == 200
    assert b"Together We" in response.body
    headers = response.headers
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Server"] == "nginx"  # no version
    # The certificate is a real one from the throwaway CA: a client that does not trust it refuses it.
    with pytest.raises(ssl.SSLCertVerificationError):
        live.client(ssl_context=ssl.create_default_context()).get("/")


def test_plain_http_to_the_proxy_is_redirected_to_https(live):
    connection = http.client.HTTPConnection("127.0.0.1", live.http_port, timeout=10)
    connection.request("GET", "/our-vision/?a=1")
    response = connection.getresponse()
    assert response.status == 301
    assert response.headers["Location"] == f"{live.url}/our-vision/?a=1"


def test_the_app_builds_https_links_from_what_the_proxy_says(live):
    """X-Forwarded-Proto from nginx is believed: no redirect loop, and secure cookies are set."""
    response = live.client().get("/admin/login/")
    assert response.status == 200
    csrf = next(c for c in response.headers.get_all("Set-Cookie") if c.startswith("csrftoken="))
    assert "Secure" in csrf


@pytest.mark.parametrize("script_name", ["/our-work", "/about", "/our-work/"])
def test_a_script_name_header_from_a_client_never_changes_the_routing(live, script_name):
    """If gunicorn took SCRIPT_NAME from the request, GET /our-work/ with `SCRIPT_NAME: /our-work`
    would route to / and the home page would be cached as /our-work/ for everyone."""
    for client in (live.client(), live.client("127.0.0.1", direct=True), live.client("127.0.0.2", direct=True)):
        headers = {"SCRIPT_NAME": script_name, "X-Forwarded-Proto": "https"}
        response = client.get("/our-work/", headers=headers)
        if client.direct and client.address != "127.0.0.1":
            assert response.status == 301  # a stranger's X-Forwarded-Proto is not believed either
            continue
        assert response.status == 200, (client.address, client.direct)
        assert heading(response) == "Our work"
    assert heading(live.client().get("/our-work/")) == "Our work"
    assert "Together We" in live.client().get("/").text


def test_x_forwarded_proto_counts_only_from_the_proxy(live):
    stranger = live.client("127.0.0.2", direct=True)
    response = stranger.get("/our-vision/", headers={"X-Forwarded-Proto": "https"})
    assert response.status == 301
    assert response.headers["Location"].startswith("https://")
    proxy = live.client("127.0.0.1", direct=True)
    assert proxy.get("/our-vision/", headers={"X-Forwarded-Proto": "https"}).status == 200


def sign_up(client, number, headers=None):
    """One valid sign-up from `client` (a fresh email each time). Returns the POST's status."""
    form = client.get(GROUP_PAGE)
    assert form.status == 200
    data = {
        **hidden_fields(form.text),
        "full_name": "Test Resident",
        "email": f"resident-{client.address}-{number}@example.com",
        "postcode": "ST4 1AA",
        "take_part": "online",
        "consent": "on",
        "website": "",
    }
    return client.post(GROUP_PAGE, data, headers=headers).status


def test_each_resident_behind_the_proxy_has_a_sign_up_limit_of_their_own(live):
    """Residents are distinct loopback addresses connecting to nginx; nginx appends each one's address
    to X-Forwarded-For. Before, the app counted REMOTE_ADDR (nginx, for everyone), so the second
    resident was refused too."""
    first, neighbour, forger = live.client("127.0.0.12"), live.client("127.0.0.13"), live.client("127.0.0.14")
    statuses = [sign_up(first, n) for n in range(SIGNUP_RATE_LIMIT)]
    assert statuses == [303] * SIGNUP_RATE_LIMIT
    assert sign_up(first, 10) == 429
    # Saying to be someone else does not lift the limit ...
    assert sign_up(first, 11, headers={"X-Forwarded-For": "203.0.113.9"}) == 429
    assert sign_up(first, 12, headers={"X-Forwarded-For": "127.0.0.1"}) == 429
    # ... nor does anyone else share it, even one who claims to be the first resident.
    assert sign_up(neighbour, 1) == 303
    assert sign_up(forger, 1, headers={"X-Forwarded-For": "127.0.0.12"}) == 303


def test_health_answers_through_the_proxy_and_directly(live):
    for client in (live.client(), live.client("127.0.0.1", direct=True)):
        response = client.get("/health/")
        assert response.status == 200
        assert response.body == b"ok\n"


def test_pages_are_cached_in_the_chosen_backend(live):
    assert live.client().get("/our-vision/").status == 200
    if live.cache == "redis":
        assert int(live.redis.command("DBSIZE")) > 0
        assert not os.path.exists(live.env["CACHE_DIR"]) or not os.listdir(live.env["CACHE_DIR"])
    else:
        assert live.redis is None and "REDIS_URL" not in live.env
        assert os.listdir(live.env["CACHE_DIR"])


def test_gunicorn_runs_the_dockerfile_command_with_several_workers(live):
    assert live.gunicorn.args[:3] == ["gunicorn", "--config", "python:stp_site.gunicorn_conf"]
    workers = subprocess.run(["pgrep", "-P", str(live.gunicorn.pid)], capture_output=True, text=True).stdout.split()
    assert len(workers) >= 2


def test_check_deploy_passes_with_the_production_environment(live):
    env = {**live.env, "SECURE_SSL_REDIRECT": "true"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    refused = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env={**env, "TRUSTED_PROXIES": "*"}, cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert refused.returncode != 0
    assert "TRUSTED_PROXIES" in refused.stderr


def test_a_resident_who_opened_a_form_still_gets_cached_compressed_pages_through_the_proxy(live):
    """The CSRF cookie a form page sets does not keep the resident out of the page cache, and public pages
    reach them compressed through nginx; the form page itself is neither cached nor compressed."""
    resident = live.client("127.0.4.1")
    form = resident.get(GROUP_PAGE, headers={"Accept-Encoding": "br, gzip"})
    assert form.status == 200
    assert "csrftoken" in resident.cookies
    assert form.headers["Content-Encoding"] is None
    assert form.headers["X-Page-Cache"] is None
    pages = [resident.get("/our-vision/", headers={"Accept-Encoding": "gzip, br"}) for _ in range(2)]
    assert [page.status for page in pages] == [200, 200]
    assert pages[1].headers["X-Page-Cache"] == "hit"
    assert pages[1].headers["Content-Encoding"] == "br"
    assert b"<h1" in brotli.decompress(pages[1].body)
    staff_like = live.client("127.0.4.2")
    staff_like.cookies["sessionid"] = "not-a-real-session"
    assert staff_like.get("/our-vision/").headers["X-Page-Cache"] is None
