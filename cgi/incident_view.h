/* incident_view.h - the incident page, shared by the handlers that re-render it with
 * their form's errors (status 422) or show it (200). */
#ifndef INCIDENT_VIEW_H
#define INCIDENT_VIEW_H

#include "portal.h"

/* Renders /incidents/:id (c->id) with the given status; 404 when hidden, 500 on error. */
int incident_page(struct ctx *c, int status);

/* The incident report's details, classification choices, customers, lessons, planned
 * improvements and timeline under Incident.*, Scale.*, Choices.*, ... Returns 0 or -1. */
int incident_details_to_hdf(struct ctx *c);

/* Renders /incidents/:id for a customer the supplier chose, from the customer_incidents
 * view: 404 when the user is no such customer (or the incident is TLP:AMBER+STRICT). */
int incident_customer_page(struct ctx *c, int status);

#endif
