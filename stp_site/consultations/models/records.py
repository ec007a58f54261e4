"""The responses residents send to an exercise (personal data), and how long a partnership keeps them.

Apart from the pages, so that the service storing responses (responses.py) can use them while the pages
use the views that call the service."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from get_involved import choices as get_involved_choices


@register_setting(icon="time")
class ConsultationSettings(BaseSiteSetting):
    """How long one partnership keeps the responses to its consultations."""

    retention_months = models.PositiveSmallIntegerField(
        "keep responses for this many months after an exercise closes",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="Then the responder's name, contact details and answers are deleted; how many people took "
        "part, and how, is kept. If you change it, change the privacy notice too.",
    )

    panels = [FieldPanel("retention_months")]

    class Meta:
        verbose_name = "consultation responses"

    def retention_period(self):
        return datetime.timedelta(days=round(self.retention_months * 30.44))


class ConsultationResponse(models.Model):
    """One person's response to an exercise (personal data): online through the questionnaire, or added by
    staff when it came by phone, post, through Healthwatch or at an event."""

    ONLINE, PHONE, POST, HEALTHWATCH, EVENT = "online", "phone", "post", "healthwatch", "event"
    ROUTES = [
        (ONLINE, "Online questionnaire"),
        (PHONE, "By phone"),
        (POST, "By post"),
        (HEALTHWATCH, "Through Healthwatch"),
        (EVENT, "At an event"),
    ]

    # PROTECT: an exercise with responses is unpublished, never deleted, so no response goes unrecorded.
    consultation = models.ForeignKey(
        "consultations.ConsultationPage", on_delete=models.PROTECT, related_name="responses"
    )
    created_at = models.DateTimeField("received", default=timezone.now, db_index=True)
    expires_at = models.DateTimeField("details deleted on", db_index=True, blank=True)
    route = models.CharField("how it came", max_length=20, choices=ROUTES, default=ONLINE)
    answers = models.JSONField(default=dict, blank=True, help_text="Each answer by the question's name.")
    labels = models.JSONField(default=dict, blank=True, help_text="Each question as it was asked.")
    summary = models.TextField(
        "what they told us",
        blank=True,
        max_length=5000,
        help_text="For a response by phone, by post, through Healthwatch or at an event.",
    )
    full_name = models.CharField(max_length=get_involved_choices.NAME_MAX, blank=True)
    email = models.EmailField(max_length=get_involved_choices.EMAIL_MAX, blank=True)
    phone = models.CharField(max_length=20, blank=True, help_text="E.164, e.g. +447700900123.")
    hear_back = models.BooleanField(
        "tell them what happens", default=False, help_text="Email them once when the outcome is published."
    )
    outcome_emailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    referral = models.ForeignKey(
        "get_involved.ReferralPartner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_responses",
        verbose_name="referred by",
    )
    consent = models.BooleanField(default=True, help_text="They agreed to us using their answers for this exercise.")
    consent_privacy_notice_url = models.CharField(max_length=200, blank=True)
    spool_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    details_deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "consultation response"

    def __str__(self):
        # Never the name: this string can end up in logs and admin messages.
        return f"Response {self.pk} to {self.consultation.title if self.consultation_id else 'an exercise'}"

    def save(self, *args, **kwargs):
        if not self.expires_at:
            self.expires_at = response_expiry_for(self.consultation)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.email = (self.email or "").strip().lower()
        if self.hear_back and not self.email:
            raise ValidationError({"email": "Enter their email address to tell them what happens."})

    def answer_rows(self):
        """[(question as asked, answer as text)] in the order asked."""
        return [(self.labels.get(name, name), answer_text(value)) for name, value in self.answers.items()]

    def answers_text(self):
        return "\n".join(f"{question}: {answer}" for question, answer in self.answer_rows()) or "(none)"

    answers_text.short_description = "Answers"

    @property
    def referral_name(self):
        return self.referral.name if self.referral_id else ""

    def describe(self):
        return f"consultation response {self.pk} to {self.consultation.title}, made {self.created_at:%-d %B %Y}"

    def as_export(self):
        return {
            "id": self.pk,
            "consultation": self.consultation.title,
            "received": self.created_at.isoformat(),
            "details_deleted_on": self.expires_at.isoformat(),
            "how_it_came": self.get_route_display(),
            "answers": {self.labels.get(name, name): value for name, value in self.answers.items()},
            "what_they_told_us": self.summary,
            "full_name": self.full_name,
            "email": self.email,
            "phone": self.phone,
            "tell_me_what_happens": self.hear_back,
            "referral": self.referral.name if self.referral_id else None,
            "consent": self.consent,
        }


def answer_text(value):
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


def response_expiry_for(consultation):
    """When a response's details go: the site's retention period after the exercise closes."""
    retention = ConsultationSettings.for_site(consultation.get_site()).retention_period()
    return max(consultation.closes_on, timezone.now()) + retention
