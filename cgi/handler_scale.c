/* handler_scale.c - the classification scale of a group's incident management plan
 * (ISO/IEC 27035-2 6.5): a parent publishes a new version of its categories and of the
 * severity table (importance of the affected system x impact); incidents keep the version
 * they were classified with, so earlier classifications never change. */
#include "form.h"
#include "incident.h"
#include "portal.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const importances[] = {"especially_important", "important", "ordinary", NULL};
static const char *const impacts[] = {"especially_serious", "serious", "considerable", "minor",
                                      NULL};

static const struct membership *scale_org(struct ctx *c)
{
    const char *v = req_param(c->req, "org_id");
    return v && *v ? session_org(c->sess, strtol(v, NULL, 10), ROLES_COORDINATORS)
                   : session_first_org(c->sess, ROLES_COORDINATORS);
}

/* The scale in force for org: its categories (Scale.Categories.N.{Code,Label,Meaning}) and
 * rules (Scale.Rules.<importance>.<impact>), and what a new version starts from
 * (Form.Values). Returns the scale id, or -1. */
static long scale_to_hdf(struct ctx *c, long org, int keep_form)
{
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", org);
    const char *p[] = {oid};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT s.id, s.version, coalesce(o.name, ''), s.owner_org_id IS NULL "
                "FROM classification_scales s LEFT JOIN organisations o ON o.id = s.owner_org_id "
                "WHERE s.id = coalesce((SELECT id FROM classification_scales WHERE "
                "  owner_org_id = $1 ORDER BY version DESC LIMIT 1), app.scale_for($1))",
                1, p) != DB_OK)
        return -1;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return -1;
    }
    long scale = db_long(res, 0, 0);
    view_set(c->req->hdf, "Scale.Version", db_text(res, 0, 1));
    view_set(c->req->hdf, "Scale.Owner", db_text(res, 0, 2));
    view_set(c->req->hdf, "Scale.IsDefault", strcmp(db_text(res, 0, 3), "t") == 0 ? "1" : "");
    PQclear(res);
    char sid[24];
    snprintf(sid, sizeof sid, "%ld", scale);
    const char *q[] = {sid};
    if (db_exec(c->db, &res,
                "SELECT code, label, meaning FROM scale_categories WHERE scale_id = $1 "
                "ORDER BY position",
                1, q) != DB_OK)
        return -1;
    for (int i = 0; i < PQntuples(res); i++) {
        static const char *const names[] = {"Code", "Label", "Meaning"};
        for (int k = 0; k < 3; k++) {
            char key[64];
            snprintf(key, sizeof key, "Scale.Categories.%d.%s", i, names[k]);
            view_set(c->req->hdf, key, db_text(res, i, k));
        }
        if (!keep_form) {
            char key[96];
            snprintf(key, sizeof key, "Form.Values.label_%s", db_text(res, i, 0));
            view_set(c->req->hdf, key, db_text(res, i, 1));
            snprintf(key, sizeof key, "Form.Values.meaning_%s", db_text(res, i, 0));
            view_set(c->req->hdf, key, db_text(res, i, 2));
            snprintf(key, sizeof key, "Form.Values.keep_%s", db_text(res, i, 0));
            view_set(c->req->hdf, key, "1");
        }
    }
    PQclear(res);
    if (db_exec(c->db, &res,
                "SELECT system_importance, impact, severity FROM scale_severity_rules "
                "WHERE scale_id = $1",
                1, q) != DB_OK)
        return -1;
    for (int i = 0; i < PQntuples(res); i++) {
        char key[96];
        snprintf(key, sizeof key, "Scale.Rules.%s.%s", db_text(res, i, 0), db_text(res, i, 1));
        view_set(c->req->hdf, key, db_text(res, i, 2));
        if (!keep_form) {
            snprintf(key, sizeof key, "Form.Values.rule_%s_%s", db_text(res, i, 0),
                     db_text(res, i, 1));
            view_set(c->req->hdf, key, db_text(res, i, 2));
        }
    }
    PQclear(res);
    for (int i = 0; importances[i]; i++) {
        char key[48];
        snprintf(key, sizeof key, "Choices.Importance.%d", i);
        view_set(c->req->hdf, key, importances[i]);
    }
    for (int i = 0; impacts[i]; i++) {
        char key[48];
        snprintf(key, sizeof key, "Choices.Impact.%d", i);
        view_set(c->req->hdf, key, impacts[i]);
    }
    for (int i = 0; incident_severities[i]; i++) {
        char key[48];
        snprintf(key, sizeof key, "Choices.Severity.%d", i);
        view_set(c->req->hdf, key, incident_severities[i]);
    }
    return scale;
}

static int scale_page(struct ctx *c, const struct membership *org, int status, int keep_form)
{
    view_set_int(c->req->hdf, "Scale.OrgId", org->org_id);
    view_set(c->req->hdf, "Scale.OrgName", org->org_name);
    if (scale_to_hdf(c, org->org_id, keep_form) < 0)
        return 500;
    portal_page(c, "incident/scale.cs", "scale");
    return status;
}

int handle_scale(struct ctx *c)
{
    const struct membership *org = scale_org(c);
    if (!org)
        return 403;
    c->org_id = org->org_id;
    if (req_param(c->req, "saved"))
        view_set(c->req->hdf, "Flash", "1");
    return scale_page(c, org, 200, 0);
}

/* POST /scales - publishes the next version: the kept categories with their labels and
 * meanings, an optional new one, and the twelve cells of the severity table. */
int handle_scale_create(struct ctx *c)
{
    const struct membership *org = scale_org(c);
    if (!org)
        return 403;
    c->org_id = org->org_id;
    /* the current version's codes decide which fields belong to the form */
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", org->org_id);
    const char *p[] = {oid};
    PGresult *cats;
    if (db_exec(c->db, &cats,
                "SELECT code FROM scale_categories WHERE scale_id = coalesce((SELECT id FROM "
                "  classification_scales WHERE owner_org_id = $1 ORDER BY version DESC LIMIT 1), "
                "  app.scale_for($1)) ORDER BY position",
                1, p) != DB_OK)
        return 500;
    size_t bad = 0;
    int kept = 0;
    for (int i = 0; i < PQntuples(cats); i++) {
        char label[80], meaning[80], keep[80], key[120];
        snprintf(label, sizeof label, "label_%s", db_text(cats, i, 0));
        snprintf(meaning, sizeof meaning, "meaning_%s", db_text(cats, i, 0));
        snprintf(keep, sizeof keep, "keep_%s", db_text(cats, i, 0));
        const char *k = req_param(c->req, keep);
        int on = k && strcmp(k, "1") == 0;
        snprintf(key, sizeof key, "Form.Values.%s", keep);
        view_set(c->req->hdf, key, on ? "1" : "");
        struct field f[2] = {{label, FIELD_TEXT, on, 1, 100, NULL},
                             {meaning, FIELD_MULTILINE, on, 1, 1000, NULL}};
        bad += portal_form_check(c, f, 2);
        kept += on;
    }
    static const struct field extra[] = {
        {"new_code", FIELD_TEXT, 0, 2, 40, NULL},
        {"new_label", FIELD_TEXT, 0, 1, 100, NULL},
        {"new_meaning", FIELD_MULTILINE, 0, 1, 1000, NULL},
    };
    bad += portal_form_check(c, extra, 3);
    const char *code = req_param(c->req, "new_code");
    int with_new = code && *code;
    if (with_new) {
        int ok = 1;
        for (const char *s = code; *s; s++)
            ok &= (*s >= 'a' && *s <= 'z') || (*s == '_' && s != code) ||
                  (*s >= '0' && *s <= '9' && s != code);
        for (int i = 0; ok && i < PQntuples(cats); i++)
            ok = strcmp(db_text(cats, i, 0), code) != 0;
        if (!ok) {
            portal_form_error(c, "new_code", "bad_code");
            bad++;
        }
        static const char *const needed[] = {"new_label", "new_meaning"};
        for (int k = 0; k < 2; k++) {
            const char *v = req_param(c->req, needed[k]);
            if (!v || !*v) {
                portal_form_error(c, needed[k], "required");
                bad++;
            }
        }
    }
    if (!kept && !with_new) {
        view_set(c->req->hdf, "Form.Message", "no_categories");
        bad++;
    }
    for (int i = 0; importances[i]; i++)
        for (int j = 0; impacts[j]; j++) {
            char name[80];
            snprintf(name, sizeof name, "rule_%s_%s", importances[i], impacts[j]);
            struct field f = {name, FIELD_CHOICE, 1, 0, 0, incident_severities};
            bad += portal_form_check(c, &f, 1);
        }
    if (bad) {
        PQclear(cats);
        return scale_page(c, org, 422, 1);
    }

    char uid[24];
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *q[] = {oid, uid};
    PGresult *res;
    if (db_exec(c->db, &res,
                "INSERT INTO classification_scales (owner_org_id, version, created_by) "
                "SELECT $1, coalesce(max(version), 0) + 1, $2 FROM classification_scales "
                "WHERE owner_org_id = $1 RETURNING id, version",
                2, q) != DB_OK) {
        PQclear(cats);
        return 500;
    }
    char sid[24];
    snprintf(sid, sizeof sid, "%s", db_text(res, 0, 0));
    PQclear(res);
    int position = 0;
    for (int i = 0; i <= PQntuples(cats); i++) {
        const char *cat = i < PQntuples(cats) ? db_text(cats, i, 0) : (with_new ? code : NULL);
        if (!cat)
            break;
        char name[80], pos[16];
        const char *label, *meaning;
        if (i < PQntuples(cats)) {
            snprintf(name, sizeof name, "keep_%s", cat);
            const char *k = req_param(c->req, name);
            if (!k || strcmp(k, "1") != 0)
                continue;
            snprintf(name, sizeof name, "label_%s", cat);
            label = req_param(c->req, name);
            snprintf(name, sizeof name, "meaning_%s", cat);
            meaning = req_param(c->req, name);
        } else {
            label = req_param(c->req, "new_label");
            meaning = req_param(c->req, "new_meaning");
        }
        snprintf(pos, sizeof pos, "%d", ++position);
        const char *r[] = {sid, cat, label, meaning, pos};
        if (db_exec(c->db, NULL,
                    "INSERT INTO scale_categories (scale_id, code, label, meaning, position) "
                    "VALUES ($1, $2, $3, $4, $5)",
                    5, r) != DB_OK) {
            PQclear(cats);
            return 500;
        }
    }
    PQclear(cats);
    for (int i = 0; importances[i]; i++)
        for (int j = 0; impacts[j]; j++) {
            char name[80];
            snprintf(name, sizeof name, "rule_%s_%s", importances[i], impacts[j]);
            const char *r[] = {sid, importances[i], impacts[j], req_param(c->req, name)};
            if (db_exec(c->db, NULL,
                        "INSERT INTO scale_severity_rules (scale_id, system_importance, impact, "
                        "  severity) VALUES ($1, $2, $3, $4)",
                        4, r) != DB_OK)
                return 500;
        }
    if (db_audit(c->db, c->sess->user_id, org->org_id, "publish", "classification_scale", atol(sid),
                 NULL) != DB_OK)
        return 500;
    resp_redirect(c->resp, "/scales?saved=1");
    return 303;
}
