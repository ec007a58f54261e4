"""Search speed: 1,000 pages in a throwaway PostgreSQL, then /search/ for a few queries.

    python bench/search.py [--pages 1000] [--runs 20]

Prints the time per query (median and slowest of the runs) through Django's test client, so it
includes the full request: cleaning the query, the full-text search, promotions, paging and the
template. Figures go in docs/performance.md under "Search".
"""

import argparse
import logging
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from pgcluster import PostgresCluster  # noqa: E402

WORDS = [
    "care",
    "hospital",
    "doctor",
    "nurse",
    "maternity",
    "baby",
    "mum",
    "family",
    "mental",
    "health",
    "support",
    "urgent",
    "emergency",
    "help",
    "clinic",
    "pharmacy",
    "GP",
    "surgery",
    "appointment",
    "community",
    "home",
    "visit",
    "service",
    "plan",
    "people",
    "local",
    "staff",
    "team",
    "council",
    "partner",
    "money",
    "building",
    "digital",
    "record",
    "safe",
    "quick",
    "wait",
    "waiting",
    "list",
    "operation",
    "child",
    "young",
    "older",
    "carer",
    "friend",
    "group",
    "meeting",
    "event",
    "news",
    "update",
    "change",
    "better",
    "joined",
    "together",
    "county",
    "city",
]
QUERIES = [
    "maternity",
    "mental health",
    "urgent and emergency care",
    "111",
    "zebra crossing",  # no results
    "'; DROP TABLE wagtailcore_page; --",
    "ñandú 日本語 🚑",
    "care " * 2_000,  # 10,000 characters, cut to 200
]


def build(pages):
    from wagtail.models import Page, Site

    from stp_site.home.models import HomePage, StandardPage

    rng = random.Random(7)
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    home = root.add_child(instance=HomePage(title="Home", slug="home", hero_heading="Home"))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    for number in range(pages):
        topic = " ".join(rng.sample(WORDS, 3))
        body = " ".join(rng.choice(WORDS) for _ in range(150))
        home.add_child(
            instance=StandardPage(
                title=f"News {number}: {topic}",
                slug=f"news-{number}",
                listing_summary=f"An update about {topic}.",
                body=[{"type": "rich_text", "value": f"<p>{body}.</p>"}],
            )
        )
        home.refresh_from_db()  # keep treebeard's numchild right for the next add_child


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    with PostgresCluster() as cluster:
        os.environ["DATABASE_URL"] = cluster.url
        os.environ["DJANGO_SETTINGS_MODULE"] = "stp_site.settings.test"
        import django

        django.setup()
        logging.disable(logging.CRITICAL)
        from django.core.management import call_command
        from django.test import Client

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        build(args.pages)
        print(f"Built {args.pages} pages (and their search index) in {time.perf_counter() - started:.1f} s")

        client = Client()
        client.get("/search/", {"q": "warm up"})
        print(f"{'query':<40} {'results':>8} {'median ms':>10} {'slowest ms':>11}")
        for query in QUERIES:
            timings = []
            for _ in range(args.runs):
                start = time.perf_counter()
                response = client.get("/search/", {"q": query})
                timings.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (query, response.status_code)
            found = re.search(r"(\d+) results? for", response.content.decode())
            count = int(found.group(1)) if found else 0
            label = query if len(query) <= 38 else f"{query[:20]}... ({len(query)} chars)"
            print(f"{label:<40} {count:>8} {statistics.median(timings):>10.1f} {max(timings):>11.1f}")


if __name__ == "__main__":
    main()
