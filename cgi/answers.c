/* answers.c - the checks every answer passes and the storing of changed answers, shared
 * by the answer form and the CSV import; see answers.h. */
#include "answers.h"

#include "form.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int is_maturity(const struct assessment *a, int i)
{
    return strcmp(db_text(a->items, i, IC_TYPE), "maturity") == 0;
}

static int blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return 0;
    return 1;
}

void answers_compare(const struct assessment *a, int i, struct item_input *in)
{
    int stored_na = strcmp(db_text(a->items, i, IC_NA), "t") == 0;
    in->changed = strcmp(in->level, db_text(a->items, i, IC_LEVEL)) != 0 || in->na != stored_na ||
                  strcmp(in->just, db_text(a->items, i, IC_JUSTIFICATION)) != 0 ||
                  strcmp(in->notes, db_text(a->items, i, IC_NOTES)) != 0 ||
                  strcmp(in->value, db_text(a->items, i, IC_VALUE)) != 0;
    in->answered = is_maturity(a, i) ? (*in->level || in->na) : *in->value != '\0';
}

/* The fields of item row i: its type decides what is checked. Field names are the
 * prefixes of the form's field names ("level" for level_<item id>). */
static size_t item_fields(const struct assessment *a, int i, int submit, struct field *f,
                          const char **choices)
{
    const char *type = db_text(a->items, i, IC_TYPE);
    static const char *const yesno[] = {"yes", "no", NULL};
    size_t n = 0;
    f[n++] = (struct field){"just", FIELD_MULTILINE, 0, 0, 4000, NULL};
    f[n++] = (struct field){"notes", FIELD_MULTILINE, 0, 0, 10000, NULL};
    if (strcmp(type, "maturity") == 0)
        f[n++] = (struct field){"level", FIELD_INT, 0, 0, 5, NULL};
    else if (strcmp(type, "number") == 0)
        f[n++] = (struct field){"value", FIELD_INT, submit, -1000000000L, 1000000000L, NULL};
    else if (strcmp(type, "yesno") == 0)
        f[n++] = (struct field){"value", FIELD_CHOICE, submit, 0, 0, yesno};
    else if (strcmp(type, "choice") == 0)
        f[n++] = (struct field){"value", FIELD_CHOICE, submit, 0, 0, choices};
    else
        f[n++] = (struct field){"value", FIELD_MULTILINE, submit, 1, 10000, NULL};
    return n;
}

static const char *input_of(const struct item_input *in, const char *field)
{
    if (strcmp(field, "just") == 0)
        return in->just;
    if (strcmp(field, "notes") == 0)
        return in->notes;
    if (strcmp(field, "level") == 0)
        return in->level;
    return in->value;
}

size_t answers_check_item(const struct assessment *a, int i, const struct item_input *in,
                          int submit, struct answer_problem *out)
{
    size_t n = 0;
    char *choice_text = strdup(db_text(a->items, i, IC_CHOICES));
    const char *choices[32];
    int nc = 0;
    for (char *t = choice_text ? strtok(choice_text, "|") : NULL; t && nc < 31;
         t = strtok(NULL, "|"))
        choices[nc++] = t;
    choices[nc] = NULL;
    struct field f[3];
    size_t nf = item_fields(a, i, submit, f, choices);
    for (size_t k = 0; k < nf; k++) {
        enum field_error e =
            form_check_field(&f[k], input_of(in, f[k].name), (long long)time(NULL));
        if (e != FE_NONE)
            out[n++] = (struct answer_problem){f[k].name, form_error_key(e)};
    }
    free(choice_text);

    int maturity = is_maturity(a, i);
    /* what the item's type does not take (the form never sends it; a file may) */
    if (!maturity && *in->level)
        out[n++] = (struct answer_problem){"level", "not_expected"};
    if (!maturity && in->na)
        out[n++] = (struct answer_problem){"na", "not_expected"};
    if (maturity && *in->value)
        out[n++] = (struct answer_problem){"value", "not_expected"};
    if (in->na && blank(in->just))
        out[n++] = (struct answer_problem){"just", "justification_required"};
    if (in->na && *in->level)
        out[n++] = (struct answer_problem){"level", "level_or_na"};
    int carried = strcmp(db_text(a->items, i, IC_CARRIED), "t") == 0;
    if (submit && (!in->answered || (carried && !in->changed && !in->confirm)))
        out[n++] = (struct answer_problem){maturity ? "level" : "value",
                                           in->answered ? "confirm_carried" : "required"};
    return n;
}

int answers_store(struct ctx *c, const struct assessment *a, struct item_input *inputs)
{
    char aid[24], uid[24];
    snprintf(aid, sizeof aid, "%ld", a->id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    int conflicts = 0;
    for (int i = 0; i < a->n_items; i++) {
        struct item_input *in = &inputs[i];
        int carried = strcmp(db_text(a->items, i, IC_CARRIED), "t") == 0;
        if (!assessment_item_editable(a, i) || !in->present ||
            !(in->changed || (carried && in->confirm)))
            continue;
        char iid[24];
        snprintf(iid, sizeof iid, "%s", db_text(a->items, i, IC_ID));
        if (strcmp(in->ver, db_text(a->items, i, IC_VERSION)) != 0) {
            char field[32];
            snprintf(field, sizeof field, "level_%s", iid);
            if (!is_maturity(a, i))
                snprintf(field, sizeof field, "value_%s", iid);
            portal_form_error(c, field, "conflict");
            conflicts++;
            continue;
        }
        const char *p[] = {aid,
                           iid,
                           *in->level ? in->level : NULL,
                           in->na ? "t" : "f",
                           in->just,
                           in->notes,
                           *in->value ? in->value : NULL,
                           uid,
                           *in->ver ? in->ver : "0"};
        /* the version is checked again where the row is written: two saves racing past the
         * check above cannot both win (an insert meets the other's row, an update its
         * version) */
        PGresult *res;
        if (db_exec(c->db, &res,
                    "INSERT INTO assessment_answers (assessment_id, item_id, level, "
                    "  not_applicable, justification, evidence_notes, value_text, updated_by) "
                    "SELECT $1, $2, $3, $4, $5, $6, $7, $8 "
                    "ON CONFLICT (assessment_id, item_id) DO UPDATE SET level = EXCLUDED.level, "
                    "  not_applicable = EXCLUDED.not_applicable, "
                    "  justification = EXCLUDED.justification, "
                    "  evidence_notes = EXCLUDED.evidence_notes, "
                    "  value_text = EXCLUDED.value_text, carried_over = false, "
                    "  version = assessment_answers.version + 1, "
                    "  updated_by = EXCLUDED.updated_by, updated_at = now() "
                    "  WHERE assessment_answers.version = $9::int "
                    "RETURNING version",
                    9, p) != DB_OK)
            return -1;
        int written = PQntuples(res) == 1;
        PQclear(res);
        if (!written) {
            char field[32];
            snprintf(field, sizeof field, "%s_%s", is_maturity(a, i) ? "level" : "value", iid);
            portal_form_error(c, field, "conflict");
            conflicts++;
        }
    }
    return conflicts;
}
