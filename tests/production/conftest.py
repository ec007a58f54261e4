"""The production topology (scripts/production_site.py), started once for this package per cache
backend: nginx with TLS in front of gunicorn (the Dockerfile's command, 2 workers), production settings,
PostgreSQL, and the file cache or a redis-server of its own. Every test that takes `live` runs on both."""

import pytest

from scripts.production_site import production_site

# The sign-up limit is small so a test can reach it; each test uses residents' addresses of its own.
SIGNUP_RATE_LIMIT = 3


@pytest.fixture(scope="package", params=["file", "redis"])
def live(request):
    with production_site(
        cache=request.param,
        SECURE_SSL_REDIRECT="true",
        SIGNUP_RATE_LIMIT=f"{SIGNUP_RATE_LIMIT}/d",
        SIGNUP_MIN_SECONDS="0",
    ) as site:
        yield site
