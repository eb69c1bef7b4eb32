/* advisory_intake.c - one CSAF 2.0 advisory checked and stored, for the upload and the
 * feeds alike (see advisory_intake.h). */
#include "advisory_intake.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum advisory_check_result advisory_check(struct json_schema_set *schema, const char *data,
                                          size_t len, json_t **doc, struct csaf_header *h,
                                          struct json_schema_error *errors, size_t max,
                                          size_t *n_errors, int *json_line)
{
    *n_errors = 0;
    *json_line = 0;
    json_error_t jerr;
    *doc = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!*doc) {
        *json_line = jerr.line;
        return ADVISORY_JSON_UNREADABLE;
    }
    size_t n = json_schema_validate(schema, *doc, errors, max);
    enum advisory_check_result r = ADVISORY_OK;
    if (n) {
        *n_errors = n;
        r = ADVISORY_CSAF_INVALID;
    } else if (csaf_header_read(*doc, h) != 0) {
        r = ADVISORY_CSAF_TOO_LONG;
    }
    if (r != ADVISORY_OK) {
        json_decref(*doc);
        *doc = NULL;
    }
    return r;
}

/* Columns of the statements that find the same revision and insert a new one. */
enum { ADVISORY_ID_COLUMN };

int advisory_store(struct db *db, long org, long user, json_t *doc, const struct csaf_header *h,
                   long *id)
{
    char oid[24], uid[24], cves[CSAF_MAX_CVES * 26 + 3] = "{";
    snprintf(oid, sizeof oid, "%ld", org);
    snprintf(uid, sizeof uid, "%ld", user);
    for (size_t i = 0; i < h->n_cves; i++) {
        strcat(cves, i ? ",\"" : "\"");
        strcat(cves, h->cves[i]); /* CVE ids: letters, digits and '-' (the schema's pattern) */
        strcat(cves, "\"");
    }
    strcat(cves, "}");
    const char *same[] = {oid, h->publisher_namespace, h->tracking_id, h->version};
    PGresult *res;
    if (db_exec(db, &res,
                "SELECT id FROM advisories WHERE org_id = $1 AND publisher_namespace = $2 "
                "AND tracking_id = $3 AND version = $4",
                4, same) != DB_OK)
        return -1;
    int seen = PQntuples(res) == 1;
    if (seen)
        *id = db_long(res, 0, ADVISORY_ID_COLUMN);
    PQclear(res);
    if (seen)
        return 1;
    char *text = json_dumps(doc, JSON_COMPACT);
    if (!text)
        return -1;
    const char *p[] = {oid,
                       h->publisher_namespace,
                       h->publisher_name,
                       h->tracking_id,
                       h->version,
                       h->title,
                       h->tlp,
                       h->current_release_date,
                       cves,
                       text,
                       uid};
    int rc = db_exec(db, &res,
                     "INSERT INTO advisories (org_id, publisher_namespace, publisher_name, "
                     "  tracking_id, version, title, tlp, current_release_date, cves, document, "
                     "  imported_by) "
                     "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
                     11, p);
    free(text);
    if (rc != DB_OK)
        return -1;
    *id = db_long(res, 0, ADVISORY_ID_COLUMN);
    PQclear(res);
    return db_exec(db, NULL,
                   "WITH newest AS (SELECT id FROM advisories WHERE org_id = $1 "
                   "  AND publisher_namespace = $2 AND tracking_id = $3 "
                   "  ORDER BY current_release_date DESC, id DESC LIMIT 1) "
                   "UPDATE advisories SET superseded_by = (SELECT id FROM newest) "
                   "WHERE org_id = $1 AND publisher_namespace = $2 AND tracking_id = $3 "
                   "  AND id <> (SELECT id FROM newest) "
                   "  AND superseded_by IS DISTINCT FROM (SELECT id FROM newest)",
                   3, same) == DB_OK
               ? 0
               : -1;
}
