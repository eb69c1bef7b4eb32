/* session.h - who is asking: the signed-in user, their memberships (organisation and
 * role), and the session's CSRF token. Sessions live in PostgreSQL, keyed by the hash of
 * the token in the cookie; every lookup also sets the tenant context (app.user_id). */
#ifndef SESSION_H
#define SESSION_H

#include "utf8.h"

#include "db.h"

enum role {
    ROLE_ORG_ADMIN = 1 << 0,
    ROLE_ASSESSOR = 1 << 1,
    ROLE_INCIDENT_REPORTER = 1 << 2,
    ROLE_COORDINATOR = 1 << 3,
    ROLE_REVIEWER = 1 << 4,
};
#define ROLE_ANY_MEMBER 0x1f

/* "org_admin" -> ROLE_ORG_ADMIN; 0 for an unknown name. */
unsigned role_from_name(const char *name);
const char *role_name(unsigned role);

struct membership {
    long org_id;
    char org_name[UTF8_BUF(200)];
    unsigned roles; /* enum role bits held in this organisation */
};

struct session {
    long user_id; /* 0 when nobody is signed in */
    char email[UTF8_BUF(254)];
    char display_name[UTF8_BUF(200)];
    char csrf_token[48];
    int lang;   /* the enum lang the person chose on /account; -1 for none (follow the browser) */
    int n_orgs; /* every membership the user holds: none is left out */
    struct membership *orgs;
};

#define SESSION_COOKIE "portal_session"
#define PRELOGIN_COOKIE "portal_prelogin" /* CSRF token of the login form */
/* A browser the account signed in from before: exempt from the account-wide throttle. */
#define DEVICE_COOKIE "portal_device"

/* Looks the cookie's token up inside the open transaction; on success fills s and sets
 * app.user_id for row-level security. Returns 1 when signed in, 0 when not, or a DB_
 * error. */
int session_load(struct db *db, const char *token, int idle_s, struct session *s);
/* Fills s->orgs from memberships as app.session_begin gives them, one JSON array
 * [{"org_id":1,"org":"...","role":"..."}, ...] (also for API tokens, cgi/api.c). Returns 0,
 * or -1 when out of memory. */
int session_parse_orgs(struct session *s, const char *json);
/* Frees what session_load allocated (safe on a zeroed session, and twice). */
void session_free(struct session *s);

/* A session starts only for a credential the database checks: each of these asks it to
 * make one with a new token (received in token, the cookie value), ending the browser's
 * previous session, whose token is previous (may be NULL). user_id receives the account
 * signed in, or 0 when the credential did not hold. Returns DB_OK or a DB_ error. */

/* After app.login_attempt in the same transaction: the password's proof
 * (auth_password_proof) for email; device and new_device as app.login_complete takes them. */
int session_start_login(struct db *db, const char *email, const char *address, const char *device,
                        const char *new_device, const char *proof, int absolute_s,
                        const char *previous, char token[48], long *user_id);
/* After app.invitation_accept in the same transaction, with the invitation token's hash. */
int session_start_invited(struct db *db, const char *invitation_hash, int absolute_s,
                          const char *previous, char token[48], long *user_id);

int session_end(struct db *db, const char *token);

/* All roles the user holds in any organisation. */
unsigned session_roles(const struct session *s);
/* The membership for org_id when it carries one of roles, else NULL. */
const struct membership *session_org(const struct session *s, long org_id, unsigned roles);
/* The first organisation where the user holds one of roles, else NULL. */
const struct membership *session_first_org(const struct session *s, unsigned roles);

#endif
