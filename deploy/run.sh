#!/bin/sh
# run.sh start|stop - the development stack under var/: PostgreSQL, migrations, demo data,
# the portal, the forwarder, a demo alert receiver and nginx on 127.0.0.1:8080.
set -eu
REPO=$(cd "$(dirname "$0")/.." && pwd)
. "$REPO/deploy/services.sh"
VAR="$REPO/var"
PORT=${PORTAL_PORT:-8080}
RECEIVER_PORT=${RECEIVER_PORT:-8090}
BUILD=${BUILD:-$REPO/build}

stop_all() {
    nginx_stop "$VAR"
    daemon_stop "$VAR" forwarder
    daemon_stop "$VAR" portal
    daemon_stop "$VAR" receiver
    pg_stop "$VAR"
}

case "${1:-}" in
stop)
    [ -d "$VAR" ] && stop_all
    echo "stopped"
    exit 0
    ;;
start) ;;
*)
    echo "usage: run.sh start|stop" >&2
    exit 2
    ;;
esac

mkdir -p "$VAR/run" "$VAR/log"
chmod 755 "$VAR"
if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$VAR"; then
    echo "PostgreSQL (user postgres) cannot reach $VAR: make the path readable" >&2
    exit 1
fi
# a second "make run" restarts the programs and keeps the data
nginx_stop "$VAR"
daemon_stop "$VAR" forwarder
daemon_stop "$VAR" portal
daemon_stop "$VAR" receiver

[ -f "$VAR/pgdata/PG_VERSION" ] || { echo "creating the database cluster in var/pgdata"; pg_init "$VAR"; }
pg_start "$VAR"
db_setup "$VAR"
db_migrate "$VAR"
portal_env "$VAR"

if [ ! -s "$VAR/demo-logins.txt" ]; then
    umask 077
    "$BUILD/portalctl" demo >"$VAR/demo-logins.txt"
    "$BUILD/portalctl" add-recipient "Northwind Group" "Demo CSIRT inbox (local receiver)" \
        "http://127.0.0.1:$RECEIVER_PORT/alerts" >/dev/null
    umask 022
fi

daemon_start "$VAR" receiver "$BUILD/receiver" "$RECEIVER_PORT" "$VAR/log/received-alerts.log"
daemon_start "$VAR" portal "$BUILD/portal"
# the demo receiver is on loopback, which the forwarder refuses unless told otherwise
FORWARDER_ALLOW_PRIVATE=1 daemon_start "$VAR" forwarder "$BUILD/forwarder"
nginx_config "$VAR" "$PORT"
nginx_start "$VAR"
wait_http "http://127.0.0.1:$PORT/healthz"

cat <<MSG

The portal is up: http://127.0.0.1:$PORT/

Demo logins (e-mail, password, roles, organisation) - also in var/demo-logins.txt:
$(cat "$VAR/demo-logins.txt")

Alerts for Northwind Group go to a local receiver; what it got: var/log/received-alerts.log
Logs: var/log/. Stop everything with: make stop   (data stays in var/; make run again)
MSG
