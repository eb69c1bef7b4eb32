/* mail.h - e-mail the portal sends (invitations, reminders, alerts by mail): the outbox
 * payload and the RFC 5322 message built from it. Pure. */
#ifndef MAIL_H
#define MAIL_H

#include <time.h>

/* The outbox payload of a mail: {"to":..., "subject":..., "text":...} (malloc'd JSON),
 * or NULL when a field is NULL or not valid UTF-8. */
char *mail_payload(const char *to, const char *subject, const char *text);

/* Builds the message for payload_json: From, To, Subject (RFC 2047 encoded when not
 * ASCII), Date, Message-ID <message_id@domain of from>, MIME headers for UTF-8 plain
 * text, CRLF line ends. Line breaks are removed from header values. *to receives the
 * recipient (malloc'd). Returns the malloc'd message, or NULL on a malformed payload. */
char *mail_format(const char *payload_json, const char *from, const char *message_id, time_t now,
                  char **to);

#endif
