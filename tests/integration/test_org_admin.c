/* test_org_admin.c - the functions through which a parent's administrators add child
 * organisations and their users (schema/008_org_admin.sql), called as the portal's own
 * database role: only an org_admin of the parent may call them (42501 for anyone else), a
 * name is added once (23505), an existing supplier may be linked by a second parent but
 * keeps managing its own users, new users have no password and an invitation without a
 * campaign lets them choose one, and every change leaves an audit row. */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static PGconn *owner;
static char suffix[32];
static long parent_a, parent_b, admin_a, admin_b, reviewer_a;

static void name_of(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s %s", name, suffix);
}

static long make_org(const char *name)
{
    char full[128];
    name_of(full, sizeof full, name);
    const char *p[] = {full};
    return test_db_long(owner, "INSERT INTO organisations (name) VALUES ($1) RETURNING id", 1, p);
}

static long make_user(const char *who, long org, const char *role)
{
    char email[128], oid[24];
    snprintf(email, sizeof email, "%s.%s@orgadmin.example", who, suffix);
    snprintf(oid, sizeof oid, "%ld", org);
    const char *p[] = {email, oid, role};
    return test_db_long(owner,
                        "WITH u AS (INSERT INTO users (email, display_name) VALUES ($1, $1) "
                        "RETURNING id), m AS (INSERT INTO memberships (user_id, org_id, role) "
                        "SELECT id, $2, $3 FROM u) SELECT id FROM u",
                        3, p);
}

static void setup(void)
{
    snprintf(suffix, sizeof suffix, "%d", (int)getpid());
    owner = test_db_owner();
    parent_a = make_org("OrgAdmin Parent A");
    parent_b = make_org("OrgAdmin Parent B");
    admin_a = make_user("admin-a", parent_a, "org_admin");
    admin_b = make_user("admin-b", parent_b, "org_admin");
    reviewer_a = make_user("reviewer-a", parent_a, "reviewer");
}

static void teardown(void)
{
    PQfinish(owner);
}

/* Runs sql as portal_app acting for user, in its own committed transaction. Returns the
 * first value of the first row (malloc'd) or NULL, with the SQLSTATE in state ("" when
 * it succeeded). */
static char *call_as(long user, const char *sql, int n, const char *const *params, char state[6])
{
    PGconn *db = test_db_app();
    char id[24];
    snprintf(id, sizeof id, "%ld", user);
    const char *p[] = {id};
    free(test_db_value(db, "BEGIN", 0, NULL));
    free(test_db_value(db, "SELECT set_config('app.user_id', $1, true)", 1, p));
    PGresult *res = PQexecParams(db, sql, n, NULL, params, NULL, NULL, 0);
    char *value = NULL;
    state[0] = '\0';
    if (PQresultStatus(res) == PGRES_TUPLES_OK || PQresultStatus(res) == PGRES_COMMAND_OK) {
        value = strdup(PQntuples(res) > 0 ? PQgetvalue(res, 0, 0) : "");
        free(test_db_value(db, "COMMIT", 0, NULL));
    } else {
        const char *s = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        snprintf(state, 6, "%s", s ? s : "?????");
    }
    PQclear(res);
    PQfinish(db);
    return value;
}

/* app.child_org_add as user: the new child's id, or 0 with the SQLSTATE in state. */
static long org_add(long user, long parent, const char *name, const char *kind, char state[6])
{
    char pid[24];
    snprintf(pid, sizeof pid, "%ld", parent);
    const char *p[] = {pid, name, kind};
    char *v = call_as(user, "SELECT app.child_org_add($1, $2, $3)", 3, p, state);
    long id = v ? atol(v) : 0;
    free(v);
    return id;
}

/* app.child_user_add as user: "user_id added invite" ("1234 true true"), or NULL. */
static char *user_add(long user, long parent, long org, const char *email, const char *role,
                      char state[6])
{
    char pid[24], oid[24];
    snprintf(pid, sizeof pid, "%ld", parent);
    snprintf(oid, sizeof oid, "%ld", org);
    const char *p[] = {pid, oid, email, "New User", role};
    return call_as(user,
                   "SELECT user_id || ' ' || added || ' ' || invite "
                   "FROM app.child_user_add($1, $2, $3, $4, $5)",
                   5, p, state);
}

static long count1(const char *sql, long arg)
{
    char a[24];
    snprintf(a, sizeof a, "%ld", arg);
    const char *p[] = {a};
    return test_db_long(owner, sql, 1, p);
}

START_TEST(only_the_parents_admin_may_add)
{
    char name[128], state[6];
    name_of(name, sizeof name, "OrgAdmin Refused");
    /* a reviewer of the parent, and the administrator of another parent */
    ck_assert_int_eq(org_add(reviewer_a, parent_a, name, "supplier", state), 0);
    ck_assert_str_eq(state, "42501");
    ck_assert_int_eq(org_add(admin_b, parent_a, name, "supplier", state), 0);
    ck_assert_str_eq(state, "42501");
    ck_assert_int_eq(org_add(0, parent_a, name, "supplier", state), 0);
    ck_assert_str_eq(state, "42501");
    const char *p[] = {name};
    ck_assert_int_eq(
        test_db_long(owner, "SELECT count(*) FROM organisations WHERE name = $1", 1, p), 0);

    long child = org_add(admin_a, parent_a, name, "group_company", state);
    ck_assert_str_eq(state, "");
    ck_assert_int_gt(child, 0);
    char email[128];
    snprintf(email, sizeof email, "refused.%s@orgadmin.example", suffix);
    ck_assert_ptr_null(user_add(reviewer_a, parent_a, child, email, "assessor", state));
    ck_assert_str_eq(state, "42501");
    ck_assert_ptr_null(user_add(admin_b, parent_a, child, email, "assessor", state));
    ck_assert_str_eq(state, "42501");
    /* a parent cannot pass another parent's child off as its own */
    ck_assert_ptr_null(user_add(admin_b, parent_b, child, email, "assessor", state));
    ck_assert_str_eq(state, "42501");

    char pid[24];
    snprintf(pid, sizeof pid, "%ld", parent_a);
    const char *q[] = {pid};
    free(call_as(reviewer_a, "SELECT count(*) FROM app.child_orgs($1)", 1, q, state));
    ck_assert_str_eq(state, "42501");
    const char *r[] = {pid, name, "supplier"};
    free(call_as(reviewer_a, "SELECT status FROM app.child_org_check($1, $2, $3)", 3, r, state));
    ck_assert_str_eq(state, "42501");

    /* nor can the portal's role write the tables itself */
    free(call_as(admin_a, "INSERT INTO organisations (name) VALUES ('OrgAdmin direct')", 0, NULL,
                 state));
    ck_assert_str_eq(state, "42501");
}
END_TEST

START_TEST(a_child_is_created_once_with_audit)
{
    char name[128], state[6];
    name_of(name, sizeof name, "OrgAdmin Energy");
    long child = org_add(admin_a, parent_a, name, "group_company", state);
    ck_assert_str_eq(state, "");
    char a[24], c[24];
    snprintf(a, sizeof a, "%ld", parent_a);
    snprintf(c, sizeof c, "%ld", child);
    const char *p[] = {a, c};
    ck_assert_int_eq(test_db_long(owner,
                                  "SELECT count(*) FROM org_relations WHERE parent_id = $1 "
                                  "AND child_id = $2 AND kind = 'group_company' AND administers",
                                  2, p),
                     1);
    ck_assert_int_eq(test_db_long(owner,
                                  "SELECT count(*) FROM audit_log WHERE org_id = $1 "
                                  "AND action = 'create' AND entity = 'organisation' "
                                  "AND entity_id = $2",
                                  2, p),
                     1);
    /* the same name again, either relation; and a bad relation */
    ck_assert_int_eq(org_add(admin_a, parent_a, name, "group_company", state), 0);
    ck_assert_str_eq(state, "23505");
    ck_assert_int_eq(org_add(admin_a, parent_a, name, "supplier", state), 0);
    ck_assert_str_eq(state, "23505");
    /* a group company belongs to its group: another parent adding its name gets an
     * organisation of its own (schema/024), which tells it nothing of A's */
    long own = org_add(admin_b, parent_b, name, "supplier", state);
    ck_assert_str_eq(state, "");
    ck_assert_int_gt(own, 0);
    ck_assert_int_ne(own, child);
    const char *pc[] = {c};
    ck_assert_int_eq(
        test_db_long(owner, "SELECT count(*) FROM org_relations WHERE child_id = $1", 1, pc), 1);
    char other[128];
    name_of(other, sizeof other, "OrgAdmin Other");
    ck_assert_int_eq(org_add(admin_a, parent_a, other, "partner", state), 0);
    ck_assert_str_eq(state, "22023");
    /* a name like the parent's own makes another organisation, never the parent itself */
    name_of(other, sizeof other, "OrgAdmin Parent A");
    long namesake = org_add(admin_a, parent_a, other, "supplier", state);
    ck_assert_str_eq(state, "");
    ck_assert_int_ne(namesake, parent_a);

    /* the list shows it */
    const char *q[] = {a};
    char *v = call_as(admin_a,
                      "SELECT string_agg(name || ':' || kind, ',') FROM "
                      "app.child_orgs($1)",
                      1, q, state);
    ck_assert_ptr_nonnull(v);
    ck_assert_ptr_nonnull(strstr(v, "OrgAdmin Energy"));
    free(v);
}
END_TEST

START_TEST(users_are_created_without_password_and_invited)
{
    char name[128], state[6], email[128];
    name_of(name, sizeof name, "OrgAdmin Logistics");
    long child = org_add(admin_a, parent_a, name, "group_company", state);
    ck_assert_str_eq(state, "");
    snprintf(email, sizeof email, "Lena.%s@OrgAdmin.example", suffix);
    char *v = user_add(admin_a, parent_a, child, email, "incident_reporter", state);
    ck_assert_str_eq(state, "");
    long uid = atol(v);
    ck_assert_ptr_nonnull(strstr(v, " true true"));
    free(v);
    ck_assert_int_eq(count1("SELECT count(*) FROM users WHERE id = $1 AND password_hash IS NULL "
                            "AND email = lower(email)",
                            uid),
                     1);
    ck_assert_int_eq(count1("SELECT count(*) FROM memberships WHERE user_id = $1 "
                            "AND role = 'incident_reporter'",
                            uid),
                     1);
    ck_assert_int_eq(count1("SELECT count(*) FROM audit_log WHERE entity = 'user' "
                            "AND entity_id = $1",
                            uid),
                     2); /* created, made a member */
    /* again: the same user, no second membership */
    v = user_add(admin_a, parent_a, child, email, "incident_reporter", state);
    ck_assert_ptr_nonnull(v);
    ck_assert_int_eq(atol(v), uid);
    ck_assert_ptr_nonnull(strstr(v, " false true"));
    free(v);
    ck_assert_ptr_null(user_add(admin_a, parent_a, child, email, "reviewer", state));
    ck_assert_str_eq(state, "22023");
    ck_assert_ptr_null(user_add(admin_a, parent_a, child, "no address", "assessor", state));
    ck_assert_str_eq(state, "22023");

    /* an existing user with a password is only invited: no membership until they accept
     * (schema/018; this used to attach the account without asking) */
    long known = make_user("known", parent_b, "assessor");
    char known_email[128];
    snprintf(known_email, sizeof known_email, "known.%s@orgadmin.example", suffix);
    char k[24];
    snprintf(k, sizeof k, "%ld", known);
    const char *kp[] = {k};
    free(test_db_value(owner, "UPDATE users SET password_hash = 'x' WHERE id = $1", 1, kp));
    v = user_add(admin_a, parent_a, child, known_email, "assessor", state);
    ck_assert_ptr_nonnull(v);
    ck_assert_int_eq(atol(v), known);
    ck_assert_ptr_nonnull(strstr(v, " false true"));
    free(v);
    char kc[24];
    snprintf(kc, sizeof kc, "%ld", child);
    const char *km[] = {k, kc};
    ck_assert_int_eq(test_db_long(owner,
                                  "SELECT count(*) FROM memberships WHERE user_id = $1 "
                                  "AND org_id = $2",
                                  2, km),
                     0);

    /* the invitation without a campaign: only the child's parent's administrator */
    char c[24], a[24];
    snprintf(c, sizeof c, "%ld", child);
    snprintf(a, sizeof a, "%ld", admin_a);
    const char *ip[] = {c, email, a};
    static const char invite_sql[] =
        "INSERT INTO invitations (org_id, email, token_hash, expires_at, created_by) "
        "VALUES ($1, lower($2), sha256(convert_to($2, 'UTF8')), now() + interval '1 day', $3)";
    free(call_as(reviewer_a, invite_sql, 3, ip, state));
    ck_assert_str_eq(state, "42501");
    free(call_as(admin_a, invite_sql, 3, ip, state));
    ck_assert_str_eq(state, "");

    /* accepting it sets the password and name and adds no assessor membership */
    const char *ap[] = {email};
    free(test_db_value(owner,
                       "SELECT * FROM app.invitation_accept(sha256(convert_to($1, 'UTF8')), "
                       "'Lena Logistics', 'hash')",
                       1, ap));
    ck_assert_int_eq(count1("SELECT count(*) FROM users WHERE id = $1 AND password_hash = 'hash' "
                            "AND display_name = 'Lena Logistics'",
                            uid),
                     1);
    ck_assert_int_eq(count1("SELECT count(*) FROM memberships WHERE user_id = $1", uid), 1);
}
END_TEST

START_TEST(a_second_parent_links_an_existing_supplier)
{
    char name[128], state[6];
    name_of(name, sizeof name, "OrgAdmin Cloud");
    long supplier = org_add(admin_a, parent_a, name, "supplier", state);
    ck_assert_str_eq(state, "");
    /* B links the same supplier: same id, a relation B does not administer */
    ck_assert_int_eq(org_add(admin_b, parent_b, name, "supplier", state), supplier);
    ck_assert_str_eq(state, "");
    char b[24], s[24];
    snprintf(b, sizeof b, "%ld", parent_b);
    snprintf(s, sizeof s, "%ld", supplier);
    const char *p[] = {b, s};
    ck_assert_int_eq(test_db_long(owner,
                                  "SELECT count(*) FROM org_relations WHERE parent_id = $1 "
                                  "AND child_id = $2 AND kind = 'supplier' AND NOT administers",
                                  2, p),
                     1);
    /* the supplier's own audit log says who linked it */
    ck_assert_int_eq(test_db_long(owner,
                                  "SELECT count(*) FROM audit_log WHERE org_id = $2 "
                                  "AND action = 'linked' AND entity_id = $1",
                                  2, p),
                     1);
    /* twice is refused; and it manages its own users */
    ck_assert_int_eq(org_add(admin_b, parent_b, name, "supplier", state), 0);
    ck_assert_str_eq(state, "23505");
    char email[128];
    snprintf(email, sizeof email, "takeover.%s@orgadmin.example", suffix);
    ck_assert_ptr_null(user_add(admin_b, parent_b, supplier, email, "org_admin", state));
    ck_assert_str_eq(state, "42501");
    /* A, which created it, still may */
    char *v = user_add(admin_a, parent_a, supplier, email, "assessor", state);
    ck_assert_ptr_nonnull(v);
    free(v);

    /* an organisation that is nobody's supplier is not linked: B gets one of its own */
    char lone[128];
    long lone_id = make_org("OrgAdmin Lone");
    name_of(lone, sizeof lone, "OrgAdmin Lone");
    long own = org_add(admin_b, parent_b, lone, "supplier", state);
    ck_assert_str_eq(state, "");
    ck_assert_int_ne(own, lone_id);
    /* nor one of the parent's own ancestors, supplier though it is: here A supplies X
     * and B supplies A */
    char parent_a_name[128], a[24], x[24];
    name_of(parent_a_name, sizeof parent_a_name, "OrgAdmin Parent A");
    snprintf(a, sizeof a, "%ld", parent_a);
    snprintf(x, sizeof x, "%ld", make_org("OrgAdmin X"));
    const char *rp[] = {x, a, b};
    free(test_db_value(owner,
                       "INSERT INTO org_relations (parent_id, child_id, kind) "
                       "VALUES ($1, $2, 'supplier'), ($2, $3, 'supplier')",
                       3, rp));
    own = org_add(admin_b, parent_b, parent_a_name, "supplier", state);
    ck_assert_str_eq(state, "");
    ck_assert_int_ne(own, parent_a);
}
END_TEST

static Suite *org_admin_suite(void)
{
    Suite *s = suite_create("org_admin");
    TCase *tc = tcase_create("functions");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, only_the_parents_admin_may_add);
    tcase_add_test(tc, a_child_is_created_once_with_audit);
    tcase_add_test(tc, users_are_created_without_password_and_invited);
    tcase_add_test(tc, a_second_parent_links_an_existing_supplier);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(org_admin_suite)
