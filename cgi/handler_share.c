/* handler_share.c - sharing an incident with authorities and special-interest groups
 * (ISO/IEC 27035-2 clause 8) under TLP 2.0: the coordinator chooses among the recipients
 * the TLP and their wishes allow, sees exactly what each will receive, may leave fields out
 * or anonymise the reporting organisation, and approves; sharing rules release matching
 * incidents by themselves. Every payload is built by lib/share_format from the same
 * record and queued in the outbox in the transaction that approves it. */
#include "auth.h"
#include "form.h"
#include "incident.h"
#include "portal.h"
#include "share.h"
#include "share_format.h"
#include "share_view.h"
#include "timeline.h"
#include "view.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const omittable[] = {"description", "assets", "impact", "actions", NULL};

/* Columns of the incident as it may be shared. */
enum {
    SI_NUMBER,
    SI_TITLE,
    SI_DESCRIPTION,
    SI_CATEGORY,
    SI_CATEGORY_LABEL,
    SI_SEVERITY,
    SI_TLP,
    SI_NATURE,
    SI_OCCURRED,
    SI_DETECTED,
    SI_REPORTED,
    SI_ORG,
    SI_ORG_ID,
    SI_ASSETS,
    SI_IMPACT,
    SI_ACTIONS
};

int share_incident_load(struct ctx *c, long incident, PGresult **out)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", incident);
    const char *p[] = {id};
    int rc =
        db_exec(c->db, out,
                "SELECT i.number, i.title, i.description, i.category, "
                "  coalesce(sc.label, i.category), i.severity, i.tlp, i.nature, "
                "  to_char(i.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
                "  to_char(i.detected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
                "  to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
                "  o.name, o.id::text, "
                "  concat_ws('; ', nullif(i.assets_information, ''), "
                "    nullif(i.assets_hardware, ''), nullif(i.assets_software, ''), "
                "    nullif(i.assets_communications, ''), nullif(i.assets_documentation, '')), "
                "  concat_ws('; ', 'C: ' || nullif(i.impact_confidentiality, ''), "
                "    'I: ' || nullif(i.impact_integrity, ''), "
                "    'A: ' || nullif(i.impact_availability, ''), "
                "    'estimated cost ' || i.estimated_cost::text), "
                "  concat_ws('; ', 'taken: ' || nullif(i.actions_taken, ''), "
                "    'planned: ' || nullif(i.actions_planned, ''), "
                "    'outstanding: ' || nullif(i.actions_outstanding, '')) "
                "FROM incidents i JOIN organisations o ON o.id = i.org_id "
                "LEFT JOIN scale_categories sc ON sc.scale_id = coalesce(i.scale_id, "
                "  app.scale_for(i.org_id)) AND sc.code = i.category WHERE i.id = $1",
                1, p);
    if (rc != DB_OK)
        return -1;
    return PQntuples(*out) == 1 ? 0 : 1;
}

static const char *or_null(const char *s)
{
    return s && *s ? s : NULL;
}

void share_incident_fill(PGresult *r, const char *const *omitted, int anonymise, const char *key,
                         const char *now, struct share_incident *in)
{
    memset(in, 0, sizeof *in);
    in->number = db_text(r, 0, SI_NUMBER);
    in->title = db_text(r, 0, SI_TITLE);
    in->description = or_null(db_text(r, 0, SI_DESCRIPTION));
    in->category = db_text(r, 0, SI_CATEGORY);
    in->category_label = db_text(r, 0, SI_CATEGORY_LABEL);
    in->severity = db_text(r, 0, SI_SEVERITY);
    in->tlp = db_text(r, 0, SI_TLP);
    in->nature = db_text(r, 0, SI_NATURE);
    in->occurred_at = or_null(db_text(r, 0, SI_OCCURRED));
    in->detected_at = db_text(r, 0, SI_DETECTED);
    in->reported_at = db_text(r, 0, SI_REPORTED);
    in->organisation = anonymise ? NULL : db_text(r, 0, SI_ORG);
    in->organisation_key = db_text(r, 0, SI_ORG_ID);
    in->assets = or_null(db_text(r, 0, SI_ASSETS));
    in->impact = or_null(db_text(r, 0, SI_IMPACT));
    in->actions = or_null(db_text(r, 0, SI_ACTIONS));
    in->share_key = key;
    in->created_at = now;
    for (int k = 0; omitted && omitted[k]; k++) {
        if (strcmp(omitted[k], "description") == 0)
            in->description = NULL;
        else if (strcmp(omitted[k], "assets") == 0)
            in->assets = NULL;
        else if (strcmp(omitted[k], "impact") == 0)
            in->impact = NULL;
        else if (strcmp(omitted[k], "actions") == 0)
            in->actions = NULL;
    }
}

char *share_payload(const struct share_incident *in, const char *format, const char *endpoint)
{
    if (strcmp(format, "stix") == 0)
        return share_format_stix(in);
    if (strcmp(format, "misp") == 0)
        return share_format_misp(in);
    if (strcmp(format, "email") == 0)
        return share_format_email(in, endpoint);
    return share_format_webhook(in);
}

void share_new_key(char out[37])
{
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
             b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
             b[14], b[15]);
}

void share_now(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int share_apply_rules(struct ctx *c, long incident)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", incident);
    const char *p[] = {id};
    PGresult *rules, *r;
    if (db_exec(c->db, &rules, "SELECT rule_id, format, endpoint FROM app.rule_matches($1)", 1,
                p) != DB_OK)
        return -1;
    int rc = 0;
    if (PQntuples(rules) > 0 && share_incident_load(c, incident, &r) != 0) {
        PQclear(rules);
        return -1;
    }
    for (int i = 0; i < PQntuples(rules) && rc == 0; i++) {
        char key[37], now[32];
        share_new_key(key);
        share_now(now);
        struct share_incident in;
        share_incident_fill(r, NULL, 0, key, now, &in);
        char *payload = share_payload(&in, db_text(rules, i, 1), db_text(rules, i, 2));
        if (!payload) {
            rc = -1;
            break;
        }
        const char *q[] = {id, db_text(rules, i, 0), key, payload};
        if (db_exec(c->db, NULL, "SELECT app.release_rule_share($1, $2, $3::uuid, $4::jsonb)", 4,
                    q) != DB_OK)
            rc = -1;
        free(payload);
    }
    if (PQntuples(rules) > 0)
        PQclear(r);
    PQclear(rules);
    return rc;
}

/* The recipients of the organisations where the user shares, each with whether the TLP
 * and its wishes allow this incident: Recipients.N.{Id,Name,Kind,Format,MaxTlp,Allowed,
 * Why}. Returns the number allowed, or -1. */
static int share_recipients(struct ctx *c, PGresult *incident)
{
    PGresult *res;
    char iid[24];
    snprintf(iid, sizeof iid, "%ld", c->id);
    const char *p[] = {db_text(incident, 0, SI_TLP), db_text(incident, 0, SI_CATEGORY),
                       db_text(incident, 0, SI_SEVERITY), iid};
    if (db_exec(c->db, &res,
                "SELECT r.id, r.name, r.kind, r.format, r.max_tlp, "
                "  CASE WHEN $1 = 'amber_strict' THEN 'tlp_strict' "
                "       WHEN app.tlp_rank($1) > app.tlp_rank(r.max_tlp) THEN 'tlp_above' "
                "       WHEN cardinality(r.categories) > 0 AND NOT $2 = ANY (r.categories) "
                "         THEN 'category' "
                "       WHEN cardinality(r.severities) > 0 AND NOT $3 = ANY (r.severities) "
                "         THEN 'severity' ELSE '' END, o.name, "
                "  coalesce((SELECT to_char(min(s.approved_at) AT TIME ZONE 'UTC', "
                "    'YYYY-MM-DD HH24:MI') FROM outbox x JOIN shares s ON s.id = x.share_id "
                "    WHERE x.incident_id = $4::bigint AND x.recipient_id = r.id), '') "
                "FROM recipients r JOIN organisations o ON o.id = r.org_id "
                "WHERE r.active AND app.has_role(r.org_id, ARRAY['coordinator', 'org_admin']) "
                "ORDER BY o.name, r.name",
                4, p) != DB_OK)
        return -1;
    int allowed = 0;
    for (int i = 0; i < PQntuples(res); i++) {
        static const char *const names[] = {"Id",     "Name", "Kind",  "Format",
                                            "MaxTlp", "Why",  "Owner", "SentOn"};
        for (int k = 0; k < 8; k++) {
            char key[48];
            snprintf(key, sizeof key, "Recipients.%d.%s", i, names[k]);
            view_set(c->req->hdf, key, db_text(res, i, k));
        }
        char key[48];
        snprintf(key, sizeof key, "Recipients.%d.Allowed", i);
        int ok = *db_text(res, i, 5) == '\0';
        view_set(c->req->hdf, key, ok ? "1" : "");
        allowed += ok;
    }
    PQclear(res);
    return allowed;
}

static int share_page(struct ctx *c, PGresult *incident, int status)
{
    HDF *hdf = c->req->hdf;
    view_set_int(hdf, "Share.IncidentId", c->id);
    view_set(hdf, "Share.Number", db_text(incident, 0, SI_NUMBER));
    view_set(hdf, "Share.Title", db_text(incident, 0, SI_TITLE));
    view_set(hdf, "Share.Tlp", db_text(incident, 0, SI_TLP));
    view_set(hdf, "Share.Severity", db_text(incident, 0, SI_SEVERITY));
    view_set(hdf, "Share.Category", db_text(incident, 0, SI_CATEGORY_LABEL));
    for (int k = 0; omittable[k]; k++) {
        char key[48];
        snprintf(key, sizeof key, "Share.Omittable.%d", k);
        view_set(hdf, key, omittable[k]);
    }
    if (share_recipients(c, incident) < 0)
        return 500;
    portal_page(c, "incident/share.cs", "share");
    return status;
}

/* The incident (404 if hidden) for someone who may share it. */
static int share_begin(struct ctx *c, PGresult **incident)
{
    int rc = share_incident_load(c, c->id, incident);
    if (rc < 0)
        return 500;
    if (rc > 0) {
        PQclear(*incident);
        return 404;
    }
    c->org_id = strtol(db_text(*incident, 0, SI_ORG_ID), NULL, 10);
    /* only the incident's own coordinators, or those of its group parent, share it: a
     * customer of a supplier sees part of an incident and may not pass it on */
    int may = session_org(c->sess, c->org_id, ROLES_COORDINATORS) != NULL;
    if (!may) {
        char oid[24];
        snprintf(oid, sizeof oid, "%ld", c->org_id);
        const char *p[] = {oid};
        PGresult *res;
        if (db_exec(c->db, &res, "SELECT $1::bigint IN (SELECT app.overseen_group_companies())", 1,
                    p) != DB_OK) {
            PQclear(*incident);
            return 500;
        }
        may = strcmp(db_text(res, 0, 0), "t") == 0;
        PQclear(res);
    }
    if (!may) {
        PQclear(*incident);
        return 403;
    }
    return 200;
}

int handle_share_form(struct ctx *c)
{
    PGresult *incident;
    int rc = share_begin(c, &incident);
    if (rc != 200)
        return rc;
    rc = share_page(c, incident, 200);
    PQclear(incident);
    return rc;
}

/* POST /incidents/:id/share - action=preview shows what each chosen recipient would
 * receive; action=approve queues it. The TLP is checked here for every recipient, whatever
 * the form offered, and again by the database when the outbox row is written. */
int handle_share_create(struct ctx *c)
{
    PGresult *incident;
    int rc = share_begin(c, &incident);
    if (rc != 200)
        return rc;
    const char *action = req_param(c->req, "action");
    int approve = action && strcmp(action, "approve") == 0;
    const char *omitted[8];
    int n_omitted = 0;
    for (int k = 0; omittable[k]; k++) {
        char name[40], key[64];
        snprintf(name, sizeof name, "omit_%s", omittable[k]);
        const char *v = req_param(c->req, name);
        int on = v && strcmp(v, "1") == 0;
        snprintf(key, sizeof key, "Form.Values.%s", name);
        view_set(c->req->hdf, key, on ? "1" : "");
        if (on)
            omitted[n_omitted++] = omittable[k];
    }
    omitted[n_omitted] = NULL;
    const char *anon = req_param(c->req, "anonymise");
    int anonymise = anon && strcmp(anon, "1") == 0;
    view_set(c->req->hdf, "Form.Values.anonymise", anonymise ? "1" : "");

    /* the chosen recipients, each checked against the TLP and its wishes */
    const char *tlp = db_text(incident, 0, SI_TLP);
    const char *p[] = {tlp, db_text(incident, 0, SI_CATEGORY), db_text(incident, 0, SI_SEVERITY)};
    PGresult *rec;
    char this_incident[24];
    snprintf(this_incident, sizeof this_incident, "%ld", c->id);
    const char *pr[] = {p[0], p[1], p[2], this_incident};
    /* with the first share each recipient got of this incident, if any: a second send is
     * an update of the same objects (its key and created time) */
    if (db_exec(c->db, &rec,
                "SELECT r.id, r.name, r.format, r.url, r.org_id, "
                "  $1 <> 'amber_strict' AND app.tlp_rank($1) <= app.tlp_rank(r.max_tlp) "
                "  AND (cardinality(r.categories) = 0 OR $2 = ANY (r.categories)) "
                "  AND (cardinality(r.severities) = 0 OR $3 = ANY (r.severities)), "
                "  coalesce(f.key, ''), coalesce(f.created, '') "
                "FROM recipients r LEFT JOIN LATERAL (SELECT x.idempotency_key::text AS key, "
                "    coalesce((SELECT o->>'created' FROM jsonb_array_elements("
                "        CASE WHEN jsonb_typeof(x.payload->'objects') = 'array' "
                "        THEN x.payload->'objects' END) o WHERE o->>'type' = 'incident'), "
                "      to_char(s.approved_at AT TIME ZONE 'UTC', "
                "        'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')) AS created "
                "    FROM outbox x JOIN shares s ON s.id = x.share_id "
                "    WHERE x.incident_id = $4::bigint AND x.recipient_id = r.id "
                "    ORDER BY x.id LIMIT 1) f ON true "
                "WHERE r.active "
                "AND app.has_role(r.org_id, ARRAY['coordinator', 'org_admin']) ORDER BY r.id",
                4, pr) != DB_OK) {
        PQclear(incident);
        return 500;
    }
    const char *update = req_param(c->req, "update");
    int as_update = update && strcmp(update, "1") == 0;
    view_set(c->req->hdf, "Form.Values.update", as_update ? "1" : "");
    int chosen = 0, refused = 0, already = 0;
    for (int i = 0; i < PQntuples(rec); i++) {
        char name[40], key[64];
        snprintf(name, sizeof name, "recipient_%s", db_text(rec, i, 0));
        const char *v = req_param(c->req, name);
        int on = v && strcmp(v, "1") == 0;
        snprintf(key, sizeof key, "Form.Values.%s", name);
        view_set(c->req->hdf, key, on ? "1" : "");
        if (!on)
            continue;
        chosen++;
        if (strcmp(db_text(rec, i, 5), "t") != 0)
            refused++;
        already += *db_text(rec, i, 6) != '\0';
    }
    /* a recipient that has the incident gets it again only as an explicit update */
    if (!chosen || refused || (approve && already && !as_update)) {
        view_set(c->req->hdf, "Form.Message",
                 refused   ? "tlp_refused"
                 : !chosen ? "no_recipients"
                           : "already_sent");
        PQclear(rec);
        rc = share_page(c, incident, 422);
        PQclear(incident);
        return rc;
    }

    char now[32];
    share_now(now);
    long share = 0;
    if (approve) {
        char org[24], uid[24], iid[24], omit_array[128] = "{";
        snprintf(org, sizeof org, "%s", db_text(rec, 0, 4));
        snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
        snprintf(iid, sizeof iid, "%ld", c->id);
        for (int k = 0; k < n_omitted; k++)
            snprintf(omit_array + strlen(omit_array), sizeof omit_array - strlen(omit_array),
                     "%s%s", k ? "," : "", omitted[k]);
        strcat(omit_array, "}");
        for (int i = 0; i < PQntuples(rec); i++) {
            char name[40];
            snprintf(name, sizeof name, "recipient_%s", db_text(rec, i, 0));
            const char *v = req_param(c->req, name);
            if (v && strcmp(v, "1") == 0) {
                snprintf(org, sizeof org, "%s", db_text(rec, i, 4));
                break;
            }
        }
        const char *q[] = {iid, org, omit_array, anonymise ? "t" : "f", uid};
        PGresult *res;
        if (db_exec(c->db, &res,
                    "INSERT INTO shares (incident_id, org_id, omitted, anonymise, approved_by) "
                    "VALUES ($1, $2, $3::text[], $4, $5) RETURNING id",
                    5, q) != DB_OK) {
            PQclear(rec);
            PQclear(incident);
            return 500;
        }
        share = db_long(res, 0, 0);
        PQclear(res);
    }
    char sid[24], iid[24];
    snprintf(sid, sizeof sid, "%ld", share);
    snprintf(iid, sizeof iid, "%ld", c->id);
    char names[1024] = "";
    int k = 0;
    rc = DB_OK;
    for (int i = 0; i < PQntuples(rec); i++) {
        char name[40];
        snprintf(name, sizeof name, "recipient_%s", db_text(rec, i, 0));
        const char *v = req_param(c->req, name);
        if (!v || strcmp(v, "1") != 0)
            continue;
        char key[37];
        share_new_key(key);
        struct share_incident in;
        share_incident_fill(incident, omitted, anonymise, key, now, &in);
        if (*db_text(rec, i, 6)) { /* an update of what it has */
            in.object_key = db_text(rec, i, 6);
            in.first_created_at = db_text(rec, i, 7);
        }
        const char *format = db_text(rec, i, 2);
        char *payload = share_payload(&in, format, db_text(rec, i, 3));
        if (!payload) {
            PQclear(rec);
            PQclear(incident);
            return 500;
        }
        char hk[64];
        snprintf(hk, sizeof hk, "Preview.%d.Recipient", k);
        view_set(c->req->hdf, hk, db_text(rec, i, 1));
        snprintf(hk, sizeof hk, "Preview.%d.Format", k);
        view_set(c->req->hdf, hk, format);
        snprintf(hk, sizeof hk, "Preview.%d.Payload", k++);
        view_set(c->req->hdf, hk, payload);
        if (approve) {
            int email = strcmp(format, "email") == 0;
            const char *q[] = {iid,
                               email ? "smtp" : "http",
                               db_text(rec, i, 0),
                               db_text(rec, i, 4),
                               email ? db_text(rec, i, 3) : NULL,
                               sid,
                               key,
                               payload};
            rc = db_exec(c->db, NULL,
                         "INSERT INTO outbox (org_id, channel, recipient_id, recipient_org_id, "
                         "  address, incident_id, share_id, kind, idempotency_key, payload) "
                         "SELECT i.org_id, $2, $3, $4, $5, i.id, $6, 'incident.share', $7::uuid, "
                         "  $8::jsonb FROM incidents i WHERE i.id = $1",
                         8, q);
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s%s",
                     *names ? ", " : "", db_text(rec, i, 1),
                     *db_text(rec, i, 6) ? " (update)" : "");
        }
        free(payload);
        if (rc != DB_OK) {
            PQclear(rec);
            PQclear(incident);
            return strcmp(c->db->sqlstate, "42501") == 0 ? 403 : 500;
        }
    }
    PQclear(rec);
    if (!approve) {
        rc = share_page(c, incident, 200);
        PQclear(incident);
        return rc;
    }
    long org_id = c->org_id;
    PQclear(incident);
    if (db_exec(c->db, NULL, "SELECT pg_notify('outbox', '')", 0, NULL) != DB_OK ||
        timeline_add(c, org_id, "incident", c->id, "shared", names) != DB_OK)
        return 500;
    char where[64];
    snprintf(where, sizeof where, "/incidents/%ld?saved=shared", c->id);
    resp_redirect(c->resp, where);
    return 303;
}
