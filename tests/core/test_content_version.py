"""The content version is never used twice, whatever the cache backend evicts or expires.

Django's file cache has no `incr` of its own: a counter "incremented" there is written again with the
default 300 s timeout, and when it expired the counter started at 1 again, bringing back every copy
stored under the old 1. These tests move the cache's clock past every timeout on the file cache.
"""

import time

import pytest

from django.core.cache import cache
from django.core.cache.backends import filebased

from stp_site.core import content_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def file_cache(settings, tmp_path):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path / "d")},
        "pages": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path / "p")},
    }
    return cache


def move_file_cache_clock(monkeypatch, seconds):
    now = time.time()
    monkeypatch.setattr(filebased.time, "time", lambda: now + seconds)


def test_a_bumped_version_outlives_every_timeout_on_the_file_cache(file_cache, monkeypatch):
    content_version.current()
    content_version.bump()
    bumped = content_version.current()
    move_file_cache_clock(monkeypatch, 24 * 60 * 60)  # a day: past the page (10 min) and list (1 h) timeouts
    assert content_version.current() == bumped


def test_an_evicted_version_never_brings_back_old_copies(file_cache):
    first = content_version.current()
    assert content_version.cached("menu", lambda: "as it was") == "as it was"
    content_version.bump()
    assert content_version.cached("menu", lambda: "after a publish") == "after a publish"
    cache.delete(content_version.KEY)  # the cache evicted the version
    after_eviction = content_version.current()
    assert after_eviction != first
    assert content_version.cached("menu", lambda: "rebuilt") == "rebuilt"


def test_versions_are_unique_across_many_bumps(file_cache):
    seen = set()
    for _ in range(50):
        content_version.bump()
        seen.add(content_version.current())
    assert len(seen) == 50
