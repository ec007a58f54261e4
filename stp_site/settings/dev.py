"""The embedded default: SQLite, console email, runserver. For trying the site on any machine."""

from .base import *

DEBUG = True
SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - never used outside local development
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DEMO_SITE_PORT = 8000  # runserver's: the two demo sites are http://127.0.0.1:8000/ and http://localhost:8000/
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Whole pages have a cache of their own (core/page_cache.py), as in production.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
