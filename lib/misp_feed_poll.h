/* misp_feed_poll.h - taking in what a MISP feed publishes (issue 11, part 1), called by the
 * forwarder's feed polling (feed_poll.c) with the feed's manifest.json once it has been
 * fetched: each event the manifest names with a timestamp newer than the newest revision
 * taken in for its uuid is fetched (<uuid>.json beside the manifest, conditionally with
 * the validators kept from the last fetch), read (misp_event.h) and stored in misp_events
 * under the feed's organisation; a newer timestamp supersedes the older rows, which stay.
 * A refused event is recorded on the feed's document row with its reason, nothing of it
 * stored. */
#ifndef MISP_FEED_POLL_H
#define MISP_FEED_POLL_H

#include "db.h"
#include "delivery.h"

#include <stddef.h>

struct misp_feed {
    struct db *db;
    const struct delivery_options *opt;
    const char *feed_id;
    long org, user;
    const char *manifest_url;
    int imported, refused; /* counted by misp_feed_take */
};

/* Takes in the events the manifest (body, len) names, in the open transaction. Returns 0,
 * -1 when the manifest cannot be read (error says why), -2 on a database error. */
int misp_feed_take(struct misp_feed *f, const char *body, size_t len, char *error, size_t size);

#endif
