/* test_export.c - exports and the CSV import through nginx. The parent sends a supplier
 * (Acme, which has an assessor) a questionnaire of ID.AM and four own questions; the
 * supplier answers in the form with tricky text (formulas, quotes, line breaks, commas,
 * a negative number); its CSV export imported again changes nothing (same answers, no new
 * version, no history row); an edited file changes exactly the edited items (version +1,
 * a history row each); files with bad rows are refused with 422, every bad line listed and
 * nothing stored; template, scores and JSON download; after submission the import is
 * refused (409); once accepted, the OSCAL export validates against the OSCAL 1.0.6 schema
 * (TEST_VALIDATOR; a broken copy must not); another organisation gets 404 for each export
 * and the import. */
#include "testlib.h"

#include "csv.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ADMIN "admin@northwind.example"
#define REVIEWER "reviewer@northwind.example"
#define SUPPLIER_USER "assessor@acme.example"
#define SUPPLIER "Acme Cloud Services"
#define OTHER "assessor@energy.example"

/* The questionnaire item id of code in assessment a. */
static long item_id(PGconn *db, long a, const char *code)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", a);
    const char *p[] = {id, code};
    long v = test_db_long(db,
                          "SELECT qi.id FROM questionnaire_items qi "
                          "JOIN assessments a ON a.questionnaire_id = qi.questionnaire_id "
                          "LEFT JOIN catalogue_subcategories s ON s.id = qi.subcategory_id "
                          "WHERE a.id = $1::bigint AND coalesce(s.code, 'Q' || qi.position) = $2",
                          2, p);
    ck_assert_msg(v > 0, "no item %s", code);
    return v;
}

/* Every item's stored answer, one line each: code|level|na|justification|notes|value|carried */
static char *answers_of(PGconn *db, long a)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", a);
    const char *p[] = {id};
    return test_db_value(db,
                         "SELECT string_agg(coalesce(s.code, 'Q' || qi.position) || '|' || "
                         "  coalesce(x.level::text, '-') || '|' || "
                         "  coalesce(x.not_applicable::text, '-') || '|' || "
                         "  coalesce(x.justification, '-') || '|' || "
                         "  coalesce(x.evidence_notes, '-') || '|' || "
                         "  coalesce(x.value_text, '-') || '|' || "
                         "  coalesce(x.carried_over::text, '-'), E'\\n' ORDER BY qi.position) "
                         "FROM questionnaire_items qi "
                         "JOIN assessments a ON a.questionnaire_id = qi.questionnaire_id "
                         "LEFT JOIN catalogue_subcategories s ON s.id = qi.subcategory_id "
                         "LEFT JOIN assessment_answers x "
                         "  ON x.assessment_id = a.id AND x.item_id = qi.id "
                         "WHERE a.id = $1::bigint",
                         1, p);
}

/* The version of code's answer (0: none). */
static long version_of(PGconn *db, long a, const char *code)
{
    char id[24], item[24];
    snprintf(id, sizeof id, "%ld", a);
    snprintf(item, sizeof item, "%ld", item_id(db, a, code));
    const char *p[] = {id, item};
    return test_db_long(db,
                        "SELECT coalesce((SELECT version FROM assessment_answers "
                        "WHERE assessment_id = $1::bigint AND item_id = $2::bigint), 0)",
                        2, p);
}

static long count_of(PGconn *db, const char *sql, long a)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", a);
    const char *p[] = {id};
    return test_db_long(db, sql, 1, p);
}

#define HISTORY "SELECT count(*) FROM answer_history WHERE assessment_id = $1::bigint"
#define IMPORTS                                                                                    \
    "SELECT count(*) FROM audit_log WHERE action = 'import_answers' AND entity_id = $1::bigint"

static const char *const codes[] = {"ID.AM-1", "ID.AM-2", "ID.AM-3", "ID.AM-4", "ID.AM-5",
                                    "Q2000",   "Q2001",   "Q2002",   "Q2003"};
#define N_CODES (sizeof codes / sizeof codes[0])

/* csv with the field column of the row of code set to value (a row appended when code is
 * not there); *len receives the length. */
static char *csv_set(const char *csv, size_t len, const char *code, const char *column,
                     const char *value, size_t *out_len)
{
    struct csv_table t;
    struct csv_error err;
    ck_assert_int_eq(csv_parse(csv, len, &t, &err), 0);
    int col = csv_header_index(&t.rows[0], column);
    ck_assert_int_ge(col, 0);
    struct csv_writer w;
    csv_writer_init(&w);
    int found = 0;
    for (size_t r = 0; r < t.n_rows; r++) {
        int hit = r > 0 && strcmp(t.rows[r].fields[0], code) == 0;
        found |= hit;
        for (size_t k = 0; k < t.rows[r].n_fields; k++)
            csv_write_text_field(&w, hit && (int)k == col ? value : t.rows[r].fields[k]);
        csv_end_row(&w);
    }
    if (!found) {
        for (size_t k = 0; k < t.rows[0].n_fields; k++)
            csv_write_text_field(&w, k == 0 ? code : (int)k == col ? value : "");
        csv_end_row(&w);
    }
    csv_table_free(&t);
    char *out = csv_writer_take(&w, out_len);
    ck_assert_ptr_nonnull(out);
    return out;
}

/* The line the row of code starts on in csv. */
static size_t line_of(const char *csv, size_t len, const char *code)
{
    struct csv_table t;
    struct csv_error err;
    ck_assert_int_eq(csv_parse(csv, len, &t, &err), 0);
    size_t line = 0;
    for (size_t r = 1; r < t.n_rows; r++)
        if (strcmp(t.rows[r].fields[0], code) == 0)
            line = t.rows[r].line;
    csv_table_free(&t);
    ck_assert_uint_gt(line, 0);
    return line;
}

static long import(struct http *h, long a, const char *csrf, const char *file_name,
                   const char *data, size_t len)
{
    char path[64];
    snprintf(path, sizeof path, "/assessments/%ld/import", a);
    return http_post_multipart(h, path, "csv", file_name, data, len, "csrf_token", csrf, NULL);
}

/* Runs TEST_VALIDATOR on the OSCAL schema and text; returns its exit status. */
static int validate_oscal(const char *text)
{
    const char *validator = test_env("TEST_VALIDATOR");
    const char *dir = test_env("TEST_SCHEMA_DIR");
    char file[] = "/tmp/test_export_oscal.XXXXXX";
    int fd = mkstemp(file);
    ck_assert_int_ge(fd, 0);
    size_t len = strlen(text);
    ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
    close(fd);
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s %s/oscal-1.0.6/oscal_assessment-results_schema.json %s",
             validator, dir, file);
    int rc = system(cmd);
    unlink(file);
    ck_assert_msg(rc != -1 && WIFEXITED(rc), "the validator did not run: %s", cmd);
    return WEXITSTATUS(rc);
}

/* The parent's questionnaire (ID.AM and four own questions) sent to Acme; returns the
 * assessment's id. */
static long campaign_to_supplier(PGconn *db)
{
    struct http *admin = http_new();
    ck_assert_int_eq(http_login(admin, ADMIN, test_password(ADMIN)), 303);
    ck_assert_int_eq(http_get(admin, "/questionnaires/new"), 200);
    char cat[32];
    snprintf(cat, sizeof cat, "cat_%ld",
             test_db_long(db, "SELECT id FROM catalogue_categories WHERE code = 'ID.AM'", 0, NULL));
    struct http_form f = {0};
    http_form_add(&f, "csrf_token", http_session_csrf(admin));
    http_form_add(&f, "title", "Supplier export test");
    http_form_add(&f, "target", "4");
    http_form_add(&f, cat, "1");
    http_form_add(&f, "q1_text", "Do you hold an ISO/IEC 27001 certificate?");
    http_form_add(&f, "q1_type", "yesno");
    http_form_add(&f, "q2_text", "How often are backups tested?");
    http_form_add(&f, "q2_type", "choice");
    http_form_add(&f, "q2_choices", "Daily, Weekly, Monthly");
    http_form_add(&f, "q3_text", "Describe your incident contacts.");
    http_form_add(&f, "q3_type", "text");
    http_form_add(&f, "q4_text", "Net change of security staff this year?");
    http_form_add(&f, "q4_type", "number");
    ck_assert_int_eq(http_form_post(admin, "/questionnaires", &f), 303);
    long questionnaire = 0;
    ck_assert_int_eq(
        sscanf(http_header(admin, "Location"), "/campaigns/new?questionnaire=%ld", &questionnaire),
        1);
    char q[24], org[32], email[32];
    snprintf(q, sizeof q, "%ld", questionnaire);
    snprintf(org, sizeof org, "org_%ld", test_org_id(db, SUPPLIER));
    snprintf(email, sizeof email, "email_%ld", test_org_id(db, SUPPLIER));
    ck_assert_int_eq(http_get(admin, "/campaigns/new"), 200);
    http_form_add(&f, "csrf_token", http_session_csrf(admin));
    http_form_add(&f, "title", "Supplier export test");
    http_form_add(&f, "questionnaire_id", q);
    http_form_add(&f, "due_date", "2030-06-30");
    http_form_add(&f, "recurrence", "none");
    http_form_add(&f, org, "1");
    /* Acme has an assessor, who answers here: inviting someone else is refused */
    http_form_add(&f, email, "security@acme.example");
    ck_assert_int_eq(http_form_post(admin, "/campaigns", &f), 422);
    ck_assert_ptr_nonnull(strstr(admin->body, "has people to answer already"));
    http_form_add(&f, "csrf_token", http_session_csrf(admin));
    http_form_add(&f, "title", "Supplier export test");
    http_form_add(&f, "questionnaire_id", q);
    http_form_add(&f, "due_date", "2030-06-30");
    http_form_add(&f, "recurrence", "none");
    http_form_add(&f, org, "1");
    ck_assert_int_eq(http_form_post(admin, "/campaigns", &f), 303);
    long campaign = 0;
    ck_assert_int_eq(sscanf(http_header(admin, "Location"), "/campaigns/%ld", &campaign), 1);
    http_free(admin);
    return count_of(db, "SELECT id FROM assessments WHERE campaign_id = $1::bigint", campaign);
}

/* ---- the test ---- */

START_TEST(export_and_import)
{
    PGconn *db = test_db_owner();
    long a = campaign_to_supplier(db);
    ck_assert_int_gt(a, 0);
    char path[64], url[96];
    snprintf(path, sizeof path, "/assessments/%ld", a);

    /* the supplier answers in the form: text a spreadsheet would take for formulas, quotes,
     * commas and line breaks, a negative number; ID.AM-5 stays open */
    struct http *s = http_new();
    ck_assert_int_eq(http_login(s, SUPPLIER_USER, test_password(SUPPLIER_USER)), 303);
    ck_assert_int_eq(http_get(s, path), 200);
    ck_assert_ptr_nonnull(strstr(s->body, "/template.csv"));
    ck_assert_ptr_nonnull(strstr(s->body, "/import\""));
    char csrf[128];
    snprintf(csrf, sizeof csrf, "%s", http_session_csrf(s));
    static const struct {
        const char *code, *field, *value;
    } typed[] = {
        {"ID.AM-1", "level", "3"},
        {"ID.AM-1", "notes", "=SUM(A1:A9)\r\nsecond line, \"quoted\""},
        {"ID.AM-2", "na", "1"},
        {"ID.AM-2", "just", "-no own software; only SaaS"},
        {"ID.AM-3", "level", "0"},
        {"ID.AM-4", "level", "5"},
        {"ID.AM-4", "notes", "  spaces around  "},
        {"Q2000", "value", "yes"},
        {"Q2001", "value", "Weekly"},
        {"Q2002", "value", "+49 30 1234, @security\r\nGrüße"},
        {"Q2003", "value", "-5"},
    };
    struct http_form f = {0};
    http_form_add(&f, "csrf_token", csrf);
    http_form_add(&f, "action", "save");
    for (size_t i = 0; i < N_CODES; i++) {
        if (strcmp(codes[i], "ID.AM-5") == 0)
            continue;
        char name[48];
        snprintf(name, sizeof name, "ver_%ld", item_id(db, a, codes[i]));
        http_form_add(&f, name, "0");
    }
    for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
        char name[48];
        snprintf(name, sizeof name, "%s_%ld", typed[i].field, item_id(db, a, typed[i].code));
        http_form_add(&f, name, typed[i].value);
    }
    ck_assert_int_eq(http_form_post(s, path, &f), 303);
    char *before = answers_of(db, a);
    ck_assert_ptr_nonnull(strstr(before, "ID.AM-1|3|false||=SUM(A1:A9)\r\nsecond line"));
    long history = count_of(db, HISTORY, a);
    ck_assert_int_eq(history, 8);

    /* the export: a CSV download in UTF-8 with a BOM, formulas guarded, numbers not */
    snprintf(url, sizeof url, "%s/export.csv", path);
    ck_assert_int_eq(http_get(s, url), 200);
    ck_assert_str_eq(http_header(s, "Content-Type"), "text/csv; charset=utf-8");
    ck_assert_ptr_nonnull(strstr(http_header(s, "Content-Disposition"), "attachment"));
    ck_assert_ptr_nonnull(strstr(http_header(s, "Content-Disposition"), ".csv"));
    ck_assert_int_eq(memcmp(s->body,
                            "\xEF\xBB\xBF"
                            "code,item,answer_type,level",
                            30),
                     0);
    ck_assert_ptr_nonnull(strstr(s->body, "\"'=SUM(A1:A9)"));
    ck_assert_ptr_nonnull(strstr(s->body, "'-no own software"));
    ck_assert_ptr_nonnull(strstr(s->body, ",-5,"));
    size_t len = s->body_len;
    char *exported = malloc(len + 1);
    memcpy(exported, s->body, len + 1);

    /* imported again: the same answers, no new version, no history row */
    long versions[N_CODES];
    for (size_t i = 0; i < N_CODES; i++)
        versions[i] = version_of(db, a, codes[i]);
    long imports = count_of(db, IMPORTS, a);
    ck_assert_int_eq(import(s, a, csrf, "assessment-answers.csv", exported, len), 303);
    char where[80];
    snprintf(where, sizeof where, "%s?saved=imported", path);
    ck_assert_str_eq(http_header(s, "Location"), where);
    char *after = answers_of(db, a);
    ck_assert_str_eq(after, before);
    free(after);
    for (size_t i = 0; i < N_CODES; i++)
        ck_assert_int_eq(version_of(db, a, codes[i]), versions[i]);
    ck_assert_int_eq(count_of(db, HISTORY, a), history);
    ck_assert_int_eq(count_of(db, IMPORTS, a), imports + 1);

    /* an edited file: exactly the edited items change, each with a new version */
    size_t l1, l2, l3;
    char *e1 = csv_set(exported, len, "ID.AM-3", "level", "2", &l1);
    char *e2 = csv_set(e1, l1, "ID.AM-5", "level", "1", &l2);
    char *edited = csv_set(e2, l2, "Q2002", "value", "=cmd|' /C calc'!A0", &l3);
    free(e1);
    free(e2);
    ck_assert_int_eq(import(s, a, csrf, "answers.CSV", edited, l3), 303);
    free(edited);
    for (size_t i = 0; i < N_CODES; i++) {
        int edited_item = strcmp(codes[i], "ID.AM-3") == 0 || strcmp(codes[i], "ID.AM-5") == 0 ||
                          strcmp(codes[i], "Q2002") == 0;
        ck_assert_msg(version_of(db, a, codes[i]) == versions[i] + edited_item, "version of %s",
                      codes[i]);
    }
    ck_assert_int_eq(count_of(db, HISTORY, a), history + 3);
    after = answers_of(db, a);
    ck_assert_ptr_nonnull(strstr(after, "ID.AM-3|2|false|||-|false"));
    ck_assert_ptr_nonnull(strstr(after, "ID.AM-5|1|false|||-|false"));
    ck_assert_ptr_nonnull(strstr(after, "Q2002|-|false|||=cmd|' /C calc'!A0|false"));
    ck_assert_ptr_nonnull(strstr(after, "ID.AM-1|3|false||=SUM(A1:A9)\r\nsecond line"));
    free(before);
    before = after;
    history += 3;

    /* two bad rows (a level off the scale, a code the questionnaire does not have) and a
     * good one: 422, both lines listed, nothing stored */
    snprintf(url, sizeof url, "%s/export.csv", path);
    ck_assert_int_eq(http_get(s, url), 200);
    free(exported);
    len = s->body_len;
    exported = malloc(len + 1);
    memcpy(exported, s->body, len + 1);
    e1 = csv_set(exported, len, "ID.AM-1", "level", "7", &l1);
    e2 = csv_set(e1, l1, "XX.YY-9", "level", "1", &l2);
    char *bad = csv_set(e2, l2, "ID.AM-4", "level", "4", &l3);
    size_t bad_line_1 = line_of(bad, l3, "ID.AM-1"), bad_line_2 = line_of(bad, l3, "XX.YY-9");
    ck_assert_int_eq(import(s, a, csrf, "answers.csv", bad, l3), 422);
    char expect[96];
    snprintf(expect, sizeof expect,
             "Line %lu (ID.AM-1), column level: ", (unsigned long)bad_line_1);
    ck_assert_msg(strstr(s->body, expect) != NULL, "no '%s' in the page", expect);
    ck_assert_ptr_nonnull(strstr(s->body, "This value is outside the allowed range."));
    snprintf(expect, sizeof expect, "Line %lu (XX.YY-9), column code: ", (unsigned long)bad_line_2);
    ck_assert_msg(strstr(s->body, expect) != NULL, "no '%s' in the page", expect);
    ck_assert_ptr_nonnull(strstr(s->body, "No item of this questionnaire has this code."));
    ck_assert_ptr_nonnull(strstr(s->body, "nothing was stored"));
    free(e1);
    free(e2);
    free(bad);
    after = answers_of(db, a);
    ck_assert_str_eq(after, before);
    free(after);
    ck_assert_int_eq(count_of(db, HISTORY, a), history);

    /* the rules of the form: a choice not offered, a level and not applicable at once, not
     * applicable without a justification, a repeated row; and a file that is not CSV */
    e1 = csv_set(exported, len, "Q2001", "value", "Hourly", &l1);
    e2 = csv_set(e1, l1, "ID.AM-4", "not_applicable", "yes", &l2);
    char *e3 = csv_set(e2, l2, "ID.AM-3", "not_applicable", "yes", &l3);
    size_t l4;
    char *e4 = csv_set(e3, l3, "ID.AM-3", "level", "", &l4);
    /* the same row twice */
    size_t l5 = l4 + l4;
    char *twice = malloc(l5 + 1);
    memcpy(twice, e4, l4);
    const char *first_row = strstr(e4, "\r\nID.AM-1,") + 2;
    size_t row_len = (size_t)(strstr(first_row, "\r\nID.AM-2,") + 2 - first_row);
    memcpy(twice + l4, first_row, row_len);
    l5 = l4 + row_len;
    twice[l5] = '\0';
    ck_assert_int_eq(import(s, a, csrf, "answers.csv", twice, l5), 422);
    ck_assert_ptr_nonnull(strstr(s->body, "(Q2001), column value: Choose one of the listed"));
    ck_assert_ptr_nonnull(strstr(s->body, "(ID.AM-4), column level: Give a level or mark it"));
    ck_assert_ptr_nonnull(
        strstr(s->body, "(ID.AM-3), column justification: Say why this does not apply."));
    ck_assert_ptr_nonnull(strstr(s->body, "(ID.AM-1), column code: This item is already"));
    ck_assert_int_eq(import(s, a, csrf, "answers.txt", exported, len), 422);
    ck_assert_ptr_nonnull(strstr(s->body, "Only CSV files (.csv) can be imported."));
    const char *short_header = "code,level\r\nID.AM-1,2\r\n";
    ck_assert_int_eq(import(s, a, csrf, "answers.csv", short_header, strlen(short_header)), 422);
    ck_assert_ptr_nonnull(strstr(s->body, "Line 1, column not_applicable: "));
    free(e1);
    free(e2);
    free(e3);
    free(e4);
    free(twice);
    after = answers_of(db, a);
    ck_assert_str_eq(after, before);
    free(after);

    /* the other downloads */
    snprintf(url, sizeof url, "%s/template.csv", path);
    ck_assert_int_eq(http_get(s, url), 200);
    ck_assert_ptr_nonnull(strstr(http_header(s, "Content-Disposition"), "template.csv"));
    ck_assert_int_eq(memcmp(s->body, exported, 40), 0); /* same columns, current answers */
    for (size_t i = 0; i < N_CODES; i++) {
        char row[32];
        snprintf(row, sizeof row, "\r\n%s,", codes[i]);
        ck_assert_msg(strstr(s->body, row) != NULL, "%s not in the template", codes[i]);
    }
    snprintf(url, sizeof url, "%s/scores.csv", path);
    ck_assert_int_eq(http_get(s, url), 200);
    ck_assert_ptr_nonnull(strstr(s->body, "scope,code,name,score\r\n"));
    ck_assert_ptr_nonnull(strstr(s->body, "category,ID.AM,Asset Management,2.8\r\n"));
    ck_assert_ptr_nonnull(strstr(s->body, "overall,,,2.8\r\n"));
    snprintf(url, sizeof url, "%s/export.json", path);
    ck_assert_int_eq(http_get(s, url), 200);
    ck_assert_str_eq(http_header(s, "Content-Type"), "application/json");
    json_error_t jerr;
    json_t *doc = json_loads(s->body, 0, &jerr);
    ck_assert_msg(doc != NULL, "export.json: %s", jerr.text);
    ck_assert_str_eq(
        json_string_value(json_object_get(json_object_get(doc, "assessment"), "status")), "draft");
    ck_assert_uint_eq(json_array_size(json_object_get(doc, "items")), N_CODES);
    json_decref(doc);

    /* submitted: read-only, also for imports */
    ck_assert_int_eq(http_get(s, path), 200);
    ck_assert_int_eq(http_post(s, path, "csrf_token", csrf, "action", "submit", NULL), 303);
    ck_assert_int_eq(import(s, a, csrf, "answers.csv", exported, len), 409);
    ck_assert_int_eq(http_get(s, path), 200);
    ck_assert_ptr_null(strstr(s->body, "/import\""));

    /* the parent may not import: its reviewer lacks the role, its administrator is not
     * the respondent */
    struct http *r = http_new();
    ck_assert_int_eq(http_login(r, REVIEWER, test_password(REVIEWER)), 303);
    ck_assert_int_eq(http_get(r, path), 200);
    char rcsrf[128];
    snprintf(rcsrf, sizeof rcsrf, "%s", http_session_csrf(r));
    ck_assert_int_eq(import(r, a, rcsrf, "answers.csv", exported, len), 403);
    struct http *admin = http_new();
    ck_assert_int_eq(http_login(admin, ADMIN, test_password(ADMIN)), 303);
    ck_assert_int_eq(http_get(admin, path), 200);
    ck_assert_int_eq(import(admin, a, http_session_csrf(admin), "answers.csv", exported, len), 409);
    http_free(admin);
    /* accepted by the reviewer */
    snprintf(url, sizeof url, "%s/review", path);
    ck_assert_int_eq(http_post(r, url, "csrf_token", rcsrf, "action", "accept", NULL), 303);

    /* the OSCAL document validates against the schema; a broken copy does not */
    snprintf(url, sizeof url, "%s/oscal.json", path);
    ck_assert_int_eq(http_get(r, url), 200);
    ck_assert_str_eq(http_header(r, "Content-Type"), "application/json");
    ck_assert_int_eq(validate_oscal(r->body), 0);
    doc = json_loads(r->body, 0, &jerr);
    ck_assert_ptr_nonnull(doc);
    json_t *ar = json_object_get(doc, "assessment-results");
    json_t *result = json_array_get(json_object_get(ar, "results"), 0);
    ck_assert_uint_eq(json_array_size(json_object_get(result, "observations")), N_CODES);
    ck_assert_ptr_nonnull(json_object_get(result, "end"));
    json_object_del(ar, "import-ap");
    char *broken = json_dumps(doc, 0);
    ck_assert_int_eq(validate_oscal(broken), 1);
    free(broken);
    json_decref(doc);
    /* the supplier may download it too */
    ck_assert_int_eq(http_get(s, url), 200);

    /* another organisation: 404 for every export and the import */
    struct http *o = http_new();
    ck_assert_int_eq(http_login(o, OTHER, test_password(OTHER)), 303);
    ck_assert_int_eq(http_get(o, "/"), 200);
    char ocsrf[128];
    snprintf(ocsrf, sizeof ocsrf, "%s", http_session_csrf(o));
    static const char *const downloads[] = {"export.csv", "template.csv", "scores.csv",
                                            "export.json", "oscal.json"};
    for (size_t i = 0; i < sizeof downloads / sizeof downloads[0]; i++) {
        snprintf(url, sizeof url, "%s/%s", path, downloads[i]);
        ck_assert_msg(http_get(o, url) == 404, "%s: %ld", url, o->status);
        ck_assert_ptr_null(strstr(o->body, SUPPLIER));
    }
    ck_assert_int_eq(import(o, a, ocsrf, "answers.csv", exported, len), 404);

    free(exported);
    free(before);
    http_free(o);
    http_free(r);
    http_free(s);
    PQfinish(db);
}
END_TEST

static Suite *export_suite(void)
{
    Suite *s = suite_create("export");
    TCase *tc = tcase_create("path");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, export_and_import);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(export_suite)
