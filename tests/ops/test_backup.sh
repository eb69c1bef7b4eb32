#!/bin/sh
# test_backup.sh - backups and point-in-time restore with pgBackRest, as README's
# "Backups and restore" tells the operator: a cluster archiving its WAL, the demo data, a
# full backup, rows, an incremental backup, more rows, a noted time, rows after it; then
# the disk is lost (data directory and the portal's configuration with its sealing key);
# deploy/backup/portal-backup.sh restores to the noted time. Exactly the rows before the
# time are back, the key is back (a recipient's sealed credential still opens: the
# forwarder signs a delivery with it), and the portal serves its pages on the restored
# cluster. Figures: the backups' sizes in the repository and the restore's duration.
set -u
. "$REPO/tests/ops/lib.sh"

D=$OPS_DIR
ETC=$D/etc
mkdir -p "$D/run" "$D/log" "$ETC/portal" "$D/offsite"
chmod 755 "$D/run"

cleanup() {
    nginx_stop "$D"
    daemon_stop "$D" forwarder
    daemon_stop "$D" portal
    daemon_stop "$D" receiver
    pg_stop "$D"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# the portal's configuration as an install keeps it: the sealing key in a 0600 file
KEY=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
(umask 077 && echo "PORTAL_SECRET_KEY=$KEY" >"$ETC/portal/portal.env")
# the backup settings for this directory, and a passphrase kept off the host
(umask 077 && od -An -N24 -tx1 /dev/urandom | tr -d ' \n' >"$D/offsite/passphrase")
cat >"$ETC/portal/backup.conf" <<EOF
STANZA=portal
PGBACKREST_CONF=$ETC/pgbackrest/pgbackrest.conf
REPO_PATH=$D/repo
LOG_PATH=$D/log/pgbackrest
LOCK_PATH=$D/run/pgbackrest
RETENTION_FULL=2
PGDATA=$D/pgdata
PGSOCKET=$D/pgsock
PGPORT=5432
PG_ARCHIVE_CONF=$ETC/postgresql/portal-archive.conf
PG_START=". '$REPO/deploy/services.sh' && pg_start '$D'"
PG_STOP=". '$REPO/deploy/services.sh' && pg_stop '$D'"
PORTAL_CONFIG_DIR=$ETC/portal
CONFIG_PASSPHRASE_FILE=$D/offsite/passphrase
RESTORE_WAIT=120
EOF
cp "$ETC/portal/backup.conf" "$D/offsite/backup.conf"
export PORTAL_BACKUP_CONF="$ETC/portal/backup.conf"
backup() { sh "$REPO/deploy/backup/portal-backup.sh" "$@"; }
owner_sql() { pg_psql "$D" portal_owner portal -At -c "$1"; }

# --- the cluster, archiving to pgBackRest
pg_init "$D" || exit 1
check "configure writes pgbackrest.conf and the archive settings" backup configure
echo "include '$ETC/postgresql/portal-archive.conf'" >>"$D/pgdata/postgresql.conf"
pg_start "$D" && db_setup "$D" && db_migrate "$D" >/dev/null || exit 1
check_eq "archive_mode is on" on "$(pg_psql "$D" postgres postgres -At -c 'SHOW archive_mode')"
check "stanza-create (and check: WAL reaches the repository)" backup stanza-create

portal_env "$D"
"$BUILD/portalctl" demo >"$D/logins.txt" || exit 1
# a webhook recipient whose credential is sealed under the key
RX_PORT=$(free_port)
SEALED=$(echo hook-s3cret | PORTAL_SECRET_KEY=$KEY "$BUILD/portalctl" seal)
pg_psql "$D" portal_owner portal -v sealed="$SEALED" -v url="http://127.0.0.1:$RX_PORT/hook" <<'SQL'
INSERT INTO recipients (org_id, name, url, format, max_tlp, credentials)
SELECT id, 'Backup hook', :'url', 'webhook', 'red', :'sealed'::bytea
  FROM organisations WHERE name = 'Northwind Group';
SQL

# incidents titled MARKER-N, reported in Northwind Energy
add_incidents() { # add_incidents MARKER COUNT
    owner_sql "INSERT INTO incidents (org_id, title, detected_at, description, category,
                 severity, tlp, reported_by)
               SELECT o.id, '$1-' || g, now(), 'backup test', 'malware', 'warning', 'amber', u.id
                 FROM organisations o, users u, generate_series(1, $2) g
                WHERE o.name = 'Northwind Energy' AND u.email = 'reporter@energy.example'" >/dev/null
}
count() { owner_sql "SELECT count(*) FROM incidents WHERE title LIKE '$1-%'"; }
repo_size() { # the repository size of the newest backup of TYPE (full, incr)
    backup info | grep -A6 "$1 backup" | sed -n 's/.*repo1:.*, backup size: \(.*\)$/\1/p' |
        tail -1 | tr -d ' '
}

check "full backup" backup backup full
check "the configuration archive is mode 0600 and encrypted" \
    sh -c "ls -l '$D/repo/portal-config/'config-*.tar.enc | grep -q '^-rw-------'"
ops_figure full_backup_repo_size "$(repo_size full)"
add_incidents pitr-first 3
check "incremental backup" backup backup incr
ops_figure incr_backup_repo_size "$(repo_size incr)"
add_incidents pitr-second 2
sleep 1
TARGET=$(owner_sql "SELECT clock_timestamp()")
echo "# restore target $TARGET"
sleep 1
add_incidents pitr-after 4
# the rows after the target are in the archived WAL too: the restore must stop by time
check "check (the last WAL segment archived)" backup check
# after the time, the operator changes the key and backs up again: a restore to the time
# takes the backup and the configuration from before it
KEY2=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
(umask 077 && echo "PORTAL_SECRET_KEY=$KEY2" >"$ETC/portal/portal.env")
check "incremental backup after the time (with the changed key)" backup backup incr
check_eq "rows before and after the target exist before the loss" 9 \
    $(($(count pitr-first) + $(count pitr-second) + $(count pitr-after)))

# --- the disk is lost: the data directory and the portal's configuration
pg_stop "$D"
rm -rf "$D/pgdata" "$ETC/portal"
export PORTAL_BACKUP_CONF="$D/offsite/backup.conf"
start=$(date +%s%N)
check "restore --to the noted time" backup restore --to "$TARGET"
ops_figure restore_time "$((($(date +%s%N) - start) / 1000000))" ms
check_eq "rows of the full backup's day: all 3" 3 "$(count pitr-first)"
check_eq "rows after the incremental backup, before the time: all 2" 2 "$(count pitr-second)"
check_eq "rows after the time: none" 0 "$(count pitr-after)"
check_eq "the restored cluster is a primary" f \
    "$(pg_psql "$D" postgres postgres -At -c 'SELECT pg_is_in_recovery()')"
check "the restored cluster accepts writes" add_incidents pitr-new 1
check_eq "the configuration is back with mode 0600" 600 "$(stat -c %a "$ETC/portal/portal.env")"
check "the sealing key of the time is back" grep -qx "PORTAL_SECRET_KEY=$KEY" "$ETC/portal/portal.env"
# the restored cluster (a new timeline) archives again, and a full backup starts afresh
check "archiving works on the restored cluster" backup check
check "a full backup of the restored cluster" backup backup full

# --- the portal and the forwarder on the restored cluster, with the restored key
unset PORTAL_SECRET_KEY
. "$ETC/portal/portal.env"
export PORTAL_SECRET_KEY
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
export PORTAL_BASE_URL="$BASE"
daemon_start "$D" receiver "$BUILD/receiver" "$RX_PORT" "$D/log/received.log" \
    --hmac-secret hook-s3cret
daemon_start "$D" portal "$BUILD/portal"
daemon_start "$D" forwarder env FORWARDER_ALLOW_HOSTS="127.0.0.1:$RX_PORT" FORWARDER_POLL=1 \
    "$BUILD/forwarder"
nginx_config "$D" "$PORT"
nginx_start "$D" && wait_http "$BASE/healthz" || exit 1
check_eq "the login page answers" 200 "$(ops_status "$BASE/login")"
EMAIL=reporter@energy.example
check "sign in on the restored cluster" \
    ops_sign_in "$BASE" "$EMAIL" "$(ops_password "$D/logins.txt" "$EMAIL")" "$D/jar"
curl -fsS -b "$D/jar" "$BASE/incidents" >"$D/incidents.html"
check "the incidents page lists the rows before the time" grep -q "pitr-second-2" "$D/incidents.html"
check "the incidents page lists none after it" sh -c "! grep -q pitr-after '$D/incidents.html'"

# a delivery to the recipient: the forwarder opens its sealed credential and signs
owner_sql "INSERT INTO outbox (org_id, recipient_id, recipient_org_id, kind, payload)
           SELECT org_id, id, org_id, 'test.alert', '{\"type\": \"incident.alert\"}'
             FROM recipients WHERE name = 'Backup hook'; NOTIFY outbox" >/dev/null
delivered() {
    for _ in $(seq 50); do
        [ "$(owner_sql "SELECT count(*) FROM outbox o JOIN recipients r ON r.id = o.recipient_id
                         WHERE r.name = 'Backup hook' AND o.state = 'delivered'")" = 1 ] &&
            return 0
        sleep 0.2
    done
    return 1
}
check "the sealed credential opens: the signed delivery is accepted" delivered
check "the receiver saw a valid signature" grep -q '^new ' "$D/log/received.log"

ops_done
