/*
** store_int.h — what the store's files share: the handle and the prepared
** statements it keeps, the helpers that run SQL and turn SQLite's
** failures into zhe_error records naming the database, and what each
** file offers the others (the schema, rates, batches, statements).
** Never installed.
**
**   store.c   opening (schema, WAL, statements), closing
**   sql.c     running SQL; SQLite's failures in words
**   schema.c  the schema's migrations
**   rates.c   lexicons/rates.tsv into the rates table
**   run.c     ingest runs, and the batch transactions articles go in
**   put.c     an article's rows from its record
**   reject.c  rejected inputs
**   probe.c   the read-only "is it stored?" of other threads
**   query.c   events, full-text search, counts
**   metadata.c  Datasette's metadata.json
*/
#ifndef ZHE_STORE_INT_H
#define ZHE_STORE_INT_H

#include "../base/base_int.h"

#include <sqlite3.h>
#include <zhevents/store.h>

/* The statements a store open for writing keeps, prepared when it opens
 * by the file that runs them (zhei_store_put_prepare,
 * zhei_store_reject_prepare). */
enum {
    ZHEI_STMT_FIND_ARTICLE,
    ZHEI_STMT_DELETE_ARTICLE,
    ZHEI_STMT_FIND_SOURCE,
    ZHEI_STMT_ADD_SOURCE,
    ZHEI_STMT_ADD_ARTICLE,
    ZHEI_STMT_ADD_SENTENCE,
    ZHEI_STMT_ADD_MENTION,
    ZHEI_STMT_ADD_MENTIONS,     /* many rows at once (made from ADD_MENTION: put.c) */
    ZHEI_STMT_ADD_EVENT,
    ZHEI_STMT_ADD_CHIP,
    ZHEI_STMT_ADD_REJECT,
    ZHEI_NSTMT
};

struct zhe_store {
    sqlite3 *db;
    char *path;
    zhe_store_options opt;
    sqlite3_stmt *stmt[ZHEI_NSTMT];
    int64_t run_id;             /* the open ingest run, 0 if none */
    int in_txn;                 /* a batch transaction is open */
    size_t pending;             /* articles written in the open batch */
    int64_t fts_from;           /* the first sentence id not yet in the full-text
                                   index: sentences are indexed a batch at a
                                   time, before it commits */
};

/* The month an event of events e is counted in (the views' month, stats):
 * a date of a day, a week or a month is in the month its first day falls
 * in; a coarser one is a bucket of its own, its TIMEX value (2023,
 * 2023-Q4, 2023-H1), not January. */
#define ZHEI_STORE_MONTH_SQL                                                    \
    "CASE WHEN e.timex GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'"                 \
    " OR e.timex GLOB '[0-9][0-9][0-9][0-9]-W*' THEN substr(e.start_date, 1, 7)" \
    " ELSE e.timex END"

/* ------------------------------------------------------------ sql.c */

/* Why db's last call failed (msg: SQLite's message, NULL for the
 * connection's; db NULL: "out of memory"), in words a person at a full
 * or failing disk reads right.  Returns msg, or buf (cap bytes) holding
 * more: borrowed until buf or db changes. */
const char *zhei_store_why(sqlite3 *db, const char *msg, char *buf, size_t cap);

/* Fill err from the connection's last error ("DB: what failed: SQLite's
 * message") and return ZHE_ERR_DB. */
zhe_status zhei_store_fail(zhe_store *st, zhe_error *err, const char *what);

/* Run sql (no rows expected); ZHE_ERR_DB on failure. */
zhe_status zhei_store_exec(zhe_store *st, const char *sql, zhe_error *err);

/* Prepare sql into *stmt (the caller finalizes it); ZHE_ERR_DB, with
 * *stmt NULL, on failure. */
zhe_status zhei_store_prepare(zhe_store *st, const char *sql, sqlite3_stmt **stmt,
                              zhe_error *err);

/* Step q to its end (an INSERT, a DELETE), then reset it and clear its
 * bindings.  ZHE_ERR_DB, with err saying `what` failed, on failure. */
zhe_status zhei_store_step(zhe_store *st, sqlite3_stmt *q, zhe_error *err, const char *what);

/* Column i of q's row as a number: NAN for NULL. */
double zhei_store_col_num(sqlite3_stmt *q, int i);

/* ---------------------------------------------------------- facts.c */

/* Bring every event's fact key (events.fact) up to date, in its own
 * transaction.  ZHE_ERR_DB on failure. */
zhe_status zhei_store_facts(zhe_store *st, zhe_error *err);

/* --------------------------------------------------------- schema.c */

/*
** Migrations: step i, a NULL-terminated list of SQL statements, brings a
** database from user_version i to i + 1.  zhe_store_open runs the steps
** a database lacks, all in one transaction.
*/
extern const char *const *const zhei_store_migrations[];
extern const size_t zhei_store_n_migrations;


/* ---------------------------------------------------------- rates.c */

/* Load the exchange rates of st->opt.lexicon (or of the default lexicon,
 * opened for them) into the rates table, replacing what it held, in a
 * transaction of its own.  ZHE_ERR_DATA when the default lexicon cannot
 * be read, ZHE_ERR_DB when SQLite fails. */
zhe_status zhei_store_load_rates(zhe_store *st, zhe_error *err);

/* ------------------------------------------------------------ run.c */

/* Open the batch transaction if none is open (an article's rows and a
 * reject are written in it).  ZHE_ERR_DB on failure. */
zhe_status zhei_store_batch_begin(zhe_store *st, zhe_error *err);

/* Note in st->fts_from the id the next sentence stored will get: every
 * sentence below it is in the full-text indexes. */
zhe_status zhei_store_fts_mark(zhe_store *st, zhe_error *err);

/* Index the sentences stored since st->fts_from, then mark again. */
zhe_status zhei_store_fts_flush(zhe_store *st, zhe_error *err);

/* ------------------------------------------------ put.c, reject.c */

/* Prepare the statements put.c runs into st->stmt (zhe_store_close
 * finalizes them). */
zhe_status zhei_store_put_prepare(zhe_store *st, zhe_error *err);

/* Prepare the statement reject.c runs into st->stmt. */
zhe_status zhei_store_reject_prepare(zhe_store *st, zhe_error *err);

#endif /* ZHE_STORE_INT_H */
