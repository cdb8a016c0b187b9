/*
** normalize.c — the kept text of an article to the one form every later
** stage reads: NFKC (full-width letters, digits and punctuation become
** ASCII, compatibility ideographs become unified ones), traditional
** characters to simplified wherever they appear, runs of white
** space folded to one ASCII space, zero-width characters dropped — with an
** offset map from every normalized byte back to the raw text.
**
** Speed comes from tables built once per zhe_text: for every BMP code
** point, a class (left alone, space, dropped, traditional, needs ICU) and,
** where NFKC maps it on its own to one BMP code point, that code point.
** Runs of characters left alone — most of a news dump — are copied whole;
** ICU's normalizer runs only on what the tables cannot settle (combining sequences, multi-character expansions,
** characters outside the BMP).
**
** Traditional to simplified, with ICU's transform generated ahead of time
** (t2s_table.h, one character to one; OpenCC's character table adds the
** Hong Kong variants ICU leaves, 麪 峯 滙), in two kinds of character:
**   - traditional only (國, 萬, 幣, 騰): converted always, wherever they
**     stand — a headline, 港幣5.2萬 in a simplified paragraph;
**   - ambiguous, a traditional form simplified Chinese writes too (著名,
**     乾隆, 於, 昇腾; GB2312 encodes them, or the 通用规范汉字表 keeps
**     them; S_ambiguous lists them): converted only where the text around
**     them is traditional — their clause by its traditional-only and
**     simplified-only characters, else their paragraph, else the article —
**     and then save in the words that keep them (著名, 乾隆, 瞭望, and the
**     Han names of the lexicon's chips, vendors and domain words: 昇腾).
** A few of ICU's pairs are simplified words in their own right (俱乐部,
** 姊妹, 大阪, 摔跤) and are never converted.  The text is written in one
** pass: an ambiguous character's clause is judged once for all the
** ambiguous characters in it, its paragraph and article only when the
** clause is undecided (so every character is looked at a bounded number
** of times), and a word that keeps it (昇腾) spares even that.
**
** Two habits of published text are undone here, so that no later stage
** has to know them (the offset map still spans what was printed):
**   - a space between a number and the Chinese word beside it (每月 3 万片,
**     2025 年 11 月, 亏损 12 亿, 今 (15) 日) is dropped: Taiwan and Hong Kong
**     outlets print them, and reposts keep them.  Spaces between digits, or
**     between Latin letters and digits (RTX 4090, 1 200), stay.
**   - a hard line break inside a sentence (Hong Kong sites that wrap at a
**     fixed width, even inside ２０２５⏎年) joins the two lines: a line of
**     ten or more characters that does not end a sentence, followed by a
**     single line break, runs on into the next line.
*/
#include "text_int.h"

#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "t2s_table.h"

enum {
    F_SLOW = 1,     /* ask ICU */
    F_SPACE = 2,    /* white space: folded */
    F_DROP = 4,     /* zero-width or format character: dropped */
    F_TRAD = 8,     /* traditional only: converted to t2s[cp] always */
    F_SIMP = 16,    /* simplified only: neither a traditional form nor in Big5 */
    F_MAP = 32,     /* NFKC maps it alone to map1[cp] */
    F_AMB = 64      /* ambiguous: converted to t2s[cp] where the text is traditional */
};

/*
** The ambiguous characters: what each becomes in traditional text, whether
** it is converted there (convert 0: only in its `to` words), the words that
** convert it whatever the rule (checked first) and those that keep it.
** Words are written in either script: they are compared folded (every
** character through t2s).  Besides GB2312's (t2s_table.h's S_t2s_gb2312),
** 昇 and 瞭 are kept by the 通用规范汉字表 (names and the Ascend brand;
** 瞭望), and 覆 is not in ICU's table at all (答覆 is 答复, 覆盖 stays).
*/
static const struct {
    uint16_t cp, to;
    int convert;
    const char *to_words, *keep_words;     /* separated by spaces */
} S_ambiguous[] = {
    { 0x8457, 0x7740, 1, "隨著 接著 意味著",                  /* 著 着 */
      "著名 著作 著稱 著述 著書 著者 著錄 顯著 卓著 昭著 土著 名著 原著 巨著 專著 "
      "論著 編著 合著 譯著 遺著 新著 撰著" },
    { 0x4E7E, 0x5E72, 1, "", "乾隆 乾坤 乾元 乾陵 乾縣 乾嘉 乾清 乾卦" },    /* 乾 干 */
    { 0x65BC, 0x4E8E, 1, "", "" },                                        /* 於 于 */
    { 0x5925, 0x4F19, 1, "", "甚夥 頗夥" },                                 /* 夥 伙 */
    { 0x5FB5, 0x5F81, 1, "", "角徵 變徵 徵羽" },                            /* 徵 征 */
    { 0x85C9, 0x501F, 1, "", "慰藉 狼藉 蘊藉 枕藉 藉藉" },                  /* 藉 借 */
    { 0x6607, 0x5347, 1, "", "" },                          /* 昇 升: brands from the lexicon */
    { 0x77AD, 0x4E86, 1, "", "瞭望 瞭哨" },                                 /* 瞭 了 */
    { 0x8986, 0x590D, 0, "答覆 回覆 批覆 反覆 覆核 函覆", "" },             /* 覆 复 */
};

/* GB2312 encodes these traditional forms, but simplified Chinese has no
 * use for them (后, 么, 折 and 烟 serve): traditional only. */
static const uint16_t S_trad_only[] = { 0x5F8C, 0x9EBD, 0x647A, 0x83F8 };   /* 後 麽 摺 菸 */
/* ICU's pairs that are two simplified characters: 俱 (俱乐部), 姊 (姊妹),
 * 吒 (哪吒), 跤 (摔跤), 阪 (大阪), 箝 (箝制), 苎: never converted. */
static const uint16_t S_never[] = { 0x4FF1, 0x59CA, 0x5412, 0x8DE4, 0x962A, 0x7B9D, 0x82CE };

#define S_WORD_MAX 16

/* A word that decides an ambiguous character: its characters folded, and
 * where in it the character stands. */
typedef struct {
    uint16_t cp[S_WORD_MAX];
    uint8_t len, at;
    uint8_t convert;        /* 1: converts it, 0: keeps it */
} S_word;

typedef struct {
    uint16_t cp;
    int convert;
    S_word *words;          /* to_words, then keep_words, then the lexicon's */
    size_t n_words, cap;
} S_amb;

struct zhei_normalizer {
    const UNormalizer2 *nfkc;
    uint8_t cls[65536];
    uint16_t map1[65536];
    uint16_t t2s[65536];
    S_amb amb[ZHEI_ARRAY_LEN(S_ambiguous) + ZHEI_ARRAY_LEN(S_t2s_gb2312)];
    size_t n_amb;
};

static uint32_t S_fold(const zhei_normalizer *n, uint32_t cp)
{
    return cp < 0x10000 && n->t2s[cp] ? n->t2s[cp] : cp;
}

static S_amb *S_amb_find(const zhei_normalizer *n, uint32_t cp)
{
    for (size_t i = 0; i < n->n_amb; i++)
        if (n->amb[i].cp == cp) return (S_amb *)&n->amb[i];
    return NULL;
}

/* Add s[0..len) (UTF-8), as a word deciding its character at index at
 * (-1: every ambiguous character in it), unless the character has it
 * already. */
static void S_add_word(zhei_normalizer *n, const char *s, size_t len, int at, int convert)
{
    S_word w;
    memset(&w, 0, sizeof w);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = zhe_utf8_decode(s + i, len - i, &cp);
        if (w.len == S_WORD_MAX || cp >= 0x10000) return;
        w.cp[w.len++] = (uint16_t)S_fold(n, cp);
        i += k;
    }
    for (size_t i = 0, k = 0; i < len; k++) {
        uint32_t cp;
        i += zhe_utf8_decode(s + i, len - i, &cp);
        if ((at >= 0 && (int)k != at) || !(n->cls[cp] & F_AMB)) continue;
        S_amb *a = S_amb_find(n, cp);
        w.at = (uint8_t)k;
        w.convert = (uint8_t)convert;
        int have = 0;
        for (size_t j = 0; j < a->n_words && !have; j++)
            have = a->words[j].len == w.len && a->words[j].at == w.at &&
                   !memcmp(a->words[j].cp, w.cp, sizeof w.cp);
        if (have) continue;
        ZHEI_GROW(&a->words, &a->cap, a->n_words + 1);
        a->words[a->n_words++] = w;
    }
}

/* The words of a space-separated list. */
static void S_add_words(zhei_normalizer *n, const char *list, int convert)
{
    while (*list) {
        size_t k = strcspn(list, " ");
        if (k) S_add_word(n, list, k, -1, convert);
        list += k;
        list += *list == ' ';
    }
}

/* Han ideographs: CJK Extension A, the Unified block, the compatibility
 * ideographs. */
static int S_is_han(uint32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF);
}

/* The Han runs of a lexicon name (昇腾 of 昇腾910B), as words keeping
 * their ambiguous characters. */
static void S_keep_name(zhei_normalizer *n, const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        size_t j = i, chars = 0;
        int amb = 0;
        uint32_t cp;
        size_t k;
        while (j < len && (k = zhe_utf8_decode(s + j, len - j, &cp)) && S_is_han(cp)) {
            amb |= cp < 0x10000 && (n->cls[cp] & F_AMB);
            j += k, chars++;
        }
        if (chars >= 2 && amb) S_add_word(n, s + i, j - i, -1, 0);
        if (j == i) j += zhe_utf8_decode(s + j, len - j, &cp);
        i = j;
    }
}

void zhei_normalizer_keep_names(zhei_normalizer *n, const zhe_lexicon *lex)
{
    for (size_t i = 0; i < lex->n_chip_names; i++) S_keep_name(n, lex->chip_names[i].key);
    for (size_t i = 0; i < lex->n_vendor_names; i++) S_keep_name(n, lex->vendor_names[i].key);
    for (size_t i = 0; i < lex->n_domain_words; i++) S_keep_name(n, lex->domain_words[i].word);
}

zhe_status zhei_normalizer_new(zhei_normalizer **out, zhe_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&st);
    if (U_FAILURE(st))
        return zhe_error_set(err, ZHE_ERR_ICU, NULL, 0, UINT64_MAX,
                             "ICU cannot load NFKC data: %s", u_errorName(st));
    zhei_normalizer *n = ZHEI_NEW(zhei_normalizer);
    n->nfkc = nfkc;
    for (uint32_t cp = 0; cp < 0x10000; cp++) {
        uint8_t c = 0;
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            c = F_SLOW;
        } else if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
                   cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
                   cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
                   cp == 0x3000 || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
            c = F_SPACE;    /* control characters, NUL included, read as space */
        } else if ((cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 || cp == 0xFEFF ||
                   cp == 0x00AD || (cp >= 0x202A && cp <= 0x202E) ||
                   (cp >= 0x2066 && cp <= 0x2069)) {
            c = F_DROP;
        } else if (cp >= 0x20 && cp < 0x7F) {
            c = 0;
        } else {
            UChar u = (UChar)cp;
            st = U_ZERO_ERROR;
            UNormalizationCheckResult q = unorm2_quickCheck(nfkc, &u, 1, &st);
            int before = unorm2_hasBoundaryBefore(nfkc, (UChar32)cp);
            int after = unorm2_hasBoundaryAfter(nfkc, (UChar32)cp);
            if (U_SUCCESS(st) && q == UNORM_YES && before) {
                c = 0;
            } else if (U_SUCCESS(st) && before && after) {
                UChar res[8];
                st = U_ZERO_ERROR;
                int32_t k = unorm2_normalize(nfkc, &u, 1, res, 8, &st);
                if (U_SUCCESS(st) && k == 1 && !U16_IS_SURROGATE(res[0]) && res[0] != ' ') {
                    c = F_MAP;
                    n->map1[cp] = res[0];
                } else {
                    c = F_SLOW;
                }
            } else {
                c = F_SLOW;
            }
        }
        n->cls[cp] = c;
    }
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(S_t2s); i++) {
        n->t2s[S_t2s[i][0]] = S_t2s[i][1];
        n->cls[S_t2s[i][0]] |= F_TRAD;
    }
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(S_t2s_opencc); i++) {
        n->t2s[S_t2s_opencc[i][0]] = S_t2s_opencc[i][1];
        n->cls[S_t2s_opencc[i][0]] |= F_TRAD;
    }
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(S_never); i++) {
        n->t2s[S_never[i]] = 0;
        n->cls[S_never[i]] &= (uint8_t)~F_TRAD;
    }
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(S_t2s); i++) {
        uint16_t s = S_t2s[i][1];
        if (!(n->cls[s] & F_TRAD)) n->cls[s] |= F_SIMP;
    }
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(S_t2s_opencc); i++) {
        uint16_t s = S_t2s_opencc[i][1];
        if (!(n->cls[s] & F_TRAD)) n->cls[s] |= F_SIMP;
    }
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(S_t2s_big5); i++)   /* 台, 里: traditional too */
        n->cls[S_t2s_big5[i]] &= (uint8_t)~F_SIMP;
    /* The ambiguous: GB2312's traditional forms, save those simplified
     * Chinese never writes, and S_ambiguous. */
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(S_ambiguous); i++) {
        S_amb *a = &n->amb[n->n_amb++];
        a->cp = S_ambiguous[i].cp;
        a->convert = S_ambiguous[i].convert;
        n->t2s[a->cp] = S_ambiguous[i].to;
        n->cls[a->cp] = (uint8_t)((n->cls[a->cp] & ~F_TRAD) | F_AMB);
    }
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(S_t2s_gb2312); i++) {
        uint16_t cp = S_t2s_gb2312[i];
        int skip = !(n->cls[cp] & F_TRAD) || S_amb_find(n, cp);
        for (size_t k = 0; k < ZHEI_ARRAY_LEN(S_trad_only); k++) skip |= S_trad_only[k] == cp;
        if (skip) continue;
        S_amb *a = &n->amb[n->n_amb++];
        a->cp = cp;
        a->convert = 1;
        n->cls[cp] = (uint8_t)((n->cls[cp] & ~F_TRAD) | F_AMB);
    }
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(S_ambiguous); i++) {
        S_add_words(n, S_ambiguous[i].to_words, 1);
        S_add_words(n, S_ambiguous[i].keep_words, 0);
    }
    *out = n;
    return ZHE_OK;
}

void zhei_normalizer_free(zhei_normalizer *n)
{
    if (!n) return;
    for (size_t i = 0; i < n->n_amb; i++) zhe_free(n->amb[i].words);
    zhe_free(n);
}

/* ------------------------------------------------------------ emitting */

typedef struct {
    const zhei_normalizer *nz;
    zhe_buf *out;
    zhe_offmap *map;        /* NULL: no map wanted */
    const char *raw;
    uint8_t t2s_mask;       /* F_TRAD: convert traditional-only characters; 0: none */
    const zhe_article *art; /* decide ambiguous characters by their context in it;
                               NULL: leave them */
    /* Verdicts, 1 traditional, -1 simplified, 0 no evidence, each taken
     * when first needed: the clause last judged, the paragraph (2: not
     * yet), the article (2: not yet). */
    size_t cl_begin, cl_end;
    int cl_verdict, para_verdict, art_verdict;
    size_t converted;       /* characters converted */
    int space_owed;         /* a folded space is due before the next text */
    int space_join;         /* it stands for a line break that was joined */
    size_t space_raw, space_len;
    size_t last_cp_raw;     /* raw offset of the last code point copied as is */
    size_t last_cp_len;     /* its length, 0 if the last output was not a copy */
} S_emit;

static void S_anchor(S_emit *e, size_t raw, size_t raw_len, int same)
{
    zhe_offmap *m = e->map;
    if (!m) return;
    if (same && m->n) {
        zhe_anchor *last = &m->anchors[m->n - 1];
        if (last->same && last->raw + last->raw_len == raw &&
            last->norm + last->raw_len == e->out->len) {
            last->raw_len += raw_len;
            return;
        }
    }
    ZHEI_GROW(&m->anchors, &m->cap, m->n + 1);
    m->anchors[m->n].norm = e->out->len;
    m->anchors[m->n].raw = raw;
    m->anchors[m->n].raw_len = raw_len;
    m->anchors[m->n].same = same;
    m->n++;
}

/* Han ideographs and CJK punctuation: the side of a space that, with a
 * number on the other, makes it a printing habit rather than a word
 * break. */
static inline int S_is_cjk(uint32_t cp)
{
    return (cp >= 0x3000 && cp <= 0x303F) || S_is_han(cp);
}

static inline int S_is_alnum(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
}

/* Whether a space between code points a and b (both as normalized) is
 * dropped: a number beside a Chinese word (3 万片, 今 (15) 日, 增长 25 %).
 * A space that stands for a joined line break is dropped unless it parts
 * two Latin words, or a word and a number (RTX⏎4090). */
static int S_space_dropped(uint32_t a, uint32_t b, int join)
{
    if (join) {     /* a number wrapped (280⏎0美元, A1⏎00) runs on */
        int digits = a >= '0' && a <= '9' && b >= '0' && b <= '9';
        return !(S_is_alnum(a) && S_is_alnum(b)) || digits;
    }
    int da = a >= '0' && a <= '9', db = b >= '0' && b <= '9';
    int ca = S_is_cjk(a), cb = S_is_cjk(b);
    if ((ca && (db || b == '(')) || (cb && (da || a == ')'))) return 1;
    return da && b == '%';
}

/* The last code point written to e->out (0 when none). */
static uint32_t S_last_cp(const S_emit *e)
{
    const zhe_buf *o = e->out;
    if (!o->len) return 0;
    size_t k = o->len - 1;
    while (k > 0 && ((unsigned char)o->ptr[k] & 0xC0) == 0x80) k--;
    uint32_t cp = 0;
    zhe_utf8_decode(o->ptr + k, o->len - k, &cp);
    return cp;
}

/* Write s[0..n), which came from raw[raw..raw+raw_len). */
static void S_put(S_emit *e, const char *s, size_t n, size_t raw, size_t raw_len, int same)
{
    if (e->space_owed) {
        uint32_t next = 0;
        zhe_utf8_decode(s, n, &next);
        if (S_space_dropped(S_last_cp(e), next, e->space_join)) e->space_owed = 0;
        e->space_join = 0;
    }
    if (e->space_owed) {
        int one = e->space_len == 1 && e->raw[e->space_raw] == ' ';
        S_anchor(e, e->space_raw, e->space_len, one);
        zhe_buf_putc(e->out, ' ');
        e->space_owed = 0;
    }
    S_anchor(e, raw, raw_len, same);
    zhe_buf_put(e->out, s, n);
}

/* A run of white space at raw[raw..raw+len): one space, unless at the start
 * of the paragraph or merged with the previous run. */
static void S_space(S_emit *e, size_t para_start_len, size_t raw, size_t len)
{
    if (e->out->len == para_start_len) return;         /* leading */
    if (e->space_owed) {
        e->space_len = raw + len - e->space_raw;
        return;
    }
    if (e->out->len && e->out->ptr[e->out->len - 1] == ' ') return;
    e->space_owed = 1;
    e->space_raw = raw;
    e->space_len = len;
}

/* cp, or its simplified form when it is traditional only. */
static inline uint32_t S_simplified(S_emit *e, uint32_t cp)
{
    if (cp < 0x10000 && (e->nz->cls[cp] & e->t2s_mask)) {
        e->converted++;
        return e->nz->t2s[cp];
    }
    return cp;
}

/* Write code point cp (the result of NFKC on raw[raw..raw+raw_len)),
 * converting it to simplified if asked. */
static void S_put_cp(S_emit *e, uint32_t cp, size_t raw, size_t raw_len)
{
    cp = S_simplified(e, cp);
    char b[4];
    size_t n = zhe_utf8_encode(cp, b);
    S_put(e, b, n, raw, raw_len, 0);
}

/* ICU's NFKC of raw[i..j), written as one piece. */
static void S_icu(S_emit *e, size_t para_start_len, size_t i, size_t j)
{
    UErrorCode st = U_ZERO_ERROR;
    UChar small[64], nsmall[128];
    UChar *src = small, *dst = nsmall;
    int32_t n = 0, m = 0;
    u_strFromUTF8(src, 64, &n, e->raw + i, (int32_t)(j - i), &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) {
        st = U_ZERO_ERROR;
        src = zhe_xcalloc((size_t)n + 1, sizeof(UChar));
        u_strFromUTF8(src, n + 1, &n, e->raw + i, (int32_t)(j - i), &st);
    }
    if (U_SUCCESS(st)) {
        m = unorm2_normalize(e->nz->nfkc, src, n, dst, 128, &st);
        if (st == U_BUFFER_OVERFLOW_ERROR) {
            st = U_ZERO_ERROR;
            dst = zhe_xcalloc((size_t)m + 1, sizeof(UChar));
            m = unorm2_normalize(e->nz->nfkc, src, n, dst, m + 1, &st);
        }
    }
    if (U_FAILURE(st)) {            /* cannot happen on valid UTF-8; keep the text */
        S_put(e, e->raw + i, j - i, i, j - i, 1);
    } else {
        /* One piece: the map cannot see inside a combining sequence. */
        zhe_buf tmp = ZHE_BUF_INIT;
        int all_space = 1;
        for (int32_t k = 0; k < m;) {
            UChar32 c;
            U16_NEXT(dst, k, m, c);
            c = (UChar32)S_simplified(e, (uint32_t)c);
            if (c != ' ') all_space = 0;
            char b[4];
            zhe_buf_put(&tmp, b, zhe_utf8_encode((uint32_t)c, b));
        }
        if (all_space) S_space(e, para_start_len, i, j - i);
        else if (tmp.len) S_put(e, tmp.ptr, tmp.len, i, j - i, 0);
        zhe_buf_clear(&tmp);
    }
    if (src != small) zhe_free(src);
    if (dst != nsmall) zhe_free(dst);
}

/* 1 if cp has a normalization boundary before it. */
static int S_boundary_before(const zhei_normalizer *nz, uint32_t cp)
{
    if (cp < 0x10000 && !(nz->cls[cp] & F_SLOW)) return 1;
    return unorm2_hasBoundaryBefore(nz->nfkc, (UChar32)cp);
}

/* Copy raw[run..i) as it is, and remember its last code point (a
 * combining mark that follows may need it back). */
static void S_flush(S_emit *e, size_t run, size_t i)
{
    if (run == i) return;
    S_put(e, e->raw + run, i - run, run, i - run, 1);
    size_t k = i - 1;
    while (k > run && ((unsigned char)e->raw[k] & 0xC0) == 0x80) k--;
    e->last_cp_raw = k;
    e->last_cp_len = i - k;
}

/* The code point at s[0..len) and its length, with the common cases
 * inline. */
static inline size_t S_next(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    if ((u[0] & 0xF0) == 0xE0 && len >= 3 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        uint32_t v = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) |
                     (u[2] & 0x3F);
        if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
            *cp = v;
            return 3;
        }
    }
    return zhe_utf8_decode(s, len, cp);
}

/* The code point ending at raw[i] (start < i), and its length. */
static size_t S_prev(const char *raw, size_t start, size_t i, uint32_t *cp)
{
    size_t k = i - 1;
    while (k > start && i - k < 4 && ((unsigned char)raw[k] & 0xC0) == 0x80) k--;
    zhe_utf8_decode(raw + k, i - k, cp);
    return i - k;
}

/* 1 if w stands in raw[start..end) with its ambiguous character at
 * raw[i..i+n). */
static int S_word_at(const S_emit *e, size_t start, size_t end, size_t i, size_t n,
                     const S_word *w)
{
    size_t j = i;
    for (int k = (int)w->at - 1; k >= 0; k--) {
        uint32_t cp;
        if (j == start) return 0;
        j -= S_prev(e->raw, start, j, &cp);
        if (S_fold(e->nz, cp) != w->cp[k]) return 0;
    }
    j = i + n;
    for (size_t k = (size_t)w->at + 1; k < w->len; k++) {
        uint32_t cp;
        if (j >= end) return 0;
        j += zhe_utf8_decode(e->raw + j, end - j, &cp);
        if (S_fold(e->nz, cp) != w->cp[k]) return 0;
    }
    return 1;
}

/* 1 if cp ends a clause. */
static int S_clause_mark(uint32_t cp)
{
    switch (cp) {
    case 0x3001: case 0x3002: case 0xFF0C: case 0xFF1B: case 0xFF1A: case 0xFF01: case 0xFF1F:
    case 0x300C: case 0x300D: case 0x300E: case 0x300F: case 0x300A: case 0x300B:
    case 0xFF08: case 0xFF09: case 0x201C: case 0x201D:
    case ',': case ';': case ':': case '!': case '?': case '(': case ')': case '"':
        return 1;
    default:
        return 0;
    }
}

/* Traditional-only against simplified-only characters of a clause. */
static void S_tally(const zhei_normalizer *nz, uint32_t cp, long *score)
{
    if (cp < 0x10000) *score += (nz->cls[cp] & F_TRAD ? 1 : 0) - (nz->cls[cp] & F_SIMP ? 1 : 0);
}

/* The verdict on the clause of raw[i], in raw[start..end): judged once per
 * clause, so every character is looked at twice at most. */
static int S_clause(S_emit *e, size_t start, size_t end, size_t i)
{
    if (i >= e->cl_begin && i < e->cl_end) return e->cl_verdict;
    long score = 0;
    size_t b = i, f = i;
    while (b > start) {
        uint32_t cp;
        size_t k = S_prev(e->raw, start, b, &cp);
        if (S_clause_mark(cp)) break;
        S_tally(e->nz, cp, &score);
        b -= k;
    }
    while (f < end) {
        uint32_t cp;
        size_t k = S_next(e->raw + f, end - f, &cp);
        if (S_clause_mark(cp)) break;
        S_tally(e->nz, cp, &score);
        f += k;
    }
    e->cl_begin = b;
    e->cl_end = f > i ? f : i + 1;
    e->cl_verdict = (score > 0) - (score < 0);
    return e->cl_verdict;
}

/* The traditional-only less the simplified-only characters of
 * raw[start..end). */
static long S_score(const S_emit *e, size_t start, size_t end)
{
    long score = 0;
    for (size_t i = start; i < end;) {
        uint32_t cp;
        i += S_next(e->raw + i, end - i, &cp);
        S_tally(e->nz, cp, &score);
    }
    return score;
}

/* 1 if the ambiguous cp at raw[i..i+n) is to be converted: when its words
 * allow (a word that keeps it settles it) and its clause, else its
 * paragraph, else its article, is traditional. */
static int S_amb_convert(S_emit *e, size_t start, size_t end, size_t i, size_t n, uint32_t cp)
{
    const S_amb *a = S_amb_find(e->nz, cp);
    if (!a || !e->art) return 0;
    int conv = a->convert;
    for (size_t k = 0; k < a->n_words; k++) {
        if (S_word_at(e, start, end, i, n, &a->words[k])) {
            conv = a->words[k].convert;
            break;
        }
    }
    if (!conv) return 0;
    int v = S_clause(e, start, end, i);
    if (!v) {
        if (e->para_verdict == 2) {
            long score = S_score(e, start, end);
            e->para_verdict = (score > 0) - (score < 0);
        }
        v = e->para_verdict;
    }
    if (!v) {
        if (e->art_verdict == 2) {
            long score = 0;
            for (size_t k = 0; k < e->art->n_kept; k++) {
                const zhe_span *sp = &e->art->kept[k];
                score += S_score(e, sp->off, sp->off + sp->len);
            }
            e->art_verdict = (score > 0) - (score < 0);
        }
        v = e->art_verdict;
    }
    return v > 0;
}

/*
** Normalize raw[start..end) (one paragraph, no line breaks) onto e->out.
** Characters that stay as they are gather into runs copied whole (a single
** space between two of them included); the others are written one piece
** each: a folded space, a mapped character, an ICU segment.
*/
static void S_paragraph(S_emit *e, size_t start, size_t end)
{
    const zhei_normalizer *nz = e->nz;
    const char *raw = e->raw;
    size_t para_start_len = e->out->len;
    e->last_cp_len = 0;
    e->cl_begin = e->cl_end = 0;
    e->para_verdict = 2;
    size_t i = start, run = start;
    while (i < end) {
        uint32_t cp;
        size_t n = S_next(raw + i, end - i, &cp);
        uint8_t c = cp < 0x10000 ? nz->cls[cp] : F_SLOW;
        if (cp == ' ' && i > run && i + 1 < end) {
            /* A single space inside a run stays in it, unless it parts a
             * number from the Chinese word beside it. */
            uint32_t next, prev = (unsigned char)raw[i - 1];
            S_next(raw + i + 1, end - i - 1, &next);
            if (next >= 0x10000 || !(nz->cls[next] & (F_SPACE | F_DROP))) {
                if (next < 0x10000 && (nz->cls[next] & F_MAP)) next = nz->map1[next];
                if (prev >= 0x80) {
                    size_t k = i - 1;
                    while (k > run && ((unsigned char)raw[k] & 0xC0) == 0x80) k--;
                    S_next(raw + k, i - k, &prev);
                }
                c = S_space_dropped(prev, next, 0) ? F_DROP : 0;
            }
        }
        if (!(c & (F_SPACE | F_DROP | F_SLOW | F_MAP | e->t2s_mask)) &&
            !((c & F_AMB) && S_amb_convert(e, start, end, i, n, cp))) {
            i += n;
            continue;
        }
        S_flush(e, run, i);
        if (c & F_SPACE) {
            S_space(e, para_start_len, i, n);
            e->last_cp_len = 0;
        } else if (c & F_DROP) {
            e->last_cp_len = 0;
        } else if (c & F_SLOW) {
            /* The piece runs to the next boundary; if cp combines with the
             * code point before it, that one joins the piece. */
            size_t s = i, j = i + n;
            if (!S_boundary_before(nz, cp) && e->last_cp_len &&
                e->out->len >= para_start_len + e->last_cp_len) {
                s = e->last_cp_raw;
                zhe_buf_truncate(e->out, e->out->len - e->last_cp_len);
                if (e->map && e->map->n) {      /* take the bytes back from the map */
                    zhe_anchor *last = &e->map->anchors[e->map->n - 1];
                    if (last->norm == e->out->len) e->map->n--;
                    else last->raw_len -= e->last_cp_len;
                }
            }
            while (j < end) {
                uint32_t c2;
                size_t n2 = S_next(raw + j, end - j, &c2);
                if (S_boundary_before(nz, c2)) break;
                j += n2;
            }
            S_icu(e, para_start_len, s, j);
            e->last_cp_len = 0;
            n = j - i;
        } else if (c & F_MAP) {
            S_put_cp(e, nz->map1[cp], i, n);
            e->last_cp_len = 0;
        } else {                                /* traditional, converted */
            char b[4];
            e->converted++;
            S_put(e, b, zhe_utf8_encode(nz->t2s[cp], b), i, n, 0);
            e->last_cp_len = 0;
        }
        i += n;
        run = i;
    }
    S_flush(e, run, end);
    e->space_owed = 0;      /* trailing space is dropped */
    e->space_join = 0;
}

/* Whether cp ends a sentence or a clause that a line may end with. */
static int S_ends_line(uint32_t cp)
{
    switch (cp) {
    case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF1B: case 0xFF1A: case 0x2026:
    case 0x300D: case 0x300F: case 0x201D: case 0x2019: case 0xFF09: case 0x3011:
    case '!': case '?': case ';': case ':': case ')': case '"': case '\'':
    case 0xFF0E: case 0xFF61:
        return 1;
    }
    return 0;
}

/* Whether the line break between kept paragraphs p and q is a hard wrap
 * inside a sentence: one line break and white space between them, and p
 * a line of ten or more characters that does not end a sentence. */
static int S_hard_wrap(const char *raw, const zhe_span *p, const zhe_span *q)
{
    size_t gap = p->off + p->len, breaks = 0;
    if (q->off < gap) return 0;
    for (size_t i = gap; i < q->off;) {
        uint32_t cp;
        size_t n = S_next(raw + i, q->off - i, &cp);
        if (cp == '\n') breaks++;
        else if (!(cp == ' ' || cp == '\t' || cp == '\r' || cp == 0x3000 || cp == 0xA0)) return 0;
        i += n;
    }
    if (breaks != 1) return 0;
    /* ten characters from the start, the last one from the end: a
     * paragraph is read once more only as far as it must be */
    size_t chars = 0, end = p->off + p->len;
    uint32_t last = 0, cp;
    for (size_t i = p->off; i < end && chars < 10;) {
        size_t n = S_next(raw + i, end - i, &cp);
        if (!(cp == ' ' || cp == '\t' || cp == '\r' || cp == 0x3000)) chars++;
        i += n;
    }
    if (chars < 10) return 0;
    for (size_t i = end; i > p->off && !last;) {
        size_t b = i - 1;
        while (b > p->off && ((unsigned char)raw[b] & 0xC0) == 0x80) b--;
        S_next(raw + b, i - b, &cp);
        if (!(cp == ' ' || cp == '\t' || cp == '\r' || cp == 0x3000)) last = cp;
        i = b;
    }
    if (S_ends_line(last)) return 0;
    /* A full stop ends a line, a decimal point (２０２５．) does not. */
    return last != '.' || (p->len >= 2 && raw[p->off + p->len - 2] >= '0' &&
                           raw[p->off + p->len - 2] <= '9');
}

/* Write the kept paragraphs of a onto e->out. */
static void S_article(S_emit *e, const zhe_article *a)
{
    zhe_buf *out = e->out;
    for (size_t k = 0; k < a->n_kept; k++) {
        const zhe_span *sp = &a->kept[k];
        int brk = out->len > 0;
        if (brk && S_hard_wrap(e->raw, &a->kept[k - 1], sp)) {
            /* Runs on: the break is a space that S_put may drop. */
            const zhe_span *prev = &a->kept[k - 1];
            brk = 0;
            e->space_owed = e->space_join = 1;
            e->space_raw = prev->off + prev->len;
            e->space_len = sp->off - e->space_raw;
        } else if (brk) {
            /* The paragraph break maps to the end of the previous piece. */
            const zhe_span *prev = &a->kept[k - 1];
            S_anchor(e, prev->off + prev->len, 0, 0);
            zhe_buf_putc(out, '\n');
        }
        size_t before = out->len;
        S_paragraph(e, sp->off, sp->off + sp->len);
        if (out->len == before && brk) {  /* nothing survived: take the break back */
            zhe_buf_truncate(out, out->len - 1);
            e->map->n--;
        }
    }
}

zhe_status zhe_normalize(const zhe_text *tx, zhe_article *a, zhe_error *err)
{
    (void)err;
    const zhei_normalizer *nz = tx->norm;
    zhe_buf out = ZHE_BUF_INIT;
    zhe_buf_reserve(&out, a->raw_len);
    a->map.n = 0;
    S_emit e;
    memset(&e, 0, sizeof e);
    e.nz = nz;
    e.out = &out;
    e.map = &a->map;
    e.raw = a->raw;
    e.t2s_mask = F_TRAD;
    e.art = a;
    e.art_verdict = 2;
    S_article(&e, a);
    a->traditional = e.converted != 0;
    a->map.norm_len = out.len;
    a->map.raw_len = a->raw_len;
    zhe_free(a->norm);
    if (!out.ptr) zhe_buf_reserve(&out, 0), out.ptr[0] = '\0';
    a->norm = zhe_buf_detach(&out, &a->norm_len);
    return ZHE_OK;
}

void zhei_normalize_fold(const zhe_text *tx, const char *s, size_t len, zhe_buf *out)
{
    S_emit e;
    memset(&e, 0, sizeof e);
    e.nz = tx->norm;
    e.out = out;
    e.raw = s;
    S_paragraph(&e, 0, len);
}

/* ------------------------------------------------------------ the map */

/* Index of the last anchor with norm <= off, or SIZE_MAX if none. */
static size_t S_find(const zhe_offmap *m, size_t off)
{
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->anchors[mid].norm <= off) lo = mid + 1;
        else hi = mid;
    }
    return lo ? lo - 1 : SIZE_MAX;
}

size_t zhe_offmap_to_raw(const zhe_offmap *m, size_t norm)
{
    size_t i = S_find(m, norm);
    if (i == SIZE_MAX) return 0;
    const zhe_anchor *a = &m->anchors[i];
    if (norm >= m->norm_len) return a->raw + a->raw_len;
    if (a->same) return a->raw + ZHEI_MIN(norm - a->norm, a->raw_len);
    return a->raw;
}

size_t zhe_offmap_to_raw_end(const zhe_offmap *m, size_t norm)
{
    if (norm == 0) return zhe_offmap_to_raw(m, 0);
    size_t i = S_find(m, norm - 1);     /* the piece holding the last byte */
    if (i == SIZE_MAX) return 0;
    const zhe_anchor *a = &m->anchors[i];
    if (a->same) return a->raw + ZHEI_MIN(norm - a->norm, a->raw_len);
    return a->raw + a->raw_len;
}
