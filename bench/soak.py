"""Kill PostgreSQL (SIGKILL) under a sign-up load and start it again: prints sign-ups attempted,
acknowledged, stored, lost, duplicated, and sign-ups per second before, during and after.

    python bench/soak.py [residents]

Runs the production topology (scripts/production_site.py: nginx with TLS, gunicorn as the Dockerfile
starts it, production settings, the file cache) on a PostgreSQL cluster that keeps its commit
guarantees (durable: fsync and synchronous commit on), with the per-address limit and minimum-time
trap off: no person is typing. Figures go in docs/performance.md under "Sign-ups when the database dies".
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.production_site import production_site  # noqa: E402
from scripts.soak import SOAK_SITE, kill_during_load  # noqa: E402


def main(residents=4):
    with production_site(**SOAK_SITE) as site:
        result = kill_during_load(site, residents=residents)
        for line in result.lines():
            print(line)
        served = site.client().get("/").status
        print(f"home page after recovery: {served} (gunicorn not restarted: pid {site.gunicorn.pid})")
    return 0 if result.lost == result.duplicated == 0 else 1


if __name__ == "__main__":
    sys.exit(main(*(int(arg) for arg in sys.argv[1:2])))
