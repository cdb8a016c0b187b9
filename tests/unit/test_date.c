/*
** test_date.c — unit tests of the dater (zhevents/extract.h): finding the
** dates of an article's sentences and resolving them against the
** publication date and the narrative.
**
** Each case is an article: a publication date and its sentences in order,
** with paragraph breaks (PARA) where they matter.  Each sentence lists the
** dates it must yield, left to right, one per "; "-separated entry:
**
**     matched-text value mod basis start end
**
** mod is "-" for none; basis is A (ABSOLUTE), P (PUBLISHED) or N
** (NARRATIVE); an empty string means "no date".  The articles are written
** by hand; most are published on 2023-11-09, a Thursday in ISO week 45.
** Then come the checks of the API's edges, hostile input under a time
** limit, and a generated sweep that checks every date reported is a
** valid one.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zhevents/zhevents.h>

#include "tap.h"

#define PUB "2023-11-09"
#define PARA { "\f", NULL }

typedef struct {
    const char *text;   /* a sentence, or "\f" for a paragraph break */
    const char *want;
} S_sentence;

typedef struct {
    const char *note;
    const char *published;
    S_sentence s[8];
} S_article;

/* Render the mentions of sentence s in the table's form. */
static void S_render(const char *s, const zhe_date_mention *m, size_t n, char *out, size_t cap)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && used < cap; i++) {
        const char *mod = zhe_date_mod_str(m[i].tx.mod);
        int k = snprintf(out + used, cap - used, "%s%.*s %s %s %c %s %s", i ? "; " : "",
                         (int)(m[i].end - m[i].start), s + m[i].start, m[i].tx.value,
                         mod ? mod : "-", "APN"[m[i].basis % 3], m[i].tx.start, m[i].tx.end);
        if (k < 0) break;
        used += (size_t)k;
    }
}

static const S_article S_articles[] = {
    /* ---- absolute dates */
    { "full date with 日", PUB, {
        { "2023年11月9日,英伟达发布公告。",
          "2023年11月9日 2023-11-09 - A 2023-11-09 2023-11-09" } } },
    { "full date with 号", PUB, {
        { "消息称2023年11月9号起执行。", "2023年11月9号 2023-11-09 - A 2023-11-09 2023-11-09" } } },
    { "digit dates with - / . (a future one too: the year is written)", PUB, {
        { "2023-12-07 14:20更新", "2023-12-07 2023-12-07 - A 2023-12-07 2023-12-07" },
        { "2023-12-07T14:20:00+08:00", "2023-12-07 2023-12-07 - A 2023-12-07 2023-12-07" },
        { "版本1.2023.12.07.1与2023.12.07.1", "" },
        { "发布于2023/12/07。", "2023/12/07 2023-12-07 - A 2023-12-07 2023-12-07" },
        { "见报告,2023.12.07,以及2023.4.19.https",
          "2023.12.07 2023-12-07 - A 2023-12-07 2023-12-07; "
          "2023.4.19 2023-04-19 - A 2023-04-19 2023-04-19" } } },
    { "a year, and a year with a month", PUB, {
        { "2023年,ChatGPT风靡全球。", "2023年 2023 - A 2023-01-01 2023-12-31" },
        { "美国2022年9月输中禁令", "2022年9月 2022-09 - A 2022-09-01 2022-09-30" } } },
    { "a February's last day, common and leap years", PUB, {
        { "2023年2月", "2023年2月 2023-02 - A 2023-02-01 2023-02-28" },
        { "2024年2月份", "2024年2月份 2024-02 - A 2024-02-01 2024-02-29" },
        { "2024年2月29日", "2024年2月29日 2024-02-29 - A 2024-02-29 2024-02-29" },
        { "2023年2月29日与2023年4月31日都不存在", "" } } },
    { "years in Chinese digits", PUB, {
        { "二〇二三年", "二〇二三年 2023 - A 2023-01-01 2023-12-31" },
        { "二零二二年十二月", "二零二二年十二月 2022-12 - A 2022-12-01 2022-12-31" },
        { "二〇二三年十月十七日", "二〇二三年十月十七日 2023-10-17 - A 2023-10-17 2023-10-17" } } },
    { "上旬 中旬 下旬", PUB, {
        { "2023年10月中旬", "2023年10月中旬 2023-10 MID A 2023-10-01 2023-10-31" },
        { "2023年3月上旬和2023年3月下旬", "2023年3月上旬 2023-03 START A 2023-03-01 2023-03-31; "
                                         "2023年3月下旬 2023-03 END A 2023-03-01 2023-03-31" } } },
    { "前后 and 左右 make a date approximate", PUB, {
        { "2020年左右", "2020年左右 2020 APPROX A 2020-01-01 2020-12-31" },
        { "2023年10月17日前后",
          "2023年10月17日前后 2023-10-17 APPROX A 2023-10-17 2023-10-17" } } },

    { "元月 after a year, 号 after a Chinese month, a season and a quarter with a year", PUB, {
        { "2024年元月", "2024年元月 2024-01 - A 2024-01-01 2024-01-31" },
        { "十月十七号", "十月十七号 2024-10-17 - N 2024-10-17 2024-10-17" },
        { "2023年秋季", "2023年秋季 2023-FA - A 2023-09-01 2023-11-30" },
        { "2023年第1季度", "2023年第1季度 2023-Q1 - A 2023-01-01 2023-03-31" } } },
    { "two years side by side, and a year before a range of months", PUB, {
        { "2019年至2022年",
          "2019年 2019 - A 2019-01-01 2019-12-31; "
          "2022年 2022 - A 2022-01-01 2022-12-31" },
        { "2023年1-9月", "2023年 2023 - A 2023-01-01 2023-12-31" } } },

    { "years in Chinese numerals with 千, two-digit ones, and 民国 years", PUB, {
        { "两千零四年八月十五", "两千零四年八月十五 2004-08-15 - A 2004-08-15 2004-08-15" },
        { "两千零二十四年", "两千零二十四年 2024 - A 2024-01-01 2024-12-31" },
        { "零八年奥运会", "零八年 2008 - A 2008-01-01 2008-12-31" },
        { "九八年三月", "九八年三月 1998-03 - A 1998-03-01 1998-03-31" },
        { "三四年后再说", "" },
        { "民国三年", "民国三年 1914 - A 1914-01-01 1914-12-31" },
        { "民国114年", "民国114年 2025 - A 2025-01-01 2025-12-31" } } },
    { "digit dates with spaces and two-digit years", PUB, {
        { "2010 01 29", "2010 01 29 2010-01-29 - A 2010-01-29 2010-01-29" },
        { "你3-7-07有空吗", "3-7-07 2007-07-03 - A 2007-07-03 2007-07-03" },
        { "12-11-10", "12-11-10 2012-11-10 - A 2012-11-10 2012-11-10" },
        { "05/05/89", "05/05/89 1989-05-05 - A 1989-05-05 1989-05-05" },
        { "版本1-2-3-4", "" } } },
    { "the second end of a range takes what the first gave", PUB, {
        { "从一月十日到十二日", "一月十日 2023-01-10 - P 2023-01-10 2023-01-10; "
                              "十二日 2023-01-12 - N 2023-01-12 2023-01-12" } } },
    { "a range of months across a new year", PUB, {
        { "8月至2月", "8月 2023-08 - P 2023-08-01 2023-08-31; "
                     "2月 2024-02 - N 2024-02-01 2024-02-29" } } },
    { "ranges of years with one 年 or none", PUB, {
        { "1995-1997年", "1995 1995 - A 1995-01-01 1995-12-31; "
                        "1997年 1997 - A 1997-01-01 1997-12-31" },
        { "从2016到2018", "2016 2016 - A 2016-01-01 2016-12-31; "
                         "2018 2018 - A 2018-01-01 2018-12-31" },
        { "报价1990-2000元", "" },
        { "RTX 2060-2080显卡", "" } } },
    { "a day with no 日 after a month", PUB, {
        { "一月19到20日", "一月19 2023-01-19 - P 2023-01-19 2023-01-19; "
                         "20日 2023-01-20 - N 2023-01-20 2023-01-20" },
        { "八月十五万", "八月 2023-08 - N 2023-08-01 2023-08-31" } } },
    { "February 29 with no year: the leap year before, or after in the future", PUB, {
        { "2月29日", "2月29日 2020-02-29 - P 2020-02-29 2020-02-29" } } },
    { "February 29 in a sentence about the future", PUB, {
        { "将于2月29日发布", "2月29日 2024-02-29 - P 2024-02-29 2024-02-29" } } },
    { "the nth month of a year, the nth week and weekday of a month", PUB, {
        { "2021年的第三个月", "2021年的第三个月 2021-03 - A 2021-03-01 2021-03-31" },
        { "明年第九个月", "明年第九个月 2024-09 - P 2024-09-01 2024-09-30" },
        { "2024年5月的第一个周一", "2024年5月的第一个周一 2024-05-06 - A 2024-05-06 2024-05-06" } } },
    { "the nth weekday of a month with no year", PUB, {
        { "十一月第二个星期四", "十一月第二个星期四 2023-11-09 - P 2023-11-09 2023-11-09" } } },
    { "the first week of a month: the week of its first Monday", PUB, {
        { "十月的第一周", "十月的第一周 2023-W40 - P 2023-10-02 2023-10-08" } } },
    { "前半年 and 后半年 after a year, 上个半年", PUB, {
        { "2018年前半年", "2018年前半年 2018-H1 - A 2018-01-01 2018-06-30" },
        { "今年后半年", "今年后半年 2023-H2 - P 2023-07-01 2023-12-31" },
        { "上个半年", "上个半年 2023-H1 - P 2023-01-01 2023-06-30" },
        { "前半年", "" } } },
    { "上上 and 下下 for months and weeks, 去年本月", PUB, {
        { "上上个月", "上上个月 2023-09 - P 2023-09-01 2023-09-30" },
        { "下下个月", "下下个月 2024-01 - P 2024-01-01 2024-01-31" },
        { "上上个周三", "上上个周三 2023-10-25 - P 2023-10-25 2023-10-25" },
        { "上个周期", "" },
        { "去年本月十日", "去年本月十日 2022-11-10 - P 2022-11-10 2022-11-10" } } },

    { "a word of tense just after a date, in its clause", PUB, {
        { "12月将是旺季", "12月 2023-12 - P 2023-12-01 2023-12-31" } } },
    { "a clause break ends the reach of the word after", PUB, {
        { "12月，将推出新品", "12月 2022-12 - P 2022-12-01 2022-12-31" } } },
    { "a past word after a date in a story gone to next year", PUB, {
        { "明年上半年量产。", "明年上半年 2024-H1 - P 2024-01-01 2024-06-30" },
        { "黄仁勋3月受访时曾表示", "3月 2023-03 - N 2023-03-01 2023-03-31" } } },

    { "a future sentence reads forward past a narrative of last month", "2024-01-15", {
        { "供应商自上月起日夜赶工，希望最快3月交货。",
          "上月 2023-12 - P 2023-12-01 2023-12-31; 3月 2024-03 - N 2024-03-01 2024-03-31" } } },
    { "… but not past a narrative of an earlier year", "2024-01-15", {
        { "2022年12月，英伟达推出新品。", "2022年12月 2022-12 - A 2022-12-01 2022-12-31" },
        { "预计3月上市。", "3月 2022-03 - N 2022-03-01 2022-03-31" } } },

    { "去年 after 超过, and a weekday before 报道", PUB, {
        { "收入有望超过去年", "去年 2022 - P 2022-01-01 2022-12-31" },
        { "过去年份", "" },
        { "金融时报周三报道", "周三 2023-11-08 - P 2023-11-08 2023-11-08" } } },

    { "年初二 is a day of the lunar new year, 年初一度 the year's start", PUB, {
        { "早于年初二开门前已被预订一空", "" },
        { "今年初一度缺货", "今年初 2023 START P 2023-01-01 2023-12-31" } } },

    /* ---- relative to the publication date */
    { "years", PUB, {
        { "今年", "今年 2023 - P 2023-01-01 2023-12-31" },
        { "去年和前年",
          "去年 2022 - P 2022-01-01 2022-12-31; "
          "前年 2021 - P 2021-01-01 2021-12-31" },
        { "明年、后年",
          "明年 2024 - P 2024-01-01 2024-12-31; "
          "后年 2025 - P 2025-01-01 2025-12-31" } } },
    { "months", PUB, {
        { "本月", "本月 2023-11 - P 2023-11-01 2023-11-30" },
        { "这个月", "这个月 2023-11 - P 2023-11-01 2023-11-30" },
        { "上个月与上月",
          "上个月 2023-10 - P 2023-10-01 2023-10-31; "
          "上月 2023-10 - P 2023-10-01 2023-10-31" },
        { "下个月", "下个月 2023-12 - P 2023-12-01 2023-12-31" } } },
    { "a month with a day or a mod", PUB, {
        { "上月17日", "上月17日 2023-10-17 - P 2023-10-17 2023-10-17" },
        { "本月底", "本月底 2023-11 END P 2023-11-01 2023-11-30" },
        { "下月初", "下月初 2023-12 START P 2023-12-01 2023-12-31" } } },
    { "上个月 across a new year", "2024-01-15", {
        { "上个月", "上个月 2023-12 - P 2023-12-01 2023-12-31" } } },
    { "ISO weeks", PUB, {
        { "上周", "上周 2023-W44 - P 2023-10-30 2023-11-05" },
        { "本周和这周",
          "本周 2023-W45 - P 2023-11-06 2023-11-12; "
          "这周 2023-W45 - P 2023-11-06 2023-11-12" },
        { "下周", "下周 2023-W46 - P 2023-11-13 2023-11-19" },
        { "上个星期", "上个星期 2023-W44 - P 2023-10-30 2023-11-05" } } },
    { "a weekday of a relative week, and a weekend", PUB, {
        { "上周五", "上周五 2023-11-03 - P 2023-11-03 2023-11-03" },
        { "下周一", "下周一 2023-11-13 - P 2023-11-13 2023-11-13" },
        { "上周末", "上周末 2023-W44-WE - P 2023-11-04 2023-11-05" },
        { "下下周末", "下下周末 2023-W47-WE - P 2023-11-25 2023-11-26" },
        { "上周一直在涨", "上周 2023-W44 - P 2023-10-30 2023-11-05" },
        { "本周日", "本周日 2023-11-12 - P 2023-11-12 2023-11-12" } } },
    { "a week word after a day in the same sentence counts from that day", PUB, {
        { "10月17日美国发布新规,下周生效", "10月17日 2023-10-17 - P 2023-10-17 2023-10-17; "
                                        "下周 2023-W43 - N 2023-10-23 2023-10-29" },
        { "上周,新规生效", "上周 2023-W44 - P 2023-10-30 2023-11-05" },
        { "上周,英伟达于10月24日确认", "上周 2023-W44 - P 2023-10-30 2023-11-05; "
                                     "10月24日 2023-10-24 - N 2023-10-24 2023-10-24" } } },
    { "a December date in an article of early January is last year's", "2024-01-05", {
        { "12月20日,英伟达发布H20", "12月20日 2023-12-20 - P 2023-12-20 2023-12-20" } } },
    { "昨天 on New Year's Day", "2024-01-01", {
        { "昨天", "昨天 2023-12-31 - P 2023-12-31 2023-12-31" } } },
    { "明天 on New Year's Eve", "2023-12-31", {
        { "明天", "明天 2024-01-01 - P 2024-01-01 2024-01-01" } } },
    { "上个月 at the end of March is February, leap or not", "2024-03-31", {
        { "上个月", "上个月 2024-02 - P 2024-02-01 2024-02-29" } } },
    { "下个月 in December is January of the next year", "2023-12-10", {
        { "下个月", "下个月 2024-01 - P 2024-01-01 2024-01-31" } } },
    { "a bare day after the publication day is last month's", "2024-03-05", {
        { "20日", "20日 2024-02-20 - P 2024-02-20 2024-02-20" } } },
    { "上周 across a new year", "2024-01-03", {
        { "上周", "上周 2023-W52 - P 2023-12-25 2023-12-31" } } },
    { "a week that belongs to the year before (ISO week-year)", "2021-01-01", {
        { "本周", "本周 2020-W53 - P 2020-12-28 2021-01-03" } } },
    { "days", PUB, {
        { "今天", "今天 2023-11-09 - P 2023-11-09 2023-11-09" },
        { "今日", "今日 2023-11-09 - P 2023-11-09 2023-11-09" },
        { "昨天", "昨天 2023-11-08 - P 2023-11-08 2023-11-08" },
        { "昨日", "昨日 2023-11-08 - P 2023-11-08 2023-11-08" },
        { "前天", "前天 2023-11-07 - P 2023-11-07 2023-11-07" },
        { "明天", "明天 2023-11-10 - P 2023-11-10 2023-11-10" },
        { "后天", "后天 2023-11-11 - P 2023-11-11 2023-11-11" },
        { "此后天气转冷", "" } } },
    { "昨天 on the first of March of a leap year", "2024-03-01", {
        { "昨天", "昨天 2024-02-29 - P 2024-02-29 2024-02-29" } } },
    { "quarters", PUB, {
        { "上季度", "上季度 2023-Q3 - P 2023-07-01 2023-09-30" },
        { "本季度", "本季度 2023-Q4 - P 2023-10-01 2023-12-31" },
        { "下季度", "下季度 2024-Q1 - P 2024-01-01 2024-03-31" } } },
    { "近日 and 日前: the publication day, APPROX; 近期 (as often 'soon') is no date", PUB, {
        { "近日,英伟达确认", "近日 2023-11-09 APPROX P 2023-11-09 2023-11-09" },
        { "日前,又有消息称", "日前 2023-11-09 APPROX P 2023-11-09 2023-11-09" },
        { "近期价格上涨", "" },
        { "公司近期将发布新品", "" } } },
    { "a relative year with a month, quarter, half or mod", PUB, {
        { "去年10月", "去年10月 2022-10 - P 2022-10-01 2022-10-31" },
        { "今年第二季度", "今年第二季度 2023-Q2 - P 2023-04-01 2023-06-30" },
        { "明年上半年", "明年上半年 2024-H1 - P 2024-01-01 2024-06-30" },
        { "去年年底", "去年年底 2022 END P 2022-01-01 2022-12-31" },
        { "今年初", "今年初 2023 START P 2023-01-01 2023-12-31" },
        { "去年底", "去年底 2022 END P 2022-01-01 2022-12-31" },
        { "明年3月底", "明年3月底 2024-03 END P 2024-03-01 2024-03-31" },
        { "今年1-9月", "今年 2023 - P 2023-01-01 2023-12-31" } } },
    { "vague words do not become the narrative date", PUB, {
        { "10月17日", "10月17日 2023-10-17 - P 2023-10-17 2023-10-17" },
        { "近日", "近日 2023-11-09 APPROX P 2023-11-09 2023-11-09" },
        { "次日", "次日 2023-10-18 - N 2023-10-18 2023-10-18" } } },

    /* ---- partial dates and the narrative */
    { "issue chain: 10月17日, then 24日晚间", PUB, {
        { "10月17日,美国商务部颁布新一轮出口管制条款。",
          "10月17日 2023-10-17 - P 2023-10-17 2023-10-17" },
        { "24日晚间,英伟达发布公告。", "24日 2023-10-24 - N 2023-10-24 2023-10-24" } } },
    { "a month after a model and a comma (H100，9月份): the comma is no thousands separator", PUB, {
        { "现在市场主流就是H100,9月份的出货量只有3000片", "9月份 2023-09 - P 2023-09-01 2023-09-30" },
        { "规格为2,100月度数据", "" } } },
    { "a bare month later than the publication month is last year's", PUB, {
        { "12月,公司发布新品。", "12月 2022-12 - P 2022-12-01 2022-12-31" } } },
    { "a bare month up to the publication month is this year's", PUB, {
        { "10月,美国更新规则。", "10月 2023-10 - P 2023-10-01 2023-10-31" } } },
    { "the publication month itself", PUB, {
        { "11月,价格回落。", "11月 2023-11 - P 2023-11-01 2023-11-30" } } },
    { "月份 and Chinese numeral months", PUB, {
        { "5月份,价格走高", "5月份 2023-05 - P 2023-05-01 2023-05-31" },
        { "1月份的数据", "1月份 2023-01 - N 2023-01-01 2023-01-31" },
        { "十二月", "十二月 2022-12 - N 2022-12-01 2022-12-31" } } },
    { "a month and day after the publication date, no future word: last year", PUB, {
        { "11月17日,英伟达宣布", "11月17日 2022-11-17 - P 2022-11-17 2022-11-17" } } },
    { "the same, said in the future (将于)", PUB, {
        { "RTX 4090系列将于11月17日之后在中国大陆全面禁售",
          "11月17日 2023-11-17 - P 2023-11-17 2023-11-17" } } },
    { "a bare day: the latest such day on or before the publication date", PUB, {
        { "8日,公司公告", "8日 2023-11-08 - P 2023-11-08 2023-11-08" },
        { "17日,公司公告", "17日 2023-10-17 - N 2023-10-17 2023-10-17" } } },
    { "a bare day after a future narrative stays in that month", PUB, {
        { "新规将于12月1日生效", "12月1日 2023-12-01 - P 2023-12-01 2023-12-01" },
        { "5日,首批产品下线", "5日 2023-12-05 - N 2023-12-05 2023-12-05" } } },
    { "a bare 31日 skips a month without one", PUB, {
        { "31日消息", "31日 2023-10-31 - P 2023-10-31 2023-10-31" } } },
    { "a bare day takes a month-precise narrative's month", PUB, {
        { "10月,规则更新", "10月 2023-10 - P 2023-10-01 2023-10-31" },
        { "24日凌晨生效", "24日 2023-10-24 - N 2023-10-24 2023-10-24" },
        { "25日上午,9号晚间",
          "25日 2023-10-25 - N 2023-10-25 2023-10-25; "
          "9号 2023-10-09 - N 2023-10-09 2023-10-09" } } },
    { "the narrative year carries to later partial dates", PUB, {
        { "去年10月,美国商务部发布出口管制条例", "去年10月 2022-10 - P 2022-10-01 2022-10-31" },
        { "12月,英伟达推出A800", "12月 2022-12 - N 2022-12-01 2022-12-31" },
        { "3月份,新品上市", "3月份 2022-03 - N 2022-03-01 2022-03-31" } } },
    { "an absolute year sets the narrative", PUB, {
        { "2022年,台积电CoWoS年产7万片。", "2022年 2022 - A 2022-01-01 2022-12-31" },
        { "9月,订单增加", "9月 2022-09 - N 2022-09-01 2022-09-30" } } },
    { "a narrative in the future is not pulled back", PUB, {
        { "明年3月新品上市", "明年3月 2024-03 - P 2024-03-01 2024-03-31" },
        { "6月,产能释放", "6月 2024-06 - N 2024-06-01 2024-06-30" } } },
    { "a coarser date that holds the narrative day leaves it in place", PUB, {
        { "10月17日,新规发布", "10月17日 2023-10-17 - P 2023-10-17 2023-10-17" },
        { "今年以来,价格上涨", "今年 2023 - P 2023-01-01 2023-12-31" },
        { "24日,禁令生效", "24日 2023-10-24 - N 2023-10-24 2023-10-24" } } },
    { "the seed article's chain", PUB, {
        { "去年10月份以来,有人开始在垂直社群中喊话出售",
          "去年10月份 2022-10 - P 2022-10-01 2022-10-31" },
        { "今年10月17日,美国更新出口管制条例后",
          "今年10月17日 2023-10-17 - P 2023-10-17 2023-10-17" },
        { "今年2月份,A100即开始流通,随着5月份中概互联网企业卷起大模型热潮",
          "今年2月份 2023-02 - P 2023-02-01 2023-02-28; 5月份 2023-05 - N 2023-05-01 2023-05-31" },
        { "美国商务部10月23日通知该公司,上周(10月17日)公布的出口限制改为立即生效",
          "10月23日 2023-10-23 - N 2023-10-23 2023-10-23; 上周 2023-W42 - N 2023-10-16 2023-10-22; "
          "10月17日 2023-10-17 - N 2023-10-17 2023-10-17" },
        { "他们十月初就接到了这个消息", "十月初 2023-10 START N 2023-10-01 2023-10-31" } } },

    /* ---- anaphora */
    { "当日 in the same paragraph", PUB, {
        { "10月17日,美国商务部颁布新规。", "10月17日 2023-10-17 - P 2023-10-17 2023-10-17" },
        { "当日晚间,H800整机单价已高达245万元", "当日 2023-10-17 - N 2023-10-17 2023-10-17" },
        { "当天,英伟达股价下跌", "当天 2023-10-17 - N 2023-10-17 2023-10-17" },
        { "同日,AMD回应", "同日 2023-10-17 - N 2023-10-17 2023-10-17" } } },
    { "当日 after a paragraph break is still the day the story told last", PUB, {
        { "10月17日,美国商务部颁布新规。", "10月17日 2023-10-17 - P 2023-10-17 2023-10-17" },
        PARA,
        { "当日,股价下跌。", "当日 2023-10-17 - N 2023-10-17 2023-10-17" },
        { "10月20日,英伟达回应,当天股价回升", "10月20日 2023-10-20 - N 2023-10-20 2023-10-20; "
                                           "当天 2023-10-20 - N 2023-10-20 2023-10-20" } } },
    { "当日 and 次日: a coarser date in between, or a day still to come, is not it", PUB, {
        { "美国商务部于2023年10月17日更新规则。", "2023年10月17日 2023-10-17 - A 2023-10-17 2023-10-17" },
        { "新规将于11月17日生效。", "11月17日 2023-11-17 - N 2023-11-17 2023-11-17" },
        PARA,
        { "与去年10月的规则相比,门槛更低。", "去年10月 2022-10 - P 2022-10-01 2022-10-31" },
        PARA,
        { "当日晚间,英伟达发表声明。", "当日 2023-10-17 - N 2023-10-17 2023-10-17" },
        { "次日,经销商上调报价。", "次日 2023-10-18 - N 2023-10-18 2023-10-18" } } },
    { "a day still to come anchors 次日 in a sentence about the future", PUB, {
        { "新品将于12月1日上市,次日开始发货。", "12月1日 2023-12-01 - P 2023-12-01 2023-12-01; "
                                             "次日 2023-12-02 - N 2023-12-02 2023-12-02" } } },
    { "当日 at the start of an article refers to nothing", PUB, {
        { "当日,股价下跌。", "" } } },
    { "次日 第二天 翌日 前一天 after a day", PUB, {
        { "10月17日,美国商务部颁布新规", "10月17日 2023-10-17 - P 2023-10-17 2023-10-17" },
        { "次日,英伟达回应", "次日 2023-10-18 - N 2023-10-18 2023-10-18" },
        { "第二天,股价下跌", "第二天 2023-10-19 - N 2023-10-19 2023-10-19" },
        { "前一天,消息传出", "前一天 2023-10-18 - N 2023-10-18 2023-10-18" },
        PARA,
        { "翌日,市场平静", "翌日 2023-10-19 - N 2023-10-19 2023-10-19" } } },
    { "次日 with no date read yet refers to nothing", PUB, {
        { "次日,英伟达回应。", "" } } },
    { "offsets from the narrative day", PUB, {
        { "10月17日,新规发布", "10月17日 2023-10-17 - P 2023-10-17 2023-10-17" },
        { "三日后,价格翻倍", "三日后 2023-10-20 - N 2023-10-20 2023-10-20" },
        { "3天后,又涨了", "3天后 2023-10-23 - N 2023-10-23 2023-10-23" },
        { "两周后,禁令生效", "两周后 2023-11-06 - N 2023-11-06 2023-11-06" } } },
    { "offsets by months and years", PUB, {
        { "2023年10月17日,新规发布", "2023年10月17日 2023-10-17 - A 2023-10-17 2023-10-17" },
        { "较一个月前的预订价高出25%", "一个月前 2023-09 - N 2023-09-01 2023-09-30" },
        { "一个月后,价格回落", "一个月后 2023-10 - N 2023-10-01 2023-10-31" },
        { "3年前,公司成立", "3年前 2020 - P 2020-01-01 2020-12-31" } } },
    { "N年前 counts from the publication date, N年后 from the narrative", PUB, {
        { "公司预计2026年底量产", "2026年底 2026 END A 2026-01-01 2026-12-31" },
        { "产能较两年前增加一成", "两年前 2021 - P 2021-01-01 2021-12-31" },
        { "2010年成立,三年后上市", "2010年 2010 - A 2010-01-01 2010-12-31; "
                                  "三年后 2013 - N 2013-01-01 2013-12-31" } } },
    { "offsets before any date count from the publication date", PUB, {
        { "三天前,英伟达发布公告", "三天前 2023-11-06 - P 2023-11-06 2023-11-06" } } },
    { "同年 同月 次年", PUB, {
        { "2022年10月,美国发布禁令", "2022年10月 2022-10 - A 2022-10-01 2022-10-31" },
        { "同年12月,英伟达推出A800", "同年12月 2022-12 - N 2022-12-01 2022-12-31" },
        { "同月,台积电跟进", "同月 2022-12 - N 2022-12-01 2022-12-31" },
        { "次年3月,H800上市", "次年3月 2023-03 - N 2023-03-01 2023-03-31" } } },
    { "当年 alone is 'back then'; with a month it is the narrative year", PUB, {
        { "2022年,禁令出台", "2022年 2022 - A 2022-01-01 2022-12-31" },
        { "好比当年水客运输iPhone", "" },
        { "当年10月,A800上市", "当年10月 2022-10 - N 2022-10-01 2022-10-31" } } },

    /* ---- quarters and halves */
    { "quarters written four ways", PUB, {
        { "第二季度", "第二季度 2023-Q2 - P 2023-04-01 2023-06-30" },
        { "二季度营收", "二季度 2023-Q2 - P 2023-04-01 2023-06-30" },
        { "Q3营收", "Q3 2023-Q3 - P 2023-07-01 2023-09-30" },
        { "3季度", "3季度 2023-Q3 - P 2023-07-01 2023-09-30" } } },
    { "quarters with a year", PUB, {
        { "2024年Q2", "2024年Q2 2024-Q2 - A 2024-04-01 2024-06-30" },
        { "2024Q2交付", "2024Q2 2024-Q2 - A 2024-04-01 2024-06-30" },
        { "明年第二季度解决", "明年第二季度 2024-Q2 - P 2024-04-01 2024-06-30" },
        { "2023年第四季度", "2023年第四季度 2023-Q4 - A 2023-10-01 2023-12-31" },
        { "缩短至明年第二季的20周", "明年第二季 2024-Q2 - P 2024-04-01 2024-06-30" },
        { "2023年三季报显示", "2023年 2023 - A 2023-01-01 2023-12-31" } } },
    { "a quarter after the publication quarter is last year's", "2023-05-10", {
        { "第四季度营收增长", "第四季度 2022-Q4 - P 2022-10-01 2022-12-31" } } },
    { "... unless the sentence says the future", "2023-05-10", {
        { "公司预计第四季度营收增长", "第四季度 2023-Q4 - P 2023-10-01 2023-12-31" } } },
    { "halves, and the future rule", "2023-05-10", {
        { "上半年", "上半年 2023-H1 - P 2023-01-01 2023-06-30" },
        { "下半年需求回暖", "下半年 2022-H2 - P 2022-07-01 2022-12-31" },
        { "今年下半年", "今年下半年 2023-H2 - P 2023-07-01 2023-12-31" },
        { "2024H2", "2024H2 2024-H2 - A 2024-07-01 2024-12-31" } } },
    { "a half said in the future (计划)", "2023-05-10", {
        { "公司计划下半年推出新品", "下半年 2023-H2 - P 2023-07-01 2023-12-31" } } },
    { "a future narrative needs no future word; a past one pulls back", "2023-05-10", {
        { "去年下半年", "去年下半年 2022-H2 - P 2022-07-01 2022-12-31" },
        { "下半年需求回暖", "下半年 2022-H2 - N 2022-07-01 2022-12-31" },
        { "明年上半年", "明年上半年 2024-H1 - P 2024-01-01 2024-06-30" },
        { "下半年需求回暖", "下半年 2024-H2 - N 2024-07-01 2024-12-31" } } },
    { "counts of quarters are not quarters", PUB, {
        { "前三季度营收", "" },
        { "Q5和AQ2不是季度", "" } } },

    /* ---- mods */
    { "年初 年中 年底 年末 alone: the publication year, where no year was written", PUB, {
        { "年初崭露头角,年中走向高点", "年初 2023 START P 2023-01-01 2023-12-31; "
                                      "年中 2023 MID P 2023-01-01 2023-12-31" },
        { "年底前交付", "年底 2023 END P 2023-01-01 2023-12-31" },
        { "年末", "年末 2023 END P 2023-01-01 2023-12-31" } } },
    { "mods on a written year or month", PUB, {
        { "2023年底", "2023年底 2023 END A 2023-01-01 2023-12-31" },
        { "10月底", "10月底 2023-10 END N 2023-10-01 2023-10-31" },
        { "十月初就接到了消息", "十月初 2023-10 START N 2023-10-01 2023-10-31" },
        { "2023年中", "2023年中 2023 MID A 2023-01-01 2023-12-31" } } },
    { "月底 and 中旬 alone: the narrative month", PUB, {
        { "10月17日,新规发布", "10月17日 2023-10-17 - P 2023-10-17 2023-10-17" },
        { "月底前生效", "月底 2023-10 END N 2023-10-01 2023-10-31" },
        { "中旬,价格回落", "中旬 2023-10 MID N 2023-10-01 2023-10-31" } } },
    { "中 that begins a word is no mod", PUB, {
        { "2023年中国芯片进口下降", "2023年 2023 - A 2023-01-01 2023-12-31" },
        { "10月中美会谈", "10月 2023-10 - N 2023-10-01 2023-10-31" },
        { "今年初步统计", "今年 2023 - P 2023-01-01 2023-12-31" },
        { "今年中芯国际与今年中报",
          "今年 2023 - P 2023-01-01 2023-12-31; "
          "今年 2023 - P 2023-01-01 2023-12-31" } } },

    /* ---- seasons and weeks */
    { "seasons", PUB, {
        { "秋季发布会", "秋季 2023-FA - P 2023-09-01 2023-11-30" },
        { "冬季", "冬季 2022-WI - P 2022-12-01 2023-02-28" },
        { "今年冬季", "今年冬季 2023-WI - P 2023-12-01 2024-02-29" },
        { "去年春天", "去年春天 2022-SP - P 2022-03-01 2022-05-31" },
        { "迎来芯片行业的春天", "" } } },
    { "numbered weeks", PUB, {
        { "第42周", "第42周 2023-W42 - P 2023-10-16 2023-10-22" },
        { "2020年第53周", "2020年第53周 2020-W53 - A 2020-12-28 2021-01-03" },
        { "2023年第53周", "" },
        { "成立第5周年", "" } } },

    /* ---- not dates */
    { "yen is not a day", PUB, {
        { "售价12日元", "" },
        { "达544万日元(26.5万元人民币)", "" },
        { "1月1日元旦", "1月1日 2023-01-01 - P 2023-01-01 2023-01-01" } } },
    { "durations are not dates", PUB, {
        { "24小时内", "" },
        { "3年来,5个月,为期3日,7日内,近3日", "" },
        { "短短三日", "" } } },
    { "model numbers, versions, percentages, phone numbers", PUB, {
        { "RTX 4090和RTX4090D", "" },
        { "2023款,版本2.0,涨16%", "" },
        { "电话010-12345678或13812345678", "" },
        { "GB2023年标准", "" } } },
    { "impossible dates", PUB, {
        { "99999年13月45日", "" },
        { "2023年13月", "2023年 2023 - A 2023-01-01 2023-12-31" },
        { "5000年与0999年", "" },
        { "2023-13-45", "" } } },
    { "号 that names a thing", PUB, {
        { "地铁1号线", "" },
        { "3号文件", "" } } },
    { "months that are counts", PUB, {
        { "前10月累计", "" },
        { "1-10月累计", "" },
        { "连续3月下降", "" },
        { "每年3月和每月3日", "" } } },
    { "Taiwan's day in brackets: 今(9)日, 昨(8)日, 周二(7日)", PUB, {
        { "台积电今(9)日表示", "今(9)日 2023-11-09 - P 2023-11-09 2023-11-09" },
        { "台积电昨(8)日公布", "昨(8)日 2023-11-08 - P 2023-11-08 2023-11-08" },
        { "辉达周二(7日)宣布", "周二(7日) 2023-11-07 - N 2023-11-07 2023-11-07" } } },
    { "a day in brackets nearest the publication date, across a month", "2024-01-01", {
        { "公司昨(31)日公布", "昨(31)日 2023-12-31 - P 2023-12-31 2023-12-31" } } },
    { "a weekday alone: the last one, or the next in a future sentence", PUB, {
        { "英伟达周三表示", "周三 2023-11-08 - P 2023-11-08 2023-11-08" },
        { "英伟达周五表示", "周五 2023-11-03 - P 2023-11-03 2023-11-03" },
        { "新品将于周五发布", "周五 2023-11-10 - P 2023-11-10 2023-11-10" },
        { "每周三开会", "" } } },
    { "a weekday alone in a story told weeks before publication", PUB, {
        { "10月17日，美国更新规则", "10月17日 2023-10-17 - P 2023-10-17 2023-10-17" },
        { "根据英伟达周二提交的文件", "" } } },
    { "more relative days and weeks", PUB, {
        { "大后天上市", "大后天 2023-11-12 - P 2023-11-12 2023-11-12" },
        { "大前天公布，前日宣布", "大前天 2023-11-06 - P 2023-11-06 2023-11-06; "
                                  "前日 2023-11-07 - P 2023-11-07 2023-11-07" },
        { "上上周", "上上周 2023-W43 - P 2023-10-23 2023-10-29" },
        { "这礼拜五发布", "这礼拜五 2023-11-10 - P 2023-11-10 2023-11-10" },
        { "上星期天公布", "上星期天 2023-11-05 - P 2023-11-05 2023-11-05" } } },
    { "day, month and year; a month and day in brackets", PUB, {
        { "截至24/05/2024", "24/05/2024 2024-05-24 - A 2024-05-24 2024-05-24" },
        { "下周三(1/7)公布", "下周三 2023-11-15 - P 2023-11-15 2023-11-15; "
                             "1/7 2024-01-07 - N 2024-01-07 2024-01-07" },
        { "约1/3的产能", "" } } },
    { "a month and day with a slash, where no fraction would stand", PUB, {
        { "新规12/1起实施", "12/1 2023-12-01 - P 2023-12-01 2023-12-01" },
        { "3/15(五)发布", "3/15 2023-03-15 - N 2023-03-15 2023-03-15" },
        { "12/1", "12/1 2022-12-01 - N 2022-12-01 2022-12-01" },
        { "占1/4,较去年的1/5高", "去年 2022 - P 2022-01-01 2022-12-31" } } },
    { "a year of four digits standing alone, at a clause's start", PUB, {
        { "2018看起来是一个年份", "2018 2018 - A 2018-01-01 2018-12-31" },
        { "= 2019", "2019 2019 - A 2019-01-01 2019-12-31" },
        { "结果 = 2019", "" },
        { "英伟达称,2024全年营收大增", "2024 2024 - A 2024-01-01 2024-12-31" },
        { "2000多名员工,1500美元,2080显卡", "" },
        { "台积电(2330)今日股价", "今日 2023-11-09 - P 2023-11-09 2023-11-09" },
        { "单价达到2018", "" } } },
    { "a year of three digits: with a month, or after 在 于 公元 and nothing more", PUB, {
        { "三六七年一月一日", "三六七年一月一日 0367-01-01 - A 0367-01-01 0367-01-01" },
        { "在789年", "789年 0789 - A 0789-01-01 0789-12-31" },
        { "经营了300年,在100年内", "" } } },
    { "去年同期 is the period last read, in that year, and moves no story date", PUB, {
        { "营收较去年同期增长", "去年同期 2022 - P 2022-01-01 2022-12-31" },
        { "2023年9月售价较去年同期上涨,同月出货增加",
          "2023年9月 2023-09 - A 2023-09-01 2023-09-30; "
          "去年同期 2022-09 - N 2022-09-01 2022-09-30; "
          "同月 2023-09 - N 2023-09-01 2023-09-30" },
        { "上半年营收增长,去年同期亏损;第二季收入增加",
          "上半年 2023-H1 - N 2023-01-01 2023-06-30; "
          "去年同期 2022-H1 - N 2022-01-01 2022-06-30; "
          "第二季 2023-Q2 - N 2023-04-01 2023-06-30" },
        { "第三季度营收较2021年同期增长", "第三季度 2023-Q3 - N 2023-07-01 2023-09-30; "
                                          "2021年同期 2021-Q3 - N 2021-07-01 2021-09-30" } } },
    { "最近 as an adverb is the publication day, not as latest or nearest", PUB, {
        { "最近,英伟达宣布", "最近 2023-11-09 APPROX P 2023-11-09 2023-11-09" },
        { "公司最近一次融资,离工厂最近的港口,最近几个月", "" } } },
    { "a future sentence reads forward, a past word back", PUB, {
        { "预计3月交货", "3月 2024-03 - P 2024-03-01 2024-03-31" } } },
    { "a past word after a future date", PUB, {
        { "英伟达将于明年3月发布新品，此前已于1月送样",
          "明年3月 2024-03 - P 2024-03-01 2024-03-31; 1月 2023-01 - N 2023-01-01 2023-01-31" } } },
    { "a date followed by 起 starts something", PUB, {
        { "新规自12月1日起实施", "12月1日 2023-12-01 - P 2023-12-01 2023-12-01" } } },
    { "Taiwan's quarter: 第3季", PUB, {
        { "台积电第3季营收创新高", "第3季 2023-Q3 - P 2023-07-01 2023-09-30" },
        { "《乘风破浪》第3季开播", "" } } },
    { "two-digit years are read with what hangs on them, or written 07年", PUB, {
        { "23年10月", "23年10月 2023-10 - A 2023-10-01 2023-10-31" },
        { "24年Q1", "24年Q1 2024-Q1 - A 2024-01-01 2024-03-31" },
        { "07年以后", "07年 2007 - A 2007-01-01 2007-12-31" },
        { "18年来", "" },
        { "5000年10月", "" } } },
    { "year and day words inside other words", PUB, {
        { "说明年度报告", "" },
        { "目前年产能", "" },
        { "如今年轻人", "" },
        { "接近日本", "" },
        { "节日前后", "" },
        { "今日头条", "" },
        { "上周期", "" } } },

    /* ---- no publication date */
    { "no publication date: relative words have no anchor", "", {
        { "今年10月,去年,上周,昨天,近日", "" },
        { "10月17日", "" },
        { "2022年10月17日,美国发布新规", "2022年10月17日 2022-10-17 - A 2022-10-17 2022-10-17" },
        { "24日晚间", "24日 2022-10-24 - N 2022-10-24 2022-10-24" },
        { "次日", "次日 2022-10-25 - N 2022-10-25 2022-10-25" },
        { "12月", "12月 2022-12 - N 2022-12-01 2022-12-31" } } },
    { "a publication date that is no date counts as none", "2023-13-45", {
        { "今年", "" } } },
    { "a wire dateline's day is the story's today", PUB, {
        { "（中央社记者华盛顿8日专电）美国商务部今天公布新规", "8日 2023-11-08 - P 2023-11-08 2023-11-08; "
                                                        "今天 2023-11-08 - P 2023-11-08 2023-11-08" },
        { "昨天晚间", "昨天 2023-11-07 - P 2023-11-07 2023-11-07" } } },
    { "新华社北京11月8日电 sets today too", PUB, {
        { "新华社北京11月8日电 今日", "11月8日 2023-11-08 - P 2023-11-08 2023-11-08; "
                                   "今日 2023-11-08 - P 2023-11-08 2023-11-08" } } },
    { "a dateline only opens an article, and only within the week", PUB, {
        { "据报道,", "" },
        { "北京8日电 今天", "8日 2023-11-08 - P 2023-11-08 2023-11-08; "
                           "今天 2023-11-09 - P 2023-11-09 2023-11-09" } } },
    { "a dateline older than a week is not today", PUB, {
        { "北京10月1日电 今天", "10月1日 2023-10-01 - P 2023-10-01 2023-10-01; "
                              "今天 2023-11-09 - P 2023-11-09 2023-11-09" } } },
    { "a publication date with a time", "2023-11-09T15:16", {
        { "今天", "今天 2023-11-09 - P 2023-11-09 2023-11-09" } } },

    /* ---- several in one sentence */
    { "a range of days, and dates side by side", PUB, {
        { "11月1日至3日,2023年1月、2月", "11月1日 2023-11-01 - P 2023-11-01 2023-11-01; "
                                         "3日 2023-11-03 - N 2023-11-03 2023-11-03; "
                                         "2023年1月 2023-01 - A 2023-01-01 2023-01-31; "
                                         "2月 2023-02 - N 2023-02-01 2023-02-28" } } },
};

static void test_articles(void)
{
    for (size_t a = 0; a < sizeof S_articles / sizeof *S_articles; a++) {
        const S_article *art = &S_articles[a];
        zhe_dater *d;
        zhe_dater_new(art->published, &d, NULL);
        for (size_t k = 0; k < 8 && art->s[k].text; k++) {
            const char *text = art->s[k].text;
            if (strcmp(text, "\f") == 0) {
                zhe_dater_paragraph(d);
                continue;
            }
            zhe_date_mention m[16];
            char got[2048], name[512];
            size_t n = zhe_dater_find(d, text, strlen(text), m, 16);
            S_render(text, m, n < 16 ? n : 16, got, sizeof got);
            snprintf(name, sizeof name, "%s: %s", art->note, text);
            is_str(got, strlen(got), art->s[k].want, name);
        }
        zhe_dater_free(d);
    }
}

/* ---------------------------------------------------------- API edges */

static void test_api(void)
{
    ok(zhe_date_mod_str(ZHE_MOD_NONE) == NULL, "mod str: none is NULL");
    is_str(zhe_date_mod_str(ZHE_MOD_START), strlen(zhe_date_mod_str(ZHE_MOD_START)), "START",
           "mod str: START");
    is_str(zhe_date_mod_str(ZHE_MOD_APPROX), strlen(zhe_date_mod_str(ZHE_MOD_APPROX)), "APPROX",
           "mod str: APPROX");
    ok(zhe_date_mod_str((zhe_date_mod)99) == NULL, "mod str: out of range is NULL");

    /* More dates than room: the count is all of them, only max are stored. */
    zhe_dater *d;
    zhe_dater_new(PUB, &d, NULL);
    const char *s = "2021年、2022年和2023年";
    zhe_date_mention m[2];
    memset(m, 0, sizeof m);
    is_int(zhe_dater_find(d, s, strlen(s), m, 1), 3, "find: returns every date found");
    is_int(m[0].start, 0, "find: the first is stored");
    ok(m[1].tx.value[0] == '\0', "find: nothing stored past max");
    is_int(zhe_dater_find(d, s, strlen(s), NULL, 0), 3, "find: max 0 and NULL out count only");
    /* len, not the NUL, bounds the sentence: "12月" cut before 月. */
    is_int(zhe_dater_find(d, "12月", 2, m, 2), 0, "find: reads no further than len");
    is_int(zhe_dater_find(d, "", 0, m, 2), 0, "find: empty sentence");
    zhe_dater_free(d);

    zhe_dater_new(NULL, &d, NULL);
    is_int(zhe_dater_find(d, "今天", strlen("今天"), m, 2), 0, "new(NULL): no publication date");
    zhe_dater_free(d);
    zhe_dater_free(NULL);
}

/* --------------------------------------------------- valid output only */

static int S_day_ok(const char *t)
{
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int y, m, d;
    char tail;
    if (strlen(t) != 10 || sscanf(t, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return 0;
    if (y < 1 || y > 2999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return 0;
    return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

/* 1 if every mention of s is sane: in order, inside s, on character
 * boundaries, with a value and valid first and last days. */
static int S_mentions_ok(const char *s, size_t len, const zhe_date_mention *m, size_t n)
{
    size_t prev = 0;
    for (size_t i = 0; i < n; i++) {
        if (m[i].start < prev || m[i].end <= m[i].start || m[i].end > len) return 0;
        if ((m[i].start < len && ((unsigned char)s[m[i].start] & 0xC0) == 0x80) ||
            (m[i].end < len && ((unsigned char)s[m[i].end] & 0xC0) == 0x80))
            return 0;
        if (!m[i].tx.value[0] || strnlen(m[i].tx.value, 16) == 16) return 0;
        if (!S_day_ok(m[i].tx.start) || !S_day_ok(m[i].tx.end)) return 0;
        if (strcmp(m[i].tx.start, m[i].tx.end) > 0) return 0;
        if (strncmp(m[i].tx.value, m[i].tx.start, 4) != 0 &&
            strncmp(m[i].tx.value, m[i].tx.end, 4) != 0)
            return 0;   /* an ISO week may begin in the year before */
        if ((unsigned)m[i].tx.mod > ZHE_MOD_APPROX || (unsigned)m[i].basis > ZHE_BASIS_NARRATIVE)
            return 0;
        prev = m[i].end;
    }
    return 1;
}

/* Sentences built from date pieces at random (fixed seed), in articles of
 * several publication dates: every date reported must be a valid one. */
static void test_sweep(void)
{
    static const char *const pieces[] = {
        "年", "月", "日", "号", "份", "初", "中", "底", "末", "旬", "上", "下", "本", "这", "个",
        "今", "去", "明", "前", "后", "同", "当", "次", "翌", "第", "周", "季度", "半年", "星期",
        "天", "近", "元", "Q", "H", "春季", "冬季", "左右", "将", "。", ",", "-", ".", "/",
        "0", "1", "2", "9", "12", "29", "31", "45", "99", "2023", "2999", "1000", "99999",
        "一", "二", "十", "〇", "两", "三十一", "十二", "二〇二三",
    };
    static const char *const pubs[] = { "2023-11-09", "2024-02-29", "2999-12-31", "1000-01-01",
                                        "2021-01-01", "" };
    uint32_t seed = 12345;
    size_t bad = 0, found = 0;
    for (int art = 0; art < 600; art++) {
        zhe_dater *d;
        zhe_dater_new(pubs[art % 6], &d, NULL);
        for (int sent = 0; sent < 8; sent++) {
            char s[512];
            size_t len = 0;
            int pieces_n = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 24;
            for (int p = 0; p < pieces_n; p++) {
                seed = seed * 1103515245u + 12345u;
                const char *w = pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)];
                size_t wl = strlen(w);
                if (len + wl >= sizeof s) break;
                memcpy(s + len, w, wl);
                len += wl;
            }
            zhe_date_mention m[64];
            size_t n = zhe_dater_find(d, s, len, m, 64);
            found += n;
            if (!S_mentions_ok(s, len, m, n < 64 ? n : 64)) {
                if (bad++ < 5) printf("# bad mentions in \"%.*s\"\n", (int)len, s);
            }
            if (sent == 4) zhe_dater_paragraph(d);
        }
        zhe_dater_free(d);
    }
    is_int(bad, 0, "sweep: every date reported from random pieces is valid");
    ok(found > 1000, "sweep: the pieces do make dates (%zu)", found);
}

/* ------------------------------------------------------------ hostile input */

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Run one sentence of n copies of unit; check the time and the dates. */
static void S_hostile(const char *unit, size_t copies, const char *name)
{
    size_t ul = strlen(unit), len = ul * copies;
    char *s = malloc(len);
    for (size_t i = 0; i < copies; i++) memcpy(s + i * ul, unit, ul);
    zhe_dater *d;
    zhe_dater_new(PUB, &d, NULL);
    zhe_date_mention *m = calloc(1024, sizeof *m);
    double t0 = S_now();
    size_t n = zhe_dater_find(d, s, len, m, 1024);
    double dt = S_now() - t0;
    /* Generous for valgrind and the sanitizers; linear input takes ~10 ms. */
    ok(dt < 20.0, "hostile %s: %zu bytes in %.3f s", name, len, dt);
    ok(S_mentions_ok(s, len, m, n < 1024 ? n : 1024), "hostile %s: %zu dates, all valid", name, n);
    free(m);
    free(s);
    zhe_dater_free(d);
}

static void test_hostile(void)
{
    S_hostile("年", 100000, "100,000 x 年");
    S_hostile("7", 1 << 20, "a 1 MB line of digits");
    S_hostile("月", 100000, "100,000 x 月");
    S_hostile("10月", 100000, "100,000 x 10月");
    S_hostile("2023年", 50000, "50,000 x 2023年");
    S_hostile("第", 100000, "100,000 x 第");
    S_hostile("十", 100000, "100,000 x 十");
    S_hostile("2023-", 100000, "100,000 x 2023-");
    S_hostile("\xE5\xB9", 100000, "100,000 truncated UTF-8 sequences");

    /* The counts that must come out of some of them. */
    zhe_dater *d;
    zhe_dater_new(PUB, &d, NULL);
    const char *s = "99999年13月45日";
    is_int(zhe_dater_find(d, s, strlen(s), NULL, 0), 0, "hostile: 99999年13月45日 has no date");
    zhe_dater_free(d);
}

int main(void)
{
    test_articles();
    test_api();
    test_sweep();
    test_hostile();
    return tap_done();
}
