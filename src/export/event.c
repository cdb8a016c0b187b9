/*
** event.c — the kept event (zhei_export_event): the formats that write at
** the end (timelinejs, prices-wide, md, html) keep every event until then,
** and a store row's strings live only as long as the query's callback, so
** the dispatcher (export.c) copies each row here.  Also the way back: a kept
** event seen as a store row, for the writers that take one.
*/
#include "export_int.h"

#include <math.h>
#include <string.h>

/* s copied, or NULL when s is NULL. */
static char *S_dup(const char *s)
{
    return s ? zhe_strdup(s) : NULL;
}

void zhei_export_event_copy(zhei_export_event *d, const zhe_stored_event *s)
{
    memset(d, 0, sizeof *d);
    d->key = S_dup(s->key);
    d->type = S_dup(s->type);
    d->rule = S_dup(s->rule);
    d->timex = S_dup(s->timex);
    d->mod = S_dup(s->mod);
    d->start = S_dup(s->start);
    d->end = S_dup(s->end);
    d->basis = S_dup(s->basis);
    d->amount = s->amount;
    d->high = s->high;
    d->amount_cny = s->amount_cny;
    d->high_cny = s->high_cny;
    d->currency = S_dup(s->currency);
    d->qualifier = S_dup(s->qualifier);
    d->quantity = s->quantity;
    d->quantity_high = s->quantity_high;
    d->unit = S_dup(s->unit);
    d->quote = S_dup(s->quote);
    d->mark_start = s->mark_start;
    d->mark_end = s->mark_end;
    d->confidence = s->confidence;
    d->article = S_dup(s->article);
    d->title = S_dup(s->title);
    d->url = S_dup(s->url);
    d->published = S_dup(s->published);
    d->outlet = S_dup(s->outlet);
    d->review = S_dup(s->review);
    d->per = S_dup(s->per);
    d->chips_per_unit = s->chips_per_unit;
    d->headline = s->headline;
    d->sources = s->sources;
    d->period = S_dup(s->period);
    d->market = S_dup(s->market);
    d->modality = S_dup(s->modality);
    d->polarity = S_dup(s->polarity);
    d->n_chips = s->n_chips > ZHE_RECORD_MAX_CHIPS ? ZHE_RECORD_MAX_CHIPS : s->n_chips;
    for (size_t i = 0; i < d->n_chips; i++) {
        d->chips[i] = S_dup(s->chips[i]);
        d->vendors[i] = S_dup(s->vendors[i]);
    }
}

void zhei_export_event_free(zhei_export_event *e)
{
    char **strings[] = {&e->key, &e->type, &e->rule, &e->timex, &e->mod, &e->start, &e->end,
                        &e->basis, &e->currency, &e->qualifier, &e->unit, &e->quote,
                        &e->article, &e->title, &e->url, &e->published, &e->outlet, &e->review, &e->per,
                        &e->period, &e->market, &e->modality, &e->polarity};
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(strings); i++) zhe_free(*strings[i]);
    for (size_t i = 0; i < e->n_chips; i++) {
        zhe_free(e->chips[i]);
        zhe_free(e->vendors[i]);
    }
    memset(e, 0, sizeof *e);
}

void zhei_export_event_view(const zhei_export_event *x, zhe_stored_event *e)
{
    memset(e, 0, sizeof *e);
    e->key = x->key;
    e->type = x->type;
    e->rule = x->rule;
    e->timex = x->timex;
    e->mod = x->mod;
    e->start = x->start;
    e->end = x->end;
    e->basis = x->basis;
    e->amount = x->amount;
    e->high = x->high;
    e->amount_cny = x->amount_cny;
    e->high_cny = x->high_cny;
    e->currency = x->currency;
    e->qualifier = x->qualifier;
    e->quantity = x->quantity;
    e->quantity_high = x->quantity_high;
    e->unit = x->unit;
    e->quote = x->quote;
    e->mark_start = x->mark_start;
    e->mark_end = x->mark_end;
    e->confidence = x->confidence;
    e->article = x->article;
    e->title = x->title;
    e->url = x->url;
    e->published = x->published;
    e->outlet = x->outlet;
    e->review = x->review;
    e->per = x->per;
    e->chips_per_unit = x->chips_per_unit;
    e->headline = x->headline;
    e->sources = x->sources;
    e->period = x->period;
    e->market = x->market;
    e->modality = x->modality;
    e->polarity = x->polarity;
    e->n_chips = x->n_chips;
    for (size_t i = 0; i < x->n_chips; i++) {
        e->chips[i] = x->chips[i];
        e->vendors[i] = x->vendors[i];
    }
}

/* ------------------------------------------------------------ the series */

/* Is s the string want?  NULL is not. */
static int S_is(const char *s, const char *want)
{
    return s && strcmp(s, want) == 0;
}

int zhei_export_price_series(const zhei_export_event *e, zhe_buf *b, unsigned *chips)
{
    if (chips) *chips = 0;
    if (isnan(e->amount_cny) || !e->per) return 0;
    if (!S_is(e->type, "price") && !S_is(e->type, "launch")) return 0;
    if ((e->modality && !S_is(e->modality, "asserted")) ||
        (e->polarity && !S_is(e->polarity, "positive")))
        return 0;
    if (b) {
        if (!S_is(e->per, "chip") || e->period) zhe_buf_puts(b, e->per);
        if (e->period) zhe_buf_printf(b, "/%s", e->period);
    }
    if (chips && !e->period && S_is(e->per, "server")) *chips = e->chips_per_unit;
    return 1;
}
