"""Django's Redis cache, for a site that keeps serving while Redis is down.

Django's RedisCache raises when Redis does not answer, so every page would be a 500. `RedisCache`
here treats Redis being unreachable (or refusing writes: out of memory, read-only, a failed snapshot)
as an empty cache that forgets every write: a read is a miss, a write is not made, `add` says it
added nothing, `set_many` names every key it could not set, and `incr` counts from the start (so
django-ratelimit, which calls `add` and then `incr`, never refuses anyone because a count cannot be
kept). Pages are then rendered from the database on every request, slower but correct.

One outage is one warning per process (with its id), not one per call. After the first failure no
call waits on Redis: a thread of the process's own tries it once a second (with short timeouts,
OPTIONS' `socket_connect_timeout` and `socket_timeout`, 0.5 s unless set) and, when it answers again:

- bumps the content version (`content_version.bump()`), once, before any other call in the process
  uses Redis again. A publish made while Redis was down could not change the version in it, and a
  Redis that comes back with its data (a restart that reloads its snapshot or append-only file, or a
  network that heals) still holds the old version and every copy stored under it. After the bump
  those copies are never read again, in any worker, because a version is never used twice;
- makes the deletes it could not make meanwhile (Wagtail's cached site root paths and the like).

The bump is made by every process that saw the outage; any one of them is enough, since the version
is shared. A process that made no call while Redis was down saw nothing, and may read the old version
until the first of the others bumps it (within about a second of Redis answering). `current()` needs
no help when Redis comes back empty: a missing version is replaced by a new one.
"""

import logging
import os
import threading
import time
from urllib.parse import urlsplit

import redis

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from . import content_version

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 0.5  # connect and read, unless OPTIONS say otherwise
RETRY_SECONDS = 1.0  # between two tries while Redis is down
MAX_PENDING_DELETES = 1000
_NOT_MADE = object()


def _is_outage(error):
    """Redis cannot be reached or cannot take writes: the cache is unavailable, not the request wrong."""
    if isinstance(error, (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)):
        return True  # includes LOADING (a restart reading its data back), max clients, authentication
    if isinstance(error, (redis.exceptions.ReadOnlyError, redis.exceptions.OutOfMemoryError)):
        return True
    return isinstance(error, redis.exceptions.ResponseError) and str(error).startswith("MISCONF")


def _where(servers):
    """host:port of each server, never the password a URL may carry."""
    parts = []
    for server in servers:
        url = urlsplit(server)
        parts.append(f"{url.hostname}:{url.port or 6379}" if url.hostname else url.path or "?")
    return ", ".join(parts)


_local = threading.local()  # .recovering: the Outage whose recovery this thread is making


class Outage:
    """Whether the Redis servers at one location are down, for this process (every cache alias and
    thread that uses them shares it)."""

    def __init__(self, servers, options):
        self.servers = list(servers)
        self.options = options
        self.down = False
        self.since = 0.0
        self.retry_at = 0.0
        self.failures = 0
        self.pending_deletes = set()
        self.thread = None
        self.forgotten = False  # replaced by a new Outage (after a fork, in tests): its thread stops
        self._mutex = threading.Lock()  # guards the fields above; held only for a moment
        self._recovery = threading.Lock()  # one recovery at a time
        self._probe_client = None

    def bypassed(self):
        """This thread is making the recovery: its own calls go to Redis."""
        return getattr(_local, "recovering", None) is self

    def failed(self, error):
        with self._mutex:
            self.failures += 1
            self.retry_at = time.monotonic() + RETRY_SECONDS
            if self.down:
                return
            self.down = True
            self.since = time.monotonic()
            start_thread = self.thread is None or not self.thread.is_alive()
            if start_thread:
                self.thread = threading.Thread(target=self._retry_until_up, name="redis-cache-retry", daemon=True)
        logger.warning(
            "Redis cache at %s unavailable (process %s): %s. Pages are served without the cache "
            "until it answers; then the content version is changed.",
            _where(self.servers), os.getpid(), str(error).rstrip("."),
        )  # fmt: skip
        if start_thread:
            try:
                self.thread.start()
            except RuntimeError:  # the interpreter is shutting down: calls will try instead
                self.thread = None

    def remember_delete(self, raw_keys):
        with self._mutex:
            for key in raw_keys:
                if len(self.pending_deletes) >= MAX_PENDING_DELETES:
                    break
                self.pending_deletes.add(key)

    def available(self):
        """Whether a call may go to Redis now. While Redis is down, only when a try is due and no
        thread is trying already (the retry thread normally does it)."""
        if not self.down or self.bypassed():
            return True
        if self.thread is not None and self.thread.is_alive():
            return False
        if time.monotonic() < self.retry_at:
            return False
        return self.try_recovery()

    def _retry_until_up(self):
        while not self.forgotten:
            time.sleep(RETRY_SECONDS)
            try:
                if self.try_recovery():
                    return
            except Exception:  # never let the thread die with Redis still marked down
                logger.exception("Redis cache recovery failed; trying again")

    def _client(self):
        """A client of its own on the server Django writes to, with the cache's connection options."""
        if self._probe_client is None:
            options = {k: v for k, v in self.options.items() if k not in ("serializer", "pool_class", "parser_class")}
            self._probe_client = redis.Redis.from_url(self.servers[0], **options)
        return self._probe_client

    def try_recovery(self):
        """If Redis answers: bump the content version and make the deletes not made, then mark it up.
        True when Redis is up (or another thread brought it up)."""
        if not self._recovery.acquire(blocking=False):
            return False
        try:
            if not self.down:
                return True
            with self._mutex:
                failures = self.failures
                pending = list(self.pending_deletes)
            try:
                self._client().ping()
                if pending:
                    self._client().delete(*pending)
            except redis.exceptions.RedisError as error:
                if not _is_outage(error):
                    raise
                with self._mutex:
                    self.retry_at = time.monotonic() + RETRY_SECONDS
                return False
            _local.recovering = self
            try:
                # Through the default cache, as every bump is. If that cache is this Redis, its call
                # is let through (bypassed) while every other thread still sees Redis down; if it
                # fails, failures grows and Redis stays down.
                content_version.bump()
            finally:
                _local.recovering = None
            with self._mutex:
                if self.failures != failures:
                    return False
                self.down = False
                self.pending_deletes.difference_update(pending)
                seconds = time.monotonic() - self.since
            logger.warning(
                "Redis cache at %s answers again after %.1f s (process %s): content version changed, "
                "so what was published meanwhile is live.",
                _where(self.servers), seconds, os.getpid(),
            )  # fmt: skip
            return True
        finally:
            self._recovery.release()


_outages = {}
_outages_lock = threading.Lock()


def outage_for(servers, options):
    key = tuple(servers)
    with _outages_lock:
        if key not in _outages:
            _outages[key] = Outage(servers, options)
        return _outages[key]


def _forget_outages():
    global _outages_lock
    for outage in _outages.values():
        outage.forgotten = True
    _outages.clear()
    _outages_lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_outages)  # a forked worker starts with its own view


class RedisCache(DjangoRedisCache):
    """Django's RedisCache, answering as an empty cache while Redis is down (see the module docstring).
    `clear()` is not covered: emptying the cache by hand should say when it could not."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._options = {
            "socket_connect_timeout": TIMEOUT_SECONDS,
            "socket_timeout": TIMEOUT_SECONDS,
            **self._options,
        }

    @property
    def outage(self):
        return outage_for(self._servers, self._options)

    def _call(self, fallback, method, *args, **kwargs):
        outage = self.outage
        if not outage.available():
            return fallback
        try:
            return method(*args, **kwargs)
        except redis.exceptions.RedisError as error:
            if not _is_outage(error):
                raise
            outage.failed(error)
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        deleted = self._call(_NOT_MADE, super().delete, key, version)
        if deleted is _NOT_MADE:
            self.outage.remember_delete([self.make_and_validate_key(key, version=version)])
            return False
        return deleted

    def get_many(self, keys, version=None):
        return self._call({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        # A count that cannot be kept starts again: as if the key had been evicted and added again.
        return self._call(delta, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        if self._call(_NOT_MADE, super().delete_many, keys, version) is _NOT_MADE:
            self.outage.remember_delete(self.make_and_validate_key(key, version=version) for key in keys)
