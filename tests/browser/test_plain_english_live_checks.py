"""The plain-English check as the editor writes, in Chromium: Wagtail's content checker runs our rules
(stp_site/plain_english/content_checks.py, static/plain_english/js/content-checks.js) in the live
preview as the editor types, in the userbar of a page that staff view, and never for residents."""

import pytest
from playwright.sync_api import expect

from stp_site.home.models import StandardPage
from stp_site.plain_english import readability
from stp_site.plain_english.content_checks import check_options
from tests.browser.staff import signed_in_context
from tests.factories import make_document, make_image, publish
from tests.plain_english.test_readability import JARGON_HEAVY, PLAIN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


SCRIPT = "plain_english/js/content-checks.js"
LONG_SENTENCE = (
    " The integrated care board will keep delivering the transformation of elective pathways across "
    "the whole county in order to facilitate lasting improvements for every stakeholder that we serve."
)
PLAIN_PARAGRAPH = "<p>We want you to get the right care in the right place. If you need help fast, call 111.</p>"
WEB_PAGE = 'or <a href="/help/">the plan as a web page</a>.'


@pytest.fixture(autouse=True)
def _patient_expect():
    """The preview updates a moment after the editor stops typing, then Wagtail runs the checks in it:
    wait up to 30 seconds for what the browser shows (Playwright's default, 5, for every other module)."""
    expect.set_options(timeout=30_000)
    yield
    expect.set_options(timeout=5_000)


def annotations(page_or_frame, name):
    """Wagtail's annotations in the page (or preview) for the check named `name`."""
    return page_or_frame.locator(f"wagtail-inline-userbar[data-error-name='{name}']")


def test_editor_sees_long_sentence_jargon_and_reading_age_as_they_type(live_server, browser, home, editor):
    page_model = publish(
        home,
        StandardPage(title="Getting help", slug="help", body=[{"type": "rich_text", "value": PLAIN_PARAGRAPH}]),
    )
    context = signed_in_context(browser, live_server.url, editor, width=1400)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{live_server.url}/admin/pages/{page_model.pk}/edit/")

    # The preview panel, then its checks: plain text, nothing flagged yet.
    page.locator('button[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("main")).to_contain_text("call 111")
    page.locator('button[data-side-panel-toggle="checks"]').click()
    checks = page.locator('[data-side-panel="checks"]')
    reading_age = checks.locator("[data-plain-english-reading-age]")
    expect(reading_age).to_contain_text("good, 11 or below")
    expect(checks.locator("[data-checks-panel]")).not_to_contain_text("Sentence over")

    # The editor types a long sentence full of jargon at the end of the paragraph; no save.
    page.locator('[data-contentpath="body"] .public-DraftEditor-content').first.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(LONG_SENTENCE)

    panel = checks.locator("[data-checks-panel]")
    expect(panel).to_contain_text(f"Sentence over {readability.LONG_SENTENCE_WORDS} words")
    expect(panel).to_contain_text(f"Try to keep sentences under {readability.LONG_SENTENCE_WORDS} words.")
    expect(panel).to_contain_text('Jargon: "stakeholder"')
    expect(panel).to_contain_text('Try "person or group involved"')
    expect(panel).to_contain_text('Jargon: "in order to"')
    expect(reading_age).to_contain_text("above 11, harder to read than it should be")
    # And annotated in the preview itself, by the sentence's paragraph.
    page.locator('button[data-side-panel-toggle="preview"]').click()
    expect(annotations(preview, f"Sentence over {readability.LONG_SENTENCE_WORDS} words")).to_have_count(1)
    expect(annotations(preview, 'Jargon: "elective"')).to_have_count(1)
    # Nothing was saved.
    page_model.refresh_from_db()
    assert "stakeholder" not in str(page_model.body.raw_data)
    context.close()


def test_pdf_only_links_and_images_without_alt_text_are_flagged(live_server, browser, home, editor):
    pdf = make_document(title="Our five-year plan")
    image = make_image()
    publish(
        home,
        StandardPage(
            title="Our plan",
            slug="plan",
            body=[
                # A PDF with a web page beside it (in the same paragraph): not flagged.
                {
                    "type": "rich_text",
                    "value": f'<p>Read <a linktype="document" id="{pdf.pk}">the plan</a> {WEB_PAGE}</p>',
                },
                {"type": "image", "value": {"image": image.pk, "alt_text": "", "decorative": False}},
                {"type": "image", "value": {"image": image.pk, "alt_text": "", "decorative": True}},
                {"type": "image", "value": {"image": image.pk, "alt_text": "Nurses at a clinic", "decorative": False}},
                # Only a PDF, with nothing but an image before it: flagged.
                {"type": "document_link", "value": {"document": pdf.pk, "title": "Our plan, as a PDF"}},
                {"type": "rich_text", "value": f"<p>Our plan.{LONG_SENTENCE}</p>"},
            ],
        ),
    )
    context = signed_in_context(browser, live_server.url, editor, width=1400)
    page = context.new_page()
    # Wagtail logs what axe-core found (for developers): axe's message for each element is there.
    logged = []
    page.on("console", lambda message: logged.append(message) if message.text.startswith("axe.run") else None)
    page.goto(f"{live_server.url}/plan/")

    # Wagtail's userbar runs the checks in the page and annotates each issue where it is.
    pdf_only = annotations(page, "PDF with no web page version")
    expect(pdf_only).to_have_count(1)
    assert "Put the same information on a web page" in pdf_only.get_attribute("data-help-text")
    assert pdf_only.evaluate("el => el.previousElementSibling.textContent").strip() == "Our plan, as a PDF"
    no_alt = annotations(page, "Image has no alt text")
    expect(no_alt).to_have_count(1)  # not the decorative one, nor the one with alt text
    assert no_alt.evaluate("el => el.closest('figure').querySelector('img').alt") == ""
    expect(page.locator("figure[data-decorative] img")).to_have_count(1)

    expect(annotations(page, f"Sentence over {readability.LONG_SENTENCE_WORDS} words")).to_have_count(1)
    violations = {item["id"]: item for item in logged[0].args[1].json_value()}
    assert [node["any"][0]["message"] for node in violations["plain-english-long-sentence"]["nodes"]] == [
        f"This sentence has 28 words. Try to keep sentences under {readability.LONG_SENTENCE_WORDS} words."
    ]

    # The userbar's own list of issues says the same.
    page.locator("wagtail-userbar #wagtail-userbar-trigger").click()
    page.locator("wagtail-userbar #checker-trigger").click()
    results = page.locator("wagtail-userbar #checker-results")
    expect(results).to_contain_text("PDF with no web page version")
    expect(results).to_contain_text("Image has no alt text")
    context.close()


def test_residents_get_no_checker_script_no_request_and_no_cookie(live_server, home, open_page):
    publish(home, StandardPage(title="Help", slug="help", body=[{"type": "rich_text", "value": PLAIN}]))
    requested = []
    page = open_page(live_server.url + "/help/")
    page.on("request", lambda request: requested.append(request.url))
    page.reload()
    page.wait_for_load_state("load")
    assert requested and not [url for url in requested if SCRIPT in url or "/wagtailadmin/" in url]
    assert page.evaluate("() => typeof window.stpPlainEnglish") == "undefined"
    assert page.locator("wagtail-userbar").count() == 0
    assert page.context.cookies() == []


@pytest.mark.parametrize(
    "html",
    [
        PLAIN,
        JARGON_HEAVY,
        "<h2>Get help</h2><p>Call us on 0300 123 4567. We are open from 9am to 5pm, Monday to Friday.</p>",
        "<p>Our partnership brings together the NHS, councils and voluntary organisations across "
        "Staffordshire and Stoke-on-Trent to improve people's health and wellbeing.</p>",
        "<p>Contact us.</p>",
    ],
)
def test_the_browser_measures_as_readability_py_does(live_server, home, open_page, html):
    """The same words, sentences, long sentences and jargon; reading age within a year (the browser
    counts syllables by rule, readability.py with the CMU pronouncing dictionary)."""
    publish(home, StandardPage(title="Help", slug="help"))
    page = open_page(live_server.url + "/help/")
    page.add_script_tag(url=f"/static/{SCRIPT}")
    options = check_options(11)
    measured = page.evaluate(
        """([html, options, terms]) => {
            const root = document.createElement('div');
            root.innerHTML = html;
            const m = window.stpPlainEnglish;
            const text = m.asSentences(m.segments(root, options));
            return {
                text,
                readingAge: m.readingAge(text, options),
                long: m.longSentences(text, options.longSentenceWords).map((item) => item.words),
                jargon: terms.filter(([term, upper]) => m.jargonCount(text, term, upper) > 0).map(([term]) => term),
            };
        }""",
        [html, options, [[term, term.isupper()] for term in readability.JARGON]],
    )
    report = readability.check_html(html)
    assert measured["text"] == report.text
    assert measured["long"] == [item["words"] for item in report.long_sentences]
    assert measured["jargon"] == [item["term"] for item in report.jargon]
    if report.reading_age is None:
        assert measured["readingAge"] is None
    else:
        assert abs(measured["readingAge"] - report.reading_age) <= 1.0
