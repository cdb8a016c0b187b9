/*
** store.c — the store stage, after record and before export: the SQLite
** index of records (see zhevents/store.h).  This file opens a store and
** closes it.
**
** Opening a store for writing brings its schema forward (schema.c's
** migrations, in one transaction),
** puts the database in WAL mode, loads lexicons/rates.tsv into `rates`
** (rates.c) and prepares the statements every article needs (put.c,
** reject.c).  Opening it read-only checks that its schema is this
** zhevents's and changes nothing.  Closing commits what is pending
** (run.c) and returns the database to one file (journal_mode DELETE) for
** the tools that open it afterwards.
*/
#include "store_int.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void zhe_store_options_init(zhe_store_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->batch = 500;
}

static void S_config(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* The schema version of the open database in *v. */
static zhe_status S_user_version(zhe_store *st, int *v, zhe_error *err)
{
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &q, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(q);
        *v = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
        sqlite3_finalize(q);
        if (rc == SQLITE_ROW) return ZHE_OK;
    }
    /* A file that is no database, or one the disk fails to give back */
    int code = sqlite3_extended_errcode(st->db) & 0xFF;
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
        return zhe_error_set(err, ZHE_ERR_DB, st->path, 0, UINT64_MAX,
                             "cannot read it as a database: %s", sqlite3_errmsg(st->db));
    return zhei_store_fail(st, err, "cannot read the database");
}

/* 1 if the database holds tables of its own (it is someone else's). */
static int S_has_tables(zhe_store *st)
{
    sqlite3_stmt *q;
    int n = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sqlite_master", -1, &q, NULL) ==
        SQLITE_OK) {
        if (sqlite3_step(q) == SQLITE_ROW) n = sqlite3_column_int(q, 0);
        sqlite3_finalize(q);
    }
    return n > 0;
}

/* Run the migration steps the database lacks, all in one transaction: a
 * reader (query, another process) sees the database as it was or as it
 * is brought to, never between two steps, which it would refuse as an
 * older schema. */
static zhe_status S_migrate(zhe_store *st, int from, zhe_error *err)
{
    if ((size_t)from >= zhei_store_n_migrations) return ZHE_OK;
    zhe_status s = zhei_store_exec(st, "BEGIN IMMEDIATE", err);
    for (size_t v = (size_t)from; s == ZHE_OK && v < zhei_store_n_migrations; v++) {
        char set[64];
        snprintf(set, sizeof set, "PRAGMA user_version = %zu", v + 1);
        for (const char *const *sql = zhei_store_migrations[v]; s == ZHE_OK && *sql; sql++)
            s = zhei_store_exec(st, *sql, err);
        if (s == ZHE_OK) s = zhei_store_exec(st, set, err);
    }
    if (s == ZHE_OK) s = zhei_store_exec(st, "COMMIT", err);
    if (s != ZHE_OK) sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return s;
}

zhe_status zhe_store_open(const char *path, const zhe_store_options *opt, zhe_store **out,
                          zhe_error *err)
{
    *out = NULL;
    zhe_store *st = ZHEI_NEW(zhe_store);
    st->path = zhe_strdup(path);
    if (opt) st->opt = *opt;
    else zhe_store_options_init(&st->opt);
    if (!st->opt.batch) st->opt.batch = 500;
    zhe_status s = ZHE_OK;

    if (st->opt.readonly && access(path, R_OK) != 0) {
        s = zhe_error_set(err, ZHE_ERR_IO, path, 0, UINT64_MAX, "cannot open the database: %s",
                          strerror(errno));
        goto fail;
    }
    /* SQLite's memory statistics take a global mutex on every allocation,
     * and zhevents reads none of them; this only works before SQLite is
     * first used (later it fails, harmlessly). */
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, S_config);
    /* A store is used by one thread at a time: no mutex per call. */
    int flags = SQLITE_OPEN_NOMUTEX | (st->opt.readonly ? SQLITE_OPEN_READONLY
                                                        : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    int rc = sqlite3_open_v2(path, &st->db, flags, NULL);
    if (rc != SQLITE_OK) {
        s = zhe_error_set(err, ZHE_ERR_IO, path, 0, UINT64_MAX, "cannot open the database: %s",
                          st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
        goto fail;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, 10000);

    int v;
    if ((s = S_user_version(st, &v, err)) != ZHE_OK) goto fail;
    if ((size_t)v > zhei_store_n_migrations) {
        s = zhe_error_set(err, ZHE_ERR_DB, path, 0, UINT64_MAX,
                          "schema version %d is newer than this zhevents knows (%zu)", v,
                          zhei_store_n_migrations);
        goto fail;
    }
    if (v == 0 && S_has_tables(st)) {
        s = zhe_error_set(err, ZHE_ERR_DB, path, 0, UINT64_MAX,
                          "not a zhevents database (it has tables but no zhevents schema)");
        goto fail;
    }
    if (st->opt.readonly) {
        if ((size_t)v < zhei_store_n_migrations) {
            s = zhe_error_set(err, ZHE_ERR_DB, path, 0, UINT64_MAX,
                              v ? "schema version %d is older than this zhevents's: run "
                                  "'zhevents ingest' on it once to bring it forward"
                                : "not a zhevents database (schema version %d)", v);
            goto fail;
        }
        if ((s = zhei_store_exec(st, "PRAGMA foreign_keys = ON", err)) != ZHE_OK) goto fail;
        *out = st;
        return ZHE_OK;
    }

    /* A page cache of 64 MB keeps the indexes' pages in memory across a
     * batch; checkpoints every 16 MB of WAL rather than every 4 MB. */
    if ((s = zhei_store_exec(st, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; "
                                 "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; "
                                 "PRAGMA wal_autocheckpoint = 4000; PRAGMA temp_store = MEMORY",
                             err)) != ZHE_OK)
        goto fail;
    if ((s = S_migrate(st, v, err)) != ZHE_OK) goto fail;
    if ((s = zhei_store_load_rates(st, err)) != ZHE_OK) goto fail;
    if ((s = zhei_store_put_prepare(st, err)) != ZHE_OK) goto fail;
    if ((s = zhei_store_reject_prepare(st, err)) != ZHE_OK) goto fail;
    *out = st;
    return ZHE_OK;

fail:
    zhe_store_close(st, NULL);
    return s;
}

/* Copy the -wal into the database while readers go on (PASSIVE): again
 * while a reader's older snapshot holds back the last frames, for at most
 * about half a second, so that leaving WAL has little left to copy under
 * its exclusive lock.  Returns SQLite's code of the last checkpoint. */
static int S_checkpoint(sqlite3 *db)
{
    int rc = SQLITE_OK;
    for (int i = 0; i < 50; i++) {
        int log = 0, done = 0;
        rc = sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
        if (rc != SQLITE_OK || done >= log) break;
        sqlite3_sleep(10);
    }
    return rc;
}

zhe_status zhe_store_close(zhe_store *st, zhe_error *err)
{
    if (!st) return ZHE_OK;
    zhe_status s = ZHE_OK;
    if (st->in_txn) s = zhe_store_commit(st, err);
    for (int i = 0; i < ZHEI_NSTMT; i++) sqlite3_finalize(st->stmt[i]);
    if (st->db && !st->opt.readonly) {
        /* Back to one file; a reader holding the database keeps it in WAL,
         * which is harmless.  The checkpoint comes first, in WAL mode, where
         * readers go on reading, until it has copied the whole -wal
         * (S_checkpoint): leaving WAL takes an exclusive lock, and copying
         * what is left under it turned away every reader with no busy
         * timeout (the sqlite3 shell) for as long, "database is locked"
         * (tests/store/concurrency_test.py; a reader's snapshot can hold a
         * single PASSIVE checkpoint back, and the trigram index made the
         * -wal larger).  A disk that fails the
         * checkpoint is news to the caller: what was committed is safe in
         * the -wal file, but the disk is full or failing (and an fsync that
         * failed may have lost pages written before it). */
        int rc = S_checkpoint(st->db);
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(st->db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
        if (rc != SQLITE_OK && (rc & 0xFF) != SQLITE_BUSY && (rc & 0xFF) != SQLITE_LOCKED &&
            s == ZHE_OK)
            s = zhei_store_fail(st, err, "cannot return the database to one file");
    }
    if (st->db) sqlite3_close_v2(st->db);
    zhe_free(st->path);
    zhe_free(st);
    return s;
}

const char *zhe_store_path(const zhe_store *st)
{
    return st->path;
}
