/* handler_recipient.c - the authorities and special-interest groups an organisation
 * shares with (ISO/IEC 27035-2 clause 8): endpoint, format, credentials (sealed with
 * libsodium, never shown back), the highest TLP each may receive, the categories and
 * severities it wants; and the sharing rules that release incidents automatically. */
#include "categories.h"
#include "form.h"
#include "incident.h"
#include "portal.h"
#include "secret.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kinds[] = {"authority", "isac", "other", NULL};
static const char *const formats[] = {"webhook", "stix", "misp", "email", NULL};

static const struct membership *sharing_org(struct ctx *c)
{
    const char *v = req_param(c->req, "org_id");
    return v && *v ? session_org(c->sess, strtol(v, NULL, 10), ROLES_COORDINATORS)
                   : session_first_org(c->sess, ROLES_COORDINATORS);
}

static void choices(HDF *hdf, const char *name, const char *const *list)
{
    for (int i = 0; list[i]; i++) {
        char key[64];
        snprintf(key, sizeof key, "Choices.%s.%d", name, i);
        view_set(hdf, key, list[i]);
    }
}

static int recipients_page(struct ctx *c, int status)
{
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT r.id, r.name, r.kind, r.format, r.url, r.max_tlp, "
                "  array_to_string(r.categories, ', '), array_to_string(r.severities, ', '), "
                "  r.credentials IS NOT NULL, r.active, o.name FROM recipients r "
                "JOIN organisations o ON o.id = r.org_id ORDER BY o.name, r.name",
                0, NULL) != DB_OK)
        return 500;
    static const char *const names[] = {"Id",        "Name",   "Kind",       "Format",
                                        "Endpoint",  "MaxTlp", "Categories", "Severities",
                                        "HasSecret", "Active", "Owner"};
    portal_rows(c, "Recipients", res, names, 11);
    PQclear(res);
    if (db_exec(c->db, &res,
                "SELECT ru.id, r.name, ru.min_severity, array_to_string(ru.categories, ', '), "
                "  ru.active FROM sharing_rules ru JOIN recipients r ON r.id = ru.recipient_id "
                "ORDER BY ru.id",
                0, NULL) != DB_OK)
        return 500;
    static const char *const rn[] = {"Id", "Recipient", "MinSeverity", "Categories", "Active"};
    portal_rows(c, "Rules", res, rn, 5);
    PQclear(res);
    choices(c->req->hdf, "Kind", kinds);
    choices(c->req->hdf, "Format", formats);
    choices(c->req->hdf, "Tlp", incident_tlp_levels);
    choices(c->req->hdf, "Severity", incident_severities);
    if (categories_page_for_roles(c, ROLES_COORDINATORS) != 0)
        return 500;
    portal_page(c, "incident/recipients.cs", "recipients");
    return status;
}

int handle_recipients(struct ctx *c)
{
    view_set(c->req->hdf, "Form.Values.max_tlp", "amber");
    view_set(c->req->hdf, "Form.Values.min_severity", "emergency");
    return recipients_page(c, 200);
}

/* A PostgreSQL text[] literal of the chosen list members (fields <prefix><code> = 1). */
static void chosen_array(struct ctx *c, const char *prefix, const char *const *list, char *out,
                         size_t size)
{
    snprintf(out, size, "{");
    for (int i = 0; list[i]; i++) {
        char name[64];
        snprintf(name, sizeof name, "%s%s", prefix, list[i]);
        const char *v = req_param(c->req, name);
        char key[96];
        snprintf(key, sizeof key, "Form.Values.%s", name);
        view_set(c->req->hdf, key, v && strcmp(v, "1") == 0 ? "1" : "");
        if (v && strcmp(v, "1") == 0)
            snprintf(out + strlen(out), size - strlen(out), "%s%s", out[1] ? "," : "", list[i]);
    }
    snprintf(out + strlen(out), size - strlen(out), "}");
}

int handle_recipient_create(struct ctx *c)
{
    const struct membership *org = sharing_org(c);
    if (!org)
        return 403;
    c->org_id = org->org_id;
    static const struct field fields[] = {
        {"name", FIELD_TEXT, 1, 2, 200, NULL},
        {"kind", FIELD_CHOICE, 1, 0, 0, kinds},
        {"format", FIELD_CHOICE, 1, 0, 0, formats},
        {"endpoint", FIELD_TEXT, 1, 5, 500, NULL},
        {"secret", FIELD_TEXT, 0, 0, 500, NULL},
        {"max_tlp", FIELD_CHOICE, 1, 0, 0, incident_tlp_levels},
    };
    size_t bad = portal_form_check(c, fields, 6);
    view_set(c->req->hdf, "Form.Values.secret", ""); /* never shown back */
    const char *format = req_param(c->req, "format");
    const char *endpoint = req_param(c->req, "endpoint");
    if (!bad && strcmp(format, "email") == 0) {
        struct field ef = {"endpoint", FIELD_EMAIL, 1, 3, 254, NULL};
        bad += portal_form_check(c, &ef, 1);
    } else if (!bad && strncmp(endpoint, "https://", 8) != 0 &&
               strncmp(endpoint, "http://", 7) != 0) {
        portal_form_error(c, "endpoint", "bad_url");
        bad++;
    }
    char categories[1024], severities[256];
    struct categories cats;
    if (categories_load(c, &org->org_id, 1, &cats) != 0)
        return 500;
    chosen_array(c, "cat_", cats.codes, categories, sizeof categories);
    categories_free(&cats);
    chosen_array(c, "sev_", incident_severities, severities, sizeof severities);
    const char *secret = req_param(c->req, "secret");
    char *sealed = NULL;
    if (!bad && secret && *secret) {
        unsigned char key[SECRET_KEY_BYTES];
        if (secret_key_parse(c->cfg->secret_key, key) != 0) {
            portal_form_error(c, "secret", "no_secret_key");
            bad++;
        } else if (!(sealed = secret_seal(key, secret))) {
            return 500;
        }
    }
    if (bad)
        return recipients_page(c, 422);
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", org->org_id);
    const char *p[] = {oid,
                       req_param(c->req, "name"),
                       req_param(c->req, "kind"),
                       format,
                       endpoint,
                       req_param(c->req, "max_tlp"),
                       categories,
                       severities,
                       sealed};
    PGresult *res;
    int rc = db_exec(c->db, &res,
                     "INSERT INTO recipients (org_id, name, kind, format, url, max_tlp, "
                     "  categories, severities, credentials) "
                     "VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8::text[], $9::bytea) "
                     "RETURNING id",
                     9, p);
    secret_free(sealed);
    if (rc != DB_OK)
        return 500;
    long id = db_long(res, 0, 0);
    PQclear(res);
    if (db_audit(c->db, c->sess->user_id, org->org_id, "create", "recipient", id, NULL) != DB_OK)
        return 500;
    resp_redirect(c->resp, "/recipients?saved=recipient");
    return 303;
}

int handle_rule_create(struct ctx *c)
{
    const struct membership *org = sharing_org(c);
    if (!org)
        return 403;
    c->org_id = org->org_id;
    static const struct field fields[] = {
        {"recipient_id", FIELD_INT, 1, 1, 2000000000L, NULL},
        {"min_severity", FIELD_CHOICE, 1, 0, 0, incident_severities},
    };
    size_t bad = portal_form_check(c, fields, 2);
    char categories[1024];
    struct categories cats;
    if (categories_load(c, &org->org_id, 1, &cats) != 0)
        return 500;
    chosen_array(c, "rule_cat_", cats.codes, categories, sizeof categories);
    categories_free(&cats);
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", org->org_id);
    const char *rid = req_param(c->req, "recipient_id");
    if (!bad) {
        const char *p[] = {rid, oid};
        PGresult *res;
        if (db_exec(c->db, &res, "SELECT 1 FROM recipients WHERE id = $1::bigint AND org_id = $2",
                    2, p) != DB_OK)
            return 500;
        if (PQntuples(res) != 1) {
            portal_form_error(c, "recipient_id", "not_a_choice");
            bad++;
        }
        PQclear(res);
    }
    if (bad)
        return recipients_page(c, 422);
    char uid[24];
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *p[] = {oid, rid, req_param(c->req, "min_severity"), categories, uid};
    PGresult *res;
    if (db_exec(c->db, &res,
                "INSERT INTO sharing_rules (org_id, recipient_id, min_severity, categories, "
                "  created_by) VALUES ($1, $2, $3, $4::text[], $5) RETURNING id",
                5, p) != DB_OK)
        return 500;
    long id = db_long(res, 0, 0);
    PQclear(res);
    if (db_audit(c->db, c->sess->user_id, org->org_id, "create", "sharing_rule", id, NULL) != DB_OK)
        return 500;
    resp_redirect(c->resp, "/recipients?saved=rule");
    return 303;
}
