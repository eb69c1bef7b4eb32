/* audit_chain.h - the audit log's hash chain (schema/015_audit_chain.sql): the canonical
 * form of a row, its link hash, and the check of whole chains that portalctl
 * audit-verify runs. The hashing here is independent of the database's own functions, so
 * an owner who redefined those cannot make a broken chain look whole. */
#ifndef AUDIT_CHAIN_H
#define AUDIT_CHAIN_H

#include "db.h"

#include <stddef.h>
#include <stdio.h>

#define AUDIT_HASH_BYTES 32
/* id, at, user_id, org_id, action, entity, entity_id, detail, chain_seq (as text; NULL
 * ids as "") */
#define AUDIT_CANON_FIELDS 9

/* out = sha256(prev || canonical(fields)), each field as "<bytes>:<text>,". */
void audit_chain_hash(const unsigned char prev[AUDIT_HASH_BYTES],
                      const char *const fields[AUDIT_CANON_FIELDS],
                      unsigned char out[AUDIT_HASH_BYTES]);

/* Walks every chain (org_id < 0) or that organisation's (0: the rows without one) as the
 * owner, and writes to out the first break of each broken chain: a row whose content no
 * longer matches its hash (edited), whose link does not follow the row before (reordered
 * or a row before it gone), a gap in the sequence (deleted), or a chain whose last row is
 * not its recorded head (rows gone from the end); then a summary. Returns the number of
 * broken chains, or -1 when the log could not be read. */
int audit_verify(struct db *db, long org_id, FILE *out);

#endif
