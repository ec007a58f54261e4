"""News on other apps' pages (the home page and programme pages), through BasePage's extend_page_context hook.

The news index and the latest items only change when staff publish, so they are cached under the
content version: these pages run no news query on most requests.
"""

from wagtail import hooks

from stp_site.content_version import cached

from .models import NewsIndexPage, news_items

LATEST = 3


def _news_index(page):
    """The news index of the page's site (pages are found by the first part of their url_path)."""
    root = "/".join(page.url_path.split("/", 2)[:2]) + "/"
    return cached(
        f"news_index:{root}",
        lambda: NewsIndexPage.objects.live().defer_streamfields().filter(url_path__startswith=root).first(),
    )


def _add_news_index(page, context, programme=None):
    news_index = _news_index(page)
    if news_index is not None:
        context["news_index"] = news_index
        context["news_feed_url"] = news_index.feed_url(programme)
        context["news_feed_title"] = news_index.feed_title(programme)


@hooks.register("extend_page_context")
def add_news_to_home_and_programme_pages(page, request, context):
    from programmes.models import ProgrammePage
    from stp_site.models import HomePage

    if isinstance(page, HomePage):
        context["latest_news"] = cached(
            "latest_news", lambda: list(news_items().select_related("listing_image")[:LATEST])
        )
        _add_news_index(page, context)
    elif isinstance(page, ProgrammePage) and page.pk:
        context["related_news"] = cached(
            f"programme_news:{page.pk}",
            lambda: list(news_items().filter(programmes=page).select_related("listing_image")[:LATEST]),
        )
        _add_news_index(page, context, programme=page)
