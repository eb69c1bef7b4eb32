#!/bin/bash
# bench.sh [BUILD] - the portal's throughput next to this machine's ceilings, from one run.
#
# 1. Runs /work/shared/bench/limits.sh (../shared/bench/limits.sh from the repository): nginx
#    serving a static page, the cheapest bare-libfcgi responder behind nginx, and pgbench
#    durable inserts. It listens on 127.0.0.1:18080, so it runs alone, before anything else.
# 2. Starts a throwaway stack in a mktemp directory under /tmp the way the test suite does
#    (deploy/services.sh: PostgreSQL, migrations, demo data, the portal, nginx on a free port
#    in 18180..18199), signs in as the demo assessor and opens a draft of category ID.AM.
# 3. Measures with wrk GET /login (anonymous) and GET /assessments/<id> (the assessor's
#    session cookie), then prints requests/s and p99 latency of each next to the ceilings,
#    and the ratios portal / bare libfcgi.
#
# Anything but a 200 from the portal during a measurement (counted in wrk's "Non-2xx or 3xx"
# line and in nginx's access log, which also catches 3xx such as a redirect to /login) and
# any socket error is printed and flagged with "!!". No target is enforced: the exit status
# is 0 when the measurements ran, non-zero when the stack could not be set up.
#
# Environment: DUR (seconds per wrk run, default 8), CONNS (wrk connections, default 32),
# PORTAL_WORKERS (default 4, the same number of threads limits.sh gives its responder),
# WARM (seconds of warm-up per portal URL, default 1). limits.sh needs root.
# "make bench" runs this with sh: come back as bash (the /dev/tcp probe needs it)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u

REPO=$(cd "$(dirname "$0")/../.." && pwd)
cd "$REPO" || exit 1
BUILD=${1:-build}
case "$BUILD" in /*) ;; *) BUILD="$REPO/$BUILD" ;; esac
DUR=${DUR:-8}
CONNS=${CONNS:-32}
WARM=${WARM:-1}
export PORTAL_WORKERS=${PORTAL_WORKERS:-4}
LIMITS="$REPO/../shared/bench/limits.sh"
ASSESSOR=assessor@energy.example

. "$REPO/deploy/services.sh"

die() {
    echo "bench: $*" >&2
    exit 1
}

for prog in portal portalctl; do
    [ -x "$BUILD/$prog" ] || die "$BUILD/$prog is missing: run make all"
done
for tool in wrk nginx curl ss; do
    command -v "$tool" >/dev/null || die "$tool is not installed: run make deps"
done

W=""
cleanup() {
    [ -n "$W" ] || return 0
    nginx_stop "$W"
    daemon_stop "$W" portal
    pg_stop "$W"
    rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the ceilings -------------------------------------------------------------------------
LIMITS_OUT=$(mktemp /tmp/bench-limits.XXXXXX)
trap 'rm -f "$LIMITS_OUT"; cleanup' EXIT
if [ ! -f "$LIMITS" ]; then
    echo "bench: $LIMITS not found: no ceilings in this run" >&2
elif ss -ltnH 'sport = :18080' | grep -q .; then
    echo "bench: 127.0.0.1:18080 is in use, limits.sh needs it: no ceilings in this run" >&2
else
    echo "== ceilings: $LIMITS (${DUR}s per run, $CONNS connections)"
    DUR=$DUR CONNS=$CONNS bash "$LIMITS" >"$LIMITS_OUT" 2>&1 ||
        echo "bench: limits.sh failed" >&2
    sed 's/^/   /' "$LIMITS_OUT"
fi

# ---- the throwaway stack ------------------------------------------------------------------
port_free() { ! ss -ltnH "sport = :$1" | grep -q . && ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=""
for p in $(seq 18180 18199); do
    if port_free "$p"; then PORT=$p; break; fi
done
[ -n "$PORT" ] || die "no free port in 18180..18199"
BASE="http://127.0.0.1:$PORT"

W=$(mktemp -d /tmp/portal-bench.XXXXXX) || die "mktemp failed"
chmod 755 "$W"
echo "== stack in $W, nginx on $BASE, $PORTAL_WORKERS portal workers"
pg_init "$W" || die "initdb failed"
pg_start "$W" || die "PostgreSQL did not start"
db_setup "$W" >/dev/null || die "database setup failed"
db_migrate "$W" >/dev/null || die "migrations failed"
portal_env "$W"
"$BUILD/portalctl" demo >"$W/logins.txt" || die "portalctl demo failed"
mkdir -p "$W/run"
daemon_start "$W" portal "$BUILD/portal"
nginx_config "$W" "$PORT"
nginx_start "$W" || die "nginx did not start"
wait_http "$BASE/healthz" || { tail -20 "$W/log/portal.log" >&2; die "the portal did not answer"; }

# ---- a session and a draft ----------------------------------------------------------------
JAR="$W/cookies.txt"
csrf_of() { sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' "$1" | head -1; }
password=$(awk -v e="$ASSESSOR" '$1 == e { print $2 }' "$W/logins.txt")
[ -n "$password" ] || die "no password for $ASSESSOR in logins.txt"

curl -sS -c "$JAR" -b "$JAR" -o "$W/login.html" "$BASE/login" || die "GET /login failed"
token=$(csrf_of "$W/login.html")
[ -n "$token" ] || die "no csrf_token on /login"
code=$(curl -sS -c "$JAR" -b "$JAR" -o /dev/null -w '%{http_code}' \
    --data-urlencode "csrf_token=$token" --data-urlencode "email=$ASSESSOR" \
    --data-urlencode "password=$password" "$BASE/login")
[ "$code" = 303 ] || die "POST /login answered $code, not 303"

curl -sS -c "$JAR" -b "$JAR" -o "$W/home.html" "$BASE/" || die "GET / failed"
token=$(csrf_of "$W/home.html")
[ -n "$token" ] || die "no csrf_token on / after signing in"
code=$(curl -sS -c "$JAR" -b "$JAR" -o /dev/null -D "$W/start.hdr" -w '%{http_code}' \
    --data-urlencode "csrf_token=$token" --data-urlencode "category=ID.AM" "$BASE/assessments")
[ "$code" = 303 ] || die "POST /assessments answered $code, not 303"
FORM=$(tr -d '\r' <"$W/start.hdr" | sed -n 's/^[Ll]ocation: *//p' | sed 's|^https\?://[^/]*||')
case "$FORM" in /assessments/[0-9]*) ;; *) die "POST /assessments sent us to '$FORM'" ;; esac
session=$(awk '$6 == "portal_session" { print $7 }' "$JAR")
[ -n "$session" ] || die "no portal_session cookie after signing in"
COOKIE="Cookie: portal_session=$session"

# the page wrk will fetch, fetched the same way (only the session cookie)
check_form() {
    code=$(curl -sS -H "$COOKIE" -o "$W/form.html" -w '%{http_code}' "$BASE$FORM")
    [ "$code" = 200 ] && grep -q "Asset Management" "$W/form.html"
}
check_form || die "GET $FORM with the session cookie answered $code or lacks 'Asset Management'"

# ---- measurements -------------------------------------------------------------------------
FLAGS=0
# to_ms VALUE: wrk's latency ("812.00us", "3.21ms", "1.02s", "1.5m") in milliseconds
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : (u == "h") ? 3600000 : -1
        if (v == "" || f < 0) print ""; else printf "%.3f\n", n * f }'
}
rps_of() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
p99_of() { to_ms "$(awk '$1 == "99%" { print $2 }' "$1")"; }

# measure NAME URL [wrk args]: runs wrk, sets NAME_rps, NAME_p99 (ms), and flags problems
measure() {
    name=$1 url=$2
    shift 2
    if [ "$WARM" -gt 0 ]; then
        wrk -t1 -c"$CONNS" -d"${WARM}s" "$@" "$url" >/dev/null 2>&1
        sleep 0.5 # let nginx log the warm-up's last requests before we count
    fi
    before=$(wc -l <"$W/log/nginx-access.log")
    echo "== portal GET ${url#"$BASE"} (${DUR}s, $CONNS connections)"
    wrk -t1 -c"$CONNS" -d"${DUR}s" --latency "$@" "$url" >"$W/wrk-$name.txt" 2>&1
    grep -E "Requests/sec|99%|Non-2xx|Socket errors|requests in" "$W/wrk-$name.txt" | sed 's/^ */   /'
    sleep 0.5
    # 499 is nginx's "client closed the connection": wrk does so to the requests in flight
    # when it stops, at most one per connection; more than that is a problem
    statuses=$(tail -n +"$((before + 1))" "$W/log/nginx-access.log" |
        awk -v c="$CONNS" '{ n[$9]++ }
            END { for (s in n) { printf "%s %s=%d", sep, s, n[s]; sep = "," }
                  for (s in n) if (s != 200 && !(s == 499 && n[s] <= c)) bad = 1
                  print bad ? " BAD" : "" }')
    echo "   nginx access log: status${statuses% BAD}   (499 = in flight when wrk stopped)"
    if grep -qE "Non-2xx|Socket errors" "$W/wrk-$name.txt" || [ "${statuses% BAD}" != "$statuses" ]; then
        echo "   !! not every request was a clean 200: see above"
        FLAGS=$((FLAGS + 1))
        eval "${name}_flag='!!'"
    fi
    if [ -z "$(rps_of "$W/wrk-$name.txt")" ]; then
        echo "   !! wrk gave no result:"
        sed 's/^/      /' "$W/wrk-$name.txt"
        FLAGS=$((FLAGS + 1))
        eval "${name}_flag='!!'"
    fi
    eval "${name}_rps=\$(rps_of \"\$W/wrk-\$name.txt\")"
    eval "${name}_p99=\$(p99_of \"\$W/wrk-\$name.txt\")"
}

login_flag="" form_flag=""
measure login "$BASE/login"
measure form "$BASE$FORM" -H "$COOKIE"
check_form || { echo "   !! after the run, GET $FORM answered $code"; FLAGS=$((FLAGS + 1)); form_flag='!!'; }

# ---- the table ----------------------------------------------------------------------------
# block_value BLOCK PATTERN FIELD: from limits.sh's output, FIELD of the first line matching
# PATTERN after the line "== BLOCK"
block_value() {
    awk -v b="== $1" -v pat="$2" -v f="$3" '
        /^== / { inb = index($0, b) == 1; next }
        inb && $0 ~ pat { print $f; exit }' "$LIMITS_OUT"
}
static_rps=$(block_value static '^Requests/sec:' 2)
static_p99=$(to_ms "$(block_value static '^ *99%' 2)")
fcgi_rps=$(block_value fcgi '^Requests/sec:' 2)
fcgi_p99=$(to_ms "$(block_value fcgi '^ *99%' 2)")
pg_tps=$(block_value pg '^tps' 3)
pg_lat=$(block_value pg '^latency average' 4)
static_flag="" fcgi_flag=""
[ -n "$(block_value static 'Non-2xx|Socket errors' 1)" ] && static_flag='!!'
[ -n "$(block_value fcgi 'Non-2xx|Socket errors' 1)" ] && fcgi_flag='!!'

row() { # row KIND LABEL RPS P99 FLAG [RATIOS]
    awk -v k="$1" -v l="$2" -v r="$3" -v p="$4" -v f="$5" -v x="${6:-}" 'BEGIN {
        rs = (r == "") ? "     n/a" : sprintf("%8.0f", r)
        ps = (p == "") ? "     n/a" : sprintf("%8.2f", p)
        printf "  %-8s %-26s %s rps   p99 %s ms  %-2s %s\n", k, l, rs, ps, f, x }'
}
ratios() { # ratios RPS P99: against the bare libfcgi ceiling
    awk -v r="$1" -v p="$2" -v cr="$fcgi_rps" -v cp="$fcgi_p99" 'BEGIN {
        if (r == "" || cr == "" || cr + 0 == 0) { print ""; exit }
        s = sprintf("= %.2f of libfcgi rps", r / cr)
        if (p != "" && cp != "" && cp + 0 > 0) s = s sprintf(", p99 %.1f times", p / cp)
        print s }'
}

echo
echo "== summary: wrk -t1 -c$CONNS -d${DUR}s on $(nproc) CPUs, $PORTAL_WORKERS portal workers"
row ceiling "static nginx" "$static_rps" "$static_p99" "$static_flag"
row ceiling "bare libfcgi" "$fcgi_rps" "$fcgi_p99" "$fcgi_flag"
row portal "GET /login" "${login_rps:-}" "${login_p99:-}" "$login_flag" \
    "$(ratios "${login_rps:-}" "${login_p99:-}")"
row portal "GET $FORM" "${form_rps:-}" "${form_p99:-}" "$form_flag" \
    "$(ratios "${form_rps:-}" "${form_p99:-}")"
if [ -n "$pg_tps" ]; then
    printf "  %-8s %-26s %8.0f tps   latency avg %s ms\n" ceiling "pgbench durable insert" \
        "$pg_tps" "${pg_lat:-?}"
else
    printf "  %-8s %-26s %8s tps\n" ceiling "pgbench durable insert" "n/a"
fi
[ "$FLAGS" -eq 0 ] || echo "  !! $FLAGS portal measurement(s) saw responses other than 200 or socket errors"
exit 0
