"""Production: every secret and host name comes from the environment; missing ones stop the start."""

import os
import tempfile
from pathlib import Path

import dj_database_url

from django.core.exceptions import ImproperlyConfigured

from stp_site.proxies import trusted_proxies_from_env

from .base import *
from .base import BASE_DIR, MIDDLEWARE


def env(name, default=None):
    value = os.environ.get(name, default)
    if value is None or value == "":
        raise ImproperlyConfigured(f"Set the {name} environment variable (see docs/deploy.md).")
    return value


def env_list(name, default=None):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
DATABASES = {"default": dj_database_url.parse(env("DATABASE_URL"), conn_max_age=60, conn_health_checks=True)}
INSTALLED_APPS += ["django.contrib.postgres"]
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")
OTP_WEBAUTHN_ALLOWED_ORIGINS = [WAGTAILADMIN_BASE_URL]  # passkeys work on the admin's own address only

# The cache must be shared by every gunicorn worker, or a publish would not reach them all:
# Redis when there are several machines (through a backend that keeps the site up while Redis is
# down: stp_site/core/cache_backends.py), otherwise files on this machine. Whole pages have a cache
# of their own ("pages"), so that culling old pages never evicts the content version or the
# rate-limit counters kept in "default".
CACHE_DIR = Path(env("CACHE_DIR", str(Path(tempfile.gettempdir()) / "stp-site-cache")))


def _cache(name, max_entries):
    if os.environ.get("REDIS_URL"):
        return {
            "BACKEND": "stp_site.core.cache_backends.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": name,
        }
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(CACHE_DIR / name),
        "OPTIONS": {"MAX_ENTRIES": max_entries},
    }


CACHES = {"default": _cache("default", 20_000), "pages": _cache("pages", 5000)}

# How many machines run the app behind the load balancer (docs/scaling.md). Each machine's file cache
# is its own: a publish through one would change the content version there only, the others would
# serve their old copies for up to 10 minutes, and each would keep its own rate-limit counts. So
# several app servers need Redis, and stop at start-up without it.
APP_SERVERS = int(env("APP_SERVERS", "1"))
if APP_SERVERS > 1 and not os.environ.get("REDIS_URL"):
    raise ImproperlyConfigured(
        f"APP_SERVERS is {APP_SERVERS}: several app servers must share one cache. Set REDIS_URL (see docs/scaling.md)."
    )

EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env("EMAIL_USE_TLS", "false").lower() == "true"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "no-reply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "stp_site.storage.StaticStorage"},
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# On a single machine with no object storage or web server for media, Django serves uploads itself.
SERVE_MEDIA = env("SERVE_MEDIA", "false").lower() == "true"
WHITENOISE_MAX_AGE = 31536000

# The TLS proxy: only requests from these addresses may carry X-Forwarded-* headers (the same variable
# sets gunicorn's forwarded_allow_ips, stp_site/gunicorn_conf.py). From any other peer the headers are
# removed before anything reads them, so X-Forwarded-Proto is believed only from the proxy, and the
# resident's address (stp_site.proxies.client_address) is X-Forwarded-For's right-most untrusted entry.
TRUSTED_PROXIES = trusted_proxies_from_env()
MIDDLEWARE = ["stp_site.proxies.ForwardedHeadersMiddleware", *MIDDLEWARE]
# django-ratelimit's key="ip" (the sign-up limit) counts each resident, not the proxy.
RATELIMIT_IP_META_KEY = "stp_site.proxies.client_address"

# HTTPS everywhere. The TLS proxy in front must set X-Forwarded-Proto (trusted from it alone, above).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
