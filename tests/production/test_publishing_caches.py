"""A page unpublished or made private is never served to the public again from any cache, on the
production topology with the file cache (the Redis case, with Redis stopped meanwhile, is in
test_redis_outage.py): not at once, not from the other gunicorn worker, and not after the clock has
passed every timeout, when a content version reused after its key expired would bring old copies back."""

import json
import pickle
import re
from pathlib import Path

import pytest

from scripts.production_site import manage, production_site

pytestmark = pytest.mark.smoke

LISTS = ["/", "/our-work/", "/news/", "/sitemap.xml"]

PAGES_JSON = """
import json
from wagtail.models import Site
from programmes.models import ProgrammePage
from news.models import NewsPage
from stp_site.core.page_urls import local_url
root = Site.objects.get(is_default_site=True).root_page.path  # the residents' requests go to the default site
def first(model):
    page = model.objects.in_site(root).live().public().order_by("-path").first()
    return {"id": page.id, "url": local_url(page), "title": page.title}
print("PAGES=" + json.dumps({"programme": first(ProgrammePage), "news": first(NewsPage)}))
"""


@pytest.fixture(scope="module")
def site():
    with production_site(cache="file", SECURE_SSL_REDIRECT="true") as site:
        yield site


def pages_to_change(site):
    output = manage(site.env, "shell", "-c", PAGES_JSON)
    return json.loads(next(line for line in output.splitlines() if line.startswith("PAGES="))[len("PAGES=") :])


def move_the_clock_past_every_timeout(site):
    """What time does to the file cache after every timeout has passed (pages 10 min, lists and the
    private sections 1 h, the site 1 h): every entry stored with an expiry is expired; entries stored
    without one (the content version) remain. Django's file cache starts each file with its expiry."""
    expired = 0
    for path in Path(site.env["CACHE_DIR"]).rglob("*.djcache"):
        with path.open("rb") as file:
            expiry = pickle.load(file)  # noqa: S301 (our own cache files)
            rest = file.read()
        if expiry is not None:
            path.write_bytes(pickle.dumps(1) + rest)  # expired in 1970
            expired += 1
    return expired


def test_a_page_unpublished_or_made_private_never_comes_back_from_the_file_cache(site):
    changed = pages_to_change(site)
    programme, news = changed["programme"], changed["news"]
    watched = [programme["url"], news["url"], *LISTS]

    def all_cached():
        return all(
            response.headers.get("X-Page-Cache") == "hit" for _, response in site.fetch_all(watched, network="127.0.5")
        )

    for _ in range(20):
        if all_cached():
            break
    else:
        pytest.fail("the watched pages were never all served from the page cache")
    assert any(programme["url"] in site.client().get(path).text for path in LISTS)
    assert any(news["url"] in site.client().get(path).text for path in LISTS)

    manage(
        site.env, "shell", "-c",
        f"from wagtail.models import Page, PageViewRestriction\n"
        f"PageViewRestriction.objects.create(page=Page.objects.get(pk={programme['id']}), "
        f"restriction_type=PageViewRestriction.LOGIN)\n"
        f"Page.objects.get(pk={news['id']}).specific.unpublish()\n",
    )  # fmt: skip

    def never_served():
        for path, response in site.fetch_all(watched, network="127.0.5"):
            assert response.status < 500, path
            if path == programme["url"]:
                assert response.status in (302, 403), f"the private page answered {response.status}"
                assert programme["title"] not in response.text
            elif path == news["url"]:
                assert response.status == 404, "the unpublished news page was served"
            else:
                assert response.status == 200, path
                for gone in (programme["url"], news["url"]):
                    assert not re.search(rf'href="[^"]*{re.escape(gone)}"', response.text), f"{path} links {gone}"
                    assert f"{gone}</loc>" not in response.text, f"{path} lists {gone}"

    never_served()  # at once, from both workers
    assert move_the_clock_past_every_timeout(site) > 0
    never_served()  # after every copy from before has expired, and the ones made since
    assert move_the_clock_past_every_timeout(site) > 0
    never_served()
