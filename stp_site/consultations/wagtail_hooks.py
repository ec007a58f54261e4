from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from stp_site.core.admin_dashboard import DashboardLink, LinkListPanel
from stp_site.core.admin_reports import report_urls

from .admin_views import ResponseViewSet, WaitingForOutcomeView, export_responses, waiting_for_outcome
from .models import ConsultationResponse

PANEL_ID = "consultations-waiting"


@hooks.register("register_admin_viewset")
def register_response_viewset():
    return ResponseViewSet()


@hooks.register("register_admin_urls")
def register_consultation_admin_urls():
    return [
        *report_urls("consultations-waiting", WaitingForOutcomeView),
        path("consultations/<int:page_id>/responses.csv", export_responses, name="consultation_responses_csv"),
    ]


@hooks.register("register_reports_menu_item")
def register_waiting_report_menu_item():
    return MenuItem(
        "Consultations waiting for an outcome", reverse("consultations_waiting_report"), icon_name="form", order=770
    )


def responses_text(count):
    return f"{count} response{'s' if count != 1 else ''}"


@hooks.register("construct_homepage_panels")
def add_waiting_panel(request, panels):
    if not user_has_any_page_permission(request.user):
        return
    exercises = list(waiting_for_outcome(user=request.user)[:10])
    if not exercises:
        return
    links = [
        DashboardLink(
            exercise.title,
            reverse("wagtailadmin_pages:edit", args=[exercise.pk]),
            f"closed {exercise.closes_on:%-d %B %Y}, {responses_text(exercise.response_count)}",
        )
        for exercise in exercises
    ]
    panels.append(
        LinkListPanel(
            panel_id=PANEL_ID,
            heading="Consultations waiting for an outcome",
            links=links,
            empty_text="",
            all_url=reverse("consultations_waiting_report"),
            all_text="See the report",
            order=175,
        )  # fmt: skip
    )


def responses_under(pages):
    paths = Q()
    for page in pages:
        paths |= Q(consultation__path__startswith=page.path)
    return ConsultationResponse.objects.filter(paths).count() if paths else 0


def refuse_deleting_responses(request, pages):
    """An exercise with responses is unpublished, never deleted (the database refuses it too: PROTECT)."""
    count = responses_under(pages)
    if not count:
        return None
    messages.error(
        request,
        f"This cannot be deleted: {responses_text(count)} from the public belong to its consultations. "
        "Unpublish it instead. The responders' details are deleted automatically when their time is up.",
    )
    return redirect("wagtailadmin_explore", pages[0].get_parent().pk)


@hooks.register("before_delete_page")
def keep_exercises_with_responses(request, page):
    return refuse_deleting_responses(request, [page])


@hooks.register("before_bulk_action")
def keep_exercises_with_responses_in_bulk(request, action_type, objects, action_class_instance):
    if action_type == "delete" and objects and isinstance(objects[0], Page):
        return refuse_deleting_responses(request, objects)
    return None
