/*
** fuzz_sogou.c — fuzz target for the Sogou <doc> reader: the input as a
** file called x.dat through zhe_text_read_buffer, then every article
** through cleaning, normalization and splitting.
**
** The first input byte picks the encoding (GB18030 forced, as the Sogou
** dumps are, or detected) and a record limit of 512 bytes; the rest is
** the file, given a leading "<doc>" when it does not start with one, so
** that the reader stays the Sogou one.  Beyond "no crash": an article is
** of format "sogou", from a line, with an id, clean metadata, a
** publication date that is "" or a real day, and raw text of valid UTF-8
** that is not empty; a rejected record comes back with a message that
** names the file and its line ("x.dat:12: …"); and zhe_text_prepare keeps
** the promises of fuzz_check.h.
**
** Built with -Dfuzzing=true -Dfuzzer_ldflags=-fsanitize=fuzzer it is a
** libFuzzer target; otherwise fuzz_main.c replays a corpus through it.
*/
#include "fuzz_check.h"

#define S_NAME "x.dat"

typedef struct {
    zhe_text *tx;
    int sogou;          /* the file is read as a Sogou dump */
} S_run;

/* Whether message m names the file and a line: "x.dat:N: ", N >= 1. */
static int S_names_line(const char *m)
{
    size_t n = strlen(S_NAME);
    if (strncmp(m, S_NAME ":", n + 1) != 0) return 0;
    char *end;
    unsigned long long v = strtoull(m + n + 1, &end, 10);
    return end != m + n + 1 && v != 0 && strncmp(end, ": ", 2) == 0;
}

static void S_check(void *ctx, zhe_status st, zhe_article *a, const zhe_error *err)
{
    S_run *run = ctx;
    if (st != ZHE_OK) {
        if (a || !err || err->status != st || !err->message[0])
            fuzz_fail("a reject without its status or message", NULL);
        if (strncmp(err->message, S_NAME, strlen(S_NAME)) != 0)
            fuzz_fail("a reject that does not name the file", NULL);
        if (run->sogou && !S_names_line(err->message))
            fuzz_fail("a reject of a record that does not name its line", NULL);
        return;
    }
    fuzz_check_article(a);
    if (run->sogou) {
        if (strcmp(a->format, "sogou") != 0) fuzz_fail("a Sogou article of another format", a->id);
        if (!a->raw_len || !a->line) fuzz_fail("a Sogou article without text or line", a->id);
    }
    if (zhe_text_prepare(run->tx, a, NULL) != ZHE_OK) fuzz_fail("prepare failed", a->id);
    fuzz_check_prepared(a);
    zhe_article_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static zhe_text *texts[2][2];
    if (size < 1) return 0;
    int gb = (data[0] & 1) == 0, small = (data[0] & 2) != 0;
    if (!texts[gb][small]) {
        zhe_text_options opt;
        zhe_text_options_init(&opt);
        opt.encoding = gb ? ZHE_ENC_GB18030 : ZHE_ENC_AUTO;
        if (small) opt.max_article_bytes = 512;
        if (zhe_text_new(&opt, &texts[gb][small], NULL) != ZHE_OK) abort();
    }
    const char *s = (const char *)data + 1;
    size_t len = size - 1, lead = 0;
    while (lead < len && (s[lead] == ' ' || (s[lead] >= '\t' && s[lead] <= '\r'))) lead++;
    size_t pre = len - lead >= 5 && memcmp(s + lead, "<doc>", 5) == 0 ? 0 : 5;
    char *file = malloc(pre + len);     /* exactly the file: overreads are caught */
    if (!file) abort();
    memcpy(file, "<doc>", pre);
    memcpy(file + pre, s, len);
    len += pre;

    /* Read as a Sogou dump unless detection takes it for UTF-16. */
    S_run run = { texts[gb][small], 1 };
    if (!gb) {
        zhe_encoding enc = zhe_encoding_detect(file, len < 65536 ? len : 65536, len < 65536);
        run.sogou = enc != ZHE_ENC_UTF16LE && enc != ZHE_ENC_UTF16BE;
    }
    zhe_text_read_buffer(run.tx, S_NAME, file, len, S_check, &run);
    free(file);
    return 0;
}
