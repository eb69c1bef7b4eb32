/* handler_rapid.c - starting a rapid advisory campaign (rapid.h): the list of the user's
 * organisations' campaigns (GET /rapid), the form (GET /rapid/new, pre-filled from an
 * advisory with ?advisory_id=), and the start (POST /rapid): one CVE and a title, a
 * deadline in hours, a reminder schedule, and the organisations asked (all group companies
 * and suppliers, one kind of them, or those chosen). The products the respondents choose
 * from are the advisory's product tree names, fixed at the start. Each asked
 * organisation's people get an invitation mail in their language (schema/046). */
#include "csaf.h"
#include "form.h"
#include "lang.h"
#include "rapid.h"
#include "view.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const rapid_scopes[] = {"all", "group_company", "supplier", "chosen", NULL};

/* ---- GET /rapid ---- */

/* Columns of the list's statement. */
enum rapid_list_column {
    RLC_ID,
    RLC_CVE,
    RLC_TITLE,
    RLC_ORG,
    RLC_DEADLINE,
    RLC_OVERDUE,
    RLC_ASKED,
    RLC_ANSWERED,
    RLC_AFFECTED,
    RLC_COUNT,
};

static int rapid_list_load(struct ctx *c, PGresult **rows)
{
    /* the user's organisations' own campaigns (row-level security shows the asking
     * campaigns of respondents too: those are on the start page instead) */
    return db_exec(c->db, rows,
                   "SELECT c.id, c.cve, c.title, o.name, "
                   "  to_char(c.deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                   "  c.deadline < now(), "
                   "  (SELECT count(*) FROM rapid_requests q WHERE q.campaign_id = c.id), "
                   "  (SELECT count(*) FROM rapid_requests q WHERE q.campaign_id = c.id "
                   "     AND q.answer IS NOT NULL), "
                   "  (SELECT count(*) FROM rapid_requests q WHERE q.campaign_id = c.id "
                   "     AND q.answer = 'affected') "
                   "FROM rapid_campaigns c JOIN organisations o ON o.id = c.org_id "
                   "WHERE c.org_id IN (SELECT app.member_orgs()) "
                   "ORDER BY c.created_at DESC, c.id DESC LIMIT 200",
                   0, NULL) == DB_OK
               ? 200
               : 500;
}

int handle_rapid_list(struct ctx *c)
{
    PGresult *rows = NULL;
    int status = rapid_list_load(c, &rows);
    if (status == 200) {
        static const char *const names[RLC_COUNT] = {
            "Id", "Cve", "Title", "Org", "Deadline", "Overdue", "Asked", "Answered", "Affected"};
        portal_rows(c, "Campaigns", rows, names, RLC_COUNT);
        view_set_int(c->req->hdf, "Rapid.MayStart",
                     portal_acting_org(c, ROLES_COORDINATORS) != NULL);
        portal_page(c, "rapid/list.cs", "rapid");
    }
    if (rows)
        PQclear(rows);
    return status;
}

/* ---- GET /rapid/new, POST /rapid ---- */

/* Columns of the advisory a campaign starts from. */
enum rapid_advisory_column { RAC_ID, RAC_TITLE, RAC_FIRST_CVE, RAC_DOCUMENT };
/* Columns of the organisations that may be asked. */
enum rapid_target_column { RTC_ID, RTC_NAME, RTC_KIND, RTC_COUNT };

struct rapid_new {
    long org;
    PGresult *advisory; /* enum rapid_advisory_column; NULL when started by hand */
    PGresult *targets;  /* enum rapid_target_column */
    json_t *products;   /* the choices: names from the advisory's product tree */
};

static void rapid_new_free(struct rapid_new *n)
{
    if (n->advisory)
        PQclear(n->advisory);
    if (n->targets)
        PQclear(n->targets);
    json_decref(n->products);
}

/* Appends the names of the products ids lists (a product_status array) to names, once
 * each, at most RAPID_MAX_PRODUCTS. */
static void product_names_add(json_t *doc, json_t *ids, json_t *names)
{
    size_t k, m;
    json_t *id, *seen;
    json_array_foreach(ids, k, id)
    {
        const char *name =
            json_is_string(id) ? csaf_product_name(doc, json_string_value(id)) : NULL;
        int known = !name;
        json_array_foreach(names, m, seen) known |= strcmp(json_string_value(seen), name) == 0;
        if (!known && json_array_size(names) < RAPID_MAX_PRODUCTS)
            json_array_append_new(names, json_string(name));
    }
}

/* The names of the products the advisory's vulnerabilities give a status, once each: the
 * affected and those under investigation first, then the fixed and the others. */
static json_t *advisory_products(json_t *doc)
{
    static const char *const first[] = {"known_affected", "first_affected", "last_affected",
                                        "under_investigation", NULL};
    json_t *names = json_array();
    for (int pass = 0; names && pass < 2; pass++) {
        size_t i;
        json_t *vuln;
        json_array_foreach(json_object_get(doc, "vulnerabilities"), i, vuln)
        {
            const char *status;
            json_t *ids;
            json_object_foreach(json_object_get(vuln, "product_status"), status, ids)
            {
                int is_first = 0;
                for (const char *const *f = first; *f; f++)
                    is_first |= strcmp(status, *f) == 0;
                if (is_first == (pass == 0))
                    product_names_add(doc, ids, names);
            }
        }
    }
    return names;
}

/* Reads what the form offers for org: the advisory advisory_id (0 for none; it must be
 * org's) and org's group companies and suppliers. Returns 200, 404 or 500. */
static int rapid_new_load(struct ctx *c, long org, long advisory_id, struct rapid_new *n)
{
    memset(n, 0, sizeof *n);
    n->org = org;
    char oid[24], aid[24];
    snprintf(oid, sizeof oid, "%ld", org);
    snprintf(aid, sizeof aid, "%ld", advisory_id);
    const char *p[] = {oid, aid};
    if (advisory_id) {
        if (db_exec(c->db, &n->advisory,
                    "SELECT id, title, coalesce(cves[1], ''), document::text FROM advisories "
                    "WHERE org_id = $1 AND id = $2",
                    2, p) != DB_OK)
            return 500;
        if (PQntuples(n->advisory) != 1)
            return 404;
        json_error_t e;
        json_t *doc = json_loads(db_text(n->advisory, 0, RAC_DOCUMENT), 0, &e);
        if (!doc)
            return 500;
        n->products = advisory_products(doc);
        json_decref(doc);
    } else
        n->products = json_array();
    if (!n->products)
        return 500;
    return db_exec(c->db, &n->targets,
                   "SELECT o.id, o.name, r.kind FROM org_relations r "
                   "JOIN organisations o ON o.id = r.child_id "
                   "WHERE r.parent_id = $1 AND (r.administers OR r.confirmed_at IS NOT NULL) "
                   "ORDER BY r.kind, o.name, o.id",
                   1, p) == DB_OK
               ? 200
               : 500;
}

static void rapid_new_to_hdf(struct ctx *c, const struct rapid_new *n)
{
    HDF *hdf = c->req->hdf;
    view_set_int(hdf, "Form.OrgId", n->org);
    if (n->advisory) {
        view_set(hdf, "Rapid.AdvisoryId", db_text(n->advisory, 0, RAC_ID));
        view_set(hdf, "Rapid.AdvisoryTitle", db_text(n->advisory, 0, RAC_TITLE));
    }
    size_t i;
    json_t *name;
    json_array_foreach(n->products, i, name)
    {
        char key[48];
        snprintf(key, sizeof key, "Rapid.Products.%zu", i);
        view_set(hdf, key, json_string_value(name));
    }
    static const char *const names[RTC_COUNT] = {"Id", "Name", "Kind"};
    portal_rows(c, "Rapid.Targets", n->targets, names, RTC_COUNT);
}

static int rapid_form_page(struct ctx *c, const struct rapid_new *n, int status)
{
    rapid_new_to_hdf(c, n);
    portal_page(c, "rapid/new.cs", "rapid_new");
    return status;
}

int handle_rapid_form(struct ctx *c)
{
    const struct membership *org = portal_acting_org(c, ROLES_COORDINATORS);
    if (!org)
        return 403;
    c->org_id = org->org_id;
    const char *aid = req_param(c->req, "advisory_id");
    struct rapid_new n;
    int status = rapid_new_load(c, org->org_id, aid ? strtol(aid, NULL, 10) : 0, &n);
    if (status == 200) {
        HDF *hdf = c->req->hdf;
        if (n.advisory) {
            view_set(hdf, "Form.Values.cve", db_text(n.advisory, 0, RAC_FIRST_CVE));
            view_set(hdf, "Form.Values.title", db_text(n.advisory, 0, RAC_TITLE));
        }
        view_set(hdf, "Form.Values.deadline_hours", "24");
        view_set(hdf, "Form.Values.remind_hours", "12");
        view_set(hdf, "Form.Values.scope", "all");
        status = rapid_form_page(c, &n, 200);
    }
    rapid_new_free(&n);
    return status;
}

/* 1 when s is a CVE id: CVE-, a four-digit year, -, four or more digits. */
static int is_cve(const char *s)
{
    if (!s || strncmp(s, "CVE-", 4) != 0)
        return 0;
    s += 4;
    for (int i = 0; i < 4; i++)
        if (!isdigit((unsigned char)*s++))
            return 0;
    if (*s++ != '-')
        return 0;
    size_t digits = strspn(s, "0123456789");
    return digits >= 4 && s[digits] == '\0';
}

/* The organisations asked by the form's scope (or its org_<id> choices) among n's targets,
 * as a PostgreSQL array literal in out. Returns how many. */
static int rapid_chosen(struct ctx *c, const struct rapid_new *n, char *out, size_t size)
{
    const char *scope = req_param(c->req, "scope");
    int k = 0;
    size_t len = (size_t)snprintf(out, size, "{");
    for (int i = 0; i < PQntuples(n->targets); i++) {
        const char *id = db_text(n->targets, i, RTC_ID);
        int in;
        if (!scope || strcmp(scope, "chosen") == 0) {
            char name[40];
            snprintf(name, sizeof name, "org_%s", id);
            const char *v = req_param(c->req, name);
            in = v && strcmp(v, "1") == 0;
            char key[64];
            snprintf(key, sizeof key, "Form.Values.%s", name);
            view_set(c->req->hdf, key, in ? "1" : "");
        } else
            in = strcmp(scope, "all") == 0 || strcmp(scope, db_text(n->targets, i, RTC_KIND)) == 0;
        if (in && len + strlen(id) + 2 < size) {
            len += (size_t)snprintf(out + len, size - len, "%s%s", k ? "," : "", id);
            k++;
        }
    }
    snprintf(out + len, size - len, "}");
    return k;
}

/* The words of the rapid campaign mails in every language, as app.queue_rapid_invitations
 * and app.queue_rapid_reminders take them (a JSON text to free, or NULL). The forwarder
 * reads the same keys (forwarder.c). */
char *rapid_mail_words(void)
{
    static const char *const keys[][2] = {
        {"invite_subject", "Mail.Rapid.InviteSubject"},
        {"invite_body", "Mail.Rapid.InviteBody"},
        {"remind_subject", "Mail.Rapid.RemindSubject"},
        {"remind_body", "Mail.Rapid.RemindBody"},
        {"escalate_subject", "Mail.Rapid.EscalateSubject"},
        {"escalate_body", "Mail.Rapid.EscalateBody"},
    };
    return view_lang_words_json(keys, sizeof keys / sizeof keys[0]);
}

/* Column of the new campaign's id. */
enum { NEW_RAPID_ID_COLUMN };

/* Stores the campaign of the form for n's organisation, its requests to the orgs array
 * literal, and queues the invitations. *id receives the campaign's id. Returns 0 or 500. */
static int rapid_store(struct ctx *c, const struct rapid_new *n, const char *orgs, long *id)
{
    char oid[24], uid[24];
    snprintf(oid, sizeof oid, "%ld", n->org);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    char *products = json_dumps(n->products, JSON_COMPACT);
    if (!products)
        return 500;
    const char *p[] = {oid,
                       n->advisory ? db_text(n->advisory, 0, RAC_ID) : NULL,
                       req_param(c->req, "cve"),
                       req_param(c->req, "title"),
                       req_param(c->req, "deadline_hours"),
                       req_param(c->req, "remind_hours"),
                       products,
                       uid};
    PGresult *res;
    int rc = db_exec(c->db, &res,
                     "INSERT INTO rapid_campaigns (org_id, advisory_id, cve, title, deadline, "
                     "  remind_hours, products, created_by) "
                     "VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5::int), $6, "
                     "  ARRAY(SELECT jsonb_array_elements_text($7::jsonb)), $8) RETURNING id",
                     8, p);
    free(products);
    if (rc != DB_OK)
        return 500;
    *id = db_long(res, 0, NEW_RAPID_ID_COLUMN);
    PQclear(res);
    char cid[24];
    snprintf(cid, sizeof cid, "%ld", *id);
    const char *q[] = {cid, orgs};
    if (db_exec(c->db, NULL,
                "INSERT INTO rapid_requests (campaign_id, org_id) "
                "SELECT $1, unnest($2::bigint[])",
                2, q) != DB_OK)
        return 500;
    char *words = rapid_mail_words();
    if (!words)
        return 500;
    const char *m[] = {cid, c->cfg->base_url, words};
    rc = db_exec(c->db, NULL, "SELECT app.queue_rapid_invitations($1, $2, $3::jsonb)", 3, m);
    free(words);
    if (rc != DB_OK)
        return 500;
    return db_audit(c->db, c->sess->user_id, n->org, "start_rapid_campaign", "rapid_campaign", *id,
                    NULL) == DB_OK
               ? 0
               : 500;
}

int handle_rapid_create(struct ctx *c)
{
    const struct membership *org = portal_acting_org(c, ROLES_COORDINATORS);
    if (!org)
        return 403;
    c->org_id = org->org_id;
    const char *aid = req_param(c->req, "advisory_id");
    struct rapid_new n;
    int status = rapid_new_load(c, org->org_id, aid && *aid ? strtol(aid, NULL, 10) : 0, &n);
    if (status != 200) {
        rapid_new_free(&n);
        return status;
    }
    static const struct field fields[] = {
        {"cve", FIELD_TEXT, 1, 13, 24, NULL},
        {"title", FIELD_TEXT, 1, 1, 300, NULL},
        {"deadline_hours", FIELD_INT, 1, 1, 720, NULL},
        {"remind_hours", FIELD_INT, 1, 0, 720, NULL},
        {"scope", FIELD_CHOICE, 1, 0, 0, rapid_scopes},
    };
    size_t bad = portal_form_check(c, fields, sizeof fields / sizeof fields[0]);
    const char *cve = req_param(c->req, "cve");
    if (cve && *cve && !is_cve(cve)) {
        portal_form_error(c, "cve", "bad_cve");
        bad++;
    }
    size_t orgs_size = (size_t)PQntuples(n.targets) * 24 + 3;
    char *orgs = malloc(orgs_size);
    if (!orgs) {
        rapid_new_free(&n);
        return 500;
    }
    int asked = rapid_chosen(c, &n, orgs, orgs_size);
    if (!bad && asked == 0) {
        view_set(c->req->hdf, "Form.Message", "no_targets");
        bad++;
    }
    long id = 0;
    if (bad)
        status = rapid_form_page(c, &n, 422);
    else if ((status = rapid_store(c, &n, orgs, &id)) == 0) {
        char where[48];
        snprintf(where, sizeof where, "/rapid/%ld?saved=started", id);
        resp_redirect(c->resp, where);
        status = 303;
    }
    free(orgs);
    rapid_new_free(&n);
    return status;
}
