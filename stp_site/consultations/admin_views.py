"""Admin views: consultation responses (a list limited to the user's sites, inspect, add one taken by phone,
post, through Healthwatch or at an event, correct, delete), one exercise's responses as a formula-safe CSV
with a column per question, and the "Consultations waiting for an outcome" report."""

import csv

from django_filters import DateFromToRangeFilter, ModelChoiceFilter

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, DateColumn
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView, IndexView, InspectView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.views.reports import PageReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.pages import PagePermissionPolicy

from get_involved.models import DataProtectionLog, ReferralPartner
from stp_site.core.csv_export import CsvFormulaSafeMixin, escape_spreadsheet_formula

from .models import ConsultationPage, ConsultationResponse, answer_text
from .permissions import response_policy, responses_for


class ResponseFilterSet(WagtailFilterSet):
    consultation = ModelChoiceFilter(queryset=ConsultationPage.objects.none(), label="Exercise")
    created_at = DateFromToRangeFilter(label="Received", widget=DateRangePickerWidget)
    referral = ModelChoiceFilter(queryset=ReferralPartner.objects.all(), label="Referred by")

    class Meta:
        model = ConsultationResponse
        fields = ["consultation", "route", "created_at", "referral", "hear_back"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        exercises = response_policy.consultations_for(user) if user else ConsultationPage.objects.none()
        self.filters["consultation"].queryset = exercises.order_by("title")


class OnlyTheirSites:
    """Another partnership's response is "not found" (its existence is not told)."""

    def get_object(self, *args, **kwargs):
        if not response_policy.user_has_permission(self.request.user, "view"):
            raise PermissionDenied
        response = super().get_object(*args, **kwargs)
        if not response_policy.user_has_permission_for_instance(self.request.user, "view", response):
            raise Http404
        return response


class OnlyTheirSitesInTheForm:
    """Adding or correcting a response: the exercise can only be one of this user's sites'."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["consultation"].queryset = response_policy.consultations_for(self.request.user).order_by("title")
        return form


class ResponseIndexView(CsvFormulaSafeMixin, IndexView):
    def get_base_queryset(self):
        return responses_for(self.request.user).select_related("consultation", "referral")


class ResponseInspectView(OnlyTheirSites, InspectView):
    pass


class ResponseCreateView(OnlyTheirSitesInTheForm, CreateView):
    pass


class ResponseEditView(OnlyTheirSites, OnlyTheirSitesInTheForm, EditView):
    pass


class ResponseHistoryView(OnlyTheirSites, HistoryView):
    pass


class ResponseUsageView(OnlyTheirSites, UsageView):
    pass


class ResponseDeleteView(OnlyTheirSites, DeleteView):
    """Deleting a response (an erasure request, say) leaves a count in the data protection log."""

    def delete_action(self):
        with transaction.atomic():
            super().delete_action()
            DataProtectionLog.objects.create(action=DataProtectionLog.Action.ERASE, count=1)


class ResponseViewSet(ModelViewSet):
    model = ConsultationResponse
    icon = "form"
    menu_label = "Consultation responses"
    menu_order = 270
    add_to_admin_menu = True
    name = "consultation_responses"
    inspect_view_enabled = True
    add_to_reference_index = False  # an exercise's "usage" tab must not list who responded
    permission_policy = response_policy
    index_view_class = ResponseIndexView
    inspect_view_class = ResponseInspectView
    add_view_class = ResponseCreateView
    edit_view_class = ResponseEditView
    history_view_class = ResponseHistoryView
    usage_view_class = ResponseUsageView
    delete_view_class = ResponseDeleteView
    copy_view_enabled = False
    filterset_class = ResponseFilterSet
    list_display = [
        "__str__",
        "consultation",
        DateColumn("created_at", label="Received"),
        "route",
        "referral",
        BooleanColumn("hear_back", label="Tell them what happens"),
    ]
    list_export = ["created_at", "consultation.title", "route", "referral_name", "hear_back", "expires_at"]
    export_headings = {"consultation.title": "Exercise", "referral_name": "Referred by"}
    export_filename = "consultation-responses"
    search_fields = ["full_name", "email", "phone", "summary"]
    inspect_view_fields = [
        "consultation",
        "created_at",
        "route",
        "answers_text",
        "summary",
        "full_name",
        "email",
        "phone",
        "hear_back",
        "outcome_emailed_at",
        "referral",
        "consent",
        "expires_at",
    ]
    panels = [
        # A list of their own sites' exercises (OnlyTheirSitesInTheForm), not the page chooser.
        FieldPanel("consultation", widget=forms.Select),
        FieldRowPanel([FieldPanel("route"), FieldPanel("created_at")]),
        FieldPanel("summary"),
        FieldPanel("referral"),
        MultiFieldPanel(
            [FieldPanel("full_name"), FieldPanel("email"), FieldPanel("phone"), FieldPanel("hear_back")],
            heading="Who responded (optional)",
        ),
    ]


def response_columns(consultation, rows):
    """The questions as CSV columns: the questionnaire's now, in order, then any asked before and since
    removed. Each is (clean name, heading)."""
    columns = {field.clean_name: field.label for field in consultation.questions.all()}
    for row in rows:
        for name, label in row.labels.items():
            columns.setdefault(name, label)
    return list(columns.items())


def export_responses(request, page_id):
    """One exercise's responses as CSV, one column per question. Cells are formula-safe."""
    if not response_policy.user_has_permission(request.user, "view"):
        raise PermissionDenied
    consultation = get_object_or_404(response_policy.consultations_for(request.user), pk=page_id)
    rows = list(consultation.responses.select_related("referral").order_by("created_at", "pk"))
    questions = response_columns(consultation, rows)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{consultation.slug}-responses-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    writer = csv.writer(response)
    headings = ["Received", "How it came", "Referred by", *(label for _, label in questions), "What they told us",
                "Name", "Email", "Phone", "Tell them what happens"]  # fmt: skip
    writer.writerow([escape_spreadsheet_formula(heading) for heading in headings])
    for row in rows:
        cells = [
            timezone.localtime(row.created_at).strftime("%Y-%m-%d %H:%M"),
            row.get_route_display(),
            row.referral.name if row.referral_id else "",
            *(answer_text(row.answers.get(name)) for name, _ in questions),
            row.summary,
            row.full_name,
            row.email,
            row.phone,
            "Yes" if row.hear_back else "No",
        ]
        writer.writerow([escape_spreadsheet_formula(cell) for cell in cells])
    return response


def waiting_for_outcome(user=None, now=None):
    """Closed exercises with no published outcome, longest closed first; only those `user` may edit."""
    now = now or timezone.now()
    exercises = (
        ConsultationPage.objects.live()
        .filter(closes_on__lte=now, alias_of__isnull=True)
        .defer_streamfields()
        .with_status_facts()
        .filter(has_outcome=False)
        .annotate(response_count=Count("responses"))
        .order_by("closes_on", "pk")
    )
    if user is not None and not user.is_superuser:
        editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change", "publish"])
        exercises = exercises.filter(pk__in=editable.values("pk"))
    return exercises


class WaitingForOutcomeView(PageReportView):
    page_title = "Consultations waiting for an outcome"
    header_icon = "form"
    results_template_name = "consultations/admin/waiting_results.html"
    index_url_name = "consultations_waiting_report"
    index_results_url_name = "consultations_waiting_report_results"
    list_export = ["title", "closes_on", "response_count", "url_path"]
    export_headings = {"title": "Exercise", "closes_on": "Closed", "response_count": "Responses", "url_path": "Page"}

    def get_filename(self):
        return f"consultations-waiting-for-an-outcome-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return waiting_for_outcome(user=self.request.user)
