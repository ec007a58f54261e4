"""Sending: the confirmation request, and each news item or consultation opening to the subscribers who
asked for it, exactly once each.

Once per subscriber per page, ever: a SentUpdate row (unique on subscriber and page) is claimed before its
email goes (a whole batch's rows in one INSERT ... ON CONFLICT DO NOTHING), so republishing a page, a task
run twice or two workers at once never send it twice. A claim whose email could not be sent is given
back, and the task fails, to be run again. Emails go in batches, each batch over one SMTP connection.
Log lines carry ids and counts, never an address.
"""

import logging
import secrets

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Page

from . import mail
from .models import DueUpdate, SentUpdate, Subscriber

logger = logging.getLogger(__name__)

NEWS, CONSULTATION = "news", "consultation"
CONSULTATION_LABEL = "consultations.ConsultationPage"
# What a consultation page may call its opening time (a datetime or a date); the first one it has is used.
OPENING_FIELDS = ("opens_at", "opening_at", "opens_on", "opening_date", "opens")


def kind_of(page):
    """NEWS, CONSULTATION or None: whether publishing this page sends an update."""
    label = page.specific_class._meta.label if page.specific_class else ""
    if label == "news.NewsPage":
        return NEWS
    if label == CONSULTATION_LABEL:
        return CONSULTATION
    return None


def opens_at(page):
    """When a consultation opens (an aware datetime), or None when it does not say (open now)."""
    for name in OPENING_FIELDS:
        value = getattr(page, name, None)
        if value is None:
            continue
        if not hasattr(value, "hour"):  # a date: it opens at the start of that day
            value = timezone.make_aware(timezone.datetime.combine(value, timezone.datetime.min.time()))
        return value
    return None


def send_confirmation(subscriber_id):
    subscriber = Subscriber.objects.select_related("site").filter(pk=subscriber_id).first()
    if subscriber is None:
        return 0  # unsubscribed or purged before the worker got to it
    if subscriber.status == Subscriber.Status.PENDING:
        message = mail.confirmation(subscriber)
    else:
        message = mail.already_subscribed(subscriber)
    message.send()
    logger.info("Email updates: confirmation email sent to subscriber %s", subscriber.pk)
    return 1


def matching(page, kind, site):
    """The confirmed subscribers of the page's site who asked for it and were confirmed before it was first
    published (an item republished later is not news to someone who subscribed since), with the reason."""
    subscribers = Subscriber.objects.filter(site=site, status=Subscriber.Status.CONFIRMED).exclude(
        sent_updates__page=page
    )
    if kind == NEWS:
        programmes = list(page.programmes.values_list("pk", flat=True))
        subscribers = subscribers.filter(Q(all_news=True) | Q(programmes__in=programmes)).distinct()
    else:
        subscribers = subscribers.filter(consultations=True)
    if page.first_published_at:
        subscribers = subscribers.filter(confirmed_at__lte=page.first_published_at)
    return subscribers.select_related("site").order_by("pk")


def reason_for(subscriber, page, kind, programme_titles):
    if kind == CONSULTATION:
        return "new consultations"
    if subscriber.all_news:
        return "all our news"
    wanted = [title for pk, title in programme_titles if pk in subscriber.wanted_programme_ids]
    return "news about " + " and ".join(wanted) if wanted else "our news"


def _claim(subscribers, page):
    """The subscribers this run is the one to send `page` to: those whose SentUpdate row it inserted. Rows
    another run (or an earlier one) holds already are left alone (ON CONFLICT DO NOTHING)."""
    run = secrets.token_hex(16)
    SentUpdate.objects.bulk_create(
        [SentUpdate(subscriber=subscriber, page=page, claimed_by=run) for subscriber in subscribers],
        ignore_conflicts=True,
    )
    mine = set(SentUpdate.objects.filter(page=page, claimed_by=run).values_list("subscriber_id", flat=True))
    return [subscriber for subscriber in subscribers if subscriber.pk in mine]


def send_update(page_id):
    # Only a page anyone may read: never one unpublished since, or behind a login or password.
    page = Page.objects.filter(pk=page_id).live().public().first()
    if page is None:
        return 0
    page = page.specific
    kind = kind_of(page)
    site = page.get_site()
    if kind is None or site is None:
        return 0
    if kind == CONSULTATION:
        opening = opens_at(page)
        if opening is not None and opening > timezone.now():
            DueUpdate.objects.update_or_create(page=page, defaults={"due_at": opening})
            return 0
    programme_titles = list(page.programmes.values_list("pk", "title")) if kind == NEWS else []
    organisation = mail.organisation_name(site)
    sent = 0
    while True:
        batch = list(matching(page, kind, site).prefetch_related("programmes")[: settings.EMAIL_UPDATES_BATCH_SIZE])
        if not batch:
            break
        sent += _send_batch(page, kind, batch, programme_titles, organisation)
    logger.info("Email updates: page %s sent to %s subscriber(s)", page.pk, sent)
    return sent


def _send_batch(page, kind, batch, programme_titles, organisation):
    claimed = _claim(batch, page)
    for subscriber in claimed:
        subscriber.wanted_programme_ids = {programme.pk for programme in subscriber.programmes.all()}
    if not claimed:
        return 0
    sent = 0
    connection = get_connection()
    try:
        connection.open()
        for subscriber in claimed:
            reason = reason_for(subscriber, page, kind, programme_titles)
            message = mail.update(subscriber, page, kind, reason, organisation)
            message.connection = connection
            message.send()
            sent += 1
    except Exception:
        # Give back the claims of those not sent, so the task's next run sends them; then fail the task.
        unsent = [subscriber.pk for subscriber in claimed[sent:]]
        SentUpdate.objects.filter(page=page, subscriber_id__in=unsent).delete()
        logger.exception("Email updates: page %s, %s email(s) not sent", page.pk, len(unsent))
        raise
    finally:
        connection.close()
    return sent


def send_due():
    """Queue the updates of the consultations whose opening time has come. Returns how many."""
    due = list(DueUpdate.objects.filter(due_at__lte=timezone.now()).values_list("pk", "page_id"))
    from .tasks import send_update as task

    for pk, page_id in due:
        DueUpdate.objects.filter(pk=pk).delete()
        task.enqueue(page_id)
    return len(due)
