/* handler_misp_event.c - one MISP event taken in from a MISP feed (issue 11, part 1;
 * schema/055, lib/misp_feed_poll.c): GET /misp-events/:id shows its title, creator, date,
 * TLP, threat level, CVEs, attribute counts per type and every revision of it taken in (a
 * newer one supersedes; the older stay readable). Read only by the members of the
 * organisation whose feed brought it (row-level security, and the handler checks the
 * same); anyone else gets 404. The list of events is on the advisories page
 * (handler_advisory.c). */
#include "portal.h"
#include "view.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Columns of the event's statement. */
enum misp_event_column {
    MEC_ORG_ID,
    MEC_UUID,
    MEC_INFO,
    MEC_PUBLISHER,
    MEC_DATE,
    MEC_REVISION,
    MEC_TLP,
    MEC_THREAT_LEVEL,
    MEC_CVES,
    MEC_COUNTS,
    MEC_ATTRIBUTES,
    MEC_SUPERSEDED_BY,
    MEC_ORG,
    MEC_IMPORTED,
    MEC_FEED_ID,
};
/* Columns of its revisions' statement. */
enum misp_revision_column { MRC_ID, MRC_REVISION, MRC_IMPORTED, MRC_SUPERSEDED };

/* What the event's page shows. */
struct misp_page {
    PGresult *event;     /* enum misp_event_column, one row */
    PGresult *revisions; /* enum misp_revision_column, newest first */
};

static void misp_page_free(struct misp_page *m)
{
    if (m->event)
        PQclear(m->event);
    if (m->revisions)
        PQclear(m->revisions);
}

/* Returns 200, 404 (none, or not one of the user's organisations') or 500. */
static int misp_page_load(struct ctx *c, struct misp_page *m)
{
    memset(m, 0, sizeof *m);
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id};
    if (db_exec(c->db, &m->event,
                "SELECT e.org_id, e.uuid::text, e.info, e.publisher, "
                "  coalesce(to_char(e.event_date, 'YYYY-MM-DD'), ''), "
                "  to_char(to_timestamp(e.event_timestamp) AT TIME ZONE 'UTC', "
                "    'YYYY-MM-DD HH24:MI:SS'), "
                "  e.tlp, e.threat_level, array_to_string(e.cves, ' '), "
                "  e.attribute_counts::text, e.attributes, coalesce(e.superseded_by, 0), o.name, "
                "  to_char(e.imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  coalesce(e.feed_id, 0) "
                "FROM misp_events e JOIN organisations o ON o.id = e.org_id "
                "WHERE e.id = $1::bigint",
                1, p) != DB_OK)
        return 500;
    if (PQntuples(m->event) != 1)
        return 404;
    /* row-level security and the handler agree: the user is a member there */
    if (!session_org(c->sess, db_long(m->event, 0, MEC_ORG_ID), ROLE_ANY_MEMBER))
        return 404;
    const char *q[] = {db_text(m->event, 0, MEC_ORG_ID), db_text(m->event, 0, MEC_UUID)};
    if (db_exec(c->db, &m->revisions,
                "SELECT id, to_char(to_timestamp(event_timestamp) AT TIME ZONE 'UTC', "
                "    'YYYY-MM-DD HH24:MI:SS'), "
                "  to_char(imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  superseded_by IS NOT NULL "
                "FROM misp_events WHERE org_id = $1::bigint AND uuid = $2::uuid "
                "ORDER BY event_timestamp DESC LIMIT 100",
                2, q) != DB_OK)
        return 500;
    return 200;
}

/* The attribute counts ({"type": n}) as Attributes.N.{Type,Count}, most first. */
static void counts_to_hdf(struct ctx *c, const char *counts)
{
    json_t *doc = json_loads(counts, 0, NULL);
    size_t n = json_object_size(doc), k = 0;
    const char **types = calloc(n ? n : 1, sizeof *types);
    const char *type;
    json_t *v;
    json_object_foreach(doc, type, v)
    {
        if (!types)
            break;
        /* insertion by count, most first, then by name */
        size_t at = k;
        while (at > 0) {
            json_int_t prev = json_integer_value(json_object_get(doc, types[at - 1]));
            json_int_t mine = json_integer_value(v);
            if (prev > mine || (prev == mine && strcmp(types[at - 1], type) < 0))
                break;
            types[at] = types[at - 1];
            at--;
        }
        types[at] = type;
        k++;
    }
    for (size_t i = 0; types && i < k; i++) {
        char key[48];
        snprintf(key, sizeof key, "Attributes.%zu.Type", i);
        view_set(c->req->hdf, key, types[i]);
        snprintf(key, sizeof key, "Attributes.%zu.Count", i);
        view_set_int(c->req->hdf, key, (long)json_integer_value(json_object_get(doc, types[i])));
    }
    free(types);
    json_decref(doc);
}

static void misp_page_to_hdf(struct ctx *c, const struct misp_page *m)
{
    static const struct {
        const char *name;
        enum misp_event_column col;
    } cols[] = {{"OrgId", MEC_ORG_ID},
                {"Uuid", MEC_UUID},
                {"Info", MEC_INFO},
                {"Publisher", MEC_PUBLISHER},
                {"Date", MEC_DATE},
                {"Revision", MEC_REVISION},
                {"ThreatLevel", MEC_THREAT_LEVEL},
                {"AttributesTotal", MEC_ATTRIBUTES},
                {"SupersededBy", MEC_SUPERSEDED_BY},
                {"Org", MEC_ORG},
                {"Imported", MEC_IMPORTED},
                {"FeedId", MEC_FEED_ID}};
    HDF *ev;
    if (hdf_get_node(c->req->hdf, "Misp", &ev) != STATUS_OK)
        return;
    for (size_t k = 0; k < sizeof cols / sizeof *cols; k++)
        view_set(ev, cols[k].name, db_text(m->event, 0, (int)cols[k].col));
    view_set_int(ev, "Id", c->id);
    /* MISP's amber+strict: a name HDF and CSS take */
    char tlp[16];
    snprintf(tlp, sizeof tlp, "%s", db_text(m->event, 0, MEC_TLP));
    for (char *p = tlp; *p; p++)
        if (*p == '+')
            *p = '_';
    view_set(ev, "Tlp", tlp);
    char cves[8192];
    snprintf(cves, sizeof cves, "%s", db_text(m->event, 0, MEC_CVES));
    int i = 0;
    for (char *w = strtok(cves, " "); w; w = strtok(NULL, " ")) {
        char key[32];
        snprintf(key, sizeof key, "Cves.%d", i++);
        view_set(ev, key, w);
    }
    counts_to_hdf(c, db_text(m->event, 0, MEC_COUNTS));
    static const char *const names[] = {
        [MRC_ID] = "Id",
        [MRC_REVISION] = "Revision",
        [MRC_IMPORTED] = "Imported",
        [MRC_SUPERSEDED] = "Superseded",
    };
    portal_rows(c, "Revisions", m->revisions, names, (int)(sizeof names / sizeof *names));
    portal_page(c, "advisory/misp_event.cs", "misp_event");
}

int handle_misp_event_show(struct ctx *c)
{
    struct misp_page m;
    int status = misp_page_load(c, &m);
    if (status == 200)
        misp_page_to_hdf(c, &m);
    misp_page_free(&m);
    return status;
}
