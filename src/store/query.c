/*
** query.c — reading the index: events by chip, type, vendor and dates
** (zhevents query), sentences by full-text search (zhevents search), and
** the counts of zhevents stats.
**
** Every value a user typed reaches SQLite as a bound parameter; the SQL
** text is made only of fixed fragments.  Search words come as the FTS5
** query zhe_segment_match_expr makes of them: segmented like the stored
** sentences, each token quoted as an FTS5 string, so no input can be read
** as FTS5 syntax either.
*/
#include "store_int.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Column i as text, NULL when it is NULL. */
static const char *S_col(sqlite3_stmt *q, int i)
{
    return (const char *)sqlite3_column_text(q, i);
}

/* Column i as a number, NAN when it is NULL. */
/* Append ", ?" n times after the first "?" to b: a list of n parameters. */
static void S_params(zhe_buf *b, size_t n)
{
    zhe_buf_puts(b, "(");
    for (size_t i = 0; i < n; i++) zhe_buf_puts(b, i ? ", ?" : "?");
    zhe_buf_puts(b, ")");
}

/* A reporter's corrections (reviews.corrections) applied to ev; its
 * strings are borrowed from fix.  A date is a day: timex, start and end. */
static void S_correct(zhe_stored_event *ev, const json_t *fix)
{
    const char *day = json_string_value(json_object_get(fix, "date"));
    if (day && strlen(day) == 10) {
        ev->timex = ev->start = ev->end = day;
        ev->mod = NULL;
    }
    json_t *v;
    if (json_is_number(v = json_object_get(fix, "amount")))
        ev->amount = json_number_value(v), ev->high = NAN, ev->amount_cny = NAN,
        ev->qualifier = "exact";
    if (json_is_string(v = json_object_get(fix, "currency"))) ev->currency = json_string_value(v);
    if (json_is_number(v = json_object_get(fix, "quantity")))
        ev->quantity = json_number_value(v), ev->quantity_high = NAN;
    if (json_is_string(v = json_object_get(fix, "unit"))) ev->unit = json_string_value(v);
}

zhe_status zhe_store_query(zhe_store *st, const zhe_store_filter *f, zhe_stored_event_fn fn,
                           void *ctx, zhe_error *err)
{
    /* with facts, the number of articles that report the event's fact */
    const char *sources = f->facts ? "e.fact_sources" : "0";
    zhe_buf sql = ZHE_BUF_INIT;
    zhe_buf_printf(&sql,
                 "SELECT e.id, e.article_id, e.key, e.type, e.rule, e.\"trigger\", e.timex,"
                 " e.mod, e.start_date, e.end_date, e.date_basis, e.amount, e.high, e.currency,"
                 " e.qualifier, e.quantity, e.quantity_high, e.unit, e.quote, e.confidence,"
                 " a.ext_id, a.title, a.url, a.published,"
                 " CASE WHEN e.currency = 'CNY' THEN 1.0 ELSE r.cny END, e.mark_start,"
                 " e.mark_end, e.per, e.chips_per_unit, e.period, e.market, e.modality,"
                 " e.polarity, e.headline, %s, (SELECT group_concat(chip || char(31) || ifnull(vendor, ''),"
                 " char(30)) FROM (SELECT chip, vendor FROM event_chips"
                 " WHERE event_id = e.id ORDER BY id)),"
                 " (SELECT name FROM sources WHERE id = a.source_id), rv.verdict, rv.corrections"
                 " FROM events e JOIN articles a ON a.id = e.article_id"
                 " LEFT JOIN rates r ON r.month = substr(e.start_date, 1, 7)"
                 " AND r.currency = e.currency"
                 " LEFT JOIN reviews rv ON rv.key = e.key WHERE 1", sources);
    if (f->reviewed) zhe_buf_puts(&sql, " AND rv.verdict = 'ok'");
    /* with facts, a fact's first report alone (facts.c marks it: the
     * first published, then the smallest key, whatever the order the
     * articles came in); an event not grouped yet stands for itself */
    if (f->facts) zhe_buf_puts(&sql, " AND (e.fact IS NULL OR e.fact_first = 1)");
    if (f->n_chips) {
        zhe_buf_puts(&sql, " AND e.id IN (SELECT event_id FROM event_chips WHERE chip_key IN ");
        S_params(&sql, f->n_chips);
        zhe_buf_puts(&sql, ")");
    }
    if (f->n_types) {
        /* With chips, the chips' index is the one to walk: a chip has far
         * fewer events than a type, and (type, start_date) bounds only
         * one end of the date test.  The + keeps the planner off it. */
        zhe_buf_puts(&sql, f->n_chips ? " AND +e.type IN " : " AND e.type IN ");
        S_params(&sql, f->n_types);
    }
    if (f->from) zhe_buf_puts(&sql, " AND e.end_date >= ?");
    if (f->to) zhe_buf_puts(&sql, " AND e.start_date <= ?");
    /* a date coarser than the range is not of it: the days it spans are
     * no more than the range's (julianday of ISO days: whole numbers) */
    int coarse = f->from && f->to && !f->overlap;
    if (coarse)
        zhe_buf_puts(&sql, " AND julianday(e.end_date) - julianday(e.start_date)"
                           " <= julianday(?) - julianday(?)");
    if (f->vendor)
        zhe_buf_puts(&sql, " AND e.id IN (SELECT event_id FROM event_chips"
                           " WHERE vendor = ? COLLATE NOCASE)");
    if (f->min_confidence > 0) zhe_buf_puts(&sql, " AND e.confidence >= ?");
    if (f->asserted_only)
        zhe_buf_puts(&sql, " AND e.modality = 'asserted' AND e.polarity = 'positive'");
    zhe_buf_puts(&sql, " ORDER BY e.start_date IS NULL, e.start_date, e.end_date, e.id");

    sqlite3_stmt *q = NULL;
    zhe_status s = zhei_store_prepare(st, sql.ptr, &q, err);
    zhe_buf_clear(&sql);
    if (s != ZHE_OK) return s;
    int k = 1;
    char keys[64][32];
    for (size_t i = 0; i < f->n_chips; i++) {
        char *key = keys[i % 64];
        zhe_store_chip_key(f->chips[i], key, sizeof keys[0]);
        sqlite3_bind_text(q, k++, key, -1, SQLITE_TRANSIENT);
    }
    for (size_t i = 0; i < f->n_types; i++)
        sqlite3_bind_text(q, k++, f->types[i], -1, SQLITE_STATIC);
    if (f->from) sqlite3_bind_text(q, k++, f->from, -1, SQLITE_STATIC);
    if (f->to) sqlite3_bind_text(q, k++, f->to, -1, SQLITE_STATIC);
    if (coarse) {
        sqlite3_bind_text(q, k++, f->to, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, k++, f->from, -1, SQLITE_STATIC);
    }
    if (f->vendor) sqlite3_bind_text(q, k++, f->vendor, -1, SQLITE_STATIC);
    if (f->min_confidence > 0) sqlite3_bind_double(q, k++, f->min_confidence);

    int rc;
    /* A column's text lives only until the next step: the chips are copied. */
    char chip_list[ZHE_RECORD_MAX_CHIPS * 80];
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        zhe_stored_event ev;
        memset(&ev, 0, sizeof ev);
        ev.id = sqlite3_column_int64(q, 0);
        ev.article_id = sqlite3_column_int64(q, 1);
        ev.key = S_col(q, 2);
        ev.type = S_col(q, 3);
        ev.rule = S_col(q, 4);
        ev.trigger = S_col(q, 5);
        ev.timex = S_col(q, 6);
        ev.mod = S_col(q, 7);
        ev.start = S_col(q, 8);
        ev.end = S_col(q, 9);
        ev.basis = S_col(q, 10);
        ev.amount = zhei_store_col_num(q, 11);
        ev.high = zhei_store_col_num(q, 12);
        ev.currency = S_col(q, 13);
        ev.qualifier = S_col(q, 14);
        ev.quantity = zhei_store_col_num(q, 15);
        ev.quantity_high = zhei_store_col_num(q, 16);
        ev.unit = S_col(q, 17);
        ev.quote = S_col(q, 18);
        ev.confidence = sqlite3_column_double(q, 19);
        ev.article = S_col(q, 20);
        ev.title = S_col(q, 21);
        ev.url = S_col(q, 22);
        ev.published = S_col(q, 23);
        double rate = zhei_store_col_num(q, 24);
        ev.amount_cny = isnan(rate) ? NAN : ev.amount * rate;
        ev.high_cny = isnan(rate) ? NAN : ev.high * rate;
        if (sqlite3_column_type(q, 25) == SQLITE_INTEGER &&
            sqlite3_column_type(q, 26) == SQLITE_INTEGER) {
            ev.mark_start = (size_t)sqlite3_column_int64(q, 25);
            ev.mark_end = (size_t)sqlite3_column_int64(q, 26);
        }
        ev.per = S_col(q, 27);
        sqlite3_int64 cpu = sqlite3_column_int64(q, 28);
        ev.chips_per_unit = cpu > 0 && cpu <= 1000000 ? (unsigned)cpu : 0;
        ev.period = S_col(q, 29);
        ev.market = S_col(q, 30);
        ev.modality = S_col(q, 31);
        ev.polarity = S_col(q, 32);
        ev.headline = sqlite3_column_int(q, 33) != 0;
        sqlite3_int64 n_sources = sqlite3_column_int64(q, 34);
        ev.sources = f->facts ? (n_sources > 0 ? (size_t)n_sources : 1) : 0;
        /* the chips: "chip\x1fvendor" joined by \x1e, split in place */
        snprintf(chip_list, sizeof chip_list, "%s", S_col(q, 35) ? S_col(q, 35) : "");
        for (char *c = chip_list; *c && ev.n_chips < ZHE_RECORD_MAX_CHIPS;) {
            char *next = strchr(c, '\x1e'), *sep = strchr(c, '\x1f');
            if (next) *next = '\0';
            if (sep && (!next || sep < next)) *sep = '\0';
            else sep = NULL;
            ev.chips[ev.n_chips] = c;
            ev.vendors[ev.n_chips] = sep && sep[1] ? sep + 1 : NULL;
            ev.n_chips++;
            if (!next) break;
            c = next + 1;
        }
        ev.outlet = S_col(q, 36);
        ev.review = S_col(q, 37);
        json_t *fix = f->reviewed && S_col(q, 38) ? json_loads(S_col(q, 38), 0, NULL) : NULL;
        if (fix) S_correct(&ev, fix);
        int stop = fn(ctx, &ev);
        json_decref(fix);
        if (stop) {
            s = zhe_error_set(err, ZHE_ERR_IO, NULL, 0, UINT64_MAX, "cannot write the output");
            break;
        }
    }
    if (s == ZHE_OK && rc != SQLITE_DONE) s = zhei_store_fail(st, err, "cannot read the events");
    sqlite3_finalize(q);
    return s;
}

/* ------------------------------------------------------------- search */

/* Characters in UTF-8 string t (bytes that do not continue one). */
static size_t S_chars(const char *t)
{
    size_t n = 0;
    for (; *t; t++) n += ((unsigned char)*t & 0xC0) != 0x80;
    return n;
}

/* t as a LIKE pattern that finds it anywhere, with '\' as the escape. */
static void S_like(zhe_buf *b, const char *t)
{
    zhe_buf_putc(b, '%');
    for (; *t; t++) {
        if (*t == '%' || *t == '_' || *t == '\\') zhe_buf_putc(b, '\\');
        zhe_buf_putc(b, *t);
    }
    zhe_buf_putc(b, '%');
}

zhe_status zhe_store_search(zhe_store *st, const char *const *terms, size_t n, size_t limit,
                            size_t *total, zhe_store_hit_fn fn, void *ctx, zhe_error *err)
{
    if (total) *total = 0;
    zhe_buf sql = ZHE_BUF_INIT, match = ZHE_BUF_INIT;
    size_t n_like = 0;
    for (size_t i = 0; i < n; i++) {
        if (!*terms[i]) continue;
        if (S_chars(terms[i]) < 3) {
            n_like++;
            continue;
        }
        /* a quoted FTS5 string: its trigrams, in order; nothing typed is syntax */
        if (match.len) zhe_buf_putc(&match, ' ');
        zhe_buf_putc(&match, '"');
        for (const char *t = terms[i]; *t; t++) {
            if (*t == '"') zhe_buf_putc(&match, '"');
            zhe_buf_putc(&match, *t);
        }
        zhe_buf_putc(&match, '"');
    }
    if (!match.len && !n_like) return ZHE_OK;
    zhe_buf_puts(&sql, "SELECT s.id, s.article_id, s.text, replace(s.seg, ' ', ''), a.ext_id,"
                       " a.title, a.published, a.url, ");
    if (match.len)
        zhe_buf_puts(&sql, "t.rank FROM sentences_trigram t JOIN sentences s ON s.id = t.rowid"
                           " JOIN articles a ON a.id = s.article_id"
                           " WHERE sentences_trigram MATCH ?1");
    else
        zhe_buf_puts(&sql, "0 FROM sentences s JOIN articles a ON a.id = s.article_id"
                           " WHERE 1");
    for (size_t k = 0; k < n_like; k++)
        zhe_buf_printf(&sql, " AND replace(s.seg, ' ', '') LIKE ?%zu ESCAPE '\\'", k + 2);
    zhe_buf_puts(&sql, match.len ? " ORDER BY t.rank, s.id" : " ORDER BY s.id");

    sqlite3_stmt *q;
    zhe_status s = zhei_store_prepare(st, sql.ptr, &q, err);
    zhe_buf_clear(&sql);
    if (s != ZHE_OK) {
        zhe_buf_clear(&match);
        return s;
    }
    if (match.len) sqlite3_bind_text(q, 1, match.ptr, (int)match.len, SQLITE_TRANSIENT);
    zhe_buf_clear(&match);
    for (size_t i = 0, k = 0; i < n; i++) {
        if (!*terms[i] || S_chars(terms[i]) >= 3) continue;
        zhe_buf like = ZHE_BUF_INIT;
        S_like(&like, terms[i]);
        sqlite3_bind_text(q, (int)(k++ + 2), like.ptr, (int)like.len, SQLITE_TRANSIENT);
        zhe_buf_clear(&like);
    }
    /* every row is read, to count them: the rank orders all of them anyway */
    size_t seen = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (++seen > limit && limit) continue;  /* counted, not shown */
        zhe_store_hit h;
        h.sentence_id = sqlite3_column_int64(q, 0);
        h.article_id = sqlite3_column_int64(q, 1);
        h.text = S_col(q, 2);
        h.plain = S_col(q, 3);
        h.article = S_col(q, 4);
        h.title = S_col(q, 5);
        h.published = S_col(q, 6);
        h.url = S_col(q, 7);
        h.rank = sqlite3_column_double(q, 8);
        if (fn(ctx, &h)) {
            s = zhe_error_set(err, ZHE_ERR_IO, NULL, 0, UINT64_MAX, "cannot write the output");
            break;
        }
    }
    if (s == ZHE_OK && rc != SQLITE_DONE) s = zhei_store_fail(st, err, "cannot search");
    sqlite3_finalize(q);
    if (total) *total = seen;
    return s;
}

/* -------------------------------------------------------------- stats */

/* Report the (name, count) rows of sql to fn under group. */
static zhe_status S_group(zhe_store *st, const char *group, const char *sql,
                          zhe_store_count_fn fn, void *ctx, zhe_error *err)
{
    sqlite3_stmt *q;
    zhe_status s = zhei_store_prepare(st, sql, &q, err);
    if (s != ZHE_OK) return s;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *name = S_col(q, 0);
        if (fn(ctx, group, name ? name : "", sqlite3_column_int64(q, 1))) {
            s = zhe_error_set(err, ZHE_ERR_IO, NULL, 0, UINT64_MAX, "cannot write the output");
            break;
        }
    }
    if (s == ZHE_OK && rc != SQLITE_DONE) s = zhei_store_fail(st, err, "cannot count");
    sqlite3_finalize(q);
    return s;
}

zhe_status zhe_store_stats(zhe_store *st, zhe_store_totals *t, zhe_store_count_fn fn,
                           void *ctx, zhe_error *err)
{
    memset(t, 0, sizeof *t);
    sqlite3_stmt *q;
    zhe_status s = zhei_store_prepare(
        st,
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM sentences),"
        " (SELECT count(*) FROM mentions), (SELECT count(*) FROM events),"
        " (SELECT count(*) FROM rejects), (SELECT count(*) FROM runs),"
        " (SELECT min(start_date) FROM events), (SELECT max(end_date) FROM events)",
        &q, err);
    if (s != ZHE_OK) return s;
    if (sqlite3_step(q) != SQLITE_ROW) {
        s = zhei_store_fail(st, err, "cannot count");
        sqlite3_finalize(q);
        return s;
    }
    t->articles = sqlite3_column_int64(q, 0);
    t->sentences = sqlite3_column_int64(q, 1);
    t->mentions = sqlite3_column_int64(q, 2);
    t->events = sqlite3_column_int64(q, 3);
    t->rejects = sqlite3_column_int64(q, 4);
    t->runs = sqlite3_column_int64(q, 5);
    if (S_col(q, 6)) snprintf(t->first, sizeof t->first, "%s", S_col(q, 6));
    if (S_col(q, 7)) snprintf(t->last, sizeof t->last, "%s", S_col(q, 7));
    sqlite3_finalize(q);
    if (!fn) return ZHE_OK;
    s = S_group(st, "type",
                "SELECT type, count(*) FROM events GROUP BY type ORDER BY 2 DESC, 1", fn, ctx,
                err);
    if (s == ZHE_OK)
        s = S_group(st, "chip",
                    "SELECT chip, count(DISTINCT event_id) FROM event_chips GROUP BY chip"
                    " ORDER BY 2 DESC, 1", fn, ctx, err);
    if (s == ZHE_OK)
        s = S_group(st, "month",
                    "SELECT " ZHEI_STORE_MONTH_SQL ", count(*) FROM events e"
                    " WHERE e.start_date IS NOT NULL GROUP BY 1 ORDER BY 1", fn, ctx, err);
    if (s == ZHE_OK)
        s = S_group(st, "reject",
                    "SELECT file, count(*) FROM rejects GROUP BY file ORDER BY 2 DESC, 1", fn,
                    ctx, err);
    return s;
}

/* ------------------------------------------------------------ reviews */

zhe_status zhe_store_review(zhe_store *st, const char *key, const char *verdict,
                            const char *corrections, zhe_error *err)
{
    sqlite3_stmt *q;
    zhe_status s = zhei_store_prepare(
        st,
        verdict || corrections
            ? "INSERT INTO reviews (key, verdict, corrections, reviewed)"
              " VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
              " ON CONFLICT (key) DO UPDATE SET verdict = ?2, corrections = ?3,"
              " reviewed = excluded.reviewed"
            : "DELETE FROM reviews WHERE key = ?1",
        &q, err);
    if (s != ZHE_OK) return s;
    sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
    if (verdict || corrections) {
        sqlite3_bind_text(q, 2, verdict, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, corrections, -1, SQLITE_STATIC);
    }
    s = zhei_store_step(st, q, err, "cannot store a review");
    sqlite3_finalize(q);
    return s;
}
