"""Demo consultations from each partnership's consultations.json: the index under Get involved, an open
exercise with a short questionnaire, and closed ones with their outcome ("You said, we did").

Dates are either fixed ("2019-04-12T17:00", for exercises in the past) or weeks from when the index was
first built ({"in_weeks": 6}), so an open exercise is open on the day the demo is made, and a second run
finds the same pages (by slug) and makes nothing twice. An outcome is made once, with its themes; its
first publication sends no email, as the demo has no responses that asked to hear back.
"""

import datetime

from django.utils import timezone

from stp_site.core.demo import common_fields, demo_document, ensure_child, ensure_section
from stp_site.governance.models import MeetingPage

from .models import (
    ConsultationFormat,
    ConsultationIndexPage,
    ConsultationPage,
    OutcomePage,
    OutcomeTheme,
    QuestionnaireField,
)


def load(stdout, partnership):
    data = partnership.fixture("consultations.json")
    get_involved = partnership.page("/get-involved/")
    if data is None or get_involved is None:
        return
    index, _ = ensure_section(get_involved.specific, ConsultationIndexPage, data["index"])
    built_at = index.first_published_at or timezone.now()
    made = 0
    for item in data["exercises"]:
        exercise, created = ensure_child(
            index,
            ConsultationPage,
            item["slug"],
            kind=item.get("kind", ConsultationPage.ENGAGEMENT),
            what_is_decided=item["what_is_decided"],
            who_it_affects=item.get("who_it_affects", ""),
            opens_on=when(item["opens"], built_at),
            closes_on=when(item["closes"], built_at),
            questionnaire_intro=item.get("questionnaire_intro", ""),
            by_phone=item.get("by_phone", ""),
            by_post=item.get("by_post", ""),
            through_healthwatch=item.get("through_healthwatch", ""),
            questions=[question(number, entry) for number, entry in enumerate(item.get("questions", []))],
            formats=[
                ConsultationFormat(
                    sort_order=number,
                    kind=entry["kind"],
                    title=entry["title"],
                    document=demo_document(entry["title"], entry["file"]),
                )
                for number, entry in enumerate(item.get("formats", []))
            ],
            **common_fields(item),
        )
        if created:
            made += 1
            programmes = [partnership.page(f"/our-work/{slug}/") for slug in item.get("programmes", [])]
            exercise.programmes.set([page.specific for page in programmes if page is not None])
            exercise.save_revision().publish()
        if item.get("outcome"):
            made += make_outcome(exercise, item["outcome"], partnership)
    if made:
        stdout.write(f"Created {made} consultation pages.")


def when(value, built_at):
    if isinstance(value, dict):
        start = timezone.localtime(built_at).replace(hour=17, minute=0, second=0, microsecond=0)
        return start + datetime.timedelta(weeks=value["in_weeks"])
    return timezone.make_aware(datetime.datetime.fromisoformat(value))


def question(number, entry):
    return QuestionnaireField(
        sort_order=number,
        label=entry["label"],
        field_type=entry["kind"],
        required=entry.get("required", True),
        choices=entry.get("choices", ""),
        help_text=entry.get("help_text", ""),
    )


def make_outcome(exercise, data, partnership):
    if exercise.get_children().filter(slug=data["slug"]).exists():
        return 0
    meeting = None
    if data.get("decision_meeting") == "latest past board meeting":
        meeting = (
            MeetingPage.objects.in_site(partnership.home.path)
            .live()
            .filter(date__lt=timezone.localdate(), committees__kind="board")
            .order_by("-date")
            .first()
        )
    ensure_child(
        exercise,
        OutcomePage,
        data["slug"],
        people_took_part=data.get("people_took_part"),
        what_we_heard=data.get("what_we_heard", ""),
        what_we_decided=data["what_we_decided"],
        what_changed=data["what_changed"],
        decision_meeting=meeting,
        themes=[
            OutcomeTheme(
                sort_order=number, theme=theme["theme"], people=theme["people"], summary=theme.get("summary", "")
            )
            for number, theme in enumerate(data["themes"])
        ],
        **common_fields(data),
    )
    return 1
