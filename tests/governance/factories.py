"""'How we are run': the section, boards and committees, the meetings index, meetings and their papers.

section = make_governance(home)            # /how-we-are-run/, its board and meetings index
meeting = MeetingPageFactory(parent=section["index"], committees=[section["board"]], date=...)
paper = PaperPageFactory(parent=meeting, title="Winter plan")
make_many_meetings(section["index"], 200, [section["board"]], start=...)   # fast, in bulk
interests = InterestsRegisterPageFactory(parent=section["section"], interests=[interest(member_name="Jo")])
gifts = GiftsRegisterPageFactory(parent=section["section"], gifts=[gift(offered="Lunch")])
scheme = PublicationSchemePageFactory(parent=section["section"])
"""

import datetime

import factory

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page, Revision

from stp_site.core import content_version
from stp_site.governance.models import CommitteePage, GovernancePage, MeetingIndexPage, MeetingPage, PaperPage
from stp_site.governance.publication_scheme import PublicationSchemePage
from stp_site.governance.registers import (
    DeclaredInterest,
    GiftOrHospitality,
    GiftsRegisterPage,
    InterestsRegisterPage,
)
from tests.factories import PageFactory


class GovernancePageFactory(PageFactory):
    class Meta:
        model = GovernancePage

    title = "How we are run"
    slug = "how-we-are-run"


class CommitteePageFactory(PageFactory):
    class Meta:
        model = CommitteePage

    title = "Integrated care board"
    slug = factory.LazyAttribute(lambda page: page.title.lower().replace(" ", "-"))
    kind = "board"
    remit = "<p>The board makes the big decisions about health services.</p>"
    chair = "Jo Smith, chair"


class MeetingIndexPageFactory(PageFactory):
    class Meta:
        model = MeetingIndexPage

    title = "Board meetings"
    slug = "board-meetings"


class MeetingPageFactory(PageFactory):
    """A meeting (pass `committees=[...]`), 10am to midday on `date`."""

    class Meta:
        model = MeetingPage

    title = factory.LazyAttribute(lambda page: f"Board meeting, {page.date:%-d %B %Y}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    date = factory.Sequence(lambda number: datetime.date(2026, 1, 8) + datetime.timedelta(weeks=number))
    start_time = datetime.time(10, 0)
    end_time = datetime.time(12, 0)
    attendance = MeetingPage.IN_PERSON
    venue = "Council chamber, Civic Centre"
    venue_address = "Main Street\nStafford\nST16 1AA"
    access_information = "Step-free access by the side door. A hearing loop is in the room."


class PaperPageFactory(PageFactory):
    class Meta:
        model = PaperPage

    title = factory.Sequence(lambda number: f"Paper {number}")
    kind = PaperPage.PAPER
    body = factory.LazyFunction(lambda: [{"type": "rich_text", "value": "<p>What the paper says.</p>"}])


class InterestsRegisterPageFactory(PageFactory):
    """Pass `interests=[interest(...), ...]` for its rows."""

    class Meta:
        model = InterestsRegisterPage

    title = "Register of interests"
    slug = "register-of-interests"
    intro = "<p>What the members of our board have told us about their other interests.</p>"


class GiftsRegisterPageFactory(PageFactory):
    """Pass `gifts=[gift(...), ...]` for its rows."""

    class Meta:
        model = GiftsRegisterPage

    title = "Register of gifts and hospitality"
    slug = "gifts-and-hospitality"


class PublicationSchemePageFactory(PageFactory):
    class Meta:
        model = PublicationSchemePage

    title = "Publication scheme"
    slug = "publication-scheme"


def interest(**fields):
    """One row of the register of interests (unsaved: give it to the page's `interests`)."""
    values = {
        "member_name": "Sam Patel",
        "role": "Non-executive member",
        "interest": "Trustee of Stafford Carers Trust",
        "interest_type": "non_financial_personal",
        "date_from": datetime.date(2024, 4, 1),
        "date_to": None,
        "action": "Leaves the meeting when the trust's contract is discussed.",
    }
    return DeclaredInterest(**{**values, **fields})


def gift(**fields):
    """One row of the register of gifts and hospitality (unsaved: give it to the page's `gifts`)."""
    values = {
        "member_name": "Alex Jones",
        "role": "Chief executive",
        "offered": "Dinner at a conference",
        "offered_by": "Midlands Health Ltd",
        "value": 45,
        "date": datetime.date(2026, 3, 12),
        "outcome": GiftOrHospitality.DECLINED,
        "action": "",
    }
    return GiftOrHospitality(**{**values, **fields})


def make_governance(home):
    """The section as a site has it: /how-we-are-run/ with its board, one committee and the meetings index."""
    section = GovernancePageFactory(parent=home, intro="<p>How decisions are made.</p>")
    board = CommitteePageFactory(parent=section, title="Integrated care board", kind="board")
    committee = CommitteePageFactory(
        parent=section, title="Quality committee", kind="committee", chair="Sam Patel", reports_to=board
    )
    index = MeetingIndexPageFactory(parent=section)
    return {"section": section, "board": board, "committee": committee, "index": index}


def agenda_item(title, papers=(), purpose="decision", presenter="Chief executive", **extra):
    """One agenda item as StreamField data."""
    return {
        "type": "item",
        "value": {
            "title": title,
            "presenter": presenter,
            "purpose": purpose,
            "papers": [p.pk for p in papers],
            **extra,
        },
    }


def set_agenda(meeting, *items):
    """Give a published meeting this agenda and publish it again."""
    meeting.agenda = list(items)
    meeting.save_revision().publish()
    meeting.refresh_from_db()
    return meeting


def make_many_meetings(index, count, committees, start, every=datetime.timedelta(days=7), **fields):
    """`count` published meetings under `index`, one every `every` from `start` (a negative `every` goes
    back in time), each with its boards and committees and a live revision, in a few queries.

    They are real published pages (a page row, its meeting row, the committees ticked, a revision that is
    the live one), written in bulk: no search indexing and no publish signals, so the caller's content
    version is bumped here, as a publish would."""
    index.refresh_from_db()
    last = index.get_last_child()
    first_step = (int(last.path[-Page.steplen :], 36) + 1) if last else 1
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(MeetingPage)
    meetings = []
    for number in range(count):
        day = start + every * number
        title = f"Meeting {first_step + number}, {day:%-d %B %Y}"
        meeting = MeetingPage(
            title=title,
            draft_title=title,
            slug=slugify(title),
            content_type=content_type,
            path=Page._get_path(index.path, index.depth + 1, first_step + number),
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}{slugify(title)}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            locale_id=index.locale_id,
            date=day,
            start_time=datetime.time(10, 0),
            end_time=datetime.time(12, 0),
            attendance=MeetingPage.IN_PERSON,
            venue="Council chamber, Civic Centre",
            venue_address="Main Street\nStafford\nST16 1AA",
            **fields,
        )
        meeting.committees = committees
        meetings.append(meeting)
    page_fields = [field.attname for field in Page._meta.concrete_fields if not field.primary_key]
    rows = Page.objects.bulk_create([Page(**{name: getattr(m, name) for name in page_fields}) for m in meetings])
    for meeting, row in zip(meetings, rows, strict=True):
        meeting.id = meeting.page_ptr_id = row.pk
    MeetingPage._base_manager._insert(meetings, fields=MeetingPage._meta.local_concrete_fields, raw=True)
    through = MeetingPage._meta.get_field("committees").remote_field.through
    through.objects.bulk_create(
        [through(meetingpage_id=m.pk, committeepage_id=c.pk) for m in meetings for c in committees]
    )
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=content_type,
                base_content_type=ContentType.objects.get_for_model(Page),
                object_id=str(m.pk),
                object_str=m.title,
                content=m.serializable_data(),
                created_at=now,
            )
            for m in meetings
        ]
    )
    for row, revision in zip(rows, revisions, strict=True):
        row.live_revision = row.latest_revision = revision
    Page.objects.bulk_update(rows, ["live_revision", "latest_revision"])
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + count)
    index.refresh_from_db()
    content_version.bump()
    return meetings
