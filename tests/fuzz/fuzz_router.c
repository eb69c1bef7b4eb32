/* fuzz_router.c - libFuzzer harness for the router (lib/router.c) over a table shaped like
 * the portal's (literal paths and ":id" segments): the input is "METHOD PATH". A match
 * must name an existing route and a positive id only where the pattern has ":id". */
#include "router.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const struct route_pattern table[] = {
    {"GET", "/"},
    {"GET", "/login"},
    {"POST", "/login"},
    {"GET", "/assessments/:id"},
    {"POST", "/assessments/:id"},
    {"GET", "/assessments/:id/export.csv"},
    {"POST", "/assessments/:id/review"},
    {"GET", "/incidents"},
    {"GET", "/incidents/new"},
    {"GET", "/incidents/:id"},
    {"POST", "/incidents/:id/share"},
    {"GET", "/organisations/:id/scores"},
    {"GET", "/organisations/template.csv"},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = strndup((const char *)data, size);
    if (!text)
        return 0;
    char *space = strchr(text, ' ');
    const char *method = text, *path = "";
    if (space) {
        *space = '\0';
        path = space + 1;
    }
    long id = -1;
    int i = router_match(table, sizeof table / sizeof table[0], sizeof table[0], method, path, &id);
    if (i >= 0) {
        if ((size_t)i >= sizeof table / sizeof table[0])
            abort();
        int has_id = strstr(table[i].pattern, ":id") != NULL;
        if (has_id ? id <= 0 : id != 0)
            abort();
    } else if (i != ROUTE_NOT_FOUND && i != ROUTE_METHOD_NOT_ALLOWED) {
        abort();
    }
    free(text);
    return 0;
}
