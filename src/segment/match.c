/*
** match.c — the segment stage's side of full-text search: the words a
** person searches for, segmented as the stored sentences were (so
** 英伟达芯片 looks for 英伟达 and 芯片), turned into the FTS5 query that
** zhe_store_search runs.
**
** Each token is written as an FTS5 string ("…", quotes doubled), so no
** input can be read as FTS5 syntax; tokens without a letter or digit
** (punctuation) are left out.
*/
#include "../base/base_int.h"

#include <zhevents/segment.h>

/* 1 if the token is a word worth searching for: it holds an ASCII letter
 * or digit, or a character outside ASCII that is not punctuation. */
static int S_wordlike(const char *s, int n)
{
    for (int i = 0; i < n;) {
        uint32_t cp;
        i += (int)zhe_utf8_decode(s + i, (size_t)(n - i), &cp);
        if (cp < 0x80) {
            if ((cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'))
                return 1;
            continue;
        }
        if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
            (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF0F) || cp == 0xFFFD)
            continue;
        return 1;
    }
    return 0;
}

/* Segmenter callback: the token as an FTS5 string, quotes doubled. */
static int S_quote(void *ctx, int flags, const char *tok, int n, int start, int end)
{
    (void)flags, (void)start, (void)end;
    zhe_buf *b = ctx;
    if (!S_wordlike(tok, n)) return 0;
    if (b->len) zhe_buf_putc(b, ' ');
    zhe_buf_putc(b, '"');
    for (int i = 0; i < n; i++) {
        if (tok[i] == '"') zhe_buf_putc(b, '"');
        zhe_buf_putc(b, tok[i]);
    }
    zhe_buf_putc(b, '"');
    return 0;
}

void zhe_segment_match_expr(const zhe_segmenter *seg, const char *words, size_t len,
                            zhe_buf *out)
{
    zhe_buf b = ZHE_BUF_INIT;
    zhe_segment(seg, words, len, S_quote, &b);
    if (b.len) {
        if (out->len) zhe_buf_putc(out, ' ');
        zhe_buf_put(out, b.ptr, b.len);
    }
    zhe_buf_clear(&b);
}
