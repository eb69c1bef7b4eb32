/* home.c - the loader of the start page: the work of each role the signed-in user holds
 * (home.h), one statement per part, each read as the user through row-level security and
 * limited further to the organisations where the user holds the part's roles. Every count
 * walks an index of just the rows it counts (schema/035), and stops past HOME_COUNT_CAP:
 * each statement takes the first HOME_COUNT_CAP + 1 rows in the page's order, counts those
 * and lists the first HOME_ROWS of them (a parent's coordinator with half a million open
 * reports of its own waited 1.7 s for the exact number). */
#include "home.h"
#include "obligations.h"
#include "rapid.h"

#include <stdio.h>
#include <string.h>

#define HOME_TEXT(x) #x
#define HOME_TEXT_OF(x) HOME_TEXT(x)
#define HOME_LIMIT HOME_TEXT_OF(HOME_ROWS)
#define HOME_COUNTED "(" HOME_TEXT_OF(HOME_COUNT_CAP) " + 1)"

/* The organisations where the user holds one of roles, as a PostgreSQL array literal. */
static void orgs_with(const struct ctx *c, unsigned roles, char *buf, size_t len)
{
    size_t n = (size_t)snprintf(buf, len, "{");
    for (int i = 0; i < c->sess->n_orgs && n < len; i++)
        if (c->sess->orgs[i].roles & roles)
            n += (size_t)snprintf(buf + n, len - n, "%s%ld", n > 1 ? "," : "",
                                  c->sess->orgs[i].org_id);
    if (n < len)
        snprintf(buf + n, len - n, "}");
}

/* Runs sql with the organisations holding roles as $1 into *res. */
static int home_query(struct ctx *c, unsigned roles, const char *sql, PGresult **res)
{
    char orgs[4096];
    orgs_with(c, roles, orgs, sizeof orgs);
    const char *p[] = {orgs};
    return db_exec(c->db, res, sql, 1, p) == DB_OK ? 0 : -1;
}

static int assess_load(struct ctx *c, struct home_work *w)
{
    return home_query(
        c, ROLES_EDITORS,
        "SELECT id, org, title, status, due, overdue, to_fix, count(*) OVER (), "
        "  count(*) FILTER (WHERE overdue) OVER (), "
        "  count(*) FILTER (WHERE status = 'returned') OVER () "
        "FROM (SELECT a.id, o.name AS org, coalesce(cp.title, q.title) AS title, a.status, "
        "  coalesce(to_char(cp.due_date, 'YYYY-MM-DD'), '') AS due, "
        "  coalesce(cp.due_date < current_date, false) AS overdue, "
        "  (SELECT count(*) FROM returned_items r WHERE r.assessment_id = a.id "
        "    AND r.resolved_at IS NULL AND a.status = 'returned') AS to_fix, "
        "  a.status = 'returned' AS s1, cp.due_date AS s2, a.updated_at AS s3 "
        "  FROM assessments a JOIN organisations o ON o.id = a.org_id "
        "  JOIN questionnaires q ON q.id = a.questionnaire_id "
        "  LEFT JOIN campaigns cp ON cp.id = a.campaign_id "
        "  WHERE a.org_id = ANY ($1::bigint[]) AND a.status IN ('draft', 'returned') "
        "  ORDER BY s1 DESC, s2 NULLS LAST, s3 DESC LIMIT " HOME_COUNTED ") w "
        "ORDER BY s1 DESC, s2 NULLS LAST, s3 DESC LIMIT " HOME_LIMIT,
        &w->assess);
}

/* What the reviewing side may return or accept (policy assessments_review). */
static int review_load(struct ctx *c, struct home_work *w)
{
    return home_query(
        c, ROLES_MANAGERS,
        "SELECT id, org, title, submitted, count(*) OVER () "
        "FROM (SELECT a.id, o.name AS org, coalesce(cp.title, q.title) AS title, "
        "  coalesce(to_char(a.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), '') "
        "    AS submitted, a.submitted_at AS s1 "
        "  FROM assessments a JOIN organisations o ON o.id = a.org_id "
        "  JOIN questionnaires q ON q.id = a.questionnaire_id "
        "  LEFT JOIN campaigns cp ON cp.id = a.campaign_id "
        "  WHERE a.status = 'submitted' AND ((cp.owner_org_id = ANY ($1::bigint[])) "
        "    OR (a.campaign_id IS NULL AND a.org_id IN (SELECT app.overseen_orgs()))) "
        "  ORDER BY a.submitted_at NULLS LAST, a.id LIMIT " HOME_COUNTED ") w "
        "ORDER BY s1 NULLS LAST, id LIMIT " HOME_LIMIT,
        &w->review);
}

static int campaigns_load(struct ctx *c, struct home_work *w)
{
    return home_query(c, ROLES_MANAGERS,
                      "SELECT cp.id, cp.title, to_char(cp.due_date, 'YYYY-MM-DD'), "
                      "  cp.due_date < current_date, count(*), "
                      "  count(*) FILTER (WHERE app.assessment_answered(a.id) > 0), "
                      "  count(*) FILTER (WHERE a.status = 'submitted'), "
                      "  count(*) FILTER (WHERE a.status = 'accepted') "
                      "FROM campaigns cp JOIN assessments a ON a.campaign_id = cp.id "
                      "WHERE cp.owner_org_id = ANY ($1::bigint[]) "
                      "GROUP BY cp.id HAVING count(*) FILTER (WHERE a.status <> 'accepted') > 0 "
                      "ORDER BY cp.due_date, cp.id LIMIT " HOME_LIMIT,
                      &w->campaigns);
}

/* The point of contact decides (policy events_decide): the organisation's coordinators
 * and administrators, and the parent's overseers of a group company. */
static int events_load(struct ctx *c, struct home_work *w)
{
    return home_query(
        c, ROLES_COORDINATORS,
        "SELECT id, number, org, what, reported, count(*) OVER () "
        "FROM (SELECT e.id, e.number, o.name AS org, left(e.what_occurred, 120) AS what, "
        "  to_char(e.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS reported, "
        "  e.reported_at AS s1 "
        "  FROM events e JOIN organisations o ON o.id = e.org_id "
        "  WHERE e.status = 'reported' AND e.org_id IN (SELECT unnest($1::bigint[]) "
        "    UNION SELECT app.overseen_group_companies()) "
        "  ORDER BY e.reported_at, e.id LIMIT " HOME_COUNTED ") w "
        "ORDER BY s1, id LIMIT " HOME_LIMIT,
        &w->events);
}

/* Those who may send a failed delivery again (policy outbox_retry). */
static int failed_load(struct ctx *c, struct home_work *w)
{
    return home_query(
        c, ROLES_COORDINATORS,
        "SELECT id, incident_id, number, recipient, failed, count(*) OVER () "
        "FROM (SELECT x.id, coalesce(i.id, 0) AS incident_id, coalesce(i.number, '') AS number, "
        "  coalesce(r.name, x.address, '') AS recipient, "
        "  to_char(x.failed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS failed, "
        "  x.failed_at AS s1 "
        "  FROM outbox x LEFT JOIN incidents i ON i.id = x.incident_id "
        "  LEFT JOIN recipients r ON r.id = x.recipient_id "
        "  WHERE x.state = 'failed' AND x.recipient_org_id = ANY ($1::bigint[]) "
        "  ORDER BY x.failed_at DESC, x.id DESC LIMIT " HOME_COUNTED ") w "
        "ORDER BY s1 DESC, id DESC LIMIT " HOME_LIMIT,
        &w->failed);
}

static int reports_load(struct ctx *c, struct home_work *w)
{
    char uid[24];
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *p[] = {uid};
    return db_exec(c->db, &w->reports,
                   "SELECT kind, id, number, what, status, "
                   "  to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), count(*) OVER () "
                   /* each kind's newest from its own index, then the newest of both:
                    * over the union as one, the planner sorted every open report */
                   "FROM (SELECT * FROM ((SELECT 'event' AS kind, e.id, e.number, "
                   "    left(e.what_occurred, 120) AS what, e.status, e.reported_at AS at "
                   "    FROM events e WHERE e.created_by = $1::bigint AND e.status = 'reported' "
                   "    ORDER BY e.reported_at DESC, e.id DESC LIMIT " HOME_COUNTED ") "
                   "    UNION ALL "
                   "    (SELECT 'incident', i.id, i.number, i.title, i.status, i.created_at "
                   "      FROM incidents i WHERE i.reported_by = $1::bigint "
                   "       AND i.status IN ('open', 'responding') "
                   "     ORDER BY i.created_at DESC, i.id DESC LIMIT " HOME_COUNTED ")) own "
                   "  ORDER BY at DESC, id DESC LIMIT " HOME_COUNTED ") w "
                   "ORDER BY at DESC, id DESC LIMIT " HOME_LIMIT,
                   1, p) == DB_OK
               ? 0
               : -1;
}

static int rapid_load(struct ctx *c, struct home_work *w)
{
    return home_query(c, ROLES_RAPID_ANSWER,
                      "SELECT id, cve, title, asker, org, deadline, passed, count(*) OVER () "
                      "FROM (SELECT q.id, c.cve, c.title, asker.name AS asker, o.name AS org, "
                      "  to_char(c.deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS deadline, "
                      "  c.deadline < now() AS passed, c.deadline AS s1 "
                      "  FROM rapid_requests q JOIN rapid_campaigns c ON c.id = q.campaign_id "
                      "  JOIN organisations o ON o.id = q.org_id "
                      "  JOIN organisations asker ON asker.id = c.org_id "
                      "  WHERE q.org_id = ANY ($1::bigint[]) AND q.answer IS NULL "
                      "  ORDER BY c.deadline, q.id LIMIT " HOME_COUNTED ") w "
                      "ORDER BY s1, id LIMIT " HOME_LIMIT,
                      &w->rapid);
}

int home_load(struct ctx *c, struct home_work *w)
{
    memset(w, 0, sizeof *w);
    for (int i = 0; i < c->sess->n_orgs; i++)
        w->roles |= c->sess->orgs[i].roles;
    if ((w->roles & ROLES_EDITORS) && assess_load(c, w) != 0)
        return 500;
    if ((w->roles & ROLES_MANAGERS) && (review_load(c, w) != 0 || campaigns_load(c, w) != 0))
        return 500;
    if ((w->roles & ROLES_COORDINATORS) &&
        (events_load(c, w) != 0 || obligation_queue_load(c, HOME_ROWS, &w->clocks) != 200 ||
         failed_load(c, w) != 0))
        return 500;
    if ((w->roles & ROLES_REPORTERS) && reports_load(c, w) != 0)
        return 500;
    if ((w->roles & ROLES_RAPID_ANSWER) && rapid_load(c, w) != 0)
        return 500;
    return 200;
}

void home_free(struct home_work *w)
{
    PGresult **all[] = {&w->assess, &w->review, &w->campaigns, &w->events,
                        &w->clocks, &w->failed, &w->reports,   &w->rapid};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        if (*all[i])
            PQclear(*all[i]);
        *all[i] = NULL;
    }
}
