/* handler_import.c - answers imported from a CSV file, such as the template a supplier
 * filled in a spreadsheet offline (GET /assessments/:id/template.csv). Every row is checked
 * first, with the same rules as the answer form (answers.c) and what only a file can get
 * wrong (unknown or repeated codes, rows of the wrong shape); any problem is reported per
 * line with status 422 and nothing is stored. A valid file is stored in the request's one
 * transaction like a saved form: changed items get a new version (and a history row, by
 * trigger) and lose their carried-over mark; items not in the file, or unchanged, stay as
 * they are. */
#include "answers.h"
#include "assessment.h"
#include "csv.h"
#include "export.h"
#include "portal.h"
#include "upload.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Problems listed on the page; more are counted, not listed. */
#define IMPORT_MAX_LISTED 100

/* Bytes in one field: the longest text (10000 characters) of four-byte characters. */
#define IMPORT_MAX_FIELD 40000

struct import_report {
    struct ctx *c;
    int count;
};

/* Records one problem: line 0 for the file as a whole, column NULL for the row. */
static void import_problem(struct import_report *r, size_t line, const char *code,
                           const char *column, const char *key)
{
    if (r->count < IMPORT_MAX_LISTED) {
        HDF *hdf = r->c->req->hdf;
        char name[64];
        snprintf(name, sizeof name, "Import.Errors.%d.Line", r->count);
        view_set_int(hdf, name, (long)line);
        snprintf(name, sizeof name, "Import.Errors.%d.Code", r->count);
        view_set(hdf, name, code ? code : "");
        snprintf(name, sizeof name, "Import.Errors.%d.Column", r->count);
        view_set(hdf, name, column ? column : "");
        snprintf(name, sizeof name, "Import.Errors.%d.Key", r->count);
        view_set(hdf, name, key);
    }
    r->count++;
}

/* The uploaded file of field "csv", read whole into *data (NUL-terminated, free() it).
 * Returns NULL, or the key of what is wrong with it. */
static const char *import_read_file(struct ctx *c, char **data, size_t *len)
{
    const char *file_name;
    const char *problem =
        upload_read_whole(c, "csv", ".csv", c->cfg->max_upload, data, len, &file_name);
    return problem && strcmp(problem, "required") == 0 ? "file_required" : problem;
}

/* The CSV column of a field of answers.c. */
static const char *column_of(const char *field)
{
    static const struct {
        const char *field, *column;
    } map[] = {{"level", "level"},
               {"na", "not_applicable"},
               {"just", "justification"},
               {"notes", "evidence_notes"},
               {"value", "value"}};
    for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
        if (strcmp(map[k].field, field) == 0)
            return map[k].column;
    return field;
}

/* The item row of code, -1 when there is none, -2 when more than one item has it. */
static int item_of_code(const struct assessment *a, const char *code)
{
    int found = -1;
    for (int i = 0; i < a->n_items; i++)
        if (strcmp(db_text(a->items, i, IC_CODE), code) == 0) {
            if (found >= 0)
                return -2;
            found = i;
        }
    return found;
}

/* Checks every row into inputs[] (by item row) and reports each problem. */
static void import_check_rows(const struct assessment *a, const struct export_answer_row *rows,
                              size_t n, struct item_input *inputs, struct import_report *r)
{
    size_t *line_of_item = calloc((size_t)a->n_items + 1, sizeof *line_of_item);
    for (size_t k = 0; k < n; k++) {
        const struct export_answer_row *row = &rows[k];
        if (row->error) {
            import_problem(r, row->line, row->code, row->error_column, row->error);
            if (strcmp(row->error, "field_count") == 0)
                continue; /* the other fields may be in the wrong columns */
        }
        if (!*row->code) {
            import_problem(r, row->line, NULL, "code", "code_missing");
            continue;
        }
        int i = item_of_code(a, row->code);
        if (i < 0) {
            import_problem(r, row->line, row->code, "code",
                           i == -1 ? "unknown_code" : "ambiguous_code");
            continue;
        }
        if (line_of_item && line_of_item[i]) {
            import_problem(r, row->line, row->code, "code", "duplicate_code");
            continue;
        }
        if (line_of_item)
            line_of_item[i] = row->line;
        struct item_input *in = &inputs[i];
        *in = (struct item_input){
            .level = row->level,
            .just = row->justification,
            .notes = row->evidence_notes,
            .value = row->value,
            .ver = db_text(a->items, i, IC_VERSION), /* what was just read: no conflict */
            .present = 1,
            .na = row->na,
        };
        answers_compare(a, i, in);
        if (!assessment_item_editable(a, i)) {
            /* a closed item may be in the file (a full export), but not changed */
            if (in->changed)
                import_problem(r, row->line, row->code, NULL, "item_closed");
            in->present = 0;
            continue;
        }
        struct answer_problem problems[ANSWER_MAX_PROBLEMS];
        size_t np = answers_check_item(a, i, in, 0, problems);
        for (size_t p = 0; p < np; p++)
            import_problem(r, row->line, row->code, column_of(problems[p].field), problems[p].key);
    }
    if (!line_of_item)
        import_problem(r, 0, NULL, NULL, "out_of_memory");
    free(line_of_item);
}

/* The assessment page again, with the problems under Import.*. */
static int import_refused(struct ctx *c, struct assessment *a, const struct import_report *r)
{
    view_set_int(c->req->hdf, "Import.ErrorCount", r->count);
    view_set_int(c->req->hdf, "Import.Unlisted",
                 r->count > IMPORT_MAX_LISTED ? r->count - IMPORT_MAX_LISTED : 0);
    int status = assessment_load_page(c, a);
    if (status == 200)
        status = assessment_to_hdf(c, a, 0);
    portal_page(c, "assessment/form.cs", "assessment");
    return status == 200 ? 422 : status;
}

/* Stores the checked inputs; returns how many items changed, or -1. */
static int import_store(struct ctx *c, const struct assessment *a, struct item_input *inputs,
                        size_t rows)
{
    int changed = 0;
    for (int i = 0; i < a->n_items; i++)
        changed += inputs[i].present && inputs[i].changed;
    if (answers_store(c, a, inputs) != 0)
        return -1; /* a conflict cannot happen: versions are the ones just read */
    char aid[24], detail[96];
    snprintf(aid, sizeof aid, "%ld", a->id);
    const char *p[] = {aid};
    if (changed && db_exec(c->db, NULL, "UPDATE assessments SET updated_at = now() WHERE id = $1",
                           1, p) != DB_OK)
        return -1;
    snprintf(detail, sizeof detail, "{\"rows\": %lu, \"changed\": %d}", (unsigned long)rows,
             changed);
    if (db_audit(c->db, c->sess->user_id, a->org_id, "import_answers", "assessment", a->id,
                 detail) != DB_OK)
        return -1;
    return changed;
}

/* POST /assessments/:id/import (multipart, the file in field "csv") */
int handle_assessment_import(struct ctx *c)
{
    struct assessment a;
    int status = assessment_load(c, c->id, &a);
    if (status != 200 || !a.editable) {
        assessment_free(&a);
        return status != 200 ? status : 409; /* submitted, or not this user's to edit */
    }
    struct import_report report = {c, 0};
    char *data;
    size_t len;
    const char *file_error = import_read_file(c, &data, &len);
    if (file_error) {
        free(data);
        if (strcmp(file_error, "out_of_memory") == 0) {
            assessment_free(&a);
            return 500;
        }
        import_problem(&report, 0, NULL, NULL, file_error);
        status = import_refused(c, &a, &report);
        assessment_free(&a);
        return status;
    }

    struct csv_table table;
    struct csv_error csv_error;
    struct csv_limits limits = {.max_field_len = IMPORT_MAX_FIELD};
    struct export_answer_row *rows = NULL;
    size_t n = 0;
    struct item_input *inputs = NULL;
    if (csv_parse_limits(data, len, &limits, &table, &csv_error) != 0) {
        import_problem(&report, csv_error.line, NULL, NULL, csv_error.key);
    } else {
        const char *error, *column;
        if (export_read_answers(&table, &rows, &n, &error, &column) != 0) {
            import_problem(&report, strcmp(error, "missing_column") == 0 ? 1 : 0, NULL, column,
                           error);
        } else {
            inputs = calloc((size_t)a.n_items + 1, sizeof *inputs);
            if (inputs)
                import_check_rows(&a, rows, n, inputs, &report);
            else
                import_problem(&report, 0, NULL, NULL, "out_of_memory");
        }
    }

    int changed = 0;
    if (report.count)
        status = import_refused(c, &a, &report);
    else if ((changed = import_store(c, &a, inputs, n)) < 0)
        status = 500;
    else
        status = 303;
    free(inputs);
    free(rows);
    csv_table_free(&table);
    free(data);
    assessment_free(&a);
    if (status != 303)
        return status;
    char where[80];
    snprintf(where, sizeof where, "/assessments/%ld?saved=imported", c->id);
    resp_redirect(c->resp, where);
    return 303;
}
