/* list_filter.h - the filters, text search and sort of the long lists (incidents, events,
 * deliveries): query parameters declared once per list as a table, read and checked
 * against it, and put into the HDF for the filter form and the paging links. A refused
 * value is left out of the list's statement and reported beside its field; the handler
 * answers 400 with the list filtered by the values that were good. */
#ifndef LIST_FILTER_H
#define LIST_FILTER_H

#include "portal.h"

#include <stddef.h>

enum list_param_kind {
    LP_CHOICE, /* one of choices[] */
    LP_CODE,   /* a code: 1 to 64 of a-z, 0-9 and _ (categories differ per scale) */
    LP_ID,     /* a positive whole number, one of the list's own ids (orgs) */
    LP_DATE,   /* YYYY-MM-DD */
    LP_TEXT,   /* one line of at most 200 characters: a search */
};

struct list_param {
    const char *name; /* the query parameter, and Filter.Values.<name> */
    enum list_param_kind kind;
    const char *const *choices; /* NULL-terminated, for LP_CHOICE */
};

#define LIST_FILTER_MAX 12

struct list_filter {
    const struct list_param *params;
    size_t n;
    const char *value[LIST_FILTER_MAX]; /* good values; NULL when absent or refused */
    char like[2 * 200 * 4 + 3];         /* the LP_TEXT value as an ILIKE pattern */
    size_t refused;
};

/* Run before a list's statement: plans it with its parameters' values (a custom plan, not
 * the role's generic one), so that an absent filter costs nothing and a present one can
 * choose its index; and without JIT compilation, which such a plan's cost estimate would
 * otherwise start and which took seconds (measured at 300 000 incidents: 3.6 s with, 0.1 s
 * without). Both end with the request's transaction. */
#define LIST_PLAN_SQL                                                                              \
    "SELECT set_config('plan_cache_mode', 'force_custom_plan', true), set_config('jit', 'off', "   \
    "true)"

/* The sorts every list offers (param "sort"): by date, newest first, by default. */
extern const char *const list_sorts[];
enum list_sort {
    SORT_DATE_DESC,
    SORT_DATE_ASC,
    SORT_SEVERITY_DESC,
    SORT_SEVERITY_ASC,
    SORT_STATUS_DESC,
    SORT_STATUS_ASC,
};

/* Reads and checks params[0..n) from the query; sets Filter.Values.<name> (as typed),
 * Filter.Errors.<name> (a key of Lang.Errors) for each refused one, Filter.Query (the
 * good values, URL-encoded, for links that keep them) and Filter.Active. Returns the number
 * refused. */
size_t list_filter_read(struct ctx *c, const struct list_param *params, size_t n,
                        struct list_filter *f);

/* The good value of params[i] as a statement parameter (NULL when absent); the LP_TEXT
 * one as an ILIKE pattern matching it anywhere. */
const char *list_filter_arg(const struct list_filter *f, size_t i);

/* The sort chosen by params[i] (an LP_CHOICE of list_sorts), SORT_DATE_DESC when absent. */
enum list_sort list_filter_sort(const struct list_filter *f, size_t i);

/* Refuses the good value of params[i] after the fact (e.g. an organisation not the user's):
 * reports it like a malformed one. */
void list_filter_refuse(struct ctx *c, struct list_filter *f, size_t i, const char *error_key);

#endif
