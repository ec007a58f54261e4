import os
from io import StringIO

import pytest

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from tests.home.factories import HomePageFactory
from tests.staff import sign_in

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by tests are
# still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# get_involved's fixtures (a published reference group, a referral partner, the privacy notice), shared
# by its tests and the browser tests.
pytest_plugins = ["tests.get_involved.fixtures"]


def _is_transactional(item):
    """A test whose database is flushed afterwards (pytest-django's transaction=True, live_server): the
    flush also empties what migrations made (the root page, staff groups)."""
    marker = item.get_closest_marker("django_db")
    by_marker = marker is not None and bool(marker.kwargs.get("transaction", marker.args[0] if marker.args else False))
    return by_marker or "transactional_db" in item.fixturenames


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Each test file runs whole on one pytest-xdist worker (`make test` runs --dist loadgroup), so its
    module fixtures start once, with its transactional tests a group of their own. pytest-django runs the
    transactional groups after every other database test, as Django does, so on each worker (a database
    of its own) no test that needs what migrations made follows a flush."""
    for item in items:
        group = item.nodeid.split("::")[0] + (":transactional" if _is_transactional(item) else "")
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(autouse=True)
def _empty_spool(settings, tmp_path):
    """Each test has a sign-up spool of its own, so nothing one test spools is replayed in another."""
    settings.SIGNUP_SPOOL_DIR = str(tmp_path / "signup-spool")


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (tests/mail_server.py) that Django's SMTP backend sends to; stopped however the
    test ends."""
    from tests.mail_server import MailServer

    with MailServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = server.host
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = False
        yield server


@pytest.fixture(autouse=True)
def _clear_cache():
    for each in caches.all():
        each.clear()
    yield
    for each in caches.all():
        each.clear()


def page_tree_root():
    """The root page, with the root collection and the default locale.

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
    return root


@pytest.fixture
def home(db):
    """A published HomePage at the root of the default site, as the demo content makes it."""
    root = page_tree_root()
    for page in root.get_children():
        page.delete()
    home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Test")
    return home


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    """The whole demo site (`manage.py load_demo_content`), built once for the module that asks for it.

    It is built inside a transaction that is rolled back after the module's last test; each test runs in
    a savepoint inside it (pytest-django's `db`), so what a test changes is undone before the next one.
    Only for tests about the demo content itself: other tests build the little they need with factories."""
    with django_db_blocker.unblock(), transaction.atomic():
        page_tree_root()
        call_command("load_demo_content", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_content, db):
    """The demo site, for one test (changes are rolled back afterwards)."""


@pytest.fixture
def editor(django_user_model):
    """A superuser called "editor" (pytest-django's own `admin_user` is called "admin")."""
    return django_user_model.objects.create_superuser("editor", "editor@example.com", "a-long-test-password")


@pytest.fixture
def editor_client(client, editor):
    """pytest-django's `client`, signed in as `editor`."""
    sign_in(client, editor)
    return client


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's `admin_client`, signed in the way every test signs staff in (tests/staff.py)."""
    return sign_in(client, admin_user)
