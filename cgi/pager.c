/* pager.c - keyset pagination of the long lists: the cursor read from the query and the
 * links to the next older page (see pager.h). */
#include "pager.h"

#include "view.h"

#include <ClearSilver.h>
#include <stdio.h>
#include <string.h>

/* A decimal number of 1 to 18 digits (fits a bigint), copied into out. */
static int digits(const char *s, size_t len, char out[24])
{
    if (len == 0 || len > 18 || strspn(s, "0123456789") < len)
        return -1;
    memcpy(out, s, len);
    out[len] = '\0';
    return 0;
}

int pager_read(struct ctx *c, const char *param, struct pager *pg)
{
    return pager_read_keyed(c, param, 0, pg);
}

int pager_read_keyed(struct ctx *c, const char *param, int keyed, struct pager *pg)
{
    memset(pg, 0, sizeof *pg);
    strcpy(pg->key, "0");
    const char *v = req_param(c->req, param);
    if (!v || !*v)
        return 0;
    const char *dot = strchr(v, '.');
    const char *dot2 = dot ? strchr(dot + 1, '.') : NULL;
    const char *id_end = dot2 ? dot2 : dot ? dot + strlen(dot) : NULL;
    if (!dot || (dot2 != NULL) != (keyed != 0) || digits(v, (size_t)(dot - v), pg->at_us) != 0 ||
        digits(dot + 1, (size_t)(id_end - dot - 1), pg->id) != 0 ||
        (dot2 && (strlen(dot2 + 1) > 9 || digits(dot2 + 1, strlen(dot2 + 1), pg->key) != 0))) {
        memset(pg, 0, sizeof *pg);
        strcpy(pg->key, "0");
        return 400;
    }
    return 0;
}

const char *pager_at(const struct pager *pg)
{
    return pg->at_us[0] ? pg->at_us : NULL;
}

const char *pager_id(const struct pager *pg)
{
    return pg->id[0] ? pg->id : NULL;
}

const char *pager_key(const struct pager *pg)
{
    return pg->key[0] ? pg->key : "0";
}

void pager_links(struct ctx *c, const char *name, PGresult *res, int cursor_col, int id_col,
                 const struct pager *pg)
{
    pager_links_keyed(c, name, res, cursor_col, id_col, -1, pg);
}

void pager_links_keyed(struct ctx *c, const char *name, PGresult *res, int cursor_col, int id_col,
                       int key_col, const struct pager *pg)
{
    char key[64];
    int rows = PQntuples(res);
    if (rows == PAGER_ROWS) {
        char cursor[96];
        if (key_col >= 0)
            snprintf(cursor, sizeof cursor, "%s.%s.%s", db_text(res, rows - 1, cursor_col),
                     db_text(res, rows - 1, id_col), db_text(res, rows - 1, key_col));
        else
            snprintf(cursor, sizeof cursor, "%s.%s", db_text(res, rows - 1, cursor_col),
                     db_text(res, rows - 1, id_col));
        snprintf(key, sizeof key, "Pager.%s.Older", name);
        view_set(c->req->hdf, key, cursor);
    }
    if (pg->at_us[0]) {
        snprintf(key, sizeof key, "Pager.%s.Paged", name);
        view_set(c->req->hdf, key, "1");
    }
}
