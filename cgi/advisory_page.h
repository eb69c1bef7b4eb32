/* advisory_page.h - one advisory's page (GET /advisories/:id), loaded and shown; also
 * shown again by the handler that passes an advisory on when it refuses a choice. */
#ifndef ADVISORY_PAGE_H
#define ADVISORY_PAGE_H

#include "portal.h"

struct advisory_page;

struct advisory_page *advisory_page_new(void);
void advisory_page_free(struct advisory_page *a);

/* Reads advisory c->id with its revisions and, when the user coordinates the organisation
 * that took it in, the organisations it may be passed on to. Returns 200, 404 (none, or
 * not visible to the user) or 500. */
int advisory_page_load(struct ctx *c, struct advisory_page *a);

/* The organisation that took the loaded advisory in. */
long advisory_page_org(const struct advisory_page *a);

/* 1 when the user may pass the loaded advisory on (coordinates that organisation). */
int advisory_page_may_share(const struct advisory_page *a);

/* The loaded advisory's TLP ("clear", "green", "amber", "red" or "unmarked"). */
const char *advisory_page_tlp(const struct advisory_page *a);

/* The ids of the organisations it may be passed on to (*ids malloc'd; none unless the
 * user may pass it on). Returns how many, or -1. */
int advisory_page_targets(const struct advisory_page *a, long **ids);

/* Puts the loaded advisory on its page; returns status. */
int advisory_page_show(struct ctx *c, struct advisory_page *a, int status);

#endif
