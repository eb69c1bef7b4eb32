/* incident_page.h - the incident page, /incidents/:id: one loader reads everything it
 * shows into struct incident_page, one view puts that into the HDF. Shared by the handlers
 * that show it (200) or re-render it with their form's errors (422). */
#ifndef INCIDENT_PAGE_H
#define INCIDENT_PAGE_H

#include "obligations.h"
#include "portal.h"

#include <libpq-fe.h>

/* The delivery state columns of the list and of the page. */
#define DELIVERY_SUMMARY                                                                           \
    "(SELECT count(*) FROM outbox WHERE incident_id = i.id AND state = 'delivered'), "             \
    "(SELECT count(*) FROM outbox WHERE incident_id = i.id AND state = 'pending'), "               \
    "(SELECT count(*) FROM outbox WHERE incident_id = i.id AND state = 'failing') "

/* The list's and the page's columns (enum incident_column) of incidents i; the category's
 * label is the one of the scale the incident was classified with, else the code. The
 * organisation's name is looked up row by row: joined, the planner walked every
 * organisation through its row-level security to merge with a page of 100 incidents. */
#define INCIDENT_COLUMNS                                                                           \
    "i.id, i.number, (SELECT o.name FROM organisations o WHERE o.id = i.org_id), i.title, "        \
    "i.category, i.severity, i.tlp, "                                                              \
    "to_char(i.detected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "                            \
    "to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), " DELIVERY_SUMMARY            \
    ", coalesce((SELECT sc.label FROM scale_categories sc WHERE sc.scale_id = "                    \
    "  coalesce(i.scale_id, app.scale_for(i.org_id)) AND sc.code = i.category), i.category), "     \
    "i.status "

enum incident_column {
    INC_ID,
    INC_NUMBER,
    INC_ORG,
    INC_TITLE,
    INC_CATEGORY,
    INC_SEVERITY,
    INC_TLP,
    INC_DETECTED,
    INC_REPORTED,
    INC_DELIVERED,
    INC_PENDING,
    INC_FAILING,
    INC_CATEGORY_LABEL,
    INC_STATUS,
    INC__COUNT
};

/* Incident.{Id,Number,Org,...,CategoryLabel} of row i of a result that starts with
 * INCIDENT_COLUMNS. */
void incident_columns_to_hdf(HDF *node, PGresult *res, int i);

/* The choices of the page's forms, which the handlers check the posted values against
 * (NULL-terminated). */
extern const char *const incident_importances[];
extern const char *const incident_impacts[];
extern const char *const incident_natures[];
extern const char *const incident_statuses[];
extern const char *const incident_conclusions[];
extern const char *const incident_improvement_codes[];

/* Everything the incident page shows. Result sets are read by the column enums in
 * incident_page.c (the incident's row holds texts of up to 10000 characters each). */
struct incident_page {
    long id, org_id;
    PGresult *customer_row; /* not the user's own: what a customer the supplier chose sees */
    PGresult *row;          /* the incident with its report's details */
    int forwardable;        /* its TLP lets alerts go out automatically */
    int may_manage;         /* a reporter of the organisation, or an overseer */
    int is_member;          /* a member of the incident's organisation */
    int may_classify;       /* coordinates the organisation's incidents (schema/014) */
    long lessons;
    PGresult *rules; /* the sharing rules that apply, when may_classify */
    PGresult *scale_categories, *scale_rules;
    PGresult *customers; /* a supplier's customers, chosen or not */
    PGresult *lessons_learned, *improvements, *timeline, *deliveries;
    struct incident_obligations obligations;
};

/* Loads incident id as the user may see it: their own (or overseen) incident, else a
 * supplier's shown to a customer it chose. Returns 200, 404 or 500; incident_page_free
 * releases it whatever it returned. */
int incident_page_load(struct ctx *c, long id, struct incident_page *page);
void incident_page_free(struct incident_page *page);
/* Puts the loaded page into the HDF (Incident.*, Rules.*, Scale.*, Choices.*, Customers.*,
 * LessonsLearned.*, Improvements.*, Timeline.*, Obligations.*, Deliveries.*). */
void incident_page_to_hdf(struct ctx *c, const struct incident_page *page);

/* Loads and renders /incidents/:id (c->id) with the given status; 404 when hidden, 500 on
 * error. */
int incident_page_render(struct ctx *c, int status);

/* The customer's view of a supplier's incident (incident_customer.c), from the
 * customer_incidents view: 404 when the user is no such customer (or the incident is
 * TLP:AMBER+STRICT). Returns 200, 404 or 500; *row is the caller's to PQclear on 200. */
int incident_customer_load(struct ctx *c, long id, PGresult **row);
void incident_customer_to_hdf(struct ctx *c, PGresult *row);

#endif
