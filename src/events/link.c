/*
** link.c — an article's events, linked from its mentions (see
** zhevents/events.h).
**
** The sentence is the unit: each is searched for the trigger words of
** lexicons/triggers.tsv (the longest at each place; a word in a clause
** of cause, 受禁售消息影响, triggers nothing), and its mentions are read in
** the light of the words found.
**   - price: an amount of money with a price word in its clause or
**     before it in the sentence is a price, of the chip nearest it: in its
**     clause, else the last one before it in the sentence, else the first
**     after, else (when the amount's currency was written) the last chip of
**     the sentence before (按最高成交价25万元来算 after a sentence on the
**     A100).  A chip stands with its list (A100、A800和H100).  Two amounts
**     are two prices, but not an amount that converts the one before
**     (544万日元(26.5万元人民币), 9,600万元，折合约300万美元).  A change
**     (从12999元涨到两万多元) is two prices, the second taking what the
**     first is for.  A sentence that refers back (其, 该芯片) takes its
**     subject, the chip before or the headline's.
**   - export_control: an event for each clause with a control word and a
**     date of its own, else one for the sentence, dated by it; its chips
**     are all the sentence names but those a clause spares (却不在禁售名单
**     中).  Without chips it takes those of the next sentence when that
**     one has no date (…新规将立即生效。受影响的产品包括A100、A800…), or
**     of the one after, past a sentence that names neither.
**   - launch: a chip in the word's clause; its money, a launch price.
**     shipment: a chip or a count of goods in the clause (else the
**     sentence's chips); an order's value after the word.  capacity: each
**     count after the word, dated by its own clause.  None of them in a
**     sentence that tells of an export control: there they are what the
**     control stops (影响…的出货).
** An event other than a price takes a date of its own sentence: the
** clause's, else one said before it (当地时间12月6日，AMD…正式推出MI300X);
** without one, it is an event only when it reads as news (已获批, a
** count), or as a plan, a rumour or a denial, dated by the paragraph or
** the publication (S_undated).  A price takes the date nearest it in its
** clause, else the last before it in its sentence, else the paragraph's
** last (the story's, for a chip of the sentence before), else the
** publication date, and says which in date_basis; 目前 and its kin mean
** the publication date.  Vague dates (近日) count only when there is no
** other.  A date that says what a fact is compared with or changed from
** (较一个月前的195万元, 从年初的3.6万元) governs only the amount inside
** that baseline (S_baselines).
**
** The cue words of lexicons/cues.tsv, read in a sentence with a trigger,
** say what an event means: what a price is for and a rental's period
** (S_price_for), the market, whether it happened (S_happened).
**
** Dates written as a modifier (上周(10月17日)公布的出口限制) tell when the
** thing modified came about, not when the sentence's event happened: an
** export control takes them only when its sentence has no other, or when
** its clause only names it (针对17日公布的出口管制新规，商务部18日表示).
**
** The headline is linked as an article of its own (zhe_link_with_title);
** its events the body does not tell are kept, marked as the headline's.
**
** The same fact said twice (same type, date, amount or count where both
** say one, chips in common) is kept once, with what both say.  An export
** control without chips is dropped when one with chips starts in the same
** month: it is the story's background (十月初就接到了这个(禁售)消息).
*/
#include "../lexicon/lexicon_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>
#include <zhevents/extract.h>
#include <zhevents/events.h>

/* Trigger types beyond zhe_event_type. */
enum { S_EXEMPT = -1, S_NOT_TRIGGER = -2, S_NOT_PRICE = -3 };

/* A word of a lexicon the linker looks up by place: the head of a trigger
 * and of a cue. */
typedef struct {
    const char *word;   /* the lexicon's */
    size_t len;
} S_word;

typedef struct {
    S_word w;
    int type;           /* a zhe_event_type, S_EXEMPT, S_NOT_TRIGGER or S_NOT_PRICE */
    const char *const *needs;   /* words one of which its clause must hold, or NULL */
    size_t n_needs;
} S_trigger;

#define S_BUCKETS 256

/* What a cue word (cues.tsv) says. */
enum { S_CUE_PER, S_CUE_PERIOD, S_CUE_MARKET, S_CUE_MODALITY, S_CUE_POLARITY, S_CUE_TIME,
       S_CUE_REFER };

/* The values of a time cue. */
enum { S_TIME_NOW, S_TIME_BASELINE, S_TIME_BACKGROUND, S_TIME_NEWS, S_TIME_TURN, S_TIME_CHANGE };

/* A polarity cue's values: a negation (zhe_polarity's), or a stop (停止,
 * 暂停, 停产), which negates too and is itself something done. */
enum { S_POLARITY_STOP = ZHE_POLARITY_NEGATIVE + 1 };

typedef struct {
    S_word w;
    int kind;           /* S_CUE_* */
    int value;          /* the enum value it names (zhe_price_per …), or -1: no cue */
} S_cue;

/*
** A table of words (triggers or cues) looked up by place: entries of
** `size` bytes, each beginning with its S_word, sorted by the bucket of
** their first character, then longest first; v[bucket[h] .. bucket[h+1])
** are bucket h's; first has a bit per code point a word begins with.
*/
typedef struct {
    void *v;
    size_t n, size;
    size_t bucket[S_BUCKETS + 1];
    unsigned char first[8192];
} S_words;

struct zhe_linker {
    S_words triggers;   /* of S_trigger */
    S_words cues;       /* of S_cue */
};

/* A cue word found in a sentence. */
typedef struct {
    size_t pos, end;    /* bytes in norm */
    int kind, value;
} S_cuehit;

/* A trigger word found in a sentence. */
typedef struct {
    size_t pos, end;    /* bytes in norm */
    const S_trigger *t;
} S_hit;

/* A list of positions, kept in order: mention indices, clause marks. */
typedef struct {
    size_t *v;
    size_t n, cap;
} S_list;

/* A clause mark of the sentence: , ; : ! ? —— … */
typedef struct {
    size_t at, end;     /* bytes in norm */
} S_mark;

/*
** What the linker knows of the sentence it is reading.  Its mentions are
** listed by type, its clause marks and exempting words in order, so every
** question the rules ask (the chip nearest here, the clause around there)
** is a binary search, and no sentence, however long, costs more than
** n log n.
*/
typedef struct {
    const zhe_article *a;
    const zhe_mentions *ms;
    size_t index;       /* the sentence's index */
    size_t s0, s1;      /* its span in norm */
    size_t m0, m1;      /* its mentions: ms->v[m0 .. m1) */
    S_list of[ZHE_MENTION_QUANTITY + 1];   /* mention indices by type */
    S_mark *marks;
    size_t n_marks, cap_marks;
    S_hit *hits;
    size_t n_hits, cap_hits;
    S_list exempt;      /* positions of exempting words */
    S_list not_price;   /* positions of words for money that is no price */
    const S_hit *price_word;    /* the first price word, or NULL */
    S_cuehit *cues;     /* its cue words, in order (read when it has a trigger) */
    size_t n_cues, cap_cues;
    S_mark *base;       /* its baselines: spans whose dates tell what a fact is
                           compared with or changed from (S_baselines) */
    size_t n_base, cap_base;
    uint64_t hash;      /* of the sentence's normalized text */
    size_t raw0, raw1;  /* its span in raw: bytes */
    size_t cp0, cp1;    /* and code points */
    zhei_cp_cursor cur;  /* code points of raw, counted as far as read */
    ptrdiff_t para_date;    /* the paragraph's last date before it, or -1 */
    ptrdiff_t story_date;   /* the story's last date before it, or -1 */
    ptrdiff_t prev_chip;    /* the last chip of the sentence before, or -1 */
    ptrdiff_t title_chip;   /* the headline's first chip, or -1 */
} S_sentence;

/* ------------------------------------------------------------- lexicon */

static const char *const S_type_names[] = {
    NULL, "export_control", "price", "launch", "shipment", "capacity",
};

const char *zhe_event_type_str(zhe_event_type t)
{
    if (t < 1 || t > ZHE_EVENT_TYPE_MAX) return NULL;
    return S_type_names[t];
}

zhe_event_type zhe_event_type_parse(const char *s)
{
    for (int t = 1; t <= ZHE_EVENT_TYPE_MAX; t++)
        if (strcmp(s, S_type_names[t]) == 0) return (zhe_event_type)t;
    return (zhe_event_type)0;
}

const char *zhe_event_basis_str(zhe_event_basis b)
{
    switch (b) {
    case ZHE_EVENT_STATED: return "stated";
    case ZHE_EVENT_NARRATIVE: return "narrative";
    case ZHE_EVENT_PUBLISHED: return "published";
    case ZHE_EVENT_UNDATED: return "undated";
    }
    return NULL;
}

/* The name at index i of a table of n, or NULL (index 0 is NULL). */
static const char *S_name(const char *const *names, size_t n, int i)
{
    return i >= 0 && (size_t)i < n ? names[i] : NULL;
}

const char *zhe_price_per_str(zhe_price_per p)
{
    static const char *const names[] = {NULL, "chip", "server", "module", "system", "cluster"};
    return S_name(names, ZHEI_ARRAY_LEN(names), (int)p);
}

const char *zhe_price_period_str(zhe_price_period p)
{
    static const char *const names[] = {NULL, "hour", "day", "month", "year"};
    return S_name(names, ZHEI_ARRAY_LEN(names), (int)p);
}

const char *zhe_price_market_str(zhe_price_market m)
{
    static const char *const names[] = {NULL, "official", "retail", "grey", "used"};
    return S_name(names, ZHEI_ARRAY_LEN(names), (int)m);
}

const char *zhe_modality_str(zhe_modality m)
{
    static const char *const names[] = {"asserted", "expected", "planned", "rumored"};
    return S_name(names, ZHEI_ARRAY_LEN(names), (int)m);
}

const char *zhe_polarity_str(zhe_polarity p)
{
    static const char *const names[] = {"positive", "negative"};
    return S_name(names, ZHEI_ARRAY_LEN(names), (int)p);
}

void zhe_events_clear(zhe_events *evs)
{
    zhe_free(evs->v);
    memset(evs, 0, sizeof *evs);
}

/* The code point of the three-byte UTF-8 character at u (every trigger
 * and cue begins with one; of a four-byte one, a number it shares with
 * some), for the linker's first-character tables. */
static unsigned S_cp3(const unsigned char *u)
{
    return ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
}

/* The bucket of a word: its first three bytes, hashed.  Every trigger is
 * Chinese, so three bytes are its first character. */
static unsigned S_bucket(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    return ((u[0] * 31u + u[1]) * 31u + u[2]) % S_BUCKETS;
}

/* qsort: words by bucket, then longest first (each entry begins with its
 * S_word). */
static int S_word_cmp(const void *pa, const void *pb)
{
    const S_word *a = pa, *b = pb;
    unsigned ha = S_bucket(a->word), hb = S_bucket(b->word);
    if (ha != hb) return ha < hb ? -1 : 1;
    if (a->len != b->len) return a->len > b->len ? -1 : 1;
    return strcmp(a->word, b->word);
}

static int S_type_of(const char *name)
{
    if (strcmp(name, "exempt") == 0) return S_EXEMPT;
    if (strcmp(name, "not_price") == 0) return S_NOT_PRICE;
    if (strcmp(name, "-") == 0) return S_NOT_TRIGGER;
    return (int)zhe_event_type_parse(name);
}

/* The name of value v of a cue of kind k, or NULL. */
static const char *S_cue_name(int k, int v)
{
    static const char *const times[] = {"now", "baseline", "background", "news", "turn", "change"},
                             *const refers[] = {"back"};
    switch (k) {
    case S_CUE_PER: return zhe_price_per_str((zhe_price_per)v);
    case S_CUE_PERIOD: return zhe_price_period_str((zhe_price_period)v);
    case S_CUE_MARKET: return zhe_price_market_str((zhe_price_market)v);
    case S_CUE_MODALITY: return zhe_modality_str((zhe_modality)v);
    case S_CUE_POLARITY: return v == S_POLARITY_STOP ? "stop" : zhe_polarity_str((zhe_polarity)v);
    case S_CUE_TIME: return S_name(times, ZHEI_ARRAY_LEN(times), v);
    default: return S_name(refers, ZHEI_ARRAY_LEN(refers), v);
    }
}

/* The cue c of cues.tsv: its kind, and the value its kind's names give
 * it, or -1 for "-" (the lexicon checked the names). */
static void S_cue_of(const zhei_cue *c, S_cue *out)
{
    static const char *const kinds[] = {"per",      "period", "market", "modality",
                                        "polarity", "time",   "refer"};
    out->w = (S_word){c->word, c->len};
    out->kind = 0;
    for (int k = 0; k < (int)ZHEI_ARRAY_LEN(kinds); k++)
        if (!strcmp(c->kind, kinds[k])) out->kind = k;
    out->value = -1;
    for (int v = 0; v < 8; v++) {
        const char *name = S_cue_name(out->kind, v);
        if (name && !strcmp(name, c->value)) out->value = v;
    }
}

/* Sort the table's words and index them: buckets, first characters. */
static void S_words_index(S_words *w)
{
    if (w->n) qsort(w->v, w->n, w->size, S_word_cmp);
    size_t i = 0;
    for (unsigned h = 0; h <= S_BUCKETS; h++) {
        while (i < w->n && S_bucket(((const S_word *)((char *)w->v + i * w->size))->word) < h) i++;
        w->bucket[h] = i;
    }
    for (i = 0; i < w->n; i++) {
        unsigned c = S_cp3((const unsigned char *)((const S_word *)((char *)w->v + i * w->size))->word);
        w->first[c >> 3] |= (unsigned char)(1u << (c & 7));
    }
}

zhe_status zhe_linker_new(const zhe_lexicon *lex, zhe_linker **out, zhe_error *err)
{
    (void)err;
    *out = NULL;
    zhe_linker *lk = ZHEI_NEW(zhe_linker);
    S_cue *cues = ZHEI_NEW_ARRAY(S_cue, lex->n_cues + 1);
    for (size_t i = 0; i < lex->n_cues; i++) S_cue_of(&lex->cues[i], &cues[i]);
    lk->cues = (S_words){.v = cues, .n = lex->n_cues, .size = sizeof *cues};
    S_words_index(&lk->cues);
    S_trigger *triggers = ZHEI_NEW_ARRAY(S_trigger, lex->n_triggers + 1);
    for (size_t i = 0; i < lex->n_triggers; i++) {
        const zhei_trigger *t = &lex->triggers[i];
        triggers[i] = (S_trigger){{t->word, t->len}, S_type_of(t->type), t->needs, t->n_needs};
    }
    lk->triggers = (S_words){.v = triggers, .n = lex->n_triggers, .size = sizeof *triggers};
    S_words_index(&lk->triggers);
    *out = lk;
    return ZHE_OK;
}

void zhe_linker_free(zhe_linker *lk)
{
    if (!lk) return;
    zhe_free(lk->triggers.v);
    zhe_free(lk->cues.v);
    zhe_free(lk);
}

/* ------------------------------------------------------- the sentence */

static void S_push(S_list *l, size_t x)
{
    ZHEI_GROW(&l->v, &l->cap, l->n + 1);
    l->v[l->n++] = x;
}

static const zhe_mention *S_m(const S_sentence *s, size_t i)
{
    return &s->ms->v[i];
}

/* The first entry of a list of mention indices that starts at or after
 * pos (l->n when none does). */
static size_t S_lower(const S_sentence *s, const S_list *l, size_t pos)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (S_m(s, l->v[mid])->norm_start < pos) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* The bytes an aside in parentheses may take and still be one (twenty
 * Chinese characters): an opening one not closed by then is text. */
#define S_ASIDE 60

/* The length of the clause mark at norm[p] (, ; : ! ? —— …), or 0. */
static size_t S_clause_mark(const char *s, size_t p, size_t end)
{
    unsigned char c = (unsigned char)s[p];
    /* a digit group's comma or a time's colon (1,600柜, 10:30) */
    if ((c == ',' || c == ':') && p > 0 && p + 1 < end && s[p - 1] >= '0' && s[p - 1] <= '9' &&
        s[p + 1] >= '0' && s[p + 1] <= '9')
        return 0;
    if (c == ',' || c == ';' || c == ':' || c == '!' || c == '?') return 1;
    /* — (U+2014) and … (U+2026) */
    if (p + 3 <= end && c == 0xE2 && (unsigned char)s[p + 1] == 0x80 &&
        ((unsigned char)s[p + 2] == 0x94 || (unsigned char)s[p + 2] == 0xA6))
        return 3;
    return 0;
}

/* The index of the first clause mark at or after pos (n_marks if none). */
static size_t S_mark_from(const S_sentence *s, size_t pos)
{
    size_t lo = 0, hi = s->n_marks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->marks[mid].at < pos) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* The clause around norm position pos: [*c0, *c1). */
static void S_clause(const S_sentence *s, size_t pos, size_t *c0, size_t *c1)
{
    size_t lo = S_mark_from(s, pos);
    *c0 = lo ? s->marks[lo - 1].end : s->s0;
    if (*c0 > pos) *c0 = pos;   /* pos inside a mark */
    *c1 = lo < s->n_marks ? s->marks[lo].at : s->s1;
}

/* The count of goods shipped nearest pos in [lo, hi), after it preferred:
 * not the size of a machine (搭载A800的8卡服务器).  -1 for none. */
static ptrdiff_t S_goods(const S_sentence *s, size_t pos, size_t lo, size_t hi)
{
    const S_list *q = &s->of[ZHE_MENTION_QUANTITY];
    ptrdiff_t before = -1;
    for (size_t k = S_lower(s, q, lo); k < q->n; k++) {
        const zhe_mention *m = S_m(s, q->v[k]);
        if (m->norm_start >= hi) break;
        if (!strcmp(m->unit, "卡") && m->amount.value <= 16) continue;
        if (m->norm_start >= pos) return (ptrdiff_t)q->v[k];
        before = (ptrdiff_t)q->v[k];
    }
    return before;
}

/* The clause [*k0, *k1) after the one that ends at c1; 0 if that one
 * ends the sentence. */
static int S_next_clause(const S_sentence *s, size_t c1, size_t *k0, size_t *k1)
{
    size_t lo = S_mark_from(s, c1);
    if (lo == s->n_marks || s->marks[lo].at != c1) return 0;
    *k0 = s->marks[lo].end;
    *k1 = lo + 1 < s->n_marks ? s->marks[lo + 1].at : s->s1;
    return 1;
}

/* The index of the first event word at or after pos (n_hits if none):
 * hits are in order. */
static size_t S_hit_from(const S_sentence *s, size_t pos)
{
    size_t lo = 0, hi = s->n_hits;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->hits[mid].pos < pos) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* Is an event word inside [lo, hi)? */
static int S_hit_in(const S_sentence *s, size_t lo, size_t hi)
{
    size_t k = S_hit_from(s, lo);
    return k < s->n_hits && s->hits[k].pos < hi;
}

/* Does the clause around the word at [pos, end) hold, near it, one of the
 * words trigger t needs ("#": a count of goods)? */
static int S_needs_met(const S_sentence *s, size_t pos, size_t end, const S_trigger *t)
{
    if (!t->n_needs) return 1;
    size_t c0, c1;
    S_clause(s, pos, &c0, &c1);
    if (pos - c0 > 120) c0 = pos - 120;     /* forty characters either side */
    if (c1 - end > 120) c1 = end + 120;
    for (size_t k = 0; k < t->n_needs; k++) {
        if (strcmp(t->needs[k], "#") == 0) {    /* a count of goods */
            if (S_goods(s, pos, c0, c1) >= 0) return 1;
        } else if (zhei_memmem(s->a->norm + c0, c1 - c0, t->needs[k], strlen(t->needs[k]))) {
            return 1;
        }
    }
    return 0;
}

static void S_around(const S_sentence *s, zhe_mention_type t, size_t pos, size_t lo, size_t hi,
                     ptrdiff_t *before, ptrdiff_t *after);

/* Is the word at [pos, end) in a clause of cause, 受…影响 (受禁售消息影响，
 * 上周…), or of purpose, 为应对…而 (为应对美国出口管制而推出的RTX 4090D)? */
static int S_cause(const S_sentence *s, size_t pos, size_t end)
{
    static const char *const purposes[] = {"为应对", "为因应", "为规避", "为满足", "为符合"};
    size_t c0, c1;
    S_clause(s, pos, &c0, &c1);
    const char *n = s->a->norm;
    while (c0 < pos && n[c0] == ' ') c0++;
    if (end > c1) return 0;
    if (c1 - c0 >= 3 && memcmp(n + c0, "受", 3) == 0)
        return zhei_memmem(n + end, c1 - end, "影响", 6) != NULL;
    /* within twenty characters either side; one that dates the control
     * tells of it (为满足上个月发布的新规而设计) */
    size_t lo = pos - c0 > 60 ? pos - 60 : c0, hi = c1 - end > 60 ? end + 60 : c1;
    int purpose = 0;
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(purposes) && !purpose; i++)
        purpose = zhei_memmem(n + lo, pos - lo, purposes[i], strlen(purposes[i])) != NULL;
    if (!purpose || !zhei_memmem(n + end, hi - end, "而", 3)) return 0;
    ptrdiff_t b, a;
    S_around(s, ZHE_MENTION_DATE, c0, c0, c1, &b, &a);
    return a < 0;
}

static int S_first_has(const unsigned char *bits, const char *p)
{
    unsigned c = S_cp3((const unsigned char *)p);
    return bits[c >> 3] >> (c & 7) & 1;
}

/* The longest word of table w at norm[p], or NULL. */
static const void *S_word_at(const S_words *w, const S_sentence *s, size_t p)
{
    const char *n = s->a->norm;
    if (!S_first_has(w->first, n + p)) return NULL;
    unsigned h = S_bucket(n + p);
    for (size_t i = w->bucket[h]; i < w->bucket[h + 1]; i++) {
        const S_word *x = (const S_word *)((const char *)w->v + i * w->size);
        if (x->len <= s->s1 - p && memcmp(n + p, x->word, x->len) == 0) return x;
    }
    return NULL;
}

/*
** Read the sentence: its mentions by type and its trigger words (the
** longest at each place).  Only a sentence with one is read further: its
** clause marks, the words a trigger needs or a clause of cause that
** takes it back, its first price word, its cue words, its spans and hash.
** Most sentences of the news tell no event, and cost a scan of their
** characters against a table of first characters.
*/
static void S_read(const zhe_linker *lk, S_sentence *s)
{
    const char *n = s->a->norm;
    for (int t = 0; t <= ZHE_MENTION_QUANTITY; t++) s->of[t].n = 0;
    for (size_t i = s->m0; i < s->m1; i++) {
        int t = (int)s->ms->v[i].type;
        if (t >= 1 && t <= ZHE_MENTION_QUANTITY) S_push(&s->of[t], i);
    }
    s->n_hits = 0;
    s->exempt.n = 0;
    s->not_price.n = 0;
    s->price_word = NULL;
    s->n_cues = 0;

    /* the trigger words, as found: checked once the marks are known */
    for (size_t p = s->s0; p + 3 <= s->s1;) {
        if ((unsigned char)n[p] < 0xE0) {   /* ASCII or a two-byte character: no trigger */
            p++;
            continue;
        }
        const S_trigger *t = S_word_at(&lk->triggers, s, p);
        if (!t) {
            p += 3;
            continue;
        }
        if (t->type != S_NOT_TRIGGER) {
            ZHEI_GROW(&s->hits, &s->cap_hits, s->n_hits + 1);
            s->hits[s->n_hits++] = (S_hit){p, p + t->w.len, t};
        }
        p += t->w.len;
    }
    if (!s->n_hits) return;

    s->n_marks = 0;
    for (size_t p = s->s0; p < s->s1;) {
        unsigned char c = (unsigned char)n[p];
        if (c >= 0xE0 && c != 0xE2) {  /* a Chinese character: no mark */
            p += 3;
            continue;
        }
        if (c == '(') {     /* an aside closed soon splits no clause: 英伟达(Nvidia,又译辉达) */
            const char *close = memchr(n + p, ')', s->s1 - p < S_ASIDE ? s->s1 - p : S_ASIDE);
            if (close) {
                p = (size_t)(close - n) + 1;
                continue;
            }
        }
        size_t k = S_clause_mark(n, p, s->s1);
        if (k) {
            ZHEI_GROW(&s->marks, &s->cap_marks, s->n_marks + 1);
            s->marks[s->n_marks++] = (S_mark){p, p + k};
        }
        p += k ? k : 1;
    }
    s->hash = XXH3_64bits(n + s->s0, s->s1 - s->s0);
    s->raw0 = zhe_offmap_to_raw(&s->a->map, s->s0);
    s->raw1 = zhe_offmap_to_raw_end(&s->a->map, s->s1);
    if (s->raw1 < s->raw0) s->raw1 = s->raw0;
    s->cp0 = zhei_cp_cursor_at(&s->cur, s->raw0);
    s->cp1 = zhei_cp_cursor_at(&s->cur, s->raw1);

    size_t w = 0;
    for (size_t i = 0; i < s->n_hits; i++) {
        const S_hit h = s->hits[i];
        if (!S_needs_met(s, h.pos, h.end, h.t) || S_cause(s, h.pos, h.end)) continue;
        if (h.t->type == S_EXEMPT) S_push(&s->exempt, h.pos);
        else if (h.t->type == S_NOT_PRICE) S_push(&s->not_price, h.pos);
        else s->hits[w++] = h;
    }
    s->n_hits = w;
    for (size_t i = 0; i < s->n_hits && !s->price_word; i++)
        if (s->hits[i].t->type == ZHE_EVENT_PRICE) s->price_word = &s->hits[i];

    /* the cue words, the longest at each place, when there is an event
     * for them to qualify */
    for (size_t p = s->s0; s->n_hits && p + 3 <= s->s1;) {
        if ((unsigned char)n[p] < 0xE0) {
            p++;
            continue;
        }
        const S_cue *c = S_word_at(&lk->cues, s, p);
        if (!c) {
            p += 3;
            continue;
        }
        if (c->value >= 0) {
            ZHEI_GROW(&s->cues, &s->cap_cues, s->n_cues + 1);
            s->cues[s->n_cues++] = (S_cuehit){p, p + c->w.len, c->kind, c->value};
        }
        p += c->w.len;
    }
}

/* The last cue of kind (and of value, unless it is -1) that starts at or
 * after lo and ends by hi, or NULL. */
static const S_cuehit *S_cue_is(const S_sentence *s, int kind, int value, size_t lo, size_t hi)
{
    for (size_t i = s->n_cues; i > 0; i--) {
        const S_cuehit *c = &s->cues[i - 1];
        if (c->pos < lo) break;
        if (c->kind == kind && (value < 0 || c->value == value) && c->end <= hi) return c;
    }
    return NULL;
}

/* The last cue of kind, of any value, inside [lo, hi), or NULL. */
static const S_cuehit *S_cue_in(const S_sentence *s, int kind, size_t lo, size_t hi)
{
    return S_cue_is(s, kind, -1, lo, hi);
}

/* Where the cues of hit h begin: the end of the event word before it,
 * unless that one stands right before it (量产交付: one verb of two words,
 * which 最快于明年一季度 qualifies whole). */
static size_t S_hit_lo(const S_sentence *s, const S_hit *h)
{
    while (h > s->hits && h->pos - h[-1].end <= 3) h--;
    return h > s->hits ? h[-1].end : s->s0;
}

/*
** Whether the event e anchored at pos (a price's amount, another event's
** word) happened, from the cues before it since lo (the end of the
** sentence's event before it): the last modality cue, a rumour anywhere
** before it in the sentence; the last negation in its clause, a denial
** (否认, 辟谣) anywhere before it in the sentence.
*/
static void S_happened(const S_sentence *s, size_t lo, size_t pos, zhe_event *e)
{
    const S_cuehit *c = S_cue_in(s, S_CUE_MODALITY, lo, pos);
    /* 将于, 将在, 将由 only tell the time to come: 预计将在第二季度到货 is
     * expected, 计划将于 planned, 预期…将于明年初进机…将由7万片提升 expected */
    const S_cuehit *x = c;
    for (int steps = 0; x && steps < 4 && !memcmp(s->a->norm + x->pos, "将", 3); steps++) {
        x = S_cue_in(s, S_CUE_MODALITY, lo, x->pos);
        if (x && memcmp(s->a->norm + x->pos, "将", 3)) c = x;
    }
    if (!c) {
        c = S_cue_in(s, S_CUE_MODALITY, s->s0, pos);
        if (c && c->value != ZHE_MODALITY_RUMORED) c = NULL;
    }
    size_t c0, c1;
    S_clause(s, pos, &c0, &c1);
    size_t a = S_hit_from(s, pos);     /* the event word at pos, if it is one */
    const S_hit *word = a < s->n_hits && s->hits[a].pos == pos ? &s->hits[a] : NULL;
    if (!c && word) {
        /* right after the word, as its verb: 出货可望突破40万颗, 产量预计
         * 达到 (four characters at most, in its clause); an expectation
         * only — in A800的推出将在一定程度上缓解…, 将在 plans nothing */
        size_t hi = word->end + 12 < c1 ? word->end + 12 : c1;
        c = S_cue_in(s, S_CUE_MODALITY, word->end, hi);
        if (c && c->value != ZHE_MODALITY_EXPECTED) c = NULL;
        /* or a plan that closes its clause: 以2028年量产CoPoS为目标 */
        if (!c) {
            c = S_cue_is(s, S_CUE_MODALITY, ZHE_MODALITY_PLANNED, word->end, c1);
            if (c && c->end + 3 < c1) c = NULL;    /* the full stop may follow */
        }
    }
    if (c) e->modality = (zhe_modality)c->value;
    /* a negation before it in its clause, or the word itself (停产) */
    if (S_cue_in(s, S_CUE_POLARITY, c0 > lo ? c0 : lo, pos) ||
        (word && S_cue_is(s, S_CUE_POLARITY, -1, pos, word->end))) {
        e->polarity = ZHE_POLARITY_NEGATIVE;
        return;
    }
    const char *n = s->a->norm;
    for (size_t i = 0; i < s->n_cues && s->cues[i].end <= pos; i++) {
        const S_cuehit *d = &s->cues[i];
        if (d->kind == S_CUE_POLARITY &&
            d->end - d->pos == 6 &&
            (!memcmp(n + d->pos, "否认", 6) || !memcmp(n + d->pos, "辟谣", 6)))
            e->polarity = ZHE_POLARITY_NEGATIVE;
    }
}

/* Is a position of list l (in order) inside [lo, hi)? */
static int S_any_in(const S_list *l, size_t lo, size_t hi)
{
    size_t a = 0, b = l->n;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (l->v[mid] < lo) a = mid + 1;
        else b = mid;
    }
    return a < l->n && l->v[a] < hi;
}

/* Is an exempting word (不在禁售名单, 豁免) in the clause around pos? */
static int S_exempt(const S_sentence *s, size_t pos)
{
    if (!s->exempt.n) return 0;
    size_t c0, c1;
    S_clause(s, pos, &c0, &c1);
    return S_any_in(&s->exempt, c0, c1);
}

/*
** Is the date mention a modifier: written inside parentheses (上周(10月17日)),
** or followed by a verb of announcing and 的 (上周公布的出口限制, 去年发布的
** 规定), which dates the announcement, not what the sentence tells?
*/
static int S_attributive(const S_sentence *s, const zhe_mention *d)
{
    static const char *const verbs[] = {"公布", "发布", "颁布", "出台", "宣布", "推出", "实施"};
    const char *n = s->a->norm;
    size_t p = d->norm_start;
    if (p > s->s0 && n[p - 1] == '(') return 1;
    p = d->norm_end;
    if (p < s->s1 && n[p] == '(') {
        const char *close = memchr(n + p, ')', s->s1 - p);
        p = close ? (size_t)(close - n) + 1 : s->s1;
    }
    for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++) {
        size_t k = strlen(verbs[i]);
        if (p + k + 3 <= s->s1 && memcmp(n + p, verbs[i], k) == 0 &&
            memcmp(n + p + k, "的", 3) == 0)
            return 1;
    }
    return 0;
}

/* How S_date_near chooses. */
enum {
    S_TAKE_MODIFIERS = 1,   /* attributive dates too (上周公布的) */
    S_TAKE_VAGUE = 2,       /* approximate ones too (近日, 日前) */
    S_BEFORE_ONLY = 4       /* only a date before pos */
};

/* Dates a search passes over before it gives up: a sentence of nothing
 * but vague or attributive dates is no news. */
#define S_DATE_STEPS 32

/* Is a baseline of the sentence around norm position p but not around
 * pos (a date there tells what the fact at pos is compared with)? */
static int S_other_baseline(const S_sentence *s, size_t p, size_t pos)
{
    for (size_t i = 0; i < s->n_base; i++) {
        const S_mark *b = &s->base[i];
        if (p >= b->at && p < b->end && !(pos >= b->at && pos < b->end)) return 1;
    }
    return 0;
}

static int S_date_ok(const S_sentence *s, const zhe_mention *m, int flags, size_t pos)
{
    if (s->n_base && S_other_baseline(s, m->norm_start, pos)) return 0;
    if (!(flags & S_TAKE_VAGUE) && m->date.mod == ZHE_MOD_APPROX) return 0;
    return (flags & S_TAKE_MODIFIERS) || !S_attributive(s, m);
}

/*
** The date mention nearest pos among the sentence's dates inside [lo, hi):
** the last one before pos, else the first after.  Attributive and vague
** dates are left out unless flags take them.  Returns an index into ms,
** or -1.
*/
static ptrdiff_t S_date_near(const S_sentence *s, size_t pos, size_t lo, size_t hi, int flags)
{
    const S_list *d = &s->of[ZHE_MENTION_DATE];
    size_t k = S_lower(s, d, pos);
    for (size_t j = k, steps = 0; j > 0 && steps < S_DATE_STEPS; j--, steps++) {
        const zhe_mention *m = S_m(s, d->v[j - 1]);
        if (m->norm_start < lo) break;
        if (m->norm_start < hi && S_date_ok(s, m, flags, pos)) return (ptrdiff_t)d->v[j - 1];
    }
    if (flags & S_BEFORE_ONLY) return -1;
    for (size_t j = k, steps = 0; j < d->n && steps < S_DATE_STEPS; j++, steps++) {
        const zhe_mention *m = S_m(s, d->v[j]);
        if (m->norm_start >= hi) break;
        if (m->norm_start >= lo && S_date_ok(s, m, flags, pos)) return (ptrdiff_t)d->v[j];
    }
    return -1;
}

/* S_date_near, and when it finds nothing, again with vague dates. */
static ptrdiff_t S_date_in(const S_sentence *s, size_t pos, size_t lo, size_t hi, int flags)
{
    ptrdiff_t d = S_date_near(s, pos, lo, hi, flags);
    return d >= 0 ? d : S_date_near(s, pos, lo, hi, flags | S_TAKE_VAGUE);
}

/* The mention of type t inside [lo, hi) nearest pos: the last before it
 * and the first at or after it are *before and *after (-1 for none). */
static void S_around(const S_sentence *s, zhe_mention_type t, size_t pos, size_t lo, size_t hi,
                     ptrdiff_t *before, ptrdiff_t *after)
{
    const S_list *l = &s->of[t];
    size_t k = S_lower(s, l, pos);
    *before = k > 0 && S_m(s, l->v[k - 1])->norm_start >= lo ? (ptrdiff_t)l->v[k - 1] : -1;
    *after = k < l->n && S_m(s, l->v[k])->norm_start < hi ? (ptrdiff_t)l->v[k] : -1;
}

/* The chip mention nearest pos inside [lo, hi) (the one before it at equal
 * distance), or -1. */
static ptrdiff_t S_chip_near(const S_sentence *s, size_t pos, size_t lo, size_t hi)
{
    ptrdiff_t b, a;
    S_around(s, ZHE_MENTION_CHIP, pos, lo, hi, &b, &a);
    if (b < 0 || a < 0) return b >= 0 ? b : a;
    const zhe_mention *mb = S_m(s, (size_t)b), *ma = S_m(s, (size_t)a);
    size_t db = mb->norm_end <= pos ? pos - mb->norm_end : 0;
    return ma->norm_start - pos < db ? a : b;
}

/* The mention of type t nearest pos in [lo, hi), after it preferred. */
static ptrdiff_t S_nearest(const S_sentence *s, zhe_mention_type t, size_t pos, size_t lo,
                           size_t hi)
{
    ptrdiff_t b, a;
    S_around(s, t, pos, lo, hi, &b, &a);
    return a >= 0 ? a : b;
}

static void S_add_chip(zhe_event *e, const zhe_mention *m)
{
    for (size_t i = 0; i < e->n_chips; i++)
        if (strcmp(e->chips[i], m->model) == 0) return;
    if (e->n_chips == ZHE_EVENT_MAX_CHIPS) return;
    memcpy(e->chips[e->n_chips], m->model, sizeof e->chips[0]);
    e->vendors[e->n_chips++] = m->vendor;
}

/* Chips a list may hold before the linker stops reading it: more than an
 * event keeps, fewer than a hostile input could write. */
#define S_LIST_MAX 64

/* 1 if the text between two chips of a list is only a list's glue:
 * 、 和 与 及 以及 或 / , and spaces. */
static int S_list_glue(const char *s, size_t len)
{
    static const char *const glue[] = {"、", "和", "与", "及", "以及", "或", "/", ","};
    while (len && s[0] == ' ') s++, len--;
    while (len && s[len - 1] == ' ') len--;
    if (len == 0) return 1;
    for (size_t i = 0; i < sizeof glue / sizeof *glue; i++)
        if (strlen(glue[i]) == len && memcmp(s, glue[i], len) == 0) return 1;
    return 0;
}

/* Add chip mention c of the sentence and the list it stands in
 * (A100、A800、H100和L40S). */
static void S_add_chip_list(const S_sentence *s, size_t c, zhe_event *e)
{
    const S_list *l = &s->of[ZHE_MENTION_CHIP];
    const char *n = s->a->norm;
    size_t k = S_lower(s, l, S_m(s, c)->norm_start), lo = k, hi = k;
    while (lo > 0 && k - lo < S_LIST_MAX) {
        const zhe_mention *x = S_m(s, l->v[lo - 1]), *y = S_m(s, l->v[lo]);
        if (x->norm_end > y->norm_start || !S_list_glue(n + x->norm_end, y->norm_start - x->norm_end))
            break;
        lo--;
    }
    while (hi + 1 < l->n && hi - k < S_LIST_MAX) {
        const zhe_mention *x = S_m(s, l->v[hi]), *y = S_m(s, l->v[hi + 1]);
        if (x->norm_end > y->norm_start || !S_list_glue(n + x->norm_end, y->norm_start - x->norm_end))
            break;
        hi++;
    }
    for (size_t i = lo; i <= hi && i < l->n; i++) S_add_chip(e, S_m(s, l->v[i]));
}

/* Every chip of [lo, hi) into e, but those an exempting clause spares. */
static void S_chips_in(const S_sentence *s, size_t lo, size_t hi, zhe_event *e)
{
    const S_list *l = &s->of[ZHE_MENTION_CHIP];
    for (size_t k = S_lower(s, l, lo), seen = 0; k < l->n && seen < S_LIST_MAX; k++, seen++) {
        const zhe_mention *m = S_m(s, l->v[k]);
        if (m->norm_start >= hi || e->n_chips == ZHE_EVENT_MAX_CHIPS) break;
        if (!S_exempt(s, m->norm_start)) S_add_chip(e, m);
    }
}

/* --------------------------------------------------------------- events */

/* A new event of the sentence, with its span and no date yet. */
static zhe_event S_event(const S_sentence *s, zhe_event_type type, const S_hit *h)
{
    zhe_event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    e.sentence = s->index;
    e.norm_start = s->s0;
    e.norm_end = s->s1;
    e.raw_start = s->raw0;
    e.raw_end = s->raw1;
    e.start = s->cp0;
    e.end = s->cp1;
    e.date_mention = -1;
    e.money = -1;
    e.quantity = -1;
    e.date_basis = ZHE_EVENT_UNDATED;
    if (type == ZHE_EVENT_PRICE) e.per = ZHE_PER_CHIP;
    if (h && h->t->w.len < sizeof e.trigger) memcpy(e.trigger, h->t->w.word, h->t->w.len);
    return e;
}

/* The publication date as the event's date, when the article has one. */
static void S_set_published(zhe_event *e, const zhe_article *a)
{
    const char *p = a->published;
    int y, m, d;
    if (strlen(p) < 10 || !zhei_iso_day_parse(p, 10, &y, &m, &d)) return;
    memset(&e->date, 0, sizeof e->date);
    memcpy(e->date.value, p, 10);
    memcpy(e->date.start, p, 10);
    memcpy(e->date.end, p, 10);
    e->date_basis = ZHE_EVENT_PUBLISHED;
}

/* Date mention d as e's date, where it came from b.  A vague date of the
 * day of publication (日前, 近日) is the publication date. */
static void S_set_date(const S_sentence *s, zhe_event *e, ptrdiff_t d, zhe_event_basis b)
{
    const zhe_timex *t = &s->ms->v[d].date;
    if (t->mod == ZHE_MOD_APPROX && strlen(s->a->published) >= 10 &&
        !strncmp(t->value, s->a->published, 10) && !t->value[10]) {
        S_set_published(e, s->a);
        if (e->date_basis == ZHE_EVENT_PUBLISHED) return;
    }
    e->date_mention = d;
    e->date = *t;
    e->date_basis = b;
}

/*
** The date that modifies the control word h itself: 针对17日公布的半导体出口
** 管制新规 (the rule of the 17th, though the sentence tells of the 18th).
** The last attributive date of its clause whose words end within a dozen
** characters before it, when the clause says nothing more of the control;
** -1 for none.
*/
static ptrdiff_t S_named_date(const S_sentence *s, const S_hit *h, size_t c0)
{
    size_t k0, c1;
    S_clause(s, h->pos, &k0, &c1);
    for (const S_hit *x = h + 1; x < s->hits + s->n_hits && x->pos < c1; x++)
        if (x->t->type == ZHE_EVENT_EXPORT_CONTROL)
            return -1;  /* 上周(10月17日)公布的出口限制改为立即生效: the clause tells what
                           became of it, on the sentence's own date */
    const S_list *d = &s->of[ZHE_MENTION_DATE];
    for (size_t k = S_lower(s, d, h->pos); k > 0; k--) {
        const zhe_mention *m = S_m(s, d->v[k - 1]);
        if (m->norm_start < c0) break;
        if (m->norm_end > h->pos || h->pos - m->norm_end > 36 || !S_attributive(s, m)) continue;
        for (const S_hit *x = s->hits; x < h; x++)   /* it names h, not a word before */
            if (x->pos >= m->norm_end) return -1;
        return (ptrdiff_t)d->v[k - 1];
    }
    return -1;
}

/*
** The date an export control at pos states: its clause's, else its
** sentence's; modifiers only when nothing else.  Returns 0 when the
** sentence has no date.
*/
static int S_control_date(const S_sentence *s, size_t pos, zhe_event *e)
{
    size_t c0, c1;
    S_clause(s, pos, &c0, &c1);
    ptrdiff_t d = S_date_in(s, pos, c0, c1, 0);
    if (d < 0) d = S_date_in(s, pos, s->s0, s->s1, 0);
    if (d < 0) d = S_date_in(s, pos, c0, c1, S_TAKE_MODIFIERS);
    if (d < 0) d = S_date_in(s, pos, s->s0, s->s1, S_TAKE_MODIFIERS);
    if (d < 0) return 0;
    S_set_date(s, e, d, ZHE_EVENT_STATED);
    return 1;
}

/*
** The date of what is told at pos (a launch, a shipment, a count of
** capacity): the clause's, else one the sentence says before it (当地时间
** 12月6日，AMD…正式推出MI300X).  Returns 0 when there is none.
*/
static int S_local_date(const S_sentence *s, size_t pos, zhe_event *e)
{
    size_t c0, c1;
    S_clause(s, pos, &c0, &c1);
    ptrdiff_t d = S_date_in(s, pos, c0, c1, S_TAKE_MODIFIERS);
    if (d < 0) {
        d = S_date_in(s, pos, s->s0, c0, S_BEFORE_ONLY);
        /* what is done already (部分货品已经交付) is not of the time a plan
         * before it names (最快将于5月开始出货) */
        size_t d0, d1;
        if (d >= 0 && S_cue_is(s, S_CUE_TIME, S_TIME_NEWS, c0, pos)) {
            S_clause(s, S_m(s, (size_t)d)->norm_start, &d0, &d1);
            if (S_cue_is(s, S_CUE_MODALITY, ZHE_MODALITY_PLANNED, d0, d1) ||
                S_cue_is(s, S_CUE_MODALITY, ZHE_MODALITY_EXPECTED, d0, d1))
                d = -1;
        }
    }
    if (d < 0) return 0;
    S_set_date(s, e, d, ZHE_EVENT_STATED);
    return 1;
}

/*
** The date of an event at pos whose sentence states none for it.  News the
** article tells in its present (已获批出口许可, 客户已订购逾百万颗) is
** dated by the paragraph's last date (narrative), or by the publication
** when there is none or the sentence says now (目前); history recalled
** (为了规避管制…推出了A800, 此前曾…, 禁令生效之前) and what has not
** happened (等待客户下单) are no event: returns 0.
*/
static int S_undated(const S_sentence *s, size_t pos, zhe_event *e)
{
    size_t c0, c1;
    S_clause(s, pos, &c0, &c1);
    if (S_cue_is(s, S_CUE_TIME, S_TIME_BACKGROUND, s->s0, pos) ||
        S_cue_is(s, S_CUE_TIME, S_TIME_BACKGROUND, c0, c1))
        return 0;
    if (s->para_date >= 0 && !S_cue_is(s, S_CUE_TIME, S_TIME_NOW, s->s0, s->s1))
        S_set_date(s, e, s->para_date, ZHE_EVENT_NARRATIVE);
    else
        S_set_published(e, s->a);
    return 1;
}

/* Does an event of word h without a date read as news (已获批, 正式宣布,
 * 出货增加), or as something still to come or denied? */
static int S_newsy(const S_sentence *s, const S_hit *h, const zhe_event *e)
{
    size_t c0, c1;
    S_clause(s, h->pos, &c0, &c1);
    return e->modality != ZHE_MODALITY_ASSERTED || e->polarity != ZHE_POLARITY_POSITIVE ||
           S_cue_is(s, S_CUE_TIME, S_TIME_NEWS, s->s0, h->pos) ||
           S_cue_is(s, S_CUE_TIME, S_TIME_CHANGE, h->end, c1);
}

/* Can amounts a and b (mention indices, -1 for none) be the same fact's?
 * One that is not said agrees with any. */
static int S_same_amount(const zhe_mentions *ms, ptrdiff_t a, ptrdiff_t b)
{
    if (a < 0 || b < 0) return 1;
    const zhe_mention *x = &ms->v[a], *y = &ms->v[b];
    if (strcmp(x->currency, y->currency) != 0 || strcmp(x->unit, y->unit) != 0) return 0;
    if (x->amount.value != y->amount.value) return 0;
    return (isnan(x->amount.high) && isnan(y->amount.high)) || x->amount.high == y->amount.high;
}

static int S_chips_meet(const zhe_event *a, const zhe_event *b)
{
    if (a->n_chips == 0 || b->n_chips == 0) return 1;
    for (size_t i = 0; i < a->n_chips; i++)
        for (size_t j = 0; j < b->n_chips; j++)
            if (strcmp(a->chips[i], b->chips[j]) == 0) return 1;
    return 0;
}

/* The key: a hash of what the event says and of its sentence, in hex. */
/* Append v to b at *n as eight little-endian bytes: the same key on every
 * machine.  An amount's bits, -0 as 0 and NaN as none. */
static void S_key_u64(unsigned char *b, size_t *n, uint64_t v)
{
    for (int i = 0; i < 8; i++) b[(*n)++] = (unsigned char)(v >> (8 * i));
}

static void S_key_num(unsigned char *b, size_t *n, double v)
{
    uint64_t bits = 0;
    if (!isnan(v) && v != 0) memcpy(&bits, &v, sizeof bits);
    S_key_u64(b, n, bits);
}

/* Append the string s and a separator (at most max bytes of s). */
static void S_key_str(unsigned char *b, size_t *n, const char *s, size_t max)
{
    size_t len = strnlen(s, max);
    memcpy(b + *n, s, len);
    *n += len;
    b[(*n)++] = 0x1f;
}

static void S_key(const S_sentence *s, zhe_event *e)
{
    /* type, date, what it is for, the sentence, chips, amounts: bytes, not
     * printed numbers (printing a double costs as much as the rest) */
    unsigned char b[64 + sizeof e->date.value + ZHE_EVENT_MAX_CHIPS * 33 + 2 * 40];
    size_t n = 0;
    S_key_str(b, &n, zhe_event_type_str(e->type), 16);
    S_key_str(b, &n, e->date.value, sizeof e->date.value);
    b[n++] = (unsigned char)e->date.mod;
    b[n++] = (unsigned char)e->per;
    b[n++] = (unsigned char)e->period;
    b[n++] = (unsigned char)e->headline;
    S_key_u64(b, &n, s->hash);
    for (size_t i = 0; i < e->n_chips; i++) S_key_str(b, &n, e->chips[i], sizeof e->chips[0]);
    ptrdiff_t amounts[2] = {e->money, e->quantity};
    for (int k = 0; k < 2; k++) {
        if (amounts[k] < 0) continue;
        const zhe_mention *m = &s->ms->v[amounts[k]];
        S_key_num(b, &n, m->amount.value);
        S_key_num(b, &n, m->amount.high);
        S_key_str(b, &n, m->currency, sizeof m->currency);
        S_key_str(b, &n, m->unit, sizeof m->unit);
    }
    uint64_t h = XXH3_64bits(b, n);
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) e->key[i] = hex[(h >> (60 - 4 * i)) & 15];
    e->key[16] = '\0';
}

/* Events a new one is compared with: the same fact retold is found among
 * the last of them, and no article costs more than this many comparisons
 * an event. */
#define S_EMIT_WINDOW 256

/* Add e to the list, or merge it into the event that already says it.
 * Returns the index of the event that holds it. */
static size_t S_emit(const S_sentence *s, zhe_events *evs, size_t first, zhe_event *e)
{
    const zhe_mentions *ms = s->ms;
    S_key(s, e);
    size_t from = evs->n - first > S_EMIT_WINDOW ? evs->n - S_EMIT_WINDOW : first;
    for (size_t i = from; i < evs->n; i++) {
        zhe_event *f = &evs->v[i];
        if (f->type != e->type || strcmp(f->date.value, e->date.value) != 0 ||
            f->date.mod != e->date.mod || !S_same_amount(ms, f->money, e->money) ||
            !S_same_amount(ms, f->quantity, e->quantity) || !S_chips_meet(f, e))
            continue;
        /* a date no sentence states is shared by every fact told
         * without one: such facts are the same only when they say the
         * same things */
        if ((f->date_basis != ZHE_EVENT_STATED || e->date_basis != ZHE_EVENT_STATED) &&
            ((f->money < 0) != (e->money < 0) || (f->quantity < 0) != (e->quantity < 0) ||
             (f->n_chips == 0) != (e->n_chips == 0)))
            continue;
        if (!f->n_chips && e->n_chips) {    /* keep the sentence that names them */
            double conf = f->confidence > e->confidence ? f->confidence : e->confidence;
            if (e->money < 0) e->money = f->money;
            if (e->quantity < 0) e->quantity = f->quantity;
            *f = *e;
            f->confidence = conf;
            return i;
        }
        if (f->money < 0) f->money = e->money;
        if (f->quantity < 0) f->quantity = e->quantity;
        for (size_t k = 0; k < e->n_chips && f->n_chips < ZHE_EVENT_MAX_CHIPS; k++) {
            size_t j = 0;
            while (j < f->n_chips && strcmp(f->chips[j], e->chips[k]) != 0) j++;
            if (j < f->n_chips) continue;
            memcpy(f->chips[f->n_chips], e->chips[k], sizeof f->chips[0]);
            f->vendors[f->n_chips++] = e->vendors[k];
        }
        if (e->confidence > f->confidence) f->confidence = e->confidence;
        return i;
    }
    ZHEI_GROW(&evs->v, &evs->cap, evs->n + 1);
    evs->v[evs->n++] = *e;
    return evs->n - 1;
}

/* ---------------------------------------------------------------- price */

/* The mention of i's type before mention i in the sentence, or -1. */
static ptrdiff_t S_before(const S_sentence *s, size_t i)
{
    const S_list *l = &s->of[S_m(s, i)->type];
    size_t k = S_lower(s, l, S_m(s, i)->norm_start);
    return k > 0 ? (ptrdiff_t)l->v[k - 1] : -1;
}

/* The mention of i's type after mention i in the sentence, or -1. */
static ptrdiff_t S_after(const S_sentence *s, size_t i)
{
    const S_list *l = &s->of[S_m(s, i)->type];
    size_t k = S_lower(s, l, S_m(s, i)->norm_start);
    while (k < l->n && l->v[k] <= i) k++;
    return k < l->n ? (ptrdiff_t)l->v[k] : -1;
}

/* Is money mention i a conversion of the one before it:
 * 544万日元(26.5万元人民币), 9,600万元，折合约300万美元? */
static int S_converted(const S_sentence *s, size_t i)
{
    static const char *const words[] = {"折合约", "折合", "约合", "相当于"};
    const char *n = s->a->norm;
    size_t p = S_m(s, i)->norm_start;
    while (p > s->s0 && n[p - 1] == ' ') p--;
    ptrdiff_t b = S_before(s, i);
    if (b < 0) return 0;
    size_t end = S_m(s, (size_t)b)->norm_end;
    if (p > s->s0 && n[p - 1] == '(') {
        p--;
        while (p > s->s0 && n[p - 1] == ' ') p--;
        return end == p;
    }
    /* 售价约新台币9,600万元，折合约300万美元 */
    for (size_t k = 0; k < ZHEI_ARRAY_LEN(words); k++) {
        size_t len = strlen(words[k]), q = p;
        if (q < s->s0 + len || memcmp(n + q - len, words[k], len) != 0) continue;
        q -= len;
        while (q > end && (n[q - 1] == ' ' || n[q - 1] == ',')) q--;
        return q == end;
    }
    return 0;
}

/* Is amount mention i (money or a count) where an amount changed from
 * (从12999元涨到两万多元, 由年初约1.5万港元急升至近2.8万港元, 由目前的7万片
 * 提升至13万片)?  The amount it changed to follows.  Returns where 从 or 由
 * stands, or SIZE_MAX. */
static size_t S_changed_from(const S_sentence *s, size_t i)
{
    const char *n = s->a->norm;
    const zhe_mention *m = S_m(s, i);
    size_t lo, c1;  /* fifteen characters back, in its clause */
    S_clause(s, m->norm_start, &lo, &c1);
    if (m->norm_start - lo > 45) lo = m->norm_start - 45;
    const char *from = NULL;
    for (const char *w = n + lo; w < n + m->norm_start;) {   /* the last 从 or 由 */
        const char *a = zhei_memmem(w, (size_t)(n + m->norm_start - w), "从", 3);
        const char *b = zhei_memmem(w, (size_t)(n + m->norm_start - w), "由", 3);
        const char *f = !a ? b : !b ? a : a < b ? a : b;
        if (!f) break;
        from = f;
        w = f + 3;
    }
    if (!from) return SIZE_MAX;
    ptrdiff_t j = S_after(s, i);
    if (j < 0) return SIZE_MAX;
    const zhe_mention *to = S_m(s, (size_t)j);
    if (to->norm_start < m->norm_end || to->norm_start - m->norm_end > 30) return SIZE_MAX;
    size_t gap = to->norm_start - m->norm_end;
    if (!zhei_memmem(n + m->norm_end, gap, "至", 3) && !zhei_memmem(n + m->norm_end, gap, "到", 3))
        return SIZE_MAX;
    return (size_t)(from - n);
}

/*
** The date of amount mention i when it is where an amount changed from and
** its from-phrase says when (由目前的7万片提升至13万片, 从去年的2万片增至):
** that phrase's date, or the publication date for now.  Returns 0 when i
** is no such amount.
*/
static int S_from_date(const S_sentence *s, size_t i, zhe_event *e)
{
    size_t from = S_changed_from(s, i);
    if (from == SIZE_MAX) return 0;
    size_t at = S_m(s, i)->norm_start;
    ptrdiff_t d = S_date_in(s, at, from, at, S_TAKE_MODIFIERS | S_BEFORE_ONLY);
    if (d >= 0) S_set_date(s, e, d, ZHE_EVENT_STATED);
    else if (S_cue_is(s, S_CUE_TIME, S_TIME_NOW, from, at)) S_set_published(e, s->a);
    else return 0;
    return 1;
}

static void S_push_base(S_sentence *s, size_t at, size_t end)
{
    ZHEI_GROW(&s->base, &s->cap_base, s->n_base + 1);
    s->base[s->n_base++] = (S_mark){at, end};
}

/*
** The sentence's baselines: where an amount changed from (从年初的3.6万元
** 涨至…: the words from 从 to the amount), what a fact is compared with
** (较一个月前的195万元, 比今年1月的高点: from the word to the end of its
** clause, when a date follows the word), and 去年同期.  A date inside one
** governs only an amount inside it.
*/
static void S_baselines(S_sentence *s)
{
    s->n_base = 0;
    const S_list *dates = &s->of[ZHE_MENTION_DATE];
    if (!dates->n) return;
    static const zhe_mention_type amounts[] = {ZHE_MENTION_MONEY, ZHE_MENTION_QUANTITY};
    for (size_t t = 0; t < ZHEI_ARRAY_LEN(amounts); t++) {
        const S_list *l = &s->of[amounts[t]];
        for (size_t k = 0; k < l->n; k++) {
            size_t from = S_changed_from(s, l->v[k]);
            if (from != SIZE_MAX) S_push_base(s, from, S_m(s, l->v[k])->norm_end);
        }
    }
    for (size_t i = 0; i < s->n_cues; i++) {
        const S_cuehit *c = &s->cues[i];
        if (c->kind != S_CUE_TIME || c->value != S_TIME_BASELINE) continue;
        size_t k = S_lower(s, dates, c->end), c0, c1;
        S_clause(s, c->pos, &c0, &c1);
        /* the date right after the word, or one character on (较上月,
         * 与去年同期, 相比于去年): 工业与安全局13日 is no baseline */
        if (k < dates->n && S_m(s, dates->v[k])->norm_start <= c->end + 3 &&
            S_m(s, dates->v[k])->norm_start < c1)
            S_push_base(s, c->pos, c1);
    }
    for (size_t k = 0; k < dates->n; k++) {
        const zhe_mention *d = S_m(s, dates->v[k]);
        if (d->rule && !strcmp(d->rule, "date.same_period") &&
            !S_other_baseline(s, d->norm_start, SIZE_MAX))
            S_push_base(s, d->norm_start, d->norm_end);
    }
}

/*
** The date of a price at pos: nearest in its clause; the publication date
** when the clause says now (目前); the last before it in its sentence (one
** after it, in a clause of its own, tells of what comes next: 预计本月中旬
**第二批到货); the
** publication date when the sentence says now before it; the
** paragraph's last (the story's, for a chip of the sentence before); the
** publication date.  No date of a baseline of another amount governs it.
*/
static void S_price_date(const S_sentence *s, size_t pos, zhe_event *e)
{
    size_t c0, c1;
    S_clause(s, pos, &c0, &c1);
    ptrdiff_t d = S_date_in(s, pos, c0, c1, S_TAKE_MODIFIERS);
    if (d < 0 && S_cue_is(s, S_CUE_TIME, S_TIME_NOW, c0, c1)) {
        S_set_published(e, s->a);
        return;
    }
    if (d < 0) d = S_date_in(s, pos, s->s0, s->s1, S_TAKE_MODIFIERS | S_BEFORE_ONLY);
    if (d < 0 && S_cue_is(s, S_CUE_TIME, S_TIME_NOW, s->s0, pos)) {
        S_set_published(e, s->a);
        return;
    }
    ptrdiff_t narrative = s->para_date;
    if (narrative < 0 && e->rule && strcmp(e->rule, "event.price.previous_sentence") == 0)
        narrative = s->story_date;
    if (d >= 0) S_set_date(s, e, d, ZHE_EVENT_STATED);
    else if (narrative >= 0) S_set_date(s, e, narrative, ZHE_EVENT_NARRATIVE);
    else S_set_published(e, s->a);
}

/* Is quantity mention q a count of chips a machine holds (8卡, 8张, 八颗)? */
static int S_card_count(const zhe_mention *q)
{
    static const char *const units[] = {"卡", "张", "颗", "块", "片"};
    double v = q->amount.value;
    if (!isnan(q->amount.high) || v < 2 || v > 4096 || v != floor(v)) return 0;
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(units); i++)
        if (!strcmp(q->unit, units[i])) return (int)v;
    return 0;
}

/* What S_price_for found said, rather than assumed. */
enum { S_SAID_PER = 1, S_SAID_PERIOD = 2, S_SAID_MARKET = 4 };

/*
** What the price of money mention m is for, from the cues of its clause
** [c0, m) (for what it is for, from the clause of its chip c when that
** one is earlier: 搭载GB10的DGX Spark桌面超算，售价为…; 约一半为8卡H20
** 服务器，单台报价约140万元): per chip unless a
** word says a machine, a module, a system, a cluster; a count of cards
** before it (8卡A100服务器, 节点(8卡)) says how many chips a machine holds,
** and makes one of a chip right after it (8卡H100报价); a rental's period,
** before the amount or right after it (2元/小时, 2美元一小时); the market,
** from the sentence before it.  Returns what it found said, S_SAID_*.
*/
static int S_price_for(const S_sentence *s, const zhe_mention *m, const zhe_mention *c,
                       size_t c0, zhe_event *e)
{
    int said = 0;
    size_t p0 = c0;
    if (c && c->norm_start < c0) {
        size_t k1;
        S_clause(s, c->norm_start, &p0, &k1);
        /* 宣布个人AI超级电脑DGX Spark，搭载GB10超级芯片，售价3999美元: the
         * chip is a part of what an earlier clause names */
        static const char *const part[] = {"搭载", "配备", "采用", "内置"};
        while (p0 < k1 && s->a->norm[p0] == ' ') p0++;
        for (size_t k = 0; k < ZHEI_ARRAY_LEN(part); k++)
            if (k1 - p0 >= 6 && !memcmp(s->a->norm + p0, part[k], 6)) p0 = s->s0;
    }
    const S_cuehit *per = S_cue_in(s, S_CUE_PER, p0, m->norm_start);
    if (per) e->per = (zhe_price_per)per->value, said |= S_SAID_PER;
    const S_list *q = &s->of[ZHE_MENTION_QUANTITY];
    int cards = 0;
    const zhe_mention *count = NULL;
    for (size_t k = S_lower(s, q, p0); k < q->n; k++) {
        const zhe_mention *x = S_m(s, q->v[k]);
        if (x->norm_start >= m->norm_start) break;
        int c = S_card_count(x);
        if (c) cards = c, count = x;
    }
    if (cards && e->per == ZHE_PER_CHIP && !per) {
        /* 8卡H100: a chip right after the count */
        ptrdiff_t b, a;
        size_t at = count->norm_end;
        while (at < s->s1 && s->a->norm[at] == ' ') at++;
        S_around(s, ZHE_MENTION_CHIP, at, at, at + 1, &b, &a);
        if (a >= 0) e->per = ZHE_PER_SERVER, said |= S_SAID_PER;
    }
    if (cards && e->per != ZHE_PER_CHIP && e->per != ZHE_PER_CLUSTER)
        e->chips_per_unit = (unsigned)cards;

    const S_cuehit *period = S_cue_in(s, S_CUE_PERIOD, c0, m->norm_start);
    if (!period) {   /* 2元/小时, 2.5美元每小时 */
        size_t at = m->norm_end;
        while (at < s->s1 && (s->a->norm[at] == ' ' || s->a->norm[at] == '/')) at++;
        for (size_t i = 0; i < s->n_cues && !period; i++)
            if (s->cues[i].pos == at && s->cues[i].kind == S_CUE_PERIOD) period = &s->cues[i];
        if (!period && ((at + 6 <= s->s1 && !memcmp(s->a->norm + at, "小时", 6)) ||
                        (at + 9 <= s->s1 && !memcmp(s->a->norm + at, "一小时", 9))))
            e->period = ZHE_PERIOD_HOUR, said |= S_SAID_PERIOD;
    }
    if (period) e->period = (zhe_price_period)period->value, said |= S_SAID_PERIOD;
    /* the market: the last word of one before the amount in its sentence,
     * unless a turn (但, 而, 不过) comes between: 在黑市上，H100售价…;
     * 定价16499元，RTX 5080则由8299元起; not 未公布官方售价，但…单卡价格 */
    const S_cuehit *market = S_cue_in(s, S_CUE_MARKET, s->s0, m->norm_start);
    if (market && S_cue_is(s, S_CUE_TIME, S_TIME_TURN, market->end, m->norm_start))
        market = NULL;
    if (market) e->market = (zhe_price_market)market->value, said |= S_SAID_MARKET;
    return said;
}

/* Is money mention i the amount a change went to from the one before it
 * (从A涨到B: B; 年租约12万元，现时已降至7万元: 7万元), or what a price is
 * compared with (较一个月前的195万元)?
 * Then it is the same thing's price, and says what it is for only when
 * its own words do. */
static int S_same_series(const S_sentence *s, size_t i)
{
    static const char *const went[] = {"降至", "降到", "跌至", "跌到", "涨至", "涨到", "升至",
                                       "回落至", "回落到", "调降至", "上调至", "下调至"};
    ptrdiff_t b = S_before(s, i);
    if (b >= 0 && S_changed_from(s, (size_t)b) != SIZE_MAX && S_after(s, (size_t)b) == (ptrdiff_t)i)
        return 1;
    if (s->n_base && S_other_baseline(s, S_m(s, i)->norm_start, SIZE_MAX)) return 1;
    /* 年租约12万元，现时已降至7万元: a clause of its own, no chip, a verb
     * of change before the amount */
    if (b < 0) return 0;
    size_t c0, c1;
    const zhe_mention *m = S_m(s, i);
    S_clause(s, m->norm_start, &c0, &c1);
    ptrdiff_t cb, ca;
    S_around(s, ZHE_MENTION_CHIP, m->norm_start, c0, c1, &cb, &ca);
    if (cb >= 0 || ca >= 0 || S_m(s, (size_t)b)->norm_end > c0) return 0;
    for (size_t k = 0; k < ZHEI_ARRAY_LEN(went); k++)
        if (zhei_memmem(s->a->norm + c0, m->norm_start - c0, went[k], strlen(went[k])))
            return 1;
    return 0;
}

static void S_prices(const S_sentence *s, zhe_events *evs, size_t first)
{
    if (!s->price_word) return;
    const S_list *money = &s->of[ZHE_MENTION_MONEY];
    ptrdiff_t last = -1;    /* the sentence's price before, in evs */
    for (size_t k = 0; k < money->n; k++) {
        size_t i = money->v[k];
        const zhe_mention *m = S_m(s, i);
        size_t c0, c1;
        S_clause(s, m->norm_start, &c0, &c1);
        /* a price word in its clause, or before it */
        if (s->price_word->pos >= c1 && s->price_word->pos >= m->norm_start) continue;
        if (S_converted(s, i)) continue;
        /* 营收达181亿美元, 股价涨至450美元: money, no price */
        if (S_any_in(&s->not_price, c0, m->norm_start)) continue;
        int bare = m->rule && strcmp(m->rule, "money.bare_price") == 0;
        zhe_event e = S_event(s, ZHE_EVENT_PRICE, s->price_word);
        ptrdiff_t c = S_chip_near(s, m->norm_start, c0, c1), b, a;
        int borrowed = 0;
        const S_cuehit *back = S_cue_is(s, S_CUE_REFER, 0, c0, m->norm_start);
        if (c >= 0) {
            e.rule = "event.price.clause";
            e.confidence = 0.9;
        } else if (back && s->of[ZHE_MENTION_CHIP].n &&
                   S_m(s, s->of[ZHE_MENTION_CHIP].v[0])->norm_start < back->pos) {
            c = (ptrdiff_t)s->of[ZHE_MENTION_CHIP].v[0];    /* 其: the sentence's subject */
            e.rule = "event.price.refer";
            e.confidence = 0.8;
        } else if (back && !s->of[ZHE_MENTION_CHIP].n &&
                   (c = s->prev_chip >= 0 ? s->prev_chip : s->title_chip) >= 0) {
            /* 该芯片: the one the sentence before named, or the headline */
            e.rule = "event.price.previous_sentence";
            e.confidence = 0.7;
            borrowed = 1;
        } else if (S_around(s, ZHE_MENTION_CHIP, m->norm_start, s->s0, s->s1, &b, &a),
                   (c = b >= 0 ? b : a) >= 0) {
            e.rule = "event.price.sentence";
            e.confidence = 0.8;
        } else if (!bare && (c = s->prev_chip) >= 0) {
            e.rule = "event.price.previous_sentence";
            e.confidence = 0.6;
            borrowed = 1;
        } else {
            continue;   /* a price of nothing named */
        }
        if (borrowed) S_add_chip(&e, S_m(s, (size_t)c));
        else S_add_chip_list(s, (size_t)c, &e);
        e.money = (ptrdiff_t)i;
        ptrdiff_t before = S_before(s, i);
        size_t lo = before >= 0 ? S_m(s, (size_t)before)->norm_end : s->s0;
        int said = S_price_for(s, m, strcmp(e.rule, "event.price.sentence") ? NULL : S_m(s, (size_t)c),
                               c0, &e);
        if (last >= 0 && S_same_series(s, i)) {     /* what the price before it is for */
            const zhe_event *f = &evs->v[last];
            if (!(said & S_SAID_PER)) e.per = f->per, e.chips_per_unit = f->chips_per_unit;
            if (!(said & S_SAID_PERIOD)) e.period = f->period;
            if (!(said & S_SAID_MARKET)) e.market = f->market;
        }
        S_happened(s, lo, m->norm_start, &e);
        S_price_date(s, m->norm_start, &e);
        if (e.date_basis == ZHE_EVENT_NARRATIVE) e.confidence -= 0.1;
        else if (e.date_basis != ZHE_EVENT_STATED) e.confidence -= 0.2;
        e.confidence *= m->confidence;
        last = (ptrdiff_t)S_emit(s, evs, first, &e);
    }
}

/* ------------------------------------------------- the other event types */

/* Is control word h a permission that only describes a chip (目前获准销售的
 * H20): 获准, 允许 … with 的 right after it, or after one verb?  (A ban
 * that describes a rule is still the rule: 限制A100对华出口的规则.) */
static int S_modifier(const S_sentence *s, const S_hit *h)
{
    static const char *const verbs[] = {"", "销售", "出售", "出口", "进口", "使用"};
    static const char *const permits[] = {"获准", "获批", "允许", "批准", "准许", "容许", "同意"};
    const char *n = s->a->norm;
    size_t p = 0;
    while (p < sizeof permits / sizeof *permits &&
           !(h->end - h->pos == strlen(permits[p]) && !memcmp(n + h->pos, permits[p], h->end - h->pos)))
        p++;
    if (p == sizeof permits / sizeof *permits) return 0;
    for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++) {
        size_t k = h->end + strlen(verbs[i]);
        if (k + 3 <= s->s1 && memcmp(n + h->end, verbs[i], strlen(verbs[i])) == 0 &&
            memcmp(n + k, "的", 3) == 0)
            return 1;
    }
    return 0;
}

/*
** Export controls: an event for each clause with a control word and a date
** of its own (公布收紧出口管制 上月, 新规将于本月17日生效: two facts), else one
** for the sentence, dated by it.  Returns 1 if the sentence tells of one.
*/
static int S_export_control(const S_sentence *s, zhe_events *evs, size_t first)
{
    const S_hit *any = NULL;
    size_t done_c0 = SIZE_MAX;
    int made = 0;
    for (size_t i = 0; i < s->n_hits; i++) {
        const S_hit *h = &s->hits[i];
        if (h->t->type != ZHE_EVENT_EXPORT_CONTROL || S_modifier(s, h)) continue;
        if (!any) any = h;
        size_t c0, c1;
        S_clause(s, h->pos, &c0, &c1);
        if (c0 == done_c0) continue;
        ptrdiff_t d = S_named_date(s, h, c0);
        if (d < 0) d = S_date_in(s, h->pos, c0, c1, 0);
        if (d < 0) continue;
        done_c0 = c0;
        zhe_event e = S_event(s, ZHE_EVENT_EXPORT_CONTROL, h);
        S_set_date(s, &e, d, ZHE_EVENT_STATED);
        S_chips_in(s, s->s0, s->s1, &e);
        e.rule = "event.export_control.clause";
        e.confidence = e.n_chips ? 0.8 : 0.6;
        S_happened(s, S_hit_lo(s, h), h->pos, &e);
        S_emit(s, evs, first, &e);
        made = 1;
    }
    if (made || !any) return made;
    zhe_event e = S_event(s, ZHE_EVENT_EXPORT_CONTROL, any);
    S_chips_in(s, s->s0, s->s1, &e);
    S_happened(s, S_hit_lo(s, any), any->pos, &e);
    e.rule = "event.export_control.sentence";
    e.confidence = e.n_chips ? 0.8 : 0.6;
    if (S_control_date(s, any->pos, &e)) {
        S_emit(s, evs, first, &e);
        return 1;
    }
    /* No date: news of chips, or a plan, a rumour, a denial, told by any
     * of the words (负责出口管制的工业与安全局已开始签发许可证: the
     * second) */
    for (size_t i = 0; i < s->n_hits; i++) {
        const S_hit *h = &s->hits[i];
        if (h->t->type != ZHE_EVENT_EXPORT_CONTROL) continue;
        zhe_event u = S_event(s, ZHE_EVENT_EXPORT_CONTROL, h);
        S_chips_in(s, s->s0, s->s1, &u);
        S_happened(s, S_hit_lo(s, h), h->pos, &u);
        if (!S_newsy(s, h, &u) || !S_undated(s, h->pos, &u)) continue;
        u.rule = "event.export_control.undated";
        u.confidence = (u.n_chips ? 0.8 : 0.6) - 0.2;
        S_emit(s, evs, first, &u);
        return 1;
    }
    return 0;
}

/* Does the clause [c0, c1) of capacity word h change a capacity (提高一倍,
 * 扩产, 工厂投产) at a time it states itself? */
static int S_capacity_change(const S_sentence *s, const S_hit *h, size_t c0, size_t c1)
{
    static const char *const words[] = {"提高", "提升", "扩大", "增加", "翻倍", "扩充", "扩建",
                                        "扩产", "增产", "量产", "投产", "启用"};
    ptrdiff_t b, a;
    S_around(s, ZHE_MENTION_DATE, h->pos, c0, c1, &b, &a);
    if (b < 0 && a < 0) return 0;
    const char *n = s->a->norm;
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(words); i++)
        if (zhei_memmem(n + c0, c1 - c0, words[i], strlen(words[i]))) return 1;
    return 0;
}

/*
** Capacity: each count from the word's clause up to the next capacity
** word, dated by its own clause (月产能今年年中约为1.2万片，年底可提升至约
** 1.5万片，明年底有望倍增至3万片).
*/
static void S_capacity(const S_sentence *s, size_t hit, zhe_events *evs, size_t first)
{
    const S_hit *h = &s->hits[hit];
    size_t c0, c1, stop = s->s1;
    S_clause(s, h->pos, &c0, &c1);
    for (size_t j = hit + 1; j < s->n_hits; j++)
        if (s->hits[j].t->type == ZHE_EVENT_CAPACITY) {
            size_t n0, n1;
            S_clause(s, s->hits[j].pos, &n0, &n1);
            if (n0 > c0) {
                stop = n0;
                break;
            }
        }
    const S_list *q = &s->of[ZHE_MENTION_QUANTITY];
    int counts = 0;
    for (size_t k = S_lower(s, q, c0); k < q->n && S_m(s, q->v[k])->norm_start < stop; k++) {
        const zhe_mention *m = S_m(s, q->v[k]);
        zhe_event e = S_event(s, ZHE_EVENT_CAPACITY, h);
        e.quantity = (ptrdiff_t)q->v[k];
        counts++;
        int was = S_from_date(s, q->v[k], &e);
        if (!was && !S_local_date(s, m->norm_start, &e) && !S_undated(s, m->norm_start, &e))
            continue;
        size_t q0, q1;
        S_clause(s, m->norm_start, &q0, &q1);
        S_chips_in(s, q0 < c0 ? q0 : c0, q1 > c1 ? q1 : c1, &e);
        e.rule = "event.capacity";
        e.confidence = 0.7;
        /* 月产能预计由7万片增至13万片: what qualifies the count; the
         * figure it grows from is so already */
        if (!was) S_happened(s, S_hit_lo(s, h), m->norm_start, &e);
        S_emit(s, evs, first, &e);
    }
    if (counts) return;
    /* no count: the chips of its clause, with a date (量产B200 in a quarter) */
    zhe_event e = S_event(s, ZHE_EVENT_CAPACITY, h);
    S_chips_in(s, c0, c1, &e);
    size_t k = S_mark_from(s, c0);
    if (!e.n_chips && k > 0 && s->marks[k - 1].end == c0) {
        /* the clause before names them: 三星展出HBM4，预计年底量产 */
        S_chips_in(s, k > 1 ? s->marks[k - 2].end : s->s0, s->marks[k - 1].at, &e);
    }
    if (!S_local_date(s, h->pos, &e)) return;
    e.rule = "event.capacity.chips";
    e.confidence = 0.6;
    S_happened(s, S_hit_lo(s, h), h->pos, &e);
    /* or a stop, with its date: of the sentence's chips (海关禁止H200入境，
     * 供应商已暂停生产), or of none (相关裸晶早于2024年10月已停产); or a
     * change its clause dates (计划明年将7纳米制程的产能提高一倍) */
    if (!e.n_chips && e.polarity != ZHE_POLARITY_NEGATIVE && !S_capacity_change(s, h, c0, c1))
        return;
    if (!e.n_chips && e.polarity == ZHE_POLARITY_NEGATIVE) S_chips_in(s, s->s0, s->s1, &e);
    S_emit(s, evs, first, &e);
}

/* A count of goods in the clause after the word's (c1 its end) that says
 * nothing else: 追加H20订单，数量逾十万颗 — no chip, date or event word of
 * its own.  -1 for none. */
static ptrdiff_t S_goods_after(const S_sentence *s, size_t c1)
{
    size_t k0, k1;
    if (!S_next_clause(s, c1, &k0, &k1)) return -1;
    ptrdiff_t q = S_goods(s, k0, k0, k1), b, a;
    if (q < 0) return -1;
    S_around(s, ZHE_MENTION_CHIP, k0, k0, k1, &b, &a);
    if (a >= 0) return -1;
    S_around(s, ZHE_MENTION_DATE, k0, k0, k1, &b, &a);
    if (a >= 0) return -1;
    return S_hit_in(s, k0, k1) ? -1 : q;
}

/*
** Counts told on in the clauses after a shipment's (c1 the end of its
** clause), as a part or a total of it: 出货量约4万台，其中NVL72整柜约1万
** 柜; 12月出货1,600柜，全年约6,100柜.  Each clause that begins so, with a
** count of goods and no event word of its own, is a shipment like e, of
** the clause's chips and date where it names them (全年: the whole year
** of e's date); two clauses at most.
*/
static void S_more_counts(const S_sentence *s, zhe_events *evs, size_t first, const zhe_event *e,
                          size_t c1)
{
    static const char *const lead[] = {"其中", "当中", "包括", "全年", "累计", "合计"};
    const char *n = s->a->norm;
    size_t k0, k1;
    for (int c = 0; c < 2 && S_next_clause(s, c1, &k0, &k1); c++, c1 = k1) {
        size_t p = k0, w = 0;
        while (p < k1 && n[p] == ' ') p++;
        while (w < ZHEI_ARRAY_LEN(lead) &&
               (k1 - p < strlen(lead[w]) || memcmp(n + p, lead[w], strlen(lead[w])) != 0))
            w++;
        if (w == ZHEI_ARRAY_LEN(lead)) return;
        ptrdiff_t q = S_goods(s, k0, k0, k1), b, a;
        if (q < 0 || S_hit_in(s, k0, k1)) return;
        zhe_event x = *e;
        x.quantity = q;
        x.money = -1;
        S_around(s, ZHE_MENTION_CHIP, k0, k0, k1, &b, &a);
        if (a >= 0) {
            x.n_chips = 0;
            S_chips_in(s, k0, k1, &x);
        }
        ptrdiff_t d = S_date_in(s, k0, k0, k1, 0);
        if (d >= 0) {
            S_set_date(s, &x, d, ZHE_EVENT_STATED);
        } else if (!strcmp(lead[w], "全年") && strlen(e->date.value) >= 4) {
            memset(&x.date, 0, sizeof x.date);
            memcpy(x.date.value, e->date.value, 4);
            snprintf(x.date.start, sizeof x.date.start, "%.4s-01-01", e->date.value);
            snprintf(x.date.end, sizeof x.date.end, "%.4s-12-31", e->date.value);
            x.date_mention = -1;
        }
        S_emit(s, evs, first, &x);
    }
}

/* The chip of a launch at h whose clause [c0, c1) names none: the one
 * nearest before it in the sentence when the word ends its clause, save a
 * 了, or is followed by 时 or 后 (…推出的RTX 4090D，上周四在内地发售; H20
 * …，去年初推出时单价约; not 暂无推出新款产品的计划),
 * else the first of the next clause when that one tells no time of its
 * own (发表新一代Blackwell架构，首款GPU B200…). */
static void S_launch_chip(const S_sentence *s, const S_hit *h, size_t c0, size_t c1, zhe_event *e)
{
    ptrdiff_t b = -1, a;
    const char *n = s->a->norm;
    int when = h->end + 3 <= c1 && (!memcmp(n + h->end, "时", 3) || !memcmp(n + h->end, "后", 3));
    if (c1 - h->end <= 3 || when) S_around(s, ZHE_MENTION_CHIP, c0, s->s0, c0, &b, &a);
    if (b < 0) {
        size_t k0, k1;
        if (!S_next_clause(s, c1, &k0, &k1)) return;
        ptrdiff_t db, da;
        S_around(s, ZHE_MENTION_DATE, k0, k0, k1, &db, &da);
        if (da >= 0) return;
        S_around(s, ZHE_MENTION_CHIP, k0, k0, k1, &db, &b);
        if (b < 0) return;
    }
    S_add_chip(e, S_m(s, (size_t)b));
}

/* The price a launch at h states: an amount of its clause, else of a
 * clause after it that says nothing else (正式开售，首发价¥12999), not one
 * that tells of another chip, another time or now (H100发布于2022年3月，目前
 * 单卡价格约2.5万美元).  -1 for none. */
static ptrdiff_t S_launch_price(const S_sentence *s, const S_hit *h, size_t c0, size_t c1)
{
    ptrdiff_t m = S_nearest(s, ZHE_MENTION_MONEY, h->end, c0, c1);
    if (m >= 0) return m;
    m = S_nearest(s, ZHE_MENTION_MONEY, h->end, h->end, s->s1);
    if (m < 0) return -1;
    size_t k0, k1;
    ptrdiff_t b, a;
    S_clause(s, S_m(s, (size_t)m)->norm_start, &k0, &k1);
    S_around(s, ZHE_MENTION_CHIP, k0, k0, k1, &b, &a);
    if (a >= 0) return -1;
    S_around(s, ZHE_MENTION_DATE, k0, k0, k1, &b, &a);
    if (a >= 0 || S_cue_is(s, S_CUE_TIME, S_TIME_NOW, k0, k1)) return -1;
    return m;
}

/* Does the sentence hold an event word of type t? */
static int S_has_type(const S_sentence *s, int t)
{
    for (size_t i = 0; i < s->n_hits; i++)
        if (s->hits[i].t->type == t) return 1;
    return 0;
}

/* Launches, shipments and capacity: what the clause of each word holds.
 * A launch keeps its price, which stays a price of the chip's series. */
static void S_others(const S_sentence *s, zhe_events *evs, size_t first)
{
    const char *n = s->a->norm;
    for (size_t i = 0; i < s->n_hits; i++) {
        const S_hit *h = &s->hits[i];
        int type = h->t->type;
        if (type != ZHE_EVENT_LAUNCH && type != ZHE_EVENT_SHIPMENT && type != ZHE_EVENT_CAPACITY)
            continue;
        size_t c0, c1;
        S_clause(s, h->pos, &c0, &c1);
        /* in a sentence of an export control, it is what the control
         * stops (影响…A100、A800的出货), no event of its own, unless its
         * clause tells its own time (…出口管制升级后…，去年出货量约100万颗) */
        int control = 0, same_clause = 0;
        for (size_t j = 0; j < s->n_hits; j++) {
            if (s->hits[j].t->type != ZHE_EVENT_EXPORT_CONTROL) continue;
            control = 1;
            same_clause |= s->hits[j].pos >= c0 && s->hits[j].pos < c1;
        }
        ptrdiff_t db, da;
        S_around(s, ZHE_MENTION_DATE, c0, c0, c1, &db, &da);
        /* … or its own expectation or plan (the control lifted, 公司将尽快
         * 恢复向中国客户交货), or a stop (禁止H200入境，供应商已暂停生产:
         * what was done, where 无法出货 is only what the control does) */
        if (same_clause ||
            (control && da < 0 && !S_cue_is(s, S_CUE_MODALITY, ZHE_MODALITY_EXPECTED, c0, h->pos) &&
             !S_cue_is(s, S_CUE_MODALITY, ZHE_MODALITY_PLANNED, c0, h->pos) &&
             !S_cue_is(s, S_CUE_POLARITY, S_POLARITY_STOP, c0, h->end)))
            continue;
        if (type == ZHE_EVENT_CAPACITY) {
            S_capacity(s, i, evs, first);
            continue;
        }
        zhe_event e = S_event(s, (zhe_event_type)type, h);
        int bare = 0;
        S_chips_in(s, c0, c1, &e);
        if (type == ZHE_EVENT_LAUNCH) {
            /* 发布的 modifies what follows: only a chip right after it was
             * launched (发布的A800), not one further on (发布的、限制A100…的规则) */
            if (h->end + 3 <= s->s1 && memcmp(n + h->end, "的", 3) == 0) {
                e.n_chips = 0;
                size_t p = h->end + 3;
                while (p < s->s1 && n[p] == ' ') p++;
                ptrdiff_t b, a;
                S_around(s, ZHE_MENTION_CHIP, p, p, p + 1, &b, &a);
                if (a >= 0) S_add_chip(&e, S_m(s, (size_t)a));
            }
            else if (!e.n_chips) S_launch_chip(s, h, c0, c1, &e);
            if (!e.n_chips) continue;
            e.money = S_launch_price(s, h, c0, c1);
            if (e.money >= 0) {     /* a launch price: what it is for, its market (首发价) */
                const zhe_mention *m = S_m(s, (size_t)e.money);
                size_t m0, m1;
                S_clause(s, m->norm_start, &m0, &m1);
                e.per = ZHE_PER_CHIP;
                S_price_for(s, m, NULL, m0, &e);
            }
            e.rule = "event.launch";
            e.confidence = 0.8;
        } else {
            e.quantity = S_goods(s, h->end, c0, c1);
            if (e.quantity < 0) e.quantity = S_goods_after(s, c1);
            /* an order's value: 下单的A800和H800订单金额达1.2亿美元, or
             * before the word in its clause, 25亿美元的H20订单无法出货 (not
             * a price: no price word before it there) */
            ptrdiff_t v = S_nearest(s, ZHE_MENTION_MONEY, h->end, h->end, s->s1);
            if (v >= 0) {   /* a price after it is no order's value: 下单逾200万颗，单价约2.7万美元 */
                size_t m0, m1;
                S_clause(s, S_m(s, (size_t)v)->norm_start, &m0, &m1);
                if (s->price_word && s->price_word->pos >= m0 && s->price_word->pos >= h->end &&
                    s->price_word->pos < S_m(s, (size_t)v)->norm_start)
                    v = -1;
            }
            if (v < 0) {
                ptrdiff_t b, a;
                S_around(s, ZHE_MENTION_MONEY, h->pos, c0, h->pos, &b, &a);
                if (b >= 0 && !(s->price_word && s->price_word->pos >= c0 &&
                                s->price_word->pos < S_m(s, (size_t)b)->norm_start))
                    v = b;
            }
            if (v >= 0 && !S_converted(s, (size_t)v)) e.money = v;
            if (!e.n_chips) S_chips_in(s, s->s0, s->s1, &e);
            bare = !e.n_chips && e.quantity < 0 && e.money < 0;
            /* wafers ordered in a sentence of capacity are capacity booked
             * (在台积电预订的产能是3万片…订单共有4.5万片), no goods shipped */
            if (e.quantity >= 0 && !strcmp(S_m(s, (size_t)e.quantity)->unit, "片") &&
                S_has_type(s, ZHE_EVENT_CAPACITY))
                continue;
            e.rule = "event.shipment";
            e.confidence = e.quantity >= 0 ? 0.8 : 0.7;
            /* 出货量由去年的2万颗增至今年上半年的5万颗: two shipments, the
             * first so already */
            zhe_event was = e;
            ptrdiff_t to = e.quantity >= 0 ? S_after(s, (size_t)e.quantity) : -1;
            if (to >= 0 && S_from_date(s, (size_t)e.quantity, &was)) {
                S_emit(s, evs, first, &was);
                e.quantity = to;
            }
        }
        S_happened(s, S_hit_lo(s, h), h->pos, &e);
        int dated = S_local_date(s, h->pos, &e);
        /* a shipment of no chip, count or value is news only as a stop
         * with its date: 自2020年9月中旬起已不再直接供货予华为 */
        if (bare && (e.polarity != ZHE_POLARITY_NEGATIVE || !dated)) continue;
        if (!dated) {
            /* no date: news (已推出, 已订购逾百万颗), not a launch recalled
             * (英伟达也推出了H800) or a noun (供货节奏) */
            if ((type == ZHE_EVENT_LAUNCH || (e.quantity < 0 && e.money < 0)) &&
                !S_newsy(s, h, &e))
                continue;
            if (!S_undated(s, h->pos, &e)) continue;
            e.confidence -= 0.2;
        }
        S_emit(s, evs, first, &e);
        if (type == ZHE_EVENT_SHIPMENT && e.quantity >= 0 &&
            S_m(s, (size_t)e.quantity)->norm_start < c1)
            S_more_counts(s, evs, first, &e, c1);
    }
}

/*
** An export control without chips takes those of the next sentence when
** that one only tells what it covers (…出口管制新规将立即生效。受影响的产品
** 包括A100、A800、H100、H800和L40S。): chips, and no date of its own.
*/
static void S_lend_chips(const S_sentence *s, zhe_event *e)
{
    if (s->of[ZHE_MENTION_DATE].n) return;
    S_chips_in(s, s->s0, s->s1, e);
    if (e->n_chips) {
        e->rule = "event.export_control.next_sentence";
        e->confidence = 0.7;
    }
}

/* Does the sentence speak of a licence (许可, 许可证)? */
static int S_licence(const S_sentence *s)
{
    return zhei_memmem(s->a->norm + s->s0, s->s1 - s->s0, "许可", 6) != NULL;
}

/* An export control still without chips, after the sentence after it,
 * is about the chip the story was on: the last one of the sentence
 * before (…容许其向中国出口H20。首批许可于昨日批出), or the headline's
 * (mention `back`; none if -1). */
static void S_back_chip(const zhe_mentions *ms, ptrdiff_t back, zhe_event *e)
{
    if (back < 0 || e->n_chips) return;
    S_add_chip(e, &ms->v[back]);
    e->rule = "event.export_control.previous_sentence";
    e->confidence -= 0.1;
}

static int S_month_cmp(const void *a, const void *b)
{
    return memcmp(a, b, 7);
}

/* Does export control e name chips of its own, not the story's? */
static int S_own_chips(const zhe_event *e)
{
    return e->n_chips && strcmp(e->rule, "event.export_control.previous_sentence") != 0;
}

/* Drop export controls without chips of their own in a month with one
 * that has some: the background of the story (十月初就接到了这个(禁售)
 * 消息). */
static void S_drop_background(zhe_events *evs, size_t first)
{
    char(*months)[8] = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = first; i < evs->n; i++) {
        const zhe_event *e = &evs->v[i];
        if (e->type != ZHE_EVENT_EXPORT_CONTROL || !S_own_chips(e)) continue;
        ZHEI_GROW(&months, &cap, n + 1);
        memcpy(months[n++], e->date.start, 8);
    }
    if (!n) return;
    qsort(months, n, sizeof *months, S_month_cmp);
    size_t w = first;
    for (size_t i = first; i < evs->n; i++) {
        const zhe_event *e = &evs->v[i];
        if (e->type == ZHE_EVENT_EXPORT_CONTROL && !S_own_chips(e) &&
            bsearch(e->date.start, months, n, sizeof *months, S_month_cmp))
            continue;
        evs->v[w++] = *e;
    }
    evs->n = w;
    zhe_free(months);
}

/* What an article tells as done happened by the day it was published: an
 * asserted fact of 本月 or 今年 ends on that day, not on the last of its
 * month or year.  Its TIMEX value stays the period the text names. */
static void S_not_after_published(const zhe_article *a, zhe_events *evs, size_t first)
{
    int y, m, d;
    if (strlen(a->published) < 10 || !zhei_iso_day_parse(a->published, 10, &y, &m, &d)) return;
    for (size_t i = first; i < evs->n; i++) {
        zhe_timex *t = &evs->v[i].date;
        if (evs->v[i].modality != ZHE_MODALITY_ASSERTED || t->mod == ZHE_MOD_END || !t->start[0] ||
            !t->end[0])
            continue;   /* 年底 after the day of publication is still to come */
        if (strncmp(t->start, a->published, 10) <= 0 && strncmp(t->end, a->published, 10) > 0)
            memcpy(t->end, a->published, 10);
    }
}

/* Link the mentions ms->v[m0 .. m1) of article a into evs; title_chip is
 * the chip a sentence may refer back to when none before names one. */
static void S_link(const zhe_linker *lk, const zhe_article *a, const zhe_mentions *ms, size_t m0,
                   size_t m1, ptrdiff_t title_chip, zhe_events *evs)
{
    const size_t first = evs->n;
    S_sentence s;
    memset(&s, 0, sizeof s);
    s.a = a;
    s.ms = ms;
    s.cur.s = a->raw;
    s.cur.len = a->raw_len;
    s.para_date = s.story_date = -1;
    s.prev_chip = -1;
    s.title_chip = title_chip;
    size_t mi = m0, prev_end = 0;
    ptrdiff_t pending = -1;     /* an export control of the sentence before, without chips */
    ptrdiff_t pending_back = -1;    /* … and the chip it refers back to, or -1 */
    int waited = 0;             /* sentences it waited through */
    for (size_t k = 0; k < a->n_sentences; k++) {
        s.index = k;
        s.s0 = a->sentences[k].off;
        s.s1 = s.s0 + a->sentences[k].len;
        if (k && memchr(a->norm + prev_end, '\n', s.s0 - prev_end)) s.para_date = -1;
        prev_end = s.s1;
        while (mi < m1 && ms->v[mi].sentence < k) mi++;
        s.m0 = mi;
        while (mi < m1 && ms->v[mi].sentence == k) mi++;
        s.m1 = mi;

        S_read(lk, &s);
        if (s.n_hits) S_baselines(&s);
        if (pending >= 0) S_lend_chips(&s, &evs->v[pending]);
        /* the chips may come a sentence later (…新规。新规扩大了限制范围。
         * A800和H800…须申请许可。): one that names neither chips nor
         * dates keeps the control waiting */
        int wait = pending >= 0 && !evs->v[pending].n_chips && !s.of[ZHE_MENTION_CHIP].n &&
                   !s.of[ZHE_MENTION_DATE].n && waited < 1;
        if (wait) {
            waited++;
        } else {
            if (pending >= 0) S_back_chip(ms, pending_back, &evs->v[pending]);
            pending = -1;
            waited = 0;
        }
        size_t here = evs->n;
        if (s.n_hits) {
            S_prices(&s, evs, first);
            S_export_control(&s, evs, first);
            S_others(&s, evs, first);
        }
        /* a licence is for the chip the story is on; a control of no
         * chips is about one named before only when the sentence refers
         * back (该芯片, 其) */
        ptrdiff_t back = s.prev_chip >= 0 ? s.prev_chip : title_chip;
        if (!S_licence(&s) && !S_cue_is(&s, S_CUE_REFER, 0, s.s0, s.s1)) back = -1;
        for (size_t i = here; i < evs->n; i++) {
            zhe_event *e = &evs->v[i];
            if (e->type != ZHE_EVENT_EXPORT_CONTROL || e->n_chips) continue;
            if (e->date_basis == ZHE_EVENT_STATED)  /* not one told without a date */
                pending = (ptrdiff_t)i, pending_back = back;
            else
                S_back_chip(ms, back, e);
        }

        const S_list *dates = &s.of[ZHE_MENTION_DATE], *chips = &s.of[ZHE_MENTION_CHIP];
        if (dates->n) s.para_date = s.story_date = (ptrdiff_t)dates->v[dates->n - 1];
        /* the story comes to the present (年初约12万元，目前已降到约7万元):
         * what follows in the paragraph without a date is now (cues are
         * read in a sentence with an event word) */
        const S_cuehit *now = S_cue_is(&s, S_CUE_TIME, S_TIME_NOW, s.s0, s.s1);
        if (now && (!dates->n || S_m(&s, dates->v[dates->n - 1])->norm_start < now->pos))
            s.para_date = -1;
        s.prev_chip = chips->n ? (ptrdiff_t)chips->v[chips->n - 1] : -1;
    }
    if (pending >= 0) S_back_chip(ms, pending_back, &evs->v[pending]);
    for (int t = 0; t <= ZHE_MENTION_QUANTITY; t++) zhe_free(s.of[t].v);
    zhe_free(s.exempt.v);
    zhe_free(s.not_price.v);
    zhe_free(s.marks);
    zhe_free(s.hits);
    zhe_free(s.cues);
    zhe_free(s.base);
    S_drop_background(evs, first);
    S_not_after_published(a, evs, first);
}

void zhe_link(const zhe_linker *lk, const zhe_article *a, const zhe_mentions *ms, zhe_events *evs)
{
    S_link(lk, a, ms, 0, ms->n, -1, evs);
}

/* Does body amount b say headline amount h?  A headline rounds and
 * shortens (喊价逾300万元 for 报价约300万至350万元): one figure agrees with
 * a body's figure or range it falls in, a range with the same range, each
 * within 2%.  No amount on either side agrees. */
static int S_headline_amount(const zhe_mentions *ms, ptrdiff_t b, ptrdiff_t h)
{
    if (b < 0 || h < 0) return 1;
    const zhe_mention *x = &ms->v[b], *y = &ms->v[h];
    if (strcmp(x->currency, y->currency) != 0 || strcmp(x->unit, y->unit) != 0) return 0;
    double lo = x->amount.value, hi = isnan(x->amount.high) ? lo : x->amount.high;
    if (isnan(y->amount.high))
        return y->amount.value >= lo - 0.02 * fabs(lo) && y->amount.value <= hi + 0.02 * fabs(hi);
    return fabs(y->amount.value - lo) <= 0.02 * fabs(lo) &&
           fabs(y->amount.high - hi) <= 0.02 * fabs(hi);
}

/* Does the body tell headline event h: an event of evs[from ..) of its
 * type, with a chip in common and an amount and count that agree where
 * both say one; or any price (a launch price too) of an amount that
 * agrees, whatever chip a headline's few words seem to give it (推出A800
 * 替代A100 经销商报价约8.8万元)? */
static int S_told(const zhe_mentions *ms, const zhe_events *evs, size_t from, const zhe_event *h)
{
    for (size_t i = from; i < evs->n; i++) {
        const zhe_event *e = &evs->v[i];
        if (e->type == h->type && S_chips_meet(e, h) && S_headline_amount(ms, e->money, h->money) &&
            S_headline_amount(ms, e->quantity, h->quantity))
            return 1;
        if (h->money >= 0 && e->money >= 0 && S_headline_amount(ms, e->money, h->money) &&
            (h->type == ZHE_EVENT_PRICE || h->type == ZHE_EVENT_LAUNCH) &&
            (e->type == ZHE_EVENT_PRICE || e->type == ZHE_EVENT_LAUNCH))
            return 1;
    }
    return 0;
}

void zhe_link_with_title(const zhe_linker *lk, const zhe_article *a, const zhe_article *title,
                         zhe_mentions *ms, size_t n_body, zhe_events *evs)
{
    ptrdiff_t title_chip = -1;
    for (size_t i = n_body; i < ms->n && title_chip < 0; i++)
        if (ms->v[i].type == ZHE_MENTION_CHIP) title_chip = (ptrdiff_t)i;
    const size_t first = evs->n;
    S_link(lk, a, ms, 0, n_body, title_chip, evs);
    zhe_events told = {NULL, 0, 0};
    S_link(lk, title, ms, n_body, ms->n, -1, &told);
    size_t cps = zhe_utf8_count(a->title, strlen(a->title));
    for (size_t i = 0; i < told.n && a->n_sentences; i++) {  /* sentence 0 anchors it */
        zhe_event *h = &told.v[i];
        if (S_told(ms, evs, first, h)) continue;
        h->headline = 1;
        h->sentence = 0;
        h->norm_start = h->norm_end = h->raw_start = h->raw_end = 0;
        h->start = 0;
        h->end = cps;
        h->date_mention = -1;   /* the title's: no mention of the body */
        h->confidence *= 0.8;
        ZHEI_GROW(&evs->v, &evs->cap, evs->n + 1);
        evs->v[evs->n++] = *h;
    }
    zhe_events_clear(&told);
    for (size_t i = n_body; i < ms->n; i++) ms->v[i].sentence = SIZE_MAX;
}
