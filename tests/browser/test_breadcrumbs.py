"""Breadcrumbs as on NHS.UK: from tablet width up the trail shows and the back link is hidden; on a
phone only the back link to the parent page shows. With and without JavaScript."""

import pytest

from programmes.models import ProgrammeIndexPage, ProgrammePage
from tests.conftest import publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def programme(home):
    our_work = publish(home, ProgrammeIndexPage(title="Our work", slug="our-work"))
    return publish(our_work, ProgrammePage(title="Digital", slug="digital", listing_summary="Digital care."))


@pytest.mark.parametrize("javascript", [True, False])
def test_desktop_shows_the_trail_and_phones_only_the_back_link(live_server, programme, open_page, javascript):
    desktop = open_page(live_server.url + "/our-work/digital/", width=1280, javascript=javascript)
    trail = desktop.locator("nav.nhsuk-breadcrumb .nhsuk-breadcrumb__list")
    assert trail.is_visible()
    assert trail.locator("a").all_inner_texts() == ["Home", "Our work"]
    assert not desktop.locator("nav.nhsuk-breadcrumb .nhsuk-back-link").is_visible()

    phone = open_page(live_server.url + "/our-work/digital/", width=320, javascript=javascript)
    assert not phone.locator("nav.nhsuk-breadcrumb .nhsuk-breadcrumb__list").is_visible()
    back = phone.locator("nav.nhsuk-breadcrumb .nhsuk-back-link")
    assert back.is_visible()
    assert back.text_content() == "Back to\xa0Our work"  # "Back to" is visually hidden, for screen readers
    assert back.locator(".nhsuk-u-visually-hidden").text_content() == "Back to\xa0"
    assert back.get_attribute("href") == "/our-work/"
