"""Publishing a news item, or a consultation, queues its update once the publish has committed. News and
consultations know nothing of email updates: this app listens to Wagtail's page_published."""

from functools import partial

from django.db import transaction
from django.dispatch import receiver

from wagtail.signals import page_published

from .updates import kind_of


@receiver(page_published, dispatch_uid="email_updates_on_publish")
def queue_update(sender, instance, **kwargs):
    if kind_of(instance) is None:
        return
    from .tasks import send_update

    transaction.on_commit(partial(send_update.enqueue, instance.pk))


def notify_subscribers_of_consultation(page):
    """For the consultations app, if it would rather say when: queue the "new consultation" update for
    `page` (sent when the consultation opens, and at most once to each subscriber)."""
    from .tasks import send_update

    transaction.on_commit(partial(send_update.enqueue, page.pk))
