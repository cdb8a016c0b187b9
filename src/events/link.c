/*
** link.c — an article's events, linked from its mentions (see
** zhevents/events.h).
*/
#include "../base/base_int.h"

#include <stdlib.h>
#include <string.h>
#include <zhevents/extract.h>
#include <zhevents/events.h>

struct zhe_linker {
    int unused;
};

const char *zhe_event_type_str(zhe_event_type t)
{
    switch (t) {
    case ZHE_EVENT_EXPORT_CONTROL: return "export_control";
    case ZHE_EVENT_PRICE: return "price";
    case ZHE_EVENT_LAUNCH: return "launch";
    case ZHE_EVENT_SHIPMENT: return "shipment";
    case ZHE_EVENT_CAPACITY: return "capacity";
    }
    return NULL;
}

zhe_event_type zhe_event_type_parse(const char *s)
{
    for (int t = 1; t <= ZHE_EVENT_TYPE_MAX; t++)
        if (strcmp(s, zhe_event_type_str((zhe_event_type)t)) == 0) return (zhe_event_type)t;
    return (zhe_event_type)0;
}

const char *zhe_event_basis_str(zhe_event_basis b)
{
    switch (b) {
    case ZHE_EVENT_STATED: return "stated";
    case ZHE_EVENT_NARRATIVE: return "narrative";
    case ZHE_EVENT_PUBLISHED: return "published";
    case ZHE_EVENT_UNDATED: return "undated";
    }
    return NULL;
}

void zhe_events_clear(zhe_events *evs)
{
    zhe_free(evs->v);
    memset(evs, 0, sizeof *evs);
}

zhe_status zhe_linker_new(const char *lexicon_dir, zhe_linker **out, zhe_error *err)
{
    (void)lexicon_dir;
    (void)err;
    *out = ZHE_NEW(zhe_linker);
    return ZHE_OK;
}

void zhe_linker_free(zhe_linker *lk)
{
    zhe_free(lk);
}

void zhe_link(const zhe_linker *lk, const zhe_article *a, const zhe_mentions *ms, zhe_events *evs)
{
    (void)lk, (void)a, (void)ms, (void)evs;
}
