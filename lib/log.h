/* log.h - one key=value line per event on stderr. */
#ifndef LOG_H
#define LOG_H

/* Writes "time=... level=error msg=..." with printf-style formatting. */
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The per-request line of design.md. */
void log_request(const char *request_id, const char *method, const char *path, int status,
                 double duration_ms, long user_id, long org_id);

#endif
