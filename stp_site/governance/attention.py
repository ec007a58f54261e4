"""Meetings whose publication timeline has slipped: papers late (their due time has passed and some are
not published yet) or draft minutes overdue (their due day has passed and none are published). Read by
the admin report and the dashboard panel (wagtail_hooks.py).

Only meetings going ahead count (a cancelled or moved meeting has no papers to publish), and only
originals: a meeting held in common is fixed on the site that wrote it, and its copy follows.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import dateformat, timezone

from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import MeetingPage, PaperPage

LATE_PAPERS = "late_papers"
OVERDUE_MINUTES = "overdue_minutes"


@dataclass
class Problem:
    meeting: MeetingPage
    kind: str  # LATE_PAPERS or OVERDUE_MINUTES
    due: date
    days_late: int
    detail: str

    @property
    def label(self):
        return "Papers late" if self.kind == LATE_PAPERS else "Draft minutes overdue"

    @property
    def summary(self):
        """For the dashboard: 'papers late: due 29 April 2026, 2 not published'."""
        return f"{self.label.lower()}: due {dateformat.format(self.due, 'j F Y')}, {self.detail}"


def _unpublished_papers():
    """How many papers under each meeting are not live yet (drafts, or scheduled for later)."""
    pending = (
        PaperPage.objects.filter(
            path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1, kind=PaperPage.PAPER, live=False
        )
        .order_by()
        .values("depth")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(pending), 0)


def meetings_needing_attention(now=None, user=None):
    """Every problem, most overdue first; only meetings `user` may edit, if given."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    meetings = (
        MeetingPage.objects.live()
        .filter(status=MeetingPage.GOING_AHEAD, alias_of__isnull=True)
        .defer_streamfields()
        .with_status_facts()
        .annotate(unpublished_papers=_unpublished_papers())
        .filter(
            Q(date__gte=today, has_papers=False)
            | Q(date__gte=today, unpublished_papers__gt=0)
            | Q(date__lt=today, has_minutes=False)
        )
    )
    if user is not None and not user.is_superuser:
        editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change", "publish"])
        meetings = meetings.filter(pk__in=editable.values("pk"))
    problems = []
    for meeting in meetings:
        if meeting.date >= today:
            if meeting.papers_due_at <= now:
                if meeting.unpublished_papers:
                    count = meeting.unpublished_papers
                    detail = f"{count} paper{'s' if count != 1 else ''} not published yet"
                else:
                    detail = "no papers published"
                problems.append(
                    Problem(meeting, LATE_PAPERS, meeting.papers_due_on, (today - meeting.papers_due_on).days, detail)
                )
        elif meeting.minutes_due_on < today:
            problems.append(
                Problem(
                    meeting,
                    OVERDUE_MINUTES,
                    meeting.minutes_due_on,
                    (today - meeting.minutes_due_on).days,
                    "none published",
                )
            )
    return sorted(problems, key=lambda problem: (problem.due, problem.meeting.title))
