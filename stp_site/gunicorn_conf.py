"""gunicorn's settings: the one place the web server's flags live.

The Dockerfile's CMD is `gunicorn --config python:stp_site.gunicorn_conf`, and
scripts/production_site.py (the smoke and fault tests, the benchmarks) runs that same CMD, read from
the Dockerfile. Environment:

    PORT             port to listen on (8000)
    LISTEN_HOST      address to listen on (0.0.0.0: inside the container; publish the port on the
                     host's loopback only, docs/deploy.md)
    WEB_CONCURRENCY  sync worker processes (3)
    TRUSTED_PROXIES  addresses or networks of the TLS proxy, comma-separated (127.0.0.1,::1): only
                     their X-Forwarded-Proto counts. Django reads the same variable (settings.production).
"""

import os

from stp_site.proxies import trusted_proxies_from_env

wsgi_app = "stp_site.wsgi:application"
bind = [f"{os.environ.get('LISTEN_HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"]  # noqa: S104
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
accesslog = "-"

# Only the proxy may say a request came over HTTPS; never '*' (any client could).
forwarded_allow_ips = ",".join(trusted_proxies_from_env())
# The site is never mounted under a prefix: SCRIPT_NAME and PATH_INFO headers are taken from no one,
# the proxy included, so a request is always routed on the path it names.
forwarder_headers = ""
# Headers with an underscore in the name (SCRIPT_NAME, X_Forwarded_For) are dropped, never mapped.
header_map = "drop"
# No control socket: it would go in $HOME/.gunicorn, read-only code in the image, and every run on one
# machine (tests, benchmarks) would share it.
control_socket_disable = True
# Worker heartbeats in memory, not on the container's overlay filesystem.
_heartbeat_dir = "/dev/shm"  # noqa: S108 (gunicorn makes its files there with mkstemp)
if os.path.isdir(_heartbeat_dir):
    worker_tmp_dir = _heartbeat_dir
# A request line as long as nginx's header buffer takes (8 KB, its default): a long address or query (a
# search pasted in, a deep page with ?q=) reaches Django, which answers it with a page of the site's own,
# not gunicorn's bare "414 URI Too Long" (whose limit, 4094, is below nginx's).
limit_request_line = 8190
