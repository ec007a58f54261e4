"""The site as production runs it, on loopback, for the smoke and fault tests and the benchmarks.

    with production_site(cache="redis", SECURE_SSL_REDIRECT="true") as site:
        resident = site.client("127.0.0.2")            # a browser on its own loopback address
        response = resident.get("/our-work/")          # HTTPS through nginx, the CA verified
        site.client("127.0.0.2", direct=True).get("/health/")   # straight to gunicorn, plain HTTP

What runs, each on a free loopback port, in one temp dir, all stopped however the run ends:
- a throwaway PostgreSQL cluster (scripts/pgcluster.py), migrated, with the demo content loaded;
- the cache: the file cache (`cache="file"`, the default) or a `redis-server` of its own (`cache="redis"`);
- gunicorn started with the Dockerfile's CMD word for word (its flags live in stp_site/gunicorn_conf.py),
  `workers` sync workers, production settings;
- the mail worker, `manage.py db_worker --backend mail` (docs/deploy.md), sending the email the site queues
  in PostgreSQL (django-tasks-db) to `mail_server` (an object with `host` and `port`, e.g. the tests'
  aiosmtpd server, tests/mail_server.py) when one is given, otherwise to EMAIL_HOST/EMAIL_PORT;
- Debian's nginx terminating TLS with a throwaway certificate (trustme), as the TLS proxy in front
  of production does: it sets Host, X-Forwarded-For and X-Forwarded-Proto and passes to gunicorn on
  127.0.0.1, the one trusted proxy address (TRUSTED_PROXIES' default). Its plain-HTTP port redirects.
- with `varnish=True`, Debian's varnishd between nginx and gunicorn, running deploy/varnish/default.vcl
  (class Varnish; `site.varnish.stat("MAIN.cache_hit")`), with FRONTEND_CACHE_URLS set to its purge socket.

Residents' requests go through nginx over HTTPS. Any address in 127.0.0.0/8 other than 127.0.0.1 is
a resident's own (an untrusted peer), so tests can be several residents, or a client that forges
X-Forwarded-For, on one machine. `site.base_url` and `site.port` are gunicorn's, reached directly
(the benchmarks measure the app server; requests from 127.0.0.1 count as coming from the proxy).

Fault tests: `site.redis.stop()` / `.start()` (same port), `site.cluster` (PostgreSQL),
`site.gunicorn` (the master's Popen), `site.mail_worker` (the worker's Popen; `mail_worker=False` starts
none). `prepare(env)` runs after the demo content loads, before gunicorn starts. Keyword arguments
override the environment (see production_env).
"""

import atexit
import contextlib
import ctypes
import grp
import html.parser
import http.client
import http.cookies
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from scripts.pgcluster import PostgresCluster, free_port, pg_bin

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"
VENV_BIN = Path(sys.executable).parent
PROXY_ADDRESS = "127.0.0.1"  # nginx connects to gunicorn from here; the only trusted proxy
START_SECONDS = 60


# --- processes that never outlive the run -------------------------------------------------------------


def _die_with_parent():
    """In the child, before exec: a process group of its own (Ctrl-C reaches only this process, which
    stops everything in order), and SIGTERM when this process dies, even by SIGKILL: gunicorn's,
    nginx's and redis's masters then stop their workers and exit."""
    os.setsid()
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _spawn(command, log_path, **kwargs):
    log = open(log_path, "ab")  # noqa: SIM115 (the child keeps it; closed with the process)
    try:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent,
            **kwargs,
        )  # fmt: skip
    finally:
        log.close()
    return process


# Runs beside the harness and does nothing until the harness dies without cleaning up (SIGKILL, or a
# SIGTERM that Python does not turn into an exception): then it stops PostgreSQL, which pg_ctl started
# as a daemon no parent can take down, and removes the temp dirs.
_REAPER = """
import json, os, shutil, signal, subprocess, sys
spec = json.loads(sys.argv[1])
def reap(*_):
    for command in spec["commands"]:
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
    for path in spec["paths"]:
        shutil.rmtree(path, ignore_errors=True)
    sys.exit(0)
signal.signal(signal.SIGTERM, reap)
if os.getppid() != spec["parent"]:
    reap()
while True:
    signal.pause()
"""


def _start_reaper(cluster, paths):
    stop = [pg_bin("pg_ctl"), "-D", str(cluster.directory / "data"), "-m", "immediate", "-w", "stop"]
    if cluster.run_as:
        stop = ["runuser", "-u", cluster.run_as, "--", *stop]
    spec = {"parent": os.getpid(), "commands": [stop], "paths": [str(cluster.directory), *map(str, paths)]}
    return subprocess.Popen(
        [sys.executable, "-c", _REAPER, json.dumps(spec)], stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent
    )


def _end_reaper(reaper):
    """The run cleaned up after itself: the reaper goes without doing anything."""
    reaper.kill()
    reaper.wait()


def _stop(process, timeout=15):
    """SIGTERM to the process's group, then SIGKILL to what is left of it. Once per process."""
    if process is None or getattr(process, "stopped", False):
        return
    process.stopped = True
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout)
    # Whatever the leader did, nothing of its group stays (gunicorn's workers, nginx's workers).
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(5)


def _wait_until(ready, process, what, log_path, seconds=START_SECONDS):
    deadline = time.monotonic() + seconds
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            log = Path(log_path).read_text(errors="replace")[-5000:] if Path(log_path).exists() else ""
            raise RuntimeError(f"{what} did not start (exit {process.poll()}):\n{log}")
        time.sleep(0.1)


# --- Redis ----------------------------------------------------------------------------------------------


class RedisServer:
    """Debian's redis-server on a free loopback port, in its own dir, no persistence. stop() and
    start() again keep the port, for fault tests."""

    def __init__(self, directory, extra_args=()):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.extra_args = list(extra_args)
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def ping(self):
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
        return False

    def command(self, *words):
        """One command through redis-cli, e.g. site.redis.command("DBSIZE") -> "3"."""
        result = subprocess.run(
            ["redis-cli", "-h", "127.0.0.1", "-p", str(self.port), *words], capture_output=True, text=True, timeout=10
        )
        return result.stdout.strip()

    def start(self):
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        command = [
            binary, "--bind", "127.0.0.1", "--port", str(self.port), "--dir", str(self.directory),
            "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes",
            "--logfile", "", *self.extra_args,
        ]  # fmt: skip
        self.process = _spawn(command, self.directory / "redis.log")
        _wait_until(self.ping, self.process, "redis-server", self.directory / "redis.log")
        return self

    def stop(self):
        _stop(self.process)
        self.process = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


# --- nginx, the TLS proxy ---------------------------------------------------------------------------------

NGINX_CONF = """\
# The TLS proxy in front of gunicorn, as docs/deploy.md describes it; written by scripts/production_site.py.
daemon off;
master_process on;
worker_processes {worker_processes};
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
{user}
events {{ worker_connections 1024; }}

http {{
    access_log {dir}/access.log;
{upstream_block}    server_tokens off;
    client_body_temp_path {dir}/temp/client_body;
    proxy_temp_path {dir}/temp/proxy;
    fastcgi_temp_path {dir}/temp/fastcgi;
    uwsgi_temp_path {dir}/temp/uwsgi;
    scgi_temp_path {dir}/temp/scgi;
    client_max_body_size 20m;
    # underscores_in_headers stays off (nginx's default): a client's SCRIPT_NAME header is dropped here.

    server {{
        listen 127.0.0.1:{https_port} ssl http2;
        ssl_certificate {dir}/cert.pem;
        ssl_certificate_key {dir}/key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
{static_location}
        location / {{
            proxy_pass http://{proxy_target};
{keepalive}            proxy_bind {proxy_address};
            # The port is in Host because this proxy listens on a free port, not 443 (production: $host).
            proxy_set_header Host $host:$server_port;
            # Appends the peer's address to whatever the client sent: the app reads the right-most entry.
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            # Headers only a proxy may set, never passed on from a client.
            proxy_set_header X-Forwarded-Host "";
            proxy_set_header X-Forwarded-Port "";
            proxy_set_header X-Forwarded-Ssl "";
            proxy_set_header X-Forwarded-Protocol "";
            proxy_set_header X-Real-IP "";
            proxy_set_header Forwarded "";
            proxy_redirect off;
            proxy_read_timeout 60s;
        }}
    }}

    server {{
        listen 127.0.0.1:{http_port};
        location / {{ return 301 https://$host:{https_port}$request_uri; }}
    }}
}}
"""


class Nginx:
    """Debian's nginx terminating TLS on loopback with a throwaway trustme certificate for 127.0.0.1,
    localhost and ::1. Started as root (CI and these machines), its workers run as `nobody`."""

    def __init__(self, directory, upstream, worker_processes=1, static_root=None, keepalive=False):
        import trustme  # a test tool (requirements-dev.txt)

        self.directory = Path(directory)
        (self.directory / "temp").mkdir(parents=True, exist_ok=True)
        self.upstream = upstream
        self.https_port = free_port()
        self.http_port = free_port()
        self.worker_processes = worker_processes
        self.static_root = static_root  # nginx serves /static/ from it itself (benchmarks), else gunicorn does
        self.keepalive = keepalive  # reuse connections to the upstream (Varnish; gunicorn's sync workers close them)
        self.ca = trustme.CA(organization_name="stp-site test CA")
        certificate = self.ca.issue_cert("127.0.0.1", "localhost", "::1")
        certificate.private_key_pem.write_to_path(str(self.directory / "key.pem"))
        (self.directory / "key.pem").chmod(0o600)
        (self.directory / "cert.pem").write_bytes(b"".join(blob.bytes() for blob in certificate.cert_chain_pems))
        self.ca_file = self.directory / "ca.pem"
        self.ca.cert_pem.write_to_path(str(self.ca_file))
        self.process = None

    def ssl_context(self):
        """A client context that trusts this proxy's CA only, and checks the host name."""
        return ssl.create_default_context(cafile=str(self.ca_file))

    def _config(self):
        user = ""
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            user = f"user nobody {grp.getgrgid(nobody.pw_gid).gr_name};"
            for path in [self.directory / "temp", self.directory, *self.directory.parents]:
                if path == Path("/") or path.stat().st_mode & 0o001:
                    break
                path.chmod(path.stat().st_mode | 0o111)  # workers must reach their temp dirs
            os.chown(self.directory / "temp", nobody.pw_uid, nobody.pw_gid)
            if self.static_root:  # workers must reach the static files too
                for path in [Path(self.static_root), *Path(self.static_root).parents]:
                    if path == Path("/"):
                        break
                    path.chmod(path.stat().st_mode | 0o111)
        return NGINX_CONF.format(
            dir=self.directory, user=user, upstream=self.upstream, https_port=self.https_port,
            http_port=self.http_port, proxy_address=PROXY_ADDRESS, worker_processes=self.worker_processes,
            static_location=f"        location /static/ {{ alias {self.static_root}/; }}" if self.static_root else "",
            upstream_block=f"    upstream kept {{ server {self.upstream}; keepalive 32; }}\n" * self.keepalive,
            proxy_target="kept" if self.keepalive else self.upstream,
            keepalive='            proxy_http_version 1.1;\n            proxy_set_header Connection "";\n'
            if self.keepalive
            else "",
        )  # fmt: skip

    def _ready(self):
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.https_port), timeout=1):
            return True
        return False

    def start(self):
        conf = self.directory / "nginx.conf"
        conf.write_text(self._config())
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        command = [binary, "-p", str(self.directory), "-c", str(conf), "-e", str(self.directory / "error.log")]
        check = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True)
        if check.returncode:
            raise RuntimeError(f"nginx refused its configuration:\n{check.stderr}")
        self.process = _spawn(command, self.directory / "nginx.out")
        _wait_until(self._ready, self.process, "nginx", self.directory / "error.log")
        return self

    def stop(self):
        _stop(self.process)
        self.process = None


# --- Varnish, the front-end cache ------------------------------------------------------------------------

VCL = ROOT / "deploy" / "varnish" / "default.vcl"


class Varnish:
    """Debian's varnishd (with varnish-modules' xkey) in the foreground, in its own working dir, running
    deploy/varnish/default.vcl with only the backend's port replaced: `port` for nginx, `purge_port`
    for the app's purges (FRONTEND_CACHE_URLS). As root its workers drop to Debian's `vcache` user."""

    def __init__(self, directory, backend_port):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.backend_port = backend_port
        self.port = free_port()
        self.purge_port = free_port()
        self.process = None

    @property
    def purge_url(self):
        return f"http://127.0.0.1:{self.purge_port}"

    def _vcl(self):
        vcl = VCL.read_text()
        backend = '.port = "8000";'
        if vcl.count(backend) != 1:
            raise RuntimeError(f"{VCL} must name its backend's port once, as {backend}")
        return vcl.replace(backend, f'.port = "{self.backend_port}";')

    def _ready(self):
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=1):
            return True
        return False

    def stat(self, field):
        """One counter from varnishstat, e.g. stat("MAIN.cache_hit")."""
        result = subprocess.run(
            ["varnishstat", "-n", str(self.directory / "work"), "-1", "-f", field], capture_output=True, text=True
        )
        return int(result.stdout.split()[1]) if result.stdout.split() else 0

    def start(self):
        vcl = self.directory / "default.vcl"
        vcl.write_text(self._vcl())
        vcl.chmod(0o644)
        binary = shutil.which("varnishd") or "/usr/sbin/varnishd"
        command = [
            binary, "-F", "-n", str(self.directory / "work"), "-f", str(vcl),
            "-a", f"public=127.0.0.1:{self.port}", "-a", f"purge=127.0.0.1:{self.purge_port}",
            "-s", "malloc,128m", "-T", "none",
        ]  # fmt: skip
        if os.geteuid() == 0:  # varnishd drops root for its workers; they must reach the VCL
            for path in self.directory.parents:
                if path == Path("/") or path.stat().st_mode & 0o001:
                    break
                path.chmod(path.stat().st_mode | 0o111)
        self.process = _spawn(command, self.directory / "varnish.log")
        _wait_until(self._ready, self.process, "varnishd", self.directory / "varnish.log")
        return self

    def stop(self):
        _stop(self.process)
        self.process = None


# --- clients ----------------------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")


class _InputValues(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.values = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") and attrs.get("type") == "hidden":
            self.values[attrs["name"]] = attrs.get("value") or ""


def hidden_fields(page_html):
    """A form's hidden inputs (the CSRF token, the sign-up form's `started`), name to value."""
    parser = _InputValues()
    parser.feed(page_html)
    return parser.values


class Client:
    """One browser: its own source address, its own cookies. Through nginx over HTTPS (verifying the
    throwaway CA), or `direct` to gunicorn over plain HTTP."""

    def __init__(self, site, address="127.0.0.2", direct=False, timeout=30, ssl_context=None):
        self.site = site
        self.address = address
        self.direct = direct
        self.timeout = timeout
        self.ssl_context = ssl_context or site.ssl_context
        self.cookies = {}

    @property
    def origin(self):
        return self.site.base_url if self.direct else self.site.url

    def _connection(self):
        source = (self.address, 0)
        if self.direct:
            return http.client.HTTPConnection("127.0.0.1", self.site.port, timeout=self.timeout, source_address=source)
        return http.client.HTTPSConnection(
            "127.0.0.1", self.site.https_port, timeout=self.timeout, source_address=source,
            context=self.ssl_context,
        )  # fmt: skip

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies and "Cookie" not in headers:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection = self._connection()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            result = Response(response.status, response.headers, response.read())
        finally:
            connection.close()
        for header in result.headers.get_all("Set-Cookie") or []:
            for name, morsel in http.cookies.SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return result

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post(self, path, data, headers=None):
        """A form post as a browser sends it: urlencoded, with Origin and Referer."""
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": self.origin,
            "Referer": self.origin + path,
            **(headers or {}),
        }
        return self.request("POST", path, body=urlencode(data), headers=headers)


# --- the site ---------------------------------------------------------------------------------------------


@dataclass
class ProductionSite:
    base_url: str  # gunicorn, direct, plain HTTP
    port: int
    env: dict
    cluster: PostgresCluster
    url: str = ""  # nginx, HTTPS: what residents use
    https_port: int = 0
    http_url: str = ""  # nginx's plain-HTTP port: redirects to HTTPS
    http_port: int = 0
    ca_file: Path | None = None  # the throwaway CA, for curl --cacert and the like
    ssl_context: ssl.SSLContext | None = None
    cache: str = "file"
    redis: RedisServer | None = None
    gunicorn: subprocess.Popen | None = None
    mail_worker: subprocess.Popen | None = None
    nginx: Nginx | None = None
    varnish: "Varnish | None" = None
    workdir: Path | None = None
    logs: dict = field(default_factory=dict)

    def client(self, address="127.0.0.2", direct=False, timeout=30, ssl_context=None):
        """A resident's browser from `address` (any 127.x.y.z but 127.0.0.1, the proxy's): through
        nginx over HTTPS, or `direct` to gunicorn. `ssl_context` replaces the one trusting the CA."""
        return Client(self, address, direct=direct, timeout=timeout, ssl_context=ssl_context)

    def fetch_all(self, paths, rounds=3, network="127.0.3", residents=8):
        """[(path, response)]: each path `rounds` times, from `residents` browsers at once (addresses
        network.1 to network.200), so that every gunicorn worker serves some of them."""
        jobs = [path for path in paths for _ in range(rounds)]
        with ThreadPoolExecutor(residents) as pool:
            responses = pool.map(lambda job: self.client(f"{network}.{1 + job[0] % 200}").get(job[1]), enumerate(jobs))
            return list(zip(jobs, responses, strict=True))

    def log(self, name):
        """The text of one log: "gunicorn" (stdout and stderr, with the access log), "nginx" (errors),
        "nginx-access", "redis" or "mail-worker"."""
        path = self.logs.get(name)
        return path.read_text(errors="replace") if path and path.exists() else ""


# The mail worker as docs/deploy.md runs it (scripts/run_site.py runs it beside runserver for `make run`).
MAIL_WORKER_COMMAND = ["manage.py", "db_worker", "--backend", "mail"]


def _start_mail_worker(site_env, workdir):
    """The mail worker, as docs/deploy.md runs it beside gunicorn (polling the queue once a second)."""
    log = workdir / "mail-worker.log"
    command = [sys.executable, *MAIL_WORKER_COMMAND, "--no-startup-delay"]
    worker = _spawn(command, log, env=site_env, cwd=ROOT)
    _wait_until(lambda: "Starting worker" in log.read_text(errors="replace"), worker, "the mail worker", log)
    return worker, log


def gunicorn_command():
    """The Dockerfile's CMD, word for word (exec form)."""
    commands = [line for line in DOCKERFILE.read_text().splitlines() if line.startswith("CMD [")]
    if not commands:
        raise RuntimeError("The Dockerfile has no exec-form CMD [...] line.")
    command = json.loads(commands[-1][len("CMD ") :])
    if command[0] != "gunicorn":
        raise RuntimeError(f"The Dockerfile's CMD does not start gunicorn: {command}")
    return command


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
    env.pop("REDIS_URL", None)
    env.pop("TRUSTED_PROXIES", None)
    env.pop("FRONTEND_CACHE_URLS", None)
    env.update(overrides)
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


# What one process has built once and every later start reuses: the collected static files (they depend
# on no setting a run may change) and a dump of the migrated database with the demo content and its media
# files (no override a run passes, such as rate limits or the cache, changes what the demo loads). Each
# costs 10-15 s to build; a restore costs about 2.
_BUILT = {}


def _built_root():
    if "root" not in _BUILT:
        _BUILT["root"] = Path(tempfile.mkdtemp(prefix="stp-production-built-"))
        atexit.register(shutil.rmtree, _BUILT["root"], True)
    return _BUILT["root"]


def _built_dir(prefix):
    return Path(tempfile.mkdtemp(prefix=prefix, dir=_built_root()))


def _collected_static(env):
    if "static" not in _BUILT:
        directory = _built_dir("stp-static-")
        manage({**env, "STATIC_ROOT": str(directory)}, "collectstatic", "--no-input", "-v", "0")
        _BUILT["static"] = directory
    return _BUILT["static"]


def _pg(cluster, tool, *args):
    command = [pg_bin(tool), "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "stp", *args]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"{tool} failed:\n{result.stderr}")


def _demo_database(cluster, env):
    """Migrate and load the demo content, or restore what an earlier start made."""
    built = _BUILT.get("database")
    if built:
        dump, media = built
        _pg(cluster, "pg_restore", "--no-owner", "--single-transaction", "-d", "stp", str(dump))
        shutil.copytree(media, env["MEDIA_ROOT"], dirs_exist_ok=True)
        return
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo_content")
    directory = _built_dir("stp-demo-db-")
    _pg(cluster, "pg_dump", "-Fc", "-f", str(directory / "demo.dump"), "stp")
    if Path(env["MEDIA_ROOT"]).exists():
        shutil.copytree(env["MEDIA_ROOT"], directory / "media")
    else:
        (directory / "media").mkdir()
    _BUILT["database"] = (directory / "demo.dump", directory / "media")


def _health_ok(port):
    with contextlib.suppress(OSError):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", "/health/", headers={"Host": "127.0.0.1"})
        return connection.getresponse().status == 200
    return False


@contextlib.contextmanager
def production_site(
    workers=2, prepare=None, cache="file", proxy=True, nginx_workers=1, redis_args=(), durable_database=False,
    mail_worker=True, mail_server=None, varnish=False, nginx_static=False, **env,
):  # fmt: skip
    """Yields a ProductionSite (see the module docstring). `cache` is "file" or "redis"; `proxy=False`
    starts no nginx (gunicorn only, reached directly); `varnish=True` puts Varnish between nginx and
    gunicorn (`site.varnish`), which the site purges on publish; `nginx_static=True` has nginx serve /static/."""
    if cache not in ("file", "redis"):
        raise ValueError(f"cache must be 'file' or 'redis', not {cache!r}")
    workdir = Path(tempfile.mkdtemp(prefix="stp-production-"))
    nginx = None
    try:
        with contextlib.ExitStack() as stack:
            cluster = stack.enter_context(PostgresCluster(durable=durable_database))
            reaper = _start_reaper(cluster, [workdir, _built_root()])
            stack.callback(_end_reaper, reaper)
            redis = stack.enter_context(RedisServer(workdir / "redis", redis_args)) if cache == "redis" else None
            port = free_port()
            front = Varnish(workdir / "varnish", port) if varnish else None
            if front:
                stack.callback(front.stop)
            if proxy:
                upstream = f"127.0.0.1:{front.port if front else port}"
                nginx = Nginx(workdir / "nginx", upstream, nginx_workers, keepalive=front is not None)
                stack.callback(nginx.stop)
            origins = ["http://127.0.0.1", "https://127.0.0.1"]
            if nginx:
                origins += [f"https://127.0.0.1:{nginx.https_port}", f"https://localhost:{nginx.https_port}"]
            defaults = {"CSRF_TRUSTED_ORIGINS": ",".join(origins)}
            if redis:
                defaults["REDIS_URL"] = redis.url
            if front:
                defaults["FRONTEND_CACHE_URLS"] = front.purge_url
            site_env = production_env(cluster, workdir, **{**defaults, **env})
            if "STATIC_ROOT" in env:
                manage(site_env, "collectstatic", "--no-input", "-v", "0")
            else:
                site_env["STATIC_ROOT"] = str(_collected_static(site_env))
            # Behind the TLS proxy production redirects to HTTPS; the loopback benchmarks may speak plain HTTP.
            manage({**site_env, "SECURE_SSL_REDIRECT": "true"}, "check", "--deploy", "--fail-level", "WARNING")
            _demo_database(cluster, site_env)
            if prepare:
                prepare(site_env)
            if mail_server is not None:  # not part of the demo database's key: any port reuses the dump
                site_env.update(EMAIL_HOST=mail_server.host, EMAIL_PORT=str(mail_server.port), EMAIL_USE_TLS="false")
            worker = worker_log = None
            if mail_worker:
                worker, worker_log = _start_mail_worker(site_env, workdir)
                stack.callback(lambda: _stop(worker))

            # The Dockerfile's CMD, with this run's port and workers; the venv's gunicorn first on PATH.
            gunicorn_env = {
                **site_env,
                "PATH": f"{VENV_BIN}{os.pathsep}{site_env.get('PATH', os.defpath)}",
                "LISTEN_HOST": "127.0.0.1",
                "PORT": str(port),
                "WEB_CONCURRENCY": str(workers),
            }
            gunicorn_log = workdir / "gunicorn.log"
            gunicorn = _spawn(gunicorn_command(), gunicorn_log, env=gunicorn_env, cwd=ROOT)
            stack.callback(lambda: _stop(gunicorn))
            _wait_until(lambda: _health_ok(port), gunicorn, "gunicorn", gunicorn_log)

            site = ProductionSite(
                base_url=f"http://127.0.0.1:{port}", port=port, env=site_env, cluster=cluster, cache=cache,
                redis=redis, gunicorn=gunicorn, mail_worker=worker, workdir=workdir, logs={"gunicorn": gunicorn_log},
            )  # fmt: skip
            if worker_log:
                site.logs["mail-worker"] = worker_log
            if redis:
                site.logs["redis"] = redis.directory / "redis.log"
            if front:
                site.varnish = front.start()
                site.logs["varnish"] = front.directory / "varnish.log"
            if nginx:
                if nginx_static:
                    nginx.static_root = site_env["STATIC_ROOT"]
                nginx.start()
                site.nginx = nginx
                site.https_port = nginx.https_port
                site.url = f"https://127.0.0.1:{nginx.https_port}"
                site.http_url = f"http://127.0.0.1:{nginx.http_port}"
                site.http_port = nginx.http_port
                site.ca_file = nginx.ca_file
                site.ssl_context = nginx.ssl_context()
                site.logs["nginx"] = nginx.directory / "error.log"
                site.logs["nginx-access"] = nginx.directory / "access.log"
                health = site.client(PROXY_ADDRESS, timeout=5)
                _wait_until(lambda: _get_status(health, "/health/") == 200, nginx.process, "nginx", site.logs["nginx"])
            yield site
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _get_status(client, path):
    with contextlib.suppress(OSError, http.client.HTTPException):
        return client.get(path).status
    return None
