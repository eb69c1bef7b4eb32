/* upload.h - a file sent with a form (multipart/form-data) read whole, the one way the
 * handlers take a document from the user: CSV imports, advisories. Evidence files have
 * their own path (evidence.c) because they are stored as they are. */
#ifndef UPLOAD_H
#define UPLOAD_H

#include "portal.h"

#include <stddef.h>

/* Reads the file of form field into *data (NUL-terminated, free() it) and its size into
 * *len when its name ends with suffix (any case), it is not empty and not larger than
 * limit bytes; *file_name gets the name it was sent with (without a directory part)
 * or "". Returns NULL, or the key (Lang.Errors) of what is wrong: "required",
 * "file_type", "file_empty", "file_too_large" or "out_of_memory". */
const char *upload_read_whole(struct ctx *c, const char *field, const char *suffix, long limit,
                              char **data, size_t *len, const char **file_name);

#endif
