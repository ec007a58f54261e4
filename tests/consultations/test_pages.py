"""The pages: the index lists open exercises first (closing soonest first, flagged), then coming up, then
closed with their outcomes; an exercise shows its status, dates, formats, programmes, events and ways to
take part; the outcome page shows the themes with numbers, the decision, what changed, the meeting, the
way back, and the number of responses; the exercise links to its outcome."""

import datetime

import pytest

from django.utils import timezone

from stp_site.consultations.models import ConsultationIndexPage, ConsultationPage, OutcomePage
from stp_site.core.page_urls import local_url
from tests import html as h
from tests.events.factories import EventPageFactory, in_days, make_events
from tests.factories import make_document
from tests.governance.factories import MeetingPageFactory, make_governance
from tests.programmes.factories import ProgrammeIndexPageFactory, ProgrammePageFactory

from .factories import ConsultationPageFactory, OutcomePageFactory, ResponseFactory, add_themes, with_questionnaire

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def exercise_at(parent, title, opens_in_days, closes_in_days, **fields):
    now = timezone.now()
    return ConsultationPageFactory(
        parent=parent,
        title=title,
        opens_on=now + opens_in_days * DAY,
        closes_on=now + closes_in_days * DAY,
        **fields,
    )


def test_status_is_worked_out_from_the_dates_and_the_outcome(consultations):
    now = timezone.now()
    page = exercise_at(consultations, "Status", -10, 20)
    assert page.status_on(now) == "open"
    assert page.status_on(now + 14 * DAY) == "closing_soon"
    assert page.status_on(now - 11 * DAY) == "upcoming"
    assert page.status_on(now + 21 * DAY) == "closed"
    OutcomePageFactory(parent=page)
    fresh = ConsultationPage.objects.get(pk=page.pk)
    assert fresh.status_on(now + 21 * DAY) == "outcome"
    assert fresh.status_on(now) == "open"  # an outcome before it closes does not close it


def test_the_index_lists_open_first_closing_soon_flagged_then_upcoming_then_closed(client, consultations):
    exercise_at(consultations, "Open for weeks", -5, 40)
    exercise_at(consultations, "Closing in three days", -20, 3)
    exercise_at(consultations, "Opens next month", 30, 60)
    closed = exercise_at(consultations, "Closed last month", -90, -30)
    exercise_at(consultations, "Closed yesterday", -60, -1)
    OutcomePageFactory(parent=closed)
    html = client.get(local_url(consultations)).content.decode()
    lists = h.elements(html, "ul", class_="consultation-list")
    titles = [[text for _, text in h.links(each)] for each in lists]
    assert titles == [
        ["Closing in three days", "Open for weeks"],
        ["Opens next month"],
        ["Closed yesterday", "Closed last month"],
    ]
    assert h.texts(lists[0], "strong") == ["Status: Closing soon", "Status: Open"]
    assert h.texts(lists[2], "strong") == ["Status: Closed", "Status: Outcome published"]
    assert h.texts(html, "h2")[:3] == ["Open now", "Coming soon", "Closed, and what we did"]


def test_an_exercise_shows_what_is_decided_its_dates_formats_programmes_events_and_ways_to_take_part(
    client, home, consultations
):
    programmes = ProgrammeIndexPageFactory(parent=home)
    programme = ProgrammePageFactory(parent=programmes, title="Planned care")
    page = exercise_at(consultations, "A new clinic", -5, 3, through_healthwatch="<p>Call Healthwatch.</p>")
    page.programmes.add(programme)
    page.formats.create(kind="easy_read", document=make_document("Easy read guide"))
    event = EventPageFactory(parent=make_events(home), title="A drop-in at Leek library", consultation=page)
    with_questionnaire(page)
    html = client.get(local_url(page)).content.decode()
    assert h.text(h.element(html, "strong", class_="consultation-status")) == "Status: Closing soon"
    assert "Closing soon" in h.texts(html, "h2", class_="nhsuk-warning-callout__label")[0]
    assert h.texts(html, "h3") == ["Online", "By phone", "Through Healthwatch", "Coming up"]
    assert (local_url(page) + "respond/", "Answer the questionnaire") in h.links(html)
    assert ("/our-work/planned-care/", "planned care") in h.links(html)
    assert (local_url(event), "A drop-in at Leek library") in h.links(html)
    document = h.element(html, "p", class_="document-link")
    assert "Easy read" in h.text(document) and "PDF" in h.text(document)
    assert h.element(html, "div", id="other-formats")


def test_a_closed_exercise_links_to_its_outcome_and_the_outcome_back(client, home, consultations):
    governance = make_governance(home)
    meeting = MeetingPageFactory(
        parent=governance["index"], committees=[governance["board"]], date=timezone.localdate() - 10 * DAY
    )
    page = exercise_at(consultations, "Our vision", -90, -30)
    for _ in range(3):
        ResponseFactory(consultation=page)
    before = client.get(local_url(page)).content.decode()
    assert h.text(h.element(before, "strong", class_="consultation-status")) == "Status: Closed"
    assert "We will publish what people told us" in before
    assert "Answer the questionnaire" not in before

    outcome = add_themes(
        OutcomePageFactory(parent=page, decision_meeting=meeting), ("Care closer to home", 120), ("Travel", 45)
    )
    after = client.get(local_url(page)).content.decode()
    assert h.text(h.element(after, "strong", class_="consultation-status")) == "Status: Outcome published"
    assert (local_url(outcome), "Read what people told us and what we did") in h.links(after)

    html = client.get(local_url(outcome)).content.decode()
    assert h.text(h.element(html, "p", class_="outcome-count")) == "3 people took part."
    rows = [h.texts(row, "th") + h.texts(row, "td") for row in h.elements(html, "tr")[1:]]
    assert rows == [["Care closer to home", "120"], ["Travel", "45"]]
    assert (local_url(meeting), f"{meeting.title.lower()} on {meeting.date:%-d %B %Y}") in h.links(html)
    assert (local_url(page), "Back to Our vision") in h.links(html)
    assert (local_url(page), "Our vision") in h.links(html)

    # The decision links back to what people told us: the meeting's page names the outcome.
    meeting_html = client.get(local_url(meeting)).content.decode()
    section = h.element(meeting_html, "section", aria_labelledby="what-people-told-us")
    assert h.links(section) == [(local_url(outcome), outcome.title)]


def test_staff_can_give_the_number_of_people_who_took_part_every_way(client, consultations):
    page = exercise_at(consultations, "Listening", -90, -30)
    outcome = OutcomePageFactory(parent=page, people_took_part=1240)
    html = client.get(local_url(outcome)).content.decode()
    assert h.text(h.element(html, "p", class_="outcome-count")) == "1240 people took part."


def test_page_types_fit_under_get_involved(get_involved):
    assert ConsultationIndexPage.can_create_at(get_involved["page"])
    assert ConsultationIndexPage in get_involved["page"].specific_class.allowed_subpage_models()
    assert OutcomePage.allowed_parent_page_models() == [ConsultationPage]


def test_the_events_that_name_the_exercise_are_listed_on_it_upcoming_first_then_past(client, home, consultations):
    page = exercise_at(consultations, "A new clinic", -40, 20)
    other = exercise_at(consultations, "Something else", -5, 20, slug="something-else")
    events = make_events(home)
    EventPageFactory(parent=events, title="Next month", consultation=page, starts_at=in_days(30))
    EventPageFactory(parent=events, title="Next week", consultation=page, starts_at=in_days(7))
    EventPageFactory(parent=events, title="Last month", consultation=page, starts_at=in_days(-30))
    EventPageFactory(parent=events, title="Last week", consultation=page, starts_at=in_days(-7))
    EventPageFactory(parent=events, title="Another exercise's", consultation=other)
    EventPageFactory(parent=events, title="No exercise")
    draft = EventPageFactory(parent=events, title="Not published", consultation=page)
    draft.unpublish()
    html = client.get(local_url(page)).content.decode()
    section = h.element(html, "section", **{"aria-labelledby": "consultation-events"})
    assert h.texts(section, "h2") == ["Events"]
    assert h.texts(section, "h3") == ["Coming up", "Past events"]
    assert h.texts(section, "h4") == ["Next week", "Next month", "Last week", "Last month"]
    assert "This event has passed" in h.text(section)

    bare = client.get(local_url(exercise_at(consultations, "No events", -5, 20, slug="no-events"))).content.decode()
    assert "consultation-events" not in bare and "Events" not in h.texts(bare, "h2")


def test_an_event_chooses_its_consultation_from_exercises_only():
    from stp_site.events.models import EventPage

    panels = [each for each in EventPage.content_panels if getattr(each, "field_name", "") == "consultation"]
    assert [panel.page_type for panel in panels] == ["consultations.ConsultationPage"]
