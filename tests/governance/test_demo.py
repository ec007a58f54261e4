"""The demo 'how we are run' sections of both partnerships: a board with two committees, past meetings
with papers, decisions and minutes, upcoming meetings with papers, and a meeting held in common, written
once on one site and shown on the other (an alias, with its papers)."""

import icalendar
import pytest

from django.utils import timezone

from wagtail.models import Site

from stp_site.core.demo import partnerships
from stp_site.governance.attention import meetings_needing_attention
from stp_site.governance.models import CommitteePage, MeetingPage, PaperPage
from tests import html as h

pytestmark = pytest.mark.usefixtures("demo")

STAFFORDSHIRE, SHROPSHIRE = (item.fixtures for item in partnerships())


def site(fixtures):
    chosen = next(item for item in partnerships() if item.fixtures == fixtures)
    return Site.objects.select_related("root_page").get(root_page__slug=chosen.home_slug, root_page__depth=2)


def get(client, fixtures, path):
    response = client.get(path, HTTP_HOST=site(fixtures).hostname)
    assert response.status_code == 200, path
    return response.content.decode()


def meetings(fixtures):
    return MeetingPage.objects.in_site(site(fixtures).root_page.path).live().order_by("date")


@pytest.mark.parametrize("fixtures", [STAFFORDSHIRE, SHROPSHIRE])
def test_each_site_has_a_board_two_committees_and_past_and_upcoming_meetings(client, fixtures):
    root = site(fixtures).root_page.path
    committees = CommitteePage.objects.in_site(root).live()
    assert sorted(committees.values_list("kind", flat=True)) == ["board", "committee", "committee"]
    html = get(client, fixtures, "/how-we-are-run/")
    cards = h.hrefs(html, class_="nhsuk-card__link")
    assert len(cards) == 4 and cards[-1] == "/how-we-are-run/board-meetings/"
    assert h.elements(html, "div", class_="next-meeting")
    home = get(client, fixtures, "/")
    assert "Next board meeting" in h.text(h.element(home, "div", class_="next-meeting"))
    assert "/how-we-are-run/" in h.hrefs(h.element(home, "header"))  # in the menu

    today = timezone.localdate()
    index = get(client, fixtures, "/how-we-are-run/board-meetings/")
    upcoming = h.element(index, "section", aria_labelledby="upcoming")
    past = h.element(index, "section", aria_labelledby="past")
    assert len(h.elements(upcoming, "li", class_="meeting-list__item")) >= 2
    assert h.elements(past, "li", class_="meeting-list__item")
    assert any(meeting.date < today for meeting in meetings(fixtures))
    for meeting in meetings(fixtures):
        html = get(client, fixtures, meeting.relative_url(site(fixtures)))
        assert h.elements(html, "section", aria_labelledby="agenda"), meeting.url_path


def test_a_past_meeting_has_papers_a_private_item_decisions_and_minutes(client):
    board = next(
        m
        for m in meetings(STAFFORDSHIRE)
        if m.slug.startswith("board-meeting") and m.date < timezone.localdate() and m.decisions and len(m.agenda) == 5
    )
    html = get(client, STAFFORDSHIRE, board.relative_url(site(STAFFORDSHIRE)))
    agenda = h.element(html, "section", aria_labelledby="agenda")
    assert len(h.elements(agenda, "li", class_="agenda__item")) == 5
    assert "Taken in private" in h.text(agenda)
    assert len(h.hrefs(agenda)) == 2  # two papers; none for the private item
    assert h.texts(h.element(html, "section", aria_labelledby="decisions"), "dt")
    assert "These minutes are a draft" in h.text(h.element(html, "section", aria_labelledby="minutes"))
    assert h.texts(html, "strong", class_="meeting-status") == ["Status: Draft minutes published"]
    paper = PaperPage.objects.child_of(board).get(slug="mental-health-plan")
    paper_html = get(client, STAFFORDSHIRE, paper.relative_url(site(STAFFORDSHIRE)))
    assert "(PDF," in h.text(h.element(paper_html, "p", class_="document-link"))
    earlier = next(m for m in meetings(STAFFORDSHIRE) if m.date < board.date)
    earlier_html = get(client, STAFFORDSHIRE, earlier.relative_url(site(STAFFORDSHIRE)))
    assert h.texts(earlier_html, "strong", class_="meeting-status") == ["Status: Minutes approved"]
    assert f"These minutes were approved on {board.date.day} {board.date:%B %Y}" in earlier_html


def test_the_meeting_held_in_common_is_written_once_and_shown_on_both_sites(client):
    original = MeetingPage.objects.in_site(site(SHROPSHIRE).root_page.path).get(slug__startswith="meeting-in-common")
    alias = MeetingPage.objects.in_site(site(STAFFORDSHIRE).root_page.path).get(slug__startswith="meeting-in-common")
    assert alias.alias_of_id == original.pk
    assert original.held_in_common
    ours = get(client, SHROPSHIRE, original.relative_url(site(SHROPSHIRE)))
    theirs = get(client, STAFFORDSHIRE, alias.relative_url(site(STAFFORDSHIRE)))
    assert "This is a meeting in common" in ours and "This is a meeting in common" in theirs
    assert h.attribute(theirs, "link", "href", rel="canonical") == original.full_url
    # Its paper is shown on the second site too, and the agenda links to that copy, on the same site.
    paper_link = h.hrefs(h.element(theirs, "section", aria_labelledby="agenda"))
    assert paper_link == [f"{alias.relative_url(site(STAFFORDSHIRE))}working-together/"]
    get(client, STAFFORDSHIRE, paper_link[0])
    # One event in both calendars.
    uids = set()
    for fixtures, page in ((SHROPSHIRE, original), (STAFFORDSHIRE, alias)):
        feed = client.get("/how-we-are-run/board-meetings/calendar.ics", HTTP_HOST=site(fixtures).hostname)
        uids |= {str(event["UID"]) for event in icalendar.Calendar.from_ical(feed.content).walk("VEVENT")}
        file = client.get(f"{page.relative_url(site(fixtures))}calendar.ics", HTTP_HOST=site(fixtures).hostname)
        (event,) = icalendar.Calendar.from_ical(file.content).walk("VEVENT")
        assert str(event["UID"]) == original.uid
    assert original.uid in uids
    # Both boards' pages list it among their meetings.
    staffs_board = CommitteePage.objects.in_site(site(STAFFORDSHIRE).root_page.path).get(kind="board")
    assert alias in staffs_board.meetings_in_site()


def test_the_demo_has_nothing_late():
    assert meetings_needing_attention() == []


@pytest.mark.parametrize("fixtures", [STAFFORDSHIRE, SHROPSHIRE])
def test_each_site_has_both_registers_with_rows_and_a_csv(client, fixtures):
    section = get(client, fixtures, "/how-we-are-run/")
    links = h.hrefs(h.element(section, "section", aria_labelledby="open-information"))
    assert links == [
        "/how-we-are-run/register-of-interests/",
        "/how-we-are-run/gifts-and-hospitality/",
        "/how-we-are-run/publication-scheme/",
    ]
    for path in links[:2]:
        html = get(client, fixtures, path)
        rows = h.elements(h.element(html, "table", class_="nhsuk-table-responsive"), "tr", class_="nhsuk-table__row")
        assert len(rows) >= 2
        assert "Last updated:" in h.text(h.element(html, "p", class_="register-updated"))
        download = client.get(f"{path}csv/", HTTP_HOST=site(fixtures).hostname)
        assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
        assert len(download.content.decode().splitlines()) == len(rows) + 1
    # The sitemap lists them (so the every-page accessibility test visits them), but not the CSV files.
    sitemap = client.get("/sitemap.xml", HTTP_HOST=site(fixtures).hostname).content.decode()
    for path in links:
        assert f"{path}</loc>" in sitemap
    assert "/csv/" not in sitemap


@pytest.mark.parametrize("fixtures", [STAFFORDSHIRE, SHROPSHIRE])
def test_each_sites_publication_scheme_lists_its_own_tagged_pages_and_documents(client, fixtures):
    html = get(client, fixtures, "/how-we-are-run/publication-scheme/")

    def listed(key):
        return h.hrefs(h.element(html, "section", aria_labelledby=key))

    assert "/privacy/" in listed("policies") and "/our-work/" in listed("priorities")
    assert "/how-we-are-run/board-meetings/" in listed("how_we_decide")
    assert "/how-we-are-run/register-of-interests/" in listed("lists_and_registers")
    assert any(href.startswith("/documents/") for href in listed("how_we_decide"))
    assert "(PDF," in h.text(h.element(html, "section", aria_labelledby="how_we_decide"))
    spending = h.element(html, "section", aria_labelledby="what_we_spend")
    if fixtures == STAFFORDSHIRE:  # the board's money report
        assert any(href.startswith("/documents/") for href in h.hrefs(spending))
    else:
        assert "We have nothing to list here yet" in h.text(spending)
    assert h.element(html, "section", aria_labelledby="foi-request")
