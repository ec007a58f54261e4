"""Signing up for email updates: the form, its checks and error summary, the spam defences, and double
opt-in (a pending record and a confirmation email, nothing else, until the link is followed)."""

import re
import time
from html import unescape

import pytest

from django.core import mail

from get_involved.forms import make_started_token
from stp_site.core.page_urls import local_url
from stp_site.email_updates.forms import TOPICS_REQUIRED
from stp_site.email_updates.models import EmailUpdatesPage, Subscriber
from tests.email_updates.helpers import EMAIL, subscriber, valid_data

pytestmark = pytest.mark.django_db


def post(client, page, data, capture):
    with capture(execute=True):
        return client.post(local_url(page), data)


def test_the_form_lists_the_sites_programmes_as_checkboxes_and_is_never_cached(client, section):
    response = client.get(local_url(section["page"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert (
        '<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">What would you like to hear about?' in html
    )
    for value in ["all_news", "consultations", *(f"programme-{p.pk}" for p in section["programmes"].values())]:
        assert f'type="checkbox" value="{value}"' in html
    assert "News about Digital" in html
    assert 'name="website"' in html and 'tabindex="-1"' in html


def test_a_good_sign_up_stores_a_pending_subscriber_and_emails_only_a_confirmation(
    client, section, django_capture_on_commit_callbacks
):
    digital = section["programmes"]["digital"]
    data = valid_data("consultations", f"programme-{digital.pk}", email=" Resident@Example.COM ")
    response = post(client, section["page"], data, django_capture_on_commit_callbacks)
    assert response.status_code == 303
    assert response["Location"].endswith("/email-updates/check-your-email/")
    stored = Subscriber.objects.get()
    assert (stored.email, stored.status, stored.consultations, stored.all_news) == (EMAIL, "pending", True, False)
    assert list(stored.programmes.all()) == [digital]
    assert stored.confirmed_at is None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [EMAIL]
    assert message.subject == "Confirm you want email updates"
    assert re.search(r"http://localhost/email-updates/confirm/[^/\s]+/", message.body)
    assert message.alternatives[0][1] == "text/html"
    page = client.get(response["Location"])
    assert "Check your email" in page.content.decode()


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        (
            {"email": "", "topics": [], "consent": ""},
            ["Enter your email address", TOPICS_REQUIRED, "Tick the box to say we can email you"],
        ),
        ({"email": "not-an-address"}, ["Enter an email address in the correct format, like name@example.com"]),
        ({"topics": ["programme-999999"]}, ["choose one of the answers shown"]),
    ],
)
def test_bad_input_shows_an_error_summary_linking_to_each_field_and_stores_nothing(
    client, section, django_capture_on_commit_callbacks, changes, messages
):
    response = post(client, section["page"], valid_data(**changes), django_capture_on_commit_callbacks)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    start = html.index('class="nhsuk-error-summary"')
    summary = unescape(html[start : html.index("</ul>", start)])
    for message in messages:
        assert message in summary
    if "email" in changes:
        assert 'href="#id_email"' in summary
    if changes.get("topics") == []:
        assert 'href="#id_topics_0"' in summary
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_a_filled_honeypot_or_a_form_sent_too_fast_stores_nothing(client, section, django_capture_on_commit_callbacks):
    for data in (valid_data(website="http://spam.example"), valid_data(started=make_started_token(time.time()))):
        response = post(client, section["page"], data, django_capture_on_commit_callbacks)
        assert response.status_code == 400
        assert "Sorry, your form was not sent" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_sign_ups_are_rate_limited_per_address(client, section, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_UPDATES_RATE_LIMIT = "2/h"
    capture = django_capture_on_commit_callbacks
    statuses = [
        post(client, section["page"], valid_data(email=f"p{n}@example.com"), capture).status_code for n in range(3)
    ]
    assert statuses == [303, 303, 429]
    assert Subscriber.objects.count() == 2


def test_signing_up_again_while_pending_replaces_the_choices_and_the_link(
    client, section, django_capture_on_commit_callbacks
):
    post(client, section["page"], valid_data("all_news"), django_capture_on_commit_callbacks)
    first_link = re.search(r"/email-updates/confirm/\S+/", mail.outbox[0].body).group()
    post(client, section["page"], valid_data("consultations"), django_capture_on_commit_callbacks)
    stored = Subscriber.objects.get()
    assert (stored.all_news, stored.consultations) == (False, True)
    assert len(mail.outbox) == 2
    response = client.get(first_link)
    assert response.status_code == 410
    assert "We sent you a newer link" in response.content.decode()


def test_signing_up_again_when_confirmed_changes_nothing_and_emails_a_link_to_the_choices(
    client, section, django_capture_on_commit_callbacks
):
    existing = subscriber(all_news=True)
    response = post(client, section["page"], valid_data("consultations"), django_capture_on_commit_callbacks)
    assert response.status_code == 303  # the same page as for anyone: it does not say who is subscribed
    existing.refresh_from_db()
    assert (existing.status, existing.all_news, existing.consultations) == ("confirmed", True, False)
    assert [message.subject for message in mail.outbox] == ["You already get our email updates"]
    assert f"/email-updates/manage/{existing.key}/" in mail.outbox[0].body


def test_the_privacy_notice_and_referral_are_recorded(
    client, section, privacy_notice, partner, django_capture_on_commit_callbacks
):
    html = client.get(local_url(section["page"]) + "?ref=healthwatch-staffordshire").content.decode()
    assert 'value="healthwatch-staffordshire"' in html
    assert f'href="{local_url(privacy_notice)}"' in html
    post(client, section["page"], valid_data(ref=partner.code), django_capture_on_commit_callbacks)
    stored = Subscriber.objects.get()
    assert stored.referral == partner
    assert stored.consent_privacy_notice_url == local_url(privacy_notice)


def test_no_personal_data_in_the_logs(client, section, caplog, django_capture_on_commit_callbacks):
    caplog.set_level("DEBUG")
    post(client, section["page"], valid_data(), django_capture_on_commit_callbacks)
    assert EMAIL not in caplog.text
    assert "resident" not in caplog.text.lower()


def test_one_page_per_site_under_its_home_page_or_get_involved(section):
    from tests.get_involved.factories import GetInvolvedPageFactory
    from tests.sites import add_site

    home = section["page"].get_parent().get_parent()
    assert not EmailUpdatesPage.can_create_at(home)
    assert not EmailUpdatesPage.can_create_at(section["page"].get_parent())
    other_home = add_site().root_page.specific
    other_get_involved = GetInvolvedPageFactory(parent=other_home, slug="get-involved")
    assert EmailUpdatesPage.can_create_at(other_home)
    assert EmailUpdatesPage.can_create_at(other_get_involved)
    assert not EmailUpdatesPage.can_create_at(section["programmes"]["digital"])
