"""The plain-English check in Wagtail's content checker (stp_site/plain_english/content_checks.py): the
configuration Python gives axe-core, the preview and userbar that load the script, and public pages that
never do. The checks themselves, in Chromium: tests/browser/test_plain_english_live_checks.py."""

import json
import re

import pytest

from django.test import Client

from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from stp_site.home.models import StandardPage
from stp_site.plain_english import readability
from stp_site.plain_english.content_checks import (
    IMAGE_ALT_RULE,
    LONG_SENTENCE_RULE,
    PDF_RULE,
    READING_AGE_RULE,
    SCRIPT,
    jargon_rule_id,
)
from stp_site.plain_english.models import ReadabilitySettings
from tests.factories import publish
from tests.sites import default_site

SCRIPT_URL = "/static/" + SCRIPT
LONG = (
    "<p>The integrated care board will continue delivering the transformation of elective pathways across "
    "the whole area in order to facilitate sustainable improvements for every stakeholder we serve.</p>"
)


def axe_configuration(html):
    found = re.search(r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>', html, re.S)
    assert found, "no content checker configuration on the page"
    return json.loads(found.group(1))


def checks_by_id(config):
    return {check["id"]: check.get("options", {}) for check in config["spec"]["checks"]}


@pytest.fixture
def page(home):
    return publish(
        home,
        StandardPage(title="Plans", slug="plans", body=[{"type": "rich_text", "value": "<p>We can help.</p>"}]),
    )


@pytest.mark.django_db
def test_editor_checks_panel_gets_thresholds_and_jargon_from_python(editor_client, page):
    settings = ReadabilitySettings.for_site(default_site())
    settings.target_reading_age = 9
    settings.save()

    html = editor_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    config = axe_configuration(html)
    checks = checks_by_id(config)
    rule_ids = {rule["id"] for rule in config["spec"]["rules"]}

    options = checks[READING_AGE_RULE]
    assert options["target"] == 9
    assert options["longSentenceWords"] == readability.LONG_SENTENCE_WORDS
    assert options["minimumWords"] == readability.MINIMUM_WORDS
    assert set(options["blockTags"]) == readability.BLOCK_TAGS
    assert checks[LONG_SENTENCE_RULE]["longSentenceWords"] == readability.LONG_SENTENCE_WORDS
    assert checks[PDF_RULE]["documentExtensions"][0] == "pdf"
    # Every jargon term is a rule of its own, with the plainer word in its message.
    for term, plain in readability.JARGON.items():
        rule_id = jargon_rule_id(term)
        assert rule_id in rule_ids
        assert checks[rule_id]["term"] == term
        assert checks[rule_id]["caseSensitive"] is term.isupper()
        assert plain in config["messages"][rule_id]["help_text"]
    assert config["messages"][READING_AGE_RULE]["error_name"] == "Reading age above 9"
    assert config["messages"][LONG_SENTENCE_RULE]["help_text"].startswith(
        f"Try to keep sentences under {readability.LONG_SENTENCE_WORDS} words."
    )
    # Wagtail's own rules still run, ours with them.
    run_only = config["options"]["runOnly"]
    for rule_id in [
        "alt-text-quality",
        "link-name",
        READING_AGE_RULE,
        PDF_RULE,
        IMAGE_ALT_RULE,
        jargon_rule_id("ICB"),
    ]:
        assert rule_id in run_only
    # The editor loads the script for the live reading age beside Wagtail's content metrics.
    assert SCRIPT_URL in html


@pytest.mark.django_db
def test_an_enforced_section_checks_against_its_own_limit(editor_client, home):
    section = publish(home, StandardPage(title="Our work", slug="our-work"))
    inside = publish(section, StandardPage(title="Plans", slug="plans"))
    outside = publish(home, StandardPage(title="Help", slug="help"))
    settings = ReadabilitySettings.for_site(default_site())
    settings.target_reading_age = 12
    settings.enforce = True
    settings.enforced_section = section
    settings.enforced_max_reading_age = 10
    settings.save()

    inside_config = axe_configuration(editor_client.get(f"/admin/pages/{inside.pk}/edit/").content.decode())
    outside_config = axe_configuration(editor_client.get(f"/admin/pages/{outside.pk}/edit/").content.decode())
    assert checks_by_id(inside_config)[READING_AGE_RULE]["target"] == 10
    assert checks_by_id(outside_config)[READING_AGE_RULE]["target"] == 12
    # A new page, not saved yet, is checked against the limit of the section it is added to.
    add_inside = editor_client.get(f"/admin/pages/add/home/standardpage/{section.pk}/").content.decode()
    add_outside = editor_client.get(f"/admin/pages/add/home/standardpage/{home.pk}/").content.decode()
    assert checks_by_id(axe_configuration(add_inside))[READING_AGE_RULE]["target"] == 10
    assert checks_by_id(axe_configuration(add_outside))[READING_AGE_RULE]["target"] == 12


@pytest.mark.django_db
def test_the_preview_of_unsaved_text_loads_the_checks(editor_client, page):
    edit_url = f"/admin/pages/{page.pk}/edit/"
    data = querydict_from_html(editor_client.get(edit_url).content.decode(), form_id="page-edit-form")
    data.update(nested_form_data({"body": streamfield([("rich_text", rich_text(LONG))])}))
    assert editor_client.post(edit_url + "preview/", data).json()["is_valid"] is True

    html = editor_client.get(edit_url + "preview/?in_preview_panel=true").content.decode()
    assert f'<script src="{SCRIPT_URL}"></script>' in html
    assert checks_by_id(axe_configuration(html))[READING_AGE_RULE]["target"] == 11
    assert "transformation of elective pathways" in html  # the unsaved text


@pytest.mark.django_db
def test_public_pages_load_no_checker_script_and_set_no_cookie(editor_client, page):
    response = Client().get("/plans/")  # a resident (editor_client is pytest-django's `client`, signed in)
    html = response.content.decode()
    assert response.status_code == 200
    assert SCRIPT_URL not in html and "checker-axe-configuration" not in html and "wagtail-userbar" not in html
    assert not response.cookies
    # Staff viewing the live page get Wagtail's userbar, and the checks with it.
    assert SCRIPT_URL in editor_client.get("/plans/").content.decode()
