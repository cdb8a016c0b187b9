/*
** cmd_map.c — `zhevents map`: the map step of a distributed run (Hadoop
** Streaming, Spark's rdd.pipe, GNU parallel --pipepart).  JSON Lines
** articles come in on standard input; for every line one line goes out:
** the article's record as `zhevents load` stores it (the extract record
** with what storing needs: hash, sentences and their segmented text), or
** {"error": …, "line": N} for a line that cannot be read — or that goes
** to --errors FILE instead; a line longer than --max-article-bytes is
** read on to its end but never held.  Each line is flushed as it is
** written, so a streaming engine sees progress and a killed task loses
** nothing it reported.  Nothing depends on HOME, the locale or the
** working directory: the same input gives the same bytes anywhere.
*/
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    zhe_pipeline *pipe;
    zhe_reader *rd;
    FILE *errors;           /* where error records go: stdout, or --errors FILE */
    zhe_buf out;            /* the line being written */
    uint64_t records, failed;
} S_map;

/* Map line `line` (s[0..len)) to out.  Returns 1 for a record, 0 for an
 * error record. */
static int S_line(S_map *m, uint64_t line, const char *s, size_t len, zhe_buf *out)
{
    zhe_error err;
    zhe_article *a = NULL;
    zhe_record *r = NULL;
    zhe_status st = zhe_reader_jsonl_line(m->rd, "-", line, s, len, &a, &err);
    if (st == ZHE_OK) st = zhe_pipeline_run(m->pipe, a, &r, &err);
    if (st != ZHE_OK) {
        zhe_record_write_error_json(line, a ? a->id : NULL, &err, out);
        zhe_article_free(a);
        return 0;
    }
    zhe_article_free(a);
    zhe_record_write_json(r, ZHE_RECORD_STORE, out);
    zhe_record_free(r);
    return 1;
}

/* Write out and a line end to f, and flush it.  Returns 0, or -1. */
static int S_emit(FILE *f, zhe_buf *out)
{
    zhe_buf_putc(out, '\n');
    if (fwrite(out->ptr, 1, out->len, f) != out->len || fflush(f) != 0) return -1;
    return 0;
}

int zhe_cmd_map(int argc, char **argv)
{
    zhe_cli_input in;
    int rc = zhe_cli_input_parse_ex("map", argc, argv, &in, ZHE_CLI_MAP_OPTIONS);
    if (rc >= 0) return rc;
    if (in.format) return zhe_cli_usage_error("map", "map has no --format: it writes JSON Lines");
    if (optind < argc)
        return zhe_cli_usage_error("map", "map reads standard input only, not '%s'",
                                   argv[optind]);

    S_map m;
    memset(&m, 0, sizeof m);
    m.errors = stdout;
    zhe_error err;
    rc = zhe_cli_pipeline_open("map", &in, 1, &m.pipe);
    if (rc != ZHE_EXIT_OK) goto out;
    if (in.errors && !(m.errors = fopen(in.errors, "w"))) {
        fprintf(stderr, "zhevents map: %s: cannot write: %s\n", in.errors, strerror(errno));
        m.errors = NULL;
        rc = ZHE_EXIT_IO;
        goto out;
    }
    zhe_reader_new(zhe_pipeline_text(m.pipe), &m.rd, NULL);

    errno = 0;
    zhe_cli_lines *input = zhe_cli_lines_open("-");
    if (!input) {
        fprintf(stderr, "zhevents map: cannot read standard input: %s\n",
                errno ? strerror(errno) : "out of memory");
        rc = ZHE_EXIT_IO;
        goto out;
    }
    zhe_buf line = ZHE_BUF_INIT;
    size_t max = in.text.max_article_bytes, len;
    uint64_t no = 0;
    rc = ZHE_EXIT_OK;
    while (zhe_cli_lines_next(input, max, &line, &len) > 0) {
        no++;
        zhe_buf_truncate(&m.out, 0);
        int ok = 0;
        if (len > max) {
            zhe_error_set(&err, ZHE_ERR_TOO_BIG, "-", no, UINT64_MAX,
                          "record of %zu bytes exceeds the limit of %zu bytes "
                          "(--max-article-bytes)", len, max);
            zhe_record_write_error_json(no, NULL, &err, &m.out);
        } else if ((ok = S_line(&m, no, line.ptr, line.len, &m.out)) &&
                   m.out.len > ZHE_CLI_MAX_RECORD_BYTES) {
            zhe_error_set(&err, ZHE_ERR_TOO_BIG, "-", no, UINT64_MAX,
                          "the article's record of %zu bytes exceeds load's limit of %zu "
                          "bytes", m.out.len, ZHE_CLI_MAX_RECORD_BYTES);
            zhe_buf_truncate(&m.out, 0);
            zhe_record_write_error_json(no, NULL, &err, &m.out);
            ok = 0;
        }
        if (ok) m.records++;
        else m.failed++;
        if (S_emit(ok ? stdout : m.errors, &m.out) != 0) {
            fprintf(stderr, "zhevents map: cannot write the output: %s\n", strerror(errno));
            rc = ZHE_EXIT_IO;
            break;
        }
    }
    zhe_buf_clear(&line);
    const char *why = zhe_cli_lines_error(input);
    zhe_cli_lines_close(input);
    if (rc == ZHE_EXIT_OK && why) {
        fprintf(stderr, "zhevents map: cannot read standard input: %s\n", why);
        rc = ZHE_EXIT_IO;
    }
    if (in.verbose)
        fprintf(stderr, "zhevents map: %llu lines: %llu records, %llu errors\n",
                (unsigned long long)no, (unsigned long long)m.records,
                (unsigned long long)m.failed);
    if (rc == ZHE_EXIT_OK && m.failed && in.strict) rc = ZHE_EXIT_REJECTS;

out:
    if (m.errors && m.errors != stdout && fclose(m.errors) != 0 && rc == ZHE_EXIT_OK) {
        fprintf(stderr, "zhevents map: %s: cannot write: %s\n", in.errors, strerror(errno));
        rc = ZHE_EXIT_IO;
    }
    zhe_buf_clear(&m.out);
    zhe_reader_free(m.rd);
    zhe_pipeline_free(m.pipe);
    return rc;
}
