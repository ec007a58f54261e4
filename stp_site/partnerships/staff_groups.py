"""Each partnership's staff: a group per role with rights on that partnership's site only, and the
cluster administrators, who work on every site (docs/partnerships.md says what each can do).

- pages: a page permission on the site's home page, so the site's whole tree and nothing else;
- images and documents: a collection named after the site (and "choose" on the "Shared" collection,
  which every partnership may use);
- glossary terms, known accessibility issues, the site settings (the meeting papers' deadlines among
  them) and sign-ups: Wagtail's per-site
  permission (GroupSitePermission), which counts on that site only (stp_site/core/site_permissions.py);
- approval: a workflow on the home page whose one task is done by the site's approvers (and the
  cluster administrators).

`ensure_partnership(site)` makes what is missing and gives a group its permissions only when it makes
it (or first takes over a group of that name): after that, what staff change in Settings → Groups is
theirs, and running it again never undoes it. The Partnership row remembers what was made, so renaming
a group or the site changes nothing either.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import Partnership

ROLES = {
    "comms_editors": "comms editors",
    "approvers": "approvers",
    "coordinators": "coordinators",
    "equality_monitoring": "equality monitoring",
}
CLUSTER_ADMINISTRATORS = "Cluster administrators"
SHARED_COLLECTION = "Shared"
MEDIA = [("wagtailimages", "image"), ("wagtaildocs", "document")]

# On the site's home page and every page below it.
PAGE_PERMISSIONS = {
    "comms_editors": ["add", "change"],
    "approvers": ["add", "change", "publish", "lock", "unlock"],
}
# On the site's collection, for images and documents alike ("add" alone edits only one's own uploads).
MEDIA_PERMISSIONS = {
    "comms_editors": ["add", "change", "choose"],
    "approvers": ["add", "change", "choose", "delete"],
}
SHARED_MEDIA_PERMISSIONS = ["choose"]
# For the site only (GroupSitePermission). Terms, issues and settings go live when saved, with no
# approval: only approvers delete terms and issues, and change the settings and the alert banner.
_WRITING = [
    "glossary.add_glossaryterm",
    "glossary.change_glossaryterm",
    "home.add_knownaccessibilityissue",
    "home.change_knownaccessibilityissue",
]
SITE_PERMISSIONS = {
    "comms_editors": _WRITING,
    "approvers": [
        *_WRITING,
        "glossary.delete_glossaryterm",
        "home.delete_knownaccessibilityissue",
        "core.change_sitesettings",
        "core.change_alertbanner",
        "plain_english.change_readabilitysettings",
        "governance.change_governancesettings",
        "events.change_eventsettings",
    ],
    "coordinators": [
        *(f"get_involved.{action}_signup" for action in ("view", "add", "change", "delete")),
        *(f"get_involved.{action}_publicquestion" for action in ("view", "change", "delete")),
        *(f"consultations.{action}_consultationresponse" for action in ("view", "add", "change", "delete")),
        *(f"events.{action}_eventbooking" for action in ("view", "delete")),
        # Email updates: the counts of subscribers per programme, never their addresses.
        "email_updates.view_subscriber",
    ],
    "equality_monitoring": ["get_involved.view_equality_summary"],
}
# In the group's own list, so on every site: the admin itself, and the referral partners, which every
# partnership shares (deleting one is left to the cluster administrators).
GROUP_PERMISSIONS = {
    "comms_editors": ["wagtailadmin.access_admin"],
    "approvers": ["wagtailadmin.access_admin"],
    "coordinators": [
        "wagtailadmin.access_admin",
        "get_involved.view_referralpartner",
        "get_involved.add_referralpartner",
        "get_involved.change_referralpartner",
    ],
    "equality_monitoring": ["wagtailadmin.access_admin"],
}
# Cluster administrators: every page (from the tree's root), every collection (from the root
# collection), and these in their own list, so on every site. No sign-ups and no equality summary:
# those stay with the people whose role needs them (docs/data-protection.md).
CLUSTER_PAGE_PERMISSIONS = ["add", "change", "publish", "lock", "unlock"]
CLUSTER_MEDIA_PERMISSIONS = ["add", "change", "choose", "delete"]
CLUSTER_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "core.change_sitesettings",
    "core.change_alertbanner",
    "plain_english.change_readabilitysettings",
    "governance.change_governancesettings",
    "get_involved.change_signupsettings",
    "events.change_eventsettings",
    *(f"glossary.{action}_glossaryterm" for action in ("add", "change", "delete", "view")),
    *(f"home.{action}_knownaccessibilityissue" for action in ("add", "change", "delete", "view")),
    *(f"get_involved.{action}_referralpartner" for action in ("add", "change", "delete", "view")),
]


def site_label(site):
    """What a site's groups, collection and workflow are called after: its name in Settings → Sites."""
    return site.site_name or site.hostname


def permission(name):
    app_label, codename = name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _permissions():
    """Every permission by "app_label.codename", read in one query (setting up a site names dozens)."""
    return {
        f"{each.content_type.app_label}.{each.codename}": each
        for each in Permission.objects.select_related("content_type")
    }


def _group(name, made):
    group, created = Group.objects.get_or_create(name=name)
    if created:
        made.append(f'group "{name}"')
    return group


def _child_collection(name, made):
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    existing = root.get_children().filter(name=name).first()
    if existing is not None:
        return existing
    made.append(f'collection "{name}"')
    return root.add_child(name=name)


def _grant_media(group, collection, actions, permissions):
    for app_label, model_name in MEDIA:
        for action in actions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permissions[f"{app_label}.{action}_{model_name}"]
            )


def _grant_role(role, group, partnership, permissions):
    site = partnership.site
    group.permissions.add(*(permissions[name] for name in GROUP_PERMISSIONS[role]))
    for action in PAGE_PERMISSIONS.get(role, []):
        GroupPagePermission.objects.get_or_create(
            group=group, page=site.root_page, permission=permissions[f"wagtailcore.{action}_page"]
        )
    if role in MEDIA_PERMISSIONS:
        if partnership.collection is not None:
            _grant_media(group, partnership.collection, MEDIA_PERMISSIONS[role], permissions)
        if partnership.shared_collection is not None:
            _grant_media(group, partnership.shared_collection, SHARED_MEDIA_PERMISSIONS, permissions)
    for name in SITE_PERMISSIONS[role]:
        GroupSitePermission.objects.get_or_create(group=group, site=site, permission=permissions[name])


def ensure_cluster_administrators(made=None, permissions=None):
    """The one "Cluster administrators" group, with its rights on every site (given when it is made)."""
    made = [] if made is None else made
    known = Partnership.objects.exclude(cluster_administrators=None).select_related("cluster_administrators").first()
    if known is not None:
        return known.cluster_administrators
    permissions = permissions or _permissions()
    group, created = Group.objects.get_or_create(name=CLUSTER_ADMINISTRATORS)
    if created:
        made.append(f'group "{CLUSTER_ADMINISTRATORS}"')
    group.permissions.add(*(permissions[name] for name in CLUSTER_PERMISSIONS))
    root_page = Page.get_first_root_node()
    for action in CLUSTER_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page=root_page, permission=permissions[f"wagtailcore.{action}_page"]
        )
    root_collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    _grant_media(group, root_collection, CLUSTER_MEDIA_PERMISSIONS, permissions)
    return group


def _shared_collection(made):
    known = Partnership.objects.exclude(shared_collection=None).select_related("shared_collection").first()
    return known.shared_collection if known is not None else _child_collection(SHARED_COLLECTION, made)


def _approval_workflow(name, reviewers, made):
    workflow = Workflow.objects.create(name=f"{name}: approval")
    task = GroupApprovalTask.objects.create(name=f"{name}: approvers approve")
    task.groups.set(reviewers)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    made.append(f'workflow "{workflow.name}"')
    return workflow


@transaction.atomic
def ensure_partnership(site):
    """Make `site`'s collection, groups and approval workflow, and the cluster administrators, if missing.
    Returns (the Partnership, a list of what was made, for the command to print)."""
    made = []
    partnership, _ = Partnership.objects.select_for_update().get_or_create(site=site)
    name = site_label(site)
    roles = [role for role in ROLES if getattr(partnership, f"{role}_id") is not None]
    made_before = (
        partnership.collection_id,
        partnership.shared_collection_id,
        partnership.cluster_administrators_id,
        partnership.workflow_id,
    )
    if len(roles) == len(ROLES) and all(made_before):
        return partnership, made  # all in place: the usual case, in a few queries
    permissions = _permissions()

    if partnership.cluster_administrators is None:
        partnership.cluster_administrators = ensure_cluster_administrators(made, permissions)
    if partnership.shared_collection is None:
        partnership.shared_collection = _shared_collection(made)
        for role in roles:
            if role in MEDIA_PERMISSIONS:
                group = getattr(partnership, role)
                _grant_media(group, partnership.shared_collection, SHARED_MEDIA_PERMISSIONS, permissions)
    if partnership.collection is None:
        partnership.collection = _child_collection(name, made)
        for role in roles:
            if role in MEDIA_PERMISSIONS:
                _grant_media(getattr(partnership, role), partnership.collection, MEDIA_PERMISSIONS[role], permissions)
    for role, label in ROLES.items():
        if role not in roles:
            group = _group(f"{name}: {label}", made)
            setattr(partnership, role, group)
            _grant_role(role, group, partnership, permissions)
    if partnership.workflow is None:
        reviewers = [group for group in (partnership.approvers, partnership.cluster_administrators) if group]
        partnership.workflow = _approval_workflow(name, reviewers, made)
        # The home page's workflow covers every page of the site, news included. One staff have set
        # there already is kept.
        if not WorkflowPage.objects.filter(page=site.root_page).exists():
            WorkflowPage.objects.create(page=site.root_page, workflow=partnership.workflow)
    partnership.save()
    return partnership, made
