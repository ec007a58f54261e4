"""The 'how we are run' pages: where each page type may go, the meetings index (upcoming, then past by
year), a meeting (when and where, status, agenda with papers and private items, decisions, minutes), a
paper, a board's page, and the next board meeting on the home page. Each site lists only its own."""

import datetime

import pytest

from django.utils import timezone

from wagtail.test.utils import WagtailTestUtils

from stp_site.governance.models import CommitteePage, GovernancePage, MeetingIndexPage, MeetingPage, PaperPage
from stp_site.home.models import HomePage
from tests import html as h
from tests.factories import make_document
from tests.sites import add_site

from .factories import MeetingPageFactory, PaperPageFactory, agenda_item, make_governance, set_agenda

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def section(home):
    return make_governance(home)


def today():
    return timezone.localdate()


def status(html):
    """What the page's status tags say (the meeting's, or each listed meeting's)."""
    return h.texts(html, "strong", class_="meeting-status")


def listed(html, section_id):
    """The meetings listed in one section of the page (by its heading's id), in order."""
    lists = h.elements(h.element(html, "section", aria_labelledby=section_id), "ul", class_="meeting-list")
    return [href for found in lists for href in h.hrefs(found)]


# --- Where pages go --------------------------------------------------------------------------------------


def test_page_types_go_where_they_belong():
    utils = WagtailTestUtils()
    assert GovernancePage in HomePage.allowed_subpage_models()
    assert set(GovernancePage.allowed_subpage_models()) >= {CommitteePage, MeetingIndexPage}
    assert MeetingIndexPage.allowed_subpage_models() == [MeetingPage]
    assert MeetingPage.allowed_subpage_models() == [PaperPage]
    assert PaperPage.allowed_subpage_models() == []
    assert utils is not None


def test_one_section_and_one_index_per_site(section, home):
    assert not GovernancePage.can_create_at(home)
    assert not MeetingIndexPage.can_create_at(section["section"])
    second = add_site().root_page
    assert GovernancePage.can_create_at(second)


# --- The index ---------------------------------------------------------------------------------------------


def test_index_lists_upcoming_soonest_first_then_the_latest_year_of_past_meetings(client, section):
    index, board = section["index"], section["board"]
    soon = MeetingPageFactory(parent=index, committees=[board], date=today() + 7 * DAY)
    later = MeetingPageFactory(parent=index, committees=[board], date=today() + 70 * DAY)
    on_the_day = MeetingPageFactory(parent=index, committees=[board], date=today())
    last_year = today().year - 1
    old = MeetingPageFactory(parent=index, committees=[board], date=datetime.date(last_year - 1, 6, 4))
    recent = [
        MeetingPageFactory(parent=index, committees=[board], date=datetime.date(last_year, month, 10))
        for month in (3, 9)
    ]
    response = client.get("/how-we-are-run/board-meetings/")
    assert response.status_code == 200
    html = response.content.decode()
    assert listed(html, "upcoming") == [on_the_day.url, soon.url, later.url]
    past = h.element(html, "section", aria_labelledby="past")
    assert h.texts(h.element(past, "ul", class_="meeting-years"), "a") == [str(last_year), str(last_year - 1)]
    # The latest year with past meetings is shown first, newest first.
    assert listed(html, "past") == [recent[1].url, recent[0].url]
    assert h.texts(past, "a", aria_current="page") == [str(last_year)]
    # Another year, by ?year=.
    other = client.get(f"/how-we-are-run/board-meetings/?year={last_year - 1}").content.decode()
    assert listed(other, "past") == [old.url]
    assert h.texts(h.element(other, "section", aria_labelledby="past"), "a", aria_current="page") == [
        str(last_year - 1)
    ]


@pytest.mark.parametrize("year", ["1999", "nonsense", "20261", "-1"])
def test_a_year_with_no_meetings_is_a_clear_empty_state(client, section, year):
    MeetingPageFactory(parent=section["index"], committees=[section["board"]], date=today() - 40 * DAY)
    response = client.get(f"/how-we-are-run/board-meetings/?year={year}")
    assert response.status_code == 200
    assert "We have no meetings to show for that year" in response.content.decode()


def test_index_shows_day_time_place_and_status(client, section):
    meeting = MeetingPageFactory(
        parent=section["index"],
        committees=[section["board"]],
        date=datetime.date(2031, 3, 6),
        start_time=datetime.time(14, 30),
        end_time=datetime.time(16, 0),
    )
    html = client.get("/how-we-are-run/board-meetings/").content.decode()
    item = h.element(h.element(html, "section", aria_labelledby="upcoming"), "li", class_="meeting-list__item")
    text = h.text(item)
    assert "Thursday 6 March 2031, 2:30pm to 4pm" in text
    assert "Council chamber, Civic Centre, Main Street Stafford ST16 1AA" in text
    assert "Status: Scheduled" in text
    assert h.attribute(item, "time", "datetime") == "2031-03-06T14:30:00+00:00"
    assert meeting.url in h.hrefs(item)


def test_index_lists_only_live_public_meetings_of_its_own_site(client, section):
    index, board = section["index"], section["board"]
    MeetingPageFactory(parent=index, committees=[board], date=today() + 3 * DAY, title="Draft meeting", live=False)
    shown = MeetingPageFactory(parent=index, committees=[board], date=today() + 4 * DAY)
    other_site = add_site()
    other = make_governance(other_site.root_page)
    MeetingPageFactory(parent=other["index"], committees=[other["board"]], date=today() + 5 * DAY, title="Elsewhere")
    html = client.get("/how-we-are-run/board-meetings/").content.decode()
    assert "Draft meeting" not in html and "Elsewhere" not in html
    assert shown.title in html


# --- A meeting ---------------------------------------------------------------------------------------------


def test_meeting_page_says_when_and_where_and_how_to_watch(client, section):
    meeting = MeetingPageFactory(
        parent=section["index"],
        committees=[section["board"]],
        date=datetime.date(2031, 7, 3),
        attendance=MeetingPage.BOTH,
        livestream_url="https://www.youtube.com/watch?v=abc",
    )
    response = client.get(meeting.url)
    assert response.status_code == 200
    html = response.content.decode()
    where = h.element(html, "section", aria_labelledby="when-and-where")
    text = h.text(where)
    assert "Thursday 3 July 2031" in text and "10am to midday" in text
    assert "Council chamber, Civic Centre" in text and "You can also watch it online" in text
    assert "Step-free access by the side door" in text
    assert ("https://www.youtube.com/watch?v=abc", "Watch the meeting live") in h.links(where)
    assert "(on YouTube)" in text
    # A link out only: nothing loads from YouTube on the page.
    assert "<iframe" not in html and "youtube.com/embed" not in html
    assert (f"{meeting.url}calendar.ics", "Add this meeting to your calendar") in h.links(where)
    assert h.texts(html, "span", class_="nhsuk-caption-l") == ["Integrated care board"]


def test_online_only_meeting_needs_no_venue(section):
    meeting = MeetingPage(
        title="Online meeting",
        date=datetime.date(2031, 1, 9),
        start_time=datetime.time(10),
        end_time=datetime.time(11),
        attendance=MeetingPage.ONLINE,
    )
    meeting.clean()
    assert meeting.place == "Online"


def test_meeting_checks_times_venue_and_notice():
    meeting = MeetingPage(
        title="Bad",
        date=datetime.date(2031, 1, 9),
        start_time=datetime.time(11),
        end_time=datetime.time(10),
        attendance=MeetingPage.IN_PERSON,
        status=MeetingPage.CANCELLED,
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        meeting.clean()
    assert set(error.value.message_dict) == {"end_time", "venue", "status_notice"}


def test_agenda_is_numbered_with_papers_and_private_items_show_the_reason_without_papers(client, section):
    meeting = MeetingPageFactory(parent=section["index"], committees=[section["board"]], date=today() + 10 * DAY)
    winter = PaperPageFactory(parent=meeting, title="Winter plan", reference="Paper 2")
    draft = PaperPageFactory(parent=meeting, title="Not ready yet", live=False)
    loose = PaperPageFactory(parent=meeting, title="Register of attendance")
    set_agenda(
        meeting,
        agenda_item("Welcome and apologies", purpose="information", presenter="Chair"),
        agenda_item("Winter plan", papers=[winter, draft], purpose="decision", presenter="Chief operating officer"),
        agenda_item(
            "Buying a new building",
            purpose="decision",
            in_private=True,
            private_reason="commercial",
        ),
    )
    html = client.get(meeting.url).content.decode()
    agenda = h.element(html, "section", aria_labelledby="agenda")
    items = h.elements(agenda, "li", class_="agenda__item")
    assert [h.text(h.element(item, "h3")) for item in items] == [
        "1. Welcome and apologies",
        "2. Winter plan",
        "3. Buying a new building",
    ]
    assert "For decision. Presenter: Chief operating officer" in h.text(items[1])
    assert h.links(items[1]) == [(winter.url, "Paper 2: Winter plan")]  # the draft paper is not shown
    private = h.text(items[2])
    assert "Taken in private" in private
    assert "Why it is private: It is about contracts or money that must stay confidential for now." in private
    assert "Public Bodies (Admission to Meetings) Act 1960" in private
    assert h.links(items[2]) == []
    # A published paper no item lists is still there.
    assert (loose.url, "Register of attendance") in h.links(agenda)
    assert status(html) == ["Status: Papers published"]
    assert draft.title not in html


def test_papers_for_a_private_item_are_refused():
    from wagtail.blocks import StructBlockValidationError

    from stp_site.governance.blocks import AgendaItemBlock

    block = AgendaItemBlock()
    value = block.to_python({"title": "Secret", "purpose": "decision", "in_private": True, "papers": []})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "private_reason" in error.value.block_errors
    value = block.to_python(
        {"title": "Other", "purpose": "decision", "in_private": True, "private_reason": "other", "papers": []}
    )
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "private_reason_detail" in error.value.block_errors


def test_upcoming_meeting_without_papers_says_when_they_will_be_published(client, section):
    meeting = MeetingPageFactory(
        parent=section["index"], committees=[section["board"]], date=datetime.date(2031, 5, 8)
    )
    html = client.get(meeting.url).content.decode()
    # Five working days before Thursday 8 May 2031, skipping Monday 5 May (the early May bank holiday).
    assert "We will publish the papers by Wednesday 30 April 2031." in html
    assert meeting.papers_due_on == datetime.date(2031, 4, 30)  # Monday 5 May 2031 is the early May bank holiday
    assert status(html) == ["Status: Scheduled"]


def test_past_meeting_shows_decisions_and_draft_then_approved_minutes(client, section):
    meeting = MeetingPageFactory(parent=section["index"], committees=[section["board"]], date=today() - 20 * DAY)
    meeting.decisions = [
        {"type": "decision", "value": {"item": "4. Winter plan", "decision": "The board agreed the winter plan."}}
    ]
    meeting.save_revision().publish()
    html = client.get(meeting.url).content.decode()
    assert status(html) == ["Status: Held"]
    assert "We will publish the draft minutes by" in html
    decisions = h.element(html, "section", aria_labelledby="decisions")
    assert h.texts(decisions, "dt") == ["4. Winter plan"]
    assert h.texts(decisions, "dd") == ["The board agreed the winter plan."]

    minutes = PaperPageFactory(parent=meeting, title="Minutes of the board meeting", kind=PaperPage.MINUTES)
    html = client.get(meeting.url).content.decode()
    section_html = h.element(html, "section", aria_labelledby="minutes")
    assert (minutes.url, "Minutes of the board meeting") in h.links(section_html)
    assert "These minutes are a draft" in h.text(section_html)
    assert status(html) == ["Status: Draft minutes published"]
    assert "These are draft minutes" in client.get(minutes.url).content.decode()

    minutes.approved_on = today() - 2 * DAY
    minutes.save_revision().publish()
    html = client.get(meeting.url).content.decode()
    assert status(html) == ["Status: Minutes approved"]
    assert f"These minutes were approved on {minutes.approved_on.day} {minutes.approved_on:%B %Y}" in html


def test_cancelled_and_moved_meetings_say_so(client, section):
    index, board = section["index"], section["board"]
    new_date = MeetingPageFactory(parent=index, committees=[board], date=today() + 30 * DAY)
    moved = MeetingPageFactory(
        parent=index,
        committees=[board],
        date=today() + 20 * DAY,
        status=MeetingPage.MOVED,
        status_notice="The meeting has moved so that more people can come.",
        moved_to=new_date,
    )
    cancelled = MeetingPageFactory(
        parent=index,
        committees=[board],
        date=today() + 25 * DAY,
        status=MeetingPage.CANCELLED,
        status_notice="There was not enough business to discuss.",
    )
    html = client.get(moved.url).content.decode()
    callout = h.element(html, "div", class_="nhsuk-warning-callout")
    assert "This meeting has moved" in h.text(callout)
    assert "so that more people can come" in h.text(callout)
    assert new_date.url in h.hrefs(callout)
    assert status(html) == ["Status: Moved"]
    assert "Add this meeting to your calendar" not in html
    html = client.get(cancelled.url).content.decode()
    assert "This meeting is cancelled" in html and status(html) == ["Status: Cancelled"]
    index_html = client.get(index.url).content.decode()
    assert status(index_html) == ["Status: Moved", "Status: Cancelled", "Status: Scheduled"]


# --- A paper -----------------------------------------------------------------------------------------------


def test_paper_is_a_web_page_with_its_pdf_showing_type_size_and_date(client, section):
    meeting = MeetingPageFactory(parent=section["index"], committees=[section["board"]], date=today() + 8 * DAY)
    document = make_document("Winter plan PDF", size=250_000)
    paper = PaperPageFactory(
        parent=meeting,
        title="Winter plan",
        reference="Paper 4",
        author="Chief operating officer",
        document=document,
        body=[{"type": "rich_text", "value": "<h2>What we will do</h2><p>Open more beds.</p>"}],
    )
    set_agenda(meeting, agenda_item("Welcome"), agenda_item("Winter plan", papers=[paper], purpose="discussion"))
    response = client.get(paper.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert h.texts(html, "h1") == ["Winter plan"]
    assert "Open more beds." in html
    facts = h.text(h.element(html, "dl", class_="nhsuk-summary-list"))
    assert "2. Winter plan (for discussion)" in facts
    assert "Chief operating officer" in facts
    link = h.element(html, "p", class_="document-link")
    assert h.hrefs(link) == [document.url]
    assert f"(PDF, 244.1\xa0KB, {document.created_at:%-d %B %Y})" in h.text(link)
    assert "in another format" in h.text(h.element(html, "div", id="other-formats"))
    assert (f"{meeting.url}#agenda", "Back to the agenda and other papers") in h.links(html)


def test_only_minutes_are_approved():
    from django.core.exceptions import ValidationError

    paper = PaperPage(title="A paper", kind=PaperPage.PAPER, approved_on=datetime.date(2026, 1, 1))
    with pytest.raises(ValidationError):
        paper.clean()


# --- The board's page, the section and the home page -----------------------------------------------------


def test_board_page_shows_remit_members_next_and_recent_meetings(client, section):
    board, index = section["board"], section["index"]
    board.members.create(name="Jo Smith", role="Chair")
    board.members.create(name="Alex Green", role="Chief executive", organisation="The integrated care board")
    board.save_revision().publish()
    past = MeetingPageFactory(parent=index, committees=[board], date=today() - 30 * DAY)
    MeetingPageFactory(
        parent=index, committees=[board], date=today() + 2 * DAY, status="cancelled", status_notice="Not needed."
    )
    upcoming = MeetingPageFactory(parent=index, committees=[board], date=today() + 9 * DAY)
    MeetingPageFactory(
        parent=index, committees=[section["committee"]], date=today() + 3 * DAY, title="Quality meeting"
    )
    html = client.get(board.url).content.decode()
    card = h.element(html, "div", class_="next-meeting")
    assert h.texts(card, "h2") == ["Next meeting"]
    assert upcoming.url in h.hrefs(card)  # the cancelled one is skipped
    members = h.texts(h.element(html, "section", aria_labelledby="members"), "li")
    assert members == ["Jo Smith, Chair", "Alex Green, Chief executive, The integrated care board"]
    recent = h.element(html, "section", aria_labelledby="meetings")
    assert past.url in h.hrefs(recent)
    assert "Quality meeting" not in html
    committee_html = client.get(section["committee"].url).content.decode()
    assert (board.url, "Integrated care board") in h.links(committee_html)


def test_home_and_section_show_the_next_board_meeting(client, section, home):
    index = section["index"]
    MeetingPageFactory(
        parent=index, committees=[section["committee"]], date=today() + 1 * DAY, title="Committee first"
    )
    MeetingPageFactory(parent=index, committees=[section["board"]], date=today() - 1 * DAY, title="Yesterday's")
    board_meeting = MeetingPageFactory(parent=index, committees=[section["board"]], date=today() + 5 * DAY)
    for url in ("/", "/how-we-are-run/"):
        html = client.get(url).content.decode()
        card = h.element(html, "div", class_="next-meeting")
        assert h.texts(card, "h2") == ["Next board meeting"], url
        assert board_meeting.url in h.hrefs(card), url
        assert "Committee first" not in h.text(card)


def test_home_page_has_no_meeting_card_without_meetings(client, home):
    html = client.get("/").content.decode()
    assert not h.elements(html, "div", class_="next-meeting")


def test_section_lists_the_board_committees_and_meetings(client, section):
    html = client.get("/how-we-are-run/").content.decode()
    assert h.hrefs(html, class_="nhsuk-card__link") == [
        section["board"].url,
        section["committee"].url,
        section["index"].url,
    ]


def test_next_meeting_is_per_site(client, section):
    other_site = add_site()
    other = make_governance(other_site.root_page)
    MeetingPageFactory(parent=other["index"], committees=[other["board"]], date=today() + 2 * DAY, title="Theirs")
    html = client.get("/").content.decode()
    assert not h.elements(html, "div", class_="next-meeting")
    theirs = client.get("/", HTTP_HOST="second.example").content.decode()
    assert "Theirs" in h.text(h.element(theirs, "div", class_="next-meeting"))


def test_a_paper_added_to_a_meeting_held_in_common_is_shown_on_both_sites(client, section):
    other = make_governance(add_site().root_page)
    meeting = MeetingPageFactory(
        parent=section["index"], committees=[section["board"], other["board"]], date=today() + 15 * DAY
    )
    copy = meeting.create_alias(parent=other["index"])
    paper = PaperPageFactory(parent=meeting, title="Joining up", live=False)
    paper.save_revision().publish()
    set_agenda(meeting, agenda_item("Joining up", papers=[paper]))
    copied = PaperPage.objects.child_of(copy).get()
    assert copied.alias_of_id == paper.pk and copied.live
    html = client.get(copy.relative_url(other["index"].get_site()), HTTP_HOST="second.example").content.decode()
    assert h.hrefs(h.element(html, "ol", class_="agenda")) == [copied.relative_url(other["index"].get_site())]
    paper.save_revision().publish()  # publishing again makes no second copy
    assert PaperPage.objects.child_of(copy).count() == 1
    paper.refresh_from_db()
    paper.unpublish()
    copied.refresh_from_db()
    assert not copied.live


# --- Read as residents would --------------------------------------------------------------------------------


def test_the_section_lists_the_meetings_page_under_its_own_heading(client, section):
    html = client.get("/how-we-are-run/").content.decode()
    headings = [text for text in h.texts(html, "h2") if text != "Is this page useful?"]  # page_feedback's, last
    assert headings[-2:] == ["The board and its committees", "Meetings, papers and minutes"]


def test_a_committee_says_how_often_it_meets_in_a_sentence(client, section):
    committee = section["committee"]
    committee.meets = "Every two months, in Stafford"
    committee.save_revision().publish()
    assert "It meets every two months, in Stafford." in client.get(committee.url).content.decode()


def test_a_meeting_held_in_common_names_each_boards_partnership(client, section):
    other = make_governance(add_site(title="Second partnership").root_page)
    meeting = MeetingPageFactory(
        parent=section["index"], committees=[section["board"], other["board"]], date=today() + 15 * DAY
    )
    html = client.get(meeting.url).content.decode()
    both = "Integrated care board (Test) and Integrated care board (Second partnership)"
    assert h.texts(html, "span", class_="nhsuk-caption-l") == [both]
    insets = [h.text(inset) for inset in h.elements(html, "div", class_="nhsuk-inset-text")]
    assert any(f"This is a meeting in common: {both} meet together." in text for text in insets), insets


def test_a_cancelled_or_moved_meeting_promises_no_agenda_and_says_when_the_new_one_is(client, section):
    index, board = section["index"], section["board"]
    new_date = MeetingPageFactory(parent=index, committees=[board], date=datetime.date(2031, 7, 10))
    moved = MeetingPageFactory(
        parent=index,
        committees=[board],
        date=datetime.date(2031, 7, 3),
        status=MeetingPage.MOVED,
        status_notice="The room is not free.",
        moved_to=new_date,
    )
    html = client.get(moved.url).content.decode()
    callout = h.text(h.element(html, "div", class_="nhsuk-warning-callout"))
    assert "It is now on Thursday 10 July 2031, 10am to midday:" in callout
    assert (new_date.url, new_date.title) in h.links(h.element(html, "div", class_="nhsuk-warning-callout"))
    assert h.texts(html, "h2", id="when-and-where") == ["When and where it was planned"]
    assert "agenda" not in h.text(h.element(html, "main")).lower()
    assert not h.elements(html, "section", aria_labelledby="agenda")


def test_a_past_meeting_that_was_online_too_says_it_was(client, section):
    meeting = MeetingPageFactory(
        parent=section["index"], committees=[section["board"]], date=today() - 7 * DAY, attendance=MeetingPage.BOTH
    )
    where = h.text(h.element(client.get(meeting.url).content.decode(), "section", aria_labelledby="when-and-where"))
    assert "It was also shown online." in where and "You can also watch" not in where
