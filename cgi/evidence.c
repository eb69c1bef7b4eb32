/* evidence.c - evidence uploads with the answer form, and downloads. Files live in
 * PostgreSQL (bytea) under the same row-level security as the answers they support. */
#include "evidence.h"

#include "filetype.h"
#include "form.h"
#include "view.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The uploaded file of form field name, or NULL when none was sent. */
static FILE *upload_of(struct ctx *c, const char *name, const char **file_name)
{
    *file_name = req_param(c->req, name);
    if (!*file_name || !**file_name)
        return NULL;
    return cgi_filehandle(c->req->cgi, name);
}

/* Reads the whole file if it is at most limit bytes; *len receives its size, or
 * limit + 1 when it is larger. */
static unsigned char *upload_read(FILE *f, long limit, size_t *len)
{
    unsigned char *buf = malloc((size_t)limit + 1);
    if (!buf)
        return NULL;
    rewind(f);
    *len = fread(buf, 1, (size_t)limit + 1, f);
    return buf;
}

/* Whether the file of field name (file_name, f) may be stored: its type and size; records
 * the message for a refused one. */
static int upload_acceptable(struct ctx *c, const char *name, const char *file_name, FILE *f)
{
    if (!filetype_for_name(file_name)) {
        portal_form_error(c, name, "file_type");
        return 0;
    }
    size_t len = 0;
    if (f) {
        fseek(f, 0, SEEK_END);
        long size = ftell(f);
        len = size < 0 ? 0 : (size_t)size;
    }
    if (len == 0) {
        portal_form_error(c, name, "file_empty");
        return 0;
    }
    if (len > (size_t)c->cfg->max_upload) {
        portal_form_error(c, name, "file_too_large");
        view_set_int(c->req->hdf, "Form.MaxUploadMiB", c->cfg->max_upload / (1024 * 1024));
        return 0;
    }
    return 1;
}

/* Stores file f, named file_name, as evidence of item item_id. Returns DB_OK or an
 * error. */
static int upload_store(struct ctx *c, const struct assessment *a, const char *item_id,
                        const char *file_name, FILE *f)
{
    size_t len;
    unsigned char *data = upload_read(f, c->cfg->max_upload, &len);
    if (!data)
        return DB_ERROR;
    /* bytea travels as hex text: "\x" then two digits a byte */
    char *hex = malloc(2 * len + 3);
    if (!hex) {
        free(data);
        return DB_ERROR;
    }
    hex[0] = '\\', hex[1] = 'x';
    sodium_bin2hex(hex + 2, 2 * len + 1, data, len);
    free(data);
    char aid[24], uid[24], size[24];
    snprintf(aid, sizeof aid, "%ld", a->id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    snprintf(size, sizeof size, "%lu", (unsigned long)len);
    const char *base = filetype_base_name(file_name);
    const char *p[] = {aid, item_id, base, filetype_for_name(base), size, hex, uid};
    int rc = db_exec(c->db, NULL,
                     "INSERT INTO evidence_files (assessment_id, item_id, file_name, "
                     "  content_type, size_bytes, data, uploaded_by) "
                     "VALUES ($1, $2, $3, $4, $5, $6::bytea, $7)",
                     7, p);
    free(hex);
    return rc;
}

int evidence_take_uploads(struct ctx *c, const struct assessment *a, size_t *refused)
{
    *refused = 0;
    int kept = 0;
    for (int i = 0; i < a->n_items; i++) {
        if (!assessment_item_editable(a, i))
            continue;
        char name[40], item_id[24];
        snprintf(item_id, sizeof item_id, "%s", db_text(a->items, i, IC_ID));
        snprintf(name, sizeof name, "file_%s", item_id);
        const char *file_name;
        FILE *f = upload_of(c, name, &file_name);
        if (!file_name || !*file_name)
            continue;
        if (!upload_acceptable(c, name, file_name, f)) {
            (*refused)++;
            continue;
        }
        if (upload_store(c, a, item_id, file_name, f) != DB_OK)
            return -1;
        kept++;
    }
    return kept;
}

int evidence_remove(struct ctx *c, const struct assessment *a, const char *file_id)
{
    /* "{1,2,3}": the items that may be changed now; a file of another item stays */
    size_t size = 3 + (size_t)a->n_items * 22, len = 1;
    char *items = malloc(size);
    if (!items)
        return -1;
    items[0] = '{';
    for (int i = 0; i < a->n_items; i++)
        if (assessment_item_editable(a, i))
            len += (size_t)snprintf(items + len, size - len, "%s%s", len > 1 ? "," : "",
                                    db_text(a->items, i, IC_ID));
    snprintf(items + len, size - len, "}");
    char aid[24];
    snprintf(aid, sizeof aid, "%ld", a->id);
    const char *p[] = {file_id, aid, items};
    PGresult *res;
    /* row-level security lets only the assessment's editors delete (evidence_write) */
    int rc = db_exec(c->db, &res,
                     "DELETE FROM evidence_files WHERE id = $1::bigint AND assessment_id = $2 "
                     "AND item_id = ANY ($3::bigint[]) RETURNING id",
                     3, p);
    free(items);
    if (rc != DB_OK)
        return -1;
    int removed = PQntuples(res) == 1;
    PQclear(res);
    return removed;
}

/* Columns of the download's statement. */
enum download_column { DC_FILE_NAME, DC_CONTENT_TYPE, DC_DATA, DC_ORG_ID };

/* GET /evidence/:id - the file as an attachment; 404 for anyone row-level security
 * hides it from. */
int handle_evidence_download(struct ctx *c)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT e.file_name, e.content_type, e.data, a.org_id FROM evidence_files e "
                "JOIN assessments a ON a.id = e.assessment_id WHERE e.id = $1",
                1, p) != DB_OK)
        return 500;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return 404;
    }
    size_t len = 0;
    unsigned char *data = PQunescapeBytea((const unsigned char *)db_text(res, 0, DC_DATA), &len);
    if (!data) {
        PQclear(res);
        return 500;
    }
    char *body = malloc(len ? len : 1);
    if (!body) {
        PQfreemem(data);
        PQclear(res);
        return 500;
    }
    memcpy(body, data, len);
    PQfreemem(data);
    c->org_id = db_long(res, 0, DC_ORG_ID);
    /* served as the type its extension maps to, never as what the uploader claimed */
    const char *type = filetype_for_name(db_text(res, 0, DC_FILE_NAME));
    resp_body(c->resp, type ? type : "application/octet-stream", body, len,
              db_text(res, 0, DC_FILE_NAME));
    PQclear(res);
    return 200;
}
