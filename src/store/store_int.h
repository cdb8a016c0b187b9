/*
** store_int.h — what the store's files share: the handle, the prepared
** statements it keeps, and the helpers that turn SQLite's failures into
** zhe_error records naming the database.  Never installed.
*/
#ifndef ZHE_STORE_INT_H
#define ZHE_STORE_INT_H

#include "../base/base_int.h"
#include "../record/record_int.h"

#include <sqlite3.h>
#include <zhevents/store.h>

/* The statements zhe_store_put_record and its helpers run for every
 * article, prepared once when the store opens for writing. */
enum {
    S_FIND_ARTICLE,
    S_DELETE_ARTICLE,
    S_FIND_SOURCE,
    S_ADD_SOURCE,
    S_ADD_ARTICLE,
    S_ADD_SENTENCE,
    S_ADD_MENTION,
    S_ADD_MENTIONS,         /* S_MENTION_ROWS rows at once (made from S_ADD_MENTION) */
    S_ADD_EVENT,
    S_ADD_CHIP,
    S_ADD_REJECT,
    S_NSTMT
};

/* Mentions stored by one statement (see S_mentions in store.c). */
#define S_MENTION_ROWS 16

struct zhe_store {
    sqlite3 *db;
    char *path;
    zhe_store_options opt;
    sqlite3_stmt *stmt[S_NSTMT];
    int64_t run_id;             /* the open ingest run, 0 if none */
    int in_txn;                 /* a batch transaction is open */
    size_t pending;             /* articles written in the open batch */
    int64_t fts_from;           /* the first sentence id not yet in the full-text
                                   index: sentences are indexed a batch at a
                                   time, before it commits */
    int has_trigram;            /* sentences_trigram exists: index it too */
};

/*
** Migrations: step i, a NULL-terminated list of SQL statements, brings a
** database from user_version i to i + 1.  The table is schema.c's;
** zhe_store_open runs the steps a database lacks, each in its own
** transaction.
*/
extern const char *const *const zhe_store_migrations[];
extern const size_t zhe_store_n_migrations;

/* The optional trigram index (--fts-trigram), created on demand. */
extern const char zhe_store_trigram_sql[];

/* Fill err from the connection's last error ("DB: what failed: SQLite's
 * message") and return ZHE_ERR_DB. */
zhe_status zhe_store_fail(zhe_store *st, zhe_error *err, const char *what);

/* Run sql (no rows expected); ZHE_ERR_DB on failure. */
zhe_status zhe_store_exec(zhe_store *st, const char *sql, zhe_error *err);

/* Prepare sql into *stmt; ZHE_ERR_DB on failure. */
zhe_status zhe_store_prepare(zhe_store *st, const char *sql, sqlite3_stmt **stmt,
                             zhe_error *err);

/* Load lexicons/rates.tsv into the rates table (replacing what it held). */
zhe_status zhe_store_load_rates(zhe_store *st, zhe_error *err);

#endif /* ZHE_STORE_INT_H */
