/* fuzz_request.c - libFuzzer harness for the request parser (lib/request.c over
 * ClearSilver's CGI kit): the input is FastCGI parameters, one "NAME=value" a line, then
 * an empty line, then the body. Query strings, cookies, url-encoded and multipart bodies
 * all go through req_begin exactly as a worker parses them, several times per process as
 * a worker does. */
#include "memreq.h"
#include "request.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *sep = memmem(text, size, "\n\n", 2);
    size_t head_len = sep ? (size_t)(sep - text) : size;
    const char *body = sep ? sep + 2 : "";
    size_t body_len = sep ? size - head_len - 2 : 0;

    const char *env[16];
    size_t n_env = 0;
    char *head = strndup(text, head_len);
    if (!head)
        return 0;
    int has_length = 0;
    for (char *save = NULL, *line = strtok_r(head, "\n", &save); line && n_env < 12;
         line = strtok_r(NULL, "\n", &save)) {
        if (!strchr(line, '='))
            continue;
        has_length |= strncmp(line, "CONTENT_LENGTH=", 15) == 0;
        env[n_env++] = line;
    }
    char length[64];
    if (!has_length) {
        snprintf(length, sizeof length, "CONTENT_LENGTH=%lu", (unsigned long)body_len);
        env[n_env++] = length;
    }
    struct memreq mem;
    if (memreq_init(&mem, env, n_env, body, body_len) == 0) {
        struct request req;
        int status = req_begin(&req, &mem.fcgi, 1 << 20);
        if (status != 500) {
            (void)req_param(&req, "csrf_token");
            (void)req_cookie(&req, "session");
            (void)req_query_has(&req, "csrf_token");
        }
        req_end(&req);
        memreq_free(&mem);
    }
    free(head);
    return 0;
}
