/*
** text.c — the text stage's long-lived state and its entry point,
** zhe_text_prepare: clean, normalize, split.
*/
#include "text_int.h"

#include <string.h>
#include <unistd.h>

/* Both set by meson (src/meson.build): prefix/datadir/zhevents/lexicons,
 * where `meson install` puts them, and the source tree's lexicons/. */
#ifndef ZHE_DATA_LEXICON_DIR
#define ZHE_DATA_LEXICON_DIR "/usr/local/share/zhevents/lexicons"
#endif
#ifndef ZHE_SOURCE_LEXICON_DIR
#define ZHE_SOURCE_LEXICON_DIR "lexicons"
#endif

const char *zhe_default_lexicon_dir(void)
{
    /* Installed lexicons win once they are there; a build run from its
     * tree, never installed, reads the tree's. */
    if (access(ZHE_DATA_LEXICON_DIR "/chips.tsv", R_OK) == 0) return ZHE_DATA_LEXICON_DIR;
    return ZHE_SOURCE_LEXICON_DIR;
}

void zhe_text_options_init(zhe_text_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->encoding = ZHE_ENC_AUTO;
    opt->max_article_bytes = (size_t)16 << 20;
}

zhe_status zhe_text_new(const zhe_text_options *opt, zhe_text **out, zhe_error *err)
{
    *out = NULL;
    zhe_text *tx = ZHE_NEW(zhe_text);
    zhe_text_options_init(&tx->opt);
    if (opt) {
        tx->opt.encoding = opt->encoding;
        if (opt->max_article_bytes) tx->opt.max_article_bytes = opt->max_article_bytes;
        if (opt->published) tx->opt.published = zhe_strdup(opt->published);
        if (opt->lexicon_dir) tx->opt.lexicon_dir = zhe_strdup(opt->lexicon_dir);
        if (opt->n_fields) {
            tx->opt.fields = ZHE_NEW_ARRAY(zhe_field_map, opt->n_fields);
            for (size_t i = 0; i < opt->n_fields; i++) {
                tx->opt.fields[i].key = zhe_strdup(opt->fields[i].key);
                tx->opt.fields[i].field = zhe_strdup(opt->fields[i].field);
            }
            tx->opt.n_fields = opt->n_fields;
        }
    }
    zhe_status st = zhe_normalizer_new(&tx->norm, err);
    if (st == ZHE_OK) {
        const char *dir = tx->opt.lexicon_dir ? tx->opt.lexicon_dir : zhe_default_lexicon_dir();
        st = zhe_markers_load(tx, dir, err);
    }
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
    zhe_normalizer_free(tx->norm);
    for (size_t i = 0; i < tx->n_markers; i++) zhe_free(tx->markers[i].text);
    zhe_free(tx->markers);
    for (size_t i = 0; i < tx->opt.n_fields; i++) {
        zhe_free(tx->opt.fields[i].key);
        zhe_free(tx->opt.fields[i].field);
    }
    zhe_free(tx->opt.fields);
    zhe_free((char *)tx->opt.published);
    zhe_free((char *)tx->opt.lexicon_dir);
    zhe_free(tx);
}

zhe_status zhe_text_prepare(zhe_text *tx, zhe_article *a, zhe_error *err)
{
    zhe_clean(tx, a);
    zhe_status st = zhe_normalize(tx, a, err);
    if (st != ZHE_OK) return st;
    zhe_split(a);
    return ZHE_OK;
}
