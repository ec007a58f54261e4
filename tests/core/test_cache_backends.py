"""stp_site.core.cache_backends.RedisCache against a real redis-server that the tests stop, pause and
start: Redis down is an empty cache that forgets writes, one warning per outage, and the content version
changes once when Redis answers again. This Redis keeps its data across a restart (an append-only
file), as a production Redis with persistence does: the hard case."""

import logging
import os
import signal
import threading
import time

import pytest
import redis
from django_ratelimit.core import is_ratelimited

from django.core.cache import cache, caches
from django.test import RequestFactory, override_settings

from scripts.production_site import RedisServer
from stp_site.core import cache_backends, content_version

BACKEND = "stp_site.core.cache_backends.RedisCache"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with RedisServer(tmp_path_factory.mktemp("redis"), ["--appendonly", "yes"]) as server:
        yield server


@pytest.fixture
def redis_caches(server):
    """The default and pages caches on the test's Redis, as production settings make them."""
    if server.process is None:
        server.start()
    redis.Redis.from_url(server.url).flushdb()
    cache_backends._forget_outages()
    caches_setting = {
        name: {"BACKEND": BACKEND, "LOCATION": server.url, "KEY_PREFIX": name} for name in ("default", "pages")
    }
    with override_settings(CACHES=caches_setting):
        yield server
        if server.process is None:
            server.start()
        wait_until_up()
    cache_backends._forget_outages()


def wait_until_up(seconds=10):
    deadline = time.monotonic() + seconds
    while cache.outage.down:
        assert time.monotonic() < deadline, "Redis was not seen again"
        time.sleep(0.05)


def warnings(caplog, text):
    return [r for r in caplog.records if r.name == cache_backends.__name__ and text in r.getMessage()]


def test_the_backend_uses_short_timeouts(redis_caches):
    assert cache._options["socket_connect_timeout"] == 0.5
    assert cache._options["socket_timeout"] == 0.5
    with override_settings(
        CACHES={"default": {"BACKEND": BACKEND, "LOCATION": redis_caches.url, "OPTIONS": {"socket_timeout": 2}}}
    ):
        assert cache._options["socket_timeout"] == 2
        assert cache._options["socket_connect_timeout"] == 0.5


def test_redis_down_is_an_empty_cache_that_forgets_writes(redis_caches, caplog):
    cache.set("kept", "value", None)
    assert cache.get("kept") == "value"
    redis_caches.stop()

    started = time.monotonic()
    assert cache.get("kept") is None
    assert cache.get("kept", "default") == "default"
    cache.set("other", 1)
    assert cache.add("new", 1) is False
    assert cache.get_many(["kept", "other"]) == {}
    assert cache.has_key("kept") is False
    assert cache.touch("kept") is False
    assert cache.delete("kept") is False
    assert cache.delete_many(["a", "b"]) is None
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.incr("count") == 1  # a count that cannot be kept starts again
    assert cache.get_or_set("built", lambda: "built now") == "built now"
    assert caches["pages"].get("page") is None
    for _ in range(200):
        cache.get("kept")
    assert time.monotonic() - started < 1  # only the first call met the dead Redis
    with pytest.raises(redis.exceptions.ConnectionError):
        cache.clear()  # emptying the cache by hand says when it could not

    assert len(warnings(caplog, "unavailable")) == 1  # one warning for the outage, not one per call
    assert str(os.getpid()) in warnings(caplog, "unavailable")[0].getMessage()
    redis_caches.start()
    wait_until_up()
    assert cache.get("kept") is None  # the delete it could not make was made when Redis came back
    assert len(warnings(caplog, "answers again")) == 1


def test_a_url_password_is_never_logged(redis_caches, caplog):
    secret_url = redis_caches.url.replace("redis://", "redis://stranger:sekrit-password@")
    with override_settings(CACHES={"default": {"BACKEND": BACKEND, "LOCATION": secret_url}}):
        assert cache.get("anything") is None  # no such user: an authentication error, an outage
        assert warnings(caplog, "unavailable")
        assert "sekrit" not in caplog.text
        assert f"127.0.0.1:{redis_caches.port}" in caplog.text


def test_a_hung_redis_costs_one_short_timeout_then_nothing(redis_caches):
    cache.set("kept", "value")
    os.kill(redis_caches.process.pid, signal.SIGSTOP)  # accepts connections, answers nothing
    try:
        started = time.monotonic()
        assert cache.get("kept") is None
        assert time.monotonic() - started < 1.5
        started = time.monotonic()
        for _ in range(100):
            assert cache.get("kept") is None
        assert time.monotonic() - started < 0.5
    finally:
        os.kill(redis_caches.process.pid, signal.SIGCONT)
    wait_until_up()
    assert cache.get("kept") == "value"


def test_the_rate_limit_never_refuses_anyone_because_redis_is_down(redis_caches):
    def limited():
        request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.5")
        return is_ratelimited(request, group="signup", key="ip", rate="1/h", method="POST", increment=True)

    assert not limited()
    assert limited()  # Redis up: the limit holds
    redis_caches.stop()
    assert not any(limited() for _ in range(5))
    redis_caches.start()
    wait_until_up()
    assert limited()  # the count from before the outage is back, and counts on


def test_a_publish_while_redis_is_down_is_live_when_it_returns(redis_caches, monkeypatch):
    bumps = []
    real_bump = content_version.bump
    monkeypatch.setattr(content_version, "bump", lambda **kw: (bumps.append(threading.get_ident()), real_bump())[1])
    before = content_version.current()
    assert content_version.cached("list", lambda: "old") == "old"
    caches["pages"].set(f"page:{before}", "old page", None)
    redis_caches.stop()

    content_version.bump()  # the publish: its new version cannot reach Redis
    assert content_version.cached("list", lambda: "new") == "new"  # nothing is read from the cache
    redis_caches.start()
    store = redis.Redis.from_url(redis_caches.url)
    # Redis is back with everything it held before, the old version included.
    assert store.exists(f"default:1:stp_site:cached:{before}:list", f"pages:1:page:{before}") == 2

    # Many threads reading while Redis returns: none reads the old version, ever.
    seen, stop = [], threading.Event()

    def read():
        while not stop.is_set():
            seen.append(content_version.current())

    threads = [threading.Thread(target=read) for _ in range(6)]
    for thread in threads:
        thread.start()
    wait_until_up()
    time.sleep(0.3)
    stop.set()
    for thread in threads:
        thread.join()
    assert seen and before not in seen
    after = content_version.current()
    assert after != before
    assert content_version.cached("list", lambda: "newer") == "newer"
    # One bump for the outage (the publish's own, which Redis never got, and the one on its return),
    # although two cache aliases and seven threads shared the outage.
    assert len(bumps) == 2
    assert content_version.current() == after


def test_redis_refusing_writes_is_an_outage_until_it_takes_them_again(redis_caches, caplog):
    store = redis.Redis.from_url(redis_caches.url)
    before = content_version.current()
    store.config_set("maxmemory", "1")  # every write refused: "OOM command not allowed"
    try:
        cache.set("big", "x" * 1000)  # no exception
        assert cache.get("big") is None
        assert warnings(caplog, "unavailable")
        time.sleep(2.5)  # it answers PING, but the bump on its return is refused: still down
        assert cache.outage.down
    finally:
        store.config_set("maxmemory", "0")
    wait_until_up()
    assert content_version.current() != before
    assert len(warnings(caplog, "unavailable")) == 1


def test_other_redis_errors_still_raise(redis_caches):
    redis.Redis.from_url(redis_caches.url).lpush("default:1:a-list", "x")
    with pytest.raises(redis.exceptions.ResponseError):
        cache.incr("a-list")  # a wrong type is a bug, not an outage
    with pytest.raises(ValueError):
        cache.incr("missing")  # as Django's RedisCache: incr of a missing key


def test_logging_is_one_line_per_outage_across_aliases_and_threads(redis_caches, caplog):
    caplog.set_level(logging.WARNING)
    redis_caches.stop()
    threads = [threading.Thread(target=lambda: [caches["pages"].get("x") for _ in range(50)]) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cache.get("x")
    assert len(warnings(caplog, "unavailable")) == 1
    redis_caches.start()
    wait_until_up()
    assert len(warnings(caplog, "answers again")) == 1
