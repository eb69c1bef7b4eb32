/* handler_org.c - a parent's child organisations: the list (relation, users, a link to
 * their scores), adding one with its first user, and adding many from a CSV file with the
 * columns organisation, relation, user_email, user_name, role. Every row of a file is
 * checked before anything is stored: when one is wrong, nothing is, and each problem is
 * reported with its line. Users without a password get an invitation mail with a one-time
 * link to choose one. The writes go through app.child_org_add and app.child_user_add
 * (schema/008_org_admin.sql), which check that the user administers the parent.
 *
 * Rules, the same for the form and for a file:
 * - the user columns go together: all three given (e-mail, name, role) or none;
 * - a new name creates the organisation; a name that is one of the parent's children
 *   already is refused by the form, and in a file adds the row's user to it (a row with
 *   no user there is refused, it would do nothing);
 * - an existing supplier of another parent may be linked as a supplier, without a user (it
 *   manages its own users); any other existing name is refused;
 * - in a file, rows naming the same organisation must give the same relation, and the
 *   same organisation with the same e-mail address twice is a duplicate. */
#include "csv.h"
#include "form.h"
#include "invitation.h"
#include "portal.h"
#include "upload.h"
#include "view.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define IMPORT_MAX_ROWS 1000  /* data rows in one file */
#define IMPORT_MAX_ERRORS 200 /* problems listed on the page; all are counted */

static const char *const relations[] = {"group_company", "supplier", NULL};
static const char *const member_roles[] = {"assessor", "org_admin", "incident_reporter", NULL};

/* One child to add: the form's fields and the file's columns alike. */
enum { F_ORG, F_RELATION, F_EMAIL, F_NAME, F_ROLE, F_COUNT };
static const struct field child_fields[F_COUNT] = {
    {"organisation", FIELD_TEXT, 1, 1, 200, NULL}, {"relation", FIELD_CHOICE, 1, 0, 0, relations},
    {"user_email", FIELD_EMAIL, 0, 3, 254, NULL},  {"user_name", FIELD_TEXT, 0, 1, 200, NULL},
    {"role", FIELD_CHOICE, 0, 0, 0, member_roles},
};

struct child_row {
    size_t line;            /* in the file; 0 for the form */
    const char *v[F_COUNT]; /* trimmed values, "" when empty */
    int org_valid;          /* organisation and relation passed their checks */
    char status[24];        /* app.child_org_check's answer */
    long org_id;            /* the child, once known */
};

/* Where problems go: next to the form's fields (line 0), or into the file's list. */
struct reporter {
    struct ctx *c;
    size_t line;
    size_t count;
};

static void report(struct reporter *r, const char *column, const char *key, size_t other)
{
    if (!r->line) {
        portal_form_error(r->c, column, key);
        return;
    }
    if (r->count < IMPORT_MAX_ERRORS) {
        char name[64];
        snprintf(name, sizeof name, "Import.Errors.%lu.Line", (unsigned long)r->count);
        view_set_int(r->c->req->hdf, name, (long)r->line);
        snprintf(name, sizeof name, "Import.Errors.%lu.Column", (unsigned long)r->count);
        view_set(r->c->req->hdf, name, column);
        snprintf(name, sizeof name, "Import.Errors.%lu.Key", (unsigned long)r->count);
        view_set(r->c->req->hdf, name, key);
        if (other) {
            snprintf(name, sizeof name, "Import.Errors.%lu.Other", (unsigned long)r->count);
            view_set_int(r->c->req->hdf, name, (long)other);
        }
    }
    r->count++;
}

/* s without spaces, TABs and line ends around it, in place. */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

static void parent_to_hdf(struct ctx *c, const struct membership *parent)
{
    view_set_int(c->req->hdf, "Orgs.ParentId", parent->org_id);
    view_set(c->req->hdf, "Orgs.Parent", parent->org_name);
    int n = 0;
    for (int i = 0; i < c->sess->n_orgs; i++) {
        if (!(c->sess->orgs[i].roles & ROLE_ORG_ADMIN))
            continue;
        char key[48];
        snprintf(key, sizeof key, "Orgs.Parents.%d.Id", n);
        view_set_int(c->req->hdf, key, c->sess->orgs[i].org_id);
        snprintf(key, sizeof key, "Orgs.Parents.%d.Name", n);
        view_set(c->req->hdf, key, c->sess->orgs[i].org_name);
        n++;
    }
}

/* Columns of the children's statement, named for the page as child_names. */
enum child_column {
    CHC_ID,
    CHC_NAME,
    CHC_KIND,
    CHC_ADMINISTERS,
    CHC_USERS,
    CHC_PENDING,
    CHC_COUNT
};
static const char *const child_names[CHC_COUNT] = {
    [CHC_ID] = "Id",       [CHC_NAME] = "Name",
    [CHC_KIND] = "Kind",   [CHC_ADMINISTERS] = "Administers",
    [CHC_USERS] = "Users", [CHC_PENDING] = "Pending",
};

/* Columns of the customers waiting for consent, named for the page as pending_names. */
enum pending_column { PC_ID, PC_NAME, PC_COUNT };
static const char *const pending_names[PC_COUNT] = {[PC_ID] = "Id", [PC_NAME] = "Name"};

/* What the list page shows of a parent beyond the session: its children, and the customers
 * that linked it as their supplier and wait for its consent. */
struct orgs {
    PGresult *children; /* enum child_column */
    PGresult *pending;  /* enum pending_column */
};

static void orgs_free(struct orgs *o)
{
    if (o->children)
        PQclear(o->children);
    if (o->pending)
        PQclear(o->pending);
    o->children = o->pending = NULL;
}

/* Returns 200 or 500; orgs_free releases what it loaded. */
static int orgs_load(struct ctx *c, const struct membership *parent, struct orgs *o)
{
    memset(o, 0, sizeof *o);
    char pid[24];
    snprintf(pid, sizeof pid, "%ld", parent->org_id);
    const char *p[] = {pid};
    if (db_exec(c->db, &o->children,
                "SELECT org_id, name, kind, administers, users, pending "
                "FROM app.child_orgs($1)",
                1, p) != DB_OK)
        return 500;
    if (db_exec(c->db, &o->pending,
                "SELECT o.id, o.name FROM org_relations r JOIN organisations o "
                "  ON o.id = r.parent_id WHERE r.child_id = $1 AND r.confirmed_at IS NULL",
                1, p) != DB_OK)
        return 500;
    return 200;
}

static void orgs_to_hdf(struct ctx *c, const struct membership *parent, const struct orgs *o)
{
    portal_rows(c, "Orgs.Children", o->children, child_names, CHC_COUNT);
    portal_rows(c, "Orgs.Pending", o->pending, pending_names, PC_COUNT);
    parent_to_hdf(c, parent);
}

/* The list page: the children of parent and the form to add one. */
static int orgs_page(struct ctx *c, const struct membership *parent, int status)
{
    struct orgs o;
    int rc = orgs_load(c, parent, &o);
    if (rc == 200)
        orgs_to_hdf(c, parent, &o);
    orgs_free(&o);
    if (rc != 200)
        return rc;
    portal_page(c, "org/list.cs", "orgs");
    return status;
}

/* Column of app.link_confirm's answer. */
enum { CONFIRMED_COLUMN };

/* Confirms, for the supplier child, the link that the customer parent made to it;
 * *confirmed is 0 when there was no such link waiting. Returns 200, 403 (not the child's
 * administrator) or 500. */
static int link_confirm_store(struct ctx *c, long parent, long child, int *confirmed)
{
    char pid[24], oid[24];
    snprintf(pid, sizeof pid, "%ld", parent);
    snprintf(oid, sizeof oid, "%ld", child);
    const char *p[] = {pid, oid};
    PGresult *res;
    if (db_exec(c->db, &res, "SELECT app.link_confirm($1, $2)", 2, p) != DB_OK)
        return strcmp(c->db->sqlstate, "42501") == 0 ? 403 : 500;
    *confirmed = strcmp(db_text(res, 0, CONFIRMED_COLUMN), "t") == 0;
    PQclear(res);
    return 200;
}

/* POST /organisations/:id/confirm-link - the supplier's administrator consents to the
 * customer :id seeing it as its supplier. */
int handle_org_confirm_link(struct ctx *c)
{
    const struct membership *child = portal_acting_org(c, ROLE_ORG_ADMIN);
    if (!child)
        return 403;
    c->org_id = child->org_id;
    int confirmed;
    int status = link_confirm_store(c, c->id, child->org_id, &confirmed);
    if (status != 200)
        return status;
    if (!confirmed)
        return 404;
    resp_redirect(c->resp, "/organisations");
    return 303;
}

static int import_page(struct ctx *c, const struct membership *parent, int status)
{
    parent_to_hdf(c, parent);
    view_set_int(c->req->hdf, "Import.MaxRows", IMPORT_MAX_ROWS);
    view_set_int(c->req->hdf, "Form.MaxUploadKiB", c->cfg->max_upload / 1024);
    portal_page(c, "org/import.cs", "orgs_import");
    return status;
}

/* ---- checking rows ---- */

static const char *row_value(void *ctx, const char *name)
{
    const struct child_row *r = ctx;
    for (int f = 0; f < F_COUNT; f++)
        if (strcmp(child_fields[f].name, name) == 0)
            return r->v[f];
    return NULL;
}

/* The user columns go together: all empty (no user) or all given. */
static size_t row_user_rule(const struct child_row *r, struct reporter *rep)
{
    if (!*r->v[F_EMAIL] && !*r->v[F_NAME] && !*r->v[F_ROLE])
        return 0;
    size_t bad = 0;
    for (int f = F_EMAIL; f <= F_ROLE; f++)
        if (!*r->v[f]) {
            report(rep, child_fields[f].name, "required_with_user", 0);
            bad++;
        }
    return bad;
}

/* Columns of app.child_org_check's answer. */
enum child_org_check_column { COC_STATUS, COC_ORG_ID };

/* Asks the database what adding r's organisation would mean (r->status, r->org_id). */
static int row_org_status(struct ctx *c, const char *parent, struct child_row *r)
{
    const char *p[] = {parent, r->v[F_ORG], r->v[F_RELATION]};
    PGresult *res;
    if (db_exec(c->db, &res, "SELECT status, org_id FROM app.child_org_check($1, $2, $3)", 3, p) !=
        DB_OK)
        return -1;
    snprintf(r->status, sizeof r->status, "%s", db_text(res, 0, COC_STATUS));
    r->org_id = db_long(res, 0, COC_ORG_ID);
    PQclear(res);
    return 0;
}

/* Reports what r's status forbids; in_file: a row of a file, which may add a user to an
 * organisation that is a child already. Returns the number of problems (0 or 1). */
static size_t row_org_rule(const struct child_row *r, int in_file, struct reporter *rep)
{
    int user = *r->v[F_EMAIL] != '\0';
    const char *key = NULL;
    if (strcmp(r->status, "new") == 0)
        return 0;
    if (strcmp(r->status, "child") == 0)
        key = !in_file ? "org_already_child" : user ? NULL : "org_nothing_to_add";
    else if (strcmp(r->status, "child_self_managed") == 0)
        key = in_file && user ? "org_own_users"
              : in_file       ? "org_nothing_to_add"
                              : "org_already_child";
    else if (strcmp(r->status, "link") == 0)
        key = user ? "org_own_users" : NULL;
    else /* other_kind: a name elsewhere is no obstacle (see schema/024) */
        key = "org_other_relation";
    if (!key)
        return 0;
    report(rep, child_fields[F_ORG].name, key, 0);
    return 1;
}

/* ---- storing rows ---- */

/* HTTP status for a failed call of the functions of 008. */
static int store_failure(struct ctx *c)
{
    if (strcmp(c->db->sqlstate, "23505") == 0)
        return 409; /* someone took the name meanwhile */
    if (strcmp(c->db->sqlstate, "42501") == 0)
        return 403;
    return 500;
}

/* Column of app.child_org_add's answer: the new child's id. */
enum { CHILD_ORG_ID_COLUMN };
/* Columns of app.child_user_add's answer. */
enum child_user_add_column { CUA_ADDED, CUA_INVITE };

/* Stores checked rows in the open transaction: each new organisation once, each row's
 * user, and one invitation per user who has no password yet. Counts the organisations
 * added (created or linked) and the memberships added. Returns 0 or an HTTP status. */
static int rows_store(struct ctx *c, const struct membership *parent, struct child_row *rows,
                      size_t n, long *orgs, long *users)
{
    char pid[24];
    snprintf(pid, sizeof pid, "%ld", parent->org_id);
    PGresult *res;
    for (size_t i = 0; i < n; i++) {
        struct child_row *r = &rows[i];
        if (!r->org_id) {
            for (size_t j = 0; j < i && !r->org_id; j++)
                if (strcmp(rows[j].v[F_ORG], r->v[F_ORG]) == 0)
                    r->org_id = rows[j].org_id;
        }
        if (!r->org_id) {
            const char *p[] = {pid, r->v[F_ORG], r->v[F_RELATION]};
            if (db_exec(c->db, &res, "SELECT app.child_org_add($1, $2, $3)", 3, p) != DB_OK)
                return store_failure(c);
            r->org_id = db_long(res, 0, CHILD_ORG_ID_COLUMN);
            PQclear(res);
            (*orgs)++;
        }
        if (!*r->v[F_EMAIL])
            continue;
        char oid[24];
        snprintf(oid, sizeof oid, "%ld", r->org_id);
        const char *q[] = {pid, oid, r->v[F_EMAIL], r->v[F_NAME], r->v[F_ROLE]};
        if (db_exec(c->db, &res, "SELECT added, invite FROM app.child_user_add($1, $2, $3, $4, $5)",
                    5, q) != DB_OK)
            return store_failure(c);
        int added = strcmp(db_text(res, 0, CUA_ADDED), "t") == 0;
        int invite = strcmp(db_text(res, 0, CUA_INVITE), "t") == 0;
        PQclear(res);
        *users += added;
        for (size_t j = 0; j < i && invite; j++)
            if (strcasecmp(rows[j].v[F_EMAIL], r->v[F_EMAIL]) == 0)
                invite = 0; /* invited with an earlier row */
        if (!invite)
            continue;
        /* a new account: choosing its password is accepting; somebody's account: nothing
         * changes unless its owner accepts */
        const struct invitation_mail mail = {.kind = added ? "access" : "join",
                                             .person = c->sess->display_name,
                                             .from = parent->org_name,
                                             .org = r->v[F_ORG],
                                             .role = r->v[F_ROLE]};
        if (invitation_send(c, r->org_id, parent->org_id, NULL, added ? NULL : r->v[F_ROLE],
                            r->v[F_EMAIL], &mail) != 0)
            return 500;
    }
    return 0;
}

static void redirect_added(struct ctx *c, const struct membership *parent, long orgs, long users)
{
    char where[128];
    snprintf(where, sizeof where, "/organisations?org_id=%ld&orgs=%ld&users=%ld", parent->org_id,
             orgs, users);
    resp_redirect(c->resp, where);
}

/* ---- handlers ---- */

static int is_count(const char *s)
{
    if (!s || !*s || strlen(s) > 9)
        return 0;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return 0;
    return 1;
}

/* GET /organisations - the parent's children; after adding, how many were added. */
int handle_orgs(struct ctx *c)
{
    const struct membership *parent = portal_acting_org(c, ROLE_ORG_ADMIN);
    if (!parent)
        return 403;
    c->org_id = parent->org_id;
    const char *orgs = req_param(c->req, "orgs"), *users = req_param(c->req, "users");
    if (is_count(orgs) && is_count(users)) {
        view_set(c->req->hdf, "Flash.Orgs", orgs);
        view_set(c->req->hdf, "Flash.Users", users);
    }
    return orgs_page(c, parent, 200);
}

/* POST /organisations - one child with, optionally, its first user. */
int handle_org_create(struct ctx *c)
{
    const struct membership *parent = portal_acting_org(c, ROLE_ORG_ADMIN);
    if (!parent)
        return 403;
    c->org_id = parent->org_id;
    size_t bad = portal_form_check(c, child_fields, F_COUNT);
    struct child_row row = {0};
    char *copies[F_COUNT] = {0};
    for (int f = 0; f < F_COUNT; f++) {
        const char *v = req_param(c->req, child_fields[f].name);
        copies[f] = strdup(v ? v : "");
        if (!copies[f]) {
            for (int k = 0; k < f; k++)
                free(copies[k]);
            return 500;
        }
        row.v[f] = trim(copies[f]);
    }
    struct reporter rep = {c, 0, 0};
    bad += row_user_rule(&row, &rep);
    int status = 0;
    if (!hdf_get_value(c->req->hdf, "Form.Errors.organisation", NULL) &&
        !hdf_get_value(c->req->hdf, "Form.Errors.relation", NULL)) {
        char pid[24];
        snprintf(pid, sizeof pid, "%ld", parent->org_id);
        if (row_org_status(c, pid, &row) != 0)
            status = 500;
        else
            bad += row_org_rule(&row, 0, &rep);
    }
    long orgs = 0, users = 0;
    if (!status && bad)
        status = orgs_page(c, parent, 422);
    else if (!status)
        status = rows_store(c, parent, &row, 1, &orgs, &users);
    for (int f = 0; f < F_COUNT; f++)
        free(copies[f]);
    if (status)
        return status;
    redirect_added(c, parent, orgs, users);
    return 303;
}

/* GET /organisations/import - what the file holds, the template, the upload form. */
int handle_org_import_form(struct ctx *c)
{
    const struct membership *parent = portal_acting_org(c, ROLE_ORG_ADMIN);
    if (!parent)
        return 403;
    c->org_id = parent->org_id;
    return import_page(c, parent, 200);
}

/* GET /organisations/template.csv - the header and two example rows. */
int handle_org_template(struct ctx *c)
{
    static const char *const rows[][F_COUNT] = {
        {"organisation", "relation", "user_email", "user_name", "role"},
        {"Example Subsidiary Ltd", "group_company", "it.lead@subsidiary.example", "Ida Lead",
         "assessor"},
        {"Example Supplier GmbH", "supplier", "security@supplier.example", "Sam Secure",
         "org_admin"},
    };
    struct csv_writer w;
    csv_writer_init(&w);
    csv_write_bom(&w);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        for (int f = 0; f < F_COUNT; f++)
            csv_write_text_field(&w, rows[i][f]);
        csv_end_row(&w);
    }
    size_t len;
    char *text = csv_writer_take(&w, &len);
    csv_writer_free(&w);
    if (!text)
        return 500;
    resp_body(c->resp, "text/csv; charset=utf-8", text, len, "organisations.csv");
    return 200;
}

/* Stores a file's n checked rows as rows_store does, and the import in the audit log.
 * Returns 0 or an HTTP status. */
static int import_store(struct ctx *c, const struct membership *parent, struct child_row *rows,
                        size_t n, long *orgs, long *users)
{
    int status = rows_store(c, parent, rows, n, orgs, users);
    if (status)
        return status;
    char detail[128];
    snprintf(detail, sizeof detail, "{\"rows\": %lu, \"organisations\": %ld, \"users\": %ld}",
             (unsigned long)n, *orgs, *users);
    if (db_audit(c->db, c->sess->user_id, parent->org_id, "import", "organisations", 0, detail) !=
        DB_OK)
        return 500;
    return 0;
}

/* Checks every data row of t; stores them all when none has a problem. */
static int import_rows(struct ctx *c, const struct membership *parent, struct csv_table *t)
{
    struct reporter rep = {c, 1, 0};
    if (t->n_rows > 0)
        rep.line = t->rows[0].line;
    int col[F_COUNT];
    for (int f = 0; f < F_COUNT; f++) {
        col[f] = t->n_rows ? csv_header_index(&t->rows[0], child_fields[f].name) : -1;
        if (col[f] < 0 && t->n_rows)
            report(&rep, child_fields[f].name, "missing_column", 0);
    }
    if (t->n_rows < 2 && !rep.count) {
        portal_form_error(c, "csv", "no_rows");
        return import_page(c, parent, 422);
    }
    if (rep.count) {
        view_set_int(c->req->hdf, "Import.ErrorCount", (long)rep.count);
        return import_page(c, parent, 422);
    }

    size_t n = t->n_rows - 1;
    struct child_row *rows = calloc(n, sizeof *rows);
    if (!rows)
        return 500;
    char pid[24];
    snprintf(pid, sizeof pid, "%ld", parent->org_id);
    long long now = (long long)time(NULL);
    int status = 0;
    for (size_t i = 0; i < n && !status; i++) {
        const struct csv_row *src = &t->rows[i + 1];
        struct child_row *r = &rows[i];
        r->line = rep.line = src->line;
        for (int f = 0; f < F_COUNT; f++)
            r->v[f] = (size_t)col[f] < src->n_fields ? trim(src->fields[col[f]]) : "";
        enum field_error errors[F_COUNT];
        form_validate(child_fields, F_COUNT, row_value, r, errors, now);
        for (int f = 0; f < F_COUNT; f++)
            if (errors[f] != FE_NONE)
                report(&rep, child_fields[f].name, form_error_key(errors[f]), 0);
        row_user_rule(r, &rep);
        r->org_valid = errors[F_ORG] == FE_NONE && errors[F_RELATION] == FE_NONE;
        if (!r->org_valid)
            continue;
        /* against the earlier rows of the file */
        const struct child_row *same = NULL;
        for (size_t j = 0; j < i; j++) {
            const struct child_row *e = &rows[j];
            if (!e->org_valid || strcmp(e->v[F_ORG], r->v[F_ORG]) != 0)
                continue;
            if (strcmp(e->v[F_RELATION], r->v[F_RELATION]) != 0) {
                report(&rep, child_fields[F_RELATION].name, "relation_conflict", e->line);
                r->org_valid = 0;
                break;
            }
            if (strcasecmp(e->v[F_EMAIL], r->v[F_EMAIL]) == 0) {
                report(&rep, child_fields[F_ORG].name, "duplicate_row", e->line);
                break;
            }
            if (!same && e->status[0])
                same = e;
        }
        if (!r->org_valid)
            continue;
        /* against the database, once per organisation */
        if (same) {
            memcpy(r->status, same->status, sizeof r->status);
            r->org_id = same->org_id;
        } else if (row_org_status(c, pid, r) != 0) {
            status = 500;
            break;
        }
        row_org_rule(r, 1, &rep);
    }
    if (!status && rep.count) {
        view_set_int(c->req->hdf, "Import.ErrorCount", (long)rep.count);
        if (rep.count > IMPORT_MAX_ERRORS)
            view_set_int(c->req->hdf, "Import.Unlisted", (long)(rep.count - IMPORT_MAX_ERRORS));
        status = import_page(c, parent, 422);
    }
    long orgs = 0, users = 0;
    if (!status)
        status = import_store(c, parent, rows, n, &orgs, &users);
    free(rows);
    if (status)
        return status;
    redirect_added(c, parent, orgs, users);
    return 303;
}

/* POST /organisations/import - the file in the field "csv". */
int handle_org_import(struct ctx *c)
{
    const struct membership *parent = portal_acting_org(c, ROLE_ORG_ADMIN);
    if (!parent)
        return 403;
    c->org_id = parent->org_id;
    const char *file_name;
    char *data;
    size_t len;
    const char *problem =
        upload_read_whole(c, "csv", ".csv", c->cfg->max_upload, &data, &len, &file_name);
    if (*file_name)
        view_set(c->req->hdf, "Import.FileName", file_name);
    if (problem) {
        free(data);
        if (strcmp(problem, "out_of_memory") == 0)
            return 500;
        portal_form_error(c, "csv", strcmp(problem, "file_type") == 0 ? "csv_only" : problem);
        return import_page(c, parent, 422);
    }
    struct csv_limits limits = {IMPORT_MAX_ROWS + 1, 64, 1000};
    struct csv_table t;
    struct csv_error err;
    int rc = csv_parse_limits(data, len, &limits, &t, &err);
    free(data);
    if (rc != 0) {
        if (strcmp(err.key, "out_of_memory") == 0)
            return 500;
        view_set_int(c->req->hdf, "Import.ParseError.Line", (long)err.line);
        view_set(c->req->hdf, "Import.ParseError.Key", err.key);
        portal_form_error(c, "csv", "csv_unreadable");
        return import_page(c, parent, 422);
    }
    int status = import_rows(c, parent, &t);
    csv_table_free(&t);
    return status;
}
