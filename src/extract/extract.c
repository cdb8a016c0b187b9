/*
** extract.c — an article's mentions: chip models, money, dates and
** quantities (see zhevents/extract.h).
**
** Each sentence of the normalized text is read in three passes:
**   1. dates, by the article's dater (date.c), which also keeps the
**      narrative date from sentence to sentence;
**   2. chip models, by one pcre2 pattern made from every model and alias
**      of chips.tsv, each alternative tagged with (*MARK) so the match
**      names its chip;
**   3. numbers (number.c) outside those spans, each looked at with the
**      words around it: a currency from currencies.tsv before or after
**      makes it money, a unit from units.tsv after it a quantity; 约, 左右,
**      不低于 and their kin qualify it.
** A last pass gives a currency to bare amounts in price sentences (卖到25万)
** when the article's other prices make it certain, at lower confidence.
*/
#include "../base/base_int.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <math.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zhevents/extract.h>

/* Under valgrind the patterns run in pcre2's interpreter: valgrind cannot
 * follow what JIT-compiled code reads, and reports every match as a use
 * of uninitialised memory. */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define S_ON_VALGRIND() RUNNING_ON_VALGRIND
#endif
#endif
#ifndef S_ON_VALGRIND
#define S_ON_VALGRIND() 0
#endif

/* JIT-compile re: optional speed, which a pattern works without. */
static void S_jit(pcre2_code *re)
{
    if (!S_ON_VALGRIND()) pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
}

typedef struct {
    char *model;
    char *vendor;
    char *context;      /* comma-separated words, one of which must be in
                           the sentence ("" when the name is unambiguous) */
} S_chip;

typedef struct {
    char *word;
    size_t len;
    char code[4];
    int before, after;      /* may stand before / after the amount */
} S_currency;

typedef struct {
    char *word;
    size_t len;
    char *not_before;       /* comma-separated words that make it an idiom */
} S_unit;

typedef struct {
    char *word;
    size_t len;
    int after;              /* stands after the amount (左右), else before (约) */
    zhe_qualifier q;
} S_qualword;

/* A rule of patterns.tsv. */
typedef struct {
    char *id;
    int ignore;             /* 1: its matches are no mention and hold none */
    pcre2_code *re;
    uint32_t group;         /* the `model` group's number */
    char *model;            /* the model's name, {} standing for the group */
    char *vendor;
} S_pattern;

struct zhe_extractor {
    S_chip *chips;
    size_t n_chips;
    pcre2_code *chip_re;
    S_currency *currencies;
    size_t n_currencies;
    S_unit *units;
    size_t n_units;
    S_qualword *quals;
    size_t n_quals;
    S_unit *price_words;    /* the price triggers of triggers.tsv */
    size_t n_price_words;
    pcre2_match_context *mctx;  /* match and depth limits for every pattern */
    S_pattern *patterns;    /* patterns.tsv, in file order */
    size_t n_patterns;
};

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

/* --------------------------------------------------------------- loading */

/* Append alias to the chip pattern: literal, except that a space or a
 * hyphen, or the step from two or more letters to a digit (RTX4090), may
 * be written with a space, a hyphen or nothing. */
static void S_pattern_alias(zhe_buf *re, const char *alias)
{
    size_t letters = 0;
    for (const char *p = alias; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == ' ' || c == '-') {
            zhe_buf_puts(re, "[ \\-]?");
            letters = 0;
            continue;
        }
        if (c >= '0' && c <= '9' && letters >= 2) zhe_buf_puts(re, "[ \\-]?");
        letters = ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? letters + 1 : 0;
        if (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && !(c >= '0' && c <= '9'))
            zhe_buf_putc(re, '\\');
        zhe_buf_putc(re, (char)c);
    }
}

typedef struct {
    char *alias;
    size_t chip;
} S_alias;

/* Longer aliases first: pcre2 takes the first alternative that matches. */
static int S_alias_cmp(const void *a, const void *b)
{
    size_t la = strlen(((const S_alias *)a)->alias), lb = strlen(((const S_alias *)b)->alias);
    return la < lb ? 1 : la > lb ? -1 : 0;
}

static zhe_status S_load_chips(zhe_extractor *ex, const char *dir, zhe_error *err)
{
    zhe_tsv t;
    zhe_status st = zhe_tsv_open(&t, dir, "chips.tsv", err);
    S_alias *aliases = NULL;
    size_t n_aliases = 0, cap_aliases = 0, cap_chips = 0;
    while (st == ZHE_OK && zhe_tsv_next(&t)) {
        if (t.ncol < 2 || !*t.col[0] || !*t.col[1]) {
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "expected model, vendor and aliases");
            break;
        }
        if (strlen(t.col[0]) >= sizeof(((zhe_mention *)0)->model)) {
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "a model name is at most %zu bytes",
                               sizeof(((zhe_mention *)0)->model) - 1);
            break;
        }
        ZHE_GROW(&ex->chips, &cap_chips, ex->n_chips + 1);
        S_chip *c = &ex->chips[ex->n_chips];
        c->model = zhe_strdup(t.col[0]);
        c->vendor = zhe_strdup(t.col[1]);
        c->context = zhe_strdup(t.ncol >= 4 ? t.col[3] : "");
        ZHE_GROW(&aliases, &cap_aliases, n_aliases + 1);
        aliases[n_aliases++] = (S_alias){zhe_strdup(t.col[0]), ex->n_chips};
        for (char *a = t.ncol >= 3 ? t.col[2] : ""; *a;) {
            char *comma = strchr(a, ',');
            size_t n = comma ? (size_t)(comma - a) : strlen(a);
            if (n) {
                ZHE_GROW(&aliases, &cap_aliases, n_aliases + 1);
                aliases[n_aliases++] = (S_alias){zhe_strndup(a, n), ex->n_chips};
            }
            a += n + (comma != NULL);
        }
        ex->n_chips++;
    }
    if (st == ZHE_OK && n_aliases) {
        qsort(aliases, n_aliases, sizeof *aliases, S_alias_cmp);
        /* A model is not part of a longer Latin or digit run: A100 is not
         * found in A1000 or RA100; but 8xA100 is eight A100s. */
        zhe_buf re = ZHE_BUF_INIT;
        zhe_buf_puts(&re, "(?:(?<![A-Za-z0-9])|(?<=[0-9][xX]))(?:");
        for (size_t i = 0; i < n_aliases; i++) {
            if (i) zhe_buf_putc(&re, '|');
            S_pattern_alias(&re, aliases[i].alias);
            zhe_buf_printf(&re, "(*MARK:%zu)", aliases[i].chip);
        }
        zhe_buf_puts(&re, ")(?![A-Za-z0-9])");
        int code;
        PCRE2_SIZE at;
        ex->chip_re = pcre2_compile((PCRE2_SPTR)re.ptr, re.len, PCRE2_UTF, &code, &at, NULL);
        if (!ex->chip_re) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(code, msg, sizeof msg);
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, 0, UINT64_MAX,
                               "the models do not make a pattern: %s", (char *)msg);
        } else {
            S_jit(ex->chip_re);
        }
        zhe_buf_clear(&re);
    }
    for (size_t i = 0; i < n_aliases; i++) zhe_free(aliases[i].alias);
    zhe_free(aliases);
    zhe_tsv_close(&t);
    return st;
}

static int S_by_length_desc(size_t la, size_t lb) { return la < lb ? 1 : la > lb ? -1 : 0; }

static int S_currency_cmp(const void *a, const void *b)
{
    return S_by_length_desc(((const S_currency *)a)->len, ((const S_currency *)b)->len);
}

static int S_unit_cmp(const void *a, const void *b)
{
    return S_by_length_desc(((const S_unit *)a)->len, ((const S_unit *)b)->len);
}

static zhe_status S_load_currencies(zhe_extractor *ex, const char *dir, zhe_error *err)
{
    zhe_tsv t;
    zhe_status st = zhe_tsv_open(&t, dir, "currencies.tsv", err);
    size_t cap = 0;
    while (st == ZHE_OK && zhe_tsv_next(&t)) {
        const char *pos = t.ncol >= 3 ? t.col[2] : "";
        int before = !strcmp(pos, "before") || !strcmp(pos, "both");
        int after = !strcmp(pos, "after") || !strcmp(pos, "both");
        if (t.ncol < 3 || !*t.col[0] || strlen(t.col[1]) != 3 || !(before || after)) {
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "expected a word, an ISO 4217 code and before, after or both");
            break;
        }
        ZHE_GROW(&ex->currencies, &cap, ex->n_currencies + 1);
        S_currency *c = &ex->currencies[ex->n_currencies++];
        c->word = zhe_strdup(t.col[0]);
        c->len = strlen(c->word);
        memcpy(c->code, t.col[1], 4);
        c->before = before;
        c->after = after;
    }
    zhe_tsv_close(&t);
    if (ex->n_currencies)
        qsort(ex->currencies, ex->n_currencies, sizeof *ex->currencies, S_currency_cmp);
    return st;
}

static zhe_status S_load_units(zhe_extractor *ex, const char *dir, zhe_error *err)
{
    zhe_tsv t;
    zhe_status st = zhe_tsv_open(&t, dir, "units.tsv", err);
    size_t cap = 0;
    while (st == ZHE_OK && zhe_tsv_next(&t)) {
        size_t len = strlen(t.col[0]);
        if (!len || len >= sizeof(((zhe_mention *)0)->unit)) {
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "expected a unit of at most %zu bytes",
                               sizeof(((zhe_mention *)0)->unit) - 1);
            break;
        }
        ZHE_GROW(&ex->units, &cap, ex->n_units + 1);
        ex->units[ex->n_units++] =
            (S_unit){zhe_strdup(t.col[0]), len, zhe_strdup(t.ncol >= 2 ? t.col[1] : "")};
    }
    zhe_tsv_close(&t);
    if (ex->n_units) qsort(ex->units, ex->n_units, sizeof *ex->units, S_unit_cmp);
    return st;
}

static int S_qual_cmp(const void *a, const void *b)
{
    return S_by_length_desc(((const S_qualword *)a)->len, ((const S_qualword *)b)->len);
}

static zhe_status S_load_qualifiers(zhe_extractor *ex, const char *dir, zhe_error *err)
{
    static const char *const names[] = {"exact", "approx", "at_least", "at_most",
                                        "more_than", "max", "min"};
    zhe_tsv t;
    zhe_status st = zhe_tsv_open(&t, dir, "qualifiers.tsv", err);
    size_t cap = 0;
    while (st == ZHE_OK && zhe_tsv_next(&t)) {
        int q = -1;
        for (size_t k = 1; t.ncol >= 3 && k < ZHE_ARRAY_LEN(names); k++)
            if (!strcmp(t.col[2], names[k])) q = (int)k;
        int after = t.ncol >= 3 && !strcmp(t.col[1], "after");
        if (q < 0 || !*t.col[0] || !(after || !strcmp(t.col[1], "before"))) {
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "expected a word, before or after, and a qualifier "
                               "(approx, at_least, at_most, more_than, max, min)");
            break;
        }
        ZHE_GROW(&ex->quals, &cap, ex->n_quals + 1);
        ex->quals[ex->n_quals++] =
            (S_qualword){zhe_strdup(t.col[0]), strlen(t.col[0]), after, (zhe_qualifier)q};
    }
    zhe_tsv_close(&t);
    if (ex->n_quals) qsort(ex->quals, ex->n_quals, sizeof *ex->quals, S_qual_cmp);
    return st;
}

static zhe_status S_load_triggers(zhe_extractor *ex, const char *dir, zhe_error *err)
{
    zhe_tsv t;
    zhe_status st = zhe_tsv_open(&t, dir, "triggers.tsv", err);
    size_t cap = 0;
    while (st == ZHE_OK && zhe_tsv_next(&t)) {
        if (t.ncol < 2 || !*t.col[0]) {
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "expected a word and an event type");
            break;
        }
        if (strcmp(t.col[1], "price") != 0) continue;
        ZHE_GROW(&ex->price_words, &cap, ex->n_price_words + 1);
        ex->price_words[ex->n_price_words++] =
            (S_unit){zhe_strdup(t.col[0]), strlen(t.col[0]), NULL};
    }
    zhe_tsv_close(&t);
    return st;
}

static zhe_status S_load_patterns(zhe_extractor *ex, const char *dir, zhe_error *err)
{
    zhe_tsv t;
    zhe_status st = zhe_tsv_open(&t, dir, "patterns.tsv", err);
    size_t cap = 0;
    while (st == ZHE_OK && zhe_tsv_next(&t)) {
        int ignore = t.ncol >= 3 && !strcmp(t.col[1], "ignore");
        int chip = t.ncol >= 5 && !strcmp(t.col[1], "chip") && *t.col[3] && *t.col[4];
        if (!*t.col[0] || !(ignore || chip) || !*t.col[2]) {
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "expected an id, a type (chip or ignore), a pattern, "
                               "and for a chip its model and vendor");
            break;
        }
        int code;
        PCRE2_SIZE at;
        pcre2_code *re = pcre2_compile((PCRE2_SPTR)t.col[2], PCRE2_ZERO_TERMINATED, PCRE2_UTF,
                                       &code, &at, NULL);
        if (!re) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(code, msg, sizeof msg);
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "pattern %s, at character %zu: %s", t.col[0], (size_t)at,
                               (char *)msg);
            break;
        }
        int group = chip ? pcre2_substring_number_from_name(re, (PCRE2_SPTR) "model") : 0;
        if (group < 0) {
            pcre2_code_free(re);
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "pattern %s has no group (?<model>…)", t.col[0]);
            break;
        }
        S_jit(re);
        ZHE_GROW(&ex->patterns, &cap, ex->n_patterns + 1);
        ex->patterns[ex->n_patterns++] = (S_pattern){
            zhe_strdup(t.col[0]), ignore, re, (uint32_t)group,
            zhe_strdup(chip ? t.col[3] : ""), zhe_strdup(chip ? t.col[4] : "")};
    }
    zhe_tsv_close(&t);
    return st;
}

zhe_status zhe_extractor_new(const char *dir, zhe_extractor **out, zhe_error *err)
{
    *out = NULL;
    if (!dir) dir = zhe_default_lexicon_dir();
    zhe_extractor *ex = ZHE_NEW(zhe_extractor);
    ex->mctx = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(ex->mctx, S_MATCH_LIMIT);
    pcre2_set_depth_limit(ex->mctx, S_DEPTH_LIMIT);
    pcre2_set_heap_limit(ex->mctx, S_HEAP_LIMIT);
    zhe_status st = S_load_chips(ex, dir, err);
    if (st == ZHE_OK) st = S_load_currencies(ex, dir, err);
    if (st == ZHE_OK) st = S_load_units(ex, dir, err);
    if (st == ZHE_OK) st = S_load_qualifiers(ex, dir, err);
    if (st == ZHE_OK) st = S_load_triggers(ex, dir, err);
    if (st == ZHE_OK) st = S_load_patterns(ex, dir, err);
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
    for (size_t i = 0; i < ex->n_chips; i++) {
        zhe_free(ex->chips[i].model);
        zhe_free(ex->chips[i].vendor);
        zhe_free(ex->chips[i].context);
    }
    zhe_free(ex->chips);
    pcre2_code_free(ex->chip_re);
    pcre2_match_context_free(ex->mctx);
    for (size_t i = 0; i < ex->n_currencies; i++) zhe_free(ex->currencies[i].word);
    zhe_free(ex->currencies);
    for (size_t i = 0; i < ex->n_units; i++) {
        zhe_free(ex->units[i].word);
        zhe_free(ex->units[i].not_before);
    }
    zhe_free(ex->units);
    for (size_t i = 0; i < ex->n_quals; i++) zhe_free(ex->quals[i].word);
    zhe_free(ex->quals);
    for (size_t i = 0; i < ex->n_price_words; i++) zhe_free(ex->price_words[i].word);
    zhe_free(ex->price_words);
    for (size_t i = 0; i < ex->n_patterns; i++) {
        zhe_free(ex->patterns[i].id);
        pcre2_code_free(ex->patterns[i].re);
        zhe_free(ex->patterns[i].model);
        zhe_free(ex->patterns[i].vendor);
    }
    zhe_free(ex->patterns);
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

/* The state of one article's extraction. */
typedef struct {
    const zhe_extractor *ex;
    const zhe_article *a;
    zhe_mentions *ms;
    size_t first;           /* this article's first mention in ms */
    size_t sentence;
    size_t lo, hi;          /* in the last pass, the first passes' mentions
                               of this sentence: ms->v[lo .. hi) */
    pcre2_match_data *md;
    int valid;              /* the article's norm is valid UTF-8 */
    /* The bytes of the current sentence [s0, s1) that its mentions cover:
     * taken[i - s0] is set for a covered byte i, for the mentions up to
     * ms->v[marked] (S_taken marks the newer ones as it is asked).  One
     * question costs the length asked about, not the number of mentions
     * the sentence has, which a hostile sentence makes 100,000. */
    unsigned char *taken;
    size_t taken_cap, s0, s1, marked;
} S_run;

/* A new mention of norm[start..end) in the current sentence. */
static zhe_mention *S_add(S_run *r, zhe_mention_type type, const char *rule, size_t start,
                          size_t end, double confidence)
{
    ZHE_GROW(&r->ms->v, &r->ms->cap, r->ms->n + 1);
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
static void S_mark(S_run *r, size_t i)
{
    const zhe_mention *m = &r->ms->v[i];
    size_t a = ZHE_MAX(m->norm_start, r->s0), b = ZHE_MIN(m->norm_end, r->s1);
    if (a < b) memset(r->taken + (a - r->s0), 1, b - a);
}

/* Begin sentence k, norm[s0..s1): nothing of it is taken but what the
 * first passes found in it, ms->v[lo .. hi). */
static void S_sentence(S_run *r, size_t k, size_t s0, size_t s1)
{
    r->sentence = k;
    r->s0 = s0;
    r->s1 = s1;
    ZHE_GROW(&r->taken, &r->taken_cap, s1 - s0 + 1);
    memset(r->taken, 0, s1 - s0);
    for (size_t i = r->lo; i < r->hi; i++) S_mark(r, i);
    r->marked = r->ms->n;
}

/* Whether norm[start..end) overlaps a mention already found in the
 * current sentence. */
static int S_taken(S_run *r, size_t start, size_t end)
{
    for (; r->marked < r->ms->n; r->marked++) S_mark(r, r->marked);
    start = ZHE_MAX(start, r->s0);
    end = ZHE_MIN(end, r->s1);
    for (size_t i = start; i < end; i++)
        if (r->taken[i - r->s0]) return 1;
    return 0;
}

static void S_dates(S_run *r, zhe_dater *d, size_t s0, size_t s1)
{
    zhe_date_mention dm[64];
    size_t n = zhe_dater_find(d, r->a->norm + s0, s1 - s0, dm, ZHE_ARRAY_LEN(dm));
    for (size_t i = 0; i < n && i < ZHE_ARRAY_LEN(dm); i++) {
        if (dm[i].end <= dm[i].start || dm[i].end > s1 - s0) continue;
        zhe_mention *m = S_add(r, ZHE_MENTION_DATE, dm[i].rule, s0 + dm[i].start, s0 + dm[i].end, 0.9);
        m->date = dm[i].tx;
        m->basis = dm[i].basis;
        if (dm[i].basis != ZHE_BASIS_ABSOLUTE) m->confidence = 0.8;
    }
}

static int S_is_letter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static int S_is_digit(char c) { return c >= '0' && c <= '9'; }

/* A variant written right after a model: its memory ("A100 80GB",
 * "A100,80G", "A100-80G") or its form ("H100 PCIe", "H100 SXM5",
 * "GB200 NVL72").  Returns its length in text (0 if none) and fills out. */
static size_t S_variant(const char *s, size_t len, char *out, size_t cap)
{
    size_t d = len && (s[0] == ' ' || s[0] == ',' || s[0] == '-'), i = d;
    while (i < len && S_is_digit(s[i])) i++;
    if (i > d && i - d <= 4 && i < len && (s[i] == 'G' || s[i] == 'g')) {
        size_t e = i + 1 + (i + 1 < len && (s[i + 1] == 'B' || s[i + 1] == 'b'));
        if (e < len && S_is_letter(s[e])) return 0;
        snprintf(out, cap, "%.*sGB", (int)(i - d), s + d);
        return e;
    }
    static const char *const forms[] = {"PCIe", "SXM", "NVL"};
    if (d == 0 || s[0] == ',') return 0;    /* a form stands after a space or a hyphen */
    for (size_t k = 0; k < ZHE_ARRAY_LEN(forms); k++) {
        size_t n = strlen(forms[k]);
        if (len - d < n || memcmp(s + d, forms[k], n)) continue;
        size_t e = d + n;
        while (e < len && e - d < 8 && S_is_digit(s[e])) e++;     /* SXM5, NVL72 */
        if (e < len && S_is_letter(s[e])) continue;
        snprintf(out, cap, "%.*s", (int)(e - d), s + d);
        return e;
    }
    return 0;
}

/* Whether sentence s[0..len) has one of the words a chip with an
 * ambiguous name needs (L2 is also a cache and a level of driving aid). */
static int S_in_context(const S_chip *c, const char *s, size_t len)
{
    if (!*c->context) return 1;
    for (const char *w = c->context; *w;) {
        const char *comma = strchr(w, ',');
        size_t n = comma ? (size_t)(comma - w) : strlen(w);
        if (n && memmem(s, len, w, n)) return 1;
        w += n + (comma != NULL);
    }
    return 0;
}

/* The options for a pcre2 match of norm[0..end) from `at`.  pcre2 checks
 * the UTF-8 of the subject on every call, which cost more than the
 * matching itself: about ten calls go over each sentence.  The article's
 * text was checked once (r->valid); where at and end fall on character
 * boundaries, the check cannot fail and is skipped.  Elsewhere pcre2 still
 * checks, and reports what it finds as before. */
static uint32_t S_match_options(const S_run *r, size_t at, size_t end)
{
    const char *norm = r->a->norm;
    if (!r->valid || (at < r->a->norm_len && ((unsigned char)norm[at] & 0xC0) == 0x80) ||
        (end < r->a->norm_len && ((unsigned char)norm[end] & 0xC0) == 0x80))
        return 0;
    return PCRE2_NO_UTF_CHECK;
}

/* The rules of patterns.tsv over sentence [s0, s1): ignore rules (ignore
 * = 1) claim their spans, chip rules add the models they name. */
static void S_patterns(S_run *r, size_t s0, size_t s1, int ignore)
{
    const char *norm = r->a->norm;
    for (size_t p = 0; p < r->ex->n_patterns; p++) {
        const S_pattern *pt = &r->ex->patterns[p];
        if (pt->ignore != ignore) continue;
        for (size_t at = s0; at < s1;) {
            int rc = pcre2_match(pt->re, (PCRE2_SPTR)norm, s1, at, S_match_options(r, at, s1),
                                 r->md, r->ex->mctx);
            if (rc < 0) break;      /* no match, or a limit hit (S_MATCH_LIMIT) */
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
            size_t start = ov[0], end = ov[1];
            if (!ignore) {
                if (pt->group >= (uint32_t)rc || ov[2 * pt->group] == PCRE2_UNSET) {
                    at = end > at ? end : at + 1;
                    continue;
                }
                start = ov[2 * pt->group];
                end = ov[2 * pt->group + 1];
            }
            if (end > start && !S_taken(r, start, end)) {
                zhe_mention *m = S_add(r, ignore ? 0 : ZHE_MENTION_CHIP, pt->id, start, end, 0.7);
                if (!ignore) {
                    /* the model: the template with {} the matched text */
                    const char *brace = strstr(pt->model, "{}");
                    if (brace)
                        snprintf(m->model, sizeof m->model, "%.*s%.*s%s",
                                 (int)(brace - pt->model), pt->model, (int)(end - start),
                                 norm + start, brace + 2);
                    else
                        snprintf(m->model, sizeof m->model, "%s", pt->model);
                    m->vendor = pt->vendor;
                    m->norm_end += S_variant(norm + end, s1 - end, m->variant,
                                             sizeof m->variant);
                }
            }
            at = ov[1] > at ? ov[1] : at + 1;
        }
    }
}

static void S_chips(S_run *r, size_t s0, size_t s1)
{
    const char *norm = r->a->norm;
    size_t at = s0;
    while (at < s1) {
        int rc = pcre2_match(r->ex->chip_re, (PCRE2_SPTR)norm, s1, at, S_match_options(r, at, s1),
                             r->md, r->ex->mctx);
        if (rc < 0) break;          /* no match, or a limit hit (S_MATCH_LIMIT) */
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
        size_t start = ov[0], end = ov[1];
        const char *mark = (const char *)pcre2_get_mark(r->md);
        size_t chip = mark ? strtoul(mark, NULL, 10) : r->ex->n_chips;
        if (end > start && chip < r->ex->n_chips && !S_taken(r, start, end) &&
            S_in_context(&r->ex->chips[chip], norm + s0, s1 - s0)) {
            zhe_mention *m = S_add(r, ZHE_MENTION_CHIP, "chip.lexicon", start, end, 0.95);
            snprintf(m->model, sizeof m->model, "%s", r->ex->chips[chip].model);
            m->vendor = r->ex->chips[chip].vendor;
            m->norm_end += S_variant(norm + end, s1 - end, m->variant, sizeof m->variant);
        }
        at = end > at ? end : at + 1;
    }
}

/* ------------------------------------------------------- money, quantity */

/* The qualifier word that stands after the amount at s[at] (after=1), or
 * before it, ending at s[at]; its length, 0 if none. */
static size_t S_qualifier_at(const zhe_extractor *ex, const char *s, size_t from, size_t at,
                             size_t to, int after, zhe_qualifier *q)
{
    for (size_t k = 0; k < ex->n_quals; k++) {
        const S_qualword *w = &ex->quals[k];
        if (w->after != after) continue;
        if (after ? to - at >= w->len && s[at] == w->word[0] &&
                        !memcmp(s + at, w->word, w->len)
                  : at - from >= w->len && s[at - w->len] == w->word[0] &&
                        !memcmp(s + at - w->len, w->word, w->len)) {
            *q = w->q;
            return w->len;
        }
    }
    return 0;
}

/* The longest currency that may stand after (after=1) or before an amount,
 * at s[at] or ending at s[at]; NULL if none. */
static const S_currency *S_currency_at(const zhe_extractor *ex, const char *s, size_t from,
                                       size_t at, size_t to, int after)
{
    for (size_t k = 0; k < ex->n_currencies; k++) {
        const S_currency *c = &ex->currencies[k];
        /* (the first byte before memcmp: this runs for every number) */
        if (after ? !c->after || to - at < c->len || s[at] != c->word[0] ||
                        memcmp(s + at, c->word, c->len)
                  : !c->before || at - from < c->len || s[at - c->len] != c->word[0] ||
                        memcmp(s + at - c->len, c->word, c->len))
            continue;
        /* A Latin code must not be part of a word: USD, not USDT. */
        unsigned char last = (unsigned char)c->word[c->len - 1];
        if (after && ((last | 0x20) >= 'a' && (last | 0x20) <= 'z') && at + c->len < to &&
            ((s[at + c->len] | 0x20) >= 'a' && (s[at + c->len] | 0x20) <= 'z'))
            continue;
        return c;
    }
    return NULL;
}

static const S_unit *S_unit_at(const zhe_extractor *ex, const char *s, size_t at, size_t to)
{
    for (size_t k = 0; k < ex->n_units; k++) {
        const S_unit *u = &ex->units[k];
        if (to - at >= u->len && s[at] == u->word[0] && !memcmp(s + at, u->word, u->len))
            return u;
    }
    return NULL;
}

static int S_is_ascii_alnum(char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Whether a number can begin with character c: a digit, a Chinese numeral,
 * or a word that starts the numbers of zhe_number_parse (几万, 数千, 上千万,
 * 成千上万, 千余).  Most characters of a text cannot, and are passed over
 * without asking the parser. */
static int S_number_char(uint32_t c)
{
    if (c < 0x80) return c >= '0' && c <= '9';
    switch (c) {
    case 0x96F6: case 0x3007: case 0x4E00: case 0x4E8C: case 0x4E24: case 0x4E09:
    case 0x56DB: case 0x4E94: case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D:
    case 0x5341: case 0x767E: case 0x5343: case 0x4E07: case 0x4EBF: case 0x5EFF:
    case 0x5345: case 0x51E0: case 0x6570: case 0x4E0A: case 0x6210:
        return 1;   /* 零〇一二两三四五六七八九十百千万亿廿卅几数上成 */
    default:
        return 0;
    }
}

/* Whether a number may start at s[i]: not inside a Latin or digit run (the
 * 4090 of RTX4090, the 5 of 2.5, the 17 of 10-17). */
static int S_number_may_start(const char *s, size_t s0, size_t i)
{
    if (i == s0) return 1;
    char p = s[i - 1];
    if (S_is_ascii_alnum(p)) return 0;
    /* after a separator only when it does not follow a digit: 原装,9片 */
    int sep = p == '.' || p == ',' || p == '-' || p == '/' || p == ':';
    if (!(sep && i - 1 > s0 && s[i - 2] >= '0' && s[i - 2] <= '9')) return 1;
    if (p != ',') return 0;
    /* A comma after digits groups thousands only before three digits, and
     * not after a model's digits: H100,9000元 and A100,300片 (a full-width
     * comma, normalized) are a model and then an amount. */
    size_t b = i - 1;
    while (b > s0 && s[b - 1] >= '0' && s[b - 1] <= '9') b--;
    if (b > s0 && S_is_ascii_alnum(s[b - 1])) return 1;
    size_t n = 0;
    while (s[i + n] >= '0' && s[i + n] <= '9') n++;
    return n != 3;
}

/* 块 is both a unit (8块显卡) and, in speech, the yuan (4万块).  It is money
 * when 钱 follows, or when the amount is too large for a count of cards and
 * neither a model nor a word for a part (显卡, 芯片, 板卡) follows. */
static int S_kuai_is_money(const char *s, size_t after, size_t to, double value)
{
    if (to - after >= 3 && !memcmp(s + after, "钱", 3)) return 1;
    if (after < to && S_is_ascii_alnum(s[after])) return 0;     /* 8块A100 */
    uint32_t c = 0;
    if (after < to) zhe_utf8_decode(s + after, to - after, &c);
    /* 200块显卡, 两块芯片, 1000块板卡, 8块硬盘 */
    static const uint32_t goods[] = {0x663E, 0x82AF, 0x5361, 0x677F, 0x6676, 0x5C4F, 0x786C,
                                     0x5185, 0x4E3B, 0x670D, 0x5B58};    /* 显芯卡板晶屏硬内主服存 */
    for (size_t k = 0; k < ZHE_ARRAY_LEN(goods); k++)
        if (c == goods[k]) return 0;
    return value >= 100;
}

/* The length of a range's separator at s[at] (至, 到, -, ~), or 0. */
static size_t S_range_sep(const char *s, size_t at, size_t to)
{
    static const char *const seps[] = {"至", "到", "~", "〜", "-", "—"};
    for (size_t k = 0; k < ZHE_ARRAY_LEN(seps); k++) {
        size_t n = strlen(seps[k]);
        if (to - at >= n && !memcmp(s + at, seps[k], n)) return n;
    }
    return 0;
}

/* An amount written with its unit on both ends of a range (1.4万元至1.6万元,
 * 3片到5片): if one follows the amount ending at s[end], make num the
 * range and return the range's end; else return end. */
static size_t S_range_tail(const zhe_extractor *ex, const char *s, size_t s0, size_t end,
                           size_t s1, const char *code, const S_unit *unit, zhe_number *num)
{
    size_t sep = S_range_sep(s, end, s1);
    zhe_number hi;
    size_t k = end + sep, n;
    if (!sep || !isnan(num->high) || !(n = zhe_number_parse(s + k, s1 - k, &hi)) ||
        !isnan(hi.high) || hi.vague || !(hi.value > num->value))
        return end;
    size_t j = k + n;
    if (j < s1 && s[j] == ' ') j++;
    if (code) {
        const S_currency *c = S_currency_at(ex, s, s0, j, s1, 1);
        if (!c || strcmp(c->code, code)) return end;
        j += c->len;
    } else {
        const S_unit *u = S_unit_at(ex, s, j, s1);
        if (u != unit) return end;
        j += u->len;
    }
    num->high = hi.value;
    num->qualifier = ZHE_QUAL_RANGE;
    return j;
}

/* Whether s[at] ends a clause: the end, or punctuation. */
static int S_clause_end(const char *s, size_t at, size_t to)
{
    if (at >= to) return 1;
    uint32_t c;
    zhe_utf8_decode(s + at, to - at, &c);
    return c == ',' || c == ';' || c == '.' || c == '!' || c == '?' || c == ':' || c == ')' ||
           c == 0x3001 /* 、 */ || c == 0x3002 /* 。 */ || c == 0x2026 /* … */ ||
           c == 0x201D /* ” */ || c == 0x300D /* 」 */;
}

/* Whether the unit u at s[at] is followed by a word that makes it an idiom
 * (一片看好, 一组数据). */
static int S_idiom_after(const S_unit *u, const char *s, size_t at, size_t to)
{
    for (const char *w = u->not_before; w && *w;) {
        const char *comma = strchr(w, ',');
        size_t n = comma ? (size_t)(comma - w) : strlen(w);
        if (n && to - at >= n && !memcmp(s + at, w, n)) return 1;
        w += n + (comma != NULL);
    }
    return 0;
}

static void S_amounts(S_run *r, size_t s0, size_t s1)
{
    const zhe_extractor *ex = r->ex;
    const char *s = r->a->norm;
    for (size_t i = s0; i < s1;) {
        uint32_t cp;
        size_t clen = zhe_utf8_next(s + i, s1 - i, &cp);
        zhe_number num;
        size_t n = 0;
        if (S_number_char(cp) && S_number_may_start(s, s0, i) && !S_taken(r, i, i + clen))
            n = zhe_number_parse(s + i, s1 - i, &num);
        if (!n || S_taken(r, i, i + n) || num.vague ||
            (i - s0 >= 3 && !memcmp(s + i - 3, "第", 3))) {     /* 第一台 is an ordinal */
            i += n ? n : clen;
            continue;
        }
        size_t start = i, end = i + n, j = end;
        if (j < s1 && s[j] == ' ') j++;
        const S_currency *cur = S_currency_at(ex, s, s0, j, s1, 1);
        const S_unit *unit = cur ? NULL : S_unit_at(ex, s, j, s1);
        size_t k = start;
        if (k > s0 && s[k - 1] == ' ') k--;
        const S_currency *pre = S_currency_at(ex, s, s0, k, s1, 0);
        if (pre && S_taken(r, k - pre->len, k)) pre = NULL;     /* 30万港币一张 */
        const char *code = NULL, *rule = "quantity.unit";
        double confidence = 0.9;
        /* 人民币3999元, 新台币45万元: the currency before names it, the 元
         * after is its unit; 2万美元 names its own. */
        if (pre && (!cur || !memcmp(cur->word, "元", 3))) {
            code = pre->code;
            start = k - pre->len;
            end = cur ? j + cur->len : end;
            unit = NULL;
            rule = "money.before";
        } else if (cur) {
            code = cur->code;
            end = j + cur->len;
            rule = "money.after";
        } else if (unit && !strcmp(unit->word, "块") &&
                   S_kuai_is_money(s, j + unit->len, s1, num.value)) {
            code = "CNY";
            end = j + unit->len + (s1 - (j + unit->len) >= 3 &&
                                   !memcmp(s + j + unit->len, "钱", 3) ? 3 : 0);
            unit = NULL;
            confidence = 0.7;
            rule = "money.kuai";
        }
        if (!code && !(unit && !S_idiom_after(unit, s, j + unit->len, s1))) {
            i += n;
            continue;
        }
        if (unit) end = j + unit->len;
        end = S_range_tail(ex, s, s0, end, s1, code, unit, &num);
        /* Qualifiers: the number's own form first (两万多, 三五), then the
         * words around it, which become part of the mention (约26.5万元). */
        zhe_qualifier q = num.qualifier, wq = ZHE_QUAL_EXACT;
        size_t qa = S_qualifier_at(ex, s, s0, end, s1, 1, &wq);
        if (qa && q == ZHE_QUAL_EXACT) q = wq, end += qa;
        size_t qb = S_qualifier_at(ex, s, s0, start, s1, 0, &wq);
        if (qb && (q == ZHE_QUAL_EXACT || q == wq) && !S_taken(r, start - qb, start))
            q = wq, start -= qb;    /* 约9万元左右: both say approx */
        zhe_mention *m = S_add(r, code ? ZHE_MENTION_MONEY : ZHE_MENTION_QUANTITY, rule, start,
                               end, code ? confidence : 0.8);
        m->amount = num;
        m->amount.qualifier = q;
        if (code) memcpy(m->currency, code, 4);
        else snprintf(m->unit, sizeof m->unit, "%s", unit->word);
        i = end;
    }
}

/* ------------------------------------------------------------ bare money */

static int S_price_sentence(const zhe_extractor *ex, const char *s, size_t len)
{
    for (size_t k = 0; k < ex->n_price_words; k++)
        if (memmem(s, len, ex->price_words[k].word, ex->price_words[k].len)) return 1;
    return 0;
}

/* The currency of the article's prices when there is just one; NULL if none
 * or several. */
static const char *S_article_currency(const S_run *r)
{
    const char *code = NULL;
    for (size_t i = r->first; i < r->ms->n; i++) {
        const zhe_mention *m = &r->ms->v[i];
        if (m->type != ZHE_MENTION_MONEY) continue;
        if (code && strcmp(code, m->currency)) return NULL;
        code = m->currency;
    }
    return code;
}

/* Amounts with 万 or 亿 and no unit, in a price sentence: 4万、13万、25万. */
/* The clause around s[i] within the sentence [s0, s1): between commas,
 * semicolons and colons (an enumeration with 、 stays one clause). */
static void S_clause(const char *s, size_t s0, size_t s1, size_t i, size_t *c0, size_t *c1)
{
    *c0 = i;
    while (*c0 > s0 && s[*c0 - 1] != ',' && s[*c0 - 1] != ';' && s[*c0 - 1] != ':') (*c0)--;
    *c1 = i;
    while (*c1 < s1 && s[*c1] != ',' && s[*c1] != ';' && s[*c1] != ':') (*c1)++;
}

static void S_bare_amounts(S_run *r, size_t s0, size_t s1, const char *code)
{
    const zhe_extractor *ex = r->ex;
    const char *s = r->a->norm;
    if (!S_price_sentence(ex, s + s0, s1 - s0)) return;
    for (size_t i = s0; i < s1;) {
        uint32_t cp;
        size_t clen = zhe_utf8_next(s + i, s1 - i, &cp), c0, c1;
        zhe_number num;
        size_t n = 0;
        if (S_number_char(cp) && S_number_may_start(s, s0, i) && !S_taken(r, i, i + clen))
            n = zhe_number_parse(s + i, s1 - i, &num);
        if (!n || num.vague || S_taken(r, i, i + n)) {
            i += n ? n : clen;
            continue;
        }
        /* The multiplier must be written: a bare 2023 or 4090 is no price;
         * and the clause must be about a price (涨到13万, not 出货50万). */
        int written = 0;
        for (size_t k = i; k + 3 <= i + n; k++)
            if (!memcmp(s + k, "万", 3) || !memcmp(s + k, "亿", 3)) written = 1;
        S_clause(s, s0, s1, i, &c0, &c1);
        size_t e = i + n;
        zhe_qualifier q = num.qualifier, wq = ZHE_QUAL_EXACT;
        size_t qa = S_qualifier_at(ex, s, s0, e, s1, 1, &wq);
        const S_unit *each = NULL;
        if (s1 - e >= 3 && (!memcmp(s + e, "一", 3) || !memcmp(s + e, "每", 3)))
            each = S_unit_at(ex, s, e + 3, s1);     /* 25万一张 */
        if (written && S_price_sentence(ex, s + c0, c1 - c0) &&
            (qa || each || S_clause_end(s, e, s1))) {
            if (qa && q == ZHE_QUAL_EXACT) q = wq, e += qa;
            zhe_mention *m = S_add(r, ZHE_MENTION_MONEY, "money.bare_price", i, e, 0.5);
            m->amount = num;
            m->amount.qualifier = q;
            memcpy(m->currency, code, 4);
        }
        i = e;
    }
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
    S_run r = {.ex = ex, .a = a, .ms = ms, .first = ms->n};
    if (!a->norm || !a->n_sentences) return;
    r.md = pcre2_match_data_create(16, NULL);
    if (!r.md) zhe_out_of_memory(16, 2 * sizeof(PCRE2_SIZE));  /* not fewer events, silently */
    r.valid = zhe_utf8_valid(a->norm, a->norm_len);
    zhe_dater *d = zhe_dater_new(a->published);
    size_t prev_end = 0;
    for (size_t k = 0; k < a->n_sentences; k++) {
        size_t s0 = a->sentences[k].off, s1 = s0 + a->sentences[k].len;
        if (k && memchr(a->norm + prev_end, '\n', s0 - prev_end)) zhe_dater_paragraph(d);
        prev_end = s1;
        S_sentence(&r, k, s0, s1);
        S_patterns(&r, s0, s1, 1);
        S_dates(&r, d, s0, s1);
        if (ex->chip_re) S_chips(&r, s0, s1);
        S_patterns(&r, s0, s1, 0);
        S_amounts(&r, s0, s1);
    }
    /* A copy: the mention it comes from moves when the list grows. */
    char code[4] = "";
    const char *cur = S_article_currency(&r);
    if (cur) memcpy(code, cur, 4);
    if (*code) {
        /* The first passes left the mentions in sentence order. */
        size_t passed = ms->n;
        r.hi = r.first;
        for (size_t k = 0; k < a->n_sentences; k++) {
            size_t s0 = a->sentences[k].off, s1 = s0 + a->sentences[k].len;
            for (r.lo = r.hi; r.hi < passed && ms->v[r.hi].sentence == k;) r.hi++;
            S_sentence(&r, k, s0, s1);
            S_bare_amounts(&r, s0, s1, code);
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
