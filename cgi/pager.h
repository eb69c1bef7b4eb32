/* pager.h - keyset pagination of the long lists (incidents, events, vulnerabilities):
 * newest first, PAGER_ROWS at a time. A page after the first starts below a cursor, the
 * last shown row's time (microseconds since the epoch) and id, so no row is skipped or
 * shown twice however many arrive meanwhile, and no row is out of reach. */
#ifndef PAGER_H
#define PAGER_H

#include "portal.h"

#define PAGER_ROWS 100
#define PAGER_STRING(x) #x
#define PAGER_LIMIT_OF(rows) "LIMIT " PAGER_STRING(rows)
#define PAGER_LIMIT PAGER_LIMIT_OF(PAGER_ROWS)

/* The condition on a list's time and id columns for the cursor in parameters $at and $id
 * (both NULL on the first page), and the cursor's column for a time column. */
#define PAGER_BELOW(time_col, id_col, at, id)                                                      \
    "(" at "::bigint IS NULL OR (" time_col ", " id_col ") < ('epoch'::timestamptz + " at          \
    "::bigint * interval '1 microsecond', " id "::bigint))"
#define PAGER_CURSOR(time_col) "(extract(epoch FROM " time_col ") * 1000000)::bigint"

/* A list sorted by a key first (severity, status) and then by time and id compares the
 * triple; key_expr is the key's expression, key its cursor's parameter. */
#define PAGER_BELOW_KEYED(key_expr, time_col, id_col, at, id, key, cmp)                            \
    "(" at "::bigint IS NULL OR (" key_expr ", " time_col ", " id_col ") " cmp " (" key            \
    "::int, 'epoch'::timestamptz + " at "::bigint * interval '1 microsecond', " id "::bigint))"
/* The same for a list sorted by time and id in either direction. */
#define PAGER_BEYOND(time_col, id_col, at, id, cmp)                                                \
    "(" at "::bigint IS NULL OR (" time_col ", " id_col ") " cmp " ('epoch'::timestamptz + " at    \
    "::bigint * interval '1 microsecond', " id "::bigint))"

struct pager {
    char at_us[24], id[24]; /* empty on the first page */
    char key[24];           /* a keyed list's sort key, else "0" */
};

/* Reads the cursor ("<microseconds>.<id>") from the query parameter param. Returns 0, or
 * 400 when it is there but malformed. */
int pager_read(struct ctx *c, const char *param, struct pager *pg);
/* The same, for a list sorted by a key first when keyed: "<microseconds>.<id>.<key>". */
int pager_read_keyed(struct ctx *c, const char *param, int keyed, struct pager *pg);

/* The cursor's statement parameters: NULL on the first page. */
const char *pager_at(const struct pager *pg);
const char *pager_id(const struct pager *pg);
const char *pager_key(const struct pager *pg);

/* After a page of rows in res: sets Pager.<name>.Older to the cursor of the last row
 * (cursor at cursor_col, id at id_col) when the page is full, and Pager.<name>.Paged when
 * it is not the first page. */
void pager_links(struct ctx *c, const char *name, PGresult *res, int cursor_col, int id_col,
                 const struct pager *pg);
/* The same for a list sorted by a key first, whose value in each row is at key_col. */
void pager_links_keyed(struct ctx *c, const char *name, PGresult *res, int cursor_col, int id_col,
                       int key_col, const struct pager *pg);

#endif
