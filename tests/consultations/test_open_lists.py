"""Open exercises on Get involved (every open one of the site) and on each programme's page (those it is
part of), with status and closing date; not those coming up or closed. The same queries with 3 exercises
as with 40."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stp_site.core.page_urls import local_url
from tests import html as h
from tests.programmes.factories import ProgrammeIndexPageFactory, ProgrammePageFactory

from .factories import ConsultationPageFactory, OutcomePageFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def exercise(parent, title, opens_in_days, closes_in_days, programmes=()):
    now = timezone.now()
    page = ConsultationPageFactory(
        parent=parent, title=title, opens_on=now + opens_in_days * DAY, closes_on=now + closes_in_days * DAY
    )
    page.programmes.set(programmes)
    page.save_revision().publish()
    return page


def listed(html):
    section = h.element(html, "section", **{"aria-labelledby": "open-consultations"})
    return section, [text for _, text in h.links(h.element(section, "ul", class_="consultation-list"))]


def test_get_involved_and_programme_pages_list_the_open_exercises_only(client, home, get_involved, consultations):
    programme = ProgrammePageFactory(parent=ProgrammeIndexPageFactory(parent=home), title="Planned care")
    other = ProgrammePageFactory(parent=programme.get_parent(), title="Mental health", slug="mental-health")
    exercise(consultations, "Open for weeks", -5, 40, [programme])
    exercise(consultations, "Closing in three days", -20, 3, [programme, other])
    exercise(consultations, "Another programme's", -5, 30, [other])
    exercise(consultations, "Opens next month", 30, 60, [programme])
    closed = exercise(consultations, "Closed last month", -90, -30, [programme])
    OutcomePageFactory(parent=closed)
    exercise(consultations, "Closed yesterday", -60, -1, [programme])

    html = client.get(local_url(get_involved["page"])).content.decode()
    section, titles = listed(html)
    assert titles == ["Closing in three days", "Another programme's", "Open for weeks"]
    assert h.texts(section, "strong") == ["Status: Closing soon", "Status: Open", "Status: Open"]
    closes = (timezone.localtime(timezone.now() + 3 * DAY)).strftime("%-d %B %Y")
    assert f"Closes {closes}" in h.text(section)
    assert (local_url(consultations), "See all consultations") in h.links(section)

    section, titles = listed(client.get(local_url(programme)).content.decode())
    assert titles == ["Closing in three days", "Open for weeks"]
    assert h.texts(section, "h2") == ["Have your say"] and len(h.texts(section, "h3")) == 2


def test_nothing_open_shows_no_list(client, home, get_involved, consultations):
    programme = ProgrammePageFactory(parent=ProgrammeIndexPageFactory(parent=home), title="Planned care")
    exercise(consultations, "Closed yesterday", -60, -1, [programme])
    exercise(consultations, "Opens next month", 30, 60, [programme])
    for page in (get_involved["page"], programme):
        assert "open-consultations" not in client.get(local_url(page)).content.decode()


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_lists_run_the_same_queries_at_two_sizes(client, home, get_involved, consultations, settings):
    settings.PAGE_CACHE_SECONDS = 0
    programme = ProgrammePageFactory(parent=ProgrammeIndexPageFactory(parent=home), title="Planned care")
    urls = [local_url(get_involved["page"]), local_url(programme)]

    def add(start, number):
        for each in range(start, start + number):
            exercise(consultations, f"Exercise {each}", -5, 3 + each, [programme])
            exercise(consultations, f"Closed {each}", -50, -5 - each, [programme])

    add(0, 3)
    small = [count(client, url)[0] for url in urls]
    add(3, 37)
    large = []
    for url in urls:
        queries, html = count(client, url)
        large.append(queries)
        assert len(listed(html)[1]) == 40
    assert large == small
