"""The news index and news items (pass `programmes=[...]`, `partners=[...]` to link them).
tests/news_helpers.py builds whole news sections and many items at once (the news bench uses it too)."""

import datetime

import factory

from news.models import NewsIndexPage, NewsPage
from tests.factories import PageFactory


class NewsIndexPageFactory(PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "News"
    slug = "news"


class NewsPageFactory(PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda number: f"News item {number}")
    date = factory.Sequence(lambda number: datetime.date(2020, 1, 1) + datetime.timedelta(days=number))
    listing_summary = factory.LazyAttribute(lambda page: f"Summary of {page.title}.")
