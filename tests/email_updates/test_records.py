"""A subscription as a resident's record (get_involved/resident_records.py): found for subject access and
erasure, purged when never confirmed, replayed from the spool exactly once, and checked by the outage form
with no database. The admin shows counts per programme only; a superuser may export the addresses."""

import datetime
import uuid

import pytest

from django.core import mail
from django.utils import timezone

from get_involved import resident_records, spool
from get_involved.models import DataProtectionLog
from stp_site.email_updates import subscriptions
from stp_site.email_updates.models import Subscriber
from stp_site.email_updates.records import RECORD_KIND
from tests.email_updates.helpers import EMAIL, subscriber, valid_data

pytestmark = pytest.mark.django_db


def test_the_kind_is_registered():
    assert resident_records.kind_named("email_subscription") is RECORD_KIND


def test_subject_access_finds_the_subscription_and_describes_it_without_personal_details(section):
    digital = section["programmes"]["digital"]
    row = subscriber(all_news=True, programmes=[digital])
    found = list(RECORD_KIND.records_for(EMAIL.upper(), ""))
    assert found == [row]
    export = found[0].as_export()
    assert export["email"] == EMAIL and export["programmes"] == ["Digital"] and export["all_news"] is True
    assert EMAIL not in found[0].describe()
    assert list(RECORD_KIND.records_for("", "07123 456789")) == []


def test_unconfirmed_subscriptions_are_purged_after_seven_days(section):
    old = subscriber("old@example.com", status=Subscriber.Status.PENDING)
    Subscriber.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    recent = subscriber("recent@example.com", status=Subscriber.Status.PENDING)
    confirmed = subscriber("confirmed@example.com")
    Subscriber.objects.filter(pk=confirmed.pk).update(created_at=timezone.now() - datetime.timedelta(days=400))
    assert RECORD_KIND.purge_expired(timezone.now()) == 1
    assert set(Subscriber.objects.values_list("pk", flat=True)) == {recent.pk, confirmed.pk}
    assert DataProtectionLog.objects.filter(count=1).exists()


def test_a_spooled_sign_up_is_stored_once_and_then_sends_its_confirmation(section, django_capture_on_commit_callbacks):
    digital = section["programmes"]["digital"]
    data = valid_data(f"programme-{digital.pk}")
    entry = {"id": str(uuid.uuid4()), "kind": "email_subscription", "group_id": section["page"].pk,
             "privacy_notice_url": "/privacy/", "data": data}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        first = RECORD_KIND.store_spooled(entry)
    assert first is not None
    assert RECORD_KIND.store_spooled(entry) is None
    stored = Subscriber.objects.get()
    assert list(stored.programmes.all()) == [digital] and stored.consent_privacy_notice_url == "/privacy/"
    assert [message.subject for message in mail.outbox] == ["Confirm you want email updates"]


def test_a_spooled_sign_up_for_a_page_that_has_gone_stays_in_the_spool(section):
    entry = {"id": str(uuid.uuid4()), "kind": "email_subscription", "group_id": 999999, "data": valid_data()}
    with pytest.raises(resident_records.PageGone):
        RECORD_KIND.store_spooled(entry)


def test_the_outage_form_checks_with_the_remembered_programmes_and_spools(client, section, rf):
    digital = section["programmes"]["digital"]
    client.get(section["page"].url)  # shown once: its programmes are remembered
    known = {"group_id": section["page"].pk, "privacy": "/privacy/", "title": "Get email updates"}
    form = RECORD_KIND.outage_form(known, valid_data(f"programme-{digital.pk}"))
    assert form.is_valid(), form.errors
    response = RECORD_KIND.spool_and_thank(rf.post("/"), known, form)
    assert "Check your email" in response.rendered_content
    (path,) = spool.waiting()
    assert spool.read(path)["kind"] == "email_subscription"
    bad = RECORD_KIND.outage_form(known, valid_data(email="nope"))
    assert not bad.is_valid()


def test_a_sign_up_the_database_cannot_take_is_spooled(section, monkeypatch):
    from django.db import OperationalError

    def down(*args, **kwargs):
        raise OperationalError("the database is down")

    monkeypatch.setattr(subscriptions, "save_subscription", down)
    outcome, entry_id = subscriptions.save_or_spool(section["page"], {**valid_data(), "topics": ["all_news"]}, "")
    assert outcome == "spooled"
    assert spool.read(spool.waiting()[0])["id"] == entry_id


def test_erasure_deletes_the_subscription_and_what_was_sent(section):
    row = subscriber(all_news=True)
    records = RECORD_KIND.records_for(EMAIL, "")
    records.delete()
    assert not Subscriber.objects.filter(pk=row.pk).exists()


def test_the_admin_shows_counts_only_and_a_superuser_exports(admin_client, section):
    digital = section["programmes"]["digital"]
    subscriber("a@example.com", programmes=[digital])
    subscriber("b@example.com", programmes=[digital], all_news=True)
    subscriber("c@example.com", status=Subscriber.Status.PENDING, programmes=[digital])
    html = admin_client.get("/admin/email-updates/").content.decode()
    assert '<th scope="row">News about Digital</th><td>2</td>' in html
    assert "a@example.com" not in html
    export = admin_client.get("/admin/email-updates/export/")
    assert export["Content-Type"].startswith("text/csv")
    assert "a@example.com" in export.content.decode()


def test_staff_without_the_permission_see_no_counts(client, section, django_user_model):
    from tests.staff import sign_in

    user = django_user_model.objects.create_user("editor2", "e@example.org", "a-long-test-password")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in(client, user)
    assert client.get("/admin/email-updates/").status_code in (302, 403)
    assert client.get("/admin/email-updates/export/").status_code in (302, 403)


def test_a_formula_in_an_address_is_exported_as_text(admin_client, section):
    subscriber("=cmd@example.com")
    assert "'=cmd@example.com" in admin_client.get("/admin/email-updates/export/").content.decode()


def test_a_coordinator_sees_the_counts_of_their_own_site_only(client, section):
    from django.contrib.auth import get_user_model

    from wagtail.models import Site

    from stp_site.partnerships.staff_groups import ensure_partnership
    from tests.sites import add_site
    from tests.staff import sign_in

    ours = Site.objects.get(is_default_site=True)
    theirs = add_site()
    record, _ = ensure_partnership(ours)
    ensure_partnership(theirs)
    user = get_user_model().objects.create_user("coordinator", "c@example.org", "a-long-test-password")
    user.groups.add(record.coordinators)
    subscriber("ours@example.com", all_news=True)
    subscriber("theirs@example.com", all_news=True, site=theirs)
    sign_in(client, user)
    html = client.get("/admin/email-updates/").content.decode()
    assert ours.site_name in html and theirs.site_name not in html
    assert "ours@example.com" not in html
    refused = client.get("/admin/email-updates/export/")  # Wagtail turns PermissionDenied into a redirect
    assert refused.status_code == 302 and "ours@example.com" not in refused.content.decode()


def test_the_data_protection_commands_cover_subscriptions(section):
    import json
    from io import StringIO

    from django.core.management import call_command

    subscriber(all_news=True)
    out = StringIO()
    call_command("export_personal_data", "--email", EMAIL, stdout=out)
    exported = json.loads(out.getvalue())
    assert [row["email"] for row in exported["email_subscriptions"]] == [EMAIL]
    call_command("erase_personal_data", "--email", EMAIL, stdout=StringIO())
    assert not Subscriber.objects.exists()
