/*
** store.c — the last stage of the pipeline: articles, sentences, mentions
** and events into the SQLite index (see zhevents/store.h).
**
** Opening a store for writing brings its schema forward (schema.c), puts
** the database in WAL mode, loads lexicons/rates.tsv into `rates` and
** prepares the statements every article needs.  zhe_store_put writes one
** article inside a savepoint of the open batch transaction, so an article
** is stored whole or not at all; the batch commits every opt.batch
** articles and when the run ends.  Closing returns the database to one
** file (journal_mode DELETE) for the tools that open it afterwards.
*/
#include "store_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

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

zhe_status zhe_store_fail(zhe_store *st, zhe_error *err, const char *what)
{
    return zhe_error_set(err, ZHE_ERR_DB, st->path, 0, UINT64_MAX, "%s: %s", what,
                         st->db ? sqlite3_errmsg(st->db) : "out of memory");
}

zhe_status zhe_store_exec(zhe_store *st, const char *sql, zhe_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) == SQLITE_OK) return ZHE_OK;
    zhe_status rc = zhe_error_set(err, ZHE_ERR_DB, st->path, 0, UINT64_MAX, "%s",
                                  msg ? msg : sqlite3_errmsg(st->db));
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

/* Bind the NUL-terminated s, or NULL when s is NULL or "". */
static void S_str(sqlite3_stmt *q, int i, const char *s)
{
    if (s && *s) sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC);
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

/* The schema version of the open database in *v. */
static zhe_status S_user_version(zhe_store *st, int *v, zhe_error *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &q, NULL) != SQLITE_OK)
        return zhe_error_set(err, ZHE_ERR_DB, st->path, 0, UINT64_MAX,
                             "cannot read it as a database: %s", sqlite3_errmsg(st->db));
    int rc = sqlite3_step(q);
    *v = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW)
        return zhe_error_set(err, ZHE_ERR_DB, st->path, 0, UINT64_MAX,
                             "cannot read it as a database: %s", sqlite3_errmsg(st->db));
    return ZHE_OK;
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
    if (!st->opt.readonly && !st->opt.seg) {
        s = zhe_error_set(err, ZHE_ERR_USAGE, path, 0, UINT64_MAX,
                          "a store opened for writing needs a segmenter");
        goto fail;
    }
    int flags = st->opt.readonly ? SQLITE_OPEN_READONLY
                                 : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
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
    for (int i = 0; i < S_NSTMT; i++)
        if ((s = zhe_store_prepare(st, S_sql[i], &st->stmt[i], err)) != ZHE_OK) goto fail;
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
         * which is harmless. */
        sqlite3_exec(st->db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    }
    if (st->db) sqlite3_close_v2(st->db);
    zhe_buf_clear(&st->scratch);
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

void zhe_store_hash(const zhe_article *a, char out[33])
{
    XXH3_state_t *h = XXH3_createState();
    XXH3_128bits_reset(h);
    XXH3_128bits_update(h, a->title, strlen(a->title));
    XXH3_128bits_update(h, "\0", 1);
    XXH3_128bits_update(h, a->raw, a->raw_len);
    XXH128_hash_t v = XXH3_128bits_digest(h);
    XXH3_freeState(h);
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)v.high64,
             (unsigned long long)v.low64);
}

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

zhe_status zhe_store_find(zhe_store *st, const zhe_article *a, int64_t *id, zhe_error *err)
{
    char hash[33];
    zhe_store_hash(a, hash);
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

/* Segmenter callback: append the token to the scratch buffer, a space
 * between tokens. */
static int S_token(void *ctx, int flags, const char *tok, int n, int start, int end)
{
    (void)flags, (void)start, (void)end;
    zhe_buf *b = ctx;
    if (b->len) zhe_buf_putc(b, ' ');
    zhe_buf_put(b, tok, (size_t)n);
    return 0;
}

/* The article's row. */
static zhe_status S_article(zhe_store *st, const zhe_article *a, const char *hash,
                            int64_t *id, zhe_error *err)
{
    int64_t source = 0;
    zhe_status s = ZHE_OK;
    if (*a->source && (s = S_source(st, a->source, &source, err)) != ZHE_OK) return s;
    sqlite3_stmt *q = st->stmt[S_ADD_ARTICLE];
    S_text(q, 1, a->id, strlen(a->id));
    S_text(q, 2, a->title, strlen(a->title));
    S_str(q, 3, a->published);
    S_str(q, 4, a->url);
    if (source) sqlite3_bind_int64(q, 5, source);
    S_text(q, 6, a->path ? a->path : "", a->path ? strlen(a->path) : 0);
    sqlite3_bind_int64(q, 7, (sqlite3_int64)a->record);
    if (a->line) sqlite3_bind_int64(q, 8, (sqlite3_int64)a->line);
    S_str(q, 9, a->format);
    S_str(q, 10, a->encoding);
    sqlite3_bind_int64(q, 11, (sqlite3_int64)a->replacements);
    sqlite3_bind_int(q, 12, a->traditional != 0);
    sqlite3_bind_int64(q, 13, (sqlite3_int64)zhe_utf8_count(a->raw, a->raw_len));
    sqlite3_bind_text(q, 14, hash, -1, SQLITE_STATIC);
    if (st->run_id) sqlite3_bind_int64(q, 15, st->run_id);
    s = S_run(st, q, err, "cannot store the article");
    *id = sqlite3_last_insert_rowid(st->db);
    return s;
}

/* The sentences' rows; their row ids in ids[0..n_sentences). */
static zhe_status S_sentences(zhe_store *st, const zhe_article *a, int64_t article,
                              int64_t *ids, zhe_error *err)
{
    sqlite3_stmt *q = st->stmt[S_ADD_SENTENCE];
    zhe_cp_cursor cur = { a->raw, a->raw_len, 0, 0 };
    for (size_t i = 0; i < a->n_sentences; i++) {
        const zhe_span *sp = &a->sentences[i];
        size_t r0 = zhe_offmap_to_raw(&a->map, sp->off);
        size_t r1 = zhe_offmap_to_raw_end(&a->map, sp->off + sp->len);
        if (r1 < r0) r1 = r0;
        size_t c0 = zhe_cp_cursor_at(&cur, r0);
        size_t c1 = zhe_cp_cursor_at(&cur, r1);
        zhe_buf_truncate(&st->scratch, 0);
        zhe_segment(st->opt.seg, a->norm + sp->off, sp->len, S_token, &st->scratch);
        sqlite3_bind_int64(q, 1, article);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(q, 3, (sqlite3_int64)c0);
        sqlite3_bind_int64(q, 4, (sqlite3_int64)c1);
        S_text(q, 5, a->raw + r0, r1 - r0);
        S_text(q, 6, st->scratch.len ? st->scratch.ptr : "", st->scratch.len);
        zhe_status s = S_run(st, q, err, "cannot store a sentence");
        if (s != ZHE_OK) return s;
        ids[i] = sqlite3_last_insert_rowid(st->db);
    }
    return ZHE_OK;
}

static zhe_status S_mentions(zhe_store *st, const zhe_article *a, int64_t article,
                             const int64_t *ids, const zhe_mentions *ms, zhe_error *err)
{
    sqlite3_stmt *q = st->stmt[S_ADD_MENTION];
    for (size_t i = 0; i < ms->n; i++) {
        const zhe_mention *m = &ms->v[i];
        if (m->sentence >= a->n_sentences)
            return zhe_error_set(err, ZHE_ERR_INTERNAL, st->path, 0, UINT64_MAX,
                                 "%s: a mention in sentence %zu of %zu", a->id, m->sentence,
                                 a->n_sentences);
        sqlite3_bind_int64(q, 1, article);
        sqlite3_bind_int64(q, 2, ids[m->sentence]);
        sqlite3_bind_text(q, 3, zhe_mention_type_str(m->type), -1, SQLITE_STATIC);
        S_text(q, 4, a->raw + m->raw_start, m->raw_end - m->raw_start);
        sqlite3_bind_int64(q, 5, (sqlite3_int64)m->start);
        sqlite3_bind_int64(q, 6, (sqlite3_int64)m->end);
        sqlite3_bind_double(q, 7, m->confidence);
        S_str(q, 8, m->rule);
        switch (m->type) {
        case ZHE_MENTION_CHIP:
            S_str(q, 9, m->model);
            S_str(q, 10, m->vendor);
            S_str(q, 11, m->variant);
            break;
        case ZHE_MENTION_MONEY:
        case ZHE_MENTION_QUANTITY:
            S_real(q, 12, m->amount.value);
            S_real(q, 13, m->amount.high);
            S_str(q, 14, zhe_qualifier_str(m->amount.qualifier));
            if (m->type == ZHE_MENTION_MONEY) S_str(q, 15, m->currency);
            else S_str(q, 16, m->unit);
            break;
        case ZHE_MENTION_DATE:
            S_str(q, 17, m->date.value);
            S_str(q, 18, zhe_date_mod_str(m->date.mod));
            S_str(q, 19, m->date.start);
            S_str(q, 20, m->date.end);
            S_str(q, 21, m->basis == ZHE_BASIS_ABSOLUTE    ? "absolute"
                         : m->basis == ZHE_BASIS_PUBLISHED ? "published"
                                                           : "narrative");
            break;
        }
        zhe_status s = S_run(st, q, err, "cannot store a mention");
        if (s != ZHE_OK) return s;
    }
    return ZHE_OK;
}

/* The events and their chips (an event whose key the article already
 * has is the same fact: stored once). */
/* Bind at i and i + 1 where the event's money, else its count, else its
 * first chip stands in its quote (code points), or NULLs. */
static void S_mark(sqlite3_stmt *q, int i, const zhe_mentions *ms, const zhe_event *e)
{
    const zhe_mention *m = NULL;
    if (e->money >= 0) {
        m = &ms->v[e->money];
    } else if (e->quantity >= 0) {
        m = &ms->v[e->quantity];
    } else if (e->n_chips) {
        size_t lo = 0, hi = ms->n;     /* the sentence's first mention: they are in order */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (ms->v[mid].sentence < e->sentence) lo = mid + 1;
            else hi = mid;
        }
        for (size_t k = lo; k < ms->n && ms->v[k].sentence == e->sentence && !m; k++)
            if (ms->v[k].type == ZHE_MENTION_CHIP && strcmp(ms->v[k].model, e->chips[0]) == 0)
                m = &ms->v[k];
    }
    if (!m || m->start < e->start || m->end > e->end || m->start >= m->end) return;
    sqlite3_bind_int64(q, i, (sqlite3_int64)(m->start - e->start));
    sqlite3_bind_int64(q, i + 1, (sqlite3_int64)(m->end - e->start));
}

static zhe_status S_events(zhe_store *st, const zhe_article *a, int64_t article,
                           const int64_t *ids, const zhe_mentions *ms, const zhe_events *evs,
                           zhe_error *err)
{
    sqlite3_stmt *q = st->stmt[S_ADD_EVENT];
    for (size_t i = 0; i < evs->n; i++) {
        const zhe_event *e = &evs->v[i];
        if (e->sentence >= a->n_sentences || e->raw_end > a->raw_len ||
            e->raw_start > e->raw_end || e->money >= (ptrdiff_t)ms->n ||
            e->quantity >= (ptrdiff_t)ms->n || e->n_chips > ZHE_EVENT_MAX_CHIPS)
            return zhe_error_set(err, ZHE_ERR_INTERNAL, st->path, 0, UINT64_MAX,
                                 "%s: event %zu points outside its article", a->id, i);
        sqlite3_bind_int64(q, 1, article);
        sqlite3_bind_int64(q, 2, ids[e->sentence]);
        sqlite3_bind_text(q, 3, e->key, -1, SQLITE_STATIC);
        S_str(q, 4, zhe_event_type_str(e->type));
        if (e->date.value[0]) {
            S_str(q, 5, e->date.value);
            S_str(q, 6, zhe_date_mod_str(e->date.mod));
            S_str(q, 7, e->date.start);
            S_str(q, 8, e->date.end);
        }
        S_str(q, 9, zhe_event_basis_str(e->date_basis));
        if (e->money >= 0) {
            const zhe_mention *m = &ms->v[e->money];
            S_real(q, 10, m->amount.value);
            S_real(q, 11, m->amount.high);
            S_str(q, 12, m->currency);
            S_str(q, 13, zhe_qualifier_str(m->amount.qualifier));
        }
        if (e->quantity >= 0) {
            const zhe_mention *m = &ms->v[e->quantity];
            S_real(q, 14, m->amount.value);
            S_real(q, 15, m->amount.high);
            S_str(q, 16, m->unit);
        }
        S_text(q, 17, a->raw + e->raw_start, e->raw_end - e->raw_start);
        sqlite3_bind_int64(q, 18, (sqlite3_int64)e->start);
        sqlite3_bind_int64(q, 19, (sqlite3_int64)e->end);
        sqlite3_bind_double(q, 20, e->confidence);
        S_str(q, 21, e->rule);
        S_str(q, 22, e->trigger);
        S_mark(q, 23, ms, e);
        zhe_status s = S_run(st, q, err, "cannot store an event");
        if (s != ZHE_OK) return s;
        if (sqlite3_changes(st->db) == 0) continue;     /* the same key twice */
        int64_t event = sqlite3_last_insert_rowid(st->db);
        sqlite3_stmt *c = st->stmt[S_ADD_CHIP];
        for (size_t k = 0; k < e->n_chips; k++) {
            char key[32];
            zhe_store_chip_key(e->chips[k], key, sizeof key);
            sqlite3_bind_int64(c, 1, event);
            sqlite3_bind_text(c, 2, e->chips[k], -1, SQLITE_STATIC);
            S_str(c, 3, e->vendors[k]);
            sqlite3_bind_text(c, 4, key, -1, SQLITE_STATIC);
            if ((s = S_run(st, c, err, "cannot store an event's chip")) != ZHE_OK) return s;
        }
    }
    return ZHE_OK;
}

zhe_status zhe_store_put(zhe_store *st, const zhe_article *a, const zhe_mentions *ms,
                         const zhe_events *evs, zhe_store_outcome *outcome, zhe_error *err)
{
    char hash[33];
    zhe_store_hash(a, hash);
    int64_t old;
    zhe_status s = S_find(st, hash, &old, err);
    if (s != ZHE_OK) return s;
    if (old && !st->opt.replace) {
        *outcome = ZHE_STORE_DUPLICATE;
        return ZHE_OK;
    }
    if ((s = S_batch(st, err)) != ZHE_OK) return s;
    if ((s = zhe_store_exec(st, "SAVEPOINT article", err)) != ZHE_OK) return s;
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
    int64_t *ids = ZHE_NEW_ARRAY(int64_t, a->n_sentences ? a->n_sentences : 1);
    if (s == ZHE_OK) s = S_article(st, a, hash, &id, err);
    if (s == ZHE_OK) s = S_sentences(st, a, id, ids, err);
    if (s == ZHE_OK) s = S_mentions(st, a, id, ids, ms, err);
    if (s == ZHE_OK && evs) s = S_events(st, a, id, ids, ms, evs, err);
    zhe_free(ids);
    if (s != ZHE_OK) {
        /* Undo this article only; the batch's others stay. */
        sqlite3_exec(st->db, "ROLLBACK TO article; RELEASE article", NULL, NULL, NULL);
        return s;
    }
    if ((s = zhe_store_exec(st, "RELEASE article", err)) != ZHE_OK) return s;
    *outcome = old ? ZHE_STORE_REPLACED : ZHE_STORE_ADDED;
    if (++st->pending >= st->opt.batch) s = zhe_store_commit(st, err);
    return s;
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
