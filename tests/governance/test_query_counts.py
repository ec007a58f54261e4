"""Issue 14: every 'how we are run' page, and the home page's next board meeting, runs the same number of
SQL queries with 5 meetings as with 200: no list costs a query per meeting. Counted as the budget test
counts them (tests/core/test_query_budget.py): the whole-page cache off, on PostgreSQL, both for the
first view after a publish (the shared caches rebuilt) and for a view after it (the caches warm)."""

import datetime
import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stp_site.core import content_version
from stp_site.core.page_urls import local_url
from stp_site.governance.models import MeetingPage, PaperPage
from tests import html as h
from tests.factories import make_document
from tests.sites import add_site

from .factories import (
    MeetingPageFactory,
    PaperPageFactory,
    agenda_item,
    make_governance,
    make_many_meetings,
    set_agenda,
)

pytestmark = pytest.mark.django_db

BUDGET = 10  # issue 3's budget, for a view with the shared caches warm
DAY = datetime.timedelta(days=1)
SECOND = "second.example"


def today():
    return timezone.localdate()


def with_papers(meeting, *titles, minutes_approved_on=None):
    """Publish a paper (with a PDF) for each title under `meeting`, and minutes if asked."""
    papers = [
        PaperPageFactory(parent=meeting, title=title, reference=f"Paper {number}", document=make_document(title))
        for number, title in enumerate(titles, start=1)
    ]
    if minutes_approved_on:
        PaperPageFactory(parent=meeting, title="Minutes", kind=PaperPage.MINUTES, approved_on=minutes_approved_on)
    return papers


def held_in_common(ours, theirs, date):
    """A meeting of both boards written on the second site, with a paper, shown on ours as an alias."""
    meeting = MeetingPageFactory(
        parent=theirs["index"], committees=[theirs["board"], ours["board"]], date=date, title=f"In common, {date}"
    )
    (paper,) = with_papers(meeting, f"Working together, {date}")
    set_agenda(meeting, agenda_item("Working together", papers=[paper]))
    alias = meeting.create_alias(parent=ours["index"], recursive=True)
    return MeetingPage.objects.get(pk=alias.pk)


@pytest.fixture
def meetings(home):
    """Five meetings on the default site, one of each kind a list shows: a past board meeting with papers
    and approved minutes (last year), an upcoming one with an agenda of several items with papers, a
    committee's, a cancelled one, and one held in common with the second site's board (an alias)."""
    ours = make_governance(home)
    theirs = make_governance(add_site(SECOND).root_page)
    index, board = ours["index"], ours["board"]

    past = MeetingPageFactory(parent=index, committees=[board], date=datetime.date(today().year - 1, 6, 11))
    papers = with_papers(past, "Annual report", "Money report", minutes_approved_on=today() - 30 * DAY)
    set_agenda(past, *(agenda_item(paper.title, papers=[paper]) for paper in papers))

    upcoming = MeetingPageFactory(parent=index, committees=[board], date=today() + 14 * DAY)
    winter, money, plan, staff = with_papers(upcoming, "Winter plan", "Money report", "GP plan", "Staff survey")
    set_agenda(
        upcoming,
        agenda_item("Welcome and apologies", purpose="information"),
        agenda_item("Winter plan", papers=[winter]),
        agenda_item("Money", papers=[money, plan]),
        agenda_item("Staff survey", papers=[staff], purpose="discussion"),
        agenda_item("A new building", in_private=True, private_reason="commercial"),
    )
    MeetingPageFactory(
        parent=index, committees=[ours["committee"]], date=today() + 21 * DAY, title="Quality committee meeting"
    )
    MeetingPageFactory(
        parent=index,
        committees=[board],
        date=today() + 7 * DAY,
        title="Cancelled board meeting",
        status=MeetingPage.CANCELLED,
        status_notice="The chair is ill.",
    )
    alias = held_in_common(ours, theirs, today() + 28 * DAY)
    assert MeetingPage.objects.child_of(index).live().count() == 5

    def grow():
        """195 more meetings: two years of past board meetings (three with papers), upcoming board and
        committee meetings, cancelled ones, and five more held in common with the other board."""
        past_board = make_many_meetings(index, 100, [board], start=today() - DAY, every=-7 * DAY)
        for meeting in past_board[:3]:
            with_papers(meeting, f"Report for {meeting.date}", minutes_approved_on=meeting.date + 30 * DAY)
        make_many_meetings(index, 40, [board], start=today() + 30 * DAY, every=7 * DAY)
        make_many_meetings(index, 40, [ours["committee"]], start=today() + DAY, every=5 * DAY)
        make_many_meetings(
            index,
            10,
            [board],
            start=today() + 2 * DAY,
            every=9 * DAY,
            status=MeetingPage.CANCELLED,
            status_notice="Not enough members could come.",
        )
        for weeks in range(5):
            held_in_common(ours, theirs, today() + (50 + 7 * weeks) * DAY)
        assert MeetingPage.objects.child_of(index).live().count() == 200

    index_url = local_url(index)
    return {
        "grow": grow,
        "past_year": past.date.year,
        "urls": {
            "home (next board meeting)": "/",
            "how we are run (next board meeting)": local_url(ours["section"]),
            "board page": local_url(board),
            "committee page": local_url(ours["committee"]),
            "meetings index (upcoming)": index_url,
            "meetings index, ?year= a past year": f"{index_url}?year={past.date.year}",
            "meeting with agenda and papers": local_url(upcoming),
            "past meeting with minutes": local_url(past),
            "meeting held in common (alias)": local_url(alias),
            "paper": local_url(winter),
            "calendar feed": f"{index_url}calendar.ics",
            "a meeting's calendar": f"{local_url(upcoming)}calendar.ics",
            "held in common meeting's calendar": f"{local_url(alias)}calendar.ics",
        },
    }


def measure(client, urls):
    """Queries per page: the first view after a publish (`first`), then the next view (`warm`)."""
    first, warm, sql = {}, {}, {}
    for url in urls.values():  # once, for what a worker keeps for good (content types, the site)
        client.get(url)
    for name, url in urls.items():
        content_version.bump()  # as a publish does: every shared list is read again
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        assert "X-Page-Cache" not in response  # a real render, not the whole-page cache
        first[name] = len(captured)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        warm[name] = len(captured)
        sql[name] = [query["sql"][:300] for query in captured.captured_queries]
    return first, warm, sql


def differences(small, large):
    return {name: (small[name], large[name]) for name in small if small[name] != large[name]}


def test_governance_pages_run_the_same_queries_with_5_meetings_and_with_200(client, meetings, settings):
    settings.PAGE_CACHE_SECONDS = 0  # count the render, not the whole-page cache
    urls = meetings["urls"]
    small_first, small_warm, small_sql = measure(client, urls)

    meetings["grow"]()
    large_first, large_warm, large_sql = measure(client, urls)

    print("\npage: queries at 5 meetings, then 200 (first view after a publish / next view)")
    for name in urls:
        print(f"  {name}: {small_first[name]}/{small_warm[name]}, {large_first[name]}/{large_warm[name]}")
    assert differences(small_first, large_first) == {}, large_sql
    assert differences(small_warm, large_warm) == {}, large_sql
    assert {name: count for name, count in large_warm.items() if count > BUDGET} == {}, large_sql

    # The pages really list the 200: 99 upcoming meetings, the past year's, and the feed's events.
    index_html = client.get(urls["meetings index (upcoming)"]).content.decode()
    upcoming = h.hrefs(h.element(index_html, "section", aria_labelledby="upcoming"))
    assert len([href for href in upcoming if not href.endswith(".ics")]) == 4 + 40 + 40 + 10 + 5
    year_html = client.get(urls["meetings index, ?year= a past year"]).content.decode()
    past = MeetingPage.objects.live().filter(date__year=meetings["past_year"], date__lt=today()).count()
    shown = h.elements(h.element(year_html, "section", aria_labelledby="past"), "li", class_="meeting-list__item")
    assert len(shown) == past > 40
    feed = client.get(urls["calendar feed"]).content.decode()
    listed = MeetingPage.objects.live().filter(date__gte=today() - 31 * DAY).count() - 6  # not the second site's
    assert feed.count("BEGIN:VEVENT") == listed > 95
    assert len(set(re.findall(r"^UID:(.*)$", feed, re.MULTILINE))) == listed
