/*
** lexicon.c — the lexicon layer: every file of lexicons/ read once,
** checked, and kept in the read-only tables of lexicon_int.h that the
** stages borrow (see zhevents/lexicon.h).
**
** It comes right after base/ in the pipeline's layers: the cleaner, the
** segmenter, the extractor, the linker and the store all take their word
** lists from here, and a file that cannot be used is reported here, as
** "path:line: reason", whichever stage would have needed the line.
**
** The one file not held in a table is the general word list
** (words-jieba.tsv): only the segmenter needs it and keeps it in a hash
** table of its own, so it is read when the segmenter is made
** (zhei_lexicon_each_word) and not by programs that never segment.
*/
#include "lexicon_int.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <math.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Under valgrind the patterns run in pcre2's interpreter: valgrind cannot
 * follow what JIT-compiled code reads, and reports every match as a use
 * of uninitialised memory. */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define S_ON_VALGRIND() RUNNING_ON_VALGRIND
#endif
#endif
#ifndef S_ON_VALGRIND
#define S_ON_VALGRIND() 0
#endif

/* Where `meson install` puts the lexicons (prefix/datadir/zhevents/
 * lexicons), and the source tree's copy: meson passes both
 * (src/meson.build). */
#ifndef ZHE_DATA_LEXICON_DIR
#define ZHE_DATA_LEXICON_DIR "/usr/local/share/zhevents/lexicons"
#endif
#ifndef ZHE_SOURCE_LEXICON_DIR
#define ZHE_SOURCE_LEXICON_DIR "lexicons"
#endif

void zhei_pcre2_jit(void *re)
{
    if (!S_ON_VALGRIND()) pcre2_jit_compile((pcre2_code *)re, PCRE2_JIT_COMPLETE);
}

/* ------------------------------------------------------------ directory */

/* 1 if dir/chips.tsv is a file. */
static int S_has_lexicons(const char *dir)
{
    zhe_buf p = ZHE_BUF_INIT;
    zhe_buf_printf(&p, "%s/chips.tsv", dir);
    struct stat sb;
    int ok = stat(p.ptr, &sb) == 0 && S_ISREG(sb.st_mode);
    zhe_buf_clear(&p);
    return ok;
}

const char *zhe_lexicon_default_dir(void)
{
    const char *env = getenv("ZHEVENTS_LEXICONS");
    if (env && *env) return env;
    /* Installed lexicons win once they are there; a build run from its
     * tree, never installed, reads the tree's. */
    if (S_has_lexicons(ZHE_DATA_LEXICON_DIR)) return ZHE_DATA_LEXICON_DIR;
    return ZHE_SOURCE_LEXICON_DIR;
}

/* ----------------------------------------------------------------- pool */

/* The lexicon's strings, in blocks that never move. */
struct zhei_pool_block {
    zhei_pool_block *next;
    size_t used, cap;
    char data[];
};

#define S_POOL_BLOCK 16384

/* size bytes owned by lex, zeroed, aligned for pointers when align (the
 * blocks' data start 8-aligned after three words). */
static void *S_alloc(zhe_lexicon *lex, size_t size, int align)
{
    zhei_pool_block *b = lex->pool;
    size_t at = b ? (align ? (b->used + 7) & ~(size_t)7 : b->used) : 0;
    if (!b || at > b->cap || b->cap - at < size) {
        size_t cap = size > S_POOL_BLOCK ? size : S_POOL_BLOCK;
        zhei_pool_block *nb = zhe_xcalloc(1, sizeof *nb + cap);
        nb->cap = cap;
        nb->next = b;
        lex->pool = b = nb;
        at = 0;
    }
    b->used = at + size;
    return b->data + at;
}

/* A copy of s[0..len) with a NUL, owned by lex. */
static const char *S_dup(zhe_lexicon *lex, const char *s, size_t len)
{
    char *p = S_alloc(lex, len + 1, 0);
    memcpy(p, s, len);
    return p;
}

static const char *S_dups(zhe_lexicon *lex, const char *s)
{
    return S_dup(lex, s, strlen(s));
}

/* The comma-separated words of col, each non-empty one copied, as an
 * array in *out (NULL when there are none), all owned by lex.  Returns
 * how many. */
static size_t S_list(zhe_lexicon *lex, const char *col, const char *const **out)
{
    size_t n = 1;
    for (const char *c = col; *c; c++) n += *c == ',';
    const char **v = S_alloc(lex, n * sizeof *v, 1);
    size_t k = 0;
    while (*col) {
        const char *e = strchr(col, ',');
        size_t len = e ? (size_t)(e - col) : strlen(col);
        if (len) v[k++] = S_dup(lex, col, len);
        col += len + (e != NULL);
    }
    *out = k ? v : NULL;
    return k;
}

/* ------------------------------------------------------------------ keys */

size_t zhe_lexicon_key(const char *s, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        size_t step = 1;
        char ascii = 0;
        if (c < 0x80) {
            ascii = (char)c;
        } else if (i + 2 < len && c == 0xEF && ((unsigned char)s[i + 1] == 0xBC ||
                                               (unsigned char)s[i + 1] == 0xBD)) {
            /* U+FF01..U+FF5E, full-width ASCII */
            uint32_t cp = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 |
                          (uint32_t)(s[i + 2] & 0x3F);
            if (cp >= 0xFF01 && cp <= 0xFF5E) ascii = (char)(cp - 0xFF01 + 0x21), step = 3;
        } else if (i + 2 < len && c == 0xE3 && (unsigned char)s[i + 1] == 0x80 &&
                   (unsigned char)s[i + 2] == 0x80) {
            ascii = ' ', step = 3;      /* U+3000, the ideographic space */
        }
        if (ascii) {
            i += step;
            if (ascii == ' ' || ascii == '-' || ascii == '_' || ascii == '\t') continue;
            if (ascii >= 'A' && ascii <= 'Z') ascii = (char)(ascii | 0x20);
            if (n + 1 < cap) out[n] = ascii;
            n++;
            continue;
        }
        if (n + 1 < cap) out[n] = (char)c;
        n++;
        i++;
    }
    out[n < cap ? n : cap - 1] = '\0';
    return n;
}

static int S_name_cmp(const void *a, const void *b)
{
    const zhei_name *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c) return c;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* The key of name[0..len) in a buffer of the caller's (freed with
 * zhe_free when it is not stack). */
static char *S_key(const char *name, size_t len, char *stack, size_t cap)
{
    char *key = len + 1 <= cap ? stack : zhe_xcalloc(1, len + 1);
    zhe_lexicon_key(name, len, key, len + 1);
    return key;
}

/* Add name s to the list *v (of *n, room for *cap), keyed, for index. */
static void S_add_name(zhe_lexicon *lex, zhei_name **v, size_t *n, size_t *cap, const char *s,
                       size_t index)
{
    char stack[256];
    char *key = S_key(s, strlen(s), stack, sizeof stack);
    size_t klen = strlen(key);
    if (klen) {
        ZHEI_GROW(v, cap, *n + 1);
        (*v)[(*n)++] = (zhei_name){S_dup(lex, key, klen), index};
    }
    if (key != stack) zhe_free(key);
}

/* The entry of v[0..n) with key, or NULL. */
static const zhei_name *S_find_name(const zhei_name *v, size_t n, const char *key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(v[mid].key, key) < 0) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && strcmp(v[lo].key, key) == 0 ? &v[lo] : NULL;
}

/* --------------------------------------------------------------- chips */

/* chips.tsv: model, vendor, aliases, context, series, kind, source.  The
 * vendor may be empty for a memory generation that several makers build
 * (HBM3E); the source (where a reviewer can check the entry) is for
 * people and is not kept. */
static zhe_status S_load_chips(zhe_lexicon *lex, zhe_error *err)
{
    zhei_tsv t;
    zhe_status st = zhei_tsv_open(&t, lex->dir, "chips.tsv", err);
    size_t cap = 0, cap_names = 0, cap_vendors = 0;
    while (st == ZHE_OK && zhei_tsv_next(&t)) {
        if (t.ncol < 2 || !*t.col[0]) {
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "expected model, vendor and aliases");
            break;
        }
        const char *kind = t.ncol >= 6 ? t.col[5] : "";
        if (*kind && strcmp(kind, "gpu") != 0 && strcmp(kind, "accelerator") != 0 &&
            strcmp(kind, "hbm") != 0) {
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "kind is gpu, accelerator or hbm, not \"%s\"", kind);
            break;
        }
        if (!*t.col[1] && strcmp(kind, "hbm") != 0) {
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "only a memory generation (kind hbm) may have no vendor");
            break;
        }
        if (strlen(t.col[0]) > ZHEI_MODEL_MAX) {
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "a model name is at most %d bytes", ZHEI_MODEL_MAX);
            break;
        }
        ZHEI_GROW(&lex->chips, &cap, lex->n_chips + 1);
        size_t i = lex->n_chips++;
        zhe_chip *c = &lex->chips[i];
        c->model = S_dups(lex, t.col[0]);
        c->vendor = *t.col[1] ? NULL : "";
        for (size_t v = 0; v < lex->n_vendors && !c->vendor; v++)
            if (strcmp(lex->vendors[v], t.col[1]) == 0) c->vendor = lex->vendors[v];
        if (!c->vendor) {
            ZHEI_GROW(&lex->vendors, &cap_vendors, lex->n_vendors + 1);
            c->vendor = lex->vendors[lex->n_vendors++] = S_dups(lex, t.col[1]);
        }
        c->n_aliases = S_list(lex, t.ncol >= 3 ? t.col[2] : "", &c->aliases);
        c->context = S_dups(lex, t.ncol >= 4 ? t.col[3] : "");
        c->series = S_dups(lex, t.ncol >= 5 ? t.col[4] : "");
        c->kind = S_dups(lex, kind);
        S_add_name(lex, &lex->chip_names, &lex->n_chip_names, &cap_names, c->model, i);
        for (size_t k = 0; k < c->n_aliases; k++)
            S_add_name(lex, &lex->chip_names, &lex->n_chip_names, &cap_names, c->aliases[k], i);
    }
    zhei_tsv_close(&t);
    if (lex->n_chip_names)
        qsort(lex->chip_names, lex->n_chip_names, sizeof *lex->chip_names, S_name_cmp);
    return st;
}

/* vendors.tsv (optional): vendor, the other names articles give it. */
static zhe_status S_load_vendors(zhe_lexicon *lex, zhe_error *err)
{
    size_t cap = lex->n_vendors, cap_names = 0;
    zhe_buf path = ZHE_BUF_INIT;
    zhei_lexicon_path(lex, "vendors.tsv", &path);
    struct stat sb;
    int present = stat(path.ptr, &sb) == 0;
    zhe_buf_clear(&path);
    zhe_status st = ZHE_OK;
    for (size_t v = 0; v < lex->n_vendors; v++)
        S_add_name(lex, &lex->vendor_names, &lex->n_vendor_names, &cap_names, lex->vendors[v], v);
    if (present) {
        zhei_tsv t;
        st = zhei_tsv_open(&t, lex->dir, "vendors.tsv", err);
        while (st == ZHE_OK && zhei_tsv_next(&t)) {
            if (!*t.col[0]) {
                st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                                   "expected a vendor and its other names");
                break;
            }
            size_t v = 0;
            while (v < lex->n_vendors && strcmp(lex->vendors[v], t.col[0]) != 0) v++;
            if (v == lex->n_vendors) {
                ZHEI_GROW(&lex->vendors, &cap, lex->n_vendors + 1);
                lex->vendors[lex->n_vendors++] = S_dups(lex, t.col[0]);
                S_add_name(lex, &lex->vendor_names, &lex->n_vendor_names, &cap_names,
                           lex->vendors[v], v);
            }
            const char *const *names;
            size_t n = S_list(lex, t.ncol >= 2 ? t.col[1] : "", &names);
            for (size_t k = 0; k < n; k++)
                S_add_name(lex, &lex->vendor_names, &lex->n_vendor_names, &cap_names, names[k],
                           v);
        }
        zhei_tsv_close(&t);
    }
    if (lex->n_vendor_names)
        qsort(lex->vendor_names, lex->n_vendor_names, sizeof *lex->vendor_names, S_name_cmp);
    return st;
}

/* ------------------------------------------------------ amounts' words */

static int S_by_length_desc(size_t la, size_t lb) { return la < lb ? 1 : la > lb ? -1 : 0; }

static int S_currency_cmp(const void *a, const void *b)
{
    return S_by_length_desc(((const zhei_currency *)a)->len, ((const zhei_currency *)b)->len);
}

static int S_unit_cmp(const void *a, const void *b)
{
    return S_by_length_desc(((const zhei_unit *)a)->len, ((const zhei_unit *)b)->len);
}

static int S_qual_cmp(const void *a, const void *b)
{
    return S_by_length_desc(((const zhei_qualword *)a)->len, ((const zhei_qualword *)b)->len);
}

static zhe_status S_load_currencies(zhe_lexicon *lex, zhe_error *err)
{
    zhei_tsv t;
    zhe_status st = zhei_tsv_open(&t, lex->dir, "currencies.tsv", err);
    size_t cap = 0;
    while (st == ZHE_OK && zhei_tsv_next(&t)) {
        const char *pos = t.ncol >= 3 ? t.col[2] : "";
        int before = !strcmp(pos, "before") || !strcmp(pos, "both");
        int after = !strcmp(pos, "after") || !strcmp(pos, "both");
        if (t.ncol < 3 || !*t.col[0] || strlen(t.col[1]) != 3 || !(before || after)) {
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "expected a word, an ISO 4217 code and before, after or both");
            break;
        }
        ZHEI_GROW(&lex->currencies, &cap, lex->n_currencies + 1);
        zhei_currency *c = &lex->currencies[lex->n_currencies++];
        c->word = S_dups(lex, t.col[0]);
        c->len = strlen(c->word);
        memcpy(c->code, t.col[1], 4);
        c->before = before;
        c->after = after;
    }
    zhei_tsv_close(&t);
    if (lex->n_currencies)
        qsort(lex->currencies, lex->n_currencies, sizeof *lex->currencies, S_currency_cmp);
    return st;
}

static zhe_status S_load_units(zhe_lexicon *lex, zhe_error *err)
{
    zhei_tsv t;
    zhe_status st = zhei_tsv_open(&t, lex->dir, "units.tsv", err);
    size_t cap = 0;
    while (st == ZHE_OK && zhei_tsv_next(&t)) {
        size_t len = strlen(t.col[0]);
        if (!len || len > ZHEI_UNIT_MAX) {
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "expected a unit of at most %d bytes", ZHEI_UNIT_MAX);
            break;
        }
        ZHEI_GROW(&lex->units, &cap, lex->n_units + 1);
        lex->units[lex->n_units++] = (zhei_unit){S_dups(lex, t.col[0]), len,
                                                 S_dups(lex, t.ncol >= 2 ? t.col[1] : "")};
    }
    zhei_tsv_close(&t);
    if (lex->n_units) qsort(lex->units, lex->n_units, sizeof *lex->units, S_unit_cmp);
    return st;
}

static zhe_status S_load_qualifiers(zhe_lexicon *lex, zhe_error *err)
{
    static const char *const names[] = {"approx", "at_least", "at_most", "more_than", "max",
                                        "min"};
    zhei_tsv t;
    zhe_status st = zhei_tsv_open(&t, lex->dir, "qualifiers.tsv", err);
    size_t cap = 0;
    while (st == ZHE_OK && zhei_tsv_next(&t)) {
        const char *q = NULL;
        for (size_t k = 0; t.ncol >= 3 && k < ZHEI_ARRAY_LEN(names); k++)
            if (!strcmp(t.col[2], names[k])) q = names[k];
        int after = t.ncol >= 3 && !strcmp(t.col[1], "after");
        if (!q || !*t.col[0] || !(after || !strcmp(t.col[1], "before"))) {
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "expected a word, before or after, and a qualifier "
                               "(approx, at_least, at_most, more_than, max, min)");
            break;
        }
        ZHEI_GROW(&lex->quals, &cap, lex->n_quals + 1);
        lex->quals[lex->n_quals++] =
            (zhei_qualword){S_dups(lex, t.col[0]), strlen(t.col[0]), after, q};
    }
    zhei_tsv_close(&t);
    if (lex->n_quals) qsort(lex->quals, lex->n_quals, sizeof *lex->quals, S_qual_cmp);
    return st;
}

/* ------------------------------------------------------------ triggers */

static zhe_status S_load_triggers(zhe_lexicon *lex, zhe_error *err)
{
    static const char *const types[] = {"price",  "export_control", "launch", "shipment",
                                        "capacity", "exempt",       "not_price", "-"};
    zhei_tsv t;
    zhe_status st = zhei_tsv_open(&t, lex->dir, "triggers.tsv", err);
    size_t cap = 0;
    while (st == ZHE_OK && zhei_tsv_next(&t)) {
        const char *type = NULL;
        for (size_t k = 0; t.ncol >= 2 && k < ZHEI_ARRAY_LEN(types); k++)
            if (!strcmp(t.col[1], types[k])) type = types[k];
        if (strlen(t.col[0]) < 3 || (unsigned char)t.col[0][0] < 0x80 || !type) {
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "expected a Chinese word and an event type (price, "
                               "export_control, launch, shipment, capacity, exempt or -)");
            break;
        }
        ZHEI_GROW(&lex->triggers, &cap, lex->n_triggers + 1);
        zhei_trigger *tr = &lex->triggers[lex->n_triggers++];
        tr->word = S_dups(lex, t.col[0]);
        tr->len = strlen(tr->word);
        tr->type = type;
        tr->n_needs = S_list(lex, t.ncol >= 3 ? t.col[2] : "", &tr->needs);
    }
    zhei_tsv_close(&t);
    return st;
}

/* ---------------------------------------------------------------- cues */

/* Is value one of the values kind takes (or "-")?  Returns kind's
 * spelling in static storage, or NULL. */
static const char *S_cue_kind(const char *kind, const char *value)
{
    static const char *const kinds[][7] = {
        {"per", "chip", "server", "module", "system", "cluster", NULL},
        {"period", "hour", "day", "month", "year", NULL, NULL},
        {"market", "official", "retail", "grey", "used", NULL, NULL},
        {"modality", "expected", "planned", "rumored", NULL, NULL, NULL},
        {"polarity", "negative", "stop", NULL, NULL, NULL, NULL},
        {"time", "now", "baseline", "background", "news", "turn", "change"},
        {"refer", "back", NULL, NULL, NULL, NULL, NULL},
    };
    for (size_t k = 0; k < ZHEI_ARRAY_LEN(kinds); k++) {
        if (strcmp(kind, kinds[k][0]) != 0) continue;
        if (!strcmp(value, "-")) return kinds[k][0];
        for (size_t v = 1; v < ZHEI_ARRAY_LEN(kinds[k]) && kinds[k][v]; v++)
            if (!strcmp(value, kinds[k][v])) return kinds[k][0];
    }
    return NULL;
}

static zhe_status S_load_cues(zhe_lexicon *lex, zhe_error *err)
{
    zhei_tsv t;
    zhe_status st = zhei_tsv_open(&t, lex->dir, "cues.tsv", err);
    size_t cap = 0;
    while (st == ZHE_OK && zhei_tsv_next(&t)) {
        const char *kind = t.ncol >= 3 ? S_cue_kind(t.col[1], t.col[2]) : NULL;
        if (strlen(t.col[0]) < 3 || (unsigned char)t.col[0][0] < 0x80 || !kind) {
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "expected a Chinese word, a kind (per, period, market, "
                               "modality, polarity, time or refer) and one of its values, "
                               "or -");
            break;
        }
        ZHEI_GROW(&lex->cues, &cap, lex->n_cues + 1);
        zhei_cue *c = &lex->cues[lex->n_cues++];
        c->word = S_dups(lex, t.col[0]);
        c->len = strlen(c->word);
        c->kind = kind;
        c->value = S_dups(lex, t.col[2]);
    }
    zhei_tsv_close(&t);
    return st;
}

/* ------------------------------------------------------------ patterns */

static zhe_status S_load_patterns(zhe_lexicon *lex, zhe_error *err)
{
    zhei_tsv t;
    zhe_status st = zhei_tsv_open(&t, lex->dir, "patterns.tsv", err);
    size_t cap = 0;
    while (st == ZHE_OK && zhei_tsv_next(&t)) {
        int ignore = t.ncol >= 3 && !strcmp(t.col[1], "ignore");
        int chip = t.ncol >= 5 && !strcmp(t.col[1], "chip") && *t.col[3] && *t.col[4];
        if (!*t.col[0] || !(ignore || chip) || !*t.col[2]) {
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "expected an id, a type (chip or ignore), a pattern, "
                               "and for a chip its model and vendor");
            break;
        }
        int code;
        PCRE2_SIZE at;
        pcre2_code *re = pcre2_compile((PCRE2_SPTR)t.col[2], PCRE2_ZERO_TERMINATED, PCRE2_UTF,
                                       &code, &at, NULL);
        if (!re) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(code, msg, sizeof msg);
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "pattern %s, at character %zu: %s", t.col[0], (size_t)at,
                               (char *)msg);
            break;
        }
        int group = chip ? pcre2_substring_number_from_name(re, (PCRE2_SPTR) "model") : 0;
        if (group < 0) {
            pcre2_code_free(re);
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "pattern %s has no group (?<model>…)", t.col[0]);
            break;
        }
        zhei_pcre2_jit(re);
        ZHEI_GROW(&lex->patterns, &cap, lex->n_patterns + 1);
        lex->patterns[lex->n_patterns++] = (zhei_pattern){
            S_dups(lex, t.col[0]), ignore, re, (uint32_t)group,
            S_dups(lex, chip ? t.col[3] : ""), S_dups(lex, chip ? t.col[4] : "")};
    }
    zhei_tsv_close(&t);
    return st;
}

/* --------------------------------------------------------- boilerplate */

static zhe_status S_load_markers(zhe_lexicon *lex, zhe_error *err)
{
    zhei_tsv t;
    zhe_status st = zhei_tsv_open(&t, lex->dir, "boilerplate.tsv", err);
    size_t cap = 0;
    while (st == ZHE_OK && zhei_tsv_next(&t)) {
        if (t.ncol < 3 || !*t.col[0]) {
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "expected three tab-separated columns: marker, match, action");
            break;
        }
        const char *match = t.col[1], *action = t.col[2];
        int anywhere = strcmp(match, "any") == 0, tail = strcmp(action, "tail") == 0;
        if ((!anywhere && strcmp(match, "start") != 0) || (!tail && strcmp(action, "line") != 0)) {
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "match must be start or any, action tail or line");
            break;
        }
        ZHEI_GROW(&lex->markers, &cap, lex->n_markers + 1);
        lex->markers[lex->n_markers++] =
            (zhei_marker){S_dups(lex, t.col[0]), strlen(t.col[0]), anywhere, tail};
    }
    zhei_tsv_close(&t);
    return st;
}

/* ------------------------------------------------------------- words */

static zhe_status S_load_domain_words(zhe_lexicon *lex, zhe_error *err)
{
    zhei_tsv t;
    zhe_status st = zhei_tsv_open(&t, lex->dir, "segment-words.tsv", err);
    size_t cap = 0;
    while (st == ZHE_OK && zhei_tsv_next(&t)) {
        double freq = 0;
        if (t.ncol >= 2 && *t.col[1]) {
            char *end;
            freq = strtod(t.col[1], &end);
            if (end == t.col[1] || freq <= 0) {
                st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                                   "the second column must be a frequency");
                break;
            }
        }
        ZHEI_GROW(&lex->domain_words, &cap, lex->n_domain_words + 1);
        lex->domain_words[lex->n_domain_words++] =
            (zhei_domain_word){S_dups(lex, t.col[0]), strlen(t.col[0]), freq};
    }
    zhei_tsv_close(&t);
    return st;
}

zhe_status zhei_lexicon_each_word(const zhe_lexicon *lex, zhei_word_fn fn, void *ctx,
                                  zhe_error *err)
{
    zhei_tsv t;
    zhe_status st = zhei_tsv_open(&t, lex->dir, "words-jieba.tsv", err);
    while (st == ZHE_OK && zhei_tsv_next(&t)) {
        char *end;
        double freq = t.ncol >= 2 ? (double)strtoul(t.col[1], &end, 10) : 0;
        if (t.ncol < 2 || end == t.col[1] || *end) {
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "expected a word and a frequency");
            break;
        }
        fn(ctx, t.col[0], strlen(t.col[0]), freq, t.ncol >= 3 ? t.col[2] : "");
    }
    fn(ctx, NULL, 0, 0, "");   /* before the file's text goes */
    zhei_tsv_close(&t);
    return st;
}

/* -------------------------------------------------------------- rates */

static zhe_status S_load_rates(zhe_lexicon *lex, zhe_error *err)
{
    zhei_tsv t;
    zhe_status st = zhei_tsv_open(&t, lex->dir, "rates.tsv", err);
    size_t cap = 0;
    while (st == ZHE_OK && zhei_tsv_next(&t)) {
        char *end = NULL;
        double rate = t.ncol >= 3 ? strtod(t.col[2], &end) : 0;
        const char *c = t.ncol >= 2 ? t.col[1] : "";
        int cur_ok = strlen(c) == 3;
        for (int i = 0; cur_ok && i < 3; i++) cur_ok = c[i] >= 'A' && c[i] <= 'Z';
        int y, m;
        if (t.ncol < 3 || !zhei_iso_month_parse(t.col[0], strlen(t.col[0]), &y, &m) || !cur_ok || !end || *end || end == t.col[2] ||
            !(rate > 0) || !isfinite(rate)) {
            st = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                               "want month (YYYY-MM), ISO 4217 currency and CNY per unit, "
                               "tab-separated");
            break;
        }
        ZHEI_GROW(&lex->rates, &cap, lex->n_rates + 1);
        zhei_rate *r = &lex->rates[lex->n_rates++];
        memcpy(r->month, t.col[0], 8);
        memcpy(r->currency, c, 4);
        r->cny = rate;
    }
    zhei_tsv_close(&t);
    return st;
}

/* -------------------------------------------------------------- the API */

void zhei_lexicon_path(const zhe_lexicon *lex, const char *name, zhe_buf *out)
{
    zhe_buf_printf(out, "%s/%s", lex->dir, name);
}

zhe_status zhe_lexicon_open(const char *dir, zhe_lexicon **out, zhe_error *err)
{
    *out = NULL;
    zhe_lexicon *lex = ZHEI_NEW(zhe_lexicon);
    lex->dir = zhe_strdup(dir ? dir : zhe_lexicon_default_dir());
    zhe_status st = S_load_chips(lex, err);
    if (st == ZHE_OK) st = S_load_vendors(lex, err);
    if (st == ZHE_OK) st = S_load_currencies(lex, err);
    if (st == ZHE_OK) st = S_load_units(lex, err);
    if (st == ZHE_OK) st = S_load_qualifiers(lex, err);
    if (st == ZHE_OK) st = S_load_triggers(lex, err);
    if (st == ZHE_OK) st = S_load_cues(lex, err);
    if (st == ZHE_OK) st = S_load_patterns(lex, err);
    if (st == ZHE_OK) st = S_load_markers(lex, err);
    if (st == ZHE_OK) st = S_load_domain_words(lex, err);
    if (st == ZHE_OK) st = S_load_rates(lex, err);
    if (st != ZHE_OK) {
        zhe_lexicon_free(lex);
        return st;
    }
    *out = lex;
    return ZHE_OK;
}

void zhe_lexicon_free(zhe_lexicon *lex)
{
    if (!lex) return;
    for (size_t i = 0; i < lex->n_patterns; i++) pcre2_code_free(lex->patterns[i].re);
    zhe_free(lex->chips);
    zhe_free(lex->chip_names);
    zhe_free(lex->vendors);
    zhe_free(lex->vendor_names);
    zhe_free(lex->currencies);
    zhe_free(lex->units);
    zhe_free(lex->quals);
    zhe_free(lex->triggers);
    zhe_free(lex->cues);
    zhe_free(lex->patterns);
    zhe_free(lex->markers);
    zhe_free(lex->domain_words);
    zhe_free(lex->rates);
    for (zhei_pool_block *b = lex->pool, *next; b; b = next) {
        next = b->next;
        zhe_free(b);
    }
    zhe_free(lex->dir);
    zhe_free(lex);
}

const char *zhe_lexicon_dir(const zhe_lexicon *lex)
{
    return lex->dir;
}

size_t zhe_lexicon_n_chips(const zhe_lexicon *lex)
{
    return lex->n_chips;
}

const zhe_chip *zhe_lexicon_chip(const zhe_lexicon *lex, size_t i)
{
    return i < lex->n_chips ? &lex->chips[i] : NULL;
}

const zhe_chip *zhe_lexicon_find_chip(const zhe_lexicon *lex, const char *name, size_t len)
{
    char stack[256];
    char *key = S_key(name, len, stack, sizeof stack);
    const zhe_chip *found = NULL;
    const zhei_name *e = *key ? S_find_name(lex->chip_names, lex->n_chip_names, key) : NULL;
    if (e) {
        found = &lex->chips[e->index];
    } else if (*key) {
        /* the one model that ends with it after a series word: letters */
        size_t klen = strlen(key);
        char mk[ZHEI_MODEL_MAX * 2 + 1];
        for (size_t i = 0; i < lex->n_chips; i++) {
            const char *m = lex->chips[i].model;
            size_t mlen = zhe_lexicon_key(m, strlen(m), mk, sizeof mk);
            if (mlen <= klen || mlen >= sizeof mk || strcmp(mk + mlen - klen, key) != 0) continue;
            int letters = 1;
            for (size_t k = 0; k < mlen - klen; k++) letters &= mk[k] >= 'a' && mk[k] <= 'z';
            if (!letters) continue;
            if (found) {
                found = NULL;
                break;
            }
            found = &lex->chips[i];
        }
    }
    if (key != stack) zhe_free(key);
    return found;
}

const char *zhe_lexicon_find_vendor(const zhe_lexicon *lex, const char *name, size_t len)
{
    char stack[256];
    char *key = S_key(name, len, stack, sizeof stack);
    const zhei_name *e = *key ? S_find_name(lex->vendor_names, lex->n_vendor_names, key) : NULL;
    if (key != stack) zhe_free(key);
    return e ? lex->vendors[e->index] : NULL;
}
