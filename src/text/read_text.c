/*
** read_text.c — the plain-text format of the reader (reader_int.h), last
** in its table: an input that is none of the others is one article, read
** whole (source.c).  The first non-empty line is the title and the rest
** the body, unless that line is too long to be a title, or is the only
** line, when it is all body.
*/
#include "reader_int.h"

#include <string.h>

/* Titles are short; a first line longer than this is body text. */
#define S_MAX_TITLE 200

/* Any text is plain text. */
static int S_sniff(const char *s, size_t len)
{
    (void)s;
    (void)len;
    return 1;
}

/* The text s[0..len) as a: its title and body; ZHE_ERR_EMPTY if it holds
 * neither. */
static zhe_status S_body(zhei_source *src, zhe_article *a, const char *s, size_t len,
                         zhe_error *err)
{
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - s) : len;
        size_t h = i, t = e;
        while (h < t && zhei_is_space((unsigned char)s[h])) h++;
        while (t > h && zhei_is_space((unsigned char)s[t - 1])) t--;
        if (h < t) {
            if (zhe_utf8_count(s + h, t - h) <= S_MAX_TITLE) {
                zhei_meta_set(&a->title, s + h, t - h);
                i = nl ? e + 1 : len;
            }
            break;
        }
        i = nl ? e + 1 : len;
    }
    /* a single line (echo 句子 | zhevents extract) is a body, not a title */
    if (*a->title && strspn(s + i, " \t\r\n") == len - i) {
        zhei_meta_set(&a->title, "", 0);
        i = 0;
    }
    zhei_str_set(&a->raw, s + i, len - i);
    a->raw_len = len - i;
    if (!*a->title && strspn(a->raw, " \t\r\n") == a->raw_len)
        return zhe_error_set(err, ZHE_ERR_EMPTY, src->path, 0, UINT64_MAX,
                             "empty: no text after decoding as %s",
                             zhe_encoding_name(src->enc));
    return ZHE_OK;
}

/* The text, once it is read whole. */
static zhe_status S_next(zhei_source *src, zhe_article **out, zhe_error *err)
{
    return zhei_source_whole(src, out, err, S_body);
}

const zhei_format zhei_format_text = { "text", S_sniff, S_next };
