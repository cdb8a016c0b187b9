/*
** clean.c — decides which parts of an article's raw text are the article.
**
** Scraped news carries more than the story: the title again as the first
** line, a dateline ("2023-12-07 14:20 来源：经济日报"), paragraphs the
** scraper picked up twice, and a footer (声明, 相关推荐 lists, Like/Previous/
** Next navigation, 版权所有, 本文来自…).  The cleaner does not copy text: it
** lists the byte ranges of raw that are kept, and the ones cut with their
** reason, so offsets into raw stay valid and `--verbose` can say what went.
**
** Paragraphs are lines, or pieces of a line separated by two or more
** ideographic spaces (how Sogou dumps mark them).  Footer markers come from
** lexicons/boilerplate.tsv and are compared after NFKC folding, so a
** full-width "声明：" matches "声明:".
*/
#include "text_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <xxhash.h>

/* -------------------------------------------------------------- markers */

void zhei_text_markers_load(zhe_text *tx, const zhe_lexicon *lex)
{
    tx->markers = ZHEI_NEW_ARRAY(zhei_text_marker, lex->n_markers + 1);
    for (size_t i = 0; i < lex->n_markers; i++) {
        const zhei_marker *lm = &lex->markers[i];
        zhei_text_marker *m = &tx->markers[tx->n_markers++];
        zhe_buf b = ZHE_BUF_INIT;
        zhei_normalize_fold(tx, lm->text, lm->len, &b);
        if (!b.ptr) zhe_buf_putc(&b, 0), b.len = 0;
        m->text = zhe_buf_detach(&b, &m->len);
        m->anywhere = lm->anywhere;
        m->tail = lm->tail;
    }
}

/* ----------------------------------------------------------- paragraphs */

typedef struct {
    size_t off, len;
    int cut;            /* 0, or a zhe_cut_reason */
    size_t cut_len;     /* for ZHE_CUT_DATELINE: bytes cut from the front */
} S_para;

/* Append paragraph raw[start..end), trimmed, if it is not empty. */
static void S_add_para(S_para **v, size_t *n, size_t *cap, const char *raw, size_t start,
                       size_t end)
{
    size_t k;
    while (start < end && (k = zhei_space_len(raw + start, end - start))) start += k;
    while (end > start) {
        if (zhei_is_space((unsigned char)raw[end - 1])) end--;
        else if (end - start >= 3 && memcmp(raw + end - 3, "\xE3\x80\x80", 3) == 0) end -= 3;
        else if (end - start >= 2 && memcmp(raw + end - 2, "\xC2\xA0", 2) == 0) end -= 2;
        else break;
    }
    if (start == end) return;
    ZHEI_GROW(v, cap, *n + 1);
    (*v)[*n].off = start;
    (*v)[*n].len = end - start;
    (*v)[*n].cut = 0;
    (*v)[*n].cut_len = 0;
    (*n)++;
}

static S_para *S_paragraphs(const char *raw, size_t len, size_t *out_n)
{
    static const char two_ideographic_spaces[] = "\xE3\x80\x80\xE3\x80\x80";
    S_para *v = NULL;
    size_t n = 0, cap = 0, start = 0;
    while (start <= len) {
        const char *nl = memchr(raw + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - raw) : len;
        /* Within the line, runs of two or more ideographic spaces after
         * some text also part paragraphs. */
        size_t from = start;
        const char *sp;
        while ((sp = zhei_memmem(raw + from, end - from, two_ideographic_spaces, 6))) {
            size_t i = (size_t)(sp - raw), j = i;
            while (j + 3 <= end && memcmp(raw + j, "\xE3\x80\x80", 3) == 0) j += 3;
            S_add_para(&v, &n, &cap, raw, start, i);
            start = from = j;
        }
        S_add_para(&v, &n, &cap, raw, start, end);
        start = end + 1;
    }
    *out_n = n;
    return v;
}

/* ------------------------------------------------------------ datelines */

/* If paragraph p is a dateline, mark it (whole, or its leading date only)
 * and return 1, storing the date in out.  A dateline written in full-width
 * digits is recognized after NFKC folding. */
static int S_dateline(const zhe_text *tx, const char *raw, S_para *p, char out[17], zhe_buf *tmp)
{
    size_t prefix;
    int k = zhei_dateline(raw + p->off, p->len, out, &prefix);
    if (k == 0 && p->len <= 3 * 160) {
        zhe_buf_truncate(tmp, 0);
        zhei_normalize_fold(tx, raw + p->off, p->len, tmp);
        if (tmp->len && zhei_dateline(tmp->ptr, tmp->len, out, &prefix) == 1) k = 1;
    }
    if (k == 1) p->cut = ZHE_CUT_DATELINE;
    if (k == 2) p->cut = ZHE_CUT_DATELINE, p->cut_len = prefix;
    return k != 0;
}

/* ------------------------------------------------------------- markers */

/* The marker that paragraph p matches, or NULL. */
static const zhei_text_marker *S_marker(const zhe_text *tx, const char *raw, const S_para *p, zhe_buf *tmp)
{
    if (!tx->n_markers) return NULL;
    /* Fold the paragraph's start (or all of a short one) once. */
    size_t take = p->len;
    /* At most 120 characters: at most 120 bytes surely, over 480 surely not. */
    int whole = p->len <= 120 || (p->len <= 480 && zhe_utf8_count(raw + p->off, p->len) <= 120);
    if (!whole) {
        take = 96;
        while (take > 0 && ((unsigned char)raw[p->off + take] & 0xC0) == 0x80) take--;
    }
    zhe_buf_truncate(tmp, 0);
    zhei_normalize_fold(tx, raw + p->off, take, tmp);
    const char *s = tmp->ptr ? tmp->ptr : "";
    size_t len = tmp->len;
    /* Skip an opening bracket. */
    static const char *const open[] = { "【", "[", "(", "〔", "「", "<", "《" };
    size_t h = 0;
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(open); i++) {
        size_t ol = strlen(open[i]);
        if (len >= ol && memcmp(s, open[i], ol) == 0) {
            h = ol;
            while (h < len && s[h] == ' ') h++;
            break;
        }
    }
    for (size_t i = 0; i < tx->n_markers; i++) {
        const zhei_text_marker *m = &tx->markers[i];
        if (m->anywhere) {
            if (whole && zhei_memmem(s, len, m->text, m->len)) return m;
        } else if (len - h >= m->len && memcmp(s + h, m->text, m->len) == 0) {
            return m;
        }
    }
    return NULL;
}

/* ------------------------------------------------------------- sources */

/* If the short paragraph p (a dateline or a byline being cut) names the
 * article's source — "来源：经济日报", "作者：林一舟 | 来源：算力前哨" — and
 * the article has none yet, take it. */
static void S_take_source(const zhe_text *tx, zhe_article *a, const S_para *p, zhe_buf *tmp)
{
    static const char key[] = "来源:";
    if (*a->source || p->len > 480) return;
    zhe_buf_truncate(tmp, 0);
    zhei_normalize_fold(tx, a->raw + p->off, p->len, tmp);
    const char *s = tmp->ptr ? tmp->ptr : "", *end = s + tmp->len;
    for (const char *k = s; (k = zhei_memmem(k, (size_t)(end - k), key, sizeof key - 1));
         k += sizeof key - 1) {
        /* Not 图片来源:; after a time (14:20来源:, the space dropped by
         * the normalizer) it is. */
        if (k != s && k[-1] != ' ' && k[-1] != '|' && !(k[-1] >= '0' && k[-1] <= '9')) continue;
        const char *v = k + sizeof key - 1, *e = v;
        while (v < end && *v == ' ') v++;
        e = v;
        while (e < end && *e != ' ' && *e != '|' && *e != ',' && *e != ')') e++;
        if (e > v && e - v <= 60) zhei_str_set(&a->source, v, (size_t)(e - v));
        return;
    }
}

/* ----------------------------------------------------------- duplicates */

/* Mark every kept paragraph that repeats an earlier kept one. */
static void S_dedupe(const char *raw, S_para *v, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    size_t *slots = ZHEI_NEW_ARRAY(size_t, cap);      /* paragraph index + 1 */
    for (size_t i = 0; i < n; i++) {
        if (v[i].cut) continue;
        const char *s = raw + v[i].off;
        size_t len = v[i].len;
        size_t k = (size_t)XXH3_64bits(s, len) & (cap - 1);
        for (;;) {
            if (!slots[k]) {
                slots[k] = i + 1;
                break;
            }
            const S_para *o = &v[slots[k] - 1];
            if (o->len == len && memcmp(raw + o->off, s, len) == 0) {
                v[i].cut = ZHE_CUT_DUPLICATE;
                break;
            }
            k = (k + 1) & (cap - 1);
        }
    }
    zhe_free(slots);
}

/* ----------------------------------------------------------------- clean */

static void S_add_span(zhe_span **v, size_t *n, size_t *cap, size_t off, size_t len)
{
    ZHEI_GROW(v, cap, *n + 1);
    (*v)[*n].off = off;
    (*v)[*n].len = len;
    (*n)++;
}

static void S_add_cut(zhe_article *a, size_t *cap, size_t off, size_t len, zhe_cut_reason r)
{
    /* A tail is one cut, from its first paragraph to the end. */
    if (r == ZHE_CUT_TAIL && a->n_cuts && a->cuts[a->n_cuts - 1].reason == ZHE_CUT_TAIL) {
        zhe_cut *c = &a->cuts[a->n_cuts - 1];
        c->span.len = off + len - c->span.off;
        return;
    }
    ZHEI_GROW(&a->cuts, cap, a->n_cuts + 1);
    a->cuts[a->n_cuts].span.off = off;
    a->cuts[a->n_cuts].span.len = len;
    a->cuts[a->n_cuts].reason = r;
    a->n_cuts++;
}

void zhe_clean(const zhe_text *tx, zhe_article *a)
{
    size_t n = 0;
    S_para *v = S_paragraphs(a->raw, a->raw_len, &n);

    /* The title again, as the first line. */
    if (n && *a->title && v[0].len == strlen(a->title) &&
        memcmp(a->raw + v[0].off, a->title, v[0].len) == 0)
        v[0].cut = ZHE_CUT_TITLE;

    /* A dateline among the first three paragraphs. */
    char date[17];
    zhe_buf tmp = ZHE_BUF_INIT;
    for (size_t i = 0, seen = 0; i < n && seen < 3; i++) {
        if (v[i].cut) continue;
        seen++;
        if (S_dateline(tx, a->raw, &v[i], date, &tmp)) {
            if (!*a->published) zhei_str_set(&a->published, date, strlen(date));
            if (!v[i].cut_len) S_take_source(tx, a, &v[i], &tmp);
            break;
        }
    }
    if (!*a->published && tx->opt.published)
        zhei_published_set(a, tx->opt.published, strlen(tx->opt.published));

    /* Footer markers. */
    for (size_t i = 0; i < n; i++) {
        if (v[i].cut) continue;
        const zhei_text_marker *m = S_marker(tx, a->raw, &v[i], &tmp);
        if (!m) continue;
        v[i].cut = ZHE_CUT_BOILERPLATE;
        if (!m->tail) S_take_source(tx, a, &v[i], &tmp);
        if (m->tail && v[i].off >= a->raw_len / 3) {
            for (size_t j = i + 1; j < n; j++) v[j].cut = ZHE_CUT_TAIL, v[j].cut_len = 0;
            break;
        }
    }
    zhe_buf_clear(&tmp);

    S_dedupe(a->raw, v, n);

    a->n_kept = a->n_cuts = 0;
    size_t cap_kept = 0, cap_cuts = 0;
    zhe_free(a->kept);
    zhe_free(a->cuts);
    a->kept = NULL;
    a->cuts = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!v[i].cut) {
            S_add_span(&a->kept, &a->n_kept, &cap_kept, v[i].off, v[i].len);
        } else if (v[i].cut_len) {          /* a leading date only */
            S_add_cut(a, &cap_cuts, v[i].off, v[i].cut_len, (zhe_cut_reason)v[i].cut);
            S_add_span(&a->kept, &a->n_kept, &cap_kept, v[i].off + v[i].cut_len,
                       v[i].len - v[i].cut_len);
        } else {
            S_add_cut(a, &cap_cuts, v[i].off, v[i].len, (zhe_cut_reason)v[i].cut);
        }
    }
    zhe_free(v);
}

const char *zhe_cut_reason_str(zhe_cut_reason r)
{
    switch (r) {
    case ZHE_CUT_DUPLICATE: return "duplicate";
    case ZHE_CUT_BOILERPLATE: return "boilerplate";
    case ZHE_CUT_TAIL: return "tail";
    case ZHE_CUT_DATELINE: return "dateline";
    case ZHE_CUT_TITLE: return "title";
    }
    return "unknown";
}
