/* evidence.h - evidence files attached to assessment answers: upload checks (size and
 * type limits), storage in PostgreSQL, and download as an attachment to those allowed. */
#ifndef EVIDENCE_H
#define EVIDENCE_H

#include "assessment.h"

/* Stores each file sent as file_<item id> for an editable item whose type and size are
 * accepted, whatever else the form holds, so that no file is lost to another field's
 * mistake; records a message for each refused one, counted in *refused. Returns the
 * number stored, or -1 on a database error. */
int evidence_take_uploads(struct ctx *c, const struct assessment *a, size_t *refused);
/* Removes evidence file file_id of assessment a if it supports an item that may be changed
 * now (row-level security lets only the assessment's editors delete). Returns 1 when
 * removed, 0 when there was no such file to remove (nothing changes), -1 on a database
 * error. */
int evidence_remove(struct ctx *c, const struct assessment *a, const char *file_id);

#endif
