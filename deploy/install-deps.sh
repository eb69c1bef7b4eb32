#!/bin/sh
# Installs the Debian 12 packages the portal needs to build, run and be tested.
# Idempotent: calls apt-get only when a package is missing. Must run as root.
# "install-deps.sh ops" adds the operator tools that make test-ops exercises.
set -eu
PKGS="gcc make pkg-config postgresql-15 postgresql-client-15 libpq-dev nginx-light
libfcgi-dev clearsilver-dev check libsubunit-dev libsodium-dev libjansson-dev
libcurl4-openssl-dev curl ca-certificates wrk nodejs npm clang libclang-rt-14-dev chromium"
if [ "${1:-}" = ops ]; then
  PKGS="pgbackrest postgresql-15-auto-failover prometheus-postgres-exporter prometheus openssl strace"
fi
missing=""
for p in $PKGS; do
  # a nodejs that bundles npm (NodeSource's) conflicts with Debian's npm package
  [ "$p" = npm ] && command -v npm >/dev/null 2>&1 && continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "install-deps: missing packages:$missing (run as root to install them)" >&2
  exit 1
fi
echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
