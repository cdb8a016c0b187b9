/*
** run.c — the writing side of a store over time: an ingest run (its row
** in `runs`, from zhe_store_run_begin to zhe_store_run_end, with what it
** counted) and the batch transactions its articles and rejects are
** written in.
**
** A batch opens with the first write after a commit and commits every
** opt.batch articles (put.c counts them), at the run's end and when the
** store closes.  Sentences reach the full-text indexes a batch at a
** time, just before it commits: st->fts_from marks the first sentence
** not yet indexed.
*/
#include "store_int.h"

#include <time.h>

/* The current time, UTC, as ISO 8601. */
static void S_now(char out[21])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---------------------------------------------------------------- runs */

zhe_status zhe_store_run_begin(zhe_store *st, const char *argv, zhe_error *err)
{
    char now[21];
    S_now(now);
    sqlite3_stmt *q;
    zhe_status s = zhei_store_prepare(st, "INSERT INTO runs (started, argv) VALUES (?1, ?2)",
                                      &q, err);
    if (s != ZHE_OK) return s;
    sqlite3_bind_text(q, 1, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, argv ? argv : "", -1, SQLITE_STATIC);
    s = zhei_store_step(st, q, err, "cannot record the run");
    sqlite3_finalize(q);
    if (s == ZHE_OK) st->run_id = sqlite3_last_insert_rowid(st->db);
    return s;
}

zhe_status zhe_store_run_end(zhe_store *st, const zhe_store_counts *c, zhe_error *err)
{
    zhe_status s = zhe_store_commit(st, err);
    if (s != ZHE_OK || !st->run_id) return s;
    s = zhei_store_facts(st, err);
    if (s != ZHE_OK) return s;
    char now[21];
    S_now(now);
    sqlite3_stmt *q;
    s = zhei_store_prepare(st,
                           "UPDATE runs SET finished = ?2, articles_read = ?3, articles_new = ?4,"
                           " duplicates = ?5, replaced = ?6, rejected = ?7, events = ?8"
                           " WHERE id = ?1", &q, err);
    if (s != ZHE_OK) return s;
    sqlite3_bind_int64(q, 1, st->run_id);
    sqlite3_bind_text(q, 2, now, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, (sqlite3_int64)c->read);
    sqlite3_bind_int64(q, 4, (sqlite3_int64)c->added);
    sqlite3_bind_int64(q, 5, (sqlite3_int64)c->duplicate);
    sqlite3_bind_int64(q, 6, (sqlite3_int64)c->replaced);
    sqlite3_bind_int64(q, 7, (sqlite3_int64)c->rejected);
    sqlite3_bind_int64(q, 8, (sqlite3_int64)c->events);
    s = zhei_store_step(st, q, err, "cannot record the run");
    sqlite3_finalize(q);
    st->run_id = 0;
    return s;
}

/* -------------------------------------------------------------- batches */

zhe_status zhei_store_fts_mark(zhe_store *st, zhe_error *err)
{
    sqlite3_stmt *q;
    if (zhei_store_prepare(st, "SELECT ifnull(max(id), 0) + 1 FROM sentences", &q, err) != ZHE_OK)
        return ZHE_ERR_DB;
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) st->fts_from = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? ZHE_OK : zhei_store_fail(st, err, "cannot read the sentences");
}

/* Index the sentences stored since st->fts_from, all in one statement (a
 * row at a time, FTS5 would write its terms out at every article's
 * savepoint). */
zhe_status zhei_store_fts_flush(zhe_store *st, zhe_error *err)
{
    static const char *const sql[] = {
        "INSERT INTO sentences_fts(rowid, seg) SELECT id, seg FROM sentences WHERE id >= ?1",
        "INSERT INTO sentences_trigram(rowid, plain) SELECT id, plain FROM sentences_plain"
        " WHERE id >= ?1",
    };
    for (int i = 0; i < 2; i++) {
        sqlite3_stmt *q;
        if (zhei_store_prepare(st, sql[i], &q, err) != ZHE_OK) return ZHE_ERR_DB;
        sqlite3_bind_int64(q, 1, st->fts_from);
        int rc = sqlite3_step(q);
        sqlite3_finalize(q);
        if (rc != SQLITE_DONE) return zhei_store_fail(st, err, "cannot index the sentences");
    }
    return zhei_store_fts_mark(st, err);
}

zhe_status zhei_store_batch_begin(zhe_store *st, zhe_error *err)
{
    if (st->in_txn) return ZHE_OK;
    zhe_status s = zhei_store_exec(st, "BEGIN IMMEDIATE", err);
    if (s == ZHE_OK) st->in_txn = 1, st->pending = 0;
    if (s == ZHE_OK) s = zhei_store_fts_mark(st, err);
    return s;
}

zhe_status zhe_store_commit(zhe_store *st, zhe_error *err)
{
    if (!st->in_txn) return ZHE_OK;
    st->in_txn = 0;
    st->pending = 0;
    zhe_status s = zhei_store_fts_flush(st, err);
    if (s == ZHE_OK) s = zhei_store_exec(st, "COMMIT", err);
    if (s != ZHE_OK) sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return s;
}
