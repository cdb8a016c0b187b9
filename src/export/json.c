/*
** json.c — the json and jsonl formats: every event as one JSON object
** (jansson builds and escapes it), json an array of them written at the
** end with two-space indents, jsonl one compact object a line written as
** the event comes.  Also zhei_export_json_write, which timelinejs.c's JSON goes
** through too.
*/
#include "export_int.h"

#include <math.h>

/* --------------------------------------------------------- events as JSON */

/* s as a JSON string; null for NULL. */
static json_t *S_jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* v as a JSON number: an integer when it is one (below 9e15), null for
 * NAN. */
static json_t *S_jnum(double v)
{
    if (isnan(v)) return json_null();
    if (v == floor(v) && fabs(v) < 9e15) return json_integer((json_int_t)v);
    return json_real(v);
}

/* One event as a JSON object (the caller owns it): type; date (timex,
 * mod, start, end, precision, basis); chips and vendors; money (amount,
 * high, currency, qualifier, cny) or null; quantity (amount, high, unit)
 * or null; what it means (per, chips_per_unit, period, market, modality,
 * polarity); quote and its mark; title, url, published, outlet, article;
 * confidence; rule; key. */
static json_t *S_event_json(const zhe_stored_event *e)
{
    json_t *o = json_object();
    json_object_set_new(o, "type", S_jstr(e->type));
    json_t *d = json_object();
    json_object_set_new(d, "timex", S_jstr(e->timex));
    json_object_set_new(d, "mod", S_jstr(e->mod));
    json_object_set_new(d, "start", S_jstr(e->start));
    json_object_set_new(d, "end", S_jstr(e->end));
    zhei_export_precision p = zhei_export_timex_precision(e->timex);
    json_object_set_new(d, "precision", json_string(zhei_export_precision_name(p)));
    json_object_set_new(d, "basis", S_jstr(e->basis));
    json_object_set_new(o, "date", d);
    json_t *chips = json_array();
    for (size_t i = 0; i < e->n_chips; i++) json_array_append_new(chips, S_jstr(e->chips[i]));
    json_object_set_new(o, "chips", chips);
    json_t *vendors = json_array();
    for (size_t i = 0; i < e->n_chips; i++) json_array_append_new(vendors, S_jstr(e->vendors[i]));
    json_object_set_new(o, "vendors", vendors);
    if (!isnan(e->amount)) {
        json_t *m = json_object();
        json_object_set_new(m, "amount", S_jnum(e->amount));
        if (!isnan(e->high)) json_object_set_new(m, "high", S_jnum(e->high));
        json_object_set_new(m, "currency", S_jstr(e->currency));
        json_object_set_new(m, "qualifier", S_jstr(e->qualifier));
        json_object_set_new(m, "cny", S_jnum(round(e->amount_cny)));
        json_object_set_new(o, "money", m);
    } else {
        json_object_set_new(o, "money", json_null());
    }
    if (!isnan(e->quantity)) {
        json_t *q = json_object();
        json_object_set_new(q, "amount", S_jnum(e->quantity));
        if (!isnan(e->quantity_high)) json_object_set_new(q, "high", S_jnum(e->quantity_high));
        json_object_set_new(q, "unit", S_jstr(e->unit));
        json_object_set_new(o, "quantity", q);
    } else {
        json_object_set_new(o, "quantity", json_null());
    }
    json_object_set_new(o, "per", S_jstr(e->per));
    json_object_set_new(o, "chips_per_unit",
                        e->chips_per_unit ? json_integer(e->chips_per_unit) : json_null());
    json_object_set_new(o, "period", S_jstr(e->period));
    json_object_set_new(o, "market", S_jstr(e->market));
    json_object_set_new(o, "modality", S_jstr(e->modality));
    json_object_set_new(o, "polarity", S_jstr(e->polarity));
    json_object_set_new(o, "headline", json_boolean(e->headline));
    json_object_set_new(o, "sources",
                        e->sources ? json_integer((json_int_t)e->sources) : json_null());
    json_object_set_new(o, "quote", S_jstr(e->quote));
    if (e->mark_end > e->mark_start)
        json_object_set_new(o, "mark", json_pack("[I,I]", (json_int_t)e->mark_start,
                                                 (json_int_t)e->mark_end));
    json_object_set_new(o, "title", S_jstr(e->title));
    json_object_set_new(o, "url", S_jstr(e->url));
    json_object_set_new(o, "published", S_jstr(e->published));
    json_object_set_new(o, "outlet", S_jstr(e->outlet));
    json_object_set_new(o, "review", S_jstr(e->review));
    json_object_set_new(o, "article", S_jstr(e->article));
    json_object_set_new(o, "confidence", json_real(round(e->confidence * 100) / 100));
    json_object_set_new(o, "rule", S_jstr(e->rule));
    json_object_set_new(o, "key", S_jstr(e->key));
    return o;
}

/* json_dump_callback's callback: s[0..len) appended to the zhe_buf ctx. */
static int S_append(const char *s, size_t len, void *ctx)
{
    zhe_buf_put(ctx, s, len);
    return 0;
}

/* jansson's json_dumpf writes a token at a time; dumped into a buffer
 * (one kept from one event to the next, for jsonl), a line is one fwrite. */
zhe_status zhei_export_json_write(FILE *out, zhe_buf *line, json_t *j, size_t flags, zhe_error *err)
{
    zhe_buf_truncate(line, 0);
    int bad = json_dump_callback(j, S_append, line, flags) != 0;
    json_decref(j);
    zhe_buf_putc(line, '\n');
    if (bad || fwrite(line->ptr, 1, line->len, out) != line->len)
        return zhei_export_write_failed(err);
    return ZHE_OK;
}

/* ------------------------------------------------------------------ json */

/* The array the events are added to until finish. */
static void S_json_begin(zhei_export_run *r)
{
    r->state = json_array();
}

/* Takes one event: its object, added to the array. */
static zhe_status S_json_event(zhei_export_run *r, const zhe_stored_event *e, zhe_error *err)
{
    (void)err;
    json_array_append_new(r->state, S_event_json(e));
    return ZHE_OK;
}

/* The array, written and freed. */
static zhe_status S_json_finish(zhei_export_run *r, zhe_error *err)
{
    zhe_buf line = ZHE_BUF_INIT;
    zhe_status s = zhei_export_json_write(r->out, &line, r->state,
                                          JSON_INDENT(2) | JSON_REAL_PRECISION(15), err);
    r->state = NULL;
    zhe_buf_clear(&line);
    return s;
}

const zhei_export_format zhei_export_format_json = {
    .name = "json",
    .keeps = 0,
    .begin = S_json_begin,
    .event = S_json_event,
    .finish = S_json_finish,
};

/* ----------------------------------------------------------------- jsonl */

/* The line buffer, kept from one event to the next. */
static void S_jsonl_begin(zhei_export_run *r)
{
    r->state = ZHEI_NEW(zhe_buf);
}

/* Takes one event: its object, written as a line. */
static zhe_status S_jsonl_event(zhei_export_run *r, const zhe_stored_event *e, zhe_error *err)
{
    return zhei_export_json_write(r->out, r->state, S_event_json(e),
                                  JSON_COMPACT | JSON_REAL_PRECISION(15), err);
}

/* The line buffer, freed: every line is written already. */
static zhe_status S_jsonl_finish(zhei_export_run *r, zhe_error *err)
{
    (void)err;
    zhe_buf_clear(r->state);
    zhe_free(r->state);
    r->state = NULL;
    return ZHE_OK;
}

const zhei_export_format zhei_export_format_jsonl = {
    .name = "jsonl",
    .keeps = 0,
    .begin = S_jsonl_begin,
    .event = S_jsonl_event,
    .finish = S_jsonl_finish,
};
