/*
** zhevents/text.h — the first stage of the pipeline: from bytes on disk to
** clean, normalized article text split into sentences.
**
**   bytes ─decode─▶ UTF-8 ─read─▶ zhe_article (raw body text)
**         ─clean─▶ kept spans ─normalize─▶ normalized text + offset map
**         ─split─▶ sentences
**
** The article's `raw` text is the body as decoded: every later offset
** (mentions, events) points into it, counted in code points when it is
** printed, so a quote can be shown exactly as the article printed it.
** Cleaning only marks which byte ranges of `raw` are kept; normalization
** builds a new buffer from them and an offset map back.
**
** Usage:
**
**     zhe_text_options opt;
**     zhe_text_options_init(&opt);
**     opt.lexicon = lex;                 // boilerplate markers (lexicon.h)
**     zhe_text *tx = NULL;
**     if (zhe_text_new(&opt, &tx, &err) != ZHE_OK) return 3;
**     zhe_reader *r;
**     zhe_reader_new(tx, &r, &err);
**     zhe_reader_add(r, "dump.jsonl.gz", &err);
**     zhe_article *a;
**     zhe_status st;
**     while ((st = zhe_reader_next(r, &a, &err)) != ZHE_DONE) {
**         if (st != ZHE_OK) {            // a reject: the reader goes on
**             fprintf(stderr, "%s\n", err.message);
**             continue;
**         }
**         if (zhe_text_prepare(tx, a, &err) == ZHE_OK)   // clean, normalize, split
**             printf("%s: %zu sentences\n", a->id, a->n_sentences);
**         zhe_article_free(a);
**     }
**     zhe_reader_free(r);
**     zhe_text_free(tx);
*/
#ifndef ZHEVENTS_TEXT_H
#define ZHEVENTS_TEXT_H

#if !defined(ZHEVENTS_H_IN) && !defined(ZHEVENTS_COMPILATION)
#error "Only <zhevents/zhevents.h> can be included directly."
#endif

#include <stdio.h>
#include <zhevents/base.h>
#include <zhevents/lexicon.h>

#include <zhevents/base.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- decode */

/* Encodings zhevents reads.  ZHE_ENC_AUTO asks for detection. */
typedef enum zhe_encoding {
    ZHE_ENC_AUTO = 0,
    ZHE_ENC_UTF8,
    ZHE_ENC_GB18030,    /* also reads GBK and GB2312, its subsets */
    ZHE_ENC_BIG5,
    ZHE_ENC_UTF16LE,
    ZHE_ENC_UTF16BE
} zhe_encoding;

/** The canonical name ("UTF-8", "GB18030", "Big5", "UTF-16LE", "UTF-16BE",
 *  "auto").  Static storage. */
ZHE_API const char *zhe_encoding_name(zhe_encoding enc);
/** Parse an encoding name, case-insensitively, with the usual aliases
 *  (utf8, gbk, gb2312, cp936, big5, cp950, utf-16le…).  Returns ZHE_OK and
 *  sets *enc, or ZHE_ERR_USAGE for an unknown name. */
ZHE_API zhe_status zhe_encoding_parse(const char *name, zhe_encoding *enc);

/*
** Guess the encoding of a sample of bytes (the start of a file): a byte
** order mark decides; otherwise valid UTF-8 wins; otherwise GB18030 and Big5
** are each decoded and scored by how many of their characters are common
** Chinese characters, together with ICU's charset detector's confidence and
** a charset declared in an HTML <meta> tag.  `sample_is_whole` says the
** sample is the entire input (so a sequence cut at its end is an error,
** not a read boundary).  Never fails: falls back to UTF-8.
*/
ZHE_API zhe_encoding zhe_encoding_detect(const char *s, size_t len, int sample_is_whole);

/*
** A streaming decoder to UTF-8.  Feed it chunks of any size: a multibyte
** sequence split between two chunks decodes as if it had come in one.
** Invalid bytes become U+FFFD and are counted; a byte order mark at the
** very start is dropped.
*/
typedef struct zhe_decoder zhe_decoder;

/** A new decoder for enc (not ZHE_ENC_AUTO).  Caller frees with
 *  zhe_decoder_free.  Returns ZHE_ERR_ENCODING if iconv lacks the encoding. */
ZHE_API zhe_status zhe_decoder_new(zhe_encoding enc, zhe_decoder **out, zhe_error *err);
/** Decode s[0..len) and append the UTF-8 to out. */
ZHE_API void zhe_decoder_feed(zhe_decoder *d, const char *s, size_t len, zhe_buf *out);
/** End of input: an incomplete sequence still held becomes U+FFFD. */
ZHE_API void zhe_decoder_finish(zhe_decoder *d, zhe_buf *out);
/** Invalid or truncated sequences replaced so far. */
ZHE_API size_t zhe_decoder_replacements(const zhe_decoder *d);
ZHE_API void zhe_decoder_free(zhe_decoder *d);

/* --------------------------------------------------------------- article */

/* A byte range [off, off+len) in some buffer the context names. */
typedef struct zhe_span {
    size_t off;
    size_t len;
} zhe_span;

/* Why a piece of the raw text did not survive cleaning. */
typedef enum zhe_cut_reason {
    ZHE_CUT_DUPLICATE = 1,  /* a paragraph already seen in this article */
    ZHE_CUT_BOILERPLATE,    /* a footer or byline: 声明, 相关推荐, 版权所有, 来源： … */
    ZHE_CUT_TAIL,           /* everything after a footer marker */
    ZHE_CUT_DATELINE,       /* the publication date line near the top */
    ZHE_CUT_TITLE           /* the title repeated as the first line */
} zhe_cut_reason;

/** "duplicate", "boilerplate", "tail", "dateline", "title".  Static. */
ZHE_API const char *zhe_cut_reason_str(zhe_cut_reason r);

typedef struct zhe_cut {
    zhe_span span;          /* in raw */
    zhe_cut_reason reason;
} zhe_cut;

/*
** The offset map from normalized text back to raw text: a list of anchors
** sorted by `norm`.  Anchor i says that norm[anchors[i].norm ..
** anchors[i+1].norm) came from raw[raw .. raw + raw_len).  Within an anchor
** marked `same` the bytes are identical and correspond one to one;
** otherwise the piece maps as a whole to its source (a full-width letter,
** a traditional character, a folded run of spaces, a paragraph break).
*/
typedef struct zhe_anchor {
    size_t norm;
    size_t raw;
    size_t raw_len;
    int same;
} zhe_anchor;

typedef struct zhe_offmap {
    zhe_anchor *anchors;
    size_t n;
    size_t cap;
    size_t norm_len;        /* end of the normalized text */
    size_t raw_len;         /* end of the raw text */
} zhe_offmap;

/** The raw byte offset that normalized byte offset `norm` came from.  An
 *  offset inside a changed piece maps to the piece's start; `norm_len`
 *  maps to the end of the last piece. */
ZHE_API size_t zhe_offmap_to_raw(const zhe_offmap *m, size_t norm);
/** Like zhe_offmap_to_raw for the end of a span: an offset inside a changed
 *  piece maps to the end of its source piece. */
ZHE_API size_t zhe_offmap_to_raw_end(const zhe_offmap *m, size_t norm);

typedef struct zhe_article {
    char *id;               /* never NULL */
    char *title;            /* "" when the input has none */
    char *published;        /* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM", "" when unknown */
    char *source;           /* "" when unknown */
    char *url;              /* "" when unknown */
    const char *encoding;   /* static: the encoding its bytes were read in */
    const char *format;     /* static: "jsonl", "text", "html", "sogou" */
    char *path;             /* the file it came from ("-" for stdin) */
    uint64_t record;        /* 1-based record number within the file */
    uint64_t line;          /* line of the record in the decoded file, 0 if n/a */

    char *raw;              /* the body as decoded, UTF-8; offsets point here */
    size_t raw_len;
    size_t replacements;    /* bytes replaced by U+FFFD while decoding it */

    /* Filled by zhe_clean(): kept byte ranges of raw, in order, and cuts. */
    zhe_span *kept;
    size_t n_kept;
    zhe_cut *cuts;
    size_t n_cuts;

    /* Filled by zhe_normalize(): the kept text, normalized, paragraphs
     * joined by '\n', NUL-terminated; and the map back to raw. */
    char *norm;
    size_t norm_len;
    zhe_offmap map;
    int traditional;        /* 1 if traditional characters were converted */

    /* Filled by zhe_split(): sentence byte ranges in norm. */
    zhe_span *sentences;
    size_t n_sentences;
} zhe_article;

/** A new empty article (all strings "") in *out, caller frees with
 *  zhe_article_free.  Returns ZHE_OK: like every constructor it may only
 *  fail by running out of memory, which ends the process (base.h). */
ZHE_API zhe_status zhe_article_new(zhe_article **out, zhe_error *err);
ZHE_API void zhe_article_free(zhe_article *a);
/** The code point offset in raw of raw byte offset `byte` (clamped to
 *  raw_len). */
ZHE_API size_t zhe_article_cp_offset(const zhe_article *a, size_t byte);

/* --------------------------------------------------------------- options */

/* Map an input key to one of the fields zhevents knows (--field KEY=NAME). */
typedef struct zhe_field_map {
    char *key;              /* the key in the input record */
    char *field;            /* id, title, content, published, url, source */
} zhe_field_map;

typedef struct zhe_text_options {
    zhe_encoding encoding;      /* ZHE_ENC_AUTO: detect per file */
    size_t max_article_bytes;   /* larger records are rejected (default 16 MiB) */
    const char *published;      /* publication date for articles without one, or NULL */
    zhe_field_map *fields;      /* extra key mappings for JSON Lines, may be NULL */
    size_t n_fields;
    const zhe_lexicon *lexicon; /* borrowed, for its boilerplate markers; NULL:
                                   zhe_text_new opens the default lexicon
                                   (zhe_lexicon_default_dir) itself */
} zhe_text_options;

/** Defaults: detect the encoding, 16 MiB per article, no fields, no
 *  lexicon (the default one). */
ZHE_API void zhe_text_options_init(zhe_text_options *opt);

/*
** The text stage's long-lived state: options, the compiled normalizer
** (ICU NFKC and the traditional→simplified table), the boilerplate
** markers.  Read-only once made: threads may share one for
** zhe_text_prepare (a reader, which reads, is one per thread).  Returns
** ZHE_OK and the state in *out (caller frees with zhe_text_free); or
** ZHE_ERR_ICU, or ZHE_ERR_DATA when the default lexicon cannot be read,
** with err filled and *out NULL.  The options are copied; the lexicon
** they give is borrowed and must outlive the state.
*/
typedef struct zhe_text zhe_text;

ZHE_API zhe_status zhe_text_new(const zhe_text_options *opt, zhe_text **out, zhe_error *err);
ZHE_API void zhe_text_free(zhe_text *tx);

/* ---------------------------------------------------------------- reader */

/*
** Reads articles from files, directories (recursively, in name order,
** skipping hidden files and README, LICENSE and *.md notes) and "-" (standard input), in any of the formats and
** encodings zhevents knows, gzip-compressed or not.  The format is detected
** from the content: JSON Lines, a Sogou <doc> dump, HTML, or plain text.
*/
typedef struct zhe_reader zhe_reader;

/** A new reader in *out, caller frees with zhe_reader_free.  tx is
 *  borrowed and must outlive the reader.  Returns ZHE_OK. */
ZHE_API zhe_status zhe_reader_new(const zhe_text *tx, zhe_reader **out, zhe_error *err);
/** Queue a path (file, directory or "-").  Fails only when the path does
 *  not exist or cannot be listed; the error names it. */
ZHE_API zhe_status zhe_reader_add(zhe_reader *r, const char *path, zhe_error *err);
/*
** The next article.  Returns ZHE_OK and stores a new article in *out
** (caller frees with zhe_article_free); ZHE_DONE when every queued input is
** read; or an error status with *err filled for an input or record that was
** rejected — the reader goes on with the rest at the next call.
*/
ZHE_API zhe_status zhe_reader_next(zhe_reader *r, zhe_article **out, zhe_error *err);
/*
** Parse one line of a JSON Lines dump (s[0..len), UTF-8, its line end
** optional) as the reader parses line `line` of a file called name ("-":
** standard input): for callers that read their lines themselves, as
** `zhevents map` does.  Returns ZHE_OK and a new article in *out, or
** the reject's status with *err filled (a blank line is ZHE_ERR_EMPTY).
*/
ZHE_API zhe_status zhe_reader_jsonl_line(zhe_reader *r, const char *name, uint64_t line,
                                         const char *s, size_t len, zhe_article **out,
                                         zhe_error *err);
/** Bytes read so far (compressed size for gzip), for throughput reports. */
ZHE_API uint64_t zhe_reader_bytes(const zhe_reader *r);
ZHE_API void zhe_reader_free(zhe_reader *r);

/*
** Parse one input (already read into memory, bytes as on disk) as if it were
** a file called `name`, calling cb for every article or rejected record.
** Convenient for tests and fuzzers.  cb owns the article it receives (it
** must free it); when st is not ZHE_OK, the article is NULL and err says why.
*/
typedef void (*zhe_article_cb)(void *ctx, zhe_status st, zhe_article *a, const zhe_error *err);
ZHE_API void zhe_text_read_buffer(const zhe_text *tx, const char *name, const char *s, size_t len,
                                  zhe_article_cb cb, void *ctx);

/* ------------------------------------------------- clean, normalize, split */

/** Parse a publication date written in any usual way ("2023年11月9日 15:16",
 *  "2024/01/15 09:30", "2023-12-07T14:20:00+08:00", "2023.12.07", a Unix
 *  time in seconds or milliseconds taken as China time) into out as
 *  "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM".  Returns the number of bytes of s
 *  that formed the date, or 0 if s does not start with one.  out must hold
 *  17 bytes. */
ZHE_API size_t zhe_published_parse(const char *s, size_t len, char out[17]);

/** Mark the kept and cut parts of a->raw: drop repeated paragraphs, the
 *  dateline (taking the publication date from it if a has none), bylines
 *  and footer boilerplate (taking the source from a "来源：" in a dateline
 *  or byline if a has none).  Replaces any earlier result. */
ZHE_API void zhe_clean(const zhe_text *tx, zhe_article *a);

/** Build a->norm and a->map from the kept parts of a->raw: NFKC (full-width
 *  letters, digits and punctuation become ASCII), traditional characters to
 *  simplified (those that are traditional only wherever they appear, those
 *  simplified Chinese also writes where their clause, paragraph or article
 *  is traditional, brand names of the lexicon kept), and
 *  whitespace runs folded to one space.  Returns ZHE_ERR_ICU on an ICU
 *  failure (with err filled). */
ZHE_API zhe_status zhe_normalize(const zhe_text *tx, zhe_article *a, zhe_error *err);

/** Split a->norm into sentences at 。！？；… (and their ASCII forms after
 *  NFKC) and at line breaks, keeping closing quotes and brackets with their
 *  sentence.  Sentences are trimmed of spaces; empty ones are skipped. */
ZHE_API void zhe_split(zhe_article *a);

/*
** Normalize a piece of text as an article's text is normalized (NFKC,
** traditional characters to simplified as zhe_normalize converts them, white
** space folded), without cleaning or splitting it: for a reporter's search
** words, or a line to segment.  s[0..len) is UTF-8.  Returns ZHE_OK and a
** new article in *out whose raw is s, kept whole, with norm and the map
** back to raw filled (caller frees with zhe_article_free); or ZHE_ERR_ICU
** with err filled and *out NULL.
*/
ZHE_API zhe_status zhe_text_normalize(const zhe_text *tx, const char *s, size_t len,
                                      zhe_article **out, zhe_error *err);

/** zhe_clean, zhe_normalize and zhe_split in turn. */
ZHE_API zhe_status zhe_text_prepare(const zhe_text *tx, zhe_article *a, zhe_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ZHEVENTS_TEXT_H */
