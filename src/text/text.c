/*
** text.c — the text stage's long-lived state and its entry point,
** zhe_text_prepare: clean, normalize, split.
*/
#include "text_int.h"

#include <string.h>

void zhe_text_options_init(zhe_text_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->encoding = ZHE_ENC_AUTO;
    opt->max_article_bytes = (size_t)16 << 20;
}

zhe_status zhe_text_new(const zhe_text_options *opt, zhe_text **out, zhe_error *err)
{
    *out = NULL;
    zhe_text *tx = ZHEI_NEW(zhe_text);
    zhe_text_options_init(&tx->opt);
    if (opt) {
        tx->opt.encoding = opt->encoding;
        if (opt->max_article_bytes) tx->opt.max_article_bytes = opt->max_article_bytes;
        if (opt->published) tx->opt.published = zhe_strdup(opt->published);
        tx->opt.lexicon = opt->lexicon;
        if (opt->n_fields) {
            tx->opt.fields = ZHEI_NEW_ARRAY(zhe_field_map, opt->n_fields);
            for (size_t i = 0; i < opt->n_fields; i++) {
                tx->opt.fields[i].key = zhe_strdup(opt->fields[i].key);
                tx->opt.fields[i].field = zhe_strdup(opt->fields[i].field);
            }
            tx->opt.n_fields = opt->n_fields;
        }
    }
    zhe_status st = zhei_normalizer_new(&tx->norm, err);
    if (st == ZHE_OK && !tx->opt.lexicon) {
        st = zhe_lexicon_open(NULL, &tx->own_lexicon, err);
        tx->opt.lexicon = tx->own_lexicon;
    }
    if (st == ZHE_OK) zhei_text_markers_load(tx, tx->opt.lexicon);
    if (st == ZHE_OK) zhei_normalizer_keep_names(tx->norm, tx->opt.lexicon);
    if (st != ZHE_OK) {
        zhe_text_free(tx);
        return st;
    }
    *out = tx;
    return ZHE_OK;
}

void zhe_text_free(zhe_text *tx)
{
    if (!tx) return;
    zhei_normalizer_free(tx->norm);
    for (size_t i = 0; i < tx->n_markers; i++) zhe_free(tx->markers[i].text);
    zhe_free(tx->markers);
    for (size_t i = 0; i < tx->opt.n_fields; i++) {
        zhe_free(tx->opt.fields[i].key);
        zhe_free(tx->opt.fields[i].field);
    }
    zhe_free(tx->opt.fields);
    zhe_free((char *)tx->opt.published);
    zhe_lexicon_free(tx->own_lexicon);
    zhe_free(tx);
}

zhe_status zhe_text_prepare(const zhe_text *tx, zhe_article *a, zhe_error *err)
{
    zhe_clean(tx, a);
    zhe_status st = zhe_normalize(tx, a, err);
    if (st != ZHE_OK) return st;
    zhe_split(a);
    return ZHE_OK;
}

zhe_status zhe_text_normalize(const zhe_text *tx, const char *s, size_t len, zhe_article **out,
                              zhe_error *err)
{
    zhe_article *a;
    zhe_article_new(&a, NULL);
    zhe_free(a->raw);
    a->raw = zhe_strndup(s, len);
    a->raw_len = len;
    a->kept = ZHEI_NEW(zhe_span);
    a->kept[0].len = len;
    a->n_kept = len > 0;
    zhe_status st = zhe_normalize(tx, a, err);
    if (st != ZHE_OK) {
        zhe_article_free(a);
        a = NULL;
    }
    *out = a;
    return st;
}
