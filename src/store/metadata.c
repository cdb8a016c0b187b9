/*
** metadata.c — Datasette's metadata.json for a zhevents database: a
** title, where the data comes from, what every table and column holds,
** and facets on the timeline's event type, chip and month, so that
** `datasette zhevents.db -m zhevents.metadata.json` reads well with no
** setup.  It is named after the database (NAME.metadata.json beside
** NAME.db), so that two databases in one directory keep their own, and
** it never replaces a file zhevents did not write.
**
** The descriptions are a table below (data, not code): one entry per
** table or view, then its columns.  Datasette names a database after its
** file without the extension, and so does this file.
*/
#include "store_int.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    const char *table;      /* NULL ends the list */
    const char *column;     /* NULL: the table's own description */
    const char *text;
} S_desc;

static const S_desc S_descs[] = {
    { "timeline", NULL, "One row per event and chip, in words: what happened to which chip, "
                        "when, for how much, with the sentence that says so." },
    { "timeline", "start", "First day the event's date spans (ISO 8601)" },
    { "timeline", "end", "Last day the event's date spans (ISO 8601)" },
    { "timeline", "timex", "The date as TIMEX3: 2023-10-17, 2023-10, 2023-Q4, 2023-H2, 2023" },
    { "timeline", "mod", "START, MID, END or APPROX (年初, 年中, 年底, 近日)" },
    { "timeline", "precision", "day, week, month, quarter, half, season or year" },
    { "timeline", "month", "The month the event starts in (YYYY-MM)" },
    { "timeline", "type", "export_control, price, launch, shipment or capacity" },
    { "timeline", "chip", "Canonical chip model (lexicons/chips.tsv): H100, RTX 4090, Ascend 910B" },
    { "timeline", "vendor", "The chip's vendor" },
    { "timeline", "amount", "Amount of money, in `currency`" },
    { "timeline", "amount_high", "Upper end when the amount is a range" },
    { "timeline", "currency", "ISO 4217 code" },
    { "timeline", "qualifier", "exact, approx, at_least, at_most, more_than, max, min or range" },
    { "timeline", "quantity", "Number of units (片, 张, 台 …)" },
    { "timeline", "quantity_high", "Upper end when the quantity is a range" },
    { "timeline", "unit", "The measure word counted" },
    { "timeline", "quote", "The sentence, as the article printed it" },
    { "timeline", "title", "The article's title" },
    { "timeline", "url", "The article's address, when the input had one" },
    { "timeline", "published", "The article's publication date" },
    { "timeline", "confidence", "How sure the linker is, 0 to 1" },
    { "timeline", "date_basis", "Where the date came from: stated (the sentence), narrative "
                                "(the story's last date), published, undated" },
    { "timeline", "event_key", "Stable key of the event: the same on every run" },
    { "prices", NULL, "One row per price (a launch price too) and chip, with its value "
                      "in yuan where lexicons/rates.tsv has a rate for the month "
                      "(approximate monthly averages: check before publishing)." },
    { "prices", "amount_cny", "The amount in CNY at the month's rate" },
    { "prices", "cny_rate", "CNY per unit of the currency that month (rates table)" },
    { "prices", "series", "What the price is for: chip (one chip or card sold), server, "
                          "module, system, cluster; /hour, /day, /month, /year for a rental. "
                          "Compare a series with itself only" },
    { "prices", "chip_cny", "The price of one chip sold, in CNY: the amount of a chip's "
                            "sale, or a machine's over the chips it holds" },
    { "prices", "chip_cny_derived", "1 when chip_cny is a machine's price over its chips" },
    { "facts", NULL, "One row per fact, however many articles report it: the same type, "
                     "a chip in common, dates that overlap and the same amount within 2% "
                     "or the same count" },
    { "facts", "sources", "The number of articles that report the fact" },
    { "facts", "first_published", "When the first article to report it was published" },
    { "events", NULL, "Events linked from an article's mentions" },
    { "events", "fact", "The key of the fact the event tells (facts view)" },
    { "events", "headline", "1 when only the headline tells it (its quote is the title)" },
    { "events", "key", "Stable content-derived key, unique within an article" },
    { "events", "date_basis", "stated, narrative, published or undated" },
    { "events", "per", "What a price is for: chip, server, module, system or cluster" },
    { "events", "chips_per_unit", "Chips in one priced machine, when the text says (8卡: 8)" },
    { "events", "period", "A rental's period: hour, day, month or year; empty for a sale" },
    { "events", "market", "Where the text says: official, retail, grey (黑市, 水货, 渠道) "
                          "or used (二手)" },
    { "events", "modality", "asserted, expected (预计), planned (计划, 拟) or rumored (传闻)" },
    { "events", "polarity", "positive, or negative: denied or said not to have happened" },
    { "events", "start", "Start of the sentence, in code points into the article's text" },
    { "events", "end", "End of the sentence, in code points" },
    { "events", "rule", "The linker rule that made the event" },
    { "events", "trigger", "The trigger word (lexicons/triggers.tsv)" },
    { "event_chips", NULL, "The chips of each event" },
    { "event_chips", "chip_key", "The chip lowered, without spaces or dashes: what "
                                 "`zhevents query --chip` matches" },
    { "articles", NULL, "One row per article read; re-ingesting the same text is a no-op" },
    { "articles", "ext_id", "The article's id in its input (or its file name)" },
    { "articles", "path", "The file it was read from" },
    { "articles", "record", "Record number within the file" },
    { "articles", "chars", "Length of the article's text, in characters" },
    { "articles", "hash", "XXH3-128 of title and text: the duplicate check" },
    { "sentences", NULL, "The articles' sentences" },
    { "sentences", "text", "The sentence as the article printed it" },
    { "sentences", "seg", "The normalized sentence, segmented into words separated by spaces "
                          "(what sentences_fts indexes)" },
    { "sentences", "start", "Start, in code points into the article's text" },
    { "sentences_plain", NULL, "Each sentence normalized (simplified script, NFKC) without "
                               "the segmenter's spaces: what sentences_trigram indexes; "
                               "search two characters here with LIKE '%万元%'" },
    { "mentions", NULL, "Chip models, money, dates and quantities found in the text" },
    { "sources", NULL, "News outlets named by the articles" },
    { "rejects", NULL, "Inputs that could not be read, and why" },
    { "runs", NULL, "One row per `zhevents ingest`" },
    { "rates", NULL, "CNY per unit of a currency, by month, from lexicons/rates.tsv" },
    { NULL, NULL, NULL },
};

/* The database's name as Datasette shows it: the file name without its
 * directory and extension. */
static char *S_db_name(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    return zhe_strndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

/* May zhevents write path: it is not there, or it is a metadata file
 * zhevents wrote (its "source" names zhevents).  A hand-written file, or
 * anything else, is not ours to replace. */
static int S_ours(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return errno == ENOENT;
    json_error_t e;
    json_t *j = json_loadf(f, 0, &e);
    fclose(f);
    const char *src = json_string_value(json_object_get(j, "source"));
    int ours = src && !strncmp(src, "zhevents ", 9);
    json_decref(j);
    return ours;
}

zhe_status zhe_store_write_metadata(const char *db_path, zhe_error *err)
{
    json_t *tables = json_object();
    for (const S_desc *d = S_descs; d->table; d++) {
        json_t *t = json_object_get(tables, d->table);
        if (!t) {
            t = json_object();
            json_object_set_new(tables, d->table, t);
        }
        if (!d->column) {
            json_object_set_new(t, "description", json_string(d->text));
            continue;
        }
        json_t *cols = json_object_get(t, "columns");
        if (!cols) {
            cols = json_object();
            json_object_set_new(t, "columns", cols);
        }
        json_object_set_new(cols, d->column, json_string(d->text));
    }
    json_t *tl = json_object_get(tables, "timeline");
    json_object_set_new(tl, "facets", json_pack("[sss]", "type", "chip", "month"));
    json_object_set_new(tl, "sort", json_string("start"));
    json_t *pr = json_object_get(tables, "prices");
    json_object_set_new(pr, "facets", json_pack("[sss]", "chip", "series", "currency"));
    json_object_set_new(pr, "sort", json_string("start"));
    json_object_set_new(tables, "sentences_fts", json_pack("{sb}", "hidden", 1));
    json_object_set_new(tables, "sentences_trigram", json_pack("{sb}", "hidden", 1));
    /* the search box finds any string of three or more characters as
     * typed, without spaces (英伟达芯片), in the normalized text */
    json_t *sn = json_object_get(tables, "sentences");
    json_object_set_new(sn, "fts_table", json_string("sentences_trigram"));
    json_object_set_new(sn, "fts_pk", json_string("id"));

    char *name = S_db_name(db_path);
    json_t *root = json_pack(
        "{s:s, s:s, s:s, s:s, s:{s:{s:s, s:o}}}",
        "title", "zhevents: chip events in Chinese news",
        "description", "Events about chips (export controls, prices, launches, shipments, "
                       "capacity) mined from Chinese news articles by zhevents: each with its "
                       "date, chips, amounts and the sentence that says so.  Search sentences "
                       "by any string of three or more characters, typed without spaces "
                       "(sentences_trigram, the search box of sentences); whole words "
                       "as zhevents segments them with sentences_fts.",
        "source", "zhevents " ZHE_VERSION_STRING,
        "license", "The articles' text belongs to its publishers",
        "databases", name, "description",
        "Made by `zhevents ingest`; rebuild it from the same inputs at any time.",
        "tables", tables);
    zhe_free(name);
    if (!root)
        return zhe_error_set(err, ZHE_ERR_USAGE, db_path, 0, UINT64_MAX,
                             "the database's file name is not UTF-8");

    zhe_buf path = ZHE_BUF_INIT, tmp = ZHE_BUF_INIT;
    const char *slash = strrchr(db_path, '/');
    if (slash) zhe_buf_put(&path, db_path, (size_t)(slash - db_path + 1));
    char *base = S_db_name(db_path);
    zhe_buf_printf(&path, "%s.metadata.json", base);
    zhe_free(base);
    zhe_buf_printf(&tmp, "%s.tmp", path.ptr);
    zhe_status s = ZHE_OK;
    if (!S_ours(path.ptr)) {
        s = zhe_error_set(err, ZHE_ERR_USAGE, path.ptr, 0, UINT64_MAX,
                          "not written by zhevents: left as it is");
        json_decref(root);
        zhe_buf_clear(&path);
        zhe_buf_clear(&tmp);
        return s;
    }
    FILE *f = fopen(tmp.ptr, "w");
    if (!f || json_dumpf(root, f, JSON_INDENT(2) | JSON_SORT_KEYS) != 0 ||
        fputc('\n', f) == EOF) {
        s = zhe_error_set(err, ZHE_ERR_IO, tmp.ptr, 0, UINT64_MAX, "cannot write: %s",
                          strerror(errno));
        if (f) fclose(f);
        f = NULL;
        remove(tmp.ptr);
    }
    if (f && fclose(f) != 0) {
        s = zhe_error_set(err, ZHE_ERR_IO, tmp.ptr, 0, UINT64_MAX, "cannot write: %s",
                          strerror(errno));
        remove(tmp.ptr);
    }
    if (s == ZHE_OK && rename(tmp.ptr, path.ptr) != 0) {
        s = zhe_error_set(err, ZHE_ERR_IO, path.ptr, 0, UINT64_MAX, "cannot write: %s",
                          strerror(errno));
        remove(tmp.ptr);
    }
    json_decref(root);
    zhe_buf_clear(&path);
    zhe_buf_clear(&tmp);
    return s;
}
