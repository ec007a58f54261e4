"""The resident's address: X-Forwarded-For's right-most untrusted entry, only from a trusted proxy."""

import pytest
from django_ratelimit.core import is_ratelimited

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from stp_site.proxies import (
    ForwardedHeadersMiddleware,
    client_address,
    parse_trusted_proxies,
    trusted_proxies_from_env,
)

PROXIES = ["127.0.0.1", "::1", "10.0.0.0/8"]


def request(remote_addr, forwarded_for=None, **headers):
    meta = {"REMOTE_ADDR": remote_addr, **headers}
    if forwarded_for is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **meta)


@override_settings(TRUSTED_PROXIES=PROXIES)
@pytest.mark.parametrize(
    ("remote_addr", "forwarded_for", "expected"),
    [
        ("203.0.113.5", None, "203.0.113.5"),  # no proxy
        ("203.0.113.5", "198.51.100.7", "203.0.113.5"),  # a stranger's X-Forwarded-For is ignored
        ("127.0.0.1", "198.51.100.7", "198.51.100.7"),  # our proxy appended the resident's address
        ("127.0.0.1", "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # what the client sent is to the left
        ("127.0.0.1", "198.51.100.7, 10.1.2.3", "198.51.100.7"),  # two proxies of ours
        ("127.0.0.1", "10.1.2.3, 10.4.5.6", "10.1.2.3"),  # only proxies: the one furthest out
        ("127.0.0.1", None, "127.0.0.1"),  # the proxy itself (a health check)
        ("127.0.0.1", "", "127.0.0.1"),
        ("127.0.0.1", "198.51.100.7, junk", "127.0.0.1"),  # a malformed chain: nothing to believe
        ("127.0.0.1", "198.51.100.7:4711", "198.51.100.7"),  # a port is tolerated
        ("127.0.0.1", "[2001:db8::1]:443", "2001:db8::1"),
        ("::1", "2001:db8::1", "2001:db8::1"),
        ("::ffff:127.0.0.1", "::ffff:198.51.100.7", "198.51.100.7"),  # IPv4-mapped: IPv4
        ("127.0.0.2", "198.51.100.7", "127.0.0.2"),  # only the listed addresses are proxies
    ],
)
def test_client_address(remote_addr, forwarded_for, expected):
    assert client_address(request(remote_addr, forwarded_for)) == expected


@override_settings(RATELIMIT_IP_META_KEY="stp_site.proxies.client_address", TRUSTED_PROXIES=["127.0.0.1"])
def test_the_ip_rate_limit_counts_each_resident_behind_the_proxy():
    def limited(remote_addr, forwarded_for):
        return is_ratelimited(
            request(remote_addr, forwarded_for), group="t", key="ip", rate="1/d", method="GET", increment=True
        )

    assert not limited("127.0.0.1", "198.51.100.1")
    assert limited("127.0.0.1", "198.51.100.1")
    assert not limited("127.0.0.1", "198.51.100.2")  # a neighbour is not locked out
    assert limited("127.0.0.1", "6.6.6.6, 198.51.100.2")  # nor freed by forging the left
    assert not limited("198.51.100.3", "198.51.100.1")  # a stranger's header names nobody


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_forwarded_headers_are_removed_unless_the_peer_is_a_proxy():
    seen = {}

    def view(request):
        seen.update({key: value for key, value in request.META.items() if "FORWARDED" in key or "REAL_IP" in key})
        seen["secure"] = request.is_secure()
        return HttpResponse()

    middleware = ForwardedHeadersMiddleware(view)
    headers = {
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_X_FORWARDED_HOST": "evil.example",
        "HTTP_FORWARDED": "for=1.2.3.4",
        "HTTP_X_REAL_IP": "1.2.3.4",
    }
    with override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")):
        middleware(request("198.51.100.7", "1.2.3.4", **headers))
        assert seen == {"secure": False}
        seen.clear()
        middleware(request("127.0.0.1", "1.2.3.4", **headers))
        assert seen["HTTP_X_FORWARDED_FOR"] == "1.2.3.4" and seen["secure"] is True


def test_trusted_proxies_come_from_the_environment_and_are_checked():
    assert trusted_proxies_from_env({}) == ["127.0.0.1", "::1"]
    assert trusted_proxies_from_env({"TRUSTED_PROXIES": " 172.17.0.1, 10.0.0.0/8 ,"}) == ["172.17.0.1", "10.0.0.0/8"]
    for bad in ("*", "proxy.example", "10.0.0.0/33"):
        with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
            trusted_proxies_from_env({"TRUSTED_PROXIES": bad})
    assert len(parse_trusted_proxies(["::1", "10.0.0.0/8"])) == 2
