/* export.h - one assessment as it leaves the portal and as answers come back: the answers
 * as CSV (also the template a respondent fills offline), the scores as CSV, the whole
 * assessment as JSON, and the reading of an answers CSV for import. Pure: the caller loads
 * the assessment into the structs below; text in memory comes out. The OSCAL document
 * (lib/oscal.h) is made from the same structs.
 *
 * The answers CSV has a header row and one row per questionnaire item, with the columns
 * code, item, answer_type, level, not_applicable, justification, evidence_notes, value,
 * target, category, function. Import reads code and the answer columns (level,
 * not_applicable, justification, evidence_notes, value) and ignores the others, which are
 * there for the person filling the spreadsheet. Free text goes through the formula guard
 * of csv_write_text_field, so an export read back with csv_parse gives the same answers. */
#ifndef EXPORT_H
#define EXPORT_H

#include "csv.h"

#include <stddef.h>

/* One questionnaire item with its answer. Strings are never NULL ("" when empty). */
struct export_item {
    const char *code;        /* "ID.AM-1", "E3", "Q2001": unique in the questionnaire */
    const char *kind;        /* subcategory, management, custom */
    const char *text;        /* the outcome, principle or question */
    const char *answer_type; /* maturity, text, yesno, choice, number */
    const char *choices;     /* for choice: the choices joined with '|' */
    const char *category_code, *category_name, *function_code, *function_name;
    int level;  /* 0-5, or -1 when not given */
    int target; /* 0-5, or -1 when none is set */
    int not_applicable;
    const char *justification, *evidence_notes;
    const char *value; /* answer to an own question, "" when none */
    int version;       /* 0: never answered (no answer row) */
    int carried_over;
    int evidence_files;     /* how many files are attached */
    const char *updated_at; /* of the answer, "YYYY-MM-DDTHH:MM:SSZ", "" when none */
};

/* A score of one category or function; score < 0 when there is nothing to score. */
struct export_score {
    const char *code, *name;
    double score;
};

struct export_assessment {
    long id, org_id;
    const char *org_name, *title, *status;
    /* "YYYY-MM-DDTHH:MM:SSZ" (UTC), "" when not (yet) */
    const char *created_at, *updated_at, *submitted_at, *reviewed_at;
    const char *due_date; /* "YYYY-MM-DD", "" when none */
    int cycle;            /* of the campaign, 0 when self-started */
    const struct export_item *items;
    size_t n_items;
    const struct export_score *categories;
    size_t n_categories;
    const struct export_score *functions;
    size_t n_functions;
    double overall; /* < 0 when nothing is scored */
};

/* The answers CSV (UTF-8 with a byte order mark, CRLF rows), malloc'd and NUL-terminated;
 * *len receives its length. NULL when out of memory or a text is not valid UTF-8. */
char *export_answers_csv(const struct export_assessment *a, size_t *len);

/* The scores CSV: columns scope (category, function, overall), code, name, score (one
 * decimal, empty when there is nothing to score). Same conventions as above. */
char *export_scores_csv(const struct export_assessment *a, size_t *len);

/* The assessment as JSON text (malloc'd), or NULL when out of memory or a text is not
 * valid UTF-8. Shape: {"format": "tr27103-assessment", "format_version": 1,
 * "assessment": {...}, "items": [...], "scores": {...}}; see export.c. */
char *export_json(const struct export_assessment *a);

/* ---- import ---- */

/* The answer columns of one data row of an answers CSV. Pointers into the csv_table. */
struct export_answer_row {
    size_t line; /* where the row starts in the file, 1-based */
    const char *code;
    const char *level;
    int na; /* not_applicable read as yes/no */
    const char *justification, *evidence_notes, *value;
    /* a problem with the row's shape, or NULL: "field_count" (not as many fields as the
     * header) or "bad_yes_no" (not_applicable is not yes, no, true, false, 1, 0 or empty) */
    const char *error;
    const char *error_column; /* the column error is about, or NULL */
};

/* Reads the data rows of t, whose first row is the header naming the columns (any order,
 * case and spaces around the names ignored; columns not used are ignored). Code, level and
 * not_applicable lose spaces and TABs around them, in place in t's fields. On success
 * returns 0 with *rows (free() it; it points into t) and *n. Fails with -1 and *error set
 * to "no_rows" (no data row), "missing_column" (*column names it) or "out_of_memory". */
int export_read_answers(struct csv_table *t, struct export_answer_row **rows, size_t *n,
                        const char **error, const char **column);

#endif
