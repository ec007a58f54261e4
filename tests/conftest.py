import os

import pytest

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from stp_site.home.models import HomePage

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by tests are
# still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    """A published HomePage at the root of the default site, as the demo content makes it.

    A transactional test (the browser tests) flushes every table afterwards, including the page tree
    and the root collection that Wagtail's migrations made; both are made again here, so any test can
    add pages, images and documents."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:  # a transactional test flushed the tree that Wagtail's migration made
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
        root = Page.add_root(
            instance=Page(title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page))
        )
    for page in root.get_children():
        page.delete()
    home = HomePage(title="Home", slug="home", hero_heading="Together we're better", hero_text="Health and care.")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Test")
    return home


def publish(parent, page):
    """Add `page` under `parent` and publish it, as an editor would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


# get_involved's fixtures (a published reference group, a referral partner), shared by its test files.
from tests.get_involved_fixtures import get_involved, group, partner, privacy_notice  # noqa: E402, F401
