"""The index, an exercise and its questionnaire run the same number of queries with 3 exercises (and a
few responses, and events) as with 60 (and many): no list costs a query per exercise or event, no page a
query per response."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stp_site.core.page_urls import local_url
from tests import html as h
from tests.events.factories import make_events, make_many_events

from .factories import ConsultationPageFactory, OutcomePageFactory, ResponseFactory, add_themes, with_questionnaire

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def exercises(parent, count, start):
    now = timezone.now()
    made = []
    for number in range(start, start + count):
        kind = number % 3  # open, closed, closed with an outcome
        closes = now + (10 + number) * DAY if kind == 0 else now - (10 + number) * DAY
        page = ConsultationPageFactory(
            parent=parent, title=f"Exercise {number}", opens_on=closes - 60 * DAY, closes_on=closes
        )
        if kind == 2:
            OutcomePageFactory(parent=page)
        made.append(page)
    return made


def count(client, url):
    client.get(url)  # what a worker keeps for good
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def test_pages_run_the_same_queries_at_two_sizes(client, home, consultations, privacy_notice, settings):
    settings.PAGE_CACHE_SECONDS = 0
    exercises(consultations, 3, 0)
    page = with_questionnaire(ConsultationPageFactory(parent=consultations, title="Measured", slug="measured"))
    closed = ConsultationPageFactory(
        parent=consultations,
        slug="measured-closed",
        opens_on=timezone.now() - 90 * DAY,
        closes_on=timezone.now() - DAY,
    )
    events = make_events(home)
    make_many_events(events, 2, timezone.now() + DAY, consultation=page)
    make_many_events(events, 1, timezone.now() - 30 * DAY, consultation=page)
    outcome = add_themes(OutcomePageFactory(parent=closed), ("Travel", 10), ("Waiting", 5))
    for _ in range(3):
        ResponseFactory(consultation=closed)
    urls = {
        "index": local_url(consultations),
        "exercise": local_url(page),
        "questionnaire": local_url(page) + "respond/",
        "outcome": local_url(outcome),
    }
    small = {name: count(client, url)[0] for name, url in urls.items()}

    exercises(consultations, 57, 3)
    make_many_events(events, 20, timezone.now() + 2 * DAY, consultation=page)
    make_many_events(events, 20, timezone.now() - 90 * DAY, consultation=page)
    for _ in range(60):
        ResponseFactory(consultation=closed)
    large = {}
    for name, url in urls.items():
        large[name], response = count(client, url)
    assert large == small
    print("\nqueries:", small)
    assert max(small.values()) <= 25

    index = client.get(urls["index"]).content.decode()
    listed = sum(len(h.elements(each, "li")) for each in h.elements(index, "ul", class_="consultation-list"))
    assert listed == 62
    exercise = client.get(urls["exercise"]).content.decode()
    assert len(h.elements(h.element(exercise, "section", **{"aria-labelledby": "consultation-events"}), "li")) == 43
    outcome_html = client.get(urls["outcome"]).content.decode()
    assert h.text(h.element(outcome_html, "p", class_="outcome-count")) == "63 people took part."
