/*
** test_lexicon.c — the lexicon layer (src/lexicon/): the shipped lexicons
** open, a reporter's names find their chip and vendor, keys fold as
** documented, and a bad or missing file is reported as "path:line:
** reason".  Expected values written by hand.
**
**   test_lexicon LEXICON_DIR CORPUS_DIR
*/
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zhevents/zhevents.h>

#include "tap.h"

/* {a name a reporter types, the model it means, or NULL for none} */
static const struct {
    const char *name, *model;
} S_chips[] = {
    {"昇腾910B", "Ascend 910B"},
    {"昇腾 910B", "Ascend 910B"},
    {"910B", "Ascend 910B"},
    {"ascend910b", "Ascend 910B"},
    {"Ascend 910B", "Ascend 910B"},
    {"910", "Ascend 910"},          /* the one model ending in 910 after letters */
    {"H100", "H100"},
    {"h100", "H100"},
    {"Ｈ１００", "H100"},            /* full-width */
    {"A100", "A100"},
    {"rtx-4090", "RTX 4090"},
    {"RTX_4090", "RTX 4090"},
    {"4090", "RTX 4090"},           /* RTX 4090D does not end in 4090 */
    {"4090D", "RTX 4090D"},
    {"rtx 4090 d", "RTX 4090D"},
    {"GeForce RTX 4090", "RTX 4090"},
    {"思元590", "MLU590"},
    {"mi300x", "MI300X"},
    {"gaudi3", "Gaudi 3"},
    {"100", NULL},                  /* A100, H100, V100, B100: which? */
    {"H", NULL},
    {"", NULL},
    {"   ", NULL},
    {"不存在的芯片", NULL},
    {"H1000", NULL},
};

static const struct {
    const char *name, *vendor;
} S_vendors[] = {
    {"英伟达", "NVIDIA"},   {"輝達", "NVIDIA"},    {"nvidia", "NVIDIA"},
    {"NVIDIA", "NVIDIA"},   {"Nvidia Corporation", "NVIDIA"},
    {"华为", "Huawei"},     {"華為", "Huawei"},    {"huawei", "Huawei"},
    {"超威", "AMD"},        {"amd", "AMD"},        {"寒武纪", "Cambricon"},
    {"英特尔", "Intel"},    {"苹果", NULL},        {"", NULL},
};

static void test_lookups(const zhe_lexicon *lex)
{
    ok(zhe_lexicon_n_chips(lex) >= 37, "chips.tsv: %zu models", zhe_lexicon_n_chips(lex));
    const zhe_chip *first = zhe_lexicon_chip(lex, 0);
    ok(first && !strcmp(first->model, "A100") && !strcmp(first->vendor, "NVIDIA"),
       "the first model is A100 of NVIDIA");
    ok(zhe_lexicon_chip(lex, zhe_lexicon_n_chips(lex)) == NULL, "past the last model: NULL");
    const zhe_chip *b = zhe_lexicon_find_chip(lex, "910B", 4);
    ok(b && b->n_aliases == 5 && !strcmp(b->aliases[0], "昇腾910B") &&
           !strcmp(b->aliases[1], "昇騰910B") && !strcmp(b->vendor, "Huawei") &&
           !strcmp(b->context, "") && !strcmp(b->series, "Ascend 910") &&
           !strcmp(b->kind, "accelerator"),
       "Ascend 910B: its aliases in file order, its vendor, series and kind");
    const zhe_chip *h = zhe_lexicon_find_chip(lex, "hbm3e", 5);
    ok(h && !strcmp(h->model, "HBM3E") && !strcmp(h->vendor, "") && !strcmp(h->kind, "hbm"),
       "HBM3E: a memory generation, no vendor");
    for (size_t i = 0; i < sizeof S_chips / sizeof *S_chips; i++) {
        const char *n = S_chips[i].name;
        const zhe_chip *c = zhe_lexicon_find_chip(lex, n, strlen(n));
        if (S_chips[i].model)
            ok(c && !strcmp(c->model, S_chips[i].model), "chip \"%s\" is %s (got %s)", n,
               S_chips[i].model, c ? c->model : "none");
        else
            ok(!c, "chip \"%s\" is none (got %s)", n, c ? c->model : "none");
    }
    for (size_t i = 0; i < sizeof S_vendors / sizeof *S_vendors; i++) {
        const char *n = S_vendors[i].name;
        const char *v = zhe_lexicon_find_vendor(lex, n, strlen(n));
        if (S_vendors[i].vendor)
            ok(v && !strcmp(v, S_vendors[i].vendor), "vendor \"%s\" is %s (got %s)", n,
               S_vendors[i].vendor, v ? v : "none");
        else
            ok(!v, "vendor \"%s\" is none (got %s)", n, v ? v : "none");
    }
}

static void test_key(void)
{
    char out[64];
    size_t n = zhe_lexicon_key("ＲＴＸ　４０９０", strlen("ＲＴＸ　４０９０"), out, sizeof out);
    is_str(out, n, "rtx4090", "key: full-width letters, digits and space folded");
    n = zhe_lexicon_key("Ascend 910B-x_y", 15, out, sizeof out);
    is_str(out, n, "ascend910bxy", "key: case, spaces, hyphens, underscores");
    n = zhe_lexicon_key("昇腾910B", strlen("昇腾910B"), out, sizeof out);
    is_str(out, n, "昇腾910b", "key: Chinese kept as it is");
    n = zhe_lexicon_key("abcdef", 6, out, 4);
    ok(n == 6 && !strcmp(out, "abc"), "key: cut to the buffer, whole length returned");
}

/* A copy of dir's lexicons in a new directory (links), with `name`
 * written as `text` (NULL: left out).  Returns the directory (static). */
static const char *S_copy(const char *dir, const char *name, const char *text)
{
    static char tmp[64];
    static const char *const files[] = {"chips.tsv",     "vendors.tsv",   "currencies.tsv",
                                        "units.tsv",     "qualifiers.tsv", "triggers.tsv",
                                        "cues.tsv",      "patterns.tsv",  "boilerplate.tsv",
                                        "segment-words.tsv",
                                        "rates.tsv",     "words-jieba.tsv"};
    snprintf(tmp, sizeof tmp, "/tmp/zhe-lexicon-XXXXXX");
    if (!mkdtemp(tmp)) return NULL;
    char abs[PATH_MAX], src[PATH_MAX + 64], dst[PATH_MAX + 64];
    if (!realpath(dir, abs)) return NULL;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(dst, sizeof dst, "%s/%s", tmp, files[i]);
        if (!strcmp(files[i], name)) {
            if (!text) continue;
            FILE *f = fopen(dst, "w");
            if (!f) return NULL;
            fputs(text, f);
            fclose(f);
        } else {
            snprintf(src, sizeof src, "%s/%s", abs, files[i]);
            if (symlink(src, dst) != 0) return NULL;
        }
    }
    return tmp;
}

static void S_remove(const char *tmp)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    if (system(cmd) != 0) ok(0, "remove %s", tmp);
}

static void test_errors(const char *dir)
{
    zhe_lexicon *lex = (zhe_lexicon *)1;
    zhe_error err;
    char want[512];

    ok(zhe_lexicon_open("/nonexistent/zhe", &lex, &err) == ZHE_ERR_DATA && lex == NULL,
       "a missing directory: ZHE_ERR_DATA, no lexicon");
    is_str(err.message, strlen(err.message),
           "/nonexistent/zhe/chips.tsv: cannot open: No such file or directory",
           "the message names the first file it needs");

    const char *tmp = S_copy(dir, "triggers.tsv", "# a comment\n售价\tprice\n涨价\n");
    if (!ok(tmp != NULL, "a copy of the lexicons with a bad triggers.tsv")) return;
    ok(zhe_lexicon_open(tmp, &lex, &err) == ZHE_ERR_DATA && lex == NULL,
       "a trigger without a type: ZHE_ERR_DATA");
    snprintf(want, sizeof want,
             "%s/triggers.tsv:3: expected a Chinese word and an event type (price, "
             "export_control, launch, shipment, capacity, exempt or -)", tmp);
    is_str(err.message, strlen(err.message), want, "the message gives file and line");
    is_int(err.line, 3, "the error's line");
    S_remove(tmp);

    tmp = S_copy(dir, "cues.tsv", "整机\tper\tserver\n预计\tmodality\tlikely\n");
    if (!ok(tmp != NULL, "a copy of the lexicons with a bad cues.tsv")) return;
    ok(zhe_lexicon_open(tmp, &lex, &err) == ZHE_ERR_DATA && lex == NULL,
       "a cue whose value its kind does not take: ZHE_ERR_DATA");
    snprintf(want, sizeof want,
             "%s/cues.tsv:2: expected a Chinese word, a kind (per, period, market, modality, "
             "polarity, time or refer) and one of its values, or -", tmp);
    is_str(err.message, strlen(err.message), want, "the message gives file and line");
    S_remove(tmp);

    tmp = S_copy(dir, "patterns.tsv", "x.bad\tignore\t(unclosed\n");
    if (!ok(tmp != NULL, "a copy of the lexicons with a bad pattern")) return;
    ok(zhe_lexicon_open(tmp, &lex, &err) == ZHE_ERR_DATA && lex == NULL,
       "a pattern pcre2 refuses: ZHE_ERR_DATA");
    snprintf(want, sizeof want, "%s/patterns.tsv:1: pattern x.bad", tmp);
    ok(!strncmp(err.message, want, strlen(want)), "the message gives file, line and rule (%s)",
       err.message);
    S_remove(tmp);

    /* chips.tsv's kind is one of three words; only a memory generation,
     * which several makers build, may leave the vendor empty. */
    tmp = S_copy(dir, "chips.tsv",
                 "# model\tvendor\taliases\tcontext\tseries\tkind\tsource\n"
                 "A100\tNVIDIA\t\t\tAmpere\tgpu\thttps://example.com/a100\n"
                 "H100\tNVIDIA\t\t\tHopper\tGPU\thttps://example.com/h100\n");
    if (!ok(tmp != NULL, "a copy of the lexicons with a bad kind in chips.tsv")) return;
    ok(zhe_lexicon_open(tmp, &lex, &err) == ZHE_ERR_DATA && lex == NULL,
       "a kind other than gpu, accelerator or hbm: ZHE_ERR_DATA");
    snprintf(want, sizeof want, "%s/chips.tsv:3: kind is gpu, accelerator or hbm, not \"GPU\"",
             tmp);
    is_str(err.message, strlen(err.message), want, "the message gives file, line and the kind");
    is_int(err.line, 3, "the error's line");
    S_remove(tmp);

    tmp = S_copy(dir, "chips.tsv",
                 "A100\tNVIDIA\t\t\tAmpere\tgpu\thttps://example.com/a100\n"
                 "HBM3E\t\tHBM3e\t\tHBM\thbm\thttps://example.com/hbm3e\n");
    if (!ok(tmp != NULL, "a copy of the lexicons with a memory generation")) return;
    ok(zhe_lexicon_open(tmp, &lex, &err) == ZHE_OK, "a memory generation may have no vendor");
    if (lex) {
        const zhe_chip *c = zhe_lexicon_find_chip(lex, "hbm3e", 5);
        ok(c && !strcmp(c->model, "HBM3E") && !strcmp(c->vendor, "") && !strcmp(c->kind, "hbm"),
           "HBM3E: found by its alias, no vendor, kind hbm");
        zhe_lexicon_free(lex);
    }
    S_remove(tmp);

    tmp = S_copy(dir, "chips.tsv",
                 "A100\tNVIDIA\t\t\tAmpere\tgpu\thttps://example.com/a100\n"
                 "GB10\t\t\t\tBlackwell\tgpu\thttps://example.com/gb10\n");
    if (!ok(tmp != NULL, "a copy of the lexicons with a GPU without vendor")) return;
    ok(zhe_lexicon_open(tmp, &lex, &err) == ZHE_ERR_DATA && lex == NULL,
       "a GPU without vendor: ZHE_ERR_DATA");
    snprintf(want, sizeof want,
             "%s/chips.tsv:2: only a memory generation (kind hbm) may have no vendor", tmp);
    is_str(err.message, strlen(err.message), want, "the message gives file and line");
    S_remove(tmp);

    tmp = S_copy(dir, "vendors.tsv", NULL);
    if (!ok(tmp != NULL, "a copy of the lexicons without vendors.tsv")) return;
    ok(zhe_lexicon_open(tmp, &lex, &err) == ZHE_OK, "vendors.tsv is optional");
    if (lex) {
        ok(zhe_lexicon_find_vendor(lex, "英伟达", strlen("英伟达")) == NULL,
           "without it, 英伟达 is no vendor");
        const char *v = zhe_lexicon_find_vendor(lex, "nvidia", 6);
        ok(v && !strcmp(v, "NVIDIA"), "chips.tsv's vendors are still found");
        zhe_lexicon_free(lex);
    }
    S_remove(tmp);
}

static void test_default_dir(void)
{
    setenv("ZHEVENTS_LEXICONS", "/somewhere/else", 1);
    ok(!strcmp(zhe_lexicon_default_dir(), "/somewhere/else"), "$ZHEVENTS_LEXICONS comes first");
    setenv("ZHEVENTS_LEXICONS", "", 1);
    const char *d = zhe_lexicon_default_dir();
    ok(d && *d && strcmp(d, "") != 0, "an empty $ZHEVENTS_LEXICONS is ignored (%s)", d);
    unsetenv("ZHEVENTS_LEXICONS");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        printf("Bail out! usage: test_lexicon LEXICON_DIR CORPUS_DIR\n");
        return 1;
    }
    zhe_lexicon *lex;
    zhe_error err;
    if (zhe_lexicon_open(argv[1], &lex, &err) != ZHE_OK) {
        printf("Bail out! %s\n", err.message);
        return 1;
    }
    ok(!strcmp(zhe_lexicon_dir(lex), argv[1]), "the lexicon says where it was read from");
    test_lookups(lex);
    zhe_lexicon_free(lex);
    test_key();
    test_errors(argv[1]);
    test_default_dir();
    return tap_done();
}
