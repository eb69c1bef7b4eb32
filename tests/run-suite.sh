#!/bin/sh
# run-suite.sh BUILD SANBUILD - the body of "make check": unit tests; then a throwaway
# PostgreSQL cluster, nginx, portal, forwarder under a temporary directory for the
# integration and end-to-end tests; then the unit and integration tests again as built
# with AddressSanitizer and UndefinedBehaviorSanitizer. Everything started is stopped and
# removed on exit, failure included. Exits non-zero when any test program fails.
# ONLY=GLOB (e.g. ONLY='test_auth*') runs just the test programs whose names match.
set -u
REPO=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$REPO/${1:-build}" && pwd)
SAN=$(cd "$REPO/${2:-build/san}" && pwd)
. "$REPO/deploy/services.sh"

failed=0
ran=0
run_tests() { # run_tests LABEL BINARIES...
    label=$1
    shift
    for t in "$@"; do
        [ -x "$t" ] || continue
        case "$(basename "$t")" in ${ONLY:-*}) ;; *) continue ;; esac
        echo "--- $label: $(basename "$t")"
        ran=$((ran + 1))
        if ! "$t"; then
            failed=$((failed + 1))
            echo "*** FAILED: $label $(basename "$t")"
        fi
    done
}

# The JSON Schema validator for the exports (ajv and ajv-formats as pinned in
# tests/schema/package-lock.json, from the npm registry), installed once and quietly; the
# schemas are the shared ones beside this repository. The suite fails without it.
export TEST_SCHEMA_DIR="${TEST_SCHEMA_DIR:-$REPO/../shared/schemas}"
echo "--- installing the schema validator (npm ci --prefix tests/schema)"
ran=$((ran + 1))
if npm_log=$(npm ci --prefix "$REPO/tests/schema" --no-audit --no-fund --loglevel=error 2>&1)
then
    export TEST_VALIDATOR="node $REPO/tests/schema/validate.js"
    export TEST_STIX_VALIDATOR="node $REPO/tests/schema/validate_stix.js $TEST_SCHEMA_DIR/stix2.1/schemas"
    export TEST_OPENAPI_VALIDATOR="node $REPO/tests/schema/validate_openapi.js"
else
    printf '%s\n' "$npm_log"
    echo "*** FAILED: npm ci --prefix tests/schema"
    failed=$((failed + 1))
fi

run_tests unit "$BUILD"/tests/unit/test_*

T=$(mktemp -d /tmp/portal-check.XXXXXX)
chmod 755 "$T"
cleanup() {
    nginx_stop "$T"
    for f in "$T"/run/extra-*.pid; do # forwarders and receivers a test left behind
        [ -f "$f" ] && daemon_stop "$T" "$(basename "$f" .pid)"
    done
    daemon_stop "$T" forwarder
    daemon_stop "$T" portal
    daemon_stop "$T" receiver
    daemon_stop "$T" smtp-sink
    pg_stop "$T"
    if [ "$failed" -ne 0 ] || [ "${KEEP_LOGS:-}" = 1 ]; then
        for f in "$T"/log/portal.log "$T"/log/forwarder.log "$T"/log/nginx-error.log; do
            [ -s "$f" ] && { echo "=== tail of $f"; tail -40 "$f"; }
        done
    fi
    if [ "${KEEP_DIR:-}" = 1 ]; then echo "kept $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# Ports are picked below the kernel's ephemeral range: a port from inside it can be taken
# by one of the suite's own outgoing connections before a receiver binds it.
EPHEMERAL_LOW=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
[ "$EPHEMERAL_LOW" -gt 12000 ] 2>/dev/null || EPHEMERAL_LOW=32768
free_port() { # a TCP port on 127.0.0.1 nobody listens on
    while :; do
        p=$((10000 + $(od -An -N2 -tu2 /dev/urandom) % (EPHEMERAL_LOW - 10000)))
        curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$p/" 2>/dev/null
        [ $? -eq 7 ] && { echo "$p"; return; }
    done
}

echo "--- starting PostgreSQL, nginx, portal and forwarder in $T"
pg_init "$T" && pg_start "$T" && db_setup "$T" && db_migrate "$T" >/dev/null || exit 1
mkdir -p "$T/run" "$T/log"
portal_env "$T"
"$BUILD/portalctl" demo >"$T/logins.txt" || exit 1
PORT=$(free_port)
export TEST_BASE_URL="http://127.0.0.1:$PORT"
export TEST_OWNER_DB="$PORTAL_OWNER_DB" TEST_APP_DB="$PORTAL_DB" TEST_LOGINS="$T/logins.txt"
export TEST_FORWARDER_DB="$FORWARDER_DB" TEST_PORTALCTL="$BUILD/portalctl" TEST_REPO="$REPO"
export TEST_DIR="$T" TEST_RECEIVER="$BUILD/receiver" TEST_RECEIVER_PORT="$(free_port)"
export TEST_RECEIVER_PORT2="$(free_port)"
# the portal's Prometheus endpoint (tests/e2e/test_metrics.c), on loopback beside nginx
METRICS_PORT=$(free_port)
export TEST_METRICS_URL="http://127.0.0.1:$METRICS_PORT/metrics"
# ports for receivers that tests start themselves (tests/e2e/test_delivery_loss.c): the
# forwarder reaches loopback only at the ports named here, nothing else on the host
TEST_SPARE_PORTS=""
while [ "$(echo "$TEST_SPARE_PORTS" | tr ',' '\n' | grep -c .)" -lt 8 ]; do
    p=$(free_port)
    case ",$TEST_SPARE_PORTS,$TEST_RECEIVER_PORT,$TEST_RECEIVER_PORT2,$PORT,$METRICS_PORT," in
        *",$p,"*) ;;
        *) TEST_SPARE_PORTS="$TEST_SPARE_PORTS${TEST_SPARE_PORTS:+,}$p" ;;
    esac
done
export TEST_SPARE_PORTS
ALLOW_HOSTS="127.0.0.1:$TEST_RECEIVER_PORT,127.0.0.1:$TEST_RECEIVER_PORT2"
for p in $(echo "$TEST_SPARE_PORTS" | tr ',' ' '); do ALLOW_HOSTS="$ALLOW_HOSTS,127.0.0.1:$p"; done
# the key sealing recipient credentials, new for every run
PORTAL_SECRET_KEY=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
export PORTAL_SECRET_KEY
export TEST_MAIL_LOG="$T/mail.log"
SMTP_PORT=$(free_port)
daemon_start "$T" smtp-sink "$BUILD/smtp-sink" "$SMTP_PORT" "$TEST_MAIL_LOG"
export PORTAL_BASE_URL="$TEST_BASE_URL"
# small limits and fast retries, so the tests see them quickly
PORTAL_MAX_BODY=1048576 PORTAL_MAX_UPLOAD=65536 PORTAL_WORKERS=4 PORTAL_LOGIN_MAX_ADDRESS=40 PORTAL_API_RATE=60 \
    PORTAL_METRICS="127.0.0.1:$METRICS_PORT" daemon_start "$T" portal "$BUILD/portal"
# the forwarder's settings (no spaces in values), also for tests that start forwarders of
# their own (tests/e2e/test_delivery_loss.c)
export TEST_FORWARDER="$BUILD/forwarder"
export TEST_FORWARDER_ENV="FORWARDER_SMTP_URL=smtp://127.0.0.1:$SMTP_PORT \
FORWARDER_SMTP_FROM=portal@test.example FORWARDER_ALLOW_HOSTS=$ALLOW_HOSTS \
FORWARDER_BACKOFF_BASE_MS=300 FORWARDER_BACKOFF_CAP_MS=1500 FORWARDER_POLL=1 \
FORWARDER_REMINDER_INTERVAL=1"
# shellcheck disable=SC2086 # one word per setting
daemon_start "$T" forwarder env $TEST_FORWARDER_ENV "$BUILD/forwarder"
nginx_config "$T" "$PORT"
nginx_start "$T" && wait_http "$TEST_BASE_URL/healthz" || exit 1

run_tests integration "$BUILD"/tests/integration/test_*
run_tests e2e "$BUILD"/tests/e2e/test_*

# The journeys in a real browser (tests/browser: Debian's chromium, playwright-core and
# axe-core as pinned in its package-lock.json), installed once and quietly. A failing
# journey leaves screenshots in build/browser-failures.
echo "--- installing the browser tests (npm ci --prefix tests/browser)"
if npm_log=$(npm ci --prefix "$REPO/tests/browser" --no-audit --no-fund --loglevel=error 2>&1); then
    for t in "$REPO"/tests/browser/test_*.js; do
        case "$(basename "$t")" in ${ONLY:-*}) ;; *) continue ;; esac
        echo "--- browser: $(basename "$t")"
        ran=$((ran + 1))
        if ! TEST_SCREENSHOTS="$BUILD/browser-failures" node "$t"; then
            failed=$((failed + 1))
            echo "*** FAILED: browser $(basename "$t")"
        fi
    done
else
    printf '%s\n' "$npm_log"
    echo "*** FAILED: npm ci --prefix tests/browser"
    ran=$((ran + 1))
    failed=$((failed + 1))
fi

# A crash fails the suite, whichever test provoked it: a worker ended by a signal other
# than the SIGKILL/SIGTERM a test sends on purpose (the supervisor logs it and starts
# another, so no test would notice), or the portal or the forwarder gone before the end.
ran=$((ran + 1))
crashes=$(grep -h "ended (signal" "$T/log/portal.log" 2>/dev/null | grep -Ev "signal (9|15)\)")
for d in portal forwarder; do
    kill -0 "$(cat "$T/run/$d.pid")" 2>/dev/null || crashes="$crashes
the $d is no longer running"
done
if [ -n "$crashes" ]; then
    echo "*** FAILED: processes crashed during the run:"
    printf '%s\n' "$crashes"
    failed=$((failed + 1))
else
    echo "--- no process of the portal or the forwarder ended by a signal"
fi

# Every statement the tests ran was prepared: a statement past the cache runs unprepared,
# which the portal says once per connection.
ran=$((ran + 1))
if grep -h "statement cache full" "$T/log/portal.log" 2>/dev/null | head -1 | grep .; then
    echo "*** FAILED: statements ran unprepared: raise DB_STATEMENT_CACHE (lib/db.h)"
    failed=$((failed + 1))
else
    echo "--- every statement prepared (no \"statement cache full\" in the portal log)"
fi

# SIGTERM must stop the portal (supervisor and workers) within 2 s
stop_start=$(date +%s%N)
portal_pid=$(cat "$T/run/portal.pid")
workers=$(cat "/proc/$portal_pid/task/$portal_pid/children")
kill "$portal_pid"
(sleep 3 && kill -9 "$portal_pid" 2>/dev/null) &
watchdog=$!
wait "$portal_pid" 2>/dev/null
kill "$watchdog" 2>/dev/null
stop_ms=$((($(date +%s%N) - stop_start) / 1000000))
left=""
for w in $workers; do kill -0 "$w" 2>/dev/null && left="$left $w"; done
ran=$((ran + 1))
if [ "$stop_ms" -gt 2000 ] || [ -n "$left" ]; then
    echo "*** FAILED: the portal took ${stop_ms} ms to stop or left processes"
    failed=$((failed + 1))
else
    echo "--- portal stopped on SIGTERM in ${stop_ms} ms, no worker left"
fi
rm -f "$T/run/portal.pid"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1
run_tests "unit (sanitizers)" "$SAN"/tests/unit/test_*
run_tests "integration (sanitizers)" "$SAN"/tests/integration/test_*

# every libFuzzer harness (make fuzz runs them longer): its seed corpus and a few seconds
# of mutations; a crash, a leak or a time-out fails the suite
fuzzers=$(cd "$REPO/tests/fuzz" && ls fuzz_*.c | sed 's/^fuzz_//; s/\.c$//')
for name in $fuzzers; do
    case "fuzz_$name" in ${ONLY:-*}) ;; *) continue ;; esac
    ran=$((ran + 1))
    if [ ! -x "$REPO/build/fuzz/fuzz_$name" ]; then
        echo "*** FAILED: fuzz_$name was not built"
        failed=$((failed + 1))
    elif ! sh "$REPO/tests/fuzz/run.sh" "${FUZZ_SMOKE_SECONDS:-5}" "$name"; then
        failed=$((failed + 1))
    fi
done

echo
if [ "$failed" -ne 0 ]; then
    echo "make check: $failed of $ran test programs FAILED"
    exit 1
fi
echo "make check: all $ran test programs passed"
