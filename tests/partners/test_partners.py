"""Partners: the index groups partner organisations by type with logo and summary; a partner page shows
who they are, their role, area, contact details and objectives, and lists the programmes that name it
(from the programme pages, never entered twice). Queries stay flat; the demo builds every partner once."""

import re

import pytest

from django.core.management import call_command
from django.urls import reverse

from wagtail.models import Page

from programmes.models import ProgrammeIndexPage, ProgrammePage
from stp_site.core.demo import read_fixture
from stp_site.partners.models import PartnerIndexPage, PartnerPage
from tests.conftest import publish
from tests.factories import make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def partners_index(home):
    return publish(
        home,
        PartnerIndexPage(
            title="Our partners",
            slug="partners",
            intro="<p>Our partnership is made up of many groups.</p>",
            listing_summary="Who works with us.",
        ),
    )


@pytest.fixture
def our_work(home):
    return publish(home, ProgrammeIndexPage(title="Our work", slug="our-work"))


def test_partner_page_renders_every_field(client, partners_index):
    publish(
        partners_index,
        PartnerPage(
            title="Stockport NHS Foundation Trust",
            slug="stockport",
            partner_type="nhs_trust",
            listing_summary="The trust that runs Stepping Hill Hospital.",
            who_they_are="<p>It runs Stepping Hill Hospital.</p>",
            role_in_partnership="<p>We learn from nearby areas.</p>",
            area_served="Stockport, East Cheshire and the High Peak",
            website="https://www.stockport.nhs.uk/",
            phone="0161 483 1010",
            email="enquiries@stockport.example",
            strategic_objectives=[
                {"type": "objective", "value": "A great place to work."},
                {"type": "objective", "value": "Using money well."},
            ],
        ),
    )
    response = client.get("/partners/stockport/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Stockport NHS Foundation Trust</h1>" in html
    assert "The trust that runs Stepping Hill Hospital." in html
    assert "Type of partner: NHS trust" in html
    assert "<h2>Who they are</h2>" in html and "It runs Stepping Hill Hospital." in html
    assert "<h2>What they do in the partnership</h2>" in html and "We learn from nearby areas." in html
    assert "Stockport, East Cheshire and the High Peak" in html
    assert '<a href="https://www.stockport.nhs.uk/" rel="noopener">stockport.nhs.uk</a>' in html
    assert '<a href="tel:01614831010">0161 483 1010</a>' in html
    assert '<a href="mailto:enquiries@stockport.example">enquiries@stockport.example</a>' in html
    assert re.search(r"<li>A great place to work.</li>\s*<li>Using money well.</li>", html)
    assert "Our work they take part in" not in html  # no programme names it yet


def test_partner_page_without_details_shows_no_empty_sections(client, partners_index):
    publish(partners_index, PartnerPage(title="Primary care networks", slug="pcns", partner_type="primary_care"))
    html = client.get("/partners/pcns/").content.decode()
    for heading in ["Who they are", "What they do", "Area and contact details", "strategic objectives", "Our work"]:
        assert heading not in html


def test_partner_page_lists_programmes_that_name_it(client, partners_index, our_work):
    partner = publish(partners_index, PartnerPage(title="VAST", slug="vast", partner_type="voluntary"))
    other = publish(partners_index, PartnerPage(title="Other", slug="other", partner_type="voluntary"))
    for slug, title, named in [
        ("mental-health", "Mental health", [partner]),
        ("prevention", "Prevention", [other]),
        ("estates", "Estates", [partner, other]),
    ]:
        page = ProgrammePage(title=title, slug=slug, listing_summary=f"{title} summary.")
        page.partners = named
        publish(our_work, page)
    draft = ProgrammePage(title="Draft programme", slug="draft-programme", live=False)
    draft.partners = [partner]
    our_work.add_child(instance=draft)
    unpublished = ProgrammePage.objects.get(slug="estates")
    html = client.get("/partners/vast/").content.decode()
    assert "Our work they take part in" in html
    assert 'href="/our-work/mental-health/">Mental health</a>' in html
    assert 'href="/our-work/estates/">Estates</a>' in html
    assert html.index("Mental health</a>") < html.index("Estates</a>")  # page order
    assert "Prevention" not in html and "Draft programme" not in html

    # Unpublishing a programme takes it off the partner's page.
    unpublished.unpublish()
    html = client.get("/partners/vast/").content.decode()
    assert "Estates</a>" not in html and "Mental health</a>" in html


def test_index_groups_partners_by_type_with_logo_and_summary(client, partners_index):
    logo = make_image("Healthwatch logo", size=(600, 200))
    publish(partners_index, PartnerPage(title="Support Staffordshire", slug="ss", partner_type="voluntary"))
    publish(
        partners_index,
        PartnerPage(
            title="Healthwatch Staffordshire",
            slug="hw",
            partner_type="healthwatch",
            listing_summary="Speaks up for people.",
            listing_image=logo,
        ),
    )
    publish(partners_index, PartnerPage(title="Royal Stoke", slug="rs", partner_type="nhs_trust"))
    publish(partners_index, PartnerPage(title="City Council", slug="cc", partner_type="council"))
    hidden = PartnerPage(title="Not yet live", slug="hidden", partner_type="council", live=False)
    partners_index.add_child(instance=hidden)

    html = client.get("/partners/").content.decode()
    assert "Our partnership is made up of many groups." in html
    headings = re.findall(r'<h2 id="[a-z_]+">([^<]+)</h2>', html)
    assert headings == ["NHS trusts", "Councils", "Healthwatch", "Voluntary and community sector"]
    assert html.index("Royal Stoke") < html.index("City Council") < html.index("Healthwatch Staffordshire")
    assert "Speaks up for people." in html
    assert html.count("<img") == 1 and 'alt=""' in html and "srcset=" in html
    assert "Not yet live" not in html
    assert 'href="#healthwatch">Healthwatch</a>' in html


def _partners(index, count):
    types = [value for value, _ in PartnerPage.PartnerType.choices]
    shared = make_image("Shared logo", size=(300, 100))
    for number in range(count):
        publish(
            index,
            PartnerPage(
                title=f"Partner {number}",
                slug=f"partner-{number}",
                partner_type=types[number % len(types)],
                listing_summary="A line.",
                listing_image=shared if number % 2 else make_image(f"Logo {number}", size=(300, 100)),
            ),
        )


@pytest.mark.parametrize("count", [5, 60])
def test_index_queries_do_not_grow_with_partners(
    client, partners_index, count, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0  # count a full render, not a whole-page cache hit
    _partners(partners_index, count)
    client.get("/partners/")  # first view makes the renditions and warms the site chrome
    with django_assert_max_num_queries(10):
        response = client.get("/partners/")
    assert response.content.decode().count("nhsuk-card__link") == count


@pytest.mark.parametrize("count", [2, 30])
def test_partner_page_queries_do_not_grow_with_programmes(
    client, partners_index, our_work, count, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    partner = publish(partners_index, PartnerPage(title="VAST", slug="vast", partner_type="voluntary"))
    for number in range(count):
        page = ProgrammePage(title=f"Programme {number}", slug=f"programme-{number}")
        page.partners = [partner]
        publish(our_work, page)
    client.get("/partners/vast/")
    with django_assert_max_num_queries(10):
        html = client.get("/partners/vast/").content.decode()
    assert html.count('href="/our-work/programme-') == count


def test_page_tree_rules(home, partners_index):
    assert PartnerIndexPage.allowed_subpage_models() == [PartnerPage]
    assert PartnerPage.allowed_parent_page_models() == [PartnerIndexPage]
    assert PartnerPage.allowed_subpage_models() == []
    assert not PartnerPage.can_create_at(home)
    assert PartnerPage.can_create_at(partners_index)
    assert not PartnerIndexPage.can_create_at(home)  # only one


def test_every_partner_field_has_help_text():
    own_fields = [
        field
        for model in (PartnerIndexPage, PartnerPage)
        for field in model._meta.get_fields()
        if getattr(field, "model", None) is model and field.name != "page_ptr" and field.concrete
    ]
    assert [field.name for field in own_fields if not field.help_text] == []


def test_editor_can_open_and_preview_a_partner_page(client, partners_index, django_user_model):
    page = publish(partners_index, PartnerPage(title="VAST", slug="vast", partner_type="voluntary"))
    admin = django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    client.force_login(admin)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    add_url = reverse("wagtailadmin_pages:add", args=["partners", "partnerpage", partners_index.pk])
    assert client.get(add_url).status_code == 200
    page.title = "VAST (draft title)"
    response = page.make_preview_request()
    assert response.status_code == 200
    assert "<h1>VAST (draft title)</h1>" in response.content.decode()


def test_demo_content_creates_every_partner_once_and_links_programmes(client, home):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    fixture = read_fixture("partners.json")["partners"]
    assert len(fixture) == 14
    index = PartnerIndexPage.objects.get()
    assert sorted(PartnerPage.objects.child_of(index).live().values_list("slug", flat=True)) == sorted(
        partner["slug"] for partner in fixture
    )
    stockport = PartnerPage.objects.get(slug="stockport-nhs-foundation-trust")
    assert len(stockport.strategic_objectives) == 6
    assert stockport.phone == "0161 483 1010"

    html = client.get("/partners/").content.decode()
    for partner in fixture:
        assert f'href="/partners/{partner["slug"]}/"' in html

    # Every programme that names a partner shows on that partner's page, from the programme data alone.
    programmes = read_fixture("programmes.json")["programmes"]
    for partner in fixture:
        named_by = [p["title"] for p in programmes if partner["slug"] in p["partners"]]
        partner_html = client.get(f"/partners/{partner['slug']}/").content.decode()
        for title in named_by:
            assert f">{title}</a>" in partner_html, (partner["slug"], title)
        for leftover in ["Pin It", "protected from spambots"]:
            assert leftover not in partner_html

    pages_before = Page.objects.count()
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Page.objects.count() == pages_before
