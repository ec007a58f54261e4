"""An outcome published for the first time emails those who asked to hear back (tasks.py), once the
publish has committed; a republish finds everyone emailed already. Saving the retention setting changes
nothing published, so it bumps no content version."""

from django.db import transaction

from wagtail.signals import page_published

from .models import OutcomePage
from .tasks import send_outcome_emails


def outcome_published(sender, instance, **kwargs):
    if instance.alias_of_id:
        return  # a copy on another site: its original's publication sent them
    outcome_id = instance.pk
    transaction.on_commit(lambda: send_outcome_emails.enqueue(outcome_id))


page_published.connect(outcome_published, sender=OutcomePage, dispatch_uid="consultations_outcome_published")
