/* auth.c - password hashing and tokens with libsodium. */
#include "auth.h"

#include <sodium.h>
#include <string.h>

/* Interactive limits keep a login well under a second on two cores while staying within
 * OWASP's Argon2id recommendation (>= 19 MiB, t >= 2). */
#define PW_OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define PW_MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE

int auth_init(void)
{
    return sodium_init() < 0 ? -1 : 0;
}

int auth_password_hash(const char *password, char out[AUTH_PWHASH_TEXT])
{
    _Static_assert(AUTH_PWHASH_TEXT >= crypto_pwhash_STRBYTES, "hash buffer too small");
    return crypto_pwhash_str_alg(out, password, strlen(password), PW_OPSLIMIT, PW_MEMLIMIT,
                                 crypto_pwhash_ALG_ARGON2ID13) == 0
               ? 0
               : -1;
}

int auth_password_verify(const char *hash, const char *password)
{
    if (!hash || !*hash) {
        /* an account without a password yet takes as long to refuse as any other */
        auth_password_dummy_verify(password);
        return 0;
    }
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void auth_password_dummy_verify(const char *password)
{
    static char dummy[AUTH_PWHASH_TEXT];
    if (!dummy[0] && auth_password_hash("not a real password", dummy) != 0)
        return;
    (void)auth_password_verify(dummy, password);
}

void auth_token_new(char out[AUTH_TOKEN_TEXT])
{
    unsigned char raw[AUTH_TOKEN_BYTES];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, AUTH_TOKEN_TEXT, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
}

void auth_token_hash(const char *token, char out[AUTH_HASH_TEXT])
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, (const unsigned char *)token, strlen(token));
    out[0] = '\\';
    out[1] = 'x';
    sodium_bin2hex(out + 2, AUTH_HASH_TEXT - 2, digest, sizeof digest);
}

int auth_token_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb || la == 0)
        return 0;
    return sodium_memcmp(a, b, la) == 0;
}

void auth_password_random(char out[17])
{
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679";
    for (int i = 0; i < 16; i++)
        out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    out[16] = '\0';
}
