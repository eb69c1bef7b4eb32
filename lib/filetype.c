/* filetype.c - the accepted evidence types: documents, spreadsheets, images, text. */
#include "filetype.h"

#include <string.h>
#include <strings.h>

static const struct {
    const char *ext;
    const char *type;
} accepted[] = {
    {"pdf", "application/pdf"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"txt", "text/plain; charset=utf-8"},
    {"csv", "text/csv; charset=utf-8"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    {"odt", "application/vnd.oasis.opendocument.text"},
    {"ods", "application/vnd.oasis.opendocument.spreadsheet"},
    {"zip", "application/zip"},
};

const char *filetype_base_name(const char *file_name)
{
    const char *base = file_name;
    for (const char *p = file_name; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    return base;
}

const char *filetype_for_name(const char *file_name)
{
    const char *base = filetype_base_name(file_name);
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base)
        return NULL;
    for (size_t i = 0; i < sizeof accepted / sizeof accepted[0]; i++)
        if (strcasecmp(dot + 1, accepted[i].ext) == 0)
            return accepted[i].type;
    return NULL;
}
