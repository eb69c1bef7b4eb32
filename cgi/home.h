/* home.h - the start page's work of the signed-in user, per role and organisation: the
 * assessments to complete, those waiting for their review and the state of their open
 * campaigns, the events awaiting their decision, the regulatory clocks running and the
 * deliveries that failed, their own open reports, and the rapid advisory questions their
 * organisations have not answered yet. Read as the user, through row-level
 * security, by home_load (home.c); put on the page by home_to_hdf (home_view.c). */
#ifndef HOME_H
#define HOME_H

#include "portal.h"

#include <libpq-fe.h>

/* At most this many items of each kind are listed; the counts are of all of them up to
 * HOME_COUNT_CAP, past which a count is HOME_COUNT_CAP + 1 and the page says "more than"
 * (a count past the cap of a part's flags, such as overdue, is of its first rows only). */
#define HOME_ROWS 10
#define HOME_COUNT_CAP 1000

/* Open (draft or returned) assessments of the organisations the user answers for. */
enum home_assess_column {
    HAC_ID,
    HAC_ORG,
    HAC_TITLE,
    HAC_STATUS,
    HAC_DUE_DATE,
    HAC_OVERDUE,
    HAC_TO_FIX, /* returned items not yet fixed */
    HAC_SHOWN,  /* the columns above are shown per item; those below are counts */
    HAC_TOTAL = HAC_SHOWN,
    HAC_TOTAL_OVERDUE,
    HAC_TOTAL_RETURNED,
};

/* Submitted assessments the user may review. */
enum home_review_column {
    HRC_ID,
    HRC_ORG,
    HRC_TITLE,
    HRC_SUBMITTED,
    HRC_SHOWN,
    HRC_TOTAL = HRC_SHOWN,
};

/* Open campaigns (an assessment not yet accepted) of the organisations the user manages. */
enum home_campaign_column {
    HCC_ID,
    HCC_TITLE,
    HCC_DUE_DATE,
    HCC_OVERDUE,
    HCC_TARGETS,
    HCC_ANSWERED,
    HCC_SUBMITTED,
    HCC_ACCEPTED,
    HCC_SHOWN,
};

/* Events awaiting the decision of the user as point of contact, the longest waiting first. */
enum home_event_column {
    HEC_ID,
    HEC_NUMBER,
    HEC_ORG,
    HEC_WHAT,
    HEC_REPORTED,
    HEC_SHOWN,
    HEC_TOTAL = HEC_SHOWN,
};

/* Deliveries to the recipients of the user's organisations that the forwarder gave up on. */
enum home_failed_column {
    HFC_ID,
    HFC_INCIDENT_ID,
    HFC_NUMBER,
    HFC_RECIPIENT,
    HFC_FAILED_AT,
    HFC_SHOWN,
    HFC_TOTAL = HFC_SHOWN,
};

/* The user's own reports still open: events not decided on, incidents being handled. */
enum home_report_column {
    HPC_KIND, /* "event" or "incident" */
    HPC_ID,
    HPC_NUMBER,
    HPC_WHAT,
    HPC_STATUS,
    HPC_AT,
    HPC_SHOWN,
    HPC_TOTAL = HPC_SHOWN,
};

/* Rapid advisory requests not yet answered by the organisations the user answers for
 * (rapid.h), the nearest deadline first. */
enum home_rapid_column {
    HRA_ID,
    HRA_CVE,
    HRA_TITLE,
    HRA_ASKER,
    HRA_ORG,
    HRA_DEADLINE,
    HRA_OVERDUE,
    HRA_SHOWN,
    HRA_TOTAL = HRA_SHOWN,
};

struct home_work {
    unsigned roles; /* every role the user holds somewhere */
    /* NULL where the user holds none of the roles the part is for */
    PGresult *assess;    /* enum home_assess_column */
    PGresult *review;    /* enum home_review_column */
    PGresult *campaigns; /* enum home_campaign_column */
    PGresult *events;    /* enum home_event_column */
    PGresult *clocks;    /* enum queue_column (obligations.h) */
    PGresult *failed;    /* enum home_failed_column */
    PGresult *reports;   /* enum home_report_column */
    PGresult *rapid;     /* enum home_rapid_column */
};

/* Reads the work of each role the user holds. Returns 200 or 500; home_free releases it. */
int home_load(struct ctx *c, struct home_work *w);
void home_free(struct home_work *w);

/* Work.* of the start page: per part a flag that it is shown, the counts and the items. */
void home_to_hdf(struct ctx *c, const struct home_work *w);

#endif
