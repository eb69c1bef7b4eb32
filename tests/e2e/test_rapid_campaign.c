/* test_rapid_campaign.c - rapid advisory campaigns (issue 11, part 2) over HTTP, in the
 * tenants' world (tests/tenants.h): P takes in the BSI sample advisory and starts a campaign
 * from it to its suppliers (S), pre-filled with the advisory's CVE, title and products; S's
 * people get an invitation mail; S answers in one screen, refused field by field first,
 * then "affected", and is offered a vulnerability report pre-filled from the answer; P's
 * board counts it and exports it as CSV and JSON. Nobody else sees any of it: not R (no
 * relation), not G (a group company not asked), not S the board, not Q; by hand P may ask
 * only its own group companies and suppliers, over HTTP and in the database; a campaign
 * started by hand offers no products, so the respondent types them. */
#include "tenants.h"
#include "testlib.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct tenants world;

static void world_setup(void)
{
    PGconn *db = test_db_owner();
    tenants_build(db, &world);
    PQfinish(db);
}

/* P takes in the BSI sample; returns the advisory's id. */
static long bsi_advisory(struct http *p)
{
    char path[512];
    snprintf(path, sizeof path, "%s/csaf-2.0/examples/bsi-2022-0001.json",
             test_env("TEST_SCHEMA_DIR"));
    json_error_t e;
    json_t *doc = json_load_file(path, 0, &e);
    ck_assert_msg(doc != NULL, "%s: %s", path, e.text);
    char *text = json_dumps(doc, JSON_COMPACT);
    json_decref(doc);
    ck_assert_int_eq(http_get(p, "/advisories/new"), 200);
    ck_assert_int_eq(http_post_multipart(p, "/advisories", "csaf", "bsi.json", text, strlen(text),
                                         "csrf_token", http_csrf_of(p, "/advisories"), NULL),
                     303);
    free(text);
    long id = 0;
    ck_assert_int_eq(sscanf(http_header(p, "Location"), "/advisories/%ld", &id), 1);
    return id;
}

/* P starts a campaign to its suppliers from advisory; returns the campaign's id. */
static long start_from(struct http *p, long advisory)
{
    char path[96], aid[24];
    snprintf(path, sizeof path, "/advisories/%ld", advisory);
    ck_assert_int_eq(http_get(p, path), 200);
    snprintf(path, sizeof path, "/rapid/new?advisory_id=%ld&org_id=%s", advisory,
             world.org_id[TENANT_P]);
    ck_assert_ptr_nonnull(strstr(p->body, "href=\"/rapid/new?advisory_id="));
    ck_assert_int_eq(http_get(p, path), 200);
    ck_assert_str_eq(http_input_value(p, "cve"), "CVE-2022-27193");
    ck_assert_ptr_nonnull(strstr(p->body, "CSAF Tools CVRF-CSAF-Converter 1.0.0-alpha"));
    snprintf(aid, sizeof aid, "%ld", advisory);
    ck_assert_int_eq(http_post(p, "/rapid", "csrf_token", http_csrf_of(p, "/rapid"), "org_id",
                               world.org_id[TENANT_P], "advisory_id", aid, "cve",
                               http_input_value(p, "cve"), "title", "Converter flaw",
                               "deadline_hours", "24", "remind_hours", "12", "scope", "supplier",
                               NULL),
                     303);
    long id = 0;
    ck_assert_int_eq(sscanf(http_header(p, "Location"), "/rapid/%ld", &id), 1);
    return id;
}

/* The id of S's request in campaign. */
static long request_of(long campaign, enum tenant who)
{
    PGconn *db = test_db_owner();
    char cid[24];
    snprintf(cid, sizeof cid, "%ld", campaign);
    const char *p[] = {cid, world.org_id[who]};
    long id = test_db_long(db,
                           "SELECT coalesce(max(id), 0) FROM rapid_requests "
                           "WHERE campaign_id = $1::bigint AND org_id = $2::bigint",
                           2, p);
    PQfinish(db);
    return id;
}

START_TEST(started_from_an_advisory_answered_in_one_screen_and_counted_on_the_board)
{
    struct http *p = tenants_signed_in(&world, TENANT_P);
    long campaign = start_from(p, bsi_advisory(p));
    ck_assert_int_eq(http_get(p, http_header(p, "Location")), 200);
    ck_assert_ptr_nonnull(strstr(p->body, "Campaign started"));
    ck_assert_ptr_nonnull(strstr(p->body, "<strong id=\"count-asked\">1</strong>"));
    /* only the supplier was asked, and its people were invited */
    long request = request_of(campaign, TENANT_S);
    ck_assert_int_gt(request, 0);
    ck_assert_int_eq(request_of(campaign, TENANT_G), 0);
    PGconn *db = test_db_owner();
    const char *ep[] = {world.email[TENANT_S]};
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM outbox WHERE kind = 'mail.rapid_invite' "
                                  "AND address = $1 AND payload->>'subject' LIKE "
                                  "'CVE-2022-27193: is % affected?%'",
                                  1, ep),
                     1);
    PQfinish(db);

    /* S answers in one screen: refused field by field first */
    struct http *s = tenants_signed_in(&world, TENANT_S);
    char path[64];
    snprintf(path, sizeof path, "/rapid/requests/%ld", request);
    /* the question is on S's start page until it is answered */
    ck_assert_int_eq(http_get(s, "/"), 200);
    ck_assert_ptr_nonnull(strstr(s->body, "id=\"work-rapid\""));
    ck_assert_ptr_nonnull(strstr(s->body, path));
    ck_assert_int_eq(http_get(s, path), 200);
    ck_assert_ptr_nonnull(strstr(s->body, "CVE-2022-27193"));
    ck_assert_ptr_nonnull(strstr(s->body, "CSAF Tools CVRF-CSAF-Converter 1.0.0-alpha"));
    ck_assert_ptr_null(strstr(s->body, "report-offer"));
    const char *csrf = http_csrf_of(s, path);
    char token[128];
    snprintf(token, sizeof token, "%s", csrf);
    ck_assert_int_eq(http_post(s, path, "csrf_token", token, "answer", "maybe", "contact", "",
                               "fix_date", "2026-13-01", NULL),
                     422);
    ck_assert_ptr_nonnull(strstr(s->body, "id=\"err-answer\""));
    ck_assert_ptr_nonnull(strstr(s->body, "id=\"err-contact\""));
    ck_assert_ptr_nonnull(strstr(s->body, "id=\"err-fix_date\""));
    ck_assert_int_eq(http_post(s, path, "csrf_token", token, "answer", "affected", "product_0", "1",
                               "mitigations", "JndiLookup removed", "fix_date", "2026-12-24",
                               "contact", "Sam Supplier <sam@example.org>", NULL),
                     303);
    ck_assert_int_eq(http_get(s, http_header(s, "Location")), 200);
    ck_assert_ptr_nonnull(strstr(s->body, "Your answer was saved"));
    ck_assert_ptr_nonnull(strstr(s->body, "id=\"report-offer\""));
    ck_assert_int_eq(http_get(s, "/"), 200);
    ck_assert_ptr_null(strstr(s->body, path));
    ck_assert_int_eq(http_get(s, path), 200);
    /* the vulnerability report, pre-filled from the answer */
    char vpath[128];
    snprintf(vpath, sizeof vpath, "/vulnerabilities/new?rapid=%ld&org_id=%s", request,
             world.org_id[TENANT_S]);
    ck_assert_ptr_nonnull(strstr(s->body, "/vulnerabilities/new?rapid="));
    ck_assert_int_eq(http_get(s, vpath), 200);
    ck_assert_ptr_nonnull(strstr(s->body, ">CVE-2022-27193: Converter flaw</textarea>"));
    ck_assert_ptr_nonnull(
        strstr(s->body, ">CSAF Tools CVRF-CSAF-Converter 1.0.0-alpha</textarea>"));
    /* S sees its request, never P's board */
    snprintf(path, sizeof path, "/rapid/%ld", campaign);
    ck_assert_int_eq(http_get(s, path), 404);

    /* P's board counts it, sortable, and exports it */
    snprintf(path, sizeof path, "/rapid/%ld?sort=time", campaign);
    ck_assert_int_eq(http_get(p, path), 200);
    ck_assert_ptr_nonnull(strstr(p->body, "<strong id=\"count-affected\">1</strong>"));
    ck_assert_ptr_nonnull(strstr(p->body, "<strong id=\"count-silent\">0</strong>"));
    snprintf(path, sizeof path, "/rapid/%ld/board.csv", campaign);
    ck_assert_int_eq(http_get(p, path), 200);
    ck_assert_ptr_nonnull(strstr(http_header(p, "Content-Type"), "text/csv"));
    ck_assert_ptr_nonnull(strstr(p->body, "Organisation,Relation,Answer"));
    ck_assert_ptr_nonnull(strstr(p->body, ",Supplier,Affected,CSAF Tools CVRF-CSAF-Converter "
                                          "1.0.0-alpha,JndiLookup removed,2026-12-24,"));
    snprintf(path, sizeof path, "/rapid/%ld/board.json", campaign);
    ck_assert_int_eq(http_get(p, path), 200);
    json_error_t e;
    json_t *board = json_loads(p->body, 0, &e);
    ck_assert_ptr_nonnull(board);
    ck_assert_int_eq(
        json_integer_value(json_object_get(json_object_get(board, "counts"), "affected")), 1);
    json_t *row = json_array_get(json_object_get(board, "organisations"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(row, "answer")), "affected");
    ck_assert_str_eq(json_string_value(json_object_get(row, "expected_fix_date")), "2026-12-24");
    ck_assert(json_is_integer(json_object_get(row, "minutes_to_answer")));
    json_decref(board);
    http_free(s);
    http_free(p);
}
END_TEST

START_TEST(nobody_else_sees_a_campaign_or_a_request)
{
    struct http *p = tenants_signed_in(&world, TENANT_P);
    long campaign = start_from(p, bsi_advisory(p));
    long request = request_of(campaign, TENANT_S);
    const enum tenant outsiders[] = {TENANT_G, TENANT_H, TENANT_Q, TENANT_R};
    for (size_t i = 0; i < sizeof outsiders / sizeof outsiders[0]; i++) {
        struct http *o = tenants_signed_in(&world, outsiders[i]);
        char path[64];
        const char *const boards[] = {"", "/board.csv", "/board.json"};
        for (int k = 0; k < 3; k++) {
            snprintf(path, sizeof path, "/rapid/%ld%s", campaign, boards[k]);
            long status = http_get(o, path);
            ck_assert_msg(status == 404 || status == 403, "%c %s: %ld", tenant_letter(outsiders[i]),
                          path, status);
        }
        snprintf(path, sizeof path, "/rapid/requests/%ld", request);
        ck_assert_int_eq(http_get(o, path), 404);
        ck_assert_int_eq(http_post(o, path, "csrf_token", http_session_csrf(o), "answer",
                                   "not_affected", "contact", "Mallory <m@example.org>", NULL),
                         404);
        ck_assert_int_eq(http_get(o, "/rapid"), 200);
        ck_assert_ptr_null(strstr(o->body, "Converter flaw"));
        http_free(o);
    }
    /* nothing was answered by them */
    PGconn *db = test_db_owner();
    char rid[24];
    snprintf(rid, sizeof rid, "%ld", request);
    const char *rp[] = {rid};
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM rapid_requests "
                                  "WHERE id = $1::bigint AND answer IS NULL",
                                  1, rp),
                     1);
    PQfinish(db);

    /* row-level security: each sees only what is theirs */
    char cid[24];
    snprintf(cid, sizeof cid, "%ld", campaign);
    const char *cp[] = {cid};
    static const struct {
        enum tenant who;
        long campaigns, requests;
    } sees[] = {
        {TENANT_P, 1, 1}, {TENANT_S, 1, 1}, {TENANT_G, 0, 0}, {TENANT_Q, 0, 0}, {TENANT_R, 0, 0}};
    for (size_t i = 0; i < sizeof sees / sizeof sees[0]; i++) {
        PGconn *app = test_db_app_as(world.email[sees[i].who]);
        ck_assert_int_eq(test_db_long(app,
                                      "SELECT count(*) FROM rapid_campaigns "
                                      "WHERE id = $1::bigint",
                                      1, cp),
                         sees[i].campaigns);
        ck_assert_int_eq(test_db_long(app,
                                      "SELECT count(*) FROM rapid_requests "
                                      "WHERE campaign_id = $1::bigint",
                                      1, cp),
                         sees[i].requests);
        test_db_app_end(app);
    }
    http_free(p);
}
END_TEST

START_TEST(only_group_companies_and_suppliers_are_asked)
{
    struct http *p = tenants_signed_in(&world, TENANT_P);
    ck_assert_int_eq(http_get(p, "/rapid/new"), 200);
    ck_assert_ptr_nonnull(strstr(p->body, "name=\"cve\""));
    char r_field[40];
    snprintf(r_field, sizeof r_field, "org_%s", world.org_id[TENANT_R]);
    /* R is no child of P: choosing it by a crafted field asks nobody */
    ck_assert_int_eq(http_post(p, "/rapid", "csrf_token", http_csrf_of(p, "/rapid"), "org_id",
                               world.org_id[TENANT_P], "cve", "CVE-2021-44228", "title",
                               "Log4Shell", "deadline_hours", "24", "remind_hours", "0", "scope",
                               "chosen", r_field, "1", NULL),
                     422);
    ck_assert_ptr_nonnull(strstr(p->body, "No organisation would be asked"));
    ck_assert_int_eq(http_post(p, "/rapid", "csrf_token", http_csrf_of(p, "/rapid"), "org_id",
                               world.org_id[TENANT_P], "cve", "log4shell", "title", "Log4Shell",
                               "deadline_hours", "0", "remind_hours", "0", "scope", "all", NULL),
                     422);
    ck_assert_ptr_nonnull(strstr(p->body, "Enter a CVE id such as CVE-2021-44228."));
    ck_assert_ptr_nonnull(strstr(p->body, "id=\"err-deadline_hours\""));
    /* by hand to all: the group companies and the supplier */
    ck_assert_int_eq(http_post(p, "/rapid", "csrf_token", http_csrf_of(p, "/rapid"), "org_id",
                               world.org_id[TENANT_P], "cve", "CVE-2021-44228", "title",
                               "Log4Shell", "deadline_hours", "24", "remind_hours", "0", "scope",
                               "all", NULL),
                     303);
    long campaign = 0;
    ck_assert_int_eq(sscanf(http_header(p, "Location"), "/rapid/%ld", &campaign), 1);
    ck_assert_int_gt(request_of(campaign, TENANT_G), 0);
    ck_assert_int_gt(request_of(campaign, TENANT_H), 0);
    ck_assert_int_gt(request_of(campaign, TENANT_S), 0);
    ck_assert_int_eq(request_of(campaign, TENANT_R), 0);
    /* started by hand, it offers no products to choose: S types them, one a line */
    struct http *s = tenants_signed_in(&world, TENANT_S);
    char path[64];
    snprintf(path, sizeof path, "/rapid/requests/%ld", request_of(campaign, TENANT_S));
    ck_assert_int_eq(http_get(s, path), 200);
    ck_assert_ptr_nonnull(strstr(s->body, "name=\"products_text\""));
    char token[128], long_line[260];
    snprintf(token, sizeof token, "%s", http_csrf_of(s, path));
    memset(long_line, 'x', 210);
    long_line[210] = '\0';
    ck_assert_int_eq(http_post(s, path, "csrf_token", token, "answer", "affected", "products_text",
                               long_line, "contact", "Sam <s@example.org>", NULL),
                     422);
    ck_assert_ptr_nonnull(strstr(s->body, "id=\"err-products\""));
    ck_assert_int_eq(http_post(s, path, "csrf_token", token, "answer", "affected", "products_text",
                               "Gateway 2.1\r\n\r\n  Portal 5.0\r\n", "contact",
                               "Sam <s@example.org>", NULL),
                     303);
    ck_assert_int_eq(http_get(s, path), 200);
    ck_assert_ptr_nonnull(strstr(s->body, ">Gateway 2.1\nPortal 5.0</textarea>"));
    http_free(s);
    snprintf(path, sizeof path, "/rapid/%ld/board.csv", campaign);
    ck_assert_int_eq(http_get(p, path), 200);
    ck_assert_ptr_nonnull(strstr(p->body, ",Supplier,Affected,Gateway 2.1; Portal 5.0,"));
    /* in the database too, whoever writes the row */
    PGconn *app = test_db_app_as(world.email[TENANT_P]);
    char cid[24];
    snprintf(cid, sizeof cid, "%ld", campaign);
    const char *ip[] = {cid, world.org_id[TENANT_R]};
    PGresult *res = PQexecParams(app,
                                 "INSERT INTO rapid_requests (campaign_id, org_id) "
                                 "VALUES ($1::bigint, $2::bigint)",
                                 2, NULL, ip, NULL, NULL, 0);
    ck_assert_int_eq(PQresultStatus(res), PGRES_FATAL_ERROR);
    ck_assert_str_eq(PQresultErrorField(res, PG_DIAG_SQLSTATE), "23514");
    PQclear(res);
    test_db_app_end(app);
    /* and only coordinators and administrators start campaigns */
    PGconn *r = test_db_app_as(world.email[TENANT_R]);
    const char *rp[] = {world.org_id[TENANT_P], world.user_id[TENANT_R]};
    res = PQexecParams(r,
                       "INSERT INTO rapid_campaigns (org_id, cve, title, deadline, created_by) "
                       "VALUES ($1::bigint, 'CVE-2021-44228', 'x', now(), $2::bigint)",
                       2, NULL, rp, NULL, NULL, 0);
    ck_assert_int_eq(PQresultStatus(res), PGRES_FATAL_ERROR);
    PQclear(res);
    test_db_app_end(r);
    http_free(p);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rapid_campaign");
    TCase *tc = tcase_create("http");
    tcase_add_unchecked_fixture(tc, world_setup, NULL);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, started_from_an_advisory_answered_in_one_screen_and_counted_on_the_board);
    tcase_add_test(tc, nobody_else_sees_a_campaign_or_a_request);
    tcase_add_test(tc, only_group_companies_and_suppliers_are_asked);
    suite_add_tcase(s, tc);
    return testlib_run(s);
}
