"""Two partnerships, each a Wagtail site with its own staff groups (ensure_partnership), and on each the
same things: a page due for review, a page waiting for approval, a locked page, an image and a document
in its collection, a glossary term, a known accessibility issue, and a reference group with a sign-up.

Everything of Together We're Better (Staffordshire) says "Leek"; everything of Shropshire, Telford and
Wrekin says "Ludlow", so a test can tell whose it sees from the words alone."""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from wagtail.models import Page, Site
from wagtail.test.utils.form_data import querydict_from_html

from get_involved.models import EqualityAnswers
from stp_site.glossary.models import GlossaryTerm
from stp_site.home.models import KnownAccessibilityIssue
from stp_site.partnerships.staff_groups import ensure_partnership
from tests.conftest import page_tree_root
from tests.factories import DocumentFactory, ImageFactory
from tests.get_involved.factories import (
    GetInvolvedPageFactory,
    ReferenceGroupIndexPageFactory,
    ReferenceGroupPageFactory,
    SignUpFactory,
)
from tests.home.factories import HomePageFactory, StandardPageFactory
from tests.staff import sign_in


@dataclass
class Side:
    """One partnership's site, its staff set-up (a Partnership) and what is on it."""

    town: str
    site: Site
    partnership: object
    home: Page
    page: Page = None  # published, due for review within the month
    waiting: Page = None  # a draft submitted for approval
    locked: Page = None
    image: object = None
    document: object = None
    term: GlossaryTerm = None
    issue: KnownAccessibilityIssue = None
    group: Page = None  # a reference group
    sign_up: object = None
    staff: dict = field(default_factory=dict)


def member(username, *groups):
    user = get_user_model().objects.create_user(username, email=f"{username}@example.org", password="x" * 16)
    user.groups.add(*groups)
    return user


def build_side(town, home_title, site_name, hostname, home_slug, default, writer):
    home = HomePageFactory(parent=Page.get_first_root_node(), title=home_title, slug=home_slug)
    site = Site.objects.create(
        hostname=hostname, port=80, root_page=home, is_default_site=default, site_name=site_name
    )
    partnership, _ = ensure_partnership(site)
    side = Side(town=town, site=site, partnership=partnership, home=home)
    soon = timezone.localdate() + timedelta(days=5)
    side.page = StandardPageFactory(
        parent=home, title=f"{town} winter plan", slug="winter-plan", next_review_due=soon, listing_summary="Winter."
    )
    side.waiting = StandardPageFactory(parent=home, title=f"{town} new clinic", slug="new-clinic", live=False)
    side.locked = StandardPageFactory(parent=home, title=f"{town} opening times", slug="opening-times")
    side.image = ImageFactory(title=f"{town} clinic photo", collection=partnership.collection)
    side.document = DocumentFactory(title=f"{town} annual report", collection=partnership.collection)
    side.term = GlossaryTerm.objects.create(site=site, term=f"{town} ICB", meaning=f"The {town} health board.")
    side.issue = KnownAccessibilityIssue.objects.create(site=site, description=f"The {town} map has no text version.")
    get_involved = GetInvolvedPageFactory(parent=home)
    index = ReferenceGroupIndexPageFactory(parent=get_involved)
    side.group = ReferenceGroupPageFactory(parent=index, title=f"{town} digital group", slug="digital")
    side.sign_up = SignUpFactory(group=side.group, full_name=f"{town} Resident", email=f"{town.lower()}@example.com")
    for number in range(5):  # enough equality answers for the summary to show numbers
        answered = SignUpFactory(group=side.group, full_name=f"{town} Person {number}")
        EqualityAnswers.objects.create(sign_up=answered, consent=True, age_band="25_34")
    return side


@pytest.fixture
def partnerships(db):
    """(staffordshire, shropshire): each a Side, with its staff in side.staff by role."""
    root = page_tree_root()
    for page in root.get_children():
        page.delete()
    Site.objects.all().delete()
    writer = get_user_model().objects.create_superuser("writer", "writer@example.org", "x" * 16)
    staffordshire = build_side(
        "Leek", "Together We're Better", "Together We're Better", "localhost", "home", True, writer
    )
    shropshire = build_side(
        "Ludlow",
        "Shropshire, Telford and Wrekin",
        "Shropshire, Telford and Wrekin",
        "shropshire.localhost",
        "shropshire-telford-and-wrekin",
        False,
        writer,
    )
    for side in (staffordshire, shropshire):
        short = side.town.lower()
        record = side.partnership
        side.staff = {
            "comms editor": member(f"{short}_editor", record.comms_editors),
            "approver": member(f"{short}_approver", record.approvers),
            "coordinator": member(f"{short}_coordinator", record.coordinators),
            "equality monitor": member(f"{short}_equality", record.equality_monitoring),
        }
        side.waiting.save_revision(user=side.staff["comms editor"])
        side.waiting.get_workflow().start(side.waiting, side.staff["comms editor"])
        side.locked.locked, side.locked.locked_by, side.locked.locked_at = True, writer, timezone.now()
        side.locked.save()
    # The Shropshire coordinator is named on both partnerships' groups (say, by a mistake on the
    # Staffordshire page): they still see only Shropshire's, the partnership they coordinate for.
    for side in (staffordshire, shropshire):
        side.group.coordinators.add(shropshire.staff["coordinator"], staffordshire.staff["coordinator"])
        side.group.save()
    return staffordshire, shropshire


@pytest.fixture
def cluster_administrator(partnerships):
    return member("cluster_admin", partnerships[0].partnership.cluster_administrators)


def signed_in(client, user):
    sign_in(client, user)
    return client


def html(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def refused(response):
    """Wagtail answers a page someone may not open with 403, or a redirect to the dashboard with a message."""
    return response.status_code in (302, 403, 404)


def edit_form(page):
    """The page's edit form as a browser would post it, read by a superuser (the person posting may not
    be allowed to open it)."""
    superuser = get_user_model().objects.filter(is_superuser=True).first()
    reader = signed_in(Client(), superuser)
    data = querydict_from_html(html(reader.get(f"/admin/pages/{page.pk}/edit/")), form_id="page-edit-form")
    data.setdefault("body-count", "0")
    return data
