"""'How we are run': the board and its committees, their meetings in public, the papers and the minutes.

    /how-we-are-run/                                   GovernancePage: how the partnership is run
    /how-we-are-run/<committee>/                       CommitteePage: the board, or one of its committees
    /how-we-are-run/board-meetings/                    MeetingIndexPage: upcoming meetings, past ones by year
    /how-we-are-run/board-meetings/calendar.ics        the upcoming meetings, as a calendar feed
    /how-we-are-run/board-meetings/<meeting>/          MeetingPage: agenda, papers, decisions, minutes
    /how-we-are-run/board-meetings/<meeting>/calendar.ics    the meeting, for a calendar
    /how-we-are-run/board-meetings/<meeting>/questions/      the form for questions from the public
    /how-we-are-run/board-meetings/<meeting>/<paper>/  PaperPage: a paper (or the minutes) as a web page
    /how-we-are-run/register-of-interests/             the registers (registers.py), with their csv/
    /how-we-are-run/gifts-and-hospitality/
    /how-we-are-run/publication-scheme/                the publication scheme (publication_scheme.py)

(The two calendar.ics addresses are served by stp_site/core/calendars.py: Wagtail's routes cannot end in
".ics".)

Meetings sit straight under the index, with the date in their slug (for example
`board-meeting-5-march-2026`), not in year folders: staff need not make a year page each January, and a
meeting that moves to another day, even into another year, keeps its address (and its calendar entry).

A meeting's status is worked out from the facts (the day, its published papers and minutes) and the one
thing staff say: that it is cancelled or has moved. So it cannot say "papers published" before they are.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Site
from wagtail.search import index

from get_involved import question_views
from stp_site.core.blocks import SHORT_TEXT_FEATURES, BodyStreamBlock
from stp_site.core.content_version import cached
from stp_site.core.models import BasePage, SectionPage
from stp_site.core.page_urls import local_url
from stp_site.core.places import PlaceFields
from stp_site.core.times import clock, london, website_name
from stp_site.core.view_restrictions import SitePageManager, SitePageQuerySet
from stp_site.plain_english.panels import PlainEnglishPageForm

from . import deadlines
from .blocks import AgendaStreamBlock, DecisionsStreamBlock
from .calendar import meeting_file, meetings_feed

# The registers' and the publication scheme's models live in their own modules; imported here, Django finds them.
from .publication_scheme import HOW_WE_DECIDE, PublicationSchemeClass, PublicationSchemePage  # noqa: F401
from .registers import DeclaredInterest, GiftOrHospitality, GiftsRegisterPage, InterestsRegisterPage  # noqa: F401

PAPERS_PUBLISH_TIME = datetime.time(9, 0)  # papers go live at 9am on the day they are due
UPCOMING_LISTED = 10  # how many upcoming meetings the home and governance pages keep to choose from
RECENT_LISTED = 3  # past meetings a committee's page lists
CALENDAR_PAST_DAYS = 31  # the feed keeps last month's meetings, so subscribed calendars keep them too


@register_setting(icon="calendar")
class GovernanceSettings(BaseSiteSetting):
    """When a partnership publishes its meeting papers and minutes, and until when it takes questions from
    the public, in working days (weekends and bank holidays in England do not count), and how often its
    registers must be brought up to date."""

    papers_working_days = models.PositiveSmallIntegerField(
        "publish papers this many working days before a meeting",
        default=5,
        help_text="New papers are scheduled to go live at 9am on that day. The admin lists meetings whose papers "
        "are late.",
    )
    minutes_working_days = models.PositiveSmallIntegerField(
        "publish draft minutes within this many working days after a meeting",
        default=15,
        help_text="The admin lists meetings whose draft minutes are not published by then.",
    )

    questions_working_days = models.PositiveSmallIntegerField(
        "take questions from the public until this many working days before a meeting",
        default=3,
        help_text="The question form closes at the time below on that day.",
    )
    questions_close_time = models.TimeField("questions close at", default=datetime.time(17, 0))
    question_emails = models.TextField(
        "email addresses to tell about new questions",
        blank=True,
        max_length=2000,
        help_text="One a line, for example the board secretary's team inbox. The email has no personal "
        "details, just a link to the question in the admin.",
    )
    register_review_days = models.PositiveSmallIntegerField(
        "check the registers at least every this many days",
        default=90,
        help_text="The registers of interests and of gifts and hospitality are listed in Reports, 'Pages due for "
        "review', once they were last updated this long ago (and in the 30 days before).",
    )

    panels = [
        FieldPanel("papers_working_days"),
        FieldPanel("minutes_working_days"),
        MultiFieldPanel(
            [FieldPanel("questions_working_days"), FieldPanel("questions_close_time"), FieldPanel("question_emails")],
            heading="Questions from the public",
        ),
        FieldPanel("register_review_days"),
    ]

    class Meta:
        verbose_name = "meeting papers and minutes"

    def question_notification_addresses(self):
        return sorted({line.strip() for line in self.question_emails.splitlines() if "@" in line})

    @classmethod
    def for_site_root(cls, site_root_path):
        """The settings of the site whose home page is at `site_root_path`, read once per content version
        (saving the settings changes it). Never writes: a site with none yet gets the defaults."""
        return cached(
            f"governance_settings:{site_root_path}",
            lambda: cls.objects.filter(site__root_page__path=site_root_path).first() or cls(),
        )


class GovernancePage(SectionPage):
    """'How we are run': what the board and its committees do, the next meeting, and a way into each."""

    template = "pages/governance_page.html"
    max_count_per_parent = 1  # one per partnership's site
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "governance.CommitteePage",
        "governance.MeetingIndexPage",
        "governance.InterestsRegisterPage",
        "governance.GiftsRegisterPage",
        "governance.PublicationSchemePage",
        "home.StandardPage",
    ]

    body = StreamField(BodyStreamBlock(), blank=True, help_text="How decisions are made, and who makes them.")

    content_panels = SectionPage.content_panels + [FieldPanel("body")]
    search_fields = SectionPage.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = "how we are run page"

    def get_context(self, request, *args, **kwargs):
        """Adds `committees` (the board and committees, in the order staff set), `meeting_index`,
        `open_pages` (the registers and the publication scheme, published) and `next_meeting` (the next
        board meeting that is going ahead, or None)."""
        context = super().get_context(request, *args, **kwargs)
        context["committees"] = cached(f"governance_committees:{self.pk}", lambda: list(self.committees()))
        context["meeting_index"] = cached(f"governance_meeting_index:{self.pk}", self.meeting_index)
        context["open_pages"] = cached(f"governance_open_pages:{self.pk}", self.open_pages)
        context["next_meeting"] = next_board_meeting(self.site_root_path)
        return context

    def committees(self):
        return self.published_children(CommitteePage)

    def meeting_index(self):
        return MeetingIndexPage.objects.child_of(self).live().public().defer_streamfields().first()

    def open_pages(self):
        """The registers and the publication scheme in this section, published, in the order staff set."""
        pages = [
            page
            for model in (InterestsRegisterPage, GiftsRegisterPage, PublicationSchemePage)
            for page in self.published_children(model)
        ]
        return sorted(pages, key=lambda page: page.path)


class CommitteePage(BasePage):
    """The board, or one of its committees: what it does, who chairs it, who is on it, and its meetings."""

    template = "pages/committee_page.html"
    parent_page_types = ["governance.GovernancePage"]
    subpage_types = []

    KINDS = [("board", "The board"), ("committee", "A committee")]

    kind = models.CharField(
        max_length=20,
        choices=KINDS,
        default="committee",
        help_text="The home page shows the next meeting of the board.",
    )
    remit = RichTextField(
        features=SHORT_TEXT_FEATURES,
        help_text="What it is responsible for and what it decides, in a few plain sentences or a list.",
    )
    chair = models.CharField(max_length=150, blank=True, help_text="Their name, for example 'Jo Smith'.")
    reports_to = models.ForeignKey(
        "governance.CommitteePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reporting_committees",
        help_text="For a committee: the board it reports to.",
    )
    meets = models.CharField(
        max_length=150, blank=True, help_text="How often it meets, for example 'Every two months'."
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("kind"),
        FieldPanel("remit"),
        FieldPanel("chair"),
        FieldPanel("meets"),
        PageChooserPanel("reports_to", "governance.CommitteePage"),
        InlinePanel("members", heading="Members", label="member"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("remit"), index.SearchField("chair")]

    class Meta:
        verbose_name = "board or committee"
        verbose_name_plural = "boards and committees"

    @property
    def is_board(self):
        return self.kind == "board"

    def get_context(self, request, *args, **kwargs):
        """Adds `members`, `next_meeting` (its next meeting that is going ahead, or None),
        `recent_meetings` (its latest past meetings), `meeting_index` and `reports_to` (published, or None)."""
        context = super().get_context(request, *args, **kwargs)
        if self.pk:
            meetings = cached(f"committee_meetings:{self.pk}", self.meetings_in_site)
            today = timezone.localdate()
            context["next_meeting"] = next((m for m in meetings if m.date >= today and m.is_going_ahead), None)
            context["recent_meetings"] = [m for m in reversed(meetings) if m.date < today][:RECENT_LISTED]
            context["meeting_index"] = cached(
                f"committee_meeting_index:{self.pk}",
                lambda: MeetingIndexPage.objects.in_site(self.site_root_path).live().public().first(),
            )
        context["members"] = list(self.members.all())
        reports_to = self.reports_to
        context["reports_to"] = reports_to if reports_to is not None and reports_to.live else None
        return context

    def meetings_in_site(self):
        """This committee's published meetings on this page's site, oldest first, with their status facts."""
        return list(
            self.meetings.in_site(self.site_root_path)
            .live()
            .public()
            .defer_streamfields()
            .with_status_facts()
            .order_by("date", "start_time", "pk")
        )


class CommitteeMember(Orderable):
    committee = ParentalKey(CommitteePage, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=150)
    role = models.CharField(max_length=200, blank=True, help_text="For example 'Director of nursing'.")
    organisation = models.CharField(max_length=200, blank=True, help_text="Where they work, if not the partnership.")

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("organisation")]

    def __str__(self):
        return self.name


class MeetingIndexPage(SectionPage):
    """Board and committee meetings: the upcoming ones, then past ones a year at a time (?year=2025)."""

    template = "pages/meeting_index_page.html"
    max_count_per_parent = 1  # one per "how we are run" section
    parent_page_types = ["governance.GovernancePage"]
    subpage_types = ["governance.MeetingPage"]
    publication_scheme_class = HOW_WE_DECIDE  # always listed there on the publication scheme page

    class Meta:
        verbose_name = "meetings page"

    def meetings(self):
        """Every published meeting listed here, oldest first, with what the list shows about each. Read once
        per content version: which are upcoming is worked out at each request, from the day."""
        return cached(f"meeting_index_meetings:{self.pk}", self._meetings)

    def _meetings(self):
        return list(
            MeetingPage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .with_status_facts()
            .order_by("date", "start_time", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        """Adds `upcoming` (soonest first), `years` (years with past meetings, newest first), `year` (the
        one shown), `year_wanted` (what ?year= asked for), `past` (that year's meetings, newest first) and
        `calendar_url`."""
        context = super().get_context(request, *args, **kwargs)
        meetings = self.meetings()
        today = timezone.localdate()
        past = [meeting for meeting in meetings if meeting.date < today]
        years = sorted({meeting.date.year for meeting in past}, reverse=True)
        wanted = (request.GET.get("year") or "").strip()[:10]
        year = int(wanted) if wanted.isdigit() and int(wanted) in years else None
        if year is None and not wanted and years:
            year = years[0]
        context.update(
            upcoming=[meeting for meeting in meetings if meeting.date >= today],
            years=years,
            year=year,
            year_wanted=wanted,
            past=[meeting for meeting in reversed(past) if meeting.date.year == year],
            calendar_url=self.calendar_url(),
        )
        return context

    def calendar_url(self):
        """The feed of upcoming meetings (stp_site/core/calendars.py serves it)."""
        return local_url(self) + "calendar.ics"

    def calendar_file(self, request):
        return meetings_feed(self, self.calendar_meetings(), request), None

    def calendar_meetings(self):
        """What the calendar feed lists: the upcoming meetings, and last month's, soonest first."""
        since = timezone.localdate() - datetime.timedelta(days=CALENDAR_PAST_DAYS)
        return [meeting for meeting in self.meetings() if meeting.date >= since]


class MeetingQuerySet(SitePageQuerySet):
    def with_status_facts(self):
        """Each meeting with what its status is worked out from (has_papers, has_minutes,
        minutes_approved), the original's translation key for its calendar UID, and its boards and
        committees, in a fixed number of queries for the whole list."""
        children = (
            PaperPage.objects.live().public().filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
        )
        minutes = children.filter(kind=PaperPage.MINUTES)
        return self.annotate(
            has_papers=Exists(children.filter(kind=PaperPage.PAPER)),
            has_minutes=Exists(minutes),
            minutes_approved=Exists(minutes.filter(approved_on__isnull=False)),
            # What `uid` is made from: the original's, for a meeting shown on a second site (an alias).
            original_translation_key=Coalesce("alias_of__translation_key", "translation_key"),
        ).prefetch_related(
            Prefetch("committees", queryset=CommitteePage.objects.only("id", "title", "kind", "path", "url_path"))
        )


class MeetingPageManager(SitePageManager.from_queryset(MeetingQuerySet)):
    pass


class MeetingPageForm(PlainEnglishPageForm):
    """Boards and committees are chosen from every partnership's (a meeting held in common is one of two
    boards): each is named with its partnership."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("committees")
        if field is not None:
            sites = {
                site.root_page.path: site.site_name or site.hostname
                for site in Site.objects.select_related("root_page")
            }
            field.queryset = CommitteePage.objects.order_by("path")
            field.label_from_instance = lambda page: f"{page.title} ({sites.get(page.path[: page.steplen * 2], '')})"


class MeetingPage(RoutablePageMixin, PlaceFields, BasePage):
    """One meeting of the board or a committee (or of two partnerships' boards together): when and where,
    its agenda and papers, questions from the public and their answers, what it decided and its minutes."""

    template = "pages/meeting_page.html"
    parent_page_types = ["governance.MeetingIndexPage"]
    subpage_types = ["governance.PaperPage"]
    base_form_class = MeetingPageForm

    GOING_AHEAD, CANCELLED, MOVED = "going_ahead", "cancelled", "moved"
    STATUSES = [(GOING_AHEAD, "Going ahead"), (CANCELLED, "Cancelled"), (MOVED, "Moved to another date")]
    IN_PERSON, ONLINE, BOTH = "in_person", "online", "both"
    ATTENDANCE = [(IN_PERSON, "In person"), (ONLINE, "Online only"), (BOTH, "In person, and online to watch")]

    committees = ParentalManyToManyField(
        "governance.CommitteePage",
        related_name="meetings",
        verbose_name="boards and committees",
        help_text="Who is meeting. For a meeting held in common, tick each partnership's board: the meeting is "
        "then shown on both websites.",
    )
    date = models.DateField(db_index=True)
    start_time = models.TimeField(help_text="On the clock in England, for example 10:00.")
    end_time = models.TimeField(help_text="When it is expected to finish.")
    status = models.CharField(
        max_length=20,
        choices=STATUSES,
        default=GOING_AHEAD,
        help_text="Everything else (papers published, held, minutes approved) is worked out for you.",
    )
    status_notice = models.TextField(
        blank=True,
        verbose_name="notice",
        help_text="If the meeting is cancelled or moved: what has changed and why, in one or two sentences.",
    )
    moved_to = models.ForeignKey(
        "governance.MeetingPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="If it has moved: the meeting it moved to, when that has its own page.",
    )
    attendance = models.CharField(max_length=20, choices=ATTENDANCE, default=IN_PERSON, verbose_name="how to attend")
    # venue, venue_address, access_information: PlaceFields (stp_site/core/places.py)
    livestream_url = models.URLField(
        blank=True,
        verbose_name="livestream link",
        help_text="Where to watch it live. Residents see a link: nothing loads from that website on our page.",
    )
    recording_url = models.URLField(
        blank=True, verbose_name="recording link", help_text="Where to watch it afterwards."
    )
    agenda = StreamField(AgendaStreamBlock(), blank=True, help_text="Items are numbered in this order.")
    decisions = StreamField(
        DecisionsStreamBlock(),
        blank=True,
        help_text="What the meeting decided, as the minutes record it. Shown on the meeting's page.",
    )
    takes_questions = models.BooleanField(
        "takes questions from the public",
        default=True,
        help_text="Residents can send a question through the website until the deadline in Settings, "
        "Meeting papers and minutes. Answer them in Questions to meetings.",
    )
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)

    content_panels = BasePage.content_panels + [
        FieldPanel("committees", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("date"), FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")])],
            heading="When",
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance"),
                FieldPanel("venue"),
                FieldPanel("venue_address"),
                FieldPanel("access_information"),
                FieldPanel("livestream_url"),
                FieldPanel("recording_url"),
            ],
            heading="Where",
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("status_notice"),
                PageChooserPanel("moved_to", "governance.MeetingPage"),
            ],
            heading="Cancelled or moved",
        ),
        FieldPanel("takes_questions"),
        FieldPanel("agenda"),
        FieldPanel("decisions"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("agenda"), index.FilterField("date")]

    objects = MeetingPageManager()

    class Meta:
        verbose_name = "meeting"
        ordering = ["date", "start_time"]

    def clean(self):
        super().clean()
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = "The end time must be after the start time."
        if self.attendance in (self.IN_PERSON, self.BOTH) and not self.venue.strip():
            errors["venue"] = "Say where the meeting is, or choose 'online only'."
        if self.status != self.GOING_AHEAD and not self.status_notice.strip():
            errors["status_notice"] = "Tell residents what has changed, and why."
        if self.moved_to_id and self.moved_to_id == self.pk:
            errors["moved_to"] = "Choose the meeting it moved to, not this one."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # Calendars take a change of time or status only with a higher SEQUENCE (RFC 5545).
        update_fields = kwargs.get("update_fields")
        if self.pk and (update_fields is None or "date" in update_fields):
            stored = (
                MeetingPage.objects.filter(pk=self.pk)
                .values("date", "start_time", "end_time", "status", "calendar_sequence")
                .first()
            )
            if stored:
                changed = any(
                    stored[name] != getattr(self, name) for name in ("date", "start_time", "end_time", "status")
                )
                self.calendar_sequence = stored["calendar_sequence"] + (1 if changed else 0)
        return super().save(*args, **kwargs)

    # --- When and where ---------------------------------------------------------------------------

    @property
    def start_at(self):
        return london(self.date, self.start_time)

    @property
    def end_at(self):
        return london(self.date, self.end_time)

    @property
    def is_going_ahead(self):
        return self.status == self.GOING_AHEAD

    @property
    def is_online_only(self):
        return self.attendance == self.ONLINE

    @property
    def time_range(self):
        """'10am to 12:30pm', as NHS.UK writes times."""
        return f"{clock(self.start_time)} to {clock(self.end_time)}"

    @property
    def livestream_website(self):
        return website_name(self.livestream_url)

    @property
    def recording_website(self):
        return website_name(self.recording_url)

    @property
    def place(self):
        """Where it is, in one line (for lists and calendars)."""
        if self.is_online_only:
            return "Online"
        where = self.venue_line
        return f"{where}, and online" if self.attendance == self.BOTH else where

    def calendar_file(self, request):
        return meeting_file(self, request), f"{self.slug}.ics"

    # --- Deadlines ---------------------------------------------------------------------------------

    @cached_property
    def governance_settings(self):
        return GovernanceSettings.for_site_root(self.site_root_path)

    @property
    def papers_due_on(self):
        return deadlines.working_days_before(self.date, self.governance_settings.papers_working_days)

    @property
    def papers_due_at(self):
        return london(self.papers_due_on, PAPERS_PUBLISH_TIME)

    @property
    def minutes_due_on(self):
        return deadlines.working_days_after(self.date, self.governance_settings.minutes_working_days)

    @property
    def questions_close_at(self):
        settings = self.governance_settings
        return london(
            deadlines.working_days_before(self.date, settings.questions_working_days), settings.questions_close_time
        )

    @property
    def questions_close_text(self):
        """'5pm on Monday 2 March 2026', as the form and the meeting's page say it."""
        closes = timezone.localtime(self.questions_close_at)
        return f"{clock(closes.time())} on {closes:%A} {closes.day} {closes:%B %Y}"

    def takes_questions_now(self, now=None):
        return self.takes_questions and self.is_going_ahead and (now or timezone.now()) < self.questions_close_at

    def next_meeting_taking_questions(self):
        """The next meeting of any of the same boards or committees whose question form is open, or None."""
        parent = MeetingIndexPage.objects.filter(pk=self.get_parent().pk).first() if self.pk else None
        if parent is None:
            return None
        mine = {committee.pk for committee in self.committees.all()}
        now = timezone.now()
        for meeting in parent.meetings():
            shares_a_committee = not mine or mine & {committee.pk for committee in meeting.committees.all()}
            if meeting.pk != self.pk and shares_a_committee and meeting.takes_questions_now(now):
                return meeting
        return None

    @property
    def questions_url(self):
        return local_url(self) + self.reverse_subpage("ask") if self.pk else ""

    def answered_questions(self):
        """The questions from the public published with this meeting (or, on a copy of a meeting held in
        common, with the original), in the order they came in."""
        original_id = self.alias_of_id or self.pk
        return list(
            self.public_questions.model.objects.filter(meeting_id=original_id, is_published=True).order_by(
                "created_at", "pk"
            )
        )

    @path("questions/", name="ask")
    def ask(self, request):
        return question_views.ask(request, self)

    @path("questions/thank-you/", name="question_thank_you")
    def question_thank_you(self, request):
        return question_views.thank_you(request, self)

    # --- Status ------------------------------------------------------------------------------------

    def _status_facts(self):
        if not hasattr(self, "has_papers"):  # not fetched with_status_facts(): look them up
            found = None
            if self.pk:
                found = (
                    MeetingPage.objects.filter(pk=self.pk)
                    .with_status_facts()
                    .values("has_papers", "has_minutes", "minutes_approved")
                    .first()
                )
            found = found or {"has_papers": False, "has_minutes": False, "minutes_approved": False}
            for name, value in found.items():
                setattr(self, name, value)
        return self.has_papers, self.has_minutes, self.minutes_approved

    def status_on(self, today=None):
        """(key, label) of the meeting's status on `today`: what the status tag shows."""
        if self.status == self.CANCELLED:
            return "cancelled", "Cancelled"
        if self.status == self.MOVED:
            return "moved", "Moved"
        has_papers, has_minutes, minutes_approved = self._status_facts()
        today = today or timezone.localdate()
        if self.date >= today:
            return ("papers_published", "Papers published") if has_papers else ("scheduled", "Scheduled")
        if minutes_approved:
            return "minutes_approved", "Minutes approved"
        if has_minutes:
            return "draft_minutes", "Draft minutes published"
        return "held", "Held"

    @property
    def status_key(self):
        return self.status_on()[0]

    @property
    def status_label(self):
        return self.status_on()[1]

    @property
    def status_colour(self):
        """The NHS.UK tag colour for the status."""
        return {
            "scheduled": "grey",
            "papers_published": "blue",
            "held": "white",
            "draft_minutes": "yellow",
            "minutes_approved": "green",
            "cancelled": "red",
            "moved": "orange",
        }[self.status_key]

    # --- Who meets ---------------------------------------------------------------------------------

    def live_committees(self):
        """The boards and committees meeting that are published, board first. Works on previews too."""
        committees = [committee for committee in self.committees.all() if committee.live]
        return sorted(committees, key=lambda committee: (not committee.is_board, committee.title))

    @property
    def held_in_common(self):
        """Whether boards or committees of more than one partnership meet (each has its own site)."""
        return len({committee.path[: committee.steplen * 2] for committee in self.committees.all()}) > 1

    @property
    def uid(self):
        """The meeting's identity in calendars: the same on both sites for a meeting held in common, and
        the same whatever the title, slug, date or time become."""
        key = getattr(self, "original_translation_key", None)  # fetched with_status_facts(), for lists
        if key is None:
            key = (self.alias_of if self.alias_of_id else self).translation_key
        return f"{key}@meetings"

    # --- The page ----------------------------------------------------------------------------------

    def papers(self):
        """This meeting's published papers and minutes that anyone may read, in the order staff set."""
        return list(PaperPage.objects.child_of(self).live().public().defer_streamfields().order_by("path"))

    def agenda_items(self, papers):
        """The agenda as the page shows it: each item numbered, with its published papers (those under this
        meeting, or, on a meeting shown on a second site, the copies of them there). No papers for an item
        taken in private."""
        local = {}
        for paper in papers:
            local[paper.pk] = paper
            if paper.alias_of_id:
                local[paper.alias_of_id] = paper
        items = []
        for number, block in enumerate(self.agenda, start=1):
            value = block.value
            item_papers = []
            if not value.get("in_private"):
                item_papers = [
                    local[chosen.pk] for chosen in value.get("papers") or [] if chosen and chosen.pk in local
                ]
            items.append(
                {
                    "number": number,
                    "title": value.get("title"),
                    "presenter": value.get("presenter"),
                    "purpose_label": value.purpose_label(),
                    "in_private": bool(value.get("in_private")),
                    "private_reason_label": value.private_reason_label() if value.get("in_private") else "",
                    "papers_shown": item_papers,
                }
            )
        return items

    def page_facts(self):
        papers = self.papers()
        agenda = self.agenda_items(papers)
        on_agenda = {paper.pk for item in agenda for paper in item["papers_shown"]}
        moved_to = None
        if self.moved_to_id:
            moved_to = MeetingPage.objects.filter(pk=self.moved_to_id).live().public().first()
        committees = self.live_committees()
        return {
            "agenda": agenda,
            "other_papers": [p for p in papers if p.kind == PaperPage.PAPER and p.pk not in on_agenda],
            "minutes": next((p for p in papers if p.kind == PaperPage.MINUTES), None),
            "committees": committees,
            "who_meets": self.who_meets(committees),
            "moved_to": moved_to,
            "answered_questions": self.answered_questions() if self.pk else [],
        }

    def who_meets(self, committees):
        """'Integrated care board', or 'Quality committee and Finance committee'; for a meeting held in common,
        each with its partnership's name, since each partnership's board may have the same title."""
        names = [committee.title for committee in committees]
        if self.held_in_common:
            sites = {
                site.root_page.path: site.site_name or site.hostname
                for site in Site.objects.select_related("root_page")
            }
            names = [
                f"{committee.title} ({sites[committee.path[: committee.steplen * 2]]})"
                if committee.path[: committee.steplen * 2] in sites
                else committee.title
                for committee in committees
            ]
        if len(names) < 2:
            return "".join(names)
        return f"{', '.join(names[:-1])} and {names[-1]}"

    def get_context(self, request, *args, **kwargs):
        """Adds `agenda` (numbered items, each with its published `papers`), `other_papers` (published
        papers not on the agenda), `minutes` (the published minutes page, or None), `committees` (who
        meets, board first), `who_meets` (their names, in a phrase), `moved_to` (the published meeting it
        moved to, or None), `status` ((key, label)), `is_upcoming`, `papers_due_on`, `calendar_url`,
        `answered_questions` (published questions from the public) and `questions_open` (whether the
        question form takes questions now). Cached under the content version, except in a preview."""
        context = super().get_context(request, *args, **kwargs)
        if self.pk and not getattr(request, "is_preview", False):
            context.update(cached(f"meeting_page:{self.pk}", self.page_facts))
        else:
            context.update(self.page_facts())
        has_papers = any(item["papers_shown"] for item in context["agenda"]) or bool(context["other_papers"])
        self.has_papers, self.has_minutes = has_papers, context["minutes"] is not None
        self.minutes_approved = bool(context["minutes"] and context["minutes"].approved_on)
        today = timezone.localdate()
        context.update(
            status=self.status_on(today),
            is_upcoming=self.date >= today,
            papers_due_on=self.papers_due_on,
            calendar_url=local_url(self) + "calendar.ics" if self.pk else "",
            questions_open=self.takes_questions_now(),
        )
        return context


class PaperPageForm(PlainEnglishPageForm):
    """A new paper is scheduled to go live when the meeting's papers are due (a number of working days
    before it, set per site), unless that time has passed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        meeting = self.parent_page.specific if getattr(self, "parent_page", None) else None
        if (
            not self.instance.pk
            and isinstance(meeting, MeetingPage)
            and "go_live_at" in self.fields
            and not self.initial.get("go_live_at")
            and meeting.papers_due_at > timezone.now()
        ):
            self.initial["go_live_at"] = meeting.papers_due_at


class PaperPage(BasePage):
    """A meeting paper, or its minutes, as a web page first (readable on a phone and by a screen reader),
    with the PDF as an extra."""

    template = "pages/paper_page.html"
    parent_page_types = ["governance.MeetingPage"]
    subpage_types = []
    base_form_class = PaperPageForm

    PAPER, MINUTES = "paper", "minutes"
    KINDS = [(PAPER, "A paper for the meeting"), (MINUTES, "The minutes of the meeting")]

    kind = models.CharField(max_length=20, choices=KINDS, default=PAPER)
    reference = models.CharField(max_length=40, blank=True, help_text="The paper's number, for example 'Paper 4'.")
    author = models.CharField(
        max_length=150,
        blank=True,
        verbose_name="written by",
        help_text="By role, for example 'Chief finance officer'.",
    )
    body = StreamField(BodyStreamBlock(), blank=True, help_text="The paper itself, with headings, as a web page.")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="PDF or other file",
        help_text="Optional: the paper as a file to download. The web page comes first.",
    )
    approved_on = models.DateField(
        null=True,
        blank=True,
        verbose_name="minutes approved on",
        help_text="Minutes only: the date of the meeting that approved them. Leave blank while they are a draft.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("reference"), FieldPanel("author")]),
        FieldPanel("body"),
        FieldPanel("document"),
        FieldPanel("approved_on"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body"), index.SearchField("reference")]

    class Meta:
        verbose_name = "meeting paper or minutes"
        verbose_name_plural = "meeting papers and minutes"

    def clean(self):
        super().clean()
        if self.approved_on and self.kind != self.MINUTES:
            raise ValidationError({"approved_on": "Only minutes are approved. Leave this blank for a paper."})

    @property
    def is_minutes(self):
        return self.kind == self.MINUTES

    @property
    def is_draft_minutes(self):
        return self.is_minutes and not self.approved_on

    def get_context(self, request, *args, **kwargs):
        """Adds `meeting` (the meeting it is for) and `agenda_item` (the item that lists it, or None)."""
        context = super().get_context(request, *args, **kwargs)
        meeting = self.get_parent().specific
        context["meeting"] = meeting
        context["agenda_item"] = None
        if isinstance(meeting, MeetingPage):
            for item in meeting.agenda_items([self]):
                if item["papers_shown"]:
                    context["agenda_item"] = item
                    break
        return context


# --- Lists for other pages ---------------------------------------------------------------------------


def _upcoming_board_meetings(site_root_path):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    return list(
        MeetingPage.objects.in_site(site_root_path)
        .live()
        .public()
        .defer_streamfields()
        .filter(date__gte=yesterday, committees__kind="board")
        .exclude(status=MeetingPage.CANCELLED)
        .distinct()
        .with_status_facts()
        .order_by("date", "start_time", "pk")[:UPCOMING_LISTED]
    )


def next_board_meeting(site_root_path):
    """The next board meeting on a site that is going ahead, or None. The list is read once per content
    version; which one is next is worked out from the day at each request."""
    meetings = cached(f"upcoming_board_meetings:{site_root_path}", lambda: _upcoming_board_meetings(site_root_path))
    today = timezone.localdate()
    return next((meeting for meeting in meetings if meeting.date >= today and meeting.is_going_ahead), None)
