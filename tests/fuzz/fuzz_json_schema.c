/* fuzz_json_schema.c - libFuzzer harness for the check every advisory gets before it is
 * stored (lib/json_schema.c with lib/ecma_regex.c): any JSON text is parsed and checked
 * against the official CSAF 2.0 schema without a crash, a leak or unbounded work, and a
 * document found valid has no failure listed. Runs in build/fuzz (see run.sh). */
#include "json_schema.h"

#include <stdint.h>
#include <stdlib.h>

#define FORMATS "../../schema/formats/csaf-2.0/"

static struct json_schema_set *csaf;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    static const struct json_schema_ref cvss[] = {
        {"https://www.first.org/cvss/cvss-v2.0.json", FORMATS "cvss-v2.0.json"},
        {"https://www.first.org/cvss/cvss-v3.0.json", FORMATS "cvss-v3.0.json"},
        {"https://www.first.org/cvss/cvss-v3.1.json", FORMATS "cvss-v3.1.json"},
    };
    char err[256];
    csaf = json_schema_load(FORMATS "csaf_json_schema.json", cvss, 3, err, sizeof err);
    if (!csaf)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_error_t e;
    json_t *doc = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &e);
    if (!doc)
        return 0;
    struct json_schema_error errors[8];
    size_t n = json_schema_validate(csaf, doc, errors, 8);
    for (size_t i = 0; i < n && i < 8; i++)
        if (!errors[i].keyword[0])
            abort();
    json_decref(doc);
    return 0;
}
