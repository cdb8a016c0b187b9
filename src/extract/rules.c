/*
** rules.c — the rules of patterns.tsv, for what the word lists cannot
** say: ignore rules claim spans that hold no mention (phone numbers, stock
** codes, links) before anything else reads the sentence; chip rules find
** models chips.tsv does not list yet (英伟达B300, MI355X), after it.  The
** patterns come compiled from the lexicon.  Part of the extractor
** (extract_int.h).
*/
#include "extract_int.h"

#include <stdio.h>
#include <string.h>

/* The rules over sentence [s0, s1): ignore rules (ignore 1) claim their
 * spans, chip rules (ignore 0) add the models they name. */
void zhei_extract_rules(zhei_extract_run *r, size_t s0, size_t s1, int ignore)
{
    const char *norm = r->a->norm;
    const zhe_lexicon *lex = r->ex->lex;
    for (size_t p = 0; p < lex->n_patterns; p++) {
        const zhei_pattern *pt = &lex->patterns[p];
        if (pt->ignore != ignore) continue;
        const pcre2_code *re = (const pcre2_code *)pt->re;
        for (size_t at = s0; at < s1;) {
            int rc = zhei_extract_match(r, re, s1, at, zhei_extract_match_options(r, at, s1));
            if (rc < 0) break;      /* no match, or a limit hit (extract.c's limits) */
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
            size_t after = ov[1];
            /* the model at norm[start..end), the mention over [from..to):
             * an ignore rule's whole match; a chip rule's group (?<model>…),
             * or its group (?<text>…) where it has one (昇腾980: the brand
             * with the number, as chips.tsv's aliases write it) */
            size_t start = ov[0], end = ov[1], from = start, to = end;
            if (!ignore) {
                if (pt->group >= (uint32_t)rc || ov[2 * pt->group] == PCRE2_UNSET) {
                    at = after > at ? after : at + 1;
                    continue;
                }
                from = start = ov[2 * pt->group];
                to = end = ov[2 * pt->group + 1];
                int text = pcre2_substring_number_from_name(re, (PCRE2_SPTR) "text");
                if (text > 0 && text < rc && ov[2 * text] != PCRE2_UNSET &&
                    ov[2 * text] < ov[2 * text + 1]) {
                    from = ov[2 * text];
                    to = ov[2 * text + 1];
                }
            }
            /* A name a chip rule finds is no model of chips.tsv: before 系列,
             * 系, 平台, 架构 or 家族 it is a series (RTX40系列, 昇腾950系列). */
            if (end > start && !zhei_extract_taken(r, from, to) &&
                !(!ignore && zhei_extract_series(norm, to, s1))) {
                zhe_mention *m =
                    zhei_extract_add(r, ignore ? 0 : ZHE_MENTION_CHIP, pt->id, from, to, 0.7);
                if (!ignore) {
                    /* the model: the template with {} the matched text */
                    const char *brace = strstr(pt->model, "{}");
                    if (brace)
                        snprintf(m->model, sizeof m->model, "%.*s%.*s%s",
                                 (int)(brace - pt->model), pt->model, (int)(end - start),
                                 norm + start, brace + 2);
                    else
                        snprintf(m->model, sizeof m->model, "%s", pt->model);
                    m->vendor = pt->vendor;
                    /* A name chips.tsv lists (4090 before 显卡 is the RTX
                     * 4090) takes its canonical model and vendor; the mention
                     * keeps the rule's id and confidence. */
                    size_t c = zhei_extract_chip_named(r, m->model, strlen(m->model));
                    if (c < lex->n_chips && strcmp(lex->chips[c].vendor, pt->vendor) == 0) {
                        snprintf(m->model, sizeof m->model, "%s", lex->chips[c].model);
                        m->vendor = lex->chips[c].vendor;
                    }
                    m->norm_end +=
                        zhei_extract_variant(norm + to, s1 - to, m->variant, sizeof m->variant);
                }
            }
            at = after > at ? after : at + 1;
        }
    }
}
