/*
** record.c — the record stage, after link and before the store: one
** article as the pipeline's output (zhe_record, see zhevents/record.h),
** made by the thread that extracted the article, written and read back
** as the JSON lines of `zhevents extract` and `zhevents map` (map's error
** records included), stored by zhe_store_put_record.
**
** A record owns copies of everything its rows need, so the article and
** its mentions can be freed as soon as it is made and the record handed
** to another thread or process.  Its strings live in one arena (`strs`)
** and are referred to by offset, which keeps a record to a handful of
** allocations however many mentions it has.  Its layout (record_int.h)
** uses no type of extract.h or events.h: what it takes from them is
** converted here.
**
** Numbers are rounded to 15 significant digits when a record is made:
** the JSON line carries 15, so a record read back from `zhevents map`'s
** output stores the very same values as the one made in process.
*/
#include "record_int.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>
#include <zhevents/segment.h>
#include <zhevents/extract.h>
#include <zhevents/events.h>

/* The record's mention types are extract's, value for value, and it keeps
 * as many chips as an event has. */
_Static_assert(ZHEI_RMENTION_CHIP == (int)ZHE_MENTION_CHIP &&
                   ZHEI_RMENTION_MONEY == (int)ZHE_MENTION_MONEY &&
                   ZHEI_RMENTION_DATE == (int)ZHE_MENTION_DATE &&
                   ZHEI_RMENTION_QUANTITY == (int)ZHE_MENTION_QUANTITY,
               "the record's mention types are extract's");
_Static_assert(ZHE_RECORD_MAX_CHIPS == ZHE_EVENT_MAX_CHIPS,
               "a record keeps every chip of an event");

const char *zhei_rmention_type_str(zhei_rmention_type t)
{
    return zhe_mention_type_str((zhe_mention_type)t);
}

/* ------------------------------------------------------------ building */

static zhei_rstr S_put(zhe_record *r, const char *s, size_t len)
{
    zhei_rstr out = { r->strs.len, len };
    if (len) {
        zhe_buf_put(&r->strs, s, len);
        zhe_buf_putc(&r->strs, '\0');  /* so zhe_record_mention_get hands out C strings */
    }
    return out;
}

static zhei_rstr S_puts(zhe_record *r, const char *s)
{
    return S_put(r, s ? s : "", s ? strlen(s) : 0);
}

/* v as the JSON line carries it: 15 significant digits.  Whole numbers
 * (most amounts) are that already; the rest, confidences mostly, are few
 * distinct values, remembered per thread, since printing one costs as
 * much as storing it.  A value that rounds up past DBL_MAX (number.c's
 * DBL_MAX, an amount of more digits than a double holds) would be read
 * back as infinity: it is the largest 15-digit number below instead. */
static double S_round(double v)
{
    if (!isfinite(v) || (fabs(v) < 1e15 && v == floor(v))) return v;
    static _Thread_local struct { uint64_t in; double out; } seen[64];
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    size_t k = (size_t)((bits * 0x9E3779B97F4A7C15ULL) >> 58);
    if (seen[k].in == bits && bits) return seen[k].out;
    char b[32];
    snprintf(b, sizeof b, "%.15g", v);
    double r = strtod(b, NULL);
    if (isinf(r)) r = copysign(1.79769313486231e308, v);
    seen[k].in = bits;
    seen[k].out = r;
    return r;
}

/* Where the event's money, else its count, else its first chip stands
 * in its quote (code points), in *from and *to; 0 when there is none. */
static int S_mark(const zhe_mentions *ms, const zhe_event *e, size_t *from, size_t *to)
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
    if (!m || m->start < e->start || m->end > e->end || m->start >= m->end) return 0;
    *from = m->start - e->start;
    *to = m->end - e->start;
    return 1;
}

/* Segmenter callback: append the token to the record's scratch text, a
 * space between tokens. */
static int S_token(void *ctx, int flags, const char *tok, int n, int start, int end)
{
    (void)flags, (void)start, (void)end;
    zhe_buf *b = ctx;
    if (b->len) zhe_buf_putc(b, ' ');
    zhe_buf_put(b, tok, (size_t)n);
    return 0;
}

static const char *S_mention_basis(zhe_date_basis b)
{
    return b == ZHE_BASIS_ABSOLUTE ? "absolute" : b == ZHE_BASIS_PUBLISHED ? "published"
                                                                           : "narrative";
}

static void S_amount(zhe_record *r, zhei_ramount *out, const zhe_mention *m)
{
    out->present = 1;
    out->value = S_round(m->amount.value);
    out->high = S_round(m->amount.high);
    out->qualifier = S_puts(r, zhe_qualifier_str(m->amount.qualifier));
    out->unit = S_puts(r, m->type == ZHE_MENTION_MONEY ? m->currency : m->unit);
}

static void S_date(zhe_record *r, zhei_rdate *out, const zhe_timex *tx)
{
    out->timex = S_puts(r, tx->value);
    if (!*tx->value) return;
    out->mod = S_puts(r, zhe_date_mod_str(tx->mod));
    out->start = S_puts(r, tx->start);
    out->end = S_puts(r, tx->end);
}

void zhe_record_article_hash(const zhe_article *a, char out[33])
{
    /* One call over a copy of title, NUL and text, which hashes as the
     * three streamed would.  Streaming needs XXH3_createState, which
     * returns NULL when memory runs out (the library's struct is not ours
     * to put on the stack); zhe_xrealloc ends the process cleanly then. */
    size_t nt = strlen(a->title), n = nt + 1 + a->raw_len;
    char *b = zhe_xrealloc(NULL, n);
    memcpy(b, a->title, nt + 1);
    if (a->raw_len) memcpy(b + nt + 1, a->raw, a->raw_len);
    XXH128_hash_t v = XXH3_128bits(b, n);
    zhe_free(b);
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)v.high64,
             (unsigned long long)v.low64);
}

zhe_status zhe_record_new(const zhe_segmenter *seg, const zhe_article *a,
                          const zhe_mentions *ms, const zhe_events *evs, zhe_record **out,
                          zhe_error *err)
{
    (void)err;
    zhe_record *r = *out = ZHEI_NEW(zhe_record);
    zhe_buf_reserve(&r->strs, a->raw_len + a->raw_len / 2 + 256);
    zhe_record_article_hash(a, r->hash);
    r->id = S_put(r, a->id ? a->id : "", a->id ? strlen(a->id) : 0);
    r->title = S_puts(r, a->title);
    r->published = S_puts(r, a->published);
    r->url = S_puts(r, a->url);
    r->source = S_puts(r, a->source);
    r->path = S_puts(r, a->path);
    r->format = S_puts(r, a->format);
    r->encoding = S_puts(r, a->encoding);
    r->record = a->record;
    r->line = a->line;
    r->replacements = a->replacements;
    r->traditional = a->traditional != 0;
    r->chars = zhe_utf8_count(a->raw, a->raw_len);

    r->n_sentences = a->n_sentences;
    r->sentences = ZHEI_NEW_ARRAY(zhei_rsentence, a->n_sentences ? a->n_sentences : 1);
    zhei_cp_cursor cur = { a->raw, a->raw_len, 0, 0 };
    zhe_buf tokens = ZHE_BUF_INIT;
    for (size_t i = 0; i < a->n_sentences; i++) {
        const zhe_span *sp = &a->sentences[i];
        zhei_rsentence *s = &r->sentences[i];
        size_t r0 = zhe_offmap_to_raw(&a->map, sp->off);
        size_t r1 = zhe_offmap_to_raw_end(&a->map, sp->off + sp->len);
        if (r1 < r0) r1 = r0;
        s->start = zhei_cp_cursor_at(&cur, r0);
        s->end = zhei_cp_cursor_at(&cur, r1);
        s->text = S_put(r, a->raw + r0, r1 - r0);
        if (seg) {
            zhe_buf_truncate(&tokens, 0);
            zhe_segment(seg, a->norm + sp->off, sp->len, S_token, &tokens);
            s->seg = S_put(r, tokens.ptr, tokens.len);
        }
    }
    zhe_buf_clear(&tokens);
    r->has_seg = seg != NULL;

    /* the headline's mentions (sentence SIZE_MAX) give its events their
     * amounts, but are no mentions of the text */
    r->mentions = ZHEI_NEW_ARRAY(zhei_rmention, ms->n ? ms->n : 1);
    for (size_t i = 0; i < ms->n; i++) {
        const zhe_mention *m = &ms->v[i];
        if (m->sentence >= a->n_sentences) continue;
        zhei_rmention *o = &r->mentions[r->n_mentions++];
        o->type = (zhei_rmention_type)m->type;
        o->sentence = m->sentence;
        o->start = m->start;
        o->end = m->end;
        o->confidence = S_round(m->confidence);
        o->text = S_put(r, a->raw + m->raw_start, m->raw_end - m->raw_start);
        o->rule = S_puts(r, m->rule);
        switch (m->type) {
        case ZHE_MENTION_CHIP:
            o->model = S_puts(r, m->model);
            o->vendor = S_puts(r, m->vendor);
            o->variant = S_puts(r, m->variant);
            break;
        case ZHE_MENTION_MONEY:
        case ZHE_MENTION_QUANTITY:
            S_amount(r, &o->amount, m);
            break;
        case ZHE_MENTION_DATE:
            S_date(r, &o->date, &m->date);
            o->basis = S_puts(r, S_mention_basis(m->basis));
            break;
        }
    }

    size_t n_events = evs ? evs->n : 0;
    r->n_events = n_events;
    r->events = ZHEI_NEW_ARRAY(zhei_revent, n_events ? n_events : 1);
    for (size_t i = 0; i < n_events; i++) {
        const zhe_event *e = &evs->v[i];
        zhei_revent *o = &r->events[i];
        o->type = S_puts(r, zhe_event_type_str(e->type));
        S_date(r, &o->date, &e->date);
        o->basis = S_puts(r, zhe_event_basis_str(e->date_basis));
        o->per = S_puts(r, zhe_price_per_str(e->per));
        o->chips_per_unit = e->chips_per_unit;
        o->period = S_puts(r, zhe_price_period_str(e->period));
        o->market = S_puts(r, zhe_price_market_str(e->market));
        o->modality = S_puts(r, zhe_modality_str(e->modality));
        o->polarity = S_puts(r, zhe_polarity_str(e->polarity));
        o->n_chips = ZHEI_MIN(e->n_chips, (size_t)ZHE_RECORD_MAX_CHIPS);
        for (size_t k = 0; k < o->n_chips; k++) {
            o->chips[k] = S_puts(r, e->chips[k]);
            o->vendors[k] = S_puts(r, e->vendors[k]);
        }
        if (e->money >= 0 && (size_t)e->money < ms->n) S_amount(r, &o->money, &ms->v[e->money]);
        if (e->quantity >= 0 && (size_t)e->quantity < ms->n)
            S_amount(r, &o->quantity, &ms->v[e->quantity]);
        size_t raw_end = ZHEI_MIN(e->raw_end, a->raw_len);
        size_t raw_start = ZHEI_MIN(e->raw_start, raw_end);
        o->headline = e->headline != 0;
        if (o->headline) o->quote = S_puts(r, a->title);
        else o->quote = S_put(r, a->raw + raw_start, raw_end - raw_start);
        o->sentence = e->sentence;
        o->start = e->start;
        o->end = e->end;
        o->trigger = S_puts(r, e->trigger);
        o->confidence = S_round(e->confidence);
        o->rule = S_puts(r, e->rule);
        o->key = S_puts(r, e->key);
        o->has_mark = !o->headline && S_mark(ms, e, &o->mark_start, &o->mark_end);
    }
    return ZHE_OK;
}

void zhe_record_free(zhe_record *r)
{
    if (!r) return;
    zhe_buf_clear(&r->strs);
    zhe_free(r->sentences);
    zhe_free(r->mentions);
    zhe_free(r->events);
    zhe_free(r);
}

const char *zhe_record_hash(const zhe_record *r)
{
    return r->hash;
}

const char *zhe_record_id(const zhe_record *r)
{
    return zhei_record_str(r, r->id);
}

size_t zhe_record_n_mentions(const zhe_record *r)
{
    return r->n_mentions;
}

/* The view of an amount or a count. */
static void S_view_amount(const zhe_record *r, const zhei_ramount *a, double *value,
                          double *high, const char **unit, const char **qualifier)
{
    *value = a->present ? a->value : NAN;
    *high = a->present ? a->high : NAN;
    *unit = zhei_record_str(r, a->unit);
    *qualifier = zhei_record_str(r, a->qualifier);
}

int zhe_record_mention_get(const zhe_record *r, size_t i, zhe_record_mention *out)
{
    if (i >= r->n_mentions) return 0;
    const zhei_rmention *m = &r->mentions[i];
    memset(out, 0, sizeof *out);
    out->type = zhei_rmention_type_str(m->type);
    out->text = zhei_record_str(r, m->text);
    out->start = m->start;
    out->end = m->end;
    out->sentence = m->sentence;
    out->confidence = m->confidence;
    out->rule = zhei_record_str(r, m->rule);
    out->model = zhei_record_str(r, m->model);
    out->vendor = zhei_record_str(r, m->vendor);
    out->variant = zhei_record_str(r, m->variant);
    S_view_amount(r, &m->amount, &out->amount, &out->high, &out->unit, &out->qualifier);
    out->timex = zhei_record_str(r, m->date.timex);
    out->mod = zhei_record_str(r, m->date.mod);
    out->first = zhei_record_str(r, m->date.start);
    out->last = zhei_record_str(r, m->date.end);
    return 1;
}

int zhe_record_event_get(const zhe_record *r, size_t i, zhe_record_event *out)
{
    if (i >= r->n_events) return 0;
    const zhei_revent *e = &r->events[i];
    memset(out, 0, sizeof *out);
    out->type = zhei_record_str(r, e->type);
    out->quote = zhei_record_str(r, e->quote);
    out->start = e->start;
    out->end = e->end;
    out->sentence = e->sentence;
    out->confidence = e->confidence;
    out->rule = zhei_record_str(r, e->rule);
    out->trigger = zhei_record_str(r, e->trigger);
    out->key = zhei_record_str(r, e->key);
    out->timex = zhei_record_str(r, e->date.timex);
    out->mod = zhei_record_str(r, e->date.mod);
    out->first = zhei_record_str(r, e->date.start);
    out->last = zhei_record_str(r, e->date.end);
    out->basis = zhei_record_str(r, e->basis);
    out->n_chips = e->n_chips;
    for (size_t k = 0; k < e->n_chips; k++) out->chips[k] = zhei_record_str(r, e->chips[k]);
    S_view_amount(r, &e->money, &out->amount, &out->high, &out->currency, &out->qualifier);
    const char *unused;
    S_view_amount(r, &e->quantity, &out->quantity, &out->quantity_high, &out->unit, &unused);
    out->per = zhei_record_str(r, e->per);
    out->chips_per_unit = e->chips_per_unit;
    out->period = zhei_record_str(r, e->period);
    out->market = zhei_record_str(r, e->market);
    out->modality = zhei_record_str(r, e->modality);
    out->polarity = zhei_record_str(r, e->polarity);
    out->headline = e->headline;
    return 1;
}

size_t zhe_record_n_events(const zhe_record *r)
{
    return r->n_events;
}

/* ------------------------------------------------------------- writing */

static json_t *S_jstr(const zhe_record *r, zhei_rstr s)
{
    return json_stringn(zhei_record_str(r, s), s.len);
}

/* A string that may be absent: null then. */
static json_t *S_jstr_or_null(const zhe_record *r, zhei_rstr s)
{
    return s.len ? S_jstr(r, s) : json_null();
}

/* A number as JSON: an integer when it is one (265000, not 265000.0). */
static json_t *S_jnum(double v)
{
    if (fabs(v) < 9e15 && v == floor(v)) return json_integer((json_int_t)v);
    return json_real(v);
}

static json_t *S_jamount(const zhe_record *r, const zhei_ramount *m, int money)
{
    json_t *v = json_object();
    json_object_set_new(v, "amount", S_jnum(m->value));
    if (!isnan(m->high)) json_object_set_new(v, "high", S_jnum(m->high));
    json_object_set_new(v, money ? "currency" : "unit", S_jstr(r, m->unit));
    json_object_set_new(v, "qualifier", S_jstr(r, m->qualifier));
    return v;
}

static json_t *S_jdate(const zhe_record *r, const zhei_rdate *d)
{
    if (!d->timex.len) return json_null();
    json_t *v = json_object();
    json_object_set_new(v, "timex", S_jstr(r, d->timex));
    json_object_set_new(v, "mod", d->mod.len ? S_jstr(r, d->mod) : json_null());
    json_object_set_new(v, "start", S_jstr(r, d->start));
    json_object_set_new(v, "end", S_jstr(r, d->end));
    return v;
}

static json_t *S_jmention(const zhe_record *r, const zhei_rmention *m, int flags)
{
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string(zhei_rmention_type_str(m->type)));
    json_object_set_new(o, "text", S_jstr(r, m->text));
    json_object_set_new(o, "start", json_integer((json_int_t)m->start));
    json_object_set_new(o, "end", json_integer((json_int_t)m->end));
    json_object_set_new(o, "sentence", json_integer((json_int_t)m->sentence));
    json_t *v = json_null();
    switch (m->type) {
    case ZHEI_RMENTION_CHIP:
        v = json_object();
        json_object_set_new(v, "model", S_jstr(r, m->model));
        json_object_set_new(v, "vendor", S_jstr(r, m->vendor));
        if (m->variant.len) json_object_set_new(v, "variant", S_jstr(r, m->variant));
        break;
    case ZHEI_RMENTION_MONEY:
    case ZHEI_RMENTION_QUANTITY:
        v = S_jamount(r, &m->amount, m->type == ZHEI_RMENTION_MONEY);
        break;
    case ZHEI_RMENTION_DATE:
        v = S_jdate(r, &m->date);
        break;
    }
    json_object_set_new(o, "value", v);
    json_object_set_new(o, "confidence", json_real(m->confidence));
    json_object_set_new(o, "rule", S_jstr(r, m->rule));
    if ((flags & ZHE_RECORD_STORE) && m->type == ZHEI_RMENTION_DATE)
        json_object_set_new(o, "basis", S_jstr(r, m->basis));
    return o;
}

static json_t *S_jevent(const zhe_record *r, const zhei_revent *e, int flags)
{
    json_t *o = json_object();
    json_object_set_new(o, "type", S_jstr(r, e->type));
    json_object_set_new(o, "date", S_jdate(r, &e->date));
    json_object_set_new(o, "date_basis", S_jstr(r, e->basis));
    json_t *chips = json_array();
    for (size_t k = 0; k < e->n_chips; k++) json_array_append_new(chips, S_jstr(r, e->chips[k]));
    json_object_set_new(o, "chips", chips);
    json_object_set_new(o, "money", e->money.present ? S_jamount(r, &e->money, 1) : json_null());
    json_object_set_new(o, "quantity",
                        e->quantity.present ? S_jamount(r, &e->quantity, 0) : json_null());
    json_object_set_new(o, "per", S_jstr_or_null(r, e->per));
    json_object_set_new(o, "chips_per_unit",
                        e->chips_per_unit ? json_integer(e->chips_per_unit) : json_null());
    json_object_set_new(o, "period", S_jstr_or_null(r, e->period));
    json_object_set_new(o, "market", S_jstr_or_null(r, e->market));
    json_object_set_new(o, "modality", S_jstr(r, e->modality));
    json_object_set_new(o, "polarity", S_jstr(r, e->polarity));
    json_object_set_new(o, "headline", json_boolean(e->headline));
    json_object_set_new(o, "sentence", S_jstr(r, e->quote));
    json_object_set_new(o, "start", json_integer((json_int_t)e->start));
    json_object_set_new(o, "end", json_integer((json_int_t)e->end));
    json_object_set_new(o, "trigger", S_jstr(r, e->trigger));
    json_object_set_new(o, "confidence", json_real(e->confidence));
    json_object_set_new(o, "rule", S_jstr(r, e->rule));
    json_object_set_new(o, "key", S_jstr(r, e->key));
    if (flags & ZHE_RECORD_STORE) {
        json_object_set_new(o, "sentence_index", json_integer((json_int_t)e->sentence));
        json_t *vendors = json_array();
        for (size_t k = 0; k < e->n_chips; k++)
            json_array_append_new(vendors, S_jstr(r, e->vendors[k]));
        json_object_set_new(o, "vendors", vendors);
        json_object_set_new(o, "mark", e->has_mark
                                           ? json_pack("[II]", (json_int_t)e->mark_start,
                                                       (json_int_t)e->mark_end)
                                           : json_null());
    }
    return o;
}

static int S_append(const char *s, size_t n, void *ctx)
{
    zhe_buf_put(ctx, s, n);
    return 0;
}

/* The value v (its reference taken) as compact JSON, after `"key":` and
 * a comma unless it is the object's first (key NULL: an array's
 * element).  What the line carries is written a part at a time, so that
 * no tree of a whole article's record is ever held: for 10 MB of text,
 * that tree took half a gigabyte. */
static void S_put_json(zhe_buf *out, int first, const char *key, json_t *v)
{
    if (!first) zhe_buf_putc(out, ',');
    if (key) zhe_buf_printf(out, "\"%s\":", key);
    if (!v) {                   /* jansson's NULL: a string not UTF-8 */
        zhe_buf_puts(out, "null");
        return;
    }
    json_dump_callback(v, S_append, out,
                       JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
    json_decref(v);
}

void zhe_record_write_json(const zhe_record *r, int flags, zhe_buf *out)
{
    zhe_buf_putc(out, '{');
    S_put_json(out, 1, "id", S_jstr(r, r->id));
    S_put_json(out, 0, "title", S_jstr(r, r->title));
    S_put_json(out, 0, "published", r->published.len ? S_jstr(r, r->published) : json_null());
    S_put_json(out, 0, "encoding", S_jstr(r, r->encoding));
    S_put_json(out, 0, "format", S_jstr(r, r->format));
    S_put_json(out, 0, "source", S_jstr(r, r->source));
    S_put_json(out, 0, "url", S_jstr(r, r->url));
    S_put_json(out, 0, "replacements", json_integer((json_int_t)r->replacements));
    S_put_json(out, 0, "traditional", json_boolean(r->traditional));
    S_put_json(out, 0, "sentences", json_integer((json_int_t)r->n_sentences));
    zhe_buf_puts(out, ",\"mentions\":[");
    for (size_t i = 0; i < r->n_mentions; i++)
        S_put_json(out, i == 0, NULL, S_jmention(r, &r->mentions[i], flags));
    zhe_buf_puts(out, "],\"events\":[");
    for (size_t i = 0; i < r->n_events; i++)
        S_put_json(out, i == 0, NULL, S_jevent(r, &r->events[i], flags));
    zhe_buf_putc(out, ']');
    if (flags & ZHE_RECORD_STORE) {
        S_put_json(out, 0, "hash", json_string(r->hash));
        S_put_json(out, 0, "path", S_jstr(r, r->path));
        S_put_json(out, 0, "record", json_integer((json_int_t)r->record));
        S_put_json(out, 0, "line", json_integer((json_int_t)r->line));
        S_put_json(out, 0, "chars", json_integer((json_int_t)r->chars));
        zhe_buf_puts(out, ",\"sentence_rows\":[");
        for (size_t i = 0; i < r->n_sentences; i++) {
            const zhei_rsentence *s = &r->sentences[i];
            S_put_json(out, i == 0, NULL,
                       json_pack("[IIs%s%]", (json_int_t)s->start, (json_int_t)s->end,
                                 zhei_record_str(r, s->text), s->text.len,
                                 zhei_record_str(r, s->seg), s->seg.len));
        }
        zhe_buf_putc(out, ']');
    }
    zhe_buf_putc(out, '}');
}

/* ------------------------------------------------------------- reading */

/* What reading one record needs: the record being filled, and where the
 * first problem is described. */
typedef struct {
    zhe_record *r;
    zhe_error *err;
    const char *path;
    uint64_t line;
    int bad;
} S_in;

static void S_bad(S_in *in, const char *where, const char *key, const char *want)
{
    if (in->bad) return;
    in->bad = 1;
    zhe_error_set(in->err, ZHE_ERR_FORMAT, in->path, in->line, UINT64_MAX,
                  "not a zhevents map record: %s%s%s: want %s", where, *where ? "." : "", key,
                  want);
}

/* The string at key of o (absent or null: ""). */
static zhei_rstr S_get_str(S_in *in, json_t *o, const char *where, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v)) return (zhei_rstr){ 0, 0 };
    if (!json_is_string(v)) {
        S_bad(in, where, key, "a string");
        return (zhei_rstr){ 0, 0 };
    }
    return S_put(in->r, json_string_value(v), json_string_length(v));
}

/* The number at key of o; NAN when absent and optional. */
static double S_get_num(S_in *in, json_t *o, const char *where, const char *key, int optional)
{
    json_t *v = json_object_get(o, key);
    if (!v && optional) return NAN;
    if (!json_is_number(v)) {
        S_bad(in, where, key, "a number");
        return NAN;
    }
    /* As the line carries it (jansson rejects what overflows): so that
     * the record written again reads back, DBL_MAX included. */
    return S_round(json_number_value(v));
}

/* The count (a whole number from 0 to 2^53) at key of o. */
static size_t S_get_count(S_in *in, json_t *o, const char *where, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v) || json_integer_value(v) < 0 ||
        json_integer_value(v) > ((json_int_t)1 << 53)) {
        S_bad(in, where, key, "a whole number");
        return 0;
    }
    return (size_t)json_integer_value(v);
}

static json_t *S_get_array(S_in *in, json_t *o, const char *where, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_array(v)) {
        S_bad(in, where, key, "an array");
        return NULL;
    }
    return v;
}

static void S_read_amount(S_in *in, json_t *v, const char *where, int money, zhei_ramount *out)
{
    if (!v || json_is_null(v)) return;
    if (!json_is_object(v)) {
        S_bad(in, where, money ? "money" : "amount", "an object");
        return;
    }
    out->present = 1;
    out->value = S_get_num(in, v, where, "amount", 0);
    out->high = S_get_num(in, v, where, "high", 1);
    out->unit = S_get_str(in, v, where, money ? "currency" : "unit");
    out->qualifier = S_get_str(in, v, where, "qualifier");
}

static void S_read_date(S_in *in, json_t *v, const char *where, zhei_rdate *out)
{
    if (!v || json_is_null(v)) return;
    if (!json_is_object(v)) {
        S_bad(in, where, "date", "an object");
        return;
    }
    out->timex = S_get_str(in, v, where, "timex");
    out->mod = S_get_str(in, v, where, "mod");
    out->start = S_get_str(in, v, where, "start");
    out->end = S_get_str(in, v, where, "end");
}

/* The mention type named s, or 0. */
static zhei_rmention_type S_mention_type(const char *s)
{
    for (int t = ZHEI_RMENTION_CHIP; t <= ZHEI_RMENTION_QUANTITY; t++)
        if (!strcmp(s, zhei_rmention_type_str((zhei_rmention_type)t)))
            return (zhei_rmention_type)t;
    return 0;
}

static void S_read_mention(S_in *in, json_t *o, size_t i, zhei_rmention *m)
{
    char where[40];
    snprintf(where, sizeof where, "mentions[%zu]", i);
    if (!json_is_object(o)) {
        S_bad(in, "", where, "an object");
        return;
    }
    json_t *type = json_object_get(o, "type");
    m->type = json_is_string(type) ? S_mention_type(json_string_value(type)) : 0;
    if (!m->type) S_bad(in, where, "type", "chip, money, date or quantity");
    m->text = S_get_str(in, o, where, "text");
    m->start = S_get_count(in, o, where, "start");
    m->end = S_get_count(in, o, where, "end");
    m->sentence = S_get_count(in, o, where, "sentence");
    m->confidence = S_get_num(in, o, where, "confidence", 0);
    m->rule = S_get_str(in, o, where, "rule");
    json_t *v = json_object_get(o, "value");
    switch (m->type) {
    case ZHEI_RMENTION_CHIP:
        if (!json_is_object(v)) {
            S_bad(in, where, "value", "an object");
            break;
        }
        m->model = S_get_str(in, v, where, "model");
        m->vendor = S_get_str(in, v, where, "vendor");
        m->variant = S_get_str(in, v, where, "variant");
        break;
    case ZHEI_RMENTION_MONEY:
    case ZHEI_RMENTION_QUANTITY:
        S_read_amount(in, v, where, m->type == ZHEI_RMENTION_MONEY, &m->amount);
        break;
    case ZHEI_RMENTION_DATE:
        S_read_date(in, v, where, &m->date);
        m->basis = S_get_str(in, o, where, "basis");
        break;
    }
}

/* The strings of array key of o, at most ZHE_RECORD_MAX_CHIPS; their
 * number in *n. */
static void S_read_names(S_in *in, json_t *o, const char *where, const char *key,
                         zhei_rstr *out, size_t *n)
{
    json_t *arr = S_get_array(in, o, where, key);
    *n = 0;
    if (!arr) return;
    if (json_array_size(arr) > ZHE_RECORD_MAX_CHIPS) {
        S_bad(in, where, key, "at most 8 names");
        return;
    }
    for (size_t k = 0; k < json_array_size(arr); k++) {
        json_t *v = json_array_get(arr, k);
        if (!json_is_string(v)) {
            S_bad(in, where, key, "strings");
            return;
        }
        out[(*n)++] = S_put(in->r, json_string_value(v), json_string_length(v));
    }
}

/* The name at key of o: one name(i) spells, i from 0 to last.  Absent or
 * null: name(dflt), or "" when dflt is -1. */
static zhei_rstr S_get_name(S_in *in, json_t *o, const char *where, const char *key,
                            const char *(*name)(int), int last, int dflt)
{
    zhei_rstr v = S_get_str(in, o, where, key);
    if (!v.len) return dflt >= 0 ? S_puts(in->r, name(dflt)) : v;
    const char *s = zhei_record_str(in->r, v);
    for (int i = 0; i <= last; i++)
        if (name(i) && strcmp(name(i), s) == 0) return v;
    S_bad(in, where, key, "one of the names DESIGN.md gives");
    return v;
}

static const char *S_per_name(int i) { return zhe_price_per_str((zhe_price_per)i); }
static const char *S_period_name(int i) { return zhe_price_period_str((zhe_price_period)i); }
static const char *S_market_name(int i) { return zhe_price_market_str((zhe_price_market)i); }
static const char *S_modality_name(int i) { return zhe_modality_str((zhe_modality)i); }
static const char *S_polarity_name(int i) { return zhe_polarity_str((zhe_polarity)i); }

/*
** What an event means: per, chips_per_unit, period, market, modality,
** polarity, headline.  A record of a zhevents before them has none: a
** plain fact of the text then (asserted, positive), of nothing said.
*/
static void S_read_meaning(S_in *in, json_t *o, const char *where, zhei_revent *e)
{
    e->per = S_get_name(in, o, where, "per", S_per_name, ZHE_PER_CLUSTER, -1);
    e->period = S_get_name(in, o, where, "period", S_period_name, ZHE_PERIOD_YEAR, -1);
    e->market = S_get_name(in, o, where, "market", S_market_name, ZHE_MARKET_USED, -1);
    e->modality = S_get_name(in, o, where, "modality", S_modality_name, ZHE_MODALITY_RUMORED,
                             ZHE_MODALITY_ASSERTED);
    e->polarity = S_get_name(in, o, where, "polarity", S_polarity_name, ZHE_POLARITY_NEGATIVE,
                             ZHE_POLARITY_POSITIVE);
    json_t *headline = json_object_get(o, "headline");
    if (headline && !json_is_boolean(headline)) S_bad(in, where, "headline", "true or false");
    e->headline = json_is_true(headline);
    json_t *cpu = json_object_get(o, "chips_per_unit");
    if (cpu && !json_is_null(cpu)) {
        if (!json_is_integer(cpu) || json_integer_value(cpu) < 1 ||
            json_integer_value(cpu) > 1000000)
            S_bad(in, where, "chips_per_unit", "a whole number from 1 to 1000000");
        else
            e->chips_per_unit = (unsigned)json_integer_value(cpu);
    }
}

static void S_read_event(S_in *in, json_t *o, size_t i, zhei_revent *e)
{
    char where[40];
    snprintf(where, sizeof where, "events[%zu]", i);
    if (!json_is_object(o)) {
        S_bad(in, "", where, "an object");
        return;
    }
    e->type = S_get_str(in, o, where, "type");
    if (!zhe_event_type_parse(zhei_record_str(in->r, e->type)))
        S_bad(in, where, "type", "an event type");
    S_read_date(in, json_object_get(o, "date"), where, &e->date);
    e->basis = S_get_str(in, o, where, "date_basis");
    S_read_names(in, o, where, "chips", e->chips, &e->n_chips);
    size_t n_vendors;
    S_read_names(in, o, where, "vendors", e->vendors, &n_vendors);
    if (!in->bad && n_vendors != e->n_chips) S_bad(in, where, "vendors", "one per chip");
    S_read_amount(in, json_object_get(o, "money"), where, 1, &e->money);
    S_read_amount(in, json_object_get(o, "quantity"), where, 0, &e->quantity);
    S_read_meaning(in, o, where, e);
    e->quote = S_get_str(in, o, where, "sentence");
    e->start = S_get_count(in, o, where, "start");
    e->end = S_get_count(in, o, where, "end");
    e->trigger = S_get_str(in, o, where, "trigger");
    e->confidence = S_get_num(in, o, where, "confidence", 0);
    e->rule = S_get_str(in, o, where, "rule");
    e->key = S_get_str(in, o, where, "key");
    e->sentence = S_get_count(in, o, where, "sentence_index");
    json_t *mark = json_object_get(o, "mark");
    if (mark && !json_is_null(mark)) {
        json_int_t a, b;
        if (json_unpack(mark, "[II]", &a, &b) != 0 || a < 0 || b < a) {
            S_bad(in, where, "mark", "[start, end]");
            return;
        }
        e->has_mark = 1;
        e->mark_start = (size_t)a;
        e->mark_end = (size_t)b;
    }
}

static void S_read_sentence(S_in *in, json_t *row, size_t i, zhei_rsentence *s)
{
    json_int_t a, b;
    const char *text, *seg;
    size_t text_len, seg_len;
    if (json_unpack(row, "[IIs%s%]", &a, &b, &text, &text_len, &seg, &seg_len) != 0 || a < 0 ||
        b < a) {
        char where[40];
        snprintf(where, sizeof where, "sentence_rows[%zu]", i);
        S_bad(in, "", where, "[start, end, text, segmented text]");
        return;
    }
    s->start = (size_t)a;
    s->end = (size_t)b;
    s->text = S_put(in->r, text, text_len);
    s->seg = S_put(in->r, seg, seg_len);
}

/* 1 if s is 32 lower-case hex digits. */
static int S_is_hash(const char *s)
{
    if (!s || strlen(s) != 32) return 0;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f'))) return 0;
    return 1;
}

zhe_status zhe_record_read_json(const char *s, size_t len, const char *path, uint64_t line,
                                zhe_record **out, zhe_error *err)
{
    *out = NULL;
    json_error_t je;
    json_t *o = json_loadb(s, len, 0, &je);
    if (!o)
        return zhe_error_set(err, ZHE_ERR_FORMAT, path, line, UINT64_MAX,
                             "malformed JSON at column %d: %s", je.column, je.text);
    zhe_record *r = ZHEI_NEW(zhe_record);
    zhe_buf_reserve(&r->strs, len);
    S_in in = { r, err, path, line, 0 };
    if (!json_is_object(o)) {
        S_bad(&in, "", "the line", "a JSON object");
        goto done;
    }
    const char *hash = json_string_value(json_object_get(o, "hash"));
    if (!S_is_hash(hash)) {
        S_bad(&in, "", "hash", "32 hex digits (the line is not a record of zhevents map)");
        goto done;
    }
    memcpy(r->hash, hash, 33);
    json_t *id = json_object_get(o, "id");
    if (json_is_string(id)) r->id = S_put(r, json_string_value(id), json_string_length(id));
    r->title = S_get_str(&in, o, "", "title");
    r->published = S_get_str(&in, o, "", "published");
    r->url = S_get_str(&in, o, "", "url");
    r->source = S_get_str(&in, o, "", "source");
    r->path = S_get_str(&in, o, "", "path");
    r->format = S_get_str(&in, o, "", "format");
    r->encoding = S_get_str(&in, o, "", "encoding");
    r->record = S_get_count(&in, o, "", "record");
    r->line = S_get_count(&in, o, "", "line");
    r->replacements = S_get_count(&in, o, "", "replacements");
    r->chars = S_get_count(&in, o, "", "chars");
    json_t *trad = json_object_get(o, "traditional");
    if (!json_is_boolean(trad)) S_bad(&in, "", "traditional", "true or false");
    r->traditional = json_is_true(trad);
    if (!r->id.len) S_bad(&in, "", "id", "a string");

    json_t *arr = S_get_array(&in, o, "", "sentence_rows");
    r->n_sentences = arr ? json_array_size(arr) : 0;
    r->sentences = ZHEI_NEW_ARRAY(zhei_rsentence, r->n_sentences ? r->n_sentences : 1);
    for (size_t i = 0; i < r->n_sentences && !in.bad; i++)
        S_read_sentence(&in, json_array_get(arr, i), i, &r->sentences[i]);
    r->has_seg = 1;

    arr = S_get_array(&in, o, "", "mentions");
    r->n_mentions = arr ? json_array_size(arr) : 0;
    r->mentions = ZHEI_NEW_ARRAY(zhei_rmention, r->n_mentions ? r->n_mentions : 1);
    for (size_t i = 0; i < r->n_mentions && !in.bad; i++) {
        S_read_mention(&in, json_array_get(arr, i), i, &r->mentions[i]);
        if (!in.bad && r->mentions[i].sentence >= r->n_sentences)
            S_bad(&in, "mentions", "sentence", "the index of one of the sentence rows");
    }

    arr = S_get_array(&in, o, "", "events");
    r->n_events = arr ? json_array_size(arr) : 0;
    r->events = ZHEI_NEW_ARRAY(zhei_revent, r->n_events ? r->n_events : 1);
    for (size_t i = 0; i < r->n_events && !in.bad; i++) {
        S_read_event(&in, json_array_get(arr, i), i, &r->events[i]);
        if (!in.bad && r->events[i].sentence >= r->n_sentences)
            S_bad(&in, "events", "sentence_index", "the index of one of the sentence rows");
    }
done:
    json_decref(o);
    if (in.bad) {
        zhe_record_free(r);
        return err ? err->status : ZHE_ERR_FORMAT;
    }
    *out = r;
    return ZHE_OK;
}

/* -------------------------------------------------------- error records */

/* s as a JSON string, each byte that is not UTF-8 as U+FFFD: a message
 * can quote the bytes of a line that is not text, which jansson refuses. */
static json_t *S_jtext(const char *s)
{
    zhe_buf b = ZHE_BUF_INIT;
    zhe_buf_put_utf8(&b, s, strlen(s));
    json_t *v = json_stringn(b.ptr ? b.ptr : "", b.len);
    zhe_buf_clear(&b);
    return v;
}

void zhe_record_write_error_json(uint64_t line, const char *id, const zhe_error *err,
                                 zhe_buf *out)
{
    json_t *o = json_object();
    json_object_set_new(o, "error", S_jtext(err->message));
    json_object_set_new(o, "status", json_string(zhe_status_str(err->status)));
    json_object_set_new(o, "line", json_integer((json_int_t)line));
    if (id) json_object_set_new(o, "id", S_jtext(id));
    char *s = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    if (s) zhe_buf_puts(out, s);
    free(s);
}

int zhe_record_read_error_json(const char *s, size_t len, zhe_buf *msg, uint64_t *line)
{
    if (!memmem(s, len, "\"error\"", 7)) return 0;
    json_t *o = json_loadb(s, len, 0, NULL);
    json_t *e = json_object_get(o, "error");
    int is = json_is_string(e) && !json_object_get(o, "hash");
    if (is) {
        zhe_buf_puts(msg, json_string_value(e));
        json_t *l = json_object_get(o, "line");
        *line = json_is_integer(l) && json_integer_value(l) > 0 ? (uint64_t)json_integer_value(l)
                                                                : 0;
    }
    json_decref(o);
    return is;
}
