/* test_obligations.c - regulatory clocks through nginx: a group company's reporter reports
 * an incident; the parent's coordinator flags it under NIS2 with an awareness time two
 * hours ago, and the due times stored are exactly awareness + 24 h and + 72 h, shown in the
 * queue as countdowns; the early warning is prepared and recorded as sent, which stops its
 * clock and keeps what was sent, when and to whom; sending the notification gives the
 * final report its due time one calendar month on; a CSIRT's request adds an intermediate
 * report; flagging GDPR adds the breach notification at awareness + 72 h. Bad input: 422,
 * input kept, nothing stored. Another group company's user: 404; a reporter who sees the
 * incident but is no coordinator: 403. */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define REPORTER "reporter@energy.example"
#define COORDINATOR "coordinator@northwind.example"
#define OTHER "assessor@logistics.example"

/* Reports an incident as REPORTER (the fields of tests/e2e/test_incident.c) and returns
 * its id. */
static long report_incident(const char *title)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, REPORTER, test_password(REPORTER)), 303);
    ck_assert_int_eq(http_get(h, "/incidents/new"), 200);
    char token[128];
    snprintf(token, sizeof token, "%s", http_csrf(h));
    ck_assert_int_eq(http_post(h, "/incidents", "csrf_token", token, "title", title, "detected_at",
                               "2026-01-15T08:30", "description",
                               "Ransomware encrypted the file server FS01.", "category", "malware",
                               "severity", "critical", "tlp", "amber_strict", NULL),
                     303);
    long id = 0;
    ck_assert_int_eq(sscanf(http_header(h, "Location"), "/incidents/%ld", &id), 1);
    http_free(h);
    return id;
}

/* A signed-in client and its session's CSRF token (every form of a session carries the
 * same one; the sign-out form in the layout has it on every page). */
static struct http *signed_in(const char *email, char token[128])
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, email, test_password(email)), 303);
    ck_assert_int_eq(http_get(h, "/"), 200);
    snprintf(token, 128, "%s", http_csrf(h));
    ck_assert_msg(token[0], "no CSRF token for %s", email);
    return h;
}

/* "YYYY-MM-DDTHH:MM:SS" (UTC) of t. */
static void utc_text(time_t t, char out[24])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 24, "%Y-%m-%dT%H:%M:%S", &tm);
}

static char *sql_value(PGconn *db, const char *sql, const char *a, const char *b)
{
    const char *p[] = {a, b};
    return test_db_value(db, sql, b ? 2 : 1, p);
}

/* "t" when sql with ($1 = a, $2 = b) holds. */
static void assert_true(PGconn *db, const char *sql, const char *a, const char *b)
{
    char *v = sql_value(db, sql, a, b);
    ck_assert_msg(strcmp(v, "t") == 0, "not true (%s): %s [%s, %s]", v, sql, a, b ? b : "");
    free(v);
}

static long obligation_id(PGconn *db, const char *incident, const char *report)
{
    const char *p[] = {incident, report};
    return test_db_long(db,
                        "SELECT id FROM notification_obligations WHERE incident_id = $1 "
                        "AND report = $2",
                        2, p);
}

/* A malloc'd copy of the table row of the page that holds needle, or NULL. */
static char *row_of(const char *body, const char *needle)
{
    const char *at = strstr(body, needle);
    if (!at)
        return NULL;
    const char *start = at;
    while (start > body && strncmp(start, "<tr", 3) != 0)
        start--;
    const char *end = strstr(at, "</tr>");
    if (!end)
        return NULL;
    return strndup(start, (size_t)(end - start));
}

static int has_any(const char *s, const char *a, const char *b)
{
    return s && (strstr(s, a) || strstr(s, b));
}

START_TEST(nis2_and_gdpr_clocks_run_from_awareness_and_stop_when_sent)
{
    PGconn *owner = test_db_owner();
    long id = report_incident("Ransomware at the substation");
    char iid[24], path[64], action[96];
    snprintf(iid, sizeof iid, "%ld", id);
    char token[128];
    struct http *h = signed_in(COORDINATOR, token);
    char coordinator[24];
    const char *ce[] = {COORDINATOR};
    snprintf(coordinator, sizeof coordinator, "%ld",
             test_db_long(owner, "SELECT id FROM users WHERE email = $1", 1, ce));

    /* flag NIS2, aware since two hours ago */
    char aware[24];
    utc_text(time(NULL) - 7200, aware);
    snprintf(action, sizeof action, "/incidents/%ld/reportable", id);
    ck_assert_int_eq(
        http_post(h, action, "csrf_token", token, "nis2", "1", "awareness_at", aware, NULL), 303);
    snprintf(path, sizeof path, "/incidents/%ld", id);
    ck_assert_str_eq(http_header(h, "Location"), path);
    assert_true(owner,
                "SELECT reportable_nis2 AND NOT reportable_gdpr AND "
                "awareness_at = $2::timestamp AT TIME ZONE 'UTC' FROM incidents WHERE id = $1",
                iid, aware);
    ck_assert_int_eq(test_db_long(owner,
                                  "SELECT count(*) FROM notification_obligations "
                                  "WHERE incident_id = $1",
                                  1, (const char *[]){iid}),
                     3);
    assert_true(owner,
                "SELECT due_at = ($2::timestamp AT TIME ZONE 'UTC') + interval '24 hours' "
                "AND sent_at IS NULL FROM notification_obligations "
                "WHERE incident_id = $1 AND regime = 'nis2' AND report = 'early_warning'",
                iid, aware);
    assert_true(owner,
                "SELECT due_at = ($2::timestamp AT TIME ZONE 'UTC') + interval '72 hours' "
                "FROM notification_obligations "
                "WHERE incident_id = $1 AND regime = 'nis2' AND report = 'notification'",
                iid, aware);
    assert_true(owner,
                "SELECT due_at IS NULL FROM notification_obligations "
                "WHERE incident_id = $1 AND regime = 'nis2' AND report = 'final'",
                iid, NULL);
    assert_true(owner,
                "SELECT count(*) = 1 FROM timeline WHERE entity = 'incident' "
                "AND entity_id = $1 AND action = 'reportable' AND user_id = $2",
                iid, coordinator);
    assert_true(owner,
                "SELECT count(*) = 1 FROM audit_log WHERE entity = 'incident' "
                "AND entity_id = $1 AND action = 'reportable' AND user_id = $2",
                iid, coordinator);
    long ew = obligation_id(owner, iid, "early_warning");
    long notif = obligation_id(owner, iid, "notification");
    long final = obligation_id(owner, iid, "final");

    /* the queue: early warning in ~22 h, notification in ~70 h, final without a due time
     * last */
    char ew_link[64], notif_link[64], final_link[64];
    snprintf(ew_link, sizeof ew_link, "href=\"/obligations/%ld\"", ew);
    snprintf(notif_link, sizeof notif_link, "href=\"/obligations/%ld\"", notif);
    snprintf(final_link, sizeof final_link, "href=\"/obligations/%ld\"", final);
    ck_assert_int_eq(http_get(h, "/queue"), 200);
    char *row = row_of(h->body, ew_link);
    ck_assert_msg(has_any(row, "in 21 h 59 min", "in 22 h 0 min"), "early warning row: %s", row);
    ck_assert_ptr_nonnull(strstr(row, "data-state=\"ok\""));
    ck_assert_ptr_nonnull(strstr(row, "Ransomware at the substation"));
    free(row);
    row = row_of(h->body, notif_link);
    ck_assert_msg(has_any(row, "in 2 d 21 h", "in 2 d 22 h"), "notification row: %s", row);
    free(row);
    row = row_of(h->body, final_link);
    ck_assert_ptr_nonnull(row);
    ck_assert_ptr_nonnull(strstr(row, "data-state=\"no_due\""));
    free(row);
    ck_assert_ptr_nonnull(strstr(h->body, ew_link));
    ck_assert(strstr(h->body, ew_link) < strstr(h->body, notif_link));
    ck_assert(strstr(h->body, notif_link) < strstr(h->body, final_link));

    /* the prepared early warning */
    snprintf(path, sizeof path, "/obligations/%ld", ew);
    ck_assert_int_eq(http_get(h, path), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "NIS2 early warning"));
    ck_assert_ptr_nonnull(strstr(h->body, "Ransomware encrypted the file server FS01."));
    ck_assert_ptr_nonnull(strstr(h->body, "Yes, suspected: the incident is classified as"));
    ck_assert_ptr_nonnull(strstr(h->body, "[to complete]"));
    ck_assert_ptr_nonnull(strstr(h->body, "Northwind Energy"));
    snprintf(action, sizeof action, "action=\"/obligations/%ld/sent\"", ew);
    ck_assert_ptr_nonnull(strstr(h->body, action));

    /* no recipient: 422, the text kept, nothing stored */
    snprintf(action, sizeof action, "/obligations/%ld/sent", ew);
    ck_assert_int_eq(http_post(h, action, "csrf_token", token, "sent_to", "  ", "body",
                               "Early warning <edited> by hand", NULL),
                     422);
    ck_assert_ptr_nonnull(strstr(h->body, "id=\"err-sent_to\""));
    ck_assert_ptr_nonnull(strstr(h->body, ">Early warning &lt;edited&gt; by hand</textarea>"));
    char ewid[24];
    snprintf(ewid, sizeof ewid, "%ld", ew);
    assert_true(owner,
                "SELECT sent_at IS NULL AND sent_to = '' AND sent_body = '' "
                "FROM notification_obligations WHERE id = $1",
                ewid, NULL);

    /* sent: the clock stops, the record keeps what, when, to whom and by whom */
    const char *body = "NIS2 early warning\nRansomware at the substation; suspected "
                       "malicious; no cross-border impact known.";
    ck_assert_int_eq(http_post(h, action, "csrf_token", token, "sent_to", "CSIRT-DE via portal",
                               "body", body, NULL),
                     303);
    snprintf(path, sizeof path, "/incidents/%ld", id);
    ck_assert_str_eq(http_header(h, "Location"), path);
    assert_true(owner,
                "SELECT sent_at IS NOT NULL AND sent_at <= now() AND sent_at > now() - "
                "interval '1 minute' AND sent_to = 'CSIRT-DE via portal' AND sent_by = $2 "
                "FROM notification_obligations WHERE id = $1",
                ewid, coordinator);
    assert_true(owner, "SELECT sent_body = $2 FROM notification_obligations WHERE id = $1", ewid,
                body);
    assert_true(owner,
                "SELECT count(*) = 1 FROM timeline WHERE entity = 'incident' "
                "AND entity_id = $1 AND action = 'report_sent' AND user_id = $2",
                iid, coordinator);
    ck_assert_int_eq(http_get(h, "/queue"), 200);
    ck_assert_ptr_null(strstr(h->body, ew_link));
    ck_assert_ptr_nonnull(strstr(h->body, notif_link));
    snprintf(path, sizeof path, "/obligations/%ld", ew);
    ck_assert_int_eq(http_get(h, path), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "CSIRT-DE via portal"));
    ck_assert_ptr_nonnull(strstr(h->body, "no cross-border impact known."));
    ck_assert_ptr_nonnull(strstr(h->body, "data-state=\"sent\""));
    ck_assert_ptr_null(strstr(h->body, "/sent\""));
    /* what was sent is not sent again nor changed */
    ck_assert_int_eq(http_post(h, action, "csrf_token", token, "sent_to", "Someone else", "body",
                               "changed", NULL),
                     409);
    assert_true(owner,
                "SELECT sent_to = 'CSIRT-DE via portal' AND sent_body = $2 "
                "FROM notification_obligations WHERE id = $1",
                ewid, body);

    /* the notification sent: the final report is due one calendar month later */
    snprintf(action, sizeof action, "/obligations/%ld/sent", notif);
    ck_assert_int_eq(http_post(h, action, "csrf_token", token, "sent_to", "CSIRT-DE via portal",
                               "body", "NIS2 incident notification", NULL),
                     303);
    char nid[24];
    snprintf(nid, sizeof nid, "%ld", notif);
    const char *fp[] = {iid};
    char *due = test_db_value(owner,
                              "SELECT due_at FROM notification_obligations "
                              "WHERE incident_id = $1 AND report = 'final'",
                              1, fp);
    ck_assert_msg(due[0], "the final report has no due time");
    free(due);
    assert_true(owner,
                "SELECT f.due_at = ((n.sent_at AT TIME ZONE 'UTC') + interval '1 month') "
                "  AT TIME ZONE 'UTC' "
                "FROM notification_obligations f, notification_obligations n "
                "WHERE n.id = $1 AND f.incident_id = n.incident_id AND f.report = 'final'",
                nid, NULL);
    ck_assert_int_eq(http_get(h, "/queue"), 200);
    ck_assert_ptr_null(strstr(h->body, notif_link));
    row = row_of(h->body, final_link);
    ck_assert_msg(row && strstr(row, "data-state=\"ok\"") && strstr(row, " d "), "final row: %s",
                  row);
    free(row);

    /* a CSIRT asks for an intermediate report: a due time is required */
    snprintf(action, sizeof action, "/incidents/%ld/intermediate", id);
    ck_assert_int_eq(http_post(h, action, "csrf_token", token, "due_at", "", NULL), 422);
    ck_assert_int_eq(obligation_id(owner, iid, "intermediate"), 0);
    char later[24];
    utc_text(time(NULL) + 5 * 86400, later);
    ck_assert_int_eq(http_post(h, action, "csrf_token", token, "due_at", later, NULL), 303);
    assert_true(owner,
                "SELECT due_at = $2::timestamp AT TIME ZONE 'UTC' AND sent_at IS NULL "
                "FROM notification_obligations WHERE incident_id = $1 "
                "AND report = 'intermediate'",
                iid, later);

    /* GDPR too: the breach notification is due 72 h after awareness; NIS2 stays */
    snprintf(action, sizeof action, "/incidents/%ld/reportable", id);
    ck_assert_int_eq(http_post(h, action, "csrf_token", token, "nis2", "1", "gdpr", "1",
                               "awareness_at", aware, NULL),
                     303);
    assert_true(owner,
                "SELECT due_at = ($2::timestamp AT TIME ZONE 'UTC') + interval '72 hours' "
                "AND sent_at IS NULL FROM notification_obligations "
                "WHERE incident_id = $1 AND regime = 'gdpr' AND report = 'breach_notification'",
                iid, aware);
    assert_true(owner, "SELECT count(*) = 5 FROM notification_obligations WHERE incident_id = $1",
                iid, NULL);
    assert_true(owner, "SELECT sent_body = $2 FROM notification_obligations WHERE id = $1", ewid,
                body);
    long breach = obligation_id(owner, iid, "breach_notification");
    snprintf(path, sizeof path, "/obligations/%ld", breach);
    ck_assert_int_eq(http_get(h, path), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "GDPR personal data breach notification"));
    ck_assert_ptr_nonnull(strstr(h->body, "Categories of data subjects concerned: [to complete]"));
    char breach_link[64];
    snprintf(breach_link, sizeof breach_link, "href=\"/obligations/%ld\"", breach);
    ck_assert_int_eq(http_get(h, "/queue"), 200);
    row = row_of(h->body, breach_link);
    ck_assert_msg(has_any(row, "in 2 d 21 h", "in 2 d 22 h"), "breach row: %s", row);
    free(row);

    http_free(h);
    PQfinish(owner);
}
END_TEST

START_TEST(invalid_input_is_422_with_input_kept_and_nothing_stored)
{
    PGconn *owner = test_db_owner();
    long id = report_incident("Phishing at the depot");
    char iid[24], action[96];
    snprintf(iid, sizeof iid, "%ld", id);
    char token[128];
    struct http *h = signed_in(COORDINATOR, token);
    snprintf(action, sizeof action, "/incidents/%ld/reportable", id);

    /* awareness in the future: far, and just an hour ahead */
    ck_assert_int_eq(http_post(h, action, "csrf_token", token, "nis2", "1", "gdpr", "1",
                               "awareness_at", "2999-01-01T00:00", NULL),
                     422);
    ck_assert_ptr_nonnull(strstr(h->body, "value=\"2999-01-01T00:00\""));
    ck_assert_ptr_nonnull(strstr(h->body, "id=\"err-ob-awareness_at\""));
    char soon[24];
    utc_text(time(NULL) + 3600, soon);
    ck_assert_int_eq(
        http_post(h, action, "csrf_token", token, "nis2", "1", "awareness_at", soon, NULL), 422);
    ck_assert_int_eq(
        http_post(h, action, "csrf_token", token, "nis2", "1", "awareness_at", "yesterday", NULL),
        422);
    ck_assert_int_eq(http_post(h, action, "csrf_token", token, "nis2", "yes", NULL), 422);
    assert_true(owner,
                "SELECT NOT reportable_nis2 AND NOT reportable_gdpr AND awareness_at = detected_at "
                "FROM incidents WHERE id = $1",
                iid, NULL);
    assert_true(owner, "SELECT count(*) = 0 FROM notification_obligations WHERE incident_id = $1",
                iid, NULL);
    assert_true(owner,
                "SELECT count(*) = 0 FROM timeline WHERE entity = 'incident' "
                "AND entity_id = $1 AND action = 'reportable'",
                iid, NULL);
    /* an intermediate report exists only under NIS2 */
    snprintf(action, sizeof action, "/incidents/%ld/intermediate", id);
    ck_assert_int_eq(http_post(h, action, "csrf_token", token, "due_at", "2030-01-01T00:00", NULL),
                     409);

    /* an empty awareness time takes the detection time; unflagging drops what is owed */
    snprintf(action, sizeof action, "/incidents/%ld/reportable", id);
    ck_assert_int_eq(
        http_post(h, action, "csrf_token", token, "gdpr", "1", "awareness_at", "", NULL), 303);
    assert_true(owner,
                "SELECT reportable_gdpr AND awareness_at = detected_at FROM incidents "
                "WHERE id = $1",
                iid, NULL);
    assert_true(owner,
                "SELECT o.due_at = i.detected_at + interval '72 hours' "
                "FROM notification_obligations o JOIN incidents i ON i.id = o.incident_id "
                "WHERE i.id = $1 AND o.report = 'breach_notification'",
                iid, NULL);
    /* detected in January 2026: long overdue, and shown so at the top of the queue */
    ck_assert_int_eq(http_get(h, "/queue"), 200);
    char link[64];
    snprintf(link, sizeof link, "href=\"/obligations/%ld\"",
             obligation_id(owner, iid, "breach_notification"));
    char *row = row_of(h->body, link);
    ck_assert_msg(row && strstr(row, "data-state=\"overdue\"") && strstr(row, "overdue by "),
                  "overdue row: %s", row);
    free(row);
    ck_assert_ptr_nonnull(strstr(h->body, "role=\"alert\""));
    ck_assert_int_eq(http_post(h, action, "csrf_token", token, NULL), 303);
    assert_true(owner,
                "SELECT NOT reportable_gdpr AND NOT reportable_nis2 FROM incidents "
                "WHERE id = $1",
                iid, NULL);
    assert_true(owner, "SELECT count(*) = 0 FROM notification_obligations WHERE incident_id = $1",
                iid, NULL);

    http_free(h);
    PQfinish(owner);
}
END_TEST

START_TEST(others_cannot_see_or_flag)
{
    PGconn *owner = test_db_owner();
    long id = report_incident("Stolen badge");
    char iid[24], action[96], path[64];
    snprintf(iid, sizeof iid, "%ld", id);
    char token[128];
    struct http *coord = signed_in(COORDINATOR, token);
    char aware[24];
    utc_text(time(NULL) - 600, aware);
    snprintf(action, sizeof action, "/incidents/%ld/reportable", id);
    ck_assert_int_eq(
        http_post(coord, action, "csrf_token", token, "nis2", "1", "awareness_at", aware, NULL),
        303);
    long ew = obligation_id(owner, iid, "early_warning");
    char obligation_path[64], sent_path[80];
    snprintf(obligation_path, sizeof obligation_path, "/obligations/%ld", ew);
    snprintf(sent_path, sizeof sent_path, "/obligations/%ld/sent", ew);

    /* another group company's reporter: the incident does not exist for them */
    char other_token[128];
    struct http *other = signed_in(OTHER, other_token);
    ck_assert_int_eq(http_get(other, obligation_path), 404);
    ck_assert_int_eq(http_post(other, action, "csrf_token", other_token, "gdpr", "1", NULL), 404);
    ck_assert_int_eq(
        http_post(other, sent_path, "csrf_token", other_token, "sent_to", "x", "body", "y", NULL),
        404);
    snprintf(path, sizeof path, "/incidents/%ld/intermediate", id);
    ck_assert_int_eq(
        http_post(other, path, "csrf_token", other_token, "due_at", "2030-01-01T00:00", NULL), 404);
    ck_assert_int_eq(http_get(other, "/queue"), 403);

    /* the reporter sees the incident but is no coordinator */
    char rep_token[128];
    struct http *rep = signed_in(REPORTER, rep_token);
    ck_assert_int_eq(http_get(rep, obligation_path), 403);
    ck_assert_int_eq(http_post(rep, action, "csrf_token", rep_token, "gdpr", "1", NULL), 403);
    ck_assert_int_eq(
        http_post(rep, sent_path, "csrf_token", rep_token, "sent_to", "x", "body", "y", NULL), 403);
    /* a POST without the session's token is refused before anything else */
    ck_assert_int_eq(
        http_post(coord, sent_path, "csrf_token", "forged", "sent_to", "x", "body", "y", NULL),
        403);
    ck_assert_int_eq(http_get(coord, "/obligations/999999999"), 404);

    assert_true(owner,
                "SELECT reportable_nis2 AND NOT reportable_gdpr FROM incidents WHERE id = $1", iid,
                NULL);
    assert_true(owner,
                "SELECT count(*) = 0 FROM notification_obligations WHERE incident_id = $1 "
                "AND (sent_at IS NOT NULL OR regime = 'gdpr' OR report = 'intermediate')",
                iid, NULL);
    http_free(rep);
    http_free(other);
    http_free(coord);
    PQfinish(owner);
}
END_TEST

static Suite *obligations_suite(void)
{
    Suite *s = suite_create("obligations");
    TCase *tc = tcase_create("clocks");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, nis2_and_gdpr_clocks_run_from_awareness_and_stop_when_sent);
    tcase_add_test(tc, invalid_input_is_422_with_input_kept_and_nothing_stored);
    tcase_add_test(tc, others_cannot_see_or_flag);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(obligations_suite)
