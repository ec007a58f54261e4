"""Old addresses keep working: a renamed or moved page redirects from its old URL, and staff can import
the old website's redirects (in the admin with full URLs, or with `import_old_site_redirects` with
paths). The demo's redirects from the old site: tests/core/test_demo_content.py."""

import io

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from wagtail.contrib.redirects.models import Redirect

from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_renamed_page_old_url_redirects_301(client, home, django_capture_on_commit_callbacks):
    page = StandardPageFactory(parent=home, title="Help", slug="help", listing_summary="Help.")
    assert client.get("/help/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail makes the redirect once the rename commits
        page.slug = "get-help"
        page.save_revision().publish()
    response = client.get("/help/")
    assert response.status_code == 301
    assert response["Location"].endswith("/get-help/")
    assert client.get("/get-help/").status_code == 200


def test_moved_page_old_url_redirects_301(client, home):
    parent = StandardPageFactory(parent=home, title="About", slug="about")
    page = StandardPageFactory(parent=home, title="Team", slug="team")
    page.move(parent, pos="last-child", user=None)
    response = client.get("/team/")
    assert response.status_code == 301
    assert response["Location"].endswith("/about/team/")


def import_in_the_admin(client, csv):
    """Wagtail's two-step redirect import (Settings > Redirects > Import): upload, then choose columns."""
    response = client.post(
        "/admin/redirects/import/", {"import_file": SimpleUploadedFile("old-site.csv", csv, "text/csv")}
    )
    assert response.status_code == 200
    form = response.context["form"]
    return client.post(
        "/admin/redirects/import/process/",
        {
            "import_file_name": form.initial["import_file_name"],
            "input_format": form.initial["input_format"],
            "from_index": 0,
            "to_index": 1,
            "permanent": "on",
            "site": "",
        },
    )


def test_staff_can_import_old_site_redirects_in_the_admin(editor_client, home):
    """Wagtail's redirect import (Settings > Redirects > Import) with the demo's from,to CSV format.
    The admin import wants absolute URLs in the 'to' column; see docs/findability.md."""
    StandardPageFactory(parent=home, title="Privacy notice", slug="privacy")
    csv = (
        b"from,to\n/privacy-policy,https://www.twbstaffsandstoke.org.uk/privacy/\n"
        b"/news-and-events/1-old-story,https://www.twbstaffsandstoke.org.uk/news/\n"
    )
    response = import_in_the_admin(editor_client, csv)
    assert response.status_code == 302, response.context.get("import_summary")
    assert Redirect.objects.filter(old_path="/privacy-policy", is_permanent=True).exists()
    response = editor_client.get("/privacy-policy")
    assert response.status_code == 301
    assert response["Location"] == "https://www.twbstaffsandstoke.org.uk/privacy/"


def test_admin_import_rejects_relative_targets_so_paths_use_the_command(editor_client, home, tmp_path):
    """Wagtail's admin import checks the 'to' column as a full URL, so the demo CSV's paths
    (/privacy/) are refused there; `manage.py import_old_site_redirects` takes paths."""
    response = import_in_the_admin(editor_client, b"from,to\n/privacy-policy,/privacy/\n")
    assert response.context["import_summary"]["errors"] == [["/privacy-policy", "/privacy/", "Enter a valid URL."]]

    StandardPageFactory(parent=home, title="Privacy notice", slug="privacy")

    csv_file = tmp_path / "old-site.csv"
    csv_file.write_text("from,to\n/privacy-policy,/privacy/\n/old-news,/news/\n")
    out = io.StringIO()
    call_command("import_old_site_redirects", str(csv_file), stdout=out)
    assert "Added 2 redirects" in out.getvalue()
    assert Redirect.objects.get(old_path="/privacy-policy").redirect_page.title == "Privacy notice"
    response = editor_client.get("/old-news")
    assert response.status_code == 301 and response["Location"] == "/news/"
