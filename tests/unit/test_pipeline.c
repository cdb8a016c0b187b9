/*
** test_pipeline.c — the pipeline object (src/pipeline/): a string in, a
** record out; the record's mentions and events read through the record's
** accessors; a reader's articles run the same way; threads sharing one
** pipeline get the records one thread gets.  Expected values written by
** hand.
**
**   test_pipeline LEXICON_DIR CORPUS_DIR
*/
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <zhevents/zhevents.h>

#include "tap.h"

static zhe_pipeline *S_pipe;

/* The record of s published on pub, or NULL (a failed check). */
static zhe_record *S_run(const char *s, const char *pub)
{
    zhe_record *r = NULL;
    zhe_error err;
    zhe_status st = zhe_pipeline_run_string(S_pipe, s, strlen(s), pub, &r, &err);
    if (!ok(st == ZHE_OK && r, "run_string of %zu bytes (%s)", strlen(s),
            st == ZHE_OK ? "ok" : err.message))
        return NULL;
    return r;
}

/* Every mention of r as "type text value", joined by " ; ". */
static void S_mentions(const zhe_record *r, zhe_buf *b)
{
    zhe_record_mention m;
    for (size_t i = 0; zhe_record_mention_get(r, i, &m); i++) {
        if (i) zhe_buf_puts(b, " ; ");
        zhe_buf_printf(b, "%s %s [%zu,%zu) ", m.type, m.text, m.start, m.end);
        if (!strcmp(m.type, "chip")) zhe_buf_printf(b, "%s/%s", m.model, m.vendor);
        else if (!strcmp(m.type, "date")) zhe_buf_printf(b, "%s %s..%s", m.timex, m.first, m.last);
        else zhe_buf_printf(b, "%g %s %s", m.amount, m.unit, m.qualifier);
    }
}

static void test_one_line(void)
{
    /* One line is the body, not a title. */
    zhe_record *r = S_run("英伟达H100的售价约为26.5万元。", "2023-09-01");
    if (!r) return;
    zhe_buf b = ZHE_BUF_INIT;
    S_mentions(r, &b);
    is_str(b.ptr, b.len,
           "chip H100 [3,7) H100/NVIDIA ; money 约为26.5万元 [10,18) 265000 CNY approx",
           "one line: its chip and its price");
    is_int(zhe_record_n_events(r), 1, "one line: one event");
    zhe_record_event e;
    ok(zhe_record_event_get(r, 0, &e) && !strcmp(e.type, "price") && e.n_chips == 1 &&
           !strcmp(e.chips[0], "H100") && e.amount == 265000 && !strcmp(e.currency, "CNY") &&
           !strcmp(e.timex, "2023-09-01") && !strcmp(e.basis, "published") &&
           !strcmp(e.trigger, "售价") && isnan(e.quantity) && strlen(e.key) == 16,
       "one line: a price of H100, 265000 CNY, dated by publication");
    ok(!zhe_record_event_get(r, 1, &e), "past the last event: 0");
    ok(!strcmp(zhe_record_id(r), "-"), "the string's id is \"-\"");
    zhe_buf_clear(&b);
    zhe_record_free(r);
}

static void test_lines_and_dates(void)
{
    /* Two lines: both body, and 去年 resolved against the date given. */
    zhe_record *r = S_run("去年10月，A800被禁售。\n今年，价格涨到8万元。", "2024-03-05");
    if (!r) return;
    zhe_buf b = ZHE_BUF_INIT;
    S_mentions(r, &b);
    is_str(b.ptr, b.len,
           "date 去年10月 [0,5) 2023-10 2023-10-01..2023-10-31 ; chip A800 [6,10) A800/NVIDIA ; "
           "date 今年 [15,17) 2024 2024-01-01..2024-12-31 ; money 8万元 [22,25) 80000 CNY exact",
           "two lines: a relative date of each, against 2024-03-05");
    zhe_buf_clear(&b);
    zhe_record_free(r);

    /* Without a date, 去年 has nothing to resolve against. */
    r = S_run("去年10月，A800被禁售。", NULL);
    if (!r) return;
    S_mentions(r, &b);
    is_str(b.ptr, b.len, "chip A800 [6,10) A800/NVIDIA", "no publication date: no 去年");
    zhe_buf_clear(&b);
    zhe_record_free(r);
}

static void test_bad_input(void)
{
    zhe_record *r = (zhe_record *)1;
    zhe_error err;
    const char *s = "H100售价3万美元";
    ok(zhe_pipeline_run_string(S_pipe, s, strlen(s), "next Tuesday", &r, &err) ==
               ZHE_ERR_USAGE && r == NULL,
       "a publication date that is no date: ZHE_ERR_USAGE, no record");
    is_str(err.message, strlen(err.message),
           "cannot read 'next Tuesday' as a publication date", "… and says which");

    /* Bytes that are not UTF-8 become U+FFFD; the rest is read. */
    const char bad[] = "H100\xff\xfe售价3万美元";
    ok(zhe_pipeline_run_string(S_pipe, bad, sizeof bad - 1, NULL, &r, &err) == ZHE_OK,
       "invalid UTF-8: a record");
    if (r) {
        zhe_record_mention m;
        ok(zhe_record_n_mentions(r) == 2 && zhe_record_mention_get(r, 1, &m) &&
               !strcmp(m.type, "money") && m.amount == 30000 && !strcmp(m.unit, "USD"),
           "invalid UTF-8: the chip and the money still found");
        zhe_buf line = ZHE_BUF_INIT;
        zhe_record_write_json(r, 0, &line);
        ok(strstr(line.ptr, "\"replacements\":2") != NULL, "invalid UTF-8: 2 replacements");
        zhe_buf_clear(&line);
        zhe_record_free(r);
    }

    ok(zhe_pipeline_run_string(S_pipe, "", 0, NULL, &r, &err) == ZHE_OK && r &&
           zhe_record_n_mentions(r) == 0 && zhe_record_n_events(r) == 0,
       "an empty string: an empty record");
    zhe_record_free(r);
}

/* A reader's articles run through the pipeline as extract runs them: the
 * corpus's JSON line of an article equals the string run's for its text. */
static void test_reader(const char *corpus)
{
    zhe_reader *rd;
    zhe_reader_new(zhe_pipeline_text(S_pipe), &rd, NULL);
    zhe_buf path = ZHE_BUF_INIT;
    zhe_buf_printf(&path, "%s/text/h20-flash.gbk.txt", corpus);
    zhe_error err;
    ok(zhe_reader_add(rd, path.ptr, &err) == ZHE_OK, "reader: %s", path.ptr);
    zhe_article *a = NULL;
    size_t n = 0, events = 0;
    while (zhe_reader_next(rd, &a, &err) == ZHE_OK) {
        zhe_record *r;
        if (zhe_pipeline_run(S_pipe, a, &r, &err) == ZHE_OK) {
            n++;
            events += zhe_record_n_events(r);
            zhe_record_free(r);
        }
        zhe_article_free(a);
    }
    ok(n == 1 && events >= 1, "reader: the GBK flash is one article with events (%zu)", events);
    zhe_reader_free(rd);
    zhe_buf_clear(&path);
}

/* Threads sharing the pipeline. */
typedef struct {
    const char *text;
    zhe_buf json;
} S_job;

static void *S_thread(void *arg)
{
    S_job *j = arg;
    for (int k = 0; k < 50; k++) {
        zhe_record *r;
        if (zhe_pipeline_run_string(S_pipe, j->text, strlen(j->text), "2023-11-09", &r, NULL) !=
            ZHE_OK)
            return NULL;
        zhe_buf_truncate(&j->json, 0);
        zhe_record_write_json(r, 0, &j->json);
        zhe_record_free(r);
    }
    return NULL;
}

static void test_threads(void)
{
    const char *text = "10月17日，美国商务部宣布A800和H800禁售；此前H800在深圳的报价为25万元一张。";
    zhe_record *r = S_run(text, "2023-11-09");
    if (!r) return;
    zhe_buf want = ZHE_BUF_INIT;
    zhe_record_write_json(r, 0, &want);
    zhe_record_free(r);
    S_job jobs[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (S_job){text, ZHE_BUF_INIT};
        pthread_create(&t[i], NULL, S_thread, &jobs[i]);
    }
    int same = 1;
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        same &= jobs[i].json.len == want.len && !memcmp(jobs[i].json.ptr, want.ptr, want.len);
        zhe_buf_clear(&jobs[i].json);
    }
    ok(same, "four threads, 50 runs each on one pipeline: the one thread's record");
    zhe_buf_clear(&want);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        printf("Bail out! usage: test_pipeline LEXICON_DIR CORPUS_DIR\n");
        return 1;
    }
    zhe_pipeline_options opt;
    zhe_pipeline_options_init(&opt);
    opt.lexicon_dir = argv[1];
    zhe_error err;
    if (zhe_pipeline_new(&opt, &S_pipe, &err) != ZHE_OK) {
        printf("Bail out! %s\n", err.message);
        return 1;
    }
    ok(zhe_pipeline_segmenter(S_pipe) == NULL, "no segmenter unless asked for");
    ok(!strcmp(zhe_lexicon_dir(zhe_pipeline_lexicon(S_pipe)), argv[1]), "its lexicon's directory");
    test_one_line();
    test_lines_and_dates();
    test_bad_input();
    test_reader(argv[2]);
    test_threads();
    zhe_pipeline_free(S_pipe);

    zhe_pipeline *bad;
    opt.lexicon_dir = "/nonexistent";
    ok(zhe_pipeline_new(&opt, &bad, &err) == ZHE_ERR_DATA && bad == NULL,
       "a missing lexicon: ZHE_ERR_DATA (%s)", err.message);
    return tap_done();
}
