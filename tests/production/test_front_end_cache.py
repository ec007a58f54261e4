"""Behind a real Varnish (deploy/varnish/default.vcl, Debian's varnish and varnish-modules' xkey), on the
production topology: nginx with TLS -> varnishd -> gunicorn. Publishing is done as staff's publish does
it, through Wagtail's revisions, in a process of the production environment (like
test_publishing_caches.py), so the purge goes out from the app as it would in production."""

import json
import re
import secrets
import time

import pytest

from scripts.production_site import manage, production_site

pytestmark = pytest.mark.smoke

FRESH_SECONDS = 1.0

PAGES_JSON = """
import json
from wagtail.models import Site
from news.models import NewsPage
from programmes.models import ProgrammePage
from get_involved.models import ReferenceGroupPage
from stp_site.glossary.models import GlossaryTerm, glossary_page_url
from stp_site.core.page_urls import local_url
site = Site.objects.get(is_default_site=True)
root = site.root_page.path
def described(page):
    return {"id": page.id, "url": local_url(page), "title": page.title}
news = NewsPage.objects.in_site(root).live().public().order_by("-date", "-path")
term = GlossaryTerm.objects.filter(site=site).order_by("pk").first()
print("PAGES=" + json.dumps({
    "news": [described(page) for page in news[:3]],
    "programme": described(ProgrammePage.objects.in_site(root).live().public().order_by("-path").first()),
    "form": described(ReferenceGroupPage.objects.in_site(root).live().public().first()),
    "term": {"id": term.id, "term": term.term},
    "glossary": glossary_page_url(site),
}))
"""


@pytest.fixture(scope="module")
def site():
    with production_site(varnish=True, cache="file", SECURE_SSL_REDIRECT="true", mail_worker=False) as site:
        yield site


@pytest.fixture(scope="module")
def pages(site):
    output = manage(site.env, "shell", "-c", PAGES_JSON)
    return json.loads(next(line for line in output.splitlines() if line.startswith("PAGES="))[len("PAGES=") :])


def shell(site, code):
    manage(site.env, "shell", "-c", code)


def until(condition, seconds):
    """Polls `condition` until it holds or `seconds` have passed; whether it held."""
    deadline = time.monotonic() + seconds
    while True:
        if condition():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)


def cached(site, paths, client=None):
    """Each path is served from Varnish (fetched until it is: the first request fills it)."""
    client = client or site.client("127.0.0.2")
    return until(lambda: all(client.get(path).headers.get("X-Cache") == "HIT" for path in paths), 10)


def test_public_pages_are_cached_with_s_maxage_and_surrogate_keys(site):
    assert cached(site, ["/", "/news/"])
    response = site.client().get("/news/")
    assert response.status == 200 and "s-maxage=" in response.headers["Cache-Control"]
    assert "max-age=0" in response.headers["Cache-Control"].replace("s-maxage", "")
    assert "xkey" not in response.headers  # for the cache, not for browsers
    proxy = site.client("127.0.0.1", direct=True)  # to gunicorn as the proxy in front, whose headers count
    direct = proxy.get("/news/", headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
    assert direct.status == 200
    assert re.search(r"\bsite-\d+\b", direct.headers["xkey"]) and re.search(r"\bpage-\d+\b", direct.headers["xkey"])


def test_after_a_publish_the_item_its_index_feed_and_the_home_page_are_fresh_within_a_second(site, pages):
    news = pages["news"][0]
    watched = [news["url"], "/news/", "/news/feed/", "/"]
    assert cached(site, watched)
    resident = site.client("127.0.0.3")
    assert all(news["title"] in resident.get(path).text for path in watched)

    title = f"{news['title']} (updated {secrets.token_hex(3)})"
    shell(
        site,
        f"from wagtail.models import Page\n"
        f"page = Page.objects.get(pk={news['id']}).specific\n"
        f"page.title = {title!r}\n"
        f"page.save_revision().publish()\n",
    )

    def fresh():
        return all(title in resident.get(path).text for path in watched)

    assert until(fresh, FRESH_SECONDS), "a page still showed the old title a second after the publish"
    assert cached(site, watched)  # and cached again afterwards


def test_a_page_made_private_or_unpublished_is_never_served_from_varnish(site, pages):
    programme, news = pages["programme"], pages["news"][1]
    lists = ["/", "/our-work/", "/news/"]
    assert cached(site, [programme["url"], news["url"], *lists])

    shell(
        site,
        f"from wagtail.models import Page, PageViewRestriction\n"
        f"PageViewRestriction.objects.create(page=Page.objects.get(pk={programme['id']}), "
        f"restriction_type=PageViewRestriction.LOGIN)\n"
        f"Page.objects.get(pk={news['id']}).specific.unpublish()\n",
    )

    for path, response in site.fetch_all([programme["url"], news["url"], *lists], rounds=4, network="127.0.6"):
        if path == programme["url"]:
            assert response.status in (302, 403) and programme["title"] not in response.text
        elif path == news["url"]:
            assert response.status == 404
        else:
            assert response.status == 200
            for gone in (programme["url"], news["url"]):
                assert not re.search(rf'href="[^"]*{re.escape(gone)}"', response.text), f"{path} links {gone}"
        if path in (programme["url"], news["url"]):
            assert response.headers.get("X-Cache") == "MISS", path
            assert "s-maxage" not in response.headers.get("Cache-Control", "")


def test_form_pages_never_enter_varnish(site, pages):
    form = pages["form"]["url"]
    served_before = site.log("gunicorn").count(f'"GET {form} ')
    for _ in range(4):
        response = site.client("127.0.0.4").get(form)
        assert response.status == 200 and "csrfmiddlewaretoken" in response.text
        assert response.headers["X-Cache"] == "MISS"
        assert "no-store" in response.headers["Cache-Control"] and "s-maxage" not in response.headers["Cache-Control"]
    # Each one was rendered by the app (its access log may reach the file a moment later).
    assert until(lambda: site.log("gunicorn").count(f'"GET {form} ') == served_before + 4, 5)


def test_a_snippet_change_purges_the_pages_using_it(site, pages):
    glossary, term = pages["glossary"], pages["term"]
    assert cached(site, [glossary, "/"])
    meaning = f"A plain meaning {secrets.token_hex(3)}."
    shell(
        site,
        f"from stp_site.glossary.models import GlossaryTerm\n"
        f"term = GlossaryTerm.objects.get(pk={term['id']})\n"
        f"term.meaning = {meaning!r}\n"
        f"term.save()\n",
    )
    assert until(lambda: meaning in site.client("127.0.0.5").get(glossary).text, FRESH_SECONDS)


def test_a_resident_with_only_a_csrf_cookie_gets_a_hit_and_a_staff_session_never_does(site):
    assert cached(site, ["/"])
    resident = site.client("127.0.0.7")
    resident.cookies.update(csrftoken=secrets.token_hex(16), _ga="GA1.2.1234.5678")
    assert resident.get("/").headers["X-Cache"] == "HIT"
    staff = site.client("127.0.0.8")
    staff.cookies.update(sessionid=secrets.token_hex(16), csrftoken=secrets.token_hex(16))
    for _ in range(3):
        assert staff.get("/").headers["X-Cache"] == "MISS"


def test_only_the_app_servers_may_purge(site):
    response = site.client("127.0.0.9").request("PURGE", "/", headers={"xkey-purge": "site-1"})
    assert response.status == 403  # through nginx: not the purge socket
    assert cached(site, ["/"])
