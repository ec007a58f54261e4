"""Admin report: meetings whose papers are late or whose draft minutes are overdue."""

from django.utils import timezone

from wagtail.admin.views.reports import PageReportView

from .attention import meetings_needing_attention


class MeetingsNeedingAttentionView(PageReportView):
    page_title = "Meetings needing attention"
    header_icon = "calendar"
    results_template_name = "governance/admin/attention_results.html"
    index_url_name = "meetings_attention_report"
    index_results_url_name = "meetings_attention_report_results"
    context_object_name = "problems"
    list_export = ["meeting.title", "meeting.date", "label", "due", "days_late", "detail", "meeting.url_path"]
    export_headings = {
        "meeting.title": "Meeting",
        "meeting.date": "Date",
        "label": "Problem",
        "due": "Due",
        "days_late": "Days late",
        "detail": "Detail",
        "meeting.url_path": "Page",
    }

    def get_filename(self):
        return f"meetings-needing-attention-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return meetings_needing_attention(user=self.request.user)
