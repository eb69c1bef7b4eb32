/* handler_scale.c - the classification scale of a group's incident management plan
 * (ISO/IEC 27035-2 6.5): a parent publishes a new version of its categories and of the
 * severity table (importance of the affected system x impact); incidents keep the version
 * they were classified with, so earlier classifications never change. */
#include "form.h"
#include "incident.h"
#include "portal.h"
#include "utf8.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const importances[] = {"especially_important", "important", "ordinary", NULL};
static const char *const impacts[] = {"especially_serious", "serious", "considerable", "minor",
                                      NULL};

/* The scale in force for an organisation, as its page shows it. */
struct scale {
    long id;
    char version[24];
    char owner[UTF8_BUF(200)]; /* "" for the portal's default scale */
    int is_default;
    PGresult *categories; /* enum category_column, in their order */
    PGresult *rules;      /* enum rule_column */
};

/* Columns of the scale's own row. */
enum scale_column { SC_ID, SC_VERSION, SC_OWNER, SC_IS_DEFAULT };
/* Columns of its categories. */
enum category_column { CC_CODE, CC_LABEL, CC_MEANING };
/* Columns of its severity table. */
enum rule_column { RC_IMPORTANCE, RC_IMPACT, RC_SEVERITY };

static void scale_free(struct scale *s)
{
    if (s->categories)
        PQclear(s->categories);
    if (s->rules)
        PQclear(s->rules);
    s->categories = s->rules = NULL;
}

/* Loads the scale in force for org: its latest own version, else the one it inherits.
 * Returns 200, or 500 (also when there is none); scale_free releases it. */
static int scale_load(struct ctx *c, long org, struct scale *s)
{
    memset(s, 0, sizeof *s);
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
        return 500;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return 500;
    }
    s->id = db_long(res, 0, SC_ID);
    snprintf(s->version, sizeof s->version, "%s", db_text(res, 0, SC_VERSION));
    utf8_copy(s->owner, sizeof s->owner, db_text(res, 0, SC_OWNER));
    s->is_default = strcmp(db_text(res, 0, SC_IS_DEFAULT), "t") == 0;
    PQclear(res);
    char sid[24];
    snprintf(sid, sizeof sid, "%ld", s->id);
    const char *q[] = {sid};
    if (db_exec(c->db, &s->categories,
                "SELECT code, label, meaning FROM scale_categories WHERE scale_id = $1 "
                "ORDER BY position",
                1, q) != DB_OK)
        return 500;
    if (db_exec(c->db, &s->rules,
                "SELECT system_importance, impact, severity FROM scale_severity_rules "
                "WHERE scale_id = $1",
                1, q) != DB_OK)
        return 500;
    return 200;
}

static void choices_to_hdf(struct ctx *c, const char *base, const char *const *values)
{
    for (int i = 0; values[i]; i++) {
        char key[48];
        snprintf(key, sizeof key, "%s.%d", base, i);
        view_set(c->req->hdf, key, values[i]);
    }
}

/* The organisation (Scale.OrgId, Scale.OrgName), the scale's version and owner, its
 * categories (Scale.Categories.N.{Code,Label,Meaning}) and rules
 * (Scale.Rules.<importance>.<impact>), what a new version starts from (Form.Values, unless
 * the submitted values are kept: keep_form), and the form's choices. */
static void scale_to_hdf(struct ctx *c, const struct membership *org, const struct scale *s,
                         int keep_form)
{
    HDF *hdf = c->req->hdf;
    view_set_int(hdf, "Scale.OrgId", org->org_id);
    view_set(hdf, "Scale.OrgName", org->org_name);
    view_set(hdf, "Scale.Version", s->version);
    view_set(hdf, "Scale.Owner", s->owner);
    view_set(hdf, "Scale.IsDefault", s->is_default ? "1" : "");
    for (int i = 0; i < PQntuples(s->categories); i++) {
        const char *code = db_text(s->categories, i, CC_CODE);
        const char *label = db_text(s->categories, i, CC_LABEL);
        const char *meaning = db_text(s->categories, i, CC_MEANING);
        char key[96];
        snprintf(key, sizeof key, "Scale.Categories.%d.Code", i);
        view_set(hdf, key, code);
        snprintf(key, sizeof key, "Scale.Categories.%d.Label", i);
        view_set(hdf, key, label);
        snprintf(key, sizeof key, "Scale.Categories.%d.Meaning", i);
        view_set(hdf, key, meaning);
        if (!keep_form) {
            snprintf(key, sizeof key, "Form.Values.label_%s", code);
            view_set(hdf, key, label);
            snprintf(key, sizeof key, "Form.Values.meaning_%s", code);
            view_set(hdf, key, meaning);
            snprintf(key, sizeof key, "Form.Values.keep_%s", code);
            view_set(hdf, key, "1");
        }
    }
    for (int i = 0; i < PQntuples(s->rules); i++) {
        const char *importance = db_text(s->rules, i, RC_IMPORTANCE);
        const char *impact = db_text(s->rules, i, RC_IMPACT);
        const char *severity = db_text(s->rules, i, RC_SEVERITY);
        char key[96];
        snprintf(key, sizeof key, "Scale.Rules.%s.%s", importance, impact);
        view_set(hdf, key, severity);
        if (!keep_form) {
            snprintf(key, sizeof key, "Form.Values.rule_%s_%s", importance, impact);
            view_set(hdf, key, severity);
        }
    }
    choices_to_hdf(c, "Choices.Importance", importances);
    choices_to_hdf(c, "Choices.Impact", impacts);
    choices_to_hdf(c, "Choices.Severity", incident_severities);
}

static int scale_page(struct ctx *c, const struct membership *org, int status, int keep_form)
{
    struct scale s;
    int loaded = scale_load(c, org->org_id, &s);
    if (loaded != 200) {
        scale_free(&s);
        return loaded;
    }
    scale_to_hdf(c, org, &s, keep_form);
    scale_free(&s);
    portal_page(c, "incident/scale.cs", "scale");
    return status;
}

int handle_scale(struct ctx *c)
{
    const struct membership *org = portal_acting_org(c, ROLES_COORDINATORS);
    if (!org)
        return 403;
    c->org_id = org->org_id;
    const char *saved = req_param(c->req, "saved");
    if (saved)
        view_set(c->req->hdf, "Flash", saved);
    return scale_page(c, org, 200, 0);
}

/* Column of the current version's category codes, which decide the form's fields. */
enum { CODE_COLUMN };

/* Returns 200 or 500. */
static int scale_codes_load(struct ctx *c, long org, PGresult **codes)
{
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", org);
    const char *p[] = {oid};
    if (db_exec(c->db, codes,
                "SELECT code FROM scale_categories WHERE scale_id = coalesce((SELECT id FROM "
                "  classification_scales WHERE owner_org_id = $1 ORDER BY version DESC LIMIT 1), "
                "  app.scale_for($1)) ORDER BY position",
                1, p) != DB_OK)
        return 500;
    return 200;
}

/* The new category's code, when the form adds one (NULL when not). */
static const char *scale_new_code(struct ctx *c)
{
    const char *code = req_param(c->req, "new_code");
    return code && *code ? code : NULL;
}

/* Checks the form of a new version against the current codes: each kept category's label
 * and meaning, the optional new category (a fresh lower-case code, with label and
 * meaning), at least one category, and the twelve cells. Marks what is wrong in the form
 * and returns how many fields are. */
static size_t scale_form_check(struct ctx *c, PGresult *codes)
{
    size_t bad = 0;
    int kept = 0;
    for (int i = 0; i < PQntuples(codes); i++) {
        char label[80], meaning[80], keep[80], key[120];
        snprintf(label, sizeof label, "label_%s", db_text(codes, i, CODE_COLUMN));
        snprintf(meaning, sizeof meaning, "meaning_%s", db_text(codes, i, CODE_COLUMN));
        snprintf(keep, sizeof keep, "keep_%s", db_text(codes, i, CODE_COLUMN));
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
    const char *code = scale_new_code(c);
    if (code) {
        int ok = 1;
        for (const char *s = code; *s; s++)
            ok &= (*s >= 'a' && *s <= 'z') || (*s == '_' && s != code) ||
                  (*s >= '0' && *s <= '9' && s != code);
        for (int i = 0; ok && i < PQntuples(codes); i++)
            ok = strcmp(db_text(codes, i, CODE_COLUMN), code) != 0;
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
    if (!kept && !code) {
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
    return bad;
}

/* Columns of the new version's row. */
enum new_scale_column { NS_ID, NS_VERSION };

/* Stores the kept categories of the current version (codes) in the order shown, then the
 * new one, as the categories of scale sid. Returns 200 or 500. */
static int scale_store_categories(struct ctx *c, const char *sid, PGresult *codes)
{
    const char *code = scale_new_code(c);
    int position = 0;
    for (int i = 0; i <= PQntuples(codes); i++) {
        const char *cat = i < PQntuples(codes) ? db_text(codes, i, CODE_COLUMN) : code;
        if (!cat)
            break;
        char name[80], pos[16];
        const char *label, *meaning;
        if (i < PQntuples(codes)) {
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
                    5, r) != DB_OK)
            return 500;
    }
    return 200;
}

/* Stores the twelve cells of the form's severity table as the rules of scale sid. Returns
 * 200 or 500. */
static int scale_store_rules(struct ctx *c, const char *sid)
{
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
    return 200;
}

/* Publishes the checked form as org's next version, with one audit row. Returns 200 or
 * 500. */
static int scale_store(struct ctx *c, long org, PGresult *codes)
{
    char oid[24], uid[24];
    snprintf(oid, sizeof oid, "%ld", org);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *q[] = {oid, uid};
    PGresult *res;
    if (db_exec(c->db, &res,
                "INSERT INTO classification_scales (owner_org_id, version, created_by) "
                "SELECT $1, coalesce(max(version), 0) + 1, $2 FROM classification_scales "
                "WHERE owner_org_id = $1 RETURNING id, version",
                2, q) != DB_OK)
        return 500;
    char sid[24];
    snprintf(sid, sizeof sid, "%s", db_text(res, 0, NS_ID));
    PQclear(res);
    if (scale_store_categories(c, sid, codes) != 200 || scale_store_rules(c, sid) != 200 ||
        db_audit(c->db, c->sess->user_id, org, "publish", "classification_scale", atol(sid),
                 NULL) != DB_OK)
        return 500;
    return 200;
}

/* POST /scales - publishes the next version: the kept categories with their labels and
 * meanings, an optional new one, and the twelve cells of the severity table. */
int handle_scale_create(struct ctx *c)
{
    const struct membership *org = portal_acting_org(c, ROLES_COORDINATORS);
    if (!org)
        return 403;
    c->org_id = org->org_id;
    PGresult *codes;
    if (scale_codes_load(c, org->org_id, &codes) != 200)
        return 500;
    size_t bad = scale_form_check(c, codes);
    int status = bad ? 422 : scale_store(c, org->org_id, codes);
    PQclear(codes);
    if (status == 422)
        return scale_page(c, org, 422, 1);
    if (status != 200)
        return status;
    resp_redirect(c->resp, "/scales?saved=scale");
    return 303;
}
