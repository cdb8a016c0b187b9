/*
** read_sogou.c — the Sogou format of the reader (reader_int.h): Sogou's
** news dumps, one <doc> … </doc> record per article, with <url>, <docno>,
** <contenttitle> and <content>.  The content is text, but gumbo reads it
** when it holds an entity (&nbsp;) that scrapers left in.
**
** A record longer than max_article_bytes is rejected and skipped as it
** streams by, never held whole; text outside a record is rejected up to
** the next </doc>.
*/
#include "reader_int.h"

#include <stdio.h>
#include <string.h>

/* Text between <tag> and </tag> within s[0..len), or NULL. */
static const char *S_tag(const char *s, size_t len, const char *tag, size_t *out_len)
{
    char open[32], close[32];
    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    size_t ol = strlen(open), cl = strlen(close);
    const char *p = memmem(s, len, open, ol);
    if (!p) return NULL;
    p += ol;
    const char *e = memmem(p, len - (size_t)(p - s), close, cl);
    if (!e) return NULL;
    *out_len = (size_t)(e - p);
    return p;
}

/* The next <doc> of a Sogou dump. */
static zhe_status S_next(zhei_source *src, zhe_article **out, zhe_error *err)
{
    size_t max = src->tx->opt.max_article_bytes;
    for (;;) {
        /* Find the record's end, searching only what is new since the last
         * look (less the 5 bytes a "</doc>" may straddle). */
        const char *p = zhei_source_text(src);
        size_t from = src->scan > 5 ? src->scan - 5 : 0;
        const char *end = zhei_source_len(src) > from
                              ? memmem(p + from, zhei_source_len(src) - from, "</doc>", 6)
                              : NULL;
        if (!end && !src->eof) {
            if (src->skipping) {              /* the rest of an oversized record */
                size_t keep = ZHEI_MIN(zhei_source_len(src), (size_t)5);
                zhei_source_consume(src, zhei_source_len(src) - keep);
            } else if (zhei_source_len(src) > max) {
                /* the record begins after the white space before it */
                size_t ws = 0;
                while (ws < zhei_source_len(src) && zhei_is_space((unsigned char)p[ws])) ws++;
                zhei_source_consume(src, ws);
                src->record++;
                zhe_status st = zhe_error_set(
                    err, ZHE_ERR_TOO_BIG, src->path, src->lines + 1, UINT64_MAX,
                    "<doc> record longer than the limit of %zu bytes (--max-article-bytes); "
                    "skipped", max);
                src->skipping = 1;
                /* a limit below 5 bytes leaves less than "</doc" to keep */
                zhei_source_consume(src, zhei_source_len(src) - ZHEI_MIN(zhei_source_len(src), 5));
                return st;
            }
            src->scan = zhei_source_len(src);
            return ZHEI_READ_MORE;
        }
        if (src->skipping) {
            src->skipping = 0;
            if (end) zhei_source_consume(src, (size_t)(end - p) + 6);
            else zhei_source_consume(src, zhei_source_len(src));
            continue;
        }
        size_t skip = 0;
        while (skip < zhei_source_len(src) && zhei_is_space((unsigned char)p[skip])) skip++;
        if (skip == zhei_source_len(src) && src->eof) return ZHE_DONE;
        zhei_source_consume(src, skip);
        p = zhei_source_text(src);
        uint64_t line = src->lines + 1;
        src->record++;
        if (!end) {
            zhe_status st = zhe_error_set(err, ZHE_ERR_FORMAT, src->path, line, UINT64_MAX,
                                          "<doc> record not closed by </doc> before the end");
            zhei_source_consume(src, zhei_source_len(src));
            return st;
        }
        size_t len = (size_t)(end - p) + 6;
        if (len > max) {
            zhei_source_consume(src, len);
            return zhe_error_set(err, ZHE_ERR_TOO_BIG, src->path, line, UINT64_MAX,
                                 "<doc> record of %zu bytes exceeds the limit of %zu bytes "
                                 "(--max-article-bytes)", len, max);
        }
        if (strncmp(p, "<doc>", 5) != 0) {
            zhei_source_consume(src, len);
            return zhe_error_set(err, ZHE_ERR_FORMAT, src->path, line, UINT64_MAX,
                                 "text outside <doc> … </doc>; skipped up to the next </doc>");
        }
        zhe_status st = ZHE_OK;
        size_t n;
        const char *content = S_tag(p, len, "content", &n);
        if (!content || n == 0) {
            st = zhe_error_set(err, ZHE_ERR_EMPTY, src->path, line, UINT64_MAX,
                               "<doc> without <content>");
        } else {
            zhe_article *a = zhei_source_article(src);
            a->line = line;
            const char *v;
            size_t tn;
            if ((v = S_tag(p, len, "contenttitle", &tn))) zhei_meta_set(&a->title, v, tn);
            /* Sogou content is text, but scrapers leave entities in it
             * (&nbsp;): gumbo decodes them. */
            if (!memchr(content, '&', n) || zhei_html_read(a, content, n, NULL) != ZHE_OK) {
                zhei_str_set(&a->raw, content, n);
                a->raw_len = n;
            }
            if ((v = S_tag(p, len, "url", &n))) zhei_meta_set(&a->url, v, n);
            if ((v = S_tag(p, len, "docno", &n)) && n) zhei_meta_set(&a->id, v, n);
            else zhei_source_default_id(src, a, 1);
            a->replacements = zhei_decoder_count_marks(src->dec, src->consumed, src->consumed + len);
            *out = a;
        }
        zhei_source_consume(src, len);
        return st;
    }
}

/* A Sogou dump starts with its first <doc>. */
static int S_sniff(const char *s, size_t len)
{
    return len >= 5 && strncmp(s, "<doc>", 5) == 0;
}

const zhei_format zhei_format_sogou = { "sogou", S_sniff, S_next };
