/*
** put.c — an article's rows from its record (zhe_store_put_record): its
** source and article row, its sentences with their segmented text, its
** mentions, its events and their chips, all inside a savepoint of the
** open batch (run.c), so an article is stored whole or not at all.  An
** article whose content hash is stored is a duplicate, or with
** opt.replace its old rows are deleted first.
**
** The record is read through its layout (record/record_int.h): strings
** are bound where they lie in its arena, without a copy.  The statements
** are prepared once, when the store opens (zhei_store_put_prepare).
*/
#include "store_int.h"
#include "../record/record_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The statements put.c runs, by their ZHEI_STMT_* (store_int.h); the
 * rest stay NULL.  ADD_MENTIONS is made from ADD_MENTION. */
static const char *const S_sql[ZHEI_NSTMT] = {
    [ZHEI_STMT_FIND_ARTICLE] = "SELECT id FROM articles WHERE hash = ?1",
    [ZHEI_STMT_DELETE_ARTICLE] = "DELETE FROM articles WHERE id = ?1",
    [ZHEI_STMT_FIND_SOURCE] = "SELECT id FROM sources WHERE name = ?1",
    [ZHEI_STMT_ADD_SOURCE] = "INSERT INTO sources (name) VALUES (?1)",
    [ZHEI_STMT_ADD_ARTICLE] =
        "INSERT INTO articles (ext_id, title, published, url, source_id, path, record, line,"
        " format, encoding, replacements, traditional, chars, hash, run_id)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    [ZHEI_STMT_ADD_SENTENCE] =
        "INSERT INTO sentences (article_id, idx, start, \"end\", text, seg)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [ZHEI_STMT_ADD_MENTION] =
        "INSERT INTO mentions (article_id, sentence_id, type, text, start, \"end\", confidence,"
        " rule, model, vendor, variant, amount, high, qualifier, currency, unit, timex, mod,"
        " start_date, end_date, date_basis)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
        " ?18, ?19, ?20, ?21)",
    [ZHEI_STMT_ADD_EVENT] =
        "INSERT OR IGNORE INTO events (article_id, sentence_id, key, type, timex, mod,"
        " start_date, end_date, date_basis, amount, high, currency, qualifier, quantity,"
        " quantity_high, unit, quote, start, \"end\", confidence, rule, \"trigger\","
        " mark_start, mark_end, per, chips_per_unit, period, market, modality, polarity,"
        " headline)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
        " ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31)",
    [ZHEI_STMT_ADD_CHIP] =
        "INSERT OR IGNORE INTO event_chips (event_id, chip, vendor, chip_key)"
        " VALUES (?1, ?2, ?3, ?4)",
};


/* Mentions stored by one statement (see S_mentions). */
#define S_MENTION_ROWS 16

zhe_status zhei_store_put_prepare(zhe_store *st, zhe_error *err)
{
    zhe_status s = ZHE_OK;
    for (int i = 0; i < ZHEI_NSTMT; i++) {
        if (!S_sql[i]) continue;
        if ((s = zhei_store_prepare(st, S_sql[i], &st->stmt[i], err)) != ZHE_OK) return s;
    }
    /* ZHEI_STMT_ADD_MENTION's row S_MENTION_ROWS times over */
    zhe_buf sql = ZHE_BUF_INIT;
    const char *values = strstr(S_sql[ZHEI_STMT_ADD_MENTION], " VALUES");
    zhe_buf_put(&sql, S_sql[ZHEI_STMT_ADD_MENTION],
                (size_t)(values - S_sql[ZHEI_STMT_ADD_MENTION]));
    zhe_buf_puts(&sql, " VALUES ");
    for (int k = 0; k < S_MENTION_ROWS; k++) {
        zhe_buf_puts(&sql, k ? ", (" : "(");
        for (int c = 1; c <= 21; c++) zhe_buf_printf(&sql, c > 1 ? ", ?%d" : "?%d", 21 * k + c);
        zhe_buf_putc(&sql, ')');
    }
    s = zhei_store_prepare(st, sql.ptr, &st->stmt[ZHEI_STMT_ADD_MENTIONS], err);
    zhe_buf_clear(&sql);
    return s;
}

/* Bind v, or NULL when it is NAN. */
static void S_real(sqlite3_stmt *q, int i, double v)
{
    if (isnan(v)) sqlite3_bind_null(q, i);
    else sqlite3_bind_double(q, i, v);
}

/* -------------------------------------------------------------- articles */

/* The id of the article with hash `hash`, or 0. */
static zhe_status S_find(zhe_store *st, const char *hash, int64_t *id, zhe_error *err)
{
    sqlite3_stmt *q = st->stmt[ZHEI_STMT_FIND_ARTICLE];
    sqlite3_bind_text(q, 1, hash, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return zhei_store_fail(st, err, "cannot look the article up");
    return ZHE_OK;
}

zhe_status zhe_store_find(zhe_store *st, const char *hash, int64_t *id, zhe_error *err)
{
    return S_find(st, hash, id, err);
}

/* The id of source `name` in *id, added if new. */
static zhe_status S_source(zhe_store *st, const char *name, int64_t *id, zhe_error *err)
{
    sqlite3_stmt *q = st->stmt[ZHEI_STMT_FIND_SOURCE];
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return zhei_store_fail(st, err, "cannot look the source up");
    if (*id) return ZHE_OK;
    q = st->stmt[ZHEI_STMT_ADD_SOURCE];
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    zhe_status s = zhei_store_step(st, q, err, "cannot store the source");
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
    sqlite3_stmt *q = st->stmt[ZHEI_STMT_ADD_ARTICLE];
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
    s = zhei_store_step(st, q, err, "cannot store the article");
    *id = sqlite3_last_insert_rowid(st->db);
    return s;
}

/* The sentences' rows; their row ids in ids[0..n_sentences). */
static zhe_status S_sentences(zhe_store *st, const zhe_record *r, int64_t article,
                              int64_t *ids, zhe_error *err)
{
    sqlite3_stmt *q = st->stmt[ZHEI_STMT_ADD_SENTENCE];
    for (size_t i = 0; i < r->n_sentences; i++) {
        const zhei_rsentence *sn = &r->sentences[i];
        sqlite3_bind_int64(q, 1, article);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(q, 3, (sqlite3_int64)sn->start);
        sqlite3_bind_int64(q, 4, (sqlite3_int64)sn->end);
        S_rtext(q, 5, r, sn->text);
        S_rtext(q, 6, r, sn->seg);
        zhe_status s = zhei_store_step(st, q, err, "cannot store a sentence");
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
        sqlite3_stmt *q = st->stmt[ZHEI_STMT_ADD_MENTIONS];
        for (int k = 0; k < S_MENTION_ROWS; k++) {
            const zhei_rmention *m = &r->mentions[i + (size_t)k];
            S_bind_mention(q, 21 * k, r, m, article, ids[m->sentence]);
        }
        zhe_status s = zhei_store_step(st, q, err, "cannot store a mention");
        if (s != ZHE_OK) return s;
    }
    for (; i < r->n_mentions; i++) {
        sqlite3_stmt *q = st->stmt[ZHEI_STMT_ADD_MENTION];
        const zhei_rmention *m = &r->mentions[i];
        S_bind_mention(q, 0, r, m, article, ids[m->sentence]);
        zhe_status s = zhei_store_step(st, q, err, "cannot store a mention");
        if (s != ZHE_OK) return s;
    }
    return ZHE_OK;
}

/* The events and their chips (an event whose key the article already
 * has is the same fact: stored once). */
static zhe_status S_events(zhe_store *st, const zhe_record *r, int64_t article,
                           const int64_t *ids, zhe_error *err)
{
    sqlite3_stmt *q = st->stmt[ZHEI_STMT_ADD_EVENT];
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
        S_rstr(q, 25, r, e->per);
        if (e->chips_per_unit) sqlite3_bind_int64(q, 26, e->chips_per_unit);
        S_rstr(q, 27, r, e->period);
        S_rstr(q, 28, r, e->market);
        S_rtext(q, 29, r, e->modality);
        S_rtext(q, 30, r, e->polarity);
        sqlite3_bind_int(q, 31, e->headline != 0);
        zhe_status s = zhei_store_step(st, q, err, "cannot store an event");
        if (s != ZHE_OK) return s;
        if (sqlite3_changes(st->db) == 0) continue;     /* the same key twice */
        int64_t event = sqlite3_last_insert_rowid(st->db);
        sqlite3_stmt *c = st->stmt[ZHEI_STMT_ADD_CHIP];
        for (size_t k = 0; k < e->n_chips; k++) {
            char chip[64], key[64];
            snprintf(chip, sizeof chip, "%.*s", (int)e->chips[k].len,
                     r->strs.ptr + e->chips[k].off);
            zhe_store_chip_key(chip, key, sizeof key);
            sqlite3_bind_int64(c, 1, event);
            S_rtext(c, 2, r, e->chips[k]);
            S_rstr(c, 3, r, e->vendors[k]);
            sqlite3_bind_text(c, 4, key, -1, SQLITE_STATIC);
            s = zhei_store_step(st, c, err, "cannot store an event's chip");
            if (s != ZHE_OK) return s;
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
    if ((s = zhei_store_batch_begin(st, err)) != ZHE_OK) return s;
    if ((s = zhei_store_exec(st, "SAVEPOINT article", err)) != ZHE_OK) return s;
    int64_t fts_from = st->fts_from;    /* what a rollback to the savepoint restores */
    if (old) {
        /* the index must hold every sentence its delete trigger takes out;
         * the ids of the deleted ones may be given again */
        s = zhei_store_fts_flush(st, err);
        sqlite3_stmt *q = st->stmt[ZHEI_STMT_DELETE_ARTICLE];
        sqlite3_bind_int64(q, 1, old);
        if (s == ZHE_OK) s = zhei_store_step(st, q, err, "cannot delete the article's old rows");
        if (s == ZHE_OK) s = zhei_store_fts_mark(st, err);
    }
    int64_t id = 0;
    int64_t *ids = ZHEI_NEW_ARRAY(int64_t, r->n_sentences ? r->n_sentences : 1);
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
    if ((s = zhei_store_exec(st, "RELEASE article", err)) != ZHE_OK) return s;
    *outcome = old ? ZHE_STORE_REPLACED : ZHE_STORE_ADDED;
    if (++st->pending >= st->opt.batch) s = zhe_store_commit(st, err);
    return s;
}

/* ------------------------------------------------------------ chip keys */

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
