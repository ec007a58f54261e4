"""Search speed at size: the demo sites plus 10,000 more pages in a throwaway PostgreSQL, then /search/.

    python bench/search.py [--pages 10000] [--runs 30] [--rebuild] [--before]

The first site (Together We're Better, 127.0.0.1) gets `--pages` more pages made from the demo
content's own sentences: 80% news items, 15% standard pages and 5% programme pages. They are inserted
in bulk (treebeard paths computed here, no page signals) and indexed once with `update_index`, and the
database is kept as a pg_dump in the temp dir, so later runs with the same code restore it in seconds
(`--rebuild` builds it again).

Each query is requested `--runs` times through Django's test client with the whole-page cache off (a
full render, as after a publish or for a resident with a cookie): the whole request, including cleaning
the query, the full-text search and ranking, the count, promotions, paging and the template. Prints the
median and 95th percentile per query and the queries one request runs; with `--before`, also as
search was before issue 16 (Wagtail's own ranking and `.specific()`, without this site's indexes),
in the same run. A common query whose first ten results are not the ones Wagtail's ranking of every
match gives is marked. Figures go in docs/performance.md under "Search".
"""

import argparse
import contextlib
import datetime
import hashlib
import importlib
import inspect
import json
import logging
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from pgcluster import PostgresCluster, pg_bin  # noqa: E402

# (host, query): the common queries residents type, a misspelling, and input that must stay cheap.
COMMON = [
    ("127.0.0.1", "maternity"),
    ("127.0.0.1", "mental health"),
    ("127.0.0.1", "care"),
    ("127.0.0.1", "urgent and emergency care"),
    ("127.0.0.1", "GP appointment"),
    ("127.0.0.1", "children"),
    ("127.0.0.1", "111"),
    ("localhost", "care"),  # Shropshire, Telford and Wrekin: demo content only, many page types
]
OTHER = [
    ("127.0.0.1", "maternaty"),  # misspelt: shows the results for "maternity"
    ("127.0.0.1", "zebra crossing"),  # no results
    ("127.0.0.1", "'; DROP TABLE wagtailcore_page; --"),
    ("127.0.0.1", "ñandú 日本語 🚑"),
    ("127.0.0.1", "care " * 2_000),  # 10,000 characters, cut to 200
]
SHARES = [("news", 0.80), ("standard", 0.15), ("programme", 0.05)]


def demo_sentences():
    """Every sentence of the demo content (titles, summaries, bodies), HTML tags removed."""
    texts = []

    def walk(value):
        if isinstance(value, str):
            if " " in value and not value.startswith(("http", "/")):
                texts.append(re.sub(r"<[^>]+>", " ", value))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in sorted((ROOT / "fixtures" / "demo").glob("*/*.json")):
        walk(json.loads(path.read_text()))
    sentences = [s.strip() for text in texts for s in re.split(r"(?<=[.!?])\s+", text)]
    return [s for s in sentences if len(s.split()) >= 4]


def bulk_add(parent, model, rows):
    """Adds `rows` (dicts of field values) as live children of `parent`, in bulk: one INSERT for the
    page rows and one for the specific rows, with the tree paths computed here."""
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from wagtail.models import Page

    content_type = ContentType.objects.get_for_model(model)
    parent = Page.objects.get(pk=parent.pk)
    start = parent.numchild
    now = timezone.now()
    base_fields = {field.name for field in Page._meta.concrete_fields}
    pages, specifics = [], []
    for number, row in enumerate(rows, start=start + 1):
        base = {key: value for key, value in row.items() if key in base_fields}
        published = now - timezone.timedelta(hours=number)
        pages.append(
            Page(
                **base,
                draft_title=base["title"],
                path=Page._get_path(parent.path, parent.depth + 1, number),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{base['slug']}/",
                content_type=content_type,
                locale_id=parent.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
                first_published_at=published,
                last_published_at=published,
            )
        )
        specifics.append({key: value for key, value in row.items() if key not in base_fields})
    Page.objects.bulk_create(pages, batch_size=1000)
    objects = [model(page_ptr_id=page.pk, **specific) for page, specific in zip(pages, specifics, strict=True)]
    fields = list(model._meta.local_concrete_fields)
    for first in range(0, len(objects), 1000):
        model._base_manager._insert(objects[first : first + 1000], fields=fields, raw=True)
    Page.objects.filter(pk=parent.pk).update(numchild=start + len(rows))


def build(pages):
    from django.core.management import call_command

    from wagtail.models import Site

    from news.models import NewsIndexPage, NewsPage
    from programmes.models import ProgrammeIndexPage, ProgrammePage
    from stp_site.home.models import StandardPage

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    home = Site.objects.get(hostname="127.0.0.1").root_page
    news_index = NewsIndexPage.objects.child_of(home).get()
    programme_index = ProgrammeIndexPage.objects.child_of(home).get()

    rng = random.Random(7)
    sentences = demo_sentences()

    def text(count):
        return " ".join(rng.choice(sentences) for _ in range(count))

    def title():
        words = rng.choice(sentences).rstrip(".!?").split()
        return " ".join(words[: rng.randint(4, 9)])[:200]

    def body():
        return [{"type": "rich_text", "value": "".join(f"<p>{text(3)}</p>" for _ in range(rng.randint(2, 6)))}]

    today = datetime.date.today()
    made = {kind: int(pages * share) for kind, share in SHARES}
    made["news"] += pages - sum(made.values())
    news = [
        {
            "title": title(),
            "slug": f"bench-news-{n}",
            "listing_summary": text(1)[:300],
            "body": body(),
            "date": today - datetime.timedelta(days=n // 5),
        }
        for n in range(made["news"])
    ]
    bulk_add(news_index, NewsPage, news)
    bulk_add(
        home,
        StandardPage,
        [
            {"title": title(), "slug": f"bench-page-{n}", "listing_summary": text(1)[:300], "body": body()}
            for n in range(made["standard"])
        ],
    )
    bulk_add(
        programme_index,
        ProgrammePage,
        [
            {
                "title": title(),
                "slug": f"bench-programme-{n}",
                "listing_summary": text(1)[:300],
                "summary": f"<p>{text(2)}</p>",
                "introduction": f"<p>{text(6)}</p>",
            }
            for n in range(made["programme"])
        ],
    )
    call_command("update_index", verbosity=0)
    return made


def fingerprint(pages):
    """Names what the dump was built from: the build code, the demo content and every migration."""
    code = "".join(inspect.getsource(function) for function in (build, bulk_add, demo_sentences))
    digest = hashlib.sha256(f"{pages} {SHARES} {code}".encode())
    paths = [*sorted(ROOT.glob("fixtures/demo/**/*.json")), *sorted(ROOT.glob("**/migrations/*.py"))]
    for path in paths:
        if ".venv" not in path.parts:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def pg(cluster, tool, *args):
    command = [pg_bin(tool), "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "stp", *args]
    subprocess.run(command, check=True, capture_output=True)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(host, query, runs):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=host)
    client.get("/search/", {"q": query})  # fills the per-process caches (site, menus), as in a running worker
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": query})
    query_count = len(queries)  # now: the next request clears the log
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get("/search/", {"q": query})
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (query, response.status_code)
    html = response.content.decode()
    found = re.search(r"([\d,]+) results? for", html)
    count = int(found.group(1).replace(",", "")) if found else 0
    suggestion = re.search(r"Showing results for <strong>([^<]+)</strong>", html)
    return {
        "results": count,
        "median": statistics.median(timings),
        "p95": percentile(timings, 0.95),
        "queries": query_count,
        "suggestion": suggestion.group(1) if suggestion else "",
    }


@contextlib.contextmanager
def wagtail_search():
    """Search as it was before issue 16, for comparison in the same run: Wagtail's `.search()` ranking
    every match and counting them again, `.specific()` per page type, without this app's indexes
    (migration 0001) and without corrected misspellings."""
    from django.apps import apps
    from django.db import connection

    from stp_site.search import ranking, suggestions, views

    migration = importlib.import_module("stp_site.search.migrations.0001_search_index_indexes")
    with connection.cursor() as cursor:
        for name in migration.INDEXES:
            cursor.execute(f"DROP INDEX {name}")
    saved = ranking.search, views.specific_pages, suggestions.suggest
    ranking.search = lambda pages, query: pages.specific().defer_streamfields().search(query)
    views.specific_pages = list
    suggestions.suggest = lambda query, site_root_path: ""
    try:
        yield
    finally:
        ranking.search, views.specific_pages, suggestions.suggest = saved
        with connection.schema_editor() as schema_editor:
            migration.create_indexes(apps, schema_editor)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE wagtailsearch_indexentry")


def same_first_results(host, query, count=10):
    """Whether the first results are the ones Wagtail's own ranking of every match puts first."""
    from wagtail.models import Page, Site

    from stp_site.search import ranking

    root = Site.objects.get(hostname=host).root_page.path
    pages = Page.objects.filter(path__startswith=root).live().public()
    ours = [page.pk for page in ranking.search(pages, query)[:count]]
    return ours == [page.pk for page in pages.search(query)[:count]]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true", help="build the database again, not from the dump")
    parser.add_argument("--before", action="store_true", help="also measure search as it was before issue 16")
    args = parser.parse_args()

    dump = Path(tempfile.gettempdir()) / "stp-bench-search" / f"{fingerprint(args.pages)}.dump"
    with PostgresCluster() as cluster:
        os.environ["DATABASE_URL"] = cluster.url
        os.environ["DJANGO_SETTINGS_MODULE"] = "stp_site.settings.test"
        import django

        django.setup()
        logging.disable(logging.CRITICAL)
        from django.conf import settings
        from django.db import connection

        from wagtail.models import Page

        started = time.perf_counter()
        if dump.exists() and not args.rebuild:
            pg(cluster, "pg_restore", "--no-owner", "--single-transaction", "-d", "stp", str(dump))
            print(f"Restored the database from {dump} in {time.perf_counter() - started:.1f} s")
        else:
            made = build(args.pages)
            connection.close()
            dump.parent.mkdir(exist_ok=True)
            pg(cluster, "pg_dump", "-Fc", "-f", str(dump), "stp")
            print(f"Built the demo sites and {made} more pages, indexed, in {time.perf_counter() - started:.1f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"{Page.objects.count():,} pages in the tree")

        settings.PAGE_CACHE_SECONDS = 0  # full renders: what search costs, not a whole-page cache hit
        everything = COMMON + OTHER
        before = {}
        if args.before:
            with wagtail_search():
                before = {item: measure(*item, args.runs) for item in everything}
        after = {item: measure(*item, args.runs) for item in everything}

        columns = f"{'results':>8} {'median ms':>10} {'p95 ms':>8} {'queries':>8}"
        header = f"{'host':<10} {'query':<36} " + (f"{'(before)':>8} {columns} " if before else "") + columns
        for title, queries in (("Common queries", COMMON), ("Other queries", OTHER)):
            print(f"\n{title} ({args.runs} runs each)\n{header}")
            for item in queries:
                host, query = item
                label = query if len(query) <= 34 else f"{query[:14]}... ({len(query)} chars)"
                line = f"{host:<10} {label:<36} "
                for figures in ([before[item]] if before else []) + [after[item]]:
                    line += (
                        f"{figures['results']:>8} {figures['median']:>10.1f} {figures['p95']:>8.1f} "
                        f"{figures['queries']:>8} "
                    )
                if item in COMMON and not same_first_results(host, query):
                    line += " (first ten not as Wagtail ranks them)"
                if after[item]["suggestion"]:
                    line += f" (showing results for {after[item]['suggestion']})"
                print(line.rstrip())


if __name__ == "__main__":
    main()
