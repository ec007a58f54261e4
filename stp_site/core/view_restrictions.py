"""The queryset every page model uses: which parts of the site are private, read once per content
version instead of once per query, and the one way to fetch the images that cards show.

Wagtail looks up every PageViewRestriction each time a queryset calls `.public()` and twice more
before serving any page. The site almost never has private pages, so that is several queries per
request to learn nothing. Here the private sections are cached under the content version, which
changes whenever a restriction is added, changed or removed (signals.py), so a page made private
is private at once.
"""

from django.db.models import Prefetch, Q

from wagtail.images import get_image_model
from wagtail.models import PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from . import content_version


def private_sections():
    """(path, depth) of every page with a view restriction: those pages and all below them are private."""
    return content_version.cached(
        "private_sections",
        lambda: list(PageViewRestriction.objects.values_list("page__path", "page__depth").order_by("page__path")),
    )


def private_q():
    """Like Wagtail's PageQuerySet.private_q(), without a query."""
    q = Q()
    for path, depth in private_sections():
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])  # no private section: match nothing


class SitePageQuerySet(PageQuerySet):
    def private_q(self):
        return private_q()

    def in_site(self, site_root_path):
        """Pages of one partnership's site: its home page and everything under it (see
        BasePage.site_root_path). Every list a public page shows is one site's."""
        return self.filter(path__startswith=site_root_path)

    def with_listing_images(self):
        """Cards show the listing image: fetch the images and their renditions in two queries for the
        whole list, not one per card."""
        return self.select_related(None).prefetch_related(
            Prefetch("listing_image", queryset=get_image_model().objects.prefetch_renditions())
        )


class SitePageManager(PageManager.from_queryset(SitePageQuerySet)):
    """The manager of every BasePage model: `.public()` costs no query."""
