"""Sending purges to the front-end caches (Varnish) listed in FRONTEND_CACHE_URLS.

A purge is one `PURGE` request per cache carrying the surrogate keys to drop in an `xkey-purge` header
(deploy/varnish/default.vcl purges every object tagged with any of them). It is sent once the
transaction commits, so Varnish never fetches the old rows back, and it never fails the change that
caused it: a cache that is down or slow costs a warning in the log (its address and the error, nothing
about who or what was published), and the copies it holds age out after their `s-maxage`.
"""

import http.client
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 2
KEYS_PER_REQUEST = 200  # keeps each header well under Varnish's 8 KiB request-header limit


def purge(keys):
    """Drop every copy tagged with any of `keys` from every front-end cache, after the commit."""
    keys = sorted(set(keys))
    if keys and settings.FRONTEND_CACHE_URLS:
        transaction.on_commit(lambda: send(keys))


def send(keys):
    for url in settings.FRONTEND_CACHE_URLS:
        for start in range(0, len(keys), KEYS_PER_REQUEST):
            _send_one(url, " ".join(keys[start : start + KEYS_PER_REQUEST]))


def _send_one(url, header):
    parts = urlsplit(url)
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(parts.hostname, parts.port, timeout=TIMEOUT_SECONDS)
    try:
        connection.request("PURGE", parts.path or "/", headers={"xkey-purge": header})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            logger.warning("Front-end cache %s refused a purge: HTTP %s", parts.netloc, response.status)
    except (OSError, http.client.HTTPException) as error:
        logger.warning("Front-end cache %s could not be purged: %s", parts.netloc, type(error).__name__)
    finally:
        connection.close()
