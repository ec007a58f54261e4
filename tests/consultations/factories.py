"""Consultations: the index, exercises (with a questionnaire), outcomes and responses."""

import datetime

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone

from stp_site.consultations.models import (
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationResponse,
    OutcomePage,
    OutcomeTheme,
    QuestionnaireField,
)
from tests.factories import PageFactory

DAY = datetime.timedelta(days=1)


class ConsultationIndexPageFactory(PageFactory):
    class Meta:
        model = ConsultationIndexPage

    title = "Consultations and engagement"
    slug = "consultations"


class ConsultationPageFactory(PageFactory):
    """An exercise open now, for another four weeks (pass opens_on/closes_on for others)."""

    class Meta:
        model = ConsultationPage

    title = factory.Sequence(lambda number: f"Exercise {number}")
    what_is_decided = "<p>Where to put a new clinic.</p>"
    who_it_affects = "<p>Everyone in Leek.</p>"
    opens_on = factory.LazyFunction(lambda: timezone.now() - 7 * DAY)
    closes_on = factory.LazyFunction(lambda: timezone.now() + 28 * DAY)
    by_phone = "<p>Call 0800 051 8371.</p>"


QUESTIONS = [
    ("What matters most to you?", "multiline", True, ""),
    ("Which town do you live in?", "radio", True, "Leek\nStafford\nStoke-on-Trent"),
    ("Which services have you used?", "checkboxes", False, "GP\nPharmacy\nA and E"),
    ("How far would you travel, in miles?", "number", False, ""),
    ("Your age group", "dropdown", False, "Under 18\n18 to 64\n65 or over"),
    ("When did you last see a GP?", "date", False, ""),
    ("Your postcode area", "singleline", False, ""),
    ("Another email for a friend", "email", False, ""),
]


def with_questionnaire(page, questions=QUESTIONS):
    """Give `page` these questions (label, kind, required, choices) and publish it."""
    for order, (label, kind, required, choices) in enumerate(questions):
        page.questions.add(
            QuestionnaireField(sort_order=order, label=label, field_type=kind, required=required, choices=choices)
        )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class OutcomePageFactory(PageFactory):
    class Meta:
        model = OutcomePage

    title = "You said, we did"
    slug = "you-said-we-did"
    what_we_heard = "<p>Many people wrote to us.</p>"
    what_we_decided = "<p>The clinic will be in the town centre.</p>"
    what_changed = "<p>It opens on Saturdays too.</p>"


def add_themes(outcome, *themes):
    for order, (theme, people) in enumerate(themes):
        outcome.themes.add(OutcomeTheme(sort_order=order, theme=theme, people=people))
    outcome.save_revision().publish()
    outcome.refresh_from_db()
    return outcome


class ResponseFactory(DjangoModelFactory):
    class Meta:
        model = ConsultationResponse

    consultation = None  # required
    answers = factory.LazyFunction(lambda: {"what_matters_most_to_you": "Being seen quickly"})
    labels = factory.LazyFunction(lambda: {"what_matters_most_to_you": "What matters most to you?"})
