"""The registers of interests and of gifts and hospitality: where they go, the tables residents read (a
caption, headers with scope, a heading beside each cell on a phone), "last updated" (set when the rows
change), the CSV download (safe to open in a spreadsheet), and the review report listing a register
that has not been updated for too long."""

import csv
import datetime
import io

import pytest

from django.utils import timezone

from wagtail.models import Site

from stp_site.governance.models import GovernancePage, GovernanceSettings
from stp_site.governance.registers import GiftsRegisterPage, InterestsRegisterPage, csv_safe
from tests import html as h
from tests.sites import add_site

from .factories import (
    GiftsRegisterPageFactory,
    InterestsRegisterPageFactory,
    gift,
    interest,
    make_governance,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def section(home):
    return make_governance(home)["section"]


@pytest.fixture
def interests(section):
    return InterestsRegisterPageFactory(
        parent=section,
        interests=[
            interest(
                member_name="Sam Patel",
                role="Non-executive member",
                interest='Director of "Patel, Hughes & Co", which advises GP practices',
                interest_type="financial",
                date_from=datetime.date(2024, 4, 1),
                date_to=None,
                action="Leaves the meeting when contracts with the company are discussed.",
            ),
            interest(
                member_name='=HYPERLINK("http://evil.example")',
                role="+Chief nurse",
                interest="-Governor of Stafford College",
                interest_type="non_financial_professional",
                date_from=datetime.date(2023, 9, 1),
                date_to=datetime.date(2025, 8, 31),
                action="@none",
            ),
        ],
    )


@pytest.fixture
def gifts(section):
    return GiftsRegisterPageFactory(
        parent=section,
        gifts=[
            gift(member_name="Alex Jones", offered="Dinner at a conference", value=45, outcome="declined"),
            gift(member_name="Jo Hughes", offered="Box of chocolates", value=None, outcome="accepted"),
        ],
    )


def table(html):
    return h.element(html, "table", class_="nhsuk-table-responsive")


def test_both_registers_go_under_how_we_are_run(section):
    allowed = GovernancePage.allowed_subpage_models()
    assert InterestsRegisterPage in allowed and GiftsRegisterPage in allowed
    assert InterestsRegisterPage.allowed_parent_page_models() == [GovernancePage]
    InterestsRegisterPageFactory(parent=section)
    # A second is allowed: after two partnerships' sites merge, each board's register is kept.
    assert InterestsRegisterPage.can_create_at(section)
    assert GiftsRegisterPage.can_create_at(section)


def test_the_register_of_interests_is_an_accessible_responsive_table(client, interests):
    response = client.get("/how-we-are-run/register-of-interests/")
    assert response.status_code == 200
    html = response.content.decode()
    found = table(html)
    assert h.text(h.element(found, "caption")) == "Interests declared by members of the board and its committees"
    headers = h.elements(h.element(found, "thead"), "th")
    assert [h.text(header) for header in headers] == [
        "Name",
        "Role",
        "Interest declared",
        "Type of interest",
        "From",
        "To",
        "Action taken",
    ]
    assert all(dict(header.attributes)["scope"] == "col" for header in headers)
    rows = h.elements(h.element(found, "tbody"), "tr")
    assert len(rows) == 2
    # Each row's name is its header; every cell carries its column's heading for phones, hidden from
    # screen readers (they read the real headers).
    assert dict(h.element(rows[0], "th").attributes)["scope"] == "row"
    spans = h.elements(rows[0], "span", class_="nhsuk-table-responsive__heading")
    assert [h.text(span) for span in spans] == [h.text(header) for header in headers]
    assert all(dict(span.attributes)["aria-hidden"] == "true" for span in spans)
    first = [h.text(cell) for cell in h.elements(rows[0], "td")]
    assert first == [
        "Role Non-executive member",
        'Interest declared Director of "Patel, Hughes & Co", which advises GP practices',
        "Type of interest Financial",
        "From 1 April 2024",
        "To Ongoing",
        "Action taken Leaves the meeting when contracts with the company are discussed.",
    ]
    second = [h.text(cell) for cell in h.elements(rows[1], "td")]
    assert "To 31 August 2025" in second and "Type of interest Non-financial professional" in second
    assert "Last updated: " + timezone.localdate().strftime("%-d %B %Y") in h.text(
        h.element(html, "p", class_="register-updated")
    )
    assert "/how-we-are-run/register-of-interests/csv/" in h.hrefs(html)


def test_the_register_of_gifts_and_hospitality_shows_value_date_and_outcome(client, gifts):
    html = client.get("/how-we-are-run/gifts-and-hospitality/").content.decode()
    found = table(html)
    assert h.text(h.element(found, "caption")) == (
        "Gifts and hospitality offered to members of the board and its committees"
    )
    assert h.texts(h.element(found, "thead"), "th") == [
        "Name",
        "Role",
        "What was offered",
        "Offered by",
        "Value (about)",
        "Date",
        "Accepted or declined",
        "Action taken",
    ]
    rows = h.elements(h.element(found, "tbody"), "tr")
    cells = [h.text(cell) for cell in h.elements(rows[0], "td")]
    assert "Value (about) £45" in cells and "Accepted or declined Declined" in cells
    assert "Date 12 March 2026" in cells and "Action taken None needed" in cells
    assert "Value (about) Not known" in [h.text(cell) for cell in h.elements(rows[1], "td")]


def test_an_empty_register_says_so_and_offers_no_download(client, section):
    InterestsRegisterPageFactory(parent=section)
    html = client.get("/how-we-are-run/register-of-interests/").content.decode()
    assert "No one has declared an interest yet." in html
    assert not h.elements(html, "table")
    assert "/how-we-are-run/register-of-interests/csv/" not in h.hrefs(html)


def test_search_finds_a_register_by_a_members_name(client, interests):
    html = client.get("/search/?q=Patel").content.decode()
    assert "/how-we-are-run/register-of-interests/" in h.hrefs(html)


# --- The CSV ---------------------------------------------------------------------------------------------


def test_the_csv_is_a_dated_download_of_every_row(client, interests):
    response = client.get("/how-we-are-run/register-of-interests/csv/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate()
    assert response["Content-Disposition"] == f'attachment; filename="register-of-interests-{today:%Y-%m-%d}.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Name",
        "Role",
        "Interest declared",
        "Type of interest",
        "From",
        "To",
        "Action taken",
        "Register last updated",
    ]
    assert rows[1] == [
        "Sam Patel",
        "Non-executive member",
        'Director of "Patel, Hughes & Co", which advises GP practices',  # a comma and quotes survive
        "Financial",
        "2024-04-01",
        "Ongoing",
        "Leaves the meeting when contracts with the company are discussed.",
        today.isoformat(),
    ]
    # A cell a spreadsheet would run as a formula is text.
    assert rows[2][:3] == ['\'=HYPERLINK("http://evil.example")', "'+Chief nurse", "'-Governor of Stafford College"]
    assert rows[2][4:7] == ["2023-09-01", "2025-08-31", "'@none"]
    assert len(rows) == 3


def test_the_gifts_csv_gives_the_value_as_a_number(client, gifts):
    response = client.get("/how-we-are-run/gifts-and-hospitality/csv/")
    assert response["Content-Disposition"].startswith('attachment; filename="gifts-and-hospitality-')
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["Value (about)"] for row in rows] == ["45.00", ""]
    assert [row["Accepted or declined"] for row in rows] == ["Declined", "Accepted"]
    assert rows[0]["Date"] == "2026-03-12"


def test_csv_safe_prefixes_only_formula_cells():
    assert [csv_safe(value) for value in ("=1+1", "+44", "-5", "@SUM", "\tx", "Plain", "a=b", None, 45)] == [
        "'=1+1",
        "'+44",
        "'-5",
        "'@SUM",
        "'\tx",
        "Plain",
        "a=b",
        "",
        "45",
    ]


def test_each_site_serves_only_its_own_register(client, interests):
    second = add_site()
    response = client.get("/how-we-are-run/register-of-interests/csv/", HTTP_HOST=second.hostname)
    assert response.status_code == 404


# --- Last updated ----------------------------------------------------------------------------------------


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_last_updated_moves_to_today_when_a_publish_changes_the_rows(interests):
    long_ago = timezone.localdate() - 200 * DAY
    InterestsRegisterPage.objects.filter(pk=interests.pk).update(last_updated=long_ago)
    page = InterestsRegisterPage.objects.get(pk=interests.pk)

    page.intro = "<p>A new introduction, the same rows.</p>"
    assert publish(page).last_updated == long_ago

    row = page.interests.all()[0]
    row.action = "Does not vote on the company's contracts."
    page.interests = [row, *page.interests.all()[1:]]
    assert publish(page).last_updated == timezone.localdate()


def test_a_date_the_editor_sets_is_kept(interests):
    page = InterestsRegisterPage.objects.get(pk=interests.pk)
    chosen = timezone.localdate() - 3 * DAY
    page.last_updated = chosen
    page.interests = [*page.interests.all(), interest(member_name="New member")]
    assert publish(page).last_updated == chosen


def test_a_draft_does_not_change_the_date(interests):
    long_ago = timezone.localdate() - 200 * DAY
    InterestsRegisterPage.objects.filter(pk=interests.pk).update(last_updated=long_ago)
    page = InterestsRegisterPage.objects.get(pk=interests.pk)
    page.interests = [interest(member_name="Someone new")]
    page.save_revision()
    assert InterestsRegisterPage.objects.get(pk=page.pk).last_updated == long_ago


# --- The review report -----------------------------------------------------------------------------------


def test_the_review_report_lists_a_register_not_updated_for_too_long(editor_client, interests, gifts, home):
    today = timezone.localdate()
    settings = GovernanceSettings.for_site(Site.objects.get(root_page=home))
    settings.register_review_days = 60
    settings.save()
    InterestsRegisterPage.objects.filter(pk=interests.pk).update(last_updated=today - 70 * DAY)
    # The gifts register was updated today: due in 60 days, beyond the report's 30.
    html = editor_client.get("/admin/reports/review-due/").content.decode()
    assert "Register of interests" in html and "Overdue by 10 days" in html
    assert f"Register last updated {(today - 70 * DAY):%-d %B %Y}" in html
    assert f"/admin/pages/{interests.pk}/edit/" in html
    assert "Register of gifts and hospitality" not in html

    # Once it is brought up to date, it leaves the report.
    InterestsRegisterPage.objects.filter(pk=interests.pk).update(last_updated=today)
    assert "Register of interests" not in editor_client.get("/admin/reports/review-due/").content.decode()


def test_the_review_period_is_a_setting_of_each_site_defaulting_to_90_days(editor_client, interests):
    InterestsRegisterPage.objects.filter(pk=interests.pk).update(last_updated=timezone.localdate() - 80 * DAY)
    html = editor_client.get("/admin/reports/review-due/").content.decode()
    assert "Register of interests" in html and "Due in 10 days" in html
    settings_html = editor_client.get(
        f"/admin/settings/governance/governancesettings/{Site.objects.get().pk}/"
    ).content.decode()
    assert 'name="register_review_days"' in settings_html


def test_the_editor_shows_only_each_registers_own_rows(editor_client, interests, gifts):
    html = editor_client.get(f"/admin/pages/{interests.pk}/edit/").content.decode()
    assert "interests-TOTAL_FORMS" in html and "gifts-TOTAL_FORMS" not in html
    html = editor_client.get(f"/admin/pages/{gifts.pk}/edit/").content.decode()
    assert "gifts-TOTAL_FORMS" in html and "interests-TOTAL_FORMS" not in html
    assert "publication_scheme_classes-TOTAL_FORMS" in html  # the Promote tab's "Publication scheme"
