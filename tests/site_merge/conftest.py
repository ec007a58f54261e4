"""Two small sites to merge, built with factories: A ("Together We're Better", at 127.0.0.1, the default
site) and B ("Shropshire, Telford and Wrekin", at localhost). Each has a news section and "Our work";
both have a programme called "Mental health" (a slug clash) and a glossary, each with the term "ICS";
B also has partners (A has none), a vision with a page under it, an alias of A's privacy notice, two
old-site redirects and a known accessibility issue.

    A  /                 home           B  /                  home
       /news/            news index        /news/             news index
       /news/a-story/                      /news/b-story/
       /our-work/        programmes        /our-work/         programmes
       /our-work/mental-health/            /our-work/mental-health/
       /privacy/         standard          /our-work/maternity/
       /glossary/        glossary          /glossary/         glossary
                                           /our-vision/       vision
                                           /our-vision/history/
                                           /partners/         partner index
                                           /partners/shropshire-council/
                                           /privacy/          alias of A's /privacy/
                                           /contact/          standard
"""

from urllib.parse import urljoin, urlsplit

import pytest

from django.db import transaction

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from stp_site.glossary.models import GlossaryTerm
from stp_site.home.models import KnownAccessibilityIssue
from tests.conftest import page_tree_root
from tests.glossary.factories import GlossaryPageFactory
from tests.home.factories import HomePageFactory, StandardPageFactory, VisionPageFactory
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.partners.factories import PartnerIndexPageFactory, PartnerPageFactory
from tests.programmes.factories import ProgrammeIndexPageFactory, ProgrammePageFactory

A_HOST = "127.0.0.1"
B_HOST = "localhost"
A_URL = f"http://{A_HOST}"
B_URL = f"http://{B_HOST}"
SECTION = "/shropshire-telford-and-wrekin/"


class TwoSites(dict):
    def __getattr__(self, name):
        return self[name]


def build_two_sites():
    root = page_tree_root()
    for old in root.get_children():
        old.delete()
    Site.objects.all().delete()

    a_home = HomePageFactory(parent=root, title="Together We're Better", slug="staffordshire")
    a_news = NewsIndexPageFactory(parent=a_home)
    a_story = NewsPageFactory(parent=a_news, title="A story", slug="a-story")
    a_work = ProgrammeIndexPageFactory(parent=a_home)
    a_mental_health = ProgrammePageFactory(parent=a_work, title="Mental health", slug="mental-health")
    a_privacy = StandardPageFactory(parent=a_home, title="Privacy notice", slug="privacy")
    a_glossary = GlossaryPageFactory(parent=a_home)

    b_home = HomePageFactory(parent=root, title="Shropshire, Telford and Wrekin", slug="shropshire")
    b_news = NewsIndexPageFactory(parent=b_home)
    b_story = NewsPageFactory(parent=b_news, title="B story", slug="b-story")
    b_work = ProgrammeIndexPageFactory(parent=b_home)
    b_mental_health = ProgrammePageFactory(parent=b_work, title="Mental health in Shropshire", slug="mental-health")
    b_maternity = ProgrammePageFactory(parent=b_work, title="Maternity", slug="maternity")
    b_vision = VisionPageFactory(parent=b_home)
    b_history = StandardPageFactory(parent=b_vision, title="Our history", slug="history")
    b_partners = PartnerIndexPageFactory(parent=b_home)
    b_council = PartnerPageFactory(parent=b_partners, title="Shropshire Council", slug="shropshire-council")
    b_privacy = a_privacy.create_alias(parent=b_home)
    b_contact = StandardPageFactory(parent=b_home, title="Contact us", slug="contact")
    b_glossary = GlossaryPageFactory(parent=b_home)

    a_site = Site.objects.create(
        hostname=A_HOST, port=80, root_page=a_home, is_default_site=True, site_name="Together We're Better"
    )
    b_site = Site.objects.create(
        hostname=B_HOST, port=80, root_page=b_home, is_default_site=False, site_name="Shropshire, Telford and Wrekin"
    )
    old_site_redirect = Redirect.objects.create(site=b_site, old_path="/latest-news", redirect_page=b_news)
    old_vision_redirect = Redirect.objects.create(site=b_site, old_path="/about-us", redirect_page=b_vision)
    a_ics = GlossaryTerm.objects.create(site=a_site, term="ICS", meaning="Integrated care system.")
    b_ics = GlossaryTerm.objects.create(site=b_site, term="ICS", meaning="Our integrated care system.")
    b_pcn = GlossaryTerm.objects.create(site=b_site, term="PCN", meaning="Primary care network.")
    b_issue = KnownAccessibilityIssue.objects.create(site=b_site, description="Some maps have no text version.")
    return {name: value for name, value in locals().items() if hasattr(value, "pk") and name not in ("root", "old")}


@pytest.fixture(scope="module")
def _two_sites(django_db_setup, django_db_blocker):
    """The two sites, built once for the module in a transaction rolled back after its last test (as
    tests/conftest.py's demo_content): each test runs in a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_two_sites()
        yield {name: (type(value), value.pk) for name, value in built.items()}
        transaction.set_rollback(True)


@pytest.fixture
def sites(_two_sites, db):
    """The two sites' pages, sites and records, read afresh for each test (a merge changes them)."""
    return TwoSites({name: model._default_manager.get(pk=pk) for name, (model, pk) in _two_sites.items()})


def get(client, url):
    """GET a full URL on its own host (the test client's follow=True keeps the first request's host)."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return client.get(path, HTTP_HOST=parts.netloc)


def follow(client, url, hops=5):
    """The response at the end of a URL's redirects, and the URL it came from."""
    for _ in range(hops):
        response = get(client, url)
        if response.status_code not in (301, 302):
            return response, url
        url = urljoin(url, response["Location"])
    raise AssertionError(f"more than {hops} redirects from {url}")
