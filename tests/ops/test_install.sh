#!/bin/sh
# test_install.sh - README "### One host" on this machine: deploy/install.sh into a scratch
# root, a PostgreSQL cluster with peer and scram-sha-256 (no trust) that "install.sh
# --database" sets up, then the portal and the forwarder started as their installed systemd
# units say (ExecStart with the units' User=, Group=, SupplementaryGroups=, Environment=,
# EnvironmentFile=, UMask= and RuntimeDirectory=, under no-new-privileges and an empty
# capability bounding set, as systemd would; there is no systemd as PID 1 here), and nginx
# with the installed TLS site as www-data on free ports with a self-signed certificate.
# Checks: /login over TLS 1.2/1.3 only with HSTS, http redirected to https, file modes and
# owners, no process as root, trust and password-less logins refused, a second install run
# changing nothing (the sealing key kept), each unit's "systemd-analyze security" exposure
# at most MAX_EXPOSURE, and every system call the services made (traced with strace)
# allowed by their units' SystemCallFilter= (which only systemd would enforce).
set -u
. "$REPO/tests/ops/lib.sh"

MAX_EXPOSURE=2.0
D=$OPS_DIR
ROOT=$D/root
PG=$D/pg
SVC=cyberportal
mkdir -p "$ROOT" "$D/run" "$D/log" "$D/tls" "$D/nginx"
chown www-data "$D/nginx"

# descendants PID...: the processes and all their children's
descendants() { for p in "$@"; do echo "$p" && descendants $(pgrep -P "$p"); done; }
# svc_stop NAME: the program under strace first (strace then ends with it), then anything
# of that tree still there
svc_stop() {
    [ -f "$D/run/$1.pid" ] || return 0
    tree=$(descendants "$(cat "$D/run/$1.pid")")
    for p in $(pgrep -P "$(cat "$D/run/$1.pid")"); do kill "$p" 2>/dev/null; done
    daemon_stop "$D" "$1"
    for p in $tree; do kill -9 "$p" 2>/dev/null; done
}
cleanup() {
    svc_stop portal
    svc_stop forwarder
    if [ -f "$D/nginx/nginx.pid" ]; then kill "$(cat "$D/nginx/nginx.pid")" 2>/dev/null; fi
    pg_stop "$PG"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# --- a cluster as an operator has it: peer for local logins, scram-sha-256 over TCP
mkdir -p "$PG/pgdata" "$PG/pgsock" "$PG/log"
chown postgres "$PG/pgdata" "$PG/pgsock"
chmod 700 "$PG/pgdata"
as_pg "$PGBIN/initdb" -D "$PG/pgdata" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$PG/log/initdb.log" 2>&1 || { cat "$PG/log/initdb.log"; exit 1; }
touch "$PG/log/postgres.log"
chown postgres "$PG/log/postgres.log"
as_pg "$PGBIN/pg_ctl" -D "$PG/pgdata" -l "$PG/log/postgres.log" -w -t 30 \
    -o "-k $PG/pgsock -c listen_addresses= -c unix_socket_permissions=0777" start >/dev/null ||
    { tail -20 "$PG/log/postgres.log"; exit 1; }
export PGHOST="$PG/pgsock" PGPORT=5432

# --- install: files, then the database
if sh "$REPO/deploy/install.sh" --root "$ROOT" --build "$BUILD" >"$D/log/install1.log" 2>&1 &&
    sh "$REPO/deploy/install.sh" --root "$ROOT" --build "$BUILD" --database \
        >"$D/log/install2.log" 2>&1; then
    ok "install.sh, then install.sh --database"
else
    fail "install.sh"
    cat "$D/log/install1.log" "$D/log/install2.log"
    exit 1
fi
ETC=$ROOT/etc/cyberportal
UNITS=$ROOT/etc/systemd/system

# --- files: modes and owners
mode() { stat -c '%a %U:%G' "$1"; }
check_eq "secret_key: 0600, the service user's" "600 $SVC:$SVC" "$(mode "$ETC/secret_key")"
check_eq "pgpass: 0600, the service user's" "600 $SVC:$SVC" "$(mode "$ETC/pgpass")"
check_eq "owner.pgpass: 0600, root's" "600 root:root" "$(mode "$ETC/owner.pgpass")"
check_eq "portal.env: 0640 root:$SVC" "640 root:$SVC" "$(mode "$ETC/portal.env")"
check_eq "forwarder.env: 0640 root:$SVC" "640 root:$SVC" "$(mode "$ETC/forwarder.env")"
check_eq "/etc/cyberportal: 0750 root:$SVC" "750 root:$SVC" "$(mode "$ETC")"
check "the sealing key is 64 hex characters" grep -qxE '[0-9a-f]{64}' "$ETC/secret_key"
check "no secret in the env files" sh -c "! grep -qiE 'SECRET_KEY=|PASSWORD=|password=' \
    '$ETC/portal.env' '$ETC/forwarder.env'"
check_eq "nothing world-writable" "" "$(find "$ROOT" -perm -0002 ! -type l)"
check_eq "programs, templates, schema, static and units are root's, not group-writable" "" \
    "$(find "$ROOT/usr" "$UNITS" \( ! -user root -o -perm /0022 \) -print)"
for f in "$ROOT/usr/lib/cyberportal/portal" "$ROOT/usr/lib/cyberportal/forwarder" \
    "$ROOT/usr/sbin/portalctl" "$ROOT/usr/share/cyberportal/templates"; do
    check "$SVC cannot write ${f#"$ROOT"}" runuser -u $SVC -- sh -c "! test -w '$f'"
done
check "$SVC cannot read owner.pgpass" runuser -u $SVC -- sh -c "! cat '$ETC/owner.pgpass'" \
    2>/dev/null
check_eq "$SVC has no login shell" /usr/sbin/nologin "$(getent passwd $SVC | cut -d: -f7)"

# --- PostgreSQL: scram-sha-256, no trust
su_sql() { as_pg psql -X -At -h "$PGHOST" -d portal -c "$1" 2>&1; }
check_eq "no trust line in pg_hba.conf" 0 \
    "$(su_sql "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method = 'trust'")"
check_eq "the four roles have scram-sha-256 passwords" 4 \
    "$(su_sql "SELECT count(*) FROM pg_authid WHERE rolname IN ('portal_owner', 'portal_app',
        'portal_forwarder', 'portal_metrics') AND rolpassword LIKE 'SCRAM-SHA-256\$%'")"
check_eq "every migration applied" "$(ls "$REPO"/schema/[0-9]*.sql | wc -l)" \
    "$(su_sql "SELECT count(*) FROM schema_migrations")"
nopass() { PGPASSFILE=/dev/null psql -X -w -h "$PGHOST" -U "$1" -d "$2" -c "SELECT 1" 2>&1; }
for r in portal_app portal_owner portal_forwarder portal_metrics; do
    out=$(nopass $r portal)
    case "$out" in
    *"no password supplied"*) ok "$r without its password is refused" ;;
    *) fail "$r without its password: $out" ;;
    esac
done
out=$(nopass postgres postgres)
case "$out" in
*"Peer authentication failed"*) ok "postgres from another OS user is refused" ;;
*) fail "postgres from root: $out" ;;
esac
check "portal_app with its password from pgpass" runuser -u $SVC -- psql -X -w -At \
    "host=$PGHOST dbname=portal user=portal_app passfile=$ETC/pgpass" -c "SELECT 1" -o /dev/null

# --- a second run changes nothing and keeps every secret
snapshot() {
    find "$ROOT" -path "$ROOT/run" -prune -o -printf '%p %m %u %g %s %T@\n' | sort
    cat "$ETC/secret_key" "$ETC/pgpass" "$ETC/owner.pgpass"
    getent passwd $SVC
}
snapshot >"$D/before"
key=$(cat "$ETC/secret_key")
sh "$REPO/deploy/install.sh" --root "$ROOT" --build "$BUILD" --database >"$D/log/install3.log" 2>&1
check_eq "a second install.sh --database succeeds" 0 $?
snapshot >"$D/after"
check_eq "a second run changes no file, mode, owner or secret" "" \
    "$(diff "$D/before" "$D/after")"
check_eq "the sealing key is kept" "$key" "$(cat "$ETC/secret_key")"
check_eq "the second run wrote nothing" "install: done" "$(cat "$D/log/install3.log" |
    grep -v 'roles portal_owner')"

# a trust line anywhere in pg_hba.conf stops install.sh --database
hba=$PG/pgdata/pg_hba.conf
cp "$hba" "$D/pg_hba.good"
sed -i "1i local all all trust" "$hba" # first: it would decide every login
out=$(sh "$REPO/deploy/install.sh" --root "$ROOT" --build "$BUILD" --database 2>&1)
rc=$?
case "$rc $out" in
"1 "*"still has trust"*) ok "install.sh --database refuses a pg_hba.conf with trust" ;;
*) fail "install.sh --database with a trust line: status $rc: $out" ;;
esac
out=$(nopass portal_app portal)
case "$out" in
*"no password supplied"*) ok "and does not make PostgreSQL load that line" ;;
*) fail "after the refused run, portal_app without its password: $out" ;;
esac
cp "$D/pg_hba.good" "$hba"

# --- the units: valid as installed, hardening as systemd-analyze scores it
check_eq "systemd-analyze verify finds nothing in the installed units" "" \
    "$(systemd-analyze verify --man=no "$UNITS/cyberportal.service" \
        "$UNITS/cyberportal-forwarder.service" 2>&1)"
for u in cyberportal cyberportal-forwarder; do
    line=$(systemd-analyze security --offline=yes "$UNITS/$u.service" 2>&1 |
        grep "Overall exposure level")
    e=$(echo "$line" | sed -n 's/.*: \([0-9.]*\) .*/\1/p')
    ops_figure "$u.service exposure" "${e:-?}" "(systemd-analyze security, 0 best, 10 worst)"
    check "$u.service exposure ${e:-?} <= $MAX_EXPOSURE" \
        awk -v e="${e:-99}" -v m=$MAX_EXPOSURE 'BEGIN { exit !(e <= m) }'
done

# unit_get UNIT KEY: the values of KEY= in UNIT's [Service] section, one a line
unit_get() {
    awk -v k="$2" '/^\[/ { s = ($0 == "[Service]") } s && index($0, k "=") == 1 {
        print substr($0, length(k) + 2) }' "$UNITS/$1.service"
}
# unit_script UNIT: a script that sets UNIT's umask and environment and execs its ExecStart
unit_script() {
    echo "umask $(unit_get "$1" UMask)"
    unit_get "$1" Environment | while read -r a; do
        case "$a" in
        *[\"\'\ \\]* | *'$'*) echo "echo 'Environment=$a: not one plain assignment' >&2; exit 1" ;;
        *) echo "export $a" ;;
        esac
    done
    unit_get "$1" EnvironmentFile | while read -r f; do
        case "$f" in -*) f=${f#-} && [ -f "$f" ] || continue ;; esac
        grep -E '^[A-Z_][A-Z0-9_]*=' "$f" | sed 's/^/export /'
    done
    echo "exec $(unit_get "$1" ExecStart)"
}
# unit_start UNIT NAME: runs UNIT's ExecStart as systemd would start it (see the top)
unit_start() {
    user=$(unit_get "$1" User)
    group=$(unit_get "$1" Group)
    groups=--clear-groups
    supp=$(unit_get "$1" SupplementaryGroups | tr ' ' ,)
    if [ -n "$supp" ]; then groups=--groups=$supp; fi
    rd=$(unit_get "$1" RuntimeDirectory)
    if [ -n "$rd" ]; then
        mkdir -p "$ROOT/run/$rd"
        chown "$user:$group" "$ROOT/run/$rd"
        chmod "$(unit_get "$1" RuntimeDirectoryMode)" "$ROOT/run/$rd"
    fi
    unit_script "$1" >"$D/run/$2.sh"
    # strace records the system calls the program makes, for SystemCallFilter= below
    touch "$D/log/$2.strace"
    chown "$user" "$D/log/$2.strace"
    daemon_start "$D" "$2" env -i PATH=/usr/bin:/bin setpriv --reuid="$user" --regid="$group" \
        "$groups" --no-new-privs --bounding-set=-all --inh-caps=-all \
        strace -f -qq -o "$D/log/$2.strace" sh "$D/run/$2.sh"
}
# syscalls SET...: the system calls of systemd's filter sets, groups expanded
syscalls() {
    for set in "$@"; do
        case "$set" in
        @*) systemd-analyze syscall-filter "$set" | awk 'NR > 1 && !/^ *#/ && NF { print $1 }' |
            while read -r s; do syscalls "$s"; done ;;
        *) echo "$set" ;;
        esac
    done
}
# unit_syscalls_denied UNIT NAME: the system calls NAME made that UNIT's SystemCallFilter=
# lines do not allow (systemd would answer them with EPERM)
unit_syscalls_denied() {
    allow=$(unit_get "$1" SystemCallFilter | grep -v '^~')
    deny=$(unit_get "$1" SystemCallFilter | sed -n 's/^~//p')
    syscalls $allow | sort -u >"$D/$2.allow"
    # shellcheck disable=SC2086
    syscalls $deny | sort -u | comm -23 "$D/$2.allow" - >"$D/$2.allowed"
    sed -n 's/^[0-9]* *\([a-z0-9_]*\)(.*/\1/p' "$D/log/$2.strace" | sort -u >"$D/$2.used"
    comm -23 "$D/$2.used" "$D/$2.allowed" | tr '\n' ' '
}
check_eq "the portal's unit runs as $SVC" $SVC "$(unit_get cyberportal User)"
check_eq "the forwarder's unit runs as $SVC" $SVC "$(unit_get cyberportal-forwarder User)"
# the metrics endpoint on a free port: portal.env is the operator's to edit
METRICS=$(free_port)
sed -i "s/^PORTAL_METRICS=127.0.0.1:9464\$/PORTAL_METRICS=127.0.0.1:$METRICS/" "$ETC/portal.env"
check_eq "portal.env names the metrics endpoint" 1 "$(grep -c "^PORTAL_METRICS=127.0.0.1:$METRICS\$" \
    "$ETC/portal.env")"
unit_start cyberportal portal
unit_start cyberportal-forwarder forwarder

# --- nginx with the installed site, as www-data, on free ports, a self-signed certificate
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost -keyout "$D/tls/key.pem" -out "$D/tls/cert.pem" \
    2>/dev/null
chown www-data "$D/tls/key.pem"
chmod 600 "$D/tls/key.pem"
HTTPS=$(free_port)
HTTP=$(free_port)
site=$ROOT/etc/nginx/sites-available/cyberportal
sed -e "s#^\\( *\\)listen 443 #\\1listen 127.0.0.1:$HTTPS #" -e "s#^\\( *\\)listen 80;#\\1listen 127.0.0.1:$HTTP;#" \
    -e '/listen \[::\]/d' -e "s#/etc/ssl/certs/cyberportal.pem#$D/tls/cert.pem#" \
    -e "s#/etc/ssl/private/cyberportal.key#$D/tls/key.pem#" "$site" >"$D/site.conf"
check_eq "the site's listen and certificate lines are where the test expects them" 4 \
    "$(grep -cE "127.0.0.1:($HTTPS|$HTTP)|$D/tls/" "$D/site.conf")"
cat >"$D/nginx.conf" <<EOF
pid $D/nginx/nginx.pid;
error_log $D/log/nginx-error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $D/log/nginx-access.log;
    client_body_temp_path $D/nginx/body;
    fastcgi_temp_path $D/nginx/fastcgi;
    proxy_temp_path $D/nginx/proxy;
    uwsgi_temp_path $D/nginx/uwsgi;
    scgi_temp_path $D/nginx/scgi;
    include $D/site.conf;
}
EOF
touch "$D/log/nginx-error.log" "$D/log/nginx-access.log"
chown www-data "$D/log/nginx-error.log" "$D/log/nginx-access.log"
check "nginx starts as www-data" runuser -u www-data -- nginx -c "$D/nginx.conf" -p "$D/nginx" \
    -e "$D/log/nginx-error.log"

# --- over TLS
url=https://localhost:$HTTPS
for _ in $(seq 75); do
    [ -S "$ROOT/run/cyberportal/portal.sock" ] && curl -fs -o /dev/null --cacert "$D/tls/cert.pem" \
        "$url/login" && break
    sleep 0.2
done
hdr=$(curl -s -D - -o "$D/login.html" --cacert "$D/tls/cert.pem" "$url/login")
check_eq "GET /login over TLS: 200" 200 "$(echo "$hdr" | sed -n '1s/^HTTP[^ ]* \([0-9]*\).*/\1/p')"
check "/login has HSTS" sh -c "echo \"\$1\" | grep -qi '^strict-transport-security: max-age='" \
    - "$hdr"
check "/login has the portal's Content-Security-Policy" sh -c \
    "echo \"\$1\" | grep -qi '^content-security-policy: '" - "$hdr"
check "/login sets its cookie Secure" sh -c "echo \"\$1\" | grep -i '^set-cookie:' |
    grep -qi secure || ! echo \"\$1\" | grep -qi '^set-cookie:'" - "$hdr"
hdr=$(curl -s -D - -o /dev/null --cacert "$D/tls/cert.pem" "$url/static/portal.css")
check "/static/portal.css: 200 with HSTS and nosniff" sh -c "echo \"\$1\" | grep -q '^HTTP/[0-9.]* 200' &&
    echo \"\$1\" | grep -qi '^strict-transport-security:' &&
    echo \"\$1\" | grep -qi '^x-content-type-options: nosniff'" - "$hdr"
loc=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$HTTP/login")
check_eq "http is redirected to https" "301 https://127.0.0.1/login" "$loc"
tls() { echo | openssl s_client -connect "127.0.0.1:$HTTPS" -servername localhost "$@" \
    -cipher 'DEFAULT:@SECLEVEL=0' >/dev/null 2>&1; }
check "TLS 1.3 accepted" tls -tls1_3
check "TLS 1.2 accepted" tls -tls1_2
check "TLS 1.1 refused" sh -c "! echo | openssl s_client -connect 127.0.0.1:$HTTPS -tls1_1 \
    -cipher 'DEFAULT:@SECLEVEL=0' >/dev/null 2>&1"
check "TLS 1.2 with a CBC cipher refused" sh -c "! echo | openssl s_client -connect \
    127.0.0.1:$HTTPS -tls1_2 -cipher 'ECDHE-RSA-AES128-SHA' >/dev/null 2>&1"

# --- the first administrator (README "One host", step 6), signed in over TLS
printf '%s\n' 'the first administrator 1' | PORTAL_OWNER_DB="host=$PGHOST port=$PGPORT \
dbname=portal user=portal_owner passfile=$ETC/owner.pgpass" "$ROOT/usr/sbin/portalctl" \
    create-admin 'Install Test Org' admin@install.example 'Install Admin' \
    >"$D/log/create-admin.log" 2>&1
check_eq "portalctl create-admin makes the first administrator" 0 $?
export CURL_CA_BUNDLE="$D/tls/cert.pem"
check "the first administrator signs in over TLS" ops_sign_in "$url" admin@install.example \
    'the first administrator 1' "$D/jar"
check_eq "and reaches the organisations page" 200 "$(ops_status "$url/organisations" "$D/jar")"
unset CURL_CA_BUNDLE

# --- the services as their users
sleep 1
check "the forwarder runs (it read its settings and the sealing key)" \
    kill -0 "$(cat "$D/run/forwarder.pid" 2>/dev/null || echo 0)"
metrics=$(curl -s "http://127.0.0.1:$METRICS/metrics")
check "the metrics endpoint serves, its database figures read as portal_metrics with its \
password" sh -c "echo \"\$1\" | grep -qx 'portal_metrics_db_up 1'" - "$metrics"
all=$(descendants $(cat "$D/run/portal.pid" "$D/run/forwarder.pid" "$D/nginx/nginx.pid") |
    tr '\n' ' ')
users=$(for p in $all; do ps -o user= -p "$p"; done | sort | uniq -c | tr -s ' ' | tr '\n' ';')
ops_figure "processes by user" "$users"
check_eq "portal, forwarder and nginx processes: none as root" "" \
    "$(for p in $all; do ps -o user=,args= -p "$p"; done | grep '^root ')"
check "at least 7 processes (portal supervisor and workers, forwarder, nginx, 2 strace)" \
    [ "$(echo $all | wc -w)" -ge 7 ]
check_eq "the portal's socket: 0660 $SVC:www-data" "660 $SVC:www-data" \
    "$(mode "$ROOT/run/cyberportal/portal.sock" 2>&1)"
check_eq "the forwarder's log has no error" "" "$(grep 'level=error' "$D/log/forwarder.log")"
check_eq "the portal's log has no error" "" "$(grep 'level=error' "$D/log/portal.log")"
check "portalctl seals with the installed key" sh -c "echo s | PORTAL_SECRET_KEY_FILE=$ETC/secret_key \
    $ROOT/usr/sbin/portalctl seal | grep -q '^.x'"

# --- the system calls the services made, against their units' SystemCallFilter=
for u in cyberportal:portal cyberportal-forwarder:forwarder; do
    denied=$(unit_syscalls_denied "${u%:*}" "${u#*:}")
    ops_figure "${u#*:} system calls" "$(wc -l <"$D/${u#*:}.used")" "distinct (strace)"
    check_eq "the ${u#*:}'s system calls are all in its SystemCallFilter=" "" "$denied"
done

if [ "$ops_failed" -ne 0 ]; then
    for f in portal forwarder nginx-error; do echo "--- $f.log"; tail -5 "$D/log/$f.log"; done
fi
ops_done
