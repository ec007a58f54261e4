"""Tests: real PostgreSQL (the test command starts a throwaway cluster and sets DATABASE_URL)."""

import os
import tempfile

import dj_database_url

from .base import *

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1", "second.example"]  # second: a second partnership
if "DATABASE_URL" not in os.environ:
    raise RuntimeError("DATABASE_URL is not set: run the tests with `make test`, which starts PostgreSQL.")
DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
INSTALLED_APPS += ["django.contrib.postgres"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Whole pages have a cache of their own (core/page_cache.py), as in production.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# The suite runs in parallel (pytest-xdist): each worker process has its own test database (pytest-django
# adds the worker's name), media folder and spool, so no worker sees another's files.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", tempfile.gettempdir())) / f"stp-site-test-media-{_WORKER}"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Each test gets a spool folder of its own (tests/conftest.py); this one is for anything outside a test.
SIGNUP_SPOOL_DIR = str(Path(tempfile.gettempdir()) / f"stp-site-test-spool-{_WORKER}")
# Email is sent at once in unit tests; the production tests (tests/production) run the real queue and worker.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "mail": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
# No front-end cache to purge in unit tests (tests/production/test_front_end_cache.py runs a real Varnish).
FRONTEND_CACHE_URLS = []
