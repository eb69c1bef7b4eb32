/* test_scores.c - scores across organisations and cycles, through nginx and the portal,
 * on a parent, a group company and a supplier set up as the owner: two accepted cycles of
 * a campaign for the group company (Identify from two categories of different scores,
 * Protect from one) and a draft of the supplier.
 * - category weights: the form lists the categories with their weights; invalid input
 *   comes back with 422 as typed and nothing stored; a saved weight changes the Identify
 *   score on the heatmap and leaves an audit row; respondents may not set weights;
 * - progress: the organisation's scores page lists what went up and down since the
 *   previous cycle, with old and new level, and nothing that stayed;
 * - the heatmap pages a hundred organisations at a time;
 * - the campaign report lists each respondent with its status and the heatmap's scores,
 *   and the totals; other organisations get 404. */
#include "testlib.h"

#include "auth.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PASSWORD "scores passphrase 1"

static PGconn *owner;
static char sfx[32];
static long parent, company, supplier, admin_id, assessor_id, campaign1, campaign2, first, second,
    draft;

static long sql_long(const char *sql, int n, const char *const *p)
{
    return test_db_long(owner, sql, n, p);
}

static long new_org(const char *name)
{
    const char *p[] = {name, sfx};
    return sql_long("INSERT INTO organisations (name) VALUES ($1 || ' ' || $2) RETURNING id", 2, p);
}

static const char *email_of(const char *who)
{
    static char email[128];
    snprintf(email, sizeof email, "%s.%s@scores.example", who, sfx);
    return email;
}

/* A user who can sign in with PASSWORD, holding role in org. */
static long member(const char *who, long org, const char *role)
{
    char hash[AUTH_PWHASH_TEXT], o[24];
    ck_assert_int_eq(auth_password_hash(PASSWORD, hash), 0);
    snprintf(o, sizeof o, "%ld", org);
    const char *p[] = {email_of(who), o, role, hash};
    return sql_long("WITH u AS (INSERT INTO users (email, display_name, password_hash) "
                    "  VALUES ($1, $1, $4) RETURNING id), "
                    "m AS (INSERT INTO memberships (user_id, org_id, role) "
                    "  SELECT id, $2::bigint, $3 FROM u) SELECT id FROM u",
                    4, p);
}

static void relate(long child, const char *kind)
{
    char pa[24], ch[24];
    snprintf(pa, sizeof pa, "%ld", parent);
    snprintf(ch, sizeof ch, "%ld", child);
    const char *p[] = {pa, ch, kind};
    free(test_db_value(
        owner, "INSERT INTO org_relations (parent_id, child_id, kind) VALUES ($1, $2, $3)", 3, p));
}

static long new_campaign(long questionnaire, int cycle, long previous)
{
    char pa[24], q[24], u[24], c[16], prev[24];
    snprintf(pa, sizeof pa, "%ld", parent);
    snprintf(q, sizeof q, "%ld", questionnaire);
    snprintf(u, sizeof u, "%ld", admin_id);
    snprintf(c, sizeof c, "%d", cycle);
    snprintf(prev, sizeof prev, "%ld", previous);
    const char *p[] = {pa, q, u, c, previous ? prev : NULL};
    return sql_long("INSERT INTO campaigns (owner_org_id, questionnaire_id, title, due_date, "
                    "recurrence, cycle, previous_id, created_by) VALUES ($1, $2, 'Yearly check', "
                    "date '2031-06-30' + ($4::int - 1) * interval '1 year', 'yearly', $4, $5, $3) "
                    "RETURNING id",
                    5, p);
}

/* An accepted assessment of the group company: ID.AM at am, ID.GV at gv, PR.AT at 3; the
 * first sub-category of ID.AM at am_first and of ID.GV at gv_first. */
static long accepted(long campaign, long questionnaire, int days_ago, int am, int am_first, int gv,
                     int gv_first)
{
    char o[24], q[24], c[24], u[24], d[16];
    snprintf(o, sizeof o, "%ld", company);
    snprintf(q, sizeof q, "%ld", questionnaire);
    snprintf(c, sizeof c, "%ld", campaign);
    snprintf(u, sizeof u, "%ld", assessor_id);
    snprintf(d, sizeof d, "%d", days_ago);
    const char *p[] = {o, q, c, u, d};
    long a = sql_long("INSERT INTO assessments (org_id, questionnaire_id, campaign_id, created_by, "
                      "status, submitted_by, submitted_at) VALUES ($1, $2, $3, $4, 'accepted', "
                      "$4, now() - $5::int * interval '1 day') RETURNING id",
                      5, p);
    char id[24], l[4][8];
    snprintf(id, sizeof id, "%ld", a);
    snprintf(l[0], 8, "%d", am);
    snprintf(l[1], 8, "%d", am_first);
    snprintf(l[2], 8, "%d", gv);
    snprintf(l[3], 8, "%d", gv_first);
    const char *ap[] = {id, q, u, l[0], l[1], l[2], l[3]};
    free(test_db_value(owner,
                       "INSERT INTO assessment_answers (assessment_id, item_id, level, updated_by) "
                       "SELECT $1, qi.id, CASE "
                       "  WHEN cat.code = 'ID.AM' AND s.position = 1 THEN $5::int "
                       "  WHEN cat.code = 'ID.AM' THEN $4::int "
                       "  WHEN cat.code = 'ID.GV' AND s.position = 1 THEN $7::int "
                       "  WHEN cat.code = 'ID.GV' THEN $6::int ELSE 3 END, $3 "
                       "FROM questionnaire_items qi "
                       "JOIN catalogue_subcategories s ON s.id = qi.subcategory_id "
                       "JOIN catalogue_categories cat ON cat.id = s.category_id "
                       "WHERE qi.questionnaire_id = $2",
                       7, ap));
    return a;
}

/* Two organisations of a new parent, and the campaign's two cycles (see the top). */
static void fixture(void)
{
    ck_assert_int_eq(auth_init(), 0);
    snprintf(sfx, sizeof sfx, "%d", (int)getpid());
    owner = test_db_owner();
    parent = new_org("Scores Parent");
    company = new_org("Scores Company");
    supplier = new_org("Scores Supplier");
    relate(company, "group_company");
    relate(supplier, "supplier");
    admin_id = member("admin", parent, "org_admin");
    assessor_id = member("assessor", company, "assessor");
    member("supplier", supplier, "assessor");
    char pa[24], u[24];
    snprintf(pa, sizeof pa, "%ld", parent);
    snprintf(u, sizeof u, "%ld", admin_id);
    const char *qp[] = {pa, u};
    long questionnaire =
        sql_long("INSERT INTO questionnaires (owner_org_id, edition_id, title, created_by) "
                 "VALUES ($1, (SELECT max(id) FROM catalogue_editions), 'Yearly questions', $2) "
                 "RETURNING id",
                 2, qp);
    char q[24];
    snprintf(q, sizeof q, "%ld", questionnaire);
    const char *ip[] = {q};
    free(test_db_value(owner,
                       "INSERT INTO questionnaire_items (questionnaire_id, position, kind, "
                       "  subcategory_id, default_target) "
                       "SELECT $1, row_number() OVER (ORDER BY f.position, cat.position, "
                       "  s.position), 'subcategory', s.id, 4 "
                       "FROM catalogue_subcategories s "
                       "JOIN catalogue_categories cat ON cat.id = s.category_id "
                       "JOIN catalogue_functions f ON f.id = cat.function_id "
                       "WHERE f.edition_id = (SELECT max(id) FROM catalogue_editions) "
                       "  AND cat.code IN ('ID.AM', 'ID.GV', 'PR.AT')",
                       1, ip));
    free(test_db_value(owner, "UPDATE questionnaires SET frozen_at = now() WHERE id = $1", 1, ip));
    campaign1 = new_campaign(questionnaire, 1, 0);
    campaign2 = new_campaign(questionnaire, 2, campaign1);
    first = accepted(campaign1, questionnaire, 400, 4, 4, 2, 2);
    second = accepted(campaign2, questionnaire, 1, 4, 5, 2, 1);
    char o[24], c[24];
    snprintf(o, sizeof o, "%ld", supplier);
    snprintf(c, sizeof c, "%ld", campaign2);
    const char *dp[] = {o, q, c, u};
    draft = sql_long("INSERT INTO assessments (org_id, questionnaire_id, campaign_id, created_by) "
                     "VALUES ($1, $2, $3, $4) RETURNING id",
                     4, dp);
}

static struct http *signed_in(const char *who)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, email_of(who), PASSWORD), 303);
    return h;
}

/* The text of the table cells (tags removed) of the row that starts at the first
 * occurrence of name after from, up to its </tr>: "cell|cell|...". */
static char *row_cells(const char *from, const char *name)
{
    const char *row = strstr(from, name);
    ck_assert_msg(row != NULL, "no row for %s", name);
    const char *end = strstr(row, "</tr>");
    ck_assert_ptr_nonnull(end);
    char *out = calloc(1, (size_t)(end - row) + 1);
    size_t n = 0;
    int in_tag = 0;
    for (const char *p = row; p < end; p++) {
        if (*p == '<') {
            in_tag = 1;
            if (strncmp(p, "<td", 3) == 0 && n > 0)
                out[n++] = '|';
        } else if (*p == '>')
            in_tag = 0;
        else if (!in_tag && *p != '\n')
            out[n++] = *p;
    }
    return out;
}

/* The heatmap cells (ID, PR, DE, RS, RC, overall, gap) of the company for a campaign. */
static char *heatmap_cells(struct http *h, long campaign)
{
    char path[64];
    snprintf(path, sizeof path, "/dashboard?campaign=%ld", campaign);
    ck_assert_int_eq(http_get(h, path), 200);
    char name[96];
    snprintf(name, sizeof name, "Scores Company %s</a>", sfx);
    char *row = row_cells(h->body, name);
    char *cells = strdup(strchr(row, '|') + 1); /* past the organisation's own cell */
    free(row);
    return cells;
}

static const char *csrf_of(struct http *h)
{
    static char token[128];
    snprintf(token, sizeof token, "%s", http_csrf_of(h, "/logout"));
    return token;
}

/* The weights form: every category at "1" except those named in overrides
 * ("ID.AM=3" ...). */
static long post_weights(struct http *h, const char *const *overrides, int n)
{
    PGresult *cats = PQexec(owner, "SELECT cat.id, cat.code FROM catalogue_categories cat "
                                   "JOIN catalogue_functions f ON f.id = cat.function_id "
                                   "WHERE f.edition_id = (SELECT max(id) FROM catalogue_editions)");
    ck_assert_int_eq(PQresultStatus(cats), PGRES_TUPLES_OK);
    char *body = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&body, &len);
    char *tok = curl_escape(csrf_of(h), 0);
    fprintf(f, "csrf_token=%s&org_id=%ld", tok, parent);
    curl_free(tok);
    for (int i = 0; i < PQntuples(cats); i++) {
        const char *value = "1";
        for (int k = 0; k < n; k++) {
            size_t cl = strlen(PQgetvalue(cats, i, 1));
            if (strncmp(overrides[k], PQgetvalue(cats, i, 1), cl) == 0 && overrides[k][cl] == '=')
                value = overrides[k] + cl + 1;
        }
        char *v = curl_escape(value, 0);
        fprintf(f, "&weight_%s=%s", PQgetvalue(cats, i, 0), v);
        curl_free(v);
    }
    fclose(f);
    PQclear(cats);
    long status = http_post_raw(h, "/weights", "application/x-www-form-urlencoded", body, len);
    free(body);
    return status;
}

static long category_id(const char *code)
{
    const char *p[] = {code};
    return sql_long(
        "SELECT cat.id FROM catalogue_categories cat "
        "JOIN catalogue_functions f ON f.id = cat.function_id "
        "WHERE cat.code = $1 AND f.edition_id = (SELECT max(id) FROM catalogue_editions)",
        1, p);
}

START_TEST(weights_change_function_scores)
{
    fixture();
    struct http *admin = signed_in("admin");
    /* equal weights: Identify = mean(ID.AM 4.0, ID.GV 2.0) = 3.0 */
    char *cells = heatmap_cells(admin, campaign1);
    ck_assert_msg(strncmp(cells, "3.0|3.0|", 8) == 0, "heatmap cells: %s", cells);
    free(cells);

    ck_assert_int_eq(http_get(admin, "/weights"), 200);
    char input[64];
    snprintf(input, sizeof input, "name=\"weight_%ld\"", category_id("ID.AM"));
    ck_assert_ptr_nonnull(strstr(admin->body, input));
    ck_assert_ptr_nonnull(strstr(admin->body, "ID.AM"));
    ck_assert_ptr_nonnull(strstr(admin->body, "RC.IM"));
    ck_assert_ptr_nonnull(strstr(admin->body, "weighted mean"));

    /* out of range and not a number: 422, as typed, nothing stored */
    const char *bad[] = {"ID.AM=20", "ID.GV=two", "PR.AT=1.234"};
    ck_assert_int_eq(post_weights(admin, bad, 3), 422);
    ck_assert_ptr_nonnull(strstr(admin->body, "value=\"20\""));
    ck_assert_ptr_nonnull(strstr(admin->body, "value=\"two\""));
    ck_assert_ptr_nonnull(strstr(admin->body, "outside the allowed range"));
    ck_assert_ptr_nonnull(strstr(admin->body, "Enter a number such as 1 or 2.5"));
    char pa[24];
    snprintf(pa, sizeof pa, "%ld", parent);
    const char *pp[] = {pa};
    ck_assert_int_eq(
        sql_long("SELECT count(*) FROM category_weights WHERE owner_org_id = $1", 1, pp), 0);

    /* ID.AM counts three times: Identify = (3 x 4 + 2) / 4 = 3.5 */
    const char *good[] = {"ID.AM=3"};
    ck_assert_int_eq(post_weights(admin, good, 1), 303);
    ck_assert_ptr_nonnull(strstr(http_header(admin, "Location"), "/weights?"));
    char *w = test_db_value(owner,
                            "SELECT string_agg(cat.code || '=' || w.weight, ',') "
                            "FROM category_weights w JOIN catalogue_categories cat "
                            "ON cat.id = w.category_id WHERE w.owner_org_id = $1",
                            1, pp);
    ck_assert_str_eq(w, "ID.AM=3.00");
    free(w);
    char *audit = test_db_value(owner,
                                "SELECT detail::text FROM audit_log WHERE org_id = $1 "
                                "AND entity = 'category_weights' ORDER BY id DESC LIMIT 1",
                                1, pp);
    ck_assert_msg(strstr(audit, "\"ID.AM\"") != NULL, "audit detail: %s", audit);
    free(audit);
    cells = heatmap_cells(admin, campaign1);
    ck_assert_msg(strncmp(cells, "3.5|3.0|", 8) == 0, "heatmap cells: %s", cells);
    free(cells);
    ck_assert_int_eq(http_get(admin, "/weights"), 200);
    ck_assert_ptr_nonnull(strstr(admin->body, "value=\"3\""));

    /* a respondent may not set weights */
    struct http *assessor = signed_in("assessor");
    ck_assert_int_eq(http_get(assessor, "/weights"), 403);
    http_free(assessor);
    http_free(admin);
    PQfinish(owner);
}
END_TEST

START_TEST(progress_since_the_previous_cycle)
{
    fixture();
    char path[64];
    snprintf(path, sizeof path, "/organisations/%ld/scores", company);
    char *am1 = test_db_value(owner,
                              "SELECT s.code FROM catalogue_subcategories s JOIN "
                              "catalogue_categories cat ON cat.id = s.category_id "
                              "JOIN catalogue_functions f ON f.id = cat.function_id "
                              "WHERE cat.code = 'ID.AM' AND s.position = 1 "
                              "AND f.edition_id = (SELECT max(id) FROM catalogue_editions)",
                              0, NULL);
    char *gv1 = test_db_value(owner,
                              "SELECT s.code FROM catalogue_subcategories s JOIN "
                              "catalogue_categories cat ON cat.id = s.category_id "
                              "JOIN catalogue_functions f ON f.id = cat.function_id "
                              "WHERE cat.code = 'ID.GV' AND s.position = 1 "
                              "AND f.edition_id = (SELECT max(id) FROM catalogue_editions)",
                              0, NULL);
    /* seen by the organisation itself and by its parent alike */
    const char *who[] = {"assessor", "admin"};
    for (int k = 0; k < 2; k++) {
        struct http *h = signed_in(who[k]);
        ck_assert_int_eq(http_get(h, path), 200);
        const char *section = strstr(h->body, "What changed since the previous cycle");
        ck_assert_ptr_nonnull(section);
        const char *end = strstr(section, "</section>");
        ck_assert_ptr_nonnull(end);
        char *part = strndup(section, (size_t)(end - section));
        char link[64];
        snprintf(link, sizeof link, "/assessments/%ld", first);
        ck_assert_ptr_nonnull(strstr(part, link));
        char *up = row_cells(part, am1);
        ck_assert_msg(strstr(up, "|4|5|Improved (+1)") != NULL, "row: %s", up);
        free(up);
        char *down = row_cells(part, gv1);
        ck_assert_msg(strstr(down, "|2|1|Slipped (-1)") != NULL, "row: %s", down);
        free(down);
        ck_assert_ptr_null(strstr(part, "PR.AT")); /* unchanged */
        ck_assert_ptr_nonnull(strstr(part, "1 improved, 1 slipped"));
        free(part);
        http_free(h);
    }
    free(am1);
    free(gv1);

    /* one cycle only: nothing to compare with */
    struct http *s = signed_in("supplier");
    snprintf(path, sizeof path, "/organisations/%ld/scores", supplier);
    ck_assert_int_eq(http_get(s, path), 200);
    ck_assert_ptr_null(strstr(s->body, "What changed since the previous cycle"));
    http_free(s);
    PQfinish(owner);
}
END_TEST

START_TEST(campaign_report_lists_respondents_with_scores)
{
    fixture();
    struct http *admin = signed_in("admin");
    char *heat = heatmap_cells(admin, campaign2);
    char path[64];
    snprintf(path, sizeof path, "/campaigns/%ld", campaign2);
    ck_assert_int_eq(http_get(admin, path), 200);
    snprintf(path, sizeof path, "/campaigns/%ld/report", campaign2);
    ck_assert_ptr_nonnull(strstr(admin->body, path)); /* linked from the campaign */
    ck_assert_int_eq(http_get(admin, path), 200);
    ck_assert_ptr_nonnull(strstr(admin->body, "Yearly check"));
    ck_assert_ptr_nonnull(strstr(admin->body, "Yearly questions"));
    ck_assert_ptr_nonnull(strstr(admin->body, "2032-06-30"));

    /* the company: accepted, with the heatmap's scores (ID, PR, DE, RS, RC, overall) */
    char name[96];
    snprintf(name, sizeof name, "Scores Company %s</a>", sfx);
    char *row = row_cells(admin->body, name);
    ck_assert_msg(strstr(row, "|Accepted|") != NULL, "row: %s", row);
    const char *scores = strstr(row, "|Accepted|");
    scores = strchr(scores + strlen("|Accepted|"), '|') + 1; /* past the submission date */
    char expect[96];
    int cut = 0;
    for (int k = 0, bars = 0; heat[k] && bars < 6; k++, cut++)
        bars += heat[k] == '|';
    snprintf(expect, sizeof expect, "%.*s", cut - 1, heat);
    ck_assert_msg(strncmp(scores, expect, strlen(expect)) == 0, "report %s, heatmap %s", scores,
                  heat);
    /* Identify: mean(ID.AM (5 + 4 x 4) / 5 = 4.2, ID.GV (1 + 3 x 2) / 4 = 1.75) = 3.0 */
    ck_assert_str_eq(expect, "3.0|3.0|-|-|-|3.0");
    free(row);

    /* the supplier: a draft, no scores */
    snprintf(name, sizeof name, "Scores Supplier %s</a>", sfx);
    row = row_cells(admin->body, name);
    ck_assert_msg(strstr(row, "|Draft||-|-|-|-|-|-") != NULL, "row: %s", row);
    free(row);

    /* totals: the mean of those with scores, and the counts */
    row = row_cells(admin->body, "Mean");
    ck_assert_msg(strstr(row, "1 of 2 with scores") != NULL, "row: %s", row);
    ck_assert_msg(strstr(row, expect) != NULL, "totals %s, expected %s", row, expect);
    free(row);
    ck_assert_ptr_nonnull(strstr(admin->body, "<dt>Respondents</dt><dd>2</dd>"));
    ck_assert_ptr_nonnull(strstr(admin->body, "<dt>Draft</dt><dd>1</dd>"));
    ck_assert_ptr_nonnull(strstr(admin->body, "<dt>Accepted</dt><dd>1</dd>"));
    free(heat);

    /* another parent's reviewer: nothing */
    struct http *other = http_new();
    ck_assert_int_eq(http_login(other, "reviewer@northwind.example",
                                test_password("reviewer@northwind.example")),
                     303);
    ck_assert_int_eq(http_get(other, path), 404);
    http_free(other);
    http_free(admin);
    PQfinish(owner);
}
END_TEST

/* A parent with more children than a page: the heatmap shows a hundred at a time, in
 * name order, with links to the other pages kept on the same campaign and sort; a page
 * past the last shows the last; a page that is not a number is refused. */
START_TEST(heatmap_pages_past_a_hundred)
{
    fixture();
    char pa[24];
    snprintf(pa, sizeof pa, "%ld", parent);
    const char *p[] = {pa, sfx};
    free(test_db_value(owner,
                       "WITH o AS (INSERT INTO organisations (name) "
                       "  SELECT format('Scores Zed %s %s', lpad(g::text, 3, '0'), $2::text) "
                       "  FROM generate_series(1, 120) g RETURNING id) "
                       "INSERT INTO org_relations (parent_id, child_id, kind) "
                       "SELECT $1, id, 'supplier' FROM o",
                       2, p));
    struct http *admin = signed_in("admin");
    char path[96], name[96];
    snprintf(path, sizeof path, "/dashboard?campaign=%ld", campaign2);
    ck_assert_int_eq(http_get(admin, path), 200);
    ck_assert_msg(strstr(admin->body, "Organisations 1–100 of 122") != NULL, "%s", admin->body);
    snprintf(name, sizeof name, "Scores Company %s</a>", sfx);
    ck_assert_ptr_nonnull(strstr(admin->body, name));
    snprintf(name, sizeof name, "Scores Zed 098 %s</a>", sfx); /* 100th by name */
    ck_assert_ptr_nonnull(strstr(admin->body, name));
    snprintf(name, sizeof name, "Scores Zed 099 %s</a>", sfx);
    ck_assert_ptr_null(strstr(admin->body, name));
    char next[128];
    snprintf(next, sizeof next, "href=\"/dashboard?kind=&amp;campaign=%ld&amp;sort=&amp;page=2\"",
             campaign2);
    const char *pager = strstr(admin->body, "<nav class=\"pager\"");
    ck_assert_ptr_nonnull(pager);
    ck_assert_msg(strstr(pager, next) != NULL, "no %s in %.400s", next, pager);
    ck_assert_ptr_null(strstr(admin->body, "rel=\"prev\""));

    snprintf(path, sizeof path, "/dashboard?campaign=%ld&page=2", campaign2);
    ck_assert_int_eq(http_get(admin, path), 200);
    ck_assert_ptr_nonnull(strstr(admin->body, "Organisations 101–122 of 122"));
    ck_assert_ptr_nonnull(strstr(admin->body, name));
    snprintf(name, sizeof name, "Scores Company %s</a>", sfx);
    ck_assert_ptr_null(strstr(admin->body, name));
    ck_assert_ptr_nonnull(strstr(admin->body, "rel=\"prev\""));
    ck_assert_ptr_null(strstr(admin->body, "rel=\"next\""));

    snprintf(path, sizeof path, "/dashboard?campaign=%ld&page=40", campaign2);
    ck_assert_int_eq(http_get(admin, path), 200);
    ck_assert_ptr_nonnull(strstr(admin->body, "Organisations 101–122 of 122"));
    ck_assert_int_eq(http_get(admin, "/dashboard?page=two"), 400);
    http_free(admin);
    PQfinish(owner);
}
END_TEST

static Suite *scores_suite(void)
{
    Suite *s = suite_create("scores");
    TCase *tc = tcase_create("scores");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, weights_change_function_scores);
    tcase_add_test(tc, progress_since_the_previous_cycle);
    tcase_add_test(tc, campaign_report_lists_respondents_with_scores);
    tcase_add_test(tc, heatmap_pages_past_a_hundred);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(scores_suite)
