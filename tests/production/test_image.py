"""What the image and its web server are, read from the files that make them (no Docker engine here):
gunicorn's flags in one module, forwarded headers trusted from the proxy alone, code read-only to the
app user, no secrets copied in."""

import json
import os
import re
import subprocess
import sys

from scripts.production_site import ROOT, gunicorn_command

DOCKERFILE = (ROOT / "Dockerfile").read_text()


def gunicorn_settings(**env):
    """What gunicorn makes of its config module with `env`, from its own --print-config."""
    environ = {k: v for k, v in os.environ.items() if k not in ("TRUSTED_PROXIES", "PORT", "WEB_CONCURRENCY")}
    result = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "gunicorn"), *gunicorn_command()[1:], "--print-config"],
        env={**environ, **env}, cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    settings = dict(re.findall(r"^(\w+)\s+= (.*)$", result.stdout, re.M))
    return result, settings


def test_the_image_runs_gunicorn_with_its_config_module_and_no_other_flags():
    assert gunicorn_command() == ["gunicorn", "--config", "python:stp_site.gunicorn_conf"]
    assert "forwarded-allow-ips" not in DOCKERFILE


def test_gunicorn_trusts_forwarded_headers_from_the_configured_proxy_only():
    _, settings = gunicorn_settings()
    assert settings["forwarded_allow_ips"] == "['127.0.0.1', '::1']"
    assert settings["forwarder_headers"] == "[]"  # SCRIPT_NAME and PATH_INFO from no one
    assert settings["header_map"] == "drop"
    assert settings["control_socket_disable"] == "True"
    assert settings["bind"] == "['0.0.0.0:8000']" and settings["workers"] == "3"
    _, settings = gunicorn_settings(TRUSTED_PROXIES="172.17.0.1", PORT="9000", WEB_CONCURRENCY="2")
    assert settings["forwarded_allow_ips"] == "['172.17.0.1']"
    assert settings["bind"] == "['0.0.0.0:9000']" and settings["workers"] == "2"
    result, _ = gunicorn_settings(TRUSTED_PROXIES="*")
    assert result.returncode != 0 and "TRUSTED_PROXIES" in result.stderr


def test_the_code_belongs_to_root_and_only_media_and_cache_to_the_app_user():
    copies = re.findall(r"^COPY (.*)$", DOCKERFILE, re.M)
    assert copies and not any("--chown" in line for line in copies)
    assert re.search(r"install -d -o app -g app -m 0750 /app/media /app/cache", DOCKERFILE)
    assert "chown" not in DOCKERFILE
    user_line = DOCKERFILE.index("\nUSER app")
    assert DOCKERFILE.index("COPY . .") < user_line and DOCKERFILE.index("collectstatic") < user_line


def dockerignore_regex(pattern):
    """Docker's matching (Go's filepath.Match plus `**`): `*` and `?` stop at `/`, `**` crosses it."""
    regex = ""
    for token in re.findall(r"\*\*/|\*\*|\*|\?|[^*?]+", pattern.strip("/")):
        regex += {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}.get(token, re.escape(token))
    return re.compile(regex + "$")


def test_no_secrets_file_is_sent_to_the_image_build():
    lines = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()]
    patterns = [dockerignore_regex(line) for line in lines if line and not line.startswith(("#", "!"))]

    def ignored(path):
        parts = path.split("/")
        prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]  # a folder's pattern takes its files
        return any(pattern.match(prefix) for pattern in patterns for prefix in prefixes)

    secrets = ("prod.env", ".env", ".env.production", "deploy/prod.env", "config/.env.local", "tls/site.key")
    for path in (*secrets, ".local_admin_password"):
        assert ignored(path), path
    for path in ("manage.py", "stp_site/settings/production.py", "requirements.txt", "templates/base.html"):
        assert not ignored(path), path


def test_the_harness_reads_the_same_command():
    cmd = json.loads(re.findall(r"^CMD (\[.*\])$", DOCKERFILE, re.M)[-1])
    assert cmd == gunicorn_command()
