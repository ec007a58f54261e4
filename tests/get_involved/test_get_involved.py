"""Get involved pages, reference groups (open, closed, renamed), the programme page hook, demo content,
and who in the admin can see sign-ups."""

import csv
import importlib
import io
import re
from datetime import date

import pytest

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import GroupPagePermission, Page

from get_involved.models import (
    EqualityAnswers,
    GetInvolvedPage,
    ReferenceGroupIndexPage,
    ReferenceGroupPage,
    ReferralPartner,
    SignUp,
)
from programmes.models import ProgrammeIndexPage, ProgrammePage
from stp_site.home.models import HomePage
from tests import html as h
from tests.factories import publish
from tests.get_involved.fixtures import valid_data
from tests.sites import demo_partnership
from tests.staff import sign_in

pytestmark = pytest.mark.django_db

COORDINATORS = "Reference group coordinators"


def test_page_tree_rules():
    assert GetInvolvedPage in HomePage.allowed_subpage_models()
    assert ReferenceGroupIndexPage.allowed_parent_page_models() == [GetInvolvedPage]
    assert ReferenceGroupPage.allowed_parent_page_models() == [ReferenceGroupIndexPage]
    assert ReferenceGroupPage.allowed_subpage_models() == []
    for model in (GetInvolvedPage, ReferenceGroupIndexPage, ReferenceGroupPage):
        for field in model._meta.get_fields():
            if field.concrete and field.model is model and not field.primary_key and field.name != "page_ptr":
                assert field.help_text, f"{model.__name__}.{field.name} has no help_text"


def test_pages_render_at_their_urls(client, group):
    assert client.get("/get-involved/").status_code == 200
    index = client.get("/get-involved/patient-reference-groups/")
    assert index.status_code == 200
    assert "Digital patient reference group" in index.content.decode()
    response = client.get("/get-involved/patient-reference-groups/digital/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Looks at apps and shared records." in content
    assert "Every two months" in content and "We pay travel costs." in content
    assert "0800 051 8371" in content and "01782 683080" in content
    assert h.elements(content, "form", method="post")


def test_index_lists_only_live_groups(client, group, get_involved):
    draft = ReferenceGroupPage(title="Draft group", slug="draft", what_it_does="x", live=False)
    get_involved["index"].add_child(instance=draft)
    content = client.get("/get-involved/patient-reference-groups/").content.decode()
    assert "Draft group" not in content


def test_index_query_count_does_not_grow(client, get_involved, django_assert_max_num_queries):
    def add(count):
        for number in range(count):
            publish(
                get_involved["index"],
                ReferenceGroupPage(title=f"G {number}", slug=f"g-{number}-{count}", what_it_does="x"),
            )

    add(3)
    client.get("/get-involved/patient-reference-groups/")
    with CaptureQueriesContext(connection) as small:
        client.get("/get-involved/patient-reference-groups/")
    small_count = len(small.captured_queries)
    assert small_count <= 20
    add(30)
    client.get("/get-involved/patient-reference-groups/")  # publishing cleared the cached menu
    with django_assert_max_num_queries(small_count):
        assert client.get("/get-involved/patient-reference-groups/").status_code == 200


def test_closed_group_shows_message_and_alternatives_never_404(client, group):
    group.is_closed = True
    group.closed_on = date(2026, 10, 1)
    group.closed_message = "<p>It may open again next year.</p>"
    group.save_revision().publish()
    response = client.get(group.url + "?ref=healthwatch-staffordshire")
    assert response.status_code == 200
    content = response.content.decode()
    assert "not taking new members" in content
    assert "closed on 1 October 2026" in content
    assert "It may open again next year." in content
    assert not h.elements(content, "form", method="post")
    assert "/get-involved/patient-reference-groups/" in h.hrefs(content)
    assert "/get-involved/" in h.hrefs(content)
    assert "0800 051 8371" in content
    assert "no-store" in response["Cache-Control"]


def test_group_with_past_closing_date_is_closed(client, group):
    group.closed_on = date(2020, 1, 1)
    group.save_revision().publish()
    assert "not taking new members" in client.get(group.url).content.decode()


def test_renaming_a_group_slug_keeps_the_old_url_and_referral_working(
    client, group, partner, django_capture_on_commit_callbacks
):
    old_url = group.url
    group.slug = "digital-health"
    # Wagtail's redirects app makes the redirect when the rename is committed.
    with django_capture_on_commit_callbacks(execute=True):
        group.save_revision().publish()
    group.refresh_from_db()
    assert group.url == "/get-involved/patient-reference-groups/digital-health/"
    response = client.get(old_url + "?ref=healthwatch-staffordshire")
    assert response.status_code in (301, 302)
    assert response["Location"] == group.url + "?ref=healthwatch-staffordshire"
    followed = client.get(response["Location"])
    assert h.elements(followed.content, "input", name="ref", value="healthwatch-staffordshire")


def test_thank_you_page(client, group):
    response = client.get(group.url + "thank-you/")
    assert response.status_code == 200
    assert "Thank you for signing up" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_programme_page_gets_its_reference_group(client, group, home):
    index = publish(home, ProgrammeIndexPage(title="Our work", slug="our-work"))
    programme = publish(index, ProgrammePage(title="Digital", slug="digital"))
    response = client.get(programme.url)
    assert response.context["reference_group"] is None
    group.programme = programme
    group.save_revision().publish()
    response = client.get(programme.url)
    assert response.context["reference_group"].url == group.url
    assert response.context["reference_group"].title == group.title
    group.unpublish()
    assert client.get(programme.url).context["reference_group"] is None


def test_group_page_links_its_programme(client, group, home):
    index = publish(home, ProgrammeIndexPage(title="Our work", slug="our-work"))
    programme = publish(index, ProgrammePage(title="Digital", slug="digital"))
    group.programme = programme
    group.save_revision().publish()
    assert "/our-work/digital/" in h.hrefs(client.get(group.url).content)


def test_demo_content_loads_and_is_idempotent(home):
    index = publish(home, ProgrammeIndexPage(title="Our work", slug="our-work"))
    publish(index, ProgrammePage(title="Digital", slug="digital"))
    from get_involved import demo

    out = io.StringIO()
    demo.load(out, demo_partnership())
    demo.load(out, demo_partnership())
    assert GetInvolvedPage.objects.live().count() == 1
    assert ReferenceGroupIndexPage.objects.get().url == "/get-involved/patient-reference-groups/"
    groups = ReferenceGroupPage.objects.live()
    assert groups.count() == 6
    assert groups.get(slug="digital").programme.slug == "digital"
    assert groups.get(slug="planned-care").programme is None  # that programme page does not exist here
    assert set(ReferralPartner.objects.values_list("code", flat=True)) >= {
        "healthwatch-staffordshire",
        "healthwatch-stoke-on-trent",
    }
    body = GetInvolvedPage.objects.get().body
    assert any(block.block_type == "action_link" for block in body)


# --- Staff access -----------------------------------------------------------------------------------------


def make_staff(username, group_name):
    user = get_user_model().objects.create_user(username, email=f"{username}@example.org", password="x" * 16)
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


@pytest.fixture
def coordinator(db, group):
    """A member of "Reference group coordinators" who coordinates `group` (so sees its sign-ups)."""
    migration = importlib.import_module("get_involved.migrations.0002_reference_group_coordinators")
    migration.create_group(django_apps, None)  # as the migration does (a flushed test database lost it)
    user = get_user_model().objects.create_user("coordinator", email="c@example.org", password="x" * 16)
    user.groups.add(Group.objects.get(name=COORDINATORS))
    group.coordinators.add(user)
    group.save()
    return user


@pytest.fixture
def other_staff(db):
    """A comms editor and an approver, with page permissions (issue 5 makes these groups too)."""
    editor = make_staff("editor", "Comms editors")
    approver = make_staff("approver", "Approvers")
    root = Page.get_first_root_node()
    for name, permissions in (("Comms editors", ["add", "change"]), ("Approvers", ["add", "change", "publish"])):
        for codename in permissions:
            GroupPagePermission.objects.get_or_create(
                group=Group.objects.get(name=name),
                page=root,
                permission=Permission.objects.get(codename=f"{codename}_page"),
            )
    return [editor, approver]


@pytest.fixture
def sign_ups(client, group, partner):
    assert (
        client.post(group.url, valid_data(ref=partner.code, equality_consent="on", age_band="45_54")).status_code
        == 303
    )
    # Typed in by a coordinator (the admin form is less strict than the public one).
    SignUp.objects.create(
        group=group,
        expires_at=SignUp.objects.get().expires_at,
        full_name="Eve",
        email="-eve@example.com",
        postcode="=1+1",
        support_needs="+SUM(A1)",
        heard_about="@cmd",
        consent_to_contact=True,
    )
    return SignUp.objects.order_by("created_at")


def test_coordinator_sees_list_inspect_filter_and_report(client, coordinator, sign_ups, group, partner):
    sign_in(client, coordinator)
    listing = client.get("/admin/signups/")
    assert listing.status_code == 200
    content = listing.content.decode()
    assert "Siân O&#x27;Brien-Nguyễn" in content and "Eve" in content
    filtered = client.get(f"/admin/signups/?referral={partner.pk}").content.decode()
    assert "Siân" in filtered and ">Eve<" not in filtered
    assert "Siân" in client.get(f"/admin/signups/?group={group.pk}").content.decode()
    first = sign_ups.first()
    inspect = client.get(f"/admin/signups/inspect/{first.pk}/")
    assert inspect.status_code == 200
    assert "ST4 1AA" in inspect.content.decode()
    report = client.get("/admin/reports/sign-ups/")
    assert report.status_code == 200
    report_content = report.content.decode()
    assert "Digital patient reference group" in report_content and "Healthwatch Staffordshire" in report_content
    csv_report = client.get("/admin/reports/sign-ups/?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(csv_report.streaming_content).decode())))
    assert ["Digital patient reference group", "Healthwatch Staffordshire", "1"] in rows


def test_equality_answers_never_shown_to_staff(client, coordinator, sign_ups):
    assert EqualityAnswers.objects.count() == 1
    sign_in(client, coordinator)
    pages = [
        client.get("/admin/signups/").content,
        client.get(f"/admin/signups/inspect/{sign_ups.first().pk}/").content,
        b"".join(client.get("/admin/signups/?export=csv").streaming_content),
    ]
    for content in pages:
        text = content.decode()
        assert "45 to 54" not in text and "45_54" not in text and "quality" not in text


def test_csv_export_escapes_spreadsheet_formulas(client, coordinator, sign_ups):
    sign_in(client, coordinator)
    response = client.get("/admin/signups/?export=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    eve = next(row for row in rows if row["Full name"] == "Eve")
    assert eve["Email"] == "'-eve@example.com"
    assert eve["Postcode"] == "'=1+1"
    assert eve["Support needs"] == "'+SUM(A1)"
    assert eve["How they heard"] == "'@cmd"
    sian = next(row for row in rows if row["Full name"] != "Eve")
    assert sian["Phone"] == "'+447123456789"  # a leading + would be read as a formula too
    assert sian["Postcode"] == "ST4 1AA"


@pytest.mark.parametrize("path", ["/admin/signups/", "/admin/signups/?export=csv", "/admin/reports/sign-ups/"])
def test_comms_editors_and_approvers_cannot_see_sign_ups(client, other_staff, sign_ups, path):
    for user in other_staff:
        sign_in(client, user)
        response = client.get(path)
        assert response.status_code in (302, 403), (user.username, response.status_code)
        body = response.content if not response.streaming else b"".join(response.streaming_content)
        assert b"Si\xc3\xa2n" not in body
        inspect = client.get(f"/admin/signups/inspect/{sign_ups.first().pk}/")
        assert inspect.status_code in (302, 403)
        dashboard = client.get("/admin/").content.decode()
        assert "/admin/signups/" not in dashboard
        assert "/admin/reports/sign-ups/" not in dashboard


def test_coordinator_menu_shows_sign_ups(client, coordinator):
    sign_in(client, coordinator)
    dashboard = client.get("/admin/").content.decode()
    assert "/admin/signups/" in dashboard


def test_sign_up_string_has_no_personal_data(sign_ups):
    for sign_up in sign_ups:
        assert sign_up.full_name not in str(sign_up)
        assert not re.search(r"@|\+44", str(sign_up))


def test_coordinator_can_add_a_sign_up_taken_by_phone(client, coordinator, group):
    sign_in(client, coordinator)
    response = client.post(
        "/admin/signups/new/",
        {
            "group": group.pk,
            "full_name": "Ada Lovelace",
            "email": "",
            "phone": "01782 683080",
            "postcode": "ST4 1AA",
            "support_needs": "",
            "heard_about": "Phoned Healthwatch",
            "referral": "",
            "consent_to_contact": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    sign_up = SignUp.objects.get()
    assert sign_up.phone == "+441782683080"
    assert sign_up.expires_at > sign_up.created_at


def test_closing_a_group_without_a_date_sets_today(group):
    group.is_closed = True
    group.full_clean()
    assert group.closed_on == date.today()


@pytest.mark.parametrize("closed", [False, True])
def test_preview_of_a_group_page_renders(admin_client, group, closed):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    url = f"/admin/pages/{group.pk}/edit/preview/"
    data = nested_form_data(
        {
            "title": "Previewed group",
            "slug": "digital",
            "what_it_does": rich_text("<p>Preview text.</p>"),
            "support_offered": rich_text(""),
            "how_to_join_offline": rich_text("<p>Call Healthwatch.</p>"),
            "closed_message": rich_text(""),
            "meeting_frequency": "Monthly",
            "meeting_place": "",
            "listing_summary": "",
            "coordinator_emails": "",
            "is_closed": "on" if closed else "",
            "publication_scheme_classes": inline_formset([]),  # every page's Promote tab has it
        }
    )
    data = {key: value for key, value in data.items() if value != ""}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.json()["is_valid"] is True, response.json()
    preview = admin_client.get(url)
    assert preview.status_code == 200
    content = preview.content.decode()
    assert "Previewed group" in content
    assert ("not taking new members" in content) is closed
