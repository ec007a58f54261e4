"""The trimmed NHS.UK stylesheet (scripts/vendor_nhsuk.py: only the components our templates use, and
only their rules our pages can match) styles every page type exactly as the whole stylesheet does.

Each page type of the demo (scripts/demo_pages.py), each form, and the sign-up form's and the
questionnaire's error states after an empty submit, is shot at 320 and 1280 px with the trimmed
stylesheet, then with the whole one (tests/browser/reference/, swapped in with page.route), and the
two shots must match pixel for pixel. Shots that differ are saved, with an image of the difference,
under test-artifacts/trimmed-stylesheet/.
"""

import re
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from django.core.management import call_command

from scripts.demo_pages import page_types
from tests.browser.conftest import WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
TRIMMED = ROOT / "static" / "vendor" / "nhsuk-frontend" / "nhsuk-frontend.min.css"
WHOLE = Path(__file__).parent / "reference" / "nhsuk-frontend-full.min.css"
STYLESHEET_URL = re.compile(r"/static/vendor/nhsuk-frontend/nhsuk-frontend\.min\.css$")
ARTIFACTS = ROOT / "test-artifacts" / "trimmed-stylesheet"
HOST = "127.0.0.1"  # the demo's first site, Together We're Better
# The main form's send button, not the header's search or "Is this page useful?".
SEND = "main form[method=post][novalidate] button[type=submit]"


# Each form: the page type whose page links to it (for a meeting's question form, any meeting the meetings
# index lists: not every meeting takes questions), the end of the link, and whether it is also shot in
# its error state (after sending it empty).
FORMS = {
    "sign-up form": ("reference group", "", True),
    "questionnaire": ("consultation", "respond/", True),
    "event booking": ("event", "book/", False),
    "question to a meeting": ("meetings index", "questions/", False),
}


def form_pages(pages, get_text):
    """{name: (path, send it empty)} for each form, and for each error state "<form>, sent empty"."""
    found = {}
    for name, (page_type, ending, error_state) in FORMS.items():
        path = pages[page_type]
        if ending:
            linking = [path]
            if page_type == "meetings index":
                linking = re.findall(rf'href="({re.escape(path)}[a-z0-9-]+/)"', get_text(path))
            links = (re.search(rf'href="({re.escape(page)}{ending})"', get_text(page)) for page in linking)
            link = next(filter(None, links), None)
            assert link, f"no page of {linking} links to a form ending {ending}"
            path = link.group(1)
        if path != pages[page_type]:  # the sign-up form is its page, already shot
            found[name] = (path, False)
        if error_state:
            found[f"{name}, sent empty"] = (path, True)
    return found


def settle(page):
    """Wait until the page stops changing: every image loaded (lazy ones too, as a full-page shot shows
    them) and the header's script has run."""
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach((img) => { img.loading = 'eager'; })")
    # Functions, not expressions: Playwright evaluates an expression with eval(), which our CSP refuses.
    page.wait_for_function("() => [...document.images].every((img) => img.complete && img.naturalWidth > 0)")
    if page.locator(".nhsuk-header__navigation").count():
        page.wait_for_selector("[data-module=nhsuk-header][data-nhsuk-header-init]", state="attached")


def shot(browser, url, width, whole, send_empty):
    """A full-page PNG of url at width, with the whole stylesheet instead of the trimmed one if `whole`."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    swapped = []
    if whole:

        def fulfil(route):
            swapped.append(route.request.url)
            route.fulfill(status=200, content_type="text/css; charset=utf-8", body=WHOLE.read_bytes())

        page.route(STYLESHEET_URL, fulfil)
    page.set_default_timeout(15_000)
    response = page.goto(url)
    assert response.status in (200, 404), f"{url} answered {response.status}"
    if send_empty:
        page.locator(SEND).click()
        page.wait_for_selector(".nhsuk-error-summary")
        page.wait_for_function("() => document.activeElement.matches('.nhsuk-error-summary')")
    settle(page)
    image = page.screenshot(full_page=True, animations="disabled", caret="hide")
    context.close()
    loads = 2 if send_empty else 1  # the form, then its answer
    assert len(swapped) == (loads if whole else 0), f"{url}: the stylesheet was swapped {len(swapped)} times"
    return image


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.timeout(900)  # about 25 pages, each shot twice: minutes on a busy machine
def test_trimmed_stylesheet_styles_every_page_type_as_the_whole_one(live_server, home, browser, settings, width):
    assert TRIMMED.stat().st_size < WHOLE.stat().st_size / 2, "the vendored stylesheet is not the trimmed one"
    settings.SIGNUP_MIN_SECONDS = 0  # the browser is quicker than a person; the trap has its own tests
    settings.SIGNUP_RATE_LIMIT = "1000/h"
    # `home` remakes the page tree an earlier browser test's flush removed; the demo builds on it.
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    base_url = live_server.url.replace("localhost", HOST)
    context = browser.new_context()

    def get_text(path):
        return context.request.get(base_url + path).text()

    types = page_types(get_text)
    pages = {name: (path, False) for name, path in types.items()} | form_pages(types, get_text)
    context.close()

    differing = []
    for name, (path, send_empty) in pages.items():
        url = base_url + path
        trimmed = Image.open(BytesIO(shot(browser, url, width, whole=False, send_empty=send_empty))).convert("RGB")
        whole = Image.open(BytesIO(shot(browser, url, width, whole=True, send_empty=send_empty))).convert("RGB")
        if trimmed.size == whole.size and ImageChops.difference(trimmed, whole).getbbox() is None:
            continue
        slug = f"{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}-{width}"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        trimmed.save(ARTIFACTS / f"{slug}-trimmed.png")
        whole.save(ARTIFACTS / f"{slug}-whole.png")
        if trimmed.size == whole.size:
            ImageChops.difference(trimmed, whole).save(ARTIFACTS / f"{slug}-difference.png")
        differing.append(f"{name} ({path}) at {width}px: trimmed {trimmed.size}, whole {whole.size}")
    assert differing == [], f"Shots differ (saved in {ARTIFACTS}):\n" + "\n".join(differing)
