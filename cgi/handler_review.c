/* handler_review.c - the parent's review of a submitted assessment: accept it, or return
 * chosen items with a comment each (only those reopen); and the targets the parent sets
 * per item. Every step is kept: returned items, answer history and the audit log. */
#include "assessment.h"
#include "form.h"
#include "portal.h"
#include "view.h"

#include <stdio.h>
#include <string.h>

static int review_form_again(struct ctx *c, struct assessment *a, int status)
{
    int rc = assessment_load_page(c, a);
    if (rc == 200)
        rc = assessment_to_hdf(c, a, 1);
    portal_page(c, "assessment/form.cs", "assessment");
    return rc == 200 ? status : rc;
}

/* Puts each item's return choice and comment into Form.Values (to show again) and checks
 * the comments of the chosen ones. *chosen receives how many were chosen; returns the
 * number of problems. */
static int review_return_check(struct ctx *c, const struct assessment *a, int *chosen)
{
    int bad = 0;
    *chosen = 0;
    for (int i = 0; i < a->n_items; i++) {
        char name[40], comment_name[40], key[64];
        const char *iid = db_text(a->items, i, IC_ID);
        snprintf(name, sizeof name, "return_%s", iid);
        snprintf(comment_name, sizeof comment_name, "comment_%s", iid);
        const char *flag = req_param(c->req, name);
        const char *comment = req_param(c->req, comment_name);
        snprintf(key, sizeof key, "Form.Values.%s", comment_name);
        view_set(c->req->hdf, key, comment ? comment : "");
        snprintf(key, sizeof key, "Form.Values.%s", name);
        view_set(c->req->hdf, key, flag ? flag : "");
        if (!flag || strcmp(flag, "1") != 0)
            continue;
        struct field f = {comment_name, FIELD_MULTILINE, 1, 1, 4000, NULL};
        (*chosen)++;
        bad += (int)portal_form_check(c, &f, 1);
    }
    return bad;
}

/* Returns each chosen item with its comment (checked above). Returns DB_OK or an error. */
static int review_return_store(struct ctx *c, const struct assessment *a)
{
    char aid[24], uid[24];
    snprintf(aid, sizeof aid, "%ld", a->id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    for (int i = 0; i < a->n_items; i++) {
        char name[40], comment_name[40];
        const char *iid = db_text(a->items, i, IC_ID);
        snprintf(name, sizeof name, "return_%s", iid);
        snprintf(comment_name, sizeof comment_name, "comment_%s", iid);
        const char *flag = req_param(c->req, name);
        if (!flag || strcmp(flag, "1") != 0)
            continue;
        const char *p[] = {aid, iid, req_param(c->req, comment_name), uid};
        int rc = db_exec(c->db, NULL,
                         "INSERT INTO returned_items (assessment_id, item_id, comment, "
                         "returned_by) VALUES ($1, $2, $3, $4)",
                         4, p);
        if (rc != DB_OK)
            return rc;
    }
    return DB_OK;
}

/* Marks the assessment accepted or returned by this user, and audits the action. Returns
 * DB_OK or an error. */
static int review_store(struct ctx *c, const struct assessment *a, int accept)
{
    char aid[24], uid[24];
    snprintf(aid, sizeof aid, "%ld", a->id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *p[] = {aid, uid};
    int rc = accept ? db_exec(c->db, NULL,
                              "UPDATE assessments SET status = 'accepted', reviewed_by = $2, "
                              "reviewed_at = now(), updated_at = now() WHERE id = $1",
                              2, p)
                    : db_exec(c->db, NULL,
                              "UPDATE assessments SET status = 'returned', reviewed_by = $2, "
                              "reviewed_at = now(), updated_at = now() WHERE id = $1",
                              2, p);
    if (rc == DB_OK)
        rc = db_audit(c->db, c->sess->user_id, a->owner_org_id, accept ? "accept" : "return",
                      "assessment", a->id, NULL);
    return rc;
}

/* Accepts the submitted assessment, or returns the chosen items with their comments; or
 * shows the form again with why not. */
static int assessment_review(struct ctx *c, struct assessment *a)
{
    if (!a->may_review || strcmp(a->status, "submitted") != 0)
        return 409;
    if (a->may_respond) { /* separation of duties: nobody reviews what they may answer */
        view_set(c->req->hdf, "Form.Message", "review_own");
        return review_form_again(c, a, 403);
    }
    const char *action = req_param(c->req, "action");
    int accept = action && strcmp(action, "accept") == 0;
    if (!accept && !(action && strcmp(action, "return") == 0))
        return 400;
    if (!accept) {
        int chosen;
        if (review_return_check(c, a, &chosen) || chosen == 0) {
            view_set(c->req->hdf, "Form.Message", chosen ? "comment_missing" : "choose_items");
            return review_form_again(c, a, 422);
        }
        if (review_return_store(c, a) != DB_OK)
            return 500;
    }
    if (review_store(c, a, accept) != DB_OK)
        return 500;
    char where[80];
    snprintf(where, sizeof where, "/assessments/%ld?saved=%s", a->id,
             accept ? "accepted" : "returned");
    resp_redirect(c->resp, where);
    return 303;
}

int handle_assessment_review(struct ctx *c)
{
    struct assessment a;
    int status = assessment_load(c, c->id, &a);
    if (status == 200)
        status = assessment_review(c, &a);
    assessment_free(&a);
    return status;
}

/* Checks each item's target_<item id> field: a level 0-5, or empty for none. Returns the
 * number of problems. */
static size_t targets_check(struct ctx *c, const struct assessment *a)
{
    size_t bad = 0;
    for (int i = 0; i < a->n_items; i++) {
        char name[40];
        snprintf(name, sizeof name, "target_%s", db_text(a->items, i, IC_ID));
        struct field f = {name, FIELD_INT, 0, 0, 5, NULL};
        bad += portal_form_check(c, &f, 1);
    }
    return bad;
}

/* Sets each item's target to what the form says, or removes it when empty, and audits the
 * change. Returns DB_OK or an error. */
static int targets_store(struct ctx *c, const struct assessment *a)
{
    char aid[24], uid[24];
    snprintf(aid, sizeof aid, "%ld", a->id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    for (int i = 0; i < a->n_items; i++) {
        const char *iid = db_text(a->items, i, IC_ID);
        char name[40];
        snprintf(name, sizeof name, "target_%s", iid);
        const char *v = req_param(c->req, name);
        int rc;
        if (v && *v) {
            const char *p[] = {aid, iid, v, uid};
            rc = db_exec(c->db, NULL,
                         "INSERT INTO assessment_targets (assessment_id, item_id, level, set_by) "
                         "VALUES ($1, $2, $3, $4) ON CONFLICT (assessment_id, item_id) DO UPDATE "
                         "SET level = EXCLUDED.level, set_by = EXCLUDED.set_by, set_at = now()",
                         4, p);
        } else {
            const char *p[] = {aid, iid};
            rc = db_exec(c->db, NULL,
                         "DELETE FROM assessment_targets WHERE assessment_id = $1 AND item_id = $2",
                         2, p);
        }
        if (rc != DB_OK)
            return rc;
    }
    return db_audit(c->db, c->sess->user_id, a->owner_org_id, "set_targets", "assessment", a->id,
                    NULL);
}

/* POST /assessments/:id/targets - target levels per item, set by the campaign owner. */
int handle_assessment_targets(struct ctx *c)
{
    struct assessment a;
    int status = assessment_load(c, c->id, &a);
    if (status == 200 && (!a.may_review || !a.campaign_id))
        status = 403;
    if (status == 200 && targets_check(c, &a))
        status = review_form_again(c, &a, 422);
    else if (status == 200 && targets_store(c, &a) != DB_OK)
        status = 500;
    else if (status == 200) {
        char where[80];
        snprintf(where, sizeof where, "/assessments/%ld?saved=targets", a.id);
        resp_redirect(c->resp, where);
        status = 303;
    }
    assessment_free(&a);
    return status;
}
