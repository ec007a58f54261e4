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
- with `app_servers=2` (and cache="redis"), two gunicorns as on two machines, each with its own port and
  working dir (file cache, sign-up spool), sharing PostgreSQL, Redis and media, behind nginx's round
  robin; responses then carry X-App-Server (`site.answered_by(response)` -> "a" or "b").
- with `varnish=True`, Debian's varnishd between nginx and gunicorn, running deploy/varnish/default.vcl
  (class Varnish; `site.varnish.stat("MAIN.cache_hit")`), with FRONTEND_CACHE_URLS set to its purge socket.

Residents' requests go through nginx over HTTPS. Any address in 127.0.0.0/8 other than 127.0.0.1 is
a resident's own (an untrusted peer), so tests can be several residents, or a client that forges
X-Forwarded-For, on one machine. `site.base_url` and `site.port` are gunicorn's, reached directly
(the benchmarks measure the app server; requests from 127.0.0.1 count as coming from the proxy).

Fault tests: `site.redis.stop()` / `.start()` (same port), `site.cluster` (PostgreSQL),
`site.gunicorn` (the first master's Popen), `site.app_servers` (AppServer: `.stop()`, `.kill()`, `.start()`,
`.env` to run manage() on that server), `site.mail_worker` (the worker's Popen; `mail_worker=False` starts
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
    server_tokens off;
    client_body_temp_path {dir}/temp/client_body;
    proxy_temp_path {dir}/temp/proxy;
    fastcgi_temp_path {dir}/temp/fastcgi;
    uwsgi_temp_path {dir}/temp/uwsgi;
    scgi_temp_path {dir}/temp/scgi;
    client_max_body_size 20m;
    # underscores_in_headers stays off (nginx's default): a client's SCRIPT_NAME header is dropped here.
{upstream_block}

    server {{
        listen 127.0.0.1:{https_port} ssl http2;
        ssl_certificate {dir}/cert.pem;
        ssl_certificate_key {dir}/key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
{static_location}
        location / {{
            proxy_pass http://{upstream};
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
{balancing}
        }}
    }}

    server {{
        listen 127.0.0.1:{http_port};
        location / {{ return 301 https://$host:{https_port}$request_uri; }}
    }}
}}
"""


# Several app servers (`app_servers=2`): nginx's round robin over them, as a load balancer in front of
# several machines would. A server that refuses or does not answer is marked down for `fail_timeout`
# and the request goes to the next one (GET and HEAD only: nginx never retries a POST). Every response
# says which server answered, in this harness only: X-App-Server is nginx's $upstream_addr (each
# server tried, the one that answered last).
BALANCED_UPSTREAM = """\
    upstream app_servers {{
{servers}
    }}"""
BALANCING = """\
            proxy_next_upstream error timeout;
            proxy_next_upstream_tries 2;
            proxy_connect_timeout 2s;
            add_header X-App-Server $upstream_addr always;"""


def _balanced_upstream(upstream, keepalive=False):
    """(proxy_pass target, upstream block, location directives) for one address or a list of them;
    `keepalive` keeps connections to the upstream open (Varnish; gunicorn's sync workers close them)."""
    addresses = [upstream] if isinstance(upstream, str) else list(upstream)
    if len(addresses) == 1 and not keepalive:
        return addresses[0], "", ""
    servers = "\n".join(f"        server {address} max_fails=1 fail_timeout=10s;" for address in addresses)
    if keepalive:
        servers += "\n        keepalive 32;"
    return "app_servers", BALANCED_UPSTREAM.format(servers=servers), BALANCING if len(addresses) > 1 else ""


class Nginx:
    """Debian's nginx terminating TLS on loopback with a throwaway trustme certificate for 127.0.0.1,
    localhost and ::1. Started as root (CI and these machines), its workers run as `nobody`."""

    def __init__(self, directory, upstream, worker_processes=1, static_root=None, keepalive=False):
        """`upstream`: host:port, or a list of them (several app servers, load balanced)."""
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
        upstream, upstream_block, balancing = _balanced_upstream(self.upstream, self.keepalive)
        return NGINX_CONF.format(
            dir=self.directory, user=user, upstream=upstream, https_port=self.https_port,
            http_port=self.http_port, proxy_address=PROXY_ADDRESS, worker_processes=self.worker_processes,
            upstream_block=upstream_block, balancing=balancing,
            static_location=f"        location /static/ {{ alias {self.static_root}/; }}" if self.static_root else "",
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
    app_servers: list = field(default_factory=list)  # AppServer, the first at base_url and port

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

    def answered_by(self, response):
        """Which app server answered a request through nginx, by name ("a", "b"), from X-App-Server
        (several app servers only): the last address nginx tried."""
        tried = response.headers.get("X-App-Server", "")
        address = tried.rsplit(",", 1)[-1].strip()
        return next((server.name for server in self.app_servers if server.address == address), None)

    def log(self, name):
        """The text of one log: "gunicorn" (stdout and stderr, with the access log; "gunicorn-b" the
        second app server's), "nginx" (errors), "nginx-access", "redis" or "mail-worker"."""
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


APP_SERVER_NAMES = "abcdefgh"


class AppServer:
    """One gunicorn started with the Dockerfile's CMD, as on a machine of its own: its own port, and
    with several (`app_servers=2`) its own working dir, for the file cache and the sign-up spool, as
    machines share no disk. All share PostgreSQL, Redis and the media folder (standing in for object
    storage, docs/scaling.md). `stop()` and `start()` again keep the port; `kill()` is a machine that
    dies (SIGKILL to gunicorn and its workers)."""

    def __init__(self, name, port, env, log_path, workers):
        self.name = name
        self.port = port
        self.env = env  # for manage(): commands run "on" this server
        self.log_path = log_path
        self.workers = workers
        self.process = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def address(self):
        return f"127.0.0.1:{self.port}"

    def start(self):
        # The Dockerfile's CMD, with this server's port and workers; the venv's gunicorn first on PATH.
        gunicorn_env = {
            **self.env,
            "PATH": f"{VENV_BIN}{os.pathsep}{self.env.get('PATH', os.defpath)}",
            "LISTEN_HOST": "127.0.0.1",
            "PORT": str(self.port),
            "WEB_CONCURRENCY": str(self.workers),
        }
        self.process = _spawn(gunicorn_command(), self.log_path, env=gunicorn_env, cwd=ROOT)
        _wait_until(lambda: _health_ok(self.port), self.process, f"gunicorn {self.name}", self.log_path)
        return self

    def stop(self):
        _stop(self.process)

    def kill(self):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        self.process.stopped = True


def _app_servers(site_env, workdir, ports, workers):
    """One AppServer per port. One server uses the site's own environment and dirs, as before."""
    if len(ports) == 1:
        return [AppServer("a", ports[0], site_env, workdir / "gunicorn.log", workers)]
    servers = []
    for name, port in zip(APP_SERVER_NAMES, ports, strict=False):
        machine = workdir / f"app-{name}"
        env = {**site_env, "CACHE_DIR": str(machine / "cache"), "SIGNUP_SPOOL_DIR": str(machine / "spool")}
        machine.mkdir()
        servers.append(AppServer(name, port, env, machine / "gunicorn.log", workers))
    return servers


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
        # Each site its own spool: sites started side by side (the parallel suite) must never replay one
        # another's residents into the wrong database.
        SIGNUP_SPOOL_DIR=str(workdir / "spool"),
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
    mail_worker=True, mail_server=None, app_servers=1, varnish=False, nginx_static=False, **env,
):  # fmt: skip
    """Yields a ProductionSite (see the module docstring). `cache` is "file" or "redis"; `proxy=False`
    starts no nginx (gunicorn only, reached directly); `app_servers=2` starts two gunicorns, as on two
    machines, behind nginx's load balancing (needs cache="redis", as production does); `varnish=True`
    puts Varnish between nginx and gunicorn (`site.varnish`), which the site purges on publish;
    `nginx_static=True` has nginx serve /static/."""
    if cache not in ("file", "redis"):
        raise ValueError(f"cache must be 'file' or 'redis', not {cache!r}")
    if not 1 <= app_servers <= len(APP_SERVER_NAMES):
        raise ValueError(f"app_servers must be 1 to {len(APP_SERVER_NAMES)}, not {app_servers!r}")
    if varnish and app_servers > 1:
        raise ValueError("varnish=True balances over one app server here: use app_servers=1")
    workdir = Path(tempfile.mkdtemp(prefix="stp-production-"))
    nginx = None
    try:
        with contextlib.ExitStack() as stack:
            cluster = stack.enter_context(PostgresCluster(durable=durable_database))
            reaper = _start_reaper(cluster, [workdir, _built_root()])
            stack.callback(_end_reaper, reaper)
            redis = stack.enter_context(RedisServer(workdir / "redis", redis_args)) if cache == "redis" else None
            ports = [free_port() for _ in range(app_servers)]
            port = ports[0]
            front = Varnish(workdir / "varnish", port) if varnish else None
            if front:
                stack.callback(front.stop)
            if proxy:
                upstream = [f"127.0.0.1:{front.port}"] if front else [f"127.0.0.1:{each}" for each in ports]
                nginx = Nginx(workdir / "nginx", upstream, nginx_workers, keepalive=front is not None)
                stack.callback(nginx.stop)
            origins = ["http://127.0.0.1", "https://127.0.0.1"]
            if nginx:
                origins += [f"https://127.0.0.1:{nginx.https_port}", f"https://localhost:{nginx.https_port}"]
            defaults = {"CSRF_TRUSTED_ORIGINS": ",".join(origins)}
            if redis:
                defaults["REDIS_URL"] = redis.url
            if app_servers > 1:
                defaults["APP_SERVERS"] = str(app_servers)  # production settings then insist on Redis
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

            servers = _app_servers(site_env, workdir, ports, workers)
            for server in servers:
                stack.callback(server.stop)
                server.start()

            site = ProductionSite(
                base_url=f"http://127.0.0.1:{port}", port=port, env=site_env, cluster=cluster, cache=cache,
                redis=redis, gunicorn=servers[0].process, mail_worker=worker, workdir=workdir,
                logs={"gunicorn": servers[0].log_path}, app_servers=servers,
            )  # fmt: skip
            for server in servers[1:]:
                site.logs[f"gunicorn-{server.name}"] = server.log_path
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
