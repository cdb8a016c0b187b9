/*
** zhevents/events.h — events: what happened to which chips, when, for how
** much, how many, linked from an article's mentions.
**
** A zhe_linker takes the trigger words of a lexicon (triggers.tsv) and turns
** one article's mentions into events:
**
**     zhe_linker *lk;
**     if (zhe_linker_new(lex, &lk, &err) != ZHE_OK) return 1;   // lex: lexicon.h
**     zhe_mentions ms = {0};
**     zhe_events evs = {0};
**     zhe_extract(ex, a, &ms);               // a: prepared (zhe_text_prepare)
**     zhe_link(lk, a, &ms, &evs);
**     for (size_t i = 0; i < evs.n; i++)
**         printf("%s %s\n", zhe_event_type_str(evs.v[i].type), evs.v[i].date.value);
**     zhe_events_clear(&evs);
**     zhe_mentions_clear(&ms);
**     zhe_linker_free(lk);
**
** An event's money, quantity and date are indices into the mention list
** it was linked from; its chips are copied (they may come from an earlier
** sentence than its own).
*/
#ifndef ZHEVENTS_EVENTS_H
#define ZHEVENTS_EVENTS_H

#if !defined(ZHEVENTS_H_IN) && !defined(ZHEVENTS_COMPILATION)
#error "Only <zhevents/zhevents.h> can be included directly."
#endif

#include <zhevents/base.h>
#include <zhevents/lexicon.h>
#include <zhevents/text.h>
#include <zhevents/extract.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum zhe_event_type {
    ZHE_EVENT_EXPORT_CONTROL = 1,   /* 禁售, 出口管制条例, 实体清单 */
    ZHE_EVENT_PRICE,                /* an amount of money with 售价, 报价, 涨至 … */
    ZHE_EVENT_LAUNCH,               /* 发布, 推出, 上市 */
    ZHE_EVENT_SHIPMENT,             /* 出货, 交付, 发货 */
    ZHE_EVENT_CAPACITY              /* 产能, 月产 */
} zhe_event_type;

#define ZHE_EVENT_TYPE_MAX ZHE_EVENT_CAPACITY

/** "export_control", "price", "launch", "shipment", "capacity"; NULL for
 *  a value outside the enum.  Static storage. */
ZHE_API const char *zhe_event_type_str(zhe_event_type t);

/** The type named s (as zhe_event_type_str spells it), or 0. */
ZHE_API zhe_event_type zhe_event_type_parse(const char *s);

/* Which date governs an event, and why. */
typedef enum zhe_event_basis {
    ZHE_EVENT_STATED = 0,   /* a date in the event's own sentence */
    ZHE_EVENT_NARRATIVE,    /* the last date before it in the story */
    ZHE_EVENT_PUBLISHED,    /* the publication date: nothing else said */
    ZHE_EVENT_UNDATED       /* not even that: the article has no date */
} zhe_event_basis;

/** "stated", "narrative", "published", "undated".  Static storage. */
ZHE_API const char *zhe_event_basis_str(zhe_event_basis b);

/* What a price is for (DESIGN.md): one chip or card, one machine (8卡服务器),
 * a module, a system (DGX, a rack) or a cluster.  0 for an event that is
 * no price. */
typedef enum zhe_price_per {
    ZHE_PER_NONE = 0,
    ZHE_PER_CHIP,
    ZHE_PER_SERVER,
    ZHE_PER_MODULE,
    ZHE_PER_SYSTEM,
    ZHE_PER_CLUSTER
} zhe_price_per;

/* A rental's period (每卡每小时, 月租); 0 for a sale. */
typedef enum zhe_price_period {
    ZHE_PERIOD_NONE = 0,
    ZHE_PERIOD_HOUR,
    ZHE_PERIOD_DAY,
    ZHE_PERIOD_MONTH,
    ZHE_PERIOD_YEAR
} zhe_price_period;

/* The market a price was seen in, where the text says (0 when it does not):
 * the vendor's list price, a shop's, the grey market (黑市, 水货, 渠道),
 * second hand. */
typedef enum zhe_price_market {
    ZHE_MARKET_NONE = 0,
    ZHE_MARKET_OFFICIAL,
    ZHE_MARKET_RETAIL,
    ZHE_MARKET_GREY,
    ZHE_MARKET_USED
} zhe_price_market;

/* Whether it happened, after TimeML: said as a fact, expected (预计, 有望),
 * planned (计划, 拟, 将于) or rumoured (传闻, 据传). */
typedef enum zhe_modality {
    ZHE_MODALITY_ASSERTED = 0,
    ZHE_MODALITY_EXPECTED,
    ZHE_MODALITY_PLANNED,
    ZHE_MODALITY_RUMORED
} zhe_modality;

/* Said to have happened, or said not to have (否认, 并未, 没有, 不会). */
typedef enum zhe_polarity {
    ZHE_POLARITY_POSITIVE = 0,
    ZHE_POLARITY_NEGATIVE
} zhe_polarity;

/** The names DESIGN.md gives them ("chip", "server", "module", "system",
 *  "cluster"; "hour", "day", "month", "year"; "official", "retail", "grey",
 *  "used"; "asserted", "expected", "planned", "rumored"; "positive",
 *  "negative"), NULL for 0 of per, period and market and for a value
 *  outside the enum.  Static storage. */
ZHE_API const char *zhe_price_per_str(zhe_price_per p);
ZHE_API const char *zhe_price_period_str(zhe_price_period p);
ZHE_API const char *zhe_price_market_str(zhe_price_market m);
ZHE_API const char *zhe_modality_str(zhe_modality m);
ZHE_API const char *zhe_polarity_str(zhe_polarity p);

#define ZHE_EVENT_MAX_CHIPS 8

typedef struct zhe_event {
    zhe_event_type type;
    size_t sentence;            /* index into the article's sentences */
    size_t norm_start, norm_end;    /* the sentence: bytes in norm */
    size_t raw_start, raw_end;      /* bytes in raw */
    size_t start, end;          /* code points in raw */

    zhe_timex date;             /* value "" when undated */
    zhe_event_basis date_basis;
    ptrdiff_t date_mention;     /* index of the governing date mention, or -1 */

    size_t n_chips;
    char chips[ZHE_EVENT_MAX_CHIPS][32];    /* canonical models, in text order */
    const char *vendors[ZHE_EVENT_MAX_CHIPS];

    ptrdiff_t money;            /* index of the money mention, or -1 */
    ptrdiff_t quantity;         /* index of the quantity mention, or -1 */

    /* What it means.  per is ZHE_PER_NONE but for a price and a launch
     * price (首发价); chips_per_unit is how many chips one priced unit holds, when the
     * text says (8卡服务器: 8), else 0. */
    zhe_price_per per;
    unsigned chips_per_unit;
    zhe_price_period period;
    zhe_price_market market;
    zhe_modality modality;
    zhe_polarity polarity;

    int headline;               /* 1: told only in the article's headline, which
                                   is its quote (sentence 0, start and end 0) */
    char trigger[32];           /* the trigger word, as normalized */
    double confidence;          /* 0..1 */
    const char *rule;           /* the id of the rule that made it ("event.price") */
    char key[17];               /* 16 hex digits from what the event says
                                   (type, date, chips, amounts, sentence
                                   text): the same on every run */
} zhe_event;

/* A growable list of events, in text order.  Zero it to start. */
typedef struct zhe_events {
    zhe_event *v;
    size_t n;
    size_t cap;
} zhe_events;

ZHE_API void zhe_events_clear(zhe_events *evs);

/*
** The linker: the trigger words of lex (triggers.tsv) in one table,
** hashed by their first character.  lex is borrowed and must outlive the
** linker.  Read-only once made, so threads may share one.  Returns ZHE_OK
** and the linker in *out (caller frees with zhe_linker_free); the
** lexicon checked the words already, so it fails only as every
** constructor may, with err filled and *out NULL.
*/
typedef struct zhe_linker zhe_linker;

ZHE_API zhe_status zhe_linker_new(const zhe_lexicon *lex, zhe_linker **out, zhe_error *err);
ZHE_API void zhe_linker_free(zhe_linker *lk);

/*
** Link the mentions ms of article a (as zhe_extract found them) into
** events, appended to evs in text order.  The same fact said twice in the
** article (a repeated paragraph, a recap) is one event: the first.
*/
ZHE_API void zhe_link(const zhe_linker *lk, const zhe_article *a, const zhe_mentions *ms,
                      zhe_events *evs);

/*
** Link article a and its headline.  title is a's title as an article of
** its own, prepared (zhe_text_prepare) and extracted: its mentions follow
** a's in ms, from index n_body on.  The body is linked as zhe_link does,
** the title's first chip standing for the one a sentence refers back to
** (该芯片, 其) when no sentence before names one.  Then the title's events
** that the body does not tell (the same type, a chip in common, the same
** amount or count) are appended, with headline set and a lower
** confidence.  The title's mentions are marked as such, their sentence
** set to SIZE_MAX: they give those events their amounts, but are no
** mentions of the body.
*/
ZHE_API void zhe_link_with_title(const zhe_linker *lk, const zhe_article *a,
                                 const zhe_article *title, zhe_mentions *ms, size_t n_body,
                                 zhe_events *evs);

#ifdef __cplusplus
}
#endif

#endif /* ZHEVENTS_EVENTS_H */
