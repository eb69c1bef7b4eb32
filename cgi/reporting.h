/* reporting.h - what event reports (handler_event.c) and vulnerability reports
 * (handler_vulnerability.c) share: the organisations a user may report for, the report
 * form's choices, and who is the point of contact deciding on a report. */
#ifndef REPORTING_H
#define REPORTING_H

#include "portal.h"

/* Puts a report form on the page: the organisations the user may report for (holding one of
 * roles), the TLP choices and the organisation chosen before (when the form comes back);
 * then the template with its title. Reads nothing from the database. */
void reporting_form_page(struct ctx *c, unsigned roles, const char *template, const char *title);

/* 1 when the user is the point of contact for org_id: its coordinator or administrator, or
 * an overseer of its parent (for a group company); 0 otherwise or on a database error. */
int reporting_may_decide(struct ctx *c, long org_id);

#endif
