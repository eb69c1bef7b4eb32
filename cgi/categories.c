/* categories.c - the incident categories in force for organisations, read from their
 * classification scales, for the report, promotion and recipient forms. */
#include "categories.h"

#include "view.h"

#include <stdio.h>
#include <string.h>

/* Columns of the categories' statement. */
enum category_column { CC_CODE, CC_LABEL, CC_MEANING };

int categories_load(struct ctx *c, const long *orgs, int n_orgs, struct categories *out)
{
    memset(out, 0, sizeof *out);
    char list[CATEGORIES_MAX * 24 + 3] = "{";
    for (int i = 0; i < n_orgs && i < CATEGORIES_MAX; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%ld", i ? "," : "", orgs[i]);
    strcat(list, "}");
    const char *p[] = {list};
    /* a code in several scales takes its label from the first organisation's; the list
     * is in scale order */
    if (db_exec(c->db, &out->res,
                "SELECT code, label, meaning FROM ("
                "  SELECT DISTINCT ON (sc.code) sc.code, sc.label, sc.meaning, sc.position "
                "  FROM unnest($1::bigint[]) WITH ORDINALITY AS o(id, k) "
                "  JOIN scale_categories sc ON sc.scale_id = app.scale_for(o.id) "
                "  ORDER BY sc.code, o.k) x ORDER BY position, code",
                1, p) != DB_OK)
        return -1;
    for (; out->n < PQntuples(out->res) && out->n < CATEGORIES_MAX; out->n++)
        out->codes[out->n] = db_text(out->res, out->n, CC_CODE);
    out->codes[out->n] = NULL;
    return 0;
}

void categories_to_hdf(struct ctx *c, const struct categories *cats)
{
    for (int i = 0; i < cats->n; i++) {
        char key[96];
        snprintf(key, sizeof key, "Choices.Category.%d", i);
        view_set(c->req->hdf, key, cats->codes[i]);
        HDF *node;
        snprintf(key, sizeof key, "Categories.%s", cats->codes[i]);
        if (hdf_get_node(c->req->hdf, key, &node) != STATUS_OK)
            continue;
        view_set(node, "Code", cats->codes[i]);
        view_set(node, "Label", db_text(cats->res, i, CC_LABEL));
        view_set(node, "Meaning", db_text(cats->res, i, CC_MEANING));
        portal_category_words(c, node, "Code", "Label", "Meaning");
    }
}

int categories_page_for_roles(struct ctx *c, unsigned roles)
{
    long orgs[CATEGORIES_MAX];
    int n = 0;
    for (int i = 0; i < c->sess->n_orgs && n < CATEGORIES_MAX; i++)
        if (c->sess->orgs[i].roles & roles)
            orgs[n++] = c->sess->orgs[i].org_id;
    struct categories cats;
    if (categories_load(c, orgs, n, &cats) != 0)
        return -1;
    categories_to_hdf(c, &cats);
    categories_free(&cats);
    return 0;
}

void categories_free(struct categories *cats)
{
    if (cats->res)
        PQclear(cats->res);
    memset(cats, 0, sizeof *cats);
}
