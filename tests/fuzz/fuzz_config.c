/* fuzz_config.c - libFuzzer harness for the configuration reader (lib/config.c and
 * ClearSilver's HDF parser under it): the input is the file PORTAL_CONFIG names. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[64];

static void remove_file(void)
{
    unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0]) {
        snprintf(path, sizeof path, "/tmp/fuzz-config-%d.hdf", (int)getpid());
        setenv("PORTAL_CONFIG", path, 1);
        atexit(remove_file);
    }
    FILE *f = fopen(path, "w");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    struct config cfg;
    if (config_load(&cfg) == 0) {
        if (!memchr(cfg.db_conninfo, '\0', sizeof cfg.db_conninfo) ||
            !memchr(cfg.base_url, '\0', sizeof cfg.base_url))
            abort();
    }
    return 0;
}
