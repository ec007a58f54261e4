"""Every page of both demo sites (Together We're Better at 127.0.0.1, Shropshire, Telford and Wrekin at
localhost), as each one's sitemap lists it, plus the states a sitemap never lists (search results and
their page 2, the empty search, a page that is not found; the meetings page's past years and a year with
none, a cancelled and a moved meeting, a meeting held in common and its paper as shown on the other
site), passes the newest axe-core's WCAG 2.2 A and AA rules at 320 and 1280 px. (The sign-up form's
error states are checked in test_signup_browser.py, with JavaScript on and off.)"""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Site

from stp_site.governance.models import CommitteePage, MeetingIndexPage, MeetingPage, PaperPage
from tests.browser.conftest import WCAG_TAGS, WIDTHS
from tests.governance.factories import MeetingPageFactory

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


def governance_states(host):
    """The 'how we are run' pages a sitemap never lists, on the site at `host`: each past year of the
    meetings page and a year with no meetings, a cancelled and a moved meeting (made here: the demo has
    none), and the copies (aliases) of a meeting held in common and of its papers, if the site shows one."""
    site = Site.objects.get(hostname=host)
    root = site.root_page

    def path(page):
        return page.url_path[len(root.url_path) - 1 :]

    index = MeetingIndexPage.objects.descendant_of(root).get()
    board = CommitteePage.objects.descendant_of(root).filter(kind="board").first()
    today = timezone.localdate()
    meetings = MeetingPage.objects.child_of(index).live()
    years = sorted({meeting.date.year for meeting in meetings if meeting.date < today})
    later = meetings.filter(date__gt=today).order_by("date").first()
    cancelled = MeetingPageFactory(
        parent=index,
        committees=[board],
        date=today + datetime.timedelta(days=60),
        title="Extra board meeting (cancelled)",
        status=MeetingPage.CANCELLED,
        status_notice="Not enough board members could come. The items will go to the next meeting.",
    )
    moved = MeetingPageFactory(
        parent=index,
        committees=[board],
        date=today + datetime.timedelta(days=2),
        title="Extra board meeting (moved)",
        status=MeetingPage.MOVED,
        status_notice="The room is not free that day.",
        moved_to=later,
    )
    copies = [
        *meetings.filter(alias_of__isnull=False),
        *PaperPage.objects.descendant_of(index).filter(alias_of__isnull=False),
    ]
    return [
        *(f"{path(index)}?year={year}" for year in years),
        f"{path(index)}?year=1999",
        path(cancelled),
        path(moved),
        *(path(copy) for copy in copies),
    ]


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
    extra = [(path, 200) for path in governance_states(host)]
    paths = [(path, 200) for path in sitemap_paths(page, base_url)] + STATES + extra
    assert len(paths) > at_least
    # Every governance page type is visited, in each state the demo has or the states above add.
    visited = {path for path, _ in paths}
    assert any("?year=" in path for path in visited) and any(path.endswith("-cancelled/") for path in visited)
    assert sum("/how-we-are-run/" in path for path in visited) >= 10
    for path, status in paths:
        response = page.goto(base_url + path)
        assert response.status == status, path
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        violations = results.response["violations"]
        problems += [f"{host}{path} at {width}px: {item['id']} ({item['impact']})" for item in violations]
    context.close()
    assert problems == [], "\n".join(problems)
