"""Admin views for sign-ups (a permission-limited list, inspect, CSV export, and the referral report) and
for questions to meetings (a list, and answering one).

Only users with the sign-up model permissions see any of this: the "Reference group coordinators"
group (made by migration 0002) and superusers. A coordinator sees, exports and counts only the sign-ups
of the groups they coordinate (permissions.py); another group's sign-up is "not found". Equality answers
are never shown here.
"""

from django_filters import DateFromToRangeFilter, ModelChoiceFilter

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import Http404

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView, IndexView, InspectView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet

from stp_site.core.csv_export import CsvFormulaSafeMixin

from .models import DataProtectionLog, PublicQuestion, ReferenceGroupPage, ReferralPartner, SignUp
from .permissions import question_policy, sign_up_policy, sign_ups_for

# What the person told us, in the order of the form: shown on the inspect page and in the CSV export.
PERSON_FIELDS = ["full_name", "email", "phone", "postcode", "take_part_labels", "support_needs", "heard_about"]


class SignUpFilterSet(WagtailFilterSet):
    group = ModelChoiceFilter(queryset=ReferenceGroupPage.objects.none(), label="Group")
    created_at = DateFromToRangeFilter(label="Signed up", widget=DateRangePickerWidget)
    referral = ModelChoiceFilter(queryset=ReferralPartner.objects.all(), label="Referred by")

    class Meta:
        model = SignUp
        fields = ["group", "created_at", "referral", "possible_duplicate"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # Only the groups this user coordinates: the list of choices would name the others.
        user = getattr(request, "user", None)
        groups = sign_up_policy.groups_for(user) if user else ReferenceGroupPage.objects.none()
        self.filters["group"].queryset = groups.order_by("title")


class OnlyCoordinatedGroups:
    """For the views of one sign-up: another group's sign-up is "not found" (its existence is not told)."""

    def get_object(self, *args, **kwargs):
        if not sign_up_policy.user_has_permission(self.request.user, "view"):
            raise PermissionDenied  # no sign-ups at all for this user: as every other sign-up view says
        sign_up = super().get_object(*args, **kwargs)
        if not sign_up_policy.user_has_permission_for_instance(self.request.user, "view", sign_up):
            raise Http404
        return sign_up


class OnlyCoordinatedGroupsInTheForm:
    """Adding or correcting a sign-up: the group can only be one this user coordinates."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["group"].queryset = sign_up_policy.groups_for(self.request.user).order_by("title")
        return form


class SignUpIndexView(CsvFormulaSafeMixin, IndexView):
    def get_base_queryset(self):
        return sign_ups_for(self.request.user).select_related("group", "referral")


class SignUpInspectView(OnlyCoordinatedGroups, InspectView):
    pass


class SignUpCreateView(OnlyCoordinatedGroupsInTheForm, CreateView):
    pass


class SignUpEditView(OnlyCoordinatedGroups, OnlyCoordinatedGroupsInTheForm, EditView):
    pass


class SignUpHistoryView(OnlyCoordinatedGroups, HistoryView):
    pass


class SignUpUsageView(OnlyCoordinatedGroups, UsageView):
    pass


class SignUpDeleteView(OnlyCoordinatedGroups, DeleteView):
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
    permission_policy = sign_up_policy
    index_view_class = SignUpIndexView
    inspect_view_class = SignUpInspectView
    add_view_class = SignUpCreateView
    edit_view_class = SignUpEditView
    history_view_class = SignUpHistoryView
    usage_view_class = SignUpUsageView
    delete_view_class = SignUpDeleteView
    copy_view_enabled = False  # a copy of someone's sign-up is never wanted
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
    permission_policy = sign_up_policy
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
            sign_ups_for(self.request.user)
            .values("group__title", "referral__name")
            .annotate(count=Count("pk"))
            .order_by("group__title", "referral__name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sign_ups = sign_ups_for(self.request.user)
        context["by_group"] = (
            sign_ups.values("group__title").annotate(count=Count("pk")).order_by("-count", "group__title")
        )
        context["by_partner"] = (
            sign_ups.values("referral__name").annotate(count=Count("pk")).order_by("-count", "referral__name")
        )
        return context


class QuestionFilterSet(WagtailFilterSet):
    created_at = DateFromToRangeFilter(label="Received", widget=DateRangePickerWidget)

    class Meta:
        model = PublicQuestion
        fields = ["status", "is_published", "late", "created_at"]


class OnlyTheirSitesQuestions:
    """Another partnership's question is "not found" (its existence is not told)."""

    def get_object(self, *args, **kwargs):
        if not question_policy.user_has_permission(self.request.user, "view"):
            raise PermissionDenied
        question = super().get_object(*args, **kwargs)
        if not question_policy.user_has_permission_for_instance(self.request.user, "view", question):
            raise Http404
        return question


class QuestionIndexView(CsvFormulaSafeMixin, IndexView):
    def get_base_queryset(self):
        return question_policy.instances_user_has_permission_for(self.request.user, "view").select_related("meeting")


class QuestionEditView(OnlyTheirSitesQuestions, EditView):
    pass


class QuestionInspectView(OnlyTheirSitesQuestions, InspectView):
    pass


class QuestionHistoryView(OnlyTheirSitesQuestions, HistoryView):
    pass


class QuestionUsageView(OnlyTheirSitesQuestions, UsageView):
    pass


class QuestionDeleteView(OnlyTheirSitesQuestions, DeleteView):
    """Deleting a question (an erasure request, say) leaves a count in the data protection log."""

    def delete_action(self):
        with transaction.atomic():
            super().delete_action()
            DataProtectionLog.objects.create(action=DataProtectionLog.Action.QUESTION_DELETE, count=1)


class QuestionViewSet(ModelViewSet):
    """Questions to meetings: staff read each one, answer it, and choose to show it on the meeting's page.
    Residents send them through the meeting's form; none is added here."""

    model = PublicQuestion
    icon = "help"
    menu_label = "Questions to meetings"
    menu_order = 260
    add_to_admin_menu = True
    name = "public_questions"
    inspect_view_enabled = True
    add_to_reference_index = False  # a meeting's "usage" tab must not list who asked
    permission_policy = question_policy
    index_view_class = QuestionIndexView
    edit_view_class = QuestionEditView
    inspect_view_class = QuestionInspectView
    history_view_class = QuestionHistoryView
    usage_view_class = QuestionUsageView
    delete_view_class = QuestionDeleteView
    copy_view_enabled = False
    filterset_class = QuestionFilterSet
    list_display = [
        "question_summary",  # the first column links to the question's edit view
        "meeting",
        DateColumn("created_at", label="Received"),
        "status",
        BooleanColumn("late"),
        BooleanColumn("is_published", label="Shown"),
    ]
    list_export = ["created_at", "meeting.title", "full_name", "email", "phone", "organisation", "question",
                   "status", "answer", "is_published"]  # fmt: skip
    export_headings = {"meeting.title": "Meeting"}
    export_filename = "questions-to-meetings"
    search_fields = ["question", "answer"]
    inspect_view_fields = [
        "meeting",
        "created_at",
        "late",
        "full_name",
        "email",
        "phone",
        "organisation",
        "question",
        "publish_name",
        "status",
        "answer",
        "is_published",
        "expires_at",
    ]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("meeting", read_only=True),
                FieldPanel("created_at", read_only=True),
                FieldPanel("late", read_only=True),
                FieldPanel("question", read_only=True),
                FieldPanel("publish_name", read_only=True),
            ],
            heading="What they asked",
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("question_as_published"),
                FieldPanel("answer"),
                FieldPanel("answered_on"),
                FieldPanel("is_published"),
            ],
            heading="The answer",
        ),
        MultiFieldPanel(
            [FieldPanel("full_name"), FieldPanel("email"), FieldPanel("phone"), FieldPanel("organisation")],
            heading="Who asked (never shown, unless they agreed to their name being shown)",
        ),
    ]
