"""Publishing an outcome emails each person who asked to hear back, once: through the "mail" task backend,
after the publish commits; a republish, or the task run again, sends nothing more; nobody else gets one."""

import datetime

import pytest

from django.core import mail
from django.utils import timezone

from stp_site.consultations.models import ConsultationResponse
from stp_site.consultations.tasks import send_outcome_emails
from stp_site.core.page_urls import local_url

from .factories import ConsultationPageFactory, OutcomePageFactory, ResponseFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def closed(consultations):
    page = ConsultationPageFactory(
        parent=consultations,
        title="Our vision for health and care",
        opens_on=timezone.now() - 60 * DAY,
        closes_on=timezone.now() - DAY,
    )
    ResponseFactory(consultation=page, email="one@example.com", hear_back=True)
    ResponseFactory(consultation=page, email="two@example.com", hear_back=True)
    ResponseFactory(consultation=page, email="not-asked@example.com", hear_back=False)
    ResponseFactory(consultation=page, route=ConsultationResponse.POST, hear_back=False)
    return page


def publish_outcome(parent, capture):
    with capture(execute=True):
        return OutcomePageFactory(parent=parent)


def test_one_email_to_each_person_who_asked_and_none_on_republish(closed, django_capture_on_commit_callbacks):
    outcome = publish_outcome(closed, django_capture_on_commit_callbacks)
    assert sorted(message.to[0] for message in mail.outbox) == ["one@example.com", "two@example.com"]
    assert all(len(message.to) == 1 for message in mail.outbox)  # nobody sees another's address
    message = mail.outbox[0]
    assert message.subject == "What happened after you told us your views: Our vision for health and care"
    assert f"http://localhost{local_url(outcome)}" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="http://localhost{local_url(outcome)}"' in html
    assert "<img" not in html  # no tracking pixel
    emailed = ConsultationResponse.objects.filter(outcome_emailed_at__isnull=False)
    assert sorted(emailed.values_list("email", flat=True)) == ["one@example.com", "two@example.com"]

    with django_capture_on_commit_callbacks(execute=True):
        outcome.save_revision().publish()
    assert send_outcome_emails.enqueue(outcome.pk).return_value == 0
    assert len(mail.outbox) == 2


def test_someone_added_later_who_asked_gets_their_one_email(closed, django_capture_on_commit_callbacks):
    outcome = publish_outcome(closed, django_capture_on_commit_callbacks)
    ResponseFactory(consultation=closed, email="late@example.com", hear_back=True, route=ConsultationResponse.PHONE)
    assert send_outcome_emails.enqueue(outcome.pk).return_value == 1
    assert mail.outbox[-1].to == ["late@example.com"]
    assert send_outcome_emails.enqueue(outcome.pk).return_value == 0


def test_a_failed_send_is_sent_next_time(closed, django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = "tests.consultations.failing_mail.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        outcome = OutcomePageFactory(parent=closed)
    assert ConsultationResponse.objects.filter(outcome_emailed_at__isnull=False).count() == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_outcome_emails.enqueue(outcome.pk).return_value == 2
    assert len(mail.outbox) == 2


def test_a_draft_outcome_sends_nothing(closed):
    OutcomePageFactory(parent=closed, live=False)
    assert mail.outbox == []
