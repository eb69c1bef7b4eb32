/* test_incident_flow.c - incident management end to end, through nginx, the portal, the
 * forwarder, two real HTTP receivers and an SMTP sink: a group company files an event ->
 * the parent's point of contact promotes it to an incident and classifies it (technical
 * attack, important system x serious impact -> Critical, TLP:AMBER) -> the coordinator
 * shares it with a signed JSON webhook, a STIX receiver and an e-mail address -> receipts
 * -> lessons learned become an improvement action. TLP limits hold whichever way a share
 * is attempted: the form, a hand-crafted POST, or a sharing rule. Bad input gets 422 and
 * stores nothing; other organisations get 404. */
#include "testlib.h"

#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define REPORTER "reporter@energy.example"
#define COORDINATOR "coordinator@northwind.example"
#define WEBHOOK_SECRET "s3cret-signing-key"

/* The rest of the first log line starting with prefix (static buffer), or NULL. */
static const char *log_line(const char *log, const char *prefix)
{
    static char line[65536];
    FILE *f = fopen(log, "r");
    const char *found = NULL;
    while (f && fgets(line, sizeof line, f)) {
        if (strncmp(line, prefix, strlen(prefix)) == 0) {
            line[strcspn(line, "\n")] = '\0';
            found = line + strlen(prefix);
            break;
        }
    }
    if (f)
        fclose(f);
    return found;
}

static long location_id(struct http *h, const char *pattern)
{
    long id = 0;
    ck_assert_int_eq(sscanf(http_header(h, "Location"), pattern, &id), 1);
    return id;
}

static long count(PGconn *db, const char *sql)
{
    return test_db_long(db, sql, 0, NULL);
}

/* Adds a recipient of the parent through the form; returns its id. */
static long add_recipient(struct http *coord, PGconn *db, const char *name, const char *format,
                          const char *endpoint, const char *secret, const char *max_tlp)
{
    ck_assert_int_eq(http_get(coord, "/recipients"), 200);
    ck_assert_int_eq(http_post(coord, "/recipients", "csrf_token", http_session_csrf(coord), "name",
                               name, "kind", "authority", "format", format, "endpoint", endpoint,
                               "secret", secret, "max_tlp", max_tlp, NULL),
                     303);
    /* the page confirms it by name (issue 10, defect 8) */
    ck_assert_int_eq(http_get(coord, http_header(coord, "Location")), 200);
    const char *status = strstr(coord->body, "role=\"status\"");
    ck_assert_ptr_nonnull(status);
    const char *named = strstr(status, name);
    ck_assert_msg(named && named < strstr(status, "</div>"), "no confirmation names %s", name);
    const char *p[] = {name};
    return test_db_long(db, "SELECT max(id) FROM recipients WHERE name = $1", 1, p);
}

START_TEST(event_to_shared_incident_to_lessons)
{
    ck_assert_int_ge(sodium_init(), 0);
    PGconn *db = test_db_owner();
    char webhook_log[512], stix_log[512];
    snprintf(webhook_log, sizeof webhook_log, "%s/webhook.log", test_env("TEST_DIR"));
    snprintf(stix_log, sizeof stix_log, "%s/stix.log", test_env("TEST_DIR"));
    pid_t hook = test_receiver_start(test_env("TEST_RECEIVER_PORT"), webhook_log, NULL);
    pid_t stix = test_receiver_start(test_env("TEST_RECEIVER_PORT2"), stix_log, NULL);

    /* a group company files an event */
    struct http *rep = http_new();
    ck_assert_int_eq(http_login(rep, REPORTER, test_password(REPORTER)), 303);
    ck_assert_int_eq(http_get(rep, "/events/new"), 200);
    long events_before = count(db, "SELECT count(*) FROM events");
    ck_assert_int_eq(http_post(rep, "/events", "csrf_token", http_session_csrf(rep),
                               "reporter_name", "Emma Reporter", "reporter_email", REPORTER,
                               "what_occurred", "x", "detected_at", "2026-11-20T07:15", "is_over",
                               "no", "tlp", "amber", NULL),
                     422); /* too short a description: nothing stored, input kept */
    ck_assert_ptr_nonnull(strstr(rep->body, "value=\"2026-11-20T07:15\""));
    ck_assert_int_eq(count(db, "SELECT count(*) FROM events"), events_before);
    ck_assert_int_eq(
        http_post(rep, "/events", "csrf_token", http_session_csrf(rep), "reporter_name",
                  "Emma Reporter", "reporter_email", REPORTER, "what_occurred",
                  "Many failed VPN logins from one address, then one success.", "how_occurred",
                  "Password spraying against the VPN gateway", "components_affected", "VPN gateway",
                  "detected_at", "2026-11-20T07:15", "is_over", "no", "tlp", "amber", NULL),
        303);
    long event = location_id(rep, "/events/%ld");

    /* the parent's point of contact promotes it to an incident */
    struct http *coord = http_new();
    ck_assert_int_eq(http_login(coord, COORDINATOR, test_password(COORDINATOR)), 303);
    char path[96];
    snprintf(path, sizeof path, "/events/%ld", event);
    ck_assert_int_eq(http_get(coord, path), 200);
    ck_assert_ptr_nonnull(strstr(coord->body, "Password spraying"));
    snprintf(path, sizeof path, "/events/%ld/decide", event);
    ck_assert_int_eq(
        http_post(coord, path, "csrf_token", http_session_csrf(coord), "action", "close", NULL),
        422); /* closing needs a reason */
    ck_assert_int_eq(http_post(coord, path, "csrf_token", http_session_csrf(coord), "action",
                               "promote", "title", "VPN account compromised", "category",
                               "technical_attack", NULL),
                     303);
    long incident = location_id(coord, "/incidents/%ld");
    char iid[24];
    snprintf(iid, sizeof iid, "%ld", incident);
    const char *ip[] = {iid};

    /* classification: important system x serious impact -> Critical, derivation kept */
    snprintf(path, sizeof path, "/incidents/%ld", incident);
    ck_assert_int_eq(http_get(coord, path), 200);
    snprintf(path, sizeof path, "/incidents/%ld/classify", incident);
    ck_assert_int_eq(http_post(coord, path, "csrf_token", http_session_csrf(coord), "category",
                               "technical_attack", "system_importance", "important", "impact",
                               "serious", "severity", "information", "nature", "actual", NULL),
                     422); /* overriding the derived class needs a reason */
    ck_assert_int_eq(http_post(coord, path, "csrf_token", http_session_csrf(coord), "category",
                               "technical_attack", "system_importance", "important", "impact",
                               "serious", "nature", "actual", NULL),
                     303);
    char *cls = test_db_value(db,
                              "SELECT category || ' ' || severity || ' ' || severity_derived "
                              "|| ' ' || tlp || ' ' || (event_id IS NOT NULL) FROM incidents "
                              "WHERE id = $1",
                              1, ip);
    ck_assert_str_eq(cls, "technical_attack critical critical amber true");
    free(cls);

    /* three recipients of the parent: signed webhook, STIX, e-mail */
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%s/hook", test_env("TEST_RECEIVER_PORT"));
    long r_hook =
        add_recipient(coord, db, "CSIRT webhook", "webhook", url, WEBHOOK_SECRET, "amber");
    snprintf(url, sizeof url, "http://127.0.0.1:%s/stix", test_env("TEST_RECEIVER_PORT2"));
    long r_stix = add_recipient(coord, db, "Sector ISAC STIX", "stix", url, "", "amber");
    long r_mail = add_recipient(coord, db, "Regulator mailbox", "email", "alerts@regulator.example",
                                "", "amber");
    long r_green =
        add_recipient(coord, db, "Public list", "webhook", "http://127.0.0.1:9/x", "", "green");
    char *stored = test_db_value(db,
                                 "SELECT encode(credentials, 'escape') FROM recipients "
                                 "WHERE name = 'CSIRT webhook'",
                                 0, NULL);
    ck_assert_ptr_null(strstr(stored, WEBHOOK_SECRET)); /* sealed, not stored in clear */
    free(stored);
    ck_assert_ptr_null(strstr(coord->body, WEBHOOK_SECRET));

    /* the share page: a TLP:AMBER incident cannot go to a TLP:GREEN recipient */
    snprintf(path, sizeof path, "/incidents/%ld/share", incident);
    ck_assert_int_eq(http_get(coord, path), 200);
    char field[4][40];
    long ids[4] = {r_hook, r_stix, r_mail, r_green};
    for (int k = 0; k < 4; k++)
        snprintf(field[k], sizeof field[k], "recipient_%ld", ids[k]);
    long outbox_before = count(db, "SELECT count(*) FROM outbox");
    /* a hand-crafted POST naming the GREEN recipient: refused, nothing queued */
    ck_assert_int_eq(http_post(coord, path, "csrf_token", http_session_csrf(coord), "action",
                               "approve", field[0], "1", field[3], "1", NULL),
                     422);
    ck_assert_int_eq(count(db, "SELECT count(*) FROM outbox"), outbox_before);
    /* preview, leaving the actions out and anonymising */
    ck_assert_int_eq(http_post(coord, path, "csrf_token", http_session_csrf(coord), "action",
                               "preview", field[0], "1", field[1], "1", field[2], "1", "anonymise",
                               "1", NULL),
                     200);
    ck_assert_ptr_nonnull(strstr(coord->body, "bundle--"));
    ck_assert_int_eq(count(db, "SELECT count(*) FROM outbox"), outbox_before);
    ck_assert_int_eq(http_post(coord, path, "csrf_token", http_session_csrf(coord), "action",
                               "approve", field[0], "1", field[1], "1", field[2], "1", "anonymise",
                               "1", NULL),
                     303);
    ck_assert_int_eq(count(db, "SELECT count(*) FROM outbox") - outbox_before, 3);

    /* receipts: all three delivered */
    char cond[256];
    snprintf(cond, sizeof cond,
             "SELECT count(*) = 3 FROM outbox WHERE incident_id = %ld AND state = 'delivered'",
             incident);
    ck_assert_msg(test_wait_for(cond, 30), "not every share was delivered");
    snprintf(path, sizeof path, "/incidents/%ld", incident);
    ck_assert_int_eq(http_get(coord, path), 200);
    ck_assert_ptr_nonnull(strstr(coord->body, "data-state=\"delivered\""));

    /* the webhook: signed with HMAC-SHA256 over the exact body, organisation anonymised */
    char *key = test_db_value(db,
                              "SELECT idempotency_key FROM outbox WHERE incident_id = $1 AND "
                              "recipient_id = (SELECT id FROM recipients WHERE name = "
                              "'CSIRT webhook')",
                              1, ip);
    char prefix[128];
    snprintf(prefix, sizeof prefix, "new %s ", key);
    const char *body = log_line(webhook_log, prefix);
    ck_assert_ptr_nonnull(body);
    char *body_copy = strdup(body);
    ck_assert_ptr_nonnull(strstr(body_copy, "VPN account compromised"));
    ck_assert_ptr_null(strstr(body_copy, "Northwind Energy"));
    snprintf(prefix, sizeof prefix, "sig %s ", key);
    const char *sig = log_line(webhook_log, prefix);
    ck_assert_ptr_nonnull(sig);
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, (const unsigned char *)WEBHOOK_SECRET, strlen(WEBHOOK_SECRET));
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)body_copy, strlen(body_copy));
    crypto_auth_hmacsha256_final(&st, mac);
    char hex[2 * sizeof mac + 1], expect[128];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    snprintf(expect, sizeof expect, "sha256=%s", hex);
    ck_assert_str_eq(sig, expect);
    free(body_copy);
    free(key);

    /* the STIX bundle validates against the OASIS schemas, object by object */
    key = test_db_value(db,
                        "SELECT idempotency_key FROM outbox WHERE incident_id = $1 AND "
                        "recipient_id = (SELECT id FROM recipients WHERE name = "
                        "'Sector ISAC STIX')",
                        1, ip);
    snprintf(prefix, sizeof prefix, "new %s ", key);
    body = log_line(stix_log, prefix);
    ck_assert_ptr_nonnull(body);
    ck_assert_ptr_nonnull(strstr(body, "\"type\":\"bundle\""));
    ck_assert_ptr_nonnull(strstr(body, "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"));
    {
        char file[512], cmd[1400];
        snprintf(file, sizeof file, "%s/bundle.json", test_env("TEST_DIR"));
        FILE *f = fopen(file, "w");
        ck_assert_ptr_nonnull(f);
        fputs(body, f);
        fclose(f);
        snprintf(cmd, sizeof cmd, "%s %s", test_env("TEST_STIX_VALIDATOR"), file);
        ck_assert_msg(system(cmd) == 0, "the delivered STIX bundle is not valid: %s", body);
    }
    free(key);

    /* the e-mail arrived at the SMTP sink */
    for (int i = 0;
         i < 50 && !log_line(test_env("TEST_MAIL_LOG"), "=== MAIL FROM <portal@test.example> TO "
                                                        "<alerts@regulator.example>");
         i++)
        usleep(100000);
    ck_assert_ptr_nonnull(log_line(test_env("TEST_MAIL_LOG"),
                                   "=== MAIL FROM <portal@test.example> TO "
                                   "<alerts@regulator.example>"));

    /* lessons learned by the organisation turn into an improvement action */
    snprintf(path, sizeof path, "/incidents/%ld", incident);
    ck_assert_int_eq(http_get(rep, path), 200);
    snprintf(path, sizeof path, "/incidents/%ld/lessons", incident);
    ck_assert_int_eq(http_post(rep, path, "csrf_token", http_session_csrf(rep), "what_worked",
                               "The VPN alert reached the SOC in minutes.", "to_improve",
                               "Enforce MFA on the VPN.", "action_title", "Enforce MFA on VPN",
                               "action_owner", "IT security", "action_due", "2026-12-31",
                               "action_code", "RS.IM-1", NULL),
                     303);
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM planned_actions p JOIN "
                                  "catalogue_subcategories s ON s.id = p.subcategory_id "
                                  "WHERE p.incident_id = $1 AND s.code = 'RS.IM-1'",
                                  1, ip),
                     1);
    /* every step is on the timeline */
    ck_assert_int_ge(test_db_long(db,
                                  "SELECT count(DISTINCT action) FROM timeline WHERE entity = "
                                  "'incident' AND entity_id = $1",
                                  1, ip),
                     4);

    /* another group company sees none of it */
    struct http *other = http_new();
    ck_assert_int_eq(http_login(other, "assessor@logistics.example",
                                test_password("assessor@logistics.example")),
                     303);
    snprintf(path, sizeof path, "/incidents/%ld", incident);
    ck_assert_int_eq(http_get(other, path), 404);
    snprintf(path, sizeof path, "/events/%ld", event);
    ck_assert_int_eq(http_get(other, path), 404);
    http_free(other);

    test_receiver_stop(hook);
    test_receiver_stop(stix);
    http_free(coord);
    http_free(rep);
    PQfinish(db);
}
END_TEST

/* AMBER+STRICT never leaves; RED goes only by hand to a recipient named and allowed;
 * rules release neither. */
START_TEST(tlp_limits_hold_for_form_post_and_rule)
{
    PGconn *db = test_db_owner();
    struct http *coord = http_new();
    ck_assert_int_eq(http_login(coord, COORDINATOR, test_password(COORDINATOR)), 303);
    long red_ok = add_recipient(coord, db, "Named CSIRT contact", "webhook",
                                "http://127.0.0.1:9/red", "", "red");
    /* a rule that would release every incident to it */
    ck_assert_int_eq(http_get(coord, "/recipients"), 200);
    char rid[24];
    snprintf(rid, sizeof rid, "%ld", red_ok);
    ck_assert_int_eq(http_post(coord, "/sharing-rules", "csrf_token", http_session_csrf(coord),
                               "recipient_id", rid, "min_severity", "information", NULL),
                     303);
    ck_assert_int_eq(http_get(coord, http_header(coord, "Location")), 200);
    ck_assert_ptr_nonnull(
        strstr(coord->body, "Sharing rule saved for <strong>Named CSIRT contact"));

    struct http *rep = http_new();
    ck_assert_int_eq(http_login(rep, REPORTER, test_password(REPORTER)), 303);
    const char *levels[] = {"amber_strict", "red"};
    for (int k = 0; k < 2; k++) {
        long before = count(db, "SELECT count(*) FROM outbox");
        ck_assert_int_eq(http_get(rep, "/incidents/new"), 200);
        ck_assert_int_eq(http_post(rep, "/incidents", "csrf_token", http_session_csrf(rep), "title",
                                   "Restricted incident", "detected_at", "2026-11-20T07:15",
                                   "description", "Only for named eyes, never by a rule.",
                                   "category", "malware", "severity", "emergency", "tlp", levels[k],
                                   NULL),
                         303);
        long incident = location_id(rep, "/incidents/%ld");
        /* the rule released nothing */
        ck_assert_int_eq(count(db, "SELECT count(*) FROM outbox"), before);
        char path[96], field[40];
        snprintf(path, sizeof path, "/incidents/%ld/share", incident);
        snprintf(field, sizeof field, "recipient_%ld", red_ok);
        ck_assert_int_eq(http_get(coord, path), 200);
        long status = http_post(coord, path, "csrf_token", http_session_csrf(coord), "action",
                                "approve", field, "1", NULL);
        if (k == 0) {
            ck_assert_int_eq(status, 422); /* AMBER+STRICT: not even a named recipient */
            ck_assert_int_eq(count(db, "SELECT count(*) FROM outbox"), before);
        } else {
            ck_assert_int_eq(status, 303); /* RED: named by hand, may receive RED */
            ck_assert_int_eq(count(db, "SELECT count(*) FROM outbox"), before + 1);
        }
        /* and the database refuses a rule's RED or AMBER+STRICT share even if asked */
        char sql[512];
        snprintf(sql, sizeof sql,
                 "INSERT INTO shares (incident_id, org_id, rule_id) SELECT %ld, org_id, id "
                 "FROM sharing_rules WHERE recipient_id = %ld RETURNING id",
                 incident, red_ok);
        long share = test_db_long(db, sql, 0, NULL);
        snprintf(sql, sizeof sql,
                 "INSERT INTO outbox (org_id, recipient_id, recipient_org_id, incident_id, "
                 "share_id, kind, payload) SELECT org_id, %ld, org_id, %ld, %ld, 'x', '{}' "
                 "FROM recipients WHERE id = %ld",
                 red_ok, incident, share, red_ok);
        PGresult *res = PQexec(db, sql);
        ck_assert_int_eq(PQresultStatus(res), PGRES_FATAL_ERROR);
        ck_assert_str_eq(PQresultErrorField(res, PG_DIAG_SQLSTATE), "42501");
        PQclear(res);
    }
    free(test_db_value(db, "UPDATE sharing_rules SET active = false", 0, NULL));
    /* the named contact does not exist: keep the forwarder from retrying it */
    snprintf(rid, sizeof rid, "%ld", red_ok);
    const char *rp[] = {rid};
    free(test_db_value(db,
                       "UPDATE outbox SET next_attempt_at = now() + interval '1 day' "
                       "WHERE recipient_id = $1::bigint",
                       1, rp));
    free(test_db_value(db,
                       "UPDATE recipients SET active = false WHERE url LIKE "
                       "'http://127.0.0.1:9/%'",
                       0, NULL));
    http_free(rep);
    http_free(coord);
    PQfinish(db);
}
END_TEST

/* A vulnerability report (Annex B.4): filed by the group company, resolved by the parent's
 * point of contact, on its timeline. */
START_TEST(vulnerability_reported_and_resolved)
{
    PGconn *db = test_db_owner();
    struct http *rep = http_new(), *coord = http_new();
    ck_assert_int_eq(http_login(rep, REPORTER, test_password(REPORTER)), 303);
    ck_assert_int_eq(http_login(coord, COORDINATOR, test_password(COORDINATOR)), 303);
    ck_assert_int_eq(http_get(rep, "/vulnerabilities/new"), 200);
    long before = count(db, "SELECT count(*) FROM vulnerabilities");
    ck_assert_int_eq(http_post(rep, "/vulnerabilities", "csrf_token", http_session_csrf(rep),
                               "reporter_name", "Emma Reporter", "reporter_email", REPORTER,
                               "description", "The VPN gateway firmware is two years old.", "tlp",
                               "amber", NULL),
                     422); /* where it is: required */
    ck_assert_ptr_nonnull(strstr(rep->body, "two years old"));
    ck_assert_int_eq(count(db, "SELECT count(*) FROM vulnerabilities"), before);
    ck_assert_int_eq(http_post(rep, "/vulnerabilities", "csrf_token", http_session_csrf(rep),
                               "reporter_name", "Emma Reporter", "reporter_email", REPORTER,
                               "description", "The VPN gateway firmware is two years old.",
                               "location", "VPN gateway vpn1", "how_found", "Patch audit", "tlp",
                               "amber", NULL),
                     303);
    long id = location_id(rep, "/vulnerabilities/%ld");
    char path[80];
    snprintf(path, sizeof path, "/vulnerabilities/%ld", id);
    ck_assert_int_eq(http_get(coord, path), 200);
    ck_assert_ptr_nonnull(strstr(coord->body, "VUL-"));
    snprintf(path, sizeof path, "/vulnerabilities/%ld/resolve", id);
    ck_assert_int_eq(
        http_post(coord, path, "csrf_token", http_session_csrf(coord), "resolution", "", NULL),
        422);
    ck_assert_int_eq(http_post(coord, path, "csrf_token", http_session_csrf(coord), "resolution",
                               "Firmware updated to 7.2 on 2026-11-25.", NULL),
                     303);
    char vid[24];
    snprintf(vid, sizeof vid, "%ld", id);
    const char *p[] = {vid};
    char *state = test_db_value(db,
                                "SELECT status || ' ' || (SELECT count(*) FROM timeline WHERE "
                                "entity = 'vulnerability' AND entity_id = v.id) "
                                "FROM vulnerabilities v WHERE id = $1",
                                1, p);
    ck_assert_str_eq(state, "resolved 2");
    free(state);
    /* another group company does not see it */
    struct http *other = http_new();
    ck_assert_int_eq(http_login(other, "assessor@logistics.example",
                                test_password("assessor@logistics.example")),
                     303);
    snprintf(path, sizeof path, "/vulnerabilities/%ld", id);
    ck_assert_int_eq(http_get(other, path), 404);
    http_free(other);
    http_free(coord);
    http_free(rep);
    PQfinish(db);
}
END_TEST

static Suite *incident_flow_suite(void)
{
    Suite *s = suite_create("incident_flow");
    TCase *tc = tcase_create("flow");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, event_to_shared_incident_to_lessons);
    tcase_add_test(tc, tlp_limits_hold_for_form_post_and_rule);
    tcase_add_test(tc, vulnerability_reported_and_resolved);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(incident_flow_suite)
