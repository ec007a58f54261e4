"""What a resident's phone downloads on a first view of each page type, and how much the page moves.

    python bench/first_view.py [--detail]

Starts the production topology (scripts/production_site.py: nginx with TLS and HTTP/2, gunicorn,
PostgreSQL, the demo content) and opens one page of each page type (scripts/demo_pages.py) in
Chromium at 375 px wide with an empty cache, through nginx as residents reach it. Prints per page
type: the requests made, the bytes transferred (each response's encoded body plus its headers, as
Chromium reports them) and the cumulative layout shift (the sum of the page's 'layout-shift'
entries without recent input, from a PerformanceObserver). `--detail` lists every request.
Targets (issue 16): at most 35 KB and 6 requests for every page type, and a layout shift of 0.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.chromium import launch  # noqa: E402
from scripts.demo_pages import page_types  # noqa: E402
from scripts.production_site import production_site  # noqa: E402

MAX_BYTES = 35_000
MAX_REQUESTS = 6
# Added before any of the page's own scripts run; buffered, so shifts before it started count too.
LAYOUT_SHIFT_OBSERVER = """
window.__layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""


def first_view(browser, url):
    """(rows, layout shift) for url on a new phone-sized context (an empty cache): rows are
    (resource type, url, bytes) for each request, bytes being the encoded body plus the headers."""
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, device_scale_factor=2, ignore_https_errors=True
    )
    context.add_init_script(LAYOUT_SHIFT_OBSERVER)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request))
    page.goto(url, wait_until="networkidle")
    # Shifts are reported after the frame that made them: read the total after two more frames.
    layout_shift = page.evaluate(
        "new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(window.__layoutShift))))"
    )
    rows = []
    for request in requests:
        sizes = request.sizes() if request.response() else {"responseBodySize": 0, "responseHeadersSize": 0}
        rows.append((request.resource_type, request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))
    context.close()
    return rows, layout_shift


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detail", action="store_true", help="list every request of each page")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with production_site(mail_worker=False) as site, sync_playwright() as playwright:
        client = site.client()
        pages = page_types(lambda path: client.get(path).text)
        browser = launch(playwright)
        print(f"First view at 375 px, empty cache, through nginx (HTTPS, HTTP/2): {site.url}/")
        print(f"{'page type':<18} {'requests':>8} {'bytes':>8} {'KiB':>6} {'layout shift':>12}  path")
        misses = []
        for name, path in pages.items():
            rows, layout_shift = first_view(browser, site.url + path)
            total = sum(size for _, _, size in rows)
            print(f"{name:<18} {len(rows):>8} {total:>8} {total / 1024:>6.1f} {layout_shift:>12.4f}  {path}")
            if args.detail:
                for kind, url, size in rows:
                    print(f"    {kind:<11} {size:>7}  {url.removeprefix(site.url)}")
            if total > MAX_BYTES or len(rows) > MAX_REQUESTS or layout_shift > 0:
                misses.append(name)
        browser.close()
    print(f"Targets: at most {MAX_BYTES:,} bytes and {MAX_REQUESTS} requests, layout shift 0.")
    print(f"Missed by: {', '.join(misses)}" if misses else "Every page type meets them.")


if __name__ == "__main__":
    main()
