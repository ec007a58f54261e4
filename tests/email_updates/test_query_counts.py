"""The form, the manage page, the admin's counts and sending cost the same number of queries per page
(sending: per batch) with few programmes or subscribers as with many."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmes.models import ProgrammePage
from stp_site.core.page_urls import local_url
from stp_site.email_updates import updates
from tests.email_updates.helpers import subscriber
from tests.factories import publish
from tests.news_helpers import make_news

pytestmark = pytest.mark.django_db


def count(action):
    with CaptureQueriesContext(connection) as queries:
        action()
    return len(queries)


def add_programmes(section, number):
    our_work = section["programmes"]["digital"].get_parent()
    for n in range(number):
        publish(our_work, ProgrammePage(title=f"Programme {n}", slug=f"programme-{n}"))


def test_the_form_and_the_manage_page_cost_the_same_with_2_programmes_or_22(client, settings, section):
    settings.PAGE_CACHE_SECONDS = 0
    someone = subscriber(all_news=True, programmes=list(section["programmes"].values()))
    urls = [local_url(section["page"]), f"/email-updates/manage/{someone.key}/"]
    client.get(urls[0])  # warm the site's shared caches
    few = [count(lambda url=url: client.get(url)) for url in urls]
    add_programmes(section, 20)
    someone.programmes.set(ProgrammePage.objects.all())
    client.get(urls[0])
    many = [count(lambda url=url: client.get(url)) for url in urls]
    assert many == few
    assert few[0] <= 10  # issue 3's budget for a page (tests/core/test_query_budget.py)


def test_the_admin_counts_cost_the_same_with_1_subscriber_or_30(admin_client, section):
    digital = section["programmes"]["digital"]
    subscriber("first@example.com", programmes=[digital])
    admin_client.get("/admin/email-updates/")
    few = count(lambda: admin_client.get("/admin/email-updates/"))
    for n in range(29):
        subscriber(f"person{n}@example.com", all_news=n % 2 == 0, programmes=[digital])
    assert count(lambda: admin_client.get("/admin/email-updates/")) == few


def test_sending_costs_a_fixed_number_of_queries_per_subscriber(section, settings):
    settings.EMAIL_UPDATES_BATCH_SIZE = 100
    page = make_news(section["news"], "Quiet news", datetime.date(2026, 1, 1))
    subscriber("one@example.com", all_news=True)
    one = count(lambda: updates.send_update(page.pk))
    page2 = make_news(section["news"], "Louder news", datetime.date(2026, 1, 2))
    for n in range(10):
        subscriber(f"person{n}@example.com", all_news=True)
    eleven = count(lambda: updates.send_update(page2.pk))
    # The claims (a savepoint, a select and an insert each) grow with the subscribers; nothing else does.
    per_subscriber = (eleven - one) / 10
    assert per_subscriber <= 4, (one, eleven)
