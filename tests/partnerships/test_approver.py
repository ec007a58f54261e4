"""A Shropshire approver publishes, approves, unpublishes and locks Shropshire's pages, edits its site
settings and deletes its images, documents and glossary terms, and can do none of it to
Staffordshire's, nor see them in the reports or on the dashboard."""

import pytest

from django.test import Client

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, TaskState
from wagtail.test.utils.form_data import querydict_from_html

from stp_site.core.models import AlertBanner, SiteSettings
from stp_site.glossary.models import GlossaryTerm
from stp_site.governance.models import GovernanceSettings
from stp_site.plain_english.models import ReadabilitySettings
from tests.partnerships.conftest import edit_form, html, refused, signed_in

pytestmark = pytest.mark.django_db

# (the setting's address, its model, a field and the value to give it)
SETTINGS = [
    ("core/sitesettings", SiteSettings, "organisation_name", "Changed"),
    ("core/alertbanner", AlertBanner, "title", "Changed"),
    ("plain_english/readabilitysettings", ReadabilitySettings, "target_reading_age", 9),
    ("governance/governancesettings", GovernanceSettings, "papers_working_days", 3),
]


def settings_form(client, url, field, value):
    data = querydict_from_html(html(client.get(url)), form_id="w-editor-form")
    data[field] = str(value)
    for stream in ("footer_links", "social_links"):  # StreamFields, drawn by the admin's script
        data.setdefault(f"{stream}-count", "0")
    return data


@pytest.fixture
def approver(client, partnerships):
    return signed_in(client, partnerships[1].staff["approver"])


def test_an_approver_publishes_their_own_pages_and_none_of_staffordshires(approver, partnerships):
    staffordshire, shropshire = partnerships
    data = edit_form(shropshire.page)
    data["title"] = "Ludlow winter plan, published"
    data["action-publish"] = "action-publish"
    assert approver.post(f"/admin/pages/{shropshire.page.pk}/edit/", data).status_code == 302
    assert Page.objects.get(pk=shropshire.page.pk).title == "Ludlow winter plan, published"

    theirs = staffordshire.page
    data = edit_form(theirs)
    data["title"] = "Published from Shropshire"
    data["action-publish"] = "action-publish"
    assert refused(approver.post(f"/admin/pages/{theirs.pk}/edit/", data))
    assert refused(approver.post(f"/admin/pages/{theirs.pk}/unpublish/"))
    assert refused(approver.post(f"/admin/pages/{theirs.pk}/lock/"))
    assert refused(approver.post(f"/admin/pages/{staffordshire.locked.pk}/unlock/"))
    theirs.refresh_from_db()
    staffordshire.locked.refresh_from_db()
    assert theirs.title == "Leek winter plan" and theirs.live and not theirs.locked
    assert staffordshire.locked.locked

    assert approver.post(f"/admin/pages/{shropshire.page.pk}/unpublish/").status_code == 302
    assert not Page.objects.get(pk=shropshire.page.pk).live


def test_an_approver_approves_only_their_own_partnerships_pages(approver, partnerships):
    staffordshire, shropshire = partnerships
    dashboard = html(approver.get("/admin/"))
    assert "1 page waiting for your approval" in dashboard
    assert "Ludlow new clinic" in dashboard and "Leek" not in dashboard

    theirs = TaskState.objects.get(workflow_state__object_id=str(staffordshire.waiting.pk), status="in_progress")
    url = f"/admin/pages/workflow/action/{staffordshire.waiting.pk}/approve/{theirs.pk}/"
    assert refused(approver.post(url, {"comment": ""}))
    theirs.refresh_from_db()
    assert theirs.status == "in_progress" and not Page.objects.get(pk=staffordshire.waiting.pk).live

    own = TaskState.objects.get(workflow_state__object_id=str(shropshire.waiting.pk), status="in_progress")
    url = f"/admin/pages/workflow/action/{shropshire.waiting.pk}/approve/{own.pk}/"
    assert approver.post(url, {"comment": ""}).status_code == 302
    assert Page.objects.get(pk=shropshire.waiting.pk).live


def test_the_locked_and_aging_pages_reports_show_only_their_own_pages(approver, partnerships):
    for url in ("/admin/reports/locked/", "/admin/reports/aging-pages/", "/admin/reports/review-due/"):
        response = approver.get(url)
        assert response.status_code == 200, url
        assert "Ludlow" in html(response) and "Leek" not in html(response), url
    assert "Ludlow opening times" in html(approver.get("/admin/reports/locked/"))


@pytest.mark.parametrize("setting, model, field, value", SETTINGS)
def test_an_approver_edits_their_own_sites_settings_and_not_staffordshires(
    client, approver, partnerships, cluster_administrator, setting, model, field, value
):
    staffordshire, shropshire = partnerships
    own_url = f"/admin/settings/{setting}/{shropshire.site.pk}/"
    own = approver.get(own_url)
    assert own.status_code == 200
    assert 'id="settings-site-switch"' not in html(own)  # one site of their own: no switcher naming others
    assert approver.post(own_url, settings_form(approver, own_url, field, value)).status_code == 302
    assert getattr(model.for_site(shropshire.site), field) == value

    theirs_url = f"/admin/settings/{setting}/{staffordshire.site.pk}/"
    data = settings_form(signed_in(Client(), cluster_administrator), theirs_url, field, value)
    before = getattr(model.for_site(staffordshire.site), field)
    assert refused(approver.get(theirs_url))
    assert refused(approver.post(theirs_url, data))
    assert getattr(model.for_site(staffordshire.site), field) == before != value
    # The settings menu's address, asked from Staffordshire's host, opens their own site's.
    redirect = approver.get(f"/admin/settings/{setting}/", HTTP_HOST="localhost")
    assert redirect.status_code == 302 and redirect["Location"].endswith(f"/{shropshire.site.pk}/")


def test_an_approver_deletes_their_own_images_and_terms_only(approver, partnerships):
    staffordshire, shropshire = partnerships
    assert refused(approver.post(f"/admin/images/{staffordshire.image.pk}/delete/"))
    assert refused(approver.post(f"/admin/documents/delete/{staffordshire.document.pk}/"))
    assert approver.post(f"/admin/snippets/glossary/glossaryterm/delete/{staffordshire.term.pk}/").status_code == 404
    assert approver.post(f"/admin/bulk/glossary/glossaryterm/delete/?id={staffordshire.term.pk}").status_code == 404
    assert get_image_model().objects.filter(pk=staffordshire.image.pk).exists()
    assert GlossaryTerm.objects.filter(pk=staffordshire.term.pk).exists()

    assert approver.post(f"/admin/images/{shropshire.image.pk}/delete/").status_code == 302
    assert not get_image_model().objects.filter(pk=shropshire.image.pk).exists()
    both = f"/admin/bulk/glossary/glossaryterm/delete/?id={shropshire.term.pk}&id={staffordshire.term.pk}"
    confirm = approver.get(both)
    assert confirm.status_code == 200 and "Ludlow ICB" in html(confirm) and "Leek" not in html(confirm)
    assert approver.post(both).status_code == 302
    assert not GlossaryTerm.objects.filter(pk=shropshire.term.pk).exists()
    assert GlossaryTerm.objects.filter(pk=staffordshire.term.pk).exists()


def test_bulk_actions_neither_name_nor_touch_staffordshires_pages_images_or_documents(approver, partnerships):
    staffordshire, shropshire = partnerships
    for kind, theirs, own in (
        ("wagtailcore/page/publish", staffordshire.page, shropshire.page),
        ("wagtailcore/page/unpublish", staffordshire.page, shropshire.page),
        ("wagtailcore/page/delete", staffordshire.page, shropshire.page),
        ("wagtailcore/page/move", staffordshire.page, shropshire.page),
        ("wagtailimages/image/delete", staffordshire.image, shropshire.image),
        ("wagtailimages/image/add_to_collection", staffordshire.image, shropshire.image),
        ("wagtaildocs/document/delete", staffordshire.document, shropshire.document),
        ("wagtaildocs/document/add_tags", staffordshire.document, shropshire.document),
    ):
        assert approver.get(f"/admin/bulk/{kind}/?id={theirs.pk}").status_code == 404, kind
        both = approver.get(f"/admin/bulk/{kind}/?id={theirs.pk}&id={own.pk}")
        assert both.status_code == 200, kind
        assert "Ludlow" in html(both) and "Leek" not in html(both), kind

    assert approver.post(f"/admin/bulk/wagtailcore/page/unpublish/?id={staffordshire.page.pk}").status_code == 404
    assert approver.post(f"/admin/bulk/wagtaildocs/document/delete/?id={staffordshire.document.pk}").status_code == 404
    assert Page.objects.get(pk=staffordshire.page.pk).live
    assert get_document_model().objects.filter(pk=staffordshire.document.pk).exists()
    both = f"?id={staffordshire.page.pk}&id={shropshire.page.pk}"
    assert approver.post(f"/admin/bulk/wagtailcore/page/unpublish/{both}").status_code == 302
    assert Page.objects.get(pk=staffordshire.page.pk).live and not Page.objects.get(pk=shropshire.page.pk).live
