/* session.c - session lookup, start and end through the app.session_* functions. */
#include "session.h"

#include "auth.h"
#include "lang.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static const char *const role_names[] = {"org_admin", "assessor", "incident_reporter",
                                         "coordinator", "reviewer"};

unsigned role_from_name(const char *name)
{
    for (unsigned i = 0; i < sizeof role_names / sizeof role_names[0]; i++)
        if (strcmp(role_names[i], name) == 0)
            return 1u << i;
    return 0;
}

const char *role_name(unsigned role)
{
    for (unsigned i = 0; i < sizeof role_names / sizeof role_names[0]; i++)
        if (role == 1u << i)
            return role_names[i];
    return "";
}

/* memberships arrive as one JSON array: [{"org_id":1,"org":"...","role":"..."}, ...];
 * all of them are kept. Returns 0, or -1 when out of memory. */
int session_parse_orgs(struct session *s, const char *json)
{
    json_error_t jerr;
    json_t *arr = json_loads(json, 0, &jerr);
    size_t i;
    json_t *m;
    if (json_array_size(arr) > 0) {
        s->orgs = calloc(json_array_size(arr), sizeof *s->orgs);
        if (!s->orgs) {
            json_decref(arr);
            return -1;
        }
    }
    json_array_foreach(arr, i, m)
    {
        long org_id = (long)json_integer_value(json_object_get(m, "org_id"));
        const char *org = json_string_value(json_object_get(m, "org"));
        const char *role = json_string_value(json_object_get(m, "role"));
        int k;
        for (k = 0; k < s->n_orgs && s->orgs[k].org_id != org_id; k++)
            ;
        if (k == s->n_orgs) {
            s->n_orgs++;
            s->orgs[k].org_id = org_id;
            utf8_copy(s->orgs[k].org_name, sizeof s->orgs[k].org_name, org ? org : "");
            s->orgs[k].roles = 0;
        }
        s->orgs[k].roles |= role ? role_from_name(role) : 0;
    }
    json_decref(arr);
    return 0;
}

void session_free(struct session *s)
{
    free(s->orgs);
    s->orgs = NULL;
    s->n_orgs = 0;
}

/* Columns of app.session_begin's row. */
enum session_column {
    SC_USER_ID,
    SC_CSRF_TOKEN,
    SC_EMAIL,
    SC_DISPLAY_NAME,
    SC_MEMBERSHIPS,
    SC_LANG
};

int session_load(struct db *db, const char *token, int idle_s, struct session *s)
{
    session_free(s);
    memset(s, 0, sizeof *s);
    if (!token || !*token || strlen(token) >= AUTH_TOKEN_TEXT)
        return 0;
    char hash[AUTH_HASH_TEXT], idle[32];
    auth_token_hash(token, hash);
    snprintf(idle, sizeof idle, "%d seconds", idle_s);
    const char *p[] = {hash, idle};
    PGresult *res;
    int rc = db_exec(db, &res,
                     "SELECT user_id, csrf_token, email, display_name, memberships, lang "
                     "FROM app.session_begin($1::bytea, $2::interval)",
                     2, p);
    if (rc != DB_OK)
        return rc;
    if (PQntuples(res) == 1) {
        s->user_id = db_long(res, 0, SC_USER_ID);
        snprintf(s->csrf_token, sizeof s->csrf_token, "%s", db_text(res, 0, SC_CSRF_TOKEN));
        utf8_copy(s->email, sizeof s->email, db_text(res, 0, SC_EMAIL));
        utf8_copy(s->display_name, sizeof s->display_name, db_text(res, 0, SC_DISPLAY_NAME));
        s->lang = lang_parse(db_text(res, 0, SC_LANG));
        if (session_parse_orgs(s, db_text(res, 0, SC_MEMBERSHIPS)) != 0) {
            PQclear(res);
            session_free(s);
            memset(s, 0, sizeof *s);
            return DB_ERROR;
        }
    }
    PQclear(res);
    return s->user_id > 0;
}

/* Runs sql, a call of a database function taking the nlead parameters in lead and then
 * the new session's token hash, CSRF token, absolute lifetime and the previous token's
 * hash, and returning the user id or NULL. */
enum { NEW_SESSION_USER_ID }; /* the one column of the functions session_make calls */

static int session_make(struct db *db, const char *sql, int nlead, const char *const *lead,
                        int absolute_s, const char *previous, char token[48], long *user_id)
{
    char hash[AUTH_HASH_TEXT], old[AUTH_HASH_TEXT], csrf[AUTH_TOKEN_TEXT], abs_s[32];
    auth_token_new(token);
    auth_token_hash(token, hash);
    auth_token_hash(previous ? previous : "", old);
    auth_token_new(csrf);
    snprintf(abs_s, sizeof abs_s, "%d seconds", absolute_s);
    const char *p[9];
    for (int i = 0; i < nlead; i++)
        p[i] = lead[i];
    p[nlead] = hash;
    p[nlead + 1] = csrf;
    p[nlead + 2] = abs_s;
    p[nlead + 3] = old;
    PGresult *res;
    int rc = db_exec(db, &res, sql, nlead + 4, p);
    if (rc != DB_OK)
        return rc;
    *user_id = PQntuples(res) == 1 && !PQgetisnull(res, 0, NEW_SESSION_USER_ID)
                   ? db_long(res, 0, NEW_SESSION_USER_ID)
                   : 0;
    PQclear(res);
    return DB_OK;
}

int session_start_login(struct db *db, const char *email, const char *address, const char *device,
                        const char *new_device, const char *proof, int absolute_s,
                        const char *previous, char token[48], long *user_id)
{
    const char *lead[] = {email, address, device, new_device, proof};
    return session_make(db,
                        "SELECT app.login_complete($1, $2, $3, $4, $5::bytea, $6::bytea, $7, "
                        "$8::interval, $9::bytea)",
                        5, lead, absolute_s, previous, token, user_id);
}

int session_start_invited(struct db *db, const char *invitation_hash, int absolute_s,
                          const char *previous, char token[48], long *user_id)
{
    const char *lead[] = {invitation_hash};
    return session_make(db,
                        "SELECT app.session_after_invitation($1::bytea, $2::bytea, $3, "
                        "$4::interval, $5::bytea)",
                        1, lead, absolute_s, previous, token, user_id);
}

int session_end(struct db *db, const char *token)
{
    char hash[AUTH_HASH_TEXT];
    auth_token_hash(token, hash);
    const char *p[] = {hash};
    return db_exec(db, NULL, "SELECT app.session_delete($1::bytea)", 1, p);
}

unsigned session_roles(const struct session *s)
{
    unsigned r = 0;
    for (int i = 0; i < s->n_orgs; i++)
        r |= s->orgs[i].roles;
    return r;
}

const struct membership *session_org(const struct session *s, long org_id, unsigned roles)
{
    for (int i = 0; i < s->n_orgs; i++)
        if (s->orgs[i].org_id == org_id && (s->orgs[i].roles & roles))
            return &s->orgs[i];
    return NULL;
}

const struct membership *session_first_org(const struct session *s, unsigned roles)
{
    for (int i = 0; i < s->n_orgs; i++)
        if (s->orgs[i].roles & roles)
            return &s->orgs[i];
    return NULL;
}
