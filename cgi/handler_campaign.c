/* handler_campaign.c - what a parent sends out: the list of its campaigns and
 * questionnaires (built in handler_questionnaire.c); campaigns that send a questionnaire
 * (frozen from then on) to chosen group companies and suppliers with a due date, inviting
 * respondents who have no account; the campaign's progress; and the next cycle of a
 * recurring campaign, pre-filled with the previous accepted answers. */
#include "form.h"
#include "invitation.h"
#include "portal.h"
#include "utf8.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const recurrences[] = {"none", "yearly", NULL};

/* Columns of an INSERT's RETURNING id, and of a function that returns a new row's id. */
enum { NEW_ID_COLUMN };

/* Columns of the campaign list's statement. */
enum campaign_list_column {
    CLC_ID,
    CLC_TITLE,
    CLC_OWNER,
    CLC_DUE_DATE,
    CLC_CYCLE,
    CLC_RECURRENCE,
    CLC_TARGETS,
    CLC_ACCEPTED,
    CLC_TO_REVIEW,
    CLC_OVERDUE
};

/* Columns of the questionnaire list's statement. */
enum questionnaire_list_column { QLC_ID, QLC_TITLE, QLC_VERSION, QLC_FROZEN, QLC_ITEMS };

/* The campaigns page: the campaigns and questionnaires of the user's organisations. */
struct campaign_list {
    PGresult *campaigns;      /* enum campaign_list_column */
    PGresult *questionnaires; /* enum questionnaire_list_column */
};

static void campaign_list_free(struct campaign_list *l)
{
    if (l->campaigns)
        PQclear(l->campaigns);
    if (l->questionnaires)
        PQclear(l->questionnaires);
    l->campaigns = l->questionnaires = NULL;
}

/* Returns 200 or 500 (then frees what it had read). */
static int campaign_list_load(struct ctx *c, struct campaign_list *l)
{
    memset(l, 0, sizeof *l);
    if (db_exec(c->db, &l->campaigns,
                "SELECT cp.id, cp.title, o.name, to_char(cp.due_date, 'YYYY-MM-DD'), cp.cycle, "
                "  cp.recurrence, "
                "  (SELECT count(*) FROM assessments a WHERE a.campaign_id = cp.id), "
                "  (SELECT count(*) FROM assessments a WHERE a.campaign_id = cp.id "
                "     AND a.status = 'accepted'), "
                "  (SELECT count(*) FROM assessments a WHERE a.campaign_id = cp.id "
                "     AND a.status = 'submitted'), "
                "  cp.due_date < current_date AND EXISTS (SELECT 1 FROM assessments a "
                "     WHERE a.campaign_id = cp.id AND a.status IN ('draft', 'returned')) "
                "FROM campaigns cp JOIN organisations o ON o.id = cp.owner_org_id "
                "WHERE cp.owner_org_id IN (SELECT app.member_orgs()) "
                "ORDER BY cp.created_at DESC LIMIT 500",
                0, NULL) != DB_OK ||
        db_exec(c->db, &l->questionnaires,
                "SELECT q.id, q.title, q.version, q.frozen_at IS NOT NULL, "
                "  (SELECT count(*) FROM questionnaire_items i WHERE i.questionnaire_id = q.id) "
                "FROM questionnaires q WHERE q.owner_org_id IN (SELECT app.member_orgs()) "
                "  AND q.title NOT LIKE 'Self-assessment %' "
                "ORDER BY q.created_at DESC LIMIT 200",
                0, NULL) != DB_OK) {
        campaign_list_free(l);
        return 500;
    }
    return 200;
}

static void campaign_list_to_hdf(struct ctx *c, const struct campaign_list *l)
{
    static const char *const names[] = {
        [CLC_ID] = "Id",
        [CLC_TITLE] = "Title",
        [CLC_OWNER] = "Owner",
        [CLC_DUE_DATE] = "DueDate",
        [CLC_CYCLE] = "Cycle",
        [CLC_RECURRENCE] = "Recurrence",
        [CLC_TARGETS] = "Targets",
        [CLC_ACCEPTED] = "Accepted",
        [CLC_TO_REVIEW] = "ToReview",
        [CLC_OVERDUE] = "Overdue",
    };
    portal_rows(c, "Campaigns", l->campaigns, names, (int)(sizeof names / sizeof *names));
    static const char *const qnames[] = {
        [QLC_ID] = "Id",         [QLC_TITLE] = "Title", [QLC_VERSION] = "Version",
        [QLC_FROZEN] = "Frozen", [QLC_ITEMS] = "Items",
    };
    portal_rows(c, "Questionnaires", l->questionnaires, qnames,
                (int)(sizeof qnames / sizeof *qnames));
    portal_page(c, "campaign/list.cs", "campaigns");
}

int handle_campaigns(struct ctx *c)
{
    struct campaign_list l;
    int rc = campaign_list_load(c, &l);
    if (rc != 200)
        return rc;
    campaign_list_to_hdf(c, &l);
    campaign_list_free(&l);
    return 200;
}

/* Columns of the campaign form's questionnaire choices. */
enum campaign_questionnaire_column { CQC_ID, CQC_TITLE, CQC_VERSION, CQC_ITEMS };

/* Columns of the campaign form's organisation choices. */
enum campaign_org_column { COC_ID, COC_NAME, COC_KIND, COC_HAS_ASSESSOR };

/* The new campaign form: the organisation's questionnaires and child organisations. */
struct campaign_form {
    long org_id;
    PGresult *questionnaires; /* enum campaign_questionnaire_column */
    PGresult *orgs;           /* enum campaign_org_column */
};

static void campaign_form_free(struct campaign_form *f)
{
    if (f->questionnaires)
        PQclear(f->questionnaires);
    if (f->orgs)
        PQclear(f->orgs);
    f->questionnaires = f->orgs = NULL;
}

/* Returns 200 or 500 (then frees what it had read). */
static int campaign_form_load(struct ctx *c, long org_id, struct campaign_form *f)
{
    memset(f, 0, sizeof *f);
    f->org_id = org_id;
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", org_id);
    const char *p[] = {oid};
    if (db_exec(c->db, &f->questionnaires,
                "SELECT q.id, q.title, q.version, "
                "  (SELECT count(*) FROM questionnaire_items i WHERE i.questionnaire_id = q.id) "
                "  FROM questionnaires q WHERE q.owner_org_id = $1 "
                "  AND q.title NOT LIKE 'Self-assessment %' ORDER BY q.created_at DESC",
                1, p) != DB_OK ||
        db_exec(c->db, &f->orgs,
                "SELECT o.id, o.name, r.kind, "
                "  app.org_has_respondent(o.id) "
                "FROM org_relations r JOIN organisations o ON o.id = r.child_id "
                "WHERE r.parent_id = $1 AND (r.administers OR r.confirmed_at IS NOT NULL) "
                "ORDER BY r.kind, o.name",
                1, p) != DB_OK) {
        campaign_form_free(f);
        return 500;
    }
    return 200;
}

static void campaign_form_to_hdf(struct ctx *c, const struct campaign_form *f)
{
    static const char *const qn[] = {
        [CQC_ID] = "Id", [CQC_TITLE] = "Title", [CQC_VERSION] = "Version", [CQC_ITEMS] = "Items"};
    portal_rows(c, "Choices.Questionnaires", f->questionnaires, qn, (int)(sizeof qn / sizeof *qn));
    static const char *const on[] = {
        [COC_ID] = "Id",
        [COC_NAME] = "Name",
        [COC_KIND] = "Kind",
        [COC_HAS_ASSESSOR] = "HasAssessor",
    };
    portal_rows(c, "Choices.Orgs", f->orgs, on, (int)(sizeof on / sizeof *on));
    view_set_int(c->req->hdf, "Form.OrgId", f->org_id);
    portal_page(c, "campaign/new.cs", "campaign_new");
}

/* The new campaign form for org with status (200, or 422 for a form coming back). */
static int campaign_form_show(struct ctx *c, const struct membership *org, int status)
{
    struct campaign_form f;
    int rc = campaign_form_load(c, org->org_id, &f);
    if (rc != 200)
        return rc;
    campaign_form_to_hdf(c, &f);
    campaign_form_free(&f);
    return status;
}

int handle_campaign_form(struct ctx *c)
{
    const struct membership *org = portal_acting_org(c, ROLES_MANAGERS);
    if (!org)
        return 403;
    const char *q = req_param(c->req, "questionnaire");
    view_set(c->req->hdf, "Form.Values.questionnaire_id", q ? q : "");
    const char *saved = req_param(c->req, "saved"); /* the questionnaire just built */
    if (saved)
        view_set(c->req->hdf, "Flash", saved);
    view_set(c->req->hdf, "Form.Values.recurrence", "yearly");
    return campaign_form_show(c, org, 200);
}

/* Columns of the organisations a campaign may go to. */
enum campaign_child_column { CHC_ID, CHC_NAME, CHC_HAS_RESPONDENT, CHC_ADMINISTERS };

/* The child organisations org_id may send a campaign to (enum campaign_child_column), by
 * id. Returns 200 or 500. */
static int campaign_children_load(struct ctx *c, long org_id, PGresult **kids)
{
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", org_id);
    const char *p[] = {oid};
    if (db_exec(c->db, kids,
                "SELECT o.id, o.name, app.org_has_respondent(o.id), r.administers "
                "FROM org_relations r JOIN organisations o ON o.id = r.child_id "
                "WHERE r.parent_id = $1 AND (r.administers OR r.confirmed_at IS NOT NULL) "
                "ORDER BY o.id",
                1, p) != DB_OK)
        return 500;
    return 200;
}

/* 1 when questionnaire_id (text, perhaps empty) is one of org_id's questionnaires that a
 * campaign may send, 0 when not, -1 on a database error. */
static int campaign_questionnaire_owned(struct ctx *c, const char *questionnaire_id, long org_id)
{
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", org_id);
    const char *p[] = {questionnaire_id && *questionnaire_id ? questionnaire_id : "0", oid};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT id FROM questionnaires WHERE id = $1::bigint AND owner_org_id = $2 "
                "AND title NOT LIKE 'Self-assessment %'",
                2, p) != DB_OK)
        return -1;
    int owned = PQntuples(res) == 1;
    PQclear(res);
    return owned;
}

/* Checks the chosen targets among kids (org_<id> ticked, email_<id> an invitation): each
 * needs a respondent, or an invitation when this parent administers it and nobody answers
 * for it yet. The number of targets goes to targets. Returns the number of errors. */
static size_t campaign_targets_check(struct ctx *c, PGresult *kids, int *targets)
{
    size_t bad = 0;
    *targets = 0;
    for (int i = 0; i < PQntuples(kids); i++) {
        char name[32], ename[32], key[64];
        snprintf(name, sizeof name, "org_%s", db_text(kids, i, CHC_ID));
        snprintf(ename, sizeof ename, "email_%s", db_text(kids, i, CHC_ID));
        const char *on = req_param(c->req, name);
        const char *email = req_param(c->req, ename);
        snprintf(key, sizeof key, "Form.Values.%s", name);
        view_set(c->req->hdf, key, on && strcmp(on, "1") == 0 ? "1" : "");
        struct field ef = {ename, FIELD_EMAIL, 0, 3, 254, NULL};
        bad += portal_form_check(c, &ef, 1);
        if (!on || strcmp(on, "1") != 0)
            continue;
        (*targets)++;
        int has_respondent = strcmp(db_text(kids, i, CHC_HAS_RESPONDENT), "t") == 0;
        int administered = strcmp(db_text(kids, i, CHC_ADMINISTERS), "t") == 0;
        if (email && *email && (has_respondent || !administered)) {
            /* only a child nobody answers for yet, and that this parent administers, is
             * given a new respondent by invitation */
            portal_form_error(c, ename, administered ? "has_respondent" : "self_managed");
            bad++;
        } else if (!has_respondent && (!email || !*email)) {
            portal_form_error(c, ename, administered ? "invite_needed" : "self_managed");
            bad++;
        }
    }
    return bad;
}

/* Stores the campaign the form describes (already checked) for org: freezes its
 * questionnaire, opens an assessment for every chosen child of kids and invites those
 * given an address; and logs it. Its id goes to campaign. Returns 200 or 500. */
static int campaign_store(struct ctx *c, const struct membership *org, PGresult *kids,
                          char campaign[24])
{
    char oid[24], uid[24];
    snprintf(oid, sizeof oid, "%ld", org->org_id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *qid = req_param(c->req, "questionnaire_id");
    const char *title = req_param(c->req, "title");
    const char *cp[] = {
        oid, qid, title, req_param(c->req, "due_date"), req_param(c->req, "recurrence"), uid};
    PGresult *res;
    if (db_exec(c->db, NULL,
                "UPDATE questionnaires SET frozen_at = coalesce(frozen_at, now()) "
                "WHERE id = $1",
                1, &qid) != DB_OK ||
        db_exec(c->db, &res,
                "INSERT INTO campaigns (owner_org_id, questionnaire_id, title, due_date, "
                "  recurrence, created_by) VALUES ($1, $2, $3, $4::date, $5, $6) RETURNING id",
                6, cp) != DB_OK)
        return 500;
    snprintf(campaign, 24, "%s", db_text(res, 0, NEW_ID_COLUMN));
    PQclear(res);
    for (int i = 0; i < PQntuples(kids); i++) {
        char name[32], ename[32];
        snprintf(name, sizeof name, "org_%s", db_text(kids, i, CHC_ID));
        snprintf(ename, sizeof ename, "email_%s", db_text(kids, i, CHC_ID));
        const char *on = req_param(c->req, name);
        if (!on || strcmp(on, "1") != 0)
            continue;
        const char *ap[] = {db_text(kids, i, CHC_ID), qid, campaign, uid};
        if (db_exec(c->db, NULL,
                    "INSERT INTO assessments (org_id, questionnaire_id, campaign_id, created_by) "
                    "VALUES ($1, $2, $3, $4)",
                    4, ap) != DB_OK)
            return 500;
        const char *email = req_param(c->req, ename);
        const struct invitation_mail mail = {
            .kind = "campaign", .person = c->sess->display_name, .title = title};
        if (email && *email &&
            invitation_send(c, db_long(kids, i, CHC_ID), org->org_id, campaign, NULL, email,
                            &mail) != 0)
            return 500;
    }
    if (db_audit(c->db, c->sess->user_id, org->org_id, "create", "campaign", atol(campaign),
                 NULL) != DB_OK)
        return 500;
    return 200;
}

int handle_campaign_create(struct ctx *c)
{
    const struct membership *org = portal_acting_org(c, ROLES_MANAGERS);
    if (!org)
        return 403;
    c->org_id = org->org_id;
    static const struct field fields[] = {
        {"title", FIELD_TEXT, 1, 3, 200, NULL},
        {"questionnaire_id", FIELD_INT, 1, 1, 2000000000L, NULL},
        {"due_date", FIELD_TEXT, 1, 10, 10, NULL},
        {"recurrence", FIELD_CHOICE, 1, 0, 0, recurrences},
    };
    size_t bad = portal_form_check(c, fields, 4);
    const char *due = req_param(c->req, "due_date");
    long long due_t;
    char due_dt[32];
    snprintf(due_dt, sizeof due_dt, "%sT00:00", due ? due : "");
    if (due && strlen(due) == 10 && form_parse_datetime(due_dt, &due_t) != 0) {
        portal_form_error(c, "due_date", "bad_date");
        bad++;
    }
    PGresult *kids;
    if (campaign_children_load(c, org->org_id, &kids) != 200)
        return 500;
    int targets;
    bad += campaign_targets_check(c, kids, &targets);
    if (!targets) {
        view_set(c->req->hdf, "Form.Message", "no_targets");
        bad++;
    }
    int owned = campaign_questionnaire_owned(c, req_param(c->req, "questionnaire_id"), org->org_id);
    if (owned < 0) {
        PQclear(kids);
        return 500;
    }
    if (!owned && !hdf_get_value(c->req->hdf, "Form.Errors.questionnaire_id", NULL)) {
        portal_form_error(c, "questionnaire_id", "not_a_choice");
        bad++;
    }
    if (bad) {
        PQclear(kids);
        return campaign_form_show(c, org, 422);
    }
    char campaign[24];
    int rc = campaign_store(c, org, kids, campaign);
    PQclear(kids);
    if (rc != 200)
        return rc;
    char where[64];
    snprintf(where, sizeof where, "/campaigns/%s?saved=campaign", campaign);
    resp_redirect(c->resp, where);
    return 303;
}

/* Columns of a campaign's own row. */
enum campaign_column {
    CC_ID,
    CC_TITLE,
    CC_DUE_DATE,
    CC_CYCLE,
    CC_RECURRENCE,
    CC_QUESTIONNAIRE,
    CC_VERSION,
    CC_OWNER_ORG_ID,
    CC_MANAGED,
    CC_LATEST
};

/* Columns of a campaign's targets. */
enum campaign_target_column {
    CTC_ID,
    CTC_ORG,
    CTC_STATUS,
    CTC_TOTAL,
    CTC_ANSWERED,
    CTC_SUBMITTED,
    CTC_OVERDUE,
    CTC_INVITED,
    CTC_INVITE_USED
};

/* One campaign's page: the campaign and the progress of each organisation it went to. */
struct campaign {
    char id[24];
    char title[UTF8_BUF(200)];
    char due_date[16];
    char cycle[24];
    char recurrence[16];
    char questionnaire[UTF8_BUF(200)];
    char version[24];
    long owner_org_id;
    int managed;       /* the user manages it */
    int latest;        /* no later cycle exists */
    PGresult *targets; /* enum campaign_target_column, by campaign_load_targets */
};

/* Loads campaign id (404 when row-level security hides it). Returns 200, 404 or 500. */
static int campaign_load(struct ctx *c, long id, struct campaign *cp)
{
    memset(cp, 0, sizeof *cp);
    char cid[24];
    snprintf(cid, sizeof cid, "%ld", id);
    const char *p[] = {cid};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT cp.id, cp.title, to_char(cp.due_date, 'YYYY-MM-DD'), cp.cycle, "
                "  cp.recurrence, q.title, q.version, cp.owner_org_id, "
                "  cp.id IN (SELECT app.managed_campaigns()), "
                "  NOT EXISTS (SELECT 1 FROM campaigns n WHERE n.previous_id = cp.id) "
                "FROM campaigns cp JOIN questionnaires q ON q.id = cp.questionnaire_id "
                "WHERE cp.id = $1",
                1, p) != DB_OK)
        return 500;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return 404;
    }
    snprintf(cp->id, sizeof cp->id, "%s", db_text(res, 0, CC_ID));
    utf8_copy(cp->title, sizeof cp->title, db_text(res, 0, CC_TITLE));
    snprintf(cp->due_date, sizeof cp->due_date, "%s", db_text(res, 0, CC_DUE_DATE));
    snprintf(cp->cycle, sizeof cp->cycle, "%s", db_text(res, 0, CC_CYCLE));
    snprintf(cp->recurrence, sizeof cp->recurrence, "%s", db_text(res, 0, CC_RECURRENCE));
    utf8_copy(cp->questionnaire, sizeof cp->questionnaire, db_text(res, 0, CC_QUESTIONNAIRE));
    snprintf(cp->version, sizeof cp->version, "%s", db_text(res, 0, CC_VERSION));
    cp->owner_org_id = db_long(res, 0, CC_OWNER_ORG_ID);
    cp->managed = strcmp(db_text(res, 0, CC_MANAGED), "t") == 0;
    cp->latest = strcmp(db_text(res, 0, CC_LATEST), "t") == 0;
    PQclear(res);
    return 200;
}

/* What the campaign's page shows beyond campaign_load: its targets. Returns 200 or 500. */
static int campaign_load_targets(struct ctx *c, struct campaign *cp)
{
    const char *p[] = {cp->id};
    if (db_exec(c->db, &cp->targets,
                "SELECT a.id, o.name, a.status, "
                "  (SELECT count(*) FROM questionnaire_items i "
                "    WHERE i.questionnaire_id = a.questionnaire_id), "
                "  app.assessment_answered(a.id), "
                "  coalesce(to_char(a.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), ''), "
                "  a.status IN ('draft', 'returned') AND cp.due_date < current_date, "
                "  (SELECT string_agg(i.email, ', ') FROM invitations i "
                "    WHERE i.campaign_id = cp.id AND i.org_id = a.org_id), "
                "  (SELECT bool_or(i.used_at IS NOT NULL) FROM invitations i "
                "    WHERE i.campaign_id = cp.id AND i.org_id = a.org_id) "
                "FROM assessments a JOIN organisations o ON o.id = a.org_id "
                "JOIN campaigns cp ON cp.id = a.campaign_id "
                "WHERE a.campaign_id = $1 ORDER BY o.name",
                1, p) != DB_OK)
        return 500;
    return 200;
}

static void campaign_to_hdf(struct ctx *c, const struct campaign *cp)
{
    HDF *hdf = c->req->hdf;
    view_set(hdf, "Campaign.Id", cp->id);
    view_set(hdf, "Campaign.Title", cp->title);
    view_set(hdf, "Campaign.DueDate", cp->due_date);
    view_set(hdf, "Campaign.Cycle", cp->cycle);
    view_set(hdf, "Campaign.Recurrence", cp->recurrence);
    view_set(hdf, "Campaign.Questionnaire", cp->questionnaire);
    view_set(hdf, "Campaign.Version", cp->version);
    view_set(hdf, "Campaign.Latest", cp->latest ? "1" : "");
    static const char *const tn[] = {
        [CTC_ID] = "Id",           [CTC_ORG] = "Org",           [CTC_STATUS] = "Status",
        [CTC_TOTAL] = "Total",     [CTC_ANSWERED] = "Answered", [CTC_SUBMITTED] = "Submitted",
        [CTC_OVERDUE] = "Overdue", [CTC_INVITED] = "Invited",   [CTC_INVITE_USED] = "InviteUsed",
    };
    portal_rows(c, "Targets", cp->targets, tn, (int)(sizeof tn / sizeof *tn));
    portal_page(c, "campaign/show.cs", "campaign");
}

int handle_campaign_show(struct ctx *c)
{
    struct campaign cp;
    int rc = campaign_load(c, c->id, &cp);
    if (rc == 200 && !cp.managed)
        rc = 404; /* only those who manage it see a campaign's progress */
    if (rc != 200)
        return rc;
    c->org_id = cp.owner_org_id;
    if (campaign_load_targets(c, &cp) != 200)
        return 500;
    const char *saved = req_param(c->req, "saved");
    if (saved)
        view_set(c->req->hdf, "Flash", saved);
    campaign_to_hdf(c, &cp);
    PQclear(cp.targets);
    return 200;
}

/* POST /campaigns/:id/next - the next cycle: same questionnaire and respondents, due a
 * year later, each answer pre-filled from the previous cycle's accepted assessment and
 * marked as carried over until the respondent confirms it. */
int handle_campaign_next(struct ctx *c)
{
    char id[24], uid[24];
    snprintf(id, sizeof id, "%ld", c->id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *p[] = {id, uid};
    PGresult *res;
    if (db_exec(c->db, &res, "SELECT app.campaign_next_cycle($1, $2)", 2, p) != DB_OK) {
        if (strcmp(c->db->sqlstate, "42501") == 0 || strcmp(c->db->sqlstate, "P0002") == 0)
            return 404;
        if (strcmp(c->db->sqlstate, "23505") == 0)
            return 409; /* the next cycle exists already */
        return 500;
    }
    long next = db_long(res, 0, NEW_ID_COLUMN);
    PQclear(res);
    char where[64];
    snprintf(where, sizeof where, "/campaigns/%ld", next);
    resp_redirect(c->resp, where);
    return 303;
}
