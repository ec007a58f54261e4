"""Admin views for sign-ups: a permission-limited list, inspect, CSV export, and the referral report.

Only users with the sign-up model permissions see any of this: the "Reference group coordinators"
group (made by migration 0002) and superusers. Equality answers are never shown here.
"""

from django_filters import DateFromToRangeFilter, ModelChoiceFilter

from django.db import transaction
from django.db.models import Count

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.models import DeleteView, IndexView
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import DataProtectionLog, ReferenceGroupPage, ReferralPartner, SignUp

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What the person told us, in the order of the form: shown on the inspect page and in the CSV export.
PERSON_FIELDS = ["full_name", "email", "phone", "postcode", "take_part_labels", "support_needs", "heard_about"]


def escape_spreadsheet_formula(value):
    """Stop a spreadsheet from running an answer as a formula (CSV injection): prefix a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class CsvFormulaSafeMixin:
    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: escape_spreadsheet_formula(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )


class SignUpFilterSet(WagtailFilterSet):
    group = ModelChoiceFilter(queryset=ReferenceGroupPage.objects.order_by("title"), label="Group")
    created_at = DateFromToRangeFilter(label="Signed up", widget=DateRangePickerWidget)
    referral = ModelChoiceFilter(queryset=ReferralPartner.objects.all(), label="Referred by")

    class Meta:
        model = SignUp
        fields = ["group", "created_at", "referral", "possible_duplicate"]


class SignUpIndexView(CsvFormulaSafeMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("group", "referral")


class SignUpDeleteView(DeleteView):
    """A coordinator deleting a sign-up (an erasure request, say) leaves a count in the data protection log."""

    def delete_action(self):
        with transaction.atomic():
            super().delete_action()
            DataProtectionLog.objects.create(action=DataProtectionLog.Action.DELETE, count=1)


class SignUpViewSet(ModelViewSet):
    model = SignUp
    icon = "group"
    menu_label = "Sign-ups"
    menu_order = 250
    add_to_admin_menu = True
    name = "signups"
    inspect_view_enabled = True
    # Keep sign-ups out of the reference index: a page's "usage" tab must not list them for editors.
    add_to_reference_index = False
    index_view_class = SignUpIndexView
    delete_view_class = SignUpDeleteView
    filterset_class = SignUpFilterSet
    list_display = [
        "full_name",
        "group",
        DateColumn("created_at", label="Signed up"),
        "referral",
        "possible_duplicate",
    ]
    list_export = ["created_at", "group.title", *PERSON_FIELDS, "referral_name", "expires_at"]
    export_headings = {"group.title": "Group"}
    export_filename = "reference-group-sign-ups"
    search_fields = ["full_name", "email", "phone", "postcode"]
    inspect_view_fields = [
        "group",
        "created_at",
        *PERSON_FIELDS,
        "referral",
        "consent_to_contact",
        "possible_duplicate",
        "expires_at",
    ]
    # Coordinators can correct or delete a record (right to rectification and erasure) and add one taken by phone.
    form_fields = [
        "group",
        "full_name",
        "email",
        "phone",
        "postcode",
        "support_needs",
        "heard_about",
        "referral",
        "consent_to_contact",
        "possible_duplicate",
    ]


class SignUpReportView(CsvFormulaSafeMixin, ReportView):
    """How many sign-ups each group has had, from each referral partner."""

    page_title = "Sign-ups by group and partner"
    header_icon = "group"
    index_url_name = "signup_report"
    index_results_url_name = "signup_report_results"
    results_template_name = "get_involved/admin/signup_report_results.html"
    permission_policy = ModelPermissionPolicy(SignUp)
    permission_required = "view"
    paginate_by = None
    list_export = ["group__title", "referral__name", "count"]
    export_headings = {"group__title": "Group", "referral__name": "Referred by", "count": "Sign-ups"}
    export_filename = "sign-ups-by-group-and-partner"
    columns = [
        Column("group__title", label="Group"),
        Column("referral__name", label="Referred by"),
        Column("count", label="Sign-ups"),
    ]

    def get_queryset(self):
        return (
            SignUp.objects.values("group__title", "referral__name")
            .annotate(count=Count("pk"))
            .order_by("group__title", "referral__name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["by_group"] = (
            SignUp.objects.values("group__title").annotate(count=Count("pk")).order_by("-count", "group__title")
        )
        context["by_partner"] = (
            SignUp.objects.values("referral__name").annotate(count=Count("pk")).order_by("-count", "referral__name")
        )
        return context
