/* answers.h - one item's answer as a respondent gives it, in the answer form or as a row
 * of an imported CSV file: the checks it must pass (the same for both ways in) and how
 * changed answers are stored (version bumped, carried-over mark cleared, the history row
 * written by the database's trigger). Used by handler_assessment.c and handler_import.c. */
#ifndef ANSWERS_H
#define ANSWERS_H

#include "assessment.h"

#include <stddef.h>

/* What one item's answer says, and whether it differs from what is stored. An item whose
 * input is not present (not in the form, not in the file) stays as stored. The strings
 * are never NULL when present ("" for an empty field). */
struct item_input {
    const char *level, *just, *notes, *value, *ver;
    int present, na, confirm, changed, answered;
};

/* One problem with an item's answer: the field it is about ("level", "na", "just",
 * "notes" or "value") and the key of its message in Lang.Errors. */
struct answer_problem {
    const char *field;
    const char *key;
};

#define ANSWER_MAX_PROBLEMS 8

/* Sets in->changed and in->answered of a present input from item row i's stored answer. */
void answers_compare(const struct assessment *a, int i, struct item_input *in);

/* Checks the present input of item row i: lengths, a level 0-5 for a maturity item and a
 * value of the question's type otherwise (never both), not applicable only for a maturity
 * item, with a justification and without a level; with submit, also that the item is
 * answered and a carried-over answer changed or confirmed. Writes the problems, in the
 * order the form has always reported them, to out (room for ANSWER_MAX_PROBLEMS) and
 * returns how many there are. */
size_t answers_check_item(const struct assessment *a, int i, const struct item_input *in,
                          int submit, struct answer_problem *out);

/* Writes the changed (or confirmed) items among the editable ones. An item a colleague
 * saved since in->ver was read is not overwritten: it is reported as a conflict (as a form
 * error on its level or value field). Returns 0, the number of conflicts (> 0), or -1 on
 * a database error. */
int answers_store(struct ctx *c, const struct assessment *a, struct item_input *inputs);

#endif
