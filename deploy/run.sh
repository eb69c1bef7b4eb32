#!/bin/sh
# run.sh start|stop - the development stack under var/: PostgreSQL, migrations, demo data,
# the portal, the forwarder, a demo alert receiver and nginx on 127.0.0.1:8080.
set -eu
REPO=$(cd "$(dirname "$0")/.." && pwd)
. "$REPO/deploy/services.sh"
VAR="$REPO/var"
PORT=${PORTAL_PORT:-8080}
RECEIVER_PORT=${RECEIVER_PORT:-8090}
SMTP_PORT=${SMTP_PORT:-8025}
BUILD=${BUILD:-$REPO/build}

stop_all() {
    nginx_stop "$VAR"
    daemon_stop "$VAR" forwarder
    daemon_stop "$VAR" portal
    daemon_stop "$VAR" receiver
    daemon_stop "$VAR" smtp-sink
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
daemon_stop "$VAR" smtp-sink

[ -f "$VAR/pgdata/PG_VERSION" ] || { echo "creating the database cluster in var/pgdata"; pg_init "$VAR"; }
pg_start "$VAR"
db_setup "$VAR"
db_migrate "$VAR"
portal_env "$VAR"
# the key sealing recipient credentials (lib/secret.h): made once, kept with the data;
# portal and forwarder need the same one
if [ ! -s "$VAR/secret.key" ]; then
    (umask 077 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$VAR/secret.key")
fi
chmod 600 "$VAR/secret.key"
PORTAL_SECRET_KEY=$(cat "$VAR/secret.key")
export PORTAL_SECRET_KEY

if [ ! -s "$VAR/demo-logins.txt" ]; then
    umask 077
    "$BUILD/portalctl" demo >"$VAR/demo-logins.txt"
    recipient=$("$BUILD/portalctl" add-recipient "Northwind Group" \
        "Demo CSIRT inbox (local receiver)" "http://127.0.0.1:$RECEIVER_PORT/alerts")
    # a sharing rule: the group's Critical and Emergency incidents go to it by themselves
    pg_psql "$VAR" portal_owner portal -c "INSERT INTO sharing_rules (org_id, recipient_id,
        min_severity, created_by) SELECT org_id, id, 'critical', (SELECT id FROM users
        WHERE email = 'coordinator@northwind.example') FROM recipients WHERE id = $recipient"
    umask 022
fi

daemon_start "$VAR" receiver "$BUILD/receiver" "$RECEIVER_PORT" "$VAR/log/received-alerts.log"
# mail (invitations, reminders, alerts by mail) goes to a local sink in the demo
daemon_start "$VAR" smtp-sink "$BUILD/smtp-sink" "$SMTP_PORT" "$VAR/log/mail.log"
export FORWARDER_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT" PORTAL_BASE_URL="http://127.0.0.1:$PORT"
daemon_start "$VAR" portal "$BUILD/portal"
# the demo receiver is on loopback, which the forwarder refuses unless named: exactly it,
# nothing else on the host (recipients must not make the forwarder a port scanner)
FORWARDER_ALLOW_HOSTS="127.0.0.1:$RECEIVER_PORT" daemon_start "$VAR" forwarder "$BUILD/forwarder"
nginx_config "$VAR" "$PORT"
nginx_start "$VAR"
wait_http "http://127.0.0.1:$PORT/healthz"

cat <<MSG

The portal is up: http://127.0.0.1:$PORT/

Demo logins (e-mail, password, roles, organisation) - also in var/demo-logins.txt:
$(cat "$VAR/demo-logins.txt")

Northwind Group's Critical and Emergency incidents go to a local receiver by a sharing
rule (what it got: var/log/received-alerts.log); mail goes to var/log/mail.log.
Logs: var/log/. Stop everything with: make stop   (data stays in var/; make run again)
MSG
