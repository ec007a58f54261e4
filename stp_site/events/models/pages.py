"""Public events and drop-ins, under Get involved: the pages.

    /get-involved/events/                     EventIndexPage: upcoming events, then past ones by year (?year=)
    /get-involved/events/calendar.ics         the upcoming events, as a calendar feed
    /get-involved/events/<event>/             EventPage: when, where (with access information) or online
    /get-involved/events/<event>/calendar.ics the event, for a calendar
    /get-involved/events/<event>/book/        "Say you are coming" (views.py): a stable address to link to
    /get-involved/events/<event>/book/thank-you/

An event's status is worked out from the facts (the time now, its bookings) and the one thing staff say:
that it is cancelled. The bookings residents make are in records.py (personal data: see docs/events.md).
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from stp_site.core.blocks import SHORT_TEXT_FEATURES
from stp_site.core.content_version import cached
from stp_site.core.models import BasePage, SectionPage
from stp_site.core.page_urls import local_url
from stp_site.core.places import PlaceFields
from stp_site.core.times import clock, website_name
from stp_site.core.view_restrictions import SitePageManager, SitePageQuerySet

from .. import views
from ..calendar import event_file, events_feed
from .records import EventBooking, EventSettings

CALENDAR_PAST_DAYS = 31  # the feed keeps last month's events, so subscribed calendars keep them too


class EventIndexPage(SectionPage):
    """'Events': upcoming events and drop-ins first, then past ones a year at a time (?year=2025)."""

    template = "pages/event_index_page.html"
    max_count_per_parent = 1  # one per get involved section, so one per partnership's site
    parent_page_types = ["get_involved.GetInvolvedPage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = "events page"

    def events(self):
        """Every published event listed here, soonest first, with how many places are booked (read at each
        request: bookings change without a publish)."""
        return list(
            EventPage.objects.child_of(self).live().public().defer_streamfields().with_booked().order_by("starts_at")
        )

    def get_context(self, request, *args, **kwargs):
        """Adds `upcoming` (soonest first, with those happening now), `years` (years with past events,
        newest first), `year` (the one shown), `year_wanted` (what ?year= asked for), `past` (that year's
        events, newest first) and `calendar_url`."""
        context = super().get_context(request, *args, **kwargs)
        events = self.events()
        now = timezone.now()
        past = [event for event in events if event.ends_at <= now]
        years = sorted({event.local_start.year for event in past}, reverse=True)
        wanted = (request.GET.get("year") or "").strip()[:10]
        year = int(wanted) if wanted.isdigit() and int(wanted) in years else None
        if year is None and not wanted and years:
            year = years[0]
        context.update(
            upcoming=[event for event in events if event.ends_at > now],
            years=years,
            year=year,
            year_wanted=wanted,
            past=[event for event in reversed(past) if event.local_start.year == year],
            calendar_url=self.calendar_url(),
        )
        return context

    def calendar_url(self):
        return local_url(self) + "calendar.ics"

    def calendar_file(self, request):
        since = timezone.now() - datetime.timedelta(days=CALENDAR_PAST_DAYS)
        return events_feed([event for event in self.events() if event.ends_at >= since], request), None


class EventQuerySet(SitePageQuerySet):
    def with_booked(self):
        """Each event with `booked`: how many people have said they are coming (one query for the list)."""
        booked = (
            EventBooking.objects.filter(event=OuterRef("pk"))
            .order_by()
            .values("event")
            .annotate(total=Sum("people"))
            .values("total")
        )
        return self.annotate(booked=Coalesce(Subquery(booked), 0))

    def upcoming(self, now=None):
        """Going ahead and not over yet, soonest first."""
        return self.filter(ends_at__gt=now or timezone.now(), status=EventPage.GOING_AHEAD).order_by("starts_at")


class EventPageManager(SitePageManager.from_queryset(EventQuerySet)):
    pass


class EventPage(RoutablePageMixin, PlaceFields, BasePage):
    """One public event or drop-in: when, where (with access information) or online, what to expect, who
    it is for, who runs it, and a way to say you are coming."""

    template = "pages/event_page.html"
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    GOING_AHEAD, CANCELLED = "going_ahead", "cancelled"
    STATUSES = [(GOING_AHEAD, "Going ahead"), (CANCELLED, "Cancelled")]
    IN_PERSON, ONLINE, BOTH = "in_person", "online", "both"
    ATTENDANCE = [(IN_PERSON, "In person"), (ONLINE, "Online only"), (BOTH, "In person, or join online")]

    starts_at = models.DateTimeField("starts", db_index=True, help_text="On the clock in England.")
    ends_at = models.DateTimeField("ends", db_index=True, help_text="When it is expected to finish.")
    attendance = models.CharField(max_length=20, choices=ATTENDANCE, default=IN_PERSON, verbose_name="how to attend")
    # venue, venue_address, access_information: PlaceFields (stp_site/core/places.py)
    online_url = models.URLField(
        blank=True,
        verbose_name="online link",
        help_text="Where to join, for example a Microsoft Teams link. Residents see a link: nothing from that "
        "website loads on our page.",
    )
    online_instructions = models.TextField(
        "how to join online",
        blank=True,
        help_text="For example: 'You do not need an account. Use a phone or computer.'",
    )
    what_to_expect = RichTextField(
        features=SHORT_TEXT_FEATURES, blank=True, help_text="What happens at the event, and what to bring."
    )
    who_for = models.TextField("who it is for", blank=True, help_text="For example: 'Anyone who lives in Stafford.'")
    hosts = ParentalManyToManyField(
        "partners.PartnerPage",
        blank=True,
        related_name="events",
        verbose_name="run with",
        help_text="Partners who host or run it with us, such as the local Healthwatch.",
    )
    other_hosts = models.CharField(
        "also run with", max_length=200, blank=True, help_text="Any other organisations, if they have no partner page."
    )
    programmes = ParentalManyToManyField(
        "programmes.ProgrammePage",
        blank=True,
        related_name="events",
        help_text="The programmes it belongs to: their pages list it while it is upcoming.",
    )
    consultation = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="linked consultation",
        help_text="Optional: the consultation or engagement exercise this event is part of.",
    )
    takes_bookings = models.BooleanField(
        "residents say they are coming", default=True, help_text="Show the 'Say you are coming' form."
    )
    places = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="How many people can come. Leave blank for no limit.",
    )
    full_message = models.TextField(
        "when it is full",
        blank=True,
        help_text="What to say when every place is taken, for example how to join the waiting list. Leave blank "
        "to ask people to contact us.",
    )
    status = models.CharField(
        max_length=20,
        choices=STATUSES,
        default=GOING_AHEAD,
        help_text="'This event has passed' and 'Full' are worked out for you.",
    )
    status_notice = models.TextField(
        blank=True, verbose_name="notice", help_text="If it is cancelled: why, and what happens instead."
    )
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading="When"),
        MultiFieldPanel(
            [
                FieldPanel("attendance"),
                FieldPanel("venue"),
                FieldPanel("venue_address"),
                FieldPanel("access_information"),
                FieldPanel("online_url"),
                FieldPanel("online_instructions"),
            ],
            heading="Where",
        ),
        FieldPanel("what_to_expect"),
        FieldPanel("who_for"),
        MultiFieldPanel(
            [FieldPanel("hosts", widget=forms.CheckboxSelectMultiple), FieldPanel("other_hosts")], heading="Run with"
        ),
        FieldPanel("programmes", widget=forms.CheckboxSelectMultiple),
        PageChooserPanel("consultation", "consultations.ConsultationPage"),
        MultiFieldPanel(
            [FieldPanel("takes_bookings"), FieldPanel("places"), FieldPanel("full_message")], heading="Bookings"
        ),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("status_notice")], heading="Cancelled"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("what_to_expect"),
        index.SearchField("venue"),
        index.FilterField("starts_at"),
    ]

    objects = EventPageManager()

    class Meta:
        verbose_name = "event"

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The end must be after the start."
        if self.attendance in (self.IN_PERSON, self.BOTH) and not self.venue.strip():
            errors["venue"] = "Say where the event is, or choose 'online only'."
        if self.attendance in (self.ONLINE, self.BOTH) and not self.online_url:
            errors["online_url"] = "Add the link people use to join."
        if self.status == self.CANCELLED and not self.status_notice.strip():
            errors["status_notice"] = "Tell residents why it is cancelled, and what happens instead."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # Calendars take a change of time or status only with a higher SEQUENCE (RFC 5545). A draft's save
        # (update_fields without the times) changes nothing: the publish does.
        update_fields = kwargs.get("update_fields")
        if self.pk and (update_fields is None or "starts_at" in update_fields):
            stored = (
                EventPage.objects.filter(pk=self.pk)
                .values("starts_at", "ends_at", "status", "calendar_sequence")
                .first()
            )
            if stored:
                changed = any(stored[name] != getattr(self, name) for name in ("starts_at", "ends_at", "status"))
                self.calendar_sequence = stored["calendar_sequence"] + (1 if changed else 0)
        return super().save(*args, **kwargs)

    # --- When and where ---------------------------------------------------------------------------

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at)

    @property
    def date_text(self):
        """'Tuesday 3 March 2026', or 'Tuesday 3 March to Wednesday 4 March 2026' over more than a day."""
        start, end = self.local_start, self.local_end
        if start.date() == end.date():
            return f"{start:%A} {start.day} {start:%B %Y}"
        return f"{start:%A} {start.day} {start:%B} to {end:%A} {end.day} {end:%B %Y}"

    @property
    def time_range(self):
        """'10am to 12:30pm', as NHS.UK writes times."""
        return f"{clock(self.local_start.time())} to {clock(self.local_end.time())}"

    @property
    def is_going_ahead(self):
        return self.status == self.GOING_AHEAD

    @property
    def is_online_only(self):
        return self.attendance == self.ONLINE

    @property
    def online_website(self):
        return website_name(self.online_url)

    @property
    def place(self):
        """Where it is, in one line (for lists and calendars)."""
        if self.is_online_only:
            return "Online"
        where = self.venue_line
        return f"{where}, or online" if self.attendance == self.BOTH else where

    @property
    def uid(self):
        """The event's identity in calendars: the same whatever its title, slug or time become."""
        return f"{self.translation_key}@events"

    def calendar_file(self, request):
        return event_file(self, request), f"{self.slug}.ics"

    @property
    def calendar_url(self):
        return local_url(self) + "calendar.ics" if self.pk else ""

    @cached_property
    def event_settings(self):
        return EventSettings.for_site_root(self.site_root_path)

    # --- Status -----------------------------------------------------------------------------------

    def booked_places(self):
        """How many people have said they are coming: annotated on lists (with_booked), else counted."""
        if not hasattr(self, "booked"):
            self.booked = (self.bookings.aggregate(total=Sum("people"))["total"] or 0) if self.pk else 0
        return self.booked

    @property
    def places_left(self):
        return None if self.places is None else max(0, self.places - self.booked_places())

    @property
    def is_full(self):
        return self.places is not None and self.places_left == 0

    def has_passed(self, now=None):
        return (now or timezone.now()) >= self.ends_at

    def has_started(self, now=None):
        return (now or timezone.now()) >= self.starts_at

    def status_on(self, now=None):
        """(key, label) of the event's status at `now`: what the status tag shows."""
        now = now or timezone.now()
        if self.status == self.CANCELLED:
            return "cancelled", "Cancelled"
        if self.has_passed(now):
            return "passed", "This event has passed"
        if self.has_started(now):
            return "happening", "Happening now"
        if self.takes_bookings and self.is_full:
            return "full", "Full"
        return "upcoming", "Upcoming"

    @property
    def status_key(self):
        return self.status_on()[0]

    @property
    def status_label(self):
        return self.status_on()[1]

    @property
    def status_colour(self):
        return {"upcoming": "blue", "happening": "green", "full": "orange", "passed": "grey", "cancelled": "red"}[
            self.status_key
        ]

    def booking_closed_reason(self, now=None):
        """Why the booking form takes no bookings now ("cancelled", "started", "full", "not_taken"), or None
        when it is open."""
        now = now or timezone.now()
        if not self.takes_bookings:
            return "not_taken"
        if self.status == self.CANCELLED:
            return "cancelled"
        if self.has_started(now):
            return "started"
        if self.is_full:
            return "full"
        return None

    @property
    def booking_url(self):
        return local_url(self) + self.reverse_subpage("book") if self.pk else ""

    # --- The page ---------------------------------------------------------------------------------

    def live_hosts(self):
        return sorted((host for host in self.hosts.all() if host.live), key=lambda host: host.title.lower())

    def live_programmes(self):
        return sorted((each for each in self.programmes.all() if each.live), key=lambda each: each.title.lower())

    def page_facts(self):
        consultation = None
        if self.consultation_id:
            consultation = self.consultation.specific if self.consultation.live else None
        return {"hosts": self.live_hosts(), "linked_programmes": self.live_programmes(), "consultation": consultation}

    def get_context(self, request, *args, **kwargs):
        """Adds `hosts` and `linked_programmes` (published ones), `consultation` (the published linked page,
        or None), `status` ((key, label)) and `booking_open`. Hosts and links are cached under the content
        version, except in a preview; the status is worked out at each request."""
        context = super().get_context(request, *args, **kwargs)
        if self.pk and not getattr(request, "is_preview", False):
            context.update(cached(f"event_page:{self.pk}", self.page_facts))
        else:
            context.update(self.page_facts())
        now = timezone.now()
        context.update(status=self.status_on(now), booking_open=self.booking_closed_reason(now) is None)
        return context

    @path("book/", name="book")
    def book(self, request):
        return views.book(request, self)

    @path("book/thank-you/", name="booking_thank_you")
    def booking_thank_you(self, request):
        return views.thank_you(request, self)
