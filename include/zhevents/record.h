/*
** zhevents/record.h — a record: one article as the pipeline's output,
** owning copies of all of it (its metadata and content hash, its
** sentences with their segmented text, its mentions, its events), and
** every JSON form it takes.
**
** A worker thread makes a record from an article and what extract and
** link found in it, and frees those at once; the record goes to the
** thread that writes it, as a line of JSON or as rows of the store:
**
**     zhe_mentions ms = {0};
**     zhe_events evs = {0};
**     zhe_extract(ex, a, &ms);
**     zhe_link(lk, a, &ms, &evs);
**     zhe_record *r;
**     zhe_record_new(seg, a, &ms, &evs, &r, &err);
**     zhe_events_clear(&evs);                     // r has its own copies
**     zhe_mentions_clear(&ms);
**     zhe_article_free(a);
**     zhe_buf line = ZHE_BUF_INIT;
**     zhe_record_write_json(r, ZHE_RECORD_STORE, &line);   // zhevents map
**     zhe_buf_clear(&line);
**     zhe_store_outcome outcome;                             // or zhevents ingest:
**     zhe_store_put_record(st, r, &outcome, &err);
**     zhe_record_free(r);
**
** zhe_pipeline_run (pipeline.h) does the first six lines.
**
** The JSON forms, one line each:
**   - the record of `zhevents extract` (zhe_record_write_json, flags 0;
**     DESIGN.md describes it);
**   - the record of `zhevents map`, which `zhevents load` reads back
**     (ZHE_RECORD_STORE; zhe_record_read_json): the extract record with
**     what storing needs;
**   - the error record map writes for a line it cannot read,
**     {"error": …, "status": …, "line": N, "id": …}
**     (zhe_record_write_error_json; zhe_record_read_error_json).
**
** A record read back stores the very same rows as the one made in
** process: numbers are rounded to the 15 significant digits the line
** carries when a record is made.
*/
#ifndef ZHEVENTS_RECORD_H
#define ZHEVENTS_RECORD_H

#if !defined(ZHEVENTS_H_IN) && !defined(ZHEVENTS_COMPILATION)
#error "Only <zhevents/zhevents.h> can be included directly."
#endif

#include <zhevents/base.h>
#include <zhevents/text.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The earlier stages' types a record is made from, declared but not
 * defined here: the store, which takes records, includes no header of
 * the segment, extract or events stages. */
struct zhe_segmenter;
struct zhe_mentions;
struct zhe_events;

/* The chips a record keeps of an event (ZHE_EVENT_MAX_CHIPS, the most an
 * event has); a record read back with more is refused. */
#define ZHE_RECORD_MAX_CHIPS 8

typedef struct zhe_record zhe_record;

/** The content hash of article a: XXH3 128-bit of its title, a NUL and
 *  its raw text, as 32 lower-case hex digits and a NUL in out.  The store
 *  keys articles by it (zhe_store_find, zhe_store_probe_has). */
ZHE_API void zhe_record_article_hash(const zhe_article *a, char out[33]);

/** The record of article a (prepared by zhe_text_prepare) with the
 *  mentions ms zhe_extract found in it and the events evs zhe_link made of
 *  them (evs may be NULL: none); nothing of a, ms or evs is kept.  seg
 *  segments the sentences for full-text search; with NULL they are left
 *  unsegmented, enough for zhe_record_write_json without ZHE_RECORD_STORE,
 *  not for storing.  The record goes to *out (caller frees with
 *  zhe_record_free).  Returns ZHE_OK. */
ZHE_API zhe_status zhe_record_new(const struct zhe_segmenter *seg, const zhe_article *a,
                                  const struct zhe_mentions *ms, const struct zhe_events *evs,
                                  zhe_record **out, zhe_error *err);

/** Free r and everything it owns; NULL is a no-op. */
ZHE_API void zhe_record_free(zhe_record *r);

/** r's content hash (zhe_record_article_hash), 32 hex digits.  Borrowed
 *  until zhe_record_free. */
ZHE_API const char *zhe_record_hash(const zhe_record *r);
/** r's article id ("" if it had none).  Borrowed until zhe_record_free. */
ZHE_API const char *zhe_record_id(const zhe_record *r);
/** The number of events r holds. */
ZHE_API size_t zhe_record_n_events(const zhe_record *r);
/** The number of mentions r holds. */
ZHE_API size_t zhe_record_n_mentions(const zhe_record *r);

/*
** A mention of a record, as a caller reads it.  Every string is borrowed
** from the record until zhe_record_free, NUL-terminated, and "" where the
** mention has none; numbers it has none of are NAN.
*/
typedef struct zhe_record_mention {
    const char *type;           /* "chip", "money", "date", "quantity" */
    const char *text;           /* as the article printed it */
    size_t start, end;          /* code points in the article's text */
    size_t sentence;            /* the index of its sentence */
    double confidence;          /* 0..1 */
    const char *rule;           /* the rule that found it ("money.after") */
    const char *model, *vendor, *variant;   /* chips: "H100", "NVIDIA", "80GB" */
    double amount, high;        /* money and quantities; high: a range's upper end */
    const char *unit;           /* money: the ISO 4217 currency; quantities: the
                                   measure word */
    const char *qualifier;      /* exact, approx, at_least, … (DESIGN.md) */
    const char *timex, *mod;    /* dates: the TIMEX3 value and START, MID, END,
                                   APPROX or "" */
    const char *first, *last;   /* dates: the first and last day, YYYY-MM-DD */
} zhe_record_mention;

/** Fill *out with r's mention i (in text order) and return 1; 0 when
 *  i >= zhe_record_n_mentions(r). */
ZHE_API int zhe_record_mention_get(const zhe_record *r, size_t i, zhe_record_mention *out);

/* An event of a record, likewise borrowed; "" and NAN where it has none. */
typedef struct zhe_record_event {
    const char *type;           /* export_control, price, launch, shipment, capacity */
    const char *quote;          /* its sentence, as the article printed it */
    size_t start, end;          /* the sentence: code points in the article's text */
    size_t sentence;
    double confidence;
    const char *rule, *trigger;
    const char *key;            /* 16 hex digits, the same on every run */
    const char *timex, *mod, *first, *last;     /* the date that governs it */
    const char *basis;          /* stated, narrative, published, undated */
    size_t n_chips;
    const char *chips[ZHE_RECORD_MAX_CHIPS];    /* canonical models */
    double amount, high;        /* the money */
    const char *currency, *qualifier;
    double quantity, quantity_high;             /* the count of goods */
    const char *unit;
    /* What it means (zhevents/events.h), "" where not said: per, period
     * and market of a price; modality and polarity of every event. */
    const char *per, *period, *market, *modality, *polarity;
    unsigned chips_per_unit;    /* 0: not said */
    int headline;               /* 1: told only in the headline, its quote */
} zhe_record_event;

/** Fill *out with r's event i (in text order) and return 1; 0 when
 *  i >= zhe_record_n_events(r). */
ZHE_API int zhe_record_event_get(const zhe_record *r, size_t i, zhe_record_event *out);

/* zhe_record_write_json flags: add what storing needs (the hash, the
 * article's path, line and length, the sentences and their segmented
 * text, each event's sentence, vendors and mark). */
#define ZHE_RECORD_STORE 1

/** Append r to out as one line of JSON, without the line end: the record
 *  of `zhevents extract` (DESIGN.md), with ZHE_RECORD_STORE the record of
 *  `zhevents map`. */
ZHE_API void zhe_record_write_json(const zhe_record *r, int flags, zhe_buf *out);

/** Read a record of `zhevents map` (s[0..len), one JSON line) into *out
 *  (caller frees with zhe_record_free).  Returns ZHE_OK; or, for anything
 *  else (an error record included: ask zhe_record_read_error_json
 *  first), ZHE_ERR_FORMAT with *out NULL and err naming path and line and
 *  what is wrong: where the JSON is malformed, or the field at fault. */
ZHE_API zhe_status zhe_record_read_json(const char *s, size_t len, const char *path,
                                        uint64_t line, zhe_record **out, zhe_error *err);

/** Append to out, without the line end, the error record `zhevents map`
 *  writes for line `line` of its input that gave no record:
 *  {"error": err's message, "status": zhe_status_str of its status,
 *  "line": line, "id": id} (no "id" when id is NULL), bytes that are not
 *  UTF-8 in the message or id written as U+FFFD. */
ZHE_API void zhe_record_write_error_json(uint64_t line, const char *id, const zhe_error *err,
                                         zhe_buf *out);

/** 1 if s[0..len) is an error record of `zhevents map` (an object with
 *  an "error" string and no "hash"): its message is appended to msg and
 *  the line of map's input it reports put in *line (0 when it names
 *  none).  0, with msg and *line untouched, for anything else. */
ZHE_API int zhe_record_read_error_json(const char *s, size_t len, zhe_buf *msg,
                                       uint64_t *line);

#ifdef __cplusplus
}
#endif

#endif /* ZHEVENTS_RECORD_H */
