"""Machine-readable parts every page shares: robots.txt, the favicon and the organisation's JSON-LD.
The sitemap and every page's description, canonical address and Open Graph tags are checked on the
real demo pages in tests/core/test_demo_content.py."""

import pytest

from stp_site.core.models import SiteSettings
from tests import html as h
from tests.sites import default_site

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("with_site", [False, True], ids=["no-site-yet", "site"])
def test_robots_txt_disallows_admin_and_links_the_sitemap(client, request, with_site):
    if with_site:
        request.getfixturevalue("home")
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_favicon_redirects_to_static_file(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.ico")


def test_home_page_has_government_organization_json_ld(client, home):
    site_settings = SiteSettings.for_site(default_site())
    site_settings.organisation_name = "Together We're Better"
    site_settings.phone = "0306 999 0123"
    site_settings.save()
    response = client.get("/")
    data = h.json_ld(response.content)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentOrganization"
    assert data["name"] == "Together We're Better"
    assert data["url"] == "http://testserver/"
    assert data["telephone"] == "0306 999 0123"
    # The policy still allows no inline script: the JSON-LD block is data, never run.
    assert "script-src 'self';" in response["Content-Security-Policy"]


def test_json_ld_cannot_break_out_of_its_script_element(client, home):
    settings = SiteSettings.for_site(default_site())
    settings.organisation_name = "Us </script><script>alert(1)</script>"
    settings.save()
    document = h.document(client.get("/").content)
    block = h.text(h.element(document, "script", type="application/ld+json"))
    assert "<" not in block
    assert h.json_ld(document)["name"] == "Us </script><script>alert(1)</script>"
