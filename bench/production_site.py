"""Start the site as production runs it, for benchmarks: production settings, a throwaway PostgreSQL
cluster, collected static files, demo content, and gunicorn with 2 sync workers on a free loopback port."""

import contextlib
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.pgcluster import PostgresCluster, free_port  # noqa: E402


def production_env(cluster, workdir):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="stp_site.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CSRF_TRUSTED_ORIGINS="http://127.0.0.1",
        DATABASE_URL=cluster.url,
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        SERVE_MEDIA="true",
        SECURE_SSL_REDIRECT="false",
    )
    return env


def manage(env, *args):
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )


@contextlib.contextmanager
def production_site(workers=2, prepare=None):
    """Yields (base_url, env). `prepare(env)` runs after the demo content loads, before gunicorn starts."""
    workdir = Path(tempfile.mkdtemp(prefix="stp-bench-"))
    with PostgresCluster() as cluster:
        env = production_env(cluster, workdir)
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "collectstatic", "--no-input", "-v", "0")
        manage(env, "load_demo_content")
        if prepare:
            prepare(env)
        port = free_port()
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "stp_site.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(workers),
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
            stderr=subprocess.DEVNULL,  # request logs would drown the figures
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(150):
                with contextlib.suppress(OSError):
                    urllib.request.urlopen(base_url + "/health/", timeout=2)
                    break
                time.sleep(0.2)
            yield base_url, env
        finally:
            server.terminate()
            server.wait(10)
