/*
** zhevents/pipeline.h — an article from its text to its record, in one
** call: cleaned, normalized and split (text.h), its mentions found
** (extract.h), linked into events (events.h) and, for storing, its
** sentences segmented (segment.h).
**
** A pipeline is opened once from a lexicon set and is read-only
** afterwards: threads share one, each with its own reader.  The simplest
** use is a string in, a record out:
**
**     zhe_pipeline *p;
**     zhe_error err;
**     if (zhe_pipeline_new(NULL, &p, &err) != ZHE_OK) {
**         fprintf(stderr, "%s\n", err.message);   // a lexicon file and line
**         return 3;
**     }
**     const char *s = "英伟达H100芯片在深圳华强北的售价约为26.5万元。";
**     zhe_record *r;
**     if (zhe_pipeline_run_string(p, s, strlen(s), "2023-09-01", &r, &err) == ZHE_OK) {
**         for (size_t i = 0; i < zhe_record_n_mentions(r); i++) {
**             zhe_record_mention m;
**             zhe_record_mention_get(r, i, &m);
**             printf("%s %s\n", m.type, m.text);   // chip H100, money 约为26.5万元 …
**         }
**         zhe_record_free(r);
**     }
**     zhe_pipeline_free(p);
**
** Articles read from files come from a reader made on the pipeline's text
** state:
**
**     zhe_reader *rd;
**     zhe_reader_new(zhe_pipeline_text(p), &rd, &err);
**     zhe_reader_add(rd, "dump.jsonl.gz", &err);
**     zhe_article *a;
**     zhe_status st;
**     while ((st = zhe_reader_next(rd, &a, &err)) != ZHE_DONE) {
**         zhe_record *r;
**         if (st == ZHE_OK && zhe_pipeline_run(p, a, &r, &err) == ZHE_OK) {
**             printf("%s: %zu events\n", zhe_record_id(r), zhe_record_n_events(r));
**             zhe_record_free(r);
**         } else {
**             fprintf(stderr, "rejected: %s\n", err.message);   // the batch goes on
**         }
**         zhe_article_free(a);                // a NULL article is fine
**     }
**     zhe_reader_free(rd);
*/
#ifndef ZHEVENTS_PIPELINE_H
#define ZHEVENTS_PIPELINE_H

#if !defined(ZHEVENTS_H_IN) && !defined(ZHEVENTS_COMPILATION)
#error "Only <zhevents/zhevents.h> can be included directly."
#endif

#include <zhevents/base.h>
#include <zhevents/lexicon.h>
#include <zhevents/text.h>
#include <zhevents/segment.h>
#include <zhevents/extract.h>
#include <zhevents/events.h>
#include <zhevents/record.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct zhe_pipeline zhe_pipeline;

typedef struct zhe_pipeline_options {
    const zhe_lexicon *lexicon; /* borrowed, must outlive the pipeline; NULL: the
                                   pipeline opens lexicon_dir's */
    const char *lexicon_dir;    /* NULL: zhe_lexicon_default_dir() */
    zhe_text_options text;      /* how articles are read: encoding, --field
                                   maps, size limit, a publication date for
                                   those without one (its lexicon is ignored:
                                   the pipeline's is used) */
    int segment;                /* also segment each sentence, as storing needs
                                   for full-text search (ingest, map); extract
                                   does without */
} zhe_pipeline_options;

/** Defaults: the default lexicon, zhe_text_options_init's reading, no
 *  segmenting. */
ZHE_API void zhe_pipeline_options_init(zhe_pipeline_options *opt);

/*
** Open a pipeline with opt (NULL: the defaults).  Returns ZHE_OK and the
** pipeline in *out (caller frees with zhe_pipeline_free); ZHE_ERR_DATA with
** err naming the lexicon file and line it cannot use; ZHE_ERR_ICU when ICU
** lacks its data.  *out is NULL on failure.  The options are copied.
*/
ZHE_API zhe_status zhe_pipeline_new(const zhe_pipeline_options *opt, zhe_pipeline **out,
                                    zhe_error *err);
ZHE_API void zhe_pipeline_free(zhe_pipeline *p);

/** The lexicon, text state and segmenter (NULL without opt.segment) the
 *  pipeline runs on.  Borrowed until zhe_pipeline_free. */
ZHE_API const zhe_lexicon *zhe_pipeline_lexicon(const zhe_pipeline *p);
ZHE_API const zhe_text *zhe_pipeline_text(const zhe_pipeline *p);
ZHE_API const zhe_segmenter *zhe_pipeline_segmenter(const zhe_pipeline *p);

/*
** The record of article a, as a reader made it: a is prepared
** (zhe_text_prepare, which it is left as), its mentions found, linked
** into events, and with opt.segment its sentences segmented.  Returns
** ZHE_OK and the record in *out (caller frees with zhe_record_free; it
** owns copies of what it needs, so a may be freed at once), or the status
** of a failure with err filled (an article ICU could not normalize) and
** *out NULL.  Thread-safe: the pipeline is only read.
*/
ZHE_API zhe_status zhe_pipeline_run(const zhe_pipeline *p, zhe_article *a, zhe_record **out,
                                    zhe_error *err);

/*
** The stages of zhe_pipeline_run short of the record, for a caller who
** wants the mentions and events themselves (their offsets into the
** normalized text, their rules): a is prepared, and its mentions and
** events are stored in ms and evs, which must be empty (zeroed, or
** cleared with zhe_mentions_clear and zhe_events_clear).  The events'
** mention indices are into ms.  The headline is mined too
** (zhe_link_with_title): its mentions follow the body's in ms, their
** sentence SIZE_MAX.  Returns ZHE_OK, or the status of a failure with err
** filled.
*/
ZHE_API zhe_status zhe_pipeline_extract(const zhe_pipeline *p, zhe_article *a, zhe_mentions *ms,
                                        zhe_events *evs, zhe_error *err);

/*
** The record of the text s[0..len) (UTF-8; invalid bytes become U+FFFD and
** are counted), read as an article's body — one line or many, no title
** taken from it — published on `published` (any form zhe_published_parse
** reads; NULL or "" when unknown, which leaves relative dates such as 去年
** unresolved).  Its id is "-".  Returns as zhe_pipeline_run does, and
** ZHE_ERR_USAGE when published is not a date.
*/
ZHE_API zhe_status zhe_pipeline_run_string(const zhe_pipeline *p, const char *s, size_t len,
                                           const char *published, zhe_record **out,
                                           zhe_error *err);

#ifdef __cplusplus
}
#endif

#endif /* ZHEVENTS_PIPELINE_H */
