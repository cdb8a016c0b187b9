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
    for (size_t p = 0; p < r->ex->lex->n_patterns; p++) {
        const zhei_pattern *pt = &r->ex->lex->patterns[p];
        if (pt->ignore != ignore) continue;
        for (size_t at = s0; at < s1;) {
            int rc = pcre2_match((const pcre2_code *)pt->re, (PCRE2_SPTR)norm, s1, at,
                                 zhei_extract_match_options(r, at, s1), r->md, r->ex->mctx);
            if (rc < 0) break;      /* no match, or a limit hit (extract.c's limits) */
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
            size_t start = ov[0], end = ov[1];
            if (!ignore) {
                if (pt->group >= (uint32_t)rc || ov[2 * pt->group] == PCRE2_UNSET) {
                    at = end > at ? end : at + 1;
                    continue;
                }
                start = ov[2 * pt->group];
                end = ov[2 * pt->group + 1];
            }
            if (end > start && !zhei_extract_taken(r, start, end)) {
                zhe_mention *m = zhei_extract_add(r, ignore ? 0 : ZHE_MENTION_CHIP, pt->id, start,
                                                  end, 0.7);
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
                    m->norm_end += zhei_extract_variant(norm + end, s1 - end, m->variant,
                                             sizeof m->variant);
                }
            }
            at = ov[1] > at ? ov[1] : at + 1;
        }
    }
}

