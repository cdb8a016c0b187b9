/*
** number.c — numbers as Chinese news writes them (see zhevents/extract.h).
**
** The extractor finds where a money amount or a quantity may start and
** asks zhe_number_parse to read the number there; the words around it
** (约, 左右, 元, 片) stay the extractor's.  A number is read in two layers:
**
**   1. one side (S_side_read): ASCII digits with their Chinese units
**      (26.5万, 1,200, 3万5000, 5万4千6百), a Chinese numeral read by a
**      small grammar (三万六千, 一百零五, 十二点五亿, 三四百, 十几万,
**      五兆六十二亿), a digit-by-digit year (二〇二三), or a form with no
**      definite value (几万, 数千, 上千万, 成千上万); then a 多/余 suffix
**      (两万多, 20多万);
**   2. a range: two sides around 至, 到, -, ~, 〜, – or — (2.4万至2.8万,
**      8-14), the second side's unit lent to a first side without one
**      (2.4至2.8万).
**
** Besides the numerals of base/numerals.c the reader takes the financial
** numerals (壹佰, 拾万; never one alone, as in 队伍 or 陆地), 兆 (10^12, as
** Taiwan writes 2兆元; mega before 瓦, 赫, 字节 …), the traditional forms
** a text may keep (5.2萬, 兩千, 十幾萬), and one space before a part of a
** number, as Taiwan and Hong Kong outlets print them (3 万, 12 亿, 一百 五
** 十 二).
**
** Values stay a decimal mantissa and exponent until the end, so 4.2万 is
** 42 × 10^3, rounded once, and never 4.2 × 10000 rounded twice.  The
** grammar keeps the last point where the text read so far was a whole
** number and stops at the first character that cannot continue it: the
** input is read once, left to right, and 三万万万… stops after 三万万
** (万万 is 亿, once).
*/
#include "../base/base_int.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <zhevents/extract.h>

/* ------------------------------------------------------------ qualifiers */

const char *zhe_qualifier_str(zhe_qualifier q)
{
    static const char *const names[] = {"exact",     "approx", "at_least", "at_most",
                                        "more_than", "max",    "min",      "range"};
    return (unsigned)q < ZHEI_ARRAY_LEN(names) ? names[q] : NULL;
}

/* -------------------------------------------------------- decimal values */

/* A value m × 10^e.  Digits go into m while it has room; later integer
 * digits only raise the exponent, so 400 digits make a large finite value
 * and not garbage. */
typedef struct {
    uint64_t m;
    int e;
} S_dec;

/* Past 10^±4000 every double is infinite or zero: the exponent stops
 * there, however many digits follow. */
#define S_EXP_LIMIT 4000

static void S_dec_digit(S_dec *d, int digit, int fraction)
{
    if (d->m <= (UINT64_MAX - 9) / 10) {
        if (fraction && d->e <= -S_EXP_LIMIT) return;
        d->m = d->m * 10 + (uint64_t)digit;
        if (fraction) d->e--;
    } else if (!fraction && d->e < S_EXP_LIMIT) {
        d->e++;     /* a digit past the 19 kept: only its place counts */
    }
}

/* The double nearest m × 10^e when both m and 10^e are exact (m < 2^53,
 * |e| <= 22): one multiplication or division, one rounding.  Always
 * finite: what does not fit is DBL_MAX. */
static double S_dec_value(S_dec d)
{
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const int top = (int)ZHEI_ARRAY_LEN(pow10) - 1;
    double v = (double)d.m;
    int e = d.e;
    while (e > top && v <= DBL_MAX) {
        v *= pow10[top];
        e -= top;
    }
    while (e < -top && v > 0) {
        v /= pow10[top];
        e += top;
    }
    if (v > DBL_MAX) return DBL_MAX;
    if (v == 0) return 0;
    v = e >= 0 ? v * pow10[e] : v / pow10[-e];
    return v > DBL_MAX ? DBL_MAX : v;
}

/* 10^e as an integer, e <= 19. */
static uint64_t S_pow10(int e)
{
    uint64_t p = 1;
    while (e-- > 0) p *= 10;
    return p;
}

/* ------------------------------------------------------------ characters */

enum {
    T_END,      /* the end of the text */
    T_OTHER,    /* a character none of these */
    T_HAN,      /* a Chinese character that is none of the ones below */
    T_ASCII,    /* 0-9: val the digit */
    T_DIGIT,    /* 零〇一二两三四五六七八九: val the digit */
    T_UNIT,     /* 十百千万亿: val the power of ten */
    T_TENS,     /* 廿 卅: val the tens digit */
    T_POINT,    /* 点: a decimal point between Chinese digits */
    T_MORE,     /* 多 余 after a round number; val 1 for 余 */
    T_JI,       /* 几: 几十 (vague), 十几 (11..19) */
    T_SHU,      /* 数: 数千 */
    T_SHANG,    /* 上: 上万 */
    T_CHENG,    /* 成: 成千上万 */
    T_TO,       /* 至 到: a range's separator between any two numbers */
    T_DASH      /* - ~ 〜 —: a separator between short numbers only; val 1 for — */
};

/* Digit flags: 零 is a place holder inside a numeral (一百零五), 两
 * only stands before a unit or alone (两千, 两; never 十两), and F_JI
 * marks the 1..9 a 几 stands for (十几).  The first two are the numeral
 * table's own (base/numerals.c). */
enum { F_ZERO = ZHEI_NUMERAL_ZERO, F_LIANG = ZHEI_NUMERAL_LIANG, F_JI = 0x80 };

_Static_assert(!(F_JI & (ZHEI_NUMERAL_ZERO | ZHEI_NUMERAL_LIANG | ZHEI_NUMERAL_CIRCLE)),
               "F_JI is no flag of the numeral table");

/* The token kind of a numeral of base/numerals.c's table. */
static int S_numeral_kind(const zhei_numeral *n)
{
    switch (n->kind) {
    case ZHEI_NUMERAL_DIGIT: return T_DIGIT;    /* 零〇一二两三四五六七八九 */
    case ZHEI_NUMERAL_UNIT: return T_UNIT;      /* 十百千万亿 */
    case ZHEI_NUMERAL_TENS: return T_TENS;      /* 廿 卅 */
    case ZHEI_NUMERAL_JI: return T_JI;          /* 几 */
    default: return T_SHU;                      /* 数 */
    }
}

/* Digit flags of this file's own characters: the financial numerals
 * (壹贰叁, 拾佰仟), which are read only as part of a longer numeral, never
 * alone: 伍 of 队伍, 陆 of 陆地, 拾 of 拾取 are no numbers. */
enum { F_CAPITAL = 0x40 };

_Static_assert(!(F_CAPITAL & (F_JI | ZHEI_NUMERAL_ZERO | ZHEI_NUMERAL_LIANG |
                              ZHEI_NUMERAL_CIRCLE)),
               "F_CAPITAL is a flag of its own");

/* The other characters the grammar reads, after the numerals: the words of
 * a number; the financial numerals of contracts and announcements
 * (人民币壹佰万元); 兆, 10^12 as Taiwan and Hong Kong write it (2兆元);
 * and the traditional forms of the numerals, for text the normalizer left
 * in traditional characters (a short paragraph, a quote: 5.2萬). */
static const struct {
    const char *utf8;
    int kind, val, flags;
} S_chars[] = {
    {"点", T_POINT, 0, 0},  {"多", T_MORE, 0, 0},  {"余", T_MORE, 1, 0},
    {"上", T_SHANG, 0, 0},  {"成", T_CHENG, 0, 0}, {"至", T_TO, 0, 0},
    {"到", T_TO, 0, 0},     {"〜", T_DASH, 0, 0},  {"—", T_DASH, 1, 0},
    {"–", T_DASH, 0, 0},    {"壹", T_DIGIT, 1, F_CAPITAL}, {"贰", T_DIGIT, 2, F_CAPITAL},
    {"貳", T_DIGIT, 2, F_CAPITAL}, {"叁", T_DIGIT, 3, F_CAPITAL}, {"肆", T_DIGIT, 4, F_CAPITAL},
    {"伍", T_DIGIT, 5, F_CAPITAL}, {"陆", T_DIGIT, 6, F_CAPITAL}, {"陸", T_DIGIT, 6, F_CAPITAL},
    {"柒", T_DIGIT, 7, F_CAPITAL}, {"捌", T_DIGIT, 8, F_CAPITAL}, {"玖", T_DIGIT, 9, F_CAPITAL},
    {"拾", T_UNIT, 1, F_CAPITAL},  {"佰", T_UNIT, 2, F_CAPITAL},  {"仟", T_UNIT, 3, F_CAPITAL},
    {"兆", T_UNIT, 12, 0},  {"萬", T_UNIT, 4, 0},  {"億", T_UNIT, 8, 0},
    {"兩", T_DIGIT, 2, ZHEI_NUMERAL_LIANG},        {"幾", T_JI, 0, 0},
    {"點", T_POINT, 0, 0},  {"數", T_SHU, 0, 0},   {"餘", T_MORE, 1, 0},
};

_Static_assert(ZHEI_ARRAY_LEN(S_chars) == 32, "S_char_index has a case for every S_chars entry");

/* The index in S_chars of code point cp, or -1.  A switch on the code
 * point instead of a walk along the table, which most characters (those
 * after a number) went all the way through: its cases are the table's
 * characters, in the table's order, and change with it. */
static int S_char_index(uint32_t cp)
{
    switch (cp) {
    case 0x70B9: return 0;      /* 点 */
    case 0x591A: return 1;      /* 多 */
    case 0x4F59: return 2;      /* 余 */
    case 0x4E0A: return 3;      /* 上 */
    case 0x6210: return 4;      /* 成 */
    case 0x81F3: return 5;      /* 至 */
    case 0x5230: return 6;      /* 到 */
    case 0x301C: return 7;      /* 〜 */
    case 0x2014: return 8;      /* — */
    case 0x2013: return 9;      /* – */
    case 0x58F9: return 10;     /* 壹 */
    case 0x8D30: return 11;     /* 贰 */
    case 0x8CB3: return 12;     /* 貳 */
    case 0x53C1: return 13;     /* 叁 */
    case 0x8086: return 14;     /* 肆 */
    case 0x4F0D: return 15;     /* 伍 */
    case 0x9646: return 16;     /* 陆 */
    case 0x9678: return 17;     /* 陸 */
    case 0x67D2: return 18;     /* 柒 */
    case 0x634C: return 19;     /* 捌 */
    case 0x7396: return 20;     /* 玖 */
    case 0x62FE: return 21;     /* 拾 */
    case 0x4F70: return 22;     /* 佰 */
    case 0x4EDF: return 23;     /* 仟 */
    case 0x5146: return 24;     /* 兆 */
    case 0x842C: return 25;     /* 萬 */
    case 0x5104: return 26;     /* 億 */
    case 0x5169: return 27;     /* 兩 */
    case 0x5E7E: return 28;     /* 幾 */
    case 0x9EDE: return 29;     /* 點 */
    case 0x6578: return 30;     /* 數 */
    case 0x9918: return 31;     /* 餘 */
    default: return -1;
    }
}

/* Words that start with a numeral but are no number (一些 "some", 十分
 * "very", 零售 "retail", 二手 "second-hand", 三星 Samsung, 千万不要 "by
 * no means").  Other bare units (万一, 百) and 几/数/上/成 without a unit
 * (几乎, 数据, 上海, 成本) need no entry: the grammar does not start
 * there. */
static const char *const S_not_numbers[] = {
    "一些", "一直", "一定", "一起", "一般", "一致", "一样",   "一切",   "一旦",
    "一度", "一边", "一同", "一再", "一律", "一向", "一贯",   "一举",   "一味",
    "一番", "一概", "一流", "一体", "一时", "一半", "一方面", "一系列", "一带一路",
    "二手", "十分", "十足", "零售", "零部件", "零件", "零星", "零散", "三星",
    "四川", "一看", "两两",
    "千万不", "千万别", "千万要", "千万记", "千万勿", "千万小心", "千万注意", "千万得",
};

typedef struct {
    int kind, val, flags;
    size_t n;   /* bytes */
} S_tok;

static int S_is_digit(char c) { return c >= '0' && c <= '9'; }

/* 兆 before an SI unit is mega, not 10^12: 兆瓦, 兆赫, 兆字节, 兆比特, 兆位,
 * 兆帕, 兆欧, 兆焦, 兆像素 (and a Latin unit: 100兆B). */
static int S_mega(const char *s, size_t len, size_t pos)
{
    if (pos >= len) return 0;
    if (((unsigned char)s[pos] | 0x20) >= 'a' && ((unsigned char)s[pos] | 0x20) <= 'z') return 1;
    uint32_t cp;
    zhe_utf8_decode(s + pos, len - pos, &cp);
    switch (cp) {
    case 0x74E6: case 0x8D6B: case 0x5B57: case 0x6BD4: case 0x4F4D:    /* 瓦赫字比位 */
    case 0x5E15: case 0x6B27: case 0x7126: case 0x50CF:                 /* 帕欧焦像 */
        return 1;
    default: return 0;
    }
}

/* The character at s[pos], as it is: T_END at the end.  Never reads past
 * len. */
static S_tok S_tok_raw(const char *s, size_t len, size_t pos)
{
    S_tok t = {T_END, 0, 0, 0};
    if (pos >= len) return t;
    char c = s[pos];
    if (S_is_digit(c)) return (S_tok){T_ASCII, c - '0', 0, 1};
    if (c == '-' || c == '~') return (S_tok){T_DASH, 0, 0, 1};
    /* Every numeral and every character of S_chars is three bytes long
     * (this runs at every character of a number and after it). */
    unsigned char c0 = (unsigned char)c;
    if ((c0 & 0xF0) == 0xE0 && len - pos >= 3 && ((unsigned char)s[pos + 1] & 0xC0) == 0x80 &&
        ((unsigned char)s[pos + 2] & 0xC0) == 0x80) {
        uint32_t cp3 = (uint32_t)(c0 & 0x0F) << 12 | (uint32_t)(s[pos + 1] & 0x3F) << 6 |
                       (uint32_t)(s[pos + 2] & 0x3F);
        const zhei_numeral *num = zhei_numeral_of(cp3);
        /* not ○ (U+25CB), which only the dater reads for 〇 */
        if (num && !(num->flags & ZHEI_NUMERAL_CIRCLE))
            return (S_tok){S_numeral_kind(num), num->value, num->flags, 3};
        int i = S_char_index(cp3);
        if (i >= 0 && !(S_chars[i].val == 12 && S_mega(s, len, pos + 3)))
            return (S_tok){S_chars[i].kind, S_chars[i].val, S_chars[i].flags, 3};
    }
    uint32_t cp;
    t.n = zhe_utf8_decode(s + pos, len - pos, &cp);
    t.kind = (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ? T_HAN : T_OTHER;
    return t;
}

/* The character at s[pos] inside a number, whose first character is
 * before pos: as S_tok_raw, but one space before a part of the number is
 * read with that part, as Taiwan and Hong Kong outlets print numbers (3 万,
 * 12 亿, 十 余 万, 800 至 1200, 一百 五 十 二).  A part is a unit, 点, 多/余,
 * 几, a range's separator, or a Chinese digit with its unit after it (五
 * 十); never digits after digits (1 2 3 is three numbers) and never a
 * digit alone (三万 五台 is 30,000 and five). */
static S_tok S_tok_at(const char *s, size_t len, size_t pos)
{
    if (pos == 0 || pos >= len || s[pos] != ' ') return S_tok_raw(s, len, pos);
    S_tok t = S_tok_raw(s, len, pos + 1);
    int part = t.kind == T_UNIT || t.kind == T_POINT || t.kind == T_MORE || t.kind == T_JI ||
               t.kind == T_TO || t.kind == T_DASH;
    if (t.kind == T_DIGIT && !(t.flags & F_ZERO)) {
        size_t after = pos + 1 + t.n;
        if (after < len && s[after] == ' ') after++;
        /* a digit with its unit (五 十), or a ones or a decimal digit
         * after 十 or 点 (二十 五, 四百 点 五) */
        S_tok before = pos >= 3 ? S_tok_raw(s, len, pos - 3) : (S_tok){T_END, 0, 0, 0};
        part = S_tok_raw(s, len, after).kind == T_UNIT || (before.n == 3 &&
               ((before.kind == T_UNIT && before.val == 1) || before.kind == T_POINT));
    }
    if (!part) return (S_tok){T_OTHER, 0, 0, 1};
    t.n++;
    return t;
}

static int S_not_number(const char *s, size_t len)
{
    if (len < 6) return 0;      /* every entry is two characters or more */
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(S_not_numbers); i++) {
        if (s[2] != S_not_numbers[i][2] || s[1] != S_not_numbers[i][1]) continue;
        size_t n = strlen(S_not_numbers[i]);
        if (n <= len && memcmp(s, S_not_numbers[i], n) == 0) return 1;
    }
    return 0;
}

/* ----------------------------------------------------------------- sides */

/* The most units in a row: one of 十百千, then 万, then 亿 (3千万亿). */
#define S_CHAIN 3

/* One number, without a range around it: what zhe_number_parse reports,
 * and what the 多 suffix and the range rules need to know of its form. */
typedef struct {
    S_dec lo, hi;
    int range;          /* lo..hi: 三四百, 十几, 20几 */
    zhe_qualifier q;
    int vague;
    int max_unit;       /* the largest unit in it: 十 1 … 亿 8; 0 none */
    int round;          /* ends in a unit or in 0 (两万, 二十, 20): 多 may follow */
    int int_digits;     /* integer digits written as digits (2023, 二〇二三: 4),
                           at most 4 counted; 0 for 三万六千 */
    int grouped;        /* written with thousands separators: 1,200 */
    int chain[S_CHAIN]; /* the units after its last digit: 千 万 of 3千万 */
    int nchain;
} S_side;

/* Read units at s[pos]: [十|百|千] [万] [亿], none below 10^lowest.  Adds
 * their powers of ten to *exp and lists them in chain[]; returns the bytes
 * read (0: no unit). */
static size_t S_units(const char *s, size_t len, size_t pos, int lowest, int *exp,
                      int chain[S_CHAIN], int *nchain)
{
    size_t start = pos;
    int last = 0;
    *exp = 0;
    *nchain = 0;
    memset(chain, 0, S_CHAIN * sizeof *chain);
    for (;;) {
        S_tok t = S_tok_at(s, len, pos);
        if (t.kind == T_UNIT && t.val == 4 && last == 4 && *nchain == 1) {
            chain[0] = last = 8;        /* 10万万: 万万 is 亿 */
            *exp += 4;
            pos += t.n;
            continue;
        }
        if (t.kind != T_UNIT || t.val < lowest || t.val <= last) break;
        if (last && t.val < 4) break;   /* 百千: one small unit, and first */
        if (*nchain == S_CHAIN) break;  /* 千万亿兆: three at most */
        *exp += t.val;
        chain[(*nchain)++] = t.val;
        last = t.val;
        pos += t.n;
    }
    return pos - start;
}

/* Apply units read by S_units to a side. */
static void S_side_units(S_side *side, int exp, const int chain[S_CHAIN], int nchain)
{
    side->lo.e += exp;
    side->hi.e += exp;
    side->max_unit = ZHEI_MAX(side->max_unit, chain[nchain - 1]);
    side->round = 1;
    memcpy(side->chain, chain, sizeof side->chain);
    side->nchain = nchain;
}

/* ---------------------------------------------------------- ASCII digits */

/* Thousands groups after the leading digits at s[..pos): a comma starts
 * one only when exactly three digits follow (2,400; but 3,4 is 3, and
 * 1,2345 is 1).  Returns the new position. */
static size_t S_groups(const char *s, size_t len, size_t pos, S_side *side)
{
    while (len - pos >= 4 && s[pos] == ',' && S_is_digit(s[pos + 1]) && S_is_digit(s[pos + 2]) &&
           S_is_digit(s[pos + 3]) && (len - pos == 4 || !S_is_digit(s[pos + 4]))) {
        for (size_t i = 1; i <= 3; i++) S_dec_digit(&side->lo, s[pos + i] - '0', 0);
        side->int_digits = 4;
        side->grouped = 1;
        pos += 4;
    }
    return pos;
}

/* The digits of a tail at s[pos]: up to 8 of them, after one space when
 * a unit follows them (7万 5千); *k their count, 0 when there are none
 * or more than 8, or when a decimal point or a thousands group follows
 * (3万5.5 is no tail).  Returns the position after them. */
static size_t S_tail_digits(const char *s, size_t len, size_t pos, uint64_t *t, int *k)
{
    size_t p = pos;
    if (p < len && s[p] == ' ') p++;
    *t = 0;
    *k = 0;
    while (p < len && S_is_digit(s[p]) && *k <= 8) {
        *t = *t * 10 + (uint64_t)(s[p++] - '0');
        (*k)++;
    }
    if (*k > 8 || (len - p >= 2 && (s[p] == '.' || s[p] == ',') && S_is_digit(s[p + 1]))) *k = 0;
    if (p > pos + 1 && s[pos] == ' ' && S_tok_at(s, len, p).kind != T_UNIT) *k = 0;
    return p;
}

/* The colloquial tail after digits and a unit U (千, 万, 亿), at s[pos],
 * which may go on piece by piece down the units: 3万5000 and 1亿5000万
 * (digits and smaller units adding up to less than one U), 5万4千6百 and
 * 5亿1万4千6百 (each piece below the one before), 2万5 and 3千5 (one
 * digit standing for the next unit down), 1千零1 and 1千零20 (零: a
 * gap, the digits are ones), and 2千零30万 (a larger unit after the
 * tail: 2030 万).  Returns the bytes read, 0 when there is no such tail. */
static size_t S_tail(const char *s, size_t len, size_t pos, int unit, S_side *side)
{
    /* The head is an integer (digits and one unit): add in integers. */
    if (side->lo.e < 0 || side->lo.e > 18) return 0;
    uint64_t total = side->lo.m, p10 = S_pow10(side->lo.e);
    if (total > UINT64_MAX / p10) return 0;
    total *= p10;
    size_t end = pos;
    int read = 0;
    for (;;) {
        size_t p = end;
        S_tok z = S_tok_raw(s, len, p);
        int zero = z.kind == T_DIGIT && (z.flags & F_ZERO) && !(z.flags & F_CAPITAL);
        if (zero) p += z.n;
        uint64_t t;
        int k;
        p = S_tail_digits(s, len, p, &t, &k);
        if (!k) break;

        int exp, chain[S_CHAIN], nchain;
        size_t un = S_units(s, len, p, 2, &exp, chain, &nchain);
        if (un && exp > 18) break;
        if (un && chain[0] >= unit) {
            /* 2千零30万: the number so far, and these digits, in 万 */
            if (unit >= 4 || chain[0] < 4 || total + t >= S_pow10(4) || read) break;
            total = (total + t) * S_pow10(exp);
            side->max_unit = ZHEI_MAX(side->max_unit, chain[nchain - 1]);
        } else {
            if (un) t *= S_pow10(exp);
            else if (k == 1 && !zero) t *= S_pow10(unit - 1);       /* 2万5: 5 thousand */
            else if (zero ? t >= S_pow10(unit - 1) : k != unit) break;  /* 3万50: neither */
            if (t >= S_pow10(unit) || total > UINT64_MAX - t) break;    /* 3万12000 */
            total += t;
        }
        end = p + un;
        read = 1;
        side->round = un > 0;
        side->nchain = un ? nchain : 0;
        if (un) memcpy(side->chain, chain, sizeof side->chain);
        if (!un) break;
        unit = chain[0];
    }
    if (!read) return 0;
    side->lo = (S_dec){total, 0};
    return end - pos;
}

/* Digits at s[0]: 2,400  26.5  0.55  6.5万  3千万  3万5000.  Returns the
 * bytes read. */
static size_t S_ascii(const char *s, size_t len, S_side *side)
{
    size_t pos = 0;
    while (pos < len && S_is_digit(s[pos])) {
        S_dec_digit(&side->lo, s[pos++] - '0', 0);
        if (side->int_digits < 4) side->int_digits++;
    }
    if (side->int_digits <= 3) pos = S_groups(s, len, pos, side);
    side->round = side->lo.m >= 10 && side->lo.m % 10 == 0;     /* 20, 100 */

    int integer = 1;
    if (len - pos >= 2 && s[pos] == '.' && S_is_digit(s[pos + 1])) {
        pos++;
        while (pos < len && S_is_digit(s[pos])) S_dec_digit(&side->lo, s[pos++] - '0', 1);
        integer = 0;
        side->round = 0;
    }

    int exp, chain[S_CHAIN], nchain;
    size_t un = S_units(s, len, pos, 2, &exp, chain, &nchain);
    if (!un) return pos;
    S_side_units(side, exp, chain, nchain);
    pos += un;
    if (integer && nchain == 1 && chain[0] >= 3) pos += S_tail(s, len, pos, chain[0], side);
    return pos;
}

/* -------------------------------------------------------- Chinese numerals */

/* The state of a Chinese numeral being read.  Index 0 is the low reading
 * and 1 the high one: they differ only once a pair (三四百) or a 几 (十几)
 * is read, and the numeral is then a range. */
typedef struct {
    uint64_t zhao[2], yi[2], wan[2], sec[2];    /* the 兆, 亿 and 万 parts, the section
                                                   being read */
    int pend[2];                    /* a digit not placed yet, or -1 */
    int pend_flags;                 /* F_ZERO, F_LIANG, F_JI of that digit */
    int small;                      /* the section's last 十百千 (4: none yet) */
    int unit;                       /* the last unit read (0: none yet) */
    int zero;                       /* 零 since that unit: the next digit is a ones */
    int wan_done, yi_done, zhao_done;
    int pair;
    int max_unit;
    int chain[S_CHAIN], nchain;     /* units since the last digit */
    int started;
} S_cn;

static void S_cn_chain(S_cn *c, int unit)
{
    if (c->nchain < S_CHAIN) c->chain[c->nchain++] = unit;
    c->unit = unit;
    c->max_unit = ZHEI_MAX(c->max_unit, unit);
    c->zero = 0;
}

/* Adjacent numerals read as a range: 三四, 七八, 一两, 两三, and 三五 (3
 * to 5, the conventional exception).  Never with 零. */
static int S_is_pair(int first, int first_flags, S_tok t)
{
    if ((first_flags & F_ZERO) || (t.flags & F_ZERO)) return 0;
    return t.val == first + 1 || (first == 3 && t.val == 5);
}

/* Each S_cn_* step takes the next character and returns 0 when it cannot
 * continue the numeral. */
static int S_cn_digit(S_cn *c, S_tok t)
{
    if (c->pend[0] >= 0) {      /* a digit after a digit: only a pair */
        if (c->pair || !S_is_pair(c->pend[0], c->pend_flags, t)) return 0;
        c->pend[1] = t.val;
        c->pend_flags = 0;
        c->pair = 1;
        return 1;
    }
    if (c->pair) return 0;      /* 三四百五: nothing after the pair's units */
    if (t.flags & F_ZERO) {
        if (!c->started) {      /* 零 alone, or 零点五 */
            c->pend[0] = c->pend[1] = 0;
            c->pend_flags = F_ZERO;
            return 1;
        }
        if (!c->unit || c->zero) return 0;
        c->zero = 1;            /* 一百零五 */
        c->nchain = 0;
        return 1;
    }
    if ((t.flags & F_LIANG) && (c->zero || c->unit == 1)) return 0;    /* 十两 */
    c->pend[0] = c->pend[1] = t.val;
    c->pend_flags = t.flags;
    c->nchain = 0;
    return 1;
}

/* 几 after a unit stands for any digit: 十几 11..19, 一百几十 110..190. */
static int S_cn_ji(S_cn *c)
{
    if (c->pend[0] >= 0 || c->pair || !c->unit) return 0;
    c->pend[0] = 1;
    c->pend[1] = 9;
    c->pend_flags = F_JI;
    c->pair = 1;
    c->nchain = 0;
    return 1;
}

/* 十 百 千: multiply the pending digit, and go down within the section. */
static int S_cn_small(S_cn *c, int e)
{
    int mult[2];
    if (c->pend[0] >= 0 && (c->pend_flags & F_ZERO)) {
        if (e != 1 || c->unit) return 0;
        mult[0] = mult[1] = 1;                                  /* 零十: ten */
    } else if (c->pend[0] >= 0) {
        if ((c->pend_flags & F_LIANG) && e == 1) return 0;     /* 两十 */
        mult[0] = c->pend[0];
        mult[1] = c->pend[1];
    } else if (e == 1 && (!c->started || c->zero)) {
        mult[0] = mult[1] = 1;                                  /* 十五, 一万零十二 */
    } else {
        return 0;
    }
    if (e >= c->small) return 0;                                /* 三十五十 */
    for (int k = 0; k < 2; k++) c->sec[k] += (uint64_t)mult[k] * S_pow10(e);
    c->pend[0] = c->pend[1] = -1;
    c->small = e;
    S_cn_chain(c, e);
    return 1;
}

/* 廿 卅: twenty, thirty, where a tens may stand. */
static int S_cn_tens(S_cn *c, int tens)
{
    if (c->pend[0] >= 0 || c->small <= 1) return 0;
    for (int k = 0; k < 2; k++) c->sec[k] += (uint64_t)tens * 10;
    c->small = 1;
    S_cn_chain(c, 1);
    c->nchain = 0;      /* 廿 holds its digit: no unit after a digit */
    return 1;
}

/* 万 亿 兆: close the section.  亿 takes the 万 part with it (三万亿 is 3 ×
 * 10^12), and 兆 the 亿 and 万 parts; each appears once per numeral, 万
 * once more after 亿 (一亿五千万), 万 and 亿 once more after 兆
 * (五兆六十二亿四万五千二). */
static int S_cn_big(S_cn *c, int e)
{
    if (c->pend[0] >= 0) {
        if (c->pend_flags & F_ZERO) return 0;
        /* 一百五万: 五 is no ones; but 一亿四万 is 100,040,000, a digit
         * between two large units */
        if (c->unit > 1 && !c->zero && (c->unit < 4 || e >= c->unit)) return 0;
    }
    uint64_t v[2];
    for (int k = 0; k < 2; k++) v[k] = c->sec[k] + (uint64_t)ZHEI_MAX(c->pend[k], 0);
    if (e == 4 && c->wan_done && c->unit == 4 && c->pend[0] < 0 && !c->yi_done) {
        /* 四万万: 万万 is 亿, as older writing has it (四万万 is 400
         * million); once: 三万万万 stops after 三万万 */
        for (int k = 0; k < 2; k++) c->yi[k] = c->wan[k] * 10000;
        c->wan[0] = c->wan[1] = 0;
        c->wan_done = 0;
        c->yi_done = 1;
    } else if (e == 4) {
        if (c->wan_done || !v[0]) return 0;
        for (int k = 0; k < 2; k++) c->wan[k] = v[k] * 10000;
        c->wan_done = 1;
    } else if (e == 12) {
        uint64_t below[2];
        for (int k = 0; k < 2; k++) below[k] = c->yi[k] + c->wan[k] + v[k];
        if (c->zhao_done || !below[0] || below[1] > UINT64_MAX / 1000000000000u) return 0;
        for (int k = 0; k < 2; k++) c->zhao[k] = below[k] * 1000000000000u;
        c->yi[0] = c->yi[1] = c->wan[0] = c->wan[1] = 0;
        c->wan_done = c->yi_done = 0;
        c->zhao_done = 1;
    } else {
        if (c->yi_done || !(c->wan[0] + v[0])) return 0;
        for (int k = 0; k < 2; k++) c->yi[k] = (c->wan[k] + v[k]) * 100000000;
        c->wan[0] = c->wan[1] = 0;
        c->wan_done = 0;
        c->yi_done = 1;
    }
    c->sec[0] = c->sec[1] = 0;
    c->pend[0] = c->pend[1] = -1;
    c->pend_flags = 0;
    c->small = 4;
    S_cn_chain(c, e);
    return 1;
}

/* If the numeral read so far is a whole number, store it in *side and
 * return the power of ten its last digit stands for (0 for a ones; 3 for
 * the 六 of 三万六, 2 for the 五 of 一百五).  -1 when it is not. `next` is
 * the character after it. */
static int S_cn_end(const S_cn *c, S_tok next, S_side *side)
{
    int place = 0;
    if (c->pend[0] < 0) {
        if (c->zero || !c->unit) return -1;             /* 一百零 */
    } else if (c->pend_flags & F_ZERO) {
        if (c->unit) return -1;                         /* 零 is a number alone */
    } else if (c->unit > 1 && !c->zero) {
        /* The colloquial 三万六, 一百五.  Not 两 (一千两 is no number), not
         * 几, and not a 一 that starts a word: 三百一个 is 300 each. */
        if (c->pend_flags & (F_LIANG | F_JI)) return -1;
        if (!c->pair && c->pend[0] == 1 && next.kind == T_HAN) return -1;
        place = c->unit - 1;
    }

    S_side s = {0};
    for (int k = 0; k < 2; k++) {
        uint64_t ones = c->pend[k] > 0 ? (uint64_t)c->pend[k] * S_pow10(place) : 0;
        S_dec *d = k ? &s.hi : &s.lo;
        d->m = c->zhao[k] + c->yi[k] + c->wan[k] + c->sec[k] + ones;
    }
    s.range = c->pair;
    s.q = c->pair ? ZHE_QUAL_RANGE : ZHE_QUAL_EXACT;
    s.max_unit = c->max_unit;
    s.round = c->pend[0] < 0;
    s.nchain = c->nchain;
    memcpy(s.chain, c->chain, sizeof s.chain);
    *side = s;
    return place;
}

/* 点 after a whole number with no 万 or 亿 (十二点五亿, 三点五), or after
 * one that ends in its ones (一万零十二点一五): the digits after it, one
 * by one, then 万/亿 when `units` (十二点五亿; never 一万零十二点五亿).
 * *side holds the integer part; returns the bytes after pos read, 0 when
 * 点 is no decimal point here (十点 is ten o'clock). */
static size_t S_cn_point(const char *s, size_t len, size_t pos, int units, S_side *side)
{
    size_t p = pos + S_tok_at(s, len, pos).n;
    S_tok t = S_tok_at(s, len, p);
    if (t.kind != T_DIGIT || (t.flags & F_LIANG)) return 0;
    for (; t.kind == T_DIGIT && !(t.flags & F_LIANG); t = S_tok_at(s, len, p)) {
        S_dec_digit(&side->lo, t.val, 1);
        p += t.n;
    }
    side->round = 0;
    int exp, chain[S_CHAIN], nchain;
    size_t un = units ? S_units(s, len, p, 4, &exp, chain, &nchain) : 0;
    if (un) S_side_units(side, exp, chain, nchain);
    return p + un - pos;
}

/* A Chinese numeral at s[0], digits with units: 三万六千, 十五, 一百零五,
 * 三四百, 十几万, 一亿五千万, 卅.  Returns the bytes read. */
static size_t S_cn_read(const char *s, size_t len, S_side *side)
{
    S_cn c = {.pend = {-1, -1}, .small = 4};
    size_t pos = 0, best = 0;
    int place = -1;
    for (;;) {
        S_tok t = S_tok_at(s, len, pos);
        int ok = 0;
        if (t.kind == T_DIGIT) ok = S_cn_digit(&c, t);
        else if (t.kind == T_JI) ok = S_cn_ji(&c);
        else if (t.kind == T_TENS) ok = S_cn_tens(&c, t.val);
        else if (t.kind == T_UNIT) {
            /* 百万, 千亿: a hundred, a thousand of the unit after, with
             * no 一 — only before 万 or 亿 (千万 alone is "by all means") */
            if (pos == 0 && (t.val == 2 || t.val == 3)) {
                S_tok nx = S_tok_at(s, len, t.n);
                if (nx.kind == T_UNIT && nx.val >= 4) c.pend[0] = c.pend[1] = 1;
            }
            ok = t.val < 4 ? S_cn_small(&c, t.val) : S_cn_big(&c, t.val);
        } else if (t.kind == T_POINT && best == pos && place == 0 && !c.pair &&
                 (c.max_unit < 4 || c.pend[0] > 0))
            return pos + S_cn_point(s, len, pos, c.max_unit < 4, side);
        if (!ok) return best;
        c.started = 1;
        pos += t.n;
        place = S_cn_end(&c, S_tok_at(s, len, pos), side);
        if (place >= 0) best = pos;
    }
}

/* Chinese digits one by one, as years are written: 二〇二三, 一九九八,
 * 二零二四.  Three or more digits, or two with a 〇 (〇八); two others are
 * a pair (三五) or two numbers (五一).  Returns the bytes read, 0 when the
 * digits at s[0] are not such a run. */
static size_t S_cn_run(const char *s, size_t len, S_side *side)
{
    size_t pos = 0;
    int count = 0, zero = 0;
    S_dec d = {0, 0};
    for (S_tok t = S_tok_at(s, len, 0); t.kind == T_DIGIT && !(t.flags & F_LIANG);
         t = S_tok_at(s, len, pos)) {
        S_dec_digit(&d, t.val, 0);
        if (count < 4) count++;
        zero |= t.flags & F_ZERO;
        pos += t.n;
    }
    if (count < 3 && !(count == 2 && zero)) return 0;
    side->lo = d;
    side->int_digits = count;
    return pos;
}

/* ------------------------------------------------------- the other forms */

/* 几十, 几万, 数千, 数十亿: some tens, some ten thousands.  No definite
 * value: the value is the unit, and at least that. */
static size_t S_vague(const char *s, size_t len, size_t pos, S_side *side)
{
    int exp, chain[S_CHAIN], nchain;
    size_t un = S_units(s, len, pos, 1, &exp, chain, &nchain);
    if (!un) return 0;                          /* 几乎, 数据 */
    side->lo = (S_dec){1, exp};
    side->vague = 1;
    side->q = ZHE_QUAL_AT_LEAST;
    return pos + un;
}

/* 上百, 上万, 上千万: reaching a hundred, ten thousand, ten million. */
static size_t S_at_least(const char *s, size_t len, size_t pos, S_side *side)
{
    int exp, chain[S_CHAIN], nchain;
    size_t un = S_units(s, len, pos, 2, &exp, chain, &nchain);
    if (!un) return 0;                          /* 上海, 上一代 */
    side->lo = (S_dec){1, exp};
    side->q = ZHE_QUAL_AT_LEAST;
    return pos + un;
}

/* 成千上万, 成百上千: by the thousand, by the hundred. */
static size_t S_cheng(const char *s, size_t len, size_t pos, S_side *side)
{
    S_tok a = S_tok_at(s, len, pos);
    if (a.kind != T_UNIT || a.val < 2) return 0;    /* 成本, 成为 */
    S_tok shang = S_tok_at(s, len, pos + a.n);
    if (shang.kind != T_SHANG) return 0;
    S_tok b = S_tok_at(s, len, pos + a.n + shang.n);
    if (b.kind != T_UNIT || b.val <= a.val) return 0;
    side->lo = (S_dec){1, a.val};
    side->vague = 1;
    side->q = ZHE_QUAL_AT_LEAST;
    return pos + a.n + shang.n + b.n;
}

/* 百余, 千余, 万余: the one bare unit that is a number, more than it. */
static size_t S_bare_more(const char *s, size_t len, S_tok unit, S_side *side)
{
    S_tok t = S_tok_at(s, len, unit.n);
    if (unit.val < 2 || t.kind != T_MORE || t.val != 1) return 0;    /* 千万不要, 万一 */
    side->lo = (S_dec){1, unit.val};
    side->max_unit = unit.val;
    side->q = ZHE_QUAL_MORE_THAN;
    return unit.n + t.n;
}

/* 百 or 千 and one digit, as speech shortens 一百三十 and 一千三百: 百三 is
 * 130, 千三 1300.  Not when more of a numeral follows (千三百 is no
 * number).  Returns the bytes read, 0 when it is no such form. */
static size_t S_bare_digit(const char *s, size_t len, S_tok unit, S_side *side)
{
    S_tok d = S_tok_raw(s, len, unit.n);
    if (d.kind != T_DIGIT || (d.flags & (F_ZERO | F_LIANG))) return 0;
    int next = S_tok_at(s, len, unit.n + d.n).kind;
    if (next == T_UNIT || next == T_DIGIT || next == T_POINT || next == T_TENS || next == T_JI)
        return 0;
    side->lo = (S_dec){10 + (uint64_t)d.val, unit.val - 1};
    side->max_unit = unit.val;
    return unit.n + d.n;
}

/* After a side ending at s[pos]: 多/余 (两万多, 二十余, 20多万) or, after
 * 20 to 90 in digits, 几 (20几 is 21..29).  Either may take a larger
 * unit after it, and so may a range with 多 (十几万多亿).  Returns the new
 * end. */
static size_t S_suffix(const char *s, size_t len, size_t pos, S_side *side)
{
    S_tok t = S_tok_at(s, len, pos);
    int ji = t.kind == T_JI && side->int_digits == 2 && side->round && !side->max_unit &&
             !side->grouped;
    int exp, chain[S_CHAIN], nchain;
    if (side->range && side->round && t.kind == T_MORE) {
        /* 十几万多亿: a range, 多 and a larger unit, which scales the range */
        size_t un = S_units(s, len, pos + t.n, 4, &exp, chain, &nchain);
        if (!un || chain[0] <= side->max_unit) return pos;
        S_side_units(side, exp, chain, nchain);
        return pos + t.n + un;
    }
    if (side->range || !side->round || (t.kind != T_MORE && !ji)) return pos;
    pos += t.n;
    if (ji) {
        side->hi = side->lo;
        side->lo.m += 1;
        side->hi.m += 9;
        side->range = 1;
        side->q = ZHE_QUAL_RANGE;
    } else {
        side->q = ZHE_QUAL_MORE_THAN;
    }
    size_t un = S_units(s, len, pos, 4, &exp, chain, &nchain);
    if (un && chain[0] > side->max_unit) {      /* 一百多万, but not 两万多万 */
        S_side_units(side, exp, chain, nchain);
        pos += un;
    }
    return pos;
}

/* Read one side at s[0]; returns its bytes, 0 when no number starts
 * there. */
static size_t S_side_read(const char *s, size_t len, S_side *side)
{
    *side = (S_side){.q = ZHE_QUAL_EXACT};
    if (S_not_number(s, len)) return 0;
    S_tok t = S_tok_at(s, len, 0);
    size_t n = 0;
    switch (t.kind) {
    case T_ASCII: n = S_ascii(s, len, side); break;
    case T_DIGIT:
        n = S_cn_run(s, len, side);
        if (!n) n = S_cn_read(s, len, side);
        break;
    case T_TENS: n = S_cn_read(s, len, side); break;
    case T_UNIT:    /* a bare unit: only 十 starts a numeral (十五), and 百
                     * or 千 before 万 or 亿 (逾百万颗, 近千亿元) */
        if (t.val == 1) n = S_cn_read(s, len, side);
        else if (t.val <= 3 && S_tok_at(s, len, t.n).kind == T_UNIT &&
                 S_tok_at(s, len, t.n).val >= 4)
            n = S_cn_read(s, len, side);
        else if (t.val > 3 || !(n = S_bare_digit(s, len, t, side)))
            return S_bare_more(s, len, t, side);
        break;
    case T_JI:
    case T_SHU: return S_vague(s, len, t.n, side);
    case T_SHANG: return S_at_least(s, len, t.n, side);
    case T_CHENG: return S_cheng(s, len, t.n, side);
    default: return 0;
    }
    if (n <= t.n && (t.flags & F_CAPITAL)) return 0;    /* 队伍, 陆地, 拾取 */
    return n ? S_suffix(s, len, n, side) : 0;
}

/* ---------------------------------------------------------------- ranges */

/* A side that can be one end of a range: a plain number. */
static int S_plain(const S_side *side)
{
    return !side->range && !side->vague && side->q == ZHE_QUAL_EXACT;
}

/* A side short enough for - and ~: at most three digits (8-14), digits
 * with a unit, or grouped digits.  2023-10-17 is a date, not 2023..10. */
static int S_short(const S_side *side)
{
    return side->int_digits <= 3 || side->max_unit || side->grouped;
}

/* 2.4至2.8万 is 2.4万至2.8万: a first side with no 万 or 亿 takes the
 * largest of the second side's trailing units that keeps the range
 * increasing (五至十万: 万, not 十万; 二至三千万: 千万). */
static S_dec S_lend_unit(S_dec lo, const S_side *b)
{
    double high = S_dec_value(b->lo);
    for (int i = 0; i < b->nchain; i++) {
        S_dec t = lo;
        for (int j = i; j < b->nchain; j++) t.e += b->chain[j];
        if (S_dec_value(t) < high) return t;
    }
    return lo;
}

/* If a range's separator and second side follow the side a ending at
 * s[pos], make *r the range and return its end; else return pos. */
static size_t S_range(const char *s, size_t len, size_t pos, const S_side *a, zhe_number *r)
{
    S_tok sep = S_tok_at(s, len, pos);
    if (!S_plain(a) || (sep.kind != T_TO && sep.kind != T_DASH)) return pos;
    size_t at = pos + sep.n;
    if (sep.val == 1 && S_tok_at(s, len, at).kind == T_DASH) return pos;   /* —— */
    if (at < len && s[at] == ' ') at++;                                     /* 800 至 1200 */
    S_side b;
    size_t bn = S_side_read(s + at, len - at, &b);
    if (!bn || !S_plain(&b)) return pos;
    if (sep.kind == T_DASH && !(S_short(a) && S_short(&b)) && b.max_unit < 4) return pos;

    S_dec lo = a->max_unit < 4 ? S_lend_unit(a->lo, &b) : a->lo;
    double v = S_dec_value(lo), high = S_dec_value(b.lo);
    if (!(high > v)) return pos;    /* 14-8: two numbers */
    *r = (zhe_number){v, high, ZHE_QUAL_RANGE, 0};
    return at + bn;
}

/* ---------------------------------------------------------------- public */

size_t zhe_number_parse(const char *s, size_t len, zhe_number *out)
{
    if (!s || !len) return 0;
    S_side a;
    size_t n = S_side_read(s, len, &a);
    if (!n) return 0;
    zhe_number r = {S_dec_value(a.lo), a.range ? S_dec_value(a.hi) : NAN, a.q, a.vague};
    n = S_range(s, len, n, &a, &r);
    if (out) *out = r;
    return n;
}
