"""Demo 'how we are run' sections from each partnership's governance.json: the board and its committees,
the meetings page, and meetings with their agendas, papers, decisions and minutes.

Meeting dates are given in weeks from when the section was first built (the meetings page's first
publication), so the demo always has past and upcoming meetings, and running the loader again on
another day finds the same meetings (their slugs carry their dates) and makes nothing twice.

The registers get their rows from the fixture when they are first made ("last updated" is then today).
The publication scheme page is made with its demo tags: the pages and documents the fixture names are put
in their classes once, when the page is first made, so a tag staff later remove stays removed.

A meeting held in common names the other partnership's board too (`{"partnership": ..., "slug": ...}`)
and is shown on that partnership's site as a Wagtail alias of it, with its papers (`share_with`). It is
written by the partnership loaded after the other (partnerships.json's order), whose board then exists.
"""

import datetime

from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Site

from get_involved.models import PublicQuestion
from stp_site.core.demo import (
    common_fields,
    demo_document,
    ensure_child,
    ensure_section,
    partnerships,
    stream,
)

from .deadlines import is_working_day
from .models import (
    PAPERS_PUBLISH_TIME,
    CommitteeMember,
    CommitteePage,
    GovernancePage,
    GovernanceSettings,
    MeetingIndexPage,
    MeetingPage,
    PaperPage,
    london,
)
from .publication_scheme import CLASS_NAMES, PublicationSchemeClass, PublicationSchemePage
from .registers import DeclaredInterest, GiftOrHospitality, GiftsRegisterPage, InterestsRegisterPage

SECTION = "/how-we-are-run/"


def load(stdout, partnership):
    home = partnership.home
    data = partnership.fixture("governance.json")
    if home is None or data is None:
        return
    site = partnership.site
    section, made_section = ensure_section(
        home, GovernancePage, data["section"], body=stream(data["section"].get("body", []), site), show_in_menus=True
    )
    GovernanceSettings.objects.get_or_create(site=site, defaults=data.get("settings", {}))
    committees = {}
    for item in data["committees"]:
        committees[item["slug"]], _ = ensure_child(
            section,
            CommitteePage,
            item["slug"],
            kind=item["kind"],
            remit=item["remit"],
            chair=item.get("chair", ""),
            meets=item.get("meets", ""),
            reports_to=committees.get(item.get("reports_to")),
            members=[CommitteeMember(**member) for member in item.get("members", [])],
            **common_fields(item),
        )
    index, _ = ensure_section(section, MeetingIndexPage, data["meetings_index"])
    built_on = timezone.localdate(index.first_published_at)
    dates = {item["key"]: meeting_date(built_on, item["in_weeks"], item["weekday"]) for item in data["meetings"]}
    made = 0
    for item in data["meetings"]:
        meeting, was_made = _meeting(index, item, dates, committees, data.get("venues", {}), site)
        made += was_made
        if not meeting.public_questions.exists():
            for number, question in enumerate(item.get("questions", []), start=1):
                _question(meeting, question, number)
        for other in item.get("share_with", []):
            made += _share(meeting, other)
    if made_section or made:
        stdout.write(f"Created the 'how we are run' section and {made} meetings.")
    registers = data.get("registers", {})
    for key, model, row_model in (
        ("interests", InterestsRegisterPage, DeclaredInterest),
        ("gifts", GiftsRegisterPage, GiftOrHospitality),
    ):
        if key in registers:
            _register(section, model, row_model, registers[key])
    if data.get("publication_scheme"):
        _publication_scheme(section, data["publication_scheme"], partnership)


def meeting_date(built_on, weeks, weekday):
    """The `weekday` (0 is Monday) of the week `weeks` weeks from `built_on`, or the next working day."""
    day = built_on + datetime.timedelta(weeks=weeks)
    day += datetime.timedelta(days=weekday - day.weekday())
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def _meeting(index, item, dates, committees, venues, site):
    day = dates[item["key"]]
    slug = f"{item['slug']}-{day.day}-{day:%B-%Y}".lower()
    existing = index.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    venue = venues.get(item.get("venue"), {})
    start, end = (datetime.time.fromisoformat(item[name]) for name in ("start", "end"))
    meeting, _ = ensure_child(
        index,
        MeetingPage,
        slug,
        title=f"{item['title']}, {day.day} {day:%B %Y}",
        listing_summary=item.get("summary", ""),
        date=day,
        start_time=start,
        end_time=end,
        attendance=item.get("attendance", venue.get("attendance", MeetingPage.IN_PERSON)),
        venue=venue.get("venue", ""),
        venue_address=venue.get("address", ""),
        access_information=venue.get("access", ""),
        livestream_url=venue.get("livestream_url", ""),
        recording_url=item.get("recording_url", "") if day < timezone.localdate() else "",
        committees=[_committee(name, committees) for name in item["committees"]],
        last_reviewed=None,
        next_review_due=None,
    )
    papers = {}
    for paper in item.get("papers", []):
        papers[paper["slug"]] = _paper(meeting, paper, PaperPage.PAPER)
    if item.get("minutes"):
        minutes = item["minutes"]
        approved = dates.get(minutes.get("approved_by"))  # the date of the meeting that approved them
        _paper(meeting, minutes, PaperPage.MINUTES, approved_on=approved)
    meeting.agenda = [_agenda_item(entry, papers) for entry in item.get("agenda", [])]
    meeting.decisions = [{"type": "decision", "value": decision} for decision in item.get("decisions", [])]
    meeting.save_revision().publish()
    return meeting, True


def _question(meeting, data, number):
    """A question from the public: sent a few days before the meeting, and, unless it waits for an answer,
    answered and shown on the meeting's page."""
    sent = meeting.questions_close_at - datetime.timedelta(days=2, hours=number)
    answered = not data.get("unanswered")
    PublicQuestion.objects.create(
        meeting=meeting,
        created_at=min(sent, timezone.now()),
        full_name=data["full_name"],
        email=data.get("email", ""),
        phone=data.get("phone", ""),
        organisation=data.get("organisation", ""),
        question=data["question"],
        publish_name=data.get("publish_name", False),
        status=data.get("status", PublicQuestion.ANSWERED) if answered else PublicQuestion.RECEIVED,
        answer=data.get("answer", ""),
        answered_on=meeting.date if answered else None,
        is_published=answered,
    )


def _committee(name, committees):
    if isinstance(name, str):
        return committees[name]
    other = _site_of(name["partnership"])
    page = CommitteePage.objects.in_site(other.root_page.path).get(slug=name["slug"])
    return page


def _paper(meeting, data, kind, approved_on=None):
    document = None
    if data.get("pdf"):
        # Dated the day the papers were due, or, for minutes and papers not due yet, today.
        due = london(meeting.papers_due_on, PAPERS_PUBLISH_TIME)
        created = due if kind == PaperPage.PAPER and due < timezone.now() else None
        document = demo_document(f"{data['title']} ({meeting.title})", f"{meeting.slug}-{data['slug']}.pdf", created)
    paper, _ = ensure_child(
        meeting,
        PaperPage,
        data["slug"],
        kind=kind,
        reference=data.get("reference", ""),
        author=data.get("author", ""),
        body=stream(data.get("body", [])),
        document=document,
        approved_on=approved_on,
        last_reviewed=None,
        next_review_due=None,
        **common_fields(data),
    )
    return paper


def _agenda_item(entry, papers):
    value = {
        "title": entry["title"],
        "presenter": entry.get("presenter", ""),
        "purpose": entry.get("purpose", "information"),
        "papers": [papers[slug].pk for slug in entry.get("papers", [])],
    }
    if entry.get("private_reason"):
        value.update(in_private=True, private_reason=entry["private_reason"], papers=[])
    return {"type": "item", "value": value}


def _site_of(fixtures):
    partnership = next(item for item in partnerships() if item.fixtures == fixtures)
    return Site.objects.select_related("root_page").get(root_page__slug=partnership.home_slug, root_page__depth=2)


def _share(meeting, fixtures):
    """An alias of `meeting` (and its papers) in the other partnership's meetings page, if it has one."""
    other = _site_of(fixtures)
    index = MeetingIndexPage.objects.in_site(other.root_page.path).first()
    if index is None or index.get_children().filter(slug=meeting.slug).exists():
        return 0
    meeting.create_alias(parent=index, recursive=True)
    return 1


def _register(section, model, row_model, data):
    rows = [row_model(**{name: value for name, value in row.items() if value is not None}) for row in data["rows"]]
    ensure_child(
        section, model, data["slug"], intro=data.get("intro", ""), **{model.rows_name: rows}, **common_fields(data)
    )


def _publication_scheme(section, data, partnership):
    """The publication scheme page, and, when it is first made, the demo's pages and documents put in their
    classes: a page through a new published revision (only if it has no draft waiting), a document by a tag."""
    _, made = ensure_child(
        section, PublicationSchemePage, data["slug"], intro=data.get("intro", ""), **common_fields(data)
    )
    if not made:
        return
    for ico_class, paths in data.get("pages", {}).items():
        for path in paths:
            page = partnership.page(path)
            if page is None or page.has_unpublished_changes:
                continue
            page = page.specific
            if not any(tag.ico_class == ico_class for tag in page.publication_scheme_classes.all()):
                page.publication_scheme_classes.add(PublicationSchemeClass(ico_class=ico_class))
                page.save_revision().publish()
    root = partnership.site.root_page.path
    Document = get_document_model()
    for ico_class, documents in data.get("documents", {}).items():
        for item in documents:
            if "paper" in item:
                papers = PaperPage.objects.in_site(root).filter(slug=item["paper"], document__isnull=False)
                found = Document.objects.filter(pk__in=papers.values("document"))
            else:
                found = Document.objects.filter(title=item["title"])
            for document in found:
                document.tags.add(CLASS_NAMES[ico_class])
