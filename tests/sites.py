"""The partnerships' sites in tests: the default one (the `home` fixture's, or the demo's Together We're
Better) and a second partnership's site beside it."""

from wagtail.models import Site

from stp_site.core.sites import default_site
from tests.home.factories import HomePageFactory


def add_site(hostname="second.example", title="Second partnership", **home_fields):
    """Another partnership: its own published home page straight under the tree's root, served at `hostname`."""
    root = default_site().root_page.get_parent()
    home = HomePageFactory(parent=root, title=title, slug=hostname.replace(".", "-"), **home_fields)
    return Site.objects.create(hostname=hostname, port=80, root_page=home, site_name=title)


def demo_partnership():
    """The first demo partnership (Together We're Better), on the default site: for running one app's demo
    loader on its own (they take the partnership they build for)."""
    from stp_site.core.demo import partnerships

    partnership = partnerships()[0]
    partnership.site = default_site()
    return partnership
