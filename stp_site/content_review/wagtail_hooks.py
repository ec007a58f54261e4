from django.urls import reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from stp_site.core.admin_reports import report_urls

from .views import ReviewDueReportView


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return report_urls("review-due", ReviewDueReportView)


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return MenuItem("Pages due for review", reverse("review_due_report"), icon_name="date", order=750)
