"""Search on the demo sites: a misspelling still finds the maternity pages, and a page of results spanning
many page types costs the same few queries (Shropshire's "care" once took 13)."""

import pytest

from stp_site.core.demo import partnerships
from tests import html as h

pytestmark = pytest.mark.usefixtures("demo")

HOSTS = [item.hostname for item in partnerships()]


def result_links(html):
    return [href for item in h.elements(html, "li", class_="search-results__item") for href in h.hrefs(item)]


def test_a_misspelling_finds_the_maternity_programme(client):
    # Together We're Better's site: Shropshire, Telford and Wrekin's demo has no maternity pages.
    html = client.get("/search/", {"q": "maternaty"}, HTTP_HOST=HOSTS[0]).content.decode()
    assert "No results for <strong>maternaty</strong>. Showing results for <strong>maternity</strong> instead." in html
    assert any(href.startswith("/our-work/maternity") for href in result_links(html)[:3])


@pytest.mark.parametrize("host", HOSTS)
def test_a_page_of_results_of_many_page_types_takes_at_most_10_queries(client, host, django_assert_max_num_queries):
    client.get("/search/", {"q": "care"}, HTTP_HOST=host)  # fills the cached header, footer and site
    with django_assert_max_num_queries(10):
        html = client.get("/search/", {"q": "care"}, HTTP_HOST=host).content.decode()
    kinds = {text for item in h.elements(html, "p", class_="search-results__type") for text in [h.text(item)]}
    assert len(result_links(html)) == 10
    assert len(kinds) >= 3  # several page types on the one page of results
