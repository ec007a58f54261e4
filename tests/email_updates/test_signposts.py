"""Residents find "Get email updates" where they read: on Get involved, the news page and each programme's
page, whose link ticks that programme's news for them."""

import re
from html import unescape

import pytest

from stp_site.core.page_urls import local_url

pytestmark = pytest.mark.django_db


def signposts(html):
    """[(href, text)] of the page's action links."""
    return [
        (unescape(href), text.strip())
        for href, text in re.findall(
            r'<a class="nhsuk-action-link__link" href="([^"]*)">.*?<span class="nhsuk-action-link__text">([^<]*)<',
            html,
            re.S,
        )
    ]


def test_get_involved_and_the_news_page_link_to_the_sign_up_form(client, section):
    form_url = local_url(section["page"])
    get_involved = section["page"].get_parent()
    for page in (get_involved, section["news"]):
        response = client.get(local_url(page))
        assert response.status_code == 200
        assert (form_url, "Get email updates") in signposts(response.content.decode())


def test_a_programme_page_links_to_the_form_with_its_news_ticked(client, section):
    programme = next(iter(section["programmes"].values()))
    links = signposts(client.get(local_url(programme)).content.decode())
    expected = f"{local_url(section['page'])}?topic=programme-{programme.pk}"
    assert (expected, "Get email updates about this work") in links
    form = client.get(expected).content.decode()
    ticked = re.findall(r'<input[^>]*name="topics"[^>]*value="([^"]*)"[^>]*checked', form)
    assert ticked == [f"programme-{programme.pk}"]


def test_a_topic_that_is_not_offered_ticks_nothing(client, section):
    form = client.get(local_url(section["page"]) + "?topic=programme-999999&topic=<script>").content.decode()
    assert re.findall(r'<input[^>]*name="topics"[^>]*checked', form) == []
    assert "<script>" not in form


def test_no_signpost_once_the_form_page_is_unpublished(client, section):
    section["page"].unpublish()
    html = client.get(local_url(section["news"])).content.decode()
    assert "Get email updates" not in html
    # and it comes back when the page is published again
    section["page"].save_revision().publish()
    assert "Get email updates" in client.get(local_url(section["news"])).content.decode()
