/* handler_catalogue.c - the catalogue page: one edition of the ISO/IEC TR 27103 catalogue
 * to browse (the five functions, their categories and sub-categories with the standards
 * clauses they map to, and Annex B's principles and essentials), and to search by text or
 * by standard clause ("which outcomes does ISO/IEC 27002:2013 16.1.2 support?").
 *
 * The catalogue is versioned: the page shows the latest edition unless ?edition=<id> asks
 * for another, so a question answered against an older edition still gets the same answer
 * after a newer one is loaded beside it. Reference data, readable by every signed-in user.
 *
 * Each query fills one part of the HDF tree; rows of a lower level (categories,
 * sub-categories, mappings) are put under their parent's node by database id (struct
 * nodes). The template does all escaping. */
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

/* Sets names[k] of node to column first + k of row i. */
static void set_columns(HDF *node, PGresult *res, int i, int first, const char *const *names, int n)
{
    for (int k = 0; k < n; k++)
        view_set(node, names[k], db_text(res, i, first + k));
}

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

/* ---- queries, one per part of the page ---- */

/* Lists every edition (newest first) and picks the one with id wanted (0 = the newest)
 * into *edition. Returns 1, 0 when wanted does not exist (the newest is picked instead),
 * or a DB_ error. *edition is 0 when no edition is loaded at all. */
static int catalogue_editions(struct ctx *c, long wanted, long *edition)
{
    PGresult *res;
    int rc = db_exec(c->db, &res,
                     "SELECT id, code, title, to_char(loaded_at AT TIME ZONE 'UTC', "
                     "'YYYY-MM-DD') FROM catalogue_editions ORDER BY id DESC",
                     0, NULL);
    if (rc != DB_OK)
        return rc;
    static const char *const names[] = {"Id", "Code", "Title", "Loaded"};
    int pick = PQntuples(res) > 0 ? 0 : -1, found = !wanted;
    for (int i = 0; i < PQntuples(res); i++) {
        HDF *row = nodes_put(NULL, c->req->hdf, "Editions", i, 0);
        if (row)
            set_columns(row, res, i, 0, names, 4);
        if (wanted && db_long(res, i, 0) == wanted) {
            pick = i;
            found = 1;
        }
    }
    *edition = pick < 0 ? 0 : db_long(res, pick, 0);
    HDF *current;
    if (pick >= 0 && hdf_get_node(c->req->hdf, "Edition", &current) == STATUS_OK)
        set_columns(current, res, pick, 0, names, 4);
    PQclear(res);
    return found;
}

/* The distinct standards the edition's sub-categories and Annex B items cite, for the
 * search form's choice. */
static int catalogue_standards(struct ctx *c, const char *edition)
{
    const char *p[] = {edition};
    PGresult *res;
    int rc = db_exec(c->db, &res,
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
                     1, p);
    if (rc != DB_OK)
        return rc;
    for (int i = 0; i < PQntuples(res); i++) {
        char key[48];
        snprintf(key, sizeof key, "Standards.%d", i);
        view_set(c->req->hdf, key, db_text(res, i, 0));
    }
    PQclear(res);
    return DB_OK;
}

/* The five functions, in order. */
static int catalogue_functions(struct ctx *c, const char *edition, struct nodes *functions)
{
    const char *p[] = {edition};
    PGresult *res;
    int rc = db_exec(c->db, &res,
                     "SELECT id, code, name, description FROM catalogue_functions "
                     " WHERE edition_id = $1 ORDER BY position",
                     1, p);
    if (rc != DB_OK)
        return rc;
    static const char *const names[] = {"Code", "Name", "Description"};
    for (int i = 0; i < PQntuples(res); i++) {
        HDF *row = nodes_put(functions, c->req->hdf, "Functions", i, db_long(res, i, 0));
        if (row)
            set_columns(row, res, i, 1, names, 3);
    }
    PQclear(res);
    return DB_OK;
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

/* Every category under its function. */
static int catalogue_categories(struct ctx *c, const char *edition, struct nodes *functions,
                                struct nodes *categories)
{
    const char *p[] = {edition};
    PGresult *res;
    int rc = db_exec(c->db, &res,
                     "SELECT cat.id, cat.function_id, cat.code, cat.name, cat.description, "
                     "       cat.refs "
                     "  FROM catalogue_categories cat "
                     "  JOIN catalogue_functions f ON f.id = cat.function_id "
                     " WHERE f.edition_id = $1 ORDER BY f.position, cat.position",
                     1, p);
    if (rc != DB_OK)
        return rc;
    static const char *const names[] = {"Code", "Name", "Description"};
    for (int i = 0; i < PQntuples(res); i++) {
        HDF *row = nodes_child(functions, db_long(res, i, 1), "Categories", categories,
                               db_long(res, i, 0));
        if (!row)
            continue;
        set_columns(row, res, i, 2, names, 3);
        set_refs(row, db_text(res, i, 5));
    }
    PQclear(res);
    return DB_OK;
}

/* Every sub-category under its category. */
static int catalogue_subcategories(struct ctx *c, const char *edition, struct nodes *categories,
                                   struct nodes *subcategories)
{
    const char *p[] = {edition};
    PGresult *res;
    int rc = db_exec(c->db, &res,
                     "SELECT s.id, s.category_id, s.code, s.outcome "
                     "  FROM catalogue_subcategories s "
                     "  JOIN catalogue_categories cat ON cat.id = s.category_id "
                     "  JOIN catalogue_functions f ON f.id = cat.function_id "
                     " WHERE f.edition_id = $1 ORDER BY f.position, cat.position, s.position",
                     1, p);
    if (rc != DB_OK)
        return rc;
    static const char *const names[] = {"Code", "Outcome"};
    for (int i = 0; i < PQntuples(res); i++) {
        HDF *row = nodes_child(categories, db_long(res, i, 1), "Subcategories", subcategories,
                               db_long(res, i, 0));
        if (row)
            set_columns(row, res, i, 2, names, 2);
    }
    PQclear(res);
    return DB_OK;
}

/* The sub-categories that match the search (text and/or standard clause), each with its
 * function and category. */
static int catalogue_search(struct ctx *c, const char *edition, const struct search *s,
                            struct nodes *subcategories)
{
    const char *p[] = {edition, s->pattern, s->standard, s->clause};
    PGresult *res;
    /* the clause matches itself and its sub-clauses: 16.1 finds 16.1.2, not 16.10 */
    int rc = db_exec(c->db, &res,
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
                     4, p);
    if (rc != DB_OK)
        return rc;
    static const char *const names[] = {"Code",         "Outcome",      "FunctionCode",
                                        "FunctionName", "CategoryCode", "CategoryName"};
    for (int i = 0; i < PQntuples(res); i++) {
        HDF *row = nodes_put(subcategories, c->req->hdf, "Results", i, db_long(res, i, 0));
        if (row)
            set_columns(row, res, i, 1, names, 6);
    }
    view_set_int(c->req->hdf, "Search.SubCount", PQntuples(res));
    PQclear(res);
    return DB_OK;
}

/* The standards mappings of the sub-categories on the page; Hit marks the ones the
 * search asked for. */
static int catalogue_mappings(struct ctx *c, const char *edition, const struct search *s,
                              struct nodes *subcategories)
{
    const char *p[] = {edition, s->standard, s->clause};
    PGresult *res;
    int rc = db_exec(c->db, &res,
                     "SELECT m.subcategory_id, m.standard, m.clause, "
                     "       m.standard = $2 AND ($3 = '' OR m.clause = $3 "
                     "                            OR starts_with(m.clause, $3 || '.')) "
                     "  FROM catalogue_mappings m "
                     "  JOIN catalogue_subcategories s ON s.id = m.subcategory_id "
                     "  JOIN catalogue_categories cat ON cat.id = s.category_id "
                     "  JOIN catalogue_functions f ON f.id = cat.function_id "
                     " WHERE f.edition_id = $1 ORDER BY m.subcategory_id, m.position",
                     3, p);
    if (rc != DB_OK)
        return rc;
    static const char *const names[] = {"Standard", "Clause"};
    for (int i = 0; i < PQntuples(res); i++) {
        HDF *row = nodes_child(subcategories, db_long(res, i, 0), "Mappings", NULL, 0);
        if (!row)
            continue;
        set_columns(row, res, i, 1, names, 2);
        if (strcmp(db_text(res, i, 3), "t") == 0)
            view_set(row, "Hit", "1");
    }
    PQclear(res);
    return DB_OK;
}

/* Annex B's principles, then its essentials: all of them when browsing, the matching
 * ones when searching. */
static int catalogue_annex_b(struct ctx *c, const char *edition, const struct search *s,
                             struct nodes *items)
{
    const char *p[] = {edition, s->pattern, s->standard, s->clause};
    PGresult *res;
    int rc = db_exec(c->db, &res,
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
                     4, p);
    if (rc != DB_OK)
        return rc;
    static const char *const names[] = {"Kind", "Code", "Section", "Group", "Title"};
    for (int i = 0; i < PQntuples(res); i++) {
        HDF *row = nodes_put(items, c->req->hdf, "AnnexB", i, db_long(res, i, 0));
        if (row)
            set_columns(row, res, i, 1, names, 5);
    }
    view_set_int(c->req->hdf, "Search.AnnexCount", PQntuples(res));
    PQclear(res);
    return DB_OK;
}

/* The standards supporting the Annex B items on the page, with the tables' titles. */
static int catalogue_annex_b_mappings(struct ctx *c, const char *edition, const struct search *s,
                                      struct nodes *items)
{
    const char *p[] = {edition, s->standard, s->clause};
    PGresult *res;
    int rc = db_exec(c->db, &res,
                     "SELECT m.item_id, m.standard, m.clause, m.title, "
                     "       m.standard = $2 AND ($3 = '' OR m.clause = $3 "
                     "                            OR starts_with(m.clause, $3 || '.')) "
                     "  FROM management_mappings m "
                     "  JOIN management_items i ON i.id = m.item_id "
                     " WHERE i.edition_id = $1 ORDER BY m.item_id, m.position",
                     3, p);
    if (rc != DB_OK)
        return rc;
    static const char *const names[] = {"Standard", "Clause", "Title"};
    for (int i = 0; i < PQntuples(res); i++) {
        HDF *row = nodes_child(items, db_long(res, i, 0), "Mappings", NULL, 0);
        if (!row)
            continue;
        set_columns(row, res, i, 1, names, 3);
        if (strcmp(db_text(res, i, 4), "t") == 0)
            view_set(row, "Hit", "1");
    }
    PQclear(res);
    return DB_OK;
}

/* ---- the two views of the page ---- */

/* The whole edition: functions, categories, sub-categories with mappings, Annex B. */
static int catalogue_browse_view(struct ctx *c, const char *edition, const struct search *s)
{
    struct nodes functions = {0}, categories = {0}, subcategories = {0}, items = {0};
    if (catalogue_functions(c, edition, &functions) != DB_OK ||
        catalogue_categories(c, edition, &functions, &categories) != DB_OK ||
        catalogue_subcategories(c, edition, &categories, &subcategories) != DB_OK ||
        catalogue_mappings(c, edition, s, &subcategories) != DB_OK ||
        catalogue_annex_b(c, edition, s, &items) != DB_OK ||
        catalogue_annex_b_mappings(c, edition, s, &items) != DB_OK)
        return 500;
    return 200;
}

/* The sub-categories and Annex B items that match, with their mappings. */
static int catalogue_search_view(struct ctx *c, const char *edition, const struct search *s)
{
    struct nodes subcategories = {0}, items = {0};
    if (catalogue_search(c, edition, s, &subcategories) != DB_OK ||
        catalogue_mappings(c, edition, s, &subcategories) != DB_OK ||
        catalogue_annex_b(c, edition, s, &items) != DB_OK ||
        catalogue_annex_b_mappings(c, edition, s, &items) != DB_OK)
        return 500;
    HDF *hdf = c->req->hdf;
    view_set(hdf, "Search.Active", "1");
    view_set(hdf, "Search.Text", s->text);
    view_set(hdf, "Search.Standard", s->standard);
    view_set(hdf, "Search.Clause", s->clause);
    if (subcategories.n == 0 && items.n == 0)
        view_set(hdf, "Search.None", "1");
    return 200;
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
    long id = 0;
    int found = catalogue_editions(c, strtol(wanted, NULL, 10), &id);
    if (found < 0)
        return 500;
    if (!found)
        catalogue_error(c, "edition", "not_a_choice", &bad);
    portal_page(c, "catalogue/index.cs", "catalogue");
    if (!id)
        return bad ? 422 : 200; /* nothing loaded yet: the page says so */

    char edition[24];
    snprintf(edition, sizeof edition, "%ld", id);
    if (catalogue_standards(c, edition) != DB_OK)
        return 500;
    if (bad)
        return 422;
    if (s.text[0] || s.standard[0])
        return catalogue_search_view(c, edition, &s);
    return catalogue_browse_view(c, edition, &s);
}
