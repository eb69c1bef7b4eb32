/* test_outbox_mail.c - the portal's role queues no mail of its own choosing: a member of
 * an organisation cannot put an arbitrary message to an arbitrary address into the
 * outbox (the forwarder would send it through the operator's mail server in the portal's
 * name); only the mail of an invitation they made in the same transaction. */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs sql as portal_app acting for the user called email, in a transaction that is
 * rolled back; returns the SQLSTATE ("" when it succeeded). */
static void as_user(const char *email, const char *const *sqls, int n, char state[6])
{
    PGconn *db = test_db_app_as(email);
    state[0] = '\0';
    for (int i = 0; i < n && !state[0]; i++) {
        PGresult *r = PQexec(db, sqls[i]);
        if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
            snprintf(state, 6, "%s", PQresultErrorField(r, PG_DIAG_SQLSTATE));
        PQclear(r);
    }
    test_db_app_end(db);
}

START_TEST(member_cannot_queue_arbitrary_mail)
{
    const char *sql[] = {
        "INSERT INTO outbox (org_id, channel, address, kind, payload) "
        "SELECT o.id, 'smtp', 'victim@elsewhere.example', 'mail.invitation', "
        "'{\"to\": \"victim@elsewhere.example\", \"subject\": \"Reset your password\"}' "
        "FROM organisations o WHERE o.name = 'Northwind Energy'"};
    char state[6];
    as_user("reporter@energy.example", sql, 1, state);
    ck_assert_str_eq(state, "42501");
    const char *other[] = {"INSERT INTO outbox (org_id, channel, address, kind, payload) "
                           "SELECT o.id, 'smtp', 'victim@elsewhere.example', 'mail.reminder', '{}' "
                           "FROM organisations o WHERE o.name = 'Northwind Energy'"};
    as_user("reporter@energy.example", other, 1, state);
    ck_assert_str_eq(state, "42501");
}
END_TEST

START_TEST(invitation_mail_goes_with_its_invitation)
{
    const char *sql[] = {
        "INSERT INTO invitations (org_id, email, token_hash, expires_at, created_by) "
        "SELECT o.id, 'new.person@outbox-mail.example', sha256('outbox-mail-test'), "
        "now() + interval '1 day', app.current_user_id() "
        "FROM organisations o WHERE o.name = 'Northwind Energy'",
        "INSERT INTO outbox (org_id, channel, address, kind, payload) "
        "SELECT o.id, 'smtp', 'new.person@outbox-mail.example', 'mail.invitation', '{}' "
        "FROM organisations o WHERE o.name = 'Northwind Group'"};
    char state[6];
    as_user("admin@northwind.example", sql, 2, state);
    ck_assert_str_eq(state, "");
}
END_TEST

static Suite *outbox_mail_suite(void)
{
    Suite *s = suite_create("outbox_mail");
    TCase *t = tcase_create("mail");
    tcase_add_test(t, member_cannot_queue_arbitrary_mail);
    tcase_add_test(t, invitation_mail_goes_with_its_invitation);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(outbox_mail_suite)
