/* test_action_rls.c - improvement actions as the database lets each person touch them,
 * in SQL as the portal's role: an org_admin of a parent that oversees a supplier may
 * create an action for it (assigned by the parent) and its history row; the supplier's
 * admin sees it and updates its status; a stranger (another parent's admin) neither sees,
 * creates, updates nor writes history. */
#include "testlib.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static PGconn *owner;
static char suffix[32], parent_email[128], child_email[128], stranger_email[128];
static long parent, child, stranger;

static long make_org(const char *name)
{
    char full[128];
    snprintf(full, sizeof full, "%s %s", name, suffix);
    const char *p[] = {full};
    return test_db_long(owner, "INSERT INTO organisations (name) VALUES ($1) RETURNING id", 1, p);
}

static void make_admin(char *email, size_t size, const char *who, long org)
{
    char oid[24];
    snprintf(email, size, "%s.%s@action-rls.example", who, suffix);
    snprintf(oid, sizeof oid, "%ld", org);
    const char *p[] = {email, oid};
    free(test_db_value(owner,
                       "WITH u AS (INSERT INTO users (email, display_name) VALUES ($1, $1) "
                       "RETURNING id) INSERT INTO memberships (user_id, org_id, role) "
                       "SELECT id, $2, 'org_admin' FROM u RETURNING user_id",
                       2, p));
}

static void setup(void)
{
    snprintf(suffix, sizeof suffix, "%d", (int)getpid());
    owner = test_db_owner();
    parent = make_org("Action Parent");
    child = make_org("Action Child");
    stranger = make_org("Action Stranger");
    char pid[24], cid[24];
    snprintf(pid, sizeof pid, "%ld", parent);
    snprintf(cid, sizeof cid, "%ld", child);
    const char *p[] = {pid, cid};
    free(test_db_value(owner,
                       "INSERT INTO org_relations (parent_id, child_id, kind, administers) "
                       "VALUES ($1, $2, 'supplier', true) RETURNING child_id",
                       2, p));
    make_admin(parent_email, sizeof parent_email, "parent", parent);
    make_admin(child_email, sizeof child_email, "child", child);
    make_admin(stranger_email, sizeof stranger_email, "stranger", stranger);
}

static void teardown(void)
{
    PQfinish(owner);
}

/* Runs sql as email; returns the command's status and leaves the first value in out. */
static ExecStatusType run_as(PGconn *db, const char *sql, char *out, size_t size)
{
    PGresult *r = PQexec(db, sql);
    ExecStatusType st = PQresultStatus(r);
    if (out)
        snprintf(out, size, "%s", st == PGRES_TUPLES_OK && PQntuples(r) ? PQgetvalue(r, 0, 0) : "");
    PQclear(r);
    return st;
}

/* The INSERT a person makes to assign an action to the child. */
static void assign_sql(char *sql, size_t size)
{
    snprintf(sql, size,
             "INSERT INTO planned_actions (org_id, title, owner_name, due_date, created_by, "
             "  assigned_by_org) VALUES (%ld, 'Patch the VPN', 'Ops lead', '2027-03-01', "
             "  app.current_user_id(), app.managing_parent(%ld)) RETURNING id",
             child, child);
}

START_TEST(parent_assigns_child_updates_stranger_cannot)
{
    char sql[1024], id[32] = "";
    /* the parent's admin assigns an action to the child, with its first history row */
    PGconn *db = test_db_app_as(parent_email);
    assign_sql(sql, sizeof sql);
    ck_assert_int_eq(run_as(db, sql, id, sizeof id), PGRES_TUPLES_OK);
    ck_assert_str_ne(id, "");
    snprintf(sql, sizeof sql,
             "INSERT INTO action_history (action_id, changed_by, who, status, owner_name, "
             "  due_date) VALUES (%s, app.current_user_id(), 'P', 'planned', 'Ops lead', "
             "  '2027-03-01')",
             id);
    ck_assert_int_eq(run_as(db, sql, NULL, 0), PGRES_COMMAND_OK);
    PQclear(PQexec(db, "COMMIT"));
    PQfinish(db);

    /* the child's admin sees it and its history, and updates the status */
    db = test_db_app_as(child_email);
    char v[64];
    snprintf(sql, sizeof sql, "SELECT assigned_by_org FROM planned_actions WHERE id = %s", id);
    run_as(db, sql, v, sizeof v);
    ck_assert_int_eq(atol(v), parent);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM action_history WHERE action_id = %s", id);
    run_as(db, sql, v, sizeof v);
    ck_assert_str_eq(v, "1");
    snprintf(sql, sizeof sql,
             "UPDATE planned_actions SET status = 'in_progress' WHERE id = %s RETURNING status",
             id);
    run_as(db, sql, v, sizeof v);
    ck_assert_str_eq(v, "in_progress");
    PQclear(PQexec(db, "COMMIT"));
    PQfinish(db);

    /* a stranger sees nothing, and can neither assign, update nor write history */
    db = test_db_app_as(stranger_email);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM planned_actions WHERE id = %s", id);
    run_as(db, sql, v, sizeof v);
    ck_assert_str_eq(v, "0");
    snprintf(sql, sizeof sql, "SELECT count(*) FROM action_history WHERE action_id = %s", id);
    run_as(db, sql, v, sizeof v);
    ck_assert_str_eq(v, "0");
    snprintf(sql, sizeof sql,
             "UPDATE planned_actions SET status = 'done' WHERE id = %s RETURNING id", id);
    ck_assert_int_eq(run_as(db, sql, v, sizeof v), PGRES_TUPLES_OK);
    ck_assert_str_eq(v, ""); /* no row reached */
    test_db_app_end(db);
    db = test_db_app_as(stranger_email);
    assign_sql(sql, sizeof sql);
    ck_assert_int_eq(run_as(db, sql, NULL, 0), PGRES_FATAL_ERROR);
    test_db_app_end(db);

    db = test_db_app_as(stranger_email);
    snprintf(sql, sizeof sql,
             "INSERT INTO action_history (action_id, changed_by, who, status, owner_name, "
             "  due_date) VALUES (%s, app.current_user_id(), 'R', 'done', 'x', '2027-03-01')",
             id);
    ck_assert_int_eq(run_as(db, sql, NULL, 0), PGRES_FATAL_ERROR);
    test_db_app_end(db);

    const char *p[] = {id};
    char *status = test_db_value(owner, "SELECT status FROM planned_actions WHERE id = $1", 1, p);
    ck_assert_str_eq(status, "in_progress");
    free(status);
}
END_TEST

static Suite *action_rls_suite(void)
{
    Suite *s = suite_create("action_rls");
    TCase *tc = tcase_create("rls");
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, parent_assigns_child_updates_stranger_cannot);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(action_rls_suite)
