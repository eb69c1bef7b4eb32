/* feed_poll.h - the forwarder's polling of due advisory feeds (schema/047): each feed's
 * own document is fetched with a conditional GET (304: nothing new); a CSAF provider's
 * provider-metadata.json names its distributions (a directory with index.txt, or ROLIE
 * feeds), whose advisories are fetched, each conditionally, checked and stored exactly as
 * an upload is (advisory_intake.h) under the feed's organisation. A refused document is
 * recorded with the schema's reasons and nothing of it is stored. */
#ifndef FEED_POLL_H
#define FEED_POLL_H

#include "db.h"
#include "delivery.h"

/* Feeds polled by one call of feed_poll_due at most. */
#define FEED_POLL_BATCH 5

/* How long after a poll a feed is polled again. */
#define FEED_POLL_INTERVAL_S 3600

/* Polls the feeds due now, each in a transaction of its own (FOR UPDATE SKIP LOCKED, so
 * several forwarders may run). formats_dir holds the CSAF schema; interval_s is the time
 * to the next poll of a feed. Returns the number of feeds polled, or a DB_ error. */
int feed_poll_due(struct db *db, const struct delivery_options *opt, const char *formats_dir,
                  int interval_s);

#endif
