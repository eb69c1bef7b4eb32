/* rapid_board.c - the parent's live board of a rapid advisory campaign (rapid.h): how many
 * answered affected, not affected, investigating, how many are silent and overdue, and per
 * organisation its answer with the time it took, sortable (GET /rapid/:id?sort=); and the
 * same as CSV and JSON (GET /rapid/:id/board.csv, /rapid/:id/board.json) and its counts
 * as a STIX report to a recipient (POST /rapid/:id/share, rapid_share.c). One loader feeds
 * the page, both exports and the share. Only the asking organisation's overseers see it; a
 * respondent sees its own request only (handler_rapid_answer.c). */
#include "csv.h"
#include "form.h"
#include "rapid.h"
#include "share_format.h"
#include "view.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Columns of the campaign's statement. */
enum board_campaign_column {
    BCC_ID,
    BCC_ORG_ID,
    BCC_ORG,
    BCC_CVE,
    BCC_TITLE,
    BCC_ADVISORY_ID,
    BCC_DEADLINE,
    BCC_OVERDUE,
    BCC_REMIND_HOURS,
    BCC_STARTED,
    BCC_COUNT,
};

/* Columns of the statement of its requests, one per organisation asked. */
enum board_request_column {
    BRC_ID,
    BRC_ORG,
    BRC_KIND,
    BRC_ANSWER, /* "" while unanswered */
    BRC_PRODUCTS,
    BRC_MITIGATIONS,
    BRC_FIX_DATE,
    BRC_CONTACT,
    BRC_NOTES,
    BRC_ANSWERED_AT,
    BRC_MINUTES, /* from the start to the first answer; "" while unanswered */
    BRC_OVERDUE,
    BRC_COUNT,
};

/* Columns of the STIX recipients the statistics may go to. */
enum board_recipient_column { BPC_ID, BPC_NAME, BPC_MAX_TLP, BPC_COUNT };

static const char *const board_sorts[] = {"org", "kind", "answer", "time", NULL};

struct rapid_board {
    PGresult *campaign;   /* enum board_campaign_column */
    PGresult *requests;   /* enum board_request_column */
    PGresult *recipients; /* enum board_recipient_column; NULL unless the user may share */
    const char *sort;     /* one of board_sorts */
    long asked, affected, not_affected, investigating, silent, overdue, mitigated;
};

static void rapid_board_free(struct rapid_board *b)
{
    if (b->campaign)
        PQclear(b->campaign);
    if (b->requests)
        PQclear(b->requests);
    if (b->recipients)
        PQclear(b->recipients);
}

/* Reads campaign c->id for an overseer of the asking organisation, its requests sorted by
 * sort, and counts the answers. Returns 200, 404 or 500. */
static int rapid_board_load(struct ctx *c, const char *sort, struct rapid_board *b)
{
    memset(b, 0, sizeof *b);
    b->sort = board_sorts[0];
    for (const char *const *s = board_sorts; sort && *s; s++)
        if (strcmp(sort, *s) == 0)
            b->sort = *s;
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id, b->sort};
    if (db_exec(c->db, &b->campaign,
                "SELECT c.id, c.org_id, o.name, c.cve, c.title, coalesce(c.advisory_id, 0), "
                "  to_char(c.deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  c.deadline < now(), c.remind_hours, "
                "  to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') "
                "FROM rapid_campaigns c JOIN organisations o ON o.id = c.org_id "
                "WHERE c.id = $1 AND c.org_id IN (SELECT app.member_orgs())",
                1, p) != DB_OK)
        return 500;
    if (PQntuples(b->campaign) != 1 ||
        !session_org(c->sess, db_long(b->campaign, 0, BCC_ORG_ID), ROLES_OVERSEERS))
        return 404; /* none, a respondent's view of it, or not the user's organisation's */
    if (db_exec(c->db, &b->requests,
                "SELECT q.id, o.name, coalesce(r.kind, ''), coalesce(q.answer, ''), "
                "  array_to_string(q.products, '; '), q.mitigations, "
                "  coalesce(to_char(q.fix_date, 'YYYY-MM-DD'), ''), q.contact, q.notes, "
                "  coalesce(to_char(q.answered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), ''), "
                "  coalesce((extract(epoch FROM q.answered_at - c.created_at) / 60)::bigint::text, "
                "           ''), "
                "  q.answer IS NULL AND c.deadline < now() "
                "FROM rapid_requests q JOIN rapid_campaigns c ON c.id = q.campaign_id "
                "JOIN organisations o ON o.id = q.org_id "
                "LEFT JOIN org_relations r ON r.parent_id = c.org_id AND r.child_id = q.org_id "
                "WHERE q.campaign_id = $1 "
                "ORDER BY CASE $2 WHEN 'kind' THEN r.kind END, "
                "  CASE $2 WHEN 'answer' THEN coalesce(q.answer, 'zz') END, "
                "  CASE $2 WHEN 'time' THEN q.answered_at - c.created_at END NULLS LAST, "
                "  o.name, q.id",
                2, p) != DB_OK)
        return 500;
    for (int i = 0; i < PQntuples(b->requests); i++) {
        const char *answer = db_text(b->requests, i, BRC_ANSWER);
        b->asked++;
        b->affected += strcmp(answer, "affected") == 0;
        b->not_affected += strcmp(answer, "not_affected") == 0;
        b->investigating += strcmp(answer, "investigating") == 0;
        b->silent += !*answer;
        b->overdue += strcmp(db_text(b->requests, i, BRC_OVERDUE), "t") == 0;
        b->mitigated +=
            strcmp(answer, "affected") == 0 && *db_text(b->requests, i, BRC_MITIGATIONS) != '\0';
    }
    const char *org = db_text(b->campaign, 0, BCC_ORG_ID);
    const char *q[] = {org};
    if (session_org(c->sess, db_long(b->campaign, 0, BCC_ORG_ID), ROLES_COORDINATORS) &&
        db_exec(c->db, &b->recipients,
                "SELECT id, name, max_tlp FROM recipients "
                "WHERE org_id = $1 AND active AND format = 'stix' ORDER BY name, id",
                1, q) != DB_OK)
        return 500;
    return 200;
}

/* ---- the page ---- */

static void rapid_board_to_hdf(struct ctx *c, const struct rapid_board *b)
{
    HDF *hdf = c->req->hdf;
    static const char *const campaign_names[BCC_COUNT] = {
        "Id",       "OrgId",    "Org",     "Cve",         "Title",
        "Advisory", "Deadline", "Overdue", "RemindHours", "Started"};
    portal_rows(c, "Board.Campaign", b->campaign, campaign_names, BCC_COUNT);
    static const char *const request_names[BRC_COUNT] = {
        "Id",      "Org",     "Kind",  "Answer",     "Products", "Mitigations",
        "FixDate", "Contact", "Notes", "AnsweredAt", "Minutes",  "Overdue"};
    portal_rows(c, "Board.Rows", b->requests, request_names, BRC_COUNT);
    for (int i = 0; i < PQntuples(b->requests); i++) {
        const char *minutes = db_text(b->requests, i, BRC_MINUTES);
        if (!*minutes)
            continue;
        char key[48], hours[32];
        snprintf(key, sizeof key, "Board.Rows.%d.Hours", i);
        view_set(hdf, key,
                 portal_number(c, strtol(minutes, NULL, 10) / 60.0, 1, hours, sizeof hours));
    }
    view_set(hdf, "Board.Sort", b->sort);
    view_set_int(hdf, "Board.Count.asked", b->asked);
    view_set_int(hdf, "Board.Count.affected", b->affected);
    view_set_int(hdf, "Board.Count.not_affected", b->not_affected);
    view_set_int(hdf, "Board.Count.investigating", b->investigating);
    view_set_int(hdf, "Board.Count.silent", b->silent);
    view_set_int(hdf, "Board.Count.overdue", b->overdue);
    view_set_int(hdf, "Board.Count.mitigated", b->mitigated);
    if (b->recipients) {
        view_set(hdf, "Board.MayShare", "1");
        static const char *const names[BPC_COUNT] = {"Id", "Name", "MaxTlp"};
        portal_rows(c, "Board.Recipients", b->recipients, names, BPC_COUNT);
    }
}

int handle_rapid_board(struct ctx *c)
{
    struct rapid_board b;
    int status = rapid_board_load(c, req_param(c->req, "sort"), &b);
    if (status == 200) {
        c->org_id = db_long(b.campaign, 0, BCC_ORG_ID);
        rapid_board_to_hdf(c, &b);
        const char *saved = req_param(c->req, "saved");
        if (saved)
            view_set(c->req->hdf, "Flash", saved);
        portal_page(c, "rapid/board.cs", "rapid_board");
    }
    rapid_board_free(&b);
    return status;
}

/* ---- the exports ---- */

/* The columns of both exports: the JSON member name, the CSV heading's Lang key, the
 * request column and, for a column holding a code, the Lang prefix of its words: the JSON
 * carries the code for programs, the CSV the words a person reads in a spreadsheet. */
static const struct {
    const char *member;
    const char *heading;
    enum board_request_column col;
    const char *words;
} export_columns[] = {
    {"organisation", "Rapid.Board.Org", BRC_ORG, NULL},
    {"relation", "Rapid.Board.Kind", BRC_KIND, "Campaign.Kind"},
    {"answer", "Rapid.Board.Answer", BRC_ANSWER, "Rapid.Answers"},
    {"products", "Rapid.Answer.Products", BRC_PRODUCTS, NULL},
    {"mitigations", "Rapid.Answer.Mitigations", BRC_MITIGATIONS, NULL},
    {"expected_fix_date", "Rapid.Answer.FixDate", BRC_FIX_DATE, NULL},
    {"contact", "Rapid.Answer.Contact", BRC_CONTACT, NULL},
    {"notes", "Rapid.Answer.Notes", BRC_NOTES, NULL},
    {"answered_at", "Rapid.Board.AnsweredAt", BRC_ANSWERED_AT, NULL},
    {"minutes_to_answer", "Rapid.Board.MinutesToAnswer", BRC_MINUTES, NULL},
    {"overdue", "Rapid.Board.Overdue", BRC_OVERDUE, NULL},
};
#define N_EXPORT_COLUMNS (sizeof export_columns / sizeof export_columns[0])

static char *board_csv(struct ctx *c, const struct rapid_board *b, size_t *len)
{
    struct csv_writer w;
    csv_writer_init(&w);
    csv_write_bom(&w);
    for (size_t k = 0; k < N_EXPORT_COLUMNS; k++)
        csv_write_field(&w, portal_word(c, export_columns[k].heading));
    csv_end_row(&w);
    for (int i = 0; i < PQntuples(b->requests); i++) {
        for (size_t k = 0; k < N_EXPORT_COLUMNS; k++) {
            const char *v = db_text(b->requests, i, (int)export_columns[k].col);
            char key[96];
            if (export_columns[k].col == BRC_OVERDUE) {
                csv_write_field(&w, strcmp(v, "t") == 0 ? "1" : "0");
            } else if (export_columns[k].words && *v) {
                snprintf(key, sizeof key, "%s.%s", export_columns[k].words, v);
                csv_write_text_field(&w, portal_word(c, key));
            } else {
                csv_write_text_field(&w, v);
            }
        }
        csv_end_row(&w);
    }
    return csv_writer_take(&w, len);
}

static char *board_json(const struct rapid_board *b, size_t *len)
{
    json_t *rows = json_array();
    for (int i = 0; rows && i < PQntuples(b->requests); i++) {
        json_t *row = json_object();
        for (size_t k = 0; row && k < N_EXPORT_COLUMNS; k++) {
            const char *v = db_text(b->requests, i, (int)export_columns[k].col);
            json_t *value;
            if (export_columns[k].col == BRC_OVERDUE)
                value = json_boolean(strcmp(v, "t") == 0);
            else if (export_columns[k].col == BRC_MINUTES)
                value = *v ? json_integer(strtol(v, NULL, 10)) : json_null();
            else if (!*v && (export_columns[k].col == BRC_ANSWER ||
                             export_columns[k].col == BRC_FIX_DATE ||
                             export_columns[k].col == BRC_ANSWERED_AT))
                value = json_null();
            else
                value = json_string(v);
            json_object_set_new(row, export_columns[k].member, value);
        }
        json_array_append_new(rows, row);
    }
    json_t *doc = json_pack(
        "{s:{s:I,s:s,s:s,s:s,s:s,s:b},s:{s:I,s:I,s:I,s:I,s:I,s:I},s:o}", "campaign", "id",
        (json_int_t)db_long(b->campaign, 0, BCC_ID), "cve", db_text(b->campaign, 0, BCC_CVE),
        "title", db_text(b->campaign, 0, BCC_TITLE), "organisation",
        db_text(b->campaign, 0, BCC_ORG), "deadline_utc", db_text(b->campaign, 0, BCC_DEADLINE),
        "overdue", strcmp(db_text(b->campaign, 0, BCC_OVERDUE), "t") == 0, "counts", "asked",
        (json_int_t)b->asked, "affected", (json_int_t)b->affected, "not_affected",
        (json_int_t)b->not_affected, "investigating", (json_int_t)b->investigating, "unanswered",
        (json_int_t)b->silent, "overdue", (json_int_t)b->overdue, "organisations", rows);
    char *text = doc ? json_dumps(doc, JSON_INDENT(2)) : NULL;
    json_decref(doc);
    *len = text ? strlen(text) : 0;
    return text;
}

/* Answers with the board as CSV (csv != 0) or JSON. */
static int rapid_board_export(struct ctx *c, int csv)
{
    struct rapid_board b;
    int status = rapid_board_load(c, req_param(c->req, "sort"), &b);
    if (status == 200) {
        c->org_id = db_long(b.campaign, 0, BCC_ORG_ID);
        size_t len = 0;
        char *body = csv ? board_csv(c, &b, &len) : board_json(&b, &len);
        char name[64];
        snprintf(name, sizeof name, "rapid-campaign-%ld.%s", c->id, csv ? "csv" : "json");
        if (!body)
            status = 500;
        else
            resp_body(c->resp, csv ? "text/csv; charset=utf-8" : "application/json", body, len,
                      name);
    }
    rapid_board_free(&b);
    return status;
}

int handle_rapid_board_csv(struct ctx *c)
{
    return rapid_board_export(c, 1);
}

int handle_rapid_board_json(struct ctx *c)
{
    return rapid_board_export(c, 0);
}

/* ---- sharing the statistics ---- */

static const char *const share_tlps[] = {"clear", "green", "amber", NULL};

/* The board's counts as the statistics to share under tlp. */
static void board_stats(const struct rapid_board *b, const char *tlp, struct share_stats *st)
{
    *st = (struct share_stats){.cve = db_text(b->campaign, 0, BCC_CVE),
                               .title = db_text(b->campaign, 0, BCC_TITLE),
                               .tlp = tlp,
                               .organisation = db_text(b->campaign, 0, BCC_ORG),
                               .organisation_key = db_text(b->campaign, 0, BCC_ORG_ID),
                               .asked = b->asked,
                               .affected = b->affected,
                               .not_affected = b->not_affected,
                               .investigating = b->investigating,
                               .unanswered = b->silent,
                               .mitigated = b->mitigated};
}

/* 1 when id is one of the board's recipients. */
static int board_has_recipient(const struct rapid_board *b, const char *id)
{
    for (int i = 0; id && b->recipients && i < PQntuples(b->recipients); i++)
        if (strcmp(db_text(b->recipients, i, BPC_ID), id) == 0)
            return 1;
    return 0;
}

int handle_rapid_share(struct ctx *c)
{
    struct rapid_board b;
    int status = rapid_board_load(c, NULL, &b);
    if (status == 200 && !b.recipients)
        status = 403; /* an overseer who is no coordinator there */
    if (status != 200) {
        rapid_board_free(&b);
        return status;
    }
    long org = db_long(b.campaign, 0, BCC_ORG_ID);
    c->org_id = org;
    static const struct field fields[] = {
        {"recipient_id", FIELD_TEXT, 1, 1, 20, NULL},
        {"tlp", FIELD_CHOICE, 1, 0, 0, share_tlps},
    };
    size_t bad = portal_form_check(c, fields, sizeof fields / sizeof fields[0]);
    const char *recipient = req_param(c->req, "recipient_id");
    if (!bad && !board_has_recipient(&b, recipient)) {
        portal_form_error(c, "recipient_id", "not_a_choice");
        bad++;
    }
    struct share_stats st;
    board_stats(&b, req_param(c->req, "tlp"), &st);
    if (!bad && (status = rapid_share_store(c, c->id, org, recipient, &st)) == 422) {
        portal_form_error(c, "tlp", "tlp_too_high");
        bad++;
    }
    if (bad) {
        rapid_board_to_hdf(c, &b);
        portal_page(c, "rapid/board.cs", "rapid_board");
        status = 422;
    } else if (status == 0) {
        char where[64];
        snprintf(where, sizeof where, "/rapid/%ld?saved=shared", c->id);
        resp_redirect(c->resp, where);
        status = 303;
    }
    rapid_board_free(&b);
    return status;
}
