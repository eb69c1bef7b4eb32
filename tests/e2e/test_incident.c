/* test_incident.c - the incident path through nginx and the forwarder: a group company's
 * reporter submits a report; its alert is queued for the parent's recipient, a real HTTP
 * receiver on loopback that is down at first; the coordinator sees "failing", then, once
 * the receiver is up, "delivered"; the receiver got the alert exactly once (a forced
 * redelivery is recognised by its Idempotency-Key). Bad input: 422, input kept, nothing
 * stored. */
#include "testlib.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define REPORTER "reporter@energy.example"
#define COORDINATOR "coordinator@northwind.example"

/* Lines of the receiver's log that start with prefix and contain needle. */
static int log_count(const char *log, const char *prefix, const char *needle)
{
    FILE *f = fopen(log, "r");
    if (!f)
        return 0;
    static char line[65536];
    int n = 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, prefix, strlen(prefix)) == 0 && strstr(line, needle))
            n++;
    fclose(f);
    return n;
}

static void report(struct http *h, const char *title, long expect_status)
{
    ck_assert_int_eq(http_get(h, "/incidents/new"), 200);
    char token[128];
    snprintf(token, sizeof token, "%s", http_csrf(h));
    ck_assert_int_eq(http_post(h, "/incidents", "csrf_token", token, "title", title, "detected_at",
                               "2026-01-15T08:30", "description",
                               "Ransomware encrypted the file server <b>FS01</b>.", "category",
                               "malware", "severity", "critical", "tlp", "amber", NULL),
                     expect_status);
}

START_TEST(alert_reaches_a_receiver_that_comes_up_late_exactly_once)
{
    PGconn *owner = test_db_owner();
    char url[128], log[512], title[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%s/alerts", test_env("TEST_RECEIVER_PORT"));
    snprintf(log, sizeof log, "%s/received.log", test_env("TEST_DIR"));
    snprintf(title, sizeof title, "Ransomware on FS01 %ld", (long)time(NULL));
    const char *p[] = {url};
    /* the parent's recipient, and a rule that releases every incident to it */
    free(test_db_value(owner,
                       "WITH r AS (INSERT INTO recipients (org_id, name, url) SELECT id, "
                       "'National CSIRT (test)', $1 FROM organisations "
                       "WHERE name = 'Northwind Group' RETURNING id, org_id) "
                       "INSERT INTO sharing_rules (org_id, recipient_id, min_severity, created_by) "
                       "SELECT r.org_id, r.id, 'information', u.id FROM r, users u "
                       "WHERE u.email = 'coordinator@northwind.example'",
                       1, p));

    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, REPORTER, test_password(REPORTER)), 303);
    report(h, title, 303);
    long id = 0;
    ck_assert_int_eq(sscanf(http_header(h, "Location"), "/incidents/%ld", &id), 1);
    char idtext[24];
    snprintf(idtext, sizeof idtext, "%ld", id);
    const char *q[] = {idtext};
    ck_assert_int_eq(
        test_db_long(owner, "SELECT count(*) FROM outbox WHERE incident_id = $1", 1, q), 1);

    /* the receiver is down: the forwarder fails, records it and retries */
    char cond[256];
    snprintf(cond, sizeof cond,
             "SELECT count(*) >= 2 FROM delivery_attempts d JOIN outbox o ON o.id = d.outbox_id "
             "WHERE o.incident_id = %ld",
             id);
    ck_assert_msg(test_wait_for(cond, 20), "the forwarder did not try twice");
    struct http *coord = http_new();
    ck_assert_int_eq(http_login(coord, COORDINATOR, test_password(COORDINATOR)), 303);
    ck_assert_int_eq(http_get(coord, "/incidents"), 200);
    ck_assert_ptr_nonnull(strstr(coord->body, title));
    char path[48];
    snprintf(path, sizeof path, "/incidents/%ld", id);
    ck_assert_int_eq(http_get(coord, path), 200);
    ck_assert_ptr_nonnull(strstr(coord->body, "data-state=\"failing\""));
    ck_assert_ptr_nonnull(strstr(coord->body, "National CSIRT (test)"));
    /* the description is shown escaped, never as markup */
    ck_assert_ptr_nonnull(strstr(coord->body, "&lt;b&gt;FS01&lt;/b&gt;"));

    /* the receiver comes up: delivered, and the coordinator sees it */
    pid_t rx = test_receiver_start(test_env("TEST_RECEIVER_PORT"), log, "receiver");
    snprintf(cond, sizeof cond,
             "SELECT bool_and(state = 'delivered') FROM outbox WHERE incident_id = %ld", id);
    ck_assert_msg(test_wait_for(cond, 20), "the alert was not delivered");
    ck_assert_int_eq(http_get(coord, path), 200);
    ck_assert_ptr_nonnull(strstr(coord->body, "data-state=\"delivered\""));
    ck_assert_ptr_nonnull(strstr(coord->body, "HTTP 200"));

    char *key =
        test_db_value(owner, "SELECT idempotency_key FROM outbox WHERE incident_id = $1", 1, q);
    ck_assert_int_eq(log_count(log, "new ", key), 1);
    ck_assert_int_eq(log_count(log, "new ", title), 1);

    /* a redelivery (as after a crash between send and commit) carries the same key */
    free(test_db_value(owner,
                       "UPDATE outbox SET state = 'pending', next_attempt_at = now() "
                       "WHERE incident_id = $1",
                       1, q));
    free(test_db_value(owner, "NOTIFY outbox", 0, NULL));
    ck_assert_msg(test_wait_for(cond, 20), "the redelivery did not happen");
    for (int i = 0; i < 50 && log_count(log, "dup ", key) == 0; i++)
        usleep(100000);
    ck_assert_int_eq(log_count(log, "dup ", key), 1);
    ck_assert_int_eq(log_count(log, "new ", key), 1);

    test_receiver_stop(rx);
    free(key);
    free(test_db_value(owner, "UPDATE recipients SET active = false WHERE url = $1", 1, p));
    free(test_db_value(owner,
                       "UPDATE sharing_rules SET active = false WHERE recipient_id IN "
                       "(SELECT id FROM recipients WHERE url = $1)",
                       1, p));
    http_free(coord);
    http_free(h);
    PQfinish(owner);
}
END_TEST

START_TEST(invalid_report_is_422_with_input_kept_and_nothing_stored)
{
    PGconn *owner = test_db_owner();
    long before = test_db_long(owner, "SELECT count(*) FROM incidents", 0, NULL);
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, REPORTER, test_password(REPORTER)), 303);
    ck_assert_int_eq(http_get(h, "/incidents/new"), 200);
    char token[128];
    snprintf(token, sizeof token, "%s", http_csrf(h));
    ck_assert_int_eq(http_post(h, "/incidents", "csrf_token", token, "title", "Phishing wave",
                               "detected_at", "2999-01-01T00:00", "description", "short",
                               "category", "aliens", "severity", "critical", "tlp", "purple", NULL),
                     422);
    ck_assert_ptr_nonnull(strstr(h->body, "value=\"Phishing wave\""));
    ck_assert_ptr_nonnull(strstr(h->body, "value=\"2999-01-01T00:00\""));
    ck_assert_ptr_nonnull(strstr(h->body, ">short</textarea>"));
    ck_assert_ptr_nonnull(strstr(h->body, "id=\"err-detected_at\""));
    ck_assert_ptr_nonnull(strstr(h->body, "id=\"err-description\""));
    ck_assert_ptr_nonnull(strstr(h->body, "id=\"err-category\""));
    ck_assert_ptr_nonnull(strstr(h->body, "id=\"err-tlp\""));
    ck_assert_ptr_null(strstr(h->body, "id=\"err-title\""));
    ck_assert_ptr_nonnull(strstr(h->body, "value=\"critical\" selected"));
    ck_assert_int_eq(test_db_long(owner, "SELECT count(*) FROM incidents", 0, NULL), before);
    http_free(h);
    PQfinish(owner);
}
END_TEST

START_TEST(other_company_cannot_open_the_incident)
{
    PGconn *owner = test_db_owner();
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, REPORTER, test_password(REPORTER)), 303);
    report(h, "Lost laptop", 303);
    long id = 0;
    ck_assert_int_eq(sscanf(http_header(h, "Location"), "/incidents/%ld", &id), 1);
    char path[48];
    snprintf(path, sizeof path, "/incidents/%ld", id);
    struct http *other = http_new();
    ck_assert_int_eq(
        http_login(other, "assessor@acme.example", test_password("assessor@acme.example")), 303);
    ck_assert_int_eq(http_get(other, path), 404);
    ck_assert_int_eq(http_get(other, "/incidents"), 200);
    ck_assert_ptr_null(strstr(other->body, path));
    http_free(other);
    http_free(h);
    PQfinish(owner);
}
END_TEST

static Suite *incident_suite(void)
{
    Suite *s = suite_create("incident");
    TCase *tc = tcase_create("path");
    tcase_set_timeout(tc, 90);
    tcase_add_test(tc, alert_reaches_a_receiver_that_comes_up_late_exactly_once);
    tcase_add_test(tc, invalid_report_is_422_with_input_kept_and_nothing_stored);
    tcase_add_test(tc, other_company_cannot_open_the_incident);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(incident_suite)
