"""The "Pages due for review" admin report: overdue pages first, then those due soon, with their owner."""

import datetime

import pytest

from django.utils import timezone

from tests.home.factories import StandardPageFactory, VisionPageFactory

pytestmark = pytest.mark.django_db


def test_review_report_lists_overdue_and_soon_due_pages_with_owner(editor_client, editor, home):
    today = timezone.localdate()
    overdue = StandardPageFactory(
        parent=home,
        title="Old opening times",
        slug="old",
        next_review_due=today - datetime.timedelta(days=10),
        last_reviewed=today - datetime.timedelta(days=375),
        owner=editor,
    )
    StandardPageFactory(
        parent=home, title="Due soon page", slug="soon", next_review_due=today + datetime.timedelta(days=20)
    )
    StandardPageFactory(
        parent=home, title="Fresh page", slug="fresh", next_review_due=today + datetime.timedelta(days=200)
    )
    VisionPageFactory(parent=home, title="Vision due", slug="vision", vision_statement="X", next_review_due=today)

    response = editor_client.get("/admin/reports/review-due/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pages due for review" in html
    assert "Old opening times" in html and "Overdue by 10 days" in html
    assert "editor" in html  # the owner
    assert "Due soon page" in html and "Due in 20 days" in html
    assert "Vision due" in html and "Due today" in html
    assert "Fresh page" not in html
    assert html.index("Old opening times") < html.index("Vision due") < html.index("Due soon page")
    assert f"/admin/pages/{overdue.pk}/edit/" in html
    # The report is in the admin's Reports menu.
    assert "/admin/reports/review-due/" in editor_client.get("/admin/").content.decode()


def test_review_report_is_staff_only(client, home):
    response = client.get("/admin/reports/review-due/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
