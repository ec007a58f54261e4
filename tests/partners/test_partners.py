"""Partners: the index groups partner organisations by type with logo and summary; a partner page shows
who they are, their role, area, contact details and objectives, and lists the programmes that name it
(from the programme pages, never entered twice). Queries stay flat. (The demo's partners:
tests/core/test_demo_content.py.)"""

import pytest
from pytest_django.asserts import assertInHTML

from django.urls import reverse

from programmes.models import ProgrammeIndexPage, ProgrammePage
from stp_site.partners.models import PartnerIndexPage, PartnerPage
from tests import html as h
from tests.factories import make_image, publish
from tests.staff import sign_in

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
    assertInHTML("<h1>Stockport NHS Foundation Trust</h1>", html)
    assert "The trust that runs Stepping Hill Hospital." in html
    assert "Type of partner: NHS trust" in html
    assertInHTML("<h2>Who they are</h2>", html)
    assert "It runs Stepping Hill Hospital." in html
    assertInHTML("<h2>What they do in the partnership</h2>", html)
    assert "We learn from nearby areas." in html
    assert "Stockport, East Cheshire and the High Peak" in html
    assertInHTML('<a href="https://www.stockport.nhs.uk/" rel="noopener">stockport.nhs.uk</a>', html)
    assertInHTML('<a href="tel:01614831010">0161 483 1010</a>', html)
    assertInHTML('<a href="mailto:enquiries@stockport.example">enquiries@stockport.example</a>', html)
    objectives = h.texts(h.element(html, "ol", class_="nhsuk-list--number"), "li")
    assert objectives == ["A great place to work.", "Using money well."]
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
    links = h.links(html)
    assert ("/our-work/mental-health/", "Mental health") in links
    assert ("/our-work/estates/", "Estates") in links
    assert links.index(("/our-work/mental-health/", "Mental health")) < links.index(("/our-work/estates/", "Estates"))
    assert "Prevention" not in html and "Draft programme" not in html

    # Unpublishing a programme takes it off the partner's page.
    unpublished.unpublish()
    links = h.links(client.get("/partners/vast/").content)
    assert ("/our-work/estates/", "Estates") not in links and ("/our-work/mental-health/", "Mental health") in links


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
    group_ids = set(PartnerPage.PartnerType.values)
    headings = [
        h.text(heading) for heading in h.elements(html, "h2") if dict(heading.attributes).get("id") in group_ids
    ]
    assert headings == ["NHS trusts", "Councils", "Healthwatch", "Voluntary and community sector"]
    assert html.index("Royal Stoke") < html.index("City Council") < html.index("Healthwatch Staffordshire")
    assert "Speaks up for people." in html
    images = h.elements(html, "img")
    assert len(images) == 1 and dict(images[0].attributes)["alt"] == "" and dict(images[0].attributes)["srcset"]
    assert "Not yet live" not in html
    assert ("#healthwatch", "Healthwatch") in h.links(html)


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
    sign_in(client, admin)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    add_url = reverse("wagtailadmin_pages:add", args=["partners", "partnerpage", partners_index.pk])
    assert client.get(add_url).status_code == 200
    page.title = "VAST (draft title)"
    response = page.make_preview_request()
    assert response.status_code == 200
    assertInHTML("<h1>VAST (draft title)</h1>", response.content.decode())
