"""What staff see of the feedback: counts per page, the least useful pages first, and a page's comments.

Each person sees the feedback of the pages they may edit or publish (every page for a superuser), so a
partnership's staff see their own site's pages and no other's, as the other page reports do."""

from django.db.models import Case, Count, F, FloatField, IntegerField, Q, Value, When
from django.db.models.functions import Cast, Round

from stp_site.core.site_permissions import pages_staff_may_edit

from .models import PageFeedback

LEAST_USEFUL = "least_useful"
MOST_VOTES = "most_votes"


def feedback_for(user):
    """The feedback rows on the pages `user` may edit."""
    feedback = PageFeedback.objects.all()
    if not user.is_superuser:
        feedback = feedback.filter(page__in=pages_staff_may_edit(user).values("pk"))
    return feedback


def counts_by_page(feedback, order=LEAST_USEFUL, min_votes=5):
    """One row per page: page_id, page__title, page__url_path, yes, no, votes, percent_useful (0 to 100, whole
    numbers) and comments. Least useful first: pages with at least `min_votes` votes by their share of
    "yes", lowest first, then the others; or most votes first."""
    rows = (
        feedback.order_by()
        .values("page_id", "page__title", "page__url_path")
        .annotate(
            yes=Count("pk", filter=Q(useful=True)),
            no=Count("pk", filter=Q(useful=False)),
            votes=Count("pk"),
            comments=Count("pk", filter=~Q(comment="")),
        )
        .annotate(
            percent_useful=Cast(Round(Cast(F("yes"), FloatField()) * 100.0 / F("votes")), IntegerField()),
            enough_votes=Case(When(votes__gte=min_votes, then=Value(0)), default=Value(1)),
        )
    )
    if order == MOST_VOTES:
        return rows.order_by("-votes", "percent_useful", "page__title", "page_id")
    return rows.order_by("enough_votes", "percent_useful", "-votes", "page__title", "page_id")


def comments_on(page, feedback):
    """The comments on `page` among `feedback`, newest first."""
    return feedback.filter(page=page).exclude(comment="").order_by("-created_at", "-pk")
