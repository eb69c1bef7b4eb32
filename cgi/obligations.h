/* obligations.h - regulatory notification obligations of an incident (NIS2 Art. 23,
 * GDPR Art. 33): the deadlines and their countdowns, shown on the incident page. */
#ifndef OBLIGATIONS_H
#define OBLIGATIONS_H

#include "portal.h"

/* Fills Obligations.* of the incident page (regimes flagged, each report with its due
 * time, countdown, and sent record). Returns 0 or -1 on a database error. */
int obligations_to_hdf(struct ctx *c, long incident_id);

#endif
