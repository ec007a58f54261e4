"""Every page of both demo sites (Together We're Better at 127.0.0.1, Shropshire, Telford and Wrekin at
localhost), as each one's sitemap lists it, plus the states a sitemap never lists (search results and
their page 2, the empty search, a page that is not found), passes the newest axe-core's WCAG 2.2 A and
AA rules at 320 and 1280 px. (The sign-up form's error states are checked in
test_signup_browser.py, with JavaScript on and off.)"""

import re
import xml.etree.ElementTree as ET

import pytest

from django.core.management import call_command

from tests.browser.conftest import WCAG_TAGS, WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STATES = [
    ("/search/?q=care", 200),
    ("/search/?q=care&page=2", 200),
    ("/search/?q=zebra", 200),
    ("/search/", 200),
    ("/no-such-page/", 404),
]
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


# Each demo site's host, and how many pages its sitemap lists at least (the whole site, not an empty one).
SITES = [("127.0.0.1", 60), ("localhost", 25)]


def sitemap_paths(page, base_url):
    response = page.request.get(base_url + "/sitemap.xml")
    assert response.status == 200
    root = ET.fromstring(response.body())  # noqa: S314 - our own sitemap
    return [re.sub(r"^https?://[^/]+", "", loc.text) for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("host", "at_least"), SITES)
@pytest.mark.timeout(900)  # about 80 pages, each loaded and checked: minutes on a busy machine
def test_every_page_and_state_has_no_wcag_violations(live_server, home, browser, axe, width, host, at_least):
    # `home` remakes the page tree an earlier browser test's flush removed; the demo builds on it.
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    problems = []
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    base_url = live_server.url.replace("localhost", host)
    paths = [(path, 200) for path in sitemap_paths(page, base_url)] + STATES
    assert len(paths) > at_least
    for path, status in paths:
        response = page.goto(base_url + path)
        assert response.status == status, path
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        violations = results.response["violations"]
        problems += [f"{host}{path} at {width}px: {item['id']} ({item['impact']})" for item in violations]
    context.close()
    assert problems == [], "\n".join(problems)
