/* export.c - answers and scores as CSV, the assessment as JSON, and the reading of an
 * answers CSV for import; see export.h. */
#include "export.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const answer_columns[] = {
    "code",           "item",  "answer_type", "level",    "not_applicable", "justification",
    "evidence_notes", "value", "target",      "category", "function",
};
#define N_ANSWER_COLUMNS (sizeof answer_columns / sizeof answer_columns[0])

/* ---- CSV ---- */

/* "ID.AM Asset Management", or "" when the item has no category. */
static void code_and_name(char *buf, size_t size, const char *code, const char *name)
{
    if (!*code)
        snprintf(buf, size, "%s", name);
    else if (!*name)
        snprintf(buf, size, "%s", code);
    else
        snprintf(buf, size, "%s %s", code, name);
}

/* The answer_type column: the type, and for a choice the choices to pick from. */
static void type_label(char *buf, size_t size, const struct export_item *it)
{
    if (strcmp(it->answer_type, "choice") != 0 || !*it->choices) {
        snprintf(buf, size, "%s", it->answer_type);
        return;
    }
    size_t n = (size_t)snprintf(buf, size, "choice: ");
    for (const char *p = it->choices; *p && n + 4 < size; p++) {
        if (*p == '|') {
            n += (size_t)snprintf(buf + n, size - n, " | ");
        } else {
            buf[n++] = *p;
            buf[n] = '\0';
        }
    }
}

static void write_int(struct csv_writer *w, int v)
{
    char buf[16] = "";
    if (v >= 0)
        snprintf(buf, sizeof buf, "%d", v);
    csv_write_field(w, buf);
}

char *export_answers_csv(const struct export_assessment *a, size_t *len)
{
    struct csv_writer w;
    csv_writer_init(&w);
    csv_write_bom(&w);
    for (size_t k = 0; k < N_ANSWER_COLUMNS; k++)
        csv_write_field(&w, answer_columns[k]);
    csv_end_row(&w);
    for (size_t i = 0; i < a->n_items; i++) {
        const struct export_item *it = &a->items[i];
        int maturity = strcmp(it->answer_type, "maturity") == 0;
        char buf[1024];
        csv_write_field(&w, it->code);
        csv_write_text_field(&w, it->text);
        type_label(buf, sizeof buf, it);
        csv_write_text_field(&w, buf);
        write_int(&w, it->level);
        csv_write_field(&w, maturity ? (it->not_applicable ? "yes" : "no") : "");
        csv_write_text_field(&w, it->justification);
        csv_write_text_field(&w, it->evidence_notes);
        /* a number stays a number (-5 must not become '-5) */
        if (strcmp(it->answer_type, "number") == 0)
            csv_write_field(&w, it->value);
        else
            csv_write_text_field(&w, it->value);
        write_int(&w, maturity ? it->target : -1);
        code_and_name(buf, sizeof buf, it->category_code, it->category_name);
        csv_write_text_field(&w, buf);
        code_and_name(buf, sizeof buf, it->function_code, it->function_name);
        csv_write_text_field(&w, buf);
        csv_end_row(&w);
    }
    return csv_writer_take(&w, len);
}

static void write_score(struct csv_writer *w, double score)
{
    char buf[16] = "";
    if (score >= 0)
        snprintf(buf, sizeof buf, "%.1f", score);
    csv_write_field(w, buf);
}

char *export_scores_csv(const struct export_assessment *a, size_t *len)
{
    struct csv_writer w;
    csv_writer_init(&w);
    csv_write_bom(&w);
    static const char *const header[] = {"scope", "code", "name", "score"};
    for (size_t k = 0; k < 4; k++)
        csv_write_field(&w, header[k]);
    csv_end_row(&w);
    for (size_t i = 0; i < a->n_categories; i++) {
        csv_write_field(&w, "category");
        csv_write_field(&w, a->categories[i].code);
        csv_write_text_field(&w, a->categories[i].name);
        write_score(&w, a->categories[i].score);
        csv_end_row(&w);
    }
    for (size_t i = 0; i < a->n_functions; i++) {
        csv_write_field(&w, "function");
        csv_write_field(&w, a->functions[i].code);
        csv_write_text_field(&w, a->functions[i].name);
        write_score(&w, a->functions[i].score);
        csv_end_row(&w);
    }
    csv_write_field(&w, "overall");
    csv_write_field(&w, "");
    csv_write_field(&w, "");
    write_score(&w, a->overall);
    csv_end_row(&w);
    return csv_writer_take(&w, len);
}

/* ---- JSON ---- */

/* Builders that remember a failure (out of memory, invalid UTF-8) instead of stopping at
 * each call; the result is thrown away at the end if anything failed. */
struct json_build {
    int failed;
};

static void put(struct json_build *b, json_t *obj, const char *key, json_t *value)
{
    if (!value || json_object_set_new(obj, key, value) != 0)
        b->failed = 1;
}

static void append(struct json_build *b, json_t *arr, json_t *value)
{
    if (!value || json_array_append_new(arr, value) != 0)
        b->failed = 1;
}

/* A string, or null when s is empty. */
static json_t *text_or_null(const char *s)
{
    return *s ? json_string(s) : json_null();
}

static json_t *int_or_null(int v)
{
    return v >= 0 ? json_integer(v) : json_null();
}

static json_t *score_or_null(double v)
{
    return v >= 0 ? json_real(round(v * 10.0) / 10.0) : json_null();
}

static json_t *code_name(struct json_build *b, const char *code, const char *name)
{
    if (!*code)
        return json_null();
    json_t *o = json_object();
    if (!o)
        return NULL;
    put(b, o, "code", json_string(code));
    put(b, o, "name", json_string(name));
    return o;
}

static json_t *choices_array(struct json_build *b, const char *choices)
{
    json_t *arr = json_array();
    if (!arr)
        return NULL;
    const char *p = choices;
    while (*p) {
        size_t n = strcspn(p, "|");
        append(b, arr, json_stringn(p, n));
        p += n;
        if (*p == '|')
            p++;
    }
    return arr;
}

static json_t *answer_json(struct json_build *b, const struct export_item *it)
{
    if (it->version == 0)
        return json_null();
    json_t *o = json_object();
    if (!o)
        return NULL;
    put(b, o, "level", int_or_null(it->level));
    put(b, o, "not_applicable", json_boolean(it->not_applicable));
    put(b, o, "justification", json_string(it->justification));
    put(b, o, "evidence_notes", json_string(it->evidence_notes));
    put(b, o, "value", text_or_null(it->value));
    put(b, o, "version", json_integer(it->version));
    put(b, o, "carried_over", json_boolean(it->carried_over));
    put(b, o, "evidence_files", json_integer(it->evidence_files));
    put(b, o, "updated_at", text_or_null(it->updated_at));
    return o;
}

static json_t *item_json(struct json_build *b, const struct export_item *it)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    put(b, o, "code", json_string(it->code));
    put(b, o, "kind", json_string(it->kind));
    put(b, o, "text", json_string(it->text));
    put(b, o, "answer_type", json_string(it->answer_type));
    if (strcmp(it->answer_type, "choice") == 0)
        put(b, o, "choices", choices_array(b, it->choices));
    put(b, o, "category", code_name(b, it->category_code, it->category_name));
    put(b, o, "function", code_name(b, it->function_code, it->function_name));
    put(b, o, "target", int_or_null(strcmp(it->answer_type, "maturity") == 0 ? it->target : -1));
    put(b, o, "answer", answer_json(b, it));
    return o;
}

static json_t *scores_array(struct json_build *b, const struct export_score *s, size_t n)
{
    json_t *arr = json_array();
    if (!arr)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        put(b, o, "code", json_string(s[i].code));
        put(b, o, "name", json_string(s[i].name));
        put(b, o, "score", score_or_null(s[i].score));
        append(b, arr, o);
    }
    return arr;
}

char *export_json(const struct export_assessment *a)
{
    struct json_build b = {0};
    json_t *doc = json_object();
    if (!doc)
        return NULL;
    put(&b, doc, "format", json_string("tr27103-assessment"));
    put(&b, doc, "format_version", json_integer(1));

    /* children are filled before they are attached: attaching frees them on failure */
    json_t *org = json_object();
    put(&b, org, "id", json_integer(a->org_id));
    put(&b, org, "name", json_string(a->org_name));
    json_t *as = json_object();
    if (as) {
        put(&b, as, "id", json_integer(a->id));
        put(&b, as, "organisation", org);
        put(&b, as, "title", json_string(a->title));
        put(&b, as, "status", json_string(a->status));
        put(&b, as, "created_at", text_or_null(a->created_at));
        put(&b, as, "updated_at", text_or_null(a->updated_at));
        put(&b, as, "submitted_at", text_or_null(a->submitted_at));
        put(&b, as, "reviewed_at", text_or_null(a->reviewed_at));
        put(&b, as, "due_date", text_or_null(a->due_date));
        put(&b, as, "cycle", a->cycle > 0 ? json_integer(a->cycle) : json_null());
    } else {
        json_decref(org);
    }
    put(&b, doc, "assessment", as);

    json_t *items = json_array();
    for (size_t i = 0; i < a->n_items; i++)
        append(&b, items, item_json(&b, &a->items[i]));
    put(&b, doc, "items", items);

    json_t *scores = json_object();
    put(&b, scores, "categories", scores_array(&b, a->categories, a->n_categories));
    put(&b, scores, "functions", scores_array(&b, a->functions, a->n_functions));
    put(&b, scores, "overall", score_or_null(a->overall));
    put(&b, doc, "scores", scores);

    char *text = NULL;
    if (!b.failed)
        text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    json_decref(doc);
    return text;
}

/* ---- import ---- */

/* s without spaces and TABs around it (the end is cut off in place). */
static char *trim_in_place(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

/* yes/no as a spreadsheet may write it: 1 or 0, or -1 when it is neither. */
static int read_yes_no(const char *s)
{
    static const char *const yes[] = {"yes", "y", "true", "1", "x"};
    static const char *const no[] = {"", "no", "n", "false", "0"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (strcasecmp(s, yes[i]) == 0)
            return 1;
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (strcasecmp(s, no[i]) == 0)
            return 0;
    return -1;
}

int export_read_answers(struct csv_table *t, struct export_answer_row **rows, size_t *n,
                        const char **error, const char **column)
{
    *rows = NULL;
    *n = 0;
    *error = NULL;
    *column = NULL;
    /* the columns import reads, in the order of struct fields below */
    static const char *const wanted[] = {"code",          "level",          "not_applicable",
                                         "justification", "evidence_notes", "value"};
    enum { C_CODE, C_LEVEL, C_NA, C_JUST, C_NOTES, C_VALUE, C_COUNT };
    int col[C_COUNT];
    if (t->n_rows == 0) {
        *error = "no_rows";
        return -1;
    }
    for (int k = 0; k < C_COUNT; k++) {
        col[k] = csv_header_index(&t->rows[0], wanted[k]);
        if (col[k] < 0) {
            *error = "missing_column";
            *column = wanted[k];
            return -1;
        }
    }
    if (t->n_rows < 2) {
        *error = "no_rows";
        return -1;
    }
    struct export_answer_row *out = calloc(t->n_rows - 1, sizeof *out);
    if (!out) {
        *error = "out_of_memory";
        return -1;
    }
    size_t header_fields = t->rows[0].n_fields;
    for (size_t r = 1; r < t->n_rows; r++) {
        const struct csv_row *row = &t->rows[r];
        struct export_answer_row *a = &out[r - 1];
        char *v[C_COUNT];
        for (int k = 0; k < C_COUNT; k++)
            v[k] = (size_t)col[k] < row->n_fields ? row->fields[col[k]] : NULL;
        a->line = row->line;
        a->code = v[C_CODE] ? trim_in_place(v[C_CODE]) : "";
        a->level = v[C_LEVEL] ? trim_in_place(v[C_LEVEL]) : "";
        a->justification = v[C_JUST] ? v[C_JUST] : "";
        a->evidence_notes = v[C_NOTES] ? v[C_NOTES] : "";
        a->value = v[C_VALUE] ? v[C_VALUE] : "";
        int yn = read_yes_no(v[C_NA] ? trim_in_place(v[C_NA]) : "");
        a->na = yn == 1;
        if (row->n_fields != header_fields) {
            a->error = "field_count";
        } else if (yn < 0) {
            a->error = "bad_yes_no";
            a->error_column = "not_applicable";
        }
    }
    *rows = out;
    *n = t->n_rows - 1;
    return 0;
}
