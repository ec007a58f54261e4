"""Consultations and engagement exercises, under Get involved, and what came of them ("You said, we did").

    /get-involved/consultations/                          ConsultationIndexPage: open first, then closed
    /get-involved/consultations/<exercise>/               ConsultationPage: what is being decided, how to take part
    /get-involved/consultations/<exercise>/respond/       the online questionnaire (staff build it in the admin)
    /get-involved/consultations/<exercise>/respond/thank-you/
    /get-involved/consultations/<exercise>/<outcome>/     OutcomePage: what people told us, what we decided

An exercise's status is worked out from its dates and whether its outcome is published, never typed in,
so it cannot say "open" after it closes. The responses (personal data) are ConsultationResponse rows:
docs/consultations.md and docs/data-protection.md.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.forms.models import AbstractFormField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from stp_site.core.blocks import SHORT_TEXT_FEATURES
from stp_site.core.models import BasePage, SectionPage
from stp_site.core.page_urls import local_url
from stp_site.core.view_restrictions import SitePageManager, SitePageQuerySet

from .. import views
from ..panels import OutcomeNeededPanel
from .records import ConsultationResponse

CLOSING_SOON_DAYS = 7

UPCOMING, OPEN, CLOSING_SOON, CLOSED, OUTCOME = "upcoming", "open", "closing_soon", "closed", "outcome"
STATUS_LABELS = {
    UPCOMING: "Opens soon",
    OPEN: "Open",
    CLOSING_SOON: "Closing soon",
    CLOSED: "Closed",
    OUTCOME: "Outcome published",
}
STATUS_COLOURS = {UPCOMING: "grey", OPEN: "green", CLOSING_SOON: "orange", CLOSED: "white", OUTCOME: "blue"}


class ConsultationIndexPage(SectionPage):
    """Consultations and engagement: the exercises open now (closing soon first), then those coming up, then
    those closed, each with its outcome when it is published."""

    template = "pages/consultation_index_page.html"
    max_count_per_parent = 1
    parent_page_types = ["get_involved.GetInvolvedPage"]
    subpage_types = ["consultations.ConsultationPage"]

    class Meta:
        verbose_name = "consultations and engagement"

    def get_context(self, request, *args, **kwargs):
        """Adds `open_now` (open, closing soonest first), `upcoming` and `closed` (most recently closed
        first): lists of ConsultationPage with `status_key` worked out for now."""
        context = super().get_context(request, *args, **kwargs)
        exercises = list(
            ConsultationPage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .with_status_facts()
            .select_related("listing_image")
            .order_by("closes_on", "pk")
        )
        now = timezone.now()
        for exercise in exercises:
            exercise.status_now = exercise.status_on(now)
        context["open_now"] = [e for e in exercises if e.status_now in (OPEN, CLOSING_SOON)]
        context["upcoming"] = [e for e in exercises if e.status_now == UPCOMING]
        context["closed"] = [e for e in exercises if e.status_now in (CLOSED, OUTCOME)][::-1]
        return context


class ConsultationQuerySet(SitePageQuerySet):
    def with_status_facts(self):
        """Each exercise with `has_outcome` (a published outcome page below it) and its outcome's path, in
        the query: lists show status without a query per exercise."""
        outcomes = OutcomePage.objects.filter(
            path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1, live=True
        ).order_by("path")
        return self.annotate(has_outcome=Exists(outcomes), outcome_url_path=outcomes.values("url_path")[:1])


class ConsultationPageManager(SitePageManager.from_queryset(ConsultationQuerySet)):
    pass


class ConsultationPage(RoutablePageMixin, BasePage):
    """One consultation or engagement exercise: what is being decided and why, who it affects, when it is
    open, other formats, events, and the ways to take part, the online questionnaire first."""

    template = "pages/consultation_page.html"
    respond_template = "pages/consultation_respond.html"
    thank_you_template = "pages/consultation_thank_you.html"
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = ["consultations.OutcomePage"]

    CONSULTATION, ENGAGEMENT = "consultation", "engagement"
    KINDS = [(CONSULTATION, "Consultation"), (ENGAGEMENT, "Engagement exercise")]

    kind = models.CharField(max_length=20, choices=KINDS, default=ENGAGEMENT)
    what_is_decided = RichTextField(
        "what we are deciding and why",
        features=SHORT_TEXT_FEATURES,
        help_text="In plain English: the choice, and why now.",
    )
    who_it_affects = RichTextField(features=SHORT_TEXT_FEATURES, blank=True, help_text="Who the decision affects.")
    opens_on = models.DateTimeField(help_text="When people can start to take part.")
    closes_on = models.DateTimeField(
        db_index=True, help_text='When it closes. Closing asks you for its outcome ("You said, we did").'
    )
    programmes = ParentalManyToManyField(
        "programmes.ProgrammePage", blank=True, related_name="consultations", help_text="The programmes it is part of."
    )
    questionnaire_intro = RichTextField(
        features=SHORT_TEXT_FEATURES,
        blank=True,
        help_text="Shown above the online questionnaire, e.g. how long it takes. Leave the questions empty to "
        "have no online questionnaire.",
    )
    by_phone = RichTextField("take part by phone", features=SHORT_TEXT_FEATURES, blank=True)
    by_post = RichTextField(
        "take part by post",
        features=SHORT_TEXT_FEATURES,
        blank=True,
        help_text="The address, and whether it needs a stamp.",
    )
    through_healthwatch = RichTextField(
        "take part through Healthwatch",
        features=SHORT_TEXT_FEATURES,
        blank=True,
        help_text="How local Healthwatch can help people take part.",
    )

    content_panels = BasePage.content_panels + [
        OutcomeNeededPanel(),
        FieldPanel("kind"),
        FieldPanel("what_is_decided"),
        FieldPanel("who_it_affects"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")], heading="When it is open"),
        FieldPanel("programmes"),
        InlinePanel("formats", heading="Easy read and other formats", label="document"),
        MultiFieldPanel(
            [FieldPanel("questionnaire_intro"), InlinePanel("questions", label="question")],
            heading="The online questionnaire",
        ),
        MultiFieldPanel(
            [FieldPanel("by_phone"), FieldPanel("by_post"), FieldPanel("through_healthwatch")],
            heading="Other ways to take part",
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("what_is_decided"),
        index.SearchField("who_it_affects"),
    ]

    objects = ConsultationPageManager()

    class Meta:
        verbose_name = "consultation or engagement exercise"

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on <= self.opens_on:
            raise ValidationError({"closes_on": "The closing date must be after the opening date."})

    # --- Status --------------------------------------------------------------------------------------

    def _has_outcome(self):
        if not hasattr(self, "has_outcome"):  # not fetched with_status_facts()
            self.has_outcome = bool(self.pk) and OutcomePage.objects.child_of(self).live().exists()
        return self.has_outcome

    def status_on(self, now=None):
        """upcoming, open, closing_soon (within 7 days of closing), closed or outcome (published)."""
        now = now or timezone.now()
        if self.closes_on <= now:
            return OUTCOME if self._has_outcome() else CLOSED
        if now < self.opens_on:
            return UPCOMING
        return CLOSING_SOON if self.closes_on - now <= datetime.timedelta(days=CLOSING_SOON_DAYS) else OPEN

    @property
    def status_key(self):
        return getattr(self, "status_now", None) or self.status_on()

    @property
    def status_label(self):
        return STATUS_LABELS[self.status_key]

    @property
    def status_colour(self):
        return STATUS_COLOURS[self.status_key]

    def is_open(self, now=None):
        return self.status_on(now) in (OPEN, CLOSING_SOON)

    @property
    def has_questionnaire(self):
        return bool(self.questionnaire_fields())

    def questionnaire_fields(self):
        """The questions, in order (read once per page object)."""
        if not hasattr(self, "_questions"):
            self._questions = list(self.questions.all())
        return self._questions

    def question_definitions(self):
        """The questions as plain data, kept with the form's address so the answers can be checked while
        the database is down (views.outage_form)."""
        return [
            {name: getattr(field, name) for name in QUESTION_ATTRIBUTES}
            | {"clean_name": field.clean_name or field.get_field_clean_name()}
            for field in self.questionnaire_fields()
        ]

    def outcome(self):
        """The published outcome page, or None."""
        return OutcomePage.objects.child_of(self).live().public().first() if self._has_outcome() else None

    published_outcome = outcome  # what the involvement record links to (stp_site/involvement_record)

    def get_context(self, request, *args, **kwargs):
        """Adds `outcome` (the published outcome page or None), `live_programmes` and `formats` (each with its
        document). Its events are the events pages that name it (their "linked consultation"), listed by the
        events app's `consultation_events` tag: consultations imports no events code."""
        context = super().get_context(request, *args, **kwargs)
        context["outcome"] = self.outcome()
        context["live_programmes"] = [programme for programme in self.programmes.all() if programme.live]
        context["formats"] = list(self.formats.select_related("document"))
        return context

    @property
    def respond_url(self):
        return local_url(self) + self.reverse_subpage("respond") if self.pk else ""

    @path("respond/", name="respond")
    def respond(self, request):
        return views.respond(request, self)

    @path("respond/thank-you/", name="respond_thank_you")
    def respond_thank_you(self, request):
        return views.thank_you(request, self)


QUESTION_ATTRIBUTES = ["label", "field_type", "required", "choices", "default_value", "help_text"]


class QuestionnaireField(AbstractFormField):
    """One question of an exercise's online questionnaire, of one of the NHS.UK form kinds."""

    KINDS = [
        ("singleline", "Short answer (one line)"),
        ("multiline", "Long answer (a paragraph)"),
        ("email", "Email address"),
        ("number", "Number"),
        ("radio", "Choose one (radios)"),
        ("checkboxes", "Choose any (checkboxes)"),
        ("dropdown", "Choose one from a list (drop down)"),
        ("date", "Date"),
    ]
    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="questions")
    field_type = models.CharField("kind of answer", max_length=16, choices=KINDS)

    panels = [
        FieldPanel("label", heading="Question"),
        FieldPanel("help_text", heading="Hint"),
        FieldPanel("field_type"),
        FieldPanel("required"),
        FieldPanel("choices"),
    ]

    def clean(self):
        super().clean()
        if self.field_type in ("radio", "checkboxes", "dropdown") and not self.choices.strip():
            raise ValidationError({"choices": "Give the answers people can choose, one a line."})


class ConsultationFormat(Orderable):
    """The exercise's documents: the full document, easy read and other formats."""

    FORMATS = [
        ("full", "Full document"),
        ("summary", "Summary"),
        ("easy_read", "Easy read"),
        ("large_print", "Large print"),
        ("bsl", "British Sign Language (BSL) video"),
        ("audio", "Audio"),
        ("translation", "Another language"),
    ]
    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="formats")
    kind = models.CharField(max_length=20, choices=FORMATS, default="full")
    title = models.CharField(max_length=200, blank=True, help_text="Leave blank to use the document's title.")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("kind"), FieldPanel("title"), FieldPanel("document")]


class OutcomePage(BasePage):
    """ "You said, we did": what people told us, with numbers, what was decided and what changed because of it."""

    template = "pages/outcome_page.html"
    max_count_per_parent = 1
    parent_page_types = ["consultations.ConsultationPage"]
    subpage_types = []

    what_we_heard = RichTextField(
        features=SHORT_TEXT_FEATURES, blank=True, help_text="An overview of what people told us."
    )
    what_we_decided = RichTextField(features=SHORT_TEXT_FEATURES)
    what_changed = RichTextField("what changed because of what people said", features=SHORT_TEXT_FEATURES)
    decision_meeting = models.ForeignKey(
        "governance.MeetingPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The board meeting that made the decision, if there was one.",
    )
    people_took_part = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="How many people took part in every way (events, phone, post). Leave blank to show the number "
        "of responses we hold.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("people_took_part"),
        FieldPanel("what_we_heard"),
        InlinePanel("themes", heading="What people told us", label="theme", min_num=1),
        FieldPanel("what_we_decided"),
        FieldPanel("what_changed"),
        PageChooserPanel("decision_meeting"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("what_we_decided"), index.SearchField("what_changed")]

    class Meta:
        verbose_name = "outcome (you said, we did)"

    def get_context(self, request, *args, **kwargs):
        """Adds `exercise` (the consultation page), `themes`, `response_count` and `decision_meeting` (live,
        or None)."""
        context = super().get_context(request, *args, **kwargs)
        exercise = ConsultationPage.objects.filter(pk=self.get_parent().pk).first() if self.pk else None
        context["exercise"] = exercise
        context["themes"] = list(self.themes.all())
        context["response_count"] = (
            self.people_took_part
            if self.people_took_part is not None
            else (ConsultationResponse.objects.filter(consultation=exercise).count() if exercise else 0)
        )
        meeting = self.decision_meeting
        context["decision_meeting"] = meeting if meeting is not None and meeting.live else None
        return context


class OutcomeTheme(Orderable):
    page = ParentalKey(OutcomePage, on_delete=models.CASCADE, related_name="themes")
    theme = models.CharField(max_length=200, help_text="For example 'Care closer to home'.")
    people = models.PositiveIntegerField("number of people", help_text="How many people said this.")
    summary = models.TextField(blank=True, max_length=1000, help_text="What they said, in a sentence or two.")

    panels = [FieldRowPanel([FieldPanel("theme"), FieldPanel("people")]), FieldPanel("summary")]
