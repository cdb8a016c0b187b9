/*
** cmd_extract.c — `zhevents extract`: every article read becomes one JSON
** line with its metadata, mentions and events (the record format of
** DESIGN.md, scored by shared/tools/score.py).
*/
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <string.h>

static json_t *S_str(const char *s)
{
    return json_stringn(s, strlen(s));
}

/* A number as JSON: an integer when it is one (265000, not 265000.0). */
static json_t *S_number(double v)
{
    if (fabs(v) < 9e15 && v == floor(v)) return json_integer((json_int_t)v);
    return json_real(v);
}

static json_t *S_amount(const zhe_mention *m)
{
    json_t *v = json_object();
    json_object_set_new(v, "amount", S_number(m->amount.value));
    if (!isnan(m->amount.high)) json_object_set_new(v, "high", S_number(m->amount.high));
    if (m->type == ZHE_MENTION_MONEY) json_object_set_new(v, "currency", S_str(m->currency));
    else json_object_set_new(v, "unit", S_str(m->unit));
    json_object_set_new(v, "qualifier", S_str(zhe_qualifier_str(m->amount.qualifier)));
    return v;
}

static json_t *S_date(const zhe_timex *tx);

static json_t *S_value(const zhe_mention *m)
{
    json_t *v;
    switch (m->type) {
    case ZHE_MENTION_CHIP:
        v = json_object();
        json_object_set_new(v, "model", S_str(m->model));
        json_object_set_new(v, "vendor", S_str(m->vendor));
        if (*m->variant) json_object_set_new(v, "variant", S_str(m->variant));
        return v;
    case ZHE_MENTION_MONEY:
    case ZHE_MENTION_QUANTITY:
        return S_amount(m);
    case ZHE_MENTION_DATE:
        return S_date(&m->date);
    }
    return json_null();
}

static json_t *S_date(const zhe_timex *tx)
{
    if (!*tx->value) return json_null();
    json_t *v = json_object();
    const char *mod = zhe_date_mod_str(tx->mod);
    json_object_set_new(v, "timex", S_str(tx->value));
    json_object_set_new(v, "mod", mod ? S_str(mod) : json_null());
    json_object_set_new(v, "start", S_str(tx->start));
    json_object_set_new(v, "end", S_str(tx->end));
    return v;
}

static json_t *S_events(const zhe_article *a, const zhe_mentions *ms, const zhe_events *evs)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < evs->n; i++) {
        const zhe_event *e = &evs->v[i];
        json_t *o = json_object();
        json_object_set_new(o, "type", S_str(zhe_event_type_str(e->type)));
        json_object_set_new(o, "date", S_date(&e->date));
        json_object_set_new(o, "date_basis", S_str(zhe_event_basis_str(e->date_basis)));
        json_t *chips = json_array();
        for (size_t k = 0; k < e->n_chips; k++) json_array_append_new(chips, S_str(e->chips[k]));
        json_object_set_new(o, "chips", chips);
        json_object_set_new(o, "money", e->money >= 0 ? S_amount(&ms->v[e->money]) : json_null());
        json_object_set_new(o, "quantity",
                            e->quantity >= 0 ? S_amount(&ms->v[e->quantity]) : json_null());
        json_object_set_new(o, "sentence", json_stringn(a->raw + e->raw_start,
                                                        e->raw_end - e->raw_start));
        json_object_set_new(o, "start", json_integer((json_int_t)e->start));
        json_object_set_new(o, "end", json_integer((json_int_t)e->end));
        json_object_set_new(o, "trigger", S_str(e->trigger));
        json_object_set_new(o, "confidence", json_real(e->confidence));
        json_object_set_new(o, "rule", S_str(e->rule));
        json_object_set_new(o, "key", S_str(e->key));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *S_mentions(const zhe_article *a, const zhe_mentions *ms)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < ms->n; i++) {
        const zhe_mention *m = &ms->v[i];
        json_t *o = json_object();
        json_object_set_new(o, "type", S_str(zhe_mention_type_str(m->type)));
        json_object_set_new(o, "text", json_stringn(a->raw + m->raw_start,
                                                    m->raw_end - m->raw_start));
        json_object_set_new(o, "start", json_integer((json_int_t)m->start));
        json_object_set_new(o, "end", json_integer((json_int_t)m->end));
        json_object_set_new(o, "sentence", json_integer((json_int_t)m->sentence));
        json_object_set_new(o, "value", S_value(m));
        json_object_set_new(o, "confidence", json_real(m->confidence));
        json_object_set_new(o, "rule", S_str(m->rule ? m->rule : ""));
        json_array_append_new(arr, o);
    }
    return arr;
}

/* Write article a as one JSON line on stdout.  Returns non-zero if the
 * output cannot be written. */
typedef struct {
    zhe_extractor *ex;
    zhe_linker *lk;
} S_ctx;

static int S_print_jsonl(void *ctx, zhe_article *a)
{
    const S_ctx *c = ctx;
    zhe_mentions ms = {0};
    zhe_events evs = {0};
    zhe_extract(c->ex, a, &ms);
    zhe_link(c->lk, a, &ms, &evs);
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
    json_object_set_new(o, "mentions", S_mentions(a, &ms));
    json_object_set_new(o, "events", S_events(a, &ms, &evs));
    int bad = json_dumpf(o, stdout, JSON_COMPACT | JSON_REAL_PRECISION(15)) != 0;
    json_decref(o);
    zhe_events_clear(&evs);
    zhe_mentions_clear(&ms);
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
    zhe_error err;
    S_ctx c = {NULL, NULL};
    if (zhe_extractor_new(in.text.lexicon_dir, &c.ex, &err) != ZHE_OK ||
        zhe_linker_new(in.text.lexicon_dir, &c.lk, &err) != ZHE_OK) {
        fprintf(stderr, "zhevents extract: %s\n", err.message);
        zhe_extractor_free(c.ex);
        return ZHE_EXIT_IO;
    }
    rc = zhe_cli_read_all("extract", &in, argc - optind, argv + optind, S_print_jsonl, &c);
    zhe_linker_free(c.lk);
    zhe_extractor_free(c.ex);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "zhevents extract: cannot write the output\n");
        return ZHE_EXIT_IO;
    }
    return rc;
}
