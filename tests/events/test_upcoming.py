"""Upcoming events on Get involved (every upcoming event of the site) and on each programme's page (the
events that belong to it), through `{% upcoming_events %}`, without get_involved or programmes importing
the events app; and the events pages run the same number of queries with a few events as with many."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stp_site.core import content_version
from stp_site.core.page_urls import local_url
from stp_site.events.models import EventPage
from tests import html as h
from tests.programmes.factories import ProgrammeIndexPageFactory, ProgrammePageFactory
from tests.sites import add_site

from .factories import EventBookingFactory, EventPageFactory, in_days, make_events, make_many_events

pytestmark = pytest.mark.django_db

BUDGET = 10  # issue 3's budget, for a view with the shared caches warm


@pytest.fixture
def setting(home):
    events = make_events(home)
    programmes = ProgrammeIndexPageFactory(parent=home)
    maternity = ProgrammePageFactory(parent=programmes, title="Maternity", slug="maternity")
    digital = ProgrammePageFactory(parent=programmes, title="Digital", slug="digital")
    return {"events": events, "get_involved": events.get_parent().specific, "maternity": maternity,
            "digital": digital}  # fmt: skip


def upcoming_titles(content):
    section = h.elements(content, "section", aria_labelledby="upcoming-events")
    return h.texts(section[0], "a", href=True)[:-1] if section else []  # the last link is "See all our events"


def test_get_involved_shows_the_next_three_upcoming_events_of_its_site(client, setting):
    events = setting["events"]
    EventPageFactory(parent=events, title="Fourth", starts_at=in_days(30))
    EventPageFactory(parent=events, title="First", starts_at=in_days(1))
    EventPageFactory(parent=events, title="Third", starts_at=in_days(20))
    EventPageFactory(parent=events, title="Second", starts_at=in_days(10))
    EventPageFactory(parent=events, title="Gone", starts_at=in_days(-2))
    EventPageFactory(parent=events, title="Off", starts_at=in_days(2), status=EventPage.CANCELLED, status_notice="x")
    EventPageFactory(parent=events, title="Draft", starts_at=in_days(3), live=False)
    second = add_site("second.example")
    EventPageFactory(parent=make_events(second.root_page), title="Elsewhere", starts_at=in_days(1))

    content = client.get(setting["get_involved"].url).content.decode()
    assert upcoming_titles(content) == ["First", "Second", "Third"]
    assert local_url(events) in h.hrefs(h.element(content, "section", aria_labelledby="upcoming-events"))


def test_a_programme_page_shows_only_its_own_upcoming_events(client, setting):
    events = setting["events"]
    EventPageFactory(parent=events, title="Maternity drop-in", starts_at=in_days(5), programmes=[setting["maternity"]])
    EventPageFactory(parent=events, title="Both", starts_at=in_days(8),
                     programmes=[setting["maternity"], setting["digital"]])  # fmt: skip
    EventPageFactory(parent=events, title="Digital only", starts_at=in_days(3), programmes=[setting["digital"]])
    EventPageFactory(parent=events, title="Past maternity", starts_at=in_days(-5), programmes=[setting["maternity"]])

    assert upcoming_titles(client.get(setting["maternity"].url).content.decode()) == ["Maternity drop-in", "Both"]
    assert upcoming_titles(client.get(setting["digital"].url).content.decode()) == ["Digital only", "Both"]


def test_with_no_upcoming_events_nothing_is_shown(client, setting):
    assert not h.elements(client.get(setting["maternity"].url).content.decode(), "section",
                          aria_labelledby="upcoming-events")  # fmt: skip


def test_get_involved_and_programmes_never_import_the_events_app():
    import pathlib

    for folder in ("get_involved", "programmes"):
        for path in pathlib.Path(folder).rglob("*.py"):
            assert "stp_site.events" not in path.read_text(), path


# --- Query counts ---------------------------------------------------------------------------------------


def measure(client, urls):
    """Queries per page: the first view after a publish (`first`), then the next view (`warm`)."""
    first, warm, sql = {}, {}, {}
    for url in urls.values():
        client.get(url)
    for name, url in urls.items():
        content_version.bump()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        first[name] = len(captured)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        warm[name] = len(captured)
        sql[name] = [query["sql"][:300] for query in captured.captured_queries]
    return first, warm, sql


def test_events_pages_run_the_same_queries_with_5_events_and_with_100(client, setting, settings):
    settings.PAGE_CACHE_SECONDS = 0  # count the render, not the whole-page cache
    events, maternity = setting["events"], setting["maternity"]
    event = EventPageFactory(parent=events, starts_at=in_days(4), programmes=[maternity], places=50)
    EventBookingFactory(event=event, people=3)
    EventPageFactory(parent=events, starts_at=in_days(-400), title="Last year's")
    EventPageFactory(parent=events, starts_at=in_days(9), status=EventPage.CANCELLED, status_notice="Sorry.")
    EventPageFactory(parent=events, starts_at=in_days(12), programmes=[maternity])
    EventPageFactory(parent=events, starts_at=in_days(-3))
    past_year = (in_days(-400)).year
    urls = {
        "events index": local_url(events),
        "events index, ?year=": f"{local_url(events)}?year={past_year}",
        "event": local_url(event),
        "booking form": local_url(event) + "book/",
        "events feed": f"{local_url(events)}calendar.ics",
        "get involved": local_url(setting["get_involved"]),
        "programme page": local_url(maternity),
    }
    small_first, small_warm, small_sql = measure(client, urls)

    start = in_days(-500)
    for made in make_many_events(events, 95, start=start, step=datetime.timedelta(days=7)):
        made.programmes.add(maternity)
        EventBookingFactory(event=made, people=2)
    assert EventPage.objects.live().count() == 100
    large_first, large_warm, large_sql = measure(client, urls)

    print("\npage: queries at 5 events, then 100 (first view after a publish / next view)")
    for name in urls:
        print(f"  {name}: {small_first[name]}/{small_warm[name]}, {large_first[name]}/{large_warm[name]}")
    assert {n: (small_first[n], large_first[n]) for n in urls if small_first[n] != large_first[n]} == {}, large_sql
    assert {n: (small_warm[n], large_warm[n]) for n in urls if small_warm[n] != large_warm[n]} == {}, large_sql
    assert {name: count for name, count in large_warm.items() if count > BUDGET} == {}, large_sql

    # The index really lists them: every event not over yet (those made in bulk run to about 165 days ahead).
    index_html = client.get(urls["events index"]).content.decode()
    section = h.element(index_html, "section", aria_labelledby="upcoming")
    upcoming = h.elements(section, "li", class_="event-list__item")
    assert len(upcoming) == EventPage.objects.live().filter(ends_at__gt=timezone.now()).count() > 20
