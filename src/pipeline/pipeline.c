/*
** pipeline.c — an article from its text to its record (see
** zhevents/pipeline.h): the stages of the library put together once, so
** the command line, the tests, the benchmarks and the fuzz targets run an
** article the same way.
**
** It comes after the record in the pipeline's layers and before the
** store: it makes records, the store keeps them.
*/
#include "../lexicon/lexicon_int.h"

#include <string.h>
#include <zhevents/pipeline.h>

struct zhe_pipeline {
    zhe_lexicon *own_lexicon;   /* opened by the pipeline, or NULL */
    const zhe_lexicon *lex;
    zhe_text *tx;
    zhe_extractor *ex;
    zhe_linker *lk;
    zhe_segmenter *seg;         /* NULL without opt.segment */
};

void zhe_pipeline_options_init(zhe_pipeline_options *opt)
{
    memset(opt, 0, sizeof *opt);
    zhe_text_options_init(&opt->text);
}

zhe_status zhe_pipeline_new(const zhe_pipeline_options *opt, zhe_pipeline **out,
                            zhe_error *err)
{
    *out = NULL;
    zhe_pipeline_options defaults;
    if (!opt) {
        zhe_pipeline_options_init(&defaults);
        opt = &defaults;
    }
    zhe_pipeline *p = ZHEI_NEW(zhe_pipeline);
    zhe_status st = ZHE_OK;
    p->lex = opt->lexicon;
    if (!p->lex) {
        st = zhe_lexicon_open(opt->lexicon_dir, &p->own_lexicon, err);
        p->lex = p->own_lexicon;
    }
    if (st == ZHE_OK) {
        zhe_text_options topt = opt->text;
        topt.lexicon = p->lex;
        st = zhe_text_new(&topt, &p->tx, err);
    }
    if (st == ZHE_OK) st = zhe_extractor_new(p->lex, &p->ex, err);
    if (st == ZHE_OK) st = zhe_linker_new(p->lex, &p->lk, err);
    if (st == ZHE_OK && opt->segment) st = zhe_segmenter_new(p->lex, &p->seg, err);
    if (st != ZHE_OK) {
        zhe_pipeline_free(p);
        return st;
    }
    *out = p;
    return ZHE_OK;
}

void zhe_pipeline_free(zhe_pipeline *p)
{
    if (!p) return;
    zhe_segmenter_free(p->seg);
    zhe_linker_free(p->lk);
    zhe_extractor_free(p->ex);
    zhe_text_free(p->tx);
    zhe_lexicon_free(p->own_lexicon);
    zhe_free(p);
}

const zhe_lexicon *zhe_pipeline_lexicon(const zhe_pipeline *p)
{
    return p->lex;
}

const zhe_text *zhe_pipeline_text(const zhe_pipeline *p)
{
    return p->tx;
}

const zhe_segmenter *zhe_pipeline_segmenter(const zhe_pipeline *p)
{
    return p->seg;
}

/* The headline of a as an article of its own, prepared; NULL when a has
 * none or it holds no sentence. */
static zhe_article *S_title(const zhe_pipeline *p, const zhe_article *a)
{
    if (!a->title || !*a->title) return NULL;
    zhe_article *t;
    zhe_article_new(&t, NULL);
    zhe_free(t->raw);
    t->raw_len = strlen(a->title);
    t->raw = zhe_strdup(a->title);
    zhe_free(t->published);
    t->published = zhe_strdup(a->published);
    t->encoding = a->encoding;
    t->format = a->format;
    if (zhe_text_prepare(p->tx, t, NULL) != ZHE_OK || !t->n_sentences) {
        zhe_article_free(t);
        return NULL;
    }
    return t;
}

zhe_status zhe_pipeline_extract(const zhe_pipeline *p, zhe_article *a, zhe_mentions *ms,
                                zhe_events *evs, zhe_error *err)
{
    zhe_status st = zhe_text_prepare(p->tx, a, err);
    if (st != ZHE_OK) return st;
    zhe_extract(p->ex, a, ms);
    zhe_article *t = S_title(p, a);
    if (!t) {
        zhe_link(p->lk, a, ms, evs);
        return ZHE_OK;
    }
    /* the headline's mentions follow the body's: the linker reads the body
     * in the light of the headline, then adds what only the headline says */
    size_t n_body = ms->n;
    zhe_extract(p->ex, t, ms);
    zhe_link_with_title(p->lk, a, t, ms, n_body, evs);
    zhe_article_free(t);
    return ZHE_OK;
}

zhe_status zhe_pipeline_run(const zhe_pipeline *p, zhe_article *a, zhe_record **out,
                            zhe_error *err)
{
    *out = NULL;
    zhe_mentions ms = {0};
    zhe_events evs = {0};
    zhe_status st = zhe_pipeline_extract(p, a, &ms, &evs, err);
    if (st != ZHE_OK) return st;
    zhe_record_new(p->seg, a, &ms, &evs, out, NULL);
    zhe_events_clear(&evs);         /* the record has its own copy */
    zhe_mentions_clear(&ms);
    return ZHE_OK;
}

zhe_status zhe_pipeline_run_string(const zhe_pipeline *p, const char *s, size_t len,
                                   const char *published, zhe_record **out, zhe_error *err)
{
    *out = NULL;
    char date[17] = "";
    if (published && *published &&
        zhe_published_parse(published, strlen(published), date) != strlen(published))
        return zhe_error_set(err, ZHE_ERR_USAGE, NULL, 0, UINT64_MAX,
                             "cannot read '%s' as a publication date", published);
    zhe_decoder *d;
    zhe_status st = zhe_decoder_new(ZHE_ENC_UTF8, &d, err);
    if (st != ZHE_OK) return st;
    zhe_buf raw = ZHE_BUF_INIT;
    zhe_decoder_feed(d, s, len, &raw);
    zhe_decoder_finish(d, &raw);
    zhe_article *a;
    zhe_article_new(&a, NULL);
    a->replacements = zhe_decoder_replacements(d);
    zhe_decoder_free(d);
    zhe_free(a->raw);
    a->raw = zhe_buf_detach(&raw, &a->raw_len);
    zhe_free(a->id);
    a->id = zhe_strdup("-");
    zhe_free(a->path);
    a->path = zhe_strdup("-");
    a->encoding = "UTF-8";
    a->format = "text";
    zhe_free(a->published);
    a->published = zhe_strdup(date);
    st = zhe_pipeline_run(p, a, out, err);
    zhe_article_free(a);
    return st;
}
