/* incident.c - incident severities and TLP levels. */
#include "incident.h"

#include <string.h>

const char *const incident_severities[] = {"emergency", "critical", "warning", "information", NULL};

const char *const incident_tlp_levels[] = {"clear", "green", "amber", "amber_strict", "red", NULL};

int incident_tlp_forwardable(const char *tlp)
{
    if (!tlp)
        return 0;
    return strcmp(tlp, "clear") == 0 || strcmp(tlp, "green") == 0 || strcmp(tlp, "amber") == 0;
}
