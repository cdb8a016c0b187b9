/*
** zhevents.h — the umbrella header of libzhevents.
**
** zhevents turns dumps of Chinese news articles into a timeline of events
** about chips.  Each stage of its pipeline has one header, included here in
** pipeline order; include only this file:
**
**     #include <zhevents/zhevents.h>
**
**   base.h   status codes, errors, allocator, buffers, UTF-8
**   lexicon.h  what zhevents knows: chips, vendors, words, rules, rates
**   text.h   decode, read, clean, normalize, split
**   segment.h  word segmentation
**   extract.h  mentions: chip models, money, dates, quantities
**   events.h   events linked from the mentions
**   record.h   an article's output as one record, and its JSON forms
**   pipeline.h   an article from its text to its record, in one call
**   store.h    the SQLite index: storing, querying, full-text search
**   export.h   timelines: CSV, JSON, TimelineJS, Flourish, Markdown, HTML
*/
#ifndef ZHEVENTS_H
#define ZHEVENTS_H

#define ZHEVENTS_H_IN
#include <zhevents/base.h>
#include <zhevents/lexicon.h>
#include <zhevents/text.h>
#include <zhevents/segment.h>
#include <zhevents/extract.h>
#include <zhevents/events.h>
#include <zhevents/record.h>
#include <zhevents/pipeline.h>
#include <zhevents/store.h>
#include <zhevents/export.h>
#undef ZHEVENTS_H_IN

#endif /* ZHEVENTS_H */
