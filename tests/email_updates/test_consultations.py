"""A consultation, from the consultations app (named by its label in email_updates, never imported there):
published while open, it sends "New consultation" once to those who asked; published before it opens, when
it opens (`manage.py send_due_updates`); published after it closed, nothing."""

import datetime

import pytest

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from stp_site.email_updates.models import DueUpdate
from tests.consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from tests.email_updates.helpers import EMAIL, subscriber

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def consultations(section):
    return ConsultationIndexPageFactory(parent=section["page"].get_parent())


def publish(capture, consultations, **fields):
    with capture(execute=True):
        return ConsultationPageFactory(parent=consultations, title="A new clinic for Leek", **fields)


def test_an_open_consultation_is_sent_once_to_those_who_asked(consultations, django_capture_on_commit_callbacks):
    subscriber(consultations=True)
    subscriber("news-only@example.com", all_news=True)
    page = publish(django_capture_on_commit_callbacks, consultations)
    assert [message.to for message in mail.outbox] == [[EMAIL]]
    assert mail.outbox[0].subject == "New consultation: A new clinic for Leek"
    assert page.get_full_url() in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert len(mail.outbox) == 1


def test_a_consultation_that_opens_later_is_sent_when_it_opens(consultations, django_capture_on_commit_callbacks):
    subscriber(consultations=True)
    opens = timezone.now() + 2 * DAY
    page = publish(django_capture_on_commit_callbacks, consultations, opens_on=opens, closes_on=opens + 28 * DAY)
    assert mail.outbox == []
    assert DueUpdate.objects.get(page=page).due_at == opens
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_due_updates")
    assert mail.outbox == []  # not yet
    type(page).objects.filter(pk=page.pk).update(opens_on=timezone.now() - DAY)
    DueUpdate.objects.update(due_at=timezone.now() - DAY)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_due_updates")
    assert [message.to for message in mail.outbox] == [[EMAIL]]
    assert not DueUpdate.objects.exists()


def test_a_closed_consultation_sends_nothing(consultations, django_capture_on_commit_callbacks):
    subscriber(consultations=True)
    publish(django_capture_on_commit_callbacks, consultations, opens_on=timezone.now() - 40 * DAY,
            closes_on=timezone.now() - DAY)  # fmt: skip
    assert mail.outbox == []
