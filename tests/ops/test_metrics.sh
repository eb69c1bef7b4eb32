#!/bin/sh
# test_metrics.sh - the metrics recipe of deploy/prometheus/ end to end: promtool accepts
# the rule file, its unit tests and the scrape configuration; a portal with PORTAL_METRICS
# serves an exposition promtool parses; prometheus-postgres-exporter, as the read-only role
# of postgres-exporter.sql, reports pg_up 1; and a real Prometheus scraping both with the
# rule file fires PortalOutboxStale for an alert queued 10 minutes ago, PortalClockDueSoon
# for a report due in an hour, PortalWorkerRestarts after a worker is killed, and
# PortalDown once the portal stops. Everything runs under OPS_DIR on free ports.
set -u
. "$REPO/tests/ops/lib.sh"

P="$REPO/deploy/prometheus"
D="$OPS_DIR"
mkdir -p "$D/run" "$D/log"

cleanup() {
    for n in prometheus exporter portal; do daemon_stop "$D" "$n"; done
    nginx_stop "$D"
    pg_stop "$D"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

check "promtool check rules portal.rules.yml" promtool check rules "$P/portal.rules.yml"
check "promtool test rules portal.rules.test.yml" \
    sh -c "cd '$P' && promtool test rules portal.rules.test.yml"
check "promtool check config prometheus.yml" promtool check config "$P/prometheus.yml"

pg_init "$D" && pg_start "$D" && db_setup "$D" && db_migrate "$D" >/dev/null || {
    fail "a cluster with the portal's schema"
    ops_done
    exit
}
portal_env "$D"
"$BUILD/portalctl" demo >"$D/logins.txt" || fail "demo data"

MPORT=$(free_port)
PORTAL_WORKERS=2 PORTAL_METRICS="127.0.0.1:$MPORT" daemon_start "$D" portal "$BUILD/portal"
check "the portal serves /metrics on 127.0.0.1:$MPORT" wait_http "http://127.0.0.1:$MPORT/metrics"
NPORT=$(free_port)
nginx_config "$D" "$NPORT"
nginx_start "$D" && wait_http "http://127.0.0.1:$NPORT/healthz" || fail "nginx in front of the portal"
for path in / /login /incidents/12 /no-such-page; do
    curl -s -o /dev/null "http://127.0.0.1:$NPORT$path"
done
check_eq "the public site has no /metrics" 404 \
    "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NPORT/metrics")"
curl -fsS "http://127.0.0.1:$MPORT/metrics" >"$D/scrape.txt"
check "the exposition has a route's histogram" \
    grep -q '^portal_request_duration_seconds_bucket{method="GET",route="/incidents/:id",le="+Inf"} 1$' \
    "$D/scrape.txt"
check "promtool check metrics accepts the exposition" \
    sh -c "promtool check metrics <'$D/scrape.txt'"
check_eq "the database figures were read (portal_metrics_db_up)" "portal_metrics_db_up 1" \
    "$(grep '^portal_metrics_db_up ' "$D/scrape.txt")"
check_eq "only GET /metrics is served there" 404 \
    "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$MPORT/")"

# the exporter, as its read-only role over the cluster's socket
pg_psql "$D" postgres portal -f "$P/postgres-exporter.sql" >/dev/null
check_eq "portal_exporter reads no tenant table" "f" \
    "$(pg_psql "$D" postgres portal -At -c "SELECT has_table_privilege('portal_exporter', 'outbox', 'SELECT')")"
XPORT=$(free_port)
DATA_SOURCE_NAME="host=$D/pgsock dbname=portal user=portal_exporter sslmode=disable" \
    daemon_start "$D" exporter prometheus-postgres-exporter \
    --web.listen-address="127.0.0.1:$XPORT" --disable-settings-metrics
wait_http "http://127.0.0.1:$XPORT/metrics" >/dev/null 2>&1
check_eq "prometheus-postgres-exporter reports pg_up 1" "pg_up 1" \
    "$(curl -fsS "http://127.0.0.1:$XPORT/metrics" | grep '^pg_up ')"

# a real Prometheus over both, with the rule file, scraping and evaluating every second
PPORT=$(free_port)
mkdir -p "$D/prometheus"
cp "$P/portal.rules.yml" "$D/prometheus/"
sed -e "s/scrape_interval: 15s/scrape_interval: 1s/; s/evaluation_interval: 15s/evaluation_interval: 1s/" \
    -e "s/127.0.0.1:9464/127.0.0.1:$MPORT/; s/127.0.0.1:9187/127.0.0.1:$XPORT/" \
    "$P/prometheus.yml" >"$D/prometheus/prometheus.yml"
daemon_start "$D" prometheus prometheus --config.file="$D/prometheus/prometheus.yml" \
    --storage.tsdb.path="$D/prometheus/data" --web.listen-address="127.0.0.1:$PPORT"
check "Prometheus starts with the configuration" wait_http "http://127.0.0.1:$PPORT/-/ready"

# firing ALERT [SECONDS]: waits until the alert is firing, at most SECONDS (30)
firing() {
    for _ in $(seq $((${2:-30} * 2))); do
        curl -fsS "http://127.0.0.1:$PPORT/api/v1/alerts" 2>/dev/null |
            grep -q "\"alertname\":\"$1\"[^}]*}[^}]*}[^}]*\"state\":\"firing\"" && return 0
        sleep 0.5
    done
    return 1
}
alerts() { curl -fsS "http://127.0.0.1:$PPORT/api/v1/alerts" 2>/dev/null; }

check_eq "nothing fires on a quiet portal" "" "$(sleep 3; alerts | grep -o '"alertname":"Portal[A-Za-z]*"' | sort -u)"

pg_psql "$D" portal_owner portal -c "
  WITH r AS (INSERT INTO recipients (org_id, name, url, format, max_tlp)
    SELECT id, 'Dead receiver', 'http://127.0.0.1:9/dead', 'webhook', 'red' FROM organisations
    WHERE name = 'Northwind Group' RETURNING id, org_id)
  INSERT INTO outbox (org_id, channel, recipient_id, recipient_org_id, kind, payload, created_at)
    SELECT org_id, 'http', id, org_id, 'test', '{}'::jsonb, now() - interval '10 minutes' FROM r" \
    >/dev/null
check "PortalOutboxStale fires for an alert waiting 10 minutes" firing PortalOutboxStale

pg_psql "$D" portal_owner portal -c "
  WITH i AS (INSERT INTO incidents (org_id, title, detected_at, description, category, severity,
    tlp, reported_by, reportable_nis2) SELECT o.id, 'Clock', now(), 'Clock', 'malware',
    'critical', 'amber', u.id, true FROM organisations o, users u
    WHERE o.name = 'Northwind Energy' AND u.email = 'reporter@energy.example' RETURNING id)
  INSERT INTO notification_obligations (incident_id, regime, report, due_at)
    SELECT id, 'nis2', 'early_warning', now() + interval '1 hour' FROM i" >/dev/null
check "PortalClockDueSoon fires for a report due in an hour" firing PortalClockDueSoon

sup=$(cat "$D/run/portal.pid")
for w in $(cat "/proc/$sup/task/$sup/children"); do
    [ "$(cat "/proc/$w/comm" 2>/dev/null)" = portal ] && { kill -9 "$w"; break; }
done
check "PortalWorkerRestarts fires after a worker is killed" firing PortalWorkerRestarts

start=$(date +%s)
daemon_stop "$D" portal
check "PortalDown fires once the portal is gone (for: 1m)" firing PortalDown 90
ops_figure "portal down until PortalDown fired" "$(($(date +%s) - start))" s

ops_done
