"""A coordinator's limited view, in Chromium: their dashboard counts and their sign-ups list show only
the groups they coordinate, another group's record is not found, and these admin pages pass axe-core."""

import importlib

import pytest

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from get_involved.models import EqualityAnswers
from tests.browser.staff import signed_in_context
from tests.get_involved.factories import ReferenceGroupPageFactory, SignUpFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coordinator_and_groups(group, get_involved):
    importlib.import_module("get_involved.migrations.0002_reference_group_coordinators").create_group(
        django_apps, None
    )
    user_model = get_user_model()
    coordinator = user_model.objects.create_user("coordinator", email="c@example.org", password="x" * 16)
    other = user_model.objects.create_user("other", email="o@example.org", password="x" * 16)
    for person in (coordinator, other):
        person.groups.add(Group.objects.get(name="Reference group coordinators"))
    planned = ReferenceGroupPageFactory(parent=get_involved["index"], title="Planned care group", slug="planned")
    group.coordinators.add(coordinator)
    group.save()
    planned.coordinators.add(other)
    planned.save()
    mine = SignUpFactory(group=group, full_name="Siân Evans", email="sian@example.com")
    theirs = SignUpFactory(group=planned, full_name="Tomasz Nowak", email="tomasz@example.com")
    return coordinator, mine, theirs


@pytest.mark.parametrize("width", [320, 1280])
def test_a_coordinator_sees_only_their_groups_in_the_browser(
    live_server, browser, assert_accessible, coordinator_and_groups, width
):
    coordinator, mine, theirs = coordinator_and_groups
    context = signed_in_context(browser, live_server.url, coordinator, width=width)
    page = context.new_page()
    page.set_default_timeout(20_000)

    assert page.goto(f"{live_server.url}/admin/").status == 200
    panel = page.locator("#new-sign-ups-section")
    assert "Digital patient reference group: 1 new" in " ".join(panel.inner_text().split())
    assert "Planned care group" not in page.content()
    assert "Siân" not in page.content()
    summary = page.get_by_role("link", name="1 new sign-up this week")
    assert summary.is_visible() or width == 320  # the summary may sit below the fold on a phone
    assert_accessible(page)

    panel.get_by_role("link", name="Digital patient reference group").click()
    page.wait_for_url("**/admin/signups/**")
    listing = page.locator("main")
    assert "Siân Evans" in listing.inner_text()
    assert "Tomasz Nowak" not in page.content()
    assert_accessible(page)

    assert page.goto(f"{live_server.url}/admin/signups/inspect/{theirs.pk}/").status == 404
    assert "Tomasz" not in page.content()
    assert page.goto(f"{live_server.url}/admin/signups/inspect/{mine.pk}/").status == 200
    assert "Siân Evans" in page.locator("main").inner_text()
    assert_accessible(page)
    context.close()


def test_the_equality_summary_passes_axe_and_hides_small_numbers(
    live_server, browser, assert_accessible, coordinator_and_groups
):
    _, mine, _ = coordinator_and_groups
    importlib.import_module("get_involved.migrations.0003_equality_summary_permission").create_group(django_apps, None)
    lead = get_user_model().objects.create_user("lead", email="l@example.org", password="x" * 16)
    lead.groups.add(Group.objects.get(name="Equality monitoring"))
    EqualityAnswers.objects.create(sign_up=mine, consent=True, age_band="45_54")
    context = signed_in_context(browser, live_server.url, lead)
    page = context.new_page()
    assert page.goto(f"{live_server.url}/admin/reports/equality/").status == 200
    assert "fewer than 5 people answered" in page.locator("main").inner_text()
    page.get_by_label("Group").select_option(label="Digital patient reference group")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**group=*")
    assert "Digital patient reference group: fewer than 5 people answered" in page.locator("main").inner_text()
    assert "Siân" not in page.content()
    assert_accessible(page)
    context.close()
