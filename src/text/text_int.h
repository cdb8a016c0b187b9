/*
** text_int.h — what the files of the text stage share.  Never installed.
*/
#ifndef ZHE_TEXT_INT_H
#define ZHE_TEXT_INT_H

#include "../base/base_int.h"

#include <zhevents/text.h>

typedef struct zhe_normalizer zhe_normalizer;

typedef struct zhe_marker zhe_marker;

struct zhe_text {
    zhe_text_options opt;       /* copied; the strings in it are owned */
    zhe_normalizer *norm;
    zhe_marker *markers;        /* boilerplate markers */
    size_t n_markers;
};

/* normalize.c */
zhe_status zhe_normalizer_new(zhe_normalizer **out, zhe_error *err);
void zhe_normalizer_free(zhe_normalizer *n);

/* decode.c: 1 if cp is one of the most common Chinese characters
 * (simplified or traditional). */
int zhe_hanzi_is_common(uint32_t cp);

/* html.c: extract title, publication date and main text from an HTML page
 * (UTF-8).  Fills a->title, a->published (if found) and a->raw.  Returns
 * ZHE_ERR_FORMAT with err filled if the page has no text. */
zhe_status zhe_html_read(zhe_article *a, const char *s, size_t len, zhe_error *err);

/* published.c: the publication-date parser, applied to a metadata value
 * (which may also be a number).  Sets a->published if it parses. */
int zhe_published_set(zhe_article *a, const char *s, size_t len);

/* Replace *dst (a zhe_ string) by a copy of s[0..len). */
void zhe_str_set(char **dst, const char *s, size_t len);

/* The same for a metadata field (id, title, source, url): trimmed, and with
 * control characters (NUL included) turned into spaces, so the field reads
 * whole as a C string. */
void zhe_meta_set(char **dst, const char *s, size_t len);



/* decode.c: replacement positions, for readers that split one decoded
 * stream into many records.  After zhe_decoder_mark(d, base), every U+FFFD
 * the decoder writes is remembered at position base + (its offset in the
 * output buffer); the reader keeps base equal to the stream position of the
 * buffer's first byte (calling mark again after consuming from it).
 * zhe_decoder_count_marks returns how many fall in [from, to) and forgets
 * every mark before `to`. */
void zhe_decoder_mark(zhe_decoder *d, uint64_t base);
size_t zhe_decoder_count_marks(zhe_decoder *d, uint64_t from, uint64_t to);


/* normalize.c: NFKC and white-space folding of s[0..len) (one line),
 * appended to out; no traditional conversion, no map.  For comparing text
 * with lexicon entries before the article is normalized. */
void zhe_normalize_fold(zhe_text *tx, const char *s, size_t len, zhe_buf *out);

/* clean.c: the boilerplate markers of lexicons/boilerplate.tsv. */
struct zhe_marker {
    char *text;         /* NFKC-folded */
    size_t len;
    int anywhere;       /* match "any" (else "start") */
    int tail;           /* action "tail" (else "line") */
};

zhe_status zhe_markers_load(zhe_text *tx, const char *dir, zhe_error *err);

/* clean.c: is the paragraph s[0..len) a dateline?  1: all of it is (a short
 * line without sentence punctuation holding a date, "2023-12-07 14:20 来源：
 * 经济日报"); 2: it begins with a date and white space, which *prefix bytes
 * cover ("2022年10月8日　美国商务部…"); 0: neither.  The date goes to out. */
int zhe_dateline(const char *s, size_t len, char out[17], size_t *prefix);
#endif /* ZHE_TEXT_INT_H */
