"""A throwaway PostgreSQL cluster in a temp dir, for tests and benchmarks.

    python scripts/pgcluster.py -- pytest ...     # start, run the command with DATABASE_URL set, remove

The cluster is removed when the command ends, fails or is interrupted. PostgreSQL refuses to run
as root, so as root the server runs as the `postgres` system user (or $PGCLUSTER_USER).
"""

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PG_BIN_CANDIDATES = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def pg_bin(name):
    for directory in PG_BIN_CANDIDATES:
        if (directory / name).exists():
            return str(directory / name)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PostgreSQL (apt-get install postgresql).")
    return found


def _port_in_use(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresCluster:
    """A throwaway cluster. `durable=True` keeps PostgreSQL's own commit guarantees (synchronous commit,
    fsync), for fault tests that kill it: otherwise they are off, and the tests run faster."""

    def __init__(self, durable=False):
        self.durable = durable
        self.port = free_port()
        self.directory = None
        self.run_as = None
        if os.geteuid() == 0:
            self.run_as = os.environ.get("PGCLUSTER_USER", "postgres")

    @property
    def url(self):
        return f"postgres://stp@127.0.0.1:{self.port}/stp"

    def _run(self, *args, check=True, quiet=True):
        command = list(args)
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        output = subprocess.DEVNULL if quiet else None
        return subprocess.run(command, check=check, stdout=output, stderr=output if quiet else None)

    def start(self):
        self.directory = Path(tempfile.mkdtemp(prefix="stp-pg-"))
        if self.run_as:
            user = pwd.getpwnam(self.run_as)
            os.chown(self.directory, user.pw_uid, user.pw_gid)
        data = self.directory / "data"
        self._run(pg_bin("initdb"), "-D", str(data), "-U", "stp", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        self._start_server()
        self._run(pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "stp", "stp")
        return self

    def _start_server(self, check=True):
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        data = self.directory / "data"
        command = [pg_bin("pg_ctl"), "-D", str(data), "-o", options, "-l", str(self.directory / "log"), "-w", "start"]
        return self._run(*command, check=check).returncode == 0

    def kill(self):
        """Kill the server with SIGKILL, as a crash or the OOM killer would: no clean shutdown."""
        pid = int((self.directory / "data" / "postmaster.pid").read_text().split()[0])
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        # The backends notice the postmaster is gone and exit; wait until nothing holds the port.
        while time.monotonic() < deadline and _port_in_use(self.port):
            time.sleep(0.05)

    def restart(self, seconds=60):
        """Start the server again after kill(); it recovers from its write-ahead log. Until the killed
        server's last backends have gone, PostgreSQL refuses to start: try again until it does."""
        deadline = time.monotonic() + seconds
        while not self._start_server(check=False):
            if time.monotonic() > deadline:
                raise RuntimeError(f"PostgreSQL did not start again; see {self.directory / 'log'}")
            time.sleep(0.5)

    def stop(self):
        if self.directory and (self.directory / "data" / "postmaster.pid").exists():
            self._run(
                pg_bin("pg_ctl"), "-D", str(self.directory / "data"), "-m", "immediate", "-w", "stop", check=False
            )

    def remove(self):
        self.stop()
        if self.directory:
            shutil.rmtree(self.directory, ignore_errors=True)
            self.directory = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.remove()


def main(argv):
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        raise SystemExit(__doc__)
    cluster = PostgresCluster()

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    try:
        cluster.start()
        print(f"PostgreSQL test cluster on port {cluster.port}", flush=True)
        env = {**os.environ, "DATABASE_URL": cluster.url}
        with contextlib.suppress(KeyboardInterrupt):
            return subprocess.call(argv, env=env)
        return 130
    finally:
        cluster.remove()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
