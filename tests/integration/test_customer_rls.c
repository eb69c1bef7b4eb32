/* test_customer_rls.c - a supplier's incident as the database shows it to others, checked
 * in SQL as the portal's role: a customer the supplier chose reads the customer_incidents
 * view (title, classification, exactly the parts chosen) and nothing of the base tables:
 * not the incident row, its regulatory obligations and the text sent to authorities, its
 * lessons, shares, timeline or the improvements planned from it; it cannot write into the
 * supplier's timeline; TLP:AMBER+STRICT never reaches a customer; only a coordinator
 * classifies; update policies check the new row. */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static PGconn *owner;
static char suffix[32];
static long supplier, customer, other_customer, s_coord, s_reporter, c_coord, d_coord;
static long incident;

static long make_org(const char *name)
{
    char full[128];
    snprintf(full, sizeof full, "%s %s", name, suffix);
    const char *p[] = {full};
    return test_db_long(owner, "INSERT INTO organisations (name) VALUES ($1) RETURNING id", 1, p);
}

static long make_user(const char *who, long org, const char *role)
{
    char email[128], oid[24];
    snprintf(email, sizeof email, "%s.%s@customer-rls.example", who, suffix);
    snprintf(oid, sizeof oid, "%ld", org);
    const char *p[] = {email, oid, role};
    return test_db_long(owner,
                        "WITH u AS (INSERT INTO users (email, display_name) VALUES ($1, $1) "
                        "RETURNING id), m AS (INSERT INTO memberships (user_id, org_id, role) "
                        "SELECT id, $2, $3 FROM u) SELECT id FROM u",
                        3, p);
}

/* owner runs sql with $1 = a, $2 = b (as text) */
static void owner_exec(const char *sql, long a, long b)
{
    char x[24], y[24];
    snprintf(x, sizeof x, "%ld", a);
    snprintf(y, sizeof y, "%ld", b);
    const char *p[] = {x, y};
    free(test_db_value(owner, sql, strstr(sql, "$2") ? 2 : 1, p));
}

static void setup(void)
{
    snprintf(suffix, sizeof suffix, "%d", (int)getpid());
    owner = test_db_owner();
    supplier = make_org("RLS Supplier");
    customer = make_org("RLS Customer");
    other_customer = make_org("RLS Other Customer");
    owner_exec("INSERT INTO org_relations (parent_id, child_id, kind) "
               "VALUES ($1, $2, 'supplier')",
               customer, supplier);
    owner_exec("INSERT INTO org_relations (parent_id, child_id, kind) "
               "VALUES ($1, $2, 'supplier')",
               other_customer, supplier);
    s_coord = make_user("scoord", supplier, "coordinator");
    s_reporter = make_user("sreporter", supplier, "incident_reporter");
    c_coord = make_user("ccoord", customer, "coordinator");
    d_coord = make_user("dcoord", other_customer, "coordinator");

    char sid[24], uid[24];
    snprintf(sid, sizeof sid, "%ld", supplier);
    snprintf(uid, sizeof uid, "%ld", s_reporter);
    const char *p[] = {sid, uid};
    incident = test_db_long(
        owner,
        "INSERT INTO incidents (org_id, title, detected_at, description, category, severity, "
        "  tlp, reported_by, actions_taken, reportable_nis2) "
        "VALUES ($1, 'Storage outage', now(), 'SECRET-DESCRIPTION of the outage', "
        "  'technical_failure', 'warning', 'amber', $2, 'SECRET-ACTIONS', true) RETURNING id",
        2, p);
    owner_exec("INSERT INTO incident_customers (incident_id, customer_org_id, fields, chosen_by) "
               "SELECT $1, $2, '{actions}', reported_by FROM incidents WHERE id = $1",
               incident, customer);
    owner_exec("INSERT INTO notification_obligations (incident_id, regime, report, due_at, "
               "  sent_at, sent_to, sent_body) VALUES ($1, 'nis2', 'early_warning', now(), "
               "  now(), 'csirt@authority.example', 'SECRET-SENT-BODY'), "
               "($1, 'nis2', 'notification', now() + interval '1 day', NULL, '', '')",
               incident, 0);
    owner_exec("INSERT INTO lessons (incident_id, what_worked, to_improve, created_by) "
               "VALUES ($1, 'SECRET-WORKED', 'SECRET-IMPROVE', $2)",
               incident, s_reporter);
    owner_exec("INSERT INTO planned_actions (org_id, title, owner_name, due_date, incident_id, "
               "  created_by) SELECT org_id, 'SECRET-ACTION from lessons', 'Ops', "
               "  current_date + 30, id, $2 FROM incidents WHERE id = $1",
               incident, s_reporter);
    owner_exec("INSERT INTO shares (incident_id, org_id, approved_by) "
               "SELECT id, org_id, $2 FROM incidents WHERE id = $1",
               incident, s_coord);
    owner_exec("INSERT INTO timeline (org_id, entity, entity_id, user_id, who, action, detail) "
               "SELECT org_id, 'incident', id, $2, 'x', 'reported', 'SECRET-TIMELINE' "
               "FROM incidents WHERE id = $1",
               incident, s_reporter);
}

static void teardown(void)
{
    PQfinish(owner);
}

/* A connection as portal_app inside a transaction acting for user. */
static PGconn *app_as(long user)
{
    PGconn *db = test_db_app();
    char id[24];
    snprintf(id, sizeof id, "%ld", user);
    const char *p[] = {id};
    free(test_db_value(db, "BEGIN", 0, NULL));
    free(test_db_value(db, "SELECT set_config('app.user_id', $1, true)", 1, p));
    return db;
}

static long count_as(long user, const char *sql, long arg)
{
    PGconn *db = app_as(user);
    char a[24];
    snprintf(a, sizeof a, "%ld", arg);
    const char *p[] = {a};
    long n = test_db_long(db, sql, 1, p);
    PQfinish(db);
    return n;
}

static char *value_as(long user, const char *sql, long arg)
{
    PGconn *db = app_as(user);
    char a[24];
    snprintf(a, sizeof a, "%ld", arg);
    const char *p[] = {a};
    char *v = test_db_value(db, sql, 1, p);
    PQfinish(db);
    return v;
}

/* The SQLSTATE of sql run as user with $1 = a, $2 = b ("" when it succeeds). */
static void state_as(long user, const char *sql, long a, long b, char out[8])
{
    PGconn *db = app_as(user);
    char x[24], y[24];
    snprintf(x, sizeof x, "%ld", a);
    snprintf(y, sizeof y, "%ld", b);
    const char *p[] = {x, y};
    PGresult *res = PQexecParams(db, sql, 2, NULL, p, NULL, NULL, 0);
    const char *st =
        PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK
            ? ""
            : PQresultErrorField(res, PG_DIAG_SQLSTATE);
    snprintf(out, 8, "%s", st ? st : "?");
    PQclear(res);
    PQfinish(db);
}

START_TEST(customer_reads_nothing_of_the_base_tables)
{
    /* hole 4: the whole row, the sent report, lessons, shares, timeline */
    static const char *const base[] = {
        "SELECT count(*) FROM incidents WHERE id = $1",
        "SELECT count(*) FROM notification_obligations WHERE incident_id = $1",
        "SELECT count(*) FROM lessons WHERE incident_id = $1",
        "SELECT count(*) FROM shares WHERE incident_id = $1",
        "SELECT count(*) FROM timeline WHERE entity = 'incident' AND entity_id = $1",
        "SELECT count(*) FROM planned_actions WHERE incident_id = $1",
    };
    for (size_t k = 0; k < sizeof base / sizeof base[0]; k++) {
        ck_assert_msg(count_as(c_coord, base[k], incident) == 0, "customer sees: %s", base[k]);
        ck_assert_msg(count_as(d_coord, base[k], incident) == 0, "other sees: %s", base[k]);
        ck_assert_msg(count_as(s_reporter, base[k], incident) >= 1, "supplier misses: %s", base[k]);
    }
}
END_TEST

START_TEST(customer_sees_exactly_the_chosen_parts)
{
    ck_assert_int_eq(
        count_as(c_coord, "SELECT count(*) FROM customer_incidents WHERE id = $1", incident), 1);
    ck_assert_int_eq(
        count_as(d_coord, "SELECT count(*) FROM customer_incidents WHERE id = $1", incident), 0);
    char *v = value_as(c_coord,
                       "SELECT title || '|' || description || '|' || how_occurred || '|' || "
                       "  actions_taken || '|' || coalesce(estimated_cost::text, '') "
                       "FROM customer_incidents WHERE id = $1",
                       incident);
    ck_assert_str_eq(v, "Storage outage|||SECRET-ACTIONS|");
    free(v);
    /* the view has no column for the sent report, lessons or internal fields */
    ck_assert_int_eq(count_as(c_coord,
                              "SELECT count(*) FROM information_schema.columns "
                              "WHERE table_name = 'customer_incidents' AND column_name = ANY "
                              "(ARRAY['perpetrator', 'motivation', 'notified', 'sent_body', "
                              "'severity_reason', 'conclusion', 'related_incidents']) AND $1 > 0",
                              incident),
                     0);
}
END_TEST

START_TEST(customer_cannot_write_the_suppliers_timeline)
{
    char st[8];
    state_as(c_coord,
             "INSERT INTO timeline (org_id, entity, entity_id, user_id, who, action) "
             "VALUES ($1, 'incident', $2, app.current_user_id(), 'forged', 'status')",
             supplier, incident, st);
    ck_assert_str_eq(st, "42501");
    /* nor its own organisation's timeline about the supplier's incident */
    state_as(c_coord,
             "INSERT INTO timeline (org_id, entity, entity_id, user_id, who, action) "
             "VALUES ($1, 'incident', $2, app.current_user_id(), 'forged', 'status')",
             customer, incident, st);
    ck_assert_str_eq(st, "42501");
    state_as(s_reporter,
             "INSERT INTO timeline (org_id, entity, entity_id, user_id, who, action) "
             "VALUES ($1, 'incident', $2, app.current_user_id(), 'own', 'status')",
             supplier, incident, st);
    ck_assert_str_eq(st, "");
}
END_TEST

START_TEST(amber_strict_never_reaches_a_customer)
{
    owner_exec("UPDATE incidents SET tlp = 'amber_strict' WHERE id = $1 AND $2 = 0", incident, 0);
    ck_assert_int_eq(
        count_as(c_coord, "SELECT count(*) FROM customer_incidents WHERE id = $1", incident), 0);
    char st[8];
    state_as(s_reporter,
             "INSERT INTO incident_customers (incident_id, customer_org_id, chosen_by) "
             "VALUES ($1, $2, app.current_user_id())",
             incident, other_customer, st);
    ck_assert_str_eq(st, "42501");
    /* RED: the customer named for it is a named recipient and sees it */
    owner_exec("UPDATE incidents SET tlp = 'red' WHERE id = $1 AND $2 = 0", incident, 0);
    ck_assert_int_eq(
        count_as(c_coord, "SELECT count(*) FROM customer_incidents WHERE id = $1", incident), 1);
    ck_assert_int_eq(
        count_as(d_coord, "SELECT count(*) FROM customer_incidents WHERE id = $1", incident), 0);
    owner_exec("UPDATE incidents SET tlp = 'amber' WHERE id = $1 AND $2 = 0", incident, 0);
}
END_TEST

START_TEST(only_a_coordinator_classifies)
{
    char st[8];
    state_as(s_reporter, "UPDATE incidents SET severity = 'emergency' WHERE id = $1 AND $2 = 0",
             incident, 0, st);
    ck_assert_str_eq(st, "42501");
    state_as(s_reporter, "UPDATE incidents SET tlp = 'clear' WHERE id = $1 AND $2 = 0", incident, 0,
             st);
    ck_assert_str_eq(st, "42501");
    /* the reporter still describes it further */
    state_as(s_reporter, "UPDATE incidents SET how_occurred = 'a disk' WHERE id = $1 AND $2 = 0",
             incident, 0, st);
    ck_assert_str_eq(st, "");
    state_as(s_coord, "UPDATE incidents SET severity = 'critical' WHERE id = $1 AND $2 = 0",
             incident, 0, st);
    ck_assert_str_eq(st, "");
}
END_TEST

START_TEST(update_policies_check_the_new_row)
{
    ck_assert_int_eq(count_as(c_coord,
                              "SELECT count(*) FROM pg_policies WHERE tablename IN "
                              "('incidents', 'events', 'vulnerabilities') AND cmd = 'UPDATE' "
                              "AND (with_check IS NULL OR with_check = 'true') AND $1 > 0",
                              incident),
                     0);
    /* a coordinator deciding on an event cannot leave it undecided with other contents */
    char sid[24], uid[24];
    snprintf(sid, sizeof sid, "%ld", supplier);
    snprintf(uid, sizeof uid, "%ld", s_coord);
    const char *p[] = {sid, uid};
    long event = test_db_long(owner,
                              "INSERT INTO events (org_id, reporter_name, reporter_email, "
                              "  what_occurred, detected_at, created_by) "
                              "VALUES ($1, 'R', 'r@x.example', 'original', now(), $2) "
                              "RETURNING id",
                              2, p);
    char st[8];
    state_as(s_coord, "UPDATE events SET what_occurred = 'rewritten' WHERE id = $1 AND $2 = 0",
             event, 0, st);
    ck_assert_str_eq(st, "42501");
    state_as(s_coord,
             "UPDATE events SET status = 'closed_not_incident', decision_reason = 'noise' "
             "WHERE id = $1 AND $2 = 0",
             event, 0, st);
    ck_assert_str_eq(st, "");
}
END_TEST

static Suite *customer_rls_suite(void)
{
    Suite *s = suite_create("customer_rls");
    TCase *tc = tcase_create("customers");
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, customer_reads_nothing_of_the_base_tables);
    tcase_add_test(tc, customer_sees_exactly_the_chosen_parts);
    tcase_add_test(tc, customer_cannot_write_the_suppliers_timeline);
    tcase_add_test(tc, amber_strict_never_reaches_a_customer);
    tcase_add_test(tc, only_a_coordinator_classifies);
    tcase_add_test(tc, update_policies_check_the_new_row);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(customer_rls_suite)
