/* assessment_view.c - puts one loaded assessment on its page: the assessment, its items in
 * sections (function and category, Annex B, own questions) with their progress, the
 * problems of a refused form linked to their fields, evidence files, the maturity scale and
 * the scores. Reads nothing; see assessment.h. */
#include "assessment.h"

#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void item_to_hdf(HDF *hdf, struct assessment *a, int i, int keep_form)
{
    char key[64];
    snprintf(key, sizeof key, "Items.%d", i);
    HDF *row;
    if (hdf_get_node(hdf, key, &row) != STATUS_OK)
        return;
    PGresult *r = a->items;
    long id = db_long(r, i, IC_ID);
    static const struct {
        const char *name;
        enum item_column col;
    } cols[] = {
        {"Id", IC_ID},
        {"Kind", IC_KIND},
        {"Code", IC_CODE},
        {"Text", IC_TEXT},
        {"Type", IC_TYPE},
        {"Category", IC_CATEGORY_NAME},
        {"CategoryCode", IC_CATEGORY_CODE},
        {"Function", IC_FUNCTION_NAME},
        {"Level", IC_LEVEL},
        {"Justification", IC_JUSTIFICATION},
        {"Notes", IC_NOTES},
        {"Value", IC_VALUE},
        {"Version", IC_VERSION},
        {"Target", IC_TARGET},
        {"Mapping", IC_MAPPING},
        {"ReturnComment", IC_RETURN_COMMENT},
        {"Evidence", IC_EVIDENCE},
        {"UpdatedBy", IC_UPDATED_BY},
    };
    for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++)
        view_set(row, cols[k].name, db_text(r, i, (int)cols[k].col));
    view_set(row, "NotApplicable", strcmp(db_text(r, i, IC_NA), "t") == 0 ? "1" : "");
    view_set(row, "CarriedOver", strcmp(db_text(r, i, IC_CARRIED), "t") == 0 ? "1" : "");
    view_set(row, "Returned", strcmp(db_text(r, i, IC_RETURNED), "t") == 0 ? "1" : "");
    view_set_int(row, "Editable", assessment_item_editable(a, i));
    const char *category = db_text(r, i, IC_CATEGORY_CODE);
    int new_group = i == 0 || strcmp(category, db_text(r, i - 1, IC_CATEGORY_CODE)) != 0 ||
                    strcmp(db_text(r, i, IC_KIND), db_text(r, i - 1, IC_KIND)) != 0;
    view_set_int(row, "NewGroup", new_group);
    int new_function =
        i == 0 || strcmp(db_text(r, i, IC_FUNCTION_CODE), db_text(r, i - 1, IC_FUNCTION_CODE)) != 0;
    view_set_int(row, "NewFunction", new_function && *category);
    char *choices = strdup(db_text(r, i, IC_CHOICES));
    int n = 0;
    for (char *tok = choices ? strtok(choices, "|") : NULL; tok; tok = strtok(NULL, "|")) {
        snprintf(key, sizeof key, "Choices.%d", n++);
        view_set(row, key, tok);
    }
    free(choices);
    if (keep_form)
        return;
    /* the form starts from what is stored */
    static const struct {
        const char *prefix;
        enum item_column col;
    } fields[] = {{"level", IC_LEVEL},
                  {"just", IC_JUSTIFICATION},
                  {"notes", IC_NOTES},
                  {"value", IC_VALUE},
                  {"ver", IC_VERSION}};
    for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) {
        snprintf(key, sizeof key, "Form.Values.%s_%ld", fields[k].prefix, id);
        view_set(hdf, key, db_text(r, i, (int)fields[k].col));
    }
    snprintf(key, sizeof key, "Form.Values.na_%ld", id);
    view_set(hdf, key, strcmp(db_text(r, i, IC_NA), "t") == 0 ? "1" : "");
}

static void scores_to_hdf(HDF *hdf, const struct assessment *a)
{
    char key[64], score[16];
    for (int k = 0; k < a->n_categories; k++) {
        snprintf(key, sizeof key, "Scores.Categories.%d.Code", k);
        view_set(hdf, key, a->category_codes[k]);
        snprintf(key, sizeof key, "Scores.Categories.%d.Name", k);
        view_set(hdf, key, a->category_names[k]);
        scoring_format_score(a->category_score[k], score, sizeof score);
        snprintf(key, sizeof key, "Scores.Categories.%d.Score", k);
        view_set(hdf, key, score);
    }
    for (int f = 0; f < ASSESSMENT_FUNCTIONS; f++) {
        scoring_format_score(a->function_score[f], score, sizeof score);
        snprintf(key, sizeof key, "Scores.Functions.%s", assessment_function_codes[f]);
        view_set(hdf, key, score);
    }
    scoring_format_score(a->overall, score, sizeof score);
    view_set(hdf, "Scores.Overall", score);
}

/* Evidence files under Items.N.Files.K.{Id,Name,Size}. */
static void assessment_files_to_hdf(HDF *hdf, const struct assessment *a)
{
    PGresult *res = a->files;
    for (int r = 0; r < PQntuples(res); r++) {
        long item = db_long(res, r, FC_ITEM);
        int k;
        for (k = 0; k < a->n_items && db_long(a->items, k, IC_ID) != item; k++)
            ;
        if (k == a->n_items)
            continue;
        char key[96];
        snprintf(key, sizeof key, "Items.%d.Files.%d.Id", k, r);
        view_set(hdf, key, db_text(res, r, FC_ID));
        snprintf(key, sizeof key, "Items.%d.Files.%d.Name", k, r);
        view_set(hdf, key, db_text(res, r, FC_NAME));
        snprintf(key, sizeof key, "Items.%d.Files.%d.Size", k, r);
        view_set(hdf, key, db_text(res, r, FC_SIZE));
    }
}

int assessment_to_hdf(struct ctx *c, struct assessment *a, int keep_form)
{
    HDF *hdf = c->req->hdf;
    if (!a->files || !a->levels)
        return 500; /* assessment_load_page first */
    view_set_int(hdf, "Assessment.Id", a->id);
    view_set(hdf, "Assessment.Org", a->org_name);
    view_set(hdf, "Assessment.Title", a->title);
    view_set(hdf, "Assessment.Status", a->status);
    view_set_int(hdf, "Assessment.CampaignId", a->campaign_id);
    view_set_int(hdf, "Assessment.Editable", a->editable);
    view_set_int(hdf, "Assessment.MayReview", a->may_review && !a->may_respond);
    int answered = 0, carried = 0;
    /* progress per function, and for Annex B and own questions ("MG", "Q") */
    const char *groups[ASSESSMENT_FUNCTIONS + 2] = {"ID", "PR", "DE", "RS", "RC", "MG", "Q"};
    int group_answered[ASSESSMENT_FUNCTIONS + 2] = {0}, group_total[ASSESSMENT_FUNCTIONS + 2] = {0};
    for (int i = 0; i < a->n_items; i++) {
        item_to_hdf(hdf, a, i, keep_form);
        int is_answered = *db_text(a->items, i, IC_LEVEL) ||
                          strcmp(db_text(a->items, i, IC_NA), "t") == 0 ||
                          *db_text(a->items, i, IC_VALUE);
        answered += is_answered;
        carried += strcmp(db_text(a->items, i, IC_CARRIED), "t") == 0;
        const char *kind = db_text(a->items, i, IC_KIND);
        int g = strcmp(kind, "management") == 0 ? ASSESSMENT_FUNCTIONS
                : strcmp(kind, "custom") == 0   ? ASSESSMENT_FUNCTIONS + 1
                                                : -1;
        for (int f = 0; g < 0 && f < ASSESSMENT_FUNCTIONS; f++)
            if (strcmp(db_text(a->items, i, IC_FUNCTION_CODE), groups[f]) == 0)
                g = f;
        if (g >= 0) {
            group_total[g]++;
            group_answered[g] += is_answered;
        }
    }
    for (int g = 0, k = 0; g < ASSESSMENT_FUNCTIONS + 2; g++) {
        if (!group_total[g])
            continue;
        char key[64];
        snprintf(key, sizeof key, "Progress.%d.Group", k);
        view_set(hdf, key, groups[g]);
        snprintf(key, sizeof key, "Progress.%d.Answered", k);
        view_set_int(hdf, key, group_answered[g]);
        snprintf(key, sizeof key, "Progress.%d.Total", k++);
        view_set_int(hdf, key, group_total[g]);
    }
    assessment_files_to_hdf(hdf, a);
    view_set_int(hdf, "Assessment.Answered", answered);
    view_set_int(hdf, "Assessment.Total", a->n_items);
    view_set_int(hdf, "Assessment.CarriedOver", carried);
    view_set(hdf, "Assessment.SubmittedAt", a->submitted_at);
    view_set(hdf, "Assessment.SubmittedBy", a->submitted_by);
    view_set(hdf, "Assessment.ReviewedAt", a->reviewed_at);
    view_set(hdf, "Assessment.ReviewedBy", a->reviewed_by);
    view_set(hdf, "Assessment.DueDate", a->due_date);
    view_set_int(hdf, "Assessment.Cycle", a->cycle);
    for (int i = 0; i < PQntuples(a->levels); i++) {
        char key[64];
        static const char *const cols[] = {"Level", "Name", "Meaning"};
        for (int k = 0; k < 3; k++) {
            snprintf(key, sizeof key, "Levels.%d.%s", i, cols[k]);
            view_set(hdf, key, db_text(a->levels, i, k));
        }
    }
    if (assessment_score(a) != 200)
        return 500;
    scores_to_hdf(hdf, a);
    return 200;
}
