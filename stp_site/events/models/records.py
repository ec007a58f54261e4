"""The bookings residents make for events (personal data), and how each partnership handles them.

EventBooking holds a resident's name, contact details and access needs: see docs/events.md. Apart from the
pages (pages.py), so that the booking service (bookings.py) can use the records while the pages use the
service's views.
"""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from get_involved import choices
from get_involved.models import ReferralPartner
from stp_site.core.content_version import cached

PEOPLE_MAX = 5  # how many people one booking can be for
ACCESS_NEEDS_MAX = 1000


@register_setting(icon="date")
class EventSettings(BaseSiteSetting):
    """How one partnership handles bookings for its events."""

    booking_retention_days = models.PositiveSmallIntegerField(
        "delete bookings this many days after the event",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="Names, contact details and access needs are deleted then (`manage.py "
        "purge_expired_signups`, every day). If you change it, change the privacy notice too.",
    )
    booking_emails = models.TextField(
        "email addresses to tell about new bookings",
        blank=True,
        max_length=2000,
        help_text="One a line, for example the engagement team's inbox. The email has no personal details, "
        "just a link to the booking in the admin.",
    )

    panels = [FieldPanel("booking_retention_days"), FieldPanel("booking_emails")]

    class Meta:
        verbose_name = "event bookings"

    def notification_addresses(self):
        return sorted({line.strip() for line in self.booking_emails.splitlines() if "@" in line})

    def retention_period(self):
        return datetime.timedelta(days=self.booking_retention_days)

    @classmethod
    def for_site_root(cls, site_root_path):
        """The settings of the site whose home page is at `site_root_path`, read once per content version.
        Never writes: a site with none yet gets the defaults."""
        return cached(
            f"event_settings:{site_root_path}",
            lambda: cls.objects.filter(site__root_page__path=site_root_path).first() or cls(),
        )


class EventBooking(models.Model):
    """A resident saying they are coming to an event, with any access needs (personal data). Deleted a set
    number of days after the event (EventSettings)."""

    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="bookings")
    created_at = models.DateTimeField("booked", default=timezone.now, db_index=True)
    expires_at = models.DateTimeField("deleted on", db_index=True, help_text="Deleted automatically after this time.")
    full_name = models.CharField(max_length=choices.NAME_MAX)
    email = models.EmailField(max_length=choices.EMAIL_MAX, blank=True)
    phone = models.CharField(max_length=20, blank=True, help_text="E.164, e.g. +447700900123.")
    people = models.PositiveSmallIntegerField(
        "how many people", default=1, validators=[MinValueValidator(1), MaxValueValidator(PEOPLE_MAX)]
    )
    access_needs = models.TextField(max_length=ACCESS_NEEDS_MAX, blank=True)
    referral = models.ForeignKey(
        ReferralPartner,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_bookings",
        verbose_name="referred by",
    )
    consent_to_contact = models.BooleanField(help_text="The person agreed to be contacted about the event.")
    consent_privacy_notice_url = models.CharField(max_length=200, blank=True)
    spool_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["created_at"]
        verbose_name = "event booking"

    def __str__(self):
        # Never the name: this string can end up in logs and admin messages.
        return f"Booking {self.pk} for {self.event.title if self.event_id else 'an event'}"

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            self.expires_at = booking_expiry_for(self.event)
        super().save(*args, **kwargs)

    def _referral_name(self):
        return self.referral.name if self.referral_id else ""

    _referral_name.short_description = "Referred by"
    referral_name = property(_referral_name)

    @property
    def has_access_needs(self):
        return "Yes" if self.access_needs.strip() else ""

    def as_export(self):
        """Everything stored about this person, for a subject access request."""
        return {
            "id": self.pk,
            "event": self.event.title,
            "event_starts": self.event.starts_at.isoformat(),
            "booked": self.created_at.isoformat(),
            "deleted_on": self.expires_at.isoformat(),
            "full_name": self.full_name,
            "email": self.email,
            "phone": self.phone,
            "people": self.people,
            "access_needs": self.access_needs,
            "referral": self._referral_name() or None,
            "consent_to_contact": self.consent_to_contact,
        }

    def describe(self):
        """For the data protection commands' output: no personal details."""
        return f"event booking {self.pk} for {self.event.title}, made {self.created_at:%-d %B %Y}"


def booking_expiry_for(event):
    """When a booking for `event` is deleted: the partnership's set number of days after the event ends."""
    return event.ends_at + EventSettings.for_site_root(event.site_root_path).retention_period()
