/* list_filter.c - reading and checking a list's filter parameters against its declared
 * table, and the HDF the filter form and the paging links need (see list_filter.h). */
#include "list_filter.h"

#include "form.h"
#include "view.h"

#include <stdio.h>
#include <string.h>

const char *const list_sorts[] = {
    "date_desc", "date_asc", "severity_desc", "severity_asc", "status_desc", "status_asc", NULL};

#define LIST_TEXT_MAX 200

static int is_choice(const char *v, const char *const *choices)
{
    for (int i = 0; choices && choices[i]; i++)
        if (strcmp(v, choices[i]) == 0)
            return 1;
    return 0;
}

/* YYYY-MM-DD of a real day (form_parse_datetime checks the calendar). */
static int is_date(const char *v)
{
    char s[32];
    long long t;
    if (strlen(v) != 10 || v[4] != '-' || v[7] != '-' || strspn(v, "0123456789-") != 10)
        return 0;
    snprintf(s, sizeof s, "%sT00:00", v);
    return form_parse_datetime(s, &t) == 0;
}

/* The key of Lang.Errors refusing v for p, or NULL when v is good. */
static const char *check(const struct list_param *p, const char *v)
{
    switch (p->kind) {
    case LP_CHOICE:
        return is_choice(v, p->choices) ? NULL : "not_a_choice";
    case LP_CODE:
        return strlen(v) <= 64 && strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(v)
                   ? NULL
                   : "not_a_choice";
    case LP_ID:
        return strlen(v) <= 18 && strspn(v, "0123456789") == strlen(v) && v[0] != '0'
                   ? NULL
                   : "not_a_choice";
    case LP_DATE:
        return is_date(v) ? NULL : "bad_date";
    case LP_TEXT:
        if (strpbrk(v, "\r\n"))
            return "not_one_line";
        return form_utf8_length(v) <= LIST_TEXT_MAX ? NULL : "too_long";
    }
    return "not_a_choice";
}

/* Appends v percent-encoded to out (of size cap, holding len bytes). */
static size_t append_encoded(char *out, size_t cap, size_t len, const char *v)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *s = (const unsigned char *)v; *s && len + 4 < cap; s++) {
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
            *s == '-' || *s == '_' || *s == '.') {
            out[len++] = (char)*s;
        } else {
            out[len++] = '%';
            out[len++] = hex[*s >> 4];
            out[len++] = hex[*s & 15];
        }
    }
    out[len] = '\0';
    return len;
}

/* Filter.Query and Filter.Active from the good values. */
static void query_to_hdf(struct ctx *c, const struct list_filter *f)
{
    char q[4096];
    size_t len = 0;
    int active = 0;
    q[0] = '\0';
    for (size_t i = 0; i < f->n; i++) {
        if (!f->value[i])
            continue;
        if (len && len + 2 < sizeof q)
            q[len++] = '&', q[len] = '\0';
        len = append_encoded(q, sizeof q, len, f->params[i].name);
        if (len + 2 < sizeof q)
            q[len++] = '=', q[len] = '\0';
        len = append_encoded(q, sizeof q, len, f->value[i]);
        if (strcmp(f->params[i].name, "sort") != 0)
            active = 1;
    }
    view_set(c->req->hdf, "Filter.Query", q);
    view_set_int(c->req->hdf, "Filter.Active", active);
}

size_t list_filter_read(struct ctx *c, const struct list_param *params, size_t n,
                        struct list_filter *f)
{
    memset(f, 0, sizeof *f);
    f->params = params;
    f->n = n < LIST_FILTER_MAX ? n : LIST_FILTER_MAX;
    for (size_t i = 0; i < f->n; i++) {
        const char *v = req_param(c->req, params[i].name);
        char key[96];
        snprintf(key, sizeof key, "Filter.Values.%s", params[i].name);
        view_set(c->req->hdf, key, v ? v : "");
        if (!v || !*v)
            continue;
        const char *error = check(&params[i], v);
        if (error) {
            snprintf(key, sizeof key, "Filter.Errors.%s", params[i].name);
            view_set(c->req->hdf, key, error);
            f->refused++;
            continue;
        }
        f->value[i] = v;
        if (params[i].kind == LP_TEXT) { /* %, _ and \ match themselves */
            size_t k = 0;
            f->like[k++] = '%';
            for (const char *s = v; *s && k + 3 < sizeof f->like; s++) {
                if (*s == '%' || *s == '_' || *s == '\\')
                    f->like[k++] = '\\';
                f->like[k++] = *s;
            }
            f->like[k++] = '%';
            f->like[k] = '\0';
        }
    }
    if (f->refused)
        view_set_int(c->req->hdf, "Filter.Refused", (long)f->refused);
    query_to_hdf(c, f);
    return f->refused;
}

const char *list_filter_arg(const struct list_filter *f, size_t i)
{
    if (i >= f->n || !f->value[i])
        return NULL;
    return f->params[i].kind == LP_TEXT ? f->like : f->value[i];
}

enum list_sort list_filter_sort(const struct list_filter *f, size_t i)
{
    if (i >= f->n || !f->value[i])
        return SORT_DATE_DESC;
    for (int k = 0; list_sorts[k]; k++)
        if (strcmp(f->value[i], list_sorts[k]) == 0)
            return (enum list_sort)k;
    return SORT_DATE_DESC;
}

void list_filter_refuse(struct ctx *c, struct list_filter *f, size_t i, const char *error_key)
{
    if (i >= f->n || !f->value[i])
        return;
    f->value[i] = NULL;
    f->refused++;
    char key[96];
    snprintf(key, sizeof key, "Filter.Errors.%s", f->params[i].name);
    view_set(c->req->hdf, key, error_key);
    view_set_int(c->req->hdf, "Filter.Refused", (long)f->refused);
    query_to_hdf(c, f);
}
