"""Reports → Page feedback: the counts per page, least useful first (pages with enough votes), each
person seeing only the pages they may edit, the site filter, a page's comments, formula-safe CSV."""

import csv
import io

import pytest

from django.contrib.auth.models import Permission

from stp_site.page_feedback.models import PageFeedback
from stp_site.page_feedback.reports import MOST_VOTES, counts_by_page, feedback_for
from tests import html as h
from tests.home.factories import StandardPageFactory
from tests.sites import add_site
from tests.staff import page_editor, sign_in

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/page-feedback/"


def votes(page, yes=0, no=0, comments=()):
    PageFeedback.objects.bulk_create(
        [PageFeedback(page=page, useful=True) for _ in range(yes)]
        + [PageFeedback(page=page, useful=False) for _ in range(no)]
        + [PageFeedback(page=page, useful=useful, comment=text) for useful, text in comments]
    )


@pytest.fixture
def pages(home):
    """Three pages on the default site and one on a second partnership's."""
    made = {
        "poor": StandardPageFactory(parent=home, title="Poor page", slug="poor"),
        "good": StandardPageFactory(parent=home, title="Good page", slug="good"),
        "few": StandardPageFactory(parent=home, title="Few votes", slug="few"),
    }
    second = add_site()
    made["theirs"] = StandardPageFactory(parent=second.root_page, title="Their page", slug="theirs")
    votes(made["poor"], yes=1, no=4, comments=[(False, '=HYPERLINK("http://evil.example")')])
    votes(made["good"], yes=5, no=1, comments=[(True, "Clear."), (True, "Useful list.")])
    votes(made["few"], no=1)
    votes(made["theirs"], yes=1, no=9)
    return made


def rows(content):
    table = h.element(content, "table", class_="listing")
    return [[h.text(cell) for cell in h.elements(row, "td")] for row in h.elements(h.element(table, "tbody"), "tr")]


def test_counts_least_useful_first(pages, editor, settings):
    settings.PAGE_FEEDBACK_MIN_VOTES = 5
    found = list(counts_by_page(feedback_for(editor)))
    assert [row["page__title"] for row in found] == ["Their page", "Poor page", "Good page", "Few votes"]
    poor = found[1]
    assert (poor["yes"], poor["no"], poor["votes"], poor["percent_useful"], poor["comments"]) == (1, 5, 6, 17, 1)
    most = [row["page__title"] for row in counts_by_page(feedback_for(editor), MOST_VOTES)]
    assert most == ["Their page", "Good page", "Poor page", "Few votes"]


def test_the_report_page(client, pages, editor):
    sign_in(client, editor)
    response = client.get(REPORT)
    assert response.status_code == 200
    content = response.content.decode()
    assert rows(content)[1] == ["Poor page", "1", "5", "17%", "1 comment on Poor page"]
    assert rows(content)[3] == ["Few votes", "0", "1", "0% (only 1 vote)", "None"]
    # Two sites: the filter offers both; choosing one shows its pages only.
    site = pages["theirs"].get_site()
    filtered = client.get(REPORT, {"site": site.pk}).content.decode()
    assert [row[0] for row in rows(filtered)] == ["Their page"]
    dated = client.get(REPORT, {"created_at_from": "2000-01-01", "created_at_to": "2000-12-31"}).content.decode()
    assert "No feedback has been sent" in dated
    assert client.get(REPORT, {"order": MOST_VOTES}).status_code == 200


def test_staff_see_only_the_pages_they_may_edit(client, pages):
    theirs = page_editor(pages["theirs"].get_site().root_page, "second-editor")
    sign_in(client, theirs)
    content = client.get(REPORT).content.decode()
    assert [row[0] for row in rows(content)] == ["Their page"]
    assert 'name="site"' not in content  # their one site: no site filter naming the others
    assert client.get(f"{REPORT}{pages['poor'].pk}/").status_code == 404
    assert client.get(f"{REPORT}{pages['theirs'].pk}/").status_code == 200


def test_people_without_page_permissions_are_refused(client, pages, django_user_model):
    assert client.get(REPORT).status_code == 302  # to the sign-in page
    nobody = django_user_model.objects.create_user("nobody", password="x" * 16)
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in(client, nobody)
    assert client.get(REPORT).status_code in (302, 403)
    assert client.get(f"{REPORT}{pages['poor'].pk}/").status_code == 404


def test_a_pages_comments_and_the_formula_safe_exports(client, pages, editor):
    sign_in(client, editor)
    content = client.get(f"{REPORT}{pages['good'].pk}/").content.decode()
    assert sorted(row[2] for row in rows(content)) == ["Clear.", "Useful list."]
    exported = client.get(f"{REPORT}{pages['poor'].pk}/", {"export": "csv"})
    assert exported.status_code == 200
    (row,) = csv.DictReader(io.StringIO(b"".join(exported.streaming_content).decode()))
    assert row["Comment"] == '\'=HYPERLINK("http://evil.example")'
    assert row["Useful"] == "No"
    report = client.get(REPORT, {"export": "csv"})
    lines = list(csv.DictReader(io.StringIO(b"".join(report.streaming_content).decode())))
    assert [line["Page"] for line in lines][:2] == ["Their page", "Poor page"]
    assert lines[1]["% useful"] == "17"


def test_the_menu_item(client, pages, editor):
    sign_in(client, editor)
    assert REPORT in client.get("/admin/reports/").content.decode() or REPORT in client.get("/admin/").content.decode()


def test_staff_can_delete_a_comment_and_keep_its_vote(client, pages):
    theirs = page_editor(pages["theirs"].get_site().root_page, "second-editor")
    PageFeedback.objects.create(page=pages["theirs"], useful=False, comment="My name is Sam")
    mine = PageFeedback.objects.get(comment="My name is Sam")
    other = PageFeedback.objects.get(comment="Clear.")
    sign_in(client, theirs)
    assert client.get(f"{REPORT}comments/{mine.pk}/delete/").status_code == 405
    assert client.post(f"{REPORT}comments/{other.pk}/delete/").status_code == 404  # another site's
    response = client.post(f"{REPORT}comments/{mine.pk}/delete/")
    assert response.status_code == 302
    mine.refresh_from_db()
    other.refresh_from_db()
    assert (mine.comment, mine.useful, other.comment) == ("", False, "Clear.")


def test_a_pages_feedback_from_its_header_in_the_admin(client, pages, editor):
    sign_in(client, editor)
    url = f"{REPORT}{pages['good'].pk}/"
    assert url in client.get(f"/admin/pages/{pages['good'].pk}/edit/").content.decode()
    content = client.get(url).content.decode()
    assert h.text(h.element(content, "p", class_="page-feedback-counts")) == (
        "Yes: 7. No: 1. 88% useful. Comments kept: 2."
    )
    assert h.texts(content, "h1") == ["Feedback on Good page"]
