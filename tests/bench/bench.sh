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
#    session cookie) on the demo data.
# 4. Generates data as the owner: tests/bench/data.sql makes R suppliers of one parent, each
#    with a signed-in assessor and a draft of a 5-item questionnaire (ID.AM), and a draft of
#    the same questionnaire for each of the first CONNS of them; tests/bench/heatmap.sql
#    makes two parents with H and H2 children whose accepted assessments answer the whole
#    framework (88 items each); tests/bench/incidents.sql makes two parents of 1 000 group
#    companies with 10 000 and 1 000 000 incidents between them.
# 5. Measures with wrk and a Lua script, one connection per wrk thread:
#    - item save (tests/bench/save.lua): each request a POST /assessments/<id> that changes
#      the level of one item, carrying its current version; every connection writes its own
#      draft and tracks the versions itself, so every 303 is a committed new answer version;
#    - full submit (tests/bench/submit.lua): each request submits another supplier's draft
#      with all 5 items answered in one POST (action=submit, ver_<item>=0);
#    - incident report (tests/bench/incident.lua).
#    Only 303s count; their rate is set against pgbench's durable inserts (targets: item save
#    >= 0.20, full submit >= 0.10, incident report >= 0.30), and the rows written during the
#    run are counted in the database as a check that each 303 was a write.
# 6. The parent heatmaps: GET /dashboard as each parent's reviewer, HEAT_N requests one after
#    the other; server time from the portal's duration_ms log field (median, p95; targets
#    < 15 ms for H children, < 100 ms for H2) and wall time from curl. Then a few more
#    requests with PostgreSQL logging every statement's duration, to split the server time
#    into the heatmap query, the other statements and the rest (C and template).
# 7. The incident lists: the first and the second page of /incidents, LIST_N times each, as
#    the coordinator of each incident parent (who oversees every incident) and of its first
#    group company (who sees a thousandth of them); target < 20 ms server time each.
# 8. The largest page (an accepted 88-item assessment as the reviewer) and the portal's
#    memory before and after 10 000 requests to it.
# Prints requests/s and p99 latency of each next to the ceilings, and the ratios.
#
# Anything but the expected status (200 for GETs, 303 for the POSTs) from the portal during a
# measurement (counted in wrk's "Non-2xx or 3xx" line, by the Lua scripts, and in nginx's
# access log, which also catches 3xx such as a redirect to /login) and any socket error is
# printed and flagged with "!!". No target is enforced: the exit status is 0 when the
# measurements ran, non-zero when the stack could not be set up.
#
# Environment: DUR (seconds per wrk run, default 8), CONNS (wrk connections, default 32),
# PORTAL_WORKERS (default 4, the same number of threads limits.sh gives its responder),
# WARM (seconds of warm-up per portal URL, default 1), SUBMIT_DRAFTS (R, default 6000: enough
# for 600 submits/s over WARM + DUR; a run that needs more says so), HEAT_CHILDREN (H,
# default 1000), HEAT_CHILDREN_LARGE (H2, default 10000, 0 to skip), HEAT_N (default 50),
# INCIDENTS_SMALL and INCIDENTS_LARGE (defaults 10000 and 1000000, 0 to skip), INCIDENT_ORGS
# (default 1000), LIST_N (default 30). limits.sh needs root.
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
SUBMIT_DRAFTS=${SUBMIT_DRAFTS:-6000}
HEAT_CHILDREN=${HEAT_CHILDREN:-1000}
HEAT_CHILDREN_LARGE=${HEAT_CHILDREN_LARGE:-10000}
HEAT_N=${HEAT_N:-50}
INCIDENT_ORGS=${INCIDENT_ORGS:-1000}
INCIDENTS_SMALL=${INCIDENTS_SMALL:-10000}
INCIDENTS_LARGE=${INCIDENTS_LARGE:-1000000}
LIST_N=${LIST_N:-30}
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
for tool in wrk nginx curl ss psql; do
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

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

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
# the rate of the responses that count: the Lua scripts' "Successful/sec" (303s only) where
# there is one, otherwise wrk's Requests/sec
rps_of() {
    awk '/^Successful\/sec:/ { ok = $2 } /^Requests\/sec:/ { all = $2 }
         END { if (ok != "") print ok; else if (all != "") print all }' "$1"
}
p99_of() { to_ms "$(awk '$1 == "99%" { print $2 }' "$1")"; }

# measure NAME LABEL EXPECT THREADS URL [wrk args] [-- script args]: runs wrk with THREADS threads and CONNS
# connections (a warm-up of WARM s, then DUR s), sets NAME_rps, NAME_p99 (ms), and flags any
# response but EXPECT. When PREPARE names a command, it runs before the warm-up and again
# before the measured run (the POST scripts' data files change with every request).
PREPARE=""
measure() {
    name=$1 label=$2 expect=$3 threads=$4 url=$5
    shift 5
    [ -z "$PREPARE" ] || $PREPARE || die "$PREPARE failed"
    if [ "$WARM" -gt 0 ]; then
        wrk -t"$threads" -c"$CONNS" -d"${WARM}s" "$url" "$@" >"$W/wrk-$name-warm.txt" 2>&1
        sleep 0.5 # let nginx log the warm-up's last requests before we count
        [ -z "$PREPARE" ] || $PREPARE || die "$PREPARE failed"
    fi
    before=$(wc -l <"$W/log/nginx-access.log")
    echo "== portal $label (${DUR}s, $CONNS connections, $threads wrk thread(s))"
    wrk -t"$threads" -c"$CONNS" -d"${DUR}s" --latency "$url" "$@" >"$W/wrk-$name.txt" 2>&1
    grep -E "Requests/sec|99%|Non-2xx|Socket errors|requests in|Successful|Ran out" \
        "$W/wrk-$name.txt" | sed 's/^ */   /'
    sleep 0.5
    # 499 is nginx's "client closed the connection": wrk does so to the requests in flight
    # when it stops, at most one per connection; more than that is a problem
    statuses=$(tail -n +"$((before + 1))" "$W/log/nginx-access.log" |
        awk -v c="$CONNS" -v ok="$expect" '{ n[$9]++ }
            END { for (s in n) { printf "%s %s=%d", sep, s, n[s]; sep = "," }
                  for (s in n) if (s != ok && !(s == 499 && n[s] <= c)) bad = 1
                  print bad ? " BAD" : "" }')
    echo "   nginx access log: status${statuses% BAD}   (499 = in flight when wrk stopped)"
    if grep -qE "Non-2xx|Socket errors|other responses: [1-9]|Ran out" "$W/wrk-$name.txt" ||
        [ "${statuses% BAD}" != "$statuses" ]; then
        echo "   !! not every request was a clean $expect: see above"
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
measure login "GET /login" 200 1 "$BASE/login"
measure form "GET $FORM" 200 1 "$BASE$FORM" -H "$COOKIE"
check_form || { echo "   !! after the run, GET $FORM answered $code"; FLAGS=$((FLAGS + 1)); form_flag='!!'; }

# ---- generated data -----------------------------------------------------------------------
owner_sql() { pg_psql "$W" portal_owner portal -At -F' ' "$@"; }
echo "== generating data: $SUBMIT_DRAFTS suppliers with a 5-item draft each; parents with" \
    "$HEAT_CHILDREN and $HEAT_CHILDREN_LARGE children with 88 answers each; $INCIDENTS_SMALL and" \
    "$INCIDENTS_LARGE incidents across $INCIDENT_ORGS group companies"
t0=$(date +%s.%N)
pg_psql "$W" portal_owner portal -v respondents="$SUBMIT_DRAFTS" -v savers="$CONNS" \
    -f "$REPO/tests/bench/data.sql" || die "tests/bench/data.sql failed"
for n in "$HEAT_CHILDREN" "$HEAT_CHILDREN_LARGE"; do
    [ "$n" -gt 0 ] || continue
    pg_psql "$W" portal_owner portal -v group="Bench Heatmap $n" -v children="$n" \
        -f "$REPO/tests/bench/heatmap.sql" || die "tests/bench/heatmap.sql failed"
done
for n in "$INCIDENTS_SMALL" "$INCIDENTS_LARGE"; do
    [ "$n" -gt 0 ] || continue
    pg_psql "$W" portal_owner portal -v group="Bench Incidents $n" -v orgs="$INCIDENT_ORGS" \
        -v per_org=$((n / INCIDENT_ORGS)) -f "$REPO/tests/bench/incidents.sql" ||
        die "tests/bench/incidents.sql failed"
done
t1=$(date +%s.%N)
DATASET=$(owner_sql -c "SELECT (SELECT count(*) FROM organisations), (SELECT count(*) FROM assessments),
                               (SELECT count(*) FROM assessment_answers), (SELECT count(*) FROM incidents)" |
    awk '{ printf "%d organisations, %d assessments, %d answers, %d incidents", $1, $2, $3, $4 }')
echo "   $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s; the database now holds $DATASET"

# ---- item save ----------------------------------------------------------------------------
# save_data: one line per connection, its session, its draft and each item's current version
save_data() {
    owner_sql -o "$W/save.txt" -c "
        SELECT l.token, l.csrf, a.id,
               (SELECT string_agg(qi.id || ':' || coalesce(x.version, 0), ',' ORDER BY qi.position)
                  FROM questionnaire_items qi
                  LEFT JOIN assessment_answers x ON x.assessment_id = a.id AND x.item_id = qi.id
                 WHERE qi.questionnaire_id = a.questionnaire_id)
          FROM assessments a JOIN campaigns cp ON cp.id = a.campaign_id
          JOIN bench.logins l ON l.org_id = a.org_id AND l.role = 'assessor'
         WHERE cp.title = 'Bench save' ORDER BY a.id" &&
        [ "$(wc -l <"$W/save.txt")" -eq "$CONNS" ]
}
# history_rows CAMPAIGN: answer versions written so far for the drafts of a bench campaign
history_rows() {
    owner_sql -c "SELECT count(*) FROM answer_history h JOIN assessments a ON a.id = h.assessment_id
                  JOIN campaigns cp ON cp.id = a.campaign_id WHERE cp.title = '$1'"
}
save_flag="" submit_flag="" heat_flag="" incident_flag=""
PREPARE=save_data
measure save "POST one item save (1 of 5)" 303 "$CONNS" "$BASE" \
    -s "$REPO/tests/bench/save.lua" -- "$W/save.txt"
PREPARE=""
# every 303 of the measured run must be a new answer version: count them in the database
# (versions written = 303s counted + those in flight when wrk stopped, at most one each)
save_written=$(($(history_rows 'Bench save') - $(awk -F'[ :,]' '{ for (i = 5; i <= NF; i += 2) n += $i }
    END { print n + 0 }' "$W/save.txt")))
save_ok=$(awk '/^Successful:/ { sub(",", "", $2); print $2 }' "$W/wrk-save.txt")
echo "   answer versions written in the database during the run: $save_written" \
    "(303s counted: ${save_ok:-?}, up to $CONNS more in flight at the end)"
if [ -z "$save_ok" ] || [ "$save_written" -lt "$save_ok" ] ||
    [ "$save_written" -gt $((save_ok + CONNS)) ]; then
    echo "   !! the database does not agree with the count of 303s"
    FLAGS=$((FLAGS + 1))
    save_flag='!!'
fi

# ---- full submit --------------------------------------------------------------------------
# submit_data: the questionnaire's items, then every supplier's draft with its session
submit_data() {
    {
        echo "items $(owner_sql -c "SELECT string_agg(qi.id::text, ',' ORDER BY qi.position)
                                       FROM questionnaire_items qi
                                       JOIN questionnaires q ON q.id = qi.questionnaire_id
                                      WHERE q.title = 'Bench ID.AM'")"
        owner_sql -c "SELECT l.token, l.csrf, a.id FROM assessments a
                        JOIN campaigns cp ON cp.id = a.campaign_id
                        JOIN bench.logins l ON l.org_id = a.org_id AND l.role = 'assessor'
                       WHERE cp.title = 'Bench submit' AND a.status = 'draft' ORDER BY a.id"
    } >"$W/submit.txt" && [ "$(wc -l <"$W/submit.txt")" -gt "$CONNS" ]
}
submitted_before=""
submitted_count() {
    owner_sql -c "SELECT count(*) FROM assessments a JOIN campaigns cp ON cp.id = a.campaign_id
                   WHERE cp.title = 'Bench submit' AND a.status = 'submitted'"
}
# the count before the measured run: submit_data runs last just before it
submit_data_and_count() { submit_data && submitted_before=$(submitted_count); }
PREPARE=submit_data_and_count
measure submit "POST full submit (5 items)" 303 "$CONNS" "$BASE" \
    -s "$REPO/tests/bench/submit.lua" -- "$W/submit.txt" "$CONNS"
PREPARE=""
submit_written=$(($(submitted_count) - submitted_before))
submit_ok=$(awk '/^Successful:/ { sub(",", "", $2); print $2 }' "$W/wrk-submit.txt")
echo "   assessments submitted in the database during the run: $submit_written" \
    "(303s counted: ${submit_ok:-?}, up to $CONNS more in flight at the end)"
if [ -z "$submit_ok" ] || [ "$submit_written" -lt "$submit_ok" ] ||
    [ "$submit_written" -gt $((submit_ok + CONNS)) ]; then
    echo "   !! the database does not agree with the count of 303s"
    FLAGS=$((FLAGS + 1))
    submit_flag='!!'
fi
if grep -q "Ran out" "$W/wrk-submit.txt"; then
    echo "   !! not enough drafts for this machine: run again with SUBMIT_DRAFTS larger than" \
        "$SUBMIT_DRAFTS"
fi

# ---- incident reports ---------------------------------------------------------------------
# each request a new incident by the demo's incident reporter (a real committed insert,
# with its audit and timeline rows and the sharing-rule check)
REPORTER=reporter@energy.example
RJAR="$W/reporter.txt"
rpassword=$(awk -v e="$REPORTER" '$1 == e { print $2 }' "$W/logins.txt")
curl -sS -c "$RJAR" -b "$RJAR" -o "$W/rlogin.html" "$BASE/login" || die "GET /login failed"
code=$(curl -sS -c "$RJAR" -b "$RJAR" -o /dev/null -w '%{http_code}' \
    --data-urlencode "csrf_token=$(csrf_of "$W/rlogin.html")" \
    --data-urlencode "email=$REPORTER" --data-urlencode "password=$rpassword" "$BASE/login")
[ "$code" = 303 ] || die "the reporter's POST /login answered $code"
curl -sS -c "$RJAR" -b "$RJAR" -o "$W/rnew.html" "$BASE/incidents/new" || die "GET /incidents/new"
rcsrf=$(csrf_of "$W/rnew.html")
rsession=$(awk '$6 == "portal_session" { print $7 }' "$RJAR")
incidents_count() { owner_sql -c "SELECT count(*) FROM incidents"; }
incidents_before=$(incidents_count)
measure incident "POST incident report" 303 1 "$BASE" \
    -s "$REPO/tests/bench/incident.lua" -- "portal_session=$rsession" "$rcsrf"
incident_written=$(($(incidents_count) - incidents_before))
echo "   incidents stored during warm-up and run: $incident_written"

# ---- the parent heatmaps and the incident lists ------------------------------------------
# durations LOG FROM PATH: duration_ms of the GET PATH lines (status 200) of the portal log
# after line FROM
durations() {
    tail -n +"$(($2 + 1))" "$1" | grep -F "method=GET path=\"$3\" status=200 " |
        sed -n 's/.* duration_ms=\([0-9.]*\).*/\1/p'
}
# stats: median and p95 (nearest rank) of the numbers on standard input, "n/a n/a" if none
stats() {
    sort -n | awk '{ v[NR] = $1 }
        END { if (NR == 0) { print "n/a n/a"; exit }
              m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
              k = int(0.95 * NR); if (k < 0.95 * NR) k++
              printf "%.2f %.2f\n", m, v[k] }'
}
login_cookie() { # login_cookie PURPOSE: the Cookie header of the bench login for PURPOSE
    echo "Cookie: portal_session=$(owner_sql -c "SELECT token FROM bench.logins WHERE purpose = '$1'")"
}
# timed_gets NAME COOKIE URL N: N GETs one after the other (after a warm-up in which every
# worker prepares its statements); sets NAME_med and NAME_p95 (server time, the portal's
# duration_ms), NAME_wall (curl's median), NAME_codes ("200=N" when all went well) and
# leaves the last page in $W/NAME.html
timed_gets() {
    local name=$1 cookie=$2 url=$3 n=$4 from med p95 wall codes path
    path=${url#"$BASE"}
    path=${path%%\?*} # the log's path has no query
    for _ in $(seq $((2 * PORTAL_WORKERS))); do curl -sS -o /dev/null -H "$cookie" "$url"; done
    from=$(wc -l <"$W/log/portal.log")
    : >"$W/$name-curl.txt"
    for _ in $(seq "$n"); do
        curl -sS -H "$cookie" -o "$W/$name.html" -w '%{http_code} %{time_total}\n' "$url" \
            >>"$W/$name-curl.txt"
    done
    sleep 0.2
    codes=$(awk '{ n[$1]++ } END { for (s in n) { printf "%s%s=%d", sep, s, n[s]; sep = "," } }' \
        "$W/$name-curl.txt")
    read -r med p95 <<<"$(durations "$W/log/portal.log" "$from" "$path" | stats)"
    wall=$(awk '{ print $2 * 1000 }' "$W/$name-curl.txt" | stats | cut -d' ' -f1)
    eval "${name}_med=\$med ${name}_p95=\$p95 ${name}_wall=\$wall ${name}_codes=\$codes"
}

# heatmap NAME PURPOSE CHILDREN: GET /dashboard as the reviewer of the parent generated by
# heatmap.sql for PURPOSE, HEAT_N times; the first page (100 children a page) must show its
# children with five scored functions each, and count them all
heatmap() {
    local name=$1 purpose=$2 children=$3 cookie page_rows rows cells
    cookie=$(login_cookie "$purpose")
    echo "== portal GET /dashboard as the parent's reviewer ($children children), $HEAT_N" \
        "requests one after the other"
    timed_gets "$name" "$cookie" "$BASE/dashboard" "$HEAT_N"
    page_rows=$((children < 100 ? children : 100))
    rows=$(grep -o 'href="/organisations/[0-9]*/scores"' "$W/$name.html" | wc -l)
    cells=$(grep -o '<td class="heat h[0-5]"><a href="/assessments/' "$W/$name.html" | wc -l)
    eval "echo \"   status \$${name}_codes; server (duration_ms) median \$${name}_med ms, p95\" \
        \"\$${name}_p95 ms; wall (curl) median \$${name}_wall ms; \$rows rows, \$cells scored cells\""
    if [ "$(eval echo "\$${name}_codes")" != "200=$HEAT_N" ] || [ "$rows" -ne "$page_rows" ] ||
        [ "$cells" -ne $((5 * page_rows)) ] || ! grep -q "$children" "$W/$name.html"; then
        echo "   !! expected $HEAT_N times 200, a page of $page_rows rows of 5 scored cells" \
            "of $children children"
        FLAGS=$((FLAGS + 1))
        eval "${name}_flag='!!'"
    fi
}
heat_flag="" heat_large_flag=""
heatmap heat "Bench Heatmap $HEAT_CHILDREN" "$HEAT_CHILDREN"
HEAT_COOKIE=$(login_cookie "Bench Heatmap $HEAT_CHILDREN")
# where the server time goes: a few more requests with every statement's duration logged
# (not part of the figures above; logging costs a little)
HEAT_SPLIT_N=10
pg_psql "$W" postgres postgres -c "ALTER SYSTEM SET log_min_duration_statement = 0" \
    -c "SELECT pg_reload_conf()" >/dev/null
sleep 0.5
pg_from=$(wc -l <"$W/log/postgres.log")
from=$(wc -l <"$W/log/portal.log")
for _ in $(seq "$HEAT_SPLIT_N"); do curl -sS -o /dev/null -H "$HEAT_COOKIE" "$BASE/dashboard"; done
sleep 0.2
pg_psql "$W" postgres postgres -c "ALTER SYSTEM RESET log_min_duration_statement" \
    -c "SELECT pg_reload_conf()" >/dev/null
split_total=$(durations "$W/log/portal.log" "$from" /dashboard |
    awk '{ s += $1 } END { if (NR) printf "%.2f", s / NR }')
# "duration: 1.234 ms  parse|bind|execute NAME: SQL" - the heatmap's query starts "WITH kids"
read -r split_query split_other <<<"$(tail -n +"$((pg_from + 1))" "$W/log/postgres.log" |
    sed -n 's/.*duration: \([0-9.]*\) ms  \(parse\|bind\|execute\) [^:]*: \(.\{0,20\}\).*/\1 \3/p' |
    awk -v n="$HEAT_SPLIT_N" '{ if (index($0, "WITH kids") > 0) q += $1; else o += $1 }
        END { printf "%.2f %.2f\n", q / n, o / n }')"
heat_kb=$(wc -c <"$W/heat.html" | awk '{ printf "%.0f", $1 / 1024 }')
heat_split=$(awk -v t="$split_total" -v q="$split_query" -v o="$split_other" 'BEGIN {
    if (t == "") { print "n/a"; exit }
    printf "of %.1f ms (mean of the logged requests): heatmap query %.1f, other statements %.1f, rest (C, template, %s) %.1f", t, q, o, "'"$heat_kb"' KB", t - q - o }')
echo "   $heat_split"
if [ "$HEAT_CHILDREN_LARGE" -gt 0 ]; then
    heatmap heat_large "Bench Heatmap $HEAT_CHILDREN_LARGE" "$HEAT_CHILDREN_LARGE"
fi

# incident_list NAME PURPOSE VISIBLE: the first page of /incidents as the login for
# PURPOSE, who sees VISIBLE incidents, then (when there are more than a page) the page its
# "older" link leads to, LIST_N times each; a page must list min(100, VISIBLE) incidents
incident_list() {
    local name=$1 purpose=$2 visible=$3 cookie older rows expect
    cookie=$(login_cookie "$purpose")
    expect=$((visible < 100 ? visible : 100))
    echo "== portal GET /incidents as \"$purpose\" ($visible incidents), $LIST_N requests" \
        "of the first page and, when there is one, $LIST_N of the second"
    timed_gets "$name" "$cookie" "$BASE/incidents" "$LIST_N"
    older=$(grep -o 'rel="next" href="[^"]*"' "$W/$name.html" | sed 's/.*href="//; s/"$//; s/&amp;/\&/g')
    rows=$(grep -c 'href="/incidents/[0-9]*"' "$W/$name.html")
    eval "echo \"   first page: status \$${name}_codes, $rows incidents, server median \$${name}_med ms\" \
        \"(p95 \$${name}_p95)\""
    if [ "$visible" -gt 100 ]; then
        timed_gets "${name}_2" "$cookie" "$BASE${older:-/incidents?before=missing}" "$LIST_N"
        eval "echo \"   second page: status \$${name}_2_codes, server median \$${name}_2_med ms\" \
            \"(p95 \$${name}_2_p95)\""
    fi
    if [ "$(eval echo "\$${name}_codes")" != "200=$LIST_N" ] || [ "$rows" -ne "$expect" ] ||
        { [ "$visible" -gt 100 ] &&
            { [ -z "$older" ] || [ "$(eval echo "\$${name}_2_codes")" != "200=$LIST_N" ]; }; }; then
        echo "   !! expected $LIST_N times 200 and $expect incidents on the first page, with a" \
            "link to older ones when there are more"
        FLAGS=$((FLAGS + 1))
        eval "${name}_flag='!!'"
    fi
}
for size in small large; do
    n=$([ $size = small ] && echo "$INCIDENTS_SMALL" || echo "$INCIDENTS_LARGE")
    [ "$n" -gt 0 ] || continue
    for who in parent company; do
        eval "list_${size}_${who}_flag=''"
        incident_list "list_${size}_$who" "Bench Incidents $n $who" \
            "$([ $who = parent ] && echo "$n" || echo $((n / INCIDENT_ORGS)))"
    done
done

# ---- the largest page and memory ----------------------------------------------------------
# An accepted assessment of the whole framework (88 items) as the parent's reviewer: its
# throughput, then the portal's proportional set size (supervisor and workers) before and
# after 10 000 requests to it. The memory must not grow (no leak per request, and the
# per-worker caches of parsed templates and reference data are filled by the warm-up).
portal_pss_kb() {
    local sup total=0 p v
    sup=$(cat "$W/run/portal.pid")
    for p in $sup $(cat "/proc/$sup/task/$sup/children" 2>/dev/null); do
        v=$(awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null)
        total=$((total + ${v:-0}))
    done
    echo "$total"
}
BIG_ID=$(owner_sql -c "SELECT a.id FROM assessments a JOIN org_relations r ON r.child_id = a.org_id
    JOIN organisations p ON p.id = r.parent_id
    WHERE p.name = 'Bench Heatmap $HEAT_CHILDREN' AND a.status = 'accepted' ORDER BY a.id LIMIT 1")
BIG="/assessments/$BIG_ID"
big_items=$(curl -sS -H "$HEAT_COOKIE" "$BASE$BIG" | grep -o 'class="item-head"' | wc -l)
echo "== $BIG, an accepted assessment of 88 items as the parent's reviewer: the page shows" \
    "$big_items items"
if [ "$big_items" -ne 88 ]; then
    echo "   !! expected 88 items"
    FLAGS=$((FLAGS + 1))
    big_flag='!!'
fi
PREPARE=""
measure big "GET $BIG (reviewer)" 200 1 "$BASE$BIG" -H "$HEAT_COOKIE"
pss_run=$(portal_pss_kb)
wrk -t1 -c4 -d120s -s "$REPO/tests/bench/count.lua" "$BASE$BIG" -- \
    "$(echo "$HEAT_COOKIE" | sed 's/^Cookie: //')" 10000 >"$W/pss-wrk.txt" 2>&1
pss_after=$(portal_pss_kb)
big_sent=$(awk '/requests in/ { print $1 }' "$W/pss-wrk.txt")
mem_flag=""
if [ "$pss_after" -gt $((pss_run + pss_run / 20 + 512)) ] || grep -q "Non-2xx" "$W/pss-wrk.txt"; then
    mem_flag='!!'
    FLAGS=$((FLAGS + 1))
fi
echo "   memory: portal PSS $((pss_run / 1024)) MB after the run, $((pss_after / 1024)) MB after" \
    "${big_sent:-?} more requests to $BIG ($((pss_after - pss_run)) kB) $mem_flag"

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

# against_pg RPS TARGET [ANSWERS]: the share of pgbench's durable insert tps, whether TARGET
# (a share, may be "") is met, and the answers written per second at ANSWERS per request
against_pg() {
    awk -v r="$1" -v t="${2:-}" -v a="${3:-}" -v pg="$pg_tps" 'BEGIN {
        if (r == "") exit
        if (pg == "" || pg + 0 == 0) s = "(no pgbench figure)"
        else s = sprintf("= %.3f of pgbench tps", r / pg)
        if (t != "" && pg + 0 > 0) s = s sprintf(" (target >= %.2f: %s)", t, r / pg >= t ? "met" : "MISSED")
        if (a != "") s = s sprintf(", %.0f answers/s", r * a)
        print s }'
}

echo
echo "== summary: wrk -c$CONNS -d${DUR}s on $(nproc) CPUs, $PORTAL_WORKERS portal workers" \
    "(GETs -t1, POSTs one thread per connection)"
echo "   load average at the start $LOAD_START, at the end $(cut -d' ' -f1-3 /proc/loadavg)" \
    "(other work on the machine skews every figure)"
echo "   the GETs ran on the demo data, the POSTs and the heatmap on generated data: ${DATASET:-?}"
row ceiling "static nginx" "$static_rps" "$static_p99" "$static_flag"
row ceiling "bare libfcgi" "$fcgi_rps" "$fcgi_p99" "$fcgi_flag"
row portal "GET /login" "${login_rps:-}" "${login_p99:-}" "$login_flag" \
    "$(ratios "${login_rps:-}" "${login_p99:-}")"
row portal "GET $FORM" "${form_rps:-}" "${form_p99:-}" "$form_flag" \
    "$(ratios "${form_rps:-}" "${form_p99:-}")"
row portal "GET 88-item assessment" "${big_rps:-}" "${big_p99:-}" "${big_flag:-}" \
    "$(ratios "${big_rps:-}" "${big_p99:-}")"
echo "  memory   portal PSS ${pss_run:-?} kB after the run, ${pss_after:-?} kB after ${big_sent:-?}" \
    "requests to the 88-item page ${mem_flag:-}"
if [ -n "$pg_tps" ]; then
    printf "  %-8s %-26s %8.0f tps   latency avg %s ms\n" ceiling "pgbench durable insert" \
        "$pg_tps" "${pg_lat:-?}"
else
    printf "  %-8s %-26s %8s tps\n" ceiling "pgbench durable insert" "n/a"
fi
row portal "POST item save (1 of 5)" "${save_rps:-}" "${save_p99:-}" "$save_flag" \
    "$(against_pg "${save_rps:-}" 0.20)"
row portal "POST full submit (5 items)" "${submit_rps:-}" "${submit_p99:-}" "$submit_flag" \
    "$(against_pg "${submit_rps:-}" 0.10 5)"
row portal "POST incident report" "${incident_rps:-}" "${incident_p99:-}" "${incident_flag:-}" \
    "$(against_pg "${incident_rps:-}" 0.30)"
# timed_row LABEL MEDIAN P95 WALL FLAG N TARGET_MS: a server-time row, its target checked
timed_row() {
    awk -v l="$1" -v m="$2" -v p="$3" -v w="$4" -v f="$5" -v n="$6" -v t="$7" 'BEGIN {
        ms = (m == "n/a" || m == "") ? "     n/a" : sprintf("%8.2f", m)
        ps = (p == "n/a" || p == "") ? "     n/a" : sprintf("%8.2f", p)
        v = (m == "n/a" || m == "") ? "n/a" : (m + 0 < t ? "met" : "MISSED")
        printf "  %-8s %-26s %s ms    p95 %s ms  %-2s server median of %d, wall %s ms (target < %d ms: %s)\n",
            "portal", l, ms, ps, f, n, w, t, v }'
}
timed_row "GET /dashboard ($HEAT_CHILDREN kids)" "$heat_med" "$heat_p95" "$heat_wall" \
    "$heat_flag" "$HEAT_N" 15
if [ "$HEAT_CHILDREN_LARGE" -gt 0 ]; then
    timed_row "GET /dashboard ($HEAT_CHILDREN_LARGE kids)" "${heat_large_med:-}" \
        "${heat_large_p95:-}" "${heat_large_wall:-}" "$heat_large_flag" "$HEAT_N" 100
fi
for size in small large; do
    n=$([ $size = small ] && echo "$INCIDENTS_SMALL" || echo "$INCIDENTS_LARGE")
    [ "$n" -gt 0 ] || continue
    for who in parent company; do
        for pg in "" _2; do
            v="list_${size}_$who$pg"
            [ -n "$(eval echo "\${${v}_codes:-}")" ] || continue
            timed_row "GET /incidents p$([ -z "$pg" ] && echo 1 || echo 2) $who $n" \
                "$(eval echo "\${${v}_med:-}")" "$(eval echo "\${${v}_p95:-}")" \
                "$(eval echo "\${${v}_wall:-}")" "$(eval echo "\${list_${size}_${who}_flag:-}")" \
                "$LIST_N" 20
        done
    done
done
echo "  ${heat_split:+  heatmap server time }${heat_split:-}"
[ "$FLAGS" -eq 0 ] || echo "  !! $FLAGS portal measurement(s) saw responses other than expected," \
    "socket errors or disagreeing counts"
exit 0
