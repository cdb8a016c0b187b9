/*
** extract.c — an article's mentions: chip models, money, dates and
** quantities (see zhevents/extract.h).  The extractor is made from a
** lexicon it borrows; this file runs its passes over each sentence of the
** normalized text (see extract_int.h for the files that make them):
**   1. the ignore rules of patterns.tsv claim their spans;
**   2. dates, by the article's dater (date_scan.c, date_resolve.c),
**      which keeps the narrative date from sentence to sentence;
**   3. chip models (chips.c), then the chip rules of patterns.tsv;
**   4. money and quantities (amounts.c).
** A last pass gives a currency to bare amounts in price sentences (卖到25万)
** when the article's other prices, or the sentence's, make it certain, at
** lower confidence.  Mentions end sorted, with offsets into the raw text.
*/
#include "extract_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Limits that no sentence of news comes near and no hostile input gets
 * past.  A rule of patterns.tsv is a user's pcre2 pattern, and one such
 * as (?:[0-9]+)+[A-Z] backtracks without end on a long run of digits;
 * the limits make a match that would need more give up, with an error
 * that the callers take as no match (rc < 0 ends the sentence's search).
 * The match limit counts backtracking points from each start position,
 * in the interpreter and in JIT-compiled code alike; the depth and heap
 * limits (in KiB) bound the interpreter's backtracking frames, which JIT
 * code keeps on its own stack of 32 KiB instead.  Every match of corpus/
 * and of the benchmark corpus needs fewer than 100 points and a depth
 * under 10; a runaway match gives up after about a millisecond. */
#define S_MATCH_LIMIT 100000
#define S_DEPTH_LIMIT 10000
#define S_HEAP_LIMIT 16384

/* The qualifier spelled s (qualifiers.tsv's names, checked by the
 * lexicon). */
static zhe_qualifier S_qualifier(const char *s)
{
    static const char *const names[] = {"exact", "approx", "at_least", "at_most",
                                        "more_than", "max", "min"};
    for (size_t k = 1; k < ZHEI_ARRAY_LEN(names); k++)
        if (!strcmp(s, names[k])) return (zhe_qualifier)k;
    return ZHE_QUAL_EXACT;
}

zhe_status zhe_extractor_new(const zhe_lexicon *lex, zhe_extractor **out, zhe_error *err)
{
    *out = NULL;
    zhe_extractor *ex = ZHEI_NEW(zhe_extractor);
    ex->lex = lex;
    ex->mctx = pcre2_match_context_create(NULL);
    if (!ex->mctx) zhei_out_of_memory(1, 64);
    pcre2_set_match_limit(ex->mctx, S_MATCH_LIMIT);
    pcre2_set_depth_limit(ex->mctx, S_DEPTH_LIMIT);
    pcre2_set_heap_limit(ex->mctx, S_HEAP_LIMIT);
    ex->quals = ZHEI_NEW_ARRAY(zhe_qualifier, lex->n_quals + 1);
    for (size_t k = 0; k < lex->n_quals; k++) ex->quals[k] = S_qualifier(lex->quals[k].qualifier);
    ex->price_words = ZHEI_NEW_ARRAY(const zhei_trigger *, lex->n_triggers + 1);
    for (size_t k = 0; k < lex->n_triggers; k++)
        if (!strcmp(lex->triggers[k].type, "price"))
            ex->price_words[ex->n_price_words++] = &lex->triggers[k];
    zhei_extract_amounts_compile(ex);
    zhe_status st = zhei_extract_chips_compile(ex, err);
    if (st != ZHE_OK) {
        zhe_extractor_free(ex);
        return st;
    }
    *out = ex;
    return ZHE_OK;
}

void zhe_extractor_free(zhe_extractor *ex)
{
    if (!ex) return;
    zhei_extract_chips_free(ex);
    pcre2_match_context_free(ex->mctx);
    zhe_free(ex->quals);
    zhe_free(ex->price_words);
    zhe_free(ex);
}

/* -------------------------------------------------------------- mentions */

const char *zhe_mention_type_str(zhe_mention_type t)
{
    switch (t) {
    case ZHE_MENTION_CHIP: return "chip";
    case ZHE_MENTION_MONEY: return "money";
    case ZHE_MENTION_DATE: return "date";
    case ZHE_MENTION_QUANTITY: return "quantity";
    }
    return "?";
}

void zhe_mentions_clear(zhe_mentions *ms)
{
    zhe_free(ms->v);
    memset(ms, 0, sizeof *ms);
}

/* --------------------------------------------------------------- the run */

/* A new mention of norm[start..end) in the current sentence. */
zhe_mention *zhei_extract_add(zhei_extract_run *r, zhe_mention_type type, const char *rule,
                              size_t start, size_t end, double confidence)
{
    ZHEI_GROW(&r->ms->v, &r->ms->cap, r->ms->n + 1);
    zhe_mention *m = &r->ms->v[r->ms->n++];
    memset(m, 0, sizeof *m);
    m->type = type;
    m->sentence = r->sentence;
    m->norm_start = start;
    m->norm_end = end;
    m->confidence = confidence;
    m->rule = rule;
    m->amount.high = NAN;
    return m;
}

/* Mark the bytes of the current sentence that ms->v[i] covers. */
static void S_mark(zhei_extract_run *r, size_t i)
{
    const zhe_mention *m = &r->ms->v[i];
    size_t a = ZHEI_MAX(m->norm_start, r->s0), b = ZHEI_MIN(m->norm_end, r->s1);
    if (a < b) memset(r->taken + (a - r->s0), 1, b - a);
}

/* Begin sentence k, norm[s0..s1): nothing of it is taken but what the
 * first passes found in it, ms->v[lo .. hi). */
static void S_sentence(zhei_extract_run *r, size_t k, size_t s0, size_t s1)
{
    r->sentence = k;
    r->s0 = s0;
    r->s1 = s1;
    ZHEI_GROW(&r->taken, &r->taken_cap, s1 - s0 + 1);
    memset(r->taken, 0, s1 - s0);
    for (size_t i = r->lo; i < r->hi; i++) S_mark(r, i);
    r->marked = r->ms->n;
}

/* Whether norm[start..end) overlaps a mention already found in the
 * current sentence. */
int zhei_extract_taken(zhei_extract_run *r, size_t start, size_t end)
{
    for (; r->marked < r->ms->n; r->marked++) S_mark(r, r->marked);
    start = ZHEI_MAX(start, r->s0);
    end = ZHEI_MIN(end, r->s1);
    for (size_t i = start; i < end; i++)
        if (r->taken[i - r->s0]) return 1;
    return 0;
}

static void S_dates(zhei_extract_run *r, zhe_dater *d, size_t s0, size_t s1)
{
    zhe_date_mention dm[64];
    size_t n = zhe_dater_find(d, r->a->norm + s0, s1 - s0, dm, ZHEI_ARRAY_LEN(dm));
    for (size_t i = 0; i < n && i < ZHEI_ARRAY_LEN(dm); i++) {
        if (dm[i].end <= dm[i].start || dm[i].end > s1 - s0) continue;
        zhe_mention *m = zhei_extract_add(r, ZHE_MENTION_DATE, dm[i].rule, s0 + dm[i].start,
                                          s0 + dm[i].end, 0.9);
        m->date = dm[i].tx;
        m->basis = dm[i].basis;
        if (dm[i].basis != ZHE_BASIS_ABSOLUTE) m->confidence = 0.8;
    }
}

/* The options for a pcre2 match of norm[0..end) from `at`.  pcre2 checks
 * the UTF-8 of the subject on every call, which cost more than the
 * matching itself: about ten calls go over each sentence.  The article's
 * text was checked once (r->valid); where at and end fall on character
 * boundaries, the check cannot fail and is skipped.  Elsewhere pcre2 still
 * checks, and reports what it finds as before. */
uint32_t zhei_extract_match_options(const zhei_extract_run *r, size_t at, size_t end)
{
    const char *norm = r->a->norm;
    if (!r->valid || (at < r->a->norm_len && ((unsigned char)norm[at] & 0xC0) == 0x80) ||
        (end < r->a->norm_len && ((unsigned char)norm[end] & 0xC0) == 0x80))
        return 0;
    return PCRE2_NO_UTF_CHECK;
}

/* ---------------------------------------------------------------- driver */

static int S_mention_cmp(const void *a, const void *b)
{
    const zhe_mention *x = a, *y = b;
    if (x->norm_start != y->norm_start) return x->norm_start < y->norm_start ? -1 : 1;
    if (x->norm_end != y->norm_end) return x->norm_end < y->norm_end ? -1 : 1;
    return (int)x->type - (int)y->type;
}

void zhe_extract(const zhe_extractor *ex, const zhe_article *a, zhe_mentions *ms)
{
    zhei_extract_run r = {.ex = ex, .a = a, .ms = ms, .first = ms->n};
    if (!a->norm || !a->n_sentences) return;
    r.md = pcre2_match_data_create(16, NULL);
    if (!r.md) zhei_out_of_memory(16, 2 * sizeof(PCRE2_SIZE));  /* not fewer events, silently */
    r.valid = zhe_utf8_valid(a->norm, a->norm_len);
    zhe_dater *d;
    zhe_dater_new(a->published, &d, NULL);
    size_t prev_end = 0;
    for (size_t k = 0; k < a->n_sentences; k++) {
        size_t s0 = a->sentences[k].off, s1 = s0 + a->sentences[k].len;
        if (k && memchr(a->norm + prev_end, '\n', s0 - prev_end)) zhe_dater_paragraph(d);
        prev_end = s1;
        S_sentence(&r, k, s0, s1);
        zhei_extract_rules(&r, s0, s1, 1);
        S_dates(&r, d, s0, s1);
        if (ex->n_chip_nodes) zhei_extract_chips(&r, s0, s1);
        zhei_extract_rules(&r, s0, s1, 0);
        zhei_extract_amounts(&r, s0, s1);
    }
    /* A copy: the mention it comes from moves when the list grows.  ""
     * when the article's money is in several currencies: each sentence
     * then lends its own. */
    char code[4] = "";
    const char *cur = zhei_extract_article_currency(&r);
    if (cur) memcpy(code, cur, strlen(cur) + 1);
    if (cur) {
        /* The first passes left the mentions in sentence order. */
        size_t passed = ms->n;
        r.hi = r.first;
        for (size_t k = 0; k < a->n_sentences; k++) {
            size_t s0 = a->sentences[k].off, s1 = s0 + a->sentences[k].len;
            for (r.lo = r.hi; r.hi < passed && ms->v[r.hi].sentence == k;) r.hi++;
            S_sentence(&r, k, s0, s1);
            zhei_extract_bare_amounts(&r, s0, s1, code);
        }
    }
    zhe_dater_free(d);
    pcre2_match_data_free(r.md);
    zhe_free(r.taken);
    /* What the ignore rules claimed is no mention. */
    size_t kept = r.first;
    for (size_t i = r.first; i < ms->n; i++)
        if (ms->v[i].type) ms->v[kept++] = ms->v[i];
    ms->n = kept;
    if (ms->n > r.first) qsort(ms->v + r.first, ms->n - r.first, sizeof *ms->v, S_mention_cmp);
    /* Code point offsets, counted along the text once: the mentions are in
     * text order, and the map keeps it. */
    size_t byte = 0, cp = 0;
    for (size_t i = r.first; i < ms->n; i++) {
        zhe_mention *m = &ms->v[i];
        m->raw_start = zhe_offmap_to_raw(&a->map, m->norm_start);
        m->raw_end = zhe_offmap_to_raw_end(&a->map, m->norm_end);
        if (m->raw_start < byte) byte = cp = 0;
        cp += zhe_utf8_count(a->raw + byte, m->raw_start - byte);
        byte = m->raw_start;
        m->start = cp;
        m->end = cp + zhe_utf8_count(a->raw + byte, m->raw_end - byte);
    }
}
