"""Email updates: the "Get email updates" page, the people who asked for updates, and a row for each
update sent to each of them (so nobody is sent the same news twice, whatever runs twice).

A subscriber is personal data (an email address and what they are interested in), kept with the
sign-ups' care (docs/data-protection.md, docs/email-updates.md): pending until the address's owner
confirms it, deleted 7 days later if they never do, and deleted at once when they unsubscribe.
"""

import secrets

from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from stp_site.core.blocks import SHORT_TEXT_FEATURES
from stp_site.core.models import BasePage

EMAIL_MAX = 254
ALL_NEWS, CONSULTATIONS = "all_news", "consultations"
PROGRAMME_PREFIX = "programme-"


def new_key():
    return secrets.token_urlsafe(24)


class EmailUpdatesPage(RoutablePageMixin, BasePage):
    """The "Get email updates" form: an email address and what to hear about. One per partnership's site."""

    template = "pages/email_updates_page.html"
    page_feedback = False  # its address is a form (as a reference group's is)
    parent_page_types = ["home.HomePage", "get_involved.GetInvolvedPage"]
    subpage_types = []

    intro = RichTextField(
        features=SHORT_TEXT_FEATURES,
        blank=True,
        help_text="A few plain sentences above the form: what we send and how often.",
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "email updates page"

    @classmethod
    def can_create_at(cls, parent):
        """One per site: under its home page or its Get involved page, not both."""
        if not super().can_create_at(parent):
            return False
        site_root = parent.get_ancestors(inclusive=True).filter(depth=2).first()
        return site_root is None or not cls.objects.descendant_of(site_root, inclusive=True).exists()

    @path("", name="subscribe")
    def subscribe(self, request):
        from . import views

        return views.subscribe(request, self)

    @path("check-your-email/", name="check_email")
    def check_email(self, request):
        from . import views

        return views.check_email(request, self)


class Subscriber(models.Model):
    """One email address on one partnership's site, and what its owner asked to hear about."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Confirmed"

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(max_length=EMAIL_MAX)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    all_news = models.BooleanField(default=False)
    consultations = models.BooleanField(default=False)
    programmes = models.ManyToManyField("programmes.ProgrammePage", blank=True, related_name="+")
    # In the unsubscribe and "manage your choices" links: random, never derived from the address.
    key = models.CharField(max_length=64, unique=True, default=new_key)
    # In the confirmation link (signed with its time, so it expires); emptied once it is used.
    confirm_nonce = models.CharField(max_length=64, blank=True, default=new_key)
    consent_privacy_notice_url = models.CharField(max_length=500, blank=True)
    referral = models.ForeignKey(
        "get_involved.ReferralPartner", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The spool entry this was replayed from (get_involved/spool.py): stored once, however often replayed.
    spool_id = models.UUIDField(null=True, blank=True, unique=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "email"], name="email_updates_one_per_site")]
        permissions = [("export_subscriber", "Can export the addresses of email update subscribers")]

    def __str__(self):
        return f"Subscriber {self.pk}"

    def topics(self):
        """The form's choices this subscriber holds ("all_news", "consultations", "programme-<id>")."""
        chosen = [ALL_NEWS] if self.all_news else []
        chosen += [CONSULTATIONS] if self.consultations else []
        return chosen + [f"{PROGRAMME_PREFIX}{pk}" for pk in self.programmes.values_list("pk", flat=True)]

    def set_topics(self, topics):
        self.all_news = ALL_NEWS in topics
        self.consultations = CONSULTATIONS in topics
        self.save(update_fields=["all_news", "consultations"])
        ids = [int(topic[len(PROGRAMME_PREFIX) :]) for topic in topics if topic.startswith(PROGRAMME_PREFIX)]
        self.programmes.set(ids)

    def as_export(self):
        return {
            "kind": "email updates subscription",
            "email": self.email,
            "site": self.site.site_name or self.site.hostname,
            "status": self.get_status_display(),
            "all_news": self.all_news,
            "new_consultations": self.consultations,
            "programmes": [programme.title for programme in self.programmes.all()],
            "subscribed_at": self.created_at.isoformat(),
            "confirmed_at": self.confirmed_at.isoformat() if self.confirmed_at else None,
            "privacy_notice_url": self.consent_privacy_notice_url,
            "referral": self.referral.name if self.referral else None,
            "updates_sent": self.sent_updates.count(),
        }

    def describe(self):
        return f"email updates subscription {self.pk}, made {self.created_at:%-d %B %Y}"


class SentUpdate(models.Model):
    """One update (a news item, a consultation opening) sent to one subscriber: at most once, ever."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="sent_updates")
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    # Which run of the task claimed it (a random id): the rows a run inserted are the emails it sends.
    claimed_by = models.CharField(max_length=32, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscriber", "page"], name="email_updates_sent_once")]

    def __str__(self):
        return f"Page {self.page_id} sent to subscriber {self.subscriber_id}"


class DueUpdate(models.Model):
    """A consultation that opens later: its update is sent when it opens (`manage.py send_due_updates`)."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="+")
    due_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"Page {self.page_id} due at {self.due_at:%Y-%m-%d %H:%M}"
