/* advisory_intake.h - taking one CSAF 2.0 advisory in, the same way whether a coordinator
 * uploaded it (cgi/handler_advisory.c) or the forwarder fetched it from a feed
 * (cgi/feed_poll.c): the bytes are read as JSON, checked against the official schema and
 * the portal's own limits, and only then stored for an organisation, where a newer
 * revision supersedes the older ones (which stay readable). */
#ifndef ADVISORY_INTAKE_H
#define ADVISORY_INTAKE_H

#include "csaf.h"
#include "db.h"
#include "json_schema.h"

#include <jansson.h>
#include <stddef.h>

enum advisory_check_result {
    ADVISORY_OK = 0,
    ADVISORY_JSON_UNREADABLE, /* not JSON (or a member twice): *json_line says where */
    ADVISORY_CSAF_INVALID,    /* breaks the schema: the reasons are in errors */
    ADVISORY_CSAF_TOO_LONG,   /* valid, but a stored field is longer than the portal keeps */
};

/* Reads data (len bytes) and checks it against schema. On ADVISORY_OK *doc holds the
 * document (json_decref it) and *h its header; otherwise *doc is NULL. For
 * ADVISORY_CSAF_INVALID the first max reasons go to errors and their full number to
 * *n_errors. */
enum advisory_check_result advisory_check(struct json_schema_set *schema, const char *data,
                                          size_t len, json_t **doc, struct csaf_header *h,
                                          struct json_schema_error *errors, size_t max,
                                          size_t *n_errors, int *json_line);

/* Stores the checked advisory doc for org, taken in by user, and lets the newest revision
 * of its publisher's tracking id supersede the others, in the caller's transaction. *id
 * gets the new row's id, or the existing one's when this revision was taken in before
 * (returns 1 then). Returns 0, 1, or -1 on a database error. Row-level security applies to
 * the caller's role. */
int advisory_store(struct db *db, long org, long user, json_t *doc, const struct csaf_header *h,
                   long *id);

#endif
