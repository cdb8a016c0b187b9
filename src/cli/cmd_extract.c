/*
** cmd_extract.c — `zhevents extract`: every article read becomes one JSON
** line with its metadata, mentions and events (the record format of
** DESIGN.md, scored by shared/tools/score.py).
*/
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <string.h>

static json_t *S_str(const char *s)
{
    return json_stringn(s, strlen(s));
}

/* Write article a as one JSON line on stdout.  Returns non-zero if the
 * output cannot be written. */
static int S_print_jsonl(void *ctx, zhe_article *a)
{
    (void)ctx;
    json_t *o = json_object();
    json_object_set_new(o, "id", S_str(a->id));
    json_object_set_new(o, "title", S_str(a->title));
    json_object_set_new(o, "published", *a->published ? S_str(a->published) : json_null());
    json_object_set_new(o, "encoding", S_str(a->encoding));
    json_object_set_new(o, "format", S_str(a->format));
    json_object_set_new(o, "source", S_str(a->source));
    json_object_set_new(o, "url", S_str(a->url));
    json_object_set_new(o, "replacements", json_integer((json_int_t)a->replacements));
    json_object_set_new(o, "traditional", json_boolean(a->traditional));
    json_object_set_new(o, "sentences", json_integer((json_int_t)a->n_sentences));
    json_object_set_new(o, "mentions", json_array());
    json_object_set_new(o, "events", json_array());
    int bad = json_dumpf(o, stdout, JSON_COMPACT) != 0;
    json_decref(o);
    if (!bad) bad = fputc('\n', stdout) == EOF;
    return bad;
}

int zhe_cmd_extract(int argc, char **argv)
{
    zhe_cli_input in;
    int rc = zhe_cli_input_parse("extract", argc, argv, &in);
    if (rc >= 0) return rc;
    if (in.format && strcmp(in.format, "jsonl") != 0)
        return zhe_cli_usage_error("extract", "unknown format '%s' (known: jsonl)", in.format);
    rc = zhe_cli_read_all("extract", &in, argc - optind, argv + optind, S_print_jsonl, NULL);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "zhevents extract: cannot write the output\n");
        return ZHE_EXIT_SYSTEM;
    }
    return rc;
}
