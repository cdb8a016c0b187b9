/*
** amounts.c — money and quantities: each number of a sentence (number.c)
** outside the spans already taken, looked at with the words around it: a
** currency of currencies.tsv before or after makes it money, a measure
** word of units.tsv after it a quantity; 约, 左右, 不低于 and their kin
** (qualifiers.tsv) qualify it.  A last pass gives a currency to bare
** amounts in price sentences (卖到25万) when the article's other prices
** make it certain, at lower confidence.  Part of the extractor
** (extract_int.h).
*/
#include "extract_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

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
 * at s[at] or ending at s[at]; NULL if none. */
static const zhei_currency *S_currency_at(const zhe_extractor *ex, const char *s, size_t from,
                                       size_t at, size_t to, int after)
{
    for (size_t k = 0; k < ex->lex->n_currencies; k++) {
        const zhei_currency *c = &ex->lex->currencies[k];
        /* (the first byte before memcmp: this runs for every number) */
        if (after ? !c->after || to - at < c->len || s[at] != c->word[0] ||
                        memcmp(s + at, c->word, c->len)
                  : !c->before || at - from < c->len || s[at - c->len] != c->word[0] ||
                        memcmp(s + at - c->len, c->word, c->len))
            continue;
        /* A Latin code must not be part of a word: USD, not USDT. */
        unsigned char last = (unsigned char)c->word[c->len - 1];
        if (after && ((last | 0x20) >= 'a' && (last | 0x20) <= 'z') && at + c->len < to &&
            ((s[at + c->len] | 0x20) >= 'a' && (s[at + c->len] | 0x20) <= 'z'))
            continue;
        return c;
    }
    return NULL;
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
    if (S_is_ascii_alnum(p)) return 0;
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

/* 块 is both a unit (8块显卡) and, in speech, the yuan (4万块).  It is money
 * when 钱 follows, or when the amount is too large for a count of cards and
 * neither a model nor a word for a part (显卡, 芯片, 板卡) follows. */
static int S_kuai_is_money(const char *s, size_t after, size_t to, double value)
{
    if (to - after >= 3 && !memcmp(s + after, "钱", 3)) return 1;
    if (after < to && S_is_ascii_alnum(s[after])) return 0;     /* 8块A100 */
    uint32_t c = 0;
    if (after < to) zhe_utf8_decode(s + after, to - after, &c);
    /* 200块显卡, 两块芯片, 1000块板卡, 8块硬盘 */
    static const uint32_t goods[] = {0x663E, 0x82AF, 0x5361, 0x677F, 0x6676, 0x5C4F, 0x786C,
                                     0x5185, 0x4E3B, 0x670D, 0x5B58};    /* 显芯卡板晶屏硬内主服存 */
    for (size_t k = 0; k < ZHEI_ARRAY_LEN(goods); k++)
        if (c == goods[k]) return 0;
    return value >= 100;
}

/* The length of a range's separator at s[at] (至, 到, -, ~), or 0. */
static size_t S_range_sep(const char *s, size_t at, size_t to)
{
    static const char *const seps[] = {"至", "到", "~", "〜", "-", "—"};
    for (size_t k = 0; k < ZHEI_ARRAY_LEN(seps); k++) {
        size_t n = strlen(seps[k]);
        if (to - at >= n && !memcmp(s + at, seps[k], n)) return n;
    }
    return 0;
}

/* An amount written with its unit on both ends of a range (1.4万元至1.6万元,
 * 3片到5片): if one follows the amount ending at s[end], make num the
 * range and return the range's end; else return end. */
static size_t S_range_tail(const zhe_extractor *ex, const char *s, size_t s0, size_t end,
                           size_t s1, const char *code, const zhei_unit *unit, zhe_number *num)
{
    size_t sep = S_range_sep(s, end, s1);
    zhe_number hi;
    size_t k = end + sep, n;
    if (!sep || !isnan(num->high) || !(n = zhe_number_parse(s + k, s1 - k, &hi)) ||
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

void zhei_extract_amounts(zhei_extract_run *r, size_t s0, size_t s1)
{
    const zhe_extractor *ex = r->ex;
    const char *s = r->a->norm;
    for (size_t i = s0; i < s1;) {
        uint32_t cp;
        size_t clen = zhei_utf8_next(s + i, s1 - i, &cp);
        zhe_number num;
        size_t n = 0;
        if (S_number_char(cp) && S_number_may_start(s, s0, i) &&
            !zhei_extract_taken(r, i, i + clen))
            n = zhe_number_parse(s + i, s1 - i, &num);
        if (!n || zhei_extract_taken(r, i, i + n) || num.vague ||
            (i - s0 >= 3 && !memcmp(s + i - 3, "第", 3))) {     /* 第一台 is an ordinal */
            i += n ? n : clen;
            continue;
        }
        size_t start = i, end = i + n, j = end;
        if (j < s1 && s[j] == ' ') j++;
        const zhei_currency *cur = S_currency_at(ex, s, s0, j, s1, 1);
        const zhei_unit *unit = cur ? NULL : S_unit_at(ex, s, j, s1);
        size_t k = start;
        if (k > s0 && s[k - 1] == ' ') k--;
        const zhei_currency *pre = S_currency_at(ex, s, s0, k, s1, 0);
        if (pre && zhei_extract_taken(r, k - pre->len, k)) pre = NULL;     /* 30万港币一张 */
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
        } else if (cur) {
            code = cur->code;
            end = j + cur->len;
            rule = "money.after";
        } else if (unit && !strcmp(unit->word, "块") &&
                   S_kuai_is_money(s, j + unit->len, s1, num.value)) {
            code = "CNY";
            end = j + unit->len + (s1 - (j + unit->len) >= 3 &&
                                   !memcmp(s + j + unit->len, "钱", 3) ? 3 : 0);
            unit = NULL;
            confidence = 0.7;
            rule = "money.kuai";
        }
        if (!code && !(unit && !S_idiom_after(unit, s, j + unit->len, s1))) {
            i += n;
            continue;
        }
        if (unit) end = j + unit->len;
        end = S_range_tail(ex, s, s0, end, s1, code, unit, &num);
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
        if (memmem(s, len, ex->price_words[k]->word, ex->price_words[k]->len)) return 1;
    return 0;
}

/* The currency of the article's prices when there is just one; NULL if none
 * or several. */
const char *zhei_extract_article_currency(const zhei_extract_run *r)
{
    const char *code = NULL;
    for (size_t i = r->first; i < r->ms->n; i++) {
        const zhe_mention *m = &r->ms->v[i];
        if (m->type != ZHE_MENTION_MONEY) continue;
        if (code && strcmp(code, m->currency)) return NULL;
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

void zhei_extract_bare_amounts(zhei_extract_run *r, size_t s0, size_t s1, const char *code)
{
    const zhe_extractor *ex = r->ex;
    const char *s = r->a->norm;
    if (!S_price_sentence(ex, s + s0, s1 - s0)) return;
    for (size_t i = s0; i < s1;) {
        uint32_t cp;
        size_t clen = zhei_utf8_next(s + i, s1 - i, &cp), c0, c1;
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
        for (size_t k = i; k + 3 <= i + n; k++)
            if (!memcmp(s + k, "万", 3) || !memcmp(s + k, "亿", 3)) written = 1;
        S_clause(s, s0, s1, i, &c0, &c1);
        size_t e = i + n;
        zhe_qualifier q = num.qualifier, wq = ZHE_QUAL_EXACT;
        size_t qa = S_qualifier_at(ex, s, s0, e, s1, 1, &wq);
        const zhei_unit *each = NULL;
        if (s1 - e >= 3 && (!memcmp(s + e, "一", 3) || !memcmp(s + e, "每", 3)))
            each = S_unit_at(ex, s, e + 3, s1);     /* 25万一张 */
        if (written && S_price_sentence(ex, s + c0, c1 - c0) &&
            (qa || each || S_clause_end(s, e, s1))) {
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

