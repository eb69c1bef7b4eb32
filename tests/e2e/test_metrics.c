/* test_metrics.c - the portal's Prometheus endpoint (PORTAL_METRICS, TEST_METRICS_URL set
 * by tests/run-suite.sh): requests move their route's counter and histogram by exactly the
 * number sent, labelled by the route table's pattern and never by the raw path; an alert
 * queued to a dead receiver shows in the outbox depth and age, a regulatory clock due in
 * 3 h in the clocks due within 24 h; a killed worker counts as a restart; and the endpoint
 * is not reachable through the public nginx site. */
#include "testlib.h"

#include <curl/curl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct buf {
    char *p;
    size_t n;
};

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    struct buf *b = userdata;
    size_t n = size * nmemb;
    char *q = realloc(b->p, b->n + n + 1);
    ck_assert_ptr_nonnull(q);
    memcpy(q + b->n, ptr, n);
    b->p = q;
    b->n += n;
    b->p[b->n] = '\0';
    return n;
}

/* GET TEST_METRICS_URL: the exposition (malloc'd), after checking status and type. */
static char *scrape(void)
{
    CURL *c = curl_easy_init();
    struct buf b = {calloc(1, 1), 0};
    curl_easy_setopt(c, CURLOPT_URL, test_env("TEST_METRICS_URL"));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
    CURLcode rc = curl_easy_perform(c);
    ck_assert_msg(rc == CURLE_OK, "scrape failed: %s", curl_easy_strerror(rc));
    long status = 0;
    char *type = NULL;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type);
    ck_assert_int_eq(status, 200);
    ck_assert_str_eq(type, "text/plain; version=0.0.4; charset=utf-8");
    curl_easy_cleanup(c);
    return b.p;
}

/* The value of the sample named exactly series (name and labels), 0 when absent. */
static double sample(const char *text, const char *series)
{
    size_t n = strlen(series);
    for (const char *line = text; line && *line;
         line = strchr(line, '\n'), line = line ? line + 1 : NULL)
        if (strncmp(line, series, n) == 0 && line[n] == ' ')
            return atof(line + n + 1);
    return 0;
}

static double scrape_one(const char *series)
{
    char *t = scrape();
    double v = sample(t, series);
    free(t);
    return v;
}

#define HEALTH_2XX "portal_requests_total{method=\"GET\",route=\"/healthz\",status=\"2xx\"}"
#define HEALTH_COUNT "portal_request_duration_seconds_count{method=\"GET\",route=\"/healthz\"}"
#define HEALTH_INF                                                                                 \
    "portal_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"+Inf\"}"
#define INCIDENT_3XX "portal_requests_total{method=\"GET\",route=\"/incidents/:id\",status=\"3xx\"}"
#define LOGIN_POST_STATEMENTS "portal_db_statements_total{method=\"POST\",route=\"/login\"}"
#define UNMATCHED_4XX "portal_requests_total{method=\"\",route=\"unmatched\",status=\"4xx\"}"

START_TEST(requests_counted_by_route)
{
    char *t0 = scrape();
    struct http *h = http_new();
    for (int i = 0; i < 5; i++)
        ck_assert_int_eq(http_get(h, "/healthz"), 200);
    /* signed out: each is a redirect to /login, counted under the pattern */
    ck_assert_int_eq(http_get(h, "/incidents/987654"), 303);
    ck_assert_int_eq(http_get(h, "/incidents/987655"), 303);
    ck_assert_int_eq(http_get(h, "/no-such-page"), 404);
    ck_assert_int_eq(http_get(h, "/no/such/page/either"), 404);
    ck_assert_int_eq(http_get(h, "/no-such-page-3"), 404);
    /* a sign-in runs statements: they are counted for its route */
    ck_assert_int_eq(http_login(h, "coordinator@northwind.example",
                                test_password("coordinator@northwind.example")),
                     303);
    http_free(h);
    char *t1 = scrape();
    ck_assert_double_eq(sample(t1, HEALTH_2XX) - sample(t0, HEALTH_2XX), 5);
    ck_assert_double_eq(sample(t1, HEALTH_COUNT) - sample(t0, HEALTH_COUNT), 5);
    ck_assert_double_eq(sample(t1, HEALTH_INF) - sample(t0, HEALTH_INF), 5);
    ck_assert_double_eq(sample(t1, INCIDENT_3XX) - sample(t0, INCIDENT_3XX), 2);
    ck_assert_double_eq(sample(t1, UNMATCHED_4XX) - sample(t0, UNMATCHED_4XX), 3);
    ck_assert_double_gt(sample(t1, LOGIN_POST_STATEMENTS) - sample(t0, LOGIN_POST_STATEMENTS), 0);
    /* bounded cardinality: raw paths never become labels */
    ck_assert_ptr_null(strstr(t1, "987654"));
    ck_assert_ptr_null(strstr(t1, "no-such-page"));
    ck_assert_ptr_nonnull(strstr(t1, "# TYPE portal_request_duration_seconds histogram\n"));
    ck_assert_double_eq(sample(t1, "portal_metrics_db_up"), 1);
    free(t0);
    free(t1);
}
END_TEST

/* An alert to a receiver nobody listens on stays in the outbox: the depth counts it and
 * the age of the oldest undelivered row is at least its age (10 minutes, past the
 * 5-minute alert). Given up, it moves to the failed deliveries. */
START_TEST(outbox_depth_and_age)
{
    PGconn *db = test_db_owner();
    char url[320], ports[256];
    snprintf(ports, sizeof ports, "%s", test_env("TEST_SPARE_PORTS"));
    const char *last = strrchr(ports, ',');
    snprintf(url, sizeof url, "http://127.0.0.1:%s/dead", last ? last + 1 : ports);
    double depth0 = scrape_one("portal_outbox_depth");
    double failed0 = scrape_one("portal_deliveries_failed");
    const char *p[] = {url};
    long row = test_db_long(
        db,
        "WITH r AS (INSERT INTO recipients (org_id, name, url, format, max_tlp) "
        "  SELECT id, 'Metrics dead receiver', $1, 'webhook', 'red' FROM organisations "
        "  WHERE name = 'Northwind Group' RETURNING id, org_id), "
        "x AS (INSERT INTO outbox (org_id, channel, recipient_id, recipient_org_id, kind, "
        "  payload, created_at) SELECT org_id, 'http', id, org_id, 'test', '{}'::jsonb, "
        "  now() - interval '10 minutes' FROM r RETURNING id) SELECT id FROM x",
        1, p);
    ck_assert_int_gt(row, 0);
    char *t = scrape();
    ck_assert_double_ge(sample(t, "portal_outbox_depth"), depth0 + 1);
    ck_assert_double_ge(sample(t, "portal_outbox_oldest_age_seconds"), 600);
    free(t);
    char id[24];
    snprintf(id, sizeof id, "%ld", row);
    free(test_db_value(
        db, "UPDATE outbox SET state = 'failed', failed_at = now() WHERE id = $1::bigint", 1,
        (const char *const[]){id}));
    ck_assert_double_eq(scrape_one("portal_deliveries_failed"), failed0 + 1);
    PQfinish(db);
}
END_TEST

/* A NIS2 early warning due in 3 hours and not sent counts among the clocks due within
 * 24 h, and the nearest deadline ahead is at most 3 hours away; sent, it no longer counts. */
START_TEST(clock_due_within_24h)
{
    PGconn *db = test_db_owner();
    double due0 = scrape_one("portal_clocks_due_24h");
    long ob = test_db_long(
        db,
        "WITH i AS (INSERT INTO incidents (org_id, title, detected_at, description, category, "
        "  severity, tlp, reported_by, reportable_nis2) SELECT o.id, 'Metrics clock', now(), "
        "  'A clock for the metrics.', 'malware', 'critical', 'amber', u.id, true "
        "  FROM organisations o, users u WHERE o.name = 'Northwind Energy' "
        "  AND u.email = 'reporter@energy.example' RETURNING id), "
        "ob AS (INSERT INTO notification_obligations (incident_id, regime, report, due_at) "
        "  SELECT id, 'nis2', 'early_warning', now() + interval '3 hours' FROM i RETURNING id) "
        "SELECT id FROM ob",
        0, NULL);
    char *t = scrape();
    ck_assert_double_eq(sample(t, "portal_clocks_due_24h"), due0 + 1);
    double next = sample(t, "portal_clock_next_due_seconds");
    ck_assert_double_gt(next, 0);
    ck_assert_double_le(next, 3 * 3600);
    free(t);
    char id[24];
    snprintf(id, sizeof id, "%ld", ob);
    free(test_db_value(db,
                       "UPDATE notification_obligations SET sent_at = now() WHERE id = $1::bigint",
                       1, (const char *const[]){id}));
    ck_assert_double_eq(scrape_one("portal_clocks_due_24h"), due0);
    PQfinish(db);
}
END_TEST

/* A worker of the supervisor, not the metrics listener (named portal-metrics). */
static pid_t some_worker(void)
{
    char path[512], buf[4096] = "";
    snprintf(path, sizeof path, "%s/run/portal.pid", test_env("TEST_DIR"));
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    int sup = 0;
    ck_assert_int_eq(fscanf(f, "%d", &sup), 1);
    fclose(f);
    snprintf(path, sizeof path, "/proc/%d/task/%d/children", sup, sup);
    f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    buf[fread(buf, 1, sizeof buf - 1, f)] = '\0';
    fclose(f);
    for (char *w = strtok(buf, " \n"); w; w = strtok(NULL, " \n")) {
        char comm[64] = "";
        snprintf(path, sizeof path, "/proc/%s/comm", w);
        FILE *c = fopen(path, "r");
        if (!c)
            continue;
        if (!fgets(comm, sizeof comm, c))
            comm[0] = '\0';
        fclose(c);
        if (strncmp(comm, "portal-metrics", 14) != 0)
            return (pid_t)atoi(w);
    }
    ck_abort_msg("no worker found");
    return 0;
}

START_TEST(worker_restart_counted)
{
    double before = scrape_one("portal_worker_restarts_total");
    ck_assert_int_eq(kill(some_worker(), SIGKILL), 0);
    double after = before;
    for (int i = 0; i < 50 && after == before; i++) {
        usleep(100000);
        after = scrape_one("portal_worker_restarts_total");
    }
    ck_assert_double_eq(after, before + 1);
    struct http *h = http_new();
    for (int i = 0; i < 5; i++)
        ck_assert_int_eq(http_get(h, "/healthz"), 200);
    http_free(h);
}
END_TEST

/* The public site has no /metrics: nginx passes it to the portal's router, which knows no
 * such route. */
START_TEST(not_reachable_through_nginx)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_get(h, "/metrics"), 404);
    ck_assert_ptr_null(strstr(h->body, "portal_requests_total"));
    http_free(h);
}
END_TEST

static Suite *metrics_suite(void)
{
    Suite *s = suite_create("metrics");
    TCase *tc = tcase_create("endpoint");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, requests_counted_by_route);
    tcase_add_test(tc, outbox_depth_and_age);
    tcase_add_test(tc, clock_due_within_24h);
    tcase_add_test(tc, worker_restart_counted);
    tcase_add_test(tc, not_reachable_through_nginx);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(metrics_suite)
