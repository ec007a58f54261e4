"""Settings > Merge sites: choose, preview (a table of every old and new address), then run."""

import pytest

from django.contrib.auth.models import Group, Permission

from wagtail.models import Page

from stp_site.site_merge.models import SiteMerge
from tests import html as h
from tests.staff import sign_in

from .conftest import A_URL, B_URL, SECTION, get

pytestmark = pytest.mark.django_db

URL = "/admin/merge-sites/"


def choices(sites, **extra):
    return {"source": sites.b_site.pk, "target": sites.a_site.pk, **extra}


def table(html, caption):
    for found in h.elements(html, "table"):
        if caption in " ".join(h.texts(found, "caption")):
            return found
    raise AssertionError(f"no table captioned {caption!r}")


def table_rows(html, caption):
    """The text of each body row's cells, of the table whose caption says `caption`."""
    rows = h.elements(table(html, caption), "tr")
    return [[" ".join(cell.split()) for cell in h.texts(row, "td")] for row in rows][1:]


@pytest.fixture
def merger(django_user_model):
    """Staff who may use the admin and merge sites, and nothing else."""
    group = Group.objects.create(name="Site mergers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="add_sitemerge")
    )
    user = django_user_model.objects.create_user("merger", "merger@example.org", "a-long-test-password")
    user.groups.add(group)
    return user


def test_choosing_the_sites_shows_a_choice_for_each_top_level_page(editor_client, sites):
    response = editor_client.get(URL, choices(sites))
    assert response.status_code == 200
    html = response.content.decode()
    select = h.element(html, "select", name=f"page-{sites.b_news.pk}")
    options = [" ".join(text.split()) for text in h.texts(select, "option")]
    assert options[0] == "Automatic: merge into “News”"
    assert "Keep it in the section" in options
    assert "Merge into “Privacy notice” (/privacy/)" in options
    label = h.element(html, "label", for_=f"id_page-{sites.b_news.pk}")
    assert " ".join(h.texts(label)[0].split()) == "“News” (/news/)"
    assert h.element(html, "label", for_="id_under")
    assert h.element(html, "button", name="preview")


def test_the_preview_shows_every_address_and_changes_nothing(editor_client, sites):
    response = editor_client.get(URL, choices(sites, preview="1"))
    assert response.status_code == 200
    html = response.content.decode()
    rows = table_rows(html, "Every address of Shropshire, Telford and Wrekin")
    assert [f"{B_URL}/news/b-story/", f"{A_URL}/news/b-story/"] in rows
    assert [f"{B_URL}/", f"{A_URL}{SECTION}"] in rows and len(rows) == 13
    assert ["Mental health in Shropshire", "mental-health", "mental-health-shropshire-telford-and-wrekin"] in (
        table_rows(html, "Pages renamed")
    )
    assert ["Privacy notice", "A copy (alias) of a page of Together We're Better", "Privacy notice"] in (
        table_rows(html, "Pages removed")
    )
    assert h.elements(html, "button", type="submit")
    assert not SiteMerge.objects.exists()
    assert Page.objects.get(pk=sites.b_news.pk)


def test_merge_the_sites_runs_it_and_shows_what_it_did(editor_client, sites, editor):
    data = choices(sites, under="shropshire", **{f"page-{sites.b_news.pk}": "section"})
    response = editor_client.post(URL, data)
    merge = SiteMerge.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{URL}{merge.pk}/"
    assert merge.merged_by == editor
    done = editor_client.get(response["Location"]).content.decode()
    assert "Shropshire, Telford and Wrekin was merged into Together We&#x27;re Better" in done
    rows = h.elements(table(done, "What the merge did"), "tr")
    did = {h.texts(row, "th")[0].strip(): h.texts(row, "td")[0].strip() for row in rows}
    assert did["Pages moved"] == "10" and did["Redirects made"] == "13"
    assert get(editor_client, f"{B_URL}/news/b-story/")["Location"] == f"{A_URL}/shropshire/news/b-story/"
    # The merged site is no longer offered.
    again = editor_client.get(URL).content.decode()
    assert f'value="{sites.b_site.pk}"' not in again


def test_a_preview_with_problems_says_why_and_offers_no_merge_button(editor_client, sites):
    response = editor_client.get(URL, choices(sites, preview="1", **{f"page-{sites.b_news.pk}": str(sites.a_work.pk)}))
    html = response.content.decode()
    alert = h.elements(html, "div", role="alert")[0]
    assert "This merge cannot run" in " ".join(h.texts(alert, "h3"))
    assert "not allowed there" in " ".join(h.texts(alert, "li"))
    assert not h.elements(html, "form", method="post")
    response = editor_client.post(URL, choices(sites, **{f"page-{sites.b_news.pk}": str(sites.a_work.pk)}))
    assert response.status_code == 400 and not SiteMerge.objects.exists()


def test_staff_with_the_permission_may_merge(client, sites, merger):
    sign_in(client, merger)
    assert client.get(URL).status_code == 200
    assert URL in client.get("/admin/").content.decode()  # the Settings menu (the sidebar's JSON) lists it


def test_staff_without_the_permission_are_turned_away(client, sites, django_user_model):
    """As from every admin view they may not use: Wagtail turns the view's 403 into its dashboard with
    "Sorry, you do not have permission to access this area" (a request from a script gets the 403 itself)."""
    group = Group.objects.create(name="Editors only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user("someone", "someone@example.org", "a-long-test-password")
    user.groups.add(group)
    sign_in(client, user)
    for response in (client.get(URL), client.post(URL, choices(sites)), client.get(f"{URL}1/")):
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get(URL, headers={"x-requested-with": "XMLHttpRequest"}).status_code == 403
    assert "do not have permission" in client.get(URL, follow=True).content.decode()
    assert not SiteMerge.objects.exists()
    assert URL not in client.get("/admin/").content.decode()


def test_the_merged_sites_stand_in_home_page_cannot_be_deleted(editor_client, sites):
    editor_client.post(URL, choices(sites))
    placeholder = SiteMerge.objects.get().source.root_page
    response = editor_client.post(f"/admin/pages/{placeholder.pk}/delete/")
    assert response.status_code == 302
    assert Page.objects.filter(pk=placeholder.pk).exists()
