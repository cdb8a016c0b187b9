/*
** text_int.h — what the files of the text stage share.  Never installed.
**
** The files depend on each other in one direction: each calls only files
** above it in this list, never one below, so none is part of a cycle.
**
**   decode.c      charset detection and the streaming decoder
**   article.c     the article and its fields (zhei_str_set, zhei_meta_set)
**   published.c   publication dates, from metadata and from datelines
**   html.c        a page's title, date and main text (gumbo)
**   normalize.c   NFKC, traditional→simplified, white space, offset map
**   clean.c       duplicates, datelines, footers (compared NFKC-folded)
**   split.c       sentences
**   jsonl.cc      JSON lines through simdjson
**   source.c      what the reader's formats share (reader_int.h)
**   read_jsonl.c, read_sogou.c, read_html.c, read_text.c
**                 the formats: one record of an input to an article
**   reader.c      paths, gzip and decoding; the table of formats
**   text.c        the stage's state and zhe_text_prepare
**
** The article flows decode → read → clean → normalize → split; clean.c
** sits below normalize.c in the list because it folds text with
** zhei_normalize_fold before comparing it with its markers.
*/
#ifndef ZHE_TEXT_INT_H
#define ZHE_TEXT_INT_H

#include "../lexicon/lexicon_int.h"

#include <string.h>

/* The length of the white-space character (ASCII, U+3000, U+00A0) at
 * s[0..len), 0 if there is none: what parts paragraphs and ends a
 * dateline's date. */
static inline size_t zhei_space_len(const char *s, size_t len)
{
    if (len && zhei_is_space((unsigned char)s[0])) return 1;
    if (len >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0) return 3;
    if (len >= 2 && memcmp(s, "\xC2\xA0", 2) == 0) return 2;
    return 0;
}

#include <zhevents/text.h>

typedef struct zhei_normalizer zhei_normalizer;

typedef struct zhei_text_marker zhei_text_marker;

struct zhe_text {
    zhe_text_options opt;       /* copied; the strings in it are owned */
    zhe_lexicon *own_lexicon;   /* the default lexicon, opened when the
                                   options gave none */
    zhei_normalizer *norm;
    zhei_text_marker *markers;        /* boilerplate markers */
    size_t n_markers;
};

/* normalize.c */
zhe_status zhei_normalizer_new(zhei_normalizer **out, zhe_error *err);
void zhei_normalizer_free(zhei_normalizer *n);
/* normalize.c: the Han names of lex's chips, vendors and domain words
 * (昇腾 of 昇腾910B) keep their ambiguous characters (昇) in traditional
 * text. */
void zhei_normalizer_keep_names(zhei_normalizer *n, const zhe_lexicon *lex);

/* decode.c: 1 if cp is one of the most common Chinese characters
 * (simplified or traditional). */
int zhei_hanzi_is_common(uint32_t cp);

/* decode.c: replacement positions, for readers that split one decoded
 * stream into many records.  After zhei_decoder_mark(d, base), every U+FFFD
 * the decoder writes is remembered at position base + (its offset in the
 * output buffer); the reader keeps base equal to the stream position of the
 * buffer's first byte (calling mark again after consuming from it).
 * zhei_decoder_count_marks returns how many fall in [from, to) and forgets
 * every mark before `to`. */
void zhei_decoder_mark(zhe_decoder *d, uint64_t base);
size_t zhei_decoder_count_marks(zhe_decoder *d, uint64_t from, uint64_t to);

/* article.c: replace *dst (a zhe_ string) by a copy of s[0..len). */
void zhei_str_set(char **dst, const char *s, size_t len);

/* article.c: the same for a metadata field (id, title, source, url):
 * trimmed, and with control characters (NUL included) turned into spaces,
 * so the field reads whole as a C string. */
void zhei_meta_set(char **dst, const char *s, size_t len);

/* published.c: the publication-date parser, applied to a metadata value
 * (which may also be a number).  Sets a->published if it parses. */
int zhei_published_set(zhe_article *a, const char *s, size_t len);

/* published.c: is the paragraph s[0..len) a dateline?  1: all of it is (a
 * short line without sentence punctuation holding a date, "2023-12-07
 * 14:20 来源：经济日报"); 2: it begins with a date and white space, which
 * *prefix bytes cover ("2022年10月8日　美国商务部…"); 0: neither.  The date
 * goes to out. */
int zhei_dateline(const char *s, size_t len, char out[17], size_t *prefix);

/* html.c: extract title, publication date and main text from an HTML page
 * (UTF-8).  Fills a->title, a->published (if found) and a->raw.  Returns
 * ZHE_ERR_EMPTY if the page has no text, ZHE_ERR_FORMAT if gumbo cannot
 * parse it, with err filled. */
zhe_status zhei_html_read(zhe_article *a, const char *s, size_t len, zhe_error *err);

/* html.c: 1 if one of `tags` (written in lower case: "<p ", "<div")
 * begins, in any case, within the first `limit` bytes of s[0..len). */
int zhei_html_has_tag(const char *s, size_t len, size_t limit, const char *const *tags,
                     size_t n_tags);

/* normalize.c: NFKC and white-space folding of s[0..len) (one line),
 * appended to out; no traditional conversion, no map.  For comparing text
 * with lexicon entries before the article is normalized. */
void zhei_normalize_fold(const zhe_text *tx, const char *s, size_t len, zhe_buf *out);

/* clean.c: the boilerplate markers of lexicons/boilerplate.tsv, folded
 * as the text they are looked for in. */
struct zhei_text_marker {
    char *text;         /* NFKC-folded */
    size_t len;
    int anywhere;       /* match "any" (else "start") */
    int tail;           /* action "tail" (else "line") */
};

/* clean.c: fold the markers of lex into tx->markers. */
void zhei_text_markers_load(zhe_text *tx, const zhe_lexicon *lex);

#endif /* ZHE_TEXT_INT_H */
