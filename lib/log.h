/* log.h - one key=value line per event on stderr. */
#ifndef LOG_H
#define LOG_H

/* Writes "time=... level=error msg=..." with printf-style formatting. */
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The per-request line of design.md, with the request's cost in the database: the number
 * of statements and the time spent in them. */
void log_request(const char *request_id, const char *method, const char *path, int status,
                 double duration_ms, long user_id, long org_id, long statements, double db_ms);

#endif
