#!/bin/sh
# install.sh - installs the portal on this host in its FHS places, as README "### One host"
# describes and tests/ops/test_install.sh proves. Run as root after make.
#
#   deploy/install.sh [--root DIR] [--build DIR] [--database]
#
# Files (every run): the programs portal and forwarder in /usr/lib/cyberportal, portalctl
# in /usr/sbin, templates, schema and static files in /usr/share/cyberportal, the systemd
# units in /etc/systemd/system, the nginx TLS site in /etc/nginx/sites-available/cyberportal,
# the system user and group "cyberportal" (no login shell), and /etc/cyberportal:
#   portal.env, forwarder.env  settings (root:cyberportal 0640), written once, then yours
#   secret_key                 the sealing key, 64 hex characters from /dev/urandom
#   pgpass                     the passwords of portal_app, portal_forwarder and
#                              portal_metrics (libpq's
#                              password file, named by passfile= in the conninfo)
#   owner.pgpass               portal_owner's password (root only: migrations, portalctl)
# Each secret is made once, when missing, and never replaced; secret_key and pgpass are the
# service user's, mode 0600. A second run changes nothing that is already right.
#
# --database: on the PostgreSQL of PGHOST/PGPORT (default: the local cluster's socket), as
# its superuser "postgres" (peer authentication, so run on the database host): sets
# password_encryption = scram-sha-256, puts the portal's scram-sha-256 lines at the top of
# pg_hba.conf and refuses to go on while any line still says trust, creates the roles and
# the database (db_setup) with the passwords of the files above, and applies the migrations
# of /usr/share/cyberportal/schema as portal_owner (db_migrate). Run it again after each
# upgrade: it applies only what is new.
#
# --root DIR installs into DIR as if it were / (a staging tree, or the test's scratch root):
# every path written into the units, the nginx site and the settings starts with DIR, so
# they run from there. The user is created on this host either way.
set -eu

REPO=$(cd "$(dirname "$0")/.." && pwd)
SRC=$REPO
BUILD=$REPO/build
ROOT=
DATABASE=0
while [ $# -gt 0 ]; do
    case "$1" in
    --root) ROOT=$(cd "$2" && pwd); shift 2 ;;
    --build) BUILD=$(cd "$2" && pwd); shift 2 ;;
    --database) DATABASE=1; shift ;;
    *) echo "usage: $0 [--root DIR] [--build DIR] [--database]" >&2; exit 2 ;;
    esac
done
if [ "$ROOT" = / ]; then ROOT=; fi

USER_NAME=cyberportal
LIB=/usr/lib/cyberportal
SHARE=/usr/share/cyberportal
ETC=/etc/cyberportal
STATE=/var/lib/cyberportal
PGHOST=${PGHOST:-/var/run/postgresql}
PGPORT=${PGPORT:-5432}
export PGHOST PGPORT

say() { echo "install: $*"; }
die() { echo "install: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (it creates a user and files owned by it)"
for p in portal forwarder portalctl; do
    [ -x "$BUILD/$p" ] || die "$BUILD/$p is missing: run make first"
done

# put SRC DEST MODE OWNER:GROUP - copies a file only when its content differs, then sets
# the mode and owner only when they differ (so a second run touches nothing)
put() {
    if ! cmp -s "$1" "$2"; then
        install -D -m "$3" -o "${4%:*}" -g "${4#*:}" "$1" "$2"
        say "wrote ${2#"$ROOT"}"
    fi
    fix "$2" "$3" "$4"
}
# fix PATH MODE OWNER:GROUP - sets mode and owner where they differ
fix() {
    [ "$(stat -c %a "$1")" = "${2#0}" ] || chmod "$2" "$1"
    [ "$(stat -c %U:%G "$1")" = "$3" ] || chown "$3" "$1"
}
# dir PATH MODE OWNER:GROUP
dir() {
    [ -d "$1" ] || mkdir -p "$1"
    fix "$1" "$2" "$3"
}
# tree SRC DEST - SRC's files to DEST (root's, read-only to the service), and files DEST
# has that SRC no longer does removed (a template dropped by an upgrade)
tree() {
    (cd "$1" && find . -type d) | while read -r d; do dir "$2/${d#./}" 0755 root:root; done
    (cd "$1" && find . -type f) | while read -r f; do put "$1/$f" "$2/${f#./}" 0644 root:root; done
    (cd "$2" && find . -type f) | while read -r f; do
        [ -f "$1/$f" ] || { rm -f "$2/$f"; say "removed ${2#"$ROOT"}/${f#./}"; }
    done
}
# rooted FILE - FILE with every path of the install prefixed by ROOT
rooted() {
    sed -e "s#\\(/usr/lib/cyberportal\\|/usr/share/cyberportal\\|/etc/cyberportal\\|/run/cyberportal\\|/var/lib/cyberportal\\|/usr/sbin/portalctl\\)#$ROOT\\1#g" "$1"
}
# hex N - N random bytes from /dev/urandom as hexadecimal
hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }
# secret FILE OWNER:GROUP - creates FILE empty with mode 0600 if missing (never replaces it)
secret() {
    if [ ! -e "$1" ]; then
        (umask 077 && : >"$1")
        say "created ${1#"$ROOT"}"
    fi
    fix "$1" 0600 "$2"
}
# pgpass_line FILE ROLE - appends "*:*:portal:ROLE:<new password>" unless ROLE has a line
pgpass_line() {
    grep -q "^[^:]*:[^:]*:[^:]*:$2:" "$1" || echo "*:*:portal:$2:$(hex 24)" >>"$1"
}

install_files() {
    if ! getent group "$USER_NAME" >/dev/null; then
        groupadd --system "$USER_NAME"
        say "created group $USER_NAME"
    fi
    if ! getent passwd "$USER_NAME" >/dev/null; then
        useradd --system --gid "$USER_NAME" --home-dir "$STATE" --no-create-home \
            --shell /usr/sbin/nologin --comment "Cyber Assurance Portal" "$USER_NAME"
        say "created user $USER_NAME"
    fi
    # nginx's workers connect to the portal's socket through this group (the unit's
    # SupplementaryGroups= lets the portal give the socket to it)
    getent group www-data >/dev/null || die "no group www-data: install nginx first"
    ug=$USER_NAME:$USER_NAME

    for d in /usr /usr/lib /usr/sbin /usr/share /etc /etc/systemd /etc/systemd/system \
        /etc/nginx /etc/nginx/sites-available /var /var/lib; do
        if [ -n "$ROOT" ]; then dir "$ROOT$d" 0755 root:root; fi
    done
    dir "$ROOT$LIB" 0755 root:root
    dir "$ROOT$SHARE" 0755 root:root
    dir "$ROOT$ETC" 0750 root:$USER_NAME
    dir "$ROOT$STATE" 0750 "$ug"

    put "$BUILD/portal" "$ROOT$LIB/portal" 0755 root:root
    put "$BUILD/forwarder" "$ROOT$LIB/forwarder" 0755 root:root
    put "$BUILD/portalctl" "$ROOT/usr/sbin/portalctl" 0755 root:root
    tree "$SRC/templates" "$ROOT$SHARE/templates"
    tree "$SRC/schema" "$ROOT$SHARE/schema"
    tree "$SRC/static" "$ROOT$SHARE/static"

    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    for u in cyberportal.service cyberportal-forwarder.service; do
        rooted "$SRC/deploy/systemd/$u" >"$tmp/$u"
        put "$tmp/$u" "$ROOT/etc/systemd/system/$u" 0644 root:root
    done
    rooted "$SRC/deploy/nginx-production.conf" >"$tmp/site"
    put "$tmp/site" "$ROOT/etc/nginx/sites-available/cyberportal" 0644 root:root

    conn="host=$PGHOST port=$PGPORT dbname=portal"
    if [ ! -e "$ROOT$ETC/portal.env" ]; then
        cat >"$tmp/portal.env" <<EOF
# The portal's settings (lib/config.h lists them all), read by cyberportal.service.
# No secrets here: the sealing key is in $ROOT$ETC/secret_key, the database password in
# $ROOT$ETC/pgpass (both 0600). Written once by deploy/install.sh; yours to edit.
PORTAL_DB="$conn user=portal_app passfile=$ROOT$ETC/pgpass"
PORTAL_BASE_URL=https://portal.example.org
# PORTAL_WORKERS=0 means two per core
PORTAL_WORKERS=0
# the Prometheus endpoint, on loopback only (README "Metrics and alerts")
PORTAL_METRICS=127.0.0.1:9464
PORTAL_METRICS_DB="$conn user=portal_metrics passfile=$ROOT$ETC/pgpass"
EOF
        put "$tmp/portal.env" "$ROOT$ETC/portal.env" 0640 root:$USER_NAME
    fi
    fix "$ROOT$ETC/portal.env" 0640 root:$USER_NAME
    if [ ! -e "$ROOT$ETC/forwarder.env" ]; then
        cat >"$tmp/forwarder.env" <<EOF
# The forwarder's settings (lib/config.h), read by cyberportal-forwarder.service. No
# secrets here: an SMTP password goes in a file of mode 0600 named by
# FORWARDER_SMTP_PASSWORD_FILE. Written once by deploy/install.sh; yours to edit.
FORWARDER_DB="$conn user=portal_forwarder passfile=$ROOT$ETC/pgpass"
PORTAL_BASE_URL=https://portal.example.org
FORWARDER_SMTP_URL=smtp://127.0.0.1:25
FORWARDER_SMTP_FROM=portal@portal.example.org
# FORWARDER_SMTP_USER=portal
# FORWARDER_SMTP_PASSWORD_FILE=$ROOT$ETC/smtp_password
EOF
        put "$tmp/forwarder.env" "$ROOT$ETC/forwarder.env" 0640 root:$USER_NAME
    fi
    fix "$ROOT$ETC/forwarder.env" 0640 root:$USER_NAME

    secret "$ROOT$ETC/secret_key" "$ug"
    [ -s "$ROOT$ETC/secret_key" ] || hex 32 >"$ROOT$ETC/secret_key"
    secret "$ROOT$ETC/pgpass" "$ug"
    pgpass_line "$ROOT$ETC/pgpass" portal_app
    pgpass_line "$ROOT$ETC/pgpass" portal_forwarder
    pgpass_line "$ROOT$ETC/pgpass" portal_metrics
    secret "$ROOT$ETC/owner.pgpass" root:root
    pgpass_line "$ROOT$ETC/owner.pgpass" portal_owner

    if [ -z "$ROOT" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
}

# password FILE ROLE - ROLE's password in the pgpass file FILE
password() { sed -n "s/^[^:]*:[^:]*:[^:]*:$2://p" "$1" | head -1; }

# The portal's pg_hba.conf lines, put first so that no broader line decides for its roles.
HBA_BEGIN="# cyberportal (deploy/install.sh --database): password logins, scram-sha-256 only"
HBA_END="# end cyberportal"
hba_lines() {
    echo "$HBA_BEGIN"
    echo "local portal portal_owner,portal_app,portal_forwarder,portal_metrics scram-sha-256"
    echo "host  portal portal_owner,portal_app,portal_forwarder,portal_metrics 127.0.0.1/32 scram-sha-256"
    echo "host  portal portal_owner,portal_app,portal_forwarder,portal_metrics ::1/128 scram-sha-256"
    echo "$HBA_END"
}

install_database() {
    [ -s "$ROOT$ETC/owner.pgpass" ] || die "no $ROOT$ETC/owner.pgpass: install the files first"
    # services.sh's db_setup and db_migrate, pointed at this cluster: pg_psql there takes a
    # directory of the development stack; here the superuser connects by peer as "postgres"
    # and portal_owner by its password from owner.pgpass
    . "$SRC/deploy/services.sh"
    pg_psql() {
        dir=$1 user=$2 db=$3
        shift 3
        if [ "$user" = postgres ]; then
            runuser -u postgres -- env PGHOST="$PGHOST" PGPORT="$PGPORT" \
                psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"
        else
            PGPASSFILE="$ROOT$ETC/owner.pgpass" psql -X -q -w -v ON_ERROR_STOP=1 \
                -U "$user" -d "$db" "$@"
        fi
    }
    su_psql() { pg_psql - postgres postgres -At "$@"; }

    hba=$(su_psql -c "SHOW hba_file")
    if ! grep -qxF "$HBA_BEGIN" "$hba"; then
        { hba_lines; echo; cat "$hba"; } >"$hba.cyberportal-new"
        chown --reference="$hba" "$hba.cyberportal-new"
        chmod --reference="$hba" "$hba.cyberportal-new"
        mv "$hba.cyberportal-new" "$hba"
        say "added the portal's scram-sha-256 lines to $hba"
    fi
    # read from the file, before the reload below makes a trust line count
    trust=$(su_psql -c "SELECT line_number FROM pg_hba_file_rules WHERE auth_method = 'trust'
                        OR error IS NOT NULL")
    [ -z "$trust" ] || die "$hba still has trust (or unreadable) lines: $(echo $trust);" \
        "replace trust by scram-sha-256 or peer and run again"
    su_psql -c "ALTER SYSTEM SET password_encryption = 'scram-sha-256'" \
        -c "SELECT pg_reload_conf()" >/dev/null

    db_setup -
    # psql variables keep the passwords off the command line (they arrive on stdin)
    su_psql <<SQL >/dev/null
\\set app '$(password "$ROOT$ETC/pgpass" portal_app)'
\\set fwd '$(password "$ROOT$ETC/pgpass" portal_forwarder)'
\\set met '$(password "$ROOT$ETC/pgpass" portal_metrics)'
\\set owner '$(password "$ROOT$ETC/owner.pgpass" portal_owner)'
SET password_encryption = 'scram-sha-256';
ALTER ROLE portal_app PASSWORD :'app';
ALTER ROLE portal_forwarder PASSWORD :'fwd';
ALTER ROLE portal_metrics PASSWORD :'met';
ALTER ROLE portal_owner PASSWORD :'owner';
SQL
    say "roles portal_owner, portal_app, portal_forwarder and portal_metrics have scram-sha-256 passwords"
    REPO=$ROOT$SHARE # db_migrate applies the installed schema/
    db_migrate -
}

install_files
if [ "$DATABASE" = 1 ]; then install_database; fi
say "done"
