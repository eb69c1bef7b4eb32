/* tenants.c - builds the isolation tests' world of organisations (see tenants.h) in one
 * statement block as the database owner, so that no policy under test helps build it. */
#include "tenants.h"

#include "auth.h"
#include "testlib.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char tenants_password[] = "a tenant's password 4711";

static const char letters[TENANT_COUNT] = {'P', 'G', 'H', 'S', 'Q', 'R'};

char tenant_letter(enum tenant who)
{
    return letters[who];
}

/* Reads the tag and the password hash from settings made just before it. */
static const char world_sql[] =
    "DO $world$\n"
    "DECLARE\n"
    "  tag text := current_setting('tenants.tag');\n"
    "  hash text := current_setting('tenants.hash');\n"
    "  letter text; org bigint; usr bigint; ids jsonb := '{}';\n"
    "  q bigint; item bigint; camp bigint; a bigint; inc bigint; u_s bigint; rapid bigint;\n"
    "BEGIN\n"
    "  FOREACH letter IN ARRAY ARRAY['P', 'G', 'H', 'S', 'Q', 'R'] LOOP\n"
    "    INSERT INTO organisations (name) VALUES ('Isolation ' || letter || ' ' || tag)\n"
    "      RETURNING id INTO org;\n"
    "    INSERT INTO users (email, display_name, password_hash)\n"
    "      VALUES (lower(letter) || '.' || tag || '@tenants.example', 'Member ' || letter, hash)\n"
    "      RETURNING id INTO usr;\n"
    "    INSERT INTO memberships (user_id, org_id, role) SELECT usr, org, r FROM\n"
    "      unnest(ARRAY['org_admin', 'assessor', 'reviewer', 'coordinator',\n"
    "                   'incident_reporter']) r;\n"
    "    ids := ids || jsonb_build_object(letter, org, 'user' || letter, usr);\n"
    "  END LOOP;\n"
    "  INSERT INTO org_relations (parent_id, child_id, kind) VALUES\n"
    "    ((ids->>'P')::bigint, (ids->>'G')::bigint, 'group_company'),\n"
    "    ((ids->>'P')::bigint, (ids->>'H')::bigint, 'group_company'),\n"
    "    ((ids->>'P')::bigint, (ids->>'S')::bigint, 'supplier'),\n"
    "    ((ids->>'Q')::bigint, (ids->>'S')::bigint, 'supplier');\n"
    /* P's rapid advisory campaign asking G and S, both answered */
    "  INSERT INTO rapid_campaigns (org_id, cve, title, deadline, created_by)\n"
    "    VALUES ((ids->>'P')::bigint, 'CVE-2021-44228', 'ISOLEAK-' || tag || '-P rapid',\n"
    "            now() + interval '1 day', (ids->>'userP')::bigint) RETURNING id INTO rapid;\n"
    "  INSERT INTO rapid_requests (campaign_id, org_id, answer, notes, answered_by,\n"
    "                              answered_at)\n"
    "    SELECT rapid, (ids->>l)::bigint, 'affected', 'ISOLEAK-' || tag || '-' || l\n"
    "           || ' rapid answer', (ids->>('user' || l))::bigint, now()\n"
    "      FROM unnest(ARRAY['G', 'S']) l;\n"
    /* P's questionnaire and campaign, answered by G and S; P assesses itself too */
    "  INSERT INTO questionnaires (owner_org_id, edition_id, title, created_by)\n"
    "    SELECT (ids->>'P')::bigint, min(id), 'ISOLEAK-' || tag || '-P questionnaire',\n"
    "           (ids->>'userP')::bigint FROM catalogue_editions RETURNING id INTO q;\n"
    "  INSERT INTO questionnaire_items (questionnaire_id, position, kind, question, answer_type)\n"
    "    VALUES (q, 1, 'custom', 'ISOLEAK-' || tag || '-P question', 'text')\n"
    "    RETURNING id INTO item;\n"
    "  UPDATE questionnaires SET frozen_at = now() WHERE id = q;\n"
    "  INSERT INTO campaigns (owner_org_id, questionnaire_id, title, due_date, created_by)\n"
    "    VALUES ((ids->>'P')::bigint, q, 'ISOLEAK-' || tag || '-P campaign',\n"
    "            current_date + 30, (ids->>'userP')::bigint) RETURNING id INTO camp;\n"
    "  FOREACH letter IN ARRAY ARRAY['P', 'G', 'S'] LOOP\n"
    "    org := (ids->>letter)::bigint; usr := (ids->>('user' || letter))::bigint;\n"
    "    INSERT INTO assessments (org_id, questionnaire_id, campaign_id, created_by)\n"
    "      VALUES (org, q, CASE WHEN letter = 'P' THEN NULL ELSE camp END, usr)\n"
    "      RETURNING id INTO a;\n"
    "    INSERT INTO evidence_files (assessment_id, item_id, file_name, content_type,\n"
    "                                size_bytes, data, uploaded_by)\n"
    "      VALUES (a, item, 'ISOLEAK-' || tag || '-' || letter || ' evidence.txt',\n"
    "              'text/plain', 24, convert_to('ISOLEAK-' || tag || '-' || letter, 'UTF8'),\n"
    "              usr);\n"
    "    INSERT INTO incidents (org_id, title, detected_at, description, category, severity,\n"
    "                           tlp, reported_by, actions_taken, assets_information,\n"
    "                           impact_confidentiality)\n"
    "      VALUES (org, CASE WHEN letter = 'S' THEN 'ISOSHOWN-' ELSE 'ISOLEAK-' END || tag\n"
    "                   || '-' || letter || ' incident',\n"
    "              now() - interval '1 hour', 'ISOLEAK-' || tag || '-' || letter || ' "
    "description',\n"
    "              'compromise_of_information', 'warning', 'amber', usr,\n"
    "              CASE WHEN letter = 'S' THEN 'ISOSHOWN-' ELSE 'ISOLEAK-' END || tag\n"
    "                || '-' || letter || ' actions',\n"
    "              'ISOLEAK-' || tag || '-' || letter || ' assets',\n"
    "              'ISOLEAK-' || tag || '-' || letter || ' impact') RETURNING id INTO inc;\n"
    "    INSERT INTO notification_obligations (incident_id, regime, report, due_at, sent_body)\n"
    "      VALUES (inc, 'nis2', 'early_warning', now() + interval '23 hours',\n"
    "              'ISOLEAK-' || tag || '-' || letter || ' obligation');\n"
    "    INSERT INTO events (org_id, reporter_name, reporter_email, what_occurred,\n"
    "                        detected_at, created_by)\n"
    "      VALUES (org, 'ISOLEAK-' || tag || '-' || letter || ' reporter',\n"
    "              'reporter@tenants.example', 'ISOLEAK-' || tag || '-' || letter || ' event',\n"
    "              now() - interval '2 hours', usr);\n"
    "    INSERT INTO vulnerabilities (org_id, reporter_name, reporter_email, description,\n"
    "                                 location, created_by)\n"
    "      VALUES (org, 'ISOLEAK-' || tag || '-' || letter || ' finder',\n"
    "              'finder@tenants.example', 'ISOLEAK-' || tag || '-' || letter || ' weakness',\n"
    "              'ISOLEAK-' || tag || '-' || letter || ' location', usr);\n"
    "    INSERT INTO outbox (org_id, channel, address, incident_id, kind, payload, state,\n"
    "                        delivered_at)\n"
    "      VALUES (org, 'smtp', 'isoleak-' || lower(letter) || '@tenants.example', inc,\n"
    "              'incident_alert', jsonb_build_object('subject', 'ISOLEAK-' || tag || '-'\n"
    "                || letter || ' delivery'), 'delivered', now());\n"
    "    INSERT INTO advisories (org_id, publisher_namespace, publisher_name, tracking_id,\n"
    "                            version, title, tlp, current_release_date, document,\n"
    "                            imported_by)\n"
    "      VALUES (org, 'https://tenants.example', 'ISOLEAK-' || tag || '-' || letter\n"
    "                || ' publisher', 'ISOLEAK-' || tag || '-' || letter || ' advisory', '1',\n"
    "              'ISOLEAK-' || tag || '-' || letter || ' advisory title', 'green', now(),\n"
    "              '{}', usr);\n"
    /* an advisory feed, never due (the suite's forwarder leaves it alone) */
    "    INSERT INTO advisory_feeds (org_id, kind, url, created_by, next_poll_at)\n"
    "      VALUES (org, 'csaf', 'https://tenants.example/ISOLEAK-' || tag || '-' || letter\n"
    "                || '/provider-metadata.json', usr, 'infinity');\n"
    /* a MISP event its feed brought (schema/055) */
    "    INSERT INTO misp_events (org_id, uuid, info, event_timestamp, tlp, threat_level,\n"
    "                             event, imported_by)\n"
    "      VALUES (org, gen_random_uuid(), 'ISOLEAK-' || tag || '-' || letter || ' misp event',\n"
    "              1, 'green', 4, '{}', usr);\n"
    /* an improvement action (its overseers may read it: no leak marker) */
    "    INSERT INTO planned_actions (org_id, title, owner_name, due_date, created_by)\n"
    "      VALUES (org, 'Tenant action ' || tag || '-' || letter, 'Owner', '2027-01-31', usr);\n"
    /* an API token (only its person and the organisation's administrators see it) */
    "    INSERT INTO api_tokens (user_id, org_id, name, token_hash, scopes, expires_at)\n"
    "      VALUES (usr, org, 'ISOLEAK-' || tag || '-' || letter || ' token',\n"
    "              sha256(convert_to('tenant token ' || tag || letter, 'UTF8')),\n"
    "              ARRAY['assessments:read'], now() + interval '1 day');\n"
    "    IF letter = 'S' THEN\n"
    "      INSERT INTO incident_customers (incident_id, customer_org_id, fields, chosen_by)\n"
    "        VALUES (inc, (ids->>'P')::bigint, ARRAY['actions'], usr);\n"
    "    END IF;\n"
    "  END LOOP;\n"
    "  PERFORM set_config('tenants.ids', ids::text, false);\n"
    "END\n"
    "$world$";

void tenants_build(PGconn *owner, struct tenants *t)
{
    ck_assert_int_eq(auth_init(), 0);
    memset(t, 0, sizeof *t);
    char tag[16];
    snprintf(tag, sizeof tag, "%08x", (unsigned)randombytes_random());
    memcpy(t->tag, tag, sizeof tag);
    char hash[AUTH_PWHASH_TEXT];
    ck_assert_int_eq(auth_password_hash(tenants_password, hash), 0);
    const char *settings[] = {tag, hash};
    free(test_db_value(owner,
                       "SELECT set_config('tenants.tag', $1, false) || "
                       "set_config('tenants.hash', $2, false)",
                       2, settings));
    PGresult *r = PQexec(owner, world_sql);
    ck_assert_msg(PQresultStatus(r) == PGRES_COMMAND_OK, "building the tenants' world: %s",
                  PQerrorMessage(owner));
    PQclear(r);
    for (int who = 0; who < TENANT_COUNT; who++) {
        char key[2] = {letters[who], '\0'}, user_key[8];
        snprintf(user_key, sizeof user_key, "user%c", letters[who]);
        const char *p[] = {key, user_key};
        char *ids = test_db_value(owner,
                                  "SELECT (current_setting('tenants.ids')::jsonb->>$1) || ' ' || "
                                  "(current_setting('tenants.ids')::jsonb->>$2)",
                                  2, p);
        ck_assert_int_eq(sscanf(ids, "%23s %23s", t->org_id[who], t->user_id[who]), 2);
        free(ids);
        snprintf(t->email[who], sizeof t->email[who], "%c.%s@tenants.example",
                 letters[who] - 'A' + 'a', tag);
        snprintf(t->leak_marker[who], sizeof t->leak_marker[who], "ISOLEAK-%s-%c", tag,
                 letters[who]);
    }
    snprintf(t->shown_marker, sizeof t->shown_marker, "ISOSHOWN-%s-S", tag);
}

struct http *tenants_signed_in(const struct tenants *t, enum tenant who)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, t->email[who], tenants_password), 303);
    return h;
}
