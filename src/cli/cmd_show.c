/*
** cmd_show.c — `zhevents show`: an article as zhevents sees it after
** cleaning and normalization, for a person checking the text stage.
**
**   text    a header, then one sentence a line, a blank line between
**           paragraphs (the default)
**   jsonl   one object per article: {"id", "title", "published", "source",
**           "format", "encoding", "replacements", "traditional",
**           "paragraphs": [[sentence, …], …]}, for a script
*/
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <string.h>

static int S_json(zhe_article *a)
{
    json_t *j = json_object(), *paras = json_array(), *para = NULL;
    json_object_set_new(j, "id", json_string(a->id));
    json_object_set_new(j, "title", json_string(a->title));
    json_object_set_new(j, "published", *a->published ? json_string(a->published) : json_null());
    json_object_set_new(j, "source", *a->source ? json_string(a->source) : json_null());
    json_object_set_new(j, "format", json_string(a->format));
    json_object_set_new(j, "encoding", json_string(a->encoding));
    json_object_set_new(j, "replacements", json_integer((json_int_t)a->replacements));
    json_object_set_new(j, "traditional", json_boolean(a->traditional));
    size_t prev_end = 0;
    for (size_t i = 0; i < a->n_sentences; i++) {
        const zhe_span *sp = &a->sentences[i];
        if (!para || memchr(a->norm + prev_end, '\n', sp->off - prev_end)) {
            para = json_array();
            json_array_append_new(paras, para);
        }
        json_array_append_new(para, json_stringn(a->norm + sp->off, sp->len));
        prev_end = sp->off + sp->len;
    }
    json_object_set_new(j, "paragraphs", paras);
    int bad = json_dumpf(j, stdout, JSON_COMPACT) != 0 || putchar('\n') == EOF;
    json_decref(j);
    return bad || ferror(stdout) != 0;
}

static int S_show(void *ctx, zhe_article *a, const zhe_record *r)
{
    (void)r;
    if (*(const int *)ctx) return S_json(a);
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
    int jsonl = in.format && !strcmp(in.format, "jsonl");
    if (in.format && !jsonl && strcmp(in.format, "text") != 0)
        return zhe_cli_usage_error("show", "unknown format '%s' (known: text, jsonl)",
                                   in.format);
    rc = zhe_cli_read_all("show", &in, 0, argc - optind, argv + optind, S_show, &jsonl);
    if (fflush(stdout) != 0) return ZHE_EXIT_IO;
    return rc;
}
