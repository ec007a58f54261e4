"""Hostile addresses to every page the site lists, through nginx over HTTPS, on production settings
and PostgreSQL (which refuses text with a NUL byte that SQLite would take): never a 500, always a page a
resident can read. Runs on the file cache and on Redis (`live`)."""

import re
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.smoke

# Each is added to every address in the sitemap. The parameters are those pages read (`q`, `page`,
# `programme`, `ref`) and some they do not.
HOSTILE_QUERIES = {
    "nul in a value": "?ref=%00&q=%00",
    "nul in a name": "?%00=1",
    "undecodable bytes": "?q=%FF%FE%C0%AF&page=%E2%82",
    "overlong utf-8 slash": "?programme=%C0%AF..%C0%AFetc",
    "huge page number": "?page=999999999999999999999999999999",
    "negative and junk page": "?page=-1&page=abc",
    "markup": "?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&ref=%22%3E%3Cimg%3E",
    "sql-looking": "?q=%27%20OR%201%3D1--&programme=1%27%3B",
    "many parameters": "?" + "&".join(f"p{number}=x" for number in range(150)),
    "long value": "?q=" + "a" * 4000,
}
NUL_QUERIES = {"nul in a value", "nul in a name"}


@pytest.fixture(scope="module")
def sitemap_paths(live):
    sitemap = live.client().get("/sitemap.xml")
    assert sitemap.status == 200
    paths = [urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", sitemap.text)]
    assert len(paths) >= 20, "the demo sitemap should list every page"
    return paths


@pytest.mark.parametrize("kind", list(HOSTILE_QUERIES))
def test_a_hostile_query_on_any_listed_page_is_never_a_server_error(live, sitemap_paths, kind):
    query = HOSTILE_QUERIES[kind]
    offset = len(live.log("gunicorn"))
    for path, response in live.fetch_all([path + query for path in sitemap_paths], rounds=1, network="127.0.4"):
        assert response.status < 500, (path, response.status)
        assert "Sorry, there is a problem with the service" not in response.text, path
        if kind in NUL_QUERIES:
            assert response.status == 400, path
            assert "Sorry, we could not understand that request" in response.text, path
        else:
            assert response.status in (200, 404), (path, response.status)
        assert "<script>alert(1)</script>" not in response.text, path
    assert "Traceback" not in live.log("gunicorn")[offset:]


@pytest.mark.parametrize("suffix", ["%00", "%00/", "%FF/", "%C0%AF/"])
def test_a_hostile_path_under_any_listed_page_is_a_readable_client_error(live, sitemap_paths, suffix):
    for path, response in live.fetch_all([path + suffix for path in sitemap_paths], rounds=1, network="127.0.4"):
        assert 400 <= response.status < 500, (path, response.status)
        assert "<h1" in response.text, path  # our error page, not a bare server message


def test_more_parameters_than_any_form_has_is_a_readable_400(live, sitemap_paths):
    """Past DATA_UPLOAD_MAX_NUMBER_FIELDS (200) Django refuses the request; the resident gets our page."""
    query = "?" + "&".join(f"p{number}=x" for number in range(300))
    for path, response in live.fetch_all([path + query for path in sitemap_paths], rounds=1, network="127.0.4"):
        assert response.status == 400, (path, response.status)
        assert "Sorry, we could not understand that request" in response.text, path


def test_hostile_queries_never_make_a_page_cache_copy_of_their_own(live, sitemap_paths):
    """Only the parameters a page reads make a copy of its own: junk is the same cached page."""
    path = sitemap_paths[0]
    resident = live.client("127.0.4.2")
    resident.get(path)
    plain = resident.get(path)
    assert plain.headers["X-Page-Cache"] == "hit"
    junk = resident.get(path + HOSTILE_QUERIES["many parameters"])
    assert junk.status == 200
    assert junk.headers["X-Page-Cache"] == "hit"
    assert junk.body == plain.body
