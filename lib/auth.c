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

/* The costs a stored hash may ask for: what libsodium accepts, and at most 1 GiB. */
#define PW_MEMLIMIT_MAX (1024UL * 1024 * 1024)
#define PW_OPSLIMIT_MAX 16UL

static int proof_of(const char *settings, const char *password, char out[AUTH_HASH_TEXT])
{
    unsigned long mem_kib = 0, ops = 0;
    char salt_b64[32];
    int end = 0;
    static const char allowed[] = "$=,+/0123456789abcdefghijklmnopqrstuvwxyz"
                                  "ABCDEFGHIJKLMNOPQRSTUVWXYZ"; /* no sign, no space */
    if (!settings || settings[strspn(settings, allowed)] != '\0' ||
        sscanf(settings, "$argon2id$v=19$m=%lu,t=%lu,p=1$%31[A-Za-z0-9+/]%n", &mem_kib, &ops,
               salt_b64, &end) != 3 ||
        settings[end] != '\0' || mem_kib > PW_MEMLIMIT_MAX / 1024 ||
        mem_kib * 1024 < crypto_pwhash_MEMLIMIT_MIN || ops < crypto_pwhash_OPSLIMIT_MIN ||
        ops > PW_OPSLIMIT_MAX)
        return -1;
    unsigned char salt[crypto_pwhash_SALTBYTES], raw[32] /* the length crypto_pwhash_str stores */;
    size_t salt_len = 0;
    if (sodium_base642bin(salt, sizeof salt, salt_b64, strlen(salt_b64), NULL, &salt_len, NULL,
                          sodium_base64_VARIANT_ORIGINAL_NO_PADDING) != 0 ||
        salt_len != sizeof salt)
        return -1;
    if (crypto_pwhash(raw, sizeof raw, password, strlen(password), salt, ops, mem_kib * 1024,
                      crypto_pwhash_ALG_ARGON2ID13) != 0)
        return -1;
    out[0] = '\\';
    out[1] = 'x';
    sodium_bin2hex(out + 2, AUTH_HASH_TEXT - 2, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
    return 0;
}

int auth_password_proof(const char *settings, const char *password, char out[AUTH_HASH_TEXT])
{
    if (proof_of(settings, password, out) == 0)
        return 0;
    /* an unknown account, or one without a password yet, takes as long to refuse */
    static char dummy[AUTH_PWHASH_TEXT];
    if (!dummy[0] && auth_password_hash("not a real password", dummy) != 0)
        return -1;
    char *last = strrchr(dummy, '$');
    if (last)
        *last = '\0';
    (void)proof_of(dummy, password, out);
    if (last)
        *last = '$';
    return -1;
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
