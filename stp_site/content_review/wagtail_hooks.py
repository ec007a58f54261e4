from django.urls import reverse
from django.utils import dateformat

from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.menu import MenuItem

from stp_site.core.admin_dashboard import CountSummaryItem, DashboardLink, LinkListPanel
from stp_site.core.admin_reports import report_urls
from stp_site.core.site_permissions import pages_staff_may_edit

from .views import ReviewDueReportView, pages_due_for_review

PANEL_ID = "your-reviews"


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return report_urls("review-due", ReviewDueReportView)


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return MenuItem("Pages due for review", reverse("review_due_report"), icon_name="date", order=750)


def your_pages_due(request):
    """The pages this user owns, and may still edit, that are due for review (once per request: the summary
    and panel share it). A page they own on a site they no longer work on is not theirs to review."""
    if not hasattr(request, "_your_pages_due"):
        owner = request.user if user_has_any_page_permission(request.user) else None
        request._your_pages_due = pages_due_for_review(owner=owner, among=pages_staff_may_edit(owner)) if owner else []
    return request._your_pages_due


def when_due(page):
    if page.review_days < 0:
        days = -page.review_days
        return f"overdue by {days} day{'s' if days != 1 else ''}"
    if page.review_days == 0:
        return "due today"
    return f"due {dateformat.format(page.review_due, 'j F Y')}"


@hooks.register("construct_homepage_panels")
def add_your_reviews_panel(request, panels):
    if not user_has_any_page_permission(request.user):
        return
    links = [
        DashboardLink(page.title, reverse("wagtailadmin_pages:edit", args=[page.pk]), when_due(page))
        for page in your_pages_due(request)
    ]
    panels.append(
        LinkListPanel(
            panel_id=PANEL_ID,
            heading="Your pages due for review",
            links=links,
            empty_text="None of your pages is due for review in the next 30 days.",
            all_url=reverse("review_due_report"),
            all_text="See every page due for review",
            order=160,
        )  # fmt: skip
    )


@hooks.register("construct_homepage_summary_items")
def add_your_reviews_summary(request, items):
    pages = your_pages_due(request)
    if pages:
        items.append(
            CountSummaryItem(
                request,
                count=len(pages),
                singular="of your pages due for review",
                plural="of your pages due for review",
                url=f"{reverse('wagtailadmin_home')}#{PANEL_ID}-section",
                icon="date",
                order=310,
            )  # fmt: skip
        )
