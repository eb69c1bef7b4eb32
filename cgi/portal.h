/* portal.h - what the portal's request handlers share: the per-request context, the
 * route table's shape, and every handler (one file per area of the site). */
#ifndef PORTAL_H
#define PORTAL_H

#include "config.h"
#include "db.h"
#include "lang.h"
#include "request.h"
#include "response.h"
#include "router.h"
#include "session.h"

#include <fcgiapp.h>

struct ctx {
    struct request *req;
    struct response *resp;
    struct db *db;
    const struct config *cfg;
    struct session *sess;
    long id;              /* the ":id" of the route, 0 if none */
    long org_id;          /* the organisation acted for, for the log line */
    enum lang lang;       /* the page's language: the person's choice, else Accept-Language */
    struct api_call *api; /* the token's call under /api/v1 (cgi/api.h), else NULL */
    int route;            /* the index of the matched route in portal_routes, else < 0 */
};

typedef int (*handler_fn)(struct ctx *c);

#define ROLE_PUBLIC 0u /* no sign-in needed */

/* The groups of roles the routes and handlers check, each defined here only. */
#define ROLES_EDITORS (ROLE_ASSESSOR | ROLE_ORG_ADMIN)  /* answer for the organisation */
#define ROLES_MANAGERS (ROLE_ORG_ADMIN | ROLE_REVIEWER) /* campaigns, weights, review */
#define ROLES_OVERSEERS (ROLE_ORG_ADMIN | ROLE_REVIEWER | ROLE_COORDINATOR) /* children */
#define ROLES_REPORTERS (ROLE_INCIDENT_REPORTER | ROLE_COORDINATOR | ROLE_ORG_ADMIN)
#define ROLES_COORDINATORS (ROLE_COORDINATOR | ROLE_ORG_ADMIN) /* classify, decide, share */

struct route {
    struct route_pattern match;
    handler_fn handler;
    unsigned roles; /* ROLE_PUBLIC, or the roles of which the user needs one somewhere */
    int prelogin;   /* POST checked against the pre-login CSRF cookie (the login form) */
};

extern const struct route portal_routes[];
extern const size_t portal_route_count;

/* Serves one accepted request end to end: parse, route, authenticate, run the handler in
 * one transaction, render, write, log. */
void portal_dispatch(FCGX_Request *fcgi, struct db *db, const struct config *cfg);

/* Helpers for handlers. */
/* Copies the submitted values of fields into Form.Values.* and error keys into
 * Form.Errors.* ; returns the number of errors. */
struct field;
size_t portal_form_check(struct ctx *c, const struct field *fields, size_t n);
/* The organisation a form acts for: the one its org_id names when the user holds one of
 * roles there, else the first where the user does; NULL when there is none (or org_id
 * names one where the user holds none of roles). */
const struct membership *portal_acting_org(struct ctx *c, unsigned roles);

/* Records one more error for field (a message key of Lang.Errors), e.g. a rule that spans
 * fields. */
void portal_form_error(struct ctx *c, const char *field, const char *key);
/* Sets Login.Csrf to the pre-login CSRF token (and its cookie when new). */
void portal_prelogin_token(struct ctx *c);
/* The words of Lang.<key> in the request's language, for text C must hand to a library
 * (a chart's title and labels); key itself when there are none. */
const char *portal_word(const struct ctx *c, const char *key);
/* A number as the request's language writes it ("2.5", "2,5"): the one formatting of
 * decimals for pages (lib/lang.c). A score below 0 (none) is "-". Return buf. */
char *portal_number(const struct ctx *c, double v, int decimals, char *buf, size_t size);
char *portal_score(const struct ctx *c, double score, char *buf, size_t size);

/* The default classification scale's categories (ISO/IEC 27035-2 Annex C) are stored in
 * English: where node's label (and meaning, when not NULL) are still those words, they are
 * replaced by Lang.ScaleDefault.<code>.* of the request's language; an organisation's own
 * words stay. code, label and meaning name node's values. */
void portal_category_words(const struct ctx *c, HDF *node, const char *code, const char *label,
                           const char *meaning);

/* Sets Page.Title from Lang.Title.<key> semantics: the template shows it. */
void portal_page(struct ctx *c, const char *template, const char *title_key);
/* Puts the first n columns of every row of res on the page as <base>.<row>.<names[k]>;
 * boolean columns become "1" or "" so that templates can test them. */
void portal_rows(struct ctx *c, const char *base, PGresult *res, const char *const *names, int n);

int handle_health(struct ctx *c);
int handle_catalogue(struct ctx *c);
int handle_login_form(struct ctx *c);
int handle_login(struct ctx *c);
int handle_logout(struct ctx *c);
int handle_home(struct ctx *c);
int handle_account(struct ctx *c);
int handle_membership_leave(struct ctx *c);
int handle_account_language(struct ctx *c);
/* API tokens (handler_token.c). */
int handle_tokens(struct ctx *c);
int handle_token_create(struct ctx *c);
int handle_token_revoke(struct ctx *c);
int handle_assessments(struct ctx *c);
int handle_assessment_start(struct ctx *c);
int handle_assessment_show(struct ctx *c);
int handle_assessment_save(struct ctx *c);
int handle_assessment_review(struct ctx *c);
int handle_assessment_targets(struct ctx *c);
int handle_assessment_export_csv(struct ctx *c);
int handle_assessment_template_csv(struct ctx *c);
int handle_assessment_scores_csv(struct ctx *c);
int handle_assessment_export_json(struct ctx *c);
int handle_assessment_oscal(struct ctx *c);
int handle_assessment_import(struct ctx *c);
int handle_evidence_download(struct ctx *c);
int handle_campaigns(struct ctx *c);
int handle_campaign_form(struct ctx *c);
int handle_campaign_create(struct ctx *c);
int handle_campaign_show(struct ctx *c);
int handle_campaign_next(struct ctx *c);
int handle_campaign_report(struct ctx *c);
int handle_weights_form(struct ctx *c);
int handle_weights_save(struct ctx *c);
int handle_questionnaire_form(struct ctx *c);
int handle_questionnaire_create(struct ctx *c);
int handle_invite_form(struct ctx *c);
int handle_invite_accept(struct ctx *c);
int handle_dashboard(struct ctx *c);
int handle_org_scores(struct ctx *c);
int handle_action_create(struct ctx *c);
int handle_action_show(struct ctx *c);
int handle_action_update(struct ctx *c);
int handle_org_confirm_link(struct ctx *c);
int handle_orgs(struct ctx *c);
int handle_org_create(struct ctx *c);
int handle_org_import_form(struct ctx *c);
int handle_org_import(struct ctx *c);
int handle_org_template(struct ctx *c);
int handle_incidents(struct ctx *c);
int handle_incident_form(struct ctx *c);
int handle_incident_create(struct ctx *c);
int handle_incident_show(struct ctx *c);
int handle_deliveries(struct ctx *c);
int handle_delivery_retry(struct ctx *c);
/* Regulatory notification (handler_obligation.c, obligations.c). */
int handle_incident_reportable(struct ctx *c);
int handle_incident_intermediate(struct ctx *c);
int handle_obligation_show(struct ctx *c);
int handle_obligation_sent(struct ctx *c);
int handle_queue(struct ctx *c);
/* 1 when the user is a coordinator or administrator of org_id or of its parent (the
 * incident's organisation), 0 when not, -1 on a database error. */
int obligation_may_manage(struct ctx *c, long org_id);
/* State ("ok", "due_soon", "overdue", "sent", "no_due") and Countdown of a report under
 * node. */
void obligation_clock_to_hdf(HDF *node, long long now, int has_due, long long due, int sent);
int handle_incident_classify(struct ctx *c);
int handle_incident_report(struct ctx *c);
int handle_incident_status(struct ctx *c);
int handle_incident_lessons(struct ctx *c);
int handle_incident_customers(struct ctx *c);
int handle_share_form(struct ctx *c);
int handle_recipients(struct ctx *c);
int handle_scale(struct ctx *c);
int handle_scale_create(struct ctx *c);
int handle_recipient_create(struct ctx *c);
int handle_rule_create(struct ctx *c);
int handle_share_create(struct ctx *c);
int handle_events(struct ctx *c);
int handle_event_form(struct ctx *c);
int handle_event_create(struct ctx *c);
int handle_event_show(struct ctx *c);
int handle_event_decide(struct ctx *c);
int handle_vulnerability_form(struct ctx *c);
int handle_vulnerability_create(struct ctx *c);
int handle_vulnerability_show(struct ctx *c);
int handle_advisories(struct ctx *c);
int handle_advisory_form(struct ctx *c);
int handle_advisory_create(struct ctx *c);
int handle_advisory_show(struct ctx *c);
int handle_advisory_share(struct ctx *c);
/* A MISP event taken in from a feed (handler_misp_event.c). */
int handle_misp_event_show(struct ctx *c);
/* Advisory feeds (handler_feed.c). */
int handle_feeds(struct ctx *c);
int handle_feed_create(struct ctx *c);
int handle_feed_show(struct ctx *c);
int handle_feed_remove(struct ctx *c);
int handle_vulnerability_resolve(struct ctx *c);
/* Rapid advisory campaigns (rapid.h). */
int handle_rapid_list(struct ctx *c);
int handle_rapid_form(struct ctx *c);
int handle_rapid_create(struct ctx *c);
int handle_rapid_board(struct ctx *c);
int handle_rapid_board_csv(struct ctx *c);
int handle_rapid_board_json(struct ctx *c);
int handle_rapid_share(struct ctx *c);
int handle_rapid_request(struct ctx *c);
int handle_rapid_answer(struct ctx *c);

#endif
