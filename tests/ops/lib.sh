# lib.sh - what every tests/ops/test_*.sh shares; source it after "set -u". Gives the
# services.sh functions (pg_init, pg_start, db_setup, db_migrate, daemon_start, ...),
# free_port, ok/fail/check assertions that count, ops_figure for the lines the note
# reports, and ops_done to end the test with the right status.

. "$REPO/deploy/services.sh"

ops_failed=0
ops_checks=0

ok() { ops_checks=$((ops_checks + 1)); echo "ok - $*"; }
fail() { ops_checks=$((ops_checks + 1)); ops_failed=$((ops_failed + 1)); echo "not ok - $*"; }
# check "WHAT" COMMAND...: ok when COMMAND succeeds
check() {
    what=$1
    shift
    if "$@"; then ok "$what"; else fail "$what"; fi
}
# check_eq "WHAT" EXPECTED ACTUAL
check_eq() {
    if [ "$2" = "$3" ]; then ok "$1"; else fail "$1: expected '$2', got '$3'"; fi
}
# ops_figure NAME VALUE [UNIT]: a measured figure, printed as "ops: NAME = VALUE UNIT"
ops_figure() { echo "ops: $1 = $2${3:+ $3}"; }
# ops_done: the test's exit status (call last)
ops_done() {
    echo "# $ops_checks checks, $ops_failed failed"
    [ "$ops_failed" -eq 0 ] && [ "$ops_checks" -gt 0 ]
}

# free_port: a TCP port on 127.0.0.1 nobody listens on, below the ephemeral range
free_port() {
    low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
    [ "$low" -gt 12000 ] 2>/dev/null || low=32768
    while :; do
        p=$((10000 + $(od -An -N2 -tu2 /dev/urandom) % (low - 10000)))
        curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$p/" 2>/dev/null
        [ $? -eq 7 ] && { echo "$p"; return; }
    done
}

# --- backup and upgrade tests (test_backup.sh, test_upgrade.sh) ---
# ops_sign_in BASE_URL EMAIL PASSWORD JAR: signs in as a browser would (the login form's
# CSRF token, its cookies kept in the file JAR); succeeds on the 303 to the start page.
ops_sign_in() {
    rm -f "$4"
    csrf=$(curl -fsS -c "$4" -b "$4" "$1/login" |
        sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1)
    [ -n "$csrf" ] || return 1
    code=$(curl -sS -o /dev/null -w '%{http_code}' -c "$4" -b "$4" \
        --data-urlencode "csrf_token=$csrf" --data-urlencode "email=$2" \
        --data-urlencode "password=$3" "$1/login")
    [ "$code" = 303 ]
}
# ops_status URL [JAR]: the HTTP status of a GET (with the cookies of JAR)
ops_status() {
    curl -sS -o /dev/null -w '%{http_code}' ${2:+-b "$2"} "$1"
}
# ops_password LOGINS EMAIL: the password "portalctl demo" printed for EMAIL
ops_password() { awk -v e="$2" '$1 == e { print $2 }' "$1"; }
# ops_post BASE_URL PATH JAR FIELD=VALUE...: a signed-in form POST carrying the session's
# CSRF token (from the start page); prints the HTTP status
ops_post() {
    base=$1 path=$2 jar=$3
    shift 3
    csrf=$(curl -fsS -b "$jar" "$base/" |
        sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1)
    n=$#
    for kv in "$@"; do set -- "$@" --data-urlencode "$kv"; done
    shift "$n"
    curl -sS -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" \
        --data-urlencode "csrf_token=$csrf" "$@" "$base$path"
}
