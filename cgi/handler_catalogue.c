/* handler_catalogue.c - the catalogue page: one edition of the ISO/IEC TR 27103 catalogue
 * to browse (the five functions, their categories and sub-categories with the standards
 * clauses they map to, and Annex B's principles and essentials), and to search by text or
 * by standard clause ("which outcomes does ISO/IEC 27002:2013 16.1.2 support?").
 *
 * The catalogue is versioned: the page shows the latest edition unless ?edition=<id> asks
 * for another, so a question answered against an older edition still gets the same answer
 * after a newer one is loaded beside it. Reference data, readable by every signed-in user.
 *
 * The handler checks the request, the loaders read what the page shows into struct
 * catalogue (one statement per part of the page), and the views put it into the HDF tree;
 * rows of a lower level (categories, sub-categories, mappings) go under their parent's node
 * by database id (struct nodes). The template does all escaping. */
#include "form.h"
#include "portal.h"
#include "view.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct field catalogue_fields[] = {
    {"edition", FIELD_INT, 0, 1, 2147483647, NULL},
    {"q", FIELD_TEXT, 0, 0, 200, NULL},
    {"standard", FIELD_TEXT, 0, 0, 200, NULL},
    {"clause", FIELD_TEXT, 0, 0, 50, NULL},
};
#define N_CATALOGUE_FIELDS (sizeof catalogue_fields / sizeof catalogue_fields[0])

/* What a search asks for, trimmed; "" where not asked. Sized for the fields' limits
 * (up to 4 bytes per character). */
struct search {
    char text[1024];
    char pattern[2100]; /* text as an ILIKE pattern: %text% with \ % _ escaped */
    char standard[1024];
    char clause[256];
};

/* ---- input ---- */

/* Copies in without leading and trailing white space. */
static void trim_copy(const char *in, char *out, size_t size)
{
    if (!in)
        in = "";
    while (isspace((unsigned char)*in))
        in++;
    size_t n = strlen(in);
    while (n > 0 && isspace((unsigned char)in[n - 1]))
        n--;
    snprintf(out, size, "%.*s", (int)n, in);
}

/* "%<text>%" with the LIKE wildcards % and _ and the escape character \ escaped, so that
 * ILIKE ... ESCAPE '\' finds text literally. Stops short rather than overflow. */
static void like_pattern(const char *text, char *out, size_t size)
{
    size_t o = 0;
    if (size < 3) {
        *out = '\0';
        return;
    }
    out[o++] = '%';
    for (; *text && o + 3 < size; text++) {
        if (*text == '%' || *text == '_' || *text == '\\')
            out[o++] = '\\';
        out[o++] = *text;
    }
    out[o++] = '%';
    out[o] = '\0';
}

/* The search as asked, trimmed ("16.1." read as 16.1), with the text's ILIKE pattern. */
static void search_from_request(struct ctx *c, struct search *s)
{
    trim_copy(req_param(c->req, "q"), s->text, sizeof s->text);
    trim_copy(req_param(c->req, "standard"), s->standard, sizeof s->standard);
    trim_copy(req_param(c->req, "clause"), s->clause, sizeof s->clause);
    size_t n = strlen(s->clause);
    while (n > 0 && s->clause[n - 1] == '.')
        s->clause[--n] = '\0';
    if (s->text[0])
        like_pattern(s->text, s->pattern, sizeof s->pattern);
    else
        s->pattern[0] = '\0';
}

/* Records an error of a rule beyond one field's table entry. */
static void catalogue_error(struct ctx *c, const char *field, const char *key, size_t *bad)
{
    char name[64];
    snprintf(name, sizeof name, "Form.Errors.%s", field);
    view_set(c->req->hdf, name, key);
    view_set_int(c->req->hdf, "Form.ErrorCount", (long)++*bad);
}

/* ---- loading: the statements, one per part of the page, into struct catalogue ---- */

/* Columns of the editions' statement. */
enum edition_column { EC_ID, EC_CODE, EC_TITLE, EC_LOADED };
/* The one column of the standards' statement. */
enum { STANDARD_COLUMN };
/* Columns of the functions' statement. */
enum function_column { FUC_ID, FUC_CODE, FUC_NAME, FUC_DESCRIPTION };
/* Columns of the categories' statement. */
enum category_column { CAC_ID, CAC_FUNCTION_ID, CAC_CODE, CAC_NAME, CAC_DESCRIPTION, CAC_REFS };
/* Columns of the sub-categories' statement. */
enum subcategory_column { SUC_ID, SUC_CATEGORY_ID, SUC_CODE, SUC_OUTCOME };
/* Columns of the search's statement. */
enum result_column {
    REC_ID,
    REC_CODE,
    REC_OUTCOME,
    REC_FUNCTION_CODE,
    REC_FUNCTION_NAME,
    REC_CATEGORY_CODE,
    REC_CATEGORY_NAME
};
/* Columns of the sub-categories' mappings statement. */
enum mapping_column { MAC_SUBCATEGORY_ID, MAC_STANDARD, MAC_CLAUSE, MAC_HIT };
/* Columns of the Annex B items' statement. */
enum annex_column { ANC_ID, ANC_KIND, ANC_CODE, ANC_SECTION, ANC_GROUP, ANC_TITLE };
/* Columns of the Annex B mappings' statement. */
enum annex_mapping_column { AMC_ITEM_ID, AMC_STANDARD, AMC_CLAUSE, AMC_TITLE, AMC_HIT };

/* What the page shows of an edition: the search form alone (when the request has errors),
 * the whole edition, or what a search matches. */
enum catalogue_part { PART_FORM, PART_BROWSE, PART_SEARCH };

/* What the page shows, as read. A browse reads functions, categories and subcategories; a
 * search reads results instead. Results not read stay NULL. */
struct catalogue {
    PGresult *editions; /* every edition, newest first (enum edition_column) */
    int pick;           /* the row of editions shown; -1 when none is loaded */
    int found;          /* the edition asked for exists (or none was asked for) */
    long edition;       /* the id of the edition shown; 0 when none is loaded */
    PGresult *standards, *functions, *categories, *subcategories, *results;
    PGresult *mappings, *annex_b, *annex_b_mappings;
};

static void catalogue_free(struct catalogue *cat)
{
    PGresult *all[] = {cat->editions,   cat->standards,     cat->functions,
                       cat->categories, cat->subcategories, cat->results,
                       cat->mappings,   cat->annex_b,       cat->annex_b_mappings};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (all[i])
            PQclear(all[i]);
    memset(cat, 0, sizeof *cat);
}

/* Reads every edition (newest first) and picks the one with id wanted (0 = the newest);
 * when wanted does not exist the newest is picked and found is 0. Returns 200 or 500. */
static int catalogue_editions_load(struct ctx *c, long wanted, struct catalogue *cat)
{
    memset(cat, 0, sizeof *cat);
    if (db_exec(c->db, &cat->editions,
                "SELECT id, code, title, to_char(loaded_at AT TIME ZONE 'UTC', "
                "'YYYY-MM-DD') FROM catalogue_editions ORDER BY id DESC",
                0, NULL) != DB_OK)
        return 500;
    int n = PQntuples(cat->editions);
    cat->pick = n > 0 ? 0 : -1;
    cat->found = !wanted;
    for (int i = 0; i < n; i++)
        if (wanted && db_long(cat->editions, i, EC_ID) == wanted) {
            cat->pick = i;
            cat->found = 1;
        }
    cat->edition = cat->pick < 0 ? 0 : db_long(cat->editions, cat->pick, EC_ID);
    return 200;
}

/* The distinct standards the edition's sub-categories and Annex B items cite, for the
 * search form's choice. Returns 200 or 500. */
static int catalogue_standards_load(struct ctx *c, const char *edition, struct catalogue *cat)
{
    const char *p[] = {edition};
    return db_exec(c->db, &cat->standards,
                   "SELECT m.standard FROM catalogue_mappings m "
                   "  JOIN catalogue_subcategories s ON s.id = m.subcategory_id "
                   "  JOIN catalogue_categories cat ON cat.id = s.category_id "
                   "  JOIN catalogue_functions f ON f.id = cat.function_id "
                   " WHERE f.edition_id = $1 "
                   "UNION "
                   "SELECT mm.standard FROM management_mappings mm "
                   "  JOIN management_items i ON i.id = mm.item_id "
                   " WHERE i.edition_id = $1 "
                   "ORDER BY 1",
                   1, p) == DB_OK
               ? 200
               : 500;
}

/* The five functions, in order; every category (by function); every sub-category (by
 * category). */
static int catalogue_tree_load(struct ctx *c, const char *edition, struct catalogue *cat)
{
    const char *p[] = {edition};
    if (db_exec(c->db, &cat->functions,
                "SELECT id, code, name, description FROM catalogue_functions "
                " WHERE edition_id = $1 ORDER BY position",
                1, p) != DB_OK ||
        db_exec(c->db, &cat->categories,
                "SELECT cat.id, cat.function_id, cat.code, cat.name, cat.description, "
                "       cat.refs "
                "  FROM catalogue_categories cat "
                "  JOIN catalogue_functions f ON f.id = cat.function_id "
                " WHERE f.edition_id = $1 ORDER BY f.position, cat.position",
                1, p) != DB_OK ||
        db_exec(c->db, &cat->subcategories,
                "SELECT s.id, s.category_id, s.code, s.outcome "
                "  FROM catalogue_subcategories s "
                "  JOIN catalogue_categories cat ON cat.id = s.category_id "
                "  JOIN catalogue_functions f ON f.id = cat.function_id "
                " WHERE f.edition_id = $1 ORDER BY f.position, cat.position, s.position",
                1, p) != DB_OK)
        return 500;
    return 200;
}

/* The sub-categories that match the search (text and/or standard clause), each with its
 * function and category. */
static int catalogue_results_load(struct ctx *c, const char *edition, const struct search *s,
                                  struct catalogue *cat)
{
    const char *p[] = {edition, s->pattern, s->standard, s->clause};
    /* the clause matches itself and its sub-clauses: 16.1 finds 16.1.2, not 16.10 */
    return db_exec(c->db, &cat->results,
                   "SELECT s.id, s.code, s.outcome, f.code, f.name, cat.code, cat.name "
                   "  FROM catalogue_subcategories s "
                   "  JOIN catalogue_categories cat ON cat.id = s.category_id "
                   "  JOIN catalogue_functions f ON f.id = cat.function_id "
                   " WHERE f.edition_id = $1 "
                   "   AND ($2 = '' OR s.code ILIKE $2 ESCAPE '\\' "
                   "        OR s.outcome ILIKE $2 ESCAPE '\\' "
                   "        OR cat.code ILIKE $2 ESCAPE '\\' "
                   "        OR cat.name ILIKE $2 ESCAPE '\\' "
                   "        OR cat.description ILIKE $2 ESCAPE '\\') "
                   "   AND ($3 = '' OR EXISTS ("
                   "        SELECT 1 FROM catalogue_mappings m "
                   "         WHERE m.subcategory_id = s.id AND m.standard = $3 "
                   "           AND ($4 = '' OR m.clause = $4 "
                   "                OR starts_with(m.clause, $4 || '.')))) "
                   " ORDER BY f.position, cat.position, s.position",
                   4, p) == DB_OK
               ? 200
               : 500;
}

/* The standards mappings of the edition's sub-categories; Hit marks the ones the search
 * asked for. */
static int catalogue_mappings_load(struct ctx *c, const char *edition, const struct search *s,
                                   struct catalogue *cat)
{
    const char *p[] = {edition, s->standard, s->clause};
    return db_exec(c->db, &cat->mappings,
                   "SELECT m.subcategory_id, m.standard, m.clause, "
                   "       m.standard = $2 AND ($3 = '' OR m.clause = $3 "
                   "                            OR starts_with(m.clause, $3 || '.')) "
                   "  FROM catalogue_mappings m "
                   "  JOIN catalogue_subcategories s ON s.id = m.subcategory_id "
                   "  JOIN catalogue_categories cat ON cat.id = s.category_id "
                   "  JOIN catalogue_functions f ON f.id = cat.function_id "
                   " WHERE f.edition_id = $1 ORDER BY m.subcategory_id, m.position",
                   3, p) == DB_OK
               ? 200
               : 500;
}

/* Annex B's principles, then its essentials: all of them when browsing, the matching ones
 * when searching; and the standards supporting the Annex B items, with the tables'
 * titles. */
static int catalogue_annex_b_load(struct ctx *c, const char *edition, const struct search *s,
                                  struct catalogue *cat)
{
    const char *p[] = {edition, s->standard, s->clause};
    const char *q[] = {edition, s->pattern, s->standard, s->clause};
    if (db_exec(c->db, &cat->annex_b,
                "SELECT i.id, i.kind, i.code, i.section, i.group_title, i.title "
                "  FROM management_items i "
                " WHERE i.edition_id = $1 "
                "   AND ($2 = '' OR i.code ILIKE $2 ESCAPE '\\' "
                "        OR i.title ILIKE $2 ESCAPE '\\' "
                "        OR i.group_title ILIKE $2 ESCAPE '\\') "
                "   AND ($3 = '' OR EXISTS ("
                "        SELECT 1 FROM management_mappings m "
                "         WHERE m.item_id = i.id AND m.standard = $3 "
                "           AND ($4 = '' OR m.clause = $4 "
                "                OR starts_with(m.clause, $4 || '.')))) "
                " ORDER BY i.kind = 'essential', i.position",
                4, q) != DB_OK ||
        db_exec(c->db, &cat->annex_b_mappings,
                "SELECT m.item_id, m.standard, m.clause, m.title, "
                "       m.standard = $2 AND ($3 = '' OR m.clause = $3 "
                "                            OR starts_with(m.clause, $3 || '.')) "
                "  FROM management_mappings m "
                "  JOIN management_items i ON i.id = m.item_id "
                " WHERE i.edition_id = $1 ORDER BY m.item_id, m.position",
                3, p) != DB_OK)
        return 500;
    return 200;
}

/* What the page shows of the picked edition beyond the editions: the standards, and (but
 * for the form alone) the whole edition or what matches. Returns 200 or 500. */
static int catalogue_load(struct ctx *c, const struct search *s, enum catalogue_part part,
                          struct catalogue *cat)
{
    char edition[24];
    snprintf(edition, sizeof edition, "%ld", cat->edition);
    int status = catalogue_standards_load(c, edition, cat);
    if (status != 200 || part == PART_FORM)
        return status;
    status = part == PART_SEARCH ? catalogue_results_load(c, edition, s, cat)
                                 : catalogue_tree_load(c, edition, cat);
    if (status == 200)
        status = catalogue_mappings_load(c, edition, s, cat);
    if (status == 200)
        status = catalogue_annex_b_load(c, edition, s, cat);
    return status;
}

/* ---- HDF nodes by database id ---- */

#define MAX_NODES 512

/* The nodes of one level of the tree (functions, categories, ...), each with its row's
 * id and how many children it has been given so far. */
struct nodes {
    int n;
    struct {
        long id;
        HDF *hdf;
        int children;
    } at[MAX_NODES];
};

/* The node "<list>.<k>" under parent, remembered in ns (when not NULL) as row id. */
static HDF *nodes_put(struct nodes *ns, HDF *parent, const char *list, int k, long id)
{
    char key[64];
    snprintf(key, sizeof key, "%s.%d", list, k);
    HDF *node;
    NEOERR *err = hdf_get_node(parent, key, &node);
    if (err != STATUS_OK) {
        nerr_ignore(&err);
        return NULL;
    }
    if (ns && ns->n < MAX_NODES) {
        ns->at[ns->n].id = id;
        ns->at[ns->n].hdf = node;
        ns->at[ns->n].children = 0;
        ns->n++;
    }
    return node;
}

/* The next child "<list>.<k>" of row parent_id of parents, remembered in ns as row id;
 * NULL when that parent is not on the page. */
static HDF *nodes_child(struct nodes *parents, long parent_id, const char *list, struct nodes *ns,
                        long id)
{
    for (int i = 0; i < parents->n; i++)
        if (parents->at[i].id == parent_id)
            return nodes_put(ns, parents->at[i].hdf, list, parents->at[i].children++, id);
    return NULL;
}

/* The HDF name of a result column. */
struct column_name {
    const char *name;
    int column;
};

/* Sets each name of cols under node to its column of row i. */
static void set_columns(HDF *node, PGresult *res, int i, const struct column_name *cols, size_t n)
{
    for (size_t k = 0; k < n; k++)
        view_set(node, cols[k].name, db_text(res, i, cols[k].column));
}

#define N_COLUMNS(cols) (sizeof cols / sizeof cols[0])

/* ---- the views: struct catalogue into the HDF tree ---- */

/* Editions.N, and the picked one as Edition. */
static void editions_to_hdf(struct ctx *c, const struct catalogue *cat)
{
    static const struct column_name cols[] = {
        {"Id", EC_ID}, {"Code", EC_CODE}, {"Title", EC_TITLE}, {"Loaded", EC_LOADED}};
    for (int i = 0; i < PQntuples(cat->editions); i++) {
        HDF *row = nodes_put(NULL, c->req->hdf, "Editions", i, 0);
        if (row)
            set_columns(row, cat->editions, i, cols, N_COLUMNS(cols));
    }
    HDF *current;
    if (cat->pick >= 0 && hdf_get_node(c->req->hdf, "Edition", &current) == STATUS_OK)
        set_columns(current, cat->editions, cat->pick, cols, N_COLUMNS(cols));
}

static void standards_to_hdf(struct ctx *c, const struct catalogue *cat)
{
    for (int i = 0; i < PQntuples(cat->standards); i++) {
        char key[48];
        snprintf(key, sizeof key, "Standards.%d", i);
        view_set(c->req->hdf, key, db_text(cat->standards, i, STANDARD_COLUMN));
    }
}

/* The references column holds the table's lines joined with "; ": one node per line. */
static void set_refs(HDF *category, const char *refs)
{
    int k = 0;
    while (*refs) {
        const char *end = strstr(refs, "; ");
        size_t len = end ? (size_t)(end - refs) : strlen(refs);
        char key[32];
        snprintf(key, sizeof key, "Refs.%d", k++);
        view_setf(category, key, "%.*s", (int)len, refs);
        refs += end ? len + 2 : len;
    }
}

/* Functions.N, each category under its function, each sub-category under its category. */
static void tree_to_hdf(struct ctx *c, const struct catalogue *cat, struct nodes *subcategories)
{
    struct nodes functions = {0}, categories = {0};
    static const struct column_name function_cols[] = {
        {"Code", FUC_CODE}, {"Name", FUC_NAME}, {"Description", FUC_DESCRIPTION}};
    for (int i = 0; i < PQntuples(cat->functions); i++) {
        HDF *row =
            nodes_put(&functions, c->req->hdf, "Functions", i, db_long(cat->functions, i, FUC_ID));
        if (row)
            set_columns(row, cat->functions, i, function_cols, N_COLUMNS(function_cols));
    }
    static const struct column_name category_cols[] = {
        {"Code", CAC_CODE}, {"Name", CAC_NAME}, {"Description", CAC_DESCRIPTION}};
    for (int i = 0; i < PQntuples(cat->categories); i++) {
        HDF *row = nodes_child(&functions, db_long(cat->categories, i, CAC_FUNCTION_ID),
                               "Categories", &categories, db_long(cat->categories, i, CAC_ID));
        if (!row)
            continue;
        set_columns(row, cat->categories, i, category_cols, N_COLUMNS(category_cols));
        set_refs(row, db_text(cat->categories, i, CAC_REFS));
    }
    static const struct column_name subcategory_cols[] = {{"Code", SUC_CODE},
                                                          {"Outcome", SUC_OUTCOME}};
    for (int i = 0; i < PQntuples(cat->subcategories); i++) {
        HDF *row =
            nodes_child(&categories, db_long(cat->subcategories, i, SUC_CATEGORY_ID),
                        "Subcategories", subcategories, db_long(cat->subcategories, i, SUC_ID));
        if (row)
            set_columns(row, cat->subcategories, i, subcategory_cols, N_COLUMNS(subcategory_cols));
    }
}

/* Results.N: the matching sub-categories with their function and category. */
static void results_to_hdf(struct ctx *c, const struct catalogue *cat, struct nodes *subcategories)
{
    static const struct column_name cols[] = {
        {"Code", REC_CODE},
        {"Outcome", REC_OUTCOME},
        {"FunctionCode", REC_FUNCTION_CODE},
        {"FunctionName", REC_FUNCTION_NAME},
        {"CategoryCode", REC_CATEGORY_CODE},
        {"CategoryName", REC_CATEGORY_NAME},
    };
    for (int i = 0; i < PQntuples(cat->results); i++) {
        HDF *row =
            nodes_put(subcategories, c->req->hdf, "Results", i, db_long(cat->results, i, REC_ID));
        if (row)
            set_columns(row, cat->results, i, cols, N_COLUMNS(cols));
    }
    view_set_int(c->req->hdf, "Search.SubCount", PQntuples(cat->results));
}

/* The mappings of the sub-categories on the page, under each as Mappings.N. */
static void mappings_to_hdf(const struct catalogue *cat, struct nodes *subcategories)
{
    static const struct column_name cols[] = {{"Standard", MAC_STANDARD}, {"Clause", MAC_CLAUSE}};
    for (int i = 0; i < PQntuples(cat->mappings); i++) {
        HDF *row = nodes_child(subcategories, db_long(cat->mappings, i, MAC_SUBCATEGORY_ID),
                               "Mappings", NULL, 0);
        if (!row)
            continue;
        set_columns(row, cat->mappings, i, cols, N_COLUMNS(cols));
        if (strcmp(db_text(cat->mappings, i, MAC_HIT), "t") == 0)
            view_set(row, "Hit", "1");
    }
}

/* AnnexB.N, each with its mappings. */
static void annex_b_to_hdf(struct ctx *c, const struct catalogue *cat, struct nodes *items)
{
    static const struct column_name cols[] = {{"Kind", ANC_KIND},
                                              {"Code", ANC_CODE},
                                              {"Section", ANC_SECTION},
                                              {"Group", ANC_GROUP},
                                              {"Title", ANC_TITLE}};
    for (int i = 0; i < PQntuples(cat->annex_b); i++) {
        HDF *row = nodes_put(items, c->req->hdf, "AnnexB", i, db_long(cat->annex_b, i, ANC_ID));
        if (row)
            set_columns(row, cat->annex_b, i, cols, N_COLUMNS(cols));
    }
    view_set_int(c->req->hdf, "Search.AnnexCount", PQntuples(cat->annex_b));
    static const struct column_name mapping_cols[] = {
        {"Standard", AMC_STANDARD}, {"Clause", AMC_CLAUSE}, {"Title", AMC_TITLE}};
    for (int i = 0; i < PQntuples(cat->annex_b_mappings); i++) {
        HDF *row =
            nodes_child(items, db_long(cat->annex_b_mappings, i, AMC_ITEM_ID), "Mappings", NULL, 0);
        if (!row)
            continue;
        set_columns(row, cat->annex_b_mappings, i, mapping_cols, N_COLUMNS(mapping_cols));
        if (strcmp(db_text(cat->annex_b_mappings, i, AMC_HIT), "t") == 0)
            view_set(row, "Hit", "1");
    }
}

/* The standards; and the whole edition (browsing), or the sub-categories and Annex B items
 * that match (searching), with their mappings. */
static void catalogue_to_hdf(struct ctx *c, const struct search *s, enum catalogue_part part,
                             const struct catalogue *cat)
{
    struct nodes subcategories = {0}, items = {0};
    standards_to_hdf(c, cat);
    if (part == PART_FORM)
        return;
    if (part == PART_SEARCH)
        results_to_hdf(c, cat, &subcategories);
    else
        tree_to_hdf(c, cat, &subcategories);
    mappings_to_hdf(cat, &subcategories);
    annex_b_to_hdf(c, cat, &items);
    if (part != PART_SEARCH)
        return;
    HDF *hdf = c->req->hdf;
    view_set(hdf, "Search.Active", "1");
    view_set(hdf, "Search.Text", s->text);
    view_set(hdf, "Search.Standard", s->standard);
    view_set(hdf, "Search.Clause", s->clause);
    if (subcategories.n == 0 && items.n == 0)
        view_set(hdf, "Search.None", "1");
}

/* GET /catalogue[?edition=ID][&q=TEXT][&standard=STD[&clause=CLAUSE]] */
int handle_catalogue(struct ctx *c)
{
    size_t bad = portal_form_check(c, catalogue_fields, N_CATALOGUE_FIELDS);
    struct search s;
    search_from_request(c, &s);
    if (s.clause[0] && !s.standard[0])
        catalogue_error(c, "standard", "required", &bad);

    const char *wanted = req_param(c->req, "edition");
    if (!wanted || hdf_get_value(c->req->hdf, "Form.Errors.edition", NULL))
        wanted = "";
    struct catalogue cat;
    int status = catalogue_editions_load(c, strtol(wanted, NULL, 10), &cat);
    if (status != 200) {
        catalogue_free(&cat);
        return status;
    }
    editions_to_hdf(c, &cat);
    if (!cat.found)
        catalogue_error(c, "edition", "not_a_choice", &bad);
    portal_page(c, "catalogue/index.cs", "catalogue");
    enum catalogue_part part = bad                          ? PART_FORM
                               : s.text[0] || s.standard[0] ? PART_SEARCH
                                                            : PART_BROWSE;
    if (!cat.edition)
        status = 200; /* nothing loaded yet: the page says so */
    else if ((status = catalogue_load(c, &s, part, &cat)) == 200)
        catalogue_to_hdf(c, &s, part, &cat);
    catalogue_free(&cat);
    return status == 200 && bad ? 422 : status;
}
