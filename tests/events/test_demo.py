"""The demo events of both partnerships: an events page under Get involved with upcoming drop-ins (hosted
with the local Healthwatch, at a venue with access information), an online event, past events, and on
Staffordshire's site the ten Conversation Staffordshire and Stoke-on-Trent events of 2016."""

import io

import pytest

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Site

from stp_site.core.demo import partnerships
from stp_site.core.page_urls import local_url
from stp_site.events.models import EventPage
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


def events(fixtures):
    return EventPage.objects.in_site(site(fixtures).root_page.path).live().order_by("starts_at")


@pytest.mark.parametrize("fixtures", [STAFFORDSHIRE, SHROPSHIRE])
def test_each_site_has_upcoming_drop_ins_with_healthwatch_and_an_online_event(client, fixtures):
    now = timezone.now()
    upcoming = [event for event in events(fixtures) if event.ends_at > now]
    assert len(upcoming) >= 3
    in_person = [event for event in upcoming if event.attendance == EventPage.IN_PERSON]
    assert in_person and all(event.access_information for event in in_person)
    assert all(any("Healthwatch" in host.title for host in event.hosts.all()) for event in upcoming)
    assert any(event.attendance == EventPage.ONLINE and event.online_url for event in upcoming)
    assert any(event.programmes.exists() for event in upcoming)

    index = get(client, fixtures, "/get-involved/events/")
    listed = h.texts(h.element(index, "section", aria_labelledby="upcoming"), "a")
    assert upcoming[0].title in listed
    get_involved = get(client, fixtures, "/get-involved/")
    assert upcoming[0].title in h.texts(h.element(get_involved, "section", aria_labelledby="upcoming-events"), "a")
    assert "Say you are coming" in get(client, fixtures, local_url(upcoming[0]))


def test_staffordshire_has_the_ten_conversation_events_of_2016(client):
    conversations = [event for event in events(STAFFORDSHIRE) if event.title.startswith("Conversation ")]
    assert len(conversations) == 10
    assert {(event.local_start.year, event.local_start.month) for event in conversations} == {(2016, 11), (2016, 12)}
    for event in conversations:
        assert {host.slug for host in event.hosts.all()} == {"healthwatch-staffordshire", "healthwatch-stoke-on-trent"}
    page = get(client, STAFFORDSHIRE, "/get-involved/events/?year=2016")
    assert len(h.elements(h.element(page, "section", aria_labelledby="past"), "li", class_="event-list__item")) == 10
    assert "More than 200 people came" in get(client, STAFFORDSHIRE, local_url(conversations[0]))


def test_loading_again_makes_nothing_twice():
    before = EventPage.objects.count()
    call_command("load_demo_content", stdout=io.StringIO())
    assert EventPage.objects.count() == before
