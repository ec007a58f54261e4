"""A sign-up to email updates sent while PostgreSQL is unreachable is kept in the spool, the resident told
to check their email, and stored exactly once (then its confirmation sent) when the database answers."""

import pytest

from django.core import mail

from get_involved import spool
from get_involved.replay import replay_spooled
from stp_site.email_updates.models import Subscriber
from tests.email_updates.helpers import EMAIL, make_updates_section, valid_data
from tests.get_involved.test_spool import database_down

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_sign_up_while_the_database_is_down_is_spooled_and_stored_once(client, home):
    section = make_updates_section(home)
    digital = section["programmes"]["digital"]
    url = section["page"].url
    assert client.get(url).status_code == 200  # shown once: the address and its programmes are remembered
    with database_down():
        response = client.post(url, valid_data(f"programme-{digital.pk}"))
        assert response.status_code == 200
        assert "Check your email" in response.content.decode()
        assert "no-store" in response["Cache-Control"]
        (entry,) = spool.waiting()
        bad = client.post(url, valid_data(email="nope"))
        assert bad.status_code == 503  # a post that is not valid is not kept: try again later
    assert spool.read(entry)["kind"] == "email_subscription"
    assert replay_spooled() == (1, 0, 0)
    stored = Subscriber.objects.get()
    assert stored.email == EMAIL and list(stored.programmes.all()) == [digital]
    assert [message.subject for message in mail.outbox] == ["Confirm you want email updates"]
    assert replay_spooled() == (0, 0, 0)
