"""Start the site as production runs it, for the smoke test and the benchmarks: production settings,
a throwaway PostgreSQL cluster, collected static files, demo content, gunicorn on a free loopback port."""

import contextlib
import http.client
import os
import secrets
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from scripts.pgcluster import PostgresCluster, free_port

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class ProductionSite:
    base_url: str
    port: int
    env: dict
    cluster: PostgresCluster


def production_env(cluster, workdir, **overrides):
    """The environment production settings need, pointing at `cluster`; plain HTTP unless overridden."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="stp_site.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CSRF_TRUSTED_ORIGINS="http://127.0.0.1",
        DATABASE_URL=cluster.url,
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        CACHE_DIR=str(workdir / "cache"),
        SERVE_MEDIA="true",
        SECURE_SSL_REDIRECT="false",
    )
    env.update(overrides)
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def _health_ok(port):
    with contextlib.suppress(OSError):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", "/health/", headers={"Host": "127.0.0.1"})
        return connection.getresponse().status == 200
    return False


@contextlib.contextmanager
def production_site(workers=2, prepare=None, **env_overrides):
    """Yields a ProductionSite. `prepare(env)` runs after the demo content loads, before gunicorn starts."""
    workdir = Path(tempfile.mkdtemp(prefix="stp-production-"))
    with PostgresCluster() as cluster:
        env = production_env(cluster, workdir, **env_overrides)
        # Behind the TLS proxy production redirects to HTTPS; the loopback tests may speak plain HTTP.
        manage({**env, "SECURE_SSL_REDIRECT": "true"}, "check", "--deploy", "--fail-level", "WARNING")
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input")
        manage(env, "load_demo_content")
        if prepare:
            prepare(env)
        port = free_port()
        with (workdir / "gunicorn.log").open("wb") as log:
            server = subprocess.Popen(
                [str(Path(sys.executable).parent / "gunicorn"), "stp_site.wsgi", "-b", f"127.0.0.1:{port}",
                 "-w", str(workers), "--log-level", "warning"],
                env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log,
            )  # fmt: skip
            try:
                deadline = time.monotonic() + 30
                while not _health_ok(port):
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise RuntimeError("gunicorn did not start:\n" + (workdir / "gunicorn.log").read_text())
                    time.sleep(0.2)
                yield ProductionSite(f"http://127.0.0.1:{port}", port, env, cluster)
            finally:
                server.terminate()
                server.wait(10)
