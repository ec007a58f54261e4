"""'Our work': the programme index and programme pages render every section from real page data on
PostgreSQL, targets are stored as structured values, documents show type and size, queries stay flat,
and editors can edit and preview. (The demo's programmes: tests/core/test_demo_content.py.)"""

import re
from datetime import date
from decimal import Decimal

import pytest
from pytest_django.asserts import assertInHTML

from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from get_involved.models import ReferenceGroupPage
from news.models import NewsIndexPage
from programmes.blocks import TargetStructValue
from programmes.models import ProgrammeIndexPage, ProgrammePage
from stp_site.home.models import VisionPage
from stp_site.partners.models import PartnerIndexPage, PartnerPage
from tests import html as h
from tests.factories import make_document, make_image, publish
from tests.news_helpers import make_news
from tests.staff import sign_in

pytestmark = pytest.mark.django_db

TARGETS = [
    {
        "measure": "Reduction in stillbirths",
        "target_value": "50",
        "unit": "%",
        "target_date": "2025-12-31",
        "baseline": "2010 rate",
        "status": "on_track",
    },
    {
        "measure": "Money saved",
        "target_value": "3.6",
        "unit": "£ million",
        "target_date": "2019-01-31",
        "baseline": "",
        "status": "achieved",
    },
]


@pytest.fixture
def our_work(home):
    return publish(
        home,
        ProgrammeIndexPage(
            title="Our work",
            slug="our-work",
            intro="<p>Our work is split into programmes.</p>",
            listing_summary="The programmes we run.",
        ),
    )


@pytest.fixture
def partners(home):
    index = publish(home, PartnerIndexPage(title="Our partners", slug="partners"))
    return {
        "trust": publish(index, PartnerPage(title="Royal Stoke Trust", slug="royal-stoke", partner_type="nhs_trust")),
        "council": publish(
            index, PartnerPage(title="Stoke-on-Trent City Council", slug="city-council", partner_type="council")
        ),
        "draft": _draft(index, PartnerPage(title="Draft Partner", slug="draft-partner", partner_type="council")),
    }


def _draft(parent, page):
    page.live = False
    parent.add_child(instance=page)
    page.save_revision()
    return page


def full_programme(parent, partners, **overrides):
    newsletter = make_document("LMNS newsletter, issue 1", size=1_258_291)  # 1.2 MB
    old_plan = make_document("Maternity plan (2018)", size=2048)
    transcript = make_document("Video transcript", size=4096)
    get_document_model().objects.filter(pk=newsletter.pk).update(created_at="2021-04-01T12:00:00Z")
    fields = {
        "title": "Maternity and children",
        "slug": "maternity-and-children",
        "listing_summary": "Safe, kind care for mums, babies and children.",
        "summary": "<p>Maternity care is the care you get when you are pregnant.</p>",
        "introduction": "<p>Having a baby is a big moment in anyone's life.</p>",
        "video_url": "https://www.youtube.com/watch?v=abc123",
        "video_title": "Meet the maternity team",
        "video_transcript": transcript,
        "priorities": "<h3>Maternity</h3><ul><li>Learn from incidents</li></ul>",
        "aims": [
            {"type": "aim", "value": {"aim": "Fewer babies die before they are born.", "targets": TARGETS}},
            {"type": "aim", "value": {"aim": "Women choose where to give birth.", "targets": []}},
        ],
        "case_studies": [
            {
                "type": "case_study",
                "value": {"title": "Introducing Bill and his integrated care team", "body": "<p>Bill is 84.</p>"},
            }
        ],
        "resources": [{"type": "document", "value": {"document": newsletter.pk, "title": ""}}],
        "archive": [{"type": "document", "value": {"document": old_plan.pk, "title": "The old maternity plan"}}],
        "lead_name": "Maternity team",
        "lead_role": "Programme lead",
        "lead_email": "maternity@example.org",
        "lead_phone": "01234 567890",
        "last_reviewed": date(2026, 11, 1),
    }
    fields.update(overrides)
    page = ProgrammePage(**fields)
    page.partners = [partners["trust"], partners["council"], partners["draft"]]
    return publish(parent, page)


def test_full_programme_page_renders_every_section(client, our_work, partners):
    full_programme(our_work, partners)
    response = client.get("/our-work/maternity-and-children/")
    assert response.status_code == 200
    html = response.content.decode()

    assertInHTML("<h1>Maternity and children</h1>", html)
    assert "Safe, kind care for mums, babies and children." in html
    assert "Maternity care is the care you get when you are pregnant." in html
    for anchor, heading in [
        ("about", "About this programme"),
        ("priorities", "Priorities and projects"),
        ("aims", "Aims and outcomes"),
        ("stories", "Stories"),
        ("documents", "Documents"),
        ("older-documents", "Older documents"),
        ("partners", "Who is involved"),
        ("contact", "Contact the programme team"),
    ]:
        assertInHTML(f'<h2 id="{anchor}">{heading}</h2>', html)
        assert (f"#{anchor}", heading) in h.links(html)  # the "On this page" list
    # Priorities keep their own headings below the page's h2.
    assertInHTML("<h3>Maternity</h3>", html)
    # Targets, as an NHS summary list.
    assert "nhsuk-summary-list" in html
    assert "Reduction in stillbirths" in html
    assert re.search(r"50%</span>\s*by 31 December 2025", html)
    assert "Measured against: 2010 rate" in html
    assert "£3.6 million" in html
    assert "On track</strong>" in html and "nhsuk-tag--blue" in html
    assert "Achieved</strong>" in html and "nhsuk-tag--green" in html
    # Stories.
    assert "Introducing Bill and his integrated care team" in html and "Bill is 84." in html
    # Documents: title, type, size and date; the other-format route.
    link_texts = [text for _, text in h.links(html)]
    assert "LMNS newsletter, issue 1" in link_texts
    assert "(PDF, 1.2\xa0MB, 1 April 2021)" in html
    assert "The old maternity plan" in link_texts
    assert "easy read, large print or British Sign Language (BSL)" in html
    assert "/contact-us/" in h.hrefs(html)
    # Partners: live ones only, linked.
    assert ("/partners/royal-stoke/", "Royal Stoke Trust") in h.links(html)
    assert ("/partners/city-council/", "Stoke-on-Trent City Council") in h.links(html)
    assert "Draft Partner" not in html
    # Lead contact: plain mailto and tel links.
    assertInHTML('<a href="mailto:maternity@example.org">maternity@example.org</a>', html)
    assert "tel:01234567890" in h.hrefs(html)
    assert "Page last reviewed: 1 November 2026" in html


def test_video_is_a_link_and_loads_nothing_from_the_video_site(client, our_work, partners):
    full_programme(our_work, partners)
    html = client.get("/our-work/maternity-and-children/").content.decode()
    assert "<iframe" not in html
    assert not re.search(r'src="https?://[^"]*(youtube|ytimg|vimeo)', html)
    video = h.element(html, "a", href="https://www.youtube.com/watch?v=abc123")
    assert h.text(video) == "Watch 'Meet the maternity team' on YouTube"
    assert "Watch 'Meet the maternity team' on YouTube</a> (opens the YouTube website)" in html
    assert "Read the video transcript</a>" in html
    assert re.search(r"Read the video transcript</a>\s*<span[^>]*>\(PDF, 4\.0\xa0KB, \d+ \w+ \d{4}\)", html)


def test_video_needs_a_title(our_work):
    from django.core.exceptions import ValidationError

    page = ProgrammePage(title="Digital", slug="digital", video_url="https://vimeo.com/1")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "video_title" in error.value.message_dict
    assert page.video_host == "Vimeo"


def test_programme_with_only_a_summary_shows_no_empty_sections(client, our_work):
    publish(our_work, ProgrammePage(title="Estates", slug="estates", listing_summary="Our buildings."))
    html = client.get("/our-work/estates/").content.decode()
    assertInHTML("<h1>Estates</h1>", html)
    for heading in ["On this page", "Aims and outcomes", "Documents", "Who is involved", "Contact the", "Stories"]:
        assert heading not in html
    assert "another format" not in html
    assert "Latest news" not in html and "Have your say" not in html


def test_targets_are_stored_as_structured_values(our_work, partners):
    page = full_programme(our_work, partners)
    stored = ProgrammePage.objects.get(pk=page.pk)
    raw_target = stored.aims.raw_data[0]["value"]["targets"][0]
    raw_target = raw_target.get("value", raw_target)  # ListBlock items may carry ids
    assert raw_target["measure"] == "Reduction in stillbirths"
    assert raw_target["target_value"] == "50"
    assert raw_target["unit"] == "%"
    assert raw_target["target_date"] == "2025-12-31"
    assert raw_target["baseline"] == "2010 rate"
    assert raw_target["status"] == "on_track"

    target = stored.aims[0].value["targets"][0]
    assert isinstance(target, TargetStructValue)
    assert target["target_value"] == Decimal("50")
    assert target["target_date"] == date(2025, 12, 31)
    assert target.headline() == "50%"
    assert stored.aims[0].value["targets"][1].headline() == "£3.6 million"


def test_target_headline_formats_units():
    from programmes.blocks import TargetBlock

    block = TargetBlock()

    def headline(value, unit):
        return block.to_python(
            {"measure": "x", "target_value": value, "unit": unit, "target_date": None, "baseline": "", "status": ""}
        ).headline()

    assert headline("4", "sites") == "4 sites"
    assert headline("1500", "people") == "1,500 people"
    assert headline("3.60", "£ million") == "£3.6 million"
    assert headline("90", "%") == "90%"
    assert headline("12", "") == "12"


def test_reference_group_and_related_news_come_from_the_pages_that_name_the_programme(
    client, home, our_work, partners, get_involved
):
    """The programme page reads back the reference group and the news items that name it (their relations
    to the programme), as real published pages."""
    programme = full_programme(our_work, partners)
    news_index = publish(home, NewsIndexPage(title="News", slug="news"))
    make_news(news_index, "New birth centre opens", date(2026, 10, 3), programmes=[programme], slug="birth-centre")
    make_news(news_index, "Maternity champions wanted", date(2026, 9, 1), programmes=[programme], slug="champions")
    make_news(news_index, "Digital news only", date(2026, 10, 9))
    publish(
        get_involved["index"],
        ReferenceGroupPage(
            title="maternity reference group",
            slug="maternity",
            what_it_does="<p>Shapes maternity care.</p>",
            programme=programme,
        ),
    )

    html = client.get("/our-work/maternity-and-children/").content.decode()
    hrefs = h.hrefs(html)
    assertInHTML('<h2 id="have-your-say">Have your say</h2>', html)
    assert "/get-involved/patient-reference-groups/maternity/" in hrefs
    assert "Join the maternity reference group" in html
    assertInHTML('<h2 id="news">Latest news</h2>', html)
    assert ("/news/birth-centre/", "New birth centre opens") in h.links(html)
    assert "3 October 2026" in html and "Summary of Maternity champions wanted." in html
    assert "Digital news only" not in html
    assert "/news/?programme=maternity-and-children" in hrefs
    assert "#have-your-say" in hrefs and "#news" in hrefs


def test_index_shows_cards_in_the_order_staff_set(client, our_work):
    image = make_image("Green hills")
    for slug, title in [("planned-care", "Planned care"), ("digital", "Digital"), ("workforce", "Workforce")]:
        publish(
            our_work,
            ProgrammePage(title=title, slug=slug, listing_summary=f"{title} in a line.", listing_image=image),
        )
    # An editor drags "Workforce" to the top.
    workforce = ProgrammePage.objects.get(slug="workforce")
    workforce.move(our_work, pos="first-child")
    draft = ProgrammePage(title="Unpublished programme", slug="unpublished", live=False)
    our_work.add_child(instance=draft)

    html = client.get("/our-work/").content.decode()
    assert "Our work is split into programmes." in html
    titles = [title for href, title in h.links(html, class_="nhsuk-card__link") if href.startswith("/our-work/")]
    assert titles == ["Workforce", "Planned care", "Digital"]
    assert "Digital in a line." in html
    assert html.count("<picture") == 3
    assert "Unpublished programme" not in html


def _programmes(index, count, image):
    for number in range(count):
        publish(
            index,
            ProgrammePage(
                title=f"Programme {number}",
                slug=f"programme-{number}",
                listing_summary="A line.",
                listing_image=image if number % 2 else make_image(f"Image {number}"),
            ),
        )


@pytest.mark.parametrize("count", [5, 60])
def test_index_queries_do_not_grow_with_programmes(client, our_work, count, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_SECONDS = 0  # count a full render, not a whole-page cache hit
    _programmes(our_work, count, make_image("Shared"))
    client.get("/our-work/")  # first view makes the renditions
    with django_assert_max_num_queries(10):
        response = client.get("/our-work/")
    assert response.content.decode().count("nhsuk-card__link") == count


@pytest.mark.parametrize("documents,partner_count", [(2, 2), (30, 25)])
def test_programme_page_queries_are_bounded(
    client, our_work, home, documents, partner_count, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    index = publish(home, PartnerIndexPage(title="Our partners", slug="partners"))
    partner_pages = [
        publish(index, PartnerPage(title=f"Partner {n}", slug=f"partner-{n}")) for n in range(partner_count)
    ]
    docs = [make_document(f"Document {n}") for n in range(documents)]
    page = ProgrammePage(
        title="Digital",
        slug="digital",
        aims=[{"type": "aim", "value": {"aim": "An aim.", "targets": TARGETS * 5}}] * 5,
        resources=[{"type": "document", "value": {"document": doc.pk, "title": ""}} for doc in docs],
        archive=[{"type": "document", "value": {"document": doc.pk, "title": ""}} for doc in docs],
        lead_email="digital@example.org",
    )
    page.partners = partner_pages
    publish(our_work, page)
    client.get("/our-work/digital/")  # warm the site chrome cache, as on a running site
    with django_assert_max_num_queries(10):
        html = client.get("/our-work/digital/").content.decode()
    assert html.count("(PDF, ") == documents * 2
    assert html.count('href="/partners/partner-') == partner_count


def test_home_and_vision_pages_list_the_programmes(client, home, our_work):
    publish(home, VisionPage(title="Our vision", slug="our-vision", vision_statement="The healthiest places"))
    for slug, title in [("mental-health", "Mental health"), ("digital", "Digital")]:
        publish(our_work, ProgrammePage(title=title, slug=slug, listing_summary=f"{title} summary."))
    home_html = client.get("/").content.decode()
    assert "What we are working on" in home_html
    home_links = h.links(home_html)
    assert ("/our-work/mental-health/", "Mental health") in home_links
    assert home_links.index(("/our-work/mental-health/", "Mental health")) < home_links.index(
        ("/our-work/digital/", "Digital")
    )
    assert ("/our-work/", "See all our work") in home_links
    vision_html = client.get("/our-vision/").content.decode()
    assert "Our programmes" in vision_html
    assert ("/our-work/digital/", "Digital") in h.links(vision_html)


def test_page_tree_rules(home):
    assert ProgrammeIndexPage.parent_page_types == ["home.HomePage"]
    assert ProgrammeIndexPage.allowed_subpage_models() == [ProgrammePage]
    assert ProgrammePage.allowed_parent_page_models() == [ProgrammeIndexPage]
    assert ProgrammePage.allowed_subpage_models() == []
    assert ProgrammeIndexPage.can_create_at(home)
    assert not ProgrammePage.can_create_at(home)
    publish(home, ProgrammeIndexPage(title="Our work", slug="our-work"))
    assert not ProgrammeIndexPage.can_create_at(home)  # only one


def test_every_field_has_help_text_for_editors():
    own_fields = [
        field
        for model in (ProgrammeIndexPage, ProgrammePage)
        for field in model._meta.get_fields()
        if getattr(field, "model", None) is model and field.name != "page_ptr" and field.concrete
    ]
    assert own_fields
    assert [field.name for field in own_fields if not field.help_text] == []


def test_editor_can_edit_and_preview_a_programme(client, our_work, partners, django_user_model):
    page = full_programme(our_work, partners)
    admin = django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    sign_in(client, admin)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(edit_url)
    assert response.status_code == 200
    # Plain inputs come from the form's HTML; StreamFields are drawn by JavaScript, so post those as the
    # admin's script would.
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["title"] = "Maternity and children (draft)"
    target = dict(TARGETS[0])
    stream_data = nested_form_data(
        {
            "aims": streamfield(
                [
                    (
                        "aim",
                        {
                            "aim": "Fewer babies die before they are born.",
                            "targets": {"count": 1, "0": {"value": target, "deleted": "", "order": 0, "id": ""}},
                        },
                    )
                ]
            ),
            "case_studies": streamfield([("case_study", {"title": "A new story", "body": rich_text("<p>Hi.</p>")})]),
            "resources": streamfield([]),
            "archive": streamfield([]),
        }
    )
    data = {**dict(data.lists()), **stream_data}  # lists, so every ticked partner is posted
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    response = client.post(preview_url, data)
    assert response.status_code == 200
    assert response.json() == {"is_valid": True, "is_available": True}
    preview = client.get(preview_url)
    assert preview.status_code == 200
    html = preview.content.decode()
    assertInHTML("<h1>Maternity and children (draft)</h1>", html)
    assert "Royal Stoke Trust" in html
    assert "Reduction in stillbirths" in html
    assert "A new story" in html
    # Previewing never publishes.
    assert client.get("/our-work/maternity-and-children/").content.decode().count("(draft)") == 0
    add_url = reverse("wagtailadmin_pages:add", args=["programmes", "programmepage", our_work.pk])
    assert client.get(add_url).status_code == 200


@pytest.mark.parametrize("count", [5, 60])
def test_home_page_queries_do_not_grow_with_programmes(
    client, our_work, count, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    _programmes(our_work, count, make_image("Shared"))
    client.get("/")  # warm the site chrome cache
    with django_assert_max_num_queries(10):
        html = client.get("/").content.decode()
    assert html.count('href="/our-work/programme-') == count
