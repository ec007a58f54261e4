"""Reports → Page feedback: yes and no per page, the least useful pages first, and each page's comments.

Each person sees the pages they may edit or publish (reports.py); the site filter offers only their sites.
Both CSV exports are formula-safe: titles and comments are typed by people."""

from django_filters import ChoiceFilter, DateFromToRangeFilter, ModelChoiceFilter

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, Site
from wagtail.permissions import page_permission_policy

from stp_site.core.csv_export import CsvFormulaSafeMixin
from stp_site.core.site_permissions import sites_staff_may_edit

from .models import PageFeedback
from .reports import LEAST_USEFUL, MOST_VOTES, comments_on, counts_by_page, feedback_for


class PageFeedbackFilterSet(WagtailFilterSet):
    site = ModelChoiceFilter(queryset=Site.objects.none(), label="Site", method="filter_site")
    created_at = DateFromToRangeFilter(label="Sent", widget=DateRangePickerWidget)
    order = ChoiceFilter(
        choices=[(MOST_VOTES, "Most votes first")], label="Order", method="keep_all", empty_label="Least useful first"
    )

    class Meta:
        model = PageFeedback
        fields = ["site", "created_at", "order"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        sites = sites_staff_may_edit(request.user)
        if len(sites) < 2:
            del self.filters["site"]  # their one site: nothing to choose
        else:
            self.filters["site"].queryset = sites

    def filter_site(self, queryset, name, site):
        return queryset.filter(page__path__startswith=site.root_page.path) if site else queryset

    def keep_all(self, queryset, name, value):
        return queryset  # the order is applied to the counts (PageFeedbackReportView)


class PageFeedbackReportView(CsvFormulaSafeMixin, ReportView):
    page_title = "Page feedback"
    header_icon = "help"
    results_template_name = "page_feedback/admin/report_results.html"
    index_url_name = "page_feedback_report"
    index_results_url_name = "page_feedback_report_results"
    filterset_class = PageFeedbackFilterSet
    permission_policy = page_permission_policy
    any_permission_required = ["change", "publish"]
    list_export = ["page__title", "page__url_path", "yes", "no", "votes", "percent_useful", "comments"]
    export_headings = {
        "page__title": "Page",
        "page__url_path": "Place in the page tree",
        "yes": "Yes",
        "no": "No",
        "votes": "Votes",
        "percent_useful": "% useful",
        "comments": "Comments",
    }

    def get_filename(self):
        return f"page-feedback-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return feedback_for(self.request.user)

    def get_filtered_queryset(self):
        feedback = self.filter_queryset(self.get_queryset())
        order = self.filters.form.cleaned_data.get("order") if self.filters and self.filters.is_valid() else None
        return counts_by_page(feedback, order or LEAST_USEFUL, min_votes=settings.PAGE_FEEDBACK_MIN_VOTES)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["min_votes"] = settings.PAGE_FEEDBACK_MIN_VOTES
        context["comment_days"] = settings.PAGE_FEEDBACK_COMMENT_DAYS
        return context


class PageCommentsFilterSet(WagtailFilterSet):
    created_at = DateFromToRangeFilter(label="Sent", widget=DateRangePickerWidget)

    class Meta:
        model = PageFeedback
        fields = ["created_at", "useful"]


def may_edit(user, page):
    permissions = page.permissions_for_user(user)
    return permissions.can_edit() or permissions.can_publish()


class PageCommentsView(CsvFormulaSafeMixin, ReportView):
    """The comments on one page, newest first. Another site's page (one they may not edit) is "not found"."""

    header_icon = "help"
    results_template_name = "page_feedback/admin/comments_results.html"
    index_url_name = "page_feedback_comments"
    index_results_url_name = "page_feedback_comments_results"
    filterset_class = PageCommentsFilterSet
    permission_policy = page_permission_policy
    any_permission_required = ["change", "publish"]
    list_export = ["created_at", "useful", "comment"]
    export_headings = {"created_at": "Sent", "useful": "Useful", "comment": "Comment"}

    def dispatch(self, request, *args, page_id, **kwargs):
        self.feedback_page = get_object_or_404(Page, pk=page_id).specific
        if not may_edit(request.user, self.feedback_page):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @property
    def page_title(self):
        return f"Feedback on {self.feedback_page.title}"

    def get_index_url(self):
        return reverse(self.index_url_name, args=[self.feedback_page.pk])

    def get_index_results_url(self):
        return reverse(self.index_results_url_name, args=[self.feedback_page.pk])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(PageFeedbackReportView.index_url_name), "label": PageFeedbackReportView.page_title},
            {"url": "", "label": self.page_title},
        ]

    def get_filename(self):
        return f"page-feedback-comments-{self.feedback_page.pk}-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return comments_on(self.feedback_page, feedback_for(self.request.user))

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        row["useful"] = "Yes" if item.useful else "No"
        return row

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["feedback_page"] = self.feedback_page
        context["comment_days"] = settings.PAGE_FEEDBACK_COMMENT_DAYS
        counts = counts_by_page(feedback_for(self.request.user).filter(page=self.feedback_page)).first()
        context["counts"] = counts or {"yes": 0, "no": 0, "votes": 0, "percent_useful": None, "comments": 0}
        return context


def delete_comment(request, feedback_id):
    """Delete one comment (an erasure request, or something that should not be kept); the vote stays."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    feedback = get_object_or_404(PageFeedback.objects.select_related("page"), pk=feedback_id)
    if not may_edit(request.user, feedback.page.specific):
        raise Http404
    PageFeedback.objects.filter(pk=feedback.pk).update(comment="")
    messages.success(request, "The comment has been deleted. Its vote is still counted.")
    return HttpResponseRedirect(reverse(PageCommentsView.index_url_name, args=[feedback.page_id]))
