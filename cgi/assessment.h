/* assessment.h - one assessment as the handlers see it: who may do what with it, its
 * questionnaire items with answers, targets, returned items and evidence, loaded in one
 * query and put into the page's HDF; and its scores. Shared by the answering, review,
 * evidence, dashboard and export handlers. */
#ifndef ASSESSMENT_H
#define ASSESSMENT_H

#include "utf8.h"

#include "portal.h"
#include "scoring.h"

#include <libpq-fe.h>

/* Columns of the items result. */
enum item_column {
    IC_ID,
    IC_KIND,
    IC_CODE,
    IC_TEXT,
    IC_TYPE,
    IC_CHOICES,
    IC_CATEGORY_CODE,
    IC_CATEGORY_NAME,
    IC_FUNCTION_CODE,
    IC_FUNCTION_NAME,
    IC_LEVEL,
    IC_NA,
    IC_JUSTIFICATION,
    IC_NOTES,
    IC_VALUE,
    IC_CARRIED,
    IC_VERSION,
    IC_TARGET,
    IC_MAPPING,
    IC_RETURNED,
    IC_RETURN_COMMENT,
    IC_EVIDENCE,
    IC_CATEGORY_ID,
    IC_UPDATED_BY,
    IC_WEIGHT, /* the owner's weight of the item's category (1 unless set) */
};

/* Columns of the evidence files result. */
enum file_column { FC_ID, FC_ITEM, FC_NAME, FC_SIZE };

#define ASSESSMENT_FUNCTIONS 5 /* ID, PR, DE, RS, RC */

struct assessment {
    long id, org_id, campaign_id, questionnaire_id, owner_org_id;
    char status[16];
    char org_name[UTF8_BUF(200)];
    char title[UTF8_BUF(200)];
    int may_respond; /* an assessor or administrator of the respondent */
    int may_review;  /* manages the campaign, or oversees the organisation */
    int editable;    /* may_respond and open (draft, or returned items) */
    /* when submitted and reviewed, by whom; the campaign's due date and cycle */
    char submitted_at[24], submitted_by[UTF8_BUF(200)];
    char reviewed_at[24], reviewed_by[UTF8_BUF(200)];
    char due_date[16];
    int cycle;
    PGresult *items; /* one row per questionnaire item (enum item_column) */
    int n_items;
    PGresult *files;  /* its evidence files (enum file_column), by assessment_load_page */
    PGresult *levels; /* the maturity scale (level, name, meaning), shared: not freed */
    /* scores, filled by assessment_score */
    int n_categories;
    char category_codes[64][16];
    char category_names[64][128];
    double category_score[64];
    double function_score[ASSESSMENT_FUNCTIONS];
    double overall;
};

extern const char *const assessment_function_codes[ASSESSMENT_FUNCTIONS];

/* Loads assessment id (404 when row-level security hides it). Returns 200, 404 or 500. */
int assessment_load(struct ctx *c, long id, struct assessment *a);
/* Reads the items of loaded assessment a again (what is stored now, after a save).
 * Returns 200 or 500. */
int assessment_load_items(struct ctx *c, struct assessment *a);
/* What the assessment's page shows beyond assessment_load: its evidence files, and the
 * maturity scale (read once per process). Returns 200 or 500. */
int assessment_load_page(struct ctx *c, struct assessment *a);
void assessment_free(struct assessment *a);

/* 1 when item row i may be changed now (open, and when returned, only returned items). */
int assessment_item_editable(const struct assessment *a, int i);

/* Scores by category, function and overall with the owner's category weights (loaded
 * with the items). Returns 200, or 500 without memory. */
int assessment_score(struct assessment *a);

/* Puts item row i's stored answer into the answer form's values (Form.Values.level_<id>,
 * just_, notes_, value_, ver_, na_): the form starts from it, and after a conflict shows
 * what a colleague stored. */
void assessment_item_stored_to_form(HDF *hdf, const struct assessment *a, int i);

/* Puts the assessment, its items (with form values unless keep_form) and its scores into
 * the HDF under Assessment.*, Items.*, Scores.*, and the maturity scale under Levels.*.
 * Reads nothing: the handler loads with assessment_load and assessment_load_page. */
int assessment_to_hdf(struct ctx *c, struct assessment *a, int keep_form);

#endif
