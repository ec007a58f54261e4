"""The links in the emails: confirming (signed, expiring, once), the one-click unsubscribe (RFC 8058: a POST
with no cookie or CSRF token; a GET shows a button) and changing your choices."""

import re
import time

import pytest

from django.core import mail, signing
from django.test import Client

from stp_site.email_updates.models import Subscriber
from stp_site.email_updates.tokens import SALT, confirm_token
from tests.email_updates.helpers import subscriber

pytestmark = pytest.mark.django_db


def confirm_url(token):
    return f"/email-updates/confirm/{token}/"


def test_confirming_activates_the_subscription_once(client, section):
    pending = subscriber(status=Subscriber.Status.PENDING, all_news=True)
    url = confirm_url(confirm_token(pending))
    response = client.get(url)
    assert response.status_code == 200
    assert "You will now get email updates" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    pending.refresh_from_db()
    assert pending.status == "confirmed" and pending.confirmed_at is not None and pending.confirm_nonce == ""
    again = client.get(url)  # used: it changes nothing, and says so kindly
    assert "You already get email updates" in again.content.decode()


class EightDaysAgo(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 8 * 24 * 60 * 60)


def test_an_expired_link_does_not_confirm(client, section):
    pending = subscriber(status=Subscriber.Status.PENDING)
    token = EightDaysAgo(salt=SALT).sign(f"{pending.pk}:{pending.confirm_nonce}")
    response = client.get(confirm_url(token))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "pending"


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        signing.TimestampSigner(salt="another.salt").sign("1:nonce"),
        signing.TimestampSigner(salt=SALT, key="not-the-secret-key").sign("1:nonce"),
    ],
    # Fixed names: every pytest-xdist worker collects the same tests (a signed token holds the time).
    ids=["nonsense", "another-salt", "another-key"],
)
def test_a_forged_link_does_not_confirm(client, section, token):
    pending = subscriber(status=Subscriber.Status.PENDING)
    response = client.get(confirm_url(token.replace("1:", f"{pending.pk}:")))
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_one_click_unsubscribe_is_a_post_with_no_cookie_or_token(section):
    confirmed = subscriber(all_news=True)
    client = Client(enforce_csrf_checks=True)  # as a mail provider posts: no cookie, no CSRF token
    response = client.post(
        f"/email-updates/unsubscribe/{confirmed.key}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "You will not get any more email updates" in response.content.decode()
    assert not Subscriber.objects.filter(pk=confirmed.pk).exists()
    assert not response.cookies
    # Posting again (a retry) is still a success, and says the same.
    assert client.post(f"/email-updates/unsubscribe/{confirmed.key}/").status_code == 200


def test_following_the_unsubscribe_link_shows_a_button_and_changes_nothing(client, section):
    confirmed = subscriber(all_news=True)
    response = client.get(f"/email-updates/unsubscribe/{confirmed.key}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<form method="post" action="/email-updates/unsubscribe/{confirmed.key}/">' in html
    assert "Stop my email updates</button>" in html
    assert Subscriber.objects.filter(pk=confirmed.pk).exists()
    assert client.get("/email-updates/unsubscribe/not-a-key/").status_code == 404


def test_changing_your_choices(client, section):
    digital = section["programmes"]["digital"]
    confirmed = subscriber(all_news=True)
    url = f"/email-updates/manage/{confirmed.key}/"
    html = client.get(url).content.decode()
    assert 'value="all_news" checked' in html
    response = client.post(url, {"topics": ["consultations", f"programme-{digital.pk}"]})
    assert "Your choices are saved" in response.content.decode()
    confirmed.refresh_from_db()
    assert (confirmed.all_news, confirmed.consultations) == (False, True)
    assert list(confirmed.programmes.all()) == [digital]
    empty = client.post(url, {})
    assert "Select what you would like to hear about" in empty.content.decode()
    assert 'href="#id_topics_0"' in empty.content.decode()


def test_the_confirmation_email_is_plain_text_and_html_with_no_tracking(
    client, section, django_capture_on_commit_callbacks
):
    from tests.email_updates.helpers import valid_data

    with django_capture_on_commit_callbacks(execute=True):
        client.post(section["page"].url, valid_data())
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    link = re.search(r"http://localhost(/email-updates/confirm/\S+/)", message.body).group(1)
    assert f'href="http://localhost{link}"' in html
    assert "<img" not in html
    assert "List-Unsubscribe" not in message.extra_headers  # not subscribed yet: nothing to leave
    assert client.get(link).status_code == 200
