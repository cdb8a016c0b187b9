/*
** cmd_show.c — `zhevents show`: an article as zhevents sees it after
** cleaning and normalization, for a person checking the text stage: a
** header, then one sentence a line, a blank line between paragraphs.
*/
#include "cli.h"

#include <getopt.h>
#include <string.h>

static int S_show(void *ctx, zhe_article *a, const zhe_record *r)
{
    (void)ctx, (void)r;
    printf("== %s\n", a->id);
    printf("title: %s\n", a->title);
    printf("published: %s\n", *a->published ? a->published : "(unknown)");
    printf("source: %s\n", a->source);
    printf("format: %s, encoding: %s, replaced bytes: %zu%s\n", a->format, a->encoding,
           a->replacements, a->traditional ? ", converted from traditional" : "");
    printf("--\n");
    size_t prev_end = 0;
    for (size_t i = 0; i < a->n_sentences; i++) {
        const zhe_span *s = &a->sentences[i];
        if (i && memchr(a->norm + prev_end, '\n', s->off - prev_end)) putchar('\n');
        fwrite(a->norm + s->off, 1, s->len, stdout);
        putchar('\n');
        prev_end = s->off + s->len;
    }
    putchar('\n');
    return ferror(stdout) != 0;
}

int zhe_cmd_show(int argc, char **argv)
{
    zhe_cli_input in;
    int rc = zhe_cli_input_parse("show", argc, argv, &in);
    if (rc >= 0) return rc;
    if (in.format) return zhe_cli_usage_error("show", "show has no --format");
    rc = zhe_cli_read_all("show", &in, 0, argc - optind, argv + optind, S_show, NULL);
    if (fflush(stdout) != 0) return ZHE_EXIT_IO;
    return rc;
}
