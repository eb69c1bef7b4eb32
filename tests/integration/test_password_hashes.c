/* test_password_hashes.c - the portal's role cannot read password hashes, not even a
 * colleague's or its own, while the columns the pages show stay readable. */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

START_TEST(hashes_are_not_readable)
{
    PGconn *db = test_db_app_as("admin@northwind.example");
    PGresult *r = PQexec(db, "SELECT password_hash FROM users WHERE password_hash IS NOT NULL");
    ck_assert_msg(PQresultStatus(r) != PGRES_TUPLES_OK, "%d password hashes readable",
                  PQntuples(r));
    ck_assert_str_eq(PQresultErrorField(r, PG_DIAG_SQLSTATE), "42501");
    PQclear(r);
    test_db_app_end(db);
    db = test_db_app_as("admin@northwind.example");
    ck_assert_int_ge(
        test_db_long(db, "SELECT count(*) FROM users WHERE display_name <> ''", 0, NULL),
        2); /* self and colleagues, by name */
    test_db_app_end(db);
}
END_TEST

static Suite *password_hashes_suite(void)
{
    Suite *s = suite_create("password_hashes");
    TCase *t = tcase_create("hashes");
    tcase_add_test(t, hashes_are_not_readable);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(password_hashes_suite)
