/* api_token.c - API token secrets, their stored hash and their scopes (api_token.h). */
#include "api_token.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

const char *const api_scope_names[API_SCOPE_COUNT + 1] = {
    "assessments:read",  "assessments:write", "incidents:write",
    "advisories:answer", "deliveries:read",   NULL,
};

void api_token_new(char out[API_TOKEN_TEXT])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    memcpy(out, API_TOKEN_PREFIX, sizeof API_TOKEN_PREFIX - 1);
    sodium_bin2base64(out + sizeof API_TOKEN_PREFIX - 1,
                      API_TOKEN_TEXT - (sizeof API_TOKEN_PREFIX - 1), raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
}

void api_token_hash(const char *token, char out[API_TOKEN_HASH_TEXT])
{
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, (const unsigned char *)token, strlen(token), NULL, 0);
    out[0] = '\\';
    out[1] = 'x';
    sodium_bin2hex(out + 2, API_TOKEN_HASH_TEXT - 2, digest, sizeof digest);
}

const char *api_token_from_header(const char *authorization)
{
    if (!authorization || strncasecmp(authorization, "Bearer ", 7) != 0)
        return NULL;
    const char *t = authorization + 7;
    while (*t == ' ')
        t++;
    size_t len = strlen(t);
    if (len != API_TOKEN_TEXT - 1 || strncmp(t, API_TOKEN_PREFIX, 4) != 0)
        return NULL;
    for (size_t i = 4; i < len; i++)
        if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", t[i]))
            return NULL;
    return t;
}

unsigned api_scopes_parse(const char *array)
{
    unsigned bits = 0;
    if (!array || *array != '{')
        return 0;
    const char *p = array + 1;
    while (*p && *p != '}') {
        size_t n = strcspn(p, ",}");
        for (int i = 0; i < API_SCOPE_COUNT; i++)
            if (strlen(api_scope_names[i]) == n && strncmp(p, api_scope_names[i], n) == 0)
                bits |= 1u << i;
        p += n;
        if (*p == ',')
            p++;
    }
    return bits;
}
