/* db.c - libpq wrapper: connection upkeep, parameterised statements, transactions, audit. */
#include "db.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int db_audit_flush(struct db *db);

static void db_set_error(struct db *db, const char *msg, const char *state)
{
    snprintf(db->error, sizeof db->error, "%s", msg ? msg : "unknown error");
    size_t n = strlen(db->error);
    while (n > 0 && (db->error[n - 1] == '\n' || db->error[n - 1] == ' '))
        db->error[--n] = '\0';
    snprintf(db->sqlstate, sizeof db->sqlstate, "%s", state ? state : "");
}

int db_connect(struct db *db, const char *conninfo)
{
    if (conninfo != db->conninfo)
        snprintf(db->conninfo, sizeof db->conninfo, "%s", conninfo);
    if (db->conn)
        PQfinish(db->conn);
    db->in_transaction = 0;
    memset(db->prepared, 0, sizeof db->prepared);
    db->n_prepared = 0;
    db->conn = PQconnectdb(db->conninfo);
    if (PQstatus(db->conn) != CONNECTION_OK) {
        db_set_error(db, PQerrorMessage(db->conn), "08006");
        PQfinish(db->conn);
        db->conn = NULL;
        return DB_CONN_LOST;
    }
    return DB_OK;
}

int db_ensure(struct db *db)
{
    if (db->conn && PQstatus(db->conn) == CONNECTION_OK)
        return DB_OK;
    return db_connect(db, db->conninfo);
}

void db_close(struct db *db)
{
    if (db->conn)
        PQfinish(db->conn);
    db->conn = NULL;
}

void db_count_reset(struct db *db)
{
    db->statements = 0;
    db->statement_ms = 0;
}

/* The slot of sql in the statement cache: where it is, or the empty one it would take. */
static int db_slot(const struct db *db, const char *sql)
{
    uintptr_t h = (uintptr_t)sql;
    h ^= h >> 17;
    h *= 0x9E3779B97F4A7C15u;
    int i = (int)(h >> 7) & (DB_STATEMENT_SLOTS - 1);
    while (db->prepared[i].sql && db->prepared[i].sql != sql)
        i = (i + 1) & (DB_STATEMENT_SLOTS - 1);
    return i;
}

static double ms_between(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) * 1e3 + (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

int db_exec(struct db *db, PGresult **out, const char *sql, int nparams, const char *const *params)
{
    if (out)
        *out = NULL;
    if (!db->conn) {
        db_set_error(db, "not connected", "08003");
        return DB_CONN_LOST;
    }
    if (db->begin_pending) { /* the transaction starts with its first statement */
        db->begin_pending = 0;
        int rc = db_exec(db, NULL, "BEGIN", 0, NULL);
        /* a connection lost while idle (the server restarted) is made again: nothing of
         * this transaction has run yet, so nothing is lost by starting it afresh */
        if (rc == DB_CONN_LOST && db_connect(db, db->conninfo) == DB_OK)
            rc = db_exec(db, NULL, "BEGIN", 0, NULL);
        if (rc != DB_OK) {
            db->in_transaction = 0;
            return rc;
        }
        db->in_transaction = 1;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    PGresult *res = NULL;
    int slot = db_slot(db, sql);
    char name[32];
    if (!db->prepared[slot].sql && db->n_prepared < DB_STATEMENT_CACHE) {
        snprintf(name, sizeof name, "s%d", db->n_prepared);
        res = PQprepare(db->conn, name, sql, nparams, NULL);
        if (PQresultStatus(res) == PGRES_COMMAND_OK) {
            db->prepared[slot].sql = sql;
            db->prepared[slot].number = db->n_prepared++;
            PQclear(res);
            res = NULL;
        }
    } else if (!db->prepared[slot].sql) {
        db->cache_full = 1;
    }
    if (!res && db->prepared[slot].sql) {
        snprintf(name, sizeof name, "s%d", db->prepared[slot].number);
        res = PQexecPrepared(db->conn, name, nparams, params, NULL, NULL, 0);
    } else if (!res) {
        res = PQexecParams(db->conn, sql, nparams, NULL, params, NULL, NULL, 0);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    db->statements++;
    db->statement_ms += ms_between(&t0, &t1);
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
        if (out)
            *out = res;
        else
            PQclear(res);
        return DB_OK;
    }
    db_set_error(db, res ? PQresultErrorMessage(res) : PQerrorMessage(db->conn),
                 res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL);
    PQclear(res);
    /* A server that turned read-only under an open connection (a primary demoted by a
     * failover, or fenced: 25006) cannot take this program's writes again. Drop the
     * connection, so the next request's db_ensure connects afresh and libpq's
     * target_session_attrs=read-write finds whichever host is the primary now. */
    if (strcmp(db->sqlstate, "25006") == 0)
        db_close(db);
    if (PQstatus(db->conn) != CONNECTION_OK) {
        db->in_transaction = 0;
        return DB_CONN_LOST;
    }
    return DB_ERROR;
}

int db_begin(struct db *db)
{
    if (!db->conn) {
        db_set_error(db, "not connected", "08003");
        return DB_CONN_LOST;
    }
    db->begin_pending = 1;
    db->in_transaction = 1;
    return DB_OK;
}

int db_set_user(struct db *db, long user_id)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", user_id);
    const char *p[] = {user_id > 0 ? id : ""};
    return db_exec(db, NULL, "SELECT set_config('app.user_id', $1, true)", 1, p);
}

int db_commit(struct db *db)
{
    int rc = db_audit_flush(db);
    if (rc != DB_OK) { /* the transaction is lost: end it, keeping the error */
        char error[sizeof db->error], sqlstate[sizeof db->sqlstate];
        memcpy(error, db->error, sizeof error);
        memcpy(sqlstate, db->sqlstate, sizeof sqlstate);
        db_rollback(db);
        memcpy(db->error, error, sizeof error);
        memcpy(db->sqlstate, sqlstate, sizeof sqlstate);
        return rc;
    }
    if (db->begin_pending)
        db->begin_pending = 0; /* nothing ran: nothing to commit */
    else
        rc = db_exec(db, NULL, "COMMIT", 0, NULL);
    db->in_transaction = 0;
    return rc;
}

void db_rollback(struct db *db)
{
    for (int i = 0; i < db->n_audit_pending; i++)
        free(db->audit_pending[i].detail_json);
    db->n_audit_pending = 0;
    db->begin_pending = 0;
    if (db->conn && PQtransactionStatus(db->conn) != PQTRANS_IDLE)
        PQclear(PQexec(db->conn, "ROLLBACK"));
    db->in_transaction = 0;
}

const char *db_text(PGresult *res, int row, int col)
{
    if (!res || row >= PQntuples(res) || col >= PQnfields(res) || PQgetisnull(res, row, col))
        return "";
    return PQgetvalue(res, row, col);
}

long db_long(PGresult *res, int row, int col)
{
    return strtol(db_text(res, row, col), NULL, 10);
}

char *db_long_array(PGresult *res, int col)
{
    int rows = res ? PQntuples(res) : 0;
    size_t len = 3 + (size_t)rows * 21, n = 1;
    char *out = malloc(len);
    if (!out)
        return NULL;
    out[0] = '{';
    for (int i = 0; i < rows; i++)
        n += (size_t)snprintf(out + n, len - n, "%s%ld", i ? "," : "", db_long(res, i, col));
    snprintf(out + n, len - n, "}");
    return out;
}

/* Writes the audit rows waiting in db; the first failure stops it and is returned. */
static int db_audit_flush(struct db *db)
{
    int rc = DB_OK;
    for (int i = 0; i < db->n_audit_pending; i++) {
        struct db_audit_row *r = &db->audit_pending[i];
        char uid[24], oid[24], eid[24];
        snprintf(uid, sizeof uid, "%ld", r->user_id);
        snprintf(oid, sizeof oid, "%ld", r->org_id);
        snprintf(eid, sizeof eid, "%ld", r->entity_id);
        const char *p[] = {r->user_id > 0 ? uid : NULL,
                           r->org_id > 0 ? oid : NULL,
                           r->action,
                           r->entity,
                           r->entity_id > 0 ? eid : NULL,
                           r->detail_json ? r->detail_json : "{}"};
        if (rc == DB_OK)
            rc = db_exec(db, NULL,
                         "INSERT INTO audit_log (user_id, org_id, action, entity, entity_id, "
                         "detail) VALUES ($1, $2, $3, $4, $5, $6::jsonb)",
                         6, p);
        free(r->detail_json);
    }
    db->n_audit_pending = 0;
    return rc;
}

int db_audit(struct db *db, long user_id, long org_id, const char *action, const char *entity,
             long entity_id, const char *detail_json)
{
    if (db->n_audit_pending == (int)(sizeof db->audit_pending / sizeof db->audit_pending[0])) {
        int rc = db_audit_flush(db);
        if (rc != DB_OK)
            return rc;
    }
    struct db_audit_row *r = &db->audit_pending[db->n_audit_pending];
    r->user_id = user_id;
    r->org_id = org_id;
    r->entity_id = entity_id;
    snprintf(r->action, sizeof r->action, "%s", action);
    snprintf(r->entity, sizeof r->entity, "%s", entity);
    r->detail_json = detail_json ? strdup(detail_json) : NULL;
    if (detail_json && !r->detail_json) {
        db_set_error(db, "out of memory", "53200");
        return DB_ERROR;
    }
    db->n_audit_pending++;
    return DB_OK;
}
