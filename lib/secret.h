/* secret.h - secrets at rest. A recipient's credential (an API key,
 * a bearer token, a webhook's HMAC secret) is stored in recipients.credentials sealed with
 * the portal's key: libsodium's secretbox (XSalsa20-Poly1305), a random nonce followed by
 * the ciphertext, written as PostgreSQL's bytea hex text ("\x..."). The key is 32 bytes,
 * configured as 64 hex characters (PORTAL_SECRET_KEY); the portal seals, the forwarder
 * opens. (The webhook signature made with an opened credential is share_sign_hmac.) */
#ifndef SECRET_H
#define SECRET_H

#include <stddef.h>

#define SECRET_KEY_BYTES 32

/* Parses 64 hex characters (nothing else) into key. Returns 0, or -1 when hex is not
 * exactly that (key is then zeroed). */
int secret_key_parse(const char *hex, unsigned char key[SECRET_KEY_BYTES]);

/* Seals plaintext under key with a fresh random nonce. Returns the malloc'd bytea hex text
 * "\x" + hex(nonce || ciphertext), to be stored as a bytea parameter, or NULL when out of
 * memory or libsodium cannot start. */
char *secret_seal(const unsigned char key[SECRET_KEY_BYTES], const char *plaintext);

/* Opens what secret_seal produced (as PostgreSQL returns a bytea in text form). Returns the
 * malloc'd plaintext (release it with secret_free), or NULL when the text is malformed, was
 * sealed under another key, was altered, or holds a NUL byte. */
char *secret_open(const unsigned char key[SECRET_KEY_BYTES], const char *bytea_hex);

/* Wipes and frees a string that held a secret; NULL is fine. */
void secret_free(char *s);

#endif
