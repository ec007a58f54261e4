"""`{% open_consultations for_page=page %}`: the exercises open now (closing soonest first), on Get involved
(every open exercise of the page's site) and on a programme's page (those it is part of), each with its
status and closing date (templates/components/consultation_list.html, as on the index). Get involved and
programmes name this tag in their templates and never import the consultations app. One query for the
list, and one more for the link to the index when there is anything to show.

`{% outcomes_decided_at meeting %}`: on a board meeting's page, the "You said, we did" pages whose decision
that meeting made, so the decision links back to what people told us (one query)."""

from django import template
from django.utils import timezone

from stp_site.consultations.models import ConsultationPage, OutcomePage

register = template.Library()


@register.inclusion_tag("consultations/open_consultations.html")
def open_consultations(for_page, heading_level=2):
    page = getattr(for_page, "specific", for_page)
    now = timezone.now()
    exercises = (
        ConsultationPage.objects.in_site(page.site_root_path)
        .live()
        .public()
        .defer_streamfields()
        .filter(opens_on__lte=now, closes_on__gt=now)
        .order_by("closes_on", "pk")
    )
    for_programme = page._meta.label == "programmes.ProgrammePage"
    if for_programme:
        exercises = exercises.filter(programmes=page.alias_of_id or page.pk)
    exercises = list(exercises)
    for exercise in exercises:
        exercise.status_now = exercise.status_on(now)
    return {
        "exercises": exercises,
        "index": exercises[0].get_parent() if exercises else None,  # every exercise sits under the index
        "heading_level": heading_level,
        "for_programme": for_programme,
    }


@register.inclusion_tag("consultations/outcomes_decided_at.html")
def outcomes_decided_at(meeting):
    outcomes = (
        OutcomePage.objects.live()
        .public()
        .filter(decision_meeting=meeting.alias_of_id or meeting.pk)
        .order_by("-first_published_at")
    )
    return {"outcomes": list(outcomes)}
