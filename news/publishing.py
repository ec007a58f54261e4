"""Who may do what with news: the "Comms editors" and "Approvers" groups, and the news approval workflow.

Comms editors write news items and submit them for approval, but cannot publish. Approvers approve
(which publishes) or reject with a comment. Everything here is created if missing and never changes
what staff have since edited, so it is safe to run on every new news index and from the demo command.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

COMMS_EDITORS = "Comms editors"
APPROVERS = "Approvers"
WORKFLOW_NAME = "News approval"
TASK_NAME = "Approvers approve news"

PAGE_PERMISSIONS = {
    COMMS_EDITORS: ["add", "change"],
    APPROVERS: ["add", "change", "publish"],
}
MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_groups():
    """The two groups, with admin access and the image and document library (choose and add)."""
    groups = {}
    root_collection = Collection.get_first_root_node()
    access_admin = _permission("wagtailadmin", "access_admin")
    for name in (COMMS_EDITORS, APPROVERS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        if root_collection is not None:
            for app_label, codename in MEDIA_PERMISSIONS:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=_permission(app_label, codename)
                )
        groups[name] = group
    return groups


def ensure_workflow(approvers):
    """The "News approval" workflow: one task, approved by the Approvers group."""
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([approvers])
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


@transaction.atomic
def ensure_publishing_setup(news_index):
    """Give the groups their rights over the news section, and put it under the approval workflow."""
    groups = ensure_groups()
    for name, permission_types in PAGE_PERMISSIONS.items():
        for permission_type in permission_types:
            permission = _permission("wagtailcore", f"{permission_type}_page")
            GroupPagePermission.objects.get_or_create(group=groups[name], page=news_index, permission=permission)
    workflow = ensure_workflow(groups[APPROVERS])
    if not WorkflowPage.objects.filter(page=news_index).exists():
        WorkflowPage.objects.create(page=news_index, workflow=workflow)
    return groups, workflow
