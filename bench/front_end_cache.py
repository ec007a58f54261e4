"""Cached pages through the front-end cache against a static file, in one run, on the production topology
with Varnish (scripts/production_site.py, `varnish=True`): residents' HTTPS -> nginx -> Varnish
(deploy/varnish/default.vcl) -> gunicorn (2 sync workers). nginx serves the static file itself from the
collected static files; each page is served from Varnish (checked: `X-Cache: HIT`). wrk, 8 connections.
Prints each rate and its share of the static file's. Target: a cached page at least 50% of it.
Figures go in docs/performance.md ("Front-end cache").
"""

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load import requests_per_second  # noqa: E402
from scripts.production_site import production_site  # noqa: E402

SECONDS = 5
CONNECTIONS = 8
PAGES = {"home": "/", "news index": "/news/", "programme": "/our-work/maternity-and-children/"}


def main():
    with production_site(varnish=True, nginx_static=True, mail_worker=False, SECURE_SSL_REDIRECT="true") as site:
        resident = site.client()
        home = resident.get("/").text
        static_path = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', home).group(1)
        static = resident.get(static_path)
        assert static.status == 200 and "X-Cache" not in static.headers, "the static file did not come from nginx"
        for path in PAGES.values():
            deadline = time.monotonic() + 10
            while resident.get(path).headers.get("X-Cache") != "HIT":
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{path} is not served from Varnish")
        static_rate = requests_per_second(site.url + static_path, SECONDS, CONNECTIONS)
        print(f"Through nginx (TLS), wrk with {CONNECTIONS} connections for {SECONDS} s each")
        print(f"{'what':<28} {'path':<40} {'req/s':>8} {'% of static':>11}")
        print(f"{'static file (nginx)':<28} {static_path:<40} {static_rate:>8.0f} {100.0:>10.1f}%")
        for name, path in PAGES.items():
            rate = requests_per_second(site.url + path, SECONDS, CONNECTIONS)
            print(f"{name + ' (Varnish hit)':<28} {path:<40} {rate:>8.0f} {100 * rate / static_rate:>10.1f}%")
        print(f"Varnish: {site.varnish.stat('MAIN.cache_hit')} hits, {site.varnish.stat('MAIN.cache_miss')} misses")


if __name__ == "__main__":
    main()
