#!/usr/bin/env bash
# Installs the system packages the tests need, when missing: PostgreSQL server binaries, Chromium,
# and for the production topology (scripts/production_site.py) nginx, redis-server and varnish, and wrk.
# Quiet and idempotent: nothing happens when everything is there.
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
# The front-end cache in front of gunicorn (production_site(varnish=True)): varnishd and the xkey vmod.
command -v varnishd >/dev/null 2>&1 || [ -x /usr/sbin/varnishd ] || need+=(varnish varnish-modules)
ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1 || need+=(varnish-modules)
# wrk, for the benchmarks (bench/load.py; bench/front_end_cache.py measures through TLS).
command -v wrk >/dev/null 2>&1 || need+=(wrk)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${need[*]}. Install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "Installing ${need[*]} ..."
export DEBIAN_FRONTEND=noninteractive
# The packages' own services (nginx on port 80, redis on 6379, varnish on 6081) are not started: the tests start their
# own on free loopback ports. policy-rc.d is removed again however this script ends.
created_policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && created_policy=1
fi
trap '[ -n "$created_policy" ] && rm -f /usr/sbin/policy-rc.d' EXIT
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-liberation >/dev/null
