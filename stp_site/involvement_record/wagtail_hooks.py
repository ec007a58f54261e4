from django.urls import reverse

from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.menu import MenuItem

from stp_site.core.admin_reports import report_urls

from .admin_views import InvolvementRecordView


@hooks.register("register_admin_urls")
def register_involvement_record_urls():
    return report_urls("involvement-record", InvolvementRecordView)


class InvolvementRecordMenuItem(MenuItem):
    def is_shown(self, request):
        return user_has_any_page_permission(request.user)


@hooks.register("register_reports_menu_item")
def register_involvement_record_menu_item():
    return InvolvementRecordMenuItem("Involvement record", reverse("involvement_record"), icon_name="group", order=770)
