/* secret.c - sealing recipient credentials with libsodium's secretbox. */
#include "secret.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

int secret_key_parse(const char *hex, unsigned char key[SECRET_KEY_BYTES])
{
    size_t n = 0;
    const char *end = NULL;
    if (hex && strlen(hex) == 2 * SECRET_KEY_BYTES &&
        sodium_hex2bin(key, SECRET_KEY_BYTES, hex, strlen(hex), NULL, &n, &end) == 0 &&
        n == SECRET_KEY_BYTES && end && *end == '\0')
        return 0;
    sodium_memzero(key, SECRET_KEY_BYTES);
    return -1;
}

char *secret_seal(const unsigned char key[SECRET_KEY_BYTES], const char *plaintext)
{
    if (sodium_init() < 0 || !plaintext)
        return NULL;
    size_t len = strlen(plaintext);
    size_t sealed_len = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len;
    unsigned char *sealed = malloc(sealed_len);
    char *out = malloc(2 + 2 * sealed_len + 1);
    if (!sealed || !out) {
        free(sealed);
        free(out);
        return NULL;
    }
    randombytes_buf(sealed, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(sealed + crypto_secretbox_NONCEBYTES, (const unsigned char *)plaintext,
                          len, sealed, key);
    out[0] = '\\';
    out[1] = 'x';
    sodium_bin2hex(out + 2, 2 * sealed_len + 1, sealed, sealed_len);
    free(sealed);
    return out;
}

char *secret_open(const unsigned char key[SECRET_KEY_BYTES], const char *bytea_hex)
{
    if (sodium_init() < 0 || !bytea_hex || bytea_hex[0] != '\\' || bytea_hex[1] != 'x')
        return NULL;
    const char *hex = bytea_hex + 2;
    size_t hex_len = strlen(hex);
    if (hex_len % 2 != 0 || hex_len / 2 < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
        return NULL;
    size_t sealed_len = hex_len / 2, n = 0;
    unsigned char *sealed = malloc(sealed_len);
    if (!sealed)
        return NULL;
    const char *end = NULL;
    if (sodium_hex2bin(sealed, sealed_len, hex, hex_len, NULL, &n, &end) != 0 || n != sealed_len ||
        *end != '\0') {
        free(sealed);
        return NULL;
    }
    size_t len = sealed_len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
    char *plain = malloc(len + 1);
    if (!plain ||
        crypto_secretbox_open_easy((unsigned char *)plain, sealed + crypto_secretbox_NONCEBYTES,
                                   sealed_len - crypto_secretbox_NONCEBYTES, sealed, key) != 0 ||
        memchr(plain, '\0', len)) {
        free(sealed);
        if (plain)
            sodium_memzero(plain, len + 1);
        free(plain);
        return NULL;
    }
    plain[len] = '\0';
    free(sealed);
    return plain;
}

void secret_free(char *s)
{
    if (!s)
        return;
    sodium_memzero(s, strlen(s));
    free(s);
}
