"""Print SQL queries per request for each path given on one site (the host, then the paths), as JSON.
Run with the production environment."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main(host, paths):
    from django.conf import settings

    settings.PAGE_CACHE_SECONDS = 0  # count what rendering a page costs, not a whole-page cache hit
    client = Client(HTTP_HOST=host)
    counts = {}
    for path in paths:
        client.get(path)  # the first request fills the per-process caches, as in a running worker
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        counts[path] = {"status": status, "queries": len(queries)}
    print(json.dumps(counts))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
