/* api_token.h - the secrets of API tokens and their scopes: a new token ("cap_" and 43
 * base64url characters of 32 random bytes), the hash under which it is stored (BLAKE2b,
 * libsodium's crypto_generichash), and the scope names a token can carry. Pure apart from
 * the random bytes. */
#ifndef API_TOKEN_H
#define API_TOKEN_H

#include <stddef.h>

#define API_TOKEN_PREFIX "cap_" /* lets secret scanners recognise a leaked token */
#define API_TOKEN_TEXT 48       /* "cap_" + base64url of 32 bytes + NUL */
#define API_TOKEN_HASH_TEXT 68  /* "\\x" + 64 hex digits + NUL: a bytea literal */

enum api_scope {
    SCOPE_ASSESSMENTS_READ = 1 << 0,
    SCOPE_ASSESSMENTS_WRITE = 1 << 1,
    SCOPE_INCIDENTS_WRITE = 1 << 2,
    SCOPE_ADVISORIES_ANSWER = 1 << 3,
    SCOPE_DELIVERIES_READ = 1 << 4,
};
#define API_SCOPE_COUNT 5

/* The scope names, in the order of their bits ("assessments:read", ...). */
extern const char *const api_scope_names[API_SCOPE_COUNT + 1]; /* NULL-terminated */

/* A fresh token: what the person is shown once. */
void api_token_new(char out[API_TOKEN_TEXT]);
/* The stored hash of token as a bytea text literal. */
void api_token_hash(const char *token, char out[API_TOKEN_HASH_TEXT]);
/* The token in an "Authorization: Bearer <token>" header value, or NULL when the value is
 * missing, of another scheme, or not shaped like a token. */
const char *api_token_from_header(const char *authorization);

/* The scope bits of a PostgreSQL text[] literal ("{assessments:read,incidents:write}");
 * unknown names are ignored. */
unsigned api_scopes_parse(const char *array);

#endif
