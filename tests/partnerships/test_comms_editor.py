"""A Shropshire comms editor works on Shropshire's pages, images, documents, glossary and known issues,
and can neither see, edit nor publish Staffordshire's through any admin screen, search, chooser or
report. (Staffordshire's things all say "Leek", Shropshire's "Ludlow": conftest.py.)"""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Page

from stp_site.glossary.models import GlossaryTerm
from tests.home.factories import VisionPageFactory
from tests.partnerships.conftest import edit_form, html, refused, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, partnerships):
    return signed_in(client, partnerships[1].staff["comms editor"])


def staffordshire_page_urls(page):
    return [
        f"/admin/pages/{page.pk}/",
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/{page.pk}/view_draft/",
        f"/admin/pages/{page.pk}/history/",
        f"/admin/pages/{page.pk}/revisions/",
        f"/admin/pages/{page.pk}/usage/",
        f"/admin/pages/{page.pk}/workflow_history/",
        f"/admin/pages/{page.pk}/copy/",
        f"/admin/pages/{page.pk}/move/",
        f"/admin/pages/{page.pk}/delete/",
        f"/admin/pages/{page.pk}/add_subpage/",
    ]


def test_the_explorer_and_the_editor_show_only_their_own_pages(editor, partnerships):
    staffordshire, shropshire = partnerships
    explorer = editor.get("/admin/pages/", follow=True)
    assert explorer.status_code == 200
    assert "Ludlow winter plan" in html(explorer) and "Leek" not in html(explorer)
    assert editor.get(f"/admin/pages/{shropshire.page.pk}/edit/").status_code == 200

    for page in (staffordshire.home, staffordshire.page):
        for url in staffordshire_page_urls(page):
            response = editor.get(url)
            assert refused(response), (url, response.status_code)
            assert "Leek" not in html(response) and "Leek" not in html(editor.get(url, follow=True)), url


def test_they_save_and_submit_their_own_pages_but_cannot_touch_staffordshires(editor, partnerships):
    staffordshire, shropshire = partnerships
    data = edit_form(shropshire.page)
    data["title"] = "Ludlow winter plan, updated"
    data["action-submit"] = "action-submit"
    assert editor.post(f"/admin/pages/{shropshire.page.pk}/edit/", data).status_code == 302
    page = Page.objects.get(pk=shropshire.page.pk)
    assert page.get_latest_revision_as_object().title == "Ludlow winter plan, updated"
    assert page.title == "Ludlow winter plan"  # not published: an approver approves it
    assert page.workflow_in_progress

    theirs = staffordshire.page
    revisions = theirs.revisions.count()
    for action in ("action-publish", "action-submit", None):
        data = edit_form(theirs)
        data["title"] = "Changed from Shropshire"
        if action:
            data[action] = action
        assert refused(editor.post(f"/admin/pages/{theirs.pk}/edit/", data))
    assert theirs.revisions.count() == revisions
    theirs.refresh_from_db()
    assert theirs.title == "Leek winter plan" and theirs.live
    assert refused(editor.post(f"/admin/pages/{theirs.pk}/delete/"))
    assert refused(editor.post(f"/admin/pages/add/home/standardpage/{staffordshire.home.pk}/", {"title": "Leek x"}))
    assert Page.objects.filter(pk=theirs.pk).exists() and not Page.objects.filter(title="Leek x").exists()


def test_admin_search_and_the_page_chooser_find_only_their_own_pages(editor, partnerships):
    staffordshire, shropshire = partnerships
    search = editor.get("/admin/pages/search/", {"q": "winter"})
    assert search.status_code == 200
    assert "Ludlow winter plan" in html(search) and "Leek" not in html(search)

    chooser = editor.get("/admin/choose-page/")
    assert chooser.status_code == 200
    assert "Shropshire, Telford and Wrekin" in html(chooser) and "Together We" not in html(chooser)
    assert "Ludlow winter plan" in html(editor.get(f"/admin/choose-page/{shropshire.home.pk}/"))
    assert editor.get(f"/admin/choose-page/{staffordshire.home.pk}/").status_code == 404
    found = editor.get("/admin/choose-page/search/", {"q": "winter"})
    assert "Ludlow winter plan" in html(found) and "Leek" not in html(found)
    typed = editor.get("/admin/choose-page/", {"page_type": "home.standardpage"})
    assert "Ludlow winter plan" in html(typed) and "Leek" not in html(typed)
    # A type only Staffordshire has: Wagtail would start at Staffordshire's home page.
    VisionPageFactory(parent=staffordshire.home, title="Leek vision")
    only_theirs = editor.get("/admin/choose-page/", {"page_type": "home.visionpage"})
    assert only_theirs.status_code == 200
    assert "Leek" not in html(only_theirs) and "Together We" not in html(only_theirs)


def test_images_and_documents_of_staffordshire_are_out_of_sight(editor, partnerships):
    staffordshire, shropshire = partnerships
    for listing in ("/admin/images/", "/admin/documents/", "/admin/images/chooser/", "/admin/documents/chooser/"):
        response = editor.get(listing)
        assert response.status_code == 200, listing
        assert "Ludlow" in html(response) and "Leek" not in html(response), listing
        assert "Together We" not in html(response), listing  # nor their collection's name
    leek_image, leek_document = staffordshire.image, staffordshire.document
    for url in (
        f"/admin/images/{leek_image.pk}/",
        f"/admin/images/{leek_image.pk}/delete/",
        f"/admin/images/usage/{leek_image.pk}/",
        f"/admin/images/chooser/{leek_image.pk}/",
        f"/admin/documents/edit/{leek_document.pk}/",
        f"/admin/documents/delete/{leek_document.pk}/",
        f"/admin/documents/usage/{leek_document.pk}/",
        f"/admin/documents/chooser/{leek_document.pk}/",
    ):
        response = editor.get(url)
        assert refused(response), (url, response.status_code)
        assert "Leek" not in html(response), url
    assert refused(editor.post(f"/admin/images/{leek_image.pk}/", {"title": "Changed", "collection": "1"}))
    leek_image.refresh_from_db()
    assert leek_image.title == "Leek clinic photo"
    assert editor.get(f"/admin/images/{shropshire.image.pk}/").status_code == 200
    assert editor.get(f"/admin/documents/edit/{shropshire.document.pk}/").status_code == 200

    # Uploads go to their own collection, whichever one is asked for.
    for collection in (staffordshire.partnership.collection, shropshire.partnership.collection):
        upload = SimpleUploadedFile("notes.pdf", b"%PDF-1.4\n" + b"0" * 100, content_type="application/pdf")
        data = {"title": f"Notes for {collection.name}", "file": upload, "collection": collection.pk}
        assert editor.post("/admin/documents/add/", data).status_code in (200, 302)
    notes = get_document_model().objects.filter(title__startswith="Notes")
    assert {document.collection for document in notes} == {shropshire.partnership.collection}


def test_glossary_terms_and_known_issues_are_their_own_sites_only(editor, partnerships):
    staffordshire, shropshire = partnerships
    for listing in (
        "/admin/snippets/glossary/glossaryterm/",
        "/admin/snippets/home/knownaccessibilityissue/",
        "/admin/snippets/choose/glossary/glossaryterm/",
    ):
        response = editor.get(listing)
        assert response.status_code == 200, listing
        assert "Ludlow" in html(response) and "Leek" not in html(response), listing
    for snippet, app in (
        (staffordshire.term, "glossary/glossaryterm"),
        (staffordshire.issue, "home/knownaccessibilityissue"),
    ):
        for view in ("edit", "delete", "history", "usage", "copy"):
            response = editor.get(f"/admin/snippets/{app}/{view}/{snippet.pk}/")
            assert refused(response), (app, view, response.status_code)
            assert "Leek" not in html(response)
        assert editor.get(f"/admin/bulk/{app}/delete/?id={snippet.pk}").status_code == 404
    assert (
        editor.get(f"/admin/snippets/choose/glossary/glossaryterm/chosen/{staffordshire.term.pk}/").status_code == 404
    )

    add = editor.get("/admin/snippets/glossary/glossaryterm/add/")
    assert "Shropshire, Telford and Wrekin" in html(add) and "Together We" not in html(add)
    refused_post = editor.post(
        "/admin/snippets/glossary/glossaryterm/add/",
        {"site": staffordshire.site.pk, "term": "Leek PCN", "meaning": "A group of surgeries."},
    )
    assert refused_post.status_code == 200 and "Select a valid choice" in html(refused_post)
    assert not GlossaryTerm.objects.filter(term="Leek PCN").exists()
    made = editor.post(
        "/admin/snippets/glossary/glossaryterm/add/",
        {"site": shropshire.site.pk, "term": "Ludlow PCN", "meaning": "A group of surgeries."},
    )
    assert made.status_code == 302
    assert GlossaryTerm.objects.get(term="Ludlow PCN").site == shropshire.site
    edited = editor.post(
        f"/admin/snippets/glossary/glossaryterm/edit/{staffordshire.term.pk}/",
        {"site": staffordshire.site.pk, "term": "Leek ICB", "meaning": "Changed from Shropshire."},
    )
    assert edited.status_code == 404
    staffordshire.term.refresh_from_db()
    assert staffordshire.term.meaning == "The Leek health board."


def test_reports_and_the_dashboard_show_only_their_own_pages(editor, partnerships):
    for url in (
        "/admin/",
        "/admin/reports/review-due/",
        "/admin/reports/review-due/?export=csv",
        "/admin/reports/site-history/",
        "/admin/reports/page-types-usage/",
        "/admin/reports/aging-pages/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/locked/",
        "/admin/pages/usage/home/standardpage/",
    ):
        response = editor.get(url)
        assert response.status_code in (200, 302, 403), (url, response.status_code)
        assert "Leek" not in html(response), url
    # Nor, in the filters, Staffordshire's staff's names, its workflow or its task.
    for url in ("/admin/reports/site-history/", "/admin/reports/workflow/", "/admin/reports/workflow_tasks/"):
        assert "leek_" not in html(editor.get(url)) and "Together We" not in html(editor.get(url)), url
    report = html(editor.get("/admin/reports/review-due/"))
    assert "Ludlow winter plan" in report
    # Wagtail's own report counts every site's pages and names the last one edited, whoever's it is.
    page_types = " ".join(html(editor.get("/admin/reports/page-types-usage/")).split())
    assert "Ludlow new clinic" in page_types
    assert '<a href="/admin/pages/usage/home/standardpage/">3</a>' in page_types or ">3<" in page_types


def test_settings_and_sign_ups_are_not_theirs(editor, partnerships):
    staffordshire, shropshire = partnerships
    for site in (staffordshire.site, shropshire.site):
        for setting in ("core/sitesettings", "core/alertbanner", "plain_english/readabilitysettings"):
            assert refused(editor.get(f"/admin/settings/{setting}/{site.pk}/")), (setting, site)
    for url in (
        "/admin/signups/",
        "/admin/signups/?export=csv",
        "/admin/reports/sign-ups/",
        "/admin/reports/equality/",
    ):
        response = editor.get(url)
        assert refused(response), url
        assert "Resident" not in html(response)
    assert reverse("signups:index") not in html(editor.get("/admin/"))
