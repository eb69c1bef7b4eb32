/* handler_campaign.c - what a parent sends out: questionnaires built from the catalogue
 * (the whole framework, chosen functions or categories, the Annex B essentials) plus
 * questions of its own; campaigns that send a questionnaire (frozen from then on) to
 * chosen group companies and suppliers with a due date, inviting respondents who have no
 * account; the campaign's progress; and the next cycle of a recurring campaign,
 * pre-filled with the previous accepted answers. */
#include "form.h"
#include "invitation.h"
#include "portal.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CUSTOM_QUESTIONS 5

static const char *const answer_types[] = {"text", "yesno", "choice", "number", NULL};
static const char *const recurrences[] = {"none", "yearly", NULL};

/* The organisation acted for: org_id if the user manages it, else their first. */
static const struct membership *managing_org(struct ctx *c)
{
    const char *v = req_param(c->req, "org_id");
    if (v && *v)
        return session_org(c->sess, strtol(v, NULL, 10), ROLES_MANAGERS);
    return session_first_org(c->sess, ROLES_MANAGERS);
}

int handle_campaigns(struct ctx *c)
{
    PGresult *res;
    if (db_exec(c->db, &res,
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
                0, NULL) != DB_OK)
        return 500;
    static const char *const names[] = {"Id",         "Title",   "Owner",    "DueDate",  "Cycle",
                                        "Recurrence", "Targets", "Accepted", "ToReview", "Overdue"};
    portal_rows(c, "Campaigns", res, names, 10);
    PQclear(res);
    if (db_exec(c->db, &res,
                "SELECT q.id, q.title, q.version, q.frozen_at IS NOT NULL, "
                "  (SELECT count(*) FROM questionnaire_items i WHERE i.questionnaire_id = q.id) "
                "FROM questionnaires q WHERE q.owner_org_id IN (SELECT app.member_orgs()) "
                "  AND q.title NOT LIKE 'Self-assessment %' "
                "ORDER BY q.created_at DESC LIMIT 200",
                0, NULL) != DB_OK)
        return 500;
    static const char *const qnames[] = {"Id", "Title", "Version", "Frozen", "Items"};
    portal_rows(c, "Questionnaires", res, qnames, 5);
    PQclear(res);
    portal_page(c, "campaign/list.cs", "campaigns");
    return 200;
}

/* The catalogue's functions and categories, for the questionnaire builder. */
static int builder_data(struct ctx *c)
{
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT f.code, f.name, cat.id, cat.code, cat.name, "
                "  (SELECT count(*) FROM catalogue_subcategories s WHERE s.category_id = cat.id) "
                "FROM catalogue_functions f JOIN catalogue_categories cat "
                "  ON cat.function_id = f.id "
                "WHERE f.edition_id = (SELECT max(id) FROM catalogue_editions) "
                "ORDER BY f.position, cat.position",
                0, NULL) != DB_OK)
        return 500;
    static const char *const names[] = {"FunctionCode", "Function", "Id", "Code", "Name", "Items"};
    portal_rows(c, "Builder.Categories", res, names, 6);
    PQclear(res);
    static const char *const types[] = {"text", "yesno", "choice", "number"};
    for (int i = 0; i < 4; i++) {
        char key[48];
        snprintf(key, sizeof key, "Builder.Types.%d", i);
        view_set(c->req->hdf, key, types[i]);
    }
    for (int i = 1; i <= CUSTOM_QUESTIONS; i++) {
        char key[48];
        snprintf(key, sizeof key, "Builder.Custom.%d", i - 1);
        view_set_int(c->req->hdf, key, i);
    }
    portal_page(c, "campaign/questionnaire_new.cs", "questionnaire_new");
    return 200;
}

int handle_questionnaire_form(struct ctx *c)
{
    view_set(c->req->hdf, "Form.Values.target", "3");
    return builder_data(c);
}

/* 1 when the checkbox name was ticked; also keeps it for the form coming back. */
static int ticked(struct ctx *c, const char *name)
{
    const char *v = req_param(c->req, name);
    int on = v && strcmp(v, "1") == 0;
    char key[64];
    snprintf(key, sizeof key, "Form.Values.%s", name);
    view_set(c->req->hdf, key, on ? "1" : "");
    return on;
}

/* Whether category row i (columns id, function code) is chosen: by itself, through its
 * whole function (fn_<code>), or through the whole framework (whole). */
static int category_chosen(struct ctx *c, PGresult *cats, int i, int whole)
{
    char name[32];
    snprintf(name, sizeof name, "cat_%s", db_text(cats, i, 0));
    int own = ticked(c, name);
    snprintf(name, sizeof name, "fn_%s", db_text(cats, i, 1));
    int function = ticked(c, name);
    return own || function || whole;
}

int handle_questionnaire_create(struct ctx *c)
{
    const struct membership *org = managing_org(c);
    if (!org)
        return 403;
    c->org_id = org->org_id;
    struct field fields[2 + 3 * CUSTOM_QUESTIONS] = {
        {"title", FIELD_TEXT, 1, 3, 200, NULL},
        {"target", FIELD_INT, 1, 0, 5, NULL},
    };
    char names[3 * CUSTOM_QUESTIONS][24];
    size_t n = 2;
    for (int i = 1; i <= CUSTOM_QUESTIONS; i++) {
        snprintf(names[3 * i - 3], 24, "q%d_text", i);
        snprintf(names[3 * i - 2], 24, "q%d_type", i);
        snprintf(names[3 * i - 1], 24, "q%d_choices", i);
        fields[n++] = (struct field){names[3 * i - 3], FIELD_TEXT, 0, 3, 1000, NULL};
        fields[n++] = (struct field){names[3 * i - 2], FIELD_CHOICE, 0, 0, 0, answer_types};
        fields[n++] = (struct field){names[3 * i - 1], FIELD_TEXT, 0, 0, 1000, NULL};
    }
    size_t bad = portal_form_check(c, fields, n);
    PGresult *cats;
    if (db_exec(c->db, &cats,
                "SELECT cat.id, f.code FROM catalogue_categories cat JOIN catalogue_functions f "
                "  ON f.id = cat.function_id "
                "WHERE f.edition_id = (SELECT max(id) FROM catalogue_editions) "
                "ORDER BY f.position, cat.position",
                0, NULL) != DB_OK)
        return 500;
    int whole = ticked(c, "whole");
    /* the chosen categories, as a PostgreSQL array literal of ids */
    char chosen[2048] = "{";
    size_t used = 1;
    for (int i = 0; i < PQntuples(cats); i++)
        if (category_chosen(c, cats, i, whole) && used < sizeof chosen - 16)
            used += (size_t)snprintf(chosen + used, sizeof chosen - used, "%s%s",
                                     used > 1 ? "," : "", db_text(cats, i, 0));
    PQclear(cats);
    snprintf(chosen + used, sizeof chosen - used, "}");
    int with_b = ticked(c, "annex_b");
    int customs = 0;
    for (int i = 1; i <= CUSTOM_QUESTIONS; i++) {
        char name[24];
        snprintf(name, sizeof name, "q%d_text", i);
        const char *text = req_param(c->req, name);
        if (!text || !*text)
            continue;
        customs++;
        snprintf(name, sizeof name, "q%d_type", i);
        const char *type = req_param(c->req, name);
        if (!type || !*type) {
            portal_form_error(c, name, "required");
            bad++;
        }
        snprintf(name, sizeof name, "q%d_choices", i);
        const char *choices = req_param(c->req, name);
        if (type && strcmp(type, "choice") == 0 && (!choices || !strchr(choices, ','))) {
            portal_form_error(c, name, "two_choices");
            bad++;
        }
    }
    if (used == 1 && !with_b && !customs) {
        view_set(c->req->hdf, "Form.Message", "empty_questionnaire");
        bad++;
    }
    if (bad) {
        int status = builder_data(c);
        return status == 200 ? 422 : status;
    }

    char oid[24], uid[24];
    snprintf(oid, sizeof oid, "%ld", org->org_id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *p[] = {oid, req_param(c->req, "title"), uid};
    PGresult *res;
    if (db_exec(c->db, &res,
                "INSERT INTO questionnaires (owner_org_id, edition_id, title, created_by) "
                "VALUES ($1, (SELECT max(id) FROM catalogue_editions), $2, $3) RETURNING id",
                3, p) != DB_OK)
        return 500;
    char qid[24];
    snprintf(qid, sizeof qid, "%s", db_text(res, 0, 0));
    PQclear(res);
    const char *q[] = {qid, chosen, req_param(c->req, "target"), with_b ? "t" : "f"};
    if (db_exec(c->db, NULL,
                "INSERT INTO questionnaire_items (questionnaire_id, position, kind, "
                "  subcategory_id, default_target) "
                "SELECT $1, row_number() OVER (ORDER BY f.position, cat.position, s.position), "
                "  'subcategory', s.id, $3::int "
                "FROM catalogue_subcategories s JOIN catalogue_categories cat "
                "  ON cat.id = s.category_id JOIN catalogue_functions f ON f.id = cat.function_id "
                "WHERE cat.id = ANY ($2::int[])",
                3, q) != DB_OK ||
        db_exec(c->db, NULL,
                "INSERT INTO questionnaire_items (questionnaire_id, position, kind, "
                "  management_item_id, default_target) "
                "SELECT $1, 1000 + row_number() OVER (ORDER BY m.kind DESC, m.position), "
                "  'management', m.id, $2::int FROM management_items m "
                "WHERE $3::boolean AND m.edition_id = (SELECT max(id) FROM catalogue_editions)",
                3, (const char *[]){qid, q[2], q[3]}) != DB_OK)
        return 500;
    for (int i = 1, pos = 2000; i <= CUSTOM_QUESTIONS; i++) {
        char name[24], posn[16];
        snprintf(name, sizeof name, "q%d_text", i);
        const char *text = req_param(c->req, name);
        if (!text || !*text)
            continue;
        snprintf(name, sizeof name, "q%d_type", i);
        const char *type = req_param(c->req, name);
        snprintf(name, sizeof name, "q%d_choices", i);
        const char *choices = req_param(c->req, name);
        snprintf(posn, sizeof posn, "%d", pos++);
        const char *r[] = {qid, posn, text, type, strcmp(type, "choice") == 0 ? choices : ""};
        if (db_exec(c->db, NULL,
                    "INSERT INTO questionnaire_items (questionnaire_id, position, kind, "
                    "  question, answer_type, choices) "
                    "VALUES ($1, $2, 'custom', $3, $4, CASE WHEN $5 = '' THEN '{}'::text[] "
                    "  ELSE ARRAY(SELECT btrim(x) FROM unnest(string_to_array($5, ',')) x "
                    "             WHERE btrim(x) <> '') END)",
                    5, r) != DB_OK)
            return 500;
    }
    if (db_audit(c->db, c->sess->user_id, org->org_id, "create", "questionnaire", atol(qid),
                 NULL) != DB_OK)
        return 500;
    char where[64];
    snprintf(where, sizeof where, "/campaigns/new?questionnaire=%s", qid);
    resp_redirect(c->resp, where);
    return 303;
}

/* Questionnaires and child organisations to choose from. */
static int campaign_form_data(struct ctx *c, const struct membership *org)
{
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", org->org_id);
    const char *p[] = {oid};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT q.id, q.title || ' (v' || q.version || ', ' || "
                "  (SELECT count(*) FROM questionnaire_items i WHERE i.questionnaire_id = q.id) "
                "  || ')' FROM questionnaires q WHERE q.owner_org_id = $1 "
                "  AND q.title NOT LIKE 'Self-assessment %' ORDER BY q.created_at DESC",
                1, p) != DB_OK)
        return 500;
    static const char *const qn[] = {"Id", "Title"};
    portal_rows(c, "Choices.Questionnaires", res, qn, 2);
    PQclear(res);
    if (db_exec(c->db, &res,
                "SELECT o.id, o.name, r.kind, "
                "  app.org_has_respondent(o.id) "
                "FROM org_relations r JOIN organisations o ON o.id = r.child_id "
                "WHERE r.parent_id = $1 AND (r.administers OR r.confirmed_at IS NOT NULL) "
                "ORDER BY r.kind, o.name",
                1, p) != DB_OK)
        return 500;
    static const char *const on[] = {"Id", "Name", "Kind", "HasAssessor"};
    portal_rows(c, "Choices.Orgs", res, on, 4);
    PQclear(res);
    view_set_int(c->req->hdf, "Form.OrgId", org->org_id);
    portal_page(c, "campaign/new.cs", "campaign_new");
    return 200;
}

int handle_campaign_form(struct ctx *c)
{
    const struct membership *org = managing_org(c);
    if (!org)
        return 403;
    const char *q = req_param(c->req, "questionnaire");
    view_set(c->req->hdf, "Form.Values.questionnaire_id", q ? q : "");
    view_set(c->req->hdf, "Form.Values.recurrence", "yearly");
    return campaign_form_data(c, org);
}

int handle_campaign_create(struct ctx *c)
{
    const struct membership *org = managing_org(c);
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
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", org->org_id);
    const char *p[] = {oid};
    PGresult *kids;
    if (db_exec(c->db, &kids,
                "SELECT o.id, o.name, app.org_has_respondent(o.id), r.administers "
                "FROM org_relations r JOIN organisations o ON o.id = r.child_id "
                "WHERE r.parent_id = $1 AND (r.administers OR r.confirmed_at IS NOT NULL) "
                "ORDER BY o.id",
                1, p) != DB_OK)
        return 500;
    int targets = 0;
    for (int i = 0; i < PQntuples(kids); i++) {
        char name[32], ename[32], key[64];
        snprintf(name, sizeof name, "org_%s", db_text(kids, i, 0));
        snprintf(ename, sizeof ename, "email_%s", db_text(kids, i, 0));
        const char *on = req_param(c->req, name);
        const char *email = req_param(c->req, ename);
        snprintf(key, sizeof key, "Form.Values.%s", name);
        view_set(c->req->hdf, key, on && strcmp(on, "1") == 0 ? "1" : "");
        struct field ef = {ename, FIELD_EMAIL, 0, 3, 254, NULL};
        bad += portal_form_check(c, &ef, 1);
        if (!on || strcmp(on, "1") != 0)
            continue;
        targets++;
        int has_respondent = strcmp(db_text(kids, i, 2), "t") == 0;
        int administered = strcmp(db_text(kids, i, 3), "t") == 0;
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
    if (!targets) {
        view_set(c->req->hdf, "Form.Message", "no_targets");
        bad++;
    }
    const char *qid = req_param(c->req, "questionnaire_id");
    PGresult *res;
    const char *qp[] = {qid && *qid ? qid : "0", oid};
    if (db_exec(c->db, &res,
                "SELECT id FROM questionnaires WHERE id = $1::bigint AND owner_org_id = $2 "
                "AND title NOT LIKE 'Self-assessment %'",
                2, qp) != DB_OK) {
        PQclear(kids);
        return 500;
    }
    if (PQntuples(res) != 1 && !hdf_get_value(c->req->hdf, "Form.Errors.questionnaire_id", NULL)) {
        portal_form_error(c, "questionnaire_id", "not_a_choice");
        bad++;
    }
    PQclear(res);
    if (bad) {
        PQclear(kids);
        int status = campaign_form_data(c, org);
        return status == 200 ? 422 : status;
    }

    char uid[24];
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *title = req_param(c->req, "title");
    const char *cp[] = {oid, qid, title, due, req_param(c->req, "recurrence"), uid};
    if (db_exec(c->db, NULL,
                "UPDATE questionnaires SET frozen_at = coalesce(frozen_at, now()) "
                "WHERE id = $1",
                1, &qid) != DB_OK ||
        db_exec(c->db, &res,
                "INSERT INTO campaigns (owner_org_id, questionnaire_id, title, due_date, "
                "  recurrence, created_by) VALUES ($1, $2, $3, $4::date, $5, $6) RETURNING id",
                6, cp) != DB_OK) {
        PQclear(kids);
        return 500;
    }
    char campaign[24];
    snprintf(campaign, sizeof campaign, "%s", db_text(res, 0, 0));
    PQclear(res);
    for (int i = 0; i < PQntuples(kids); i++) {
        char name[32], ename[32];
        snprintf(name, sizeof name, "org_%s", db_text(kids, i, 0));
        snprintf(ename, sizeof ename, "email_%s", db_text(kids, i, 0));
        const char *on = req_param(c->req, name);
        if (!on || strcmp(on, "1") != 0)
            continue;
        const char *ap[] = {db_text(kids, i, 0), qid, campaign, uid};
        if (db_exec(c->db, NULL,
                    "INSERT INTO assessments (org_id, questionnaire_id, campaign_id, created_by) "
                    "VALUES ($1, $2, $3, $4)",
                    4, ap) != DB_OK) {
            PQclear(kids);
            return 500;
        }
        const char *email = req_param(c->req, ename);
        char intro[2048];
        snprintf(intro, sizeof intro,
                 "%s asks your organisation to complete the security questionnaire \"%s\".\n\n"
                 "Open this link, choose a password, and the questionnaire opens:",
                 c->sess->display_name, title);
        if (email && *email &&
            invitation_send(c, db_long(kids, i, 0), org->org_id, campaign, NULL, email,
                            "Security questionnaire to complete", intro) != 0) {
            PQclear(kids);
            return 500;
        }
    }
    PQclear(kids);
    if (db_audit(c->db, c->sess->user_id, org->org_id, "create", "campaign", atol(campaign),
                 NULL) != DB_OK)
        return 500;
    char where[64];
    snprintf(where, sizeof where, "/campaigns/%s", campaign);
    resp_redirect(c->resp, where);
    return 303;
}

int handle_campaign_show(struct ctx *c)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id};
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
    if (PQntuples(res) != 1 || strcmp(db_text(res, 0, 8), "t") != 0) {
        PQclear(res);
        return 404;
    }
    static const char *const names[] = {"Id",         "Title",         "DueDate", "Cycle",
                                        "Recurrence", "Questionnaire", "Version"};
    for (int k = 0; k < 7; k++) {
        char key[48];
        snprintf(key, sizeof key, "Campaign.%s", names[k]);
        view_set(c->req->hdf, key, db_text(res, 0, k));
    }
    c->org_id = db_long(res, 0, 7);
    view_set(c->req->hdf, "Campaign.Latest", strcmp(db_text(res, 0, 9), "t") == 0 ? "1" : "");
    PQclear(res);
    if (db_exec(c->db, &res,
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
    static const char *const tn[] = {"Id",        "Org",     "Status",  "Total",     "Answered",
                                     "Submitted", "Overdue", "Invited", "InviteUsed"};
    portal_rows(c, "Targets", res, tn, 9);
    PQclear(res);
    portal_page(c, "campaign/show.cs", "campaign");
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
    long next = db_long(res, 0, 0);
    PQclear(res);
    char where[64];
    snprintf(where, sizeof where, "/campaigns/%ld", next);
    resp_redirect(c->resp, where);
    return 303;
}
