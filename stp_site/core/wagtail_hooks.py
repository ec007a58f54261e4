from django.conf import settings
from django.urls import reverse

from wagtail import hooks
from wagtail.models import TaskState

from .admin_dashboard import CountSummaryItem


@hooks.register("construct_homepage_summary_items")
def add_waiting_for_approval_summary(request, items):
    """How many pages (and snippets) wait for this user's approval; Wagtail's own panel lists them."""
    if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
        return
    count = TaskState.objects.reviewable_by(request.user).count()
    if count:
        items.append(
            CountSummaryItem(
                request,
                count=count,
                singular="page waiting for your approval",
                plural="pages waiting for your approval",
                url=f"{reverse('wagtailadmin_home')}#awaiting-review-section",
                icon="tasks",
                order=300,
            )  # fmt: skip
        )
