/* db.h - the one way the programs talk to PostgreSQL: parameterised statements only,
 * one transaction per action, and errors reported back (never logged here). */
#ifndef DB_H
#define DB_H

#include <libpq-fe.h>

/* Room for every statement the programs have (185 db_exec call sites today, checked by
 * tests/unit/test_db_cache.c); one past it runs unprepared and sets cache_full. */
#define DB_STATEMENT_CACHE 1024
#define DB_STATEMENT_SLOTS 2048 /* open addressing, at most half full */

struct db {
    PGconn *conn;
    /* statements prepared on this connection, keyed by the address of their SQL text
     * (always a string literal), so each is planned once per connection */
    struct {
        const char *sql;
        int number; /* names the prepared statement "s<number>" */
    } prepared[DB_STATEMENT_SLOTS];
    int n_prepared;
    int cache_full; /* a statement ran unprepared: the cache needs to grow */
    /* the cost of the current request, for its log line: statements run, time in them */
    long statements;
    double statement_ms;
    char conninfo[512];
    char error[512];  /* the last error's message, for the caller to log */
    char sqlstate[6]; /* the last error's SQLSTATE, "" if none */
    int in_transaction;
    int begin_pending; /* db_begin was called; BEGIN goes out with the first statement */
    /* audit rows of the open transaction, written just before COMMIT: the audit chain
     * locks its organisation's head from the insert to the commit (schema/015), so the
     * later the insert, the less one organisation's requests wait for each other */
    struct db_audit_row {
        long user_id, org_id, entity_id;
        char action[32], entity[32];
        char *detail_json;
    } audit_pending[8];
    int n_audit_pending;
};

enum {
    DB_OK = 0,
    DB_ERROR = -1,     /* the statement failed; the connection is fine */
    DB_CONN_LOST = -2, /* the server is unreachable; try again later */
};

/* Opens (or re-opens, if lost) the connection. Returns DB_OK or DB_CONN_LOST. */
int db_connect(struct db *db, const char *conninfo);
/* Makes sure the connection is up before a request; reconnects once if it was lost. */
int db_ensure(struct db *db);
void db_close(struct db *db);

/* Runs a statement with text parameters (NULL = SQL NULL). On success *out holds the
 * result (PQclear it) when out is not NULL. Returns DB_OK, DB_ERROR or DB_CONN_LOST.
 * sql must be a string literal (or otherwise live as long as the connection): it is
 * prepared on first use and its address names the prepared statement. */
int db_exec(struct db *db, PGresult **out, const char *sql, int nparams, const char *const *params);

/* Starts counting statements and their time afresh (db->statements, db->statement_ms). */
void db_count_reset(struct db *db);

/* BEGIN (sent with the transaction's first statement, so an action that reads nothing
 * costs no round trip), and the tenant context for row-level security (user_id 0 =
 * nobody). */
int db_begin(struct db *db);
int db_set_user(struct db *db, long user_id);
int db_commit(struct db *db);
/* Rolls back if a transaction is open; never fails the caller. */
void db_rollback(struct db *db);

/* Reads column col of row 0 (or row) as text / long; "" and 0 for NULL or out of range. */
const char *db_text(PGresult *res, int row, int col);
long db_long(PGresult *res, int row, int col);
/* The integers of column col of every row of res as a PostgreSQL array literal ("{1,2}"),
 * for a later statement's bigint[] parameter; malloc'd (the caller frees), NULL when out
 * of memory. */
char *db_long_array(PGresult *res, int col);

/* Adds a row to audit_log in the current transaction (written by db_commit, before the
 * COMMIT, or at once when eight are waiting). detail_json may be NULL. */
int db_audit(struct db *db, long user_id, long org_id, const char *action, const char *entity,
             long entity_id, const char *detail_json);

#endif
