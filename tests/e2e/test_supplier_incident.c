/* test_supplier_incident.c - a supplier with two customers reports an incident and chooses
 * which customer it affects: the chosen customer's coordinator sees it (and only the
 * parts the supplier shared), the other customer gets 404 by URL and does not find it in
 * its list, before and after the choice. */
#include "testlib.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SUPPLIER_USER "assessor@acme.example" /* assessor and incident reporter of Acme */
#define CHOSEN "coordinator@northwind.example"

START_TEST(only_the_chosen_customer_sees_it)
{
    ck_assert_int_ge(sodium_init(), 0);
    PGconn *db = test_db_owner();
    /* a second customer of Acme, with its own coordinator */
    char name[64], email[96], password[] = "second customer passphrase";
    snprintf(name, sizeof name, "Second Customer %d", (int)getpid());
    snprintf(email, sizeof email, "coord.%d@second.example", (int)getpid());
    char hash[crypto_pwhash_STRBYTES];
    ck_assert_int_eq(crypto_pwhash_str(hash, password, strlen(password),
                                       crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                       crypto_pwhash_MEMLIMIT_INTERACTIVE),
                     0);
    const char *p[] = {name, email, hash};
    free(test_db_value(db,
                       "WITH o AS (INSERT INTO organisations (name) VALUES ($1) RETURNING id), "
                       "r AS (INSERT INTO org_relations (parent_id, child_id, kind) "
                       "  SELECT o.id, a.id, 'supplier' FROM o, organisations a "
                       "  WHERE a.name = 'Acme Cloud Services'), "
                       "u AS (INSERT INTO users (email, display_name, password_hash) "
                       "  VALUES ($2, 'Second Coordinator', $3) RETURNING id) "
                       "INSERT INTO memberships (user_id, org_id, role) "
                       "SELECT u.id, o.id, 'coordinator' FROM u, o",
                       3, p));

    struct http *sup = http_new();
    ck_assert_int_eq(http_login(sup, SUPPLIER_USER, test_password(SUPPLIER_USER)), 303);
    ck_assert_int_eq(http_get(sup, "/incidents/new"), 200);
    ck_assert_int_eq(http_post(sup, "/incidents", "csrf_token", http_session_csrf(sup), "title",
                               "Cloud storage misconfiguration", "detected_at", "2026-11-21T09:00",
                               "description",
                               "A bucket with customer backups was public for two hours.",
                               "category", "compromise_of_information", "severity", "critical",
                               "tlp", "amber", NULL),
                     303);
    long id = 0;
    ck_assert_int_eq(sscanf(http_header(sup, "Location"), "/incidents/%ld", &id), 1);
    char path[64];
    snprintf(path, sizeof path, "/incidents/%ld", id);

    struct http *chosen = http_new(), *other = http_new();
    ck_assert_int_eq(http_login(chosen, CHOSEN, test_password(CHOSEN)), 303);
    ck_assert_int_eq(http_login(other, email, password), 303);
    /* before the supplier chooses, no customer sees it */
    ck_assert_int_eq(http_get(chosen, path), 404);
    ck_assert_int_eq(http_get(other, path), 404);

    /* the supplier chooses Northwind Group, sharing the description only */
    ck_assert_int_eq(http_get(sup, path), 200);
    const char *northwind[] = {"Northwind Group"};
    long nw = test_db_long(db, "SELECT id FROM organisations WHERE name = $1", 1, northwind);
    char field[40], customers[80];
    snprintf(field, sizeof field, "customer_%ld", nw);
    snprintf(customers, sizeof customers, "%s/customers", path);
    ck_assert_int_eq(http_post(sup, customers, "csrf_token", http_session_csrf(sup), NULL), 422);
    ck_assert_int_eq(http_post(sup, customers, "csrf_token", http_session_csrf(sup), field, "1",
                               "share_description", "1", NULL),
                     303);

    ck_assert_int_eq(http_get(chosen, path), 200);
    ck_assert_ptr_nonnull(strstr(chosen->body, "Cloud storage misconfiguration"));
    ck_assert_ptr_nonnull(strstr(chosen->body, "customer backups"));
    ck_assert_int_eq(http_get(chosen, "/incidents"), 200);
    ck_assert_ptr_nonnull(strstr(chosen->body, "Cloud storage misconfiguration"));

    ck_assert_int_eq(http_get(other, path), 404);
    ck_assert_int_eq(http_get(other, "/incidents"), 200);
    ck_assert_ptr_null(strstr(other->body, "Cloud storage misconfiguration"));

    /* the customer sees part of it and may not pass it on, not even by a crafted POST:
     * the sharing page reads the incident itself, which a customer cannot (404) */
    char share[80];
    snprintf(share, sizeof share, "%s/share", path);
    ck_assert_int_eq(http_get(chosen, share), 404);
    long queued = test_db_long(db, "SELECT count(*) FROM outbox", 0, NULL);
    ck_assert_int_eq(http_get(chosen, "/incidents"), 200);
    ck_assert_int_eq(http_post(chosen, share, "csrf_token", http_session_csrf(chosen), "action",
                               "preview", NULL),
                     404);
    ck_assert_int_eq(test_db_long(db, "SELECT count(*) FROM outbox", 0, NULL), queued);

    http_free(other);
    http_free(chosen);
    http_free(sup);
    PQfinish(db);
}
END_TEST

static Suite *supplier_incident_suite(void)
{
    Suite *s = suite_create("supplier_incident");
    TCase *tc = tcase_create("customers");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, only_the_chosen_customer_sees_it);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(supplier_incident_suite)
