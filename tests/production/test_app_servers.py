"""Two app servers, as on two machines (docs/scaling.md): two gunicorns, each with its own port and
working dir, sharing PostgreSQL and Redis behind nginx's round robin (scripts/production_site.py,
`app_servers=2`). A publish made on one is live through both at once, scheduled publishing run on
either is too, a dead server leaves the site answering through the other, and production settings
refuse several app servers without Redis."""

import json
import secrets
import time

import pytest

from scripts.production_site import manage, production_site

pytestmark = pytest.mark.smoke

PAGES_JSON = """
import json
from wagtail.models import Site
from programmes.models import ProgrammePage
from news.models import NewsPage
from stp_site.core.page_urls import local_url
root = Site.objects.get(is_default_site=True).root_page.path  # the residents' requests go to the default site
def first(model):
    page = model.objects.in_site(root).live().public().order_by("path").first()
    return {"id": page.id, "url": local_url(page), "title": page.title}
print("PAGES=" + json.dumps({"programme": first(ProgrammePage), "news": first(NewsPage)}))
"""

# An editor's change to a live page, published at once or scheduled with a go-live time that has
# since passed (the revision as Wagtail leaves it when its time comes: waiting for publish_scheduled).
CHANGE_TITLE = """
from datetime import timedelta
from django.utils import timezone
from wagtail.models import Page, Revision
page = Page.objects.get(pk={id}).specific
page.title = {title!r}
scheduled = {scheduled!r}
if scheduled:
    page.go_live_at = timezone.now() + timedelta(hours=1)
revision = page.save_revision()
revision.publish()
if scheduled:
    past = timezone.now() - timedelta(minutes=1)
    content = {{**revision.content, "go_live_at": past.isoformat()}}
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=past, content=content)
"""


@pytest.fixture(scope="module")
def site():
    with production_site(cache="redis", app_servers=2, SECURE_SSL_REDIRECT="true") as site:
        yield site


@pytest.fixture(scope="module")
def pages(site):
    output = manage(site.env, "shell", "-c", PAGES_JSON)
    return json.loads(next(line for line in output.splitlines() if line.startswith("PAGES="))[len("PAGES=") :])


def server(site, name):
    return next(each for each in site.app_servers if each.name == name)


def from_both(site, path, network, seconds=30):
    """Requests through nginx for `path` until each app server has answered at least once:
    {"a": [responses], "b": [responses]}. Every response, from either, is kept."""
    answered = {"a": [], "b": []}
    deadline = time.monotonic() + seconds
    n = 0
    while not (answered["a"] and answered["b"]):
        assert time.monotonic() < deadline, f"{path} never reached both app servers: {list(answered)}"
        response = site.client(f"{network}.{1 + n % 200}").get(path)
        answered.setdefault(site.answered_by(response), []).append(response)
        n += 1
    return answered


def cached_on_both(site, path, network):
    """Poll until both app servers serve `path` from the page cache; their responses then."""
    deadline = time.monotonic() + 30
    while True:
        answered = from_both(site, path, network)
        if all(responses[-1].headers.get("X-Page-Cache") == "hit" for responses in answered.values()):
            return answered
        assert time.monotonic() < deadline, f"{path} was never served from the page cache by both"


def texts(answered):
    return [response.text for responses in answered.values() for response in responses]


def test_requests_reach_both_app_servers_each_in_its_own_log(site):
    assert [each.name for each in site.app_servers] == ["a", "b"]
    assert len({each.port for each in site.app_servers}) == 2
    assert len({each.env["CACHE_DIR"] for each in site.app_servers}) == 2  # no disk shared
    probes = {}
    for n in range(6):
        response = site.client(f"127.0.6.{1 + n}").get(f"/our-work/?probe=p{n}")
        assert response.status == 200
        probes[f"p{n}"] = site.answered_by(response)
    assert set(probes.values()) == {"a", "b"}  # round robin

    # Each gunicorn's own access log shows the requests nginx says it sent there, and only those.
    logs = {"a": "gunicorn", "b": "gunicorn-b"}
    deadline = time.monotonic() + 10
    while not all(f"probe={probe}" in site.log(logs[name]) for probe, name in probes.items()):
        assert time.monotonic() < deadline, "a request nginx sent is missing from that server's access log"
        time.sleep(0.1)
    for probe, name in probes.items():
        other = logs["b" if name == "a" else "a"]
        assert f"probe={probe} " not in site.log(other)


def test_a_publish_on_one_server_is_live_through_both_at_once(site, pages):
    programme = pages["programme"]
    watched = [programme["url"], "/our-work/"]
    for path in watched:
        assert all(programme["title"] in text for text in texts(cached_on_both(site, path, "127.0.7")))

    title = f"Programme renamed {secrets.token_hex(4)}"
    manage(server(site, "a").env, "shell", "-c", CHANGE_TITLE.format(id=programme["id"], title=title, scheduled=False))

    # At once: the first requests after the publish, on either server, show it; none shows the old copy.
    for path in watched:
        answered = from_both(site, path, "127.0.8")
        for name, responses in answered.items():
            for response in responses:
                assert response.status == 200
                assert title in response.text, f"{path} from app server {name} is stale"


def test_scheduled_publishing_run_on_either_server_is_live_through_both(site, pages):
    news = pages["news"]
    for runner, network in (("b", "127.0.9"), ("a", "127.0.10")):
        title = f"News renamed {secrets.token_hex(4)}"
        manage(server(site, "a").env, "shell", "-c", CHANGE_TITLE.format(id=news["id"], title=title, scheduled=True))
        # Scheduled, not yet published: neither server shows it.
        before = texts(from_both(site, news["url"], network))
        assert before and not any(title in text for text in before)

        manage(server(site, runner).env, "publish_scheduled")

        for response in [r for responses in from_both(site, news["url"], network).values() for r in responses]:
            assert response.status == 200
            assert title in response.text, f"publish_scheduled on {runner}: the news page is stale"
        news_index = texts(from_both(site, "/news/", network))
        assert all(title in text for text in news_index)


def test_a_dead_app_server_leaves_the_site_answering_through_the_other(site, pages):
    paths = ["/", "/our-work/", "/news/", pages["news"]["url"], "/health/"]
    b = server(site, "b")
    b.kill()
    try:
        assert b.process.poll() is not None
        # Round robin sends one of the next two requests to the dead server; nginx passes it on.
        first_two = [site.client("127.0.11.1").get("/our-work/") for _ in range(2)]
        assert [response.status for response in first_two] == [200, 200]
        tried = [response.headers["X-App-Server"] for response in first_two]
        assert f"{b.address}, {server(site, 'a').address}" in tried, tried

        results = site.fetch_all(paths, rounds=4, network="127.0.11")
        statuses = [(path, response.status) for path, response in results]
        assert all(status == 200 for _, status in statuses), statuses
        assert {site.answered_by(response) for _, response in results} == {"a"}
    finally:
        b.start()
    # Back in the rotation once nginx tries it again (fail_timeout): both answer.
    deadline = time.monotonic() + 30
    while True:
        answered = {site.answered_by(site.client("127.0.12.1").get("/our-work/")) for _ in range(4)}
        if answered == {"a", "b"}:
            break
        assert time.monotonic() < deadline, f"app server b never answered again: {answered}"
        time.sleep(0.2)


def test_several_app_servers_refuse_to_start_without_redis(site):
    without_redis = {name: value for name, value in server(site, "a").env.items() if name != "REDIS_URL"}
    assert without_redis["APP_SERVERS"] == "2"
    with pytest.raises(RuntimeError, match="APP_SERVERS is 2: several app servers must share one cache"):
        manage(without_redis, "check")
    manage({**without_redis, "APP_SERVERS": "1"}, "check")  # one machine: its own file cache is enough
