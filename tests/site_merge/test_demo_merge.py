"""The issue's own test: merge the two demo partnerships (`manage.py load_demo_content`), Shropshire,
Telford and Wrekin (localhost) into Together We're Better (127.0.0.1), and follow every address in
Shropshire's old sitemap, and its old website's redirects, to a page that answers 200 on 127.0.0.1."""

import csv
import xml.etree.ElementTree as ET
from io import StringIO

import pytest

from django.core.management import call_command

from wagtail.models import Site

from stp_site.core.demo import FIXTURES
from stp_site.governance.registers import InterestsRegisterPage
from tests import html as h

from .conftest import follow, get

pytestmark = pytest.mark.usefixtures("demo")

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
A_URL, B_URL = "http://127.0.0.1", "http://localhost"


def sitemap_urls(client, host):
    response = client.get("/sitemap.xml", HTTP_HOST=host)
    assert response.status_code == 200
    return [loc.text for loc in ET.fromstring(response.content).findall("sm:url/sm:loc", SITEMAP_NS)]  # noqa: S314


def old_site_paths():
    with open(FIXTURES / "shropshire-telford-and-wrekin" / "redirects.csv", newline="", encoding="utf-8") as handle:
        return [row["from"] for row in csv.DictReader(handle)]


def test_merging_the_demo_sites_leaves_every_old_address_one_redirect_from_a_page_on_a(client):
    old_urls = sitemap_urls(client, "localhost")
    assert len(old_urls) > 20 and all(url.startswith(f"{B_URL}/") for url in old_urls)
    old_site = [f"{B_URL}{path}" for path in old_site_paths()]
    assert all(follow(client, url)[0].status_code == 200 for url in old_site)

    out = StringIO()
    call_command("merge_sites", "localhost", "127.0.0.1", stdout=out)
    assert "Merged Shropshire, Telford and Wrekin into Together We're Better" in out.getvalue()

    for url in old_urls:
        response = get(client, url)
        assert response.status_code == 301, url
        assert response["Location"].startswith(f"{A_URL}/"), (url, response["Location"])
        landed, at = follow(client, url)
        assert landed.status_code == 200, (url, at)
        assert at == response["Location"], (url, "more than one redirect")
    for url in old_site:
        landed, at = follow(client, url)
        assert landed.status_code == 200 and at.startswith(f"{A_URL}/"), (url, at)
    # Shropshire's news is in Together We're Better's now, and its feed lists it.
    feed, _ = follow(client, f"{B_URL}/news/feed/")
    assert feed.status_code == 200
    assert all(get(client, url).status_code == 200 for url in sitemap_urls(client, "127.0.0.1"))
    # Shropshire's own pages are a section of Together We're Better's site, called by its name.
    vision, _ = follow(client, f"{B_URL}/our-vision/")
    assert ">Shropshire, Telford and Wrekin</a>" in vision.content.decode()  # the breadcrumb back to the section
    # Shropshire's meetings are in Together We're Better's meetings page, and the meeting in common of the
    # two boards (written on Shropshire's site, shown on the other as a copy) is listed once.
    meetings = client.get("/how-we-are-run/board-meetings/", HTTP_HOST="127.0.0.1").content.decode()
    upcoming = h.element(meetings, "section", aria_labelledby="upcoming")
    titles = h.texts(upcoming, "a")
    assert sum(title.startswith("Meeting in common of the two boards") for title in titles) == 1, titles
    assert sum(title.startswith("Board meeting") for title in titles) == 2, titles  # one of each partnership's
    # Each board's registers are kept, side by side; Shropshire's publication scheme leads to the one
    # publication scheme, which lists what is tagged anywhere on the merged site.
    section_path = Site.objects.get(hostname="127.0.0.1").root_page.path
    registers = InterestsRegisterPage.objects.filter(path__startswith=section_path).live()
    assert registers.count() == 2
    scheme, at = follow(client, f"{B_URL}/how-we-are-run/publication-scheme/")
    assert scheme.status_code == 200 and at == f"{A_URL}/how-we-are-run/publication-scheme/"
