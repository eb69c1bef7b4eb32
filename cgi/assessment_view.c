/* assessment_view.c - puts one loaded assessment on its page: the assessment, its items in
 * sections (function and category, Annex B, own questions) with their progress, the
 * problems of a refused form linked to their fields, evidence files, the maturity scale and
 * the scores. Reads nothing; see assessment.h. */
#include "assessment.h"

#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void assessment_item_stored_to_form(HDF *hdf, const struct assessment *a, int i)
{
    static const struct {
        const char *prefix;
        enum item_column col;
    } fields[] = {{"level", IC_LEVEL},
                  {"just", IC_JUSTIFICATION},
                  {"notes", IC_NOTES},
                  {"value", IC_VALUE},
                  {"ver", IC_VERSION}};
    long id = db_long(a->items, i, IC_ID);
    char key[64];
    for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) {
        snprintf(key, sizeof key, "Form.Values.%s_%ld", fields[k].prefix, id);
        view_set(hdf, key, db_text(a->items, i, (int)fields[k].col));
    }
    snprintf(key, sizeof key, "Form.Values.na_%ld", id);
    view_set(hdf, key, strcmp(db_text(a->items, i, IC_NA), "t") == 0 ? "1" : "");
}

static void item_to_hdf(HDF *hdf, struct assessment *a, int i, int keep_form)
{
    char key[64];
    snprintf(key, sizeof key, "Items.%d", i);
    HDF *row;
    if (hdf_get_node(hdf, key, &row) != STATUS_OK)
        return;
    PGresult *r = a->items;
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
    char *choices = strdup(db_text(r, i, IC_CHOICES));
    int n = 0;
    for (char *tok = choices ? strtok(choices, "|") : NULL; tok; tok = strtok(NULL, "|")) {
        snprintf(key, sizeof key, "Choices.%d", n++);
        view_set(row, key, tok);
    }
    free(choices);
    if (!keep_form) /* the form starts from what is stored */
        assessment_item_stored_to_form(hdf, a, i);
}

static void scores_to_hdf(const struct ctx *c, HDF *hdf, const struct assessment *a)
{
    char key[64], score[16];
    for (int k = 0; k < a->n_categories; k++) {
        snprintf(key, sizeof key, "Scores.Categories.%d.Code", k);
        view_set(hdf, key, a->category_codes[k]);
        snprintf(key, sizeof key, "Scores.Categories.%d.Name", k);
        view_set(hdf, key, a->category_names[k]);
        portal_score(c, a->category_score[k], score, sizeof score);
        snprintf(key, sizeof key, "Scores.Categories.%d.Score", k);
        view_set(hdf, key, score);
    }
    for (int f = 0; f < ASSESSMENT_FUNCTIONS; f++) {
        portal_score(c, a->function_score[f], score, sizeof score);
        snprintf(key, sizeof key, "Scores.Functions.%s", assessment_function_codes[f]);
        view_set(hdf, key, score);
    }
    portal_score(c, a->overall, score, sizeof score);
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

/* 1 when item row i has an answer stored: a level, not applicable, or a value. */
static int item_answered(const struct assessment *a, int i)
{
    return *db_text(a->items, i, IC_LEVEL) || strcmp(db_text(a->items, i, IC_NA), "t") == 0 ||
           *db_text(a->items, i, IC_VALUE);
}

/* The fields of an item whose problems the page's summary links to, in the order the item
 * shows them (the answer form's, the reviewer's and the targets'). */
static const char *const item_fields[] = {"level", "value", "na",      "just",  "confirm",
                                          "notes", "file",  "comment", "target"};

#define PROBLEMS_LISTED 20 /* the rest are marked in the sections */

/* Counts what the refused form says about item row i in Problems.Count and lists the first
 * PROBLEMS_LISTED under Problems.List.N: the item's code, the field to go to and the
 * message's key. Returns how many there are for the item. */
static int item_problems_to_hdf(HDF *hdf, const struct assessment *a, int i)
{
    int found = 0;
    for (size_t f = 0; f < sizeof item_fields / sizeof item_fields[0]; f++) {
        char key[96];
        snprintf(key, sizeof key, "Form.Errors.%s_%s", item_fields[f], db_text(a->items, i, IC_ID));
        const char *message = hdf_get_value(hdf, key, NULL);
        if (!message)
            continue;
        int n = hdf_get_int_value(hdf, "Problems.Count", 0);
        view_set_int(hdf, "Problems.Count", n + 1);
        found++;
        if (n >= PROBLEMS_LISTED)
            continue;
        snprintf(key, sizeof key, "Problems.List.%d", n);
        HDF *row;
        if (hdf_get_node(hdf, key, &row) != STATUS_OK)
            continue;
        view_set(row, "Code", db_text(a->items, i, IC_CODE));
        snprintf(key, sizeof key, "%s_%s", item_fields[f], db_text(a->items, i, IC_ID));
        view_set(row, "Field", key);
        view_set(row, "Key", message);
    }
    return found;
}

/* How far a section or category is: items answered, in all, returned, with problems. */
struct part_count {
    int answered, total, returned, problems;
};

static void part_count_to_hdf(HDF *part, const struct part_count *n)
{
    view_set_int(part, "Answered", n->answered);
    view_set_int(part, "Total", n->total);
    view_set_int(part, "Returned", n->returned);
    view_set_int(part, "Problems", n->problems);
}

/* The section item row i belongs to: its function's code, "MG" for Annex B's items or "Q"
 * for the owner's own questions. */
static const char *item_section(const struct assessment *a, int i)
{
    const char *kind = db_text(a->items, i, IC_KIND);
    if (strcmp(kind, "management") == 0)
        return "MG";
    if (strcmp(kind, "custom") == 0)
        return "Q";
    return db_text(a->items, i, IC_FUNCTION_CODE);
}

#define MAX_PARTS 16 /* sections on a page (5 functions, Annex B, own questions) */
#define MAX_CATEGORIES 64

/* The items' sections (Sections.N: Code, Kind, Name, Anchor and counts; their categories
 * under Sections.N.Categories.K alike), where each item opens or closes one
 * (Items.N.SectionStart/SectionEnd/CategoryStart/CategoryEnd, Items.N.Section) and the
 * problems of a refused form (Problems.List.N, Problems.Count). Items come in catalogue
 * order, so a function's and a category's items are next to each other. */
static void sections_to_hdf(HDF *hdf, const struct assessment *a)
{
    struct part_count parts[MAX_PARTS] = {{0}}, categories[MAX_CATEGORIES] = {{0}};
    HDF *part_node[MAX_PARTS] = {0}, *category_node[MAX_CATEGORIES] = {0};
    int s = -1, k = -1, n_categories = 0;
    view_set_int(hdf, "Problems.Count", 0);
    for (int i = 0; i < a->n_items; i++) {
        char key[96];
        const char *section = item_section(a, i),
                   *category = db_text(a->items, i, IC_CATEGORY_CODE);
        int new_section = i == 0 || strcmp(section, item_section(a, i - 1)) != 0;
        int new_category =
            *category &&
            (new_section || strcmp(category, db_text(a->items, i - 1, IC_CATEGORY_CODE)) != 0);
        if (new_section && s + 1 < MAX_PARTS) {
            snprintf(key, sizeof key, "Sections.%d", ++s);
            if (hdf_get_node(hdf, key, &part_node[s]) != STATUS_OK)
                return;
            k = -1;
            view_set(part_node[s], "Code", section);
            view_set(part_node[s], "Kind", db_text(a->items, i, IC_KIND));
            view_set(part_node[s], "Name", db_text(a->items, i, IC_FUNCTION_NAME));
            snprintf(key, sizeof key, "part-%s", section);
            view_set(part_node[s], "Anchor", key);
        }
        if (new_category && n_categories < MAX_CATEGORIES) {
            snprintf(key, sizeof key, "Categories.%d", ++k);
            if (hdf_get_node(part_node[s], key, &category_node[n_categories]) != STATUS_OK)
                return;
            HDF *node = category_node[n_categories++];
            view_set(node, "Code", category);
            view_set(node, "Name", db_text(a->items, i, IC_CATEGORY_NAME));
            snprintf(key, sizeof key, "part-%s", category);
            view_set(node, "Anchor", key);
        }
        int closes_section = i + 1 == a->n_items || strcmp(section, item_section(a, i + 1)) != 0;
        int closes_category =
            *category &&
            (closes_section || strcmp(category, db_text(a->items, i + 1, IC_CATEGORY_CODE)) != 0);
        struct {
            const char *name;
            int value;
        } marks[] = {{"SectionStart", new_section},
                     {"SectionEnd", closes_section},
                     {"CategoryStart", new_category},
                     {"CategoryEnd", closes_category},
                     {"Section", s},
                     {"Answered", item_answered(a, i)}};
        for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
            snprintf(key, sizeof key, "Items.%d.%s", i, marks[m].name);
            view_set_int(hdf, key, marks[m].value);
        }
        struct part_count item = {item_answered(a, i), 1,
                                  strcmp(db_text(a->items, i, IC_RETURNED), "t") == 0,
                                  item_problems_to_hdf(hdf, a, i) > 0};
        snprintf(key, sizeof key, "Items.%d.Problem", i);
        view_set_int(hdf, key, item.problems);
        struct part_count *counts[] = {&parts[s], *category ? &categories[n_categories - 1] : NULL};
        for (int c = 0; c < 2; c++) {
            if (!counts[c])
                continue;
            counts[c]->answered += item.answered;
            counts[c]->total += item.total;
            counts[c]->returned += item.returned;
            counts[c]->problems += item.problems;
        }
    }
    for (int p = 0; p <= s; p++)
        part_count_to_hdf(part_node[p], &parts[p]);
    for (int q = 0; q < n_categories; q++)
        part_count_to_hdf(category_node[q], &categories[q]);
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
    for (int i = 0; i < a->n_items; i++) {
        item_to_hdf(hdf, a, i, keep_form);
        answered += item_answered(a, i);
        carried += strcmp(db_text(a->items, i, IC_CARRIED), "t") == 0;
    }
    sections_to_hdf(hdf, a);
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
    scores_to_hdf(c, hdf, a);
    return 200;
}
