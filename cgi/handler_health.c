/* handler_health.c - GET /healthz, the health check nginx and scripts poll: 200 with a
 * plain-text body when the database answers, 503 when it does not. */
#include "portal.h"

int handle_health(struct ctx *c)
{
    if (db_exec(c->db, NULL, "SELECT 1", 0, NULL) != DB_OK)
        return 503;
    c->resp->content_type = "text/plain; charset=utf-8";
    c->resp->template = "health.cs";
    return 200;
}
