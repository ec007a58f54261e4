"""The one email staff get when a resident sends something: what arrived, for which page, and a link to it
in the admin. Never personal data, and never the resident's words (they may hold some)."""

import logging

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.urls import reverse

logger = logging.getLogger(__name__)


def tell_staff(recipients, subject, opening, admin_url_name, record_id, page_id):
    """Send `opening`, then a link to the record (`admin_url_name` with `record_id`), to `recipients`. A
    mail failure is logged (page id and the error's class name only) and never raised: what the resident
    sent is stored already."""
    if not recipients:
        return
    try:
        link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(admin_url_name, args=[record_id])
        body = f"{opening}\n\nSign in to see it:\n{link}\n\nPlease do not forward their details by email.\n"
        # A short timeout: the resident is waiting for the thank-you page while this runs.
        mail_connection = get_connection(timeout=settings.SIGNUP_MAIL_TIMEOUT)
        send_mail(subject, body, None, recipients, connection=mail_connection)
    except Exception as error:  # noqa: BLE001 - a mail problem must not undo what is stored
        logger.error("Staff notification about page %s failed: %s", page_id, type(error).__name__)
