/*
** source.c — what every format of the reader does with the input it reads
** (reader_int.h): consume the pending decoded text, counting its lines;
** make the article of a record and its default id; and, for the formats
** whose whole input is one article (HTML pages, plain text), wait for all
** of it, hold it to the size limit, and reject binary data.
**
** It comes after the decoder and the article in the stage's order and
** before the formats (read_*.c), which call it; the reader, which fills
** the source, comes after them.
*/
#include "reader_int.h"

#include <string.h>

/* Drop n pending bytes, counting their lines (reader_int.h). */
void zhei_source_consume(zhei_source *src, size_t n)
{
    for (const char *p = zhei_source_text(src), *e = p + n;
         (p = memchr(p, '\n', (size_t)(e - p))); p++)
        src->lines++;
    src->pos += n;
    src->consumed += n;
    src->scan = 0;
}

/* A new article for the current record; caller frees (reader_int.h). */
zhe_article *zhei_source_article(const zhei_source *src)
{
    zhe_article *a;
    zhe_article_new(&a, NULL);
    zhei_str_set(&a->path, src->path, strlen(src->path));
    a->encoding = zhe_encoding_name(src->enc);
    a->format = src->format->name;
    a->record = src->record;
    a->line = src->lines + 1;
    return a;
}

/* a->id := the input's name, "#N" added when `multi` (reader_int.h). */
void zhei_source_default_id(const zhei_source *src, zhe_article *a, int multi)
{
    zhe_buf b = ZHE_BUF_INIT;
    if (multi) zhe_buf_printf(&b, "%s#%llu", src->name, (unsigned long long)src->record);
    else zhe_buf_puts(&b, src->name);
    zhe_free(a->id);
    a->id = zhe_buf_detach(&b, NULL);
}

/* Control characters (other than white space) in s[0..len). */
static size_t S_controls(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        n += (c < 0x20 && !zhei_is_space(c)) || c == 0x7F;
    }
    return n;
}

/* 1 if decoded text s[0..len) is binary data rather than text: one in
 * twenty characters is a control character (text has next to none, random
 * bytes one in nine), or one in three could not be decoded. */
static int S_binary(const char *s, size_t len, size_t replaced)
{
    size_t chars = zhe_utf8_count(s, len);
    return chars && (S_controls(s, len) * 20 >= chars || replaced * 3 >= chars);
}

/* The one article of a whole input, made by `body` once it is all read;
 * ZHEI_READ_MORE before, ZHE_DONE after (reader_int.h). */
zhe_status zhei_source_whole(zhei_source *src, zhe_article **out, zhe_error *err,
                            zhei_source_body body)
{
    size_t max = src->tx->opt.max_article_bytes;
    if (src->record) return ZHE_DONE;
    /* also after the last chunk: a file read whole in one */
    if (zhei_source_len(src) > max) {
        src->record++;
        return zhe_error_set(err, ZHE_ERR_TOO_BIG, src->path, 0, UINT64_MAX,
                             "larger than the limit of %zu bytes (--max-article-bytes)", max);
    }
    if (!src->eof) return ZHEI_READ_MORE;
    src->record++;
    const char *s = zhei_source_text(src);
    size_t len = zhei_source_len(src);
    zhe_article *a = zhei_source_article(src);
    a->line = 0;
    a->record = 0;
    zhei_source_default_id(src, a, 0);
    a->replacements = zhe_decoder_replacements(src->dec);
    zhe_status st = body(src, a, s, len, err);
    if (st == ZHE_OK && S_binary(s, len, a->replacements))
        st = zhe_error_set(err, ZHE_ERR_ENCODING, src->path, 0, UINT64_MAX,
                           "binary data, not text: %zu control characters and %zu invalid "
                           "byte sequences in %zu characters read as %s",
                           S_controls(s, len), a->replacements, zhe_utf8_count(s, len),
                           zhe_encoding_name(src->enc));
    if (st != ZHE_OK) {
        zhe_article_free(a);
        return st;
    }
    *out = a;
    return ZHE_OK;
}
