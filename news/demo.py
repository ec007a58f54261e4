"""Demo news from each partnership's news.json: the news index and its items, dated as they first appeared."""

from datetime import date, datetime, time

from django.utils import timezone

from programmes.models import ProgrammePage
from stp_site.core.demo import common_fields, ensure_child, read_fixture, stream
from stp_site.partners.models import PartnerPage

from .models import NewsIndexPage, NewsPage
from .publishing import ensure_publishing_setup


def load(stdout, partnership):
    home = partnership.home
    items = partnership.fixture("news.json")
    if home is None or items is None:
        return
    news_index, created = ensure_child(
        home,
        NewsIndexPage,
        "news",
        title="News",
        listing_summary="What the partnership has been doing, newest first.",
        intro="<p>Choose a programme to see only its news. You can also follow our news with RSS.</p>",
        show_in_menus=True,
    )
    ensure_publishing_setup(news_index)

    alt_text = {item["file"]: item.get("alt", "") for item in read_fixture("images.json")}
    site_pages = home.site_root_path
    programmes = {page.slug: page for page in ProgrammePage.objects.in_site(site_pages)}
    partners = {page.slug: page for page in PartnerPage.objects.in_site(site_pages)}
    made = 0
    for data in items:
        published_on = date.fromisoformat(data["date"])
        fields = common_fields(data)
        if data.get("image"):
            fields["image_alt"] = alt_text.get(data["image"], "")
            fields["image_decorative"] = not fields["image_alt"]
        _, was_made = ensure_child(
            news_index,
            NewsPage,
            data["slug"],
            publish_date=timezone.make_aware(datetime.combine(published_on, time(9, 0))),
            date=published_on,
            body=stream(data["body"], partnership.site),
            last_reviewed=None,
            next_review_due=None,
            programmes=[programmes[slug] for slug in data.get("programmes", []) if slug in programmes],
            partners=[partners[slug] for slug in data.get("partners", []) if slug in partners],
            **fields,
        )
        made += was_made
    if created or made:
        stdout.write(f"Created the news index and {made} news items." if created else f"Created {made} news items.")
