"""Builders for the email updates tests (and the browser test): the Get email updates page under Get
involved, the site's programmes and news index, a valid sign-up, and subscribers in each state."""

import time

from django.utils import timezone

from get_involved.forms import make_started_token
from stp_site.email_updates.models import EmailUpdatesPage, Subscriber
from tests.factories import publish
from tests.get_involved.factories import GetInvolvedPageFactory
from tests.news_helpers import make_news_section
from tests.sites import default_site

EMAIL = "resident@example.com"


def make_updates_section(home):
    """{"page": the Get email updates page, "news": the news index, "programmes": {slug: page}}."""
    news_index, programmes = make_news_section(home)
    get_involved = GetInvolvedPageFactory(parent=home, title="Get involved", slug="get-involved")
    page = publish(get_involved, EmailUpdatesPage(title="Get email updates", slug="email-updates"))
    return {"page": page, "news": news_index, "programmes": programmes}


def valid_data(*topics, **overrides):
    data = {
        "email": EMAIL,
        "topics": list(topics) or ["all_news"],
        "consent": "on",
        "ref": "",
        "started": make_started_token(time.time() - 60),
        "website": "",
    }
    data.update(overrides)
    return data


def subscriber(email=EMAIL, status=Subscriber.Status.CONFIRMED, programmes=(), site=None, **fields):
    """A subscriber stored directly, confirmed a minute ago unless `status` says otherwise."""
    confirmed = status == Subscriber.Status.CONFIRMED
    row = Subscriber.objects.create(
        site=site or default_site(),
        email=email,
        status=status,
        confirmed_at=timezone.now() - timezone.timedelta(minutes=1) if confirmed else None,
        confirm_nonce="" if confirmed else "nonce",
        **fields,
    )
    row.programmes.set(programmes)
    return row
