"""Which peers are our own proxies, and the resident's address behind them.

Behind the TLS proxy every request's peer (REMOTE_ADDR) is the proxy. The proxy appends the address it
was connected from to X-Forwarded-For; anything to the left of that came from the client and proves
nothing. So the resident's address is X-Forwarded-For's right-most entry that is not one of our proxies,
and only when the peer itself is one of them: from anyone else, REMOTE_ADDR.

TRUSTED_PROXIES (settings; in production the environment variable of that name, which gunicorn reads
too, see stp_site/gunicorn_conf.py) lists the proxies' addresses or networks; by default loopback.
"""

import functools
import ipaddress
import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_TRUSTED_PROXIES = ("127.0.0.1", "::1")

# Request headers that only a proxy may set, as they appear in request.META.
FORWARDED_META_PREFIXES = ("HTTP_X_FORWARDED_", "HTTP_FORWARDED", "HTTP_X_REAL_IP")


def parse_trusted_proxies(values):
    """IP networks for `values` (addresses or CIDR networks). '*' and anything else is refused."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {value!r} is not an IP address or network. List the addresses your TLS "
                "proxy connects from, comma-separated ('*' is never allowed: see docs/deploy.md)."
            ) from None
    return tuple(networks)


def trusted_proxies_from_env(environ=os.environ):
    """The TRUSTED_PROXIES environment variable as a checked list of strings (default: loopback)."""
    values = [item.strip() for item in environ.get("TRUSTED_PROXIES", "").split(",") if item.strip()]
    values = values or list(DEFAULT_TRUSTED_PROXIES)
    parse_trusted_proxies(values)
    return values


@functools.lru_cache(maxsize=8)
def _networks(values):
    return parse_trusted_proxies(values)


def trusted_networks():
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", DEFAULT_TRUSTED_PROXIES)))


def parse_address(text):
    """An IP address from REMOTE_ADDR or one X-Forwarded-For entry, or None.

    Tolerates a port ("1.2.3.4:5678", "[2001:db8::1]:443"); an IPv4-mapped IPv6 address becomes IPv4,
    so that a dual-stack listener does not put every IPv4 resident into one IPv6 /64."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address


def is_trusted_proxy(address):
    """Whether `address` (text or ip_address) is one of TRUSTED_PROXIES. A peer with no IP address (a
    Unix socket, reachable only on this machine) counts as trusted, as gunicorn counts it."""
    if isinstance(address, str):
        if not address.strip():
            return True
        address = parse_address(address)
        if address is None:
            return False
    return any(address in network for network in trusted_networks())


def client_address(request):
    """The resident's IP address as text: see the module docstring.

    Used as django-ratelimit's `key="ip"` (settings.RATELIMIT_IP_META_KEY), so a limit counts one
    resident, not everyone behind the proxy."""
    peer_text = request.META.get("REMOTE_ADDR", "")
    peer = parse_address(peer_text)
    if peer is not None and not is_trusted_proxy(peer):
        return str(peer)
    if peer is None and peer_text.strip():
        return peer_text  # not an address at all: nothing better to say
    nearest = peer
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = parse_address(entry)
        if address is None:
            break  # our proxies write addresses: a malformed entry was written by the client
        if not is_trusted_proxy(address):
            return str(address)
        nearest = address
    return str(nearest) if nearest is not None else peer_text


class ForwardedHeadersMiddleware:
    """Forwarded headers count only from a trusted proxy.

    gunicorn already ignores X-Forwarded-Proto from other peers when it sets the scheme, but passes the
    header on; Django's SECURE_PROXY_SSL_HEADER would then believe a client that says "https". Here,
    before any other middleware reads them, X-Forwarded-* (and Forwarded, X-Real-IP) are removed from
    every request whose peer is not in TRUSTED_PROXIES. First in MIDDLEWARE (production settings)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
            for key in [key for key in request.META if key.startswith(FORWARDED_META_PREFIXES)]:
                del request.META[key]
        return self.get_response(request)
