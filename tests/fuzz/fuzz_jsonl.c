/*
** fuzz_jsonl.c — fuzz target for the JSON Lines reader: each line of the
** input through zhe_reader_jsonl_line (as `zhevents map` reads its
** standard input), then the whole input through zhe_text_read_buffer as
** a file called x.jsonl.
**
** The first input byte picks options (a record limit of 512 bytes); the
** rest is the file.  Beyond "no crash": an article has an id, clean
** metadata, a publication date that is "" or a real day (with a time of
** day that is one), raw text of valid UTF-8 that is not blank, and the
** line it came from; a rejected line comes back as an error status with
** a message that names the file and the line ("x.jsonl:7: …").  When the
** file is valid UTF-8 and starts with '{', reading it whole gives, line
** for line, the very articles and rejects that reading it line by line
** does.
**
** Built with -Dfuzzing=true -Dfuzzer_ldflags=-fsanitize=fuzzer it is a
** libFuzzer target; otherwise fuzz_main.c replays a corpus through it.
*/
#include "fuzz_check.h"

#define S_NAME "x.jsonl"

/* What reading one line gave, to compare the whole file's reading with. */
typedef struct {
    zhe_status st;
    char *raw, *title, *published;
    size_t raw_len;
} S_result;

typedef struct {
    S_result *v;
    size_t n, cap;
    size_t at;          /* results the whole file's reading has matched */
    int compare;        /* the whole file must match them */
    int jsonl;          /* the whole file is read as JSON Lines */
} S_run;

/* Whether message m names the file and a line: "x.jsonl:N: ", N >= 1
 * (and, if line is not 0, N == line). */
static int S_names_line(const char *m, uint64_t line)
{
    size_t n = strlen(S_NAME);
    if (strncmp(m, S_NAME ":", n + 1) != 0) return 0;
    char *end;
    unsigned long long v = strtoull(m + n + 1, &end, 10);
    if (end == m + n + 1 || v == 0 || strncmp(end, ": ", 2) != 0) return 0;
    return !line || v == line;
}

static void S_check_jsonl_article(const zhe_article *a)
{
    fuzz_check_article(a);
    if (strcmp(a->format, "jsonl") != 0) fuzz_fail("a JSON Lines article of another format", a->id);
    if (!a->raw_len || strspn(a->raw, " \t\r\n") == a->raw_len)
        fuzz_fail("an article of blank text", a->id);
    if (!a->line) fuzz_fail("an article of no line", a->id);
}

static void S_whole(void *ctx, zhe_status st, zhe_article *a, const zhe_error *err)
{
    S_run *run = ctx;
    if (st == ZHE_OK) {
        fuzz_check_article(a);
        if (run->jsonl) S_check_jsonl_article(a);
    } else {
        if (a || !err || err->status != st || !err->message[0])
            fuzz_fail("a reject without its status or message", NULL);
        if (strncmp(err->message, S_NAME, strlen(S_NAME)) != 0)
            fuzz_fail("a reject that does not name the file", NULL);
        if (run->jsonl && !S_names_line(err->message, 0))
            fuzz_fail("a reject of a line that does not name the line", NULL);
    }
    if (run->compare) {
        if (run->at >= run->n) fuzz_fail("more records read whole than line by line", NULL);
        const S_result *r = &run->v[run->at++];
        if (r->st != st) fuzz_fail("a line read otherwise whole than alone", a ? a->id : NULL);
        if (st == ZHE_OK &&
            (r->raw_len != a->raw_len || memcmp(r->raw, a->raw, a->raw_len) != 0 ||
             strcmp(r->title, a->title) != 0 || strcmp(r->published, a->published) != 0))
            fuzz_fail("an article read otherwise whole than alone", a->id);
    }
    zhe_article_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static zhe_text *texts[2];
    static zhe_reader *readers[2];
    if (size < 1) return 0;
    int small = data[0] & 1;
    if (!texts[small]) {
        zhe_text_options opt;
        zhe_text_options_init(&opt);
        if (small) opt.max_article_bytes = 512;
        if (zhe_text_new(&opt, &texts[small], NULL) != ZHE_OK) abort();
        zhe_reader_new(texts[small], &readers[small], NULL);
    }
    const char *s = (const char *)data + 1;
    size_t len = size - 1;
    char *copy = malloc(len ? len : 1);     /* exactly len bytes: overreads are caught */
    if (!copy) abort();
    memcpy(copy, s, len);

    /* Read as the whole file would be: valid UTF-8 that starts with '{'
     * (no byte order mark, no white space first). */
    S_run run = { NULL, 0, 0, 0, 0, 0 };
    zhe_encoding enc = zhe_encoding_detect(copy, len < 65536 ? len : 65536, len < 65536);
    run.jsonl = len && copy[0] == '{' && enc != ZHE_ENC_UTF16LE && enc != ZHE_ENC_UTF16BE;
    run.compare = run.jsonl && enc == ZHE_ENC_UTF8 && zhe_utf8_valid(copy, len);

    uint64_t line = 0;
    for (size_t at = 0; at < len;) {
        const char *nl = memchr(copy + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - copy) : len;
        line++;
        zhe_article *a = NULL;
        zhe_error err;
        zhe_status st = zhe_reader_jsonl_line(readers[small], S_NAME, line, copy + at, end - at,
                                              &a, &err);
        int blank = 1;
        for (size_t i = at; i < end && blank; i++)
            blank = copy[i] == ' ' || (copy[i] >= '\t' && copy[i] <= '\r');
        if (st == ZHE_OK) {
            S_check_jsonl_article(a);
            if (a->line != line || blank) fuzz_fail("an article of another line", a->id);
        } else {
            if (a || st == ZHE_DONE || err.status != st || !S_names_line(err.message, line))
                fuzz_fail("a reject that does not name its line", NULL);
            /* (the limit is checked first: a long blank line is too big) */
            int as_blank = st == ZHE_ERR_EMPTY && strstr(err.message, "a blank line") != NULL;
            if (as_blank ? !blank : blank && st != ZHE_ERR_TOO_BIG)
                fuzz_fail("a blank line rejected otherwise, or a line rejected as blank", NULL);
        }
        if (run.compare && !blank) {
            if (run.n == run.cap) {
                run.cap = run.cap ? 2 * run.cap : 16;
                run.v = realloc(run.v, run.cap * sizeof *run.v);
                if (!run.v) abort();
            }
            S_result *r = &run.v[run.n++];
            r->st = st;
            r->raw = a ? zhe_strndup(a->raw, a->raw_len) : NULL;
            r->raw_len = a ? a->raw_len : 0;
            r->title = a ? zhe_strdup(a->title) : NULL;
            r->published = a ? zhe_strdup(a->published) : NULL;
        }
        zhe_article_free(a);
        at = end + 1;
    }

    zhe_text_read_buffer(texts[small], S_NAME, copy, len, S_whole, &run);
    if (run.compare && run.at != run.n)
        fuzz_fail("fewer records read whole than line by line", NULL);
    for (size_t i = 0; i < run.n; i++) {
        zhe_free(run.v[i].raw);
        zhe_free(run.v[i].title);
        zhe_free(run.v[i].published);
    }
    free(run.v);
    free(copy);
    return 0;
}
