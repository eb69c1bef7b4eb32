/* test_audit_chain.c - the audit log's hash chain against what its owner can still do
 * with the append-only trigger switched off: an edited row, a deleted row, two rows
 * swapped and a row cut from the end are each reported by portalctl audit-verify at the
 * first row they break, and an untouched chain verifies. Each case uses an organisation
 * of its own, so the cases (and the suite's second run) do not disturb each other. */
#include "testlib.h"

#include "audit_chain.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A new organisation with n audit rows written as the portal writes them; its id. */
static long org_with_rows(PGconn *db, int n)
{
    char name[64];
    snprintf(name, sizeof name, "Audit chain test %u", randombytes_random());
    const char *p[] = {name};
    long org = test_db_long(db, "INSERT INTO organisations (name) VALUES ($1) RETURNING id", 1, p);
    char o[24];
    snprintf(o, sizeof o, "%ld", org);
    for (int i = 0; i < n; i++) {
        char detail[64];
        snprintf(detail, sizeof detail, "{\"step\": %d, \"note\": \"Ж\"}", i + 1);
        const char *q[] = {o, detail};
        free(test_db_value(db,
                           "INSERT INTO audit_log (org_id, action, entity, entity_id, detail) "
                           "VALUES ($1, 'test', 'organisation', $1, $2) RETURNING id",
                           2, q));
    }
    return org;
}

/* Runs sql (with the organisation's id as $1) as the owner with the append-only trigger
 * off, in one transaction. */
static void tamper(PGconn *db, long org, const char *sql)
{
    char o[24];
    snprintf(o, sizeof o, "%ld", org);
    const char *p[] = {o};
    PQclear(PQexec(db, "BEGIN"));
    PQclear(PQexec(db, "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update"));
    PGresult *r = PQexecParams(db, sql, 1, NULL, p, NULL, NULL, 0);
    ck_assert_msg(PQresultStatus(r) == PGRES_COMMAND_OK, "%s: %s", sql, PQerrorMessage(db));
    ck_assert_msg(atol(PQcmdTuples(r)) >= 1, "%s changed nothing", sql);
    PQclear(r);
    PQclear(PQexec(db, "ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update"));
    PQclear(PQexec(db, "COMMIT"));
}

/* portalctl audit-verify ORG: its exit status, its output in out. */
static int verify(long org, char *out, size_t size)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s audit-verify %ld 2>&1", test_env("TEST_PORTALCTL"), org);
    FILE *f = popen(cmd, "r");
    ck_assert_ptr_nonnull(f);
    size_t n = fread(out, 1, size - 1, f);
    out[n] = '\0';
    int rc = pclose(f);
    ck_assert(WIFEXITED(rc));
    return WEXITSTATUS(rc);
}

static void expect_break(long org, int row, const char *why)
{
    char out[4096], want[128];
    ck_assert_int_eq(verify(org, out, sizeof out), 1);
    snprintf(want, sizeof want, "first break at row %d ", row);
    ck_assert_msg(strstr(out, want) != NULL, "expected \"%s\" in: %s", want, out);
    ck_assert_msg(strstr(out, why) != NULL, "expected \"%s\" in: %s", why, out);
}

START_TEST(intact_chain_verifies)
{
    PGconn *db = test_db_owner();
    long org = org_with_rows(db, 5);
    char out[4096];
    ck_assert_msg(verify(org, out, sizeof out) == 0, "%s", out);
    ck_assert_ptr_nonnull(strstr(out, "5 rows in 1 chains checked: intact"));
    PQfinish(db);
}
END_TEST

START_TEST(edited_row_is_found)
{
    PGconn *db = test_db_owner();
    long org = org_with_rows(db, 5);
    tamper(db, org,
           "UPDATE audit_log SET detail = '{\"step\": 3, \"note\": \"nothing happened\"}' "
           "WHERE org_id = $1 AND chain_seq = 3");
    expect_break(org, 3, "(edited)");
    PQfinish(db);
}
END_TEST

START_TEST(deleted_row_is_found)
{
    PGconn *db = test_db_owner();
    long org = org_with_rows(db, 5);
    tamper(db, org, "DELETE FROM audit_log WHERE org_id = $1 AND chain_seq = 2");
    expect_break(org, 3, "(deleted)");
    PQfinish(db);
}
END_TEST

START_TEST(reordered_rows_are_found)
{
    PGconn *db = test_db_owner();
    long org = org_with_rows(db, 5);
    /* rows 2 and 4 change places, each taking the other's position in the chain */
    tamper(db, org,
           "UPDATE audit_log SET chain_seq = -chain_seq WHERE org_id = $1 AND chain_seq IN (2, 4)");
    tamper(db, org,
           "UPDATE audit_log SET chain_seq = CASE chain_seq WHEN -2 THEN 4 ELSE 2 END "
           "WHERE org_id = $1 AND chain_seq IN (-2, -4)");
    expect_break(org, 2, "does not link to the row before it");
    PQfinish(db);
}
END_TEST

START_TEST(row_cut_from_the_end_is_found)
{
    PGconn *db = test_db_owner();
    long org = org_with_rows(db, 4);
    tamper(db, org, "DELETE FROM audit_log WHERE org_id = $1 AND chain_seq = 4");
    char out[4096];
    ck_assert_int_eq(verify(org, out, sizeof out), 1);
    ck_assert_msg(strstr(out, "rows gone from the end") != NULL, "%s", out);
    PQfinish(db);
}
END_TEST

START_TEST(whole_chain_deleted_is_found)
{
    PGconn *db = test_db_owner();
    long org = org_with_rows(db, 3);
    tamper(db, org, "DELETE FROM audit_log WHERE org_id = $1");
    char out[4096];
    ck_assert_int_eq(verify(org, out, sizeof out), 1);
    ck_assert_msg(strstr(out, "but no row is left") != NULL, "%s", out);
    PQfinish(db);
}
END_TEST

/* The C hash and the database's trigger agree on the canonical form. */
START_TEST(hash_matches_the_database)
{
    PGconn *db = test_db_owner();
    long org = org_with_rows(db, 1);
    char o[24];
    snprintf(o, sizeof o, "%ld", org);
    const char *p[] = {o};
    PGresult *r = PQexecParams(
        db,
        "SELECT id::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), "
        "coalesce(user_id::text, ''), org_id::text, action, entity, entity_id::text, "
        "detail::text, chain_seq::text, encode(row_hash, 'hex') FROM audit_log WHERE org_id = $1",
        1, NULL, p, NULL, NULL, 0);
    ck_assert_int_eq(PQntuples(r), 1);
    const char *fields[AUDIT_CANON_FIELDS];
    for (int i = 0; i < AUDIT_CANON_FIELDS; i++)
        fields[i] = PQgetvalue(r, 0, i);
    unsigned char zero[AUDIT_HASH_BYTES] = {0}, h[AUDIT_HASH_BYTES];
    audit_chain_hash(zero, fields, h);
    char hex[2 * AUDIT_HASH_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    ck_assert_str_eq(hex, PQgetvalue(r, 0, AUDIT_CANON_FIELDS));
    PQclear(r);
    PQfinish(db);
}
END_TEST

static Suite *audit_chain_suite(void)
{
    Suite *s = suite_create("audit_chain");
    TCase *t = tcase_create("chain");
    tcase_set_timeout(t, 30);
    tcase_add_test(t, hash_matches_the_database);
    tcase_add_test(t, intact_chain_verifies);
    tcase_add_test(t, edited_row_is_found);
    tcase_add_test(t, deleted_row_is_found);
    tcase_add_test(t, reordered_rows_are_found);
    tcase_add_test(t, row_cut_from_the_end_is_found);
    tcase_add_test(t, whole_chain_deleted_is_found);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(audit_chain_suite)
