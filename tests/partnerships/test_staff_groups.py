"""Setting a partnership up: ensure_partnership's groups, collection, permissions and workflow, made
once and never undone; `manage.py add_partnership`; the demo's staff and accounts."""

import re
from io import StringIO
from pathlib import Path

import pytest

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
)
from wagtail.test.utils.form_data import querydict_from_html

from stp_site.core.demo import Partnership as DemoPartnership
from stp_site.home.models import HomePage
from stp_site.partnerships import demo, staff_groups
from stp_site.partnerships.management.commands.ensure_demo_users import DEMO_USERS
from stp_site.partnerships.models import Partnership
from stp_site.partnerships.staff_groups import CLUSTER_ADMINISTRATORS, ensure_partnership, permission
from tests.conftest import page_tree_root
from tests.factories import DocumentFactory, ImageFactory
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def codenames(rows):
    return sorted(row.permission.codename for row in rows)


def test_a_partnership_gets_its_groups_collection_and_workflow(home):
    site = Site.objects.get()
    site.site_name = "Together We're Better"
    site.save()
    record, made = ensure_partnership(site)
    name = "Together We're Better"
    assert {group.name for group in Group.objects.filter(name__startswith=name)} == {
        f"{name}: comms editors",
        f"{name}: approvers",
        f"{name}: coordinators",
        f"{name}: equality monitoring",
    }
    assert f'group "{name}: comms editors"' in made and f'workflow "{name}: approval"' in made
    editors, approvers = record.comms_editors, record.approvers
    assert codenames(GroupPagePermission.objects.filter(group=editors, page=home)) == ["add_page", "change_page"]
    assert codenames(GroupPagePermission.objects.filter(group=approvers, page=home)) == [
        "add_page", "change_page", "lock_page", "publish_page", "unlock_page"
    ]  # fmt: skip
    assert record.collection.name == name and record.collection.get_parent().is_root()
    assert codenames(GroupCollectionPermission.objects.filter(group=editors, collection=record.collection)) == [
        "add_document", "add_image", "change_document", "change_image", "choose_document", "choose_image"
    ]  # fmt: skip
    assert codenames(GroupCollectionPermission.objects.filter(group=editors, collection=record.shared_collection)) == [
        "choose_document", "choose_image"
    ]  # fmt: skip
    approver_site_permissions = codenames(GroupSitePermission.objects.filter(group=approvers, site=site))
    assert {"change_sitesettings", "change_alertbanner", "change_readabilitysettings"} <= set(
        approver_site_permissions
    )
    assert "change_alertbanner" not in codenames(GroupSitePermission.objects.filter(group=editors))
    assert codenames(GroupSitePermission.objects.filter(group=record.coordinators)) == [
        "add_consultationresponse", "add_signup", "change_consultationresponse", "change_publicquestion",
        "change_signup", "delete_consultationresponse", "delete_eventbooking", "delete_publicquestion",
        "delete_signup", "view_consultationresponse", "view_eventbooking", "view_publicquestion", "view_signup",
        "view_subscriber",
    ]  # fmt: skip
    # Sign-ups only ever through a coordinators group: never an editing group's (docs/data-protection.md).
    for group in (editors, approvers, record.cluster_administrators):
        assert not group.permissions.filter(codename__endswith="_signup").exists()
        assert not GroupSitePermission.objects.filter(group=group, permission__codename__endswith="_signup").exists()

    workflow = WorkflowPage.objects.get(page=home).workflow
    assert workflow == record.workflow and workflow.name == f"{name}: approval"
    task = workflow.tasks.get().specific
    assert set(task.groups.all()) == {approvers, record.cluster_administrators}
    page = StandardPageFactory(parent=home, title="News of the day")
    assert page.get_workflow() == workflow

    cluster = Group.objects.get(name=CLUSTER_ADMINISTRATORS)
    assert codenames(GroupPagePermission.objects.filter(group=cluster, page=Page.get_first_root_node())) == [
        "add_page", "change_page", "lock_page", "publish_page", "unlock_page"
    ]  # fmt: skip
    assert GroupCollectionPermission.objects.filter(
        group=cluster, collection=Collection.get_first_root_node(), permission__codename="delete_image"
    ).exists()


def test_setting_up_again_makes_nothing_and_keeps_what_staff_changed(home):
    site = Site.objects.get()
    record, _ = ensure_partnership(site)
    # Staff rename a group, take a permission away and rename the site.
    record.comms_editors.name = "Comms team"
    record.comms_editors.save()
    GroupPagePermission.objects.filter(group=record.comms_editors, permission__codename="change_page").delete()
    site.site_name = "A new name"
    site.save()
    counts = [model.objects.count() for model in (Group, Collection, Workflow, GroupPagePermission, WorkflowPage)]

    again, made = ensure_partnership(site)
    assert made == [] and again.pk == record.pk
    assert [
        model.objects.count() for model in (Group, Collection, Workflow, GroupPagePermission, WorkflowPage)
    ] == counts
    assert not GroupPagePermission.objects.filter(
        group=record.comms_editors, permission__codename="change_page"
    ).exists()
    assert Group.objects.filter(name="Comms team").exists()

    # A group staff deleted is made again, with its permissions.
    record.approvers.delete()
    again, made = ensure_partnership(site)
    assert made == ['group "A new name: approvers"']
    assert again.approvers.page_permissions.filter(permission__codename="publish_page").exists()


def test_two_partnerships_share_the_cluster_administrators_and_the_shared_collection(home):
    first, _ = ensure_partnership(Site.objects.get())
    other_home = HomePage(title="Shropshire", slug="shropshire", hero_heading="Shropshire")
    Page.get_first_root_node().add_child(instance=other_home)
    other = Site.objects.create(hostname="shropshire.localhost", port=80, root_page=other_home, site_name="Shropshire")
    second, _ = ensure_partnership(other)
    assert second.cluster_administrators == first.cluster_administrators
    assert second.shared_collection == first.shared_collection
    assert second.collection != first.collection
    assert Group.objects.filter(name=CLUSTER_ADMINISTRATORS).count() == 1
    assert set(Workflow.objects.get(name="Shropshire: approval").tasks.get().specific.groups.all()) == {
        second.approvers, second.cluster_administrators
    }  # fmt: skip


def test_add_partnership_makes_a_site_with_a_draft_home_page_and_its_staff(home):
    out = StringIO()
    call_command(
        "add_partnership", "--name", "Joined Up Care Derbyshire", "--hostname", "www.derbyshire.example", stdout=out
    )
    text = out.getvalue()
    site = Site.objects.get(hostname="www.derbyshire.example")
    assert site.port == 443 and site.site_name == "Joined Up Care Derbyshire" and not site.is_default_site
    assert site.root_page.specific.title == "Joined Up Care Derbyshire"
    assert site.root_page.depth == 2 and not site.root_page.live
    assert isinstance(site.root_page.specific, HomePage)
    assert Partnership.objects.get(site=site).comms_editors.name == "Joined Up Care Derbyshire: comms editors"
    assert 'Created group "Joined Up Care Derbyshire: approvers".' in text
    assert "ALLOWED_HOSTS" in text

    again = StringIO()
    call_command(
        "add_partnership", "--name", "Joined Up Care Derbyshire", "--hostname", "www.derbyshire.example",
        "--default", stdout=again,
    )  # fmt: skip
    assert "already exists" in again.getvalue() and "already in place" in again.getvalue()
    assert Site.objects.filter(hostname="www.derbyshire.example").count() == 1
    assert Site.objects.get(is_default_site=True).hostname == "www.derbyshire.example"
    assert HomePage.objects.filter(slug="joined-up-care-derbyshire").count() == 1

    with pytest.raises(CommandError, match="slug"):
        call_command("add_partnership", "--name", "Joined Up Care Derbyshire", "--hostname", "other.example")


def demo_partnership(slug, fixtures, default):
    root = Page.get_first_root_node()
    home = HomePage(title=slug, slug=slug, hero_heading=slug)
    root.add_child(instance=home)
    hostname = "localhost" if default else f"{slug}.localhost"
    site = Site.objects.create(hostname=hostname, port=80, root_page=home, is_default_site=default, site_name=slug)
    return DemoPartnership(fixtures=fixtures, site_name=slug, hostname=hostname, home_slug=slug, site=site)


@pytest.fixture
def demo_sites(db):
    root = page_tree_root()
    for page in root.get_children():
        page.delete()
    Site.objects.all().delete()
    return (
        demo_partnership("home", "staffordshire-and-stoke-on-trent", True),
        demo_partnership("shropshire-telford-and-wrekin", "shropshire-telford-and-wrekin", False),
    )


def test_the_demo_files_its_media_and_retires_the_older_demos_news_groups(demo_sites):
    staffordshire, shropshire = demo_sites
    old_editors = Group.objects.create(name="Comms editors")
    old_workflow = Workflow.objects.create(name="News approval")
    WorkflowPage.objects.create(page=staffordshire.site.root_page, workflow=old_workflow)
    root = Collection.get_first_root_node()
    # A demo image (fixtures/demo/images.json, named by its alt text, as core/demo.py names it).
    shared_image = ImageFactory(title="A yellow sun rising over dark blue waves under a blue sky.", collection=root)
    staff_image = ImageFactory(title="Uploaded by staff", collection=root)
    document = DocumentFactory(title="Our annual report", collection=root)
    StandardPageFactory(
        parent=staffordshire.site.root_page,
        title="Reports",
        body=[("document_link", {"document": document, "title": ""})],
    )
    out = StringIO()
    demo.load(out, staffordshire)
    demo.load(out, shropshire)

    record = Partnership.objects.get(site=staffordshire.site)
    assert get_image_model().objects.get(pk=shared_image.pk).collection == record.shared_collection
    assert get_image_model().objects.get(pk=staff_image.pk).collection == root  # not a demo image
    assert get_document_model().objects.get(pk=document.pk).collection == record.collection
    assert not Group.objects.filter(pk=old_editors.pk).exists()
    assert not WorkflowPage.objects.filter(workflow=old_workflow).exists()
    assert WorkflowPage.objects.get(page=staffordshire.site.root_page).workflow == record.workflow
    assert "Set up the staff of home" in out.getvalue()


def test_ensure_demo_users_puts_each_account_in_its_partnerships_group(demo_sites):
    for side in demo_sites:
        ensure_partnership(side.site)
    out = StringIO()
    call_command("ensure_demo_users", stdout=out)
    text = out.getvalue()
    User = get_user_model()
    expected = {
        "comms_editor": "home: comms editors",
        "approver": "home: approvers",
        "shropshire_editor": "shropshire-telford-and-wrekin: comms editors",
        "shropshire_approver": "shropshire-telford-and-wrekin: approvers",
    }
    for username, group in expected.items():
        user = User.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [group]
        password = re.search(rf"as {username} / (\S+)", text).group(1)
        assert user.check_password(password)
    again = StringIO()
    call_command("ensure_demo_users", stdout=again)
    assert " / " not in again.getvalue() and "already exists" in again.getvalue()


def test_ensure_demo_users_asks_for_the_demo_first(home):
    with pytest.raises(CommandError, match="load_demo_content"):
        call_command("ensure_demo_users", stdout=StringIO())


def test_the_permission_names_are_real():
    names = set(staff_groups.CLUSTER_PERMISSIONS)
    for table in (staff_groups.SITE_PERMISSIONS, staff_groups.GROUP_PERMISSIONS):
        for each in table.values():
            names.update(each)
    for name in names:
        assert permission(name)  # raises if there is no such permission


def test_make_run_gives_every_demo_account_an_authenticator_app():
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    line = next(line for line in makefile.splitlines() if "ensure_demo_two_factor" in line)
    assert line.split("ensure_demo_two_factor", 1)[1].split() == [
        "admin",
        *(username for username, _, _ in DEMO_USERS),
    ]


def test_settings_groups_shows_and_changes_a_groups_permissions_on_one_site(admin_client, home):
    record, _ = ensure_partnership(Site.objects.get())
    coordinators = record.coordinators
    url = f"/admin/groups/edit/{coordinators.pk}/"
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "Permissions on one partnership&#x27;s site" in page.content.decode()
    data = querydict_from_html(page.content.decode(), form_id="w-editor-form")
    ticked = data.getlist("partnership_site_permissions-permissions")
    view_signup = f"{record.site.pk}-{permission('get_involved.view_signup').pk}"
    delete_signup = f"{record.site.pk}-{permission('get_involved.delete_signup').pk}"
    add_term = f"{record.site.pk}-{permission('glossary.add_glossaryterm').pk}"
    assert view_signup in ticked and delete_signup in ticked and add_term not in ticked
    data.setlist(
        "partnership_site_permissions-permissions",
        [key for key in ticked if key != delete_signup] + [add_term],
    )
    assert admin_client.post(url, dict(data.lists())).status_code == 302  # every value of each field
    held = codenames(GroupSitePermission.objects.filter(group=coordinators))
    assert held == [
        "add_consultationresponse", "add_glossaryterm", "add_signup", "change_consultationresponse",
        "change_publicquestion", "change_signup", "delete_consultationresponse", "delete_eventbooking",
        "delete_publicquestion", "view_consultationresponse", "view_eventbooking", "view_publicquestion",
        "view_signup", "view_subscriber",
    ]  # fmt: skip
    # Everything else the group has is as it was.
    assert coordinators.permissions.filter(codename="access_admin").exists()
