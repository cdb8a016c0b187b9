/*
** wording.c — what every format says in Chinese, and the numbers the
** plain formats print: the event types' names (出口管制, 价格 …), a date as
** a reader reads it (2023年10月17日, 2023年第二季度, 2023年底), a one-line
** headline (H100 · 价格 · 5440000 JPY), and the page's amounts as Chinese
** news writes them (26.5万元, 约544万日元, 1.4万–1.6万元, 3000片).
**
** Everything here is raw text, written into a zhe_buf: the caller escapes
** it for its format.  Dates are read by dates.c, never here.
*/
#include "export_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ----------------------------------------------------------- event types */

/* The event types in the order the page lists them, with their Chinese
 * names; an index into this table is a type's zhei_export_type_index. */
static const char *const S_types[][2] = {
    {"export_control", "出口管制"}, {"price", "价格"}, {"launch", "发布"},
    {"shipment", "出货"}, {"capacity", "产能"},
};
_Static_assert(ZHEI_ARRAY_LEN(S_types) == ZHEI_EXPORT_N_TYPES,
               "ZHEI_EXPORT_N_TYPES is the table's length");

size_t zhei_export_type_index(const char *type)
{
    for (size_t i = 0; type && i < ZHEI_EXPORT_N_TYPES; i++)
        if (strcmp(type, S_types[i][0]) == 0) return i;
    return ZHEI_EXPORT_TYPE_OTHER;
}

const char *zhei_export_type_zh(const char *type)
{
    size_t t = zhei_export_type_index(type);
    return t < ZHEI_EXPORT_N_TYPES ? S_types[t][1] : NULL;
}

const char *zhei_export_type_zh_at(size_t t)
{
    return t < ZHEI_EXPORT_N_TYPES ? S_types[t][1] : "其他";
}

const char *zhei_export_type_word(const char *type, const char *absent)
{
    const char *zh = zhei_export_type_zh(type);
    return zh ? zh : type ? type : absent;
}

/* ----------------------------------------------------------------- dates */

void zhei_export_date_text(zhe_buf *b, const char *tx, const char *mod)
{
    static const char *const seasons[] = {"春", "夏", "秋", "冬"};
    zhei_export_timex t;
    zhei_export_precision p = zhei_export_timex_read(tx, &t);
    int y = t.year;
    switch (p) {
    case ZHEI_EXPORT_P_NONE: zhe_buf_puts(b, "日期不详"); return;
    case ZHEI_EXPORT_P_DAY: zhe_buf_printf(b, "%d年%d月%d日", y, t.month, t.day); break;
    case ZHEI_EXPORT_P_MONTH: zhe_buf_printf(b, "%d年%d月", y, t.month); break;
    case ZHEI_EXPORT_P_QUARTER: zhe_buf_printf(b, "%d年第%s季度", y, zhei_numeral_digit_str(t.n)); break;
    case ZHEI_EXPORT_P_HALF: zhe_buf_printf(b, "%d年%s半年", y, t.n == 1 ? "上" : "下"); break;
    case ZHEI_EXPORT_P_WEEK: zhe_buf_printf(b, "%d年第%d周%s", y, t.n, t.weekend ? "周末" : ""); break;
    case ZHEI_EXPORT_P_SEASON: zhe_buf_printf(b, "%d年%s季", y, seasons[t.n - 1]); break;
    case ZHEI_EXPORT_P_YEAR: zhe_buf_printf(b, "%d年", y); break;
    case ZHEI_EXPORT_P_OTHER: zhe_buf_puts(b, tx); break;
    }
    if (mod) {
        int coarse = p == ZHEI_EXPORT_P_YEAR || p == ZHEI_EXPORT_P_MONTH;
        if (!strcmp(mod, "START")) zhe_buf_puts(b, "初");
        else if (!strcmp(mod, "MID")) zhe_buf_puts(b, "中");
        else if (!strcmp(mod, "END")) zhe_buf_puts(b, coarse ? "底" : "末");
        else if (!strcmp(mod, "APPROX")) zhe_buf_puts(b, "前后");
    }
}

/* ------------------------------------------------- the plain formats' text */

void zhei_export_number(zhe_buf *b, double v)
{
    if (v == floor(v) && fabs(v) < 1e15) zhe_buf_printf(b, "%.0f", v);
    else zhe_buf_printf(b, "%.15g", v);
}

void zhei_export_chips_join(zhe_buf *b, const zhe_stored_event *e, const char *sep)
{
    for (size_t i = 0; i < e->n_chips; i++) {
        if (i) zhe_buf_puts(b, sep);
        zhe_buf_puts(b, e->chips[i]);
    }
}

static void S_money(zhe_buf *b, const char *qualifier, double amount, double high,
                    const char *currency);

void zhei_export_headline(zhe_buf *b, const zhe_stored_event *e)
{
    if (e->n_chips) {
        zhei_export_chips_join(b, e, ", ");
        zhe_buf_puts(b, " · ");
    }
    zhe_buf_puts(b, zhei_export_type_word(e->type, ""));
    /* amounts as the news writes them: 约26.5万元, 至少30万元, 1.2万–1.5万美元 */
    if (!isnan(e->amount)) {
        zhe_buf_puts(b, " · ");
        S_money(b, e->qualifier, e->amount, e->high, e->currency);
    }
    if (!isnan(e->quantity)) {
        zhe_buf_puts(b, " · ");
        zhei_export_cn_range(b, e->quantity, e->quantity_high, 1, e->unit ? e->unit : "");
    }
    size_t at = b->len;
    zhe_buf_puts(b, " · ");
    size_t mark = b->len;
    zhei_export_means(b, e);
    if (b->len == mark) zhe_buf_truncate(b, at);
    if (e->sources > 1) zhe_buf_printf(b, " · %zu 篇报道", e->sources);
}

/* The Chinese of name among names[i][0], or NULL. */
static const char *S_zh(const char *const (*names)[2], size_t n, const char *name)
{
    for (size_t i = 0; name && i < n; i++)
        if (strcmp(name, names[i][0]) == 0) return names[i][1];
    return NULL;
}

void zhei_export_means(zhe_buf *b, const zhe_stored_event *e)
{
    static const char *const per[][2] = {
        {"server", "整机"}, {"module", "模组"}, {"system", "系统"}, {"cluster", "集群"}};
    static const char *const period[][2] = {
        {"hour", "每小时租金"}, {"day", "日租金"}, {"month", "月租金"}, {"year", "年租金"}};
    static const char *const market[][2] = {
        {"official", "官方价"}, {"retail", "零售价"}, {"grey", "渠道价"}, {"used", "二手价"}};
    static const char *const modality[][2] = {
        {"expected", "预计"}, {"planned", "计划"}, {"rumored", "传闻"}};
    const char *words[5] = {0};
    size_t n = 0;
    const char *p = S_zh(per, ZHEI_ARRAY_LEN(per), e->per);
    char units[32];
    if (p && e->chips_per_unit) {
        snprintf(units, sizeof units, "%u卡%s", e->chips_per_unit, p);
        p = units;
    }
    if (p) words[n++] = p;
    if ((p = S_zh(period, ZHEI_ARRAY_LEN(period), e->period))) words[n++] = p;
    if ((p = S_zh(market, ZHEI_ARRAY_LEN(market), e->market))) words[n++] = p;
    if ((p = S_zh(modality, ZHEI_ARRAY_LEN(modality), e->modality))) words[n++] = p;
    if (e->polarity && strcmp(e->polarity, "negative") == 0) words[n++] = "否定";
    for (size_t i = 0; i < n; i++) {
        if (i) zhe_buf_puts(b, "，");
        zhe_buf_puts(b, words[i]);
    }
}

/* ------------------------------------------- amounts as news writes them */

/* v with at most `decimals` decimals, trailing zeros dropped. */
static void S_trim_num(zhe_buf *b, double v, int decimals)
{
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
    char *dot = strchr(tmp, '.');
    if (dot) {
        char *end = tmp + strlen(tmp);
        while (end > dot + 1 && end[-1] == '0') *--end = '\0';
        if (end == dot + 1) *dot = '\0';
    }
    if (strcmp(tmp, "-0") == 0) strcpy(tmp, "0");
    zhe_buf_puts(b, tmp);
}

/* Does v / unit have at most `decimals` decimals? */
static int S_exact_in(double v, double unit, int decimals)
{
    double q = v / unit * pow(10, decimals);
    return fabs(q - round(q)) < 1e-6 * fmax(1, fabs(q));
}

const char *zhei_export_cn_num(zhe_buf *b, double v, int exact)
{
    double a = fabs(v);
    if (a >= 1e8 && (!exact || S_exact_in(v, 1e8, 4))) {
        S_trim_num(b, v / 1e8, exact ? 4 : 2);
        zhe_buf_puts(b, "亿");
        return "亿";
    }
    if (a >= 1e4 && (!exact || S_exact_in(v, 1e4, 2))) {
        S_trim_num(b, v / 1e4, 2);
        zhe_buf_puts(b, "万");
        return "万";
    }
    S_trim_num(b, v, exact ? 4 : (a >= 100 ? 0 : 2));
    return "";
}

void zhei_export_cn_range(zhe_buf *b, double lo, double hi, int exact, const char *unit)
{
    const char *u_lo = zhei_export_cn_num(b, lo, exact);
    if (!isnan(hi)) {
        zhe_buf t = ZHE_BUF_INIT;
        const char *u_hi = zhei_export_cn_num(&t, hi, exact);
        if (strcmp(u_lo, u_hi) != 0) zhe_buf_puts(b, unit);
        zhe_buf_puts(b, "–");
        zhe_buf_put(b, t.ptr, t.len);
        zhe_buf_clear(&t);
    }
    zhe_buf_puts(b, unit);
}

/* A currency's name after an amount: 元, 美元, 日元 …, or " XYZ" (raw). */
static const char *S_currency(zhe_buf *tmp, const char *code)
{
    static const char *const names[][2] = {
        {"CNY", "元"},   {"USD", "美元"}, {"HKD", "港元"},   {"JPY", "日元"},
        {"EUR", "欧元"}, {"TWD", "新台币"}, {"GBP", "英镑"}, {"KRW", "韩元"},
        {"SGD", "新加坡元"},
    };
    if (!code) return "";
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(names); i++)
        if (strcmp(code, names[i][0]) == 0) return names[i][1];
    zhe_buf_truncate(tmp, 0);
    zhe_buf_printf(tmp, " %s", code);
    return tmp->ptr;
}

/* The word a money qualifier puts before the amount. */
static const char *S_qualifier(const char *q)
{
    static const char *const words[][2] = {
        {"approx", "约"},  {"at_least", "至少"}, {"at_most", "至多"}, {"more_than", "超过"},
        {"max", "最高"},   {"min", "最低"},
    };
    for (size_t i = 0; q && i < ZHEI_ARRAY_LEN(words); i++)
        if (strcmp(q, words[i][0]) == 0) return words[i][1];
    return "";
}

/* An amount as the news writes it: its qualifier's word, 万 and 亿, a
 * range with –, the currency's name (约1.2万–1.5万美元). */
static void S_money(zhe_buf *b, const char *qualifier, double amount, double high,
                    const char *currency)
{
    zhe_buf cur = ZHE_BUF_INIT;
    zhe_buf_puts(b, S_qualifier(qualifier));
    zhei_export_cn_range(b, amount, high, 1, S_currency(&cur, currency));
    zhe_buf_clear(&cur);
}

void zhei_export_money(zhe_buf *b, const zhei_export_event *e)
{
    S_money(b, e->qualifier, e->amount, e->high, e->currency);
}

void zhei_export_money_cny(zhe_buf *b, const zhei_export_event *e)
{
    if (isnan(e->amount_cny) || (e->currency && strcmp(e->currency, "CNY") == 0)) return;
    zhe_buf_puts(b, "≈ ");
    zhei_export_cn_range(b, e->amount_cny, e->high_cny, 0, "元");
}

void zhei_export_quantity(zhe_buf *b, const zhei_export_event *e)
{
    zhei_export_cn_range(b, e->quantity, e->quantity_high, 1, e->unit ? e->unit : "");
}
