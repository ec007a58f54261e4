"""The admin dashboard says what is waiting for each person: pages waiting for their approval, their
pages due for review, and for coordinators the new sign-ups to their groups this week, as counts and
links (never a resident's name). It is called by the site's name, not "localhost"."""

import importlib
from datetime import date, timedelta

import pytest

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import dateformat, timezone

from wagtail.models import GroupPagePermission, Site

from stp_site.home.models import StandardPage
from stp_site.partnerships.staff_groups import ensure_partnership
from tests.factories import publish
from tests.get_involved.factories import ReferenceGroupPageFactory, SignUpFactory
from tests.news_helpers import make_news, make_news_section
from tests.staff import sign_in

pytestmark = pytest.mark.django_db

COORDINATORS = "Reference group coordinators"
# The partnership groups of the `home` fixture's site, "Test".
COMMS_EDITORS, APPROVERS = "Test: comms editors", "Test: approvers"


def user(username, *group_names):
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        ensure_partnership(site)
    person = get_user_model().objects.create_user(username, email=f"{username}@example.org", password="x" * 16)
    person.groups.add(*Group.objects.filter(name__in=group_names))
    return person


def dashboard(client, person):
    sign_in(client, person)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_dashboard_is_called_by_the_sites_name(client, home, admin_user):
    Site.objects.filter(is_default_site=True).update(site_name="Together We're Better")
    html = dashboard(client, admin_user)
    assert "Together We&#x27;re Better" in html
    assert "localhost" not in html.split("<main", 1)[-1]


def test_an_approver_sees_how_many_pages_wait_for_their_approval(client, home):
    news_index, _ = make_news_section(home)
    writer = user("writer", COMMS_EDITORS)
    approver = user("approver", APPROVERS)
    for title in ("Clinic opens", "New app"):
        item = make_news(news_index, title, date(2026, 11, 30), publish_it=False)
        item.save_revision(user=writer)
        item.get_workflow().start(item, writer)
    html = dashboard(client, approver)
    assert "2 pages waiting for your approval" in html
    assert 'href="/admin/#awaiting-review-section"' in html
    assert 'id="awaiting-review-section"' in html  # Wagtail's own panel lists them
    assert "Clinic opens" in html
    assert "waiting for your approval" not in dashboard(client, writer)


def test_an_editor_sees_their_own_pages_due_for_review(client, home):
    editor = user("editor", COMMS_EDITORS)
    someone = user("someone", COMMS_EDITORS)
    today = timezone.localdate()
    soon = publish(home, StandardPage(title="Care at home", slug="care", next_review_due=today + timedelta(days=3)))
    late = publish(home, StandardPage(title="Old plan", slug="old", next_review_due=today - timedelta(days=2)))
    later = publish(home, StandardPage(title="Far off", slug="far", next_review_due=today + timedelta(days=90)))
    theirs = publish(home, StandardPage(title="Not mine", slug="nm", next_review_due=today))
    for page, owner in ((soon, editor), (late, editor), (later, editor), (theirs, someone)):
        page.owner = owner
        page.save(update_fields=["owner"])
    # Editors need a page permission to see page panels at all: their partnership's group has it.
    assert GroupPagePermission.objects.filter(group__name=COMMS_EDITORS, page=home).exists()
    html = dashboard(client, editor)
    assert "Your pages due for review" in html
    assert f'href="/admin/pages/{soon.pk}/edit/"' in html and "Care at home" in html
    assert f"Care at home</a>: due {dateformat.format(today + timedelta(days=3), 'j F Y')}</li>" in html
    assert "Old plan</a>: overdue by 2 days</li>" in html
    assert "Far off" not in html and "Not mine" not in html
    assert "2 of your pages due for review" in html


@pytest.fixture
def coordinators(db):
    importlib.import_module("get_involved.migrations.0002_reference_group_coordinators").create_group(
        django_apps, None
    )
    return user("coordinator", COORDINATORS), user("other", COORDINATORS)


def groups_with_sign_ups(get_involved, coordinator, other, how_many_groups):
    mine = []
    for number in range(how_many_groups):
        group = ReferenceGroupPageFactory(parent=get_involved["index"], title=f"Group {number}", slug=f"g{number}")
        group.coordinators.add(coordinator)
        group.save()
        for person in range(2):
            SignUpFactory(group=group, full_name=f"Resident {number}-{person}", email=f"r{number}{person}@example.com")
        mine.append(group)
    theirs = ReferenceGroupPageFactory(parent=get_involved["index"], title="Their group", slug="theirs")
    theirs.coordinators.add(other)
    theirs.save()
    SignUpFactory(group=theirs, full_name="Someone Else", email="else@example.com")
    return mine


def test_a_coordinator_sees_new_sign_ups_this_week_as_counts_and_links(client, get_involved, coordinators):
    coordinator, other = coordinators
    (group,) = groups_with_sign_ups(get_involved, coordinator, other, 1)
    old = SignUpFactory(group=group, full_name="Long Ago", email="old@example.com")
    old.created_at = timezone.now() - timedelta(days=10)
    old.save(update_fields=["created_at"])

    html = dashboard(client, coordinator)
    since = (timezone.localdate() - timedelta(days=6)).isoformat()
    assert "New sign-ups this week" in html
    assert f'href="/admin/signups/?created_at_from={since}&amp;group={group.pk}"' in html
    assert "Group 0</a>: 2 new" in html
    assert "2 new sign-ups this week" in html
    assert "Their group" not in html
    for name in ("Resident 0-0", "Resident 0-1", "Long Ago", "Someone Else", "@example.com"):
        assert name not in html
    # The link's list shows exactly those two.
    listing = client.get(f"/admin/signups/?created_at_from={since}&group={group.pk}").content.decode()
    assert "Resident 0-0" in listing and "Long Ago" not in listing


def test_the_sign_ups_panel_costs_the_same_queries_for_one_group_or_ten(client, get_involved, coordinators):
    coordinator, other = coordinators
    groups_with_sign_ups(get_involved, coordinator, other, 1)
    sign_in(client, coordinator)
    client.get("/admin/")  # warm the per-process caches (site, settings)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/admin/").status_code == 200
    for number in range(1, 10):
        group = ReferenceGroupPageFactory(parent=get_involved["index"], title=f"More {number}", slug=f"m{number}")
        group.coordinators.add(coordinator)
        group.save()
        SignUpFactory(group=group, full_name=f"More {number}", email=f"m{number}@example.com")
    with CaptureQueriesContext(connection) as ten:
        html = client.get("/admin/").content.decode()
    assert "More 9</a>: 1 new" in html
    assert len(ten) == len(one), [q["sql"] for q in ten.captured_queries][len(one) :]


def test_staff_who_see_no_sign_ups_get_no_sign_up_panel(client, home):
    assert "New sign-ups this week" not in dashboard(client, user("writer", COMMS_EDITORS))
