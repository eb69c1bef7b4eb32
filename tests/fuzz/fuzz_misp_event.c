/* fuzz_misp_event.c - libFuzzer harness for what a MISP feed sends (lib/misp_event.c): any
 * text is read as an event and as a manifest without a crash, a leak or unbounded work,
 * and what an event yields stays within its limits (a lower-case uuid, a TLP and threat
 * level of the known ones, at most MISP_MAX_CVES CVE ids). Runs in build/fuzz (run.sh). */
#include "misp_event.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *doc;
    struct misp_event e;
    if (misp_event_parse((const char *)data, size, NULL, &doc, &e) == MISP_OK) {
        if (strlen(e.uuid) != 36 || !e.info || !*e.info || e.threat_level < 1 ||
            e.threat_level > 4 || e.n_cves > MISP_MAX_CVES || !e.tlp[0] || !doc ||
            json_object_size(e.counts) > MISP_MAX_TYPES + 1)
            abort();
        for (size_t i = 0; i < e.n_cves; i++)
            if (strncmp(e.cves[i], "CVE-", 4) != 0)
                abort();
        misp_event_free(&e);
        json_decref(doc);
    }
    struct misp_manifest_entry *m;
    size_t n;
    if (misp_manifest_parse((const char *)data, size, &m, &n) == 0 && n > MISP_MAX_EVENTS)
        abort();
    free(m);
    return 0;
}
