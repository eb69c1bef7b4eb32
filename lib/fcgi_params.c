/* fcgi_params.c - an index of one FastCGI request's parameters (see fcgi_params.h). */
#include "fcgi_params.h"

#include <stdint.h>
#include <string.h>

static uint32_t name_hash(const char *name, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)name[i]) * 16777619u;
    return h;
}

void fcgi_params_index(struct fcgi_params *p, char **envp)
{
    memset(p->slots, 0, sizeof p->slots);
    p->envp = envp;
    p->overflow = 0;
    size_t used = 0;
    for (char **e = envp; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq)
            continue;
        size_t len = (size_t)(eq - *e);
        if (++used > FCGI_PARAMS_SLOTS / 2) {
            p->overflow = 1;
            return;
        }
        uint32_t i = name_hash(*e, len) & (FCGI_PARAMS_SLOTS - 1);
        while (p->slots[i].entry &&
               !(p->slots[i].name_len == len && memcmp(p->slots[i].entry, *e, len) == 0))
            i = (i + 1) & (FCGI_PARAMS_SLOTS - 1);
        if (!p->slots[i].entry) {
            p->slots[i].entry = *e;
            p->slots[i].name_len = len;
        }
    }
}

const char *fcgi_params_get(const struct fcgi_params *p, const char *name)
{
    size_t len = strlen(name);
    if (p->overflow) {
        for (char **e = p->envp; *e; e++)
            if (strncmp(*e, name, len) == 0 && (*e)[len] == '=')
                return *e + len + 1;
        return NULL;
    }
    uint32_t i = name_hash(name, len) & (FCGI_PARAMS_SLOTS - 1);
    while (p->slots[i].entry) {
        if (p->slots[i].name_len == len && memcmp(p->slots[i].entry, name, len) == 0)
            return p->slots[i].entry + len + 1;
        i = (i + 1) & (FCGI_PARAMS_SLOTS - 1);
    }
    return NULL;
}
