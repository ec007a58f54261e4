"""Redis stopped, on the production topology (nginx with TLS, gunicorn with 2 workers, PostgreSQL, a
redis-server of its own): residents still get every public page, and what staff publish meanwhile is
live the moment Redis is back, however long its copies would have lasted.

This Redis keeps its data across a restart (an append-only file, as a production Redis with
persistence does), so when it comes back it holds the content version from before the outage and every
copy stored under it: only the version that the cache backend changes on its return
(stp_site/core/cache_backends.py) keeps those copies from being served. A Redis that comes back empty
is the easy case (`content_version.current()` starts a new version).
"""

import json
import pickle
import re
import subprocess
import time

import pytest
import redis

from scripts.production_site import hidden_fields, manage, production_site

pytestmark = pytest.mark.smoke

VERSION_KEY = "default:1:stp_site:content_version"  # KEY_PREFIX "default", Django's key version 1
GROUP_PAGE = "/get-involved/patient-reference-groups/digital/"
DOWN = re.compile(r"Redis cache at \S+ unavailable \(process (\d+)\)")
BACK = re.compile(r"Redis cache at \S+ answers again after [\d.]+ s \(process (\d+)\)")

PAGES_JSON = """
import json
from wagtail.models import Site
from programmes.models import ProgrammePage
from news.models import NewsIndexPage, NewsPage
from stp_site.core.page_urls import local_url
root = Site.objects.get(is_default_site=True).root_page.path  # the residents' requests go to the default site
def listed(model):
    pages = model.objects.in_site(root).live().public().order_by("path")
    return [{"id": p.id, "url": local_url(p), "title": p.title} for p in pages]
programmes, news = listed(ProgrammePage), listed(NewsPage)
index = local_url(NewsIndexPage.objects.in_site(root).live().first())
print("PAGES=" + json.dumps({"programmes": programmes, "news": news, "news_index": index}))
"""


@pytest.fixture(scope="module")
def site():
    with production_site(
        cache="redis", redis_args=("--appendonly", "yes"), SECURE_SSL_REDIRECT="true", SIGNUP_MIN_SECONDS="0"
    ) as site:
        yield site


@pytest.fixture(scope="module")
def pages(site):
    output = manage(site.env, "shell", "-c", PAGES_JSON)
    found = json.loads(next(line for line in output.splitlines() if line.startswith("PAGES="))[len("PAGES=") :])
    assert len(found["programmes"]) >= 3 and len(found["news"]) >= 2
    return found


@pytest.fixture
def store(site):
    client = redis.Redis.from_url(site.redis.url)
    yield client
    client.close()


def shell(site, code):
    """Python in the site's own environment (production settings, the same Redis), as staff's changes are."""
    return manage(site.env, "shell", "-c", code)


def version(store):
    raw = store.get(VERSION_KEY)
    return None if raw is None else pickle.loads(raw)  # noqa: S301 (our own test Redis)


def workers(site):
    result = subprocess.run(["pgrep", "-P", str(site.gunicorn.pid)], capture_output=True, text=True)
    return set(result.stdout.split())


def log_since(site, offset):
    return site.log("gunicorn")[offset:]


def until(condition, seconds=20, what="condition"):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def outage_seen_by_every_worker(site, offset, paths):
    """Residents' requests until each worker has met the outage (each says so once, with its id)."""

    def seen():
        site.fetch_all(paths, rounds=8)
        return set(DOWN.findall(log_since(site, offset))) >= workers(site)

    until(seen, what="both workers to meet the outage")


def expire_everything_with_a_timeout(store):
    """What the clock does after every timeout has passed (pages 10 min, lists and the private sections
    1 h, the site 1 h): every key stored with an expiry is gone; keys stored without one remain."""
    expired = 0
    for key in store.scan_iter(count=1000):
        if store.ttl(key) > 0:
            expired += store.delete(key)
    return expired


@pytest.fixture
def redis_back(site):
    """Every test leaves Redis running, whatever happened."""
    yield
    if site.redis.process is None:
        site.redis.start()


def test_public_pages_and_health_answer_while_redis_is_down(site, pages, redis_back):
    programme, news = pages["programmes"][0], pages["news"][0]
    paths = ["/", programme["url"], "/search/?q=health", pages["news_index"], news["url"], "/sitemap.xml"]
    assert all(response.status == 200 for _, response in site.fetch_all(paths, rounds=1))
    offset = len(site.log("gunicorn"))

    site.redis.stop()
    outage_seen_by_every_worker(site, offset, ["/"])
    started = time.monotonic()
    for path, response in site.fetch_all([*paths, "/health/"]):
        assert response.status == 200, (path, response.status)
        assert "Sorry, there is a problem" not in response.text, path
    assert (time.monotonic() - started) < 30  # no call waits on the dead Redis after its first failure
    assert programme["title"] in site.client().get(programme["url"]).text
    assert "<loc>" in site.client().get("/sitemap.xml").text
    assert site.client("127.0.0.1", direct=True).get("/health/").body == b"ok\n"

    # A sign-up still works: the rate limit's count cannot be kept, and that refuses no one.
    resident = site.client("127.0.0.40")
    form = resident.get(GROUP_PAGE)
    assert form.status == 200
    data = {
        **hidden_fields(form.text), "full_name": "Test Resident", "email": "redis-down@example.com",
        "postcode": "ST4 1AA", "take_part": "online", "consent": "on", "website": "",
    }  # fmt: skip
    assert resident.post(GROUP_PAGE, data).status == 303

    # One warning per worker for the whole outage, not one per call.
    log = log_since(site, offset)
    assert sorted(DOWN.findall(log)) == sorted(workers(site))
    assert "Traceback" not in log

    site.redis.start()
    until(lambda: set(BACK.findall(log_since(site, offset))) >= workers(site), what="both workers to see Redis back")
    assert all(response.status == 200 for _, response in site.fetch_all(paths, rounds=1))
    assert site.client().get(programme["url"]).headers["X-Page-Cache"] in ("hit", "miss")
    until(lambda: site.client().get(programme["url"]).headers["X-Page-Cache"] == "hit", what="the page cache again")


def test_a_publish_while_redis_is_down_is_live_when_it_returns_and_the_old_copy_never_comes_back(
    site, pages, store, redis_back
):
    programme, news = pages["programmes"][1], pages["news"][1]
    old_title, new_title = programme["title"], programme["title"] + " (changed while Redis was down)"
    listing = "/our-work/"
    watched = [programme["url"], news["url"], listing, pages["news_index"], "/sitemap.xml", "/"]

    # Every page cached by both workers, under the version before the outage.
    until(
        lambda: all(r.headers.get("X-Page-Cache") == "hit" for _, r in site.fetch_all(watched)),
        what="every watched page to be cached",
    )
    before = version(store)
    assert before
    assert old_title in site.client().get(listing).text
    assert news["url"] in site.client().get(pages["news_index"]).text
    cached_under_before = list(store.scan_iter(f"pages:1:stp_site:page:{before}:*"))
    assert len(cached_under_before) >= len(watched)
    offset = len(site.log("gunicorn"))

    site.redis.stop()
    outage_seen_by_every_worker(site, offset, ["/"])
    shell(
        site,
        f"from wagtail.models import Page\n"
        f"page = Page.objects.get(pk={programme['id']}).specific\n"
        f"page.title = {new_title!r}\n"
        f"page.save_revision().publish()\n"
        f"Page.objects.get(pk={news['id']}).specific.unpublish()\n",
    )
    # While Redis is down every page is rendered from the database: the change shows at once.
    for path, response in site.fetch_all([programme["url"], news["url"]]):
        if path == news["url"]:
            assert response.status == 404
        else:
            assert new_title in response.text

    site.redis.start()
    # Redis is back with what it held: the version from before and every copy stored under it.
    assert all(store.exists(key) for key in cached_under_before)

    def fresh():
        """Every watched page, from 8 residents at once, three times over: the change in every answer."""
        for path, response in site.fetch_all(watched):
            assert "Sorry, there is a problem" not in response.text, path
            if path == news["url"]:
                assert response.status == 404, "the unpublished news page was served"
                continue
            assert response.status == 200, path
            if path in (programme["url"], listing):
                assert new_title in response.text, path
                # The old title as a whole element's text (a heading, a link): the words may be in the body.
                assert not re.search(rf">\s*{re.escape(old_title)}\s*<", response.text), f"{path} showed the old title"
            if path in (pages["news_index"], "/sitemap.xml", "/"):
                assert news["url"] not in response.text, f"{path} still lists the unpublished news"

    fresh()  # the very next requests, no pause
    until(lambda: set(BACK.findall(log_since(site, offset))) >= workers(site), what="both workers to see Redis back")
    after = version(store)
    assert after and after != before
    assert store.ttl(VERSION_KEY) == -1  # stored without an expiry: it never times out back to anything
    fresh()
    until(
        lambda: all(r.headers.get("X-Page-Cache") == "hit" for p, r in site.fetch_all(watched) if p != news["url"]),
        what="the new copies to be cached",
    )
    fresh()

    # Past every timeout: the copies made since expire and are made again from the database; the
    # copies from before the outage expire too. Nothing brings the old version back.
    assert expire_everything_with_a_timeout(store) > 0
    assert version(store) == after
    fresh()
    # Even if the version itself were evicted, the next is new (random, never reused), never `before`.
    store.delete(VERSION_KEY)
    fresh()
    assert version(store) not in (None, before, after)


def test_a_page_made_private_while_redis_is_down_is_never_served_to_the_public_from_any_cache(
    site, pages, store, redis_back
):
    programme = pages["programmes"][2]
    listing = "/our-work/"
    lists = [listing, "/sitemap.xml", "/"]
    until(
        lambda: all(r.headers.get("X-Page-Cache") == "hit" for _, r in site.fetch_all([programme["url"], *lists])),
        what="the page and its lists to be cached",
    )
    public = site.client().get(programme["url"])
    assert public.status == 200 and programme["title"] in public.text
    listed_in = [path for path in lists if programme["url"] in site.client().get(path).text]
    assert listing in listed_in and "/sitemap.xml" in listed_in
    before = version(store)
    offset = len(site.log("gunicorn"))

    site.redis.stop()
    outage_seen_by_every_worker(site, offset, ["/"])
    shell(
        site,
        f"from wagtail.models import Page, PageViewRestriction\n"
        f"PageViewRestriction.objects.create(page=Page.objects.get(pk={programme['id']}), "
        f"restriction_type=PageViewRestriction.LOGIN)\n",
    )

    def private():
        for path, response in site.fetch_all([programme["url"], *listed_in]):
            if path == programme["url"]:
                assert response.status in (302, 403), f"the private page answered {response.status}"
                assert programme["title"] not in response.text
            else:
                assert response.status == 200, path
                assert programme["url"] not in response.text, f"{path} still lists the private page"

    private()  # while Redis is down
    site.redis.start()
    # The old copy (uncompressed: these clients ask for no encoding) is still there, under the old version.
    old_copy = f"pages:1:stp_site:page:{before}:https:127.0.0.1:{site.https_port}:{programme['url']}?:identity"
    assert store.exists(old_copy)
    private()  # the very next requests
    until(lambda: set(BACK.findall(log_since(site, offset))) >= workers(site), what="both workers to see Redis back")
    assert version(store) != before
    private()
    expire_everything_with_a_timeout(store)
    private()
