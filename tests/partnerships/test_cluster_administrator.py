"""A cluster administrator (not a superuser) works on every partnership's pages, images, documents,
glossary, known issues and settings, and approves on both; sign-ups stay with the coordinators."""

import pytest

from wagtail.models import Page, TaskState

from tests.partnerships.conftest import edit_form, html, refused, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(client, cluster_administrator):
    assert not cluster_administrator.is_superuser
    return signed_in(client, cluster_administrator)


def test_a_cluster_administrator_edits_and_publishes_on_both_sites(administrator, partnerships):
    for side in partnerships:
        data = edit_form(side.page)
        data["title"] = f"{side.town} winter plan, by the cluster"
        data["action-publish"] = "action-publish"
        assert administrator.post(f"/admin/pages/{side.page.pk}/edit/", data).status_code == 302
        assert Page.objects.get(pk=side.page.pk).title == f"{side.town} winter plan, by the cluster"
    search = html(administrator.get("/admin/pages/search/", {"q": "winter"}))
    assert "Leek winter plan" in search and "Ludlow winter plan" in search
    chooser = html(administrator.get("/admin/choose-page/"))
    assert "Together We" in chooser and "Shropshire, Telford and Wrekin" in chooser
    review = html(administrator.get("/admin/reports/review-due/"))
    assert "Leek winter plan" in review and "Ludlow winter plan" in review


def test_a_cluster_administrator_approves_on_both_sites(administrator, partnerships):
    assert "2 pages waiting for your approval" in html(administrator.get("/admin/"))
    for side in partnerships:
        task = TaskState.objects.get(workflow_state__object_id=str(side.waiting.pk), status="in_progress")
        url = f"/admin/pages/workflow/action/{side.waiting.pk}/approve/{task.pk}/"
        assert administrator.post(url, {"comment": ""}).status_code == 302
        assert Page.objects.get(pk=side.waiting.pk).live


def test_a_cluster_administrator_reaches_both_sites_media_snippets_and_settings(administrator, partnerships):
    for listing in (
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/glossary/glossaryterm/",
        "/admin/snippets/home/knownaccessibilityissue/",
    ):
        response = html(administrator.get(listing))
        assert "Leek" in response and "Ludlow" in response, listing
    for side in partnerships:
        assert administrator.get(f"/admin/images/{side.image.pk}/").status_code == 200
        assert administrator.get(f"/admin/snippets/glossary/glossaryterm/edit/{side.term.pk}/").status_code == 200
        for setting in ("core/sitesettings", "core/alertbanner", "plain_english/readabilitysettings"):
            response = administrator.get(f"/admin/settings/{setting}/{side.site.pk}/")
            assert response.status_code == 200, (setting, side.town)
            assert 'id="settings-site-switch"' in html(response)  # both sites to switch between
        assert administrator.get(f"/admin/settings/get_involved/signupsettings/{side.site.pk}/").status_code == 200


def test_sign_ups_are_not_a_cluster_administrators(administrator, partnerships):
    for url in ("/admin/signups/", "/admin/reports/sign-ups/", "/admin/reports/equality/"):
        response = administrator.get(url)
        assert refused(response), url
        assert "Resident" not in html(response)
