/* test_advisories.c - taking in CSAF 2.0 advisories (issue 11, part 1): the four published
 * samples are taken in and shown (tracking id, TLP, CVEs, products by status); a document
 * that breaks the schema is refused with the reasons by place and nothing is stored, as is
 * one that is not JSON; a newer revision supersedes the older, which stays readable; the
 * same revision twice is stored once; a reference that is not a web address is not made a
 * link; other organisations see none of it, and only coordinators take advisories in. In
 * the tenants' world (tests/tenants.h) P takes advisories in. */
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

static json_t *sample(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/csaf-2.0/examples/%s", test_env("TEST_SCHEMA_DIR"), name);
    json_error_t e;
    json_t *doc = json_load_file(path, 0, &e);
    ck_assert_msg(doc != NULL, "%s: %s", path, e.text);
    return doc;
}

static long advisories_of_p(void)
{
    PGconn *db = test_db_owner();
    const char *p[] = {world.org_id[TENANT_P]};
    long n = test_db_long(db, "SELECT count(*) FROM advisories WHERE org_id = $1::bigint", 1, p);
    PQfinish(db);
    return n;
}

/* Uploads doc as file_name; returns the status (the page or redirect is in h). */
static long upload(struct http *h, json_t *doc, const char *file_name)
{
    char *text = json_dumps(doc, JSON_COMPACT);
    ck_assert_ptr_nonnull(text);
    ck_assert_int_eq(http_get(h, "/advisories/new"), 200);
    long status = http_post_multipart(h, "/advisories", "csaf", file_name, text, strlen(text),
                                      "csrf_token", http_csrf_of(h, "/advisories"), NULL);
    free(text);
    return status;
}

/* Follows the redirect of the last response; returns the advisory's id. */
static long follow(struct http *h)
{
    long id = 0;
    ck_assert_int_eq(sscanf(http_header(h, "Location"), "/advisories/%ld", &id), 1);
    ck_assert_int_eq(http_get(h, http_header(h, "Location")), 200);
    return id;
}

START_TEST(the_samples_are_taken_in_and_shown)
{
    struct http *p = tenants_signed_in(&world, TENANT_P);
    long before = advisories_of_p();
    static const struct {
        const char *file, *tracking, *tlp, *cve;
    } samples[] = {
        {"bsi-2022-0001.json", "BSI-2022-0001", "TLP:CLEAR", "CVE-2022-27193"},
        {"cisco-sa-20180328-smi2.json", "cisco-sa-20180328-smi2", "no TLP", "CVE-2018-0171"},
        {"rhsa-2021_5217.json", "RHSA-2021:5217", "TLP:CLEAR", "CVE-2021-4133"},
        {"rhsa-2022_0011.json", "RHSA-2022:0011", "TLP:CLEAR", NULL},
    };
    for (size_t i = 0; i < 4; i++) {
        json_t *doc = sample(samples[i].file);
        ck_assert_int_eq(upload(p, doc, samples[i].file), 303);
        json_decref(doc);
        follow(p);
        ck_assert_ptr_nonnull(strstr(p->body, "Advisory taken in."));
        ck_assert_ptr_nonnull(strstr(p->body, samples[i].tracking));
        ck_assert_msg(strstr(p->body, samples[i].tlp) != NULL, "%s: no %s", samples[i].file,
                      samples[i].tlp);
        if (samples[i].cve)
            ck_assert_ptr_nonnull(strstr(p->body, samples[i].cve));
    }
    /* the BSI sample's products by status, named from its product tree */
    ck_assert_int_eq(http_get(p, "/advisories"), 200);
    const char *bsi = strstr(p->body, "BSI-2022-0001");
    ck_assert_ptr_nonnull(bsi);
    while (bsi > p->body && strncmp(bsi, "href=\"/advisories/", 18) != 0)
        bsi--;
    char path[64];
    ck_assert_int_eq(sscanf(bsi, "href=\"%63[^\"]\"", path), 1);
    ck_assert_int_eq(http_get(p, path), 200);
    ck_assert_ptr_nonnull(strstr(p->body, "Known affected"));
    ck_assert_ptr_nonnull(strstr(p->body, "CSAF Tools CVRF-CSAF-Converter 1.0.0-alpha"));
    ck_assert_ptr_nonnull(strstr(p->body, "Highest CVSS base score"));
    ck_assert_int_eq(advisories_of_p(), before + 4);
    http_free(p);
}
END_TEST

START_TEST(a_broken_document_is_refused_with_reasons_and_nothing_is_stored)
{
    struct http *p = tenants_signed_in(&world, TENANT_P);
    long before = advisories_of_p();
    json_t *doc = sample("rhsa-2022_0011.json");
    json_object_del(json_object_get(json_object_get(doc, "document"), "tracking"), "id");
    json_t *vuln = json_array_get(json_object_get(doc, "vulnerabilities"), 0);
    json_object_set_new(vuln, "cve", json_string("CVE-21-44228"));
    ck_assert_int_eq(upload(p, doc, "broken.json"), 422);
    json_decref(doc);
    ck_assert_ptr_nonnull(strstr(p->body, "broken.json: does not follow the CSAF 2.0 schema"));
    ck_assert_ptr_nonnull(strstr(p->body, "<code>/document/tracking</code>: this member is "
                                          "missing: <code>id</code>"));
    ck_assert_ptr_nonnull(strstr(p->body, "<code>/vulnerabilities/0/cve</code>: this does not "
                                          "have the required form"));
    ck_assert_ptr_nonnull(strstr(p->body, "Nothing of it was stored."));

    const char not_json[] = "{\"document\": ";
    ck_assert_int_eq(http_post_multipart(p, "/advisories", "csaf", "cut.json", not_json,
                                         sizeof not_json - 1, "csrf_token",
                                         http_csrf_of(p, "/advisories"), NULL),
                     422);
    ck_assert_ptr_nonnull(strstr(p->body, "The file is not valid JSON"));
    ck_assert_int_eq(http_post_multipart(p, "/advisories", "csaf", "advisory.xml", "<x/>", 4,
                                         "csrf_token", http_csrf_of(p, "/advisories"), NULL),
                     422);
    ck_assert_ptr_nonnull(strstr(p->body, "Choose a .json file."));
    ck_assert_int_eq(advisories_of_p(), before);
    http_free(p);
}
END_TEST

START_TEST(a_newer_revision_supersedes_and_the_same_one_is_kept_once)
{
    struct http *p = tenants_signed_in(&world, TENANT_P);
    json_t *doc = sample("rhsa-2021_5217.json");
    json_t *tracking = json_object_get(json_object_get(doc, "document"), "tracking");
    json_object_set_new(tracking, "id", json_string("RHSA-2099:0001"));
    ck_assert_int_eq(upload(p, doc, "old.json"), 303);
    long old_id = follow(p);
    ck_assert_int_eq(upload(p, doc, "old-again.json"), 303); /* the same revision */
    ck_assert_int_eq(follow(p), old_id);
    ck_assert_ptr_nonnull(strstr(p->body, "was taken in before"));

    json_object_set_new(tracking, "version", json_string("2"));
    json_object_set_new(tracking, "current_release_date", json_string("2099-01-02T00:00:00Z"));
    json_array_append_new(json_object_get(tracking, "revision_history"),
                          json_pack("{s:s, s:s, s:s}", "number", "2", "date",
                                    "2099-01-02T00:00:00Z", "summary", "Fixed packages added"));
    /* a reference that is valid CSAF but no web address */
    json_t *refs = json_object_get(json_object_get(doc, "document"), "references");
    json_object_set_new(json_array_get(refs, 0), "url", json_string("javascript:alert(1)"));
    ck_assert_int_eq(upload(p, doc, "new.json"), 303);
    json_decref(doc);
    long new_id = follow(p);
    ck_assert_int_ne(new_id, old_id);
    ck_assert_ptr_nonnull(strstr(p->body, "Fixed packages added"));
    ck_assert_ptr_null(strstr(p->body, "javascript:"));

    char path[64];
    snprintf(path, sizeof path, "/advisories/%ld", old_id);
    ck_assert_int_eq(http_get(p, path), 200); /* the old one stays readable */
    ck_assert_ptr_nonnull(strstr(p->body, "A newer revision of this advisory"));
    char link[64];
    snprintf(link, sizeof link, "href=\"/advisories/%ld\"", new_id);
    ck_assert_ptr_nonnull(strstr(p->body, link));
    PGconn *db = test_db_owner();
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", old_id);
    const char *q[] = {oid};
    ck_assert_int_eq(
        test_db_long(db, "SELECT superseded_by FROM advisories WHERE id = $1::bigint", 1, q),
        new_id);
    PQfinish(db);
    http_free(p);
}
END_TEST

/* P takes in rhsa-2022_0011 as tracking id with TLP label; returns its id. */
static long take_in_with_tlp(struct http *p, const char *tracking, const char *label)
{
    json_t *doc = sample("rhsa-2022_0011.json");
    json_t *document = json_object_get(doc, "document");
    json_object_set_new(json_object_get(document, "tracking"), "id", json_string(tracking));
    json_object_set_new(json_object_get(json_object_get(document, "distribution"), "tlp"), "label",
                        json_string(label));
    ck_assert_int_eq(upload(p, doc, "advisory.json"), 303);
    json_decref(doc);
    return follow(p);
}

/* The status member who gets for advisory id's page. */
static long status_for(enum tenant who, long id)
{
    struct http *h = tenants_signed_in(&world, who);
    char path[64];
    snprintf(path, sizeof path, "/advisories/%ld", id);
    long status = http_get(h, path);
    http_free(h);
    return status;
}

/* P's member passes advisory id on to the organisations ("org_<id>" fields) of to. */
static long share(struct http *p, long id, const enum tenant *to, size_t n)
{
    char path[64], share_path[80];
    snprintf(path, sizeof path, "/advisories/%ld", id);
    snprintf(share_path, sizeof share_path, "%s/share", path);
    ck_assert_int_eq(http_get(p, path), 200);
    struct http_form f = {0};
    http_form_add(&f, "csrf_token", http_session_csrf(p));
    for (size_t i = 0; i < n; i++) {
        char field[48];
        snprintf(field, sizeof field, "org_%s", world.org_id[to[i]]);
        http_form_add(&f, field, "1");
    }
    return http_form_post(p, share_path, &f);
}

START_TEST(passing_on_follows_the_tlp)
{
    struct http *p = tenants_signed_in(&world, TENANT_P);
    long amber = take_in_with_tlp(p, "RHSA-2099:0002", "AMBER");
    ck_assert_int_eq(status_for(TENANT_G, amber), 404);
    PGconn *owner = test_db_owner(); /* G's member reads German */
    const char *g_mail[] = {world.email[TENANT_G]};
    free(test_db_value(owner, "UPDATE users SET lang = 'de' WHERE email = $1 RETURNING id", 1,
                       g_mail));
    static const enum tenant to_g[] = {TENANT_G};
    ck_assert_int_eq(share(p, amber, to_g, 1), 303);
    /* the coordinators of G get a mail through the outbox, in their language */
    char *subject = test_db_value(owner,
                                  "SELECT string_agg(payload->>'subject', '|') FROM outbox "
                                  "WHERE kind = 'mail.advisory' AND address = $1",
                                  1, g_mail);
    char expected[128];
    snprintf(expected, sizeof expected, "Sicherheitshinweis von Isolation P %s: RHSA-2099:0002",
             world.tag);
    ck_assert_str_eq(subject, expected);
    free(subject);
    char delivered[256]; /* and the forwarder sends it */
    snprintf(delivered, sizeof delivered,
             "SELECT bool_and(state = 'delivered') FROM outbox WHERE kind = 'mail.advisory' "
             "AND address = '%s'",
             world.email[TENANT_G]);
    ck_assert_msg(test_wait_for(delivered, 30), "the advisory's mail was not delivered");
    /* the same choice again (a crafted form: the page disables it) queues no second mail */
    ck_assert_int_eq(share(p, amber, to_g, 1), 303);
    ck_assert_int_eq(test_db_long(owner,
                                  "SELECT count(*) FROM outbox WHERE kind = 'mail.advisory' "
                                  "AND address = $1",
                                  1, g_mail),
                     1);
    ck_assert_int_eq(status_for(TENANT_G, amber), 200); /* named */
    ck_assert_int_eq(status_for(TENANT_H, amber), 404); /* a sibling not named */
    ck_assert_int_eq(status_for(TENANT_S, amber), 404);
    struct http *g = tenants_signed_in(&world, TENANT_G);
    ck_assert_int_eq(http_get(g, "/advisories"), 200);
    ck_assert_ptr_nonnull(strstr(g->body, "RHSA-2099:0002"));
    /* G reads it but cannot pass P's advisory on */
    char share_path[80];
    snprintf(share_path, sizeof share_path, "/advisories/%ld/share", amber);
    ck_assert_int_eq(
        http_post(g, share_path, "csrf_token", http_session_csrf(g), "org_1", "1", NULL), 403);
    http_free(g);

    /* R is nobody of P's: not a choice, so nothing is chosen */
    static const enum tenant to_r[] = {TENANT_R};
    ck_assert_int_eq(share(p, amber, to_r, 1), 422);
    ck_assert_ptr_nonnull(strstr(p->body, "Choose at least one organisation."));
    ck_assert_int_eq(status_for(TENANT_R, amber), 404);
    const char *r_mail[] = {world.email[TENANT_R]};
    ck_assert_int_eq(test_db_long(owner,
                                  "SELECT count(*) FROM outbox WHERE kind = 'mail.advisory' "
                                  "AND address = $1",
                                  1, r_mail),
                     0);
    PQfinish(owner);

    /* TLP:RED goes nowhere: refused by the handler and by the database */
    long red = take_in_with_tlp(p, "RHSA-2099:0003", "RED");
    ck_assert_int_eq(share(p, red, to_g, 1), 409);
    ck_assert_ptr_nonnull(strstr(p->body, "A TLP:RED advisory is not passed on."));
    ck_assert_int_eq(status_for(TENANT_G, red), 404);
    PGconn *db = test_db_app_as(world.email[TENANT_P]);
    char rid[24];
    snprintf(rid, sizeof rid, "%ld", red);
    const char *q[] = {rid, world.org_id[TENANT_G], world.user_id[TENANT_P]};
    PGresult *res = PQexecParams(db,
                                 "INSERT INTO advisory_shares (advisory_id, org_id, shared_by) "
                                 "VALUES ($1, $2, $3)",
                                 3, NULL, q, NULL, NULL, 0);
    ck_assert_int_eq(PQresultStatus(res), PGRES_FATAL_ERROR);
    ck_assert_ptr_nonnull(strstr(PQresultErrorMessage(res), "TLP:RED"));
    PQclear(res);
    test_db_app_end(db);
    http_free(p);
}
END_TEST

START_TEST(other_organisations_see_nothing_and_only_coordinators_take_in)
{
    PGconn *db = test_db_owner();
    const char *p_org[] = {world.org_id[TENANT_P]};
    long any =
        test_db_long(db, "SELECT max(id) FROM advisories WHERE org_id = $1::bigint", 1, p_org);
    PQfinish(db);
    ck_assert_int_gt(any, 0);
    char path[64];
    snprintf(path, sizeof path, "/advisories/%ld", any);
    static const enum tenant outsiders[] = {TENANT_G, TENANT_H, TENANT_S, TENANT_R};
    for (size_t i = 0; i < sizeof outsiders / sizeof outsiders[0]; i++) {
        struct http *h = tenants_signed_in(&world, outsiders[i]);
        ck_assert_int_eq(http_get(h, path), 404);
        ck_assert_int_eq(http_get(h, "/advisories"), 200);
        ck_assert_msg(strstr(h->body, "BSI-2022-0001") == NULL, "%c sees P's advisories",
                      tenant_letter(outsiders[i]));
        http_free(h);
    }
    /* an incident reporter may read but not take in */
    struct http *r = http_new();
    ck_assert_int_eq(
        http_login(r, "reporter@energy.example", test_password("reporter@energy.example")), 303);
    ck_assert_int_eq(http_get(r, "/advisories/new"), 403);
    ck_assert_int_eq(http_get(r, "/advisories"), 200);
    ck_assert_int_eq(http_post_multipart(r, "/advisories", "csaf", "x.json", "{}", 2, "csrf_token",
                                         http_session_csrf(r), NULL),
                     403);
    http_free(r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("advisories");
    TCase *tc = tcase_create("advisories");
    tcase_add_unchecked_fixture(tc, world_setup, NULL);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, the_samples_are_taken_in_and_shown);
    tcase_add_test(tc, a_broken_document_is_refused_with_reasons_and_nothing_is_stored);
    tcase_add_test(tc, a_newer_revision_supersedes_and_the_same_one_is_kept_once);
    tcase_add_test(tc, passing_on_follows_the_tlp);
    tcase_add_test(tc, other_organisations_see_nothing_and_only_coordinators_take_in);
    suite_add_tcase(s, tc);
    return testlib_run(s);
}
