/*
** read_jsonl.c — the JSON Lines format of the reader (reader_int.h): one
** JSON object a line, as scrapers dump news.  The article's text is the
** first of the keys content, text, body, article (or the key --field maps
** to content), read as an HTML fragment when it looks like one; title,
** id, publication date, url and source come from their usual keys, or the
** keys --field names.  A line is parsed with simdjson, or with jansson
** when simdjson refuses it, so the reject says where the JSON is wrong
** (jsonl.h).
**
** A line longer than max_article_bytes is rejected and skipped as it
** streams by, never held whole.  Blank lines are passed over.  The same
** record parser serves zhe_reader_jsonl_line (reader.c), for callers that
** read the lines themselves.
*/
#include "reader_int.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static const char *const S_keys_id[] = { "id", "news_id", "docno", "uuid", NULL };
static const char *const S_keys_title[] = { "title", NULL };
static const char *const S_keys_content[] = { "content", "text", "body", "article", NULL };
static const char *const S_keys_published[] = { "published", "time", "date", "pub_date",
                                                "publish_time", NULL };
static const char *const S_keys_url[] = { "url", NULL };
static const char *const S_keys_source[] = { "source", NULL };

/* One parsed JSON record: simdjson's, or jansson's when simdjson refused
 * the line (jansson then either accepts it too or says why not). */
typedef struct {
    zhei_jsonl *simd;
    json_t *jroot;      /* NULL: read from simd */
} S_record;

/* A jansson value seen as a zhei_jv (borrowed from j). */
static void S_jv_from_json(json_t *j, zhei_jv *v)
{
    memset(v, 0, sizeof *v);
    switch (json_typeof(j)) {
    case JSON_STRING:
        v->type = ZHE_JV_STRING;
        v->s = json_string_value(j);
        v->len = json_string_length(j);
        break;
    case JSON_INTEGER:
        v->type = ZHE_JV_INTEGER;
        v->i = (int64_t)json_integer_value(j);
        break;
    case JSON_REAL:
        v->type = ZHE_JV_REAL;
        v->d = json_real_value(j);
        break;
    case JSON_TRUE:
    case JSON_FALSE: v->type = ZHE_JV_BOOL; break;
    case JSON_ARRAY: v->type = ZHE_JV_ARRAY; break;
    case JSON_OBJECT: v->type = ZHE_JV_OBJECT; break;
    default: v->type = ZHE_JV_NULL; break;
    }
}

/* The value of key in the record's root object. */
static int S_get(const S_record *rec, const char *key, zhei_jv *v)
{
    if (!rec->jroot) return zhei_jsonl_get(rec->simd, key, v);
    json_t *j = json_object_get(rec->jroot, key);
    if (!j) return 0;
    S_jv_from_json(j, v);
    return 1;
}

/* The value for `field` in the record: a --field mapping first, then the
 * default keys (skipping nulls).  *key receives the key found. */
static int S_field(zhei_source *src, const S_record *rec, const char *field,
                   const char *const *defaults, const char **key, zhei_jv *v)
{
    const zhe_text_options *o = &src->tx->opt;
    for (size_t i = 0; i < o->n_fields; i++) {
        if (strcmp(o->fields[i].field, field) != 0) continue;
        if (S_get(rec, o->fields[i].key, v)) {
            *key = o->fields[i].key;
            return 1;
        }
    }
    for (; *defaults; defaults++) {
        if (S_get(rec, *defaults, v) && v->type != ZHE_JV_NULL) {
            *key = *defaults;
            return 1;
        }
    }
    return 0;
}

/* A JSON type named for a message: "an object", "a number", "null". */
static const char *S_json_type(zhei_jv_type t)
{
    switch (t) {
    case ZHE_JV_OBJECT: return "an object";
    case ZHE_JV_ARRAY: return "an array";
    case ZHE_JV_STRING: return "a string";
    case ZHE_JV_INTEGER:
    case ZHE_JV_REAL: return "a number";
    case ZHE_JV_BOOL: return "a boolean";
    default: return "null";
    }
}

/* Copy a string-or-number metadata value into *dst.  Returns 0 if v is of
 * another type. */
static int S_meta(const zhei_jv *v, char **dst)
{
    char tmp[64];
    if (v->type == ZHE_JV_STRING) {
        zhei_meta_set(dst, v->s, v->len);
    } else if (v->type == ZHE_JV_INTEGER) {
        snprintf(tmp, sizeof tmp, "%lld", (long long)v->i);
        zhei_meta_set(dst, tmp, strlen(tmp));
    } else if (v->type == ZHE_JV_REAL) {
        snprintf(tmp, sizeof tmp, "%.0f", v->d);
        zhei_meta_set(dst, tmp, strlen(tmp));
    } else {
        return 0;
    }
    return 1;
}

/* 1 if s looks like an HTML fragment rather than plain text. */
static int S_looks_html(const char *s, size_t len)
{
    static const char *const tags[] = { "<p>", "<p ", "<br", "<div", "</p>" };
    return zhei_html_has_tag(s, len, 2048, tags, ZHEI_ARRAY_LEN(tags));
}

/* Turn one JSON line (s[0..len), no newline) into an article (reader_int.h). */
zhe_status zhei_read_jsonl_record(zhei_source *src, const char *s, size_t len, uint64_t line,
                                 zhe_article **out, zhe_error *err)
{
    if (!src->jsonl) src->jsonl = zhei_jsonl_new();
    S_record rec = { src->jsonl, NULL };
    zhei_jv_type root;
    if (!zhei_jsonl_parse(src->jsonl, s, len, &root)) {
        json_error_t je;
        rec.jroot = json_loadb(s, len, 0, &je);
        if (!rec.jroot)
            return zhe_error_set(err, ZHE_ERR_FORMAT, src->path, line, UINT64_MAX,
                                 "malformed JSON at column %d: %s", je.column, je.text);
        zhei_jv v;
        S_jv_from_json(rec.jroot, &v);
        root = v.type;
    }
    zhe_status st = ZHE_OK;
    zhe_article *a = NULL;
    const char *key = NULL;
    zhei_jv content, v;
    if (root != ZHE_JV_OBJECT) {
        st = zhe_error_set(err, ZHE_ERR_FORMAT, src->path, line, UINT64_MAX,
                           "expected a JSON object, found %s", S_json_type(root));
        goto done;
    }
    if (!S_field(src, &rec, "content", S_keys_content, &key, &content)) {
        st = zhe_error_set(err, ZHE_ERR_FORMAT, src->path, line, UINT64_MAX,
                           "no article text: none of the keys content, text, body, article "
                           "(map another with --field KEY=content)");
        goto done;
    }
    if (content.type != ZHE_JV_STRING) {
        st = zhe_error_set(err, ZHE_ERR_FORMAT, src->path, line, UINT64_MAX,
                           "\"%s\" is %s, not a string", key, S_json_type(content.type));
        goto done;
    }
    a = zhei_source_article(src);
    a->line = line;
    if (S_field(src, &rec, "title", S_keys_title, &key, &v)) S_meta(&v, &a->title);
    if (S_looks_html(content.s, content.len)) {
        char *title = a->title;
        a->title = zhe_strdup("");
        zhei_html_read(a, content.s, content.len, NULL);  /* no text: caught below */
        if (*title) zhei_str_set(&a->title, title, strlen(title));
        zhe_free(title);
    } else {
        zhei_str_set(&a->raw, content.s, content.len);
        a->raw_len = content.len;
    }
    if (a->raw_len == 0 || strspn(a->raw, " \t\r\n") == a->raw_len) {
        st = zhe_error_set(err, ZHE_ERR_EMPTY, src->path, line, UINT64_MAX, "\"%s\" is empty",
                           key ? key : "content");
        zhe_article_free(a);
        a = NULL;
        goto done;
    }
    if (!(S_field(src, &rec, "id", S_keys_id, &key, &v) && S_meta(&v, &a->id) && *a->id))
        zhei_source_default_id(src, a, 1);
    if (S_field(src, &rec, "published", S_keys_published, &key, &v)) {
        char *tmp = zhe_strdup("");
        if (S_meta(&v, &tmp)) zhei_published_set(a, tmp, strlen(tmp));
        zhe_free(tmp);
    }
    if (S_field(src, &rec, "url", S_keys_url, &key, &v)) S_meta(&v, &a->url);
    if (S_field(src, &rec, "source", S_keys_source, &key, &v)) S_meta(&v, &a->source);
done:
    if (rec.jroot) json_decref(rec.jroot);
    *out = a;
    return st;
}

/* The next line of a JSON Lines input. */
static zhe_status S_next(zhei_source *src, zhe_article **out, zhe_error *err)
{
    size_t max = src->tx->opt.max_article_bytes;
    for (;;) {
        char *nl = zhei_source_len(src) > src->scan
                       ? memchr(zhei_source_text(src) + src->scan, '\n',
                                zhei_source_len(src) - src->scan)
                       : NULL;
        if (!nl && !src->eof) {
            /* No line end yet.  pending holds no newline, so consuming it
             * counts no lines. */
            if (src->skipping) {
                zhei_source_consume(src, zhei_source_len(src));
            } else if (zhei_source_len(src) > max) {
                src->skipping = 1;
                src->record++;
                zhei_source_consume(src, zhei_source_len(src));
                return zhe_error_set(err, ZHE_ERR_TOO_BIG, src->path, src->lines + 1, UINT64_MAX,
                                     "record longer than the limit of %zu bytes "
                                     "(--max-article-bytes); skipped", max);
            }
            src->scan = zhei_source_len(src);
            return ZHEI_READ_MORE;
        }
        size_t len = nl ? (size_t)(nl - zhei_source_text(src)) : zhei_source_len(src);
        if (len == 0 && !nl) return ZHE_DONE;       /* eof, nothing left */
        if (src->skipping) {
            src->skipping = 0;
            zhei_source_consume(src, len + (nl != NULL));
            continue;
        }
        uint64_t line = src->lines + 1;
        const char *s = zhei_source_text(src);
        size_t t = len;
        while (t && zhei_is_space((unsigned char)s[t - 1])) t--;
        size_t h = 0;
        while (h < t && zhei_is_space((unsigned char)s[h])) h++;
        if (h == t) {                               /* a blank line */
            zhei_source_consume(src, len + (nl != NULL));
            continue;
        }
        src->record++;
        zhe_status st;
        if (len > max) {
            st = zhe_error_set(err, ZHE_ERR_TOO_BIG, src->path, line, UINT64_MAX,
                               "record of %zu bytes exceeds the limit of %zu bytes "
                               "(--max-article-bytes)", len, max);
        } else {
            st = zhei_read_jsonl_record(src, s + h, t - h, line, out, err);
            if (st == ZHE_OK)
                (*out)->replacements = zhei_decoder_count_marks(
                    src->dec, src->consumed, src->consumed + len + 1);
        }
        zhei_source_consume(src, len + (nl != NULL));
        return st;
    }
}

/* A JSON Lines input starts with an object. */
static int S_sniff(const char *s, size_t len)
{
    return len && s[0] == '{';
}

const zhei_format zhei_format_jsonl = { "jsonl", S_sniff, S_next };
