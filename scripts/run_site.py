"""`make run`'s last step: Django's runserver and, beside it, the mail worker (`manage.py db_worker --backend
mail`) that sends what the site queues (email updates, docs/email-updates.md). One command: both start
together, and the worker stops whenever runserver stops (Ctrl-C, an error, or this script being killed).

    python scripts/run_site.py 127.0.0.1:8000
"""

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.production_site import MAIL_WORKER_COMMAND, ROOT, _die_with_parent  # noqa: E402


def main(address):
    # The worker in its own process group (so Ctrl-C reaches only runserver and this script, which then
    # stops the worker in order), and SIGTERM to it if this script dies.
    worker = subprocess.Popen(
        [sys.executable, *MAIL_WORKER_COMMAND], cwd=ROOT, stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent
    )
    server = None
    try:
        server = subprocess.Popen([sys.executable, "manage.py", "runserver", address], cwd=ROOT)
        return server.wait()
    except KeyboardInterrupt:
        return server.wait() if server else 130
    finally:
        # The whole group: with DEBUG the worker runs under Django's autoreloader, a child of its own.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(5)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8000"))
