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

static void choices(HDF *hdf, const char *name, const char *const *list)
{
    for (int i = 0; list[i]; i++) {
        char key[64];
        snprintf(key, sizeof key, "Choices.%s.%d", name, i);
        view_set(hdf, key, list[i]);
    }
}

/* Columns of the recipient list's statement. */
enum recipient_list_column {
    RLC_ID,
    RLC_NAME,
    RLC_KIND,
    RLC_FORMAT,
    RLC_ENDPOINT,
    RLC_MAX_TLP,
    RLC_CATEGORIES,
    RLC_SEVERITIES,
    RLC_HAS_SECRET,
    RLC_ACTIVE,
    RLC_OWNER
};

/* Columns of the sharing rule list's statement. */
enum rule_list_column { RUC_ID, RUC_RECIPIENT, RUC_MIN_SEVERITY, RUC_CATEGORIES, RUC_ACTIVE };

/* What the recipients page shows: the recipients and sharing rules the user may see, and
 * the categories in force where the user coordinates. */
struct recipients_page {
    PGresult *recipients; /* enum recipient_list_column */
    PGresult *rules;      /* enum rule_list_column */
    struct categories cats;
};

static void recipients_free(struct recipients_page *page)
{
    if (page->recipients)
        PQclear(page->recipients);
    if (page->rules)
        PQclear(page->rules);
    categories_free(&page->cats);
    page->recipients = page->rules = NULL;
}

/* Returns 200 or 500 (then frees what it had read). */
static int recipients_load(struct ctx *c, struct recipients_page *page)
{
    memset(page, 0, sizeof *page);
    if (db_exec(c->db, &page->recipients,
                "SELECT r.id, r.name, r.kind, r.format, r.url, r.max_tlp, "
                "  array_to_string(r.categories, ', '), array_to_string(r.severities, ', '), "
                "  r.credentials IS NOT NULL, r.active, o.name FROM recipients r "
                "JOIN organisations o ON o.id = r.org_id ORDER BY o.name, r.name",
                0, NULL) != DB_OK ||
        db_exec(c->db, &page->rules,
                "SELECT ru.id, r.name, ru.min_severity, array_to_string(ru.categories, ', '), "
                "  ru.active FROM sharing_rules ru JOIN recipients r ON r.id = ru.recipient_id "
                "ORDER BY ru.id",
                0, NULL) != DB_OK) {
        recipients_free(page);
        return 500;
    }
    /* the categories of every organisation where the user coordinates */
    long orgs[CATEGORIES_MAX];
    int n = 0;
    for (int i = 0; i < c->sess->n_orgs && n < CATEGORIES_MAX; i++)
        if (c->sess->orgs[i].roles & ROLES_COORDINATORS)
            orgs[n++] = c->sess->orgs[i].org_id;
    if (categories_load(c, orgs, n, &page->cats) != 0) {
        recipients_free(page);
        return 500;
    }
    return 200;
}

static void recipients_to_hdf(struct ctx *c, const struct recipients_page *page)
{
    static const char *const names[] = {
        [RLC_ID] = "Id",
        [RLC_NAME] = "Name",
        [RLC_KIND] = "Kind",
        [RLC_FORMAT] = "Format",
        [RLC_ENDPOINT] = "Endpoint",
        [RLC_MAX_TLP] = "MaxTlp",
        [RLC_CATEGORIES] = "Categories",
        [RLC_SEVERITIES] = "Severities",
        [RLC_HAS_SECRET] = "HasSecret",
        [RLC_ACTIVE] = "Active",
        [RLC_OWNER] = "Owner",
    };
    portal_rows(c, "Recipients", page->recipients, names, (int)(sizeof names / sizeof *names));
    static const char *const rule_names[] = {
        [RUC_ID] = "Id",
        [RUC_RECIPIENT] = "Recipient",
        [RUC_MIN_SEVERITY] = "MinSeverity",
        [RUC_CATEGORIES] = "Categories",
        [RUC_ACTIVE] = "Active",
    };
    portal_rows(c, "Rules", page->rules, rule_names, (int)(sizeof rule_names / sizeof *rule_names));
    choices(c->req->hdf, "Kind", kinds);
    choices(c->req->hdf, "Format", formats);
    choices(c->req->hdf, "Tlp", incident_tlp_levels);
    choices(c->req->hdf, "Severity", incident_severities);
    categories_to_hdf(c, &page->cats);
    portal_page(c, "incident/recipients.cs", "recipients");
}

/* The recipients page with status (200, or 422 for a form coming back). */
static int recipients_show(struct ctx *c, int status)
{
    struct recipients_page page;
    int rc = recipients_load(c, &page);
    if (rc != 200)
        return rc;
    recipients_to_hdf(c, &page);
    recipients_free(&page);
    return status;
}

int handle_recipients(struct ctx *c)
{
    view_set(c->req->hdf, "Form.Values.max_tlp", "amber");
    view_set(c->req->hdf, "Form.Values.min_severity", "emergency");
    /* after a create: what was saved (recipient, rule) and for which recipient */
    const char *saved = req_param(c->req, "saved"), *id = req_param(c->req, "id");
    if (saved)
        view_set(c->req->hdf, "Flash", saved);
    if (saved && id)
        view_set(c->req->hdf, "Flash.Id", id);
    return recipients_show(c, 200);
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

/* Columns of a new row's RETURNING list. */
enum { NEW_ID_COLUMN };

/* Stores the recipient the form describes (already checked) for org_id, with the chosen
 * categories and severities as text[] literals and the sealed credentials (or NULL), and
 * logs it. Its id goes to id. Returns 200 or 500. */
static int recipient_store(struct ctx *c, long org_id, long *id, const char *categories,
                           const char *severities, const char *sealed)
{
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", org_id);
    const char *p[] = {oid,
                       req_param(c->req, "name"),
                       req_param(c->req, "kind"),
                       req_param(c->req, "format"),
                       req_param(c->req, "endpoint"),
                       req_param(c->req, "max_tlp"),
                       categories,
                       severities,
                       sealed};
    PGresult *res;
    if (db_exec(c->db, &res,
                "INSERT INTO recipients (org_id, name, kind, format, url, max_tlp, "
                "  categories, severities, credentials) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8::text[], $9::bytea) "
                "RETURNING id",
                9, p) != DB_OK)
        return 500;
    *id = db_long(res, 0, NEW_ID_COLUMN);
    PQclear(res);
    if (db_audit(c->db, c->sess->user_id, org_id, "create", "recipient", *id, NULL) != DB_OK)
        return 500;
    return 200;
}

/* 1 when recipient_id (a checked integer) is one of org_id's recipients, 0 when not, -1
 * on a database error. */
static int rule_recipient_owned(struct ctx *c, const char *recipient_id, long org_id)
{
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", org_id);
    const char *p[] = {recipient_id, oid};
    PGresult *res;
    if (db_exec(c->db, &res, "SELECT 1 FROM recipients WHERE id = $1::bigint AND org_id = $2", 2,
                p) != DB_OK)
        return -1;
    int owned = PQntuples(res) == 1;
    PQclear(res);
    return owned;
}

/* Stores the sharing rule the form describes (already checked) for org_id, with the chosen
 * categories as a text[] literal, and logs it. Returns 200 or 500. */
static int rule_store(struct ctx *c, long org_id, const char *recipient_id, const char *categories)
{
    char oid[24], uid[24];
    snprintf(oid, sizeof oid, "%ld", org_id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *p[] = {oid, recipient_id, req_param(c->req, "min_severity"), categories, uid};
    PGresult *res;
    if (db_exec(c->db, &res,
                "INSERT INTO sharing_rules (org_id, recipient_id, min_severity, categories, "
                "  created_by) VALUES ($1, $2, $3, $4::text[], $5) RETURNING id",
                5, p) != DB_OK)
        return 500;
    long id = db_long(res, 0, NEW_ID_COLUMN);
    PQclear(res);
    if (db_audit(c->db, c->sess->user_id, org_id, "create", "sharing_rule", id, NULL) != DB_OK)
        return 500;
    return 200;
}

int handle_recipient_create(struct ctx *c)
{
    const struct membership *org = portal_acting_org(c, ROLES_COORDINATORS);
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
        return recipients_show(c, 422);
    long id = 0;
    int rc = recipient_store(c, org->org_id, &id, categories, severities, sealed);
    secret_free(sealed);
    if (rc != 200)
        return rc;
    char where[64];
    snprintf(where, sizeof where, "/recipients?saved=recipient&id=%ld", id);
    resp_redirect(c->resp, where);
    return 303;
}

int handle_rule_create(struct ctx *c)
{
    const struct membership *org = portal_acting_org(c, ROLES_COORDINATORS);
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
    const char *rid = req_param(c->req, "recipient_id");
    if (!bad) {
        int owned = rule_recipient_owned(c, rid, org->org_id);
        if (owned < 0)
            return 500;
        if (!owned) {
            portal_form_error(c, "recipient_id", "not_a_choice");
            bad++;
        }
    }
    if (bad)
        return recipients_show(c, 422);
    int rc = rule_store(c, org->org_id, rid, categories);
    if (rc != 200)
        return rc;
    char where[64];
    snprintf(where, sizeof where, "/recipients?saved=rule&id=%s", rid);
    resp_redirect(c->resp, where);
    return 303;
}
