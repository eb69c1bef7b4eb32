/* fuzz_accept_language.c - libFuzzer harness for the Accept-Language parser (lib/lang.c):
 * any header yields a supported language, and naming one more, unsupported and refused,
 * language at its end never changes the choice. */
#include "lang.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *h = malloc(size + 16);
    if (!h)
        return 0;
    memcpy(h, data, size);
    h[size] = '\0';
    enum lang l = lang_from_accept(h);
    if ((unsigned)l >= LANG_COUNT)
        abort();
    strcat(h + strlen(h), ",fr;q=0");
    if (lang_from_accept(h) != l)
        abort();
    free(h);
    return 0;
}
