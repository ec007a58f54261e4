"""Merging two sites that each have a 'how we are run' section: B's section and meetings page are merged
into A's (SITE_MERGE_SECTION_TYPES), so A's meetings page lists both partnerships' meetings; B's boards and
committees keep their own pages, in A's section; a meeting held in common is listed once, whichever site it
was written on, and keeps its calendar UID, so calendars that follow A's feed have one event for it."""

import datetime
import re

import pytest

from django.utils import timezone

from stp_site.governance.models import CommitteePage, GovernancePage, MeetingIndexPage, MeetingPage, PaperPage
from stp_site.site_merge.merge import run_merge
from stp_site.site_merge.plan import COPY_ON_A, plan_merge
from tests import html as h
from tests.governance.factories import MeetingPageFactory, PaperPageFactory, agenda_item, make_governance, set_agenda

from .conftest import A_HOST, A_URL, B_URL, follow, get

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def held_in_common(written_on, shown_on, date, title):
    meeting = MeetingPageFactory(
        parent=written_on["index"], committees=[written_on["board"], shown_on["board"]], date=date, title=title
    )
    paper = PaperPageFactory(parent=meeting, title=f"Working together ({title})")
    set_agenda(meeting, agenda_item("Working together", papers=[paper]))
    copy = meeting.create_alias(parent=shown_on["index"], recursive=True)
    return meeting, MeetingPage.objects.get(pk=copy.pk)


@pytest.fixture
def governance(sites):
    today = timezone.localdate()
    a, b = make_governance(sites.a_home), make_governance(sites.b_home)
    a_past = MeetingPageFactory(parent=a["index"], committees=[a["board"]], date=today - 40 * DAY)
    same_day = today + 20 * DAY
    a_same_day = MeetingPageFactory(parent=a["index"], committees=[a["board"]], date=same_day)
    b_same_day = MeetingPageFactory(parent=b["index"], committees=[b["board"]], date=same_day)  # the same slug
    b_next = MeetingPageFactory(parent=b["index"], committees=[b["board"]], date=today + 10 * DAY)
    b_committee = MeetingPageFactory(
        parent=b["index"], committees=[b["committee"]], date=today + 12 * DAY, title="B quality committee"
    )
    on_a, on_a_copy = held_in_common(a, b, today + 30 * DAY, "Meeting in common written on A")
    on_b, on_b_copy = held_in_common(b, a, today + 35 * DAY, "Meeting in common written on B")
    return {
        "a": a,
        "b": b,
        "a_meetings": [a_past, a_same_day, on_a],
        "b_meetings": [b_same_day, b_next, b_committee, on_b],
        "on_a": (on_a, on_a_copy),
        "on_b": (on_b, on_b_copy),
        "b_same_day": b_same_day,
        "b_next": b_next,
    }


def listed(client, path):
    """The meetings A's meetings page lists (upcoming, and the latest year's past ones), as addresses."""
    html = client.get(path, HTTP_HOST=A_HOST).content.decode()
    found = []
    for section in ("upcoming", "past"):
        for ul in h.elements(h.element(html, "section", aria_labelledby=section), "ul", class_="meeting-list"):
            found += h.hrefs(ul)
    return found


def test_bs_meetings_join_as_meetings_page_once_each_and_its_board_joins_as_section(
    client, sites, governance, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    a, b = governance["a"], governance["b"]
    on_a, on_a_copy = governance["on_a"]
    on_b, on_b_copy = governance["on_b"]
    uids_before = {meeting.pk: meeting.uid for meeting in governance["a_meetings"] + governance["b_meetings"]}
    assert on_b_copy.uid == on_b.uid and on_a_copy.uid == on_a.uid  # one event on both sites' calendars
    copy_path = on_b_copy.url_path
    b_addresses = {
        meeting.pk: B_URL + meeting.url_path[len(sites.b_home.url_path) - 1 :] for meeting in governance["b_meetings"]
    }

    plan = plan_merge(sites.b_site, sites.a_site)
    assert plan.runnable, plan.problems
    removed = {(removal.page.pk, removal.reason) for removal in plan.removals}
    assert (on_b_copy.pk, COPY_ON_A) in removed  # A's copy of B's meeting: B's original takes its place
    assert (on_a_copy.pk, "alias") in removed  # B's copy of A's meeting: its address leads to A's
    assert {(b["section"].pk, "merged"), (b["index"].pk, "merged")} <= removed
    run_merge(plan)

    # B's section and meetings page are gone; its meetings are in A's meetings page, with no copies left.
    assert not GovernancePage.objects.filter(pk=b["section"].pk).exists()
    assert not MeetingIndexPage.objects.filter(pk=b["index"].pk).exists()
    meetings = MeetingPage.objects.child_of(a["index"]).live()
    expected = {meeting.pk for meeting in governance["a_meetings"] + governance["b_meetings"]}
    assert set(meetings.values_list("pk", flat=True)) == expected
    assert not MeetingPage.objects.filter(alias_of__isnull=False).exists()
    assert not PaperPage.objects.filter(alias_of__isnull=False).exists()
    # The meeting written on B is where A had its copy, at the same address, with its paper.
    on_b.refresh_from_db()
    assert on_b.url_path == copy_path
    assert [paper.title for paper in PaperPage.objects.child_of(on_b)] == [
        "Working together (Meeting in common written on B)"
    ]
    # A meeting of B's on a day A has one too is renamed: both stay.
    b_same_day = MeetingPage.objects.get(pk=governance["b_same_day"].pk)
    assert b_same_day.slug.endswith("-shropshire-telford-and-wrekin")

    # B's board and committee keep their pages, in A's section (B's board is renamed: A has one at its slug).
    b_board = CommitteePage.objects.get(pk=b["board"].pk)
    assert b_board.get_parent().pk == a["section"].pk
    assert b_board.slug == "integrated-care-board-shropshire-telford-and-wrekin"
    assert CommitteePage.objects.get(pk=b["committee"].pk).get_parent().pk == a["section"].pk

    # A's meetings page lists every meeting of both partnerships once.
    index_path = a["index"].url_path[len(sites.a_home.url_path) - 1 :]
    shown = listed(client, index_path)
    assert len(shown) == len(set(shown)) == len(expected)  # A's past meeting is in this year's list
    assert {MeetingPage.objects.get(url_path=sites.a_home.url_path + path[1:]).pk for path in shown} == expected
    # Each keeps its calendar UID, and A's feed has one event for each of the last month's and upcoming.
    feed = client.get(f"{index_path}calendar.ics", HTTP_HOST=A_HOST).content.decode()
    uids = re.findall(r"^UID:(.*?)\r?$", feed, re.MULTILINE)
    past = governance["a_meetings"][0]  # more than a month ago: the feed has no event for it
    assert sorted(uids) == sorted(uid for pk, uid in uids_before.items() if pk != past.pk)
    assert {MeetingPage.objects.get(pk=pk).uid for pk in uids_before} == set(uids_before.values())

    # B's addresses lead to the meetings on A, its feed to A's.
    for pk, address in b_addresses.items():
        landed, at = follow(client, address)
        meeting = MeetingPage.objects.get(pk=pk)
        assert landed.status_code == 200 and at == A_URL + meeting.url_path[len(sites.a_home.url_path) - 1 :]
    landed, at = follow(client, B_URL + "/how-we-are-run/board-meetings/calendar.ics")
    assert landed.status_code == 200 and at == f"{A_URL}{index_path}calendar.ics"
    response = get(client, B_URL + on_a_copy.url_path[len(sites.b_home.url_path) - 1 :])
    assert response.status_code == 301
    assert response["Location"] == A_URL + on_a.url_path[len(sites.a_home.url_path) - 1 :]
