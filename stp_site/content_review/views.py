"""Admin report: pages whose review is overdue or due within 30 days, with their owner. Each person sees
only the pages they may edit, so a partnership's staff see their own site's pages and no other's.

A page is due on its "next review due" date, or earlier for a reason of its own app's: each function
registered with the `content_review_due_dates` hook takes the cutoff date and returns (page pk, due
date, why) for its pages due by then (the governance app's registers, from their "last updated" date)."""

import datetime

from django.utils import timezone

from wagtail import hooks
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page, get_page_models

from stp_site.core.models import BasePage
from stp_site.core.site_permissions import pages_staff_may_edit

DUE_WITHIN_DAYS = 30
DUE_DATES_HOOK = "content_review_due_dates"


def base_page_models():
    return [model for model in get_page_models() if issubclass(model, BasePage) and not model._meta.abstract]


def pages_due_for_review(today=None, owner=None, among=None):
    """Pages (any type built on BasePage) whose next review is on or before today + 30 days, or that an
    app's `content_review_due_dates` hook says are due by then, soonest first; only those `owner` owns,
    if given, and only those in the page queryset `among`, if given. Each has `review_due`, `review_days`
    (negative when overdue) and `review_reason` ("" for its next review date)."""
    today = today or timezone.localdate()
    cutoff = today + datetime.timedelta(days=DUE_WITHIN_DAYS)
    due = {}
    for model in base_page_models():
        # One small query per page type: next_review_due lives in each type's own table.
        for pk, next_review_due in model.objects.filter(next_review_due__lte=cutoff).values_list(
            "pk", "next_review_due"
        ):
            due[pk] = (next_review_due, "")
    for hook in hooks.get_hooks(DUE_DATES_HOOK):
        for pk, due_on, reason in hook(cutoff):
            if pk not in due or due_on < due[pk][0]:
                due[pk] = (due_on, reason)
    pages = Page.objects.filter(pk__in=due).specific().select_related("owner")
    if owner is not None:
        pages = pages.filter(owner=owner)
    if among is not None:
        pages = pages.filter(pk__in=among.values("pk"))
    pages = list(pages)
    for page in pages:
        page.review_due, page.review_reason = due[page.pk]
        page.review_days = (page.review_due - today).days
    return sorted(pages, key=lambda page: (page.review_due, page.title))


class ReviewDueReportView(PageReportView):
    page_title = "Pages due for review"
    header_icon = "date"
    results_template_name = "content_review/review_due_results.html"
    index_url_name = "review_due_report"
    index_results_url_name = "review_due_report_results"
    list_export = ["title", "review_due", "review_reason", "owner", "last_reviewed", "url_path"]
    export_headings = {
        "review_due": "Next review due",
        "review_reason": "Why",
        "owner": "Owner",
        "last_reviewed": "Page last reviewed",
    }

    def get_filename(self):
        return f"pages-due-for-review-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return pages_due_for_review(among=pages_staff_may_edit(self.request.user))
