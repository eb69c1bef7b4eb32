/* mail.c - mail payloads and RFC 5322 messages. */
#include "mail.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *mail_payload(const char *to, const char *subject, const char *text)
{
    json_t *doc = json_pack("{s:s, s:s, s:s}", "to", to, "subject", subject, "text", text);
    if (!doc)
        return NULL;
    char *s = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(doc);
    return s;
}

/* A header value on one line: CR and LF become spaces. */
static char *one_line(const char *s)
{
    char *out = strdup(s);
    for (char *p = out; p && *p; p++)
        if (*p == '\r' || *p == '\n')
            *p = ' ';
    return out;
}

static int is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

/* "=?UTF-8?B?...?=" for a non-ASCII subject; an ASCII one on one line. */
static char *encode_subject(const char *subject)
{
    if (is_ascii(subject))
        return one_line(subject);
    size_t len = strlen(subject);
    size_t b64 = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
    char *out = malloc(b64 + 16);
    if (!out)
        return NULL;
    strcpy(out, "=?UTF-8?B?");
    sodium_bin2base64(out + 10, b64, (const unsigned char *)subject, len,
                      sodium_base64_VARIANT_ORIGINAL);
    strcat(out, "?=");
    return out;
}

/* The text with every line ending as CRLF. */
static char *crlf_text(const char *text)
{
    size_t n = 0;
    for (const char *p = text; *p; p++)
        n += *p == '\n' ? 2 : 1;
    char *out = malloc(n + 3);
    if (!out)
        return NULL;
    char *o = out;
    for (const char *p = text; *p; p++) {
        if (*p == '\r')
            continue;
        if (*p == '\n')
            *o++ = '\r';
        *o++ = *p;
    }
    *o = '\0';
    return out;
}

char *mail_format(const char *payload_json, const char *from, const char *message_id, time_t now,
                  char **to)
{
    *to = NULL;
    json_t *doc = json_loads(payload_json, 0, NULL);
    const char *t = json_string_value(json_object_get(doc, "to"));
    const char *subject = json_string_value(json_object_get(doc, "subject"));
    const char *text = json_string_value(json_object_get(doc, "text"));
    if (!t || !subject || !text || strchr(t, '\n') || strchr(t, '\r') || !strchr(t, '@')) {
        json_decref(doc);
        return NULL;
    }
    const char *at = strchr(from, '@');
    char date[64];
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    char *fline = one_line(from), *subj = encode_subject(subject), *body = crlf_text(text);
    char *msg = NULL;
    if (fline && subj && body) {
        size_t size =
            strlen(fline) + strlen(t) + strlen(subj) + strlen(body) + strlen(message_id) + 512;
        msg = malloc(size);
        if (msg)
            snprintf(msg, size,
                     "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\n"
                     "Message-ID: <%s@%s>\r\nMIME-Version: 1.0\r\n"
                     "Content-Type: text/plain; charset=utf-8\r\n"
                     "Content-Transfer-Encoding: 8bit\r\n\r\n%s\r\n",
                     fline, t, subj, date, message_id, at ? at + 1 : "localhost", body);
        *to = msg ? strdup(t) : NULL;
    }
    free(fline);
    free(subj);
    free(body);
    json_decref(doc);
    return msg;
}
