/* audit_chain.c - see audit_chain.h. */
#include "audit_chain.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

void audit_chain_hash(const unsigned char prev[AUDIT_HASH_BYTES],
                      const char *const fields[AUDIT_CANON_FIELDS],
                      unsigned char out[AUDIT_HASH_BYTES])
{
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, prev, AUDIT_HASH_BYTES);
    for (int i = 0; i < AUDIT_CANON_FIELDS; i++) {
        char len[24];
        size_t n = strlen(fields[i]);
        int l = snprintf(len, sizeof len, "%lu:", (unsigned long)n);
        crypto_hash_sha256_update(&st, (const unsigned char *)len, (unsigned long long)l);
        crypto_hash_sha256_update(&st, (const unsigned char *)fields[i], n);
        crypto_hash_sha256_update(&st, (const unsigned char *)",", 1);
    }
    crypto_hash_sha256_final(&st, out);
}

enum audit_column {
    AC_CHAIN,
    AC_SEQ,
    AC_ID,
    AC_AT,
    AC_USER,
    AC_ORG,
    AC_ACTION,
    AC_ENTITY,
    AC_ENTITY_ID,
    AC_DETAIL,
    AC_PREV,
    AC_HASH,
};

static const char audit_rows_sql[] =
    "SELECT coalesce(org_id, 0), chain_seq, id::text, "
    "       to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), "
    "       coalesce(user_id::text, ''), coalesce(org_id::text, ''), action, entity, "
    "       coalesce(entity_id::text, ''), detail::text, encode(prev_hash, 'hex'), "
    "       encode(row_hash, 'hex') "
    "FROM audit_log WHERE $1::bigint < 0 OR coalesce(org_id, 0) = $1::bigint "
    "ORDER BY 1, 2, id";

enum head_column { HC_CHAIN, HC_SEQ, HC_HASH };

static const char audit_heads_sql[] =
    "SELECT chain_key, seq, encode(hash, 'hex') FROM audit_chain_heads "
    "WHERE $1::bigint < 0 OR chain_key = $1::bigint ORDER BY 1";

static int hex_to_hash(const char *hex, unsigned char out[AUDIT_HASH_BYTES])
{
    size_t n = 0;
    return sodium_hex2bin(out, AUDIT_HASH_BYTES, hex, strlen(hex), NULL, &n, NULL) == 0 &&
                   n == AUDIT_HASH_BYTES
               ? 0
               : -1;
}

/* The end of one chain as walked: its last row's sequence number and stored hash. */
struct chain_end {
    long chain, seq;
    unsigned char hash[AUDIT_HASH_BYTES];
    int broken;
};

/* Checks a chain's last row against the recorded head; 1 when they differ. */
static int chain_end_check(const struct chain_end *end, PGresult *heads, FILE *out)
{
    for (int i = 0; i < PQntuples(heads); i++) {
        if (db_long(heads, i, HC_CHAIN) != end->chain)
            continue;
        unsigned char head[AUDIT_HASH_BYTES];
        if (db_long(heads, i, HC_SEQ) == end->seq &&
            hex_to_hash(db_text(heads, i, HC_HASH), head) == 0 &&
            memcmp(head, end->hash, AUDIT_HASH_BYTES) == 0)
            return 0;
        fprintf(out,
                "chain %ld (organisation %ld): ends at row %ld, but its head records row %ld: "
                "rows gone from the end\n",
                end->chain, end->chain, end->seq, db_long(heads, i, HC_SEQ));
        return 1;
    }
    fprintf(out, "chain %ld: no recorded head\n", end->chain);
    return 1;
}

int audit_verify(struct db *db, long org_id, FILE *out)
{
    char org[24];
    snprintf(org, sizeof org, "%ld", org_id);
    const char *p[] = {org};
    PGresult *rows = NULL, *heads = NULL;
    if (db_exec(db, &rows, audit_rows_sql, 1, p) != DB_OK)
        return -1;
    if (db_exec(db, &heads, audit_heads_sql, 1, p) != DB_OK) {
        PQclear(rows);
        return -1;
    }
    int broken = 0, chains = 0;
    long n_rows = PQntuples(rows);
    struct chain_end end = {.chain = -1};
    unsigned char expect_prev[AUDIT_HASH_BYTES];
    for (int i = 0; i < n_rows; i++) {
        long chain = db_long(rows, i, AC_CHAIN), seq = db_long(rows, i, AC_SEQ);
        if (chain != end.chain) {
            if (end.chain >= 0 && !end.broken)
                broken += chain_end_check(&end, heads, out);
            end = (struct chain_end){.chain = chain, .seq = 0};
            memset(expect_prev, 0, sizeof expect_prev);
            chains++;
        }
        if (end.broken)
            continue;
        const char *fields[AUDIT_CANON_FIELDS] = {db_text(rows, i, AC_ID),
                                                  db_text(rows, i, AC_AT),
                                                  db_text(rows, i, AC_USER),
                                                  db_text(rows, i, AC_ORG),
                                                  db_text(rows, i, AC_ACTION),
                                                  db_text(rows, i, AC_ENTITY),
                                                  db_text(rows, i, AC_ENTITY_ID),
                                                  db_text(rows, i, AC_DETAIL),
                                                  NULL};
        char seq_text[24];
        snprintf(seq_text, sizeof seq_text, "%ld", seq);
        fields[AUDIT_CANON_FIELDS - 1] = seq_text;
        unsigned char prev[AUDIT_HASH_BYTES], stored[AUDIT_HASH_BYTES], computed[AUDIT_HASH_BYTES];
        const char *why = NULL;
        if (hex_to_hash(db_text(rows, i, AC_PREV), prev) != 0 ||
            hex_to_hash(db_text(rows, i, AC_HASH), stored) != 0)
            why = "its hashes are missing or malformed";
        else if (seq != end.seq + 1)
            why = seq > end.seq + 1 ? "rows before it are missing (deleted)"
                                    : "its sequence number repeats (reordered or copied)";
        else if (memcmp(prev, expect_prev, AUDIT_HASH_BYTES) != 0)
            why = "it does not link to the row before it (reordered, or that row replaced)";
        if (!why) {
            audit_chain_hash(prev, fields, computed);
            if (memcmp(computed, stored, AUDIT_HASH_BYTES) != 0)
                why = "its content does not match its hash (edited)";
        }
        if (why) {
            fprintf(out,
                    "chain %ld (organisation %ld): first break at row %ld (audit_log id %s): %s\n",
                    chain, chain, seq, db_text(rows, i, AC_ID), why);
            end.broken = 1;
            broken++;
            continue;
        }
        memcpy(expect_prev, stored, AUDIT_HASH_BYTES);
        memcpy(end.hash, stored, AUDIT_HASH_BYTES);
        end.seq = seq;
    }
    if (end.chain >= 0 && !end.broken)
        broken += chain_end_check(&end, heads, out);
    /* a chain whose rows are all gone leaves only its head (both results are ordered) */
    for (int h = 0, i = 0; h < PQntuples(heads); h++) {
        long chain = db_long(heads, h, HC_CHAIN);
        while (i < n_rows && db_long(rows, i, AC_CHAIN) < chain)
            i++;
        if (db_long(heads, h, HC_SEQ) > 0 && (i == n_rows || db_long(rows, i, AC_CHAIN) != chain)) {
            fprintf(out,
                    "chain %ld (organisation %ld): its head records row %ld, but no row is left\n",
                    chain, chain, db_long(heads, h, HC_SEQ));
            broken++;
            chains++;
        }
    }
    fprintf(out, "%ld rows in %d chains checked: %s\n", n_rows, chains,
            broken ? "BROKEN" : "intact");
    PQclear(rows);
    PQclear(heads);
    return broken;
}
