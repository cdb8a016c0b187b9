/*
** cmd_extract.c — `zhevents extract`: every article read becomes one JSON
** line with its metadata, mentions and events (the record format of
** DESIGN.md, scored by shared/tools/score.py).
*/
#include "cli.h"

#include <getopt.h>
#include <string.h>

typedef struct {
    zhe_extractor *ex;
    zhe_linker *lk;
    zhe_buf line;           /* the JSON line being written */
} S_ctx;

/* Write article a as one JSON line on stdout.  Returns non-zero if the
 * output cannot be written. */
static int S_print_jsonl(void *ctx, zhe_article *a)
{
    S_ctx *c = ctx;
    zhe_mentions ms = {0};
    zhe_events evs = {0};
    zhe_extract(c->ex, a, &ms);
    zhe_link(c->lk, a, &ms, &evs);
    zhe_record *r = zhe_record_new(NULL, a, &ms, &evs);
    zhe_events_clear(&evs);         /* the record has its own copy */
    zhe_mentions_clear(&ms);
    zhe_buf_truncate(&c->line, 0);
    zhe_record_write_json(r, 0, &c->line);
    zhe_buf_putc(&c->line, '\n');
    zhe_record_free(r);
    return fwrite(c->line.ptr, 1, c->line.len, stdout) != c->line.len;
}

int zhe_cmd_extract(int argc, char **argv)
{
    zhe_cli_input in;
    int rc = zhe_cli_input_parse("extract", argc, argv, &in);
    if (rc >= 0) return rc;
    if (in.format && strcmp(in.format, "jsonl") != 0)
        return zhe_cli_usage_error("extract", "unknown format '%s' (known: jsonl)", in.format);
    zhe_error err;
    S_ctx c = { NULL, NULL, ZHE_BUF_INIT };
    if (zhe_extractor_new(in.text.lexicon_dir, &c.ex, &err) != ZHE_OK ||
        zhe_linker_new(in.text.lexicon_dir, &c.lk, &err) != ZHE_OK) {
        fprintf(stderr, "zhevents extract: %s\n", err.message);
        zhe_extractor_free(c.ex);
        return ZHE_EXIT_IO;
    }
    rc = zhe_cli_read_all("extract", &in, argc - optind, argv + optind, S_print_jsonl, &c);
    zhe_buf_clear(&c.line);
    zhe_linker_free(c.lk);
    zhe_extractor_free(c.ex);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "zhevents extract: cannot write the output\n");
        return ZHE_EXIT_IO;
    }
    return rc;
}
