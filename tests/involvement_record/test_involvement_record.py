"""The involvement record: one Participation per record residents send, kept after the record is deleted,
counted per financial year by route and referral partner; the report each partnership's staff see and its
formula-safe CSV; query counts flat as the record grows."""

import csv
import datetime
import io

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from get_involved.models import SignUp
from get_involved.personal_data import erase, records_of
from stp_site.events.models import EventBooking
from stp_site.involvement_record.models import Kind, Participation, Route
from stp_site.involvement_record.record import engagements, financial_year_of, year_bounds
from tests import html as h
from tests.events.factories import EventBookingFactory, EventPageFactory
from tests.get_involved.factories import (
    GetInvolvedPageFactory,
    ReferenceGroupIndexPageFactory,
    ReferenceGroupPageFactory,
    SignUpFactory,
)
from tests.sites import add_site, default_site
from tests.staff import page_editor, sign_in

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/involvement-record/"
ZONE = timezone.get_fixed_timezone(0)


def at(year, month, day):
    return datetime.datetime(year, month, day, 12, tzinfo=ZONE)


def sign_ups(group, count, when, referral=None):
    return [SignUpFactory(group=group, created_at=when, referral=referral) for _ in range(count)]


@pytest.fixture
def second_site():
    site = add_site()
    get_involved = GetInvolvedPageFactory(parent=site.root_page)
    index = ReferenceGroupIndexPageFactory(parent=get_involved)
    return site, ReferenceGroupPageFactory(parent=index, title="Their group", slug="theirs")


def test_a_stored_sign_up_is_counted_once_and_the_count_outlives_it(group, partner):
    sign_up = SignUpFactory(group=group, referral=partner, email="ann@example.com")
    sign_up.full_name = "Changed"
    sign_up.save()  # saved again: still one
    counted = Participation.objects.get()
    assert (counted.kind, counted.page_id, counted.route, counted.referral_partner, counted.people) == (
        Kind.REFERENCE_GROUP,
        group.pk,
        Route.ONLINE,
        "Healthwatch Staffordshire",
        1,
    )
    assert counted.site == default_site()
    erase(records_of("ann@example.com"))
    assert not SignUp.objects.exists()
    assert Participation.objects.count() == 1  # counts only: nobody's details


def test_a_sign_up_through_the_form_is_counted(client, group, partner):
    from tests.get_involved.fixtures import valid_data

    assert client.post(group.url, valid_data(ref=partner.code)).status_code == 303
    assert Participation.objects.get().referral_partner == "Healthwatch Staffordshire"


def test_financial_years_run_april_to_march():
    assert financial_year_of(datetime.date(2026, 3, 31)) == 2025
    assert financial_year_of(datetime.date(2026, 4, 1)) == 2026
    start, end = year_bounds(2026)
    assert (start.date(), end.date()) == (datetime.date(2026, 4, 1), datetime.date(2027, 4, 1))


def test_the_record_counts_a_year_by_route_and_partner(group, partner, second_site):
    sign_ups(group, 3, at(2026, 5, 1), referral=partner)
    sign_ups(group, 2, at(2026, 9, 1))
    sign_ups(group, 4, at(2026, 3, 31))  # the year before
    sign_ups(second_site[1], 5, at(2026, 6, 1))  # another partnership's
    Participation.objects.filter(page=group, happened_at=at(2026, 9, 1)).update(route=Route.PHONE)

    [found] = engagements(2026, [default_site()])
    assert (found.title, found.kind, found.took_part) == (group.title, Kind.REFERENCE_GROUP.label, 5)
    assert (found.first_taken_part, found.last_taken_part) == (datetime.date(2026, 5, 1), datetime.date(2026, 9, 1))
    assert found.route_counts == [3, 2, 0, 0, 0]
    assert found.referral_partners == "Healthwatch Staffordshire: 3"
    assert [item.took_part for item in engagements(2025, [default_site()])] == [4]


def test_staff_see_their_own_sites_record_and_its_csv(client, group, partner, second_site):
    sign_ups(group, 2, timezone.now(), referral=partner)
    sign_ups(second_site[1], 3, timezone.now())
    evil = ReferenceGroupPageFactory(parent=group.get_parent(), title='=HYPERLINK("http://evil.example")', slug="evil")
    sign_ups(evil, 1, timezone.now())
    sign_in(client, page_editor(second_site[0].root_page, "their-editor"))

    response = client.get(REPORT)
    assert response.status_code == 200
    table = h.element(response.content, "table", class_="listing")
    titles = [h.text(h.elements(row, "td")[0]) for row in h.elements(h.element(table, "tbody"), "tr")]
    assert len(titles) == 1 and titles[0].startswith("Their group")

    sign_in(client, page_editor(group.get_site().root_page, "our-editor"))
    exported = client.get(REPORT, {"export": "csv"})
    assert exported.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(exported.streaming_content).decode())))
    by_title = {row["Engagement"]: row for row in rows}
    assert by_title[group.title]["People who took part"] == "2"
    assert by_title[group.title]["Online"] == "2"
    assert by_title[group.title]["Referral partners (people)"] == "Healthwatch Staffordshire: 2"
    assert '\'=HYPERLINK("http://evil.example")' in by_title  # a spreadsheet shows it, never runs it
    assert "Their group" not in by_title


def test_someone_without_page_permissions_gets_no_report(client, django_user_model):
    from django.contrib.auth.models import Permission

    person = django_user_model.objects.create_user("reader", password="x" * 16)
    person.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in(client, person)
    assert client.get(REPORT).status_code in (302, 403)


def report_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(REPORT).status_code == 200
    return len(queries)


def test_the_report_takes_the_same_queries_at_two_sizes(editor_client, get_involved, partner):
    groups = [ReferenceGroupPageFactory(parent=get_involved["index"], slug=f"group-{n}") for n in range(2)]
    for group in groups:
        sign_ups(group, 2, timezone.now(), referral=partner)
    editor_client.get(REPORT)  # warm
    small = report_queries(editor_client)
    groups += [ReferenceGroupPageFactory(parent=get_involved["index"], slug=f"more-{n}") for n in range(6)]
    for group in groups:
        sign_ups(group, 3, timezone.now())
    assert report_queries(editor_client) == small


def test_an_event_booking_counts_everyone_it_is_for(home):
    event = EventPageFactory(parent=home)
    EventBookingFactory(event=event, people=3)
    counted = Participation.objects.get()
    assert (counted.kind, counted.route, counted.people, counted.page_id) == (Kind.EVENT, Route.EVENT, 3, event.pk)
    booking = EventBooking.objects.get()
    booking.people = 1
    booking.save()  # they booked again, for fewer
    assert Participation.objects.get().people == 1
