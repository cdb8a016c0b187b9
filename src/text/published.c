/*
** published.c — publication dates as scrapers and news sites write them,
** to one ISO form: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" (local time as
** written; a zone suffix is dropped).
**
**   2023年11月9日 15:16      2024年01月15日 09:30     2023-12-07 14:20
**   2023/12/07               2023.12.07               2023-12-07T14:20:00+08:00
**   1699514400 (Unix seconds, taken as China Standard Time, UTC+8)
**   1699514400000 (milliseconds)
**
** The same parser finds the date of a dateline, the short line near the
** top of a page or an article that gives its date and source
** ("2023-12-07 14:20 来源：经济日报"): html.c looks for one in a page's
** byline, clean.c cuts it from the text.
**
** This is the metadata parser only.  Dates inside article sentences
** (去年10月, 24日晚间) are the extractor's business.
*/
#include "text_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Parse 1–`max` ASCII digits at s[*i]; returns -1 if none. */
static int S_num(const char *s, size_t len, size_t *i, int max)
{
    int v = 0, n = 0;
    while (*i < len && n < max && s[*i] >= '0' && s[*i] <= '9') {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        n++;
    }
    return n ? v : -1;
}

/* Skip ASCII spaces and U+3000. */
static void S_space(const char *s, size_t len, size_t *i)
{
    for (;;) {
        if (*i < len && (s[*i] == ' ' || s[*i] == '\t')) (*i)++;
        else if (*i + 3 <= len && memcmp(s + *i, "\xE3\x80\x80", 3) == 0) *i += 3;
        else break;
    }
}

/* Match the literal lit at s[*i]. */
static int S_lit(const char *s, size_t len, size_t *i, const char *lit)
{
    size_t n = strlen(lit);
    if (*i + n <= len && memcmp(s + *i, lit, n) == 0) {
        *i += n;
        return 1;
    }
    return 0;
}

/* Write "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM" when hh >= 0, into out[17].
 * The callers have checked the ranges. */
static void S_format(char out[17], int y, int m, int d, int hh, int mm)
{
    unsigned v[5] = { (unsigned)y % 10000, (unsigned)m % 100, (unsigned)d % 100,
                      (unsigned)hh % 100, (unsigned)mm % 100 };
    if (hh >= 0)
        snprintf(out, 17, "%04u-%02u-%02uT%02u:%02u", v[0], v[1], v[2], v[3], v[4]);
    else
        snprintf(out, 17, "%04u-%02u-%02u", v[0], v[1], v[2]);
}

/* A Unix time (seconds or milliseconds) at the whole of s, as China time. */
static size_t S_unix(const char *s, size_t len, char out[17])
{
    size_t n = 0;
    while (n < len && s[n] >= '0' && s[n] <= '9') n++;
    if (n != len || (n != 10 && n != 13)) return 0;
    long long v = 0;
    for (size_t i = 0; i < 10; i++) v = v * 10 + (s[i] - '0');
    time_t t = (time_t)(v + 8 * 3600);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || tm.tm_year + 1900 < 1990 || tm.tm_year + 1900 > 2100) return 0;
    S_format(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
    return n;
}

size_t zhe_published_parse(const char *s, size_t len, char out[17])
{
    size_t u = S_unix(s, len, out);
    if (u) return u;

    size_t i = 0;
    int y = S_num(s, len, &i, 4);
    if (y < 1990 || y > 2100 || i != 4) return 0;
    int cjk;
    if (S_lit(s, len, &i, "年")) cjk = 1;
    else if (i < len && (s[i] == '-' || s[i] == '/' || s[i] == '.')) cjk = 0, i++;
    else return 0;
    char sep = cjk ? 0 : s[i - 1];
    int m = S_num(s, len, &i, 2);
    if (m < 1 || m > 12) return 0;
    if (cjk ? !S_lit(s, len, &i, "月") : !(i < len && s[i] == sep && (i++, 1))) return 0;
    int d = S_num(s, len, &i, 2);
    if (d < 1 || d > zhei_days_in_month(y, m)) return 0;
    int closed = cjk && (S_lit(s, len, &i, "日") || S_lit(s, len, &i, "号"));
    /* The date must end here: not run on into more digits, unless 日 closed
     * it (2024年3月22日10:30, as the normalizer writes it). */
    if (!closed && i < len && s[i] >= '0' && s[i] <= '9') return 0;
    size_t date_end = i;
    S_format(out, y, m, d, -1, -1);

    /* An optional time: " 15:16", "T14:20:00+08:00". */
    size_t j = i;
    if (j < len && s[j] == 'T') j++;
    else S_space(s, len, &j);
    size_t k = j;
    int hh = S_num(s, len, &k, 2);
    if (hh < 0 || hh > 23 || !(k < len && s[k] == ':')) return date_end;
    k++;
    size_t mstart = k;
    int mm = S_num(s, len, &k, 2);
    if (mm < 0 || mm > 59 || k - mstart != 2) return date_end;
    if (k < len && s[k] == ':') {
        size_t k2 = k + 1;
        int ss = S_num(s, len, &k2, 2);
        if (ss >= 0 && ss <= 60) k = k2;
    }
    if (k < len && s[k] == '.') {       /* fractions of a second */
        size_t k2 = k + 1;
        if (S_num(s, len, &k2, 9) >= 0) k = k2;
    }
    if (k < len && s[k] == 'Z') k++;
    else if (k + 6 <= len && (s[k] == '+' || s[k] == '-') && s[k + 3] == ':') k += 6;
    S_format(out, y, m, d, hh, mm);
    return k;
}

/* Set a->published from a metadata value (trimmed of spaces and tabs) if it
 * parses; returns 1 if it did, 0 (a left as it was) if not. */
int zhei_published_set(zhe_article *a, const char *s, size_t len)
{
    while (len && (s[0] == ' ' || s[0] == '\t')) s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
    char out[17];
    size_t n = zhe_published_parse(s, len, out);
    if (!n) return 0;
    zhei_str_set(&a->published, out, strlen(out));
    return 1;
}

/* ------------------------------------------------------------ datelines */

/* 1 if s[0..len) holds sentence punctuation: a dateline has none.  The
 * text may be NFKC-folded already, where ！？； are ASCII. */
static int S_has_sentence_punct(const char *s, size_t len)
{
    static const char *const p[] = { "。", "，", "！", "？", "；" };
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(p); i++)
        if (zhei_memmem(s, len, p[i], strlen(p[i]))) return 1;
    for (size_t i = 0; i < len; i++)
        if (s[i] == ',' || s[i] == '!' || s[i] == '?' || s[i] == ';') return 1;
    return 0;
}

/* Is the paragraph s[0..len) a dateline?  1: all of it; 2: a leading date
 * and white space, *prefix bytes; 0: neither (see text_int.h).  The date
 * goes to out. */
int zhei_dateline(const char *s, size_t len, char out[17], size_t *prefix)
{
    size_t scan = ZHEI_MIN(len, 96);
    *prefix = 0;
    for (size_t i = 0; i < scan; i++) {
        if (s[i] < '0' || s[i] > '9' || (i && s[i - 1] >= '0' && s[i - 1] <= '9')) continue;
        size_t n = zhe_published_parse(s + i, len - i, out);
        if (!n) continue;
        if (len <= 160 && !S_has_sentence_punct(s, len)) return 1;
        size_t ws = 0, k;
        while ((k = zhei_space_len(s + n + ws, len - n - ws))) ws += k;
        if (i == 0 && ws) {
            *prefix = n + ws;
            return 2;
        }
        return 0;
    }
    return 0;
}
