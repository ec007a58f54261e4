from django.urls import reverse

from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import InlinePanel

from stp_site.core.admin_dashboard import CountSummaryItem, DashboardLink, LinkListPanel
from stp_site.core.admin_reports import report_urls

from .admin_views import MeetingsNeedingAttentionView
from .attention import meetings_needing_attention
from .register_review import registers_due_for_review

PANEL_ID = "meetings-attention"


@hooks.register("register_admin_urls")
def register_attention_report_urls():
    return report_urls("meetings-attention", MeetingsNeedingAttentionView)


@hooks.register("register_reports_menu_item")
def register_attention_report_menu_item():
    return MenuItem(
        "Meetings needing attention", reverse("meetings_attention_report"), icon_name="calendar", order=760
    )


def problems_for(request):
    """The late papers and overdue minutes of meetings this user may edit (once per request)."""
    if not hasattr(request, "_meeting_problems"):
        allowed = user_has_any_page_permission(request.user)
        request._meeting_problems = meetings_needing_attention(user=request.user) if allowed else []
    return request._meeting_problems


@hooks.register("construct_homepage_panels")
def add_attention_panel(request, panels):
    problems = problems_for(request)
    if not problems:
        return  # nothing late: no panel
    links = [
        DashboardLink(
            problem.meeting.title, reverse("wagtailadmin_pages:edit", args=[problem.meeting.pk]), problem.summary
        )
        for problem in problems
    ]
    panels.append(
        LinkListPanel(
            panel_id=PANEL_ID,
            heading="Meetings needing attention",
            links=links,
            empty_text="",
            all_url=reverse("meetings_attention_report"),
            all_text="See the report",
            order=170,
        )  # fmt: skip
    )


@hooks.register("construct_homepage_summary_items")
def add_attention_summary(request, items):
    problems = problems_for(request)
    if problems:
        items.append(
            CountSummaryItem(
                request,
                count=len(problems),
                singular="meeting with late papers or minutes",
                plural="meetings with late papers or minutes",
                url=f"{reverse('wagtailadmin_home')}#{PANEL_ID}-section",
                icon="calendar",
                order=320,
            )  # fmt: skip
        )


@hooks.register("register_page_promote_panels")
def publication_scheme_panel():
    """Every page's Promote tab: the classes of the publication scheme it is listed in."""
    return [
        InlinePanel(
            "publication_scheme_classes",
            heading="Publication scheme",
            label="class",
            help_text="To list this page on the publication scheme (what we publish under the Freedom of "
            "Information Act), choose the class it belongs in.",
        )
    ]


@hooks.register("content_review_due_dates")
def registers_due(cutoff):
    """The registers last updated too long ago (a setting for each site) are due for review."""
    return registers_due_for_review(cutoff)
