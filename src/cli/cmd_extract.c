/*
** cmd_extract.c — `zhevents extract`: every article read becomes one JSON
** line with its metadata, mentions and events (the record format of
** DESIGN.md, scored by shared/tools/score.py).
*/
#include "cli.h"

#include <getopt.h>
#include <string.h>

/* Write article a's record r as one JSON line on stdout.  Returns
 * non-zero if the output cannot be written. */
static int S_print_jsonl(void *ctx, zhe_article *a, const zhe_record *r)
{
    zhe_buf *line = ctx;
    (void)a;
    zhe_buf_truncate(line, 0);
    zhe_record_write_json(r, 0, line);
    zhe_buf_putc(line, '\n');
    return fwrite(line->ptr, 1, line->len, stdout) != line->len;
}

int zhe_cmd_extract(int argc, char **argv)
{
    zhe_cli_input in;
    int rc = zhe_cli_input_parse("extract", argc, argv, &in);
    if (rc >= 0) return rc;
    if (in.format && strcmp(in.format, "jsonl") != 0)
        return zhe_cli_usage_error("extract", "unknown format '%s' (known: jsonl)", in.format);
    zhe_buf line = ZHE_BUF_INIT;
    rc = zhe_cli_read_all("extract", &in, 1, argc - optind, argv + optind, S_print_jsonl, &line);
    zhe_buf_clear(&line);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "zhevents extract: cannot write the output\n");
        return ZHE_EXIT_IO;
    }
    return rc;
}
