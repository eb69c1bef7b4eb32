/* memreq.c - see memreq.h. The streams are libfcgi's own FCGX_Stream with the whole body
 * in the read buffer; reaching its end closes the stream, as the end of a FastCGI
 * request's stdin does, and what is written is discarded. */
#include "memreq.h"

#include <stdlib.h>
#include <string.h>

static void memreq_fill(FCGX_Stream *s)
{
    s->isClosed = 1;
}

static void memreq_empty(FCGX_Stream *s, int do_close)
{
    s->wrNext = s->stopUnget;
    if (do_close)
        s->isClosed = 1;
}

int memreq_init(struct memreq *r, const char *const *env, size_t n_env, const char *body,
                size_t len)
{
    static unsigned char sink[4096];
    memset(r, 0, sizeof *r);
    r->envp = calloc(n_env + 1, sizeof *r->envp);
    unsigned char *copy = malloc(len ? len : 1);
    if (!r->envp || !copy) {
        free(copy);
        free(r->envp);
        r->envp = NULL;
        return -1;
    }
    for (size_t i = 0; i < n_env; i++)
        if (!(r->envp[i] = strdup(env[i]))) {
            free(copy);
            memreq_free(r);
            return -1;
        }
    if (len)
        memcpy(copy, body, len);
    r->in.rdNext = r->in.stopUnget = copy;
    r->in.stop = r->in.wrNext = copy + len;
    r->in.isReader = 1;
    r->in.fillBuffProc = memreq_fill;
    r->in.data = copy;
    r->out.wrNext = r->out.stopUnget = sink;
    r->out.stop = sink + sizeof sink;
    r->out.emptyBuffProc = memreq_empty;
    r->fcgi.in = &r->in;
    r->fcgi.out = r->fcgi.err = &r->out;
    r->fcgi.envp = r->envp;
    return 0;
}

void memreq_free(struct memreq *r)
{
    free(r->in.data);
    if (r->envp)
        for (char **e = r->envp; *e; e++)
            free(*e);
    free(r->envp);
    memset(r, 0, sizeof *r);
}
