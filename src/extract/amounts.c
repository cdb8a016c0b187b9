/*
** amounts.c — money and quantities: each number of a sentence (number.c)
** outside the spans already taken, looked at with the words around it: a
** currency of currencies.tsv before or after makes it money, a measure
** word of units.tsv after it a quantity; 约, 左右, 不低于 and their kin
** (qualifiers.tsv) qualify it.  Speech's money too: 4万块, 卖20块, 5个亿.
** Ranges the number reader leaves to it: a unit on both ends (3片到5片),
** spaces around the separator (800 至 1200 台).  A last pass gives a
** currency to bare amounts in price sentences (卖到25万, 从180万涨到…)
** when the article's other prices, or the sentence's, make it certain, at
** lower confidence.  Part of the extractor (extract_int.h).
*/
#include "extract_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The qualifier word that stands after the amount at s[at] (after=1), or
 * before it, ending at s[at]; its length, 0 if none. */
static size_t S_qualifier_at(const zhe_extractor *ex, const char *s, size_t from, size_t at,
                             size_t to, int after, zhe_qualifier *q)
{
    for (size_t k = 0; k < ex->lex->n_quals; k++) {
        const zhei_qualword *w = &ex->lex->quals[k];
        if (w->after != after) continue;
        if (after ? to - at >= w->len && s[at] == w->word[0] &&
                        !memcmp(s + at, w->word, w->len)
                  : at - from >= w->len && s[at - w->len] == w->word[0] &&
                        !memcmp(s + at - w->len, w->word, w->len)) {
            *q = ex->quals[k];
            return w->len;
        }
    }
    return 0;
}

/* The longest currency that may stand after (after=1) or before an amount,
 * at s[at] or ending at s[at]; NULL if none.  This runs twice for every
 * number: a currency is passed over on a byte it cannot have there before
 * memcmp is asked (after: its first two bytes; before: its last, since most
 * currencies begin with the lead byte of a CJK character). */
static const zhei_currency *S_currency_at(const zhe_extractor *ex, const char *s, size_t from,
                                       size_t at, size_t to, int after)
{
    if (after ? at >= to : at <= from) return NULL;
    char b0 = after ? s[at] : s[at - 1], b1 = after && at + 1 < to ? s[at + 1] : 0;
    for (size_t k = 0; k < ex->lex->n_currencies; k++) {
        const zhei_currency *c = &ex->lex->currencies[k];
        if (after) {
            if (!c->after || c->word[0] != b0 || (c->word[1] && c->word[1] != b1) ||
                to - at < c->len || memcmp(s + at, c->word, c->len))
                continue;
        } else if (!c->before || c->word[c->len - 1] != b0 || at - from < c->len ||
                   memcmp(s + at - c->len, c->word, c->len)) {
            continue;
        }
        /* A Latin code must not be part of a word: USD, not USDT. */
        unsigned char last = (unsigned char)c->word[c->len - 1];
        if (after && ((last | 0x20) >= 'a' && (last | 0x20) <= 'z') && at + c->len < to &&
            ((s[at + c->len] | 0x20) >= 'a' && (s[at + c->len] | 0x20) <= 'z'))
            continue;
        return c;
    }
    return NULL;
}

/* The currency bits of the extractor (extract_int.h): a hash of two
 * bytes into 1024 bits. */
static unsigned S_key2(char a, char b)
{
    return ((unsigned char)a * 31u + (unsigned char)b) & 1023u;
}

#define S_BIT_SET(m, k) ((m)[(k) >> 6] |= (uint64_t)1 << ((k) & 63))
#define S_BIT(m, k) (((m)[(k) >> 6] >> ((k) & 63)) & 1)

void zhei_extract_amounts_compile(zhe_extractor *ex)
{
    for (size_t k = 0; k < ex->lex->n_currencies; k++) {
        const zhei_currency *c = &ex->lex->currencies[k];
        const char *w = c->word;
        if (c->after) {
            if (c->len == 1) S_BIT_SET(ex->cur_after1, (unsigned char)w[0]);
            else S_BIT_SET(ex->cur_after, S_key2(w[0], w[1]));
        }
        if (c->before) {
            if (c->len == 1) S_BIT_SET(ex->cur_before1, (unsigned char)w[0]);
            else S_BIT_SET(ex->cur_before, S_key2(w[c->len - 2], w[c->len - 1]));
        }
    }
}

/* Whether a currency may stand after (after=1) or before an amount, at
 * s[at] or ending at s[at], by the extractor's bits: S_currency_at reads
 * the list only then.  Most numbers have no such neighbour. */
static int S_currency_may(const zhe_extractor *ex, const char *s, size_t from, size_t at,
                          size_t to, int after)
{
    if (after) {
        if (at >= to) return 0;
        return S_BIT(ex->cur_after1, (unsigned char)s[at]) ||
               (at + 1 < to && S_BIT(ex->cur_after, S_key2(s[at], s[at + 1])));
    }
    if (at <= from) return 0;
    return S_BIT(ex->cur_before1, (unsigned char)s[at - 1]) ||
           (at - from >= 2 && S_BIT(ex->cur_before, S_key2(s[at - 2], s[at - 1])));
}

static const zhei_unit *S_unit_at(const zhe_extractor *ex, const char *s, size_t at, size_t to)
{
    for (size_t k = 0; k < ex->lex->n_units; k++) {
        const zhei_unit *u = &ex->lex->units[k];
        if (to - at >= u->len && s[at] == u->word[0] && !memcmp(s + at, u->word, u->len))
            return u;
    }
    return NULL;
}

static int S_is_ascii_alnum(char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Whether a number can begin with character c: a digit, a Chinese numeral,
 * or a word that starts the numbers of zhe_number_parse (几万, 数千, 上千万,
 * 成千上万, 千余).  Most characters of a text cannot, and are passed over
 * without asking the parser. */
static int S_number_char(uint32_t c)
{
    if (c < 0x80) return c >= '0' && c <= '9';
    const zhei_numeral *n = zhei_numeral_of(c);
    if (n) return !(n->flags & ZHEI_NUMERAL_CIRCLE);   /* ○ is read in dates only */
    return c == 0x4E0A || c == 0x6210;                  /* 上千万, 成千上万 */
}

/* Whether a number may start at s[i]: not inside a Latin or digit run (the
 * 4090 of RTX4090, the 5 of 2.5, the 17 of 10-17). */
static int S_number_may_start(const char *s, size_t s0, size_t i)
{
    if (i == s0) return 1;
    char p = s[i - 1];
    /* a Chinese numeral continues no Latin or digit run: A800八卡, H100两台 */
    if (S_is_ascii_alnum(p)) return (unsigned char)s[i] >= 0x80;
    /* after a separator only when it does not follow a digit: 原装,9片 */
    int sep = p == '.' || p == ',' || p == '-' || p == '/' || p == ':';
    if (!(sep && i - 1 > s0 && s[i - 2] >= '0' && s[i - 2] <= '9')) return 1;
    if (p != ',') return 0;
    /* A comma after digits groups thousands only before three digits, and
     * not after a model's digits: H100,9000元 and A100,300片 (a full-width
     * comma, normalized) are a model and then an amount. */
    size_t b = i - 1;
    while (b > s0 && s[b - 1] >= '0' && s[b - 1] <= '9') b--;
    if (b > s0 && S_is_ascii_alnum(s[b - 1])) return 1;
    size_t n = 0;
    while (s[i + n] >= '0' && s[i + n] <= '9') n++;
    return n != 3;
}

/* Whether s[at] begins a per-item phrase: 一张, 每片, 一个 (25万一张). */
static int S_each_at(const zhe_extractor *ex, const char *s, size_t at, size_t to)
{
    return to - at >= 6 && (!memcmp(s + at, "一", 3) || !memcmp(s + at, "每", 3)) &&
           (!memcmp(s + at + 3, "个", 3) || S_unit_at(ex, s, at + 3, to) != NULL);
}

/* Whether the price word of some price trigger starts in s[at..to). */
static int S_price_word_at(const zhe_extractor *ex, const char *s, size_t at, size_t to)
{
    for (size_t k = 0; k < ex->n_price_words; k++) {
        const zhei_trigger *w = ex->price_words[k];
        if (to - at >= w->len && s[at] == w->word[0] && !memcmp(s + at, w->word, w->len))
            return 1;
    }
    return 0;
}

/* The clause last asked about and whether it has a price word: a clause
 * may hold 100,000 amounts, and is read once, not once for each. */
typedef struct {
    size_t c0, c1;
    int known, price;
} S_clause_memo;

static int S_price_clause(const zhe_extractor *ex, const char *s, size_t s0, size_t s1,
                          size_t i, S_clause_memo *memo);

/* 块 is both a unit (8块显卡) and, in speech, the yuan (4万块).  The amount
 * is s[start..after) with 块 last.  A count when a model or a word for a
 * part (显卡, 芯片, 板卡) follows; money when 钱 or a per-item phrase
 * follows (20块一张), when the amount is too large for a count of cards,
 * or when money is what the words before say: a verb of paying or selling
 * (卖20块, 花了30块), a per-item phrase (一颗20块) or a price word in the
 * clause. */
static int S_kuai_is_money(const zhe_extractor *ex, const char *s, size_t s0, size_t start,
                           size_t after, size_t to, double value, S_clause_memo *memo)
{
    if (to - after >= 3 && !memcmp(s + after, "钱", 3)) return 1;
    if (after < to && S_is_ascii_alnum(s[after])) return 0;     /* 8块A100 */
    uint32_t c = 0;
    if (after < to) zhe_utf8_decode(s + after, to - after, &c);
    /* 200块显卡, 两块芯片, 1000块板卡, 8块硬盘, 1万块加速卡, 8块算力卡 */
    static const uint32_t goods[] = {0x663E, 0x82AF, 0x5361, 0x677F, 0x6676, 0x5C4F,
                                     0x786C, 0x5185, 0x4E3B, 0x670D, 0x5B58, 0x52A0,
                                     0x7B97, 0x6A21, 0x8BA1};   /* 显芯卡板晶屏硬内主服存加算模计 */
    for (size_t k = 0; k < ZHEI_ARRAY_LEN(goods); k++)
        if (c == goods[k]) return 0;
    if (value >= 100 || S_each_at(ex, s, after, to)) return 1;
    /* The word before, past 了 and a space: 卖20块, 花了30块, 只要20块. */
    size_t b = start;
    if (b > s0 && s[b - 1] == ' ') b--;
    if (b - s0 >= 3 && !memcmp(s + b - 3, "了", 3)) b -= 3;
    if (b - s0 >= 3) {
        uint32_t p = 0;
        zhe_utf8_decode(s + b - 3, 3, &p);
        /* 卖要花值价售付赚亏省收赔仅只才 */
        static const uint32_t pay[] = {0x5356, 0x8981, 0x82B1, 0x503C, 0x4EF7, 0x552E, 0x4ED8,
                                       0x8D5A, 0x4E8F, 0x7701, 0x6536, 0x8D54, 0x4EC5, 0x53EA,
                                       0x624D};
        for (size_t k = 0; k < ZHEI_ARRAY_LEN(pay); k++)
            if (p == pay[k])    /* but 需要8块 is a need of eight */
                return !(p == 0x8981 && b - s0 >= 6 && !memcmp(s + b - 6, "需", 3));
        /* 花费了我三块, 付给他50块: spending up to four characters
         * before; only spending, as 卖 that far back sells boards as often
         * as yuan */
        for (size_t back = 6; back <= 12 && b - s0 >= back; back += 3) {
            zhe_utf8_decode(s + b - back, 3, &p);
            if (p == 0x82B1 || p == 0x4ED8 || p == 0x8D54) return 1;    /* 花付赔 */
        }
        /* 一颗20块: a unit after 一 or 每 */
        for (size_t k = 0; k < ex->lex->n_units; k++) {
            const zhei_unit *u = &ex->lex->units[k];
            if (b - s0 >= u->len + 3 && !memcmp(s + b - u->len, u->word, u->len) &&
                (!memcmp(s + b - u->len - 3, "一", 3) || !memcmp(s + b - u->len - 3, "每", 3)))
                return 1;
        }
    }
    return S_price_clause(ex, s, s0, to, start, memo);
}

/* The length of a range's separator at s[at] (至, 到, -, ~, —, –), or 0. */
static size_t S_range_sep(const char *s, size_t at, size_t to)
{
    static const struct {
        char word[4];
        size_t len;
    } seps[] = {{"至", 3}, {"到", 3}, {"~", 1}, {"〜", 3}, {"-", 1}, {"—", 3}, {"–", 3}};
    if (at >= to) return 0;
    for (size_t k = 0; k < ZHEI_ARRAY_LEN(seps); k++)
        if (s[at] == seps[k].word[0] && to - at >= seps[k].len &&
            !memcmp(s + at, seps[k].word, seps[k].len))
            return seps[k].len;
    return 0;
}

/* A range's separator after s[at] with the spaces that real text prints
 * around it (800 至 1200 台): where the second side starts; 0 if there is
 * no separator. */
static size_t S_range_gap(const char *s, size_t at, size_t to)
{
    size_t k = at;
    if (k < to && s[k] == ' ') k++;
    size_t n = S_range_sep(s, k, to);
    if (!n) return 0;
    k += n;
    if (k < to && s[k] == ' ') k++;
    return k;
}

/* An amount written with its unit on both ends of a range (1.4万元至1.6万元,
 * 3片到5片, 1.4万元 至 1.6万元): if one follows the amount ending at s[end],
 * make num the range and return the range's end; else return end. */
static size_t S_range_tail(const zhe_extractor *ex, const char *s, size_t s0, size_t end,
                           size_t s1, const char *code, const zhei_unit *unit, zhe_number *num)
{
    size_t k = S_range_gap(s, end, s1), n;
    zhe_number hi;
    if (!k || !isnan(num->high) || !(n = zhe_number_parse(s + k, s1 - k, &hi)) ||
        !isnan(hi.high) || hi.vague || !(hi.value > num->value))
        return end;
    size_t j = k + n;
    if (j < s1 && s[j] == ' ') j++;
    if (code) {
        const zhei_currency *c = S_currency_at(ex, s, s0, j, s1, 1);
        if (!c || strcmp(c->code, code)) return end;
        j += c->len;
    } else {
        const zhei_unit *u = S_unit_at(ex, s, j, s1);
        if (u != unit) return end;
        j += u->len;
    }
    num->high = hi.value;
    num->qualifier = ZHE_QUAL_RANGE;
    return j;
}

/* A range the number reader leaves whole to the extractor, with the unit
 * or currency on the second side only: spaces around the separator (800
 * 至 1200 台, 1.2 - 1.5万美元), or a dash between long numbers, which
 * alone could be a date (5000~8000片), or an en dash.  The number s[i..end)
 * has no unit of its own.  Both sides are read again as one, joined by 至
 * without the spaces, so that the second side's 万 is lent to the first as
 * in 1.2-1.5万; where the reader takes no such range, the two sides as
 * read.  Sets num and *cur or *unit and returns where the unit ends; 0 if
 * no such range follows. */
static size_t S_loose_range(const zhe_extractor *ex, const char *s, size_t s0, size_t i,
                            size_t end, size_t s1, zhe_number *num,
                            const zhei_currency **cur, const zhei_unit **unit)
{
    size_t k = S_range_gap(s, end, s1), n;
    if (!k || !isnan(num->high) || num->qualifier != ZHE_QUAL_EXACT) return 0;
    zhe_number hi, both;
    if (!(n = zhe_number_parse(s + k, s1 - k, &hi)) || !isnan(hi.high) || hi.vague ||
        hi.qualifier != ZHE_QUAL_EXACT)
        return 0;
    size_t j = k + n;
    if (j < s1 && s[j] == ' ') j++;
    const zhei_currency *c = S_currency_at(ex, s, s0, j, s1, 1);
    const zhei_unit *u = c ? NULL : S_unit_at(ex, s, j, s1);
    if (!c && (!u || !strcmp(u->word, "块"))) return 0;
    char buf[96];
    size_t a = end - i, b = 3;      /* the separator as 至, which joins any two */
    if (a + b + n <= sizeof buf) {
        memcpy(buf, s + i, a);
        memcpy(buf + a, "至", b);
        memcpy(buf + a + b, s + k, n);
    }
    if (a + b + n <= sizeof buf && zhe_number_parse(buf, a + b + n, &both) == a + b + n &&
        !isnan(both.high) && !both.vague) {
        *num = both;
    } else {
        if (!(hi.value > num->value)) return 0;
        num->high = hi.value;
        num->qualifier = ZHE_QUAL_RANGE;
    }
    *cur = c;
    *unit = u;
    return j + (c ? c->len : u->len);
}

/* 个亿 after a number: 5个亿 is 5亿, 1个多亿 more than 1亿, as speech
 * and mainland reporting write sums of money.  Scales num and returns the
 * bytes of 个亿 or 个多亿; 0 if neither follows. */
static size_t S_ge_yi(const char *s, size_t at, size_t to, zhe_number *num)
{
    size_t n = 0;
    if (to - at >= 6 && !memcmp(s + at, "个亿", 6)) n = 6;
    else if (to - at >= 9 && !memcmp(s + at, "个多亿", 9)) n = 9;
    if (!n || num->vague || !(num->value < 10000) || !(num->high < 10000 || isnan(num->high)))
        return 0;
    num->value *= 1e8;
    if (!isnan(num->high)) num->high *= 1e8;
    if (n == 9 && num->qualifier == ZHE_QUAL_EXACT) num->qualifier = ZHE_QUAL_MORE_THAN;
    return n;
}

/* An English scale word after a number written in ASCII digits, as Hong
 * Kong and reposted wire copy print sums: US$1.2 billion, 3.5 million
 * USD.  Scales num and returns the bytes of the word and the space before
 * it; 0 if none follows. */
static size_t S_latin_scale(const char *s, size_t i, size_t at, size_t to, zhe_number *num)
{
    static const struct {
        const char *word;
        double scale;
    } words[] = {{"trillion", 1e12}, {"billion", 1e9}, {"million", 1e6}, {"bn", 1e9},
                 {"mn", 1e6}};
    size_t k = at;
    if (k < to && s[k] == ' ') k++;
    if (k >= to || (s[k] | 0x20) < 'a' || (s[k] | 0x20) > 'z') return 0;
    for (size_t p = i; p < at; p++)
        if ((unsigned char)s[p] >= 0x80) return 0;      /* 1.2万 has its scale */
    for (size_t w = 0; w < ZHEI_ARRAY_LEN(words); w++) {
        size_t n = strlen(words[w].word);
        if (to - k < n || strncasecmp(s + k, words[w].word, n) ||
            (k + n < to && ((s[k + n] | 0x20) >= 'a' && (s[k + n] | 0x20) <= 'z')))
            continue;
        num->value *= words[w].scale;
        if (!isnan(num->high)) num->high *= words[w].scale;
        return k + n - at;
    }
    return 0;
}

/* Whether one of words[0..n) is in s[0..len). */
static int S_has_word(const char *s, size_t len, const char *const *words, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (zhei_memmem(s, len, words[k], strlen(words[k]))) return 1;
    return 0;
}

/* Whether the sentence names the yen (日元, 日圆, 円, JPY): then ¥ is the
 * yen, as Japanese prices print it; elsewhere ¥ is the yuan. */
static int S_yen_sentence(const char *s, size_t s0, size_t s1)
{
    static const char *const yen[] = {"日元", "日圆", "日圓", "円", "JPY"};
    return S_has_word(s + s0, s1 - s0, yen, ZHEI_ARRAY_LEN(yen));
}

/* The dollar a Hong Kong or Taiwan sentence prices in: the code of the
 * HKD or TWD words of currencies.tsv in s[s0..s1) when they name one of
 * the two and no word names the yuan (人民币, RMB, ¥; not 元 or 块钱,
 * which are what is being decided) and no word converts one into the
 * other; NULL otherwise.  There, 元 is that dollar: 叫价由1.6万元升至2.2
 * 万元，部分铺头开价逾2.5万港元. */
static const char *S_local_dollar(const zhe_extractor *ex, const char *s, size_t s0, size_t s1)
{
    /* A conversion names another currency than the amount's own:
     * 内地售价1.5万元，约合1.6万港元 */
    static const char *const converts[] = {"约合", "約合", "折合", "相当于", "相當於",
                                          "换算", "換算", "兑"};
    if (S_has_word(s + s0, s1 - s0, converts, ZHEI_ARRAY_LEN(converts))) return NULL;
    const char *code = NULL;
    for (size_t k = 0; k < ex->lex->n_currencies; k++) {
        const zhei_currency *c = &ex->lex->currencies[k];
        int cny = !strcmp(c->code, "CNY");
        if (!cny && strcmp(c->code, "HKD") && strcmp(c->code, "TWD")) continue;
        if (cny && (!strncmp(c->word, "元", 3) || !strncmp(c->word, "块", 3))) continue;
        if (!zhei_memmem(s + s0, s1 - s0, c->word, c->len)) continue;
        if (cny || (code && strcmp(code, c->code))) return NULL;
        code = c->code;
    }
    return code;
}

/* The dollar of a traditional-script article's region, by words only
 * Taiwan's or only Hong Kong's press prints (normalized, so simplified):
 * its market and index (台股, 加权指数; 港股, 恒指), its currency named
 * anywhere (新台币; 港元), a stock code's market (2330-TW; 0700-HK) or its
 * wire (中央社).  "TWD" or "HKD" when one side has such words and the
 * other none; NULL otherwise, and 元 stays the yuan.  In Taiwan copy
 * 台积电上涨5元至1,715元 is in NT dollars whether or not the sentence
 * says so.  NULL too where the article says its amounts are in yuan
 * (收入28.81亿元(人民币,下同)). */
static const char *S_region_dollar(const char *s, size_t len)
{
    const char *p = s;
    while ((p = zhei_memmem(p, len - (size_t)(p - s), "下同", 6)) != NULL) {
        size_t back = (size_t)(p - s) < 16 ? (size_t)(p - s) : 16;
        if (zhei_memmem(p - back, back, "人民币", 9)) return NULL;
        p += 6;
    }
    static const char *const tw[] = {"台股", "加权指数", "新台币", "台币", "-TW)", "中央社",
                                     "柜买", "证交所"};
    static const char *const hk[] = {"港股", "恒指", "恒生指数", "港元", "港币", "-HK)",
                                     "港交所", "蓝筹"};
    int t = S_has_word(s, len, tw, ZHEI_ARRAY_LEN(tw));
    int h = S_has_word(s, len, hk, ZHEI_ARRAY_LEN(hk));
    return t == h ? NULL : t ? "TWD" : "HKD";
}

/* Whether s[s0..s1) names a currency other than by 元 or 块 (美元, 港元,
 * ¥, RMB …) or a market whose 元 is the yuan (内地, 大陆, 国行): then a
 * bare 元 there is not for the article's region to decide. */
static int S_names_currency(const zhe_extractor *ex, const char *s, size_t s0, size_t s1)
{
    static const char *const mainland[] = {"内地", "大陆", "国行", "中国大陆"};
    if (S_has_word(s + s0, s1 - s0, mainland, ZHEI_ARRAY_LEN(mainland))) return 1;
    for (size_t k = 0; k < ex->lex->n_currencies; k++) {
        const zhei_currency *c = &ex->lex->currencies[k];
        if (!strncmp(c->word, "元", 3) || !strncmp(c->word, "块", 3)) continue;
        if (zhei_memmem(s + s0, s1 - s0, c->word, c->len)) return 1;
    }
    return 0;
}

/* Whether s[at] ends a clause: the end, or punctuation. */
static int S_clause_end(const char *s, size_t at, size_t to)
{
    if (at >= to) return 1;
    uint32_t c;
    zhe_utf8_decode(s + at, to - at, &c);
    return c == ',' || c == ';' || c == '.' || c == '!' || c == '?' || c == ':' || c == ')' ||
           c == 0x3001 /* 、 */ || c == 0x3002 /* 。 */ || c == 0x2026 /* … */ ||
           c == 0x201D /* ” */ || c == 0x300D /* 」 */;
}

/* Whether the unit u at s[at] is followed by a word that makes it an idiom
 * (一片看好, 一组数据). */
static int S_idiom_after(const zhei_unit *u, const char *s, size_t at, size_t to)
{
    for (const char *w = u->not_before; w && *w;) {
        const char *comma = strchr(w, ',');
        size_t n = comma ? (size_t)(comma - w) : strlen(w);
        if (n && to - at >= n && !memcmp(s + at, w, n)) return 1;
        w += n + (comma != NULL);
    }
    return 0;
}

/* The smaller units after an amount of yuan, dollars or yen, added to it:
 * 五元三毛 (5.3), 50元6角三分 (50.63), 两美元又三美分 (2.03), 10日元5钱.
 * Returns where the amount now ends. */
static size_t S_subunits(const char *s, size_t end, size_t s1, const char *code, zhe_number *num)
{
    static const struct {
        const char *code, *word;
        double value;
    } subs[] = {
        { "CNY", "角", 0.1 }, { "CNY", "毛", 0.1 }, { "CNY", "分钱", 0.01 }, { "CNY", "分", 0.01 },
        { "USD", "美分", 0.01 }, { "JPY", "日本銭", 0.01 }, { "JPY", "日本钱", 0.01 },
        { "JPY", "钱", 0.01 },
    };
    size_t at = end;
    double last = 1;    /* each unit smaller than the one before */
    for (int step = 0; step < 2; step++) {
        size_t k = at;
        if (s1 - k >= 3 && (!memcmp(s + k, "又", 3) || !memcmp(s + k, "零", 3))) k += 3;
        zhe_number part;
        size_t n = k < s1 ? zhe_number_parse(s + k, s1 - k, &part) : 0;
        if (!n || part.vague || !isnan(part.high) || part.value < 1 || part.value > 99) break;
        size_t i;
        for (i = 0; i < ZHEI_ARRAY_LEN(subs); i++) {
            size_t w = strlen(subs[i].word);
            if (!strcmp(subs[i].code, code) && subs[i].value < last && s1 - (k + n) >= w &&
                !memcmp(s + k + n, subs[i].word, w))
                break;
        }
        if (i == ZHEI_ARRAY_LEN(subs)) break;
        size_t after = k + n + strlen(subs[i].word);
        if (s1 - after >= 3 && (!memcmp(s + after, "之", 3) || !memcmp(s + after, "钟", 3)))
            break;      /* 3分之一 is a third, 5分钟 minutes */
        num->value += part.value * subs[i].value;
        last = subs[i].value;
        at = after;
    }
    return at;
}

void zhei_extract_amounts(zhei_extract_run *r, size_t s0, size_t s1)
{
    const zhe_extractor *ex = r->ex;
    const char *s = r->a->norm;
    int yen = -1, local_known = 0;     /* what the sentence says, once asked */
    int names = -1;
    const char *local = NULL;
    S_clause_memo memo = {0};
    for (size_t i = s0; i < s1;) {
        uint32_t cp;
        size_t clen = zhei_utf8_next(s + i, s1 - i, &cp);
        zhe_number num;
        size_t n = 0;
        if (S_number_char(cp) && S_number_may_start(s, s0, i) &&
            !zhei_extract_taken(r, i, i + clen))
            n = zhe_number_parse(s + i, s1 - i, &num);
        if (!n || zhei_extract_taken(r, i, i + n) || num.vague ||
            (i - s0 >= 3 && !memcmp(s + i - 3, "第", 3)) ||      /* 第一台 is an ordinal */
            (n == 3 && !memcmp(s + i, "零", 3))) {               /* 零件, 零组件: parts */
            i += n ? n : clen;
            continue;
        }
        size_t start = i, end = i + n, j;
        size_t gy = S_ge_yi(s, end, s1, &num);   /* 5个亿 */
        end += gy ? gy : S_latin_scale(s, i, end, s1, &num);   /* 1.2 billion */
        j = end;
        if (j < s1 && s[j] == ' ') j++;
        const zhei_currency *cur =
            S_currency_may(ex, s, s0, j, s1, 1) ? S_currency_at(ex, s, s0, j, s1, 1) : NULL;
        if (!cur && s1 - j > 3 && (!memcmp(s + j, "个", 3) || !memcmp(s + j, "枚", 3)) &&
            S_currency_may(ex, s, s0, j + 3, s1, 1) &&
            (cur = S_currency_at(ex, s, s0, j + 3, s1, 1)))
            j += 3;     /* 20个比特币, 5枚比特币: coins are counted */
        const zhei_unit *unit = cur || gy ? NULL : S_unit_at(ex, s, j, s1);
        size_t k = start;
        if (k > s0 && s[k - 1] == ' ') k--;
        const zhei_currency *pre =
            S_currency_may(ex, s, s0, k, s1, 0) ? S_currency_at(ex, s, s0, k, s1, 0) : NULL;
        if (pre && zhei_extract_taken(r, k - pre->len, k)) pre = NULL;     /* 30万港币一张 */
        size_t loose = 0;
        if (!cur && !unit && !gy && !pre)     /* 800 至 1200 台 */
            loose = S_loose_range(ex, s, s0, i, end, s1, &num, &cur, &unit);
        const char *code = NULL, *rule = "quantity.unit";
        double confidence = 0.9;
        /* 人民币3999元, 新台币45万元: the currency before names it, the 元
         * after is its unit; 2万美元 names its own. */
        if (pre && (!cur || !memcmp(cur->word, "元", 3))) {
            code = pre->code;
            start = k - pre->len;
            end = cur ? j + cur->len : end;
            unit = NULL;
            rule = "money.before";
            /* ¥ is the yen where the sentence names the yen (asked once a
             * sentence: one may hold 100,000 prices) */
            if (!strcmp(pre->word, "¥") &&
                (yen >= 0 ? yen : (yen = S_yen_sentence(s, s0, s1))))
                code = "JPY";
        } else if (cur) {
            code = cur->code;
            end = loose ? loose : j + cur->len;
            rule = "money.after";
            /* In an article printed in traditional characters, 元 is the
             * dollar its sentence names (Hong Kong and Taiwan usage). */
            if (r->a->traditional && !strncmp(cur->word, "元", 3) && !local_known++)
                local = S_local_dollar(ex, s, s0, s1);
            if (r->a->traditional && !strncmp(cur->word, "元", 3) && local) {
                code = local;
                confidence = 0.7;
                rule = "money.local_dollar";
            } else if (r->a->traditional && !strncmp(cur->word, "元", 3)) {
                /* the region once an article; the sentence's words only
                 * where there is a region (most articles have none) */
                if (!r->region_known++) r->region = S_region_dollar(s, r->a->norm_len);
                if (r->region &&
                    !(names >= 0 ? names : (names = S_names_currency(ex, s, s0, s1)))) {
                    code = r->region;
                    confidence = 0.6;
                    rule = "money.region_dollar";
                }
            }
        } else if (unit && !strcmp(unit->word, "块") &&
                   S_kuai_is_money(ex, s, s0, start, j + unit->len, s1, num.value, &memo)) {
            code = "CNY";
            end = j + unit->len + (s1 - (j + unit->len) >= 3 &&
                                   !memcmp(s + j + unit->len, "钱", 3) ? 3 : 0);
            unit = NULL;
            confidence = 0.7;
            rule = "money.kuai";
        } else if (gy) {
            code = "CNY";       /* 近5个亿: the yuan of speech */
            confidence = 0.6;
            rule = "money.ge_yi";
        }
        if (!code && !(unit && !S_idiom_after(unit, s, loose ? loose : j + unit->len, s1))) {
            i += n;
            continue;
        }
        if (loose) {
            end = loose;
        } else {
            if (unit) end = j + unit->len;
            end = S_range_tail(ex, s, s0, end, s1, code, unit, &num);
        }
        if (code && !loose && isnan(num.high)) end = S_subunits(s, end, s1, code, &num);
        /* Qualifiers: the number's own form first (两万多, 三五), then the
         * words around it, which become part of the mention (约26.5万元). */
        zhe_qualifier q = num.qualifier, wq = ZHE_QUAL_EXACT;
        size_t qa = S_qualifier_at(ex, s, s0, end, s1, 1, &wq);
        if (qa && q == ZHE_QUAL_EXACT) q = wq, end += qa;
        size_t qb = S_qualifier_at(ex, s, s0, start, s1, 0, &wq);
        if (qb && (q == ZHE_QUAL_EXACT || q == wq) && !zhei_extract_taken(r, start - qb, start))
            q = wq, start -= qb;    /* 约9万元左右: both say approx */
        zhe_mention *m = zhei_extract_add(r, code ? ZHE_MENTION_MONEY : ZHE_MENTION_QUANTITY,
                                          rule, start, end, code ? confidence : 0.8);
        m->amount = num;
        m->amount.qualifier = q;
        if (code) memcpy(m->currency, code, 4);
        else snprintf(m->unit, sizeof m->unit, "%s", unit->word);
        i = end;
    }
}

/* ------------------------------------------------------------ bare money */

static int S_price_sentence(const zhe_extractor *ex, const char *s, size_t len)
{
    for (size_t k = 0; k < ex->n_price_words; k++)
        if (zhei_memmem(s, len, ex->price_words[k]->word, ex->price_words[k]->len)) return 1;
    return 0;
}

/* The currency of the article's prices when there is just one; "" when
 * there are several; NULL when there are none. */
const char *zhei_extract_article_currency(const zhei_extract_run *r)
{
    const char *code = NULL;
    for (size_t i = r->first; i < r->ms->n; i++) {
        const zhe_mention *m = &r->ms->v[i];
        if (m->type != ZHE_MENTION_MONEY) continue;
        if (code && strcmp(code, m->currency)) return "";
        code = m->currency;
    }
    return code;
}

/* The currency of the current sentence's money, ms->v[lo .. hi), when it
 * has just one; NULL if none or several.  A sentence with no money of its
 * own takes the yuan of the sentence before when that one's money is all
 * in yuan (售价25万元。后来从25万涨到30万); a dollar it does not take,
 * as the next sentence often moves to another market (在美国售价3万美元。
 * 国内则从20万涨到25万). */
static const char *S_sentence_currency(const zhei_extract_run *r)
{
    const char *code = NULL;
    for (size_t i = r->lo; i < r->hi; i++) {
        const zhe_mention *m = &r->ms->v[i];
        if (m->type != ZHE_MENTION_MONEY) continue;
        if (code && strcmp(code, m->currency)) return NULL;
        code = m->currency;
    }
    if (code || !r->sentence) return code;
    /* The first passes left the mentions in sentence order. */
    for (size_t i = r->lo; i > r->first && r->ms->v[i - 1].sentence + 1 == r->sentence; i--) {
        const zhe_mention *m = &r->ms->v[i - 1];
        if (m->type != ZHE_MENTION_MONEY) continue;
        if (strcmp(m->currency, "CNY")) return NULL;
        code = m->currency;
    }
    return code;
}

/* Amounts with 万 or 亿 and no unit, in a price sentence: 4万、13万、25万. */
/* The clause around s[i] within the sentence [s0, s1): between commas,
 * semicolons and colons (an enumeration with 、 stays one clause). */
static void S_clause(const char *s, size_t s0, size_t s1, size_t i, size_t *c0, size_t *c1)
{
    *c0 = i;
    while (*c0 > s0 && s[*c0 - 1] != ',' && s[*c0 - 1] != ';' && s[*c0 - 1] != ':') (*c0)--;
    *c1 = i;
    while (*c1 < s1 && s[*c1] != ',' && s[*c1] != ';' && s[*c1] != ':') (*c1)++;
}

/* Whether the clause around s[i] has a price word. */
static int S_price_clause(const zhe_extractor *ex, const char *s, size_t s0, size_t s1,
                          size_t i, S_clause_memo *memo)
{
    if (!memo->known || i < memo->c0 || i >= memo->c1) {
        S_clause(s, s0, s1, i, &memo->c0, &memo->c1);
        memo->price = S_price_sentence(ex, s + memo->c0, memo->c1 - memo->c0);
        memo->known = 1;
    }
    return memo->price;
}

void zhei_extract_bare_amounts(zhei_extract_run *r, size_t s0, size_t s1, const char *code)
{
    const zhe_extractor *ex = r->ex;
    const char *s = r->a->norm;
    /* An article of several currencies lends the sentence's own, when
     * its other prices have just one: 180万 of 从180万涨到260万元. */
    if (!*code && !(code = S_sentence_currency(r))) return;
    /* a mention's currency: copied, as adding a mention may move them */
    char cur[4] = {0};
    memcpy(cur, code, strnlen(code, 3));
    code = cur;
    /* An amount of this pass has 万 or 亿 written: most sentences have
     * neither.  The price words are sought in the clause of an amount
     * found, which is shorter than the sentence. */
    if (!zhei_memmem(s + s0, s1 - s0, "万", 3) && !zhei_memmem(s + s0, s1 - s0, "亿", 3)) return;
    S_clause_memo memo = {0};
    for (size_t i = s0; i < s1;) {
        uint32_t cp;
        size_t clen = zhei_utf8_next(s + i, s1 - i, &cp);
        zhe_number num;
        size_t n = 0;
        if (S_number_char(cp) && S_number_may_start(s, s0, i) &&
            !zhei_extract_taken(r, i, i + clen))
            n = zhe_number_parse(s + i, s1 - i, &num);
        if (!n || num.vague || zhei_extract_taken(r, i, i + n)) {
            i += n ? n : clen;
            continue;
        }
        /* The multiplier must be written: a bare 2023 or 4090 is no price;
         * and the clause must be about a price (涨到13万, not 出货50万). */
        int written = 0;
        size_t e = i + n;
        for (size_t k = i; k + 3 <= e && !written; k++)
            if (!memcmp(s + k, "万", 3) || !memcmp(s + k, "亿", 3)) written = 1;
        if (!written) {
            i = e;
            continue;
        }
        zhe_qualifier q = num.qualifier, wq = ZHE_QUAL_EXACT;
        size_t qa = S_qualifier_at(ex, s, s0, e, s1, 1, &wq);
        int each = S_each_at(ex, s, e, s1);     /* 25万一张 */
        /* The amount a price moves from or to: 从180万涨到260万, 由9万降至7万 */
        int from = (i - s0 >= 3 && (!memcmp(s + i - 3, "从", 3) || !memcmp(s + i - 3, "由", 3)));
        int moves = 0;
        for (size_t k = e, c = 0; k < s1 && c < 3 && !moves; c++) {
            moves = S_price_word_at(ex, s, k, s1);
            k += zhei_utf8_next(s + k, s1 - k, &cp);
        }
        if ((qa || each || from || moves || S_clause_end(s, e, s1)) &&
            S_price_clause(ex, s, s0, s1, i, &memo)) {
            if (qa && q == ZHE_QUAL_EXACT) q = wq, e += qa;
            zhe_mention *m =
                zhei_extract_add(r, ZHE_MENTION_MONEY, "money.bare_price", i, e, 0.5);
            m->amount = num;
            m->amount.qualifier = q;
            memcpy(m->currency, code, 4);
        }
        i = e;
    }
}

