"""A new news index gets the publishing groups' permissions and the approval workflow straight away.

When a front-end cache (CDN or Varnish, through wagtail.contrib.frontend_cache) is in front of the
site, publishing or unpublishing a news item also purges every list that shows it: the news index,
the feeds, its programmes' pages and the home page. (Wagtail purges the item's own page itself.)
"""

from django.apps import apps
from django.db.models.signals import post_save

from wagtail.signals import page_published, page_unpublished

from .models import NewsIndexPage, NewsPage
from .publishing import ensure_publishing_setup


def set_up_publishing(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_publishing_setup(instance)


def lists_showing(news_page):
    """The full URLs of every public list that shows this news item."""
    from programmes.models import ProgrammePage

    urls = []
    news_index = news_page.get_parent().specific
    if isinstance(news_index, NewsIndexPage):
        base = news_index.get_full_url()
        if base:
            urls += [base, base + news_index.reverse_subpage("feed")]
            programmes = ProgrammePage.objects.filter(news_pages=news_page).live()
            for programme in programmes:
                urls.append(base + news_index.reverse_subpage("programme_feed", args=[programme.slug]))
                urls.append(programme.get_full_url())
    home = news_page.get_site().root_page if news_page.get_site() else None
    if home is not None:
        urls.append(home.get_full_url())
    return [url for url in dict.fromkeys(urls) if url]


def frontend_cache_installed():
    return apps.is_installed("wagtail.contrib.frontend_cache")


def purge_news_lists(sender, instance, **kwargs):
    if not frontend_cache_installed():
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    purge_urls_from_cache(lists_showing(instance))


post_save.connect(set_up_publishing, sender=NewsIndexPage, dispatch_uid="news_index_publishing_setup")
for signal in (page_published, page_unpublished):
    signal.connect(purge_news_lists, sender=NewsPage, dispatch_uid=f"news_purge_lists_{signal!r}")
