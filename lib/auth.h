/* auth.h - the cryptography of logging in: Argon2id password hashes, random session and
 * CSRF tokens, and the hash under which a session token is stored. libsodium throughout. */
#ifndef AUTH_H
#define AUTH_H

#include <stddef.h>

#define AUTH_TOKEN_BYTES 32
#define AUTH_TOKEN_TEXT 44 /* base64url of 32 bytes, no padding, plus NUL */
#define AUTH_HASH_TEXT 68  /* "\\x" + 64 hex digits + NUL: a bytea literal */
#define AUTH_PWHASH_TEXT 128

/* Call once per process before any other auth_ function. Returns 0 or -1. */
int auth_init(void);

/* Argon2id hash of password into out (AUTH_PWHASH_TEXT bytes). Returns 0 or -1. */
int auth_password_hash(const char *password, char out[AUTH_PWHASH_TEXT]);
/* The proof of a password for the database to check (app.login_complete): Argon2id of
 * password under settings (an encoded hash without its last part, "$argon2id$v=19$m=..,
 * t=..,p=1$salt", as app.login_lookup gives it), as a bytea text literal. It equals the
 * stored hash's last part exactly when the password is right. For NULL or malformed
 * settings it spends the same time and returns -1; else 0. */
int auth_password_proof(const char *settings, const char *password, char out[AUTH_HASH_TEXT]);

/* A fresh random token as base64url text. */
void auth_token_new(char out[AUTH_TOKEN_TEXT]);
/* SHA-256 of the token as a bytea text literal ("\\x..."), as stored in sessions. */
void auth_token_hash(const char *token, char out[AUTH_HASH_TEXT]);
/* Constant-time comparison of two NUL-terminated tokens; 1 when equal. */
int auth_token_equal(const char *a, const char *b);

/* A random password for new accounts: 16 characters from an unambiguous alphabet. */
void auth_password_random(char out[17]);

#endif
