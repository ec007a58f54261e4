"""Junk and floods: spam never uses up a resident's sign-ups, and a flood from many addresses is reported
to staff rather than refused."""

import logging

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from get_involved.models import SignUp
from tests.get_involved.fixtures import valid_data
from tests.staff import sign_in

pytestmark = pytest.mark.django_db


def test_junk_posts_do_not_use_up_the_addresses_limit(client, group, settings):
    settings.SIGNUP_RATE_LIMIT = "3/h"
    for _ in range(10):
        assert client.post(group.url, valid_data(website="http://spam.example")).status_code == 400
    assert client.post(group.url, valid_data()).status_code == 303
    assert SignUp.objects.count() == 1


def test_a_flood_is_logged_and_shown_to_coordinators_not_refused(client, group, settings, caplog):
    settings.SIGNUP_FLOOD_ALERT = 5
    caplog.set_level(logging.WARNING, logger="get_involved.flood")
    for number in range(6):
        response = client.post(group.url, valid_data(email=f"person{number}@example.com", phone=""))
        assert response.status_code == 303  # every real-looking sign-up is still taken
    assert SignUp.objects.count() == 6
    assert [record.getMessage() for record in caplog.records] == [
        "Unusually many sign-up posts: 5 in this hour (alert level 5)"
    ]

    coordinator = get_user_model().objects.create_user("coordinator", password="a-long-test-password")
    coordinator.groups.add(Group.objects.get(name="Reference group coordinators"))
    sign_in(client, coordinator)
    dashboard = client.get("/admin/").content.decode()
    assert "Unusually many sign-ups" in dashboard
    assert "sent 6 times in this hour" in dashboard

    editor = get_user_model().objects.create_user("editor", password="a-long-test-password")
    editor.user_permissions.add(
        *Group.objects.get(name="Reference group coordinators").permissions.filter(codename="access_admin")
    )
    sign_in(client, editor)
    assert "Unusually many sign-ups" not in client.get("/admin/").content.decode()
