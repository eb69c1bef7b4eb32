/* test_metrics.c - the Prometheus text exposition of lib/metrics.c: label values escaped,
 * counters per route and status class, cumulative histogram buckets whose +Inf equals the
 * count, idle routes left out, the database figures and their absence when unread, and
 * counts summed across processes through the shared mapping. */
#include "testlib.h"

#include "metrics.h"

#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static const struct metrics_route_name names[] = {
    {"GET", "/incidents/:id"},
    {"POST", "/login"},
    {"GET", "/odd\"route\\with\nnewline"},
};
#define N (sizeof names / sizeof names[0])

static struct metrics_shared *fresh(void)
{
    struct metrics_shared *m = metrics_map();
    ck_assert_ptr_nonnull(m);
    return m;
}

/* The exposition of m (and db) as one NUL-terminated string; the caller frees it. */
static char *render(struct metrics_shared *m, const struct metrics_db *db)
{
    STRING out;
    string_init(&out);
    ck_assert_int_eq(metrics_render(&out, m, names, N, 4, db), 0);
    return out.buf;
}

START_TEST(test_escape)
{
    STRING out;
    string_init(&out);
    metrics_label_escape(&out, "a\"b\\c\nd/é");
    ck_assert_str_eq(out.buf, "a\\\"b\\\\c\\nd/é");
    string_clear(&out);
}
END_TEST

START_TEST(test_counters_and_histogram)
{
    struct metrics_shared *m = fresh();
    metrics_observe(m, 0, 200, 3.0, 1.0, 2);   /* 0.003 s: first bucket */
    metrics_observe(m, 0, 200, 10.0, 2.0, 3);  /* 0.010 s: le="0.01" exactly */
    metrics_observe(m, 0, 404, 700.0, 0.5, 1); /* 0.7 s: le="1" */
    metrics_observe(m, 0, 503, 20000.0, 0, 0); /* 20 s: only +Inf */
    char *t = render(m, NULL);
    ck_assert_ptr_nonnull(strstr(t, "# TYPE portal_requests_total counter\n"));
    ck_assert_ptr_nonnull(strstr(
        t, "portal_requests_total{method=\"GET\",route=\"/incidents/:id\",status=\"2xx\"} 2\n"));
    ck_assert_ptr_nonnull(strstr(
        t, "portal_requests_total{method=\"GET\",route=\"/incidents/:id\",status=\"4xx\"} 1\n"));
    ck_assert_ptr_nonnull(strstr(
        t, "portal_requests_total{method=\"GET\",route=\"/incidents/:id\",status=\"5xx\"} 1\n"));
    ck_assert_ptr_nonnull(strstr(t, "# TYPE portal_request_duration_seconds histogram\n"));
    const char *b =
        "portal_request_duration_seconds_bucket{method=\"GET\",route=\"/incidents/:id\"";
    char want[256];
    static const struct {
        const char *le;
        int n;
    } buckets[] = {{"0.005", 1}, {"0.01", 2}, {"0.5", 2}, {"1", 3}, {"10", 3}, {"+Inf", 4}};
    for (size_t i = 0; i < sizeof buckets / sizeof buckets[0]; i++) {
        snprintf(want, sizeof want, "%s,le=\"%s\"} %d\n", b, buckets[i].le, buckets[i].n);
        ck_assert_msg(strstr(t, want) != NULL, "missing %s", want);
    }
    ck_assert_ptr_nonnull(strstr(
        t, "portal_request_duration_seconds_count{method=\"GET\",route=\"/incidents/:id\"} 4\n"));
    ck_assert_ptr_nonnull(strstr(t, "portal_request_duration_seconds_sum{method=\"GET\",route=\"/"
                                    "incidents/:id\"} 20.713000\n"));
    ck_assert_ptr_nonnull(
        strstr(t, "portal_db_seconds_total{method=\"GET\",route=\"/incidents/:id\"} 0.003500\n"));
    ck_assert_ptr_nonnull(
        strstr(t, "portal_db_statements_total{method=\"GET\",route=\"/incidents/:id\"} 6\n"));
    /* a route that served nothing is left out */
    ck_assert_ptr_null(strstr(t, "/login"));
    ck_assert_ptr_nonnull(strstr(t, "portal_worker_restarts_total 0\n"));
    ck_assert_ptr_nonnull(strstr(t, "portal_workers 4\n"));
    ck_assert_ptr_null(strstr(t, "portal_metrics_db_up"));
    free(t);
}
END_TEST

START_TEST(test_label_escaped_in_output)
{
    struct metrics_shared *m = fresh();
    metrics_observe(m, 2, 200, 1, 0, 0);
    metrics_observe(m, METRICS_MAX_ROUTES, 200, 1, 0, 0); /* out of range: ignored */
    metrics_observe(NULL, 0, 200, 1, 0, 0);               /* metrics off: nothing */
    char *t = render(m, NULL);
    ck_assert_ptr_nonnull(
        strstr(t, "portal_requests_total{method=\"GET\",route=\"/odd\\\"route\\\\with\\nnewline\","
                  "status=\"2xx\"} 1\n"));
    /* every line is a comment or a sample: no raw newline got into a label */
    for (char *line = strtok(t, "\n"); line; line = strtok(NULL, "\n"))
        ck_assert_msg(line[0] == '#' || strncmp(line, "portal_", 7) == 0, "bad line: %s", line);
    free(t);
}
END_TEST

START_TEST(test_database_figures)
{
    struct metrics_shared *m = fresh();
    struct metrics_db db = {.ok = 1,
                            .outbox_depth = 3,
                            .outbox_oldest_age_s = 421.5,
                            .deliveries_failed = 2,
                            .clocks_due_24h = 1,
                            .clocks_overdue = 5,
                            .has_next_clock = 1,
                            .next_clock_s = 3600.5};
    char *t = render(m, &db);
    ck_assert_ptr_nonnull(strstr(t, "portal_metrics_db_up 1\n"));
    ck_assert_ptr_nonnull(strstr(t, "# TYPE portal_outbox_depth gauge\nportal_outbox_depth 3\n"));
    ck_assert_ptr_nonnull(strstr(t, "portal_outbox_oldest_age_seconds 421.5\n"));
    ck_assert_ptr_nonnull(strstr(t, "portal_deliveries_failed 2\n"));
    ck_assert_ptr_nonnull(strstr(t, "portal_clocks_due_24h 1\n"));
    ck_assert_ptr_nonnull(strstr(t, "portal_clocks_overdue 5\n"));
    ck_assert_ptr_nonnull(strstr(t, "portal_clock_next_due_seconds 3600.5\n"));
    free(t);
    db.has_next_clock = 0;
    t = render(m, &db);
    ck_assert_ptr_null(strstr(t, "portal_clock_next_due_seconds"));
    free(t);
    db.ok = 0;
    t = render(m, &db);
    ck_assert_ptr_nonnull(strstr(t, "portal_metrics_db_up 0\n"));
    ck_assert_ptr_null(strstr(t, "portal_outbox_depth"));
    free(t);
}
END_TEST

/* Workers are forked processes: what each adds lands in the one mapping. */
START_TEST(test_shared_across_fork)
{
    struct metrics_shared *m = fresh();
    for (int k = 0; k < 4; k++) {
        pid_t pid = fork();
        ck_assert_int_ge(pid, 0);
        if (pid == 0) {
            for (int i = 0; i < 1000; i++)
                metrics_observe(m, 1, 303, 1, 0, 1);
            _exit(0);
        }
    }
    while (wait(NULL) > 0)
        ;
    atomic_fetch_add(&m->worker_restarts, 2);
    char *t = render(m, NULL);
    ck_assert_ptr_nonnull(
        strstr(t, "portal_requests_total{method=\"POST\",route=\"/login\",status=\"3xx\"} 4000\n"));
    ck_assert_ptr_nonnull(
        strstr(t, "portal_db_statements_total{method=\"POST\",route=\"/login\"} 4000\n"));
    ck_assert_ptr_nonnull(strstr(t, "portal_worker_restarts_total 2\n"));
    free(t);
}
END_TEST

static Suite *metrics_suite(void)
{
    Suite *s = suite_create("metrics");
    TCase *tc = tcase_create("render");
    tcase_add_test(tc, test_escape);
    tcase_add_test(tc, test_counters_and_histogram);
    tcase_add_test(tc, test_label_escaped_in_output);
    tcase_add_test(tc, test_database_figures);
    tcase_add_test(tc, test_shared_across_fork);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(metrics_suite)
