/* obligations.h - regulatory notification obligations of an incident (NIS2 Art. 23,
 * GDPR Art. 33): the deadlines and their countdowns, shown on the incident page. */
#ifndef OBLIGATIONS_H
#define OBLIGATIONS_H

#include "portal.h"

/* Columns of an incident's obligations, in the page's order. */
enum obligation_item_column {
    OIC_ID,
    OIC_REGIME,
    OIC_REPORT,
    OIC_HAS_DUE,
    OIC_DUE_EPOCH,
    OIC_DUE_AT,
    OIC_SENT,
    OIC_SENT_AT,
    OIC_SENT_TO,
};

/* The incident page's part on regulatory notification. */
struct incident_obligations {
    long incident_id;
    int found; /* row-level security shows the incident; nothing is shown otherwise */
    int nis2, gdpr;
    char awareness_at[24];    /* YYYY-MM-DD HH24:MI, or "" */
    char awareness_input[24]; /* the form's value: awareness, else detection */
    int may_manage;           /* obligation_may_manage */
    PGresult *items;          /* enum obligation_item_column */
};

/* Loads the regimes the incident is flagged under, each report owed with its due time
 * and sent record, and whether the user may manage them. Returns 200 or 500;
 * obligations_free releases it. */
int obligations_load(struct ctx *c, long incident_id, struct incident_obligations *o);
void obligations_free(struct incident_obligations *o);

/* Fills Obligations.* of the incident page (regimes flagged, each report with its due
 * time, countdown, and sent record). */
void obligations_to_hdf(struct ctx *c, const struct incident_obligations *o);

/* Columns of the queue of reports not yet sent (GET /queue, and the start page's clocks). */
enum queue_column {
    QC_ID,
    QC_REGIME,
    QC_REPORT,
    QC_HAS_DUE,
    QC_DUE_EPOCH,
    QC_DUE_AT,
    QC_INCIDENT_ID,
    QC_NUMBER,
    QC_TITLE,
    QC_ORG,
    QC_TOTAL,   /* how many there are in all, however many limit shows */
    QC_OVERDUE, /* how many of them are past their due time */
};

/* The regulatory reports not yet sent that the user may send (their organisations' own
 * and their group companies'), the soonest due first, at most limit of them. Returns 200
 * or 500. */
int obligation_queue_load(struct ctx *c, int limit, PGresult **res);

#endif
