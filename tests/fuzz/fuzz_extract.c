/*
** fuzz_extract.c — fuzz target for extraction: the whole `extract` of the
** articles in one input, as the CLI does it: read, then the pipeline
** (zhe_pipeline_extract: prepare, extract, link) and the record made of
** it, written as extract writes it.
**
** The first input byte picks the publication date the articles get when
** they have none (one of a few around year and month ends, or none); the
** rest is the file.  Beyond "no crash", every mention must keep the
** extractor's promises: in text order (the body's, then the headline's, whose
** offsets are into the title), its spans inside the normalized and
** the raw text, its code point offsets those of its raw bytes, a known
** type with a rule; chips with a model and a vendor; amounts finite, a
** range's upper end above its lower; currencies three capital letters;
** dates with a value and first and last days that are real days, in order,
** between the years 1 and 2999.  Every event likewise: a known type
** and basis, its sentence's spans (or, told only in the headline, the
** title's), its money and quantity mentions of
** those types, its date that of its date mention (or a real day), chips
** named, a key of 16 hex digits.
**
** Built with -Dfuzzing=true -Dfuzzer_ldflags=-fsanitize=fuzzer it is a
** libFuzzer target; otherwise fuzz_main.c replays a corpus through it.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zhevents/zhevents.h>

static void S_fail(const char *what, const zhe_article *a, const zhe_mention *m)
{
    fprintf(stderr, "invariant broken: %s (article %s, mention at %zu..%zu)\n", what,
            a ? a->id : "?", m ? m->norm_start : 0, m ? m->norm_end : 0);
    abort();
}

static zhe_lexicon *S_lex;

/* Whether d is "YYYY-MM-DD", a real day between the years 1 and 2999 (the dater's range). */
static int S_day_ok(const char *d)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, dd;
    char tail;
    if (strlen(d) != 10 || sscanf(d, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3) return 0;
    if (y < 1 || y > 2999 || m < 1 || m > 12 || dd < 1 || dd > mdays[m - 1]) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && dd == 29 && !leap);
}

static void S_check_mention(const zhe_article *a, const zhe_mention *m)
{
    if (m->type < ZHE_MENTION_CHIP || m->type > ZHE_MENTION_QUANTITY || !m->rule || !*m->rule)
        S_fail("an unknown type or no rule", a, m);
    /* a mention of the headline (sentence SIZE_MAX) has its offsets in the
     * title, raw as the article gives it */
    const char *raw = m->sentence == SIZE_MAX ? a->title : a->raw;
    size_t raw_len = m->sentence == SIZE_MAX ? strlen(a->title) : a->raw_len;
    if (m->norm_start >= m->norm_end || (m->sentence != SIZE_MAX && m->norm_end > a->norm_len))
        S_fail("a span outside the normalized text", a, m);
    if (m->raw_start > m->raw_end || m->raw_end > raw_len)
        S_fail("a span outside the raw text", a, m);
    if (m->start != zhe_utf8_count(raw, m->raw_start) ||
        m->end - m->start != zhe_utf8_count(raw + m->raw_start, m->raw_end - m->raw_start))
        S_fail("code point offsets that are not those of its bytes", a, m);
    switch (m->type) {
    case ZHE_MENTION_CHIP:
        /* the vendor is "" only for a memory generation (HBM3E) */
        if (!m->model[0] || !m->vendor) S_fail("a chip with no model", a, m);
        break;
    case ZHE_MENTION_MONEY:
    case ZHE_MENTION_QUANTITY:
        if (!isfinite(m->amount.value) || m->amount.value < 0)
            S_fail("an amount that is not a finite number", a, m);
        if (!isnan(m->amount.high) &&
            (!isfinite(m->amount.high) || !(m->amount.high > m->amount.value)))
            S_fail("a range whose upper end is not above its lower", a, m);
        if (!zhe_qualifier_str(m->amount.qualifier)) S_fail("an unknown qualifier", a, m);
        if (m->type == ZHE_MENTION_MONEY) {
            for (int k = 0; k < 3; k++)
                if (m->currency[k] < 'A' || m->currency[k] > 'Z')
                    S_fail("a currency that is no ISO 4217 code", a, m);
            if (m->currency[3]) S_fail("a currency of more than three letters", a, m);
        } else if (!m->unit[0]) {
            S_fail("a quantity with no unit", a, m);
        }
        break;
    case ZHE_MENTION_DATE:
        if (!m->date.value[0] || strncmp(m->date.value, m->date.start, 4) > 0)
            S_fail("a date with no value", a, m);
        if (!S_day_ok(m->date.start) || !S_day_ok(m->date.end) ||
            strcmp(m->date.start, m->date.end) > 0)
            S_fail("a date whose days are not real days in order", a, m);
        break;
    }
}

static void S_check_event(const zhe_article *a, const zhe_mentions *ms, const zhe_event *e)
{
    if (!zhe_event_type_str(e->type) || !zhe_event_basis_str(e->date_basis) || !e->rule)
        S_fail("an event of no known type, basis or rule", a, NULL);
    if (e->headline) {
        /* told only in the headline: anchored at sentence 0, its quote the
         * title */
        if (e->sentence != 0 || !a->n_sentences || e->norm_start || e->norm_end ||
            e->raw_start || e->raw_end || e->start ||
            e->end != zhe_utf8_count(a->title, strlen(a->title)) || e->date_mention >= 0)
            S_fail("a headline event's spans", a, NULL);
    } else if (e->sentence >= a->n_sentences || e->norm_start > e->norm_end ||
               e->norm_end > a->norm_len || e->raw_start > e->raw_end ||
               e->raw_end > a->raw_len || e->start > e->end ||
               e->start != zhe_article_cp_offset(a, e->raw_start) ||
               e->end != zhe_article_cp_offset(a, e->raw_end)) {
        S_fail("an event's spans", a, NULL);
    }
    if ((e->money >= 0 && ((size_t)e->money >= ms->n || ms->v[e->money].type != ZHE_MENTION_MONEY)) ||
        (e->quantity >= 0 &&
         ((size_t)e->quantity >= ms->n || ms->v[e->quantity].type != ZHE_MENTION_QUANTITY)))
        S_fail("an event's money or quantity is no such mention", a, NULL);
    if (e->type == ZHE_EVENT_PRICE && e->money < 0) S_fail("a price without money", a, NULL);
    if (e->date_mention >= 0 &&
        ((size_t)e->date_mention >= ms->n || ms->v[e->date_mention].type != ZHE_MENTION_DATE ||
         strcmp(ms->v[e->date_mention].date.value, e->date.value) != 0))
        S_fail("an event's date is not its date mention's", a, NULL);
    if (e->date_basis != ZHE_EVENT_UNDATED &&
        (!e->date.value[0] || !S_day_ok(e->date.start) || !S_day_ok(e->date.end)))
        S_fail("an event's date", a, NULL);
    if (e->n_chips > ZHE_EVENT_MAX_CHIPS) S_fail("too many chips", a, NULL);
    for (size_t k = 0; k < e->n_chips; k++)
        if (!e->chips[k][0] || !e->vendors[k]) S_fail("a chip without a name", a, NULL);
    if (strlen(e->key) != 16 || strspn(e->key, "0123456789abcdef") != 16)
        S_fail("an event key", a, NULL);
}

static void S_check(void *ctx, zhe_status st, zhe_article *a, const zhe_error *err)
{
    const zhe_pipeline *p = ctx;
    if (st != ZHE_OK) {
        if (!err || !err->message[0]) S_fail("a reject without a message", NULL, NULL);
        return;
    }
    zhe_mentions ms = {0};
    zhe_events evs = {0};
    if (zhe_pipeline_extract(p, a, &ms, &evs, NULL) != ZHE_OK) S_fail("prepare failed", a, NULL);
    size_t n_body = 0;   /* the body's mentions, in text order, then the headline's */
    while (n_body < ms.n && ms.v[n_body].sentence != SIZE_MAX) n_body++;
    for (size_t i = 0; i < ms.n; i++) {
        S_check_mention(a, &ms.v[i]);
        if (i && i != n_body && ms.v[i].norm_start < ms.v[i - 1].norm_start)
            S_fail("mentions out of text order", a, &ms.v[i]);
        if (i < n_body ? ms.v[i].sentence >= a->n_sentences : ms.v[i].sentence != SIZE_MAX)
            S_fail("a mention in no sentence", a, &ms.v[i]);
    }
    for (size_t i = 0; i < evs.n; i++) S_check_event(a, &ms, &evs.v[i]);
    /* The record, written as extract writes it, holds them all. */
    zhe_record *r;
    zhe_record_new(NULL, a, &ms, &evs, &r, NULL);
    if (zhe_record_n_events(r) != evs.n) S_fail("the record lost events", a, NULL);
    zhe_buf line = ZHE_BUF_INIT;
    zhe_record_write_json(r, 0, &line);
    if (!line.len || !zhe_utf8_valid(line.ptr, line.len)) S_fail("the JSON line", a, NULL);
    zhe_buf_clear(&line);
    zhe_record_free(r);
    zhe_events_clear(&evs);
    zhe_mentions_clear(&ms);
    zhe_article_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const published[] = {NULL, "2023-11-09", "2024-01-01", "2023-12-31",
                                            "2024-02-29", "1000-01-01", "2999-12-31"};
    enum { N_PUB = sizeof published / sizeof *published };
    /* One pipeline per publication date, on one lexicon, made once. */
    static zhe_pipeline *pipes[N_PUB];
    if (size < 1) return 0;
    if (!S_lex && zhe_lexicon_open(NULL, &S_lex, NULL) != ZHE_OK) abort();
    size_t p = data[0] % N_PUB;
    if (!pipes[p]) {
        zhe_pipeline_options opt;
        zhe_pipeline_options_init(&opt);
        opt.lexicon = S_lex;
        opt.text.published = published[p];
        if (zhe_pipeline_new(&opt, &pipes[p], NULL) != ZHE_OK) abort();
    }
    zhe_text_read_buffer(zhe_pipeline_text(pipes[p]), "fuzz-input", (const char *)data + 1,
                         size - 1, S_check, pipes[p]);
    return 0;
}
