/* test_scale.c - a parent adjusts the classification scale of its group (ISO/IEC 27035-2
 * 6.5): a new version with an added category and a changed severity cell; incidents
 * classified from then on use it, an incident classified before keeps its version; the
 * forms that offer a category offer the group's; bad input gets 422 and publishes nothing. */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPORTER "reporter@energy.example"
#define COORDINATOR "coordinator@northwind.example"

static const char *const importances[] = {"especially_important", "important", "ordinary"};
static const char *const impacts[] = {"especially_serious", "serious", "considerable", "minor"};
static const char *const table[3][4] = {{"emergency", "critical", "warning", "information"},
                                        {"critical", "critical", "warning", "information"},
                                        {"warning", "warning", "information", "information"}};

/* Publishes a version: the default table, but cell (1,1) = middle; with new_code if given. */
static long publish(struct http *h, const char *middle, const char *new_code)
{
    ck_assert_int_eq(http_get(h, "/scales"), 200);
    struct http_form f = {0};
    http_form_add(&f, "csrf_token", http_session_csrf(h));
    /* keep every category as it is: the page lists them as keep_<code> with their text */
    PGconn *db = test_db_owner();
    PGresult *cats = PQexec(db, "SELECT code, label, meaning FROM scale_categories "
                                "WHERE scale_id = (SELECT min(id) FROM classification_scales)");
    ck_assert_int_eq(PQresultStatus(cats), PGRES_TUPLES_OK);
    for (int i = 0; i < PQntuples(cats); i++) {
        char name[80];
        snprintf(name, sizeof name, "keep_%s", PQgetvalue(cats, i, 0));
        http_form_add(&f, name, "1");
        snprintf(name, sizeof name, "label_%s", PQgetvalue(cats, i, 0));
        http_form_add(&f, name, PQgetvalue(cats, i, 1));
        snprintf(name, sizeof name, "meaning_%s", PQgetvalue(cats, i, 0));
        http_form_add(&f, name, PQgetvalue(cats, i, 2));
    }
    PQclear(cats);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++) {
            char name[80];
            snprintf(name, sizeof name, "rule_%s_%s", importances[i], impacts[j]);
            http_form_add(&f, name, i == 1 && j == 1 ? middle : table[i][j]);
        }
    if (new_code) {
        http_form_add(&f, "new_code", new_code);
        http_form_add(&f, "new_label", "Supply chain compromise");
        http_form_add(&f, "new_meaning", "An incident that reached us through a supplier.");
    }
    long status = http_form_post(h, "/scales", &f);
    PQfinish(db);
    return status;
}

static long report_and_classify(struct http *rep, struct http *coord, const char *category)
{
    ck_assert_int_eq(http_get(rep, "/incidents/new"), 200);
    ck_assert_int_eq(http_post(rep, "/incidents", "csrf_token", http_session_csrf(rep), "title",
                               "Scale test", "detected_at", "2026-11-20T07:15", "description",
                               "Checking which scale version classifies this.", "category",
                               "malware", "severity", "warning", "tlp", "amber", NULL),
                     303);
    long id = 0;
    ck_assert_int_eq(sscanf(http_header(rep, "Location"), "/incidents/%ld", &id), 1);
    char path[64];
    snprintf(path, sizeof path, "/incidents/%ld", id);
    ck_assert_int_eq(http_get(coord, path), 200);
    snprintf(path, sizeof path, "/incidents/%ld/classify", id);
    ck_assert_int_eq(http_post(coord, path, "csrf_token", http_session_csrf(coord), "category",
                               category, "system_importance", "important", "impact", "serious",
                               "nature", "actual", NULL),
                     303);
    return id;
}

static char *classification(PGconn *db, long id)
{
    char i[24];
    snprintf(i, sizeof i, "%ld", id);
    const char *p[] = {i};
    return test_db_value(db,
                         "SELECT i.category || ' ' || i.severity || ' v' || s.version "
                         "FROM incidents i JOIN classification_scales s ON s.id = i.scale_id "
                         "WHERE i.id = $1",
                         1, p);
}

/* The forms that offer a category offer the scale's: the group company's report form and
 * the parent's recipient filters list the added one, a report with it is listed with its
 * label; an organisation outside the group is neither offered it nor may use it. */
static void categories_follow_the_scale(PGconn *db, struct http *rep, struct http *coord)
{
    ck_assert_int_eq(http_get(rep, "/incidents/new"), 200);
    ck_assert_ptr_nonnull(strstr(rep->body, "<option value=\"supply_chain\""));
    ck_assert_ptr_nonnull(strstr(rep->body, "Supply chain compromise"));
    ck_assert_int_eq(http_post(rep, "/incidents", "csrf_token", http_session_csrf(rep), "title",
                               "Through a supplier", "detected_at", "2026-11-21T08:00",
                               "description", "A compromised update from a supplier.", "category",
                               "supply_chain", "severity", "warning", "tlp", "amber", NULL),
                     303);
    ck_assert_int_eq(http_get(rep, "/incidents"), 200);
    const char *row = strstr(rep->body, "Through a supplier");
    ck_assert_ptr_nonnull(row);
    ck_assert_msg(strncmp(strstr(row, "<td>"), "<td>Supply chain compromise</td>", 32) == 0,
                  "%.200s", row);
    ck_assert_int_eq(http_get(coord, "/recipients"), 200);
    ck_assert_ptr_nonnull(strstr(coord->body, "name=\"cat_supply_chain\""));

    struct http *outsider = http_new();
    ck_assert_int_eq(
        http_login(outsider, "assessor@acme.example", test_password("assessor@acme.example")), 303);
    ck_assert_int_eq(http_get(outsider, "/incidents/new"), 200);
    ck_assert_ptr_null(strstr(outsider->body, "supply_chain"));
    ck_assert_ptr_nonnull(strstr(outsider->body, "<option value=\"malware\""));
    long before = test_db_long(db, "SELECT count(*) FROM incidents", 0, NULL);
    ck_assert_int_eq(http_post(outsider, "/incidents", "csrf_token", http_session_csrf(outsider),
                               "title", "Not ours to use", "detected_at", "2026-11-21T08:00",
                               "description", "A category of another group's scale.", "category",
                               "supply_chain", "severity", "warning", "tlp", "amber", NULL),
                     422);
    ck_assert_ptr_nonnull(strstr(outsider->body, "value=\"Not ours to use\""));
    ck_assert_int_eq(test_db_long(db, "SELECT count(*) FROM incidents", 0, NULL), before);
    http_free(outsider);
}

START_TEST(parent_publishes_a_new_version)
{
    PGconn *db = test_db_owner();
    struct http *coord = http_new(), *rep = http_new();
    ck_assert_int_eq(http_login(coord, COORDINATOR, test_password(COORDINATOR)), 303);
    ck_assert_int_eq(http_login(rep, REPORTER, test_password(REPORTER)), 303);

    long before = report_and_classify(rep, coord, "malware");
    char *c = classification(db, before);
    ck_assert_str_eq(c, "malware critical v1");
    free(c);

    long versions = test_db_long(db, "SELECT count(*) FROM classification_scales", 0, NULL);
    ck_assert_int_eq(publish(coord, "emergency", "Not a code!"), 422);
    ck_assert_ptr_nonnull(strstr(coord->body, "Lower-case letters"));
    ck_assert_int_eq(test_db_long(db, "SELECT count(*) FROM classification_scales", 0, NULL),
                     versions);
    ck_assert_int_eq(publish(coord, "emergency", "supply_chain"), 303);
    categories_follow_the_scale(db, rep, coord);

    /* from now on: the new category exists and important x serious is Emergency */
    long after = report_and_classify(rep, coord, "supply_chain");
    c = classification(db, after);
    ck_assert_str_eq(c, "supply_chain emergency v1");
    free(c);
    char *owner = test_db_value(db,
                                "SELECT o.name FROM incidents i JOIN classification_scales s "
                                "ON s.id = i.scale_id JOIN organisations o ON o.id = "
                                "s.owner_org_id ORDER BY i.id DESC LIMIT 1",
                                0, NULL);
    ck_assert_str_eq(owner, "Northwind Group");
    free(owner);
    /* the incident classified before keeps its version and class */
    c = classification(db, before);
    ck_assert_str_eq(c, "malware critical v1");
    free(c);

    /* put the group back on the default table for the tests that follow */
    ck_assert_int_eq(publish(coord, "critical", NULL), 303);
    /* the page confirms the version published (issue 10, defect 8) */
    ck_assert_int_eq(http_get(coord, http_header(coord, "Location")), 200);
    const char *status = strstr(coord->body, "role=\"status\"");
    ck_assert_ptr_nonnull(status);
    ck_assert_ptr_nonnull(strstr(status, "version 2</strong>"));
    http_free(rep);
    http_free(coord);
    PQfinish(db);
}
END_TEST

static Suite *scale_suite(void)
{
    Suite *s = suite_create("scale");
    TCase *tc = tcase_create("versions");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, parent_publishes_a_new_version);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(scale_suite)
