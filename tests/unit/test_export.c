/* test_export.c - the answers CSV (BOM, header, one row per item, the formula guard on
 * free text but not on numbers) read back by csv_parse and export_read_answers to the same
 * answers; the import reader's header handling (any order and case, missing columns), its
 * per-row shape problems and yes/no spellings; the scores CSV; the JSON export's shape,
 * nulls and scores. */
#include "testlib.h"

#include "export.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const struct export_item items[] = {
    {.code = "ID.AM-1",
     .kind = "subcategory",
     .text = "Physical devices are inventoried.",
     .answer_type = "maturity",
     .choices = "",
     .category_code = "ID.AM",
     .category_name = "Asset Management",
     .function_code = "ID",
     .function_name = "Identify",
     .level = 3,
     .target = 4,
     .justification = "",
     .version = 2,
     .evidence_notes = "=HYPERLINK(\"http://x\")\r\nsecond line, with \"quotes\"",
     .value = "",
     .updated_at = "2026-03-01T10:00:00Z"},
    {.code = "ID.AM-2",
     .kind = "subcategory",
     .text = "Software, \"platforms\" inventoried",
     .answer_type = "maturity",
     .choices = "",
     .category_code = "ID.AM",
     .category_name = "Asset Management",
     .function_code = "ID",
     .function_name = "Identify",
     .level = -1,
     .target = -1,
     .not_applicable = 1,
     .justification = "-only SaaS; @cloud",
     .evidence_notes = "  leading and trailing spaces  ",
     .value = "",
     .version = 1,
     .updated_at = ""},
    {.code = "E1",
     .kind = "management",
     .text = "Demonstrate leadership.",
     .answer_type = "maturity",
     .choices = "",
     .category_code = "",
     .category_name = "",
     .function_code = "",
     .function_name = "",
     .level = -1,
     .target = 3,
     .justification = "",
     .evidence_notes = "",
     .value = "",
     .version = 0,
     .updated_at = ""},
    {.code = "Q2000",
     .kind = "custom",
     .text = "How often are backups tested?",
     .answer_type = "choice",
     .choices = "Daily|Weekly|Monthly",
     .category_code = "",
     .category_name = "",
     .function_code = "",
     .function_name = "",
     .level = -1,
     .target = -1,
     .justification = "",
     .evidence_notes = "",
     .value = "Weekly",
     .version = 1,
     .updated_at = ""},
    {.code = "Q2001",
     .kind = "custom",
     .text = "Net change of staff?",
     .answer_type = "number",
     .choices = "",
     .category_code = "",
     .category_name = "",
     .function_code = "",
     .function_name = "",
     .level = -1,
     .target = -1,
     .justification = "",
     .evidence_notes = "",
     .value = "-5",
     .version = 1,
     .updated_at = ""},
    {.code = "Q2002",
     .kind = "custom",
     .text = "Anything else?",
     .answer_type = "text",
     .choices = "",
     .category_code = "",
     .category_name = "",
     .function_code = "",
     .function_name = "",
     .level = -1,
     .target = -1,
     .justification = "",
     .evidence_notes = "",
     .value = "+49 30 1234 — Grüße, 'quoted'",
     .version = 1,
     .updated_at = ""},
};
#define N_ITEMS (sizeof items / sizeof items[0])

static const struct export_score categories[] = {{"ID.AM", "Asset Management", 3.0}};
static const struct export_score functions[] = {{"ID", "Identify", 3.0}, {"PR", "Protect", -1}};

static struct export_assessment fixture(void)
{
    return (struct export_assessment){
        .id = 5,
        .org_id = 9,
        .org_name = "Acme Cloud Services",
        .title = "Supplier security 2026",
        .status = "draft",
        .created_at = "2026-02-01T09:00:00Z",
        .updated_at = "2026-03-01T10:00:00Z",
        .submitted_at = "",
        .reviewed_at = "",
        .due_date = "2026-06-30",
        .cycle = 2,
        .items = items,
        .n_items = N_ITEMS,
        .categories = categories,
        .n_categories = 1,
        .functions = functions,
        .n_functions = 2,
        .overall = 3.04,
    };
}

static void parse_ok(const char *text, size_t len, struct csv_table *t)
{
    struct csv_error err;
    ck_assert_msg(csv_parse(text, len, t, &err) == 0, "csv_parse: %s at line %lu", err.key,
                  (unsigned long)err.line);
}

START_TEST(test_answers_csv_round_trip)
{
    struct export_assessment a = fixture();
    size_t len;
    char *csv = export_answers_csv(&a, &len);
    ck_assert_ptr_nonnull(csv);
    ck_assert_uint_eq(len, strlen(csv));
    ck_assert_int_eq(memcmp(csv, "\xEF\xBB\xBF", 3), 0);
    ck_assert_int_eq(strncmp(csv + 3,
                             "code,item,answer_type,level,not_applicable,justification,"
                             "evidence_notes,value,target,category,function\r\n",
                             strlen("code,item,answer_type,level,not_applicable,justification,"
                                    "evidence_notes,value,target,category,function\r\n")),
                     0);
    /* free text is guarded, numbers are not */
    ck_assert_ptr_nonnull(strstr(csv, "\"'=HYPERLINK("));
    ck_assert_ptr_nonnull(strstr(csv, "'-only SaaS"));
    ck_assert_ptr_nonnull(strstr(csv, ",-5,"));
    ck_assert_ptr_nonnull(strstr(csv, "choice: Daily | Weekly | Monthly"));
    ck_assert_ptr_nonnull(strstr(csv, ",ID.AM Asset Management,ID Identify\r\n"));

    struct csv_table t;
    parse_ok(csv, len, &t);
    ck_assert_uint_eq(t.n_rows, N_ITEMS + 1);
    ck_assert_str_eq(t.rows[1].fields[3], "3");  /* level */
    ck_assert_str_eq(t.rows[1].fields[4], "no"); /* not_applicable */
    ck_assert_str_eq(t.rows[1].fields[8], "4");  /* target */
    ck_assert_str_eq(t.rows[3].fields[8], "3");  /* Annex B item's target */
    ck_assert_str_eq(t.rows[4].fields[4], "");   /* not for own questions */
    ck_assert_str_eq(t.rows[2].fields[1], items[1].text);

    struct export_answer_row *rows;
    size_t n;
    const char *error, *column;
    ck_assert_int_eq(export_read_answers(&t, &rows, &n, &error, &column), 0);
    ck_assert_uint_eq(n, N_ITEMS);
    for (size_t i = 0; i < N_ITEMS; i++) {
        char level[16] = "";
        if (items[i].level >= 0)
            snprintf(level, sizeof level, "%d", items[i].level);
        ck_assert_ptr_null(rows[i].error);
        ck_assert_uint_eq(rows[i].line, i + 2 + (i >= 1)); /* row 1's notes span two lines */
        ck_assert_str_eq(rows[i].code, items[i].code);
        ck_assert_str_eq(rows[i].level, level);
        ck_assert_int_eq(rows[i].na, items[i].not_applicable);
        ck_assert_str_eq(rows[i].justification, items[i].justification);
        ck_assert_str_eq(rows[i].evidence_notes, items[i].evidence_notes);
        ck_assert_str_eq(rows[i].value, items[i].value);
    }
    free(rows);
    csv_table_free(&t);
    free(csv);
}
END_TEST

START_TEST(test_answers_csv_invalid_utf8)
{
    struct export_assessment a = fixture();
    struct export_item bad = items[0];
    bad.evidence_notes = "\xc3\x28";
    a.items = &bad;
    a.n_items = 1;
    size_t len = 99;
    ck_assert_ptr_null(export_answers_csv(&a, &len));
    ck_assert_uint_eq(len, 0);
}
END_TEST

/* Reads a CSV literal with export_read_answers; the table stays in *t. */
static int read_answers(const char *text, struct csv_table *t, struct export_answer_row **rows,
                        size_t *n, const char **error, const char **column)
{
    parse_ok(text, strlen(text), t);
    return export_read_answers(t, rows, n, error, column);
}

START_TEST(test_read_header)
{
    struct csv_table t;
    struct export_answer_row *rows;
    size_t n;
    const char *error, *column;
    /* any order and case, spaces around names, columns of its own ignored */
    ck_assert_int_eq(read_answers(" Value ,NOTES_x,Evidence_Notes,justification,"
                                  "not_applicable,LEVEL,code\n"
                                  "v,ignored,notes,just, Yes , 4 , ID.AM-1 \n",
                                  &t, &rows, &n, &error, &column),
                     0);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(rows[0].code, "ID.AM-1");
    ck_assert_str_eq(rows[0].level, "4");
    ck_assert_int_eq(rows[0].na, 1);
    ck_assert_str_eq(rows[0].justification, "just");
    ck_assert_str_eq(rows[0].evidence_notes, "notes");
    ck_assert_str_eq(rows[0].value, "v");
    ck_assert_uint_eq(rows[0].line, 2);
    free(rows);
    csv_table_free(&t);

    ck_assert_int_eq(read_answers("code,level,not_applicable,justification,value\nX,1,,,\n", &t,
                                  &rows, &n, &error, &column),
                     -1);
    ck_assert_str_eq(error, "missing_column");
    ck_assert_str_eq(column, "evidence_notes");
    ck_assert_ptr_null(rows);
    csv_table_free(&t);

    ck_assert_int_eq(read_answers("code,level,not_applicable,justification,evidence_notes,"
                                  "value\n",
                                  &t, &rows, &n, &error, &column),
                     -1);
    ck_assert_str_eq(error, "no_rows");
    csv_table_free(&t);

    ck_assert_int_eq(read_answers("", &t, &rows, &n, &error, &column), -1);
    ck_assert_str_eq(error, "no_rows");
    csv_table_free(&t);
}
END_TEST

START_TEST(test_read_rows)
{
    struct csv_table t;
    struct export_answer_row *rows;
    size_t n;
    const char *error, *column;
    ck_assert_int_eq(read_answers("code,level,not_applicable,justification,evidence_notes,value\n"
                                  "A,1,no,,,\n"
                                  "B,2\n"
                                  "C,,maybe,,,\n"
                                  "\n"
                                  "D,,TRUE,j,,\n"
                                  "E,,0,,,\n"
                                  "F,,x,,,,extra\n",
                                  &t, &rows, &n, &error, &column),
                     0);
    ck_assert_uint_eq(n, 6);
    ck_assert_ptr_null(rows[0].error);
    ck_assert_int_eq(rows[0].na, 0);
    ck_assert_str_eq(rows[1].error, "field_count");
    ck_assert_str_eq(rows[1].code, "B");
    ck_assert_str_eq(rows[1].justification, ""); /* missing fields read as empty */
    ck_assert_str_eq(rows[2].error, "bad_yes_no");
    ck_assert_str_eq(rows[2].error_column, "not_applicable");
    ck_assert_uint_eq(rows[3].line, 6); /* the blank line counts */
    ck_assert_int_eq(rows[3].na, 1);
    ck_assert_ptr_null(rows[3].error);
    ck_assert_int_eq(rows[4].na, 0);
    ck_assert_str_eq(rows[5].error, "field_count");
    free(rows);
    csv_table_free(&t);
}
END_TEST

START_TEST(test_scores_csv)
{
    struct export_assessment a = fixture();
    size_t len;
    char *csv = export_scores_csv(&a, &len);
    ck_assert_ptr_nonnull(csv);
    ck_assert_str_eq(csv, "\xEF\xBB\xBF"
                          "scope,code,name,score\r\n"
                          "category,ID.AM,Asset Management,3.0\r\n"
                          "function,ID,Identify,3.0\r\n"
                          "function,PR,Protect,\r\n"
                          "overall,,,3.0\r\n");
    free(csv);
}
END_TEST

START_TEST(test_json)
{
    struct export_assessment a = fixture();
    char *text = export_json(&a);
    ck_assert_ptr_nonnull(text);
    json_error_t err;
    json_t *doc = json_loads(text, 0, &err);
    ck_assert_msg(doc != NULL, "%s", err.text);
    ck_assert_str_eq(json_string_value(json_object_get(doc, "format")), "tr27103-assessment");
    json_t *as = json_object_get(doc, "assessment");
    ck_assert_int_eq(json_integer_value(json_object_get(as, "id")), 5);
    ck_assert_str_eq(
        json_string_value(json_object_get(json_object_get(as, "organisation"), "name")),
        "Acme Cloud Services");
    ck_assert_str_eq(json_string_value(json_object_get(as, "status")), "draft");
    ck_assert(json_is_null(json_object_get(as, "submitted_at")));
    ck_assert_str_eq(json_string_value(json_object_get(as, "due_date")), "2026-06-30");
    ck_assert_int_eq(json_integer_value(json_object_get(as, "cycle")), 2);

    json_t *list = json_object_get(doc, "items");
    ck_assert_uint_eq(json_array_size(list), N_ITEMS);
    json_t *first = json_array_get(list, 0), *answer = json_object_get(first, "answer");
    ck_assert_str_eq(json_string_value(json_object_get(first, "code")), "ID.AM-1");
    ck_assert_int_eq(json_integer_value(json_object_get(first, "target")), 4);
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(first, "category"), "code")),
                     "ID.AM");
    ck_assert_int_eq(json_integer_value(json_object_get(answer, "level")), 3);
    ck_assert(json_is_false(json_object_get(answer, "not_applicable")));
    ck_assert_str_eq(json_string_value(json_object_get(answer, "evidence_notes")),
                     items[0].evidence_notes);
    ck_assert(json_is_null(json_object_get(answer, "value")));
    ck_assert_int_eq(json_integer_value(json_object_get(answer, "version")), 2);
    json_t *na = json_object_get(json_array_get(list, 1), "answer");
    ck_assert(json_is_null(json_object_get(na, "level")));
    ck_assert(json_is_true(json_object_get(na, "not_applicable")));
    json_t *never = json_array_get(list, 2);
    ck_assert(json_is_null(json_object_get(never, "answer"))); /* no answer row */
    ck_assert(json_is_null(json_object_get(never, "category")));
    json_t *choice = json_array_get(list, 3);
    json_t *choices = json_object_get(choice, "choices");
    ck_assert_uint_eq(json_array_size(choices), 3);
    ck_assert_str_eq(json_string_value(json_array_get(choices, 2)), "Monthly");
    ck_assert(json_is_null(json_object_get(choice, "target")));
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(choice, "answer"), "value")),
                     "Weekly");
    ck_assert_ptr_null(json_object_get(json_array_get(list, 4), "choices"));

    json_t *scores = json_object_get(doc, "scores");
    ck_assert(json_real_value(json_object_get(scores, "overall")) == 3.0); /* 3.04, one decimal */
    json_t *fn = json_object_get(scores, "functions");
    ck_assert(json_is_null(json_object_get(json_array_get(fn, 1), "score")));
    ck_assert_ptr_nonnull(strstr(text, "\"overall\": 3.0"));
    json_decref(doc);
    free(text);

    a.org_name = "bad \xff";
    ck_assert_ptr_null(export_json(&a));
}
END_TEST

static Suite *export_suite(void)
{
    Suite *s = suite_create("export");
    TCase *tc = tcase_create("export");
    tcase_add_test(tc, test_answers_csv_round_trip);
    tcase_add_test(tc, test_answers_csv_invalid_utf8);
    tcase_add_test(tc, test_read_header);
    tcase_add_test(tc, test_read_rows);
    tcase_add_test(tc, test_scores_csv);
    tcase_add_test(tc, test_json);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(export_suite)
