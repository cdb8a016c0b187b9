/*
** case.h — what the table-driven tests that run a case through the
** pipeline share (test_extract.c, test_link.c): reading the table file,
** and making one prepared article of a case's text, as the CLI reads a
** plain-text file.
*/
#ifndef ZHE_TEST_CASE_H
#define ZHE_TEST_CASE_H

#include <stdio.h>
#include <string.h>
#include <zhevents/zhevents.h>

/* A buffer's text, "" before its first write. */
__attribute__((unused)) static const char *case_str(const zhe_buf *b)
{
    return b->ptr ? b->ptr : "";
}

/* Read the file at path into b.  Returns 1 on success. */
__attribute__((unused)) static int case_slurp(const char *path, zhe_buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) zhe_buf_put(b, chunk, n);
    int good = !ferror(f);
    fclose(f);
    return good;
}

/* Split the table line[0..n) into its three tab-separated fields f[],
 * fl[].  Returns 1 when there are exactly three. */
__attribute__((unused)) static int case_fields(const char *line, size_t n, const char *f[3],
                                               size_t fl[3])
{
    size_t nf = 0, k = 0;
    while (nf < 3) {
        const char *tab = memchr(line + k, '\t', n - k);
        size_t e = tab ? (size_t)(tab - line) : n;
        f[nf] = line + k;
        fl[nf++] = e - k;
        if (!tab) break;
        k = e + 1;
    }
    return nf == 3 && !memchr(f[2], '\t', fl[2]);
}

typedef struct {
    zhe_article *a;
    size_t n;
    char message[512];
} case_got;

static void case_collect(void *ctx, zhe_status st, zhe_article *a, const zhe_error *err)
{
    case_got *g = ctx;
    g->n++;
    if (st != ZHE_OK) snprintf(g->message, sizeof g->message, "%s", err ? err->message : "");
    if (a && !g->a) {
        g->a = a;
        return;
    }
    zhe_article_free(a);
}

/*
** The one article of the plain-text file doc[0..len) (a title line, the
** publication date, the body), read with p's text state and run through
** the pipeline short of the record (zhe_pipeline_extract): prepared, its
** mentions in *ms and its events in *evs (both empty before).  Returns
** the article (caller frees), or NULL with why (why_cap bytes) saying what
** went wrong.
*/
__attribute__((unused)) static zhe_article *case_article(const zhe_pipeline *p, const char *doc,
                                                         size_t len, zhe_mentions *ms,
                                                         zhe_events *evs, char *why,
                                                         size_t why_cap)
{
    case_got g = {NULL, 0, ""};
    zhe_text_read_buffer(zhe_pipeline_text(p), "case.txt", doc, len, case_collect, &g);
    zhe_error err;
    if (g.n != 1 || !g.a) {
        snprintf(why, why_cap, "read %zu articles, wanted one (%s)", g.n, g.message);
    } else if (zhe_pipeline_extract(p, g.a, ms, evs, &err) != ZHE_OK) {
        snprintf(why, why_cap, "zhe_pipeline_extract: %s", err.message);
    } else {
        return g.a;
    }
    zhe_article_free(g.a);
    return NULL;
}

#endif /* ZHE_TEST_CASE_H */
