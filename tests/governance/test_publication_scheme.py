"""The publication scheme: the ICO's seven classes, each listing the site's published pages that staff put
in it (a page's Promote tab) and the documents tagged with its name that the site's pages use, the
meetings page and the registers by themselves, only from the request's own site; and how to make a
Freedom of Information request."""

import pytest

from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from stp_site.core.models import SiteSettings
from stp_site.governance.publication_scheme import (
    ICO_CLASSES,
    PublicationSchemeClass,
    PublicationSchemePage,
    scheme_classes,
)
from tests import html as h
from tests.factories import make_document
from tests.home.factories import StandardPageFactory
from tests.sites import add_site

from .factories import (
    GiftsRegisterPageFactory,
    InterestsRegisterPageFactory,
    PublicationSchemePageFactory,
    make_governance,
)

pytestmark = pytest.mark.django_db

URL = "/how-we-are-run/publication-scheme/"


def tagged(*classes):
    return [PublicationSchemeClass(ico_class=ico_class) for ico_class in classes]


def using(document):
    """A StandardPage body that links to `document`."""
    return [{"type": "document_link", "value": {"document": document.pk, "title": ""}}]


@pytest.fixture
def section(home):
    return make_governance(home)


@pytest.fixture
def scheme(section):
    return PublicationSchemePageFactory(parent=section["section"])


def listed(html, key):
    """The links listed under one class's heading (by its id)."""
    return h.links(h.element(html, "section", aria_labelledby=key))


def test_it_goes_under_how_we_are_run_once(section, scheme):
    assert PublicationSchemePage.allowed_parent_page_models()[0].__name__ == "GovernancePage"
    assert not PublicationSchemePage.can_create_at(section["section"])


def test_it_lists_the_seven_ico_classes_in_order(client, scheme):
    html = client.get(URL).content.decode()
    headings = h.texts(html, "h2", id=True)
    assert headings[0] == "On this page"
    assert headings[1 : len(ICO_CLASSES) + 2] == [name for _, name in ICO_CLASSES] + ["Ask us for information"]
    # The contents list links to each; a class with nothing in it says so.
    assert h.hrefs(h.element(html, "nav", class_="nhsuk-contents-list")) == [f"#{key}" for key, _ in ICO_CLASSES] + [
        "#foi-request"
    ]
    assert "We have nothing to list here yet" in h.text(h.element(html, "section", aria_labelledby="policies"))


def test_tagged_pages_and_documents_are_listed_in_their_class(client, home, section, scheme):
    accounts = make_document("Annual accounts 2025 to 2026")
    accounts.tags.add("What we spend and how we spend it")
    plan = make_document("Joint forward plan")
    plan.tags.add("what our priorities are and how we are doing")  # any case
    untagged = make_document("Staff rota")
    StandardPageFactory(parent=home, title="Our money", slug="money", body=using(accounts) + using(untagged))
    StandardPageFactory(parent=home, title="Our plans", slug="plans", body=using(plan))
    StandardPageFactory(
        parent=home,
        title="Complaints policy",
        slug="complaints",
        publication_scheme_classes=tagged("policies", "services"),
    )
    StandardPageFactory(parent=home, title="Who we are", slug="who", publication_scheme_classes=tagged("who_we_are"))
    StandardPageFactory(
        parent=home, title="Draft policy", slug="draft", live=False, publication_scheme_classes=tagged("policies")
    )
    interests = InterestsRegisterPageFactory(parent=section["section"])
    GiftsRegisterPageFactory(parent=section["section"])

    html = client.get(URL).content.decode()
    assert listed(html, "who_we_are") == [("/who/", "Who we are")]
    assert listed(html, "policies") == [("/complaints/", "Complaints policy")]
    assert listed(html, "services") == [("/complaints/", "Complaints policy")]
    # The meetings page and the registers are listed by themselves.
    assert listed(html, "how_we_decide") == [("/how-we-are-run/board-meetings/", "Board meetings")]
    assert listed(html, "lists_and_registers") == [  # by title
        ("/how-we-are-run/gifts-and-hospitality/", "Register of gifts and hospitality"),
        ("/how-we-are-run/register-of-interests/", interests.title),
    ]
    # Documents, with their type, size and date, as everywhere else.
    spending = h.element(html, "section", aria_labelledby="what_we_spend")
    assert h.links(spending) == [(accounts.url, "Annual accounts 2025 to 2026")]
    assert "(PDF, 1.0\xa0KB, " in h.text(h.element(spending, "p", class_="document-link"))
    assert h.links(h.element(html, "section", aria_labelledby="priorities")) == [(plan.url, "Joint forward plan")]
    assert "Staff rota" not in html and "Draft policy" not in html


def test_only_the_requests_own_site_is_listed(client, home, section, scheme):
    second = add_site()
    ours = make_document("Our annual report")
    ours.tags.add("Who we are and what we do")
    theirs = make_document("Their annual report")
    theirs.tags.add("Who we are and what we do")
    StandardPageFactory(
        parent=home, title="About us", slug="about", body=using(ours), publication_scheme_classes=tagged("who_we_are")
    )
    StandardPageFactory(
        parent=second.root_page,
        title="About them",
        slug="about",
        body=using(theirs),
        publication_scheme_classes=tagged("who_we_are"),
    )
    second_section = make_governance(second.root_page)
    PublicationSchemePageFactory(parent=second_section["section"])

    html = client.get(URL).content.decode()
    assert listed(html, "who_we_are") == [("/about/", "About us"), (ours.url, "Our annual report")]
    theirs_html = client.get(URL, HTTP_HOST=second.hostname).content.decode()
    assert listed(theirs_html, "who_we_are") == [("/about/", "About them"), (theirs.url, "Their annual report")]
    assert "Our annual report" not in theirs_html


def test_a_document_no_page_uses_is_not_listed(client, scheme):
    document = make_document("Loose document")
    document.tags.add("Lists and registers")
    assert "Loose document" not in client.get(URL).content.decode()


def test_tagging_a_document_shows_at_once(client, home, scheme):
    document = make_document("Board papers archive")
    StandardPageFactory(parent=home, title="Archive", slug="archive", body=using(document))
    assert "Board papers archive" not in client.get(URL).content.decode()
    document.tags.add("How we make decisions")  # the cached list goes with the content version
    assert "Board papers archive" in client.get(URL).content.decode()


def test_scheme_classes_reads_a_fixed_number_of_queries(home, section, django_assert_max_num_queries):
    root = home.path
    for number in range(20):
        document = make_document(f"Document {number}")
        document.tags.add("Our policies and procedures")
        StandardPageFactory(
            parent=home,
            title=f"Policy {number}",
            slug=f"policy-{number}",
            body=using(document),
            publication_scheme_classes=tagged("policies"),
        )
    with django_assert_max_num_queries(12):
        classes = scheme_classes(root)
    policies = next(item for item in classes if item["key"] == "policies")
    assert len(policies["pages"]) == 20 and len(policies["documents"]) == 20


def test_an_editor_tags_a_page_in_its_promote_tab(editor_client, client, home, scheme):
    page = StandardPageFactory(parent=home, title="Complaints policy", slug="complaints")
    url = f"/admin/pages/{page.pk}/edit/"
    data = querydict_from_html(editor_client.get(url).content.decode(), form_id="page-edit-form")
    assert data["publication_scheme_classes-TOTAL_FORMS"] == "0"
    data["publication_scheme_classes-TOTAL_FORMS"] = "1"
    data["publication_scheme_classes-0-ico_class"] = "policies"
    data["publication_scheme_classes-0-ORDER"] = "1"
    data["action-publish"] = "action-publish"
    data.update(nested_form_data({"body": streamfield([])}))  # built by script in a browser
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(PublicationSchemeClass.objects.filter(page=page).values_list("ico_class", flat=True)) == ["policies"]
    assert listed(client.get(URL).content.decode(), "policies") == [("/complaints/", "Complaints policy")]


# --- The Freedom of Information request ------------------------------------------------------------------


def test_how_to_make_a_request_uses_the_sites_contact_details(client, home, scheme):
    site_settings = SiteSettings.for_site(Site.objects.get(root_page=home))
    site_settings.email = "hello@example.nhs.uk"
    site_settings.address = "Civic Centre\nMain Street\nStafford ST16 1AA"
    site_settings.save()
    section = h.element(client.get(URL).content.decode(), "section", aria_labelledby="foi-request")
    text = h.text(section)
    assert ("mailto:hello@example.nhs.uk", "hello@example.nhs.uk") in h.links(section)
    assert "Civic Centre" in text and "Stafford ST16 1AA" in text
    assert "your name" in text and "what information you want" in text
    assert "within 20 working days" in text
    assert "Asking is free." in text
    assert "internal review" in text
    assert ("https://ico.org.uk/make-a-complaint/", "Information Commissioner's Office (ICO)") in h.links(section)


def test_a_request_email_of_its_own_replaces_the_sites(client, home, section):
    SiteSettings.objects.update_or_create(
        site=Site.objects.get(root_page=home), defaults={"email": "hello@example.nhs.uk"}
    )
    PublicationSchemePageFactory(parent=section["section"], foi_email="foi@example.nhs.uk")
    section_html = h.element(client.get(URL).content.decode(), "section", aria_labelledby="foi-request")
    assert ("mailto:foi@example.nhs.uk", "foi@example.nhs.uk") in h.links(section_html)
    assert "hello@example.nhs.uk" not in h.text(section_html)
