/* test_session_proof.c - the portal's database role makes no session for a user it names:
 * only app.login_complete, for the proof of the right password after an attempt counted
 * in the same transaction, or app.session_after_invitation, for an invitation accepted in
 * the same transaction. It reads no password hash through app.login_lookup (only the
 * settings needed to make a proof) and no invitation token hash. */
#include "testlib.h"

#include "auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USER "assessor@energy.example"

static long sessions_of(const char *email)
{
    PGconn *owner = test_db_owner();
    const char *p[] = {email};
    long n = test_db_long(owner,
                          "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id "
                          "WHERE u.email = $1",
                          1, p);
    PQfinish(owner);
    return n;
}

/* Runs sql on db and returns its SQLSTATE ("" when it succeeded). */
static const char *sqlstate(PGconn *db, const char *sql)
{
    static char state[6];
    PGresult *r = PQexec(db, sql);
    const char *s = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    snprintf(state, sizeof state, "%s", PQresultStatus(r) == PGRES_TUPLES_OK ? "" : s ? s : "?");
    PQclear(r);
    return state;
}

START_TEST(no_session_for_a_named_user)
{
    PGconn *db = test_db_app();
    ck_assert_str_eq(sqlstate(db, "SELECT app.session_create((SELECT id FROM users LIMIT 1), "
                                  "'\\x01'::bytea, 'csrf', '1 hour', NULL)"),
                     "42501");
    ck_assert_str_eq(sqlstate(db, "SELECT app.login_succeeded('" USER "', '192.0.2.1', NULL, "
                                  "NULL)"),
                     "42501");
    ck_assert_str_eq(sqlstate(db, "SELECT token_hash FROM invitations"), "42501");
    /* an invitation not accepted in this transaction opens nothing */
    ck_assert_str_eq(sqlstate(db, "SELECT app.session_after_invitation('\\x01'::bytea, "
                                  "'\\x02'::bytea, 'csrf', '1 hour', NULL)"),
                     "42501");
    PQfinish(db);
}
END_TEST

START_TEST(lookup_gives_settings_not_the_hash)
{
    PGconn *db = test_db_app();
    char *settings =
        test_db_value(db, "SELECT password_settings FROM app.login_lookup('" USER "')", 0, NULL);
    ck_assert_int_eq(strncmp(settings, "$argon2id$v=19$m=", 17), 0);
    /* four parts: algorithm, version, costs, salt; the hash is not among them */
    int dollars = 0;
    for (const char *s = settings; *s; s++)
        dollars += *s == '$';
    ck_assert_int_eq(dollars, 4);
    free(settings);
    PQfinish(db);
}
END_TEST

/* The proof of password for USER, made from the settings the portal's role may read. */
static void proof_of(PGconn *db, const char *password, char proof[AUTH_HASH_TEXT])
{
    ck_assert_int_eq(auth_init(), 0);
    char *settings =
        test_db_value(db, "SELECT password_settings FROM app.login_lookup('" USER "')", 0, NULL);
    ck_assert_int_eq(auth_password_proof(settings, password, proof), 0);
    free(settings);
}

#define COMPLETE                                                                                   \
    "SELECT app.login_complete('" USER "', '192.0.2.7', NULL, NULL, $1::bytea, $2::bytea, "        \
    "'csrf', '1 hour', NULL)"

/* Counts an attempt and completes it with the proof of password, as the sign-in does;
 * returns the user id, or "" when refused. */
static char *complete(PGconn *db, const char *password)
{
    char proof[AUTH_HASH_TEXT], token_hash[AUTH_HASH_TEXT];
    proof_of(db, password, proof);
    PQclear(PQexec(db, "BEGIN"));
    free(test_db_value(db,
                       "SELECT app.login_attempt('" USER "', '192.0.2.7', NULL, 100, 100, "
                       "'1 minute')",
                       0, NULL));
    char token[AUTH_TOKEN_TEXT];
    auth_token_new(token);
    auth_token_hash(token, token_hash);
    const char *p[] = {proof, token_hash};
    char *uid = test_db_value(db, COMPLETE, 2, p);
    PQclear(PQexec(db, "COMMIT"));
    return uid;
}

START_TEST(session_only_for_the_right_password)
{
    PGconn *db = test_db_app();
    long before = sessions_of(USER);
    char *uid = complete(db, "not the password");
    ck_assert_str_eq(uid, ""); /* NULL: refused */
    free(uid);
    ck_assert_int_eq(sessions_of(USER), before);
    uid = complete(db, test_password(USER));
    ck_assert_int_gt(atol(uid), 0);
    free(uid);
    ck_assert_int_eq(sessions_of(USER), before + 1);
    /* the right proof without an attempt counted in its transaction makes nothing */
    char proof[AUTH_HASH_TEXT], token_hash[AUTH_HASH_TEXT];
    proof_of(db, test_password(USER), proof);
    char token[AUTH_TOKEN_TEXT];
    auth_token_new(token);
    auth_token_hash(token, token_hash);
    const char *p[] = {proof, token_hash};
    PGresult *r = PQexecParams(db, COMPLETE, 2, NULL, p, NULL, NULL, 0);
    ck_assert_int_eq(PQresultStatus(r), PGRES_FATAL_ERROR);
    PQclear(r);
    ck_assert_int_eq(sessions_of(USER), before + 1);
    PQfinish(db);
}
END_TEST

static Suite *session_proof_suite(void)
{
    Suite *s = suite_create("session_proof");
    TCase *t = tcase_create("proof");
    tcase_set_timeout(t, 30);
    tcase_add_test(t, no_session_for_a_named_user);
    tcase_add_test(t, lookup_gives_settings_not_the_hash);
    tcase_add_test(t, session_only_for_the_right_password);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(session_proof_suite)
