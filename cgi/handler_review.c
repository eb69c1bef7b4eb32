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

/* Returns the chosen items; 0 when none was chosen or a comment is missing. */
static int review_return(struct ctx *c, struct assessment *a, int *chosen)
{
    char aid[24], uid[24];
    snprintf(aid, sizeof aid, "%ld", a->id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    int bad = 0;
    *chosen = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < a->n_items; i++) {
            char name[40], comment_name[40];
            const char *iid = db_text(a->items, i, IC_ID);
            snprintf(name, sizeof name, "return_%s", iid);
            snprintf(comment_name, sizeof comment_name, "comment_%s", iid);
            const char *flag = req_param(c->req, name);
            const char *comment = req_param(c->req, comment_name);
            if (pass == 0) {
                char key[64];
                snprintf(key, sizeof key, "Form.Values.%s", comment_name);
                view_set(c->req->hdf, key, comment ? comment : "");
                snprintf(key, sizeof key, "Form.Values.%s", name);
                view_set(c->req->hdf, key, flag ? flag : "");
            }
            if (!flag || strcmp(flag, "1") != 0)
                continue;
            struct field f = {comment_name, FIELD_MULTILINE, 1, 1, 4000, NULL};
            if (pass == 0) {
                (*chosen)++;
                bad += (int)portal_form_check(c, &f, 1);
                continue;
            }
            const char *p[] = {aid, iid, comment, uid};
            if (db_exec(c->db, NULL,
                        "INSERT INTO returned_items (assessment_id, item_id, comment, "
                        "returned_by) VALUES ($1, $2, $3, $4)",
                        4, p) != DB_OK)
                return -1;
        }
        if (pass == 0 && (bad || *chosen == 0))
            return 0;
    }
    return *chosen;
}

int handle_assessment_review(struct ctx *c)
{
    struct assessment a;
    int status = assessment_load(c, c->id, &a);
    if (status != 200) {
        assessment_free(&a);
        return status;
    }
    if (!a.may_review || strcmp(a.status, "submitted") != 0) {
        assessment_free(&a);
        return 409;
    }
    if (a.may_respond) { /* separation of duties: nobody reviews what they may answer */
        view_set(c->req->hdf, "Form.Message", "review_own");
        status = review_form_again(c, &a, 403);
        assessment_free(&a);
        return status;
    }
    const char *action = req_param(c->req, "action");
    char aid[24], uid[24];
    snprintf(aid, sizeof aid, "%ld", a.id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *p[] = {aid, uid};
    int rc;
    if (action && strcmp(action, "accept") == 0) {
        rc = db_exec(c->db, NULL,
                     "UPDATE assessments SET status = 'accepted', reviewed_by = $2, "
                     "reviewed_at = now(), updated_at = now() WHERE id = $1",
                     2, p);
    } else if (action && strcmp(action, "return") == 0) {
        int chosen;
        int n = review_return(c, &a, &chosen);
        if (n < 0) {
            assessment_free(&a);
            return 500;
        }
        if (n == 0) {
            view_set(c->req->hdf, "Form.Message", chosen ? "comment_missing" : "choose_items");
            status = review_form_again(c, &a, 422);
            assessment_free(&a);
            return status;
        }
        rc = db_exec(c->db, NULL,
                     "UPDATE assessments SET status = 'returned', reviewed_by = $2, "
                     "reviewed_at = now(), updated_at = now() WHERE id = $1",
                     2, p);
    } else {
        assessment_free(&a);
        return 400;
    }
    if (rc == DB_OK)
        rc = db_audit(c->db, c->sess->user_id, a.owner_org_id, action, "assessment", a.id, NULL);
    assessment_free(&a);
    if (rc != DB_OK)
        return 500;
    char where[80];
    snprintf(where, sizeof where, "/assessments/%s?saved=%s", aid,
             strcmp(action, "accept") == 0 ? "accepted" : "returned");
    resp_redirect(c->resp, where);
    return 303;
}

/* POST /assessments/:id/targets - target levels per item, set by the campaign owner. */
int handle_assessment_targets(struct ctx *c)
{
    struct assessment a;
    int status = assessment_load(c, c->id, &a);
    if (status != 200 || !a.may_review || !a.campaign_id) {
        assessment_free(&a);
        return status != 200 ? status : 403;
    }
    struct field f;
    char name[40];
    size_t bad = 0;
    for (int i = 0; i < a.n_items; i++) {
        snprintf(name, sizeof name, "target_%s", db_text(a.items, i, IC_ID));
        f = (struct field){name, FIELD_INT, 0, 0, 5, NULL};
        bad += portal_form_check(c, &f, 1);
    }
    if (bad) {
        status = review_form_again(c, &a, 422);
        assessment_free(&a);
        return status;
    }
    char aid[24], uid[24];
    snprintf(aid, sizeof aid, "%ld", a.id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    for (int i = 0; i < a.n_items; i++) {
        const char *iid = db_text(a.items, i, IC_ID);
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
        if (rc != DB_OK) {
            assessment_free(&a);
            return 500;
        }
    }
    int rc =
        db_audit(c->db, c->sess->user_id, a.owner_org_id, "set_targets", "assessment", a.id, NULL);
    assessment_free(&a);
    if (rc != DB_OK)
        return 500;
    char where[80];
    snprintf(where, sizeof where, "/assessments/%s?saved=targets", aid);
    resp_redirect(c->resp, where);
    return 303;
}
