#!/bin/sh
# test_failover.sh - the portal across several "hosts" on one machine, under load: a
# pg_auto_failover formation (monitor, primary, synchronous secondary: deploy/ha/pgaf.sh),
# two portal instances behind one nginx upstream, two forwarders on one outbox, a receiver.
# Writers post incident reports through the real form (signed in, with CSRF) and record
# each acknowledged one (303 to /incidents/ID); readers load pages. Then:
#   1. SIGKILL the primary (its PostgreSQL and its pg_autoctl, as if the host died): the
#      monitor promotes the secondary, the portal's multi-host connection string finds it.
#      Measured: seconds until writes succeed again, failed requests, and acknowledged
#      reports missing from the new primary (must be 0: remote_apply).
#   2. SIGKILL one portal instance (on a unix socket; the other listens on TCP, as on
#      another host) and one forwarder: nginx passes new requests to the other instance; the other forwarder takes the outbox. At most the requests in flight
#      fail, and every alert queued during the test reaches the receiver.
# Figures on "ops:" lines. The load generator is this file's writer and reader functions
# (curl in a loop): one request at a time each, timestamps to the millisecond.
set -u
. "$REPO/tests/ops/lib.sh"
. "$REPO/deploy/ha/pgaf.sh"

D=$OPS_DIR
WRITERS=3
READERS=1
# six distinct free ports: monitor, node1, node2, nginx, receiver, portal-b
while :; do
    ports=$(for _ in 1 2 3 4 5 6; do free_port; done)
    [ "$(echo "$ports" | sort -u | wc -l)" = 6 ] && break
done
# shellcheck disable=SC2086 # one port a word
set -- $ports
MON=$1 P1=$2 P2=$3 WEB=$4 RCV=$5 PB=$6
# portal-a on a unix socket (nginx's host), portal-b on TCP (as from another host)
LISTEN_A="$D/run/portal-a.sock"
LISTEN_B="127.0.0.1:$PB"
BASE="http://127.0.0.1:$WEB"
mkdir -p "$D/run" "$D/log" "$D/load"
chmod 755 "$D/run"

cleanup() {
    touch "$D/load/stop"
    for f in "$D"/load/*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; done
    nginx_stop "$D"
    for n in portal-a portal-b; do
        daemon_stop "$D" "$n"
        # workers of a supervisor that was killed outright
        # shellcheck disable=SC2046 # one pid a word
        [ -s "$D/run/$n.workers" ] && kill -KILL $(cat "$D/run/$n.workers") 2>/dev/null
    done
    daemon_stop "$D" forwarder-a
    daemon_stop "$D" forwarder-b
    daemon_stop "$D" receiver
    pgaf_stop "$D" node2
    pgaf_stop "$D" node1
    pgaf_stop "$D" monitor
    if [ "$ops_failed" -ne 0 ] || [ "${KEEP_LOGS:-}" = 1 ]; then
        for f in "$D"/log/pgaf-node*.log "$D"/log/portal-*.log "$D"/log/forwarder-*.log \
            "$D"/log/nginx-error.log; do
            [ -s "$f" ] && { echo "=== tail of $f"; tail -15 "$f"; }
        done
    fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

now() { date +%s.%N | cut -c1-14; } # seconds, millisecond resolution
sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", a - b }'; }

# --- the formation ---------------------------------------------------------------------
t0=$(now)
pgaf_monitor_create "$D" "$MON" && pgaf_run "$D" monitor || exit 1
pgaf_monitor_wait "$D" "$MON" || exit 1
check "the monitor takes the test's fast health checks" pgaf_fast_failover "$MON"
pgaf_node_create "$D" node1 "$P1" "$MON" && pgaf_run "$D" node1 || exit 1
pgaf_wait_state "$D" "$MON" "*node1:single*" 60 || exit 1
pgaf_node_create "$D" node2 "$P2" "$MON" && pgaf_run "$D" node2 || exit 1
check "node1 primary, node2 its secondary" \
    pgaf_wait_state "$D" "$MON" "*node1:primary*node2:secondary*" 120
sync_names=$(PGPORT=$P1 pg_psql "$D" postgres postgres -At -c "SHOW synchronous_standby_names")
check "the primary waits for its secondary (synchronous_standby_names = $sync_names)" \
    test -n "$sync_names"
echo "# formation up in $(sub "$(now)" "$t0") s"

# --- the database, on the primary ------------------------------------------------------
PGPORT=$P1 db_setup "$D" >/dev/null && PGPORT=$P1 db_migrate "$D" >/dev/null || exit 1
pgaf_portal_roles "$D" "$P1" || exit 1
portal_env "$D"
PORTAL_DB=$(pgaf_conninfo portal_app "$P1" "$P2")
FORWARDER_DB=$(pgaf_conninfo portal_forwarder "$P1" "$P2")
PORTAL_OWNER_DB=$(pgaf_conninfo portal_owner "$P1" "$P2")
export PORTAL_DB FORWARDER_DB PORTAL_OWNER_DB
"$BUILD/portalctl" demo >"$D/logins.txt" || exit 1
owner() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$PORTAL_OWNER_DB" "$@"; }
# shellcheck disable=SC2016 # $$ quotes SQL, not the shell
check "the owner's multi-host connection lands on node1" \
    test "$(owner -c 'SELECT current_setting($$port$$)')" = "$P1"
check "the portal's commits wait for the secondary to apply them" test \
    "$(psql -X -At -d "$PORTAL_DB" -c 'SHOW synchronous_commit')" = remote_apply
# every incident of the energy company is shared with a receiver (as tests/e2e do)
RECIPIENT=$(owner -c "WITH r AS (INSERT INTO recipients (org_id, name, url)
    SELECT id, 'Failover receiver', 'http://127.0.0.1:$RCV/alerts' FROM organisations
    WHERE name = 'Northwind Group' RETURNING id, org_id),
  s AS (INSERT INTO sharing_rules (org_id, recipient_id, min_severity, created_by)
    SELECT r.org_id, r.id, 'information', u.id FROM r, users u
    WHERE u.email = 'coordinator@northwind.example')
  SELECT id FROM r")
[ -n "$RECIPIENT" ] || exit 1

# --- two portal instances, two forwarders, one receiver, nginx -------------------------
PORTAL_SECRET_KEY=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
export PORTAL_SECRET_KEY PORTAL_BASE_URL="$BASE" PORTAL_WORKERS=3
daemon_start "$D" receiver "$BUILD/receiver" "$RCV" "$D/received.log"
PORTAL_SOCKET=$LISTEN_A daemon_start "$D" portal-a "$BUILD/portal"
PORTAL_SOCKET=$LISTEN_B daemon_start "$D" portal-b "$BUILD/portal"
for i in a b; do
    daemon_start "$D" "forwarder-$i" env FORWARDER_ALLOW_HOSTS="127.0.0.1:$RCV" \
        FORWARDER_BACKOFF_BASE_MS=300 FORWARDER_BACKOFF_CAP_MS=1500 FORWARDER_POLL=1 \
        "$BUILD/forwarder"
done
nginx_config "$D" "$WEB"
# the one upstream of deploy/ha/nginx-upstream.conf: portal-a's socket, portal-b's port
sed -i "s|^http {|http {\\
    upstream portal {\\
        server unix:$LISTEN_A max_fails=1 fail_timeout=10s;\\
        server $LISTEN_B max_fails=1 fail_timeout=10s;\\
    }|; s|fastcgi_pass unix:$D/run/portal.sock;|fastcgi_pass portal;\\
            fastcgi_next_upstream error timeout;\\
            fastcgi_next_upstream_tries 2;\\
            fastcgi_connect_timeout 2s;|" "$D/nginx.conf"
nginx_start "$D" && wait_http "$BASE/healthz" || exit 1
for i in a b; do # the supervisor's workers, to kill the whole instance later
    for _ in $(seq 50); do
        w=$(cat "/proc/$(cat "$D/run/portal-$i.pid")/task/$(cat "$D/run/portal-$i.pid")/children")
        [ -n "$w" ] && break
        sleep 0.1
    done
    echo "$w" >"$D/run/portal-$i.workers"
done

# --- the load ----------------------------------------------------------------------------
password() { awk -v e="$1" '$1 == e { print $2 }' "$D/logins.txt"; }
# signin JAR EMAIL: the login form, its CSRF token and the credentials
signin() {
    form=$(curl -s -c "$1" -b "$1" "$BASE/login")
    tok=$(printf '%s' "$form" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1)
    code=$(curl -s -o /dev/null -w '%{http_code}' -c "$1" -b "$1" --data-urlencode "csrf_token=$tok" \
        --data-urlencode "email=$2" --data-urlencode "password=$(password "$2")" "$BASE/login")
    [ "$code" = 303 ]
}
# writer N: posts reports until DIR/load/stop exists; one line per request in wN.log:
#   START END STATUS TITLE LOCATION
writer() {
    jar="$D/load/jar-w$1"
    until signin "$jar" reporter@energy.example; do sleep 0.5; done
    tok=$(curl -s -b "$jar" -c "$jar" "$BASE/incidents/new" |
        sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1)
    n=0
    while [ ! -f "$D/load/stop" ]; do
        n=$((n + 1))
        title="failover-w$1-$n"
        s=$(now)
        r=$(curl -s -o /dev/null -b "$jar" -c "$jar" --max-time 15 \
            -w '%{http_code} %{redirect_url}' --data-urlencode "csrf_token=$tok" \
            --data-urlencode "title=$title" --data-urlencode "detected_at=2026-01-15T08:30" \
            --data-urlencode "description=Load during a failover." \
            --data-urlencode "category=malware" --data-urlencode "severity=critical" \
            --data-urlencode "tlp=amber" "$BASE/incidents")
        echo "$s $(now) ${r%% *} $title ${r#* }" >>"$D/load/w$1.log"
    done
}
# reader N: loads the incident list and the home page; wN.log lines: START END STATUS PATH
reader() {
    jar="$D/load/jar-r$1"
    until signin "$jar" coordinator@northwind.example; do sleep 0.5; done
    while [ ! -f "$D/load/stop" ]; do
        for path in /incidents /; do
            s=$(now)
            c=$(curl -s -o /dev/null -b "$jar" -c "$jar" --max-time 15 -w '%{http_code}' "$BASE$path")
            echo "$s $(now) $c $path" >>"$D/load/r$1.log"
        done
    done
}
for i in $(seq "$WRITERS"); do
    writer "$i" &
    echo $! >"$D/load/w$i.pid"
done
for i in $(seq "$READERS"); do
    reader "$i" &
    echo $! >"$D/load/r$i.pid"
done
# requests: every line of the load logs; acked: reports answered 303 to /incidents/ID
requests() { cat "$D"/load/[wr]*.log 2>/dev/null; }
acked() { cat "$D"/load/w*.log 2>/dev/null | awk '$3 == 303 && $5 ~ /\/incidents\/[0-9]+$/'; }
# failed_between T1 T2: requests that started in [T1, T2) and did not succeed
failed_between() {
    requests | awk -v a="$1" -v b="$2" '$1 >= a && $1 < b && !($3 >= 200 && $3 < 400)' | wc -l
}
# steady load: every writer signed in (a password hash: slow on a busy machine) and has
# had reports acknowledged; then a few seconds more
for _ in $(seq 600); do
    writing=$(acked | awk '{ sub(/-[0-9]+$/, "", $4); print $4 }' | sort -u | wc -l)
    [ "$writing" -ge "$WRITERS" ] && break
    sleep 0.2
done
sleep 3
n_before=$(acked | wc -l)
check "reports are acknowledged before the failover ($n_before)" test "$n_before" -gt 0
# the median time to post a report, before anything fails
latency=$(cat "$D"/load/w*.log | awk '$3 == 303 { print $2 - $1 }' | sort -n |
    awk '{ v[NR] = $1 } END { printf "%.3f\n", NR ? v[int((NR + 1) / 2)] : 0 }')

# --- 1. the primary dies -------------------------------------------------------------------
pgaf_kill "$D" node1
# from the moment the kill has been sent (finding the processes takes a while on a busy
# machine, and a report committed meanwhile is not one after the failure)
t_kill=$(now)
check "the monitor promotes node2" pgaf_wait_state "$D" "$MON" "*node2:*primary*" 60
# writes are back when a report posted after the kill is acknowledged
t_back=""
for _ in $(seq 300); do
    t_back=$(acked | awk -v k="$t_kill" '$1 >= k { print $2 }' | sort -n | head -1)
    [ -n "$t_back" ] && break
    sleep 0.2
done
check "reports are acknowledged again after the failover" test -n "$t_back"
[ -n "$t_back" ] || t_back=$(now)
downtime=$(sub "$t_back" "$t_kill")
sleep 3
t_phase2=$(now)
failed1=$(failed_between "$t_kill" "$t_phase2")

# --- 2. one portal instance and one forwarder die ---------------------------------------
served() { grep -c ' method=' "$D/log/portal-$1.log"; }
check "nginx spreads requests over both instances (a: $(served a), b: $(served b))" \
    test "$(served a)" -gt 0 -a "$(served b)" -gt 0
# shellcheck disable=SC2046 # one pid a word
kill -KILL "$(cat "$D/run/portal-a.pid")" $(cat "$D/run/portal-a.workers") 2>/dev/null
kill -KILL "$(cat "$D/run/forwarder-a.pid")" 2>/dev/null
in_flight=$((WRITERS + READERS)) # at most one request each
sleep 6
touch "$D/load/stop"
for f in "$D"/load/*.pid; do wait "$(cat "$f")" 2>/dev/null; done
rm -f "$D"/load/*.pid
t_end=$(now)
failed2=$(failed_between "$t_phase2" "$t_end")
after2=$(requests | awk -v a="$t_phase2" '$1 >= a' | wc -l)
check "requests are served after portal-a died ($after2)" test "$after2" -gt "$in_flight"
check "at most the requests in flight fail when a portal instance dies ($failed2 <= $in_flight)" \
    test "$failed2" -le "$in_flight"

# --- what was acknowledged is on the new primary --------------------------------------
acked | awk '{ print $4 }' | sort >"$D/acked.txt"
n_acked=$(wc -l <"$D/acked.txt")
owner -c "SELECT title FROM incidents WHERE title LIKE 'failover-w%'" | sort >"$D/stored.txt"
lost=$(comm -23 "$D/acked.txt" "$D/stored.txt" | wc -l)
# shellcheck disable=SC2016 # $$ quotes SQL, not the shell
check "the owner's connection now lands on node2" \
    test "$(owner -c 'SELECT current_setting($$port$$)')" = "$P2"
check_eq "acknowledged reports lost (of $n_acked)" 0 "$lost"

# --- every alert queued during the test is delivered ------------------------------------
queued=$(owner -c "SELECT count(*) FROM outbox WHERE recipient_id = $RECIPIENT")
for _ in $(seq 120); do
    pending=$(owner -c "SELECT count(*) FROM outbox
        WHERE recipient_id = $RECIPIENT AND state <> 'delivered'")
    [ "$pending" = 0 ] && break
    sleep 0.5
done
owner -c "SELECT idempotency_key FROM outbox WHERE recipient_id = $RECIPIENT" | sort >"$D/keys.txt"
awk '$1 == "new" { print $2 }' "$D/received.log" | sort -u >"$D/received.txt"
delivered=$(comm -12 "$D/keys.txt" "$D/received.txt" | wc -l)
check "alerts were queued ($queued)" test "$queued" -gt 0
check_eq "every queued alert reached the receiver" "$queued" "$delivered"

ops_figure report_latency_median "$latency" s
# the same reports as the portal saw them (its log line's duration_ms): the rest is curl
# and nginx on a busy machine
ops_figure report_server_ms_median "$(cat "$D"/log/portal-*.log |
    awk '/method=POST path="\/incidents" status=303/ { sub(/.*duration_ms=/, ""); print $1 + 0 }' |
    sort -n | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : 0 }')" ms
ops_figure failover_downtime "$downtime" s
ops_figure failed_requests_failover "$failed1"
ops_figure failed_requests_portal_killed "$failed2"
ops_figure requests_total "$(requests | wc -l)"
ops_figure reports_acknowledged "$n_acked"
ops_figure acknowledged_rows_lost "$lost"
ops_figure alerts_delivered "$delivered/$queued"
ops_done
