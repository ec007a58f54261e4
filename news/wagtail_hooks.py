"""News on other apps' pages (the home page and programme pages), through BasePage's extend_page_context hook."""

from wagtail import hooks

from .models import NewsIndexPage, news_items

LATEST = 3


def _news_index(page):
    site_root_path = page.url_path.split("/", 2)[:2]
    root = "/".join(site_root_path) + "/"
    return NewsIndexPage.objects.live().filter(url_path__startswith=root).first()


@hooks.register("extend_page_context")
def add_news_to_home_and_programme_pages(page, request, context):
    from programmes.models import ProgrammePage
    from stp_site.models import HomePage

    if isinstance(page, HomePage):
        news_index = _news_index(page)
        context["latest_news"] = list(news_items().select_related("listing_image")[:LATEST])
        if news_index is not None:
            context["news_index"] = news_index
            context["news_feed_url"] = news_index.feed_url()
            context["news_feed_title"] = news_index.feed_title()
    elif isinstance(page, ProgrammePage) and page.pk:
        context["related_news"] = list(news_items().filter(programmes=page).select_related("listing_image")[:LATEST])
        news_index = _news_index(page)
        if news_index is not None:
            context["news_index"] = news_index
            context["news_feed_url"] = news_index.feed_url(page)
            context["news_feed_title"] = news_index.feed_title(page)
