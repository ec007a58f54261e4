"""The personal data a resident sends, and the records of how it is handled.

Personal data lives in three tables only: SignUp (contact details), EqualityAnswers (optional equality
monitoring, kept apart and never shown in lists or emails) and PublicQuestion (a question to a board
meeting, with the asker's contact details). See docs/data-protection.md.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .. import choices
from ..phone_numbers import normalise_phone


@register_setting(icon="time")
class SignUpSettings(BaseSiteSetting):
    """How long one partnership keeps what residents send. Deleted every day by `manage.py
    purge_expired_signups`."""

    retention_months = models.PositiveSmallIntegerField(
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="Sign-ups are deleted this many months after they were made (24 in the privacy notice). "
        "If you change it, change the privacy notice too.",
    )
    question_retention_months = models.PositiveSmallIntegerField(
        "keep questions to board meetings for this many months",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="Then the asker's name and contact details are deleted. A published answer stays on the "
        "meeting's page, as a question from a member of the public. If you change it, change the privacy "
        "notice too.",
    )

    panels = [FieldPanel("retention_months"), FieldPanel("question_retention_months")]

    class Meta:
        verbose_name = "personal data retention"

    @classmethod
    def for_page(cls, page):
        """The settings of the site that `page` (a reference group) is on."""
        return cls.for_site(page.get_site())

    def retention_period(self):
        """How long a sign-up is kept: the months set here, as days (a month is 30.44 days on average)."""
        return timedelta(days=round(self.retention_months * 30.44))

    def question_retention_period(self):
        return timedelta(days=round(self.question_retention_months * 30.44))


class ReferralPartner(models.Model):
    """An organisation that sends people to sign up, e.g. a local Healthwatch. Links carry ?ref=<code>."""

    name = models.CharField(max_length=120, help_text="The organisation's name, as residents know it.")
    code = models.SlugField(
        max_length=60,
        unique=True,
        help_text="Short code for links, e.g. healthwatch-staffordshire. Partners add ?ref=<code> to the "
        "group's address. Do not change it once links are out there.",
    )

    panels = [FieldPanel("name"), FieldPanel("code")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class SignUp(models.Model):
    """A resident's request to join a reference group: contact details only (personal data)."""

    # PROTECT: a group with sign-ups is closed, never deleted, so no sign-up goes without a record of it.
    group = models.ForeignKey("get_involved.ReferenceGroupPage", on_delete=models.PROTECT, related_name="sign_ups")
    created_at = models.DateTimeField("signed up", default=timezone.now, db_index=True)
    expires_at = models.DateTimeField("deleted on", db_index=True, help_text="Deleted automatically after this time.")
    full_name = models.CharField(max_length=choices.NAME_MAX)
    email = models.EmailField(max_length=choices.EMAIL_MAX, blank=True)
    phone = models.CharField(max_length=20, blank=True, help_text="E.164, e.g. +447700900123.")
    postcode = models.CharField(max_length=8)
    take_part = models.JSONField(default=list, help_text="How the person would like to take part.")
    support_needs = models.TextField(max_length=choices.SUPPORT_MAX, blank=True)
    heard_about = models.CharField("how they heard", max_length=choices.HEARD_MAX, blank=True)
    referral = models.ForeignKey(
        ReferralPartner,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sign_ups",
        verbose_name="referred by",
        help_text="The partner whose link (?ref=) the person used, if any.",
    )
    consent_to_contact = models.BooleanField(help_text="The person agreed to be contacted about the group.")
    consent_privacy_notice_url = models.CharField(
        max_length=200, blank=True, help_text="The privacy notice the person was shown when they agreed."
    )
    spool_id = models.UUIDField(
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="Set when the sign-up waited in the spool while the database was down (stored once).",
    )
    possible_duplicate = models.BooleanField(
        default=False,
        help_text="Someone already signed up to this group with the same phone number and another name, "
        "for example two people who share a landline. Check whether it is the same person.",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "sign-up"
        constraints = [
            models.UniqueConstraint(
                fields=["group", "email"], condition=~models.Q(email=""), name="signup_unique_email_per_group"
            ),
            # Without an email, the same name and phone is the same person. A household that shares a
            # landline may sign up twice under different names (flagged as a possible duplicate).
            models.UniqueConstraint(
                Lower("full_name"),
                "group",
                "phone",
                condition=models.Q(email="") & ~models.Q(phone=""),
                name="signup_unique_name_and_phone_per_group",
            ),
        ]

    def __str__(self):
        # Never the name: this string can end up in logs and admin messages.
        return f"Sign-up {self.pk} to {self.group.title if self.group_id else 'a group'}"

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            self.expires_at = expiry_for(self.group, self.created_at)
        super().save(*args, **kwargs)

    def clean(self):
        """For records typed in by coordinators: store email and phone as the public form does."""
        super().clean()
        self.email = (self.email or "").strip().lower()
        if self.phone:
            phone = normalise_phone(self.phone)
            if phone is None:
                raise ValidationError({"phone": "Enter a real phone number, like 01782 123456."})
            self.phone = phone
        if not (self.email or self.phone):
            raise ValidationError({"email": "Enter an email address or a phone number."})

    def _referral_name(self):
        return self.referral.name if self.referral_id else ""

    _referral_name.short_description = "Referred by"
    referral_name = property(_referral_name)

    def _take_part_labels(self):
        labels = dict(choices.TAKE_PART)
        return ", ".join(labels.get(value, value) for value in self.take_part)

    _take_part_labels.short_description = "How they would like to take part"
    take_part_labels = property(_take_part_labels)

    def describe(self):
        """What the data protection commands say of it, without the person's details."""
        return f"sign-up {self.pk} to {self.group.title}, made {self.created_at:%d %B %Y}"

    def as_export(self):
        """Everything stored about this person, for a subject access request."""
        data = {
            "id": self.pk,
            "group": self.group.title,
            "created_at": self.created_at.isoformat(),
            "expires_at": self.expires_at.isoformat(),
            "full_name": self.full_name,
            "email": self.email,
            "phone": self.phone,
            "postcode": self.postcode,
            "take_part": self.take_part,
            "support_needs": self.support_needs,
            "heard_about": self.heard_about,
            "referral": self.referral.name if self.referral_id else None,
            "consent_to_contact": self.consent_to_contact,
            "equality_answers": None,
        }
        answers = getattr(self, "equality_answers", None)  # None when no answers were given
        if answers is not None:
            data["equality_answers"] = answers.as_export()
        return data


def expiry_for(group, now=None):
    """When a sign-up made now to `group` must be deleted: the retention period, or sooner if the group closed."""
    now = now or timezone.now()
    expires = now + SignUpSettings.for_page(group).retention_period()
    if group.closed_on:
        closed_expiry = timezone.make_aware(
            timezone.datetime.combine(group.closed_on + timedelta(days=31), timezone.datetime.min.time())
        )
        expires = min(expires, max(closed_expiry, now))
    return expires


class EqualityAnswers(models.Model):
    """Optional equality monitoring, given under its own consent. Kept in its own table, never listed or emailed.

    Linked to the sign-up only so that it is deleted, exported and erased with it.
    """

    sign_up = models.OneToOneField(SignUp, on_delete=models.CASCADE, related_name="equality_answers")
    consent = models.BooleanField()
    age_band = models.CharField(max_length=20, blank=True, choices=choices.AGE_BANDS)
    ethnic_group = models.CharField(max_length=20, blank=True, choices=choices.ETHNIC_GROUPS)
    disability = models.CharField(max_length=20, blank=True, choices=choices.YES_NO_PREFER)
    sex = models.CharField(max_length=20, blank=True, choices=choices.SEX)
    gender_same_as_birth = models.CharField(max_length=20, blank=True, choices=choices.YES_NO_PREFER)

    class Meta:
        verbose_name = "equality answers"
        verbose_name_plural = "equality answers"
        default_permissions = ()  # nobody sees one person's answers through the admin
        # Counts only, with small numbers hidden (get_involved/equality_summary.py).
        permissions = [("view_equality_summary", "Can view the equality monitoring summary (counts only)")]

    def __str__(self):
        return f"Equality answers {self.pk}"

    def as_export(self):
        return {
            "consent": self.consent,
            "age_band": self.age_band,
            "ethnic_group": self.ethnic_group,
            "disability": self.disability,
            "sex": self.sex,
            "gender_same_as_birth": self.gender_same_as_birth,
        }


class PublicQuestion(models.Model):
    """A resident's question to a board or committee meeting, and the answer staff give (personal data).

    Stored against the meeting's original page: a meeting held in common is shown on a second site as an
    alias, and a question sent there belongs to the meeting all the same."""

    RECEIVED, ANSWERED, NOT_TAKEN = "received", "answered", "not_taken"
    STATUSES = [
        (RECEIVED, "Received, not answered yet"),
        (ANSWERED, "Answered"),
        (NOT_TAKEN, "Not taken (say why in the answer)"),
    ]

    # PROTECT: a meeting with questions is not deleted, so no question goes without a record of it.
    meeting = models.ForeignKey("governance.MeetingPage", on_delete=models.PROTECT, related_name="public_questions")
    created_at = models.DateTimeField("received", default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(
        "details deleted on", db_index=True, help_text="The asker's name and contact details are deleted then."
    )
    late = models.BooleanField(default=False, help_text="It arrived after the deadline for questions to this meeting.")
    full_name = models.CharField(max_length=choices.NAME_MAX, blank=True)
    email = models.EmailField(max_length=choices.EMAIL_MAX, blank=True)
    phone = models.CharField(max_length=20, blank=True, help_text="E.164, e.g. +447700900123.")
    organisation = models.CharField("asking for", max_length=choices.ORGANISATION_MAX, blank=True)
    question = models.TextField(max_length=choices.QUESTION_MAX, help_text="As the person sent it.")
    publish_name = models.BooleanField(
        "name may be shown", default=False, help_text="The person agreed to their name being shown with the question."
    )
    consent_to_contact = models.BooleanField(default=True)
    consent_privacy_notice_url = models.CharField(max_length=200, blank=True)
    spool_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    was_published = False  # as loaded from the database (from_db)

    status = models.CharField(max_length=20, choices=STATUSES, default=RECEIVED)
    question_as_published = models.TextField(
        "question, as shown on the website",
        blank=True,
        max_length=choices.QUESTION_MAX,
        help_text="Leave blank to show it as sent. Edit it only to take out personal details, such as "
        "someone's health, or words we cannot publish.",
    )
    answer = models.TextField(blank=True, help_text="The board's answer, in plain English.")
    answered_on = models.DateField(null=True, blank=True)
    is_published = models.BooleanField(
        "show on the meeting's page",
        default=False,
        help_text="The question and the answer are shown on the meeting's page, with the person's name only "
        "if they agreed.",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "question to a meeting"
        verbose_name_plural = "questions to meetings"

    def __str__(self):
        # Never the name: this string can end up in logs and admin messages.
        return f"Question {self.pk} to {self.meeting.title if self.meeting_id else 'a meeting'}"

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            self.expires_at = question_expiry_for(self.meeting, self.created_at)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.is_published and not self.answer.strip():
            raise ValidationError({"answer": "Write the answer before you show it on the meeting's page."})
        if self.answer.strip() and self.status == self.RECEIVED:
            self.status = self.ANSWERED
        if self.status != self.RECEIVED and not self.answered_on:
            self.answered_on = timezone.localdate()

    @classmethod
    def from_db(cls, db, field_names, values):
        question = super().from_db(db, field_names, values)
        # signals.py asks whether a save changed the meeting's page.
        question.was_published = question.__dict__.get("is_published", False)
        return question

    def question_summary(self):
        """The start of the question, for the admin's list."""
        return self.question if len(self.question) <= 90 else self.question[:88].rstrip() + "…"

    question_summary.short_description = "Question"

    @property
    def shown_question(self):
        return self.question_as_published.strip() or self.question

    @property
    def asked_by(self):
        """Who asked, as the meeting's page says it after "From"."""
        if self.publish_name and self.full_name:
            return f"{self.full_name}, {self.organisation}" if self.organisation else self.full_name
        return "a member of the public"

    def describe(self):
        """What the data protection commands say of it, without the person's details."""
        return f"question {self.pk} to {self.meeting.title}, sent {self.created_at:%d %B %Y}"

    def as_export(self):
        """Everything stored about this person, for a subject access request."""
        return {
            "id": self.pk,
            "meeting": self.meeting.title,
            "received": self.created_at.isoformat(),
            "details_deleted_on": self.expires_at.isoformat(),
            "full_name": self.full_name,
            "email": self.email,
            "phone": self.phone,
            "organisation": self.organisation,
            "question": self.question,
            "name_may_be_shown": self.publish_name,
            "consent_to_contact": self.consent_to_contact,
            "status": self.get_status_display(),
            "answer": self.answer,
            "shown_on_the_website": self.is_published,
        }


def question_expiry_for(meeting, now=None):
    """When the asker's details go: the retention period of the meeting's partnership's site."""
    now = now or timezone.now()
    return now + SignUpSettings.for_page(meeting).question_retention_period()


class DataProtectionLog(models.Model):
    """An audit trail of deletions: what happened, when and how many. Never who."""

    class Action(models.TextChoices):
        PURGE = "purge", "Expired sign-ups deleted"
        ERASE = "erase", "Erasure request carried out"
        EXPORT = "export", "Subject access export made"
        DELETE = "delete", "Sign-up deleted by a coordinator"
        QUESTION_DELETE = "q_delete", "Question deleted by staff"
        QUESTION_PURGE = "q_purge", "Expired questions' personal details deleted"

    action = models.CharField(max_length=10, choices=Action.choices)
    count = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.count} on {self.created_at:%Y-%m-%d}"
