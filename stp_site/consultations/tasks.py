"""The one email to each person who asked to hear what happened, sent when an exercise's outcome is first
published (signals.py enqueues it, on the "mail" task backend, after the publish commits).

Exactly once per person: each response is taken with SELECT ... FOR UPDATE SKIP LOCKED, only while its
outcome_emailed_at is empty, and marked in the same transaction as its email is sent. A second run (a
republish, a retried task, two workers) finds nothing left to send. If the mail server fails, that
response's transaction rolls back and a later run sends it. No tracking, no redirected links: a plain
text part and simple HTML, with the outcome page's own address.
"""

import logging

from django_tasks import task

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import ConsultationResponse, OutcomePage

logger = logging.getLogger(__name__)


def outcome_email(outcome, exercise, response, outcome_url):
    context = {"outcome": outcome, "exercise": exercise, "outcome_url": outcome_url, "site_name": _site_name(outcome)}
    subject = f"What happened after you told us your views: {exercise.title}"
    message = EmailMultiAlternatives(
        subject,
        render_to_string("consultations/email/outcome.txt", context),
        None,
        [response.email],
    )
    message.attach_alternative(render_to_string("consultations/email/outcome.html", context), "text/html")
    return message


def _site_name(page):
    site = page.get_site()
    return site.site_name if site else ""


@task(backend="mail")
def send_outcome_emails(outcome_id):
    """Email everyone who asked to hear back about the outcome's exercise and has not been emailed yet.
    Returns how many were sent."""
    outcome = OutcomePage.objects.live().filter(pk=outcome_id).first()
    if outcome is None:
        return 0
    exercise = outcome.get_parent().specific
    outcome_url = outcome.full_url or ""
    waiting = ConsultationResponse.objects.filter(
        consultation_id=exercise.pk, hear_back=True, outcome_emailed_at__isnull=True
    ).exclude(email="")
    sent = 0
    for response_id in waiting.values_list("pk", flat=True):
        with transaction.atomic():
            response = waiting.select_for_update(skip_locked=True).filter(pk=response_id).first()
            if response is None:
                continue  # another run has it, or has sent it
            outcome_email(outcome, exercise, response, outcome_url).send()
            ConsultationResponse.objects.filter(pk=response.pk).update(outcome_emailed_at=timezone.now())
            sent += 1
    logger.info("Outcome %s: %s email(s) sent to people who asked to hear back", outcome_id, sent)
    return sent
