/*
** date_scan.c — the dater's scanner: where the date expressions of a
** sentence are and what each says, before anything is resolved (see
** date_int.h).  Extract stage: zhe_dater_find (date_resolve.c) asks it
** for the next expression of a sentence, resolves what it gets against
** the publication date and the narrative, and asks again after it.
**
** A hand-written scanner walks the sentence once, left to right.  At each
** place a date may start it tries every form below and keeps the longest;
** when none fits it steps over one character, or over a whole run of
** ASCII digits or letters (so 4090, RTX4090 and 99999 are never read from
** the middle).  Every form reads a bounded number of characters, so a
** sentence costs time linear in its length whatever it holds.  (No pcre2
** here: each piece of a date needs its value and its own guards, and a
** scanner that is linear by construction needs no match limits.)
**
**   year       2023年  二〇二三年  两千零四年  零八年  民国114年  今年 去年 前年 明年 后年
**              同年 当年 次年 翌年 第二年  2016到2018 1995-1997年 (a range: no 年 needed)
**   after it   年初 年中 年底 年末 (or 初 中 底 末)  第二季度 二季度 第二季 Q2  上半年 前半年
**              H1  春季 夏天 …  第42周  [的]第三个月  本月  10月[份] [17日|17号|十七]
**              [初 中 底 末 上旬 中旬 下旬]  [的]第一周  第二个星期四
**   digits     2023-12-07  2023/12/07  2023.12.07  2010 01 29
**              24/05/2024  12-11-10 (year first)  3-7-07 05/05/89 (day first)
**   no year    10月[份] 10月17日 十月十七日 17日 9号  第二季度 Q2 上半年 秋季 第42周
**              年初 年底 月初 月底 中旬 …
**   months     本月 这个月 上月 上个月 上上个月 下个月 同月 当月 次月 [17日] [初 底 …]
**   ranges     一月十日到十二日: a day in Chinese numerals alone closes a range
**   days       今天 今日 昨天 前天 明天 后天 · 当日 当天 当晚 同日 · 次日 翌日 第二天 前一天
**   weeks      上周 本周 这周 下周 上个星期 上上个周 … [一…六 日] [末: the weekend]
**   quarters   本季度 上季度 下季度 · halves 上个半年 下个半年
**   vague      近日 日前 最近 (the publication day), APPROX; not 近期, which is as
**              often the near future (近期将发布) as the recent past
**   offsets    三天后 3天前 三日后 两周后 一个月前 3年后
**   suffix     前后 左右 make a date APPROX
**
** Single characters that often begin other words are guarded by the
** characters around them: 日 before 元 is yen (12日元), 年中国 is not 年中,
** 说明年度 is not 明年, 目前年产 is not 前年, 1号线 is not a day.  Dates
** written out whole are checked for sense here (13月, 45日, 2023-02-30 are
** not dates); the resolver checks the rest once it knows the year.  The
** numeral characters come from base/numerals.c, the calendar from
** base/calendar.c.
**
** The scanner also tells the resolver whether the sentence says the
** future before a date (将, 预计, 明年 …) or the past (已, 曾, 此前):
** zhei_date_tense_in.
*/
#include "date_int.h"

#include <string.h>

/* ------------------------------------------------------------ characters */

/* The length of the literal w if s[i..len) starts with it, else 0. */
static size_t S_lit(const char *s, size_t len, size_t i, const char *w)
{
    if (i >= len || s[i] != w[0] || (w[1] && i + 1 < len && s[i + 1] != w[1])) return 0;
    size_t n = strlen(w);
    return n <= len - i && memcmp(s + i, w, n) == 0 ? n : 0;
}

/* The code point at s[i], or 0 at the end.  Chinese characters (three
 * bytes) and ASCII are decoded here; the rest by zhe_utf8_decode. */
static inline uint32_t S_cp(const char *s, size_t len, size_t i)
{
    uint32_t cp;
    if (i >= len) return 0;
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) return c;
    if ((c & 0xF0) == 0xE0 && len - i >= 3 && ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
        ((unsigned char)s[i + 2] & 0xC0) == 0x80) {
        cp = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 |
             (uint32_t)(s[i + 2] & 0x3F);
        if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) return cp;
    }
    zhe_utf8_decode(s + i, len - i, &cp);
    return cp;
}

/* The code point that ends at s[i], or 0 at the start. */
static inline uint32_t S_cp_before(const char *s, size_t len, size_t i)
{
    if (i == 0) return 0;
    if (!((unsigned char)s[i - 1] & 0x80)) return (unsigned char)s[i - 1];
    size_t k = i - 1;
    while (k > 0 && i - k < 4 && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
    uint32_t cp;
    return k + zhe_utf8_decode(s + k, len - k, &cp) == i ? cp : 0xFFFD;
}

/* The position of cp among the characters of set (a UTF-8 literal), or
 * -1.  Compares bytes: the guards run at most places of a sentence. */
static int S_index(uint32_t cp, const char *set)
{
    if (!cp) return -1;
    if (cp >= 0x800 && cp <= 0xFFFF) {     /* three bytes: the usual case */
        char b0 = (char)(0xE0 | cp >> 12), b1 = (char)(0x80 | ((cp >> 6) & 0x3F)),
             b2 = (char)(0x80 | (cp & 0x3F));
        int idx = 0;
        for (const char *p = set; *p; idx++) {
            unsigned char c = (unsigned char)*p;
            if ((c & 0xF0) == 0xE0) {
                if (p[0] == b0 && p[1] == b1 && p[2] == b2) return idx;
                p += 3;
            } else {
                p += c < 0x80 ? 1 : c < 0xE0 ? 2 : 4;
            }
        }
        return -1;
    }
    char b[4];
    size_t n, k = 0;
    int idx = 0;
    n = zhe_utf8_encode(cp, b);
    while (set[k]) {
        unsigned char c = (unsigned char)set[k];
        size_t cl = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (cl == n && set[k] == b[0] && (n < 2 || set[k + 1] == b[1]) &&
            (n < 3 || set[k + 2] == b[2]) && (n < 4 || set[k + 3] == b[3]))
            return idx;
        k += cl;
        idx++;
    }
    return -1;
}

#define S_in(cp, set) (S_index((cp), (set)) >= 0)

static int S_is_digit(uint32_t c) { return c >= '0' && c <= '9'; }
static int S_is_alnum(uint32_t c)
{
    return S_is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* 1 if cp is a numeral a date's number never continues: a digit (〇○零
 * 一 … 九 两), a unit (十百千万亿), 几 or 数; every numeral of the table
 * but 廿 and 卅. */
static int S_is_numeral(uint32_t cp)
{
    const zhei_numeral *n = zhei_numeral_of(cp);
    return n && n->kind != ZHEI_NUMERAL_TENS;
}

/* 1 if cp is an ASCII digit or a numeral (S_is_numeral). */
static int S_is_number(uint32_t cp)
{
    return S_is_digit(cp) || S_is_numeral(cp);
}

/* 0–9 for a Chinese digit (〇零○ 一 … 九, not 两), else -1. */
static int S_cn_digit(uint32_t cp)
{
    const zhei_numeral *n = zhei_numeral_of(cp);
    return n && n->kind == ZHEI_NUMERAL_DIGIT && !(n->flags & ZHEI_NUMERAL_LIANG) ? n->value : -1;
}

/* The run of ASCII digits at s[i]: its length, counted up to 5 (5 means
 * "five or more"), and in *val the value of its first four digits. */
static size_t S_digits(const char *s, size_t len, size_t i, int *val)
{
    size_t n = 0;
    int v = 0;
    while (i + n < len && n < 5 && s[i + n] >= '0' && s[i + n] <= '9') {
        if (n < 4) v = v * 10 + (s[i + n] - '0');
        n++;
    }
    *val = v;
    return n;
}

/* 1 if a number may start at s[i]: not inside a number (a digit, a
 * decimal point after one, or a thousands comma after one and before three
 * digits) nor a Latin word.  H100，9月份 (a full-width comma, normalized)
 * is a model, then a month. */
static int S_num_start(const char *s, size_t len, size_t i)
{
    uint32_t b = S_cp_before(s, len, i);
    if (S_is_alnum(b)) return 0;
    if (b != '.' && b != ',') return 1;
    /* b is one byte, so i >= 1 */
    if (!S_is_digit(S_cp_before(s, len, i - 1))) return 1;
    if (b == '.') return 0;
    size_t k = i - 1;   /* the digits before the comma: a model's? */
    while (k > 0 && s[k - 1] >= '0' && s[k - 1] <= '9') k--;
    if (k > 0 && S_is_alnum((unsigned char)s[k - 1])) return 1;
    size_t n = 0;
    while (i + n < len && s[i + n] >= '0' && s[i + n] <= '9') n++;
    return n != 3;
}

/* A Chinese numeral from 1 to 99 at s[i] (三, 十, 十二, 二十, 三十一).
 * Returns the bytes read and the value in *val, or 0. */
static size_t S_cn_small(const char *s, size_t len, size_t i, int *val)
{
    size_t k = i;
    int a = S_cn_digit(S_cp(s, len, k));
    if (a >= 1) k += 3;
    if (S_lit(s, len, k, "十")) {
        int v = (a >= 1 ? a : 1) * 10, u;
        k += 3;
        if ((u = S_cn_digit(S_cp(s, len, k))) >= 1) v += u, k += 3;
        *val = v;
        return k - i;
    }
    if (a >= 1) {
        *val = a;
        return k - i;
    }
    return 0;
}

/* A small number at s[i], digits (up to `maxdig` of them) or Chinese
 * (with 两 as 2 when `liang`), that no numeral precedes.  Returns the
 * bytes read, the value in *val and whether it was Chinese in *cn. */
static size_t S_small(const char *s, size_t len, size_t i, int maxdig, int liang, int *val, int *cn)
{
    /* The guards on the character before come after the number is read:
     * most places hold none, and the guards scan character sets. */
    uint32_t b = S_cp_before(s, len, i);
    size_t n;
    if (S_is_digit(S_cp(s, len, i))) {
        n = S_digits(s, len, i, val);
        *cn = 0;
        n = n <= (size_t)maxdig && S_num_start(s, len, i) ? n : 0;
    } else {
        if (S_is_alnum(b)) return 0;
        *cn = 1;
        if (liang && S_lit(s, len, i, "两")) {
            *val = 2;
            n = 3;
        } else {
            n = S_cn_small(s, len, i, val);
            if (n && S_is_numeral(S_cp(s, len, i + n))) n = 0;
        }
    }
    return n && !S_is_numeral(b) ? n : 0;
}

/* Range connectors: 到 至 - ~ – — ～, with a space on either side or
 * none.  S_range_to: the end of one that starts at s[j], or 0;
 * S_range_from: the start of one that ends at s[i], or 0. */
#define S_RANGE_WORDS "到至-~–—～"
static size_t S_range_to(const char *s, size_t len, size_t j)
{
    j += j < len && s[j] == ' ';
    uint32_t c = S_cp(s, len, j);
    if (!S_in(c, S_RANGE_WORDS)) return 0;
    j += c < 0x80 ? 1 : 3;
    return j + (j < len && s[j] == ' ');
}
static size_t S_range_from(const char *s, size_t len, size_t i)
{
    i -= i > 0 && s[i - 1] == ' ';
    uint32_t c = S_cp_before(s, len, i);
    if (!S_in(c, S_RANGE_WORDS)) return 0;
    i -= c < 0x80 ? 1 : 3;
    return i - (i > 0 && s[i - 1] == ' ');
}

/* ------------------------------------------------------------ expressions */

/* An empty calendar expression: a ZHEI_DATE_CAL naming a year, nothing
 * read yet. */
static zhei_date_expr S_cal(void)
{
    zhei_date_expr e;
    memset(&e, 0, sizeof e);
    e.kind = ZHEI_DATE_CAL;
    e.unit = ZHEI_TIMEX_YEAR;
    return e;
}

/* Keep the longer of *best and e. */
static void S_keep(zhei_date_expr *best, const zhei_date_expr *e)
{
    if (e->end > best->end) *best = *e;
}

/* ---- Guards: characters that make a word of the one beside them */

/* After 中 (年中, 月中): 年中国, 10月中旬 are not "mid". */
#define S_ZHONG_WORDS \
    "国华央共美日欧韩俄英法德方外资芯兴科电移联东西南北亚非台港澳" \
    "文小大高低端心间层标游部型断止介档性概信航建石铁海金银证" \
    "旬上下报期签试环微车级选奖"
/* Before a bare month or day: 前10月 (the first ten), 第3日, 连续3日. */
#define S_COUNT_WORDS "第个每前近约逐满头这那连超逾多几数期时达需耗仅短续历用共过长"
/* Before 日前, besides a number (3日前, 三日前): 节日前, 生日前 … are not
 * "recently". */
#define S_RIQIAN_WORDS \
    "节生假周当今昨次翌同某本作念易末平休元首落吉白逐终近前后星礼忌寿期时月年号每"
/* After a bare N号: 1号线, 3号文件 are not days. */
#define S_HAO_WORDS \
    "线楼机店文令院馆站台位码门车球种坑舱窗床房厂桥口路街字牌卫罐箱件" \
    "药星舰艇弹堆池电人员选病患区公召称角仓库厅柜航盘工炉堂洞"
/* Before 年初/年底/月初 … standing alone, besides a number (三年初): 少年中,
 * 岁月中. */
#define S_PERIOD_WORDS \
    "每半周全整成青少中老壮晚早往历头跨新岁蜜满明赏望风腊正闰按包逐个" \
    "同当今去前后本上下近该"
/* Before 明 (明年, 明天): 说明年度, 表明天… */
#define S_MING_WORDS "说表证声发透光聪文标阐查指简鲜申澄英开分高严神清黎"
/* Before 后 (后年, 后天): 此后年均, 以后 … */
#define S_HOU_WORDS "以之此然最随其今前落背日事先过午身幕战会赛"

/* A single-character mod (初 中 底 末) at s[j], guarded by what follows. */
static size_t S_mod_char(const char *s, size_t len, size_t j, zhe_date_mod *mod)
{
    static const struct {
        const char *w;
        zhe_date_mod mod;
        const char *not_after;
    } t[] = {
        { "初", ZHE_MOD_START, "步次级创中见心版稿选赛审评试值始衷恋露具学等生现" },
        { "中", ZHE_MOD_MID, S_ZHONG_WORDS },
        { "底", ZHE_MOD_END, "价线层部气盘牌座片下子色板薪" },
        { "末", ZHE_MOD_END, "端尾梢" },
    };
    for (size_t k = 0; k < ZHEI_ARRAY_LEN(t); k++) {
        size_t n = S_lit(s, len, j, t[k].w);
        if (n && !S_in(S_cp(s, len, j + n), t[k].not_after)) {
            /* 年初二, 年初三: the days of the lunar new year (but 年初一度) */
            if (k == 0 && S_cn_digit(S_cp(s, len, j + n)) >= 1 &&
                !S_in(S_cp(s, len, j + n + 3), "度些直季"))
                return 0;
            *mod = t[k].mod;
            return n;
        }
    }
    return 0;
}

/* 上旬 中旬 下旬 at s[j]. */
static size_t S_mod_xun(const char *s, size_t len, size_t j, zhe_date_mod *mod)
{
    static const zhe_date_mod mods[] = { ZHE_MOD_START, ZHE_MOD_MID, ZHE_MOD_END };
    int k = S_index(S_cp(s, len, j), "上中下");
    if (k < 0 || !S_lit(s, len, j + 3, "旬")) return 0;
    *mod = mods[k];
    return 6;
}

/* A month's mod at s[j]: 上旬 中旬 下旬 初 中 底 末. */
static size_t S_mod_month(const char *s, size_t len, size_t j, zhe_date_mod *mod)
{
    size_t n = S_mod_xun(s, len, j, mod);
    return n ? n : S_mod_char(s, len, j, mod);
}

/* 前后 or 左右 after a date: it becomes APPROX (unless it has a mod). */
static void S_approx_suffix(const char *s, size_t len, zhei_date_expr *e)
{
    size_t n = S_lit(s, len, e->end, "前后");
    if (!n) n = S_lit(s, len, e->end, "左右");
    if (n && e->mod == ZHE_MOD_NONE) {
        e->mod = ZHE_MOD_APPROX;
        e->end += n;
    }
}

/* ---- Days and months */

/* A day after a month (in_month) or alone at s[j]: 17日, 9号, 十七日.
 * Sets e->d and e->end. */
static int S_day(const char *s, size_t len, size_t j, int in_month, zhei_date_expr *e)
{
    int v = 0;
    size_t n;
    size_t b;
    if (!S_is_digit(S_cp(s, len, j))) {
        /* 十七日 after a month, or closing a range of days (一月十日到十二日) */
        if (!(n = S_cn_small(s, len, j, &v))) return 0;
        if (!in_month && !((b = S_range_from(s, len, j)) && S_in(S_cp_before(s, len, b), "日号")))
            return 0;
    } else {
        if (!S_is_digit(S_cp(s, len, j))) return 0;
        n = S_digits(s, len, j, &v);
        if (n > 2 || (!in_month && !S_num_start(s, len, j))) return 0;
    }
    if (v < 1 || v > 31) return 0;
    size_t k = j + n;
    uint32_t after;
    if (S_lit(s, len, k, "日")) {
        k += 3;
        after = S_cp(s, len, k);
        if ((S_lit(s, len, k, "元") && !S_lit(s, len, k, "元旦")) || S_in(after, "圆币"))
            return 0;   /* 12日元: yen (but 1月1日元旦) */
        if (!in_month && (S_in(after, "本内均线游间") || S_lit(s, len, k, "之内") ||
                          S_lit(s, len, k, "以内")))
            return 0;
    } else if (S_lit(s, len, k, "号")) {
        k += 3;
        after = S_cp(s, len, k);
        if (S_is_alnum(after) || (!in_month && S_in(after, S_HAO_WORDS))) return 0;
    } else {
        return 0;
    }
    /* last: the set is long, and most numbers are no day */
    if (!in_month && S_in(S_cp_before(s, len, j), S_COUNT_WORDS)) return 0;
    e->d = v;
    e->end = k;
    return 1;
}

/* A day with no 日 after a month at s[j]: 八月十五, 一月二十三 (in Chinese
 * numerals, where nothing but punctuation, the sentence's end or a
 * word of time follows: 八月十五万 is no day), or 一月19到20日 (the first
 * day of a range).  Sets e->d and e->end. */
static int S_bare_day(const char *s, size_t len, size_t j, zhei_date_expr *e)
{
    int v;
    size_t n;
    if (S_is_digit(S_cp(s, len, j))) {
        n = S_digits(s, len, j, &v);
        if (n > 2 || !S_range_to(s, len, j + n)) return 0;
    } else {
        if (!(n = S_cn_small(s, len, j, &v))) return 0;
        uint32_t after = S_cp(s, len, j + n);
        if (after >= 0x3400 && !S_in(after, "到至的前后起止是在那这，。；、！？：")) return 0;
        if (S_is_alnum(after) || after == '.' || after == '%') return 0;
    }
    if (v < 1 || v > 31) return 0;
    e->d = v;
    e->end = j + n;
    return 1;
}

/* The nth week or weekday of a month at s[j]: [的]第一周, 第二个星期四,
 * 第一个周一.  Sets e->nth, e->wday, e->unit and e->end. */
static int S_nth_week(const char *s, size_t len, size_t j, zhei_date_expr *e)
{
    size_t k = j + S_lit(s, len, j, "的");
    if (!S_lit(s, len, k, "第")) return 0;
    k += 3;
    int v = S_cn_digit(S_cp(s, len, k));
    if (v >= 1) {
        k += 3;
    } else if (S_is_digit(S_cp(s, len, k)) && !S_is_digit(S_cp(s, len, k + 1))) {
        v = s[k++] - '0';
    }
    if (v < 1 || v > 5) return 0;
    int counted = S_lit(s, len, k, "个") != 0;
    k += counted ? 3 : 0;
    size_t w = S_lit(s, len, k, "周");
    int sun_tian = 0;
    if (!w && (w = S_lit(s, len, k, "星期"))) sun_tian = 1;
    if (!w && (w = S_lit(s, len, k, "礼拜"))) sun_tian = 1;
    if (!w) return 0;
    k += w;
    int wd = S_index(S_cp(s, len, k), "一二三四五六日") + 1;
    if (!wd && sun_tian && S_lit(s, len, k, "天")) wd = 7;
    if (wd) {
        k += 3;
        e->unit = ZHEI_TIMEX_DAY;
    } else {
        if (S_in(S_cp(s, len, k), "年岁期")) return 0;
        e->unit = ZHEI_TIMEX_WEEK;
    }
    e->nth = v;
    e->wday = wd;
    e->end = k;
    return 1;
}

/* What may follow a month: a day, or a mod; then 前后/左右.  e->end is just
 * after 月 or 月份. */
static void S_after_month(const char *s, size_t len, zhei_date_expr *e)
{
    zhei_date_expr t = *e;
    if (S_day(s, len, e->end, 1, &t) || S_bare_day(s, len, e->end, &t)) {
        t.unit = ZHEI_TIMEX_DAY;
        *e = t;
    } else if (S_nth_week(s, len, e->end, &t)) {
        *e = t;
        return;
    } else {
        size_t n = S_mod_month(s, len, e->end, &e->mod);
        e->end += n;
    }
    S_approx_suffix(s, len, e);
}

/* Is the character before s[j] the 达 that ends a company's name
 * (英伟达, 广达, 辉达: 广达12月出货), not "reaching" (长达12月)? */
static int S_name_da(const char *s, size_t len, size_t j)
{
    return j >= 6 && S_cp_before(s, len, j) == 0x8FBE && S_in(S_cp_before(s, len, j - 3), "伟广辉");
}

/* A month at s[j]: 10月, 十月, 10月份, and after a year also 元月.  bare:
 * no year before it, so the month is guarded against counts (前10月,
 * 1-10月).  Fills e (a ZHEI_DATE_CAL) with the month and what follows it. */
static int S_month(const char *s, size_t len, size_t j, int bare, zhei_date_expr *e)
{
    int v = 0;
    size_t n;
    uint32_t b = S_cp_before(s, len, j);
    if (!bare && S_lit(s, len, j, "元月")) {
        v = 1, n = 3;
    } else {
        /* The number and 月 first, the guards on the character before
         * after them: most numbers are no month. */
        int digits = S_is_digit(S_cp(s, len, j));
        if (digits) {
            n = S_digits(s, len, j, &v);
            if (n > 2) return 0;
        } else if (!(n = S_cn_small(s, len, j, &v))) {
            return 0;
        }
        if (!S_lit(s, len, j + n, "月")) return 0;
        if (bare && S_in(b, S_COUNT_WORDS) && !S_name_da(s, len, j)) return 0;
        if (digits) {
            if (bare && !S_num_start(s, len, j)) return 0;
            /* 1-10月, 1~10月, 1/10月: the end of a range of months */
            if (bare && S_in(b, "-~/") && S_is_digit(S_cp_before(s, len, j - 1))) return 0;
        } else {
            if (bare && (S_is_numeral(b) || S_is_alnum(b))) return 0;
        }
    }
    if (v < 1 || v > 12) return 0;
    size_t k = j + n + 3;
    k += S_lit(s, len, k, "份");
    e->msrc = ZHEI_DATE_SRC_ABS;
    e->m = v;
    e->unit = ZHEI_TIMEX_MONTH;
    e->end = k;
    /* A day the month does not have (2月30日) makes the whole no date; it
     * is checked once the year is known (2月29日). */
    S_after_month(s, len, e);
    return 1;
}

/* ---- Periods: quarters, halves, seasons, weeks */

/* 第二季度, 二季度, 3季度, Q2, 第二季 and 第3季 (as Taiwan writes the
 * quarter) at s[j], and after a year also 二季.  bare: no year before
 * it, so counts (前三季度) are refused and Q needs no Latin letter before
 * it. */
static int S_quarter(const char *s, size_t len, size_t j, int bare, zhei_date_expr *e)
{
    size_t k = j;
    int v;
    uint32_t b = S_cp_before(s, len, j);
    if (S_lit(s, len, k, "Q") || S_lit(s, len, k, "q")) {
        if (bare && S_is_alnum(b)) return 0;
        v = (int)S_cp(s, len, k + 1) - '0';
        if (v < 1 || v > 4 || S_is_alnum(S_cp(s, len, k + 2))) return 0;
        k += 2;
    } else {
        k += S_lit(s, len, k, "第");
        int ordinal = k > j;
        uint32_t c = S_cp(s, len, k);
        if (S_is_digit(c)) v = (int)c - '0', k += 1;
        else if ((v = S_cn_digit(c)) >= 1 && v <= 4) k += 3;
        else return 0;
        if (v < 1 || v > 4 || !S_lit(s, len, k, "季")) return 0;
        k += 3;
        if (S_lit(s, len, k, "度")) {
            k += 3;
        } else if ((bare && !ordinal) || S_in(S_cp(s, len, k), "报节风") ||
                   S_lit(s, len, k, "开播") || S_lit(s, len, k, "播出") || (bare && b == 0x300B)) {
            return 0;   /* 二季 needs a year or 第; 第二季开播, 《…》第二季 are a show's */
        }
        /* checked last, where a quarter was read: the sets are long */
        if (bare && !ordinal && (S_in(b, S_COUNT_WORDS) || S_is_numeral(b) || S_is_alnum(b)))
            return 0;   /* 前三季度: the first three */
    }
    e->unit = ZHEI_TIMEX_QUARTER;
    e->n = v;
    e->end = k;
    return 1;
}

/* 上半年, 下半年 at s[j]; after a year also H1, H2. */
static int S_half(const char *s, size_t len, size_t j, int bare, zhei_date_expr *e)
{
    int v;
    size_t k;
    if (!bare && (S_lit(s, len, j, "H") || S_lit(s, len, j, "h"))) {
        v = (int)S_cp(s, len, j + 1) - '0';
        if (v < 1 || v > 2 || S_is_alnum(S_cp(s, len, j + 2))) return 0;
        k = j + 2;
    } else {
        /* after a year also 前半年, 后半年 (alone, 前半年 is as often "the
         * past six months") */
        if ((v = S_index(S_cp(s, len, j), bare ? "上下" : "上下前后") + 1) < 1 ||
            !S_lit(s, len, j + 3, "半年"))
            return 0;
        if (v > 2) v -= 2;
        k = j + 9;
    }
    e->unit = ZHEI_TIMEX_HALF;
    e->n = v;
    e->end = k;
    return 1;
}

/* 春季 夏季 秋季 冬季 at s[j]; after a year also 春天 … (alone, 春天 is too
 * often a figure of speech: 芯片行业的春天). */
static int S_season(const char *s, size_t len, size_t j, int bare, zhei_date_expr *e)
{
    int v = S_index(S_cp(s, len, j), "春夏秋冬") + 1;
    if (v < 1) return 0;
    if (!S_lit(s, len, j + 3, "季") && (bare || !S_lit(s, len, j + 3, "天"))) return 0;
    if (bare && S_in(S_cp_before(s, len, j), "青四")) return 0;
    e->unit = ZHEI_TIMEX_SEASON;
    e->n = v;
    e->end = j + 6;
    return 1;
}

/* 第42周 at s[j] (not 第5周年). */
static int S_week(const char *s, size_t len, size_t j, zhei_date_expr *e)
{
    int v, cn;
    size_t k = j + S_lit(s, len, j, "第"), n;
    if (k == j || !(n = S_small(s, len, k, 2, 0, &v, &cn))) return 0;
    k += n;
    if (!S_lit(s, len, k, "周") || S_in(S_cp(s, len, k + 3), "年岁")) return 0;
    if (v < 1 || v > 53) return 0;
    e->unit = ZHEI_TIMEX_WEEK;
    e->n = v;
    e->end = k + 3;
    return 1;
}

/* ---- Years */

static const struct {
    const char *w;
    zhei_date_src src;
    int off;
    int alone;          /* may stand alone; 当年 alone is "back then" */
    const char *not_before, *not_after;
} S_year_words[] = {
    { "今年", ZHEI_DATE_SRC_PUB, 0, 1, "如现古", "轻龄纪级华鉴" },
    { "去年", ZHEI_DATE_SRC_PUB, -1, 1, "过失除离死减扣", "轻龄纪级华鉴" },
    { "前年", ZHEI_DATE_SRC_PUB, -2, 1, "目之此以提从先空当面眼超向往事生战年", "轻龄纪级华鉴" },
    { "明年", ZHEI_DATE_SRC_PUB, 1, 1, S_MING_WORDS, "轻龄纪级华鉴" },
    { "后年", ZHEI_DATE_SRC_PUB, 2, 1, S_HOU_WORDS, "轻龄纪级华鉴" },
    { "同年", ZHEI_DATE_SRC_NAR, 0, 1, "不共相协如合陪等认", "龄级" },
    { "当年", ZHEI_DATE_SRC_NAR, 0, 0, "相应适担充恰正承抵勾便典得妥门理", "轻龄纪级华" },
    { "次年", ZHEI_DATE_SRC_NAR, 1, 1, "", "" },
    { "翌年", ZHEI_DATE_SRC_NAR, 1, 1, "", "" },
    { "第二年", ZHEI_DATE_SRC_NAR, 1, 1, "", "" },
};

/* 1 if the number at s[i] follows a Latin word and a space: RTX 2060-2080
 * are models. */
static int S_after_model(const char *s, size_t i)
{
    return i >= 2 && s[i - 1] == ' ' && S_is_alnum((unsigned char)s[i - 2]);
}

/* 1 if four digits after a range connector close a range of years there. */
static int S_year_range_close(const char *s, size_t len, size_t k, int from)
{
    int to;
    if (S_digits(s, len, k, &to) != 4 || to <= from || to > from + 100) return 0;
    if (S_lit(s, len, k + 4, "年")) return 1;
    /* no 年 on either end: years of our times, and no unit after (1990-2000元) */
    uint32_t after = S_cp(s, len, k + 4);
    return from >= 1900 && to <= 2050 && !S_is_alnum(after) && !S_is_number(after) &&
           !S_in(after, ".%元块万亿台片颗个件张套枚人名家吨米克度");
}

/* 1 if the four digits at s[i] (v, no 年 after them) are an end of a
 * range of years: 2016到2018, 2016-2018, 1995-1997年 (the 年 of the
 * second end is the first's too).  Both ends are looked at from either. */
static int S_year_range(const char *s, size_t len, size_t i, int v)
{
    size_t k = S_range_to(s, len, i + 4), b;
    if (k && !S_after_model(s, i) && S_year_range_close(s, len, k, v)) return 1;
    if (!(b = S_range_from(s, len, i)) || b < 4) return 0;
    int from;
    if (S_digits(s, len, b - 4, &from) != 4 || !S_num_start(s, len, b - 4) ||
        S_after_model(s, b - 4))
        return 0;
    return S_year_range_close(s, len, i, from);
}

/* 1 if the four digits at s[i] stand alone as a year, with no 年: at the
 * start of a sentence or clause, or after = there (2018看起来是一个年份,
 * = 2019), and with no digit, letter, unit or magnitude after them (not
 * 2000多名, 1500美元, 2080显卡, 2023款).  Inside a clause four digits are
 * a count, a model or a stock code (台积电(2330)) far more often than a
 * year. */
static int S_bare_year(const char *s, size_t len, size_t i)
{
    size_t b = i;
    while (b > 0 && s[b - 1] == ' ') b--;
    if (b > 0 && s[b - 1] == '=')
        for (b--; b > 0 && s[b - 1] == ' ';) b--;
    uint32_t before = S_cp_before(s, len, b), after = S_cp(s, len, i + 4);
    if (before && !S_in(before, ",;:!?。，；：！？")) return 0;
    return !S_is_alnum(after) && !S_is_number(after) &&
           !S_in(after, ".%/-)）元块万亿千百台片颗个件张套枚人名家吨米克度美港日欧英点倍多余位次显卡芯核款型");
}

/* 1 if three digits and 年, s[i..k) (789年, 三六七年), are a year: with a
 * month after them (三六七年一月一日), or after 在, 于 or 公元 with the
 * clause ending there (在789年).  Elsewhere 300年 is a span of years. */
static int S_old_year(const char *s, size_t len, size_t i, size_t k)
{
    zhei_date_expr t = S_cal();
    if (S_month(s, len, k, 0, &t)) return 1;
    uint32_t b = S_cp_before(s, len, i), a = S_cp(s, len, k);
    if (!S_in(b, "在于") && !(b == 0x5143 && i >= 3 && S_cp_before(s, len, i - 3) == 0x516C))
        return 0;   /* 元 of 公元 */
    return a == 0 || S_in(a, ",;:!?。，；：！？");
}

/* A year in Chinese numerals and 年 at s[i], which starts with a digit
 * or 两: 二〇二三年 (four digits), 两千零四年 二千年 两千二十四年 (with 千),
 * 零八年 九八年 (two digits: 2000 to 2069, else the 1900s).  Returns the
 * end (after 年) and the year in *y, or 0; *alone 0 when the year is no
 * date by itself: 两千年 may as well be two thousand years, 九八年 … as
 * 23年 (only 零八年 stands alone).  Two digits in a row (三四年, 七八年)
 * are a rough count of years, never a year. */
static size_t S_cn_year(const char *s, size_t len, size_t i, int *y, int *alone)
{
    int v = 0, dg[4], n = 0;
    size_t k = i;
    while (n < 4 && (dg[n] = S_cn_digit(S_cp(s, len, k))) >= 0) k += 3, v = v * 10 + dg[n++];
    if (n == 3 && S_lit(s, len, k, "年") && S_old_year(s, len, i, k + 3)) {
        *y = v;
        return k + 3;
    }
    if (n == 4 || n == 2) {
        if (!S_lit(s, len, k, "年")) return 0;
        if (n == 4) {
            if (v < 1000 || v > 2999) return 0;
        } else {
            if (dg[1] == dg[0] + 1) return 0;       /* 三四年: three or four years */
            *alone = dg[0] == 0;
            v = v < 70 ? 2000 + v : 1900 + v;
        }
        *y = v;
        return k + 3;
    }
    /* (两|二)千 [零] [N] 年 */
    k = i;
    if (S_lit(s, len, k, "两")) v = 2, k += 3;
    else if (n == 1 && (dg[0] == 1 || dg[0] == 2)) v = dg[0], k += 3;
    else return 0;
    if (!S_lit(s, len, k, "千")) return 0;
    k += 3;
    v *= 1000;
    int r = 0;
    size_t m;
    if (S_lit(s, len, k, "零") || S_lit(s, len, k, "〇")) {
        k += 3;
        if (!(m = S_cn_small(s, len, k, &r))) return 0;   /* 两千零二十四年 */
    } else if ((m = S_cn_small(s, len, k, &r)) && r < 10) {
        return 0;       /* 两千三: 2300, not a year */
    }
    k += m;
    if (!S_lit(s, len, k, "年")) return 0;
    *alone = r != 0;
    *y = v + r;
    return k + 3;
}

/* A year at s[i]: 2023年, 二〇二三年, a year word (今年 …), four digits
 * right before Q or H (2024Q2), or two digits and 年 (23年10月, 07年:
 * 2000 to 2069, else the 1900s).  Fills e->ysrc, e->y and e->end;
 * *digits: the year is four digits with no 年, so only Q or H may follow;
 * *alone 0: the year is no date by itself (当年; 23年, which may as well be
 * twenty-three years, unless written 07年). */
static int S_year(const char *s, size_t len, size_t i, zhei_date_expr *e, int *digits, int *alone)
{
    int v = 0;
    *digits = 0;
    *alone = 1;
    if (S_is_digit(S_cp(s, len, i))) {
        size_t nd = S_digits(s, len, i, &v);
        if (nd == 2 && S_lit(s, len, i + 2, "年") && S_num_start(s, len, i) &&
            !S_in(S_cp_before(s, len, i), S_COUNT_WORDS)) {
            e->ysrc = ZHEI_DATE_SRC_ABS;
            e->y = v < 70 ? 2000 + v : 1900 + v;
            e->end = i + 5;
            *alone = s[i] == '0';
            return 1;
        }
        if (nd == 3 && S_lit(s, len, i + 3, "年") && S_num_start(s, len, i) &&
            S_old_year(s, len, i, i + 6)) {
            e->ysrc = ZHEI_DATE_SRC_ABS;
            e->y = v;
            e->end = i + 6;
            return 1;
        }
        if (nd != 4 || !S_num_start(s, len, i)) return 0;
        if (v < 1000 || v > 2999) return 0;
        if (S_lit(s, len, i + 4, "年")) {
            e->end = i + 7;
        } else if (S_in(S_cp(s, len, i + 4), "QqHh")) {
            e->end = i + 4;
            *digits = 1;
        } else if (S_year_range(s, len, i, v)) {
            e->end = i + 4;     /* 2016到2018, 1995-1997年: an end of a range of years */
        } else if (S_bare_year(s, len, i)) {
            e->end = i + 4;
        } else {
            return 0;
        }
        e->ysrc = ZHEI_DATE_SRC_ABS;
        e->y = v;
        return 1;
    }
    if (S_cn_digit(S_cp(s, len, i)) >= 0 || S_lit(s, len, i, "两")) {
        size_t k = S_cn_year(s, len, i, &v, alone);
        if (!k) return 0;
        uint32_t b = S_cp_before(s, len, i);
        if (S_is_numeral(b) || S_is_alnum(b) || S_in(b, S_COUNT_WORDS)) return 0;
        e->ysrc = ZHEI_DATE_SRC_ABS;
        e->y = v;
        e->end = k;
        return 1;
    }
    if (S_lit(s, len, i, "民国")) {
        /* 民国114年, 民國三年: the Republic's years, as Taiwan counts them */
        size_t k = i + 6, n;
        if (S_is_digit(S_cp(s, len, k))) {
            n = S_digits(s, len, k, &v);
            if (n > 3) return 0;
        } else if (!(n = S_cn_small(s, len, k, &v))) {
            return 0;
        }
        if (v < 1 || !S_lit(s, len, k + n, "年")) return 0;
        e->ysrc = ZHEI_DATE_SRC_ABS;
        e->y = 1911 + v;
        e->end = k + n + 3;
        return 1;
    }
    uint32_t b = S_cp_before(s, len, i);
    for (size_t k = 0; k < ZHEI_ARRAY_LEN(S_year_words); k++) {
        size_t n = S_lit(s, len, i, S_year_words[k].w);
        /* 过去年 is "past years", but 超过去年 "more than last year" */
        if (n && (!S_in(b, S_year_words[k].not_before) ||
                  (b == 0x8FC7 && S_in(S_cp_before(s, len, i - 3), "超胜好高强低"))) &&
            !S_in(S_cp(s, len, i + n), S_year_words[k].not_after)) {
            e->ysrc = S_year_words[k].src;
            e->y = S_year_words[k].off;
            *alone = S_year_words[k].alone;
            e->end = i + n;
            return 1;
        }
    }
    return 0;
}

/* A year and what follows it, at s[i]. */
static void S_parse_year(const char *s, size_t len, size_t i, zhei_date_expr *best)
{
    zhei_date_expr y = S_cal(), got = S_cal(), t;
    int digits, alone;
    if (!S_year(s, len, i, &y, &digits, &alone)) return;
    size_t j = y.end, n;
    if (digits) {   /* 2024Q2, 2024H1 */
        t = y;
        if (S_quarter(s, len, j, 0, &t) || S_half(s, len, j, 0, &t)) S_keep(best, &t);
        return;
    }
    if (alone) S_keep(&got, &y);
    /* 去年同期, 2023年同期: the period the story is at, in that year */
    if (S_lit(s, len, j + S_lit(s, len, j, "年"), "同期")) {
        t = y;
        t.same = 1;
        t.end = j + S_lit(s, len, j, "年") + 6;
        S_keep(&got, &t);
    }
    /* 年初 年中 年底 年末, or 初 中 底 末: 2023年底, 去年年底, 今年初 */
    t = y;
    n = S_lit(s, len, j, "年");
    if (S_mod_char(s, len, j + n, &t.mod)) {
        t.end = j + n + 3;
        S_keep(&got, &t);
    }
    t = y;
    if (S_quarter(s, len, j, 0, &t)) S_keep(&got, &t);
    t = y;
    if (S_half(s, len, j, 0, &t)) S_keep(&got, &t);
    t = y;
    if (S_season(s, len, j, 0, &t)) S_keep(&got, &t);
    t = y;
    if (S_week(s, len, j, &t)) S_keep(&got, &t);
    if (got.end && got.unit != ZHEI_TIMEX_MONTH) S_approx_suffix(s, len, &got);
    t = y;
    if (S_month(s, len, j, 0, &t)) S_keep(&got, &t);  /* with its own suffix */
    /* [的]第三个月 (the year's third month), 本月 (去年本月: P's month) */
    t = y;
    n = j + S_lit(s, len, j, "的");
    if (S_lit(s, len, n, "第")) {
        int v, cn;
        size_t m = S_small(s, len, n + 3, 2, 0, &v, &cn);
        if (m && v >= 1 && v <= 12 && S_lit(s, len, n + 3 + m, "个月")) {
            t.msrc = ZHEI_DATE_SRC_ABS, t.m = v;
            t.unit = ZHEI_TIMEX_MONTH;
            t.end = n + 3 + m + 6;
            S_keep(&got, &t);
        }
    } else if (S_lit(s, len, n, "本月")) {
        t.msrc = ZHEI_DATE_SRC_PUB, t.m = 0;
        t.unit = ZHEI_TIMEX_MONTH;
        t.end = n + 6;
        S_after_month(s, len, &t);
        S_keep(&got, &t);
    }
    S_keep(best, &got);
}

/* 2023-12-07, 2023/12/07, 2023.12.07, 2010 01 29 at s[i]. */
static void S_parse_ymd(const char *s, size_t len, size_t i, zhei_date_expr *best)
{
    int y, m, d;
    if (S_digits(s, len, i, &y) != 4 || !S_num_start(s, len, i)) return;
    char sep = i + 4 < len ? s[i + 4] : 0;
    if (sep != '-' && sep != '/' && sep != '.' && sep != ' ') return;
    size_t k = i + 5, n = S_digits(s, len, k, &m);
    if (n < 1 || n > 2 || k + n >= len || s[k + n] != sep || (sep == ' ' && n != 2)) return;
    k += n + 1;
    n = S_digits(s, len, k, &d);
    if (n < 1 || n > 2 || (sep == ' ' && n != 2)) return;    /* 2010 01 29: two digits each */
    k += n;
    uint32_t after = S_cp(s, len, k);
    if ((S_is_alnum(after) && !(after == 'T' && S_is_digit(S_cp(s, len, k + 1)))) ||
        (after == (uint32_t)sep && S_is_digit(S_cp(s, len, k + 1))))
        return;     /* 2023.12.07.1 is a version; 2023-12-07T14:20 is a date */
    if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1 || d > zhei_days_in_month(y, m)) return;
    zhei_date_expr e = S_cal();
    e.ysrc = ZHEI_DATE_SRC_ABS, e.y = y;
    e.msrc = ZHEI_DATE_SRC_ABS, e.m = m;
    e.unit = ZHEI_TIMEX_DAY, e.d = d;
    e.end = k;
    S_keep(best, &e);
}

/* ---- Words */

static const struct {
    const char *w;
    zhei_date_kind kind;
    int off;
    zhei_date_src src;      /* months (ZHEI_DATE_CAL): from the publication or narrative */
    zhei_timex_unit unit;   /* ZHEI_DATE_APPROX: a day or a month */
    const char *not_before, *not_after;
    int not_after_number;   /* nor after a digit or numeral (3日前, 三日前) */
} S_words[] = {
    /* days, from the publication date */
    { "今天", ZHEI_DATE_DAY_PUB, 0, 0, 0, "", "", 0 },
    { "今日", ZHEI_DATE_DAY_PUB, 0, 0, 0, "", "头", 0 },
    { "今晨", ZHEI_DATE_DAY_PUB, 0, 0, 0, "", "", 0 },
    { "今晚", ZHEI_DATE_DAY_PUB, 0, 0, 0, "", "", 0 },
    { "昨天", ZHEI_DATE_DAY_PUB, -1, 0, 0, "", "", 0 },
    { "昨日", ZHEI_DATE_DAY_PUB, -1, 0, 0, "", "", 0 },
    { "昨晚", ZHEI_DATE_DAY_PUB, -1, 0, 0, "", "", 0 },
    { "前天", ZHEI_DATE_DAY_PUB, -2, 0, 0, "提之此以目从", "", 0 },
    { "明天", ZHEI_DATE_DAY_PUB, 1, 0, 0, S_MING_WORDS, "", 0 },
    { "明日", ZHEI_DATE_DAY_PUB, 1, 0, 0, S_MING_WORDS, "之", 0 },
    { "后天", ZHEI_DATE_DAY_PUB, 2, 0, 0, S_HOU_WORDS, "气", 0 },
    { "大后天", ZHEI_DATE_DAY_PUB, 3, 0, 0, "", "", 0 },
    { "大前天", ZHEI_DATE_DAY_PUB, -3, 0, 0, "", "", 0 },
    { "前日", ZHEI_DATE_DAY_PUB, -2, 0, 0, "提之此以目从日节生当", "", 1 },
    /* days, from the narrative */
    { "当日", ZHEI_DATE_DAY_SAME, 0, 0, 0, "", "", 0 },
    { "当天", ZHEI_DATE_DAY_SAME, 0, 0, 0, "", "", 0 },
    { "当晚", ZHEI_DATE_DAY_SAME, 0, 0, 0, "", "", 0 },
    { "同日", ZHEI_DATE_DAY_SAME, 0, 0, 0, "不共", "", 0 },
    { "同一天", ZHEI_DATE_DAY_SAME, 0, 0, 0, "不", "", 0 },
    { "次日", ZHEI_DATE_DAY_NAR, 1, 0, 0, "", "", 0 },
    { "翌日", ZHEI_DATE_DAY_NAR, 1, 0, 0, "", "", 0 },
    { "第二天", ZHEI_DATE_DAY_NAR, 1, 0, 0, "", "", 0 },
    { "隔天", ZHEI_DATE_DAY_NAR, 1, 0, 0, "", "", 0 },
    { "隔日", ZHEI_DATE_DAY_NAR, 1, 0, 0, "", "", 0 },
    { "前一天", ZHEI_DATE_DAY_NAR, -1, 0, 0, "", "", 0 },
    { "前一日", ZHEI_DATE_DAY_NAR, -1, 0, 0, "", "", 0 },
    { "后一天", ZHEI_DATE_DAY_NAR, 1, 0, 0, "", "", 0 },
    /* weeks, from the publication date */
    { "上周", ZHEI_DATE_WEEK_PUB, -1, 0, 0, "", "期年边刊报转岁", 0 },
    { "上上周", ZHEI_DATE_WEEK_PUB, -2, 0, 0, "", "期年边刊报转岁", 0 },
    { "上礼拜", ZHEI_DATE_WEEK_PUB, -1, 0, 0, "", "", 0 },
    { "上个礼拜", ZHEI_DATE_WEEK_PUB, -1, 0, 0, "", "", 0 },
    { "上星期", ZHEI_DATE_WEEK_PUB, -1, 0, 0, "", "", 0 },
    { "上个星期", ZHEI_DATE_WEEK_PUB, -1, 0, 0, "", "", 0 },
    { "上一周", ZHEI_DATE_WEEK_PUB, -1, 0, 0, "", "期年", 0 },
    { "本周", ZHEI_DATE_WEEK_PUB, 0, 0, 0, "", "期年边刊报转岁", 0 },
    { "这周", ZHEI_DATE_WEEK_PUB, 0, 0, 0, "", "期年边", 0 },
    { "本星期", ZHEI_DATE_WEEK_PUB, 0, 0, 0, "", "", 0 },
    { "这星期", ZHEI_DATE_WEEK_PUB, 0, 0, 0, "", "", 0 },
    { "这个星期", ZHEI_DATE_WEEK_PUB, 0, 0, 0, "", "", 0 },
    { "这礼拜", ZHEI_DATE_WEEK_PUB, 0, 0, 0, "", "", 0 },
    { "这个礼拜", ZHEI_DATE_WEEK_PUB, 0, 0, 0, "", "", 0 },
    { "本礼拜", ZHEI_DATE_WEEK_PUB, 0, 0, 0, "", "", 0 },
    { "下周", ZHEI_DATE_WEEK_PUB, 1, 0, 0, "", "期年边刊报转岁", 0 },
    { "下星期", ZHEI_DATE_WEEK_PUB, 1, 0, 0, "", "", 0 },
    { "下个星期", ZHEI_DATE_WEEK_PUB, 1, 0, 0, "", "", 0 },
    { "下一周", ZHEI_DATE_WEEK_PUB, 1, 0, 0, "", "期年", 0 },
    { "下下周", ZHEI_DATE_WEEK_PUB, 2, 0, 0, "", "期年边刊报转岁", 0 },
    { "下礼拜", ZHEI_DATE_WEEK_PUB, 1, 0, 0, "", "", 0 },
    { "上个周", ZHEI_DATE_WEEK_PUB, -1, 0, 0, "", "期年边刊报转岁", 0 },
    { "下个周", ZHEI_DATE_WEEK_PUB, 1, 0, 0, "", "期年边刊报转岁", 0 },
    { "上上个周", ZHEI_DATE_WEEK_PUB, -2, 0, 0, "", "期年边刊报转岁", 0 },
    { "下下个周", ZHEI_DATE_WEEK_PUB, 2, 0, 0, "", "期年边刊报转岁", 0 },
    { "上上星期", ZHEI_DATE_WEEK_PUB, -2, 0, 0, "", "", 0 },
    { "上上个星期", ZHEI_DATE_WEEK_PUB, -2, 0, 0, "", "", 0 },
    { "下下星期", ZHEI_DATE_WEEK_PUB, 2, 0, 0, "", "", 0 },
    { "下下个星期", ZHEI_DATE_WEEK_PUB, 2, 0, 0, "", "", 0 },
    { "上上个礼拜", ZHEI_DATE_WEEK_PUB, -2, 0, 0, "", "", 0 },
    { "下下个礼拜", ZHEI_DATE_WEEK_PUB, 2, 0, 0, "", "", 0 },
    { "下个礼拜", ZHEI_DATE_WEEK_PUB, 1, 0, 0, "", "", 0 },
    /* quarters, from the publication date */
    { "本季度", ZHEI_DATE_QUARTER_PUB, 0, 0, 0, "", "", 0 },
    { "上季度", ZHEI_DATE_QUARTER_PUB, -1, 0, 0, "", "", 0 },
    { "上一季度", ZHEI_DATE_QUARTER_PUB, -1, 0, 0, "", "", 0 },
    { "上个季度", ZHEI_DATE_QUARTER_PUB, -1, 0, 0, "", "", 0 },
    { "下季度", ZHEI_DATE_QUARTER_PUB, 1, 0, 0, "", "", 0 },
    { "下一季度", ZHEI_DATE_QUARTER_PUB, 1, 0, 0, "", "", 0 },
    { "下个季度", ZHEI_DATE_QUARTER_PUB, 1, 0, 0, "", "", 0 },
    /* halves, from the publication date (上半年 is the first half) */
    { "上个半年", ZHEI_DATE_QUARTER_PUB, -1, 0, ZHEI_TIMEX_HALF, "", "", 0 },
    { "上一个半年", ZHEI_DATE_QUARTER_PUB, -1, 0, ZHEI_TIMEX_HALF, "", "", 0 },
    { "下个半年", ZHEI_DATE_QUARTER_PUB, 1, 0, ZHEI_TIMEX_HALF, "", "", 0 },
    { "下一个半年", ZHEI_DATE_QUARTER_PUB, 1, 0, ZHEI_TIMEX_HALF, "", "", 0 },
    /* months, from the publication date or the narrative */
    { "本月", ZHEI_DATE_CAL, 0, ZHEI_DATE_SRC_PUB, 0, "", "", 0 },
    { "这个月", ZHEI_DATE_CAL, 0, ZHEI_DATE_SRC_PUB, 0, "", "", 0 },
    { "上月", ZHEI_DATE_CAL, -1, ZHEI_DATE_SRC_PUB, 0, "", "球", 0 },
    { "上个月", ZHEI_DATE_CAL, -1, ZHEI_DATE_SRC_PUB, 0, "", "", 0 },
    { "上一个月", ZHEI_DATE_CAL, -1, ZHEI_DATE_SRC_PUB, 0, "", "", 0 },
    { "下月", ZHEI_DATE_CAL, 1, ZHEI_DATE_SRC_PUB, 0, "", "", 0 },
    { "下个月", ZHEI_DATE_CAL, 1, ZHEI_DATE_SRC_PUB, 0, "", "", 0 },
    { "下一个月", ZHEI_DATE_CAL, 1, ZHEI_DATE_SRC_PUB, 0, "", "", 0 },
    { "上上个月", ZHEI_DATE_CAL, -2, ZHEI_DATE_SRC_PUB, 0, "", "", 0 },
    { "下下个月", ZHEI_DATE_CAL, 2, ZHEI_DATE_SRC_PUB, 0, "", "", 0 },
    { "同月", ZHEI_DATE_CAL, 0, ZHEI_DATE_SRC_NAR, 0, "不", "", 0 },
    { "当月", ZHEI_DATE_CAL, 0, ZHEI_DATE_SRC_NAR, 0, "", "", 0 },
    { "次月", ZHEI_DATE_CAL, 1, ZHEI_DATE_SRC_NAR, 0, "", "", 0 },
    /* vague: the publication day or month */
    { "近日", ZHEI_DATE_APPROX, 0, 0, ZHEI_TIMEX_DAY, "最接临靠逼贴将", "本元韩产均美", 0 },
    /* 最近 as an adverb (最近，…; 最近还在谈); not "latest" (最近一次, 最近
     * 几个月, 最近的) nor "nearest" (离…最近) */
    { "最近", ZHEI_DATE_APPROX, 0, 0, ZHEI_TIMEX_DAY, "离距",
      "的一二两三四五六七八九十几数些期段次天日年月周个来时阶半", 0 },
    { "日前", ZHEI_DATE_APPROX, 0, 0, ZHEI_TIMEX_DAY, S_RIQIAN_WORDS, "", 1 },
};

/* A word of S_words at s[i], with what may follow it. */
static void S_parse_word(const char *s, size_t len, size_t i, zhei_date_expr *best)
{
    uint32_t b = S_cp_before(s, len, i);
    for (size_t k = 0; k < ZHEI_ARRAY_LEN(S_words); k++) {
        size_t n = S_lit(s, len, i, S_words[k].w);
        if (!n || S_in(b, S_words[k].not_before) ||
            S_in(S_cp(s, len, i + n), S_words[k].not_after) ||
            (S_words[k].not_after_number && S_is_number(b)))
            continue;
        zhei_date_expr e = S_cal();
        e.kind = S_words[k].kind;
        e.off = S_words[k].off;
        e.end = i + n;
        if (e.kind == ZHEI_DATE_CAL) {          /* 上个月 [17日 | 底 …] */
            e.msrc = S_words[k].src;
            e.m = S_words[k].off;
            e.unit = ZHEI_TIMEX_MONTH;
            S_after_month(s, len, &e);
        } else if (e.kind == ZHEI_DATE_WEEK_PUB) {  /* 上周 [五 | 末] */
            int wd = S_index(S_cp(s, len, e.end), "一二三四五六日") + 1;
            uint32_t next = S_cp(s, len, e.end + 3);
            if (!wd && S_lit(s, len, e.end, "天") &&
                (S_cp_before(s, len, e.end) == 0x671F || S_cp_before(s, len, e.end) == 0x62DC))
                wd = 7;     /* 上星期天, 这礼拜天 */
            if (wd >= 1 && !(wd == 1 && S_in(next, "直些度样致定起同次点批条个")) &&
                !(wd == 7 && S_in(next, "元"))) {   /* 上周一直, 上周日元 */
                e.d = wd;
                e.end += 3;
            } else if (S_lit(s, len, e.end, "末")) {
                e.unit = ZHEI_TIMEX_WEEKEND;    /* 上周末: that week's weekend */
                e.end += 3;
            }
        } else if (e.kind == ZHEI_DATE_QUARTER_PUB) {
            e.unit = S_words[k].unit ? S_words[k].unit : ZHEI_TIMEX_QUARTER;
        } else if (e.kind == ZHEI_DATE_APPROX) {
            e.unit = S_words[k].unit;
            e.mod = ZHE_MOD_APPROX;
        }
        S_keep(best, &e);
    }
}

/* 今(15)日, 昨(14)日, 明(16)日, 前(13)日 at s[i]: Taiwan's way of giving
 * the day beside the word (the normalizer has dropped the spaces of
 * 今 (15) 日).  A ZHEI_DATE_DAY_PUB whose day of the month is e.d. */
static void S_parse_paren_day(const char *s, size_t len, size_t i, zhei_date_expr *best)
{
    static const struct {
        const char *w;
        int off;
    } t[] = { { "今", 0 }, { "昨", -1 }, { "明", 1 }, { "前", -2 } };
    for (size_t k = 0; k < ZHEI_ARRAY_LEN(t); k++) {
        size_t j = i + S_lit(s, len, i, t[k].w);
        if (j == i || j >= len || s[j] != '(') continue;
        int v;
        size_t n = S_digits(s, len, j + 1, &v);
        if (n < 1 || n > 2 || v < 1 || v > 31 || j + 1 + n >= len || s[j + 1 + n] != ')') return;
        size_t e_end = j + 2 + n;
        size_t w = S_lit(s, len, e_end, "日");
        if (!w) w = S_lit(s, len, e_end, "号");
        if (!w) return;
        zhei_date_expr e = S_cal();
        e.kind = ZHEI_DATE_DAY_PUB;
        e.off = t[k].off;
        e.d = v;
        e.end = e_end + w;
        S_keep(best, &e);
        return;
    }
}

/* A weekday standing alone at s[i]: 周三, 星期五, 礼拜天 (週 is 周 by now);
 * with a day in brackets after it (周二(15日)), that day.
 * A ZHEI_DATE_WEEK_PUB with n set: the nearest such day, before the
 * publication date unless the sentence is about the future.  Not after
 * 每 (每周三), a number (一周三次) or a week word (上周三, read there). */
static void S_parse_weekday(const char *s, size_t len, size_t i, zhei_date_expr *best)
{
    size_t n = S_lit(s, len, i, "周");
    int sun_tian = 0;
    if (!n && (n = S_lit(s, len, i, "星期"))) sun_tian = 1;
    if (!n && (n = S_lit(s, len, i, "礼拜"))) sun_tian = 1;
    if (!n) return;
    int wd = S_index(S_cp(s, len, i + n), "一二三四五六日") + 1;
    if (!wd && sun_tian && S_lit(s, len, i + n, "天")) wd = 7;
    if (!wd) return;
    uint32_t b = S_cp_before(s, len, i), after = S_cp(s, len, i + n + 3);
    if (S_is_number(b) || S_in(b, "每上下本这个几数同当前后近隔第逐")) return;
    if (S_is_numeral(after) || (S_in(after, "年岁次期刊报") && !S_lit(s, len, i + n + 3, "报道")))
        return;     /* 周一年, 周三次, 周五报 (but 周三报道) */
    zhei_date_expr e = S_cal();
    size_t k = i + n + 3, dn;
    int v;
    if (k < len && s[k] == '(' && (dn = S_digits(s, len, k + 1, &v)) >= 1 && dn <= 2 &&
        S_lit(s, len, k + 1 + dn, "日") && k + 4 + dn < len && s[k + 4 + dn] == ')' &&
        v >= 1 && v <= 31) {
        /* 周二(15日), as Taiwan writes it: the day in brackets is the date */
        e.unit = ZHEI_TIMEX_DAY;
        e.d = v;
        e.end = k + 5 + dn;
        S_keep(best, &e);
        return;
    }
    e.kind = ZHEI_DATE_WEEK_PUB;
    e.d = wd;
    e.n = 1;
    e.end = k;
    S_approx_suffix(s, len, &e);
    S_keep(best, &e);
}

/* 24/05/2024, 24-05-2024, 24.05.2024 (day, month, year, as Hong Kong
 * writes it) at s[i], and (1/7) or (3/18), a month and day in brackets
 * as Taiwan writes it after a weekday. */
static void S_parse_dmy(const char *s, size_t len, size_t i, zhei_date_expr *best)
{
    int d, m, y;
    if (!S_num_start(s, len, i)) return;
    size_t n = S_digits(s, len, i, &d), k = i + n;
    if (n < 1 || n > 2 || k >= len) return;
    char sep = s[k];
    if (sep != '/' && sep != '-' && sep != '.') return;
    size_t n2 = S_digits(s, len, k + 1, &m);
    if (n2 < 1 || n2 > 2) return;
    k += 1 + n2;
    zhei_date_expr e = S_cal();
    size_t n3;
    if (k < len && s[k] == sep && (n3 = S_digits(s, len, k + 1, &y)) == 4) {
        if (S_is_alnum(S_cp(s, len, k + 5))) return;
        if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1 || d > zhei_days_in_month(y, m))
            return;
        e.ysrc = ZHEI_DATE_SRC_ABS, e.y = y;
        e.end = k + 5;
    } else if (k < len && s[k] == sep && sep != '.' && n3 >= 1 && n3 <= 2) {
        /* Three short numbers, a two-digit year at one end: 12-11-10 and
         * 27-7-3 year first (as Chinese dates go), 3-7-07 and 05/05/89
         * day first where year first makes no date (a one-digit year, a
         * 89th day).  Not inside a longer run (1-2-3-4, 1.2-3-4). */
        int c = y, a = d, yy;
        size_t end = k + 1 + n3;
        uint32_t before = S_cp_before(s, len, i), after = S_cp(s, len, end);
        if (S_is_alnum(after) || (after == (uint32_t)sep && S_is_digit(S_cp(s, len, end + 1))) ||
            S_in(before, "-/.:") || after == '.' || after == ':')
            return;
        if (n == 2 && m >= 1 && m <= 12 && c >= 1 &&
            c <= zhei_days_in_month((yy = a < 70 ? 2000 + a : 1900 + a), m)) {
            y = yy, d = c;
        } else if (n3 == 2 && m >= 1 && m <= 12 && a >= 1 &&
                   a <= zhei_days_in_month((yy = c < 70 ? 2000 + c : 1900 + c), m)) {
            y = yy, d = a;
        } else {
            return;
        }
        e.ysrc = ZHEI_DATE_SRC_ABS, e.y = y;
        e.end = end;
    } else {
        /* M/D where no fraction would stand: in brackets, as Taiwan
         * writes it after a weekday (周二(1/7)); after 于 在 自 从 到 至,
         * or before 起 至 到 ~ 前 后 or a bracket (12/1起, 3/15(五)); or as
         * a clause of its own (12/1。).  约1/3的产能 stays a fraction. */
        if (sep != '/') return;
        uint32_t before = S_cp_before(s, len, i), after = S_cp(s, len, k);
        int paren = before == '(' && after == ')';
        int alone = (before == 0 || S_in(before, ",;:。，；：")) &&
                    (after == 0 || S_in(after, ",;:!?。，；：！？"));
        if (!paren && !alone && !S_in(before, "于在自从到至") && !S_in(after, "起至到~(前后"))
            return;
        if (S_is_alnum(after) || after == '%' || after == '.' || after == '/') return;
        int mm = d;
        d = m, m = mm;
        if (m < 1 || m > 12 || d < 1 || d > 31) return;
        e.end = k;
    }
    e.msrc = ZHEI_DATE_SRC_ABS, e.m = m;
    e.unit = ZHEI_TIMEX_DAY, e.d = d;
    S_keep(best, &e);
}

/* 年初 年中 年底 年末 · 月初 月中 月底 月末 上旬 中旬 下旬, standing alone. */
static void S_parse_period_mod(const char *s, size_t len, size_t i, zhei_date_expr *best)
{
    zhei_date_expr e = S_cal();
    size_t n;
    uint32_t c = S_cp(s, len, i);
    if (c != 0x5E74 && c != 0x6708 && c != 0x4E0A && c != 0x4E2D && c != 0x4E0B)
        return;     /* not 年, 月, 上, 中 or 下: no period of a month or year */
    uint32_t b = S_cp_before(s, len, i);
    if (S_is_number(b) || S_in(b, S_PERIOD_WORDS)) return;
    if (S_lit(s, len, i, "年") && (n = S_mod_char(s, len, i + 3, &e.mod))) {
        e.unit = ZHEI_TIMEX_YEAR;
        e.end = i + 3 + n;
    } else if ((S_lit(s, len, i, "月") && (n = S_mod_char(s, len, i + 3, &e.mod)))) {
        e.unit = ZHEI_TIMEX_MONTH;
        e.end = i + 3 + n;
    } else if ((n = S_mod_xun(s, len, i, &e.mod))) {
        e.unit = ZHEI_TIMEX_MONTH;
        e.end = i + n;
    } else {
        return;
    }
    S_keep(best, &e);
}

/* 三天后, 3天前, 三日后, 两周后, 一个月前, 3年后 at s[i]. */
static void S_parse_offset(const char *s, size_t len, size_t i, zhei_date_expr *best)
{
    static const struct {
        const char *w;
        zhei_timex_unit unit;
        int mult;
        int chinese_only;   /* 3日后 is "after the 3rd" */
    } units[] = {
        { "天", ZHEI_TIMEX_DAY, 1, 0 },      { "日", ZHEI_TIMEX_DAY, 1, 1 },
        { "周", ZHEI_TIMEX_DAY, 7, 0 },      { "个星期", ZHEI_TIMEX_DAY, 7, 0 },
        { "星期", ZHEI_TIMEX_DAY, 7, 0 },    { "个礼拜", ZHEI_TIMEX_DAY, 7, 0 },
        { "个月", ZHEI_TIMEX_MONTH, 1, 0 },  { "年", ZHEI_TIMEX_YEAR, 1, 0 },
    };
    static const struct {
        const char *w;
        int sign;
    } dirs[] = {
        { "之后", 1 }, { "以后", 1 }, { "后", 1 }, { "之前", -1 }, { "以前", -1 }, { "前", -1 },
    };
    int v, cn;
    size_t n = S_small(s, len, i, 3, 1, &v, &cn);
    if (!n || v < 1 || (!cn && s[i] == '0')) return;    /* 07年以后: the year 2007 */
    int guarded = -1;   /* the guard below, asked only once a unit and a direction follow */
    for (size_t u = 0; u < ZHEI_ARRAY_LEN(units); u++) {
        size_t un = S_lit(s, len, i + n, units[u].w);
        if (!un || (units[u].chinese_only && !cn)) continue;
        if (units[u].unit == ZHEI_TIMEX_YEAR && v > 99) continue;
        for (size_t k = 0; k < ZHEI_ARRAY_LEN(dirs); k++) {
            size_t dn = S_lit(s, len, i + n + un, dirs[k].w);
            if (!dn) continue;
            if (guarded < 0) guarded = S_in(S_cp_before(s, len, i), "第几数多每近这那头前");
            if (guarded) return;
            zhei_date_expr e = S_cal();
            e.kind = ZHEI_DATE_OFFSET;
            e.unit = units[u].unit;
            e.off = dirs[k].sign * v * units[u].mult;
            e.end = i + n + un + dn;
            S_keep(best, &e);
            break;
        }
    }
}

/* 1 if s[i] follows a year that was not read, or "every": 23年10月 (a
 * two-digit year), 5000年10月, 每年3月, 每月3日.  What follows has no
 * year to take, so it is no date. */
static int S_after_unread_year(const char *s, size_t len, size_t i)
{
    uint32_t b = S_cp_before(s, len, i), bb;
    if (!S_in(b, "年月")) return 0;
    bb = S_cp_before(s, len, i - 3);     /* 年 and 月 are three bytes */
    if (S_in(bb, "每")) return 1;
    return S_in(b, "年") && S_is_number(bb);
}

/* What a number (of digits or Chinese numerals) must be followed by to
 * begin a date: a date unit (年 月 日 号 季 周 天 星期 礼拜 旬 半年), a
 * count before one (个月, 多天, 余年, 三年来), or the joint of a range or
 * list (至 到 、 和 与 及 或). */
#define S_NUMBER_GOES_ON "年月日号季周天个星礼旬半多余来至到、和与及或"

/* Whether the digits at s[i] can begin a date, by what follows them: a
 * date word (S_NUMBER_GOES_ON), or a separator of numeric dates and
 * ranges (2024-05-24, 24/05/2024, 1~3月, 2010 01 29), or Q and H
 * (2024Q1, 24H2).  Four digits are a year and may also stand alone
 * (2018, 2018。), unless a magnitude, unit or letter follows (1200万,
 * 4090Ti).  Most numbers in news are amounts (1.2万美元, 25%, 80GB) and
 * stop here without trying every form. */
static int S_number_may_start(const char *s, size_t len, size_t i)
{
    size_t k = i;
    while (k < len && S_is_digit((unsigned char)s[k])) k++;
    size_t n = k - i;
    if (k == len) return 1;
    unsigned char c = (unsigned char)s[k];
    if (c == 'Q' || c == 'q' || c == 'H' || c == 'h') return 1;
    if (c == '.')   /* 2024.5.24, 24.05.2024; not 1.2万 */
        return n == 4 || (n <= 2 && k + 2 < len && S_is_digit((unsigned char)s[k + 1]) &&
                          (s[k + 2] == '.' || (k + 3 < len && s[k + 3] == '.')));
    if (c < 0x80)
        return S_in(c, "-/~ ") || (n == 4 && !S_is_alnum(c) && c != '%');
    uint32_t cp = S_cp(s, len, k);
    if (S_in(cp, S_NUMBER_GOES_ON)) return 1;
    return n == 4 && !S_in(cp, "万亿千百元块美港台张片颗卡倍");
}

/* Where a date can begin: at a digit, at Q (Q2), at a Chinese digit, 十
 * or 第 (十月, 二季度, 第42周), or at one of the characters below when the next
 * character is one it can go on with (上周, 上个月, 上旬, 上半年, 今年,
 * 年底, 秋季).  This runs at every character of the text: 上, 中, 下, 这,
 * 前, 后 begin far more words than dates, and are passed over at the cost
 * of one switch (and one numeral lookup), without trying every form.  A new form that begins with
 * another pair of characters must be added here. */
static int S_may_start(const char *s, size_t len, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c >= '0' && c <= '9') return S_number_may_start(s, len, i);
    if (c == 'Q' || c == 'q') return 1;
    if ((c & 0xF0) != 0xE0 || len - i < 3) return 0;
    uint32_t cp = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 |
                  (uint32_t)(s[i + 2] & 0x3F);
    const char *next;
    const zhei_numeral *num;
    switch (cp) {
    case 0x7B2C:    /* 第 */
        return 1;
    case 0x4E0A: case 0x4E0B:   /* 上下 */
        next = "一个周季星月旬半礼上下";
        break;
    case 0x5927:   /* 大 */
        next = "后前";
        break;
    case 0x5468:   /* 周 */
        next = "一二三四五六日";
        break;
    case 0x661F:   /* 星 */
        next = "期";
        break;
    case 0x793C:   /* 礼 */
        next = "拜";
        break;
    case 0x4E2D:   /* 中 */
        next = "旬";
        break;
    case 0x4ECA:   /* 今 */
        next = "天日晚晨年(";
        break;
    case 0x524D:   /* 前 */
        next = "一天年日(";
        break;
    case 0x540E:   /* 后 */
        next = "一天年";
        break;
    case 0x540C:   /* 同 */
        next = "一日月年";
        break;
    case 0x5F53:   /* 当 */
        next = "天日晚月年";
        break;
    case 0x65E5:   /* 日 */
        next = "前";
        break;
    case 0x660E:   /* 明 */
        next = "天日年(";
        break;
    case 0x6628:   /* 昨 */
        next = "天日晚(";
        break;
    case 0x672C:   /* 本 */
        next = "周季星月年礼";
        break;
    case 0x6B21: case 0x7FCC:   /* 次翌 */
        next = "日月年";
        break;
    case 0x8FD1:   /* 近 */
        next = "日期";
        break;
    case 0x6700:   /* 最 */
        next = "近";
        break;
    case 0x8FD9:   /* 这 */
        next = "个周星礼";
        break;
    case 0x9694:   /* 隔 */
        next = "天日年";
        break;
    case 0x53BB:   /* 去 */
        next = "年";
        break;
    case 0x6C11:   /* 民 */
        next = "国";
        break;
    case 0x5E74: case 0x6708:   /* 年月 */
        next = "初中底末";
        break;
    case 0x6625: case 0x590F: case 0x79CB: case 0x51AC:   /* 春夏秋冬 */
        next = "季天";
        break;
    default:        /* a digit (〇○零一 … 九 两) or 十 */
        num = zhei_numeral_of(cp);
        if (!num || !(num->kind == ZHEI_NUMERAL_DIGIT ||
                      (num->kind == ZHEI_NUMERAL_UNIT && num->value == 1)))
            return 0;
        /* no date's number is longer than 两千零二十四: at most eight
         * numerals are looked at, so a long run costs no more */
        for (int n = 0; i + 3 <= len && (s[i] & 0xF0) == 0xE0 && zhei_numeral_of(S_cp(s, len, i)); n++) {
            if (n == 8) return 0;
            i += 3;
        }
        return i == len || S_in(S_cp(s, len, i), S_NUMBER_GOES_ON);
    }
    return S_in(S_cp(s, len, i + 3), next);
}

/* The longest date expression at s[i], or best->end == 0. */
static void S_parse(const char *s, size_t len, size_t i, zhei_date_expr *best)
{
    zhei_date_expr e;
    best->end = 0;
    if (!S_may_start(s, len, i)) return;
    memset(best, 0, sizeof *best);
    S_parse_ymd(s, len, i, best);
    S_parse_year(s, len, i, best);
    S_parse_word(s, len, i, best);
    S_parse_paren_day(s, len, i, best);
    S_parse_weekday(s, len, i, best);
    S_parse_dmy(s, len, i, best);
    S_parse_offset(s, len, i, best);
    if (S_after_unread_year(s, len, i)) return;
    e = S_cal();
    if (S_month(s, len, i, 1, &e)) S_keep(best, &e);
    e = S_cal();
    if (S_day(s, len, i, 0, &e)) {
        e.unit = ZHEI_TIMEX_DAY;
        S_approx_suffix(s, len, &e);
        S_keep(best, &e);
    }
    e = S_cal();
    if (S_quarter(s, len, i, 1, &e) || S_half(s, len, i, 1, &e) || S_season(s, len, i, 1, &e) ||
        S_week(s, len, i, &e)) {
        S_approx_suffix(s, len, &e);
        S_keep(best, &e);
    }
    S_parse_period_mod(s, len, i, best);
}

/* ---------------------------------------------------------- the future */

/* Words that put what follows in the future: a partial date after them
 * resolves forward.  It is asked at every character before a date, so it
 * switches on the first character (every word begins with a three-byte
 * one) instead of trying each word:
 *   将  预计 预期 预定 预估  计划  有望 可望  拟  明年  后年  下周 下个月 下月
 *   未来  准备  打算  届时  定于  即将  等到  排到  推迟到  延至 延期至  最快
 * And words that put it back in the past, where a partial date resolves
 * backward again: 已 曾 此前 早前 (将于3月上市，此前已于1月送样). */
static int S_tense_word(const char *s, size_t len, size_t i)
{
    size_t k = i + 3;       /* the second character */
    uint32_t next;
    switch (S_cp(s, len, i)) {
    case 0x5C06: return 1;                                      /* 将 */
    case 0x9884: next = S_cp(s, len, k); return S_in(next, "计期定估");  /* 预 */
    case 0x8BA1: return S_lit(s, len, k, "划") != 0;            /* 计 */
    case 0x6709: case 0x53EF: return S_lit(s, len, k, "望") != 0;     /* 有 可 */
    case 0x62DF:                                                /* 拟, not 模拟 虚拟 */
        return !S_in(S_cp_before(s, len, i), "模虚比草");
    case 0x660E: case 0x540E: return S_lit(s, len, k, "年") != 0;     /* 明 后 */
    case 0x4E0B:                                                /* 下 */
        next = S_cp(s, len, k);
        return S_in(next, "周月") || S_lit(s, len, k, "个月") != 0;
    case 0x672A: return S_lit(s, len, k, "来") != 0;            /* 未 */
    case 0x51C6: return S_lit(s, len, k, "备") != 0;            /* 准 */
    case 0x6253: return S_lit(s, len, k, "算") != 0;            /* 打 */
    case 0x5C4A: return S_lit(s, len, k, "时") != 0;            /* 届 */
    case 0x5B9A: return S_lit(s, len, k, "于") != 0;            /* 定 */
    case 0x5373: return S_lit(s, len, k, "将") != 0;            /* 即 */
    case 0x7B49: case 0x6392: return S_lit(s, len, k, "到") != 0;     /* 等 排 */
    case 0x63A8: return S_lit(s, len, k, "迟到") != 0;          /* 推 */
    case 0x5EF6: return S_lit(s, len, k, "至") || S_lit(s, len, k, "期至");  /* 延 */
    case 0x6700: return S_lit(s, len, k, "快") != 0;            /* 最 */
    case 0x5DF2:                                                /* 已, not 不得已 */
        return S_in(S_cp_before(s, len, i), "得而") ? 0 : -1;
    case 0x66FE: return S_lit(s, len, k, "经") || !S_in(S_cp(s, len, k), "国孙祖") ? -1 : 0;  /* 曾 */
    case 0x6B64: case 0x65E9: return S_lit(s, len, k, "前") ? -1 : 0;  /* 此前 早前 */
    default: return 0;
    }
}

/* See date_int.h: S_tense_word at every character of s[from..to), the
 * last one that says a tense. */
int zhei_date_tense_in(const char *s, size_t len, size_t from, size_t to)
{
    int tense = 0;
    for (size_t i = from; i < to; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80) continue;
        int t = S_tense_word(s, len, i);
        if (t) tense = t;
    }
    return tense;
}

/* ---------------------------------------------------------------- scan */

/* See date_int.h: the longest expression at each character in turn, with
 * a number or a Latin word stepped over whole. */
size_t zhei_date_next(const char *s, size_t len, size_t i, zhei_date_expr *e)
{
    while (i < len) {
        S_parse(s, len, i, e);
        if (e->end) return i;
        /* Step over a whole number or Latin word, or one character. */
        uint32_t c = (unsigned char)s[i];
        if (S_is_digit(c)) {
            while (i < len && S_is_digit((unsigned char)s[i])) i++;
        } else if (S_is_alnum(c)) {
            while (i < len && S_is_alnum((unsigned char)s[i])) i++;
        } else {
            uint32_t cp;
            i += zhei_utf8_next(s + i, len - i, &cp);
        }
    }
    e->end = 0;
    return len;
}
