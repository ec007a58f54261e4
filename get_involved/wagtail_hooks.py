from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from stp_site.core.admin_dashboard import CountSummaryItem, DashboardLink, LinkListPanel
from stp_site.core.admin_reports import report_urls

from .admin_views import QuestionViewSet, SignUpReportView, SignUpViewSet
from .equality_summary import EqualitySummaryView, may_view
from .flood import flooding
from .models import PublicQuestion, ReferralPartner, SignUp
from .permissions import question_policy, sign_up_policy, sign_ups_for


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


@hooks.register("register_admin_viewset")
def register_question_viewset():
    return QuestionViewSet()


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        *report_urls("sign-ups", SignUpReportView),
        path("reports/equality/", EqualitySummaryView.as_view(), name="equality_summary"),
    ]


class SignUpReportMenuItem(MenuItem):
    def is_shown(self, request):
        return sign_up_policy.user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def register_signup_report_menu_item():
    return SignUpReportMenuItem("Sign-ups by group", reverse("signup_report"), icon_name="group", order=900)


class EqualitySummaryMenuItem(MenuItem):
    def is_shown(self, request):
        return may_view(request.user)


@hooks.register("register_reports_menu_item")
def register_equality_summary_menu_item():
    return EqualitySummaryMenuItem("Equality monitoring", reverse("equality_summary"), icon_name="table", order=910)


def sign_ups_under(pages):
    """How many sign-ups belong to these pages or any page below them."""
    paths = Q()
    for page in pages:
        paths |= Q(group__path__startswith=page.path)
    return SignUp.objects.filter(paths).count() if paths else 0


def questions_under(pages):
    """How many questions from the public belong to these pages (meetings) or any page below them."""
    paths = Q()
    for page in pages:
        paths |= Q(meeting__path__startswith=page.path)
    return PublicQuestion.objects.filter(paths).count() if paths else 0


def refuse_deleting_sign_ups(request, pages):
    count = sign_ups_under(pages)
    questions = questions_under(pages)
    if questions and not count:
        messages.error(
            request,
            f"This cannot be deleted: {questions} question{'s' if questions != 1 else ''} from the public "
            "belong to its meetings. Unpublish the meeting instead. The askers' details are deleted "
            "automatically when their time is up.",
        )
        return redirect("wagtailadmin_explore", pages[0].get_parent().pk)
    if not count:
        return None
    messages.error(
        request,
        f"This cannot be deleted: {count} sign-up{'s' if count != 1 else ''} belong to its reference groups. "
        "Close the group to new members instead (Content > Closing the group). Its sign-ups are then "
        "deleted automatically, a month after it closes.",
    )
    return redirect("wagtailadmin_explore", pages[0].get_parent().pk)


@hooks.register("before_delete_page")
def keep_groups_with_sign_ups(request, page):
    """A reference group with sign-ups is closed, never deleted: deleting would lose the sign-ups unrecorded."""
    return refuse_deleting_sign_ups(request, [page])


@hooks.register("before_bulk_action")
def keep_groups_with_sign_ups_in_bulk(request, action_type, objects, action_class_instance):
    if action_type == "delete" and objects and isinstance(objects[0], Page):
        return refuse_deleting_sign_ups(request, objects)
    return None


class SignUpFloodPanel(Component):
    """On the admin dashboard, for those who see sign-ups, while this hour's sign-up posts pass the alert level."""

    template_name = "get_involved/admin/flood_panel.html"
    order = 50

    def __init__(self, count):
        self.count = count

    def get_context_data(self, parent_context):
        return {
            "count": self.count,
            "alert_level": settings.SIGNUP_FLOOD_ALERT,
            "sign_ups_url": reverse("signups:index"),
        }


@hooks.register("construct_homepage_panels")
def add_sign_up_flood_panel(request, panels):
    count = flooding()
    if count and sign_up_policy.user_has_permission(request.user, "view"):
        panels.append(SignUpFloodPanel(count))


NEW_SIGN_UPS_PANEL = "new-sign-ups"


def new_sign_ups_this_week(request):
    """(since, [(group id, title, count)]) for the groups whose sign-ups this user sees, busiest first.
    Counts only: the dashboard never shows who signed up. Once per request (summary and panel share it)."""
    if not hasattr(request, "_new_sign_ups"):
        since = timezone.localdate() - timedelta(days=6)  # today and the 6 days before
        counts = (
            sign_ups_for(request.user)
            .filter(created_at__date__gte=since)
            .values_list("group_id", "group__title")
            .annotate(count=Count("pk"))
            .order_by("-count", "group__title")
        )
        request._new_sign_ups = (since, list(counts))
    return request._new_sign_ups


def sign_ups_url(since, group_id=None):
    url = f"{reverse('signups:index')}?created_at_from={since:%Y-%m-%d}"
    return f"{url}&group={group_id}" if group_id else url


@hooks.register("construct_homepage_panels")
def add_new_sign_ups_panel(request, panels):
    if not sign_up_policy.user_has_permission(request.user, "view"):
        return
    since, counts = new_sign_ups_this_week(request)
    links = [DashboardLink(title, sign_ups_url(since, group_id), f"{count} new") for group_id, title, count in counts]
    panels.append(
        LinkListPanel(
            panel_id=NEW_SIGN_UPS_PANEL,
            heading="New sign-ups this week",
            links=links,
            empty_text="No one has signed up to your groups in the last 7 days.",
            all_url=reverse("signups:index"),
            all_text="See all sign-ups",
            order=140,
        )  # fmt: skip
    )


@hooks.register("construct_homepage_summary_items")
def add_new_sign_ups_summary(request, items):
    if not sign_up_policy.user_has_permission(request.user, "view"):
        return
    since, counts = new_sign_ups_this_week(request)
    items.append(
        CountSummaryItem(
            request,
            count=sum(count for _, _, count in counts),
            singular="new sign-up this week",
            plural="new sign-ups this week",
            url=sign_ups_url(since),
            icon="group",
            order=320,
        )  # fmt: skip
    )


@hooks.register("construct_homepage_summary_items")
def add_unanswered_questions_summary(request, items):
    """For those who answer questions to meetings: how many wait for an answer."""
    if not question_policy.user_has_permission(request.user, "change"):
        return
    waiting = question_policy.instances_user_has_permission_for(request.user, "change").filter(
        status=PublicQuestion.RECEIVED
    )
    items.append(
        CountSummaryItem(
            request,
            count=waiting.count(),
            singular="question to a meeting waiting for an answer",
            plural="questions to meetings waiting for an answer",
            url=reverse("public_questions:index") + f"?status={PublicQuestion.RECEIVED}",
            icon="help",
            order=330,
        )  # fmt: skip
    )
