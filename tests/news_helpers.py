"""Builders for news tests and the news bench: a programme section, a news index and many news items."""

from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from wagtail.models import Page

from news.models import NewsIndexPage, NewsPage
from programmes.models import ProgrammeIndexPage, ProgrammePage
from tests.factories import publish


def make_news_section(home, programme_slugs=("digital", "maternity-and-children")):
    """Our work with a few programme pages, and the news index: all published."""
    our_work = publish(home, ProgrammeIndexPage(title="Our work", slug="our-work", show_in_menus=True))
    programmes = {
        slug: publish(
            our_work,
            ProgrammePage(title=slug.replace("-", " ").capitalize(), slug=slug, listing_summary=f"About {slug}."),
        )
        for slug in programme_slugs
    }
    news_index = publish(home, NewsIndexPage(title="News", slug="news", show_in_menus=True))
    return news_index, programmes


def make_news(news_index, title, day, programmes=(), image=None, publish_it=True, **fields):
    """One news item dated `day`, published (with a revision, as an editor would)."""
    slug = fields.pop("slug", None) or title.lower().replace(" ", "-")[:50]
    page = NewsPage(
        title=title,
        slug=slug,
        date=day,
        listing_summary=fields.pop("listing_summary", f"Summary of {title}."),
        listing_image=image,
        image_alt="A test picture" if image else "",
        live=publish_it,
        **fields,
    )
    page.programmes = list(programmes)
    news_index.add_child(instance=page)
    if publish_it:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def make_many_news(news_index, count, programmes=(), image=None, start=date(2020, 1, 1)):
    """Many published news items in a few queries, one a day going back from `start`.

    Rows are written in bulk (tree paths worked out here, no revisions and no search indexing): the
    public pages read only the live page rows, so they cannot tell these from items staff published.
    """
    news_index.refresh_from_db()
    last = news_index.get_last_child()
    first_step = (int(last.path[-Page.steplen :], 36) + 1) if last else 1
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(NewsPage)
    pages = []
    for number in range(count):
        day = start - timedelta(days=number)
        slug = f"news-{day.isoformat()}"
        title = f"News from {day:%-d %B %Y}"
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                path=Page._get_path(news_index.path, news_index.depth + 1, first_step + number),
                depth=news_index.depth + 1,
                numchild=0,
                url_path=f"{news_index.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale_id=news_index.locale_id,
            )
        )
    pages = Page.objects.bulk_create(pages)
    rows = [
        (
            page.pk,
            "",
            f"What happened on {page.title[10:]}.",
            image.pk if image else None,
            start - timedelta(days=number),
            "A test picture" if image else "",
            False,
            "[]",
        )
        for number, page in enumerate(pages)
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO news_newspage (page_ptr_id, listing_title, listing_summary, listing_image_id, "
            "date, image_alt, image_decorative, body) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
    through = NewsPage.programmes.through
    through.objects.bulk_create(
        [through(newspage_id=page.pk, programmepage_id=programme.pk) for page in pages for programme in programmes]
    )
    Page.objects.filter(pk=news_index.pk).update(numchild=news_index.numchild + count)
