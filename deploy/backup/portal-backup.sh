#!/bin/sh
# portal-backup.sh - the operator's backups and point-in-time restore of the portal, with
# pgBackRest doing the database (full and incremental backups, continuous WAL archiving)
# and this script adding what pgBackRest does not know about: the sealing key and the
# portal's configuration, archived beside the repository at each backup and put back at
# restore (without PORTAL_SECRET_KEY, recipients' sealed credentials cannot be opened).
# Settings come from PORTAL_BACKUP_CONF (default /etc/cyberportal/backup.conf; see
# deploy/backup/backup.conf). Runs as root; pgBackRest and psql run as "postgres".
#
#   portal-backup.sh configure            pgbackrest.conf and the archive settings from
#                                         the templates beside this script
#   portal-backup.sh stanza-create        the stanza, once, with archiving on
#   portal-backup.sh check                WAL archiving works (switches a segment)
#   portal-backup.sh backup [full|incr|diff]  a backup (default incr; full when none yet)
#                                         and an archive of the configuration
#   portal-backup.sh info                 the backups and the archived WAL range
#   portal-backup.sh restore --to 'TIME' [--no-config]
#                                         stops the cluster, restores it as of TIME (a
#                                         PostgreSQL timestamp with zone), starts it, waits
#                                         until it accepts writes, and puts back the
#                                         configuration archived last before TIME
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
CONF=${PORTAL_BACKUP_CONF:-/etc/cyberportal/backup.conf}
[ -r "$CONF" ] || {
    echo "portal-backup: cannot read $CONF (PORTAL_BACKUP_CONF)" >&2
    exit 2
}
# shellcheck disable=SC1090
. "$CONF"
STANZA=${STANZA:-portal}
CONFIG_KEEP=${CONFIG_KEEP:-30}
RESTORE_WAIT=${RESTORE_WAIT:-600}
CONFIG_PASSPHRASE_FILE=${CONFIG_PASSPHRASE_FILE:-}
CONFIG_ARCHIVE_DIR="$REPO_PATH/portal-config"

say() { echo "portal-backup: $*"; }
die() {
    echo "portal-backup: $*" >&2
    exit 1
}
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
pgbr() { as_postgres pgbackrest --config="$PGBACKREST_CONF" --stanza="$STANZA" "$@"; }
pg_sql() { as_postgres psql -X -q -At -h "$PGSOCKET" -p "$PGPORT" -U postgres -d postgres "$@"; }

# fill TEMPLATE OUT: @NAME@ replaced by the setting NAME
fill() {
    sed -e "s|@REPO_PATH@|$REPO_PATH|g" -e "s|@RETENTION_FULL@|${RETENTION_FULL:-2}|g" \
        -e "s|@LOG_PATH@|$LOG_PATH|g" -e "s|@LOCK_PATH@|$LOCK_PATH|g" \
        -e "s|@STANZA@|$STANZA|g" -e "s|@PGDATA@|$PGDATA|g" -e "s|@PGSOCKET@|$PGSOCKET|g" \
        -e "s|@PGPORT@|$PGPORT|g" -e "s|@PGBACKREST_CONF@|$PGBACKREST_CONF|g" "$1" >"$2.tmp"
    mv "$2.tmp" "$2"
}

cmd_configure() {
    mkdir -p "$(dirname "$PGBACKREST_CONF")" "$(dirname "$PG_ARCHIVE_CONF")"
    fill "$HERE/pgbackrest.conf.in" "$PGBACKREST_CONF"
    chmod 640 "$PGBACKREST_CONF"
    chgrp postgres "$PGBACKREST_CONF" 2>/dev/null || true
    fill "$HERE/archive.conf.in" "$PG_ARCHIVE_CONF"
    chmod 644 "$PG_ARCHIVE_CONF"
    for d in "$REPO_PATH" "$LOG_PATH" "$LOCK_PATH"; do
        mkdir -p "$d"
        chown postgres "$d" 2>/dev/null || true
        chmod 750 "$d"
    done
    mkdir -p "$CONFIG_ARCHIVE_DIR"
    chmod 700 "$CONFIG_ARCHIVE_DIR"
    say "wrote $PGBACKREST_CONF and $PG_ARCHIVE_CONF (restart PostgreSQL to archive)"
}

# The configuration: PORTAL_CONFIG_DIR, this script's settings and pgbackrest.conf, as one
# tar of absolute paths (mode 0600, encrypted when a passphrase file is set).
config_archive() {
    mkdir -p "$CONFIG_ARCHIVE_DIR"
    chmod 700 "$CONFIG_ARCHIVE_DIR"
    out="$CONFIG_ARCHIVE_DIR/config-$(date -u +%Y%m%dT%H%M%SZ).tar"
    files=""
    for f in "$PORTAL_CONFIG_DIR" "$CONF" "$PGBACKREST_CONF"; do
        [ -e "$f" ] && files="$files ${f#/}"
    done
    [ -n "$files" ] || die "nothing to archive: no $PORTAL_CONFIG_DIR"
    umask 077
    # shellcheck disable=SC2086 # one word per path
    if [ -n "$CONFIG_PASSPHRASE_FILE" ]; then
        tar -C / -cf - $files | openssl enc -aes-256-cbc -pbkdf2 -salt \
            -pass "file:$CONFIG_PASSPHRASE_FILE" -out "$out.enc"
        out="$out.enc"
    else
        tar -C / -cf "$out" $files
    fi
    chmod 600 "$out"
    # keep the newest CONFIG_KEEP
    # shellcheck disable=SC2012 # the names are ours: config-TIME.tar(.enc)
    ls -1 "$CONFIG_ARCHIVE_DIR"/config-* | sort -r | tail -n +"$((CONFIG_KEEP + 1))" |
        while read -r old; do rm -f "$old"; done
    say "configuration archived in $out"
}

# config_restore TIME: the newest archive taken at or before TIME (else the oldest one)
# unpacked over /; what it replaces is kept as NAME.before-restore.
config_restore() {
    limit=$(date -u -d "$1" +%Y%m%d%H%M%S) || die "cannot read the time $1"
    pick=""
    for f in "$CONFIG_ARCHIVE_DIR"/config-*; do # oldest first (the names sort by time)
        [ -e "$f" ] || continue
        stamp=$(basename "$f" | sed 's/^config-//; s/\.tar.*$//; s/[TZ]//g')
        if [ -z "$pick" ] || [ "$stamp" -le "$limit" ]; then pick=$f; fi
    done
    [ -n "$pick" ] || die "no configuration archive in $CONFIG_ARCHIVE_DIR"
    if [ -d "$PORTAL_CONFIG_DIR" ]; then
        rm -rf "$PORTAL_CONFIG_DIR.before-restore"
        mv "$PORTAL_CONFIG_DIR" "$PORTAL_CONFIG_DIR.before-restore"
    fi
    case "$pick" in
        *.enc)
            [ -n "$CONFIG_PASSPHRASE_FILE" ] || die "$pick is encrypted: set CONFIG_PASSPHRASE_FILE"
            openssl enc -d -aes-256-cbc -pbkdf2 -pass "file:$CONFIG_PASSPHRASE_FILE" -in "$pick" |
                tar -C / -xpf -
            ;;
        *) tar -C / -xpf "$pick" ;;
    esac
    say "configuration put back from $pick"
}

cmd_backup() {
    type=${1:-incr}
    case "$type" in full | incr | diff) ;; *) die "backup type is full, incr or diff" ;; esac
    pgbr --type="$type" backup
    say "$type backup done"
    config_archive
}

# waits until the cluster accepts writes (out of recovery: a transaction id is assigned)
wait_writable() {
    i=0
    while [ "$i" -lt "$RESTORE_WAIT" ]; do
        [ "$(pg_sql -c "SELECT txid_current() > 0" 2>/dev/null)" = t ] && return 0
        sleep 1
        i=$((i + 1))
    done
    die "the restored cluster did not accept writes within $RESTORE_WAIT s"
}

cmd_restore() {
    target="" with_config=1
    while [ $# -gt 0 ]; do
        case "$1" in
            --to) target=${2:-} && shift ;;
            --to=*) target=${1#--to=} ;;
            --no-config) with_config=0 ;;
            *) die "restore takes --to 'TIME' [--no-config]" ;;
        esac
        shift
    done
    [ -n "$target" ] || die "restore needs --to 'TIME' (e.g. '2026-12-05 20:30:00+00')"
    date -u -d "$target" >/dev/null 2>&1 || die "cannot read the time $target"
    say "stopping the cluster"
    sh -c "$PG_STOP" >/dev/null 2>&1 || true
    # over what is left of the data directory (only changed files), or into an empty one
    delta=""
    if [ -f "$PGDATA/PG_VERSION" ]; then delta=--delta; fi
    mkdir -p "$PGDATA"
    chown postgres "$PGDATA" 2>/dev/null || true
    chmod 700 "$PGDATA"
    say "restoring as of $target"
    pgbr $delta --type=time --target="$target" --target-action=promote restore
    if [ "$with_config" = 1 ]; then config_restore "$target"; fi
    say "starting the cluster"
    sh -c "$PG_START"
    wait_writable
    say "the cluster accepts writes"
}

case "${1:-}" in
    configure) cmd_configure ;;
    stanza-create) pgbr stanza-create && pgbr check ;;
    check) pgbr check ;;
    backup) cmd_backup "${2:-incr}" ;;
    info) pgbr info ;;
    restore)
        shift
        cmd_restore "$@"
        ;;
    *)
        echo "usage: portal-backup.sh configure | stanza-create | check |" \
            "backup [full|incr|diff] | info | restore --to 'TIME' [--no-config]" >&2
        exit 2
        ;;
esac
