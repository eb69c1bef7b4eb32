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

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const omittable[] = {"description", "assets", "impact", "actions", NULL};

/* Columns of the incident as it may be shared. */
enum share_incident_column {
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

/* Columns of app.rule_matches: the sharing rules an incident matches. */
enum rule_match_column { RM_RULE_ID, RM_FORMAT, RM_ENDPOINT };

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
        char *payload =
            share_payload(&in, db_text(rules, i, RM_FORMAT), db_text(rules, i, RM_ENDPOINT));
        if (!payload) {
            rc = -1;
            break;
        }
        const char *q[] = {id, db_text(rules, i, RM_RULE_ID), key, payload};
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

/* Columns of the recipients the share page lists. */
enum share_recipient_column {
    SR_ID,
    SR_NAME,
    SR_KIND,
    SR_FORMAT,
    SR_MAX_TLP,
    SR_WHY, /* why the TLP or its wishes refuse this incident; empty when allowed */
    SR_OWNER,
    SR_SENT_ON
};

/* The share page of one incident. */
struct share {
    PGresult *incident;   /* one row, enum share_incident_column (share_begin) */
    PGresult *recipients; /* enum share_recipient_column (share_page_load) */
};

static void share_free(struct share *s)
{
    if (s->incident)
        PQclear(s->incident);
    if (s->recipients)
        PQclear(s->recipients);
    s->incident = s->recipients = NULL;
}

/* What the share page shows beyond the incident: the recipients of the organisations
 * where the user shares, each with why the TLP or its wishes refuse this incident, if
 * they do, and when it was first sent to it. Returns 200 or 500. */
static int share_page_load(struct ctx *c, struct share *s)
{
    char iid[24];
    snprintf(iid, sizeof iid, "%ld", c->id);
    const char *p[] = {db_text(s->incident, 0, SI_TLP), db_text(s->incident, 0, SI_CATEGORY),
                       db_text(s->incident, 0, SI_SEVERITY), iid};
    if (db_exec(c->db, &s->recipients,
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
        return 500;
    return 200;
}

/* Recipients.N.{Id,Name,Kind,Format,MaxTlp,Why,Owner,SentOn,Allowed}. */
static void share_recipients_to_hdf(HDF *hdf, PGresult *res)
{
    static const struct {
        const char *name;
        enum share_recipient_column col;
    } cols[] = {
        {"Id", SR_ID},          {"Name", SR_NAME}, {"Kind", SR_KIND},   {"Format", SR_FORMAT},
        {"MaxTlp", SR_MAX_TLP}, {"Why", SR_WHY},   {"Owner", SR_OWNER}, {"SentOn", SR_SENT_ON},
    };
    for (int i = 0; i < PQntuples(res); i++) {
        char key[48];
        for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
            snprintf(key, sizeof key, "Recipients.%d.%s", i, cols[k].name);
            view_set(hdf, key, db_text(res, i, (int)cols[k].col));
        }
        snprintf(key, sizeof key, "Recipients.%d.Allowed", i);
        view_set(hdf, key, *db_text(res, i, SR_WHY) == '\0' ? "1" : "");
    }
}

static void share_page_to_hdf(struct ctx *c, const struct share *s)
{
    HDF *hdf = c->req->hdf;
    view_set_int(hdf, "Share.IncidentId", c->id);
    view_set(hdf, "Share.Number", db_text(s->incident, 0, SI_NUMBER));
    view_set(hdf, "Share.Title", db_text(s->incident, 0, SI_TITLE));
    view_set(hdf, "Share.Tlp", db_text(s->incident, 0, SI_TLP));
    view_set(hdf, "Share.Severity", db_text(s->incident, 0, SI_SEVERITY));
    view_set(hdf, "Share.Category", db_text(s->incident, 0, SI_CATEGORY_LABEL));
    for (int k = 0; omittable[k]; k++) {
        char key[48];
        snprintf(key, sizeof key, "Share.Omittable.%d", k);
        view_set(hdf, key, omittable[k]);
    }
    share_recipients_to_hdf(hdf, s->recipients);
    portal_page(c, "incident/share.cs", "share");
}

/* The share page with status (200, or 422 for a form coming back). */
static int share_show(struct ctx *c, struct share *s, int status)
{
    if (share_page_load(c, s) != 200)
        return 500;
    share_page_to_hdf(c, s);
    return status;
}

/* Columns of the overseen group company check. */
enum { OVERSEEN_COLUMN };

/* 1 when the user may share an incident of org_id: only the incident's own coordinators,
 * or those of its group parent, share it (a customer of a supplier sees part of an
 * incident and may not pass it on); 0 when not, -1 on a database error. */
static int share_may(struct ctx *c, long org_id)
{
    if (session_org(c->sess, org_id, ROLES_COORDINATORS))
        return 1;
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", org_id);
    const char *p[] = {oid};
    PGresult *res;
    if (db_exec(c->db, &res, "SELECT $1::bigint IN (SELECT app.overseen_group_companies())", 1,
                p) != DB_OK)
        return -1;
    int may = strcmp(db_text(res, 0, OVERSEEN_COLUMN), "t") == 0;
    PQclear(res);
    return may;
}

/* The incident (404 if hidden) for someone who may share it (403 if not); 200 leaves it in
 * s, to be freed with share_free. */
static int share_begin(struct ctx *c, struct share *s)
{
    memset(s, 0, sizeof *s);
    int rc = share_incident_load(c, c->id, &s->incident);
    if (rc != 0) {
        if (rc > 0)
            PQclear(s->incident);
        s->incident = NULL;
        return rc < 0 ? 500 : 404;
    }
    c->org_id = strtol(db_text(s->incident, 0, SI_ORG_ID), NULL, 10);
    int may = share_may(c, c->org_id);
    if (may != 1) {
        share_free(s);
        return may < 0 ? 500 : 403;
    }
    return 200;
}

int handle_share_form(struct ctx *c)
{
    struct share s;
    int rc = share_begin(c, &s);
    if (rc != 200)
        return rc;
    rc = share_show(c, &s, 200);
    share_free(&s);
    return rc;
}

/* What the share form asks for beyond the recipients. */
struct share_form {
    int approve;            /* action=approve: queue it; else preview */
    const char *omitted[8]; /* NULL-terminated, from omittable */
    int n_omitted;          /* how many */
    int anonymise;          /* leave the reporting organisation out */
    int as_update;          /* a recipient that has the incident gets it again */
};

/* 1 when checkbox name was ticked; also keeps it for the form coming back. */
static int share_ticked(struct ctx *c, const char *name)
{
    const char *v = req_param(c->req, name);
    int on = v && strcmp(v, "1") == 0;
    char key[64];
    snprintf(key, sizeof key, "Form.Values.%s", name);
    view_set(c->req->hdf, key, on ? "1" : "");
    return on;
}

static void share_form_read(struct ctx *c, struct share_form *f)
{
    memset(f, 0, sizeof *f);
    const char *action = req_param(c->req, "action");
    f->approve = action && strcmp(action, "approve") == 0;
    for (int k = 0; omittable[k]; k++) {
        char name[40];
        snprintf(name, sizeof name, "omit_%s", omittable[k]);
        if (share_ticked(c, name))
            f->omitted[f->n_omitted++] = omittable[k];
    }
    f->omitted[f->n_omitted] = NULL;
    f->anonymise = share_ticked(c, "anonymise");
    f->as_update = share_ticked(c, "update");
}

/* Columns of the recipients the form may choose. */
enum share_target_column {
    ST_ID,
    ST_NAME,
    ST_FORMAT,
    ST_URL,
    ST_ORG_ID,
    ST_ALLOWED,       /* the TLP and its wishes allow this incident */
    ST_FIRST_KEY,     /* the key of the first share it got of this incident, or '' */
    ST_FIRST_CREATED, /* and when that share's objects were created */
};

/* The recipients the user may share with (enum share_target_column), each checked against
 * the incident's TLP and its wishes, with the first share each got of this incident, if
 * any: a second send is an update of the same objects (its key and created time). Returns
 * 200 or 500. */
static int share_targets_load(struct ctx *c, const struct share *s, PGresult **rec)
{
    char this_incident[24];
    snprintf(this_incident, sizeof this_incident, "%ld", c->id);
    const char *pr[] = {db_text(s->incident, 0, SI_TLP), db_text(s->incident, 0, SI_CATEGORY),
                        db_text(s->incident, 0, SI_SEVERITY), this_incident};
    if (db_exec(c->db, rec,
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
                4, pr) != DB_OK)
        return 500;
    return 200;
}

/* 1 when the form chose recipient row i of rec (recipient_<id> = 1). */
static int share_target_chosen(struct ctx *c, PGresult *rec, int i)
{
    char name[40];
    snprintf(name, sizeof name, "recipient_%s", db_text(rec, i, ST_ID));
    const char *v = req_param(c->req, name);
    return v && strcmp(v, "1") == 0;
}

/* Keeps the chosen recipients for the form coming back and checks them: NULL when they may
 * be sent to, else the message key of Form.Message. */
static const char *share_targets_check(struct ctx *c, const struct share_form *f, PGresult *rec)
{
    int chosen = 0, refused = 0, already = 0;
    for (int i = 0; i < PQntuples(rec); i++) {
        char name[40];
        snprintf(name, sizeof name, "recipient_%s", db_text(rec, i, ST_ID));
        if (!share_ticked(c, name))
            continue;
        chosen++;
        if (strcmp(db_text(rec, i, ST_ALLOWED), "t") != 0)
            refused++;
        already += *db_text(rec, i, ST_FIRST_KEY) != '\0';
    }
    /* a recipient that has the incident gets it again only as an explicit update */
    if (refused)
        return "tlp_refused";
    if (!chosen)
        return "no_recipients";
    if (f->approve && already && !f->as_update)
        return "already_sent";
    return NULL;
}

/* One payload for one chosen recipient. */
struct share_send {
    int row;       /* of the targets */
    char key[37];  /* its idempotency key */
    char *payload; /* malloc'd */
};

/* What one share sends: a payload for every chosen recipient, in the targets' order. */
struct share_batch {
    PGresult *targets; /* enum share_target_column */
    char now[32];
    int n;
    struct share_send *sends;
};

static void share_batch_free(struct share_batch *b)
{
    for (int k = 0; k < b->n; k++)
        free(b->sends[k].payload);
    free(b->sends);
    if (b->targets)
        PQclear(b->targets);
    memset(b, 0, sizeof *b);
}

/* Builds in b (whose targets are loaded) the payload of every chosen recipient in its
 * format from the incident, leaving out what the form leaves out. Returns 200 or 500. */
static int share_build(struct ctx *c, const struct share *s, const struct share_form *f,
                       struct share_batch *b)
{
    share_now(b->now);
    int rows = PQntuples(b->targets);
    b->sends = calloc(rows ? (size_t)rows : 1, sizeof *b->sends);
    if (!b->sends)
        return 500;
    for (int i = 0; i < rows; i++) {
        if (!share_target_chosen(c, b->targets, i))
            continue;
        struct share_send *send = &b->sends[b->n];
        send->row = i;
        share_new_key(send->key);
        struct share_incident in;
        share_incident_fill(s->incident, f->omitted, f->anonymise, send->key, b->now, &in);
        if (*db_text(b->targets, i, ST_FIRST_KEY)) { /* an update of what it has */
            in.object_key = db_text(b->targets, i, ST_FIRST_KEY);
            in.first_created_at = db_text(b->targets, i, ST_FIRST_CREATED);
        }
        send->payload =
            share_payload(&in, db_text(b->targets, i, ST_FORMAT), db_text(b->targets, i, ST_URL));
        if (!send->payload)
            return 500;
        b->n++;
    }
    return 200;
}

/* text indented two spaces a level when it is JSON (malloc'd), else NULL: a coordinator
 * reads what is sent before approving it. */
static char *share_payload_pretty(const char *text)
{
    json_t *doc = json_loads(text, 0, NULL);
    if (!doc)
        return NULL;
    char *pretty = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(doc);
    return pretty;
}

/* Preview.N.{Recipient,Format,Payload}: what each chosen recipient would receive, with
 * Share.Included.N and Share.LeftOut.N (of omittable) and Share.Anonymised for the
 * summary in words beside each. */
static void share_previews_to_hdf(HDF *hdf, const struct share_form *f, const struct share_batch *b)
{
    for (int k = 0, in = 0, out = 0; omittable[k]; k++) {
        int left_out = 0;
        for (int m = 0; m < f->n_omitted; m++)
            left_out |= strcmp(f->omitted[m], omittable[k]) == 0;
        char key[48];
        snprintf(key, sizeof key, left_out ? "Share.LeftOut.%d" : "Share.Included.%d",
                 left_out ? out++ : in++);
        view_set(hdf, key, omittable[k]);
    }
    view_set(hdf, "Share.Anonymised", f->anonymise ? "1" : "");
    for (int k = 0; k < b->n; k++) {
        int i = b->sends[k].row;
        char key[64];
        snprintf(key, sizeof key, "Preview.%d.Recipient", k);
        view_set(hdf, key, db_text(b->targets, i, ST_NAME));
        snprintf(key, sizeof key, "Preview.%d.Format", k);
        view_set(hdf, key, db_text(b->targets, i, ST_FORMAT));
        snprintf(key, sizeof key, "Preview.%d.Payload", k);
        char *pretty = share_payload_pretty(b->sends[k].payload);
        view_set(hdf, key, pretty ? pretty : b->sends[k].payload);
        free(pretty);
    }
}

/* Columns of the new share's RETURNING list. */
enum { SHARE_ID_COLUMN };

/* Records the approved share of incident c->id, by the organisation of the first chosen
 * recipient, with what it leaves out. Its id goes to share. Returns 200 or 500. */
static int share_record(struct ctx *c, const struct share_form *f, const struct share_batch *b,
                        char share[24])
{
    char org[24], uid[24], iid[24], omit_array[128] = "{";
    snprintf(org, sizeof org, "%s", db_text(b->targets, b->n ? b->sends[0].row : 0, ST_ORG_ID));
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    snprintf(iid, sizeof iid, "%ld", c->id);
    for (int k = 0; k < f->n_omitted; k++)
        snprintf(omit_array + strlen(omit_array), sizeof omit_array - strlen(omit_array), "%s%s",
                 k ? "," : "", f->omitted[k]);
    strcat(omit_array, "}");
    const char *q[] = {iid, org, omit_array, f->anonymise ? "t" : "f", uid};
    PGresult *res;
    if (db_exec(c->db, &res,
                "INSERT INTO shares (incident_id, org_id, omitted, anonymise, approved_by) "
                "VALUES ($1, $2, $3::text[], $4, $5) RETURNING id",
                5, q) != DB_OK)
        return 500;
    snprintf(share, 24, "%ld", db_long(res, 0, SHARE_ID_COLUMN));
    PQclear(res);
    return 200;
}

/* Queues every payload of b in the outbox under share, wakes the forwarders and notes on
 * the incident's timeline whom it went to. Returns 200, 403 when the database refuses a
 * recipient (the TLP checked again), or 500. */
static int share_queue(struct ctx *c, const struct share_batch *b, const char *share)
{
    char iid[24], names[1024] = "";
    snprintf(iid, sizeof iid, "%ld", c->id);
    for (int k = 0; k < b->n; k++) {
        int i = b->sends[k].row;
        const char *format = db_text(b->targets, i, ST_FORMAT);
        int email = strcmp(format, "email") == 0;
        const char *q[] = {iid,
                           email ? "smtp" : "http",
                           db_text(b->targets, i, ST_ID),
                           db_text(b->targets, i, ST_ORG_ID),
                           email ? db_text(b->targets, i, ST_URL) : NULL,
                           share,
                           b->sends[k].key,
                           b->sends[k].payload};
        if (db_exec(c->db, NULL,
                    "INSERT INTO outbox (org_id, channel, recipient_id, recipient_org_id, "
                    "  address, incident_id, share_id, kind, idempotency_key, payload) "
                    "SELECT i.org_id, $2, $3, $4, $5, i.id, $6, 'incident.share', $7::uuid, "
                    "  $8::jsonb FROM incidents i WHERE i.id = $1",
                    8, q) != DB_OK)
            return strcmp(c->db->sqlstate, "42501") == 0 ? 403 : 500;
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s%s", *names ? ", " : "",
                 db_text(b->targets, i, ST_NAME),
                 *db_text(b->targets, i, ST_FIRST_KEY) ? " (update)" : "");
    }
    if (db_exec(c->db, NULL, "SELECT pg_notify('outbox', '')", 0, NULL) != DB_OK ||
        timeline_add(c, c->org_id, "incident", c->id, "shared", names) != DB_OK)
        return 500;
    return 200;
}

/* Approves the share: records it and queues its payloads. Returns 200, 403 or 500. */
static int share_store(struct ctx *c, const struct share_form *f, const struct share_batch *b)
{
    char share[24];
    int rc = share_record(c, f, b, share);
    return rc == 200 ? share_queue(c, b, share) : rc;
}

/* POST /incidents/:id/share - action=preview shows what each chosen recipient would
 * receive; action=approve queues it. The TLP is checked here for every recipient, whatever
 * the form offered, and again by the database when the outbox row is written. */
int handle_share_create(struct ctx *c)
{
    struct share s;
    int rc = share_begin(c, &s);
    if (rc != 200)
        return rc;
    struct share_form f;
    share_form_read(c, &f);
    struct share_batch b = {0};
    rc = share_targets_load(c, &s, &b.targets);
    const char *refusal = rc == 200 ? share_targets_check(c, &f, b.targets) : NULL;
    if (refusal) {
        view_set(c->req->hdf, "Form.Message", refusal);
        rc = share_show(c, &s, 422);
    } else if (rc == 200) {
        rc = share_build(c, &s, &f, &b);
        if (rc == 200 && f.approve)
            rc = share_store(c, &f, &b);
        else if (rc == 200) {
            share_previews_to_hdf(c->req->hdf, &f, &b);
            rc = share_show(c, &s, 200);
        }
    }
    share_batch_free(&b);
    share_free(&s);
    if (rc != 200 || !f.approve)
        return rc;
    char where[64];
    snprintf(where, sizeof where, "/incidents/%ld?saved=shared", c->id);
    resp_redirect(c->resp, where);
    return 303;
}
