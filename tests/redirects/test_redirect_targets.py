"""Redirect targets are a path on this site or a full http(s) address, and a query string goes only to
this site's pages."""

import io

import pytest

from django.core.management import call_command

from wagtail.contrib.redirects.models import Redirect

from stp_site.home.models import StandardPage
from tests.factories import publish

pytestmark = pytest.mark.django_db


def test_import_refuses_targets_that_are_not_a_path_or_a_web_address(home, tmp_path):
    publish(home, StandardPage(title="Contact us", slug="contact-us"))
    csv_file = tmp_path / "redirects.csv"
    csv_file.write_text(
        "from,to\n"
        "/old-contact/,/contact-us/\n"
        "/old-nhs/,https://www.nhs.uk/\n"
        "/evil/,//evil.example/phish\n"
        "/script/,javascript:alert(1)\n"
        "/backslash/,/\\evil.example/\n",
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("import_old_site_redirects", str(csv_file), stdout=out, stderr=err)
    assert "Added 2 redirects." in out.getvalue()
    assert sorted(Redirect.objects.values_list("old_path", flat=True)) == ["/old-contact", "/old-nhs"]
    assert "Line 4 not imported: '//evil.example/phish'" in err.getvalue()
    assert "Line 5 not imported: 'javascript:alert(1)'" in err.getvalue()
    assert "Line 6 not imported" in err.getvalue()


def test_query_string_is_kept_for_this_sites_pages_only(client, home):
    page = publish(home, StandardPage(title="Join", slug="join"))
    Redirect.add_redirect("/old-join/", redirect_to=page, is_permanent=True)
    Redirect.add_redirect("/old-nhs/", redirect_to="https://www.nhs.uk/", is_permanent=True)
    local = client.get("/old-join/?ref=healthwatch-staffordshire")
    assert local.status_code == 301
    assert local["Location"] == "/join/?ref=healthwatch-staffordshire"
    external = client.get("/old-nhs/?ref=healthwatch-staffordshire&email=someone@example.com")
    assert external.status_code == 301
    assert external["Location"] == "https://www.nhs.uk/"
