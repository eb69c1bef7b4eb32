/* test_rapid_share.c - a rapid campaign's aggregate statistics shared onward (schema/049),
 * in the tenants' world (tests/tenants.h): P asks its group companies and supplier, S
 * answers affected with mitigations, G not affected; P's coordinator shares the counts as
 * a STIX 2.1 report with its ISAC (a real receiver on loopback that takes up to
 * TLP:GREEN). A TLP above what the recipient takes and another organisation's recipient
 * are refused with nothing queued; the GREEN share reaches the receiver once, with the
 * counts and no name of an organisation asked. Others may not share P's campaign. On the
 * way, the board's export sorts by answer and by organisation. */
#include "tenants.h"
#include "testlib.h"

#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static struct tenants world;

static void world_setup(void)
{
    PGconn *db = test_db_owner();
    tenants_build(db, &world);
    PQfinish(db);
}

/* A recipient of who's organisation, in STIX, taking up to max_tlp; returns its id. */
static long recipient_of(enum tenant who, const char *max_tlp)
{
    PGconn *db = test_db_owner();
    char url[128], name[96];
    snprintf(url, sizeof url, "http://127.0.0.1:%s/stix", test_env("TEST_RECEIVER_PORT2"));
    snprintf(name, sizeof name, "ISAC %s %c", world.tag, tenant_letter(who));
    const char *p[] = {world.org_id[who], name, url, max_tlp};
    long id = test_db_long(db,
                           "INSERT INTO recipients (org_id, name, url, format, kind, max_tlp) "
                           "VALUES ($1::bigint, $2, $3, 'stix', 'isac', $4) RETURNING id",
                           4, p);
    PQfinish(db);
    return id;
}

static long queued(long campaign)
{
    PGconn *db = test_db_owner();
    char cid[24];
    snprintf(cid, sizeof cid, "%ld", campaign);
    const char *p[] = {cid};
    long n = test_db_long(db,
                          "SELECT count(*) FROM outbox o JOIN rapid_shares s "
                          "  ON s.id = o.rapid_share_id WHERE s.campaign_id = $1::bigint",
                          1, p);
    PQfinish(db);
    return n;
}

/* who answers its request in campaign. */
static void answer(long campaign, enum tenant who, const char *what, const char *mitigations)
{
    PGconn *db = test_db_owner();
    char cid[24];
    snprintf(cid, sizeof cid, "%ld", campaign);
    const char *p[] = {cid, world.org_id[who]};
    long request = test_db_long(db,
                                "SELECT id FROM rapid_requests WHERE campaign_id = $1::bigint "
                                "AND org_id = $2::bigint",
                                2, p);
    PQfinish(db);
    struct http *h = tenants_signed_in(&world, who);
    char path[64];
    snprintf(path, sizeof path, "/rapid/requests/%ld", request);
    ck_assert_int_eq(http_get(h, path), 200);
    ck_assert_int_eq(http_post(h, path, "csrf_token", http_csrf_of(h, path), "answer", what,
                               "mitigations", mitigations, "contact", "Someone <s@example.org>",
                               NULL),
                     303);
    http_free(h);
}

START_TEST(the_counts_go_to_the_isac_as_stix_and_nothing_else)
{
    char log[512];
    snprintf(log, sizeof log, "%s/rapid-receiver.log", test_env("TEST_DIR"));
    pid_t receiver =
        test_receiver_start(test_env("TEST_RECEIVER_PORT2"), log, "extra-rapid-receiver");
    long isac = recipient_of(TENANT_P, "green");
    long elsewhere = recipient_of(TENANT_R, "amber");

    struct http *p = tenants_signed_in(&world, TENANT_P);
    ck_assert_int_eq(http_get(p, "/rapid/new"), 200);
    ck_assert_int_eq(http_post(p, "/rapid", "csrf_token", http_csrf_of(p, "/rapid"), "org_id",
                               world.org_id[TENANT_P], "cve", "CVE-2021-44228", "title",
                               "Log4Shell", "deadline_hours", "24", "remind_hours", "0", "scope",
                               "all", NULL),
                     303);
    long campaign = 0;
    ck_assert_int_eq(sscanf(http_header(p, "Location"), "/rapid/%ld", &campaign), 1);
    answer(campaign, TENANT_S, "affected", "JndiLookup class removed");
    answer(campaign, TENANT_G, "not_affected", "");

    /* the board sorts by answer (the silent last) and by organisation */
    char csv_path[96];
    snprintf(csv_path, sizeof csv_path, "/rapid/%ld/board.csv?sort=answer", campaign);
    ck_assert_int_eq(http_get(p, csv_path), 200);
    const char *s_at = strstr(p->body, "Isolation S"), *g_at = strstr(p->body, "Isolation G"),
               *h_at = strstr(p->body, "Isolation H");
    ck_assert(s_at && g_at && h_at && s_at < g_at && g_at < h_at);
    snprintf(csv_path, sizeof csv_path, "/rapid/%ld/board.csv?sort=org", campaign);
    ck_assert_int_eq(http_get(p, csv_path), 200);
    s_at = strstr(p->body, "Isolation S"), g_at = strstr(p->body, "Isolation G"),
    h_at = strstr(p->body, "Isolation H");
    ck_assert(s_at && g_at && h_at && g_at < h_at && h_at < s_at);

    char path[64], rid[24], other[24];
    snprintf(path, sizeof path, "/rapid/%ld", campaign);
    snprintf(rid, sizeof rid, "%ld", isac);
    snprintf(other, sizeof other, "%ld", elsewhere);
    ck_assert_int_eq(http_get(p, path), 200);
    ck_assert_ptr_nonnull(strstr(p->body, "id=\"share-stats\""));
    snprintf(path, sizeof path, "/rapid/%ld/share", campaign);
    const char *csrf = http_session_csrf(p);
    char token[128];
    snprintf(token, sizeof token, "%s", csrf);
    /* above what the ISAC takes; another organisation's recipient; a TLP never shared */
    ck_assert_int_eq(
        http_post(p, path, "csrf_token", token, "recipient_id", rid, "tlp", "amber", NULL), 422);
    ck_assert_ptr_nonnull(strstr(p->body, "This recipient does not accept this TLP."));
    ck_assert_int_eq(
        http_post(p, path, "csrf_token", token, "recipient_id", other, "tlp", "green", NULL), 422);
    ck_assert_int_eq(
        http_post(p, path, "csrf_token", token, "recipient_id", rid, "tlp", "red", NULL), 422);
    ck_assert_int_eq(queued(campaign), 0);
    /* nobody else shares P's campaign */
    const enum tenant others[] = {TENANT_S, TENANT_R};
    for (int i = 0; i < 2; i++) {
        struct http *o = tenants_signed_in(&world, others[i]);
        ck_assert_int_eq(http_get(o, "/"), 200);
        long status = http_post(o, path, "csrf_token", http_session_csrf(o), "recipient_id", rid,
                                "tlp", "green", NULL);
        ck_assert_msg(status == 404 || status == 403, "%c: %ld", tenant_letter(others[i]), status);
        http_free(o);
    }
    ck_assert_int_eq(queued(campaign), 0);

    ck_assert_int_eq(
        http_post(p, path, "csrf_token", token, "recipient_id", rid, "tlp", "green", NULL), 303);
    ck_assert_int_eq(queued(campaign), 1);
    char cond[256];
    snprintf(cond, sizeof cond,
             "SELECT bool_and(state = 'delivered') AND count(*) = 1 FROM outbox "
             "WHERE recipient_id = %ld",
             isac);
    ck_assert_msg(test_wait_for(cond, 20), "the statistics were not delivered");
    const char *body = test_received_body(log);
    ck_assert_msg(*body, "the receiver got nothing");
    json_error_t e;
    json_t *bundle = json_loads(body, 0, &e);
    ck_assert_msg(bundle != NULL, "%s: %s", e.text, body);
    json_t *report = NULL, *o;
    size_t i;
    json_array_foreach(json_object_get(bundle, "objects"), i,
                       o) if (strcmp(json_string_value(json_object_get(o, "type")), "report") == 0)
        report = o;
    ck_assert_ptr_nonnull(report);
    ck_assert_int_eq(json_integer_value(json_object_get(report, "x_asked")), 3);
    ck_assert_int_eq(json_integer_value(json_object_get(report, "x_affected")), 1);
    ck_assert_int_eq(json_integer_value(json_object_get(report, "x_not_affected")), 1);
    ck_assert_int_eq(json_integer_value(json_object_get(report, "x_unanswered")), 1);
    ck_assert_int_eq(json_integer_value(json_object_get(report, "x_mitigated")), 1);
    ck_assert_ptr_nonnull(strstr(body, "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"));
    ck_assert_ptr_nonnull(strstr(body, "CVE-2021-44228"));
    /* no organisation asked is named (their names carry the world's tag) */
    PGconn *db = test_db_owner();
    for (enum tenant t = TENANT_G; t <= TENANT_S; t++) {
        const char *np[] = {world.org_id[t]};
        char *name =
            test_db_value(db, "SELECT name FROM organisations WHERE id = $1::bigint", 1, np);
        ck_assert_msg(strstr(body, name) == NULL, "%s named in %s", name, body);
        free(name);
    }
    PQfinish(db);
    json_decref(bundle);
    test_receiver_stop(receiver);
    http_free(p);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rapid_share");
    TCase *tc = tcase_create("rapid_share");
    tcase_add_unchecked_fixture(tc, world_setup, NULL);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, the_counts_go_to_the_isac_as_stix_and_nothing_else);
    suite_add_tcase(s, tc);
    return testlib_run(s);
}
