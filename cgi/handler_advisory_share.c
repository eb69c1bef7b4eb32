/* handler_advisory_share.c - POST /advisories/:id/share: a coordinator of the organisation
 * that took an advisory in passes it on to chosen group companies and suppliers, under the
 * advisory's TLP: CLEAR and GREEN to any of them, AMBER (and a document without a TLP) to
 * those named, RED to nobody. The database checks the same (schema/041's trigger). The
 * coordinators and administrators of each organisation get a mail in their language
 * through the outbox (schema/042). */
#include "advisory_page.h"
#include "lang.h"
#include "portal.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The chosen organisations among the allowed ones (org_<id> = 1), into chosen (room for
 * n); returns how many. */
static int share_choice(struct ctx *c, const long *allowed, int n, long *chosen)
{
    int k = 0;
    for (int i = 0; i < n; i++) {
        char name[40];
        snprintf(name, sizeof name, "org_%ld", allowed[i]);
        const char *v = req_param(c->req, name);
        if (v && strcmp(v, "1") == 0)
            chosen[k++] = allowed[i];
    }
    return k;
}

/* Records the advisory as passed on to each chosen organisation (once), and audits it.
 * Keeps in chosen (and *n) only the organisations it had not been passed on to before,
 * so that a repeated choice queues no second mail. Returns DB_OK or an error. */
static int share_store(struct ctx *c, long owner, long *chosen, int *n)
{
    int added = 0;
    char aid[24], uid[24];
    snprintf(aid, sizeof aid, "%ld", c->id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    for (int i = 0; i < *n; i++) {
        char oid[24];
        snprintf(oid, sizeof oid, "%ld", chosen[i]);
        const char *p[] = {aid, oid, uid};
        PGresult *res;
        int rc = db_exec(c->db, &res,
                         "INSERT INTO advisory_shares (advisory_id, org_id, shared_by) "
                         "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING org_id",
                         3, p);
        if (rc != DB_OK)
            return rc;
        if (PQntuples(res) == 1)
            chosen[added++] = chosen[i];
        PQclear(res);
    }
    *n = added;
    return db_audit(c->db, c->sess->user_id, owner, "share_advisory", "advisory", c->id, NULL);
}

/* The words of the notice mail in every language, as app.queue_advisory_notices takes them
 * (a JSON text to free, or NULL). */
static char *notice_words(void)
{
    static const char *const keys[][2] = {
        {"subject", "Mail.Advisory.Subject"}, {"body", "Mail.Advisory.Body"},
        {"tlp_clear", "Advisory.Tlp.clear"},  {"tlp_green", "Advisory.Tlp.green"},
        {"tlp_amber", "Advisory.Tlp.amber"},  {"tlp_unmarked", "Mail.Advisory.Unmarked"},
    };
    return view_lang_words_json(keys, sizeof keys / sizeof keys[0]);
}

/* Queues the notice mails to the chosen organisations' coordinators and administrators.
 * Returns DB_OK or an error. */
static int notices_store(struct ctx *c, const long *chosen, int n)
{
    char aid[24], link[300], orgs[32 * 64] = "{";
    snprintf(aid, sizeof aid, "%ld", c->id);
    snprintf(link, sizeof link, "%s/advisories/%ld", c->cfg->base_url, c->id);
    for (int i = 0; i < n && strlen(orgs) + 24 < sizeof orgs; i++)
        snprintf(orgs + strlen(orgs), sizeof orgs - strlen(orgs), "%s%ld", i ? "," : "", chosen[i]);
    strcat(orgs, "}");
    char *words = notice_words();
    if (!words)
        return DB_ERROR;
    const char *p[] = {aid, orgs, link, words};
    int rc = db_exec(c->db, NULL,
                     "SELECT app.queue_advisory_notices($1, $2::bigint[], $3, $4::jsonb)", 4, p);
    free(words);
    return rc;
}

/* Passes the loaded advisory on to the chosen organisations, or shows its page again
 * with why not. */
static int advisory_share(struct ctx *c, struct advisory_page *a)
{
    if (!advisory_page_may_share(a))
        return 403;
    long *allowed = NULL;
    int n = advisory_page_targets(a, &allowed);
    long *chosen = n >= 0 ? calloc((size_t)n + 1, sizeof *chosen) : NULL;
    int status;
    if (!chosen)
        status = 500;
    else if (strcmp(advisory_page_tlp(a), "red") == 0) {
        view_set(c->req->hdf, "Form.Message", "share_red");
        status = advisory_page_show(c, a, 409);
    } else {
        int k = share_choice(c, allowed, n, chosen);
        if (k == 0) {
            view_set(c->req->hdf, "Form.Message", "share_none");
            status = advisory_page_show(c, a, 422);
        } else if (share_store(c, advisory_page_org(a), chosen, &k) != DB_OK ||
                   (k > 0 && notices_store(c, chosen, k) != DB_OK))
            status = 500;
        else {
            char where[64];
            snprintf(where, sizeof where, "/advisories/%ld?saved=shared", c->id);
            resp_redirect(c->resp, where);
            status = 303;
        }
    }
    free(allowed);
    free(chosen);
    return status;
}

int handle_advisory_share(struct ctx *c)
{
    struct advisory_page *a = advisory_page_new();
    if (!a)
        return 500;
    int status = advisory_page_load(c, a);
    if (status == 200)
        status = advisory_share(c, a);
    advisory_page_free(a);
    return status;
}
