/* portalctl.c - operator's command line, run with the owner role's connection:
 *   portalctl demo                        load the demo organisations and users (once);
 *                                         prints "email password role organisation" lines
 *   portalctl set-password EMAIL          new password from standard input
 *   portalctl create-admin ORG EMAIL NAME the first administrator of a new installation:
 *                                         the organisation (made when none has that name)
 *                                         and its org_admin, password from standard input
 *   portalctl add-recipient ORG NAME URL  an alert endpoint for a parent organisation
 *   portalctl seal                        seals the secret on standard input (a recipient
 *                                         credential) with PORTAL_SECRET_KEY and prints it
 *                                         as bytea hex, for recipients.credentials
 * The connection comes from PORTAL_OWNER_DB (a libpq conninfo); seal needs none. */
#include "audit_chain.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "secret.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct demo_org {
    const char *name;
    const char *parent; /* NULL for the parent itself */
    const char *kind;   /* relation to the parent */
};

static const struct demo_org demo_orgs[] = {
    {"Northwind Group", NULL, NULL},
    {"Northwind Energy", "Northwind Group", "group_company"},
    {"Northwind Logistics", "Northwind Group", "group_company"},
    {"Acme Cloud Services", "Northwind Group", "supplier"},
    {"Bolt Security Ltd", "Northwind Group", "supplier"},
};

struct demo_user {
    const char *email;
    const char *name;
    const char *org;
    const char *roles; /* comma-separated */
};

static const struct demo_user demo_users[] = {
    {"admin@northwind.example", "Nora Admin", "Northwind Group", "org_admin"},
    {"reviewer@northwind.example", "Rita Reviewer", "Northwind Group", "reviewer"},
    {"coordinator@northwind.example", "Colin Coordinator", "Northwind Group", "coordinator"},
    {"assessor@energy.example", "Erik Assessor", "Northwind Energy", "assessor"},
    {"reporter@energy.example", "Emma Reporter", "Northwind Energy", "incident_reporter"},
    {"assessor@logistics.example", "Lars Assessor", "Northwind Logistics",
     "assessor,incident_reporter"},
    {"assessor@acme.example", "Anna Assessor", "Acme Cloud Services", "assessor,incident_reporter"},
    {"reporter@bolt.example", "Ben Reporter", "Bolt Security Ltd", "incident_reporter"},
};

static int fail(struct db *db, const char *what)
{
    fprintf(stderr, "portalctl: %s: %s\n", what, db->error);
    db_rollback(db);
    db_close(db);
    return 1;
}

static int cmd_demo(struct db *db)
{
    PGresult *res;
    if (db_begin(db) != DB_OK)
        return fail(db, "begin");
    for (size_t i = 0; i < sizeof demo_orgs / sizeof demo_orgs[0]; i++) {
        const struct demo_org *o = &demo_orgs[i];
        const char *p[] = {o->name};
        if (db_exec(db, NULL,
                    "INSERT INTO organisations (name) SELECT $1 WHERE NOT EXISTS "
                    "(SELECT 1 FROM organisations WHERE name = $1)",
                    1, p) != DB_OK)
            return fail(db, "organisation");
        if (o->parent) {
            const char *q[] = {o->parent, o->name, o->kind};
            if (db_exec(db, NULL,
                        "INSERT INTO org_relations (parent_id, child_id, kind) "
                        "SELECT p.id, c.id, $3 FROM organisations p, organisations c "
                        "WHERE p.name = $1 AND c.name = $2 ON CONFLICT DO NOTHING",
                        3, q) != DB_OK)
                return fail(db, "relation");
        }
    }
    for (size_t i = 0; i < sizeof demo_users / sizeof demo_users[0]; i++) {
        const struct demo_user *u = &demo_users[i];
        char password[17], hash[AUTH_PWHASH_TEXT];
        auth_password_random(password);
        if (auth_password_hash(password, hash) != 0) {
            fprintf(stderr, "portalctl: cannot hash a password\n");
            return 1;
        }
        const char *p[] = {u->email, u->name, hash};
        if (db_exec(db, &res,
                    "INSERT INTO users (email, display_name, password_hash) VALUES ($1, $2, $3) "
                    "ON CONFLICT (email) DO NOTHING RETURNING id",
                    3, p) != DB_OK)
            return fail(db, "user");
        int created = PQntuples(res) == 1;
        PQclear(res);
        if (!created)
            continue; /* loaded before: its password stays what it was */
        const char *q[] = {u->email, u->org, u->roles};
        if (db_exec(db, NULL,
                    "INSERT INTO memberships (user_id, org_id, role) "
                    "SELECT u.id, o.id, r FROM users u, organisations o, "
                    "       unnest(string_to_array($3, ',')) r "
                    "WHERE u.email = $1 AND o.name = $2",
                    3, q) != DB_OK)
            return fail(db, "membership");
        printf("%-32s %-18s %-28s %s\n", u->email, password, u->roles, u->org);
    }
    if (db_commit(db) != DB_OK)
        return fail(db, "commit");
    return 0;
}

/* Reads a password from standard input and hashes it into hash. Returns 0, or 1 with a
 * message (none given, too short, cannot hash). */
static int password_from_stdin(char hash[AUTH_PWHASH_TEXT])
{
    char password[1024];
    if (!fgets(password, sizeof password, stdin)) {
        fprintf(stderr, "portalctl: no password on standard input\n");
        return 1;
    }
    password[strcspn(password, "\r\n")] = '\0';
    if (strlen(password) < 12) {
        fprintf(stderr, "portalctl: a password needs at least 12 characters\n");
        return 1;
    }
    int rc = auth_password_hash(password, hash) == 0 ? 0 : 1;
    if (rc)
        fprintf(stderr, "portalctl: cannot hash the password\n");
    explicit_bzero(password, sizeof password);
    return rc;
}

static int cmd_set_password(struct db *db, const char *email)
{
    char hash[AUTH_PWHASH_TEXT];
    if (password_from_stdin(hash) != 0)
        return 1;
    const char *p[] = {email, hash};
    PGresult *res;
    if (db_exec(db, &res,
                "UPDATE users SET password_hash = $2 WHERE email = lower($1) RETURNING id", 2,
                p) != DB_OK)
        return fail(db, "update");
    int found = PQntuples(res) == 1;
    PQclear(res);
    if (!found) {
        fprintf(stderr, "portalctl: no user %s\n", email);
        return 1;
    }
    return 0;
}

/* Columns of create-admin's statement: the organisation's and the user's ids (the user's
 * 0 when that e-mail address has an account already). */
enum { CA_ORG, CA_USER };

static int cmd_create_admin(struct db *db, const char *org, const char *email, const char *name)
{
    if (!*org || !strchr(email, '@') || !*name) {
        fprintf(stderr, "portalctl: create-admin needs an organisation, an e-mail address and "
                        "a name\n");
        return 2;
    }
    char hash[AUTH_PWHASH_TEXT];
    if (password_from_stdin(hash) != 0)
        return 1;
    if (db_begin(db) != DB_OK)
        return fail(db, "begin");
    const char *p[] = {org, email, name, hash};
    PGresult *res;
    if (db_exec(db, &res,
                "WITH o AS (INSERT INTO organisations (name) SELECT $1 WHERE NOT EXISTS "
                "  (SELECT 1 FROM organisations WHERE name = $1) RETURNING id), "
                "org AS (SELECT id FROM o UNION ALL "
                "  SELECT id FROM organisations WHERE name = $1), "
                "u AS (INSERT INTO users (email, display_name, password_hash) "
                "  VALUES (lower($2), $3, $4) ON CONFLICT (email) DO NOTHING RETURNING id), "
                "m AS (INSERT INTO memberships (user_id, org_id, role) "
                "  SELECT u.id, org.id, 'org_admin' FROM u, org RETURNING user_id) "
                "SELECT (SELECT id FROM org), coalesce((SELECT user_id FROM m), 0) "
                "WHERE (SELECT count(*) FROM org) = 1",
                4, p) != DB_OK)
        return fail(db, "create-admin");
    long org_id = PQntuples(res) == 1 ? db_long(res, 0, CA_ORG) : 0;
    long user_id = PQntuples(res) == 1 ? db_long(res, 0, CA_USER) : 0;
    PQclear(res);
    if (!org_id || !user_id) {
        db_rollback(db);
        fprintf(stderr,
                org_id ? "portalctl: %s has an account already (set-password changes its "
                         "password)\n"
                       : "portalctl: more than one organisation is named %s\n",
                org_id ? email : org);
        return 1;
    }
    if (db_audit(db, 0, org_id, "create_admin", "user", user_id, NULL) != DB_OK ||
        db_commit(db) != DB_OK)
        return fail(db, "commit");
    printf("%ld %ld\n", org_id, user_id);
    return 0;
}

/* Column of the new recipient's row: its id. */
enum { RECIPIENT_ID_COLUMN };

static int cmd_add_recipient(struct db *db, const char *org, const char *name, const char *url)
{
    const char *p[] = {org, name, url};
    PGresult *res;
    if (db_exec(db, &res,
                "INSERT INTO recipients (org_id, name, url) "
                "SELECT id, $2, $3 FROM organisations WHERE name = $1 "
                "AND (SELECT count(*) FROM organisations WHERE name = $1) = 1 RETURNING id",
                3, p) != DB_OK)
        return fail(db, "recipient");
    int found = PQntuples(res) == 1;
    if (found)
        printf("%s\n", db_text(res, 0, RECIPIENT_ID_COLUMN));
    PQclear(res);
    if (!found) {
        fprintf(stderr, "portalctl: no organisation %s, or more than one of that name\n", org);
        return 1;
    }
    return 0;
}

/* One line from standard input (without its line end) sealed under PORTAL_SECRET_KEY. */
static int cmd_seal(void)
{
    struct config cfg;
    unsigned char key[SECRET_KEY_BYTES];
    if (config_load(&cfg) != 0 || secret_key_parse(cfg.secret_key, key) != 0) {
        fprintf(stderr, "portalctl: PORTAL_SECRET_KEY must be 64 hex characters\n");
        return 1;
    }
    char secret[4096];
    if (fgets(secret, sizeof secret, stdin))
        secret[strcspn(secret, "\r\n")] = '\0';
    else
        secret[0] = '\0';
    if (!secret[0]) {
        fprintf(stderr, "portalctl: no secret on standard input\n");
        return 1;
    }
    char *sealed = secret_seal(key, secret);
    memset(secret, 0, sizeof secret);
    memset(key, 0, sizeof key);
    if (!sealed) {
        fprintf(stderr, "portalctl: cannot seal\n");
        return 1;
    }
    printf("%s\n", sealed);
    free(sealed);
    return 0;
}

/* Exit status 0 when every chain checked is whole, 1 when one is broken. */
static int cmd_audit_verify(struct db *db, const char *org)
{
    char *end = NULL;
    long org_id = org ? strtol(org, &end, 10) : -1;
    if (org && (*end || org_id < 0)) {
        fprintf(stderr, "portalctl: audit-verify takes an organisation id (0: rows without one)\n");
        return 2;
    }
    int broken = audit_verify(db, org_id, stdout);
    if (broken < 0) {
        fprintf(stderr, "portalctl: cannot read the audit log: %s\n", db->error);
        return 2;
    }
    return broken ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "seal") == 0)
        return cmd_seal();
    const char *conninfo = getenv("PORTAL_OWNER_DB");
    if (argc < 2 || !conninfo) {
        fprintf(stderr, "usage: PORTAL_OWNER_DB=conninfo portalctl demo | set-password EMAIL "
                        "| create-admin ORG EMAIL NAME | add-recipient ORG NAME URL "
                        "| audit-verify [ORG_ID] | seal\n");
        return 2;
    }
    if (auth_init() != 0)
        return 1;
    struct db db;
    memset(&db, 0, sizeof db);
    if (db_connect(&db, conninfo) != DB_OK) {
        fprintf(stderr, "portalctl: cannot connect: %s\n", db.error);
        return 1;
    }
    int rc = 2;
    if (strcmp(argv[1], "demo") == 0 && argc == 2)
        rc = cmd_demo(&db);
    else if (strcmp(argv[1], "set-password") == 0 && argc == 3)
        rc = cmd_set_password(&db, argv[2]);
    else if (strcmp(argv[1], "create-admin") == 0 && argc == 5)
        rc = cmd_create_admin(&db, argv[2], argv[3], argv[4]);
    else if (strcmp(argv[1], "add-recipient") == 0 && argc == 5)
        rc = cmd_add_recipient(&db, argv[2], argv[3], argv[4]);
    else if (strcmp(argv[1], "audit-verify") == 0 && (argc == 2 || argc == 3))
        rc = cmd_audit_verify(&db, argc == 3 ? argv[2] : NULL);
    else
        fprintf(stderr, "portalctl: unknown command or wrong arguments\n");
    db_close(&db);
    return rc;
}
