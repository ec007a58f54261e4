"""The demo content: on both partnerships' sites, consultations under Get involved with an open exercise
that has a questionnaire, and closed ones with their outcome; the Shropshire outcome names its board
meeting. Events that belong to an exercise name it, and its page lists them. Loading again makes nothing
twice."""

import io

import pytest

from django.core.management import call_command

from stp_site.consultations.models import ConsultationIndexPage, ConsultationPage, OutcomePage
from stp_site.core.demo import partnerships
from stp_site.core.page_urls import local_url
from tests import html as h

pytestmark = pytest.mark.django_db


def test_both_sites_have_open_and_closed_exercises_with_outcomes(demo, client):
    assert ConsultationIndexPage.objects.live().count() == 2
    for partnership in (each.with_site() for each in partnerships()):
        index = partnership.page("/get-involved/consultations/")
        assert index is not None, partnership.site_name
        exercises = list(ConsultationPage.objects.child_of(index).live())
        statuses = {exercise.slug: exercise.status_key for exercise in exercises}
        assert "open" in statuses.values() and "outcome" in statuses.values(), statuses
        open_one = next(exercise for exercise in exercises if exercise.status_key == "open")
        assert open_one.has_questionnaire and open_one.formats.exists()
        host = {"HTTP_HOST": partnership.site.hostname}
        assert client.get(local_url(open_one) + "respond/", **host).status_code == 200
        html = client.get(local_url(index), **host).content.decode()
        assert "Open now" in h.texts(html, "h2")

    listening = OutcomePage.objects.get(url_path__contains="listening-exercise-2019")
    assert [theme.people for theme in listening.themes.all()] == [412, 356, 198, 174, 100]
    conversation = OutcomePage.objects.get(url_path__contains="conversation-staffordshire")
    assert conversation.people_took_part == 200
    shropshire = OutcomePage.objects.get(url_path__contains="/care-closer-to-home/")
    assert shropshire.decision_meeting is not None


def test_the_demo_events_of_an_exercise_name_it_and_its_page_lists_them(demo, client):
    from stp_site.events.models import EventPage

    belonging = {}
    for event in EventPage.objects.filter(consultation__isnull=False).select_related("consultation"):
        belonging.setdefault(event.consultation.slug, []).append(event.slug)
    assert len(belonging["conversation-staffordshire-and-stoke-on-trent"]) == 10
    assert belonging["mental-health-support-near-you"] == ["hanley-drop-in"]
    assert sorted(belonging["staying-well-at-home"]) == ["shrewsbury-drop-in", "telford-drop-in"]
    conversation = ConsultationPage.objects.get(slug="conversation-staffordshire-and-stoke-on-trent")
    html = client.get(local_url(conversation), HTTP_HOST=conversation.get_site().hostname).content.decode()
    section = h.element(html, "section", **{"aria-labelledby": "consultation-events"})
    assert h.texts(section, "h3") == ["Past events"] and len(h.texts(section, "h4")) == 10


def test_loading_again_makes_nothing_twice(demo):
    before = ConsultationPage.objects.count(), OutcomePage.objects.count()
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert (ConsultationPage.objects.count(), OutcomePage.objects.count()) == before
    assert "consultation pages" not in out.getvalue()
