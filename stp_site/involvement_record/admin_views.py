"""Reports → Involvement record: a financial year's engagements with their counts by route and referral
partner and a link to their outcome, for an annual report and Healthwatch, with a formula-safe CSV.

Counts only, never who: staff see the sites where they may edit pages (a partnership's own), and pick a
year and, if they work on more than one, a site."""

from django_filters import ChoiceFilter, ModelChoiceFilter

from django.utils import timezone

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import Site
from wagtail.permissions import page_permission_policy

from stp_site.core.csv_export import CsvFormulaSafeMixin
from stp_site.core.site_permissions import sites_staff_may_edit

from .record import ROUTE_COLUMNS, engagements, financial_year_of, year_label, years_on_record


class InvolvementFilterSet(WagtailFilterSet):
    year = ChoiceFilter(label="Year", method="keep_all", empty_label=None)
    site = ModelChoiceFilter(queryset=Site.objects.none(), label="Site", method="keep_all")

    class Meta:
        model = Site
        fields = ["year", "site"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["year"].extra["choices"] = [(year, year_label(year)) for year in years_on_record()]
        sites = sites_staff_may_edit(request.user)
        if len(sites) < 2:
            del self.filters["site"]  # their one site: nothing to choose
        else:
            self.filters["site"].queryset = sites

    def keep_all(self, queryset, name, value):
        return queryset  # the choices shape the record (InvolvementRecordView.get_filtered_queryset)


class InvolvementRecordView(CsvFormulaSafeMixin, ReportView):
    page_title = "Involvement record"
    header_icon = "group"
    results_template_name = "involvement_record/admin/report_results.html"
    index_url_name = "involvement_record"
    index_results_url_name = "involvement_record_results"
    filterset_class = InvolvementFilterSet
    permission_policy = page_permission_policy
    any_permission_required = ["add", "change", "publish"]
    paginate_by = 100
    list_export = [
        "site",
        "kind",
        "title",
        "first_taken_part",
        "last_taken_part",
        "took_part",
        *[name for name, _ in ROUTE_COLUMNS],
        "referral_partners",
        "url",
        "outcome_title",
        "outcome_url",
    ]
    export_headings = {
        "site": "Site",
        "kind": "Kind of engagement",
        "title": "Engagement",
        "first_taken_part": "First taken part",
        "last_taken_part": "Last taken part",
        "took_part": "People who took part",
        **dict(ROUTE_COLUMNS),
        "referral_partners": "Referral partners (people)",
        "url": "Page",
        "outcome_title": "Outcome",
        "outcome_url": "Outcome page",
    }

    def chosen(self, name):
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get(name)
        return None

    @property
    def year(self):
        chosen = self.chosen("year")
        return int(chosen) if chosen else financial_year_of(timezone.localdate())

    def get_filename(self):
        return f"involvement-record-{self.year}-to-{self.year + 1}"

    def get_queryset(self):
        return sites_staff_may_edit(self.request.user)

    def get_filtered_queryset(self):
        sites = self.get_queryset()
        site = self.chosen("site")
        if site is not None:
            sites = sites.filter(pk=site.pk)
        return engagements(self.year, sites)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["year_label"] = year_label(self.year)
        context["route_columns"] = ROUTE_COLUMNS
        context["total_took_part"] = sum(item.took_part for item in self.object_list)
        return context
