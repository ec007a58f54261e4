from django.urls import reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from stp_site.core.admin_reports import report_urls

from .admin_views import SignUpReportView, SignUpViewSet
from .models import ReferralPartner, SignUp


class ReferralPartnerViewSet(SnippetViewSet):
    model = ReferralPartner
    icon = "link"
    menu_label = "Referral partners"
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


register_snippet(ReferralPartnerViewSet)


@hooks.register("register_admin_viewset")
def register_signup_viewset():
    return SignUpViewSet()


@hooks.register("register_admin_urls")
def register_report_urls():
    return report_urls("sign-ups", SignUpReportView)


class SignUpReportMenuItem(MenuItem):
    def is_shown(self, request):
        return ModelPermissionPolicy(SignUp).user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def register_signup_report_menu_item():
    return SignUpReportMenuItem("Sign-ups by group", reverse("signup_report"), icon_name="group", order=900)
