/*
** test_number.c — unit tests of zhe_number_parse and zhe_qualifier_str
** (see zhevents/extract.h).  One table of {input, text read, value, high,
** qualifier, vague} written by hand, then the edges the table cannot hold:
** input cut short, out left alone, and hostile lengths (400 digits,
** 100,000 万 in a row).
**
** Every input is parsed from a heap copy of exactly its length, with no
** NUL after it, so ASan and valgrind catch a read past len.
*/
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zhevents/zhevents.h>

#include "tap.h"

#define EXACT ZHE_QUAL_EXACT
#define MORE ZHE_QUAL_MORE_THAN
#define AT_LEAST ZHE_QUAL_AT_LEAST
#define RANGE ZHE_QUAL_RANGE

/* { input, the text read ("" for no number), value, high (NAN: not a
 * range), qualifier, vague } */
static const struct {
    const char *in;
    const char *read;
    double value, high;
    zhe_qualifier q;
    int vague;
} cases[] = {
    /* digits */
    { "2,400", "2,400", 2400, NAN, EXACT, 0 },
    { "26.5", "26.5", 26.5, NAN, EXACT, 0 },
    { "1,200,000台", "1,200,000", 1200000, NAN, EXACT, 0 },
    { "0.55", "0.55", 0.55, NAN, EXACT, 0 },
    { "3,4", "3", 3, NAN, EXACT, 0 },                   /* a list, not 34 */
    { "1,2345", "1", 1, NAN, EXACT, 0 },                /* a group is 3 digits */
    { "12,345,67", "12,345", 12345, NAN, EXACT, 0 },
    { "2023-10-17", "2023", 2023, NAN, EXACT, 0 },      /* a date, not 2023..10 */
    { "2023年", "2023", 2023, NAN, EXACT, 0 },
    { "35%", "35", 35, NAN, EXACT, 0 },
    { "3.", "3", 3, NAN, EXACT, 0 },
    { "1.2.3", "1.2", 1.2, NAN, EXACT, 0 },
    { "4090D", "4090", 4090, NAN, EXACT, 0 },

    /* Chinese numerals */
    { "零", "零", 0, NAN, EXACT, 0 },
    { "〇", "〇", 0, NAN, EXACT, 0 },
    { "十五", "十五", 15, NAN, EXACT, 0 },
    { "卅", "卅", 30, NAN, EXACT, 0 },
    { "廿", "廿", 20, NAN, EXACT, 0 },
    { "廿五日", "廿五", 25, NAN, EXACT, 0 },
    { "三万六千", "三万六千", 36000, NAN, EXACT, 0 },
    { "一万九千九百九十九", "一万九千九百九十九", 19999, NAN, EXACT, 0 },
    { "十五万", "十五万", 150000, NAN, EXACT, 0 },
    { "三十二万", "三十二万", 320000, NAN, EXACT, 0 },
    { "一百零五", "一百零五", 105, NAN, EXACT, 0 },
    { "一千零五十", "一千零五十", 1050, NAN, EXACT, 0 },
    { "三万零五百", "三万零五百", 30500, NAN, EXACT, 0 },
    { "两千", "两千", 2000, NAN, EXACT, 0 },
    { "两", "两", 2, NAN, EXACT, 0 },
    { "两万两千", "两万两千", 22000, NAN, EXACT, 0 },
    { "一百", "一百", 100, NAN, EXACT, 0 },
    { "十万", "十万", 100000, NAN, EXACT, 0 },
    { "十亿", "十亿", 1e9, NAN, EXACT, 0 },
    { "三万亿", "三万亿", 3e12, NAN, EXACT, 0 },
    { "一亿五千万", "一亿五千万", 150000000, NAN, EXACT, 0 },
    { "二〇二三", "二〇二三", 2023, NAN, EXACT, 0 },
    { "一九九八年", "一九九八", 1998, NAN, EXACT, 0 },
    { "二零二四年", "二零二四", 2024, NAN, EXACT, 0 },
    { "〇八年", "〇八", 8, NAN, EXACT, 0 },
    { "三点五", "三点五", 3.5, NAN, EXACT, 0 },
    { "零点五", "零点五", 0.5, NAN, EXACT, 0 },
    { "十二点五亿", "十二点五亿", 1.25e9, NAN, EXACT, 0 },
    { "十点", "十", 10, NAN, EXACT, 0 },                /* ten o'clock */
    { "十一月", "十一", 11, NAN, EXACT, 0 },
    { "三万六", "三万六", 36000, NAN, EXACT, 0 },      /* colloquial: 三万六千 */
    { "一百五", "一百五", 150, NAN, EXACT, 0 },
    { "三百一个", "三百", 300, NAN, EXACT, 0 },        /* 300 each */
    { "一千两", "一千", 1000, NAN, EXACT, 0 },
    { "十两", "十", 10, NAN, EXACT, 0 },
    { "五一", "五", 5, NAN, EXACT, 0 },                /* not a pair */
    { "三万万", "三万万", 3e8, NAN, EXACT, 0 },          /* 万万 is 亿, once */
    { "三万万万", "三万万", 3e8, NAN, EXACT, 0 },
    { "十万八千里", "十万八千", 108000, NAN, EXACT, 0 },
    { "十二万三千四百五十六", "十二万三千四百五十六", 123456, NAN, EXACT, 0 },
    { "一亿四万", "一亿四万", 100040000, NAN, EXACT, 0 },   /* a digit between 亿 and 万 */
    { "六十二亿四万五千二", "六十二亿四万五千二", 6200045200, NAN, EXACT, 0 },
    { "三万六亿", "三万六", 36000, NAN, EXACT, 0 },
    { "一亿四", "一亿四", 140000000, NAN, EXACT, 0 },
    { "一万零十二", "一万零十二", 10012, NAN, EXACT, 0 },  /* 零十 is 零一十 */
    { "一百零十万", "一百零十万", 1100000, NAN, EXACT, 0 },
    { "零十", "零十", 10, NAN, EXACT, 0 },
    { "一万零十二点一五", "一万零十二点一五", 10012.15, NAN, EXACT, 0 },
    { "两千万点五", "两千万", 2e7, NAN, EXACT, 0 },      /* 点 after a unit: points */
    { "百三", "百三", 130, NAN, EXACT, 0 },               /* speech: 一百三十 */
    { "千三", "千三", 1300, NAN, EXACT, 0 },
    { "千三百", "", 0, NAN, EXACT, 0 },
    { "四万万", "四万万", 4e8, NAN, EXACT, 0 },

    /* 兆: 10^12 as Taiwan and Hong Kong write it, but mega before SI units */
    { "五兆六十二亿四万五千二", "五兆六十二亿四万五千二", 5006200045200, NAN, EXACT, 0 },
    { "2兆元", "2兆", 2e12, NAN, EXACT, 0 },
    { "1.5兆", "1.5兆", 1.5e12, NAN, EXACT, 0 },
    { "100兆瓦", "100", 100, NAN, EXACT, 0 },
    { "5兆赫", "5", 5, NAN, EXACT, 0 },
    { "100兆B", "100", 100, NAN, EXACT, 0 },

    /* financial numerals, never alone */
    { "肆佰陆拾", "肆佰陆拾", 460, NAN, EXACT, 0 },
    { "壹佰万元", "壹佰万", 1e6, NAN, EXACT, 0 },
    { "壹亿贰仟万", "壹亿贰仟万", 1.2e8, NAN, EXACT, 0 },
    { "拾万零五十六", "拾万零五十六", 100056, NAN, EXACT, 0 },
    { "伍", "", 0, NAN, EXACT, 0 },
    { "陆地", "", 0, NAN, EXACT, 0 },
    { "拾取", "", 0, NAN, EXACT, 0 },
    { "一千陆", "一千陆", 1600, NAN, EXACT, 0 },

    /* traditional forms the normalizer may leave */
    { "5.2萬", "5.2萬", 52000, NAN, EXACT, 0 },
    { "兩千四百五", "兩千四百五", 2450, NAN, EXACT, 0 },
    { "四億", "四億", 4e8, NAN, EXACT, 0 },
    { "十幾萬", "十幾萬", 110000, 190000, RANGE, 0 },
    { "三點五", "三點五", 3.5, NAN, EXACT, 0 },
    { "二十餘", "二十餘", 20, NAN, MORE, 0 },

    /* spaced as Taiwan and Hong Kong print numbers */
    { "3 万片", "3 万", 30000, NAN, EXACT, 0 },
    { "12 亿美元", "12 亿", 1.2e9, NAN, EXACT, 0 },
    { "7 万5 千4 百", "7 万5 千4 百", 75400, NAN, EXACT, 0 },
    { "7万 5千 4百", "7万 5千 4百", 75400, NAN, EXACT, 0 },
    { "一百 五 十 二", "一百 五 十 二", 152, NAN, EXACT, 0 },
    { "三千 八百 九十六 万", "三千 八百 九十六 万", 38960000, NAN, EXACT, 0 },
    { "十 余 万", "十 余 万", 100000, NAN, MORE, 0 },
    { "二十 億", "二十 億", 2e9, NAN, EXACT, 0 },
    { "四百 点 五", "四百 点 五", 400.5, NAN, EXACT, 0 },
    { "三万 五台", "三万", 30000, NAN, EXACT, 0 },        /* 五 is no digit of it */
    { "3万 5台", "3万", 30000, NAN, EXACT, 0 },
    { "1 2 3", "1", 1, NAN, EXACT, 0 },
    { "2023 年", "2023", 2023, NAN, EXACT, 0 },
    { "3  万", "3", 3, NAN, EXACT, 0 },                  /* one space, as normalized */
    { " 3万", "", 0, NAN, EXACT, 0 },

    /* digits with units */
    { "6.5万", "6.5万", 65000, NAN, EXACT, 0 },
    { "230.5亿", "230.5亿", 23050000000.0, NAN, EXACT, 0 },
    { "3千", "3千", 3000, NAN, EXACT, 0 },
    { "4.2万", "4.2万", 42000, NAN, EXACT, 0 },
    { "1.5万亿", "1.5万亿", 1.5e12, NAN, EXACT, 0 },
    { "26.5万元", "26.5万", 265000, NAN, EXACT, 0 },
    { "3千万", "3千万", 3e7, NAN, EXACT, 0 },
    { "1,200万", "1,200万", 12000000, NAN, EXACT, 0 },
    { "2万5", "2万5", 25000, NAN, EXACT, 0 },
    { "2万5千", "2万5千", 25000, NAN, EXACT, 0 },
    { "3万5000台", "3万5000", 35000, NAN, EXACT, 0 },
    { "1亿5000万", "1亿5000万", 150000000, NAN, EXACT, 0 },
    { "3万50", "3万", 30000, NAN, EXACT, 0 },           /* neither 3万50 nor 3万0050 */
    { "3千5", "3千5", 3500, NAN, EXACT, 0 },
    { "1亿5", "1亿5", 150000000, NAN, EXACT, 0 },
    { "5万4千6百", "5万4千6百", 54600, NAN, EXACT, 0 },  /* piece by piece */
    { "5亿1万4千6百", "5亿1万4千6百", 500014600, NAN, EXACT, 0 },
    { "1千零1", "1千零1", 1001, NAN, EXACT, 0 },         /* 零: the digits are ones */
    { "1千零20", "1千零20", 1020, NAN, EXACT, 0 },
    { "1千零200", "1千", 1000, NAN, EXACT, 0 },
    { "2千零30万", "2千零30万", 20300000, NAN, EXACT, 0 },
    { "3万4千5万", "3万4千", 34000, NAN, EXACT, 0 },
    { "10万万", "10万万", 1e9, NAN, EXACT, 0 },
    { "1,100.9亿", "1,100.9亿", 110090000000.0, NAN, EXACT, 0 },

    /* approximations */
    { "两万多", "两万多", 20000, NAN, MORE, 0 },
    { "二十余", "二十余", 20, NAN, MORE, 0 },
    { "20多万", "20多万", 200000, NAN, MORE, 0 },
    { "20余万人", "20余万", 200000, NAN, MORE, 0 },
    { "一百多万", "一百多万", 1000000, NAN, MORE, 0 },
    { "3千多万", "3千多万", 3e7, NAN, MORE, 0 },
    { "3万多元", "3万多", 30000, NAN, MORE, 0 },
    { "两万多万", "两万多", 20000, NAN, MORE, 0 },
    { "3多", "3", 3, NAN, EXACT, 0 },                   /* 多 only after a round number */
    { "千余家", "千余", 1000, NAN, MORE, 0 },
    { "万余台", "万余", 10000, NAN, MORE, 0 },
    { "十几", "十几", 11, 19, RANGE, 0 },
    { "十几万", "十几万", 110000, 190000, RANGE, 0 },
    { "十几万多亿", "十几万多亿", 1.1e13, 1.9e13, RANGE, 0 },
    { "十几万多", "十几万", 110000, 190000, RANGE, 0 },
    { "三十万多亿", "三十万多亿", 3e13, NAN, MORE, 0 },
    { "二十几", "二十几", 21, 29, RANGE, 0 },
    { "一百几十", "一百几十", 110, 190, RANGE, 0 },
    { "20几岁", "20几", 21, 29, RANGE, 0 },
    { "几十", "几十", 10, NAN, AT_LEAST, 1 },
    { "几万", "几万", 10000, NAN, AT_LEAST, 1 },
    { "几十万", "几十万", 100000, NAN, AT_LEAST, 1 },
    { "数千", "数千", 1000, NAN, AT_LEAST, 1 },
    { "数十亿", "数十亿", 1e9, NAN, AT_LEAST, 1 },
    { "成千上万", "成千上万", 1000, NAN, AT_LEAST, 1 },
    { "上百", "上百", 100, NAN, AT_LEAST, 0 },
    { "上万", "上万", 10000, NAN, AT_LEAST, 0 },
    { "上千万", "上千万", 1e7, NAN, AT_LEAST, 0 },

    /* ranges */
    { "三五", "三五", 3, 5, RANGE, 0 },
    { "一两", "一两", 1, 2, RANGE, 0 },
    { "两三", "两三", 2, 3, RANGE, 0 },
    { "三四", "三四", 3, 4, RANGE, 0 },
    { "七八", "七八", 7, 8, RANGE, 0 },
    { "八九十", "八九十", 80, 90, RANGE, 0 },
    { "三四百", "三四百", 300, 400, RANGE, 0 },
    { "五六万", "五六万", 50000, 60000, RANGE, 0 },
    { "十七八", "十七八", 17, 18, RANGE, 0 },
    { "七八十万", "七八十万", 700000, 800000, RANGE, 0 },
    { "一两万", "一两万", 10000, 20000, RANGE, 0 },
    { "二三十", "二三十", 20, 30, RANGE, 0 },
    { "2.4万至2.8万", "2.4万至2.8万", 24000, 28000, RANGE, 0 },
    { "2.4至2.8万", "2.4至2.8万", 24000, 28000, RANGE, 0 },
    { "8-14", "8-14", 8, 14, RANGE, 0 },
    { "3到5万", "3到5万", 30000, 50000, RANGE, 0 },
    { "10~20", "10~20", 10, 20, RANGE, 0 },
    { "20–100", "20–100", 20, 100, RANGE, 0 },          /* an en dash */
    { "20 - 100", "20 - 100", 20, 100, RANGE, 0 },
    { "800 至 1200", "800 至 1200", 800, 1200, RANGE, 0 },
    { "10〜20", "10〜20", 10, 20, RANGE, 0 },
    { "8—14", "8—14", 8, 14, RANGE, 0 },
    { "三至五万", "三至五万", 30000, 50000, RANGE, 0 },
    { "十五至二十万", "十五至二十万", 150000, 200000, RANGE, 0 },
    { "五至十万", "五至十万", 50000, 100000, RANGE, 0 },
    { "二至三千万", "二至三千万", 2e7, 3e7, RANGE, 0 },
    { "5千至1万", "5千至1万", 5000, 10000, RANGE, 0 },
    { "1000-2000万", "1000-2000万", 1e7, 2e7, RANGE, 0 },
    { "1,000-2,000", "1,000-2,000", 1000, 2000, RANGE, 0 },
    { "14-8", "14", 14, NAN, EXACT, 0 },                /* decreasing: two numbers */
    { "2.8万至2.4万", "2.8万", 28000, NAN, EXACT, 0 },
    { "2022-2023", "2022", 2022, NAN, EXACT, 0 },
    { "8——14", "8", 8, NAN, EXACT, 0 },
    { "3到", "3", 3, NAN, EXACT, 0 },
    { "两万多至三万", "两万多", 20000, NAN, MORE, 0 },
    { "百万颗", "百万", 1000000, NAN, EXACT, 0 },
    { "逾千亿元", "", 0, NAN, EXACT, 0 },
    { "千亿元", "千亿", 100000000000.0, NAN, EXACT, 0 },
    { "百亿", "百亿", 10000000000.0, NAN, EXACT, 0 },

    /* no number */
    { "", "", 0, NAN, EXACT, 0 },
    { "元", "", 0, NAN, EXACT, 0 },
    { "一些", "", 0, NAN, EXACT, 0 },
    { "一直", "", 0, NAN, EXACT, 0 },
    { "一定", "", 0, NAN, EXACT, 0 },
    { "一起", "", 0, NAN, EXACT, 0 },
    { "一般", "", 0, NAN, EXACT, 0 },
    { "万一", "", 0, NAN, EXACT, 0 },
    { "千万不要", "", 0, NAN, EXACT, 0 },
    { "千万别买", "", 0, NAN, EXACT, 0 },
    { "百元", "", 0, NAN, EXACT, 0 },
    { "百", "", 0, NAN, EXACT, 0 },
    { "上海", "", 0, NAN, EXACT, 0 },
    { "上一代", "", 0, NAN, EXACT, 0 },
    { "数据", "", 0, NAN, EXACT, 0 },
    { "成本", "", 0, NAN, EXACT, 0 },
    { "几乎", "", 0, NAN, EXACT, 0 },
    { "几个", "", 0, NAN, EXACT, 0 },
    { "近万", "", 0, NAN, EXACT, 0 },                   /* 近 is the caller's */
    { "约3万", "", 0, NAN, EXACT, 0 },
    { "三星", "", 0, NAN, EXACT, 0 },
    { "零售价", "", 0, NAN, EXACT, 0 },
    { "十分重要", "", 0, NAN, EXACT, 0 },
    { "二手", "", 0, NAN, EXACT, 0 },
    { "四川", "", 0, NAN, EXACT, 0 },
    { "一看", "", 0, NAN, EXACT, 0 },
    { "两两", "", 0, NAN, EXACT, 0 },
    { "-5", "", 0, NAN, EXACT, 0 },
    { ".5", "", 0, NAN, EXACT, 0 },
    { "H100", "", 0, NAN, EXACT, 0 },
};

/* Parse s[0..len) from a heap copy of exactly len bytes. */
static size_t S_parse(const char *s, size_t len, zhe_number *out)
{
    char *copy = malloc(len ? len : 1);
    memcpy(copy, s, len);
    size_t n = zhe_number_parse(copy, len, out);
    free(copy);
    return n;
}

static int S_same(double got, double want)
{
    return isnan(want) ? isnan(got) : got == want;
}

static void test_table(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *in = cases[i].in;
        zhe_number got = { -1, -1, ZHE_QUAL_MIN, -1 };
        size_t n = S_parse(in, strlen(in), &got);
        size_t want_n = strlen(cases[i].read);
        int pass = n == want_n && memcmp(in, cases[i].read, want_n) == 0;
        if (pass && want_n)
            pass = S_same(got.value, cases[i].value) && S_same(got.high, cases[i].high) &&
                   got.qualifier == cases[i].q && got.vague == cases[i].vague;
        if (!ok(pass, "\"%s\" reads \"%s\"", in, cases[i].read))
            printf("#   got %zu bytes \"%.*s\": %.17g..%.17g %s vague %d\n", n, (int)n, in,
                   got.value, got.high, zhe_qualifier_str(got.qualifier), got.vague);
    }
}

/* When no number starts at s, out is not written. */
static void test_untouched(void)
{
    static const char *const none[] = { "", "元", "一些", "上海", "千万不要" };
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        zhe_number got, before;
        memset(&got, 0xA5, sizeof got);
        memcpy(&before, &got, sizeof got);
        size_t n = S_parse(none[i], strlen(none[i]), &got);
        ok(n == 0 && memcmp(&got, &before, sizeof got) == 0, "\"%s\": 0 and out untouched",
           none[i]);
    }
}

/* The text ends where len says, even inside a number or a character. */
static void test_cut(void)
{
    static const struct {
        const char *in;
        size_t len;
        size_t want;
        double value;
        const char *note;
    } cut[] = {
        { "2,400", 3, 1, 2, "2,4|00: the group is cut, 2" },
        { "2,400", 4, 1, 2, "2,40|0: 2" },
        { "26.5万", 5, 4, 26.5, "26.5 and a third of 万" },
        { "三万", 4, 3, 3, "三 and a third of 万" },
        { "十二点五亿", 9, 6, 12, "十二点: the decimal point needs a digit" },
        { "8-14", 2, 1, 8, "8-: no second side" },
        { "两万多", 6, 6, 20000, "两万, 多 cut off" },
    };
    for (size_t i = 0; i < sizeof cut / sizeof *cut; i++) {
        zhe_number got = { 0, 0, ZHE_QUAL_EXACT, 0 };
        size_t n = S_parse(cut[i].in, cut[i].len, &got);
        ok(n == cut[i].want && got.value == cut[i].value, "cut: %s", cut[i].note);
    }

    /* Every prefix of every table input: never more than the prefix,
     * values always finite, high NAN exactly when not a range. */
    size_t bad = 0, tried = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t len = strlen(cases[i].in);
        for (size_t k = 0; k <= len; k++, tried++) {
            zhe_number got = { 0, 0, ZHE_QUAL_EXACT, 0 };
            size_t n = S_parse(cases[i].in, k, &got);
            int range = got.qualifier == ZHE_QUAL_RANGE;
            if (n > k || (n && (!isfinite(got.value) || range != !isnan(got.high) ||
                                (range && !(got.high > got.value))))) {
                if (bad++ < 5) printf("#   \"%s\" cut at %zu: %zu bytes\n", cases[i].in, k, n);
            }
        }
    }
    ok(bad == 0, "%zu prefixes of the table's inputs: inside len, finite", tried);
}

/* A string of n copies of unit, after head, and its length. */
static char *S_repeat(const char *head, const char *unit, size_t n, size_t *len)
{
    size_t hl = strlen(head), ul = strlen(unit);
    char *s = malloc(hl + n * ul);
    memcpy(s, head, hl);
    for (size_t i = 0; i < n; i++) memcpy(s + hl + i * ul, unit, ul);
    *len = hl + n * ul;
    return s;
}

/* Hostile lengths: read once, left to right, and the value stays finite. */
static void test_long(void)
{
    size_t len, n;
    zhe_number got;
    char *s;

    s = S_repeat("", "1", 400, &len);
    n = zhe_number_parse(s, len, &got);
    ok(n == 400 && isfinite(got.value) && got.value >= 1e300, "400 digits: all read, finite");
    free(s);

    s = S_repeat("", "9", 1000000, &len);
    n = zhe_number_parse(s, len, &got);
    ok(n == len && got.value == DBL_MAX, "a million digits: all read, DBL_MAX");
    free(s);

    n = zhe_number_parse("123456789012345678901234567890", 30, &got);
    ok(n == 30 && fabs(got.value / 1.2345678901234568e29 - 1) < 1e-15,
       "30 digits: the first 19 make the value");

    s = S_repeat("1", ",000", 100000, &len);
    n = zhe_number_parse(s, len, &got);
    ok(n == len && got.value == DBL_MAX, "100,000 thousands groups: all read, finite");
    free(s);

    s = S_repeat("0.", "0", 400, &len);
    s = realloc(s, len + 1);
    s[len++] = '7';
    n = zhe_number_parse(s, len, &got);
    ok(n == len && got.value == 0, "0.000…07 with 400 zeros: 0, not garbage");
    free(s);

    s = S_repeat("三", "万", 100000, &len);
    n = zhe_number_parse(s, len, &got);
    ok(n == strlen("三万万") && got.value == 3e8, "三 and 100,000 万: 三万万");
    free(s);

    s = S_repeat("", "万", 100000, &len);
    ok(zhe_number_parse(s, len, &got) == 0, "100,000 万: no number");
    free(s);

    s = S_repeat("", "一", 100000, &len);
    n = zhe_number_parse(s, len, &got);
    ok(n == len && isfinite(got.value), "100,000 一 digit by digit: all read, finite");
    free(s);

    s = S_repeat("十二点", "五", 100000, &len);
    n = zhe_number_parse(s, len, &got);
    ok(n == len && fabs(got.value - 12.555555555555555) < 1e-14, "十二点 and 100,000 五");
    free(s);

    s = S_repeat("", "8-", 100000, &len);
    n = zhe_number_parse(s, len, &got);
    ok(n == 1 && got.value == 8, "8-8-8-…: 8 (8-8 is no range)");
    free(s);
}

static void test_qualifier_str(void)
{
    static const struct {
        zhe_qualifier q;
        const char *want;
    } names[] = {
        { ZHE_QUAL_EXACT, "exact" },         { ZHE_QUAL_APPROX, "approx" },
        { ZHE_QUAL_AT_LEAST, "at_least" },   { ZHE_QUAL_AT_MOST, "at_most" },
        { ZHE_QUAL_MORE_THAN, "more_than" }, { ZHE_QUAL_MAX, "max" },
        { ZHE_QUAL_MIN, "min" },             { ZHE_QUAL_RANGE, "range" },
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const char *got = zhe_qualifier_str(names[i].q);
        ok(got && strcmp(got, names[i].want) == 0, "zhe_qualifier_str: %s", names[i].want);
    }
    ok(zhe_qualifier_str((zhe_qualifier)99) == NULL, "zhe_qualifier_str: NULL out of range");
}

int main(void)
{
    test_table();
    test_untouched();
    test_cut();
    test_long();
    test_qualifier_str();
    return tap_done();
}
