"""Least privilege, role by role: what a comms editor, an approver, a coordinator and an administrator
can and cannot reach of residents' sign-ups, through every admin door (lists, one record, exports,
reports, filters, forms, search, revisions, the reference index and the dashboard).

Two groups: "Digital" (coordinated by the coordinator) with Siân's sign-up, and "Planned care"
(coordinated by someone else) with Tomasz's."""

import csv
import importlib
import io

import pytest

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from wagtail.models import Site

from get_involved.models import EqualityAnswers, SignUp
from stp_site.partnerships.staff_groups import ensure_partnership
from tests.get_involved.factories import ReferenceGroupPageFactory, SignUpFactory
from tests.staff import sign_in

pytestmark = pytest.mark.django_db

COORDINATORS = "Reference group coordinators"
# The partnership groups of the `home` fixture's site, "Test".
COMMS_EDITORS, APPROVERS = "Test: comms editors", "Test: approvers"
MINE, THEIRS = "Siân Evans", "Tomasz Nowak"


def body(response):
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode()


def staff(username, *group_names, superuser=False):
    user_model = get_user_model()
    if superuser:
        return user_model.objects.create_superuser(username, f"{username}@example.org", "x" * 16)
    user = user_model.objects.create_user(username, email=f"{username}@example.org", password="x" * 16)
    user.groups.add(*Group.objects.filter(name__in=group_names))
    return user


@pytest.fixture
def roles(home):
    importlib.import_module("get_involved.migrations.0002_reference_group_coordinators").create_group(
        django_apps, None
    )  # as the migration does (a flushed test database lost it)
    ensure_partnership(Site.objects.get(is_default_site=True))
    return {
        "editor": staff("editor", COMMS_EDITORS),
        "approver": staff("approver", APPROVERS),
        "coordinator": staff("coordinator", COORDINATORS),
        "other coordinator": staff("other_coordinator", COORDINATORS),
        "administrator": staff("administrator", superuser=True),
    }


@pytest.fixture
def two_groups(roles, group, get_involved):
    planned = ReferenceGroupPageFactory(parent=get_involved["index"], title="Planned care group", slug="planned")
    group.coordinators.add(roles["coordinator"])
    group.save()
    planned.coordinators.add(roles["other coordinator"])
    planned.save()
    mine = SignUpFactory(group=group, full_name=MINE, email="sian@example.com")
    theirs = SignUpFactory(group=planned, full_name=THEIRS, email="tomasz@example.com")
    EqualityAnswers.objects.create(sign_up=mine, consent=True, age_band="45_54")
    return {"mine": mine, "theirs": theirs, "digital": group, "planned": planned}


def one_record_urls(sign_up):
    return [
        f"/admin/signups/inspect/{sign_up.pk}/",
        f"/admin/signups/edit/{sign_up.pk}/",
        f"/admin/signups/delete/{sign_up.pk}/",
        f"/admin/signups/history/{sign_up.pk}/",
        f"/admin/signups/usage/{sign_up.pk}/",
    ]


@pytest.mark.parametrize("role", ["editor", "approver"])
def test_editors_and_approvers_reach_no_sign_up_at_all(client, roles, two_groups, role):
    sign_in(client, roles[role])
    for path in [
        "/admin/signups/",
        "/admin/signups/?export=csv",
        "/admin/signups/new/",
        "/admin/reports/sign-ups/",
        *one_record_urls(two_groups["mine"]),
    ]:
        response = client.get(path)
        assert response.status_code in (302, 403), (path, response.status_code)
        assert MINE not in body(response) and THEIRS not in body(response), path
    dashboard = client.get("/admin/").content.decode()
    assert "/admin/signups/" not in dashboard


def test_a_coordinator_sees_only_the_groups_they_coordinate(client, roles, two_groups):
    sign_in(client, roles["coordinator"])
    listing = client.get("/admin/signups/")
    assert listing.status_code == 200
    assert MINE in body(listing) and THEIRS not in body(listing)
    assert THEIRS not in body(client.get("/admin/signups/?q=Tomasz"))
    # The group filter offers only their own groups: the list of choices would name the others.
    assert "Planned care group" not in body(listing)
    assert THEIRS not in body(client.get(f"/admin/signups/?group={two_groups['planned'].pk}"))

    export = list(csv.DictReader(io.StringIO(body(client.get("/admin/signups/?export=csv")))))
    assert [row["Full name"] for row in export] == [MINE]

    report = body(client.get("/admin/reports/sign-ups/"))
    assert "Digital patient reference group" in report and "Planned care group" not in report
    report_csv = body(client.get("/admin/reports/sign-ups/?export=csv"))
    assert "Planned care group" not in report_csv

    for path in one_record_urls(two_groups["mine"]):
        assert client.get(path).status_code == 200, path
    for path in one_record_urls(two_groups["theirs"]):
        response = client.get(path)
        assert response.status_code == 404, (path, response.status_code)
        assert THEIRS not in body(response)


def test_a_coordinator_cannot_delete_or_move_another_groups_sign_up(client, roles, two_groups):
    sign_in(client, roles["coordinator"])
    theirs, mine = two_groups["theirs"], two_groups["mine"]
    assert client.post(f"/admin/signups/delete/{theirs.pk}/").status_code == 404
    assert SignUp.objects.filter(pk=theirs.pk).exists()

    form = client.get(f"/admin/signups/edit/{mine.pk}/")
    assert "Planned care group" not in body(form)
    data = {
        "group": two_groups["planned"].pk, "full_name": MINE, "email": mine.email, "phone": "",
        "postcode": mine.postcode, "support_needs": "", "heard_about": "", "referral": "",
        "consent_to_contact": "on",
    }  # fmt: skip
    response = client.post(f"/admin/signups/edit/{mine.pk}/", data)
    assert response.status_code == 200  # the form again, with an error
    assert "Select a valid choice" in body(response)
    mine.refresh_from_db()
    assert mine.group_id == two_groups["digital"].pk

    added = client.post("/admin/signups/new/", {**data, "full_name": "Someone else", "email": "x@example.com"})
    assert added.status_code == 200 and "Select a valid choice" in body(added)
    assert not SignUp.objects.filter(full_name="Someone else").exists()


def test_an_administrator_sees_every_group(client, roles, two_groups):
    sign_in(client, roles["administrator"])
    listing = body(client.get("/admin/signups/"))
    assert MINE in listing and THEIRS in listing
    for path in one_record_urls(two_groups["theirs"]):
        assert client.get(path).status_code == 200, path
    report = body(client.get("/admin/reports/sign-ups/"))
    assert "Planned care group" in report and "Digital patient reference group" in report


@pytest.mark.parametrize("role", ["editor", "approver", "coordinator", "administrator"])
def test_no_role_sees_one_persons_equality_answers(client, roles, two_groups, role):
    sign_in(client, roles[role])
    mine = two_groups["mine"]
    for path in ["/admin/signups/", f"/admin/signups/inspect/{mine.pk}/", "/admin/signups/?export=csv"]:
        text = body(client.get(path))
        assert "45 to 54" not in text and "45_54" not in text, (role, path)
    # The only permission there is on equality answers is the summary's (counts only).
    codenames = Permission.objects.filter(content_type__model="equalityanswers").values_list("codename", flat=True)
    assert list(codenames) == ["view_equality_summary"]


@pytest.mark.parametrize("role", ["editor", "approver", "coordinator", "administrator"])
def test_sign_ups_are_not_reached_through_search_revisions_or_the_reference_index(client, roles, two_groups, role):
    sign_in(client, roles[role])
    digital = two_groups["digital"]
    search = client.get("/admin/pages/search/", {"q": "Tomasz"})
    assert search.status_code in (200, 302)  # 302: no page permissions, so no page search
    assert THEIRS not in body(search)
    usage = client.get(f"/admin/pages/{digital.pk}/usage/")
    assert usage.status_code in (200, 302, 403)
    assert MINE not in body(usage)
    for revision in digital.revisions.all():
        assert MINE not in str(revision.content) and "sian@example.com" not in str(revision.content)
    # The site has no content API: nothing answers at /api/.
    assert client.get("/api/v2/pages/").status_code == 404


EQUALITY = "Equality monitoring"


@pytest.fixture
def equality_lead(roles):
    importlib.import_module("get_involved.migrations.0003_equality_summary_permission").create_group(django_apps, None)
    return staff("equality_lead", EQUALITY)


def answered(group, how_many, **answers):
    for number in range(how_many):
        sign_up = SignUpFactory(
            group=group, full_name=f"Person {group.slug} {number}", email=f"{group.slug}{number}@e.com"
        )
        EqualityAnswers.objects.create(sign_up=sign_up, consent=True, **answers)


@pytest.mark.parametrize("role", ["editor", "approver", "coordinator"])
def test_only_the_equality_monitoring_role_sees_the_equality_summary(client, roles, two_groups, role):
    sign_in(client, roles[role])
    assert client.get("/admin/reports/equality/").status_code in (302, 403)
    assert "/admin/reports/equality/" not in client.get("/admin/").content.decode()


def test_the_equality_summary_shows_counts_and_hides_small_numbers(client, equality_lead, two_groups):
    digital, planned = two_groups["digital"], two_groups["planned"]
    answered(digital, 6, age_band="25_34", sex="female")
    answered(planned, 2, age_band="75_plus", sex="male")
    sign_in(client, equality_lead)
    assert "/admin/reports/equality/" in client.get("/admin/").content.decode()
    response = client.get("/admin/reports/equality/")
    assert response.status_code == 200
    html = " ".join(body(response).split())
    assert "All groups: 9 people answered" in html  # 6 + 2 + Siân's
    assert "<td>25 to 34</td><td>6</td>" in html
    assert "<td>75 or over</td><td>fewer than 5</td>" in html  # 2 people: could be picked out
    assert "<td>45 to 54</td><td>fewer than 5</td>" in html  # Siân alone
    assert "<td>Male</td><td>fewer than 5</td>" in html
    assert "<td>Asian or Asian British</td><td>0</td>" in html
    main = html.split("<main", 1)[-1]
    assert MINE not in main and "Person" not in main and "@example.com" not in main

    one_group = " ".join(body(client.get(f"/admin/reports/equality/?group={planned.pk}")).split())
    assert "Planned care group: fewer than 5 people answered" in one_group
    assert "75 or over" not in one_group  # too few to show any breakdown
    assert client.get("/admin/reports/equality/?group=nonsense").status_code == 200


def test_an_administrator_sees_the_equality_summary(client, roles, two_groups):
    sign_in(client, roles["administrator"])
    assert client.get("/admin/reports/equality/").status_code == 200
