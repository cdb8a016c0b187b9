/*
** fuzz_check.h — the invariants of an article that the fuzz targets of
** the text stage share (fuzz_decode.c, fuzz_html.c, fuzz_jsonl.c,
** fuzz_sogou.c, fuzz_normalize.c): what a reader promises of the article
** it hands out, and what zhe_text_prepare promises of its kept spans,
** offset map and sentences.  Each broken promise aborts with a line on
** stderr, so libFuzzer (or fuzz_main.c under meson) reports the input.
** Header-only: every function is static inline.
*/
#ifndef ZHE_FUZZ_CHECK_H
#define ZHE_FUZZ_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zhevents/zhevents.h>

static inline void fuzz_fail(const char *what, const char *id)
{
    fprintf(stderr, "invariant broken: %s (article %s)\n", what, id ? id : "?");
    abort();
}

/* Whether d[0..len) is "YYYY-MM-DD", a real day between 1000 and 2999. */
static inline int fuzz_day_ok(const char *d, size_t len)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (len != 10 || d[4] != '-' || d[7] != '-') return 0;
    for (size_t i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9')) return 0;
    int y = atoi(d), m = (d[5] - '0') * 10 + d[6] - '0', dd = (d[8] - '0') * 10 + d[9] - '0';
    if (y < 1000 || y > 2999 || m < 1 || m > 12 || dd < 1 || dd > mdays[m - 1]) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && dd == 29 && !leap);
}

/* Whether p is a publication date as articles carry it: "", a real day
 * "YYYY-MM-DD", or one with a time of day "YYYY-MM-DDTHH:MM". */
static inline int fuzz_published_ok(const char *p)
{
    size_t n = strlen(p);
    if (n == 0) return 1;
    if (n == 10) return fuzz_day_ok(p, 10);
    if (n != 16 || !fuzz_day_ok(p, 10) || p[10] != 'T' || p[13] != ':') return 0;
    for (size_t i = 11; i < 16; i++)
        if (i != 13 && (p[i] < '0' || p[i] > '9')) return 0;
    return (p[11] - '0') * 10 + p[12] - '0' < 24 && (p[14] - '0') * 10 + p[15] - '0' < 60;
}

/* Whether the metadata field s reads whole as a C string of valid UTF-8
 * without control characters (zhei_meta_set's promise). */
static inline int fuzz_meta_ok(const char *s)
{
    size_t n = strlen(s);
    if (!zhe_utf8_valid(s, n)) return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F) return 0;
    return 1;
}

/* What every article a reader hands out keeps: an id, metadata that is
 * text, a publication date that is a real day, raw text of valid UTF-8. */
static inline void fuzz_check_article(const zhe_article *a)
{
    if (!a) fuzz_fail("an article that is NULL", NULL);
    if (!a->id || !*a->id) fuzz_fail("an article without an id", NULL);
    if (!fuzz_meta_ok(a->id) || !fuzz_meta_ok(a->title) || !fuzz_meta_ok(a->source) ||
        !fuzz_meta_ok(a->url))
        fuzz_fail("metadata that is not clean UTF-8", a->id);
    if (!fuzz_published_ok(a->published)) fuzz_fail("a publication date that is no date", a->id);
    if (!a->encoding || !a->format || !a->raw) fuzz_fail("no encoding, format or raw text", a->id);
    if (!zhe_utf8_valid(a->raw, a->raw_len)) fuzz_fail("raw text is not UTF-8", a->id);
}

/* What zhe_text_prepare leaves: kept spans and cuts inside the raw text
 * and in order; normalized text of valid UTF-8; an offset map whose
 * anchors are sorted, whose `same` anchors hold the very bytes of their
 * source, and which maps every normalized offset into [0, raw_len],
 * monotonically, never a non-empty span's start after its end; sentences
 * non-empty, inside the normalized text, in order, trimmed of spaces. */
static inline void fuzz_check_prepared(const zhe_article *a)
{
    const char *id = a->id;
    if (!fuzz_published_ok(a->published)) fuzz_fail("a publication date that is no date", id);
    size_t prev = 0;
    for (size_t i = 0; i < a->n_kept; i++) {
        if (a->kept[i].off < prev || a->kept[i].len > a->raw_len ||
            a->kept[i].off > a->raw_len - a->kept[i].len)
            fuzz_fail("kept span out of order or out of the raw text", id);
        prev = a->kept[i].off + a->kept[i].len;
    }
    for (size_t i = 0; i < a->n_cuts; i++)
        if (a->cuts[i].span.len > a->raw_len ||
            a->cuts[i].span.off > a->raw_len - a->cuts[i].span.len ||
            !strcmp(zhe_cut_reason_str(a->cuts[i].reason), "unknown"))
            fuzz_fail("cut outside the raw text", id);
    if (!a->norm || a->norm[a->norm_len] != '\0') fuzz_fail("norm is not NUL-terminated", id);
    if (!zhe_utf8_valid(a->norm, a->norm_len)) fuzz_fail("normalized text is not UTF-8", id);

    const zhe_offmap *m = &a->map;
    if (m->norm_len != a->norm_len || m->raw_len != a->raw_len)
        fuzz_fail("map lengths are not the texts'", id);
    if (a->norm_len && (!m->n || m->anchors[0].norm != 0))
        fuzz_fail("map does not start at the start", id);
    for (size_t i = 0; i < m->n; i++) {
        const zhe_anchor *an = &m->anchors[i];
        size_t next = i + 1 < m->n ? m->anchors[i + 1].norm : a->norm_len;
        if (an->norm > next || next > a->norm_len) fuzz_fail("anchors out of order", id);
        if (an->raw_len > a->raw_len || an->raw > a->raw_len - an->raw_len)
            fuzz_fail("anchor outside the raw text", id);
        if (an->same && (next - an->norm != an->raw_len ||
                         memcmp(a->norm + an->norm, a->raw + an->raw, an->raw_len) != 0))
            fuzz_fail("a `same` anchor whose bytes differ from its source", id);
    }
    /* Both maps monotonic and to_raw(o) <= to_raw_end(o + 1) give
     * to_raw(a) <= to_raw_end(b) for every non-empty span a < b.  (An empty
     * one may map backwards: at a paragraph's first byte to_raw is its
     * start, to_raw_end the end of the paragraph before.) */
    size_t last0 = 0, last1 = 0;
    for (size_t off = 0; off <= a->norm_len; off++) {
        size_t r0 = zhe_offmap_to_raw(m, off), r1 = zhe_offmap_to_raw_end(m, off);
        if (r0 > a->raw_len || r1 > a->raw_len) fuzz_fail("map points outside the raw text", id);
        if (r0 < last0 || r1 < last1) fuzz_fail("map is not monotonic", id);
        if (off && last0 > r1) fuzz_fail("map puts a span's start after its end", id);
        last0 = r0, last1 = r1;
    }

    size_t end = 0;
    for (size_t i = 0; i < a->n_sentences; i++) {
        const zhe_span *s = &a->sentences[i];
        if (s->len == 0 || s->off < end || s->len > a->norm_len ||
            s->off > a->norm_len - s->len)
            fuzz_fail("sentence empty, out of order or outside the normalized text", id);
        if (a->norm[s->off] == ' ' || a->norm[s->off + s->len - 1] == ' ' ||
            memchr(a->norm + s->off, '\n', s->len))
            fuzz_fail("sentence not trimmed or across a line", id);
        if (!zhe_utf8_valid(a->norm + s->off, s->len))
            fuzz_fail("sentence cut inside a character", id);
        end = s->off + s->len;
    }
}

#endif /* ZHE_FUZZ_CHECK_H */
