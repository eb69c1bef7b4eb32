/* memreq.h - a FastCGI request held in memory (environment and body), so the request
 * parser (lib/request.c) runs exactly as in production, without a socket, in unit tests
 * and fuzzing harnesses. */
#ifndef MEMREQ_H
#define MEMREQ_H

#include <fcgiapp.h>
#include <stddef.h>

struct memreq {
    FCGX_Request fcgi;
    FCGX_Stream in, out;
    char **envp; /* "NAME=value" strings, NULL-terminated, owned */
};

/* Sets up r with the environment entries env[0..n_env) ("NAME=value") and the body
 * bytes body[0..len) (copied). Returns 0, or -1 when out of memory. */
int memreq_init(struct memreq *r, const char *const *env, size_t n_env, const char *body,
                size_t len);
void memreq_free(struct memreq *r);

#endif
