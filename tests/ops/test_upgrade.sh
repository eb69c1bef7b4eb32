#!/bin/sh
# test_upgrade.sh - an upgrade from the previous release, as README's "Upgrades" tells the
# operator: the previous release's portal (the commit PREVIOUS below, built here) serves
# its schema and data (the demo and rows of each kind) while the current schema/ migrations
# are applied with db_migrate (deploy/services.sh); every table keeps its rows, and the
# current portal then serves the upgraded database. A copy of schema/ with a migration
# that fails on purpose shows each file runs in one transaction: the failure is named,
# nothing of it stays, and no later file runs. Figures: migrations applied, their time,
# requests the old portal answered during them and those that failed.
set -u
. "$REPO/tests/ops/lib.sh"

# The previous release. No tags exist yet: main before issue 12. At a release, set this
# to the commit (or tag) of the release before it. UPGRADE_FROM=COMMIT tries another one.
PREVIOUS=${UPGRADE_FROM:-f97d57e}

D=$OPS_DIR
OLD=$D/old
mkdir -p "$D/run" "$D/log" "$OLD"
chmod 755 "$D/run"
CURRENT=$REPO

cleanup() {
    [ -n "${LOAD_PID:-}" ] && kill "$LOAD_PID" 2>/dev/null
    nginx_stop "$D"
    daemon_stop "$D" portal
    pg_stop "$D"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# --- the previous release: its tree and its programs
git -C "$CURRENT" archive "$PREVIOUS" | tar -x -C "$OLD" || {
    echo "cannot take $PREVIOUS from $CURRENT" >&2
    exit 1
}
make -s -C "$OLD" BUILD="$OLD/build" -j2 "$OLD/build/portal" "$OLD/build/portalctl" \
    >"$D/log/build-old.log" 2>&1 || {
    tail -20 "$D/log/build-old.log"
    exit 1
}
ok "the previous release ($PREVIOUS) builds"

# --- its database: its migrations, its demo data, rows of each kind
pg_init "$D" && pg_start "$D" && db_setup "$D" || exit 1
(REPO=$OLD && db_migrate "$D" >/dev/null) || exit 1
portal_env "$D"
export PORTAL_TEMPLATES="$OLD/templates" PORTAL_FORMATS="$OLD/schema/formats"
"$OLD/build/portalctl" demo >"$D/logins.txt" || exit 1
owner_sql() { pg_psql "$D" portal_owner portal -At -c "$1"; }
owner_sql "
INSERT INTO incidents (org_id, title, detected_at, description, category, severity, tlp,
                       reported_by)
SELECT o.id, 'upgrade-' || g, now(), 'before the upgrade', 'malware', 'warning', 'amber', u.id
  FROM organisations o, users u, generate_series(1, 3) g
 WHERE o.name = 'Northwind Energy' AND u.email = 'reporter@energy.example';
INSERT INTO recipients (org_id, name, url, format)
SELECT id, 'Upgrade hook', 'https://authority.example/hook', 'webhook'
  FROM organisations WHERE name = 'Northwind Group';
INSERT INTO outbox (org_id, recipient_id, recipient_org_id, kind, payload)
SELECT org_id, id, org_id, 'test.alert', '{\"type\": \"incident.alert\"}'
  FROM recipients WHERE name = 'Upgrade hook';
INSERT INTO sharing_rules (org_id, recipient_id, created_by)
SELECT r.org_id, r.id, u.id FROM recipients r, users u
 WHERE r.name = 'Upgrade hook' AND u.email = 'admin@northwind.example';
INSERT INTO planned_actions (org_id, title, owner_name, due_date, created_by)
SELECT o.id, 'Patch the VPN', 'Erik', current_date + 30, u.id FROM organisations o, users u
 WHERE o.name = 'Northwind Energy' AND u.email = 'assessor@energy.example';
INSERT INTO events (org_id, reporter_name, reporter_email, what_occurred, detected_at,
                    created_by)
SELECT o.id, 'Emma', 'reporter@energy.example', 'odd logins', now(), u.id
  FROM organisations o, users u
 WHERE o.name = 'Northwind Energy' AND u.email = 'reporter@energy.example';
INSERT INTO vulnerabilities (org_id, reporter_name, reporter_email, description, location,
                             created_by)
SELECT o.id, 'Emma', 'reporter@energy.example', 'an open port', 'gateway', u.id
  FROM organisations o, users u
 WHERE o.name = 'Northwind Energy' AND u.email = 'reporter@energy.example';
INSERT INTO lessons (incident_id, what_worked, to_improve, created_by)
SELECT i.id, 'the call tree', 'the asset list', i.reported_by
  FROM incidents i WHERE i.title = 'upgrade-1'" >/dev/null || exit 1

# the old portal serving, with a signed-in user (sessions, audit rows)
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
export PORTAL_BASE_URL="$BASE"
(REPO=$OLD && nginx_config "$D" "$PORT")
PORTAL_SECRET_KEY=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
export PORTAL_SECRET_KEY
daemon_start "$D" portal "$OLD/build/portal"
nginx_start "$D" && wait_http "$BASE/healthz" || exit 1
pw() { ops_password "$D/logins.txt" "$1"; }
check "the old portal signs in" \
    ops_sign_in "$BASE" reporter@energy.example "$(pw reporter@energy.example)" "$D/jar-old"
# rows as the old portal writes them: a reported incident (its audit and timeline rows),
# a self-assessment started (its questionnaire), an API token
check_eq "the old portal takes an incident report" 303 "$(ops_post "$BASE" /incidents \
    "$D/jar-old" title=upgrade-http detected_at=2026-12-01T10:00 \
    "description=reported before the upgrade" category=malware severity=warning tlp=amber)"
ops_sign_in "$BASE" assessor@energy.example "$(pw assessor@energy.example)" "$D/jar-assessor"
check_eq "the old portal starts a self-assessment" 303 \
    "$(ops_post "$BASE" /assessments "$D/jar-assessor" category=ID.AM)"
ops_sign_in "$BASE" admin@northwind.example "$(pw admin@northwind.example)" "$D/jar-admin"
check_eq "the old portal issues an API token" 200 \
    "$(ops_post "$BASE" /account/tokens "$D/jar-admin" name=upgrade days=30 scope_incidents_write=1)"

# every table's rows (as the superuser: row-level security does not hide any)
counts() {
    pg_psql "$D" postgres portal -At -F ' ' -c "
      SELECT c.relname, (xpath('/row/n/text()', query_to_xml(
               format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname),
               false, true, '')))[1]::text
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p') AND n.nspname = 'public'
         AND c.relname <> 'schema_migrations'
       ORDER BY 1"
}
applied() { owner_sql "SELECT version FROM schema_migrations ORDER BY 1"; }
counts >"$D/counts-before"
ops_figure tables_with_rows_before_upgrade \
    "$(awk '$2 > 0' "$D/counts-before" | wc -l) of $(wc -l <"$D/counts-before")"

# --- the upgrade, live: the old portal keeps answering a signed-in page meanwhile
load() {
    while :; do
        code=$(ops_status "$BASE/incidents" "$D/jar-old")
        echo "$code" >>"$D/load.log"
    done
}
: >"$D/load.log"
load &
LOAD_PID=$!
sleep 1
start=$(date +%s%N)
upgrade() { db_migrate "$D" >"$D/log/upgrade.log"; }
check "the current migrations apply on the previous release's database" upgrade
ms=$((($(date +%s%N) - start) / 1000000))
sleep 1
kill "$LOAD_PID" 2>/dev/null
wait "$LOAD_PID" 2>/dev/null
LOAD_PID=
ops_figure migrations_applied "$(grep -c applied "$D/log/upgrade.log")"
ops_figure migration_time "$ms" ms
ops_figure old_portal_requests_during_upgrade "$(grep -c . "$D/load.log")"
bad=$(grep -vc '^200$' "$D/load.log")
ops_figure old_portal_requests_failed "$bad"
check_eq "the old portal answered every request during the upgrade" 0 "$bad"
check_eq "every current migration is recorded" \
    "$(ls "$CURRENT"/schema/[0-9]*.sql | sed 's|.*/||; s|\.sql$||' | sort | tr '\n' ' ')" \
    "$(applied | tr '\n' ' ')"

# every table that existed keeps its rows (the sign-ins below come after the count)
counts >"$D/counts-after"
missing=$(LC_ALL=C join -v1 "$D/counts-before" "$D/counts-after" | tr '\n' ' ')
check_eq "no table of the previous release is gone" "" "$missing"
changed=$(LC_ALL=C join "$D/counts-before" "$D/counts-after" | awk '$2 != $3 { print $1 ": " $2 " -> " $3 }')
check_eq "every table keeps its rows ($(wc -l <"$D/counts-before") tables)" "" "$changed"

# --- a migration that fails: one transaction per file, the first failure stops the run
FAILING=$D/failing
mkdir -p "$FAILING"
cp -r "$CURRENT/schema" "$FAILING/schema"
cat >"$FAILING/schema/998_fails_on_purpose.sql" <<'SQL'
CREATE TABLE upgrade_probe (id int);
UPDATE organisations SET name = name || ' (changed)';
SELECT 1 / 0;
SQL
echo "CREATE TABLE upgrade_never (id int);" >"$FAILING/schema/999_after_the_failure.sql"
applied >"$D/applied-before-failure"
if (REPO=$FAILING && db_migrate "$D" >/dev/null 2>"$D/log/failing.err"); then
    fail "a failing migration fails the run"
else
    ok "a failing migration fails the run"
fi
check "it names the file that failed" grep -q "migration 998_fails_on_purpose failed" \
    "$D/log/failing.err"
check_eq "nothing of the failed file stays (its table)" "" \
    "$(owner_sql "SELECT to_regclass('upgrade_probe')")"
check_eq "nothing of the failed file stays (its update)" 0 \
    "$(owner_sql "SELECT count(*) FROM organisations WHERE name LIKE '% (changed)'")"
check_eq "no file after the failure ran" "" "$(owner_sql "SELECT to_regclass('upgrade_never')")"
check_eq "schema_migrations is unchanged" "$(cat "$D/applied-before-failure")" "$(applied)"
check_eq "every table's rows are unchanged" "$(cat "$D/counts-after")" "$(counts)"

# --- the current portal on the upgraded database
daemon_stop "$D" portal
nginx_stop "$D"
portal_env "$D"
nginx_config "$D" "$PORT"
daemon_start "$D" portal "$BUILD/portal"
nginx_start "$D" && wait_http "$BASE/healthz" || exit 1
check_eq "the login page answers" 200 "$(ops_status "$BASE/login")"
pages() { # pages EMAIL PATH...: signed in as EMAIL, each PATH answers 200
    email=$1
    shift
    jar="$D/jar-$email"
    if ! ops_sign_in "$BASE" "$email" "$(pw "$email")" "$jar"; then
        fail "$email signs in on the upgraded database"
        return
    fi
    for p in "$@"; do check_eq "$email: $p" 200 "$(ops_status "$BASE$p" "$jar")"; done
}
pages admin@northwind.example / /dashboard /organisations /incidents /recipients \
    /deliveries /catalogue /advisories /account
pages assessor@energy.example / /assessments /incidents
pages reporter@energy.example / /incidents
check "the incidents from before the upgrade are listed" \
    sh -c "curl -fsS -b '$D/jar-reporter@energy.example' '$BASE/incidents' | grep -q upgrade-3"

ops_done
