/* handler_obligation.c - regulatory notification of incidents (NIS2 Art. 23, GDPR Art. 33):
 * flagging an incident as reportable, which starts the clocks from the moment of awareness;
 * a CSIRT's request for an intermediate report; each report prepared from the incident's
 * record; recording what was sent, when and to whom, which stops its clock (and, for the
 * NIS2 notification, starts the final report's); and the coordinator's queue of reports
 * not yet sent, the soonest due first.
 *
 * Who may act: the coordinators and administrators of the incident's organisation or of
 * its parent (obligation_may_manage), on an incident row-level security lets them see.
 * Routes are open to every member so that an incident the user cannot see answers 404
 * whatever their roles; one they see but may not manage answers 403. Due times are
 * computed here (lib/deadline), not in SQL, and stored as timestamptz. */
#include "deadline.h"
#include "form.h"
#include "incident_page.h"
#include "obligations.h"
#include "regreport.h"
#include "timeline.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const checkbox_values[] = {"1", NULL};

static const struct field reportable_fields[] = {
    {"nis2", FIELD_CHOICE, 0, 0, 0, checkbox_values},
    {"gdpr", FIELD_CHOICE, 0, 0, 0, checkbox_values},
    {"awareness_at", FIELD_DATETIME, 0, 0, 0, NULL},
};

/* a due time lies ahead, so it is checked with form_parse_datetime, not FIELD_DATETIME */
static const struct field intermediate_fields[] = {
    {"due_at", FIELD_TEXT, 1, 0, 19, NULL},
};

static const struct field sent_fields[] = {
    {"sent_to", FIELD_TEXT, 1, 2, 200, NULL},
    {"body", FIELD_MULTILINE, 1, 1, 100000, NULL},
};

#define N_FIELDS(f) (sizeof(f) / sizeof((f)[0]))

/* What the handlers need of the incident. */
struct incident_ref {
    long id, org_id;
    int nis2, gdpr;
    int has_awareness;
    long long awareness, detected;
};

/* Columns of the incident's statement. */
enum incident_ref_column {
    IRC_ID,
    IRC_ORG_ID,
    IRC_NIS2,
    IRC_GDPR,
    IRC_HAS_AWARENESS,
    IRC_AWARENESS,
    IRC_DETECTED,
};

/* Loads incident id as row-level security shows it (locked for the rest of the
 * transaction when lock is set, so that flagging and sending do not interleave) and
 * checks that the user may manage its obligations. Returns 200, 403, 404 or 500. */
static int incident_load(struct ctx *c, long id, int lock, struct incident_ref *inc)
{
    char idtext[24];
    snprintf(idtext, sizeof idtext, "%ld", id);
    const char *p[] = {idtext};
    PGresult *res;
    int rc = lock ? db_exec(c->db, &res,
                            "SELECT id, org_id, reportable_nis2, reportable_gdpr, "
                            "  awareness_at IS NOT NULL, "
                            "  coalesce(floor(extract(epoch FROM awareness_at))::bigint, 0), "
                            "  floor(extract(epoch FROM detected_at))::bigint "
                            "FROM incidents WHERE id = $1 FOR UPDATE",
                            1, p)
                  : db_exec(c->db, &res,
                            "SELECT id, org_id, reportable_nis2, reportable_gdpr, "
                            "  awareness_at IS NOT NULL, "
                            "  coalesce(floor(extract(epoch FROM awareness_at))::bigint, 0), "
                            "  floor(extract(epoch FROM detected_at))::bigint "
                            "FROM incidents WHERE id = $1",
                            1, p);
    if (rc != DB_OK)
        return 500;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return 404;
    }
    inc->id = db_long(res, 0, IRC_ID);
    inc->org_id = db_long(res, 0, IRC_ORG_ID);
    inc->nis2 = db_text(res, 0, IRC_NIS2)[0] == 't';
    inc->gdpr = db_text(res, 0, IRC_GDPR)[0] == 't';
    inc->has_awareness = db_text(res, 0, IRC_HAS_AWARENESS)[0] == 't';
    inc->awareness = strtoll(db_text(res, 0, IRC_AWARENESS), NULL, 10);
    inc->detected = strtoll(db_text(res, 0, IRC_DETECTED), NULL, 10);
    PQclear(res);
    c->org_id = inc->org_id;
    int may = obligation_may_manage(c, inc->org_id);
    return may < 0 ? 500 : may ? 200 : 403;
}

static int checked(struct ctx *c, const char *name)
{
    const char *v = req_param(c->req, name);
    return v && strcmp(v, "1") == 0;
}

static void incident_path(char *buf, size_t len, long id)
{
    snprintf(buf, len, "/incidents/%ld", id);
}

/* Column of the notification's sending time. */
enum { SENT_AT_COLUMN };

/* The NIS2 notification's sending time, or -1 when it has not been sent. */
static int notification_sent_at(struct ctx *c, long incident_id, long long *sent)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", incident_id);
    const char *p[] = {id};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT floor(extract(epoch FROM sent_at))::bigint "
                "FROM notification_obligations WHERE incident_id = $1 AND regime = 'nis2' "
                "AND report = 'notification' AND sent_at IS NOT NULL",
                1, p) != DB_OK)
        return -1;
    *sent = PQntuples(res) == 1 ? strtoll(db_text(res, 0, SENT_AT_COLUMN), NULL, 10) : -1;
    PQclear(res);
    return 0;
}

/* Creates the obligation, or moves the due time of one not sent yet (a sent one keeps
 * what it was due and sent). has_due 0 stores no due time. */
static int obligation_upsert(struct ctx *c, long incident_id, enum deadline_regime regime,
                             enum deadline_report report, int has_due, long long due)
{
    char id[24], iso[21];
    snprintf(id, sizeof id, "%ld", incident_id);
    const char *p[] = {id, deadline_regime_code(regime), deadline_report_code(report),
                       has_due ? deadline_format_iso(due, iso) : NULL};
    return db_exec(c->db, NULL,
                   "INSERT INTO notification_obligations (incident_id, regime, report, due_at) "
                   "VALUES ($1, $2, $3, $4::timestamptz) "
                   "ON CONFLICT (incident_id, regime, report) DO UPDATE "
                   "SET due_at = EXCLUDED.due_at WHERE notification_obligations.sent_at IS NULL",
                   4, p);
}

/* ---- POST /incidents/:id/reportable ---- */

/* Flags the incident under the regimes in flag (indexed by enum deadline_regime) with
 * awareness since awareness: creates or moves the clocks of each report owed, drops those
 * not sent of a regime no longer flagged, and adds it to the timeline. Returns 0 or -1. */
static int reportable_store(struct ctx *c, const struct incident_ref *inc, const int flag[2],
                            long long awareness)
{
    char id[24], iso[21];
    snprintf(id, sizeof id, "%ld", inc->id);
    const char *p[] = {id, flag[DEADLINE_NIS2] ? "t" : "f", flag[DEADLINE_GDPR] ? "t" : "f",
                       deadline_format_iso(awareness, iso)};
    if (db_exec(c->db, NULL,
                "UPDATE incidents SET reportable_nis2 = $2, reportable_gdpr = $3, "
                "awareness_at = $4::timestamptz, updated_at = now() WHERE id = $1",
                4, p) != DB_OK)
        return -1;
    long long notified;
    if (notification_sent_at(c, inc->id, &notified) != 0)
        return -1;
    for (int r = DEADLINE_NIS2; r <= DEADLINE_GDPR; r++) {
        if (!flag[r]) {
            /* no longer reportable: nothing is owed; what was sent stays on record */
            const char *q[] = {id, deadline_regime_code(r)};
            if (db_exec(c->db, NULL,
                        "DELETE FROM notification_obligations WHERE incident_id = $1 "
                        "AND regime = $2 AND sent_at IS NULL",
                        2, q) != DB_OK)
                return -1;
            continue;
        }
        enum deadline_report reports[4];
        size_t n = deadline_reports(r, reports);
        for (size_t k = 0; k < n; k++) {
            long long due = 0;
            int has_due = deadline_due(r, reports[k], awareness, notified, &due);
            if (has_due < 0 ||
                obligation_upsert(c, inc->id, r, reports[k], has_due == 1, due) != DB_OK)
                return -1;
        }
    }
    char detail[128];
    snprintf(detail, sizeof detail, "NIS2: %s; GDPR: %s; aware since %.10s %.5s UTC",
             flag[DEADLINE_NIS2] ? "yes" : "no", flag[DEADLINE_GDPR] ? "yes" : "no", iso, iso + 11);
    if (timeline_add(c, inc->org_id, "incident", inc->id, "reportable", detail) != DB_OK)
        return -1;
    return 0;
}

int handle_incident_reportable(struct ctx *c)
{
    struct incident_ref inc;
    int st = incident_load(c, c->id, 1, &inc);
    if (st != 200)
        return st;
    size_t bad = portal_form_check(c, reportable_fields, N_FIELDS(reportable_fields));
    long long now = (long long)time(NULL);
    long long awareness = inc.has_awareness ? inc.awareness : inc.detected;
    const char *aw_text = req_param(c->req, "awareness_at");
    if (!bad && aw_text && *aw_text) {
        if (form_parse_datetime(aw_text, &awareness) != 0) /* only blanks left */
            awareness = inc.has_awareness ? inc.awareness : inc.detected;
        else if (awareness > now) { /* no clock skew allowance: the user types the time */
            portal_form_error(c, "awareness_at", "in_future");
            bad++;
        }
    }
    if (bad) {
        view_set(c->req->hdf, "Obligations.Posted", "reportable");
        return incident_page_render(c, 422);
    }

    int flag[2] = {checked(c, "nis2"), checked(c, "gdpr")};
    if (reportable_store(c, &inc, flag, awareness) != 0)
        return 500;
    char where[48];
    incident_path(where, sizeof where, inc.id);
    resp_redirect(c->resp, where);
    return 303;
}

/* ---- POST /incidents/:id/intermediate ---- */

/* Stores a CSIRT's request for an intermediate report due at due, unless it was sent
 * already (*stored 0), and adds it to the timeline. Returns 0 or -1. */
static int intermediate_store(struct ctx *c, const struct incident_ref *inc, long long due,
                              int *stored)
{
    char id[24], iso[21];
    snprintf(id, sizeof id, "%ld", inc->id);
    const char *p[] = {id, deadline_format_iso(due, iso)};
    PGresult *res;
    if (db_exec(c->db, &res,
                "INSERT INTO notification_obligations (incident_id, regime, report, due_at) "
                "VALUES ($1, 'nis2', 'intermediate', $2::timestamptz) "
                "ON CONFLICT (incident_id, regime, report) DO UPDATE "
                "SET due_at = EXCLUDED.due_at WHERE notification_obligations.sent_at IS NULL "
                "RETURNING id",
                2, p) != DB_OK)
        return -1;
    *stored = PQntuples(res) == 1;
    PQclear(res);
    if (!*stored)
        return 0;
    char detail[64];
    snprintf(detail, sizeof detail, "due %.10s %.5s UTC", iso, iso + 11);
    if (timeline_add(c, inc->org_id, "incident", inc->id, "intermediate_requested", detail) !=
        DB_OK)
        return -1;
    return 0;
}

int handle_incident_intermediate(struct ctx *c)
{
    struct incident_ref inc;
    int st = incident_load(c, c->id, 1, &inc);
    if (st != 200)
        return st;
    if (!inc.nis2)
        return 409; /* intermediate reports exist under NIS2 only */
    size_t bad = portal_form_check(c, intermediate_fields, N_FIELDS(intermediate_fields));
    long long due = 0;
    if (!bad && form_parse_datetime(req_param(c->req, "due_at"), &due) != 0) {
        portal_form_error(c, "due_at", "bad_datetime");
        bad++;
    }
    if (bad) {
        view_set(c->req->hdf, "Obligations.Posted", "intermediate");
        return incident_page_render(c, 422);
    }
    int stored;
    if (intermediate_store(c, &inc, due, &stored) != 0)
        return 500;
    if (!stored)
        return 409; /* one intermediate report per incident, and it was sent already */
    char where[48];
    incident_path(where, sizeof where, inc.id);
    resp_redirect(c->resp, where);
    return 303;
}

/* ---- GET /obligations/:id and POST /obligations/:id/sent ---- */

/* Columns of the obligation's statement. */
enum obligation_column {
    OC_ID,
    OC_INCIDENT_ID,
    OC_REGIME,
    OC_REPORT,
    OC_HAS_DUE,
    OC_DUE_EPOCH,
    OC_SENT,
    OC_DUE_AT,
    OC_SENT_AT,
    OC_SENT_TO,
    OC_SENT_BODY,
    OC_SENT_BY,
};

struct obligation_ref {
    long id, incident_id;
    int regime, report; /* enum deadline_regime / deadline_report */
    int has_due, sent;
    long long due;
    PGresult *row; /* its row, for the page (enum obligation_column) */
};

static void obligation_free(struct obligation_ref *ob)
{
    if (ob->row)
        PQclear(ob->row);
    ob->row = NULL;
}

/* Loads obligation c->id and its incident (see incident_load). Returns 200, 403, 404 or
 * 500; obligation_free releases it whatever it returned. */
static int obligation_load(struct ctx *c, int lock, struct obligation_ref *ob,
                           struct incident_ref *inc)
{
    memset(ob, 0, sizeof *ob);
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id};
    if (db_exec(c->db, &ob->row,
                "SELECT o.id, o.incident_id, o.regime, o.report, o.due_at IS NOT NULL, "
                "  coalesce(floor(extract(epoch FROM o.due_at))::bigint, 0), "
                "  o.sent_at IS NOT NULL, "
                "  to_char(o.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  to_char(o.sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), "
                "  o.sent_to, o.sent_body, coalesce(app.obligation_sender(o.id), '') "
                "FROM notification_obligations o WHERE o.id = $1",
                1, p) != DB_OK)
        return 500;
    PGresult *res = ob->row;
    if (PQntuples(res) != 1)
        return 404;
    ob->id = db_long(res, 0, OC_ID);
    ob->incident_id = db_long(res, 0, OC_INCIDENT_ID);
    ob->regime = deadline_regime_parse(db_text(res, 0, OC_REGIME));
    ob->report = deadline_report_parse(db_text(res, 0, OC_REPORT));
    ob->has_due = db_text(res, 0, OC_HAS_DUE)[0] == 't';
    ob->due = strtoll(db_text(res, 0, OC_DUE_EPOCH), NULL, 10);
    ob->sent = db_text(res, 0, OC_SENT)[0] == 't';
    if (ob->regime < 0 || ob->report < 0)
        return 500;
    return incident_load(c, ob->incident_id, lock, inc);
}

/* Obligation.* of the page, with its clock. */
static void obligation_to_hdf(struct ctx *c, const struct obligation_ref *ob)
{
    HDF *hdf = c->req->hdf;
    PGresult *res = ob->row;
    view_set_int(hdf, "Obligation.Id", ob->id);
    view_set_int(hdf, "Obligation.IncidentId", ob->incident_id);
    view_set(hdf, "Obligation.Regime", db_text(res, 0, OC_REGIME));
    view_set(hdf, "Obligation.Report", db_text(res, 0, OC_REPORT));
    view_set(hdf, "Obligation.DueAt", db_text(res, 0, OC_DUE_AT));
    view_set(hdf, "Obligation.SentAt", db_text(res, 0, OC_SENT_AT));
    view_set(hdf, "Obligation.SentTo", db_text(res, 0, OC_SENT_TO));
    view_set(hdf, "Obligation.SentBody", db_text(res, 0, OC_SENT_BODY));
    view_set(hdf, "Obligation.SentBy", db_text(res, 0, OC_SENT_BY));
    HDF *node;
    if (hdf_get_node(hdf, "Obligation", &node) == STATUS_OK)
        obligation_clock_to_hdf(node, (long long)time(NULL), ob->has_due, ob->due, ob->sent);
}

/* Columns of the incident's record that a report is prepared from. */
enum report_column {
    RC_NUMBER,
    RC_TITLE,
    RC_ORGANISATION,
    RC_DESCRIPTION,
    RC_CATEGORY,
    RC_CATEGORY_LABEL,
    RC_SEVERITY,
    RC_NATURE,
    RC_STATUS,
    RC_DETECTED_AT,
    RC_OCCURRED_AT,
    RC_AWARENESS_AT,
    RC_HOW_OCCURRED,
    RC_WHY_OCCURRED,
    RC_PERPETRATOR,
    RC_MOTIVATION,
    RC_IMPACT_CONFIDENTIALITY,
    RC_IMPACT_INTEGRITY,
    RC_IMPACT_AVAILABILITY,
    RC_ASSETS,
    RC_ACTIONS_TAKEN,
    RC_ACTIONS_PLANNED,
    RC_EARLY_WARNING_SENT_AT,
    RC_NOTIFICATION_SENT_AT,
    RC_ID,
};

/* The report of an obligation, prepared from its incident's record. */
struct obligation_report {
    PGresult *incident; /* enum report_column */
    char *text;         /* regreport_text's */
};

static void obligation_report_free(struct obligation_report *r)
{
    if (r->incident)
        PQclear(r->incident);
    free(r->text);
    r->incident = NULL;
    r->text = NULL;
}

/* Loads ob's incident and prepares its report. Returns 200 or 500;
 * obligation_report_free releases it whatever it returned. */
static int obligation_report_load(struct ctx *c, const struct obligation_ref *ob,
                                  struct obligation_report *r)
{
    memset(r, 0, sizeof *r);
    char id[24];
    snprintf(id, sizeof id, "%ld", ob->incident_id);
    const char *p[] = {id};
    if (db_exec(c->db, &r->incident,
                "SELECT i.number, i.title, o.name, i.description, i.category, "
                "  coalesce((SELECT sc.label FROM scale_categories sc "
                "            WHERE sc.scale_id = coalesce(i.scale_id, app.scale_for(i.org_id)) "
                "              AND sc.code = i.category), ''), "
                "  initcap(coalesce(i.severity_derived, i.severity)), i.nature, i.status, "
                "  to_char(i.detected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI \"UTC\"'), "
                "  coalesce(to_char(i.occurred_at AT TIME ZONE 'UTC', "
                "                   'YYYY-MM-DD HH24:MI \"UTC\"'), ''), "
                "  coalesce(to_char(i.awareness_at AT TIME ZONE 'UTC', "
                "                   'YYYY-MM-DD HH24:MI \"UTC\"'), ''), "
                "  i.how_occurred, i.why_occurred, i.perpetrator, i.motivation, "
                "  i.impact_confidentiality, i.impact_integrity, i.impact_availability, "
                "  concat_ws(E'\\n', 'Information: ' || nullif(i.assets_information, ''), "
                "    'Hardware: ' || nullif(i.assets_hardware, ''), "
                "    'Software: ' || nullif(i.assets_software, ''), "
                "    'Communications: ' || nullif(i.assets_communications, ''), "
                "    'Documentation: ' || nullif(i.assets_documentation, '')), "
                "  i.actions_taken, i.actions_planned, "
                "  coalesce((SELECT to_char(n.sent_at AT TIME ZONE 'UTC', "
                "                           'YYYY-MM-DD HH24:MI \"UTC\"') "
                "            FROM notification_obligations n WHERE n.incident_id = i.id "
                "             AND n.regime = 'nis2' AND n.report = 'early_warning'), ''), "
                "  coalesce((SELECT to_char(n.sent_at AT TIME ZONE 'UTC', "
                "                           'YYYY-MM-DD HH24:MI \"UTC\"') "
                "            FROM notification_obligations n WHERE n.incident_id = i.id "
                "             AND n.regime = 'nis2' AND n.report = 'notification'), ''), "
                "  i.id "
                "FROM incidents i JOIN organisations o ON o.id = i.org_id WHERE i.id = $1",
                1, p) != DB_OK)
        return 500;
    PGresult *res = r->incident;
    if (PQntuples(res) != 1)
        return 500;
    char contact[sizeof c->sess->display_name + sizeof c->sess->email + 4];
    snprintf(contact, sizeof contact, "%s <%s>", c->sess->display_name, c->sess->email);
    struct regreport_incident inc = {
        .number = db_text(res, 0, RC_NUMBER),
        .title = db_text(res, 0, RC_TITLE),
        .organisation = db_text(res, 0, RC_ORGANISATION),
        .description = db_text(res, 0, RC_DESCRIPTION),
        .category = db_text(res, 0, RC_CATEGORY),
        .category_label = db_text(res, 0, RC_CATEGORY_LABEL),
        .severity = db_text(res, 0, RC_SEVERITY),
        .nature = db_text(res, 0, RC_NATURE),
        .status = db_text(res, 0, RC_STATUS),
        .detected_at = db_text(res, 0, RC_DETECTED_AT),
        .occurred_at = db_text(res, 0, RC_OCCURRED_AT),
        .awareness_at = db_text(res, 0, RC_AWARENESS_AT),
        .how_occurred = db_text(res, 0, RC_HOW_OCCURRED),
        .why_occurred = db_text(res, 0, RC_WHY_OCCURRED),
        .perpetrator = db_text(res, 0, RC_PERPETRATOR),
        .motivation = db_text(res, 0, RC_MOTIVATION),
        .impact_confidentiality = db_text(res, 0, RC_IMPACT_CONFIDENTIALITY),
        .impact_integrity = db_text(res, 0, RC_IMPACT_INTEGRITY),
        .impact_availability = db_text(res, 0, RC_IMPACT_AVAILABILITY),
        .assets = db_text(res, 0, RC_ASSETS),
        .actions_taken = db_text(res, 0, RC_ACTIONS_TAKEN),
        .actions_planned = db_text(res, 0, RC_ACTIONS_PLANNED),
        .early_warning_sent_at = db_text(res, 0, RC_EARLY_WARNING_SENT_AT),
        .notification_sent_at = db_text(res, 0, RC_NOTIFICATION_SENT_AT),
        .contact = contact,
        .late = ob->has_due && (long long)time(NULL) > ob->due,
    };
    r->text = regreport_text(&inc, ob->regime, ob->report);
    return r->text ? 200 : 500;
}

/* The prepared report as Report.Text and the incident under Obligation.Incident*; prefill
 * also puts the text into the form's body. */
static void obligation_report_to_hdf(struct ctx *c, const struct obligation_report *r, int prefill)
{
    HDF *hdf = c->req->hdf;
    view_set(hdf, "Obligation.IncidentNumber", db_text(r->incident, 0, RC_NUMBER));
    view_set(hdf, "Obligation.IncidentTitle", db_text(r->incident, 0, RC_TITLE));
    view_set(hdf, "Obligation.Organisation", db_text(r->incident, 0, RC_ORGANISATION));
    view_set(hdf, "Report.Text", r->text);
    if (prefill)
        view_set(hdf, "Form.Values.body", r->text);
}

/* The obligation's page (with the form's values as posted unless prefill) and status. */
static int obligation_page(struct ctx *c, const struct obligation_ref *ob, int prefill, int status)
{
    struct obligation_report r;
    int st = obligation_report_load(c, ob, &r);
    if (st == 200) {
        obligation_to_hdf(c, ob);
        obligation_report_to_hdf(c, &r, prefill);
    }
    obligation_report_free(&r);
    if (st != 200)
        return st;
    portal_page(c, "incident/obligation_report.cs", "obligation");
    return status;
}

int handle_obligation_show(struct ctx *c)
{
    struct obligation_ref ob;
    struct incident_ref inc;
    int st = obligation_load(c, 0, &ob, &inc);
    if (st == 200)
        st = obligation_page(c, &ob, 1, 200);
    obligation_free(&ob);
    return st;
}

/* Column of the obligation's sending time. */
enum { STORED_SENT_AT_COLUMN };

/* Records that ob was sent (the posted recipient and text) unless it was already (then
 * *updated is 0); the NIS2 notification starts the final report's clock. Adds it to the
 * timeline of inc. Returns 0 or -1. */
static int obligation_sent_store(struct ctx *c, const struct obligation_ref *ob,
                                 const struct incident_ref *inc, int *updated)
{
    char id[24], uid[24];
    snprintf(id, sizeof id, "%ld", ob->id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *sent_to = req_param(c->req, "sent_to");
    const char *p[] = {id, uid, sent_to, req_param(c->req, "body")};
    PGresult *res;
    /* whole seconds, so that a due time computed from it is exactly a calendar month on */
    if (db_exec(c->db, &res,
                "UPDATE notification_obligations SET sent_at = date_trunc('second', now()), "
                "sent_by = $2, sent_to = $3, sent_body = $4 WHERE id = $1 AND sent_at IS NULL "
                "RETURNING floor(extract(epoch FROM sent_at))::bigint",
                4, p) != DB_OK)
        return -1;
    *updated = PQntuples(res) == 1;
    long long sent_at = *updated ? strtoll(db_text(res, 0, STORED_SENT_AT_COLUMN), NULL, 10) : 0;
    PQclear(res);
    if (!*updated)
        return 0;
    if (ob->regime == DEADLINE_NIS2 && ob->report == DEADLINE_NOTIFICATION) {
        long long due;
        if (deadline_due(DEADLINE_NIS2, DEADLINE_FINAL, 0, sent_at, &due) != 1 ||
            obligation_upsert(c, ob->incident_id, DEADLINE_NIS2, DEADLINE_FINAL, 1, due) != DB_OK)
            return -1;
    }
    char detail[320];
    snprintf(detail, sizeof detail, "%s %s to %s", deadline_regime_code(ob->regime),
             deadline_report_code(ob->report), sent_to);
    if (timeline_add(c, inc->org_id, "incident", ob->incident_id, "report_sent", detail) != DB_OK)
        return -1;
    return 0;
}

static int obligation_sent(struct ctx *c, const struct obligation_ref *ob,
                           const struct incident_ref *inc)
{
    if (ob->sent)
        return 409; /* the record of what was sent does not change */
    if (portal_form_check(c, sent_fields, N_FIELDS(sent_fields)))
        return obligation_page(c, ob, 0, 422);
    int updated;
    if (obligation_sent_store(c, ob, inc, &updated) != 0)
        return 500;
    if (!updated)
        return 409;
    char where[48];
    incident_path(where, sizeof where, ob->incident_id);
    resp_redirect(c->resp, where);
    return 303;
}

int handle_obligation_sent(struct ctx *c)
{
    struct obligation_ref ob;
    struct incident_ref inc;
    int st = obligation_load(c, 1, &ob, &inc);
    if (st == 200)
        st = obligation_sent(c, &ob, &inc);
    obligation_free(&ob);
    return st;
}

/* ---- GET /queue ---- */

int obligation_queue_load(struct ctx *c, int limit, PGresult **res)
{
    char lim[16];
    snprintf(lim, sizeof lim, "%d", limit);
    const char *p[] = {lim};
    if (db_exec(c->db, res,
                "SELECT o.id, o.regime, o.report, o.due_at IS NOT NULL, "
                "  coalesce(floor(extract(epoch FROM o.due_at))::bigint, 0), "
                "  to_char(o.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  i.id, i.number, i.title, org.name, count(*) OVER (), "
                "  count(*) FILTER (WHERE o.due_at < now()) OVER () "
                "FROM notification_obligations o JOIN incidents i ON i.id = o.incident_id "
                "JOIN organisations org ON org.id = i.org_id "
                "WHERE o.sent_at IS NULL AND CASE o.regime WHEN 'nis2' THEN i.reportable_nis2 "
                "  ELSE i.reportable_gdpr END "
                /* the queue holds what the user may send: their organisations' own
                 * obligations and their group companies', never a supplier's */
                "AND app.incident_coordinator(i.org_id) "
                "ORDER BY o.due_at NULLS LAST, o.id LIMIT $1::int",
                1, p) != DB_OK)
        return 500;
    return 200;
}

/* Queue.N.* with each report's clock, and how many are overdue. */
static void queue_to_hdf(struct ctx *c, PGresult *res)
{
    static const struct {
        const char *name;
        enum queue_column col;
    } cols[] = {{"Id", QC_ID},
                {"Regime", QC_REGIME},
                {"Report", QC_REPORT},
                {"DueAt", QC_DUE_AT},
                {"IncidentId", QC_INCIDENT_ID},
                {"Number", QC_NUMBER},
                {"Title", QC_TITLE},
                {"Org", QC_ORG}};
    long long now = (long long)time(NULL);
    int overdue = 0;
    for (int i = 0; i < PQntuples(res); i++) {
        char key[48];
        snprintf(key, sizeof key, "Queue.%d", i);
        HDF *row;
        if (hdf_get_node(c->req->hdf, key, &row) != STATUS_OK)
            continue;
        for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++)
            view_set(row, cols[k].name, db_text(res, i, (int)cols[k].col));
        int has_due = db_text(res, i, QC_HAS_DUE)[0] == 't';
        long long due = strtoll(db_text(res, i, QC_DUE_EPOCH), NULL, 10);
        obligation_clock_to_hdf(row, now, has_due, due, 0);
        overdue += deadline_state(now, has_due, due, 0) == DEADLINE_OVERDUE;
    }
    view_set_int(c->req->hdf, "QueueOverdue", overdue);
}

int handle_queue(struct ctx *c)
{
    PGresult *res;
    if (obligation_queue_load(c, 1000, &res) != 200)
        return 500;
    queue_to_hdf(c, res);
    PQclear(res);
    portal_page(c, "incident/queue.cs", "queue");
    return 200;
}
