/*
** reader_int.h — the contract between the reader (reader.c) and the
** formats it reads (read_jsonl.c, read_sogou.c, read_html.c,
** read_text.c).  Never installed.
**
** The reader is driven the way cmark's render.c drives its renderers,
** through a table of formats, each one entry {name, sniff, next}:
**
**   reader.c   opens an input (a file, gzip or not, standard input or a
**              buffer), detects its encoding and decodes it, a chunk at a
**              time, into a zhei_source; once the start of the text is
**              decoded (4096 bytes, or all of a shorter input) it asks
**              the formats in the table's order — JSON Lines, Sogou,
**              HTML, plain text, which says yes to anything — whose
**              sniff says yes, and from then on calls that format's next
**              for each record;
**   read_*.c   one format each: cut the next record from the pending
**              text and make it an article, or a reject;
**   source.c   what the formats share: consuming pending text (lines
**              counted), the article of a record and its default id,
**              and a whole input read as one article (HTML, plain text).
**
** A format never reads: when the pending text does not hold the whole of
** its next record, next returns ZHEI_READ_MORE, and the reader decodes the
** next chunk and calls it again.  So the reader is the only file that
** does I/O, and the formats depend on nothing after them in the stage's
** order (text_int.h).
*/
#ifndef ZHE_READER_INT_H
#define ZHE_READER_INT_H

#include "text_int.h"

#include "jsonl.h"

typedef struct zhei_format zhei_format;

/*
** One input being read, as a format sees it: its decoded text not yet
** consumed, and where that text stands in the input.  The reader owns it
** (path, name, decoder and buffer are its to free) and fills pending; a
** format reads pending, consumes from it with zhei_source_consume, and
** keeps scan, skipping and record up to date.
*/
typedef struct zhei_source {
    const zhe_text *tx;         /* borrowed: the options (limits, --field) */
    char *path;                 /* as opened, for messages; "-" for stdin */
    char *name;                 /* relative to the argument it was found
                                   under, for default ids; "stdin" */
    zhe_encoding enc;           /* what the input is decoded from */
    const zhei_format *format;   /* NULL until the start is sniffed */
    zhe_decoder *dec;           /* NULL until the first chunk is read */
    zhe_buf pending;            /* decoded text; pending.ptr[pos..len) not yet consumed */
    size_t pos;
    uint64_t consumed;          /* stream position of pending.ptr[pos] */
    uint64_t lines;             /* newlines consumed so far */
    size_t scan;                /* the first scan bytes pending hold no
                                   record end (0 after a consume) */
    int eof;                    /* the input is exhausted and the decoder flushed */
    int skipping;               /* discarding the rest of an oversized record */
    uint64_t record;            /* records started in this input */
    zhei_jsonl *jsonl;           /* the JSON Lines parser: made on first use
                                   by read_jsonl.c, kept from input to
                                   input, freed by the reader */
} zhei_source;

/* What a format's next returns when the pending text does not hold the
 * whole of its next record yet: decode more and call again.  Never
 * returned once src->eof is set, and never handed out of the reader: it
 * is no status of zhe_status's list. */
#define ZHEI_READ_MORE ((zhe_status)-1)

/* One entry of the reader's table of formats. */
struct zhei_format {
    /* "jsonl", "sogou", "html", "text": zhe_article.format (static). */
    const char *name;
    /* 1 if a text that begins with s[0..len) is in this format.  s is the
     * decoded start of the input from its first byte that is not ASCII
     * white space: 4096 bytes or more, or all of a shorter input. */
    int (*sniff)(const char *s, size_t len);
    /* The next record of src: ZHE_OK and a new article in *out (caller
     * frees); a reject's status with err filled, after which the reader
     * goes on with the next record; ZHE_DONE when the input holds no
     * more; or ZHEI_READ_MORE. */
    zhe_status (*next)(zhei_source *src, zhe_article **out, zhe_error *err);
};

/* The formats, one per read_*.c file. */
extern const zhei_format zhei_format_jsonl;  /* read_jsonl.c: a JSON object a line */
extern const zhei_format zhei_format_sogou;  /* read_sogou.c: <doc> … </doc> records */
extern const zhei_format zhei_format_html;   /* read_html.c: one page */
extern const zhei_format zhei_format_text;   /* read_text.c: one plain-text article */

/* The decoded text not yet consumed ("" when there is none) and its
 * length.  Valid until the reader decodes more. */
static inline const char *zhei_source_text(const zhei_source *src)
{
    return src->pending.ptr ? src->pending.ptr + src->pos : "";
}

static inline size_t zhei_source_len(const zhei_source *src)
{
    return src->pending.len - src->pos;
}

/* source.c: drop n bytes (at most zhei_source_len) of the pending text,
 * counting the lines they held; scan goes back to 0.  Nothing moves: the
 * reader compacts the buffer before it appends. */
void zhei_source_consume(zhei_source *src, size_t n);

/* source.c: a new article for the source's current record: its path,
 * encoding, format, record number, and the line after the last one
 * consumed.  Caller frees. */
zhe_article *zhei_source_article(const zhei_source *src);

/* source.c: give a the id of a record that has none: the input's name,
 * with "#N" for the N-th record when `multi` (an input of many records). */
void zhei_source_default_id(const zhei_source *src, zhe_article *a, int multi);

/* How a whole-input format makes its article's title and text from the
 * input s[0..len): ZHE_OK, or a reject's status with err filled. */
typedef zhe_status (*zhei_source_body)(zhei_source *src, zhe_article *a, const char *s,
                                      size_t len, zhe_error *err);

/* source.c: the next of a format whose input is one article (HTML, plain
 * text).  Asks for more (ZHEI_READ_MORE) until the input is read; rejects
 * it if it grows past max_article_bytes (ZHE_ERR_TOO_BIG, without reading
 * the rest); then makes its one article, lets `body` fill it, and rejects
 * it as binary data (ZHE_ERR_ENCODING) if one character in twenty is a
 * control character or one in three could not be decoded.  ZHE_DONE at
 * the next call. */
zhe_status zhei_source_whole(zhei_source *src, zhe_article **out, zhe_error *err,
                            zhei_source_body body);

/* read_jsonl.c: one line of a JSON Lines input, s[0..len) without its
 * line end or surrounding white space, line `line` of src, as an article
 * (ZHE_OK, *out new) or a reject (err filled, *out NULL).  For
 * zhe_reader_jsonl_line, whose callers read the lines themselves. */
zhe_status zhei_read_jsonl_record(zhei_source *src, const char *s, size_t len, uint64_t line,
                                 zhe_article **out, zhe_error *err);

#endif /* ZHE_READER_INT_H */
