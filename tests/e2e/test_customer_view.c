/* test_customer_view.c - a supplier's incident and its customers through nginx: the
 * customer's coordinator finds none of the supplier's regulatory obligations in the queue,
 * none of its lessons' improvements on the supplier's scores page; a TLP:AMBER+STRICT
 * incident cannot be shown to customers, and the form for a TLP:RED one says that each
 * customer ticked is a named recipient; a reporter cannot re-classify an incident (a
 * coordinator can), and the classification form says which sharing rule will release it;
 * the share form marks a recipient that has the incident, and sending it again is an
 * explicit update of the same STIX object. */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SUPPLIER_USER "assessor@acme.example" /* assessor and incident reporter of Acme */
#define CUSTOMER "coordinator@northwind.example"
#define REPORTER "reporter@energy.example"

static struct http *signed_in(const char *email)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, email, test_password(email)), 303);
    ck_assert_int_eq(http_get(h, "/"), 200);
    return h;
}

/* Reports an incident as h with a title unique to this run; returns its id. */
static long report(struct http *h, const char *title, const char *tlp, const char *severity)
{
    ck_assert_int_eq(http_get(h, "/incidents/new"), 200);
    ck_assert_int_eq(http_post(h, "/incidents", "csrf_token", http_session_csrf(h), "title", title,
                               "detected_at", "2026-11-21T09:00", "description",
                               "SECRET-DESCRIPTION: a bucket with backups was public.", "category",
                               "compromise_of_information", "severity", severity, "tlp", tlp, NULL),
                     303);
    long id = 0;
    ck_assert_int_eq(sscanf(http_header(h, "Location"), "/incidents/%ld", &id), 1);
    return id;
}

static void unique_title(char *out, size_t len, const char *what)
{
    snprintf(out, len, "%s %d-%ld", what, (int)getpid(), (long)time(NULL));
}

/* hole 2: obligations are the supplier's own business */
START_TEST(customer_queue_has_no_supplier_obligations)
{
    PGconn *db = test_db_owner();
    struct http *sup = signed_in(SUPPLIER_USER);
    char title[96], path[64], field[40], id[24];
    unique_title(title, sizeof title, "Obligation of a supplier");
    long incident = report(sup, title, "amber", "warning");
    snprintf(id, sizeof id, "%ld", incident);
    const char *p[] = {id};
    /* flagged under NIS2 with its first report due (as the supplier's coordinator would) */
    free(test_db_value(db,
                       "WITH u AS (UPDATE incidents SET reportable_nis2 = true, "
                       "  awareness_at = now() WHERE id = $1) "
                       "INSERT INTO notification_obligations (incident_id, regime, report, due_at) "
                       "VALUES ($1, 'nis2', 'early_warning', now() + interval '20 hours')",
                       1, p));
    /* the customer was chosen for it */
    snprintf(path, sizeof path, "/incidents/%ld/customers", incident);
    snprintf(field, sizeof field, "customer_%ld", test_org_id(db, "Northwind Group"));
    ck_assert_int_eq(http_get(sup, "/incidents"), 200);
    ck_assert_int_eq(http_post(sup, path, "csrf_token", http_session_csrf(sup), field, "1", NULL),
                     303);

    struct http *cust = signed_in(CUSTOMER);
    snprintf(path, sizeof path, "/incidents/%ld", incident);
    ck_assert_int_eq(http_get(cust, path), 200); /* the customer sees the incident */
    ck_assert_ptr_nonnull(strstr(cust->body, title));
    ck_assert_ptr_null(strstr(cust->body, "SECRET-DESCRIPTION")); /* not chosen */
    ck_assert_int_eq(http_get(cust, "/queue"), 200);
    ck_assert_msg(strstr(cust->body, title) == NULL,
                  "the customer's queue shows the supplier's obligation");
    http_free(cust);
    http_free(sup);
    PQfinish(db);
}
END_TEST

/* hole 6: lessons learned stay with the supplier */
START_TEST(lessons_do_not_reach_the_overseeing_customer)
{
    PGconn *db = test_db_owner();
    struct http *sup = signed_in(SUPPLIER_USER);
    char title[96], action[96], path[64];
    unique_title(title, sizeof title, "Lessons of a supplier");
    unique_title(action, sizeof action, "SECRET-IMPROVEMENT rotate keys");
    long incident = report(sup, title, "amber", "warning");
    snprintf(path, sizeof path, "/incidents/%ld", incident);
    ck_assert_int_eq(http_get(sup, path), 200);
    snprintf(path, sizeof path, "/incidents/%ld/lessons", incident);
    ck_assert_int_eq(http_post(sup, path, "csrf_token", http_session_csrf(sup), "what_worked",
                               "Detection within minutes", "to_improve", "Bucket policies",
                               "action_title", action, "action_owner", "Ops team", "action_due",
                               "2027-01-31", "action_code", "RS.IM-1", NULL),
                     303);
    long acme = test_org_id(db, "Acme Cloud Services");
    snprintf(path, sizeof path, "/organisations/%ld/scores", acme);
    ck_assert_int_eq(http_get(sup, path), 200);
    ck_assert_ptr_nonnull(strstr(sup->body, action)); /* the supplier plans it */
    struct http *cust = signed_in(CUSTOMER);
    ck_assert_int_eq(http_get(cust, path), 200); /* the customer oversees Acme's scores */
    ck_assert_msg(strstr(cust->body, action) == NULL,
                  "a supplier's lessons reach the customer as planned actions");
    http_free(cust);
    http_free(sup);
    PQfinish(db);
}
END_TEST

/* hole 5: TLP 2.0 on the way to customers */
START_TEST(amber_strict_is_never_shown_to_customers)
{
    PGconn *db = test_db_owner();
    struct http *sup = signed_in(SUPPLIER_USER);
    char title[96], path[64], field[40];
    unique_title(title, sizeof title, "Strictly internal");
    long incident = report(sup, title, "amber_strict", "warning");
    snprintf(path, sizeof path, "/incidents/%ld", incident);
    ck_assert_int_eq(http_get(sup, path), 200);
    snprintf(path, sizeof path, "/incidents/%ld/customers", incident);
    snprintf(field, sizeof field, "customer_%ld", test_org_id(db, "Northwind Group"));
    ck_assert_int_eq(http_post(sup, path, "csrf_token", http_session_csrf(sup), field, "1",
                               "share_description", "1", NULL),
                     422);
    ck_assert_ptr_nonnull(strstr(sup->body, "TLP:AMBER+STRICT: it stays within"));
    char id[24];
    snprintf(id, sizeof id, "%ld", incident);
    const char *p[] = {id};
    ck_assert_int_eq(
        test_db_long(db, "SELECT count(*) FROM incident_customers WHERE incident_id = $1", 1, p),
        0);
    struct http *cust = signed_in(CUSTOMER);
    snprintf(path, sizeof path, "/incidents/%ld", incident);
    ck_assert_int_eq(http_get(cust, path), 404);
    ck_assert_int_eq(http_get(cust, "/incidents"), 200);
    ck_assert_ptr_null(strstr(cust->body, title));

    /* RED: the form says that a customer ticked is a named recipient */
    unique_title(title, sizeof title, "Named recipients only");
    incident = report(sup, title, "red", "warning");
    snprintf(path, sizeof path, "/incidents/%ld", incident);
    ck_assert_int_eq(http_get(sup, path), 200);
    ck_assert_ptr_nonnull(strstr(sup->body, "each customer you tick becomes a named recipient"));
    http_free(cust);
    http_free(sup);
    PQfinish(db);
}
END_TEST

/* hole 9: classification (which drives sharing rules) is a coordinator's act */
START_TEST(only_a_coordinator_classifies_and_sees_the_rules_fire)
{
    PGconn *db = test_db_owner();
    char name[96];
    unique_title(name, sizeof name, "Rule CSIRT");
    const char *p[] = {name};
    /* a rule of the parent releasing emergencies to a recipient */
    free(test_db_value(db,
                       "WITH r AS (INSERT INTO recipients (org_id, name, url, active) SELECT id, "
                       "$1, 'https://csirt.invalid/hook', true FROM organisations "
                       "WHERE name = 'Northwind Group' RETURNING id, org_id) "
                       "INSERT INTO sharing_rules (org_id, recipient_id, min_severity, created_by) "
                       "SELECT r.org_id, r.id, 'emergency', u.id FROM r, users u "
                       "WHERE u.email = 'coordinator@northwind.example'",
                       1, p));
    struct http *rep = signed_in(REPORTER);
    char title[96], path[64];
    unique_title(title, sizeof title, "Reclassified");
    long incident = report(rep, title, "amber", "information");
    snprintf(path, sizeof path, "/incidents/%ld", incident);
    ck_assert_int_eq(http_get(rep, path), 200);
    snprintf(path, sizeof path, "/incidents/%ld/classify", incident);
    ck_assert_int_eq(http_post(rep, path, "csrf_token", http_session_csrf(rep), "category",
                               "compromise_of_information", "system_importance",
                               "especially_important", "impact", "especially_serious", "nature",
                               "actual", NULL),
                     403);
    char id[24];
    snprintf(id, sizeof id, "%ld", incident);
    const char *q[] = {id};
    char *sev = test_db_value(db, "SELECT severity FROM incidents WHERE id = $1", 1, q);
    ck_assert_str_eq(sev, "information");
    free(sev);
    ck_assert_int_eq(test_db_long(db, "SELECT count(*) FROM shares WHERE incident_id = $1", 1, q),
                     0);
    /* the reporter is not shown the classification form */
    snprintf(path, sizeof path, "/incidents/%ld", incident);
    ck_assert_int_eq(http_get(rep, path), 200);
    ck_assert_ptr_null(strstr(rep->body, "/classify\""));

    /* the coordinator's form names the rule and whether it fires */
    struct http *coord = signed_in("coordinator@northwind.example");
    ck_assert_int_eq(http_get(coord, path), 200);
    ck_assert_ptr_nonnull(strstr(coord->body, name));
    ck_assert_ptr_nonnull(strstr(coord->body, "does not release"));
    snprintf(path, sizeof path, "/incidents/%ld/classify", incident);
    ck_assert_int_eq(http_post(coord, path, "csrf_token", http_session_csrf(coord), "category",
                               "compromise_of_information", "system_importance",
                               "especially_important", "impact", "especially_serious", "nature",
                               "actual", NULL),
                     303);
    ck_assert_int_eq(test_db_long(db, "SELECT count(*) FROM shares WHERE incident_id = $1", 1, q),
                     1);
    snprintf(path, sizeof path, "/incidents/%ld", incident);
    ck_assert_int_eq(http_get(coord, path), 200);
    ck_assert_ptr_nonnull(strstr(coord->body, "already released by this rule"));
    /* leave no active rule behind for the other tests */
    free(test_db_value(db,
                       "UPDATE sharing_rules SET active = false WHERE recipient_id IN "
                       "(SELECT id FROM recipients WHERE name = $1)",
                       1, p));
    free(test_db_value(db, "UPDATE recipients SET active = false WHERE name = $1", 1, p));
    http_free(coord);
    http_free(rep);
    PQfinish(db);
}
END_TEST

/* The id, created and modified of the STIX incident object in outbox row n (0 = first)
 * of the recipient called name, joined with '|' (malloc'd). */
static char *stix_incident_of(PGconn *db, const char *name, int n)
{
    char nth[8];
    snprintf(nth, sizeof nth, "%d", n);
    const char *p[] = {name, nth};
    return test_db_value(
        db,
        "SELECT concat_ws('|', o->>'id', o->>'created', o->>'modified') "
        "FROM (SELECT payload FROM outbox WHERE recipient_id = "
        "  (SELECT id FROM recipients WHERE name = $1) ORDER BY id "
        "  OFFSET $2::int LIMIT 1) x, jsonb_array_elements(x.payload->'objects') o "
        "WHERE o->>'type' = 'incident'",
        2, p);
}

/* hole 9: a recipient that has the incident is marked, and a second send is an update */
START_TEST(second_send_is_an_explicit_update)
{
    PGconn *db = test_db_owner();
    char name[96], url[128];
    unique_title(name, sizeof name, "STIX ISAC");
    snprintf(url, sizeof url, "http://127.0.0.1:%s/stix", test_env("TEST_RECEIVER_PORT2"));
    const char *p[] = {name, url};
    long rid = test_db_long(db,
                            "INSERT INTO recipients (org_id, name, url, format) SELECT id, $1, "
                            "$2, 'stix' FROM organisations WHERE name = 'Northwind Group' "
                            "RETURNING id",
                            2, p);
    struct http *rep = signed_in(REPORTER);
    char title[96], path[64], field[40];
    unique_title(title, sizeof title, "Shared twice");
    long incident = report(rep, title, "amber", "warning");
    struct http *coord = signed_in("coordinator@northwind.example");
    snprintf(path, sizeof path, "/incidents/%ld/share", incident);
    snprintf(field, sizeof field, "recipient_%ld", rid);
    ck_assert_int_eq(http_get(coord, path), 200);
    ck_assert_ptr_null(strstr(coord->body, "sent on"));
    ck_assert_int_eq(http_post(coord, path, "csrf_token", http_session_csrf(coord), "action",
                               "approve", field, "1", NULL),
                     303);
    ck_assert_int_eq(http_get(coord, path), 200);
    ck_assert_ptr_nonnull(strstr(coord->body, "sent on"));
    /* sending again without saying it is an update: refused, nothing queued */
    const char *q[] = {name};
    const char *count_sql = "SELECT count(*) FROM outbox WHERE recipient_id = "
                            "(SELECT id FROM recipients WHERE name = $1)";
    ck_assert_int_eq(test_db_long(db, count_sql, 1, q), 1);
    ck_assert_int_eq(http_post(coord, path, "csrf_token", http_session_csrf(coord), "action",
                               "approve", field, "1", NULL),
                     422);
    ck_assert_int_eq(test_db_long(db, count_sql, 1, q), 1);
    sleep(1); /* a later modification time */
    ck_assert_int_eq(http_post(coord, path, "csrf_token", http_session_csrf(coord), "action",
                               "approve", field, "1", "update", "1", NULL),
                     303);
    ck_assert_int_eq(test_db_long(db, count_sql, 1, q), 2);
    char *first = stix_incident_of(db, name, 0), *second = stix_incident_of(db, name, 1);
    /* the same object, created when first sent, modified later */
    char *bar1 = strrchr(first, '|'), *bar2 = strrchr(second, '|');
    ck_assert_ptr_nonnull(bar1);
    ck_assert_ptr_nonnull(bar2);
    ck_assert_int_eq((int)(bar1 - first), (int)(bar2 - second));
    ck_assert_msg(strncmp(first, second, (size_t)(bar1 - first)) == 0, "%s vs %s", first, second);
    ck_assert_msg(strcmp(bar2 + 1, bar1 + 1) > 0, "modified not later: %s vs %s", first, second);
    free(first);
    free(second);
    free(test_db_value(db, "UPDATE recipients SET active = false WHERE name = $1", 1, q));
    http_free(coord);
    http_free(rep);
    PQfinish(db);
}
END_TEST

static Suite *customer_view_suite(void)
{
    Suite *s = suite_create("customer_view");
    TCase *tc = tcase_create("customers");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, customer_queue_has_no_supplier_obligations);
    tcase_add_test(tc, lessons_do_not_reach_the_overseeing_customer);
    tcase_add_test(tc, amber_strict_is_never_shown_to_customers);
    tcase_add_test(tc, only_a_coordinator_classifies_and_sees_the_rules_fire);
    tcase_add_test(tc, second_send_is_an_explicit_update);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(customer_view_suite)
