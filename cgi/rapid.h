/* rapid.h - rapid advisory campaigns (issue 11, part 2): a parent asks its group companies
 * and suppliers "are you affected?" about one CVE, with a deadline in hours and a fixed
 * short question set (schema/046). Starting one is in handler_rapid.c, the respondent's one
 * screen in handler_rapid_answer.c with its save logic in rapid_answer.c (callable from
 * the JSON API too), the parent's board and its exports in rapid_board.c. */
#ifndef RAPID_H
#define RAPID_H

#include "portal.h"

#include <stddef.h>

#define RAPID_MAX_PRODUCTS 60 /* choices offered per campaign */
#define RAPID_ANSWER_ERRORS 8

/* The roles that answer for a respondent organisation (policy rapid_requests_answer). */
#define ROLES_RAPID_ANSWER (ROLE_ASSESSOR | ROLE_COORDINATOR | ROLE_ORG_ADMIN)

/* The answers a respondent may give, NULL-terminated. */
extern const char *const rapid_answers[];

/* One answer to a rapid request, as a form or the API hands it in. products are names
 * among the campaign's choices (one-line names of up to 200 characters when the campaign,
 * started by hand, offers none); the texts may be "" (fix_date "YYYY-MM-DD" or ""). */
struct advisory_answer {
    const char *answer; /* one of rapid_answers */
    const char *const *products;
    size_t n_products;
    const char *mitigations;
    const char *fix_date;
    const char *contact;
    const char *notes;
};

/* A refused field of an answer: the field's name and the key of its message in
 * Lang.Errors. */
struct advisory_answer_error {
    const char *field;
    const char *key;
};

struct advisory_answer_errors {
    struct advisory_answer_error e[RAPID_ANSWER_ERRORS];
    size_t n;
};

/* Checks answer a to request request_id and stores it as user_id's, in the caller's
 * transaction (row-level security decides who may). Returns 0 when stored; 422 with the
 * field-level reasons in errors; 404 when the user may not see or answer that request;
 * 500 on a database error. */
int advisory_answer_save(struct db *db, long user_id, long request_id,
                         const struct advisory_answer *a, struct advisory_answer_errors *errors);

/* Shares the statistics st (cve, title, tlp, organisation and counts filled; the key and
 * time are set here) of campaign, asked by org, with the STIX recipient recipient (its id
 * as text) through the outbox. Returns 0; 422 when the database refuses the recipient or
 * TLP; 500. */
struct share_stats;
int rapid_share_store(struct ctx *c, long campaign, long org, const char *recipient,
                      struct share_stats *st);

/* The words of the rapid campaign mails in every language, as schema/046's functions take
 * them: a JSON text to free, or NULL. */
char *rapid_mail_words(void);

/* Pre-fills the vulnerability report form (Form.Values.*) from rapid request request_id:
 * the CVE and title as description, the chosen products as location. Returns 200, or 404
 * when the user does not answer for that request, or 500. */
int rapid_vulnerability_prefill(struct ctx *c, long request_id);

#endif
