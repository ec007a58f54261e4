"""`make run`'s last step: Django's runserver and, beside it, the mail worker (`manage.py db_worker --backend
mail`) that sends what the site queues (email updates, docs/email-updates.md). One command: both start
together and stop together, however this ends (Ctrl-C, runserver exiting, SIGTERM; on SIGKILL the
kernel sends each a SIGTERM).

    python scripts/run_site.py 127.0.0.1:8000
"""

import signal
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.production_site import MAIL_WORKER_COMMAND, ROOT, _die_with_parent, _stop  # noqa: E402


def _start(*arguments):
    # Each in a process group of its own (with DEBUG both run under Django's autoreloader, which has a
    # child), stopped as a group; SIGTERM to it if this script dies.
    return subprocess.Popen(
        [sys.executable, *arguments], cwd=ROOT, stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent
    )


def main(address):
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C, even when started in the background
    processes = []
    try:
        processes.append(_start(*MAIL_WORKER_COMMAND))
        processes.append(_start("manage.py", "runserver", address))
        return processes[-1].wait()
    except KeyboardInterrupt:
        return 130
    finally:
        for process in reversed(processes):
            _stop(process, timeout=10)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8000"))
