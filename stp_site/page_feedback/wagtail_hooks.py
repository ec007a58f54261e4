from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.menu import MenuItem

from stp_site.core.admin_reports import report_urls

from .admin_views import PageCommentsView, PageFeedbackReportView, delete_comment


@hooks.register("register_admin_urls")
def register_page_feedback_urls():
    return [
        *report_urls("page-feedback", PageFeedbackReportView),
        path("reports/page-feedback/<int:page_id>/", PageCommentsView.as_view(), name=PageCommentsView.index_url_name),
        path(
            "reports/page-feedback/<int:page_id>/results/",
            PageCommentsView.as_view(results_only=True),
            name=PageCommentsView.index_results_url_name,
        ),
        path("reports/page-feedback/comments/<int:feedback_id>/delete/", delete_comment, name="page_feedback_delete"),
    ]


class PageFeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return user_has_any_page_permission(request.user)


@hooks.register("register_reports_menu_item")
def register_page_feedback_menu_item():
    return PageFeedbackMenuItem("Page feedback", reverse("page_feedback_report"), icon_name="help", order=760)
