/* evidence.h - evidence files attached to assessment answers: upload checks (size and
 * type limits), storage in PostgreSQL, and download as an attachment to those allowed. */
#ifndef EVIDENCE_H
#define EVIDENCE_H

#include "assessment.h"

/* Checks the files sent as file_<item id> for the editable items; records a message for
 * each refused one. Returns the number refused. */
size_t evidence_check_uploads(struct ctx *c, const struct assessment *a);
/* Stores the files checked above. Returns 0 or -1. */
int evidence_store_uploads(struct ctx *c, const struct assessment *a);

#endif
