"""Speed and size of each page type on each demo partnership's site, served as in production
(gunicorn, 2 sync workers, PostgreSQL).

Two sites run side by side, from the same demo content: one as residents get it (the whole-page
cache on) and one with PAGE_CACHE_SECONDS=0, so every request is a full render (from the shared
caches and fragments, warmed by the first request). Prints, for each demo partnership and page
type: SQL queries per full render; the full-render rate and its share of the static-file rate; the
cached rate and its share; then the static file's rate (whitenoise through the same gunicorn) and
what a first view of the home page on a phone transfers, measured in Chromium. Figures go in
docs/performance.md. Targets: at most 10 queries per page; every page type's full render at least
10% of the static-file rate (issue 16); first view of the home page under 75 KB in at most 10 requests.
"""

import html
import json
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load import requests_per_second  # noqa: E402
from scripts.chromium import launch  # noqa: E402
from scripts.production_site import ROOT, production_site  # noqa: E402

SECONDS = 5
PAGES = {
    "home": "/",
    "vision": "/our-vision/",
    "standard": "/accessibility-statement/",
    "not found (404)": "/no-such-page/",
}
OPTIONAL_PAGES = {  # page types from later features, measured when their demo content exists
    "programme index": "/our-work/",
    "partner index": "/partners/",
    "news index": "/news/",
    "news page 2": "/news/?page=2",
    "get involved": "/get-involved/",
    "reference groups": "/get-involved/patient-reference-groups/",
    "search": "/search/?q=care",
    "how we are run": "/how-we-are-run/",
    "board": "/how-we-are-run/integrated-care-board/",
    "meetings index": "/how-we-are-run/board-meetings/",
    "meetings calendar": "/how-we-are-run/board-meetings/calendar.ics",
}
MEETINGS_INDEX = "/how-we-are-run/board-meetings/"
# Each demo site's host, and its pages whose address differs between the sites.
SITES = {
    "127.0.0.1": {
        "programme": "/our-work/maternity-and-children/",
        "partner": "/partners/university-hospitals-of-north-midlands/",
    },
    "localhost": {
        "programme": "/our-work/prevention-and-self-care/",
        "partner": "/partners/shrewsbury-and-telford-hospital/",
    },
}


def status(url):
    try:
        return urllib.request.urlopen(url, timeout=10).status
    except urllib.error.HTTPError as error:
        return error.code


def first_view(url):
    """Bytes on the wire and request count for a first view on a 375px-wide phone, in Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2)
        page = context.new_page()
        requests = []
        page.on("requestfinished", lambda request: requests.append(request))
        page.goto(url, wait_until="networkidle")
        rows = []
        for request in requests:
            sizes = request.sizes()
            rows.append((request.resource_type, request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))
        browser.close()
    return rows


def main():
    with (
        production_site(proxy=False) as site,
        production_site(proxy=False, mail_worker=False, PAGE_CACHE_SECONDS="0") as uncached,
    ):
        home_html = urllib.request.urlopen(site.base_url + "/").read().decode()
        static_path = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', home_html).group(1)
        static_rate = requests_per_second(site.base_url + static_path, SECONDS)
        for host, own_pages in SITES.items():
            measure_site(
                site.base_url.replace("127.0.0.1", host),
                uncached.base_url.replace("127.0.0.1", host),
                host,
                own_pages,
                uncached.env,
                static_rate,
            )
        print(f"\nstatic file {static_path}: {static_rate:.1f} req/s, the base of every share above")


def meeting_pages(base_url):
    """A past year of the meetings index, the next meeting and its calendar file: their addresses carry
    dates (the demo's meetings are dated from when it was built), so they are read from the index."""
    if status(base_url + MEETINGS_INDEX) != 200:
        return {}
    index = urllib.request.urlopen(base_url + MEETINGS_INDEX).read().decode()
    pages = {}
    year = re.search(r'href="(\?year=\d{4})', index)
    if year:
        pages["meetings ?year="] = MEETINGS_INDEX + year.group(1)
    meeting = re.search(rf'href="({MEETINGS_INDEX}[a-z0-9-]+/)"', index)
    if meeting:
        pages["meeting"] = meeting.group(1)
        pages["meeting calendar"] = meeting.group(1) + "calendar.ics"
    return pages


def measure_site(base_url, uncached_url, host, own_pages, env, static_rate):
    pages = dict(PAGES)
    optional = {**OPTIONAL_PAGES, **own_pages}
    pages.update({name: path for name, path in optional.items() if status(base_url + path) == 200})
    pages.update(meeting_pages(base_url))
    counts = json.loads(
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "count_queries.py"), host, *pages.values()],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    name = re.search(
        r'nhsuk-header__organisation-name">([^<]*)<', urllib.request.urlopen(base_url + "/").read().decode()
    )
    print(f"\n{html.unescape(name.group(1)) if name else host} ({host})")
    columns = f"{'queries':>7} {'full req/s':>10} {'% static':>8} {'cached req/s':>12} {'% static':>8}"
    print(f"{'page type':<18} {'path':<52} {columns}")
    for name, path in pages.items():
        errors = counts[path]["status"] == 404
        status(uncached_url + path)  # warm the shared caches and fragments, as in a running site
        full = requests_per_second(uncached_url + path, SECONDS, allow_errors=errors)
        cached = requests_per_second(base_url + path, SECONDS, allow_errors=errors)
        queries = counts[path]["queries"]
        print(
            f"{name:<18} {path:<52} {queries:>7} {full:>10.1f} {100 * full / static_rate:>7.1f}%"
            f" {cached:>12.1f} {100 * cached / static_rate:>7.1f}%"
        )

    rows = first_view(base_url + "/")
    total = sum(size for _, _, size in rows)
    print(f"First view of the home page on a phone (375px, Chromium): {len(rows)} requests, {total / 1024:.1f} KiB")
    for kind, url, size in rows:
        print(f"  {kind:<11} {size / 1024:>7.1f} KiB  {url.removeprefix(base_url)}")


if __name__ == "__main__":
    main()
