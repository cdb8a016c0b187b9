/*
** store.c — the last stage of the pipeline: articles, sentences, mentions
** and events into the SQLite index (see zhevents/store.h).
**
** Opening a store for writing brings its schema forward (schema.c), puts
** the database in WAL mode, loads lexicons/rates.tsv into `rates` and
** prepares the statements every article needs.  zhe_store_put_record
** writes one article's record inside a savepoint of the open batch
** transaction, so an article
** is stored whole or not at all; the batch commits every opt.batch
** articles and when the run ends.  Closing returns the database to one
** file (journal_mode DELETE) for the tools that open it afterwards.
*/
#include "store_int.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The statements of the S_* enum, in its order. */
static const char *const S_sql[S_NSTMT] = {
    [S_FIND_ARTICLE] = "SELECT id FROM articles WHERE hash = ?1",
    [S_DELETE_ARTICLE] = "DELETE FROM articles WHERE id = ?1",
    [S_FIND_SOURCE] = "SELECT id FROM sources WHERE name = ?1",
    [S_ADD_SOURCE] = "INSERT INTO sources (name) VALUES (?1)",
    [S_ADD_ARTICLE] =
        "INSERT INTO articles (ext_id, title, published, url, source_id, path, record, line,"
        " format, encoding, replacements, traditional, chars, hash, run_id)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    [S_ADD_SENTENCE] =
        "INSERT INTO sentences (article_id, idx, start, \"end\", text, seg)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [S_ADD_MENTION] =
        "INSERT INTO mentions (article_id, sentence_id, type, text, start, \"end\", confidence,"
        " rule, model, vendor, variant, amount, high, qualifier, currency, unit, timex, mod,"
        " start_date, end_date, date_basis)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
        " ?18, ?19, ?20, ?21)",
    [S_ADD_EVENT] =
        "INSERT OR IGNORE INTO events (article_id, sentence_id, key, type, timex, mod,"
        " start_date, end_date, date_basis, amount, high, currency, qualifier, quantity,"
        " quantity_high, unit, quote, start, \"end\", confidence, rule, \"trigger\","
        " mark_start, mark_end)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
        " ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
    [S_ADD_CHIP] =
        "INSERT OR IGNORE INTO event_chips (event_id, chip, vendor, chip_key)"
        " VALUES (?1, ?2, ?3, ?4)",
    [S_ADD_REJECT] =
        "INSERT INTO rejects (run_id, file, line, \"offset\", reason, excerpt)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
};

/* ------------------------------------------------------------ helpers */

/* Why db's last call failed (msg: SQLite's message, NULL for the
 * connection's), in words a person at a full or failing disk reads
 * right: SQLite says "database or disk is full" for a full disk, "disk
 * I/O error" without what failed, and "database disk image is malformed"
 * for a read the disk refused.  Returns msg, or buf holding more. */
static const char *S_why(sqlite3 *db, const char *msg, char *buf, size_t cap)
{
    if (!db) return "out of memory";
    if (!msg) msg = sqlite3_errmsg(db);
    int ext = sqlite3_extended_errcode(db), code = ext & 0xFF;
    /* the errno is kept only for these two codes: with others it is stale */
    int sys = code == SQLITE_IOERR || code == SQLITE_CANTOPEN ? sqlite3_system_errno(db) : 0;
    const char *op = ext == SQLITE_IOERR_READ || ext == SQLITE_IOERR_SHORT_READ ? "reading"
                     : ext == SQLITE_IOERR_WRITE ? "writing"
                     : ext == SQLITE_IOERR_FSYNC || ext == SQLITE_IOERR_DIR_FSYNC ? "syncing"
                     : NULL;
    if (code == SQLITE_FULL) {
        /* SQLite turns ENOSPC into SQLITE_FULL and forgets the errno */
        snprintf(buf, cap, "the disk is full (%s)", msg);
    } else if (sys == ENOSPC || sys == EDQUOT) {
        snprintf(buf, cap, "the disk is full (%s: %s)", msg, strerror(sys));
    } else if (code == SQLITE_CORRUPT) {
        /* SQLite (3.40 at least) reports a read that failed with EIO so */
        snprintf(buf, cap, "%s (or a read from the disk failed: PRAGMA integrity_check "
                           "tells which)", msg);
    } else if (op || sys) {
        /* errno is the thread's at the time SQLite noted the error, which
         * later calls may have changed: the operation is the surer word */
        snprintf(buf, cap, "%s (%s%s%s)", msg, op ? op : "", op && sys ? ": " : "",
                 sys ? strerror(sys) : "");
    } else {
        return msg;
    }
    return buf;
}

zhe_status zhe_store_fail(zhe_store *st, zhe_error *err, const char *what)
{
    char why[256];
    return zhe_error_set(err, ZHE_ERR_DB, st->path, 0, UINT64_MAX, "%s: %s", what,
                         S_why(st->db, NULL, why, sizeof why));
}

zhe_status zhe_store_exec(zhe_store *st, const char *sql, zhe_error *err)
{
    char *msg = NULL, why[256];
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) == SQLITE_OK) return ZHE_OK;
    zhe_status rc = zhe_error_set(err, ZHE_ERR_DB, st->path, 0, UINT64_MAX, "%s",
                                  S_why(st->db, msg, why, sizeof why));
    sqlite3_free(msg);
    return rc;
}

zhe_status zhe_store_prepare(zhe_store *st, const char *sql, sqlite3_stmt **stmt,
                             zhe_error *err)
{
    if (sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL) == SQLITE_OK) return ZHE_OK;
    *stmt = NULL;
    return zhe_store_fail(st, err, "cannot prepare a statement");
}

/* Bind s[0..len) as text, or NULL when s is NULL. */
static void S_text(sqlite3_stmt *q, int i, const char *s, size_t len)
{
    if (s) sqlite3_bind_text(q, i, s, (int)len, SQLITE_STATIC);
    else sqlite3_bind_null(q, i);
}

/* Bind v, or NULL when it is NAN. */
static void S_real(sqlite3_stmt *q, int i, double v)
{
    if (isnan(v)) sqlite3_bind_null(q, i);
    else sqlite3_bind_double(q, i, v);
}

/* Step q to its end (an INSERT, a DELETE) and reset it. */
static zhe_status S_run(zhe_store *st, sqlite3_stmt *q, zhe_error *err, const char *what)
{
    int rc = sqlite3_step(q);
    zhe_status s = ZHE_OK;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) s = zhe_store_fail(st, err, what);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return s;
}

/* The current time, UTC, as ISO 8601. */
static void S_now(char out[21])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---------------------------------------------------------- open, close */

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
    return zhe_store_fail(st, err, "cannot read the database");
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

/* Run the migration steps the database lacks, one transaction each. */
static zhe_status S_migrate(zhe_store *st, int from, zhe_error *err)
{
    for (size_t v = (size_t)from; v < zhe_store_n_migrations; v++) {
        char set[64];
        snprintf(set, sizeof set, "PRAGMA user_version = %zu", v + 1);
        zhe_status s = zhe_store_exec(st, "BEGIN IMMEDIATE", err);
        for (const char *const *sql = zhe_store_migrations[v]; s == ZHE_OK && *sql; sql++)
            s = zhe_store_exec(st, *sql, err);
        if (s == ZHE_OK) s = zhe_store_exec(st, set, err);
        if (s == ZHE_OK) s = zhe_store_exec(st, "COMMIT", err);
        if (s != ZHE_OK) {
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
            return s;
        }
    }
    return ZHE_OK;
}

/* Note whether the trigram index is there (it is indexed too), and make
 * it when asked to (--fts-trigram), from the sentences already stored. */
static zhe_status S_trigram(zhe_store *st, zhe_error *err)
{
    sqlite3_stmt *q;
    int exists = 0;
    if (zhe_store_prepare(st, "SELECT 1 FROM sqlite_master WHERE name = 'sentences_trigram'",
                          &q, err) != ZHE_OK)
        return ZHE_ERR_DB;
    exists = sqlite3_step(q) == SQLITE_ROW;
    sqlite3_finalize(q);
    st->has_trigram = exists;
    if (exists || !st->opt.fts_trigram) return ZHE_OK;
    zhe_status s = zhe_store_exec(st, "BEGIN IMMEDIATE", err);
    if (s == ZHE_OK) s = zhe_store_exec(st, zhe_store_trigram_sql, err);
    if (s == ZHE_OK)
        s = zhe_store_exec(st, "INSERT INTO sentences_trigram(sentences_trigram) "
                               "VALUES ('rebuild')", err);
    if (s == ZHE_OK) s = zhe_store_exec(st, "COMMIT", err);
    if (s != ZHE_OK) sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    else st->has_trigram = 1;
    return s;
}

zhe_status zhe_store_open(const char *path, const zhe_store_options *opt, zhe_store **out,
                          zhe_error *err)
{
    *out = NULL;
    zhe_store *st = ZHE_NEW(zhe_store);
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
    if ((size_t)v > zhe_store_n_migrations) {
        s = zhe_error_set(err, ZHE_ERR_DB, path, 0, UINT64_MAX,
                          "schema version %d is newer than this zhevents knows (%zu)", v,
                          zhe_store_n_migrations);
        goto fail;
    }
    if (v == 0 && S_has_tables(st)) {
        s = zhe_error_set(err, ZHE_ERR_DB, path, 0, UINT64_MAX,
                          "not a zhevents database (it has tables but no zhevents schema)");
        goto fail;
    }
    if (st->opt.readonly) {
        if ((size_t)v < zhe_store_n_migrations) {
            s = zhe_error_set(err, ZHE_ERR_DB, path, 0, UINT64_MAX,
                              v ? "schema version %d is older than this zhevents's: run "
                                  "'zhevents ingest' on it once to bring it forward"
                                : "not a zhevents database (schema version %d)", v);
            goto fail;
        }
        if ((s = zhe_store_exec(st, "PRAGMA foreign_keys = ON", err)) != ZHE_OK) goto fail;
        *out = st;
        return ZHE_OK;
    }

    /* A page cache of 64 MB keeps the indexes' pages in memory across a
     * batch; checkpoints every 16 MB of WAL rather than every 4 MB. */
    if ((s = zhe_store_exec(st, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; "
                                "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; "
                                "PRAGMA wal_autocheckpoint = 4000; PRAGMA temp_store = MEMORY",
                            err)) != ZHE_OK)
        goto fail;
    if ((s = S_migrate(st, v, err)) != ZHE_OK) goto fail;
    if ((s = S_trigram(st, err)) != ZHE_OK) goto fail;
    if ((s = zhe_store_load_rates(st, err)) != ZHE_OK) goto fail;
    for (int i = 0; i < S_NSTMT; i++) {
        if (i == S_ADD_MENTIONS) continue;
        if ((s = zhe_store_prepare(st, S_sql[i], &st->stmt[i], err)) != ZHE_OK) goto fail;
    }
    /* S_ADD_MENTION's row S_MENTION_ROWS times over */
    zhe_buf sql = ZHE_BUF_INIT;
    const char *values = strstr(S_sql[S_ADD_MENTION], " VALUES");
    zhe_buf_put(&sql, S_sql[S_ADD_MENTION], (size_t)(values - S_sql[S_ADD_MENTION]));
    zhe_buf_puts(&sql, " VALUES ");
    for (int k = 0; k < S_MENTION_ROWS; k++) {
        zhe_buf_puts(&sql, k ? ", (" : "(");
        for (int c = 1; c <= 21; c++) zhe_buf_printf(&sql, c > 1 ? ", ?%d" : "?%d", 21 * k + c);
        zhe_buf_putc(&sql, ')');
    }
    s = zhe_store_prepare(st, sql.ptr, &st->stmt[S_ADD_MENTIONS], err);
    zhe_buf_clear(&sql);
    if (s != ZHE_OK) goto fail;
    *out = st;
    return ZHE_OK;

fail:
    zhe_store_close(st, NULL);
    return s;
}

zhe_status zhe_store_close(zhe_store *st, zhe_error *err)
{
    if (!st) return ZHE_OK;
    zhe_status s = ZHE_OK;
    if (st->in_txn) s = zhe_store_commit(st, err);
    for (int i = 0; i < S_NSTMT; i++) sqlite3_finalize(st->stmt[i]);
    if (st->db && !st->opt.readonly) {
        /* Back to one file; a reader holding the database keeps it in WAL,
         * which is harmless.  The checkpoint comes first, in WAL mode, where
         * readers go on reading: leaving WAL takes an exclusive lock, and
         * copying the whole -wal under it turned away every reader with no
         * busy timeout (the sqlite3 shell) for as long, "database is
         * locked" (tests/store/concurrency_test.py).  A disk that fails the
         * checkpoint is news to the caller: what was committed is safe in
         * the -wal file, but the disk is full or failing (and an fsync that
         * failed may have lost pages written before it). */
        int rc = sqlite3_exec(st->db, "PRAGMA wal_checkpoint(PASSIVE)", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(st->db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
        if (rc != SQLITE_OK && (rc & 0xFF) != SQLITE_BUSY && (rc & 0xFF) != SQLITE_LOCKED &&
            s == ZHE_OK)
            s = zhe_store_fail(st, err, "cannot return the database to one file");
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

/* --------------------------------------------------------------- rates */

/* 1 if s is YYYY-MM. */
static int S_is_month(const char *s)
{
    for (int i = 0; i < 7; i++) {
        if (i == 4 ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return 0;
    }
    return s[7] == '\0' && (s[5] == '0' ? s[6] >= '1' : s[5] == '1' && s[6] <= '2');
}

zhe_status zhe_store_load_rates(zhe_store *st, zhe_error *err)
{
    zhe_tsv t;
    const char *dir = st->opt.lexicon_dir ? st->opt.lexicon_dir : zhe_default_lexicon_dir();
    zhe_status s = zhe_tsv_open(&t, dir, "rates.tsv", err);
    sqlite3_stmt *q = NULL;
    if (s == ZHE_OK) s = zhe_store_exec(st, "BEGIN IMMEDIATE; DELETE FROM rates", err);
    if (s == ZHE_OK)
        s = zhe_store_prepare(st, "INSERT OR REPLACE INTO rates (month, currency, cny) "
                                  "VALUES (?1, ?2, ?3)", &q, err);
    while (s == ZHE_OK && zhe_tsv_next(&t)) {
        char *end = NULL;
        double rate = t.ncol >= 3 ? strtod(t.col[2], &end) : 0;
        const char *c = t.ncol >= 2 ? t.col[1] : "";
        int cur_ok = strlen(c) == 3;
        for (int i = 0; cur_ok && i < 3; i++) cur_ok = c[i] >= 'A' && c[i] <= 'Z';
        if (t.ncol < 3 || !S_is_month(t.col[0]) || !cur_ok || !end || *end || end == t.col[2] ||
            !(rate > 0) || !isfinite(rate)) {
            s = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                              "want month (YYYY-MM), ISO 4217 currency and CNY per unit, "
                              "tab-separated");
            break;
        }
        sqlite3_bind_text(q, 1, t.col[0], -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, c, -1, SQLITE_STATIC);
        sqlite3_bind_double(q, 3, rate);
        s = S_run(st, q, err, "cannot store a rate");
    }
    sqlite3_finalize(q);
    if (s == ZHE_OK) s = zhe_store_exec(st, "COMMIT", err);
    else if (st->db) sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    zhe_tsv_close(&t);
    return s;
}

/* ---------------------------------------------------------------- runs */

zhe_status zhe_store_run_begin(zhe_store *st, const char *argv, zhe_error *err)
{
    char now[21];
    S_now(now);
    sqlite3_stmt *q;
    zhe_status s = zhe_store_prepare(st, "INSERT INTO runs (started, argv) VALUES (?1, ?2)",
                                     &q, err);
    if (s != ZHE_OK) return s;
    sqlite3_bind_text(q, 1, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, argv ? argv : "", -1, SQLITE_STATIC);
    s = S_run(st, q, err, "cannot record the run");
    sqlite3_finalize(q);
    if (s == ZHE_OK) st->run_id = sqlite3_last_insert_rowid(st->db);
    return s;
}

zhe_status zhe_store_run_end(zhe_store *st, const zhe_store_counts *c, zhe_error *err)
{
    zhe_status s = zhe_store_commit(st, err);
    if (s != ZHE_OK || !st->run_id) return s;
    char now[21];
    S_now(now);
    sqlite3_stmt *q;
    s = zhe_store_prepare(st,
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
    s = S_run(st, q, err, "cannot record the run");
    sqlite3_finalize(q);
    st->run_id = 0;
    return s;
}

/* -------------------------------------------------------------- batches */

/* The id the next sentence stored will get, in st->fts_from: every
 * sentence below it is in the full-text indexes. */
static zhe_status S_fts_mark(zhe_store *st, zhe_error *err)
{
    sqlite3_stmt *q;
    if (zhe_store_prepare(st, "SELECT ifnull(max(id), 0) + 1 FROM sentences", &q, err) != ZHE_OK)
        return ZHE_ERR_DB;
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) st->fts_from = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? ZHE_OK : zhe_store_fail(st, err, "cannot read the sentences");
}

/* Index the sentences stored since st->fts_from, all in one statement (a
 * row at a time, FTS5 would write its terms out at every article's
 * savepoint). */
static zhe_status S_fts_flush(zhe_store *st, zhe_error *err)
{
    static const char *const sql[] = {
        "INSERT INTO sentences_fts(rowid, seg) SELECT id, seg FROM sentences WHERE id >= ?1",
        "INSERT INTO sentences_trigram(rowid, text) SELECT id, text FROM sentences"
        " WHERE id >= ?1",
    };
    for (int i = 0; i < 1 + st->has_trigram; i++) {
        sqlite3_stmt *q;
        if (zhe_store_prepare(st, sql[i], &q, err) != ZHE_OK) return ZHE_ERR_DB;
        sqlite3_bind_int64(q, 1, st->fts_from);
        int rc = sqlite3_step(q);
        sqlite3_finalize(q);
        if (rc != SQLITE_DONE) return zhe_store_fail(st, err, "cannot index the sentences");
    }
    return S_fts_mark(st, err);
}

/* Open the batch transaction if none is open. */
static zhe_status S_batch(zhe_store *st, zhe_error *err)
{
    if (st->in_txn) return ZHE_OK;
    zhe_status s = zhe_store_exec(st, "BEGIN IMMEDIATE", err);
    if (s == ZHE_OK) st->in_txn = 1, st->pending = 0;
    if (s == ZHE_OK) s = S_fts_mark(st, err);
    return s;
}

zhe_status zhe_store_commit(zhe_store *st, zhe_error *err)
{
    if (!st->in_txn) return ZHE_OK;
    st->in_txn = 0;
    st->pending = 0;
    zhe_status s = S_fts_flush(st, err);
    if (s == ZHE_OK) s = zhe_store_exec(st, "COMMIT", err);
    if (s != ZHE_OK) sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return s;
}

/* -------------------------------------------------------------- articles */

/* The id of the article with hash `hash`, or 0. */
static zhe_status S_find(zhe_store *st, const char *hash, int64_t *id, zhe_error *err)
{
    sqlite3_stmt *q = st->stmt[S_FIND_ARTICLE];
    sqlite3_bind_text(q, 1, hash, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return zhe_store_fail(st, err, "cannot look the article up");
    return ZHE_OK;
}

zhe_status zhe_store_find(zhe_store *st, const char *hash, int64_t *id, zhe_error *err)
{
    return S_find(st, hash, id, err);
}

/* The id of source `name` in *id, added if new. */
static zhe_status S_source(zhe_store *st, const char *name, int64_t *id, zhe_error *err)
{
    sqlite3_stmt *q = st->stmt[S_FIND_SOURCE];
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return zhe_store_fail(st, err, "cannot look the source up");
    if (*id) return ZHE_OK;
    q = st->stmt[S_ADD_SOURCE];
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    zhe_status s = S_run(st, q, err, "cannot store the source");
    *id = sqlite3_last_insert_rowid(st->db);
    return s;
}

/* Bind the record's string at i as text ("" stays ""). */
static void S_rtext(sqlite3_stmt *q, int i, const zhe_record *r, zhei_rstr s)
{
    sqlite3_bind_text(q, i, s.len ? r->strs.ptr + s.off : "", (int)s.len, SQLITE_STATIC);
}

/* Bind the record's string at i, or NULL when it is empty. */
static void S_rstr(sqlite3_stmt *q, int i, const zhe_record *r, zhei_rstr s)
{
    if (s.len) sqlite3_bind_text(q, i, r->strs.ptr + s.off, (int)s.len, SQLITE_STATIC);
    else sqlite3_bind_null(q, i);
}

/* The article's row. */
static zhe_status S_article(zhe_store *st, const zhe_record *r, int64_t *id, zhe_error *err)
{
    int64_t source = 0;
    zhe_status s = ZHE_OK;
    if (r->source.len) {
        char *name = zhe_strndup(r->strs.ptr + r->source.off, r->source.len);
        s = S_source(st, name, &source, err);
        zhe_free(name);
        if (s != ZHE_OK) return s;
    }
    sqlite3_stmt *q = st->stmt[S_ADD_ARTICLE];
    S_rtext(q, 1, r, r->id);
    S_rtext(q, 2, r, r->title);
    S_rstr(q, 3, r, r->published);
    S_rstr(q, 4, r, r->url);
    if (source) sqlite3_bind_int64(q, 5, source);
    S_rtext(q, 6, r, r->path);
    sqlite3_bind_int64(q, 7, (sqlite3_int64)r->record);
    if (r->line) sqlite3_bind_int64(q, 8, (sqlite3_int64)r->line);
    S_rstr(q, 9, r, r->format);
    S_rstr(q, 10, r, r->encoding);
    sqlite3_bind_int64(q, 11, (sqlite3_int64)r->replacements);
    sqlite3_bind_int(q, 12, r->traditional != 0);
    sqlite3_bind_int64(q, 13, (sqlite3_int64)r->chars);
    sqlite3_bind_text(q, 14, r->hash, -1, SQLITE_STATIC);
    if (st->run_id) sqlite3_bind_int64(q, 15, st->run_id);
    s = S_run(st, q, err, "cannot store the article");
    *id = sqlite3_last_insert_rowid(st->db);
    return s;
}

/* The sentences' rows; their row ids in ids[0..n_sentences). */
static zhe_status S_sentences(zhe_store *st, const zhe_record *r, int64_t article,
                              int64_t *ids, zhe_error *err)
{
    sqlite3_stmt *q = st->stmt[S_ADD_SENTENCE];
    for (size_t i = 0; i < r->n_sentences; i++) {
        const zhei_rsentence *sn = &r->sentences[i];
        sqlite3_bind_int64(q, 1, article);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(q, 3, (sqlite3_int64)sn->start);
        sqlite3_bind_int64(q, 4, (sqlite3_int64)sn->end);
        S_rtext(q, 5, r, sn->text);
        S_rtext(q, 6, r, sn->seg);
        zhe_status s = S_run(st, q, err, "cannot store a sentence");
        if (s != ZHE_OK) return s;
        ids[i] = sqlite3_last_insert_rowid(st->db);
    }
    return ZHE_OK;
}

/* Bind mention m's 21 columns at parameters base + 1 … base + 21. */
static void S_bind_mention(sqlite3_stmt *q, int base, const zhe_record *r,
                           const zhei_rmention *m, int64_t article, int64_t sentence)
{
    sqlite3_bind_int64(q, base + 1, article);
    sqlite3_bind_int64(q, base + 2, sentence);
    sqlite3_bind_text(q, base + 3, zhei_rmention_type_str(m->type), -1, SQLITE_STATIC);
    S_rtext(q, base + 4, r, m->text);
    sqlite3_bind_int64(q, base + 5, (sqlite3_int64)m->start);
    sqlite3_bind_int64(q, base + 6, (sqlite3_int64)m->end);
    sqlite3_bind_double(q, base + 7, m->confidence);
    S_rstr(q, base + 8, r, m->rule);
    switch (m->type) {
    case ZHEI_RMENTION_CHIP:
        S_rstr(q, base + 9, r, m->model);
        S_rstr(q, base + 10, r, m->vendor);
        S_rstr(q, base + 11, r, m->variant);
        break;
    case ZHEI_RMENTION_MONEY:
    case ZHEI_RMENTION_QUANTITY:
        S_real(q, base + 12, m->amount.value);
        S_real(q, base + 13, m->amount.high);
        S_rstr(q, base + 14, r, m->amount.qualifier);
        S_rstr(q, base + (m->type == ZHEI_RMENTION_MONEY ? 15 : 16), r, m->amount.unit);
        break;
    case ZHEI_RMENTION_DATE:
        S_rstr(q, base + 17, r, m->date.timex);
        S_rstr(q, base + 18, r, m->date.mod);
        S_rstr(q, base + 19, r, m->date.start);
        S_rstr(q, base + 20, r, m->date.end);
        S_rstr(q, base + 21, r, m->basis);
        break;
    }
}

/* The mentions' rows, S_MENTION_ROWS to a statement while there are as
 * many left (a statement's start and reset cost as much as a row), the
 * rest one at a time. */
static zhe_status S_mentions(zhe_store *st, const zhe_record *r, int64_t article,
                             const int64_t *ids, zhe_error *err)
{
    for (size_t i = 0; i < r->n_mentions; i++)
        if (r->mentions[i].sentence >= r->n_sentences)
            return zhe_error_set(err, ZHE_ERR_INTERNAL, st->path, 0, UINT64_MAX,
                                 "%s: a mention in sentence %zu of %zu", zhe_record_id(r),
                                 r->mentions[i].sentence, r->n_sentences);
    size_t i = 0;
    for (; i + S_MENTION_ROWS <= r->n_mentions; i += S_MENTION_ROWS) {
        sqlite3_stmt *q = st->stmt[S_ADD_MENTIONS];
        for (int k = 0; k < S_MENTION_ROWS; k++) {
            const zhei_rmention *m = &r->mentions[i + (size_t)k];
            S_bind_mention(q, 21 * k, r, m, article, ids[m->sentence]);
        }
        zhe_status s = S_run(st, q, err, "cannot store a mention");
        if (s != ZHE_OK) return s;
    }
    for (; i < r->n_mentions; i++) {
        sqlite3_stmt *q = st->stmt[S_ADD_MENTION];
        const zhei_rmention *m = &r->mentions[i];
        S_bind_mention(q, 0, r, m, article, ids[m->sentence]);
        zhe_status s = S_run(st, q, err, "cannot store a mention");
        if (s != ZHE_OK) return s;
    }
    return ZHE_OK;
}

/* The events and their chips (an event whose key the article already
 * has is the same fact: stored once). */
static zhe_status S_events(zhe_store *st, const zhe_record *r, int64_t article,
                           const int64_t *ids, zhe_error *err)
{
    sqlite3_stmt *q = st->stmt[S_ADD_EVENT];
    for (size_t i = 0; i < r->n_events; i++) {
        const zhei_revent *e = &r->events[i];
        if (e->sentence >= r->n_sentences)
            return zhe_error_set(err, ZHE_ERR_INTERNAL, st->path, 0, UINT64_MAX,
                                 "%s: event %zu points outside its article", zhe_record_id(r),
                                 i);
        sqlite3_bind_int64(q, 1, article);
        sqlite3_bind_int64(q, 2, ids[e->sentence]);
        S_rtext(q, 3, r, e->key);
        S_rstr(q, 4, r, e->type);
        S_rstr(q, 5, r, e->date.timex);
        S_rstr(q, 6, r, e->date.mod);
        S_rstr(q, 7, r, e->date.start);
        S_rstr(q, 8, r, e->date.end);
        S_rstr(q, 9, r, e->basis);
        if (e->money.present) {
            S_real(q, 10, e->money.value);
            S_real(q, 11, e->money.high);
            S_rstr(q, 12, r, e->money.unit);
            S_rstr(q, 13, r, e->money.qualifier);
        }
        if (e->quantity.present) {
            S_real(q, 14, e->quantity.value);
            S_real(q, 15, e->quantity.high);
            S_rstr(q, 16, r, e->quantity.unit);
        }
        S_rtext(q, 17, r, e->quote);
        sqlite3_bind_int64(q, 18, (sqlite3_int64)e->start);
        sqlite3_bind_int64(q, 19, (sqlite3_int64)e->end);
        sqlite3_bind_double(q, 20, e->confidence);
        S_rstr(q, 21, r, e->rule);
        S_rstr(q, 22, r, e->trigger);
        if (e->has_mark) {
            sqlite3_bind_int64(q, 23, (sqlite3_int64)e->mark_start);
            sqlite3_bind_int64(q, 24, (sqlite3_int64)e->mark_end);
        }
        zhe_status s = S_run(st, q, err, "cannot store an event");
        if (s != ZHE_OK) return s;
        if (sqlite3_changes(st->db) == 0) continue;     /* the same key twice */
        int64_t event = sqlite3_last_insert_rowid(st->db);
        sqlite3_stmt *c = st->stmt[S_ADD_CHIP];
        for (size_t k = 0; k < e->n_chips; k++) {
            char chip[64], key[64];
            snprintf(chip, sizeof chip, "%.*s", (int)e->chips[k].len,
                     r->strs.ptr + e->chips[k].off);
            zhe_store_chip_key(chip, key, sizeof key);
            sqlite3_bind_int64(c, 1, event);
            S_rtext(c, 2, r, e->chips[k]);
            S_rstr(c, 3, r, e->vendors[k]);
            sqlite3_bind_text(c, 4, key, -1, SQLITE_STATIC);
            if ((s = S_run(st, c, err, "cannot store an event's chip")) != ZHE_OK) return s;
        }
    }
    return ZHE_OK;
}

zhe_status zhe_store_put_record(zhe_store *st, const zhe_record *r, zhe_store_outcome *outcome,
                                zhe_error *err)
{
    if (!r->has_seg)
        return zhe_error_set(err, ZHE_ERR_USAGE, st->path, 0, UINT64_MAX,
                             "%s: a record made without a segmenter cannot be stored",
                             zhe_record_id(r));
    int64_t old;
    zhe_status s = S_find(st, r->hash, &old, err);
    if (s != ZHE_OK) return s;
    if (old && !st->opt.replace) {
        *outcome = ZHE_STORE_DUPLICATE;
        return ZHE_OK;
    }
    if ((s = S_batch(st, err)) != ZHE_OK) return s;
    if ((s = zhe_store_exec(st, "SAVEPOINT article", err)) != ZHE_OK) return s;
    int64_t fts_from = st->fts_from;    /* what a rollback to the savepoint restores */
    if (old) {
        /* the index must hold every sentence its delete trigger takes out;
         * the ids of the deleted ones may be given again */
        s = S_fts_flush(st, err);
        sqlite3_stmt *q = st->stmt[S_DELETE_ARTICLE];
        sqlite3_bind_int64(q, 1, old);
        if (s == ZHE_OK) s = S_run(st, q, err, "cannot delete the article's old rows");
        if (s == ZHE_OK) s = S_fts_mark(st, err);
    }
    int64_t id = 0;
    int64_t *ids = ZHE_NEW_ARRAY(int64_t, r->n_sentences ? r->n_sentences : 1);
    if (s == ZHE_OK) s = S_article(st, r, &id, err);
    if (s == ZHE_OK) s = S_sentences(st, r, id, ids, err);
    if (s == ZHE_OK) s = S_mentions(st, r, id, ids, err);
    if (s == ZHE_OK) s = S_events(st, r, id, ids, err);
    zhe_free(ids);
    if (s != ZHE_OK) {
        /* Undo this article only; the batch's others stay.  The rollback
         * undoes the flush and the delete above as well: the batch's
         * sentences from the old mark on are unindexed again, so the mark
         * goes back too (else they would never be indexed, and deleting
         * them later would find the index corrupt). */
        sqlite3_exec(st->db, "ROLLBACK TO article; RELEASE article", NULL, NULL, NULL);
        st->fts_from = fts_from;
        return s;
    }
    if ((s = zhe_store_exec(st, "RELEASE article", err)) != ZHE_OK) return s;
    *outcome = old ? ZHE_STORE_REPLACED : ZHE_STORE_ADDED;
    if (++st->pending >= st->opt.batch) s = zhe_store_commit(st, err);
    return s;
}

/* --------------------------------------------------------------- probes */

struct zhe_store_probe {
    sqlite3 *db;
    sqlite3_stmt *find;
};

zhe_status zhe_store_probe_open(const char *path, zhe_store_probe **out, zhe_error *err)
{
    zhe_store_probe *p = ZHE_NEW(zhe_store_probe);
    *out = NULL;
    if (sqlite3_open_v2(path, &p->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(p->db, "SELECT 1 FROM articles WHERE hash = ?1", -1, &p->find,
                           NULL) != SQLITE_OK) {
        char why[256];
        zhe_status s = zhe_error_set(err, ZHE_ERR_DB, path, 0, UINT64_MAX,
                                     "cannot open the database to read: %s",
                                     S_why(p->db, NULL, why, sizeof why));
        zhe_store_probe_close(p);
        return s;
    }
    sqlite3_busy_timeout(p->db, 10000);
    *out = p;
    return ZHE_OK;
}

int zhe_store_probe_has(zhe_store_probe *p, const char *hash)
{
    sqlite3_bind_text(p->find, 1, hash, -1, SQLITE_STATIC);
    int found = sqlite3_step(p->find) == SQLITE_ROW;
    sqlite3_reset(p->find);
    return found;
}

void zhe_store_probe_close(zhe_store_probe *p)
{
    if (!p) return;
    sqlite3_finalize(p->find);
    sqlite3_close_v2(p->db);
    zhe_free(p);
}

/* The reason of a reader's message, without the "path:line: " it starts
 * with (the rejects table has columns for those). */
static const char *S_reason(const zhe_error *rej)
{
    const char *m = rej->message;
    size_t n = strlen(rej->path);
    if (!n || strncmp(m, rej->path, n) != 0 || m[n] != ':') return m;
    m += n + 1;
    if (*m >= '0' && *m <= '9') {
        while (*m >= '0' && *m <= '9') m++;
        if (*m == ':') m++;
    }
    while (*m == ' ') m++;
    if (!strncmp(m, "byte ", 5)) {
        const char *p = m + 5;
        while (*p >= '0' && *p <= '9') p++;
        if (*p == ':') {
            m = p + 1;
            while (*m == ' ') m++;
        }
    }
    return m;
}

zhe_status zhe_store_reject(zhe_store *st, const zhe_error *rej, const char *excerpt,
                            size_t excerpt_len, zhe_error *err)
{
    zhe_status s = S_batch(st, err);
    if (s != ZHE_OK) return s;
    sqlite3_stmt *q = st->stmt[S_ADD_REJECT];
    if (st->run_id) sqlite3_bind_int64(q, 1, st->run_id);
    sqlite3_bind_text(q, 2, rej->path[0] ? rej->path : "-", -1, SQLITE_STATIC);
    if (rej->line) sqlite3_bind_int64(q, 3, (sqlite3_int64)rej->line);
    if (rej->offset != UINT64_MAX) sqlite3_bind_int64(q, 4, (sqlite3_int64)rej->offset);
    sqlite3_bind_text(q, 5, S_reason(rej), -1, SQLITE_STATIC);
    S_text(q, 6, excerpt, excerpt_len);
    return S_run(st, q, err, "cannot record a reject");
}

void zhe_store_chip_key(const char *chip, char *out, size_t cap)
{
    size_t n = 0;
    if (!cap) return;
    for (const char *p = chip; *p && n + 1 < cap; p++) {
        char c = *p;
        if (c == ' ' || c == '-' || c == '_' || c == '\t') continue;
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        out[n++] = c;
    }
    out[n] = '\0';
}
