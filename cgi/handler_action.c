/* handler_action.c - improvement actions after planning: planning one (POST
 * /organisations/:id/actions, by the organisation's members or by a manager of a parent
 * overseeing it), its page with the history of changes (GET /actions/:id) and updating
 * its status, owner and due date with a comment (POST /actions/:id). Every create and
 * update writes a history row in the same transaction and answers 303 to the action's
 * page, which then confirms what was saved. */
#include "form.h"
#include "portal.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Roles of the organisation's own members who plan and update its actions. */
#define ROLES_ACTION_MEMBERS (ROLE_ASSESSOR | ROLE_ORG_ADMIN | ROLE_COORDINATOR)

/* Columns of the action's row, named for the page as action_names. */
enum action_column {
    AC_ID,
    AC_ORG_ID,
    AC_ORG_NAME,
    AC_TITLE,
    AC_OWNER,
    AC_DUE_DATE,
    AC_STATUS,
    AC_CODE,
    AC_ASSIGNED_BY,
    AC_MAY_UPDATE,
    AC_COUNT
};
static const char *const action_names[AC_COUNT] = {
    [AC_ID] = "Id",
    [AC_ORG_ID] = "OrgId",
    [AC_ORG_NAME] = "OrgName",
    [AC_TITLE] = "Title",
    [AC_OWNER] = "Owner",
    [AC_DUE_DATE] = "DueDate",
    [AC_STATUS] = "Status",
    [AC_CODE] = "Code",
    [AC_ASSIGNED_BY] = "AssignedBy",
    [AC_MAY_UPDATE] = "MayUpdate",
};

/* Columns of the history's statement, named for the page as history_names. */
enum history_column { HC_WHO, HC_AT, HC_STATUS, HC_OWNER, HC_DUE_DATE, HC_COMMENT, HC_COUNT };
static const char *const history_names[HC_COUNT] = {
    [HC_WHO] = "Who",          [HC_AT] = "At",
    [HC_STATUS] = "Status",    [HC_OWNER] = "Owner",
    [HC_DUE_DATE] = "DueDate", [HC_COMMENT] = "Comment",
};

/* What the action's page shows. */
struct action_page {
    PGresult *action;  /* enum action_column, one row */
    PGresult *history; /* enum history_column, oldest first */
};

static void action_page_free(struct action_page *p)
{
    if (p->action)
        PQclear(p->action);
    if (p->history)
        PQclear(p->history);
    p->action = p->history = NULL;
}

/* Loads action c->id as its viewer may see it (row-level security), with whether the
 * viewer may update it. Returns 200, 404 or 500. */
static int action_page_load(struct ctx *c, struct action_page *p)
{
    memset(p, 0, sizeof *p);
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *q[] = {id};
    if (db_exec(c->db, &p->action,
                "SELECT a.id, a.org_id, o.name, a.title, a.owner_name, "
                "  to_char(a.due_date, 'YYYY-MM-DD'), a.status, coalesce(s.code, ''), "
                "  coalesce(po.name, ''), "
                "  app.has_role(a.org_id, ARRAY['assessor', 'org_admin', 'coordinator']) "
                "  OR (a.org_id IN (SELECT app.managed_children()) "
                "      AND a.assigned_by_org IN (SELECT app.member_orgs())) "
                "FROM planned_actions a JOIN organisations o ON o.id = a.org_id "
                "LEFT JOIN organisations po ON po.id = a.assigned_by_org "
                "LEFT JOIN catalogue_subcategories s ON s.id = a.subcategory_id "
                "WHERE a.id = $1 AND (a.incident_id IS NULL "
                "  OR app.is_internal_incident(a.incident_id))",
                1, q) != DB_OK)
        return 500;
    if (PQntuples(p->action) != 1)
        return 404;
    if (db_exec(c->db, &p->history,
                "SELECT who, to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  status, owner_name, to_char(due_date, 'YYYY-MM-DD'), comment "
                "FROM action_history WHERE action_id = $1 ORDER BY id",
                1, q) != DB_OK)
        return 500;
    return 200;
}

static void action_page_to_hdf(struct ctx *c, const struct action_page *p)
{
    portal_rows(c, "Actions", p->action, action_names, AC_COUNT);
    portal_rows(c, "History", p->history, history_names, HC_COUNT);
    const char *saved = req_param(c->req, "saved");
    if (saved && (strcmp(saved, "created") == 0 || strcmp(saved, "updated") == 0))
        view_set(c->req->hdf, "Flash", saved);
    /* the form starts from the action's values unless the user's input came back */
    HDF *values;
    if (hdf_get_obj(c->req->hdf, "Form.Values") == NULL &&
        hdf_get_node(c->req->hdf, "Form.Values", &values) == STATUS_OK) {
        view_set(values, "status", db_text(p->action, 0, AC_STATUS));
        view_set(values, "owner_name", db_text(p->action, 0, AC_OWNER));
        view_set(values, "due_date", db_text(p->action, 0, AC_DUE_DATE));
    }
}

/* GET /actions/:id */
int handle_action_show(struct ctx *c)
{
    struct action_page p;
    int status = action_page_load(c, &p);
    if (status == 200) {
        c->org_id = db_long(p.action, 0, AC_ORG_ID);
        action_page_to_hdf(c, &p);
    }
    action_page_free(&p);
    if (status != 200)
        return status;
    portal_page(c, "dashboard/action.cs", "action");
    return 200;
}

/* Checks that due_date is a real calendar date; counts one more error when not. */
static size_t action_check_due(struct ctx *c)
{
    const char *due = req_param(c->req, "due_date");
    char due_dt[32];
    long long t;
    snprintf(due_dt, sizeof due_dt, "%sT00:00", due ? due : "");
    if (due && strlen(due) == 10 && form_parse_datetime(due_dt, &t) != 0) {
        portal_form_error(c, "due_date", "bad_date");
        return 1;
    }
    return 0;
}

/* Appends the action's values after a change, with the form's comment, to its history. */
static int action_history_add(struct ctx *c, const char *action_id)
{
    char uid[24];
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *comment = req_param(c->req, "comment");
    const char *who = c->sess->display_name[0] ? c->sess->display_name : c->sess->email;
    const char *p[] = {action_id, uid, who, comment ? comment : ""};
    PGresult *res;
    if (db_exec(c->db, &res,
                "INSERT INTO action_history (action_id, changed_by, who, status, owner_name, "
                "  due_date, comment) "
                "SELECT id, $2, $3, status, owner_name, due_date, $4 "
                "FROM planned_actions WHERE id = $1",
                4, p) != DB_OK)
        return -1;
    PQclear(res);
    return 0;
}

/* Column of the statements answering with an action's id, or of a yes/no check. */
enum { ONE_COLUMN };

/* Whether the user manages organisation org as an org_admin or reviewer of a parent
 * overseeing it: 1, 0, or -1 on a database error. */
static int action_manages_child(struct ctx *c, long org)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", org);
    const char *p[] = {id};
    PGresult *res;
    if (db_exec(c->db, &res, "SELECT $1::bigint IN (SELECT app.managed_children())", 1, p) != DB_OK)
        return -1;
    int yes = strcmp(db_text(res, 0, ONE_COLUMN), "t") == 0;
    PQclear(res);
    return yes;
}

/* Stores the form's action for organisation c->id (tied to the form's item and its
 * sub-category when given; assigned by the managing parent when the user is no member)
 * with its first history row and audit entry. Returns the new id, or -1. */
static long action_store(struct ctx *c, int assigned)
{
    char org[24], uid[24];
    snprintf(org, sizeof org, "%ld", c->id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *item = req_param(c->req, "item_id");
    const char *p[] = {org,
                       req_param(c->req, "title"),
                       req_param(c->req, "owner_name"),
                       req_param(c->req, "due_date"),
                       item && *item ? item : NULL,
                       uid,
                       assigned ? "t" : "f"};
    PGresult *res;
    if (db_exec(c->db, &res,
                "INSERT INTO planned_actions (org_id, title, owner_name, due_date, item_id, "
                "  subcategory_id, created_by, assigned_by_org) "
                "SELECT $1, $2, $3, $4::date, qi.id, qi.subcategory_id, $6, "
                "  CASE WHEN $7::boolean THEN app.managing_parent($1) END "
                "FROM (SELECT $5::bigint AS id) want "
                "LEFT JOIN questionnaire_items qi ON qi.id = want.id RETURNING id",
                7, p) != DB_OK)
        return -1;
    long id = db_long(res, 0, ONE_COLUMN);
    char ids[24];
    snprintf(ids, sizeof ids, "%ld", id);
    PQclear(res);
    if (action_history_add(c, ids) != 0)
        return -1;
    if (db_audit(c->db, c->sess->user_id, c->id, assigned ? "assign" : "plan", "action", id,
                 NULL) != DB_OK)
        return -1;
    return id;
}

/* POST /organisations/:id/actions - an improvement the organisation plans, or one a
 * manager of its parent assigns to it. */
int handle_action_create(struct ctx *c)
{
    int member = session_org(c->sess, c->id, ROLES_ACTION_MEMBERS) != NULL;
    int assigned = 0;
    if (!member) {
        assigned = action_manages_child(c, c->id);
        if (assigned < 0)
            return 500;
        if (!assigned)
            return 404;
    }
    static const struct field fields[] = {
        {"title", FIELD_TEXT, 1, 3, 200, NULL},
        {"owner_name", FIELD_TEXT, 1, 2, 200, NULL},
        {"due_date", FIELD_TEXT, 1, 10, 10, NULL},
        {"item_id", FIELD_INT, 0, 1, 2000000000000L, NULL},
    };
    size_t bad = portal_form_check(c, fields, 4) + action_check_due(c);
    if (bad) {
        int status = handle_org_scores(c);
        return status == 200 ? 422 : status;
    }
    c->org_id = c->id;
    long id = action_store(c, assigned);
    if (id < 0)
        return 500;
    char where[64];
    snprintf(where, sizeof where, "/actions/%ld?saved=created", id);
    resp_redirect(c->resp, where);
    return 303;
}

/* POST /actions/:id - a new status, owner or due date, with a comment. */
int handle_action_update(struct ctx *c)
{
    struct action_page p;
    int status = action_page_load(c, &p);
    int may = status == 200 && strcmp(db_text(p.action, 0, AC_MAY_UPDATE), "t") == 0;
    if (status == 200)
        c->org_id = db_long(p.action, 0, AC_ORG_ID);
    action_page_free(&p);
    if (status != 200)
        return status;
    if (!may)
        return 403;
    static const char *const states[] = {"planned", "in_progress", "done", "cancelled", NULL};
    static const struct field fields[] = {
        {"status", FIELD_CHOICE, 1, 0, 0, states},
        {"owner_name", FIELD_TEXT, 1, 2, 200, NULL},
        {"due_date", FIELD_TEXT, 1, 10, 10, NULL},
        {"comment", FIELD_MULTILINE, 0, 0, 2000, NULL},
    };
    size_t bad = portal_form_check(c, fields, 4) + action_check_due(c);
    if (bad) {
        status = handle_action_show(c);
        return status == 200 ? 422 : status;
    }
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *q[] = {id, req_param(c->req, "status"), req_param(c->req, "owner_name"),
                       req_param(c->req, "due_date")};
    PGresult *res;
    if (db_exec(c->db, &res,
                "UPDATE planned_actions SET status = $2, owner_name = $3, due_date = $4::date, "
                "  updated_at = now() WHERE id = $1 RETURNING id",
                4, q) != DB_OK)
        return 500;
    int updated = PQntuples(res) == 1;
    PQclear(res);
    if (!updated)
        return 403; /* row-level security refused what the check above allowed */
    if (action_history_add(c, id) != 0 ||
        db_audit(c->db, c->sess->user_id, c->org_id, "update", "action", c->id, NULL) != DB_OK)
        return 500;
    char where[64];
    snprintf(where, sizeof where, "/actions/%ld?saved=updated", c->id);
    resp_redirect(c->resp, where);
    return 303;
}
