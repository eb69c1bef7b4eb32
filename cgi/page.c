/* page.c - what handlers share to answer with a page: the template and its title, a
 * form's values and error messages, and rows of a result under an HDF name. */
#include "form.h"
#include "portal.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *form_value(void *ctx, const char *name)
{
    return req_param((const struct request *)ctx, name);
}

size_t portal_form_check(struct ctx *c, const struct field *fields, size_t n)
{
    enum field_error *errors = calloc(n ? n : 1, sizeof *errors);
    if (!errors)
        return n ? n : 1;
    size_t bad = form_validate(fields, n, form_value, c->req, errors, (long long)time(NULL));
    for (size_t i = 0; i < n; i++) {
        const char *v = req_param(c->req, fields[i].name);
        char key[128];
        snprintf(key, sizeof key, "Form.Values.%s", fields[i].name);
        view_set(c->req->hdf, key, v ? v : "");
        if (errors[i] != FE_NONE) {
            snprintf(key, sizeof key, "Form.Errors.%s", fields[i].name);
            view_set(c->req->hdf, key, form_error_key(errors[i]));
        }
    }
    free(errors);
    if (bad)
        view_set_int(c->req->hdf, "Form.ErrorCount",
                     hdf_get_int_value(c->req->hdf, "Form.ErrorCount", 0) + (long)bad);
    return bad;
}

const struct membership *portal_acting_org(struct ctx *c, unsigned roles)
{
    const char *v = req_param(c->req, "org_id");
    return v && *v ? session_org(c->sess, strtol(v, NULL, 10), roles)
                   : session_first_org(c->sess, roles);
}

void portal_form_error(struct ctx *c, const char *field, const char *key)
{
    char name[128];
    snprintf(name, sizeof name, "Form.Errors.%s", field);
    if (!hdf_get_value(c->req->hdf, name, NULL))
        view_set_int(c->req->hdf, "Form.ErrorCount",
                     hdf_get_int_value(c->req->hdf, "Form.ErrorCount", 0) + 1);
    view_set(c->req->hdf, name, key);
}

const char *portal_word(const struct ctx *c, const char *key)
{
    const char *w = view_lang_value(c->lang, key);
    return w ? w : key;
}

char *portal_number(const struct ctx *c, double v, int decimals, char *buf, size_t size)
{
    return lang_format_decimal(c->lang, v, decimals, buf, size);
}

char *portal_score(const struct ctx *c, double score, char *buf, size_t size)
{
    if (score < 0) {
        snprintf(buf, size, "-");
        return buf;
    }
    return portal_number(c, score, 1, buf, size);
}

/* The words of one part ("Label", "Meaning") of category code: the request language's
 * words of the default scale when stored is still the default scale's English
 * (Lang.ScaleDefault), else stored, an organisation's own words. */
static const char *category_words(const struct ctx *c, const char *code, const char *part,
                                  const char *stored)
{
    char key[160];
    snprintf(key, sizeof key, "ScaleDefault.%s.%s", code, part);
    const char *en = view_lang_value(LANG_EN, key);
    if (!en || !stored || strcmp(en, stored) != 0)
        return stored;
    const char *w = view_lang_value(c->lang, key);
    return w ? w : stored;
}

void portal_category_words(const struct ctx *c, HDF *node, const char *code, const char *label,
                           const char *meaning)
{
    const char *k = hdf_get_value(node, code, NULL);
    if (!k || !*k)
        return;
    const char *names[] = {label, meaning}, *parts[] = {"Label", "Meaning"};
    for (int i = 0; i < 2; i++) {
        if (!names[i])
            continue;
        const char *stored = hdf_get_value(node, names[i], NULL);
        const char *w = category_words(c, k, parts[i], stored);
        if (w && w != stored)
            view_set(node, names[i], w);
    }
}

void portal_page(struct ctx *c, const char *template, const char *title_key)
{
    c->resp->template = template;
    view_set(c->req->hdf, "Page.TitleKey", title_key);
}

#define PG_TYPE_BOOL 16 /* pg_type's oid of boolean, the same in every PostgreSQL */

void portal_rows(struct ctx *c, const char *base, PGresult *res, const char *const *names, int n)
{
    for (int i = 0; i < PQntuples(res); i++)
        for (int k = 0; k < n; k++) {
            char key[128];
            snprintf(key, sizeof key, "%s.%d.%s", base, i, names[k]);
            const char *v = db_text(res, i, k);
            if (PQftype(res, k) == PG_TYPE_BOOL)
                v = strcmp(v, "t") == 0 ? "1" : "";
            view_set(c->req->hdf, key, v);
        }
}
