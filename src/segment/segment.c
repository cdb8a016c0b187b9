/*
** segment.c — word segmentation: normalized text in, words out, through an
** FTS5-shaped callback (see zhevents/segment.h).
**
** The lexicon is one open-addressing hash table of UTF-8 strings: every
** word with its log probability, and every prefix of two or more
** characters (so a walk along the text stops as soon as no word can start
** that way).  Words come
** from lexicons/words-jieba.tsv (general Chinese, with frequencies) and,
** marked as domain words, from chips.tsv (models and aliases) and
** segment-words.tsv.
**
** Each line is segmented in three steps:
**   1. domain words are matched first, longest match left to right, and
**      are never split (a Latin or digit run must not continue across
**      their ends: A100 is not found in A1000);
**   2. between them, a lattice of candidate words — lexicon words, number
**      tokens (26.5万, 2024年, 35%, 1,200, 一九九八年, 2024-05-24, 15:16), Latin runs (H100, CoWoS), runs
**      of one dot or dash (......), and single characters as the fallback — is searched for the most
**      probable path, right to left, the way jieba does without its HMM;
**   3. the path's words are reported; white space is not.
*/
#include "../lexicon/lexicon_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* Inlined: the segmenter hashes several short strings per character. */
#define XXH_INLINE_ALL
#include <xxhash.h>
#include <zhevents/segment.h>
#include <zhevents/text.h>

enum { E_WORD = 1, E_DOMAIN = 2 };

#define S_MAX_WORD 32   /* characters: longer lexicon entries are ignored */

/* An entry holds a string of up to S_KEY bytes (one or two Chinese
 * characters: most lookups) itself, and a longer one's offset into the
 * pool: the lookups that find their string then need no second cache miss
 * in the pool to compare it. */
#define S_KEY 6

typedef struct {
    uint32_t tag;       /* the hash's high bits: most mismatches stop here */
    float logp;         /* log probability of a word */
    uint8_t len;        /* bytes (at most S_MAX_WORD four-byte characters);
                           0 marks an empty slot */
    uint8_t flags;      /* E_WORD, E_DOMAIN; 0 for a prefix only */
    char key[S_KEY];    /* the string when len <= S_KEY, else its offset
                           into pool (a uint32_t, copied in) */
} S_entry;

#define S_QUEUE 16

typedef struct {
    const char *s;
    size_t len;
    uint64_t h;
    double freq;
} S_queued;

struct zhe_segmenter {
    char *pool;
    size_t pool_len, pool_cap;
    S_entry *slots;
    size_t cap, n, words;
    double total;           /* sum of the general words' frequencies */
    float logp_unknown;     /* a character no word covers */
    float logp_token;       /* a number or Latin run */
    S_queued queue[S_QUEUE];  /* while loading: words whose slots are being fetched */
    size_t queued, queue_head;
};

/* ------------------------------------------------------------ the table */

/* The string of entry e (len bytes). */
static const char *S_entry_str(const zhe_segmenter *seg, const S_entry *e)
{
    if (e->len <= S_KEY) return e->key;
    uint32_t off;
    memcpy(&off, e->key, sizeof off);
    return seg->pool + off;
}

/* Whether entry e, of the same length, holds s[0..len). */
static int S_entry_is(const zhe_segmenter *seg, const S_entry *e, const char *s, size_t len)
{
    if (len <= S_KEY) {
        for (size_t k = 0; k < len; k++)
            if (e->key[k] != s[k]) return 0;
        return 1;
    }
    return memcmp(S_entry_str(seg, e), s, len) == 0;
}

/* The slot for s[0..len), whose hash is h: its entry, or the empty slot
 * where it would go. */
static S_entry *S_slot(const zhe_segmenter *seg, const char *s, size_t len, uint64_t h)
{
    uint32_t tag = (uint32_t)(h >> 32);
    size_t i = (size_t)h & (seg->cap - 1);
    for (;;) {
        S_entry *e = &seg->slots[i];
        if (!e->len) return e;
        if (e->tag == tag && e->len == len && S_entry_is(seg, e, s, len)) return e;
        i = (i + 1) & (seg->cap - 1);
    }
}

static void S_grow(zhe_segmenter *seg)
{
    size_t old_cap = seg->cap;
    S_entry *old = seg->slots;
    seg->cap = old_cap ? old_cap * 2 : (size_t)1 << 20;
    seg->slots = ZHEI_NEW_ARRAY(S_entry, seg->cap);
    for (size_t k = 0; k < old_cap; k++) {
        if (!old[k].len) continue;
        const char *w = S_entry_str(seg, &old[k]);
        *S_slot(seg, w, old[k].len, XXH3_64bits(w, old[k].len)) = old[k];
    }
    zhe_free(old);
}

/* The entry for s[0..len), made (as a prefix) if it is not there. */
static S_entry *S_intern_h(zhe_segmenter *seg, const char *s, size_t len, uint64_t h)
{
    if ((seg->n + 1) * 3 > seg->cap * 2) S_grow(seg);     /* load under 2/3 */
    S_entry *e = S_slot(seg, s, len, h);
    if (e->len) return e;
    if (len <= S_KEY) {
        memcpy(e->key, s, len);
    } else {
        ZHEI_GROW(&seg->pool, &seg->pool_cap, seg->pool_len + len);
        memcpy(seg->pool + seg->pool_len, s, len);
        uint32_t off = (uint32_t)seg->pool_len;
        memcpy(e->key, &off, sizeof off);
        seg->pool_len += len;
    }
    e->tag = (uint32_t)(h >> 32);
    e->len = (uint8_t)len;
    e->flags = 0;
    e->logp = 0;
    seg->n++;
    return e;
}

static S_entry *S_intern(zhe_segmenter *seg, const char *s, size_t len)
{
    return S_intern_h(seg, s, len, XXH3_64bits(s, len));
}

/* Add word s[0..len) with its frequency and flags, and its prefixes of two
 * characters or more (every single character counts as a prefix: the walk
 * along the text never stops after one).  Prefixes longer than S_MAX_WORD
 * characters are left out: no walk goes that far. */
static void S_add_h(zhe_segmenter *seg, const char *s, size_t len, uint64_t h, double freq,
                    int flags)
{
    size_t chars = 0;
    for (size_t i = 0; i < len; chars++) {
        uint32_t cp;
        i += zhe_utf8_decode(s + i, len - i, &cp);
        if (i < len && chars >= 1 && chars < S_MAX_WORD) S_intern(seg, s, i);  /* a proper prefix */
    }
    if (chars == 0 || chars > S_MAX_WORD || len > UINT8_MAX) return;
    S_entry *e = S_intern_h(seg, s, len, h);
    if (!(e->flags & E_WORD)) seg->words++;
    /* Frequencies are turned into log probabilities once all are read. */
    e->logp = (float)ZHEI_MAX((double)e->logp, freq);
    e->flags |= (uint8_t)(E_WORD | flags);
}

static void S_add(zhe_segmenter *seg, const char *s, size_t len, double freq, int flags)
{
    S_add_h(seg, s, len, XXH3_64bits(s, len), freq, flags);
}

/*
** The general lexicon's 350,000 words go through a short queue: each
** word's slot is prefetched when it is read and filled S_QUEUE words
** later, so the table's cache misses overlap instead of following one
** another.  Load time went from about 105 ms to about 68 ms.
*/
static void S_queue_add(zhe_segmenter *seg, const char *s, size_t len, double freq)
{
    uint64_t h = XXH3_64bits(s, len);
    __builtin_prefetch(&seg->slots[h & (seg->cap - 1)]);
    if (seg->queued == S_QUEUE) {
        S_queued *q = &seg->queue[seg->queue_head];
        S_add_h(seg, q->s, q->len, q->h, q->freq, 0);
        seg->queue_head = (seg->queue_head + 1) % S_QUEUE;
        seg->queued--;
    }
    S_queued *q = &seg->queue[(seg->queue_head + seg->queued) % S_QUEUE];
    q->s = s, q->len = len, q->h = h, q->freq = freq;
    seg->queued++;
}

static void S_queue_flush(zhe_segmenter *seg)
{
    while (seg->queued) {
        S_queued *q = &seg->queue[seg->queue_head];
        S_add_h(seg, q->s, q->len, q->h, q->freq, 0);
        seg->queue_head = (seg->queue_head + 1) % S_QUEUE;
        seg->queued--;
    }
}

/* --------------------------------------------------------------- loading */

static int S_is_numeral_classifier(const char *w);

#define S_UNCOUNTED 3           /* jieba's frequency for a word without a count */
#define S_UNCOUNTED_PHRASE 0.01 /* what such a word of three or more characters counts */

/* A word of the general list (zhei_lexicon_each_word); NULL at its end,
 * before the file's text, which the queue points into, is freed. */
static void S_general_word(void *ctx, const char *word, size_t len, double freq,
                           const char *pos)
{
    zhe_segmenter *seg = ctx;
    if (!word) {
        S_queue_flush(seg);
        return;
    }
    /* The number grammar below makes the numeral; the measure word after
     * it is a word of its own. */
    if (!strcmp(pos, "m") && S_is_numeral_classifier(word)) return;
    /* jieba gives its entries that came without a count the frequency 3;
     * of three or more characters, most are phrases that both the PKU and
     * the MSR conventions split (据统计, 去年同期, 发布公告, 常务会议).  They
     * rank below any split into counted words, and above unknown
     * characters. */
    size_t chars = 0;
    for (size_t i = 0; i < len; i++) chars += ((unsigned char)word[i] & 0xC0) != 0x80;
    if (freq <= S_UNCOUNTED && chars >= 3) freq = S_UNCOUNTED_PHRASE;
    S_queue_add(seg, word, len, freq);
    seg->total += freq;
}

/* Domain words rank above any general word: this frequency is far above
 * the most frequent general word's. */
#define S_DOMAIN_FREQ 1e7

zhe_status zhe_segmenter_new(const zhe_lexicon *lex, zhe_segmenter **out, zhe_error *err)
{
    *out = NULL;
    zhe_segmenter *seg = ZHEI_NEW(zhe_segmenter);
    S_grow(seg);
    zhe_status st = zhei_lexicon_each_word(lex, S_general_word, seg, err);
    if (st != ZHE_OK) {
        zhe_segmenter_free(seg);
        return st;
    }
    /* The chip models and their aliases, then the trade's words. */
    for (size_t i = 0; i < lex->n_chips; i++) {
        const zhe_chip *c = &lex->chips[i];
        S_add(seg, c->model, strlen(c->model), S_DOMAIN_FREQ, E_DOMAIN);
        for (size_t k = 0; k < c->n_aliases; k++)
            S_add(seg, c->aliases[k], strlen(c->aliases[k]), S_DOMAIN_FREQ, E_DOMAIN);
    }
    for (size_t i = 0; i < lex->n_domain_words; i++) {
        const zhei_domain_word *w = &lex->domain_words[i];
        S_add(seg, w->word, w->len, w->freq > 0 ? w->freq : S_DOMAIN_FREQ, E_DOMAIN);
    }
    /* Frequencies to log probabilities, against the general lexicon's
     * total: domain words are not part of that distribution. */
    double total = seg->total > 0 ? seg->total : 1;
    for (size_t i = 0; i < seg->cap; i++) {
        S_entry *e = &seg->slots[i];
        if (e->flags & E_WORD) e->logp = (float)log(ZHEI_MAX((double)e->logp, 1e-6) / total);
    }
    seg->logp_unknown = (float)log(1.0 / total) - 2.0f;
    seg->logp_token = (float)log(1e4 / total);
    *out = seg;
    return ZHE_OK;
}

void zhe_segmenter_free(zhe_segmenter *seg)
{
    if (!seg) return;
    zhe_free(seg->pool);
    zhe_free(seg->slots);
    zhe_free(seg);
}

size_t zhe_segmenter_words(const zhe_segmenter *seg)
{
    return seg->words;
}

/* ------------------------------------------------------------ segmenting */

static int S_is_digit(uint32_t c) { return c >= '0' && c <= '9'; }
static int S_is_alpha(uint32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
static int S_is_alnum(uint32_t c) { return S_is_digit(c) || S_is_alpha(c); }

/* Chinese units that join the number before them, as PKU segments them:
 * 26.5万, 3亿, 2024年, 3月, 15日. */
static int S_is_number_unit(uint32_t c)
{
    switch (c) {
    case 0x4E07: /* 万 */ case 0x4EBF: /* 亿 */ case 0x5343: /* 千 */ case 0x767E: /* 百 */
    case 0x5E74: /* 年 */ case 0x6708: /* 月 */ case 0x65E5: /* 日 */ case 0x53F7: /* 号 */
    case 0x65F6: /* 时 */ case 0x5206: /* 分 */ case 0x79D2: /* 秒 */
        return 1;
    default:
        return 0;
    }
}

/* Chinese numeral characters of base/numerals.c that a numeral word is
 * made of: 〇零一二三四五六七八九十百千万亿两几 (not ○, 廿, 卅, 数). */
static int S_is_cn_numeral(uint32_t c)
{
    const zhei_numeral *n = zhei_numeral_of(c);
    return n && (n->kind & (ZHEI_NUMERAL_DIGIT | ZHEI_NUMERAL_UNIT | ZHEI_NUMERAL_JI)) &&
           !(n->flags & ZHEI_NUMERAL_CIRCLE);
}

/* 多 and 余 after a round number: 三百多, 20余. */
static int S_is_approx(uint32_t c) { return c == 0x591A || c == 0x4F59; }

/* Measure words that the general lexicon glues to numerals (三个, 一千三百余名)
 * and that both the PKU and the MSR conventions split off: 三 个. */
static int S_is_classifier(uint32_t c)
{
    switch (c) {
    case 0x4E2A: /* 个 */ case 0x4F4D: /* 位 */ case 0x540D: /* 名 */ case 0x53F0: /* 台 */
    case 0x5F20: /* 张 */ case 0x7247: /* 片 */ case 0x5757: /* 块 */ case 0x9897: /* 颗 */
    case 0x679A: /* 枚 */ case 0x5957: /* 套 */ case 0x4EF6: /* 件 */ case 0x6761: /* 条 */
    case 0x53EA: /* 只 */ case 0x6B21: /* 次 */ case 0x5BB6: /* 家 */ case 0x79CD: /* 种 */
    case 0x9879: /* 项 */ case 0x8F86: /* 辆 */ case 0x67B6: /* 架 */ case 0x8258: /* 艘 */
    case 0x672C: /* 本 */ case 0x90E8: /* 部 */ case 0x6240: /* 所 */ case 0x5EA7: /* 座 */
    case 0x95F4: /* 间 */ case 0x5C42: /* 层 */ case 0x682A: /* 株 */ case 0x5934: /* 头 */
    case 0x5339: /* 匹 */ case 0x652F: /* 支 */ case 0x6839: /* 根 */ case 0x7BC7: /* 篇 */
    case 0x4EFD: /* 份 */ case 0x6279: /* 批 */ case 0x6237: /* 户 */ case 0x4EBA: /* 人 */
    case 0x5904: /* 处 */ case 0x5377: /* 卷 */ case 0x65A4: /* 斤 */ case 0x5428: /* 吨 */
    case 0x5143: /* 元 */ case 0x5C81: /* 岁 */ case 0x5929: /* 天 */ case 0x53CC: /* 双 */
        return 1;
    default:
        return 0;
    }
}

/* Whether w is numerals and one measure word: 三个, 一千三百余名. */
static int S_is_numeral_classifier(const char *w)
{
    uint32_t prev = 0, c;
    size_t len = strlen(w), numerals = 0;
    for (size_t i = 0; i < len;) {
        if (prev) {
            if (!S_is_cn_numeral(prev) && !S_is_approx(prev)) return 0;
            numerals++;
        }
        i += zhe_utf8_decode(w + i, len - i, &c);
        prev = c;
    }
    return numerals > 0 && S_is_classifier(prev);
}

/* The end of the Chinese numeral starting at character i: a run of
 * numerals, a decimal point between two (十二点五), and 多 or 余 after one
 * (三百多, 二十余万); i if none starts there. */
static size_t S_cn_numeral_end(const uint32_t *cp, size_t n, size_t i)
{
    size_t j = i;
    while (j < n && (S_is_cn_numeral(cp[j]) ||
                     (cp[j] == 0x70B9 /* 点 */ && j > i && j + 1 < n && S_is_cn_numeral(cp[j + 1]))))
        j++;
    if (j > i && j < n && S_is_approx(cp[j])) {
        j++;
        if (j < n && (cp[j] == 0x4E07 || cp[j] == 0x4EBF)) j++;
    }
    return j;
}

/* A word of the lexicon that starts at some character of a line. */
typedef struct {
    uint32_t end;       /* the character after it */
    uint8_t flags;      /* E_WORD, E_DOMAIN */
    float logp;
} S_edge;

typedef struct {
    const char *s;
    uint32_t *pos;      /* pos[i]: byte offset of character i; pos[n] = end */
    uint32_t *cp;       /* the characters */
    size_t n;
    uint32_t *first;    /* the words starting at character i:
                           edges[first[i] .. first[i + 1]), shortest first */
    S_edge *edges;
    size_t n_edges, cap_edges;
    int edges_heap;     /* edges was allocated (else it is the caller's stack) */
} S_line;

/* The longest number or Latin token, in characters.  No number or name
 * of news comes near it; a longer run (100,000 万, a line of digits) is
 * cut into tokens of this length, so that the search from each of its
 * characters stops here instead of at the run's end, which would make a
 * run of n characters cost n * n. */
#define S_MAX_TOKEN 256

/* The end (a character index) of the number or Latin token starting at i,
 * or i if none starts there. */
static size_t S_token_end(const S_line *L, size_t i)
{
    size_t j = i, n = ZHEI_MIN(L->n, i + S_MAX_TOKEN);
    if (S_is_digit(L->cp[i])) {
        while (j < n && S_is_digit(L->cp[j])) j++;
        /* 26.5, 1,200 — a separator only between digits; and a date or a
         * time written with digits (2024-05-24, 2023/12/07, 15:16) */
        size_t first = j - i;
        for (;;) {
            uint32_t sep = j + 1 < n && S_is_digit(L->cp[j + 1]) ? L->cp[j] : 0;
            if (!(sep == '.' || sep == ',' || ((sep == '-' || sep == '/') && first == 4) ||
                  (sep == ':' && first <= 2)))
                break;
            j++;
            while (j < n && S_is_digit(L->cp[j])) j++;
        }
        while (j < n && S_is_alnum(L->cp[j])) j++;      /* 4090D, 80GB, 4nm */
        if (j < n && L->cp[j] == '%') return j + 1;
        if (j < n && S_is_approx(L->cp[j])) {           /* 300多, 20余万 */
            j++;
            if (j < n && (L->cp[j] == 0x4E07 || L->cp[j] == 0x4EBF)) j++;
            return j;
        }
        /* 1.3万亿, 3千万: every multiplier; otherwise one unit (2024年) */
        size_t m = j;
        while (m < n && (L->cp[m] == 0x4E07 || L->cp[m] == 0x4EBF || L->cp[m] == 0x5343 ||
                         L->cp[m] == 0x767E))
            m++;
        if (m > j) return m;
        if (j < n && S_is_number_unit(L->cp[j])) j++;
        return j;
    }
    /* Ordinals and percentages written out: 第一, 第32, 百分之十二点五. */
    size_t prefix = 0;
    if (L->cp[i] == 0x7B2C /* 第 */)
        prefix = 1;
    else if (i + 3 < n && L->cp[i] == 0x767E && L->cp[i + 1] == 0x5206 && L->cp[i + 2] == 0x4E4B)
        prefix = 3;     /* 百分之 */
    if (prefix) {
        size_t k = i + prefix;
        if (k < n && S_is_digit(L->cp[k])) {
            while (k < n && (S_is_digit(L->cp[k]) ||
                             (L->cp[k] == '.' && k + 1 < n && S_is_digit(L->cp[k + 1]))))
                k++;
            return k;
        }
        size_t e = S_cn_numeral_end(L->cp, n, k);
        return e > k ? e : i;
    }
    /* Two or more Chinese numerals, with a unit after them, are one number
     * (一九九八年, 二十五日, 三十二万, 三百多); a single one is left to the
     * lexicon. */
    if (S_is_cn_numeral(L->cp[i])) {
        j = S_cn_numeral_end(L->cp, n, i);
        if (j - i < 2) return i;
        if (!S_is_approx(L->cp[j - 1]) && j < n && S_is_number_unit(L->cp[j])) j++;
        return j;
    }
    /* A run of the same dot or dash (...... after NFKC of ……, ——) is one
     * mark. */
    uint32_t c = L->cp[i];
    if (c == '.' || c == '-' || c == 0x2014 || c == 0x2026 || c == 0x00B7) {
        while (j < n && L->cp[j] == c) j++;
        return j - i >= 2 ? j : i;
    }
    if (S_is_alpha(L->cp[i])) {
        while (j < n && (S_is_alnum(L->cp[j]) ||
                         ((L->cp[j] == '-' || L->cp[j] == '_' || L->cp[j] == '.') && j + 1 < n &&
                          S_is_alnum(L->cp[j + 1]))))
            j++;
        return j;
    }
    return i;
}

/* How many characters ahead S_lattice prefetches. */
#define S_AHEAD 8

static void S_edge_add(S_line *L, uint32_t end, const S_entry *e)
{
    if (L->n_edges == L->cap_edges) {
        size_t cap = L->cap_edges * 2;
        S_edge *v = ZHEI_NEW_ARRAY(S_edge, cap);
        memcpy(v, L->edges, L->n_edges * sizeof *v);
        if (L->edges_heap) zhe_free(L->edges);
        L->edges = v;
        L->cap_edges = cap;
        L->edges_heap = 1;
    }
    L->edges[L->n_edges++] = (S_edge){ (uint32_t)end, e->flags, e->logp };
}

/* Hash the one- and two-character strings at character i into h[0] and
 * h[1], and prefetch their slots. */
static void S_prefetch(const zhe_segmenter *seg, const S_line *L, size_t i, uint64_t h[2])
{
    const char *w = L->s + L->pos[i];
    h[0] = XXH3_64bits(w, L->pos[i + 1] - L->pos[i]);
    __builtin_prefetch(&seg->slots[h[0] & (seg->cap - 1)]);
    h[1] = 0;
    if (i + 2 <= L->n) {
        h[1] = XXH3_64bits(w, L->pos[i + 2] - L->pos[i]);
        __builtin_prefetch(&seg->slots[h[1] & (seg->cap - 1)]);
    }
}

/*
** The lexicon's words at every character of the line, into L->first and
** L->edges, looked up once for both the domain words and the lattice.  The
** walk from character i looks up i..i+1, i..i+2, … and stops at the first
** string that is neither a word nor a prefix of one (except the first:
** single characters are not stored as prefixes).
**
** The table is far larger than the caches, and most lookups miss them.  The
** slots of the one- and two-character strings (looked up at every
** character) are prefetched S_AHEAD characters ahead, so that the misses
** overlap instead of following one another.
*/
static void S_lattice(const zhe_segmenter *seg, S_line *L)
{
    uint64_t ahead[S_AHEAD][2];
    size_t n = L->n;
    for (size_t i = 0; i < S_AHEAD && i < n; i++) S_prefetch(seg, L, i, ahead[i]);
    for (size_t i = 0; i < n; i++) {
        uint64_t h1 = ahead[i % S_AHEAD][0], h2 = ahead[i % S_AHEAD][1];
        if (i + S_AHEAD < n) S_prefetch(seg, L, i + S_AHEAD, ahead[i % S_AHEAD]);
        L->first[i] = (uint32_t)L->n_edges;
        const char *w = L->s + L->pos[i];
        for (size_t j = i + 1; j <= n && j - i <= S_MAX_WORD; j++) {
            size_t len = L->pos[j] - L->pos[i];
            const S_entry *e =
                S_slot(seg, w, len, j == i + 1 ? h1 : j == i + 2 ? h2 : XXH3_64bits(w, len));
            if (!e->len) {
                if (j == i + 1) continue;
                break;
            }
            if (e->flags) S_edge_add(L, (uint32_t)j, e);
        }
    }
    L->first[n] = (uint32_t)L->n_edges;
}

/* The longest domain word starting at character i (its end), or i. */
static size_t S_domain_end(const S_line *L, size_t i)
{
    size_t best = i;
    /* A Latin or digit run must not go on across either end. */
    if (S_is_alnum(L->cp[i]) && i > 0 && S_is_alnum(L->cp[i - 1])) return i;
    for (uint32_t k = L->first[i]; k < L->first[i + 1]; k++) {
        size_t j = L->edges[k].end;
        if (!(L->edges[k].flags & E_DOMAIN)) continue;
        if (S_is_alnum(L->cp[j - 1]) && j < L->n && S_is_alnum(L->cp[j])) continue;
        best = j;
    }
    return best;
}

/* The most probable path through characters [a, b): next[i] is where the
 * word starting at i ends.  route is scratch of b + 1 floats. */
static void S_best_path(const zhe_segmenter *seg, const S_line *L, size_t a, size_t b,
                        float *route, uint32_t *next)
{
    route[b] = 0;
    for (size_t i = b; i-- > a;) {
        uint32_t c = L->cp[i];
        if (c == ' ') {
            route[i] = route[i + 1];
            next[i] = (uint32_t)(i + 1);
            continue;
        }
        float best = -INFINITY;
        size_t best_j = i + 1;
        size_t t = S_token_end(L, i);
        if (t > i && t <= b) {
            best = seg->logp_token + route[t];
            best_j = t;
        }
        int single = 0;
        for (uint32_t k = L->first[i]; k < L->first[i + 1]; k++) {
            const S_edge *ed = &L->edges[k];
            size_t j = ed->end;
            if (j > b) break;
            if (!(ed->flags & E_WORD)) continue;
            /* A word must not cut a Latin or digit run. */
            if (S_is_alnum(L->cp[j - 1]) && j < b && S_is_alnum(L->cp[j])) continue;
            if (j == i + 1) single = 1;
            float sc = ed->logp + route[j];
            if (sc > best) best = sc, best_j = j;
        }
        if (!single && t == i) {
            float sc = seg->logp_unknown + route[i + 1];
            if (sc > best) best = sc, best_j = i + 1;
        }
        route[i] = best;
        next[i] = (uint32_t)best_j;
    }
}

/* Report the words of characters [a, b) along next[].  Returns fn's rc. */
static int S_emit(const S_line *L, size_t a, size_t b, const uint32_t *next, zhe_token_fn fn,
                  void *ctx, size_t base)
{
    for (size_t i = a; i < b;) {
        size_t j = next[i];
        if (L->cp[i] != ' ') {
            int rc = fn(ctx, 0, L->s + L->pos[i], (int)(L->pos[j] - L->pos[i]),
                        (int)(base + L->pos[i]), (int)(base + L->pos[j]));
            if (rc) return rc;
        }
        i = j;
    }
    return 0;
}

/* Lines of up to this many bytes are segmented in scratch space on the
 * stack; longer ones allocate theirs.  Sentences, which the store
 * segments one by one, are nearly all shorter. */
#define S_STACK_BYTES 512
#define S_STACK_EDGES 2048

/* Segment one line (no '\n') starting at byte `base` of the caller's text. */
static int S_segment_line(const zhe_segmenter *seg, const char *s, size_t len, size_t base,
                          zhe_token_fn fn, void *ctx)
{
    if (!len) return 0;
    uint32_t pos_s[S_STACK_BYTES + 1], cp_s[S_STACK_BYTES + 1], first_s[S_STACK_BYTES + 1],
        next_s[S_STACK_BYTES + 1];
    float route_s[S_STACK_BYTES + 1];
    S_edge edges_s[S_STACK_EDGES];
    int heap = len > S_STACK_BYTES;
    S_line L;
    L.s = s;
    L.pos = heap ? ZHEI_NEW_ARRAY(uint32_t, len + 1) : pos_s;
    L.cp = heap ? ZHEI_NEW_ARRAY(uint32_t, len + 1) : cp_s;
    L.first = heap ? ZHEI_NEW_ARRAY(uint32_t, len + 1) : first_s;
    L.edges = edges_s;
    L.n_edges = 0;
    L.cap_edges = S_STACK_EDGES;
    L.edges_heap = 0;
    L.n = 0;
    for (size_t i = 0; i < len;) {
        L.pos[L.n] = (uint32_t)i;
        i += zhe_utf8_decode(s + i, len - i, &L.cp[L.n]);
        /* Any white space counts as a space here. */
        if (L.cp[L.n] == '\t' || L.cp[L.n] == '\r') L.cp[L.n] = ' ';
        L.n++;
    }
    L.pos[L.n] = (uint32_t)len;
    float *route = heap ? ZHEI_NEW_ARRAY(float, L.n + 1) : route_s;
    uint32_t *next = heap ? ZHEI_NEW_ARRAY(uint32_t, L.n + 1) : next_s;
    S_lattice(seg, &L);
    int rc = 0;
    size_t a = 0;       /* start of the stretch before the next domain word */
    for (size_t i = 0; i < L.n && !rc;) {
        size_t d = S_domain_end(&L, i);
        if (d == i) {
            /* Skip ahead over a number or Latin run: a domain word may not
             * start inside one. */
            size_t t = S_token_end(&L, i);
            i = t > i ? t : i + 1;
            continue;
        }
        S_best_path(seg, &L, a, i, route, next);
        rc = S_emit(&L, a, i, next, fn, ctx, base);
        next[i] = (uint32_t)d;
        if (!rc) rc = S_emit(&L, i, d, next, fn, ctx, base);
        a = i = d;
    }
    if (!rc && a < L.n) {
        S_best_path(seg, &L, a, L.n, route, next);
        rc = S_emit(&L, a, L.n, next, fn, ctx, base);
    }
    if (heap) {
        zhe_free(L.pos);
        zhe_free(L.cp);
        zhe_free(L.first);
        zhe_free(route);
        zhe_free(next);
    }
    if (L.edges_heap) zhe_free(L.edges);
    return rc;
}

int zhe_segment(const zhe_segmenter *seg, const char *text, size_t len, zhe_token_fn fn,
                void *ctx)
{
    int rc = 0;
    for (size_t i = 0; i < len && !rc;) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        rc = S_segment_line(seg, text + i, e - i, i, fn, ctx);
        i = e + 1;
    }
    return rc;
}
