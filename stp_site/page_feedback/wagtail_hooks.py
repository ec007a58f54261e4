from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from stp_site.core.admin_reports import report_urls

from .admin_views import PageCommentsView, PageFeedbackReportView, delete_comment, may_edit
from .offered import offers_feedback


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


class PageFeedbackButton(PageMenuItem):
    label = "Feedback"
    icon_name = "help"
    url_name = PageCommentsView.index_url_name
    priority = 66  # after History

    def is_shown(self, user):
        return offers_feedback(self.page.specific_deferred) and may_edit(user, self.page)


@hooks.register("register_page_header_buttons")
def page_feedback_header_button(page, user, view_name, next_url=None):
    """A page's "Feedback" in its header's "more" menu: its votes and comments."""
    yield PageFeedbackButton(page=page)
