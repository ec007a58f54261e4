"""A Shropshire coordinator sees, exports, corrects and deletes the sign-ups of the Shropshire groups they
coordinate, and none of Staffordshire's, even of a Staffordshire group whose page names them as a
coordinator: they coordinate for Shropshire only. Shropshire's equality monitoring sees Shropshire's
groups' counts only. Neither reaches pages, images or documents."""

import csv
import io

import pytest

from django.urls import reverse

from get_involved.models import SignUp
from tests.partnerships.conftest import html, refused, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client, partnerships):
    return signed_in(client, partnerships[1].staff["coordinator"])


def one_record_urls(sign_up):
    return [f"/admin/signups/{view}/{sign_up.pk}/" for view in ("inspect", "edit", "delete", "history", "usage")]


def test_a_coordinator_sees_only_their_partnerships_sign_ups(coordinator, partnerships):
    staffordshire, shropshire = partnerships
    listing = coordinator.get("/admin/signups/")
    assert listing.status_code == 200
    assert "Ludlow Resident" in html(listing) and "Leek" not in html(listing)
    searched = html(coordinator.get("/admin/signups/", {"q": "Leek"}))  # the search box says "Leek" itself
    assert "Leek Resident" not in searched and "Leek Person" not in searched
    assert "Leek" not in html(coordinator.get("/admin/signups/", {"group": staffordshire.group.pk}))
    export = list(csv.DictReader(io.StringIO(html(coordinator.get("/admin/signups/?export=csv")))))
    assert export and {row["Group"] for row in export} == {"Ludlow digital group"}
    for url in ("/admin/reports/sign-ups/", "/admin/reports/sign-ups/?export=csv", "/admin/"):
        response = coordinator.get(url)
        assert response.status_code == 200, url
        assert "Ludlow digital group" in html(response) and "Leek" not in html(response), url

    for url in one_record_urls(shropshire.sign_up):
        assert coordinator.get(url).status_code == 200, url
    for url in one_record_urls(staffordshire.sign_up):
        response = coordinator.get(url)
        assert response.status_code == 404, (url, response.status_code)
        assert "Leek" not in html(response)


def test_a_coordinator_cannot_change_delete_or_add_staffordshires_sign_ups(coordinator, partnerships):
    staffordshire, shropshire = partnerships
    theirs, mine = staffordshire.sign_up, shropshire.sign_up
    assert coordinator.post(f"/admin/signups/delete/{theirs.pk}/").status_code == 404
    assert SignUp.objects.filter(pk=theirs.pk).exists()
    data = {
        "group": staffordshire.group.pk, "full_name": mine.full_name, "email": mine.email, "phone": "",
        "postcode": mine.postcode, "support_needs": "", "heard_about": "", "referral": "",
        "consent_to_contact": "on",
    }  # fmt: skip
    moved = coordinator.post(f"/admin/signups/edit/{mine.pk}/", data)
    assert moved.status_code == 200 and "Select a valid choice" in html(moved)
    mine.refresh_from_db()
    assert mine.group_id == shropshire.group.pk
    added = coordinator.post("/admin/signups/new/", {**data, "full_name": "Leek Newcomer", "email": "new@example.com"})
    assert added.status_code == 200 and "Select a valid choice" in html(added)
    assert not SignUp.objects.filter(full_name="Leek Newcomer").exists()

    assert coordinator.post(f"/admin/signups/delete/{mine.pk}/").status_code == 302
    assert not SignUp.objects.filter(pk=mine.pk).exists()


def test_a_coordinator_reaches_no_pages_media_settings_or_equality_summary(coordinator, partnerships):
    staffordshire, shropshire = partnerships
    for url in (
        "/admin/pages/search/?q=winter",
        f"/admin/pages/{shropshire.page.pk}/edit/",
        f"/admin/pages/{staffordshire.page.pk}/edit/",
        "/admin/images/",
        "/admin/documents/",
        f"/admin/settings/core/sitesettings/{shropshire.site.pk}/",
        "/admin/reports/equality/",
        "/admin/snippets/glossary/glossaryterm/",
    ):
        response = coordinator.get(url)
        assert refused(response), (url, response.status_code)
        assert "Leek" not in html(response) and "winter plan" not in html(response), url
    chooser = coordinator.get("/admin/choose-page/")
    assert "winter plan" not in html(chooser) and "Together We" not in html(chooser)
    assert "Leek" not in html(coordinator.get("/admin/images/chooser/"))


def test_equality_monitoring_counts_only_their_partnerships_groups(client, partnerships):
    staffordshire, shropshire = partnerships
    signed_in(client, shropshire.staff["equality monitor"])
    assert reverse("equality_summary") in html(client.get("/admin/"))
    summary = " ".join(html(client.get("/admin/reports/equality/")).split())
    assert "All groups: 5 people answered" in summary  # Shropshire's five, not Staffordshire's too
    assert "<td>25 to 34</td><td>5</td>" in summary
    assert "Ludlow digital group" in summary and "Leek" not in summary
    chosen = " ".join(html(client.get("/admin/reports/equality/", {"group": staffordshire.group.pk})).split())
    assert "Leek" not in chosen and "All groups: 5 people answered" in chosen
    assert refused(client.get("/admin/signups/"))  # counts only: no one's sign-up
