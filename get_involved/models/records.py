"""The personal data a resident sends, and the records of how it is handled.

Personal data lives in two tables only: SignUp (contact details) and EqualityAnswers (optional equality
monitoring, kept apart and never shown in lists or emails). See docs/data-protection.md.
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
    """How long one partnership's sign-ups are kept. Deleted every day by `manage.py purge_expired_signups`."""

    retention_months = models.PositiveSmallIntegerField(
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="Sign-ups are deleted this many months after they were made (24 in the privacy notice). "
        "If you change it, change the privacy notice too.",
    )

    class Meta:
        verbose_name = "sign-up retention"

    @classmethod
    def for_page(cls, page):
        """The settings of the site that `page` (a reference group) is on."""
        return cls.for_site(page.get_site())

    def retention_period(self):
        """How long a sign-up is kept: the months set here, as days (a month is 30.44 days on average)."""
        return timedelta(days=round(self.retention_months * 30.44))


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


class DataProtectionLog(models.Model):
    """An audit trail of deletions: what happened, when and how many. Never who."""

    class Action(models.TextChoices):
        PURGE = "purge", "Expired sign-ups deleted"
        ERASE = "erase", "Erasure request carried out"
        EXPORT = "export", "Subject access export made"
        DELETE = "delete", "Sign-up deleted by a coordinator"

    action = models.CharField(max_length=10, choices=Action.choices)
    count = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.count} on {self.created_at:%Y-%m-%d}"
