"""The equality monitoring summary: for each question, how many people gave each answer, across all
groups or one. Counts only, and any count from 1 to 4 is shown as "fewer than 5", so that no one can
be picked out of a small group (NHS statistical disclosure control). One person's answers are never
shown to anyone in the admin.

Only staff with the "view_equality_summary" permission and superusers see it: the "Equality monitoring"
group (made by migration 0003) for every partnership's groups, a partnership's own "equality monitoring"
group (stp_site/partnerships) for that partnership's groups only."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.views.generic import TemplateView

from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from stp_site.core.site_permissions import holds_anywhere, on_sites_where

from .forms import SignUpForm
from .models import EqualityAnswers, ReferenceGroupPage

PERMISSION = "get_involved.view_equality_summary"
SMALLEST_SHOWN = 5
NOT_ANSWERED = "Not answered"


def may_view(user):
    return holds_anywhere(user, PERMISSION)


def shown(count):
    """A count as the summary shows it: small numbers hidden, zero as zero."""
    if 0 < count < SMALLEST_SHOWN:
        return f"fewer than {SMALLEST_SHOWN}"
    return str(count)


def summary(answers):
    """[(question, [(answer, count shown)])] for every equality question, in the form's order."""
    questions = []
    for name in SignUpForm.EQUALITY_FIELDS:
        field = EqualityAnswers._meta.get_field(name)
        counts = dict(answers.values_list(name).annotate(count=Count("pk")).order_by())
        rows = [(label, shown(counts.get(value, 0))) for value, label in field.choices]
        rows.append((NOT_ANSWERED, shown(counts.get("", 0))))
        questions.append((SignUpForm.base_fields[name].label, rows))
    return questions


class EqualitySummaryView(WagtailAdminTemplateMixin, TemplateView):
    page_title = "Equality monitoring"
    header_icon = "table"
    template_name = "get_involved/admin/equality_summary.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Only the groups of the partnerships this person monitors: the list would name the others.
        groups = ReferenceGroupPage.objects.filter(on_sites_where(self.request.user, PERMISSION)).order_by("title")
        chosen = (
            groups.filter(pk=self.request.GET.get("group")).first()
            if self.request.GET.get("group", "").isdigit()
            else None
        )
        answers = EqualityAnswers.objects.filter(consent=True, sign_up__group__in=groups)
        if chosen:
            answers = answers.filter(sign_up__group=chosen)
        total = answers.count()
        context.update(
            groups=groups,
            chosen=chosen,
            total=shown(total),
            questions=summary(answers) if total >= SMALLEST_SHOWN else [],
            smallest_shown=SMALLEST_SHOWN,
        )
        return context
