/* test_resilience.c - the portal keeps serving when parts fail: a worker that dies is
 * replaced by the supervisor; a database restart costs no request (a worker makes its
 * lost connection again when its next transaction starts); a database error gives a 500
 * page whose request id is also in the log line. */
#include "testlib.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t supervisor_pid(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/run/portal.pid", test_env("TEST_DIR"));
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    int pid = 0;
    ck_assert_int_eq(fscanf(f, "%d", &pid), 1);
    fclose(f);
    return (pid_t)pid;
}

/* The supervisor's children (its workers), from /proc. Returns how many. */
static int workers_of(pid_t sup, pid_t *out, int max)
{
    char path[128], buf[4096] = "";
    snprintf(path, sizeof path, "/proc/%d/task/%d/children", (int)sup, (int)sup);
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    int count = 0;
    for (char *p = strtok(buf, " \n"); p && count < max; p = strtok(NULL, " \n"))
        out[count++] = (pid_t)atoi(p);
    return count;
}

START_TEST(dead_worker_is_replaced)
{
    pid_t sup = supervisor_pid(), before[64], after[64];
    int n = workers_of(sup, before, 64);
    ck_assert_int_ge(n, 2);
    ck_assert_int_eq(kill(before[0], SIGKILL), 0);
    int m = 0;
    for (int i = 0; i < 50; i++) {
        usleep(100000);
        m = workers_of(sup, after, 64);
        int replaced = m == n;
        for (int k = 0; k < m; k++)
            replaced &= after[k] != before[0];
        if (replaced)
            break;
    }
    ck_assert_int_eq(m, n);
    for (int k = 0; k < m; k++)
        ck_assert_int_ne(after[k], before[0]);
    struct http *h = http_new();
    for (int i = 0; i < 10; i++)
        ck_assert_int_eq(http_get(h, "/login"), 200);
    http_free(h);
}
END_TEST

/* A restart of PostgreSQL costs no request: a worker whose idle connection died makes it
 * again when its next transaction starts (nothing of it has run yet), and no worker is
 * lost. Signed-in pages, so that every request reads the database. */
START_TEST(database_restart_costs_no_request)
{
    pid_t sup = supervisor_pid(), before[64], after[64];
    int n = workers_of(sup, before, 64);
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, "coordinator@northwind.example",
                                test_password("coordinator@northwind.example")),
                     303);
    for (int i = 0; i < 2 * n; i++) /* every worker has its connection */
        ck_assert_int_eq(http_get(h, "/"), 200);
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "%s /usr/lib/postgresql/15/bin/pg_ctl -D %s/pgdata -m fast -w restart "
             ">/dev/null 2>&1",
             getuid() == 0 ? "runuser -u postgres --" : "", test_env("TEST_DIR"));
    ck_assert_int_eq(system(cmd), 0);
    for (int i = 0; i < 4 * n + 10; i++) {
        long status = http_get(h, "/");
        ck_assert_msg(status == 200, "request %d after the restart: %ld", i, status);
    }
    /* no worker was lost on the way */
    ck_assert_int_eq(workers_of(sup, after, 64), n);
    for (int k = 0; k < n; k++)
        ck_assert_int_eq(after[k], before[k]);
    http_free(h);
}
END_TEST

START_TEST(database_error_is_a_500_page_with_the_logged_request_id)
{
    PGconn *owner = test_db_owner();
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, "coordinator@northwind.example",
                                test_password("coordinator@northwind.example")),
                     303);
    free(test_db_value(owner, "REVOKE SELECT ON incidents FROM portal_app", 0, NULL));
    long status = http_get(h, "/incidents");
    free(test_db_value(owner, "GRANT SELECT ON incidents TO portal_app", 0, NULL));
    ck_assert_int_eq(status, 500);
    const char *code = strstr(h->body, "<code>");
    ck_assert_ptr_nonnull(code);
    char id[17];
    ck_assert_int_eq(sscanf(code, "<code>%16[0-9a-f]</code>", id), 1);
    ck_assert_ptr_null(strstr(h->body, "permission denied")); /* no internals shown */

    char path[512], line[2048], want[64];
    snprintf(path, sizeof path, "%s/log/portal.log", test_env("TEST_DIR"));
    snprintf(want, sizeof want, "request_id=%s", id);
    int logged_status = 0, logged_error = 0;
    for (int tries = 0; tries < 20 && !logged_status; tries++) {
        FILE *f = fopen(path, "r");
        ck_assert_ptr_nonnull(f);
        while (fgets(line, sizeof line, f)) {
            if (!strstr(line, want))
                continue;
            logged_status |= strstr(line, "status=500") != NULL;
            logged_error |= strstr(line, "permission denied") != NULL;
        }
        fclose(f);
        if (!logged_status)
            usleep(100000);
    }
    ck_assert_msg(logged_status, "no log line with %s and status=500", want);
    ck_assert_msg(logged_error, "the database error is not logged with %s", want);
    ck_assert_int_eq(http_get(h, "/incidents"), 200);
    http_free(h);
    PQfinish(owner);
}
END_TEST

static Suite *resilience_suite(void)
{
    Suite *s = suite_create("resilience");
    TCase *tc = tcase_create("failures");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, dead_worker_is_replaced);
    tcase_add_test(tc, database_restart_costs_no_request);
    tcase_add_test(tc, database_error_is_a_500_page_with_the_logged_request_id);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(resilience_suite)
