"""Breadcrumbs as on NHS.UK: from tablet width up the trail shows and the back link is hidden; on a
phone only the back link to the parent page shows. With and without JavaScript."""

import pytest
from playwright.sync_api import expect

from programmes.models import ProgrammeIndexPage, ProgrammePage
from tests.factories import publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def programme(home):
    our_work = publish(home, ProgrammeIndexPage(title="Our work", slug="our-work"))
    return publish(our_work, ProgrammePage(title="Digital", slug="digital", listing_summary="Digital care."))


@pytest.mark.parametrize("javascript", [True, False])
def test_desktop_shows_the_trail_and_phones_only_the_back_link(live_server, programme, open_page, javascript):
    desktop = open_page(live_server.url + "/our-work/digital/", width=1280, javascript=javascript)
    trail = desktop.locator("nav.nhsuk-breadcrumb .nhsuk-breadcrumb__list")
    expect(trail).to_be_visible()
    expect(trail.locator("a")).to_have_text(["Home", "Our work"], use_inner_text=True)
    expect(desktop.locator("nav.nhsuk-breadcrumb .nhsuk-back-link")).to_be_hidden()

    phone = open_page(live_server.url + "/our-work/digital/", width=320, javascript=javascript)
    expect(phone.locator("nav.nhsuk-breadcrumb .nhsuk-breadcrumb__list")).to_be_hidden()
    back = phone.locator("nav.nhsuk-breadcrumb .nhsuk-back-link")
    expect(back).to_be_visible()
    assert back.text_content() == "Back to\xa0Our work"  # "Back to" is visually hidden, for screen readers
    assert back.locator(".nhsuk-u-visually-hidden").text_content() == "Back to\xa0"
    assert back.get_attribute("href") == "/our-work/"
