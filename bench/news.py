"""News at 1,000 items: database queries and requests per second for /news/ and a news page.

    python bench/news.py [--seconds 10]

Starts a throwaway PostgreSQL cluster, builds the site with 1,000 published news items (a third with
images), collects static files into a temp folder, and runs gunicorn with the production settings on
loopback. Prints figures; asserts nothing (see tests/test_news.py for the query-count test).
"""

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from pgcluster import PostgresCluster, free_port  # noqa: E402

COUNT = 1000


def production_env(database_url, workdir):
    return {
        "DJANGO_SETTINGS_MODULE": "stp_site.settings.production",
        "SECRET_KEY": "bench-only-" + os.urandom(16).hex(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": "http://127.0.0.1",
        "DATABASE_URL": database_url,
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
    }


def build_site(stdout):
    """Home page, programme section, news index and 1,000 items: the same builders the tests use."""
    from django.core.management import call_command

    from stp_site.core.demo import partnerships
    from stp_site.home.demo import ensure_home
    from tests.factories import make_image
    from tests.news_helpers import make_many_news, make_news_section

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    home = ensure_home(stdout, partnerships()[0])
    news_index, programmes = make_news_section(home)
    image = make_image("A blue square")
    make_many_news(news_index, COUNT // 3, programmes=[programmes["digital"]], image=image)
    make_many_news(
        news_index, COUNT - COUNT // 3, programmes=[programmes["maternity-and-children"]], start=date(2010, 1, 1)
    )
    return news_index


def count_queries(paths):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for path in paths:
        client.get(path)  # first visit makes the image renditions
        # A full render: the whole-page cache (where there is one) would answer with no queries at all.
        with override_settings(PAGE_CACHE_SECONDS=0), CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[path] = len(queries)
    return counts


def wait_for(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def hammer(port, path, seconds):
    """One client, one request at a time, for `seconds`: requests per second and latency."""
    latencies = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        connection.close()
        if response.status != 200:
            raise SystemExit(f"{path} answered {response.status}")
        latencies.append(time.monotonic() - started)
    total = sum(latencies)
    return {
        "requests": len(latencies),
        "rps": len(latencies) / total,
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": (statistics.quantiles(latencies, n=20)[-1] if len(latencies) > 1 else latencies[0]) * 1000,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="how long to load each page")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="stp-bench-news-"))
    cluster = PostgresCluster()
    server = None
    try:
        cluster.start()
        env = production_env(cluster.url, workdir)
        os.environ.update(env)
        import django

        django.setup()
        news_index = build_site(sys.stdout)
        from news.models import NewsPage

        item = NewsPage.objects.live().order_by("-date").first()
        paths = ["/news/", "/news/?page=50", item.url, "/news/feed/", "/"]
        queries = count_queries(paths)

        port = free_port()
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        server = subprocess.Popen(
            [gunicorn, "stp_site.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers)],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(port)
        for path in paths:
            hammer(port, path, 1)  # warm each worker
        print(
            f"News at {NewsPage.objects.live().count()} items under {news_index.url}; gunicorn "
            f"{args.workers} workers, production settings, PostgreSQL on loopback; one client, "
            f"{args.seconds:g} s a page."
        )
        print(f"{'path':<36} {'queries':>7} {'req/s':>7} {'median ms':>9} {'p95 ms':>7}")
        for path in paths:
            figures = hammer(port, path, args.seconds)
            print(
                f"{path:<36} {queries[path]:>7} {figures['rps']:>7.1f} {figures['median_ms']:>9.1f} "
                f"{figures['p95_ms']:>7.1f}"
            )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        cluster.remove()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
