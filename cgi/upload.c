/* upload.c - an uploaded file read whole; see upload.h. */
#include "upload.h"

#include "filetype.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *upload_read_whole(struct ctx *c, const char *field, const char *suffix, long limit,
                              char **data, size_t *len, const char **file_name)
{
    *data = NULL;
    *len = 0;
    const char *sent = req_param(c->req, field);
    *file_name = sent ? filetype_base_name(sent) : "";
    FILE *f = sent && *sent ? cgi_filehandle(c->req->cgi, field) : NULL;
    if (!f)
        return "required";
    size_t name_len = strlen(*file_name), suffix_len = strlen(suffix);
    if (name_len <= suffix_len || strcasecmp(*file_name + name_len - suffix_len, suffix) != 0)
        return "file_type";
    if (fseek(f, 0, SEEK_END) != 0)
        return "file_empty";
    long size = ftell(f);
    if (size <= 0)
        return "file_empty";
    if (size > limit)
        return "file_too_large";
    rewind(f);
    *data = malloc((size_t)size + 1);
    if (!*data)
        return "out_of_memory";
    *len = fread(*data, 1, (size_t)size, f);
    (*data)[*len] = '\0';
    return NULL;
}
