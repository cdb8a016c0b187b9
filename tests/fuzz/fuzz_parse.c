/*
** fuzz_parse.c — fuzz target for the two readers of the extract stage that
** take text straight: the number reader and the dater.
**
** The first input byte picks what to run: zhe_number_parse at every byte
** of the rest, or a dater (with one of a few publication dates) over the
** rest cut into sentences at '\n'.  Any bytes at all, valid UTF-8 or not,
** must be survived.  Beyond "no crash": a number never reads past its
** text, and its values are finite, a range's upper end above its lower; a
** date lies inside its sentence, and its first and last days are real
** days, in order, between the years 1 and 2999.
**
** Built with -Dfuzzing=true -Dfuzzer_ldflags=-fsanitize=fuzzer it is a
** libFuzzer target; otherwise fuzz_main.c replays a corpus through it.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zhevents/zhevents.h>

static void S_fail(const char *what, const char *s, size_t len)
{
    fprintf(stderr, "invariant broken: %s (in \"%.*s\")\n", what, (int)(len > 80 ? 80 : len),
            s);
    abort();
}

/* Whether d is "YYYY-MM-DD", a real day between the years 1 and 2999. */
static int S_day_ok(const char *d)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, dd;
    char tail;
    if (strlen(d) != 10 || sscanf(d, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3) return 0;
    if (y < 1 || y > 2999 || m < 1 || m > 12 || dd < 1 || dd > mdays[m - 1]) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && dd == 29 && !leap);
}

static void S_numbers(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        zhe_number num;
        size_t n = zhe_number_parse(s + i, len - i, &num);
        if (!n) continue;
        if (n > len - i) S_fail("a number read past its text", s + i, len - i);
        if (!isfinite(num.value) || num.value < 0) S_fail("a value not finite", s + i, n);
        if (!isnan(num.high) && !(isfinite(num.high) && num.high > num.value))
            S_fail("a range whose upper end is not above its lower", s + i, n);
        if (!zhe_qualifier_str(num.qualifier)) S_fail("an unknown qualifier", s + i, n);
    }
}

static void S_dates(const char *s, size_t len, const char *published)
{
    zhe_dater *d;
    zhe_dater_new(published, &d, NULL);
    zhe_date_mention dm[16];
    for (size_t at = 0; at <= len;) {
        const char *nl = memchr(s + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - s) : len;
        size_t n = zhe_dater_find(d, s + at, end - at, dm, 16);
        for (size_t k = 0; k < n && k < 16; k++) {
            if (dm[k].start >= dm[k].end || dm[k].end > end - at)
                S_fail("a date outside its sentence", s + at, end - at);
            if (!dm[k].tx.value[0] || !dm[k].rule || !S_day_ok(dm[k].tx.start) ||
                !S_day_ok(dm[k].tx.end) || strcmp(dm[k].tx.start, dm[k].tx.end) > 0)
                S_fail("a date whose days are not real days in order", s + at, end - at);
        }
        if (end + 1 < len && s[end + 1] == '\n') zhe_dater_paragraph(d);
        at = end + 1;
    }
    zhe_dater_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const published[] = {"", "2023-11-09", "2024-01-01", "2024-02-29",
                                            "1000-01-01", "2999-12-31"};
    if (size < 1) return 0;
    const char *s = (const char *)data + 1;
    size_t len = size - 1;
    /* a copy of exactly len bytes, so reading past it is caught */
    char *copy = malloc(len ? len : 1);
    if (!copy) abort();
    memcpy(copy, s, len);
    if (data[0] & 1)
        S_dates(copy, len, published[(data[0] >> 1) % (sizeof published / sizeof *published)]);
    else
        S_numbers(copy, len);
    free(copy);
    return 0;
}
