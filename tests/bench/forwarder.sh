#!/bin/bash
# forwarder.sh [BUILD] - the forwarder's delivery rate next to its receiver's ceiling.
#
# 1. Starts a throwaway stack in a mktemp directory under /tmp the way the test suite does
#    (deploy/services.sh: PostgreSQL, migrations, demo data) and two loopback receivers
#    (tests/receiver.c) on free ports in 18200..18299.
# 2. The receiver's ceiling: wrk POSTs a small JSON alert with a new Idempotency-Key per
#    request (what the forwarder sends) to the first receiver, CONNS connections.
# 3. Inserts N due outbox rows (as owner, one statement) for a webhook recipient with a
#    sealed HMAC secret at the second receiver, starts one forwarder (FORWARDER_CONCURRENCY
#    transfers at once) and measures until every row is 'delivered': deliveries per second
#    by the wall clock (forwarder start to the last commit seen) and between the first and
#    the last delivered_at in the database. Checks the receiver got each key once
#    ("new" lines = N, no "dup") with a valid signature (no "bad").
#
# No target is enforced, but a rate under TARGET (1000/s) is flagged with "!!". Exit status 0
# when the measurement ran, non-zero when the stack could not be set up.
# Environment: N (rows, default 20000), FORWARDER_CONCURRENCY (default 8), DUR (seconds of
# wrk, default 5), CONNS (wrk connections, default 8), TARGET (default 1000), KEEP=1 to keep
# the directory (logs) after the run.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u

REPO=$(cd "$(dirname "$0")/../.." && pwd)
cd "$REPO" || exit 1
BUILD=${1:-build}
case "$BUILD" in /*) ;; *) BUILD="$REPO/$BUILD" ;; esac
N=${N:-20000}
export FORWARDER_CONCURRENCY=${FORWARDER_CONCURRENCY:-8}
DUR=${DUR:-5}
CONNS=${CONNS:-8}
TARGET=${TARGET:-1000}

. "$REPO/deploy/services.sh"

die() {
    echo "bench: $*" >&2
    exit 1
}

for prog in forwarder portalctl receiver; do
    [ -x "$BUILD/$prog" ] || die "$BUILD/$prog is missing: run make all"
done
for tool in wrk ss psql; do
    command -v "$tool" >/dev/null || die "$tool is not installed: run make deps"
done

W=""
cleanup() {
    [ -n "$W" ] || return 0
    daemon_stop "$W" forwarder
    daemon_stop "$W" receiver
    daemon_stop "$W" ceiling
    pg_stop "$W"
    [ -n "${KEEP:-}" ] || rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! ss -ltnH "sport = :$1" | grep -q . && ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { # free_port AFTER: the first free port in AFTER+1..18299
    for p in $(seq $(($1 + 1)) 18299); do
        if port_free "$p"; then echo "$p"; return 0; fi
    done
    return 1
}
CEILING_PORT=$(free_port 18199) || die "no free port in 18200..18299"
RECEIVER_PORT=$(free_port "$CEILING_PORT") || die "no second free port in 18200..18299"

W=$(mktemp -d /tmp/portal-fwdbench.XXXXXX) || die "mktemp failed"
chmod 755 "$W"
mkdir -p "$W/run" "$W/log"
echo "== stack in $W; receivers on 127.0.0.1:$CEILING_PORT (wrk) and :$RECEIVER_PORT (forwarder)"
pg_init "$W" || die "initdb failed"
pg_start "$W" || die "PostgreSQL did not start"
db_setup "$W" >/dev/null || die "database setup failed"
db_migrate "$W" >/dev/null || die "migrations failed"
portal_env "$W"
"$BUILD/portalctl" demo >"$W/logins.txt" || die "portalctl demo failed"
PORTAL_SECRET_KEY=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
export PORTAL_SECRET_KEY

daemon_start "$W" ceiling "$BUILD/receiver" "$CEILING_PORT" "$W/ceiling.log"
daemon_start "$W" receiver "$BUILD/receiver" "$RECEIVER_PORT" "$W/received.log" \
    --hmac-secret bench-hook-secret
for _ in $(seq 50); do
    port_free "$CEILING_PORT" || port_free "$RECEIVER_PORT" || break
    sleep 0.1
done

# ---- the receiver's ceiling ---------------------------------------------------------------
cat >"$W/post.lua" <<'LUA'
-- a POST like the forwarder's, with a key of its own each time
local n = 0
local prefix = string.format("%08x", math.random(0, 0x7fffffff))
local body = '{"incident": {"number": "INC-000001", "title": "Bench alert"}, "type": "incident.alert"}'
request = function()
    n = n + 1
    return wrk.format("POST", "/alerts", {
        ["Content-Type"] = "application/json",
        ["Idempotency-Key"] = string.format("%s-0000-4000-8000-%012d", prefix, n),
    }, body)
end
LUA
echo "== receiver ceiling: wrk -t1 -c$CONNS -d${DUR}s POST /alerts, a new key per request"
wrk -t1 -c"$CONNS" -d"${DUR}s" -s "$W/post.lua" "http://127.0.0.1:$CEILING_PORT/alerts" \
    >"$W/wrk.txt" 2>&1
grep -E "Requests/sec|Non-2xx|Socket errors|requests in" "$W/wrk.txt" | sed 's/^ */   /'
ceiling_rps=$(awk '/^Requests\/sec:/ { print $2 }' "$W/wrk.txt")
ceiling_dups=$(grep -c '^dup ' "$W/ceiling.log")

# ---- the forwarder ------------------------------------------------------------------------
owner() { pg_psql "$W" portal_owner portal -At "$@"; }
sealed=$(printf 'bench-hook-secret' | "$BUILD/portalctl" seal) || die "portalctl seal failed"
rid=$(owner -c "INSERT INTO recipients (org_id, name, url, format, max_tlp, credentials)
                SELECT id, 'Bench webhook', 'http://127.0.0.1:$RECEIVER_PORT/alerts',
                       'webhook', 'red', '$sealed'::bytea
                  FROM organisations WHERE name = 'Northwind Group' RETURNING id" | head -1)
[ -n "$rid" ] || die "no recipient"
owner -c "INSERT INTO outbox (org_id, recipient_id, recipient_org_id, kind, payload)
          SELECT r.org_id, r.id, r.org_id, 'bench.alert',
                 jsonb_build_object('type', 'incident.alert', 'schema_version', 1,
                     'incident', jsonb_build_object('number', 'INC-' || lpad(g::text, 6, '0'),
                         'title', 'Bench alert ' || g, 'severity', 'warning', 'tlp', 'green',
                         'description', repeat('Something happened. ', 10)),
                     'organisation', jsonb_build_object('name', 'Northwind Energy'))
            FROM recipients r, generate_series(1, $N) g WHERE r.id = $rid" >/dev/null ||
    die "cannot insert the outbox rows"
owner -c "VACUUM ANALYZE outbox" >/dev/null

echo "== forwarder: $N rows, FORWARDER_CONCURRENCY=$FORWARDER_CONCURRENCY, HMAC-signed webhook"
start=$(date +%s%N)
FORWARDER_ALLOW_HOSTS="127.0.0.1:$RECEIVER_PORT" FORWARDER_REMINDER_INTERVAL=0 FORWARDER_POLL=1 \
    daemon_start "$W" forwarder "$BUILD/forwarder"
delivered=0
last_change=$start
while :; do
    now=$(date +%s%N)
    d=$(owner -c "SELECT count(*) FROM outbox WHERE kind = 'bench.alert' AND state = 'delivered'")
    [ "$d" != "$delivered" ] && { delivered=$d; last_change=$now; }
    [ "$delivered" -ge "$N" ] && break
    if [ $(((now - last_change) / 1000000000)) -ge 20 ]; then
        echo "   !! no progress for 20 s at $delivered of $N delivered"
        tail -5 "$W/log/forwarder.log" | sed 's/^/      /'
        break
    fi
    sleep 0.1
done
wall_ms=$((($(date +%s%N) - start) / 1000000))
span=$(owner -c "SELECT extract(epoch FROM max(delivered_at) - min(delivered_at))
                   FROM outbox WHERE kind = 'bench.alert' AND state = 'delivered'")
attempts=$(owner -c "SELECT count(*) FROM delivery_attempts a JOIN outbox o ON o.id = a.outbox_id
                      WHERE o.kind = 'bench.alert'")
new_lines=$(grep -c '^new ' "$W/received.log")
dup_lines=$(grep -c '^dup ' "$W/received.log")
bad_lines=$(grep -c '^bad ' "$W/received.log")
daemon_stop "$W" forwarder

wall_rate=$(awk -v n="$delivered" -v ms="$wall_ms" 'BEGIN { if (ms > 0) printf "%.0f", n * 1000 / ms }')
db_rate=$(awk -v n="$delivered" -v s="$span" 'BEGIN { if (s > 0) printf "%.0f", (n - 1) / s }')
echo "   delivered $delivered of $N in $wall_ms ms (wall clock, from the forwarder's start)"
echo "   attempts recorded $attempts; receiver: new $new_lines, dup $dup_lines, bad signature $bad_lines"

echo
echo "== summary: $(nproc) CPUs, one forwarder, $FORWARDER_CONCURRENCY transfers at once"
printf "  %-9s %-40s %8s /s\n" ceiling "receiver, wrk -c$CONNS POST" "${ceiling_rps:-n/a}"
printf "  %-9s %-40s %8s /s\n" forwarder "deliveries, wall clock" "${wall_rate:-n/a}"
printf "  %-9s %-40s %8s /s\n" forwarder "deliveries, first to last delivered_at" "${db_rate:-n/a}"
flags=0
[ "$delivered" -eq "$N" ] || { echo "  !! only $delivered of $N rows were delivered"; flags=1; }
[ "$new_lines" -eq "$N" ] && [ "$dup_lines" -eq 0 ] && [ "$bad_lines" -eq 0 ] ||
    { echo "  !! the receiver did not get each key exactly once with a valid signature"; flags=1; }
[ "$ceiling_dups" -eq 0 ] || echo "  !! wrk's keys repeated ($ceiling_dups dup lines)"
awk -v r="${wall_rate:-0}" -v t="$TARGET" 'BEGIN { exit !(r + 0 < t + 0) }' &&
    { echo "  !! under the target of $TARGET deliveries/s"; flags=1; }
[ "$flags" -eq 0 ] && echo "  ok: every row delivered once, at or above $TARGET/s"
exit 0
