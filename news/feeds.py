"""RSS 2.0 feeds of published news: all of it at /news/feed/, and one per programme at /news/feed/<programme>/.

The news index serves its feeds and says what they list (NewsIndexPage.feed_items), so this module
needs nothing from the news models."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from stp_site.core.navigation import get_navigation


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, index, programme=None):
        self.request = request
        return {"index": index, "programme": programme}

    def title(self, obj):
        organisation = get_navigation(self.request)["organisation_name"]
        if obj["programme"]:
            return f"{organisation}: news about {obj['programme'].title}"
        return f"{organisation}: news"

    def link(self, obj):
        url = obj["index"].get_full_url(request=self.request)
        return url + f"?programme={obj['programme'].slug}" if obj["programme"] else url

    def feed_url(self, obj):
        return obj["index"].feed_url(obj["programme"])

    def description(self, obj):
        if obj["programme"]:
            return f"The latest news about {obj['programme'].title} from the health and care partnership."
        return "The latest news from the health and care partnership."

    def items(self, obj):
        return obj["index"].feed_items(obj["programme"])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.listing_summary or item.search_description or item.title

    def item_link(self, item):
        return item.get_full_url(request=self.request)

    def item_guid(self, item):
        # The page's permanent identifier: stays the same when the title or slug changes.
        return f"urn:uuid:{item.translation_key}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        published = item.first_published_at
        if published and timezone.localdate(published) == item.display_date:
            return published
        return timezone.make_aware(datetime.combine(item.display_date, time(9, 0)))

    def item_updateddate(self, item):
        return item.last_published_at
