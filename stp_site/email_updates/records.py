"""Email update subscribers as one of the kinds of record residents send (get_involved/resident_records.py):
replayed from the spool, kept while the database is down, found for subject access and erasure, and
purged when past their retention."""

from datetime import timedelta

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from get_involved import personal_data, spool
from get_involved.models.records import DataProtectionLog
from get_involved.resident_records import PageGone, RecordKind

from .forms import SubscribeForm
from .models import EmailUpdatesPage, Subscriber
from .subscriptions import KIND, remembered_choices, save_subscription


def store_spooled(entry):
    page = EmailUpdatesPage.objects.filter(pk=entry["group_id"]).first()
    if page is None or page.get_site() is None:
        raise PageGone(entry["group_id"])
    return save_subscription(page.get_site(), entry["data"], entry.get("privacy_notice_url", ""), spool_id=entry["id"])


def outage_form(known, data):
    return SubscribeForm(data, programmes=remembered_choices(known["group_id"]))


def spool_and_thank(request, known, form):
    spool.write(known["group_id"], form.cleaned_data, known["privacy"], kind=KIND)
    return spooled_response(request, known["privacy"])


def spooled_response(request, privacy_notice_url):
    """ "Check your email", read from no database (the confirmation goes once the sign-up is replayed)."""
    context = {"privacy_notice_url": privacy_notice_url, "with_database": False}
    response = TemplateResponse(request, "pages/email_updates_check_email.html", context)
    add_never_cache_headers(response)
    return response


def records_for(email, phone):
    if not email:
        return Subscriber.objects.none()
    return Subscriber.objects.filter(email__iexact=email.strip()).select_related("site", "referral")


def expired(now):
    """Subscriptions never confirmed within the confirmation period."""
    cutoff = now - timedelta(days=settings.EMAIL_UPDATES_CONFIRM_DAYS)
    return Subscriber.objects.filter(status=Subscriber.Status.PENDING, created_at__lte=cutoff)


def purge_expired(now=None):
    return personal_data.delete_and_log(expired(now or timezone.now()), DataProtectionLog.Action.PURGE)


RECORD_KIND = RecordKind(
    name=KIND,
    label="email update subscription(s)",
    store_spooled=store_spooled,
    outage_form=outage_form,
    spool_and_thank=spool_and_thank,
    records_for=records_for,
    purge_expired=purge_expired,
)
