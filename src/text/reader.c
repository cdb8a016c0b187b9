/*
** reader.c — turns paths into articles: walks directories, opens files
** (gzip or not, through zlib, which reads plain files unchanged), detects
** each file's encoding and format, decodes it as a stream and cuts it into
** records: one per line of a JSON Lines dump, one per <doc> of a Sogou
** dump, one per HTML page or plain-text file.
**
** A file is read in 64 KiB chunks, so a dump of any size goes through in
** bounded memory; only one record is held at a time, and a record larger
** than max_article_bytes is rejected (and skipped) rather than buffered.
** Anything wrong with one record is reported as a reject and the reader
** goes on with the next; anything wrong with a file ends that file only.
*/
#include "text_int.h"

#include "jsonl.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define S_CHUNK 65536

typedef struct S_input {
    char *path;         /* as opened; "-" for stdin */
    char *name;         /* relative to the argument it was found under */
} S_input;

struct zhe_reader {
    zhe_text *tx;
    S_input *queue;
    size_t n_queue, cap_queue, next_input;

    /* The input being read. */
    int open;
    gzFile gz;                  /* NULL when reading from memory */
    const char *mem;            /* zhe_text_read_buffer's bytes */
    size_t mem_len, mem_pos;
    char *path, *name;
    zhe_decoder *dec;
    zhe_encoding enc;
    const char *format;
    zhe_buf pending;            /* decoded text; pending.ptr[pos..len) not yet consumed */
    size_t pos;
    uint64_t consumed;          /* stream position of pending.ptr[pos] */
    uint64_t lines;             /* newlines consumed so far */
    size_t scan;                /* pending[0..scan) has no record end */
    int eof;                    /* the source is exhausted and flushed */
    int skipping;               /* discarding the rest of an oversized line */
    int fatal;                  /* a read error: the input cannot go on */
    zhe_jsonl *jsonl;           /* the JSON Lines parser, made on first use */
    uint64_t record;            /* records started in this input */
    uint64_t bytes;             /* raw bytes read, all inputs */
    uint64_t file_bytes;        /* bytes read from this input (decompressed) */
    char chunk[S_CHUNK];        /* the read buffer */
};

/* -------------------------------------------------------------- queue */

static void S_enqueue(zhe_reader *r, const char *path, const char *name)
{
    ZHE_GROW(&r->queue, &r->cap_queue, r->n_queue + 1);
    r->queue[r->n_queue].path = zhe_strdup(path);
    r->queue[r->n_queue].name = zhe_strdup(name);
    r->n_queue++;
}

/* Files a directory walk passes over: hidden ones, and the notes people
 * keep beside a dump (README, LICENSE, *.md), which are not articles.
 * Named on the command line, such a file is read like any other. */
static int S_skip_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] == '.' || strncmp(name, "README", 6) == 0 ||
           strncmp(name, "LICENSE", 7) == 0 || (n > 3 && strcmp(name + n - 3, ".md") == 0);
}

static int S_name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Queue every regular file under dir, in name order.  `rel` is dir's path
 * relative to the argument ("" at the top). */
static zhe_status S_walk(zhe_reader *r, const char *dir, const char *rel, int depth,
                         zhe_error *err)
{
    if (depth > 64)
        return zhe_error_set(err, ZHE_ERR_IO, dir, 0, UINT64_MAX, "directories nested too deep");
    DIR *d = opendir(dir);
    if (!d) return zhe_error_set(err, ZHE_ERR_IO, dir, 0, UINT64_MAX, "%s", strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (S_skip_name(e->d_name)) continue;
        ZHE_GROW(&names, &cap, n + 1);
        names[n++] = zhe_strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, S_name_cmp);
    zhe_status st = ZHE_OK;
    zhe_buf path = ZHE_BUF_INIT, sub = ZHE_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        zhe_buf_truncate(&path, 0);
        zhe_buf_truncate(&sub, 0);
        zhe_buf_printf(&path, "%s/%s", dir, names[i]);
        zhe_buf_printf(&sub, "%s%s%s", rel, *rel ? "/" : "", names[i]);
        struct stat sb;
        if (lstat(path.ptr, &sb) != 0) continue;
        if (S_ISLNK(sb.st_mode)) {
            /* Follow links to files, not to directories: a link back up
             * the tree would loop. */
            if (stat(path.ptr, &sb) != 0 || S_ISDIR(sb.st_mode)) continue;
        }
        if (S_ISDIR(sb.st_mode)) {
            zhe_status s2 = S_walk(r, path.ptr, sub.ptr, depth + 1, err);
            if (s2 != ZHE_OK) st = s2;
        } else if (S_ISREG(sb.st_mode)) {
            S_enqueue(r, path.ptr, sub.ptr);
        }
    }
    for (size_t i = 0; i < n; i++) zhe_free(names[i]);
    zhe_free(names);
    zhe_buf_clear(&path);
    zhe_buf_clear(&sub);
    return st;
}

zhe_reader *zhe_reader_new(zhe_text *tx)
{
    zhe_reader *r = ZHE_NEW(zhe_reader);
    r->tx = tx;
    return r;
}

zhe_status zhe_reader_add(zhe_reader *r, const char *path, zhe_error *err)
{
    if (strcmp(path, "-") == 0) {
        S_enqueue(r, "-", "stdin");
        return ZHE_OK;
    }
    struct stat sb;
    if (stat(path, &sb) != 0)
        return zhe_error_set(err, ZHE_ERR_IO, path, 0, UINT64_MAX, "%s", strerror(errno));
    if (S_ISDIR(sb.st_mode)) {
        /* Strip trailing slashes so the walk's paths read well. */
        size_t n = strlen(path);
        while (n > 1 && path[n - 1] == '/') n--;
        char *dir = zhe_strndup(path, n);
        zhe_status st = S_walk(r, dir, "", 0, err);
        zhe_free(dir);
        return st;
    }
    const char *base = strrchr(path, '/');
    S_enqueue(r, path, base ? base + 1 : path);
    return ZHE_OK;
}

uint64_t zhe_reader_bytes(const zhe_reader *r)
{
    return r->bytes;
}

/* -------------------------------------------------------------- input */

/* The decoded text not yet consumed. */
static inline const char *S_pdata(const zhe_reader *r)
{
    return r->pending.ptr ? r->pending.ptr + r->pos : "";
}

static inline size_t S_plen(const zhe_reader *r)
{
    return r->pending.len - r->pos;
}

static void S_close(zhe_reader *r)
{
    if (r->gz) gzclose(r->gz);
    r->gz = NULL;
    r->mem = NULL;
    zhe_decoder_free(r->dec);
    r->dec = NULL;
    zhe_free(r->path);
    zhe_free(r->name);
    r->path = r->name = NULL;
    zhe_buf_clear(&r->pending);
    r->pos = 0;
    r->open = 0;
}

void zhe_reader_free(zhe_reader *r)
{
    if (!r) return;
    S_close(r);
    zhe_jsonl_free(r->jsonl);
    for (size_t i = 0; i < r->n_queue; i++) {
        zhe_free(r->queue[i].path);
        zhe_free(r->queue[i].name);
    }
    zhe_free(r->queue);
    zhe_free(r);
}

/* Read up to n raw bytes.  Returns the count, 0 at the end, -1 on error
 * (with err filled). */
static long S_source_read(zhe_reader *r, char *buf, size_t n, zhe_error *err)
{
    if (!r->gz) {
        size_t k = ZHE_MIN(n, r->mem_len - r->mem_pos);
        memcpy(buf, r->mem + r->mem_pos, k);
        r->mem_pos += k;
        r->bytes += k;
        r->file_bytes += k;
        return (long)k;
    }
    int k = gzread(r->gz, buf, (unsigned)n);
    if (k < 0) {
        int zerr;
        const char *msg = gzerror(r->gz, &zerr);
        if (zerr == Z_ERRNO) msg = strerror(errno);
        zhe_error_set(err, zerr == Z_ERRNO ? ZHE_ERR_IO : ZHE_ERR_FORMAT, r->path, 0,
                      r->file_bytes, "cannot read: %s", msg);
        return -1;
    }
    if (k == 0) {
        /* zlib reports a stream cut short as a plain end of file, and says
         * so only through gzerror. */
        int zerr;
        gzerror(r->gz, &zerr);
        if (zerr == Z_BUF_ERROR) {
            zhe_error_set(err, ZHE_ERR_FORMAT, r->path, 0, r->file_bytes,
                          "the gzip data is cut short: it ends before the end of its stream");
            return -1;
        }
    }
    r->bytes += (uint64_t)k;
    r->file_bytes += (uint64_t)k;
    return k;
}

static int S_has_tag(const char *s, size_t len, size_t limit, const char *const *tags,
                     size_t n_tags);

/* The format of a decoded text, judged from its start. */
static const char *S_sniff_format(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && zhe_is_space((unsigned char)s[i])) i++;
    if (i < len && s[i] == '{') return "jsonl";
    if (len - i >= 5 && strncmp(s + i, "<doc>", 5) == 0) return "sogou";
    static const char *const tags[] = { "<!doctype html", "<html", "<head", "<body",
                                        "<meta", "<title", "<div", "<p>", "<p ",
                                        "<article", "<!--" };
    if (i < len && s[i] == '<' && S_has_tag(s + i, len - i, 4096, tags, ZHE_ARRAY_LEN(tags)))
        return "html";
    return "text";
}

/* Read and decode the next chunk into pending.  Returns 1 if there may be
 * more, 0 at the end (the decoder flushed), -1 on a read error. */
static int S_refill(zhe_reader *r, zhe_error *err)
{
    if (r->eof) return 0;
    char *chunk = r->chunk;
    long k = S_source_read(r, chunk, S_CHUNK, err);
    if (k < 0) {
        r->fatal = 1;
        return -1;
    }
    if (!r->dec) {
        /* First chunk: detect the encoding, then the format. */
        if (r->tx->opt.encoding == ZHE_ENC_AUTO) {
            int whole = (size_t)k < S_CHUNK;
            r->enc = zhe_encoding_detect(chunk, (size_t)k, whole);
        } else {
            r->enc = r->tx->opt.encoding;
        }
        if (zhe_decoder_new(r->enc, &r->dec, err) != ZHE_OK) {
            r->fatal = 1;
            return -1;
        }
    }
    /* Compact what was consumed before the buffer grows. */
    if (r->pos) {
        zhe_buf_consume(&r->pending, r->pos);
        r->pos = 0;
    }
    zhe_decoder_mark(r->dec, r->consumed);
    if (k > 0) {
        zhe_decoder_feed(r->dec, chunk, (size_t)k, &r->pending);
    } else {
        zhe_decoder_finish(r->dec, &r->pending);
        r->eof = 1;
    }
    if (!r->format && (S_plen(r) >= 4096 || r->eof))
        r->format = S_sniff_format(S_pdata(r), S_plen(r));
    return r->eof ? 0 : 1;
}

/* Drop n bytes of pending, counting the lines they held.  Nothing moves:
 * S_refill compacts the buffer before it appends. */
static void S_consume(zhe_reader *r, size_t n)
{
    for (const char *p = S_pdata(r), *e = p + n; (p = memchr(p, '\n', (size_t)(e - p)));
         p++)
        r->lines++;
    r->pos += n;
    r->consumed += n;
    r->scan = 0;
}

static zhe_status S_open_next(zhe_reader *r, zhe_error *err)
{
    S_input *in = &r->queue[r->next_input++];
    r->path = zhe_strdup(in->path);
    r->name = zhe_strdup(in->name);
    r->consumed = r->lines = r->file_bytes = 0;
    r->scan = 0;
    r->eof = r->skipping = r->fatal = 0;
    r->record = 0;
    r->format = NULL;
    errno = 0;
    if (strcmp(in->path, "-") == 0) r->gz = gzdopen(dup(0), "rb");
    else r->gz = gzopen(in->path, "rb");
    if (!r->gz) {
        zhe_error_set(err, ZHE_ERR_IO, in->path, 0, UINT64_MAX, "cannot open: %s",
                      errno ? strerror(errno) : "out of memory");
        zhe_free(r->path);
        zhe_free(r->name);
        r->path = r->name = NULL;
        return ZHE_ERR_IO;
    }
    gzbuffer(r->gz, S_CHUNK);
    r->open = 1;
    return ZHE_OK;
}

/* ------------------------------------------------------------- records */

/* A new article for the current input's next record. */
static zhe_article *S_article(zhe_reader *r)
{
    zhe_article *a = zhe_article_new();
    zhe_str_set(&a->path, r->path, strlen(r->path));
    a->encoding = zhe_encoding_name(r->enc);
    a->format = r->format;
    a->record = r->record;
    a->line = r->lines + 1;
    return a;
}

/* The article's id when its record has none: the file's name, with #N for
 * the N-th record of a file that holds several. */
static void S_default_id(zhe_reader *r, zhe_article *a, int multi)
{
    zhe_buf b = ZHE_BUF_INIT;
    if (multi) zhe_buf_printf(&b, "%s#%llu", r->name, (unsigned long long)r->record);
    else zhe_buf_puts(&b, r->name);
    zhe_free(a->id);
    a->id = zhe_buf_detach(&b, NULL);
}

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
    zhe_jsonl *simd;
    json_t *jroot;      /* NULL: read from simd */
} S_record;

/* A jansson value seen as a zhe_jv (borrowed from j). */
static void S_jv_from_json(json_t *j, zhe_jv *v)
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
static int S_get(const S_record *rec, const char *key, zhe_jv *v)
{
    if (!rec->jroot) return zhe_jsonl_get(rec->simd, key, v);
    json_t *j = json_object_get(rec->jroot, key);
    if (!j) return 0;
    S_jv_from_json(j, v);
    return 1;
}

/* The value for `field` in the record: a --field mapping first, then the
 * default keys (skipping nulls).  *key receives the key found. */
static int S_field(zhe_reader *r, const S_record *rec, const char *field,
                   const char *const *defaults, const char **key, zhe_jv *v)
{
    const zhe_text_options *o = &r->tx->opt;
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

static const char *S_json_type(zhe_jv_type t)
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
static int S_meta(const zhe_jv *v, char **dst)
{
    char tmp[64];
    if (v->type == ZHE_JV_STRING) {
        zhe_meta_set(dst, v->s, v->len);
    } else if (v->type == ZHE_JV_INTEGER) {
        snprintf(tmp, sizeof tmp, "%lld", (long long)v->i);
        zhe_meta_set(dst, tmp, strlen(tmp));
    } else if (v->type == ZHE_JV_REAL) {
        snprintf(tmp, sizeof tmp, "%.0f", v->d);
        zhe_meta_set(dst, tmp, strlen(tmp));
    } else {
        return 0;
    }
    return 1;
}

/* 1 if one of the tags appears within the first `limit` bytes of s. */
static int S_has_tag(const char *s, size_t len, size_t limit, const char *const *tags,
                     size_t n_tags)
{
    const char *end = s + ZHE_MIN(len, limit);
    for (const char *p = s; (p = memchr(p, '<', (size_t)(end - p))); p++) {
        for (size_t k = 0; k < n_tags; k++) {
            size_t tl = strlen(tags[k]);
            if ((size_t)(end - p) >= tl && strncasecmp(p, tags[k], tl) == 0) return 1;
        }
    }
    return 0;
}

/* 1 if s looks like an HTML fragment rather than plain text. */
static int S_looks_html(const char *s, size_t len)
{
    static const char *const tags[] = { "<p>", "<p ", "<br", "<div", "</p>" };
    return S_has_tag(s, len, 2048, tags, ZHE_ARRAY_LEN(tags));
}

/* Turn one JSON line (s[0..len), no newline) into an article. */
static zhe_status S_jsonl_record(zhe_reader *r, const char *s, size_t len, uint64_t line,
                                 zhe_article **out, zhe_error *err)
{
    if (!r->jsonl) r->jsonl = zhe_jsonl_new();
    S_record rec = { r->jsonl, NULL };
    zhe_jv_type root;
    if (!zhe_jsonl_parse(r->jsonl, s, len, &root)) {
        json_error_t je;
        rec.jroot = json_loadb(s, len, 0, &je);
        if (!rec.jroot)
            return zhe_error_set(err, ZHE_ERR_FORMAT, r->path, line, UINT64_MAX,
                                 "malformed JSON at column %d: %s", je.column, je.text);
        zhe_jv v;
        S_jv_from_json(rec.jroot, &v);
        root = v.type;
    }
    zhe_status st = ZHE_OK;
    zhe_article *a = NULL;
    const char *key = NULL;
    zhe_jv content, v;
    if (root != ZHE_JV_OBJECT) {
        st = zhe_error_set(err, ZHE_ERR_FORMAT, r->path, line, UINT64_MAX,
                           "expected a JSON object, found %s", S_json_type(root));
        goto done;
    }
    if (!S_field(r, &rec, "content", S_keys_content, &key, &content)) {
        st = zhe_error_set(err, ZHE_ERR_FORMAT, r->path, line, UINT64_MAX,
                           "no article text: none of the keys content, text, body, article "
                           "(map another with --field KEY=content)");
        goto done;
    }
    if (content.type != ZHE_JV_STRING) {
        st = zhe_error_set(err, ZHE_ERR_FORMAT, r->path, line, UINT64_MAX,
                           "\"%s\" is %s, not a string", key, S_json_type(content.type));
        goto done;
    }
    a = S_article(r);
    a->line = line;
    if (S_field(r, &rec, "title", S_keys_title, &key, &v)) S_meta(&v, &a->title);
    if (S_looks_html(content.s, content.len)) {
        char *title = a->title;
        a->title = zhe_strdup("");
        zhe_html_read(a, content.s, content.len, NULL);  /* no text: caught below */
        if (*title) zhe_str_set(&a->title, title, strlen(title));
        zhe_free(title);
    } else {
        zhe_str_set(&a->raw, content.s, content.len);
        a->raw_len = content.len;
    }
    if (a->raw_len == 0 || strspn(a->raw, " \t\r\n") == a->raw_len) {
        st = zhe_error_set(err, ZHE_ERR_EMPTY, r->path, line, UINT64_MAX, "\"%s\" is empty",
                           key ? key : "content");
        zhe_article_free(a);
        a = NULL;
        goto done;
    }
    if (!(S_field(r, &rec, "id", S_keys_id, &key, &v) && S_meta(&v, &a->id) && *a->id))
        S_default_id(r, a, 1);
    if (S_field(r, &rec, "published", S_keys_published, &key, &v)) {
        char *tmp = zhe_strdup("");
        if (S_meta(&v, &tmp)) zhe_published_set(a, tmp, strlen(tmp));
        zhe_free(tmp);
    }
    if (S_field(r, &rec, "url", S_keys_url, &key, &v)) S_meta(&v, &a->url);
    if (S_field(r, &rec, "source", S_keys_source, &key, &v)) S_meta(&v, &a->source);
done:
    if (rec.jroot) json_decref(rec.jroot);
    *out = a;
    return st;
}

/* The next line of a JSON Lines input. */
static zhe_status S_next_jsonl(zhe_reader *r, zhe_article **out, zhe_error *err)
{
    size_t max = r->tx->opt.max_article_bytes;
    for (;;) {
        char *nl = S_plen(r) > r->scan
                       ? memchr(S_pdata(r) + r->scan, '\n', S_plen(r) - r->scan)
                       : NULL;
        if (!nl && !r->eof) {
            /* No line end yet.  pending holds no newline, so consuming it
             * counts no lines. */
            if (r->skipping) {
                S_consume(r, S_plen(r));
            } else if (S_plen(r) > max) {
                r->skipping = 1;
                r->record++;
                S_consume(r, S_plen(r));
                return zhe_error_set(err, ZHE_ERR_TOO_BIG, r->path, r->lines + 1, UINT64_MAX,
                                     "record longer than the limit of %zu bytes "
                                     "(--max-article-bytes); skipped", max);
            }
            r->scan = S_plen(r);
            if (S_refill(r, err) < 0) return err ? err->status : ZHE_ERR_IO;
            continue;
        }
        size_t len = nl ? (size_t)(nl - S_pdata(r)) : S_plen(r);
        if (len == 0 && !nl) return ZHE_DONE;       /* eof, nothing left */
        if (r->skipping) {
            r->skipping = 0;
            S_consume(r, len + (nl != NULL));
            continue;
        }
        uint64_t line = r->lines + 1;
        const char *s = S_pdata(r);
        size_t t = len;
        while (t && zhe_is_space((unsigned char)s[t - 1])) t--;
        size_t h = 0;
        while (h < t && zhe_is_space((unsigned char)s[h])) h++;
        if (h == t) {                               /* a blank line */
            S_consume(r, len + (nl != NULL));
            continue;
        }
        r->record++;
        zhe_status st;
        if (len > max) {
            st = zhe_error_set(err, ZHE_ERR_TOO_BIG, r->path, line, UINT64_MAX,
                               "record of %zu bytes exceeds the limit of %zu bytes "
                               "(--max-article-bytes)", len, max);
        } else {
            st = S_jsonl_record(r, s + h, t - h, line, out, err);
            if (st == ZHE_OK)
                (*out)->replacements = zhe_decoder_count_marks(
                    r->dec, r->consumed, r->consumed + len + 1);
        }
        S_consume(r, len + (nl != NULL));
        return st;
    }
}

zhe_status zhe_reader_jsonl_line(zhe_reader *r, const char *name, uint64_t line,
                                 const char *s, size_t len, zhe_article **out, zhe_error *err)
{
    *out = NULL;
    zhe_error_clear(err);
    if (!r->path || strcmp(r->path, name) != 0) {
        S_close(r);
        r->path = zhe_strdup(name);
        r->name = zhe_strdup(strcmp(name, "-") == 0 ? "stdin" : name);
    }
    r->enc = ZHE_ENC_UTF8;
    r->format = "jsonl";
    r->record = line;
    r->lines = line ? line - 1 : 0;
    size_t max = r->tx->opt.max_article_bytes;
    if (len > max)
        return zhe_error_set(err, ZHE_ERR_TOO_BIG, name, line, UINT64_MAX,
                             "record of %zu bytes exceeds the limit of %zu bytes "
                             "(--max-article-bytes)", len, max);
    while (len && zhe_is_space((unsigned char)s[len - 1])) len--;
    while (len && zhe_is_space((unsigned char)*s)) s++, len--;
    if (!len) return zhe_error_set(err, ZHE_ERR_EMPTY, name, line, UINT64_MAX, "a blank line");
    return S_jsonl_record(r, s, len, line, out, err);
}

/* Text between <tag> and </tag> within s[0..len), or NULL. */
static const char *S_tag(const char *s, size_t len, const char *tag, size_t *out_len)
{
    char open[32], close[32];
    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    size_t ol = strlen(open), cl = strlen(close);
    const char *p = memmem(s, len, open, ol);
    if (!p) return NULL;
    p += ol;
    const char *e = memmem(p, len - (size_t)(p - s), close, cl);
    if (!e) return NULL;
    *out_len = (size_t)(e - p);
    return p;
}

/* The next <doc> of a Sogou dump. */
static zhe_status S_next_sogou(zhe_reader *r, zhe_article **out, zhe_error *err)
{
    size_t max = r->tx->opt.max_article_bytes;
    for (;;) {
        /* Find the record's end, searching only what is new since the last
         * look (less the 5 bytes a "</doc>" may straddle). */
        const char *p = S_pdata(r);
        size_t from = r->scan > 5 ? r->scan - 5 : 0;
        const char *end = S_plen(r) > from ? memmem(p + from, S_plen(r) - from, "</doc>", 6)
                                            : NULL;
        if (!end && !r->eof) {
            if (r->skipping) {              /* the rest of an oversized record */
                size_t keep = ZHE_MIN(S_plen(r), (size_t)5);
                S_consume(r, S_plen(r) - keep);
            } else if (S_plen(r) > max) {
                r->record++;
                zhe_status st = zhe_error_set(
                    err, ZHE_ERR_TOO_BIG, r->path, r->lines + 1, UINT64_MAX,
                    "<doc> record longer than the limit of %zu bytes (--max-article-bytes); "
                    "skipped", max);
                r->skipping = 1;
                S_consume(r, S_plen(r) - 5);
                return st;
            }
            r->scan = S_plen(r);
            if (S_refill(r, err) < 0) return err ? err->status : ZHE_ERR_IO;
            continue;
        }
        if (r->skipping) {
            r->skipping = 0;
            if (end) S_consume(r, (size_t)(end - p) + 6);
            else S_consume(r, S_plen(r));
            continue;
        }
        size_t skip = 0;
        while (skip < S_plen(r) && zhe_is_space((unsigned char)p[skip])) skip++;
        if (skip == S_plen(r) && r->eof) return ZHE_DONE;
        S_consume(r, skip);
        p = S_pdata(r);
        uint64_t line = r->lines + 1;
        r->record++;
        if (!end) {
            zhe_status st = zhe_error_set(err, ZHE_ERR_FORMAT, r->path, line, UINT64_MAX,
                                          "<doc> record not closed by </doc> before the end");
            S_consume(r, S_plen(r));
            return st;
        }
        size_t len = (size_t)(end - p) + 6;
        if (len > max) {
            S_consume(r, len);
            return zhe_error_set(err, ZHE_ERR_TOO_BIG, r->path, line, UINT64_MAX,
                                 "<doc> record of %zu bytes exceeds the limit of %zu bytes "
                                 "(--max-article-bytes)", len, max);
        }
        if (strncmp(p, "<doc>", 5) != 0) {
            S_consume(r, len);
            return zhe_error_set(err, ZHE_ERR_FORMAT, r->path, line, UINT64_MAX,
                                 "text outside <doc> … </doc>; skipped up to the next </doc>");
        }
        zhe_status st = ZHE_OK;
        size_t n;
        const char *content = S_tag(p, len, "content", &n);
        if (!content || n == 0) {
            st = zhe_error_set(err, ZHE_ERR_EMPTY, r->path, line, UINT64_MAX,
                               "<doc> without <content>");
        } else {
            zhe_article *a = S_article(r);
            a->line = line;
            const char *v;
            size_t tn;
            if ((v = S_tag(p, len, "contenttitle", &tn))) zhe_meta_set(&a->title, v, tn);
            /* Sogou content is text, but scrapers leave entities in it
             * (&nbsp;): gumbo decodes them. */
            if (!memchr(content, '&', n) || zhe_html_read(a, content, n, NULL) != ZHE_OK) {
                zhe_str_set(&a->raw, content, n);
                a->raw_len = n;
            }
            if ((v = S_tag(p, len, "url", &n))) zhe_meta_set(&a->url, v, n);
            if ((v = S_tag(p, len, "docno", &n)) && n) zhe_meta_set(&a->id, v, n);
            else S_default_id(r, a, 1);
            a->replacements = zhe_decoder_count_marks(r->dec, r->consumed, r->consumed + len);
            *out = a;
        }
        S_consume(r, len);
        return st;
    }
}

/* Titles are short; a first line longer than this is body text. */
#define S_MAX_TITLE 200

/* Control characters (other than white space) in s[0..len). */
static size_t S_controls(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        n += (c < 0x20 && !zhe_is_space(c)) || c == 0x7F;
    }
    return n;
}

/* 1 if decoded text s[0..len) is binary data rather than text: one in
 * twenty characters is a control character (text has next to none, random
 * bytes one in nine), or one in three could not be decoded. */
static int S_binary(const char *s, size_t len, size_t replaced)
{
    size_t chars = zhe_utf8_count(s, len);
    return chars && (S_controls(s, len) * 20 >= chars || replaced * 3 >= chars);
}

/* The whole of an HTML or plain-text input, as one article. */
static zhe_status S_next_whole(zhe_reader *r, zhe_article **out, zhe_error *err)
{
    size_t max = r->tx->opt.max_article_bytes;
    if (r->record) return ZHE_DONE;
    for (;;) {
        /* also after the last refill: a file read whole in one chunk */
        if (S_plen(r) > max) {
            r->record++;
            return zhe_error_set(err, ZHE_ERR_TOO_BIG, r->path, 0, UINT64_MAX,
                                 "larger than the limit of %zu bytes (--max-article-bytes)",
                                 max);
        }
        if (r->eof) break;
        if (S_refill(r, err) < 0) return err ? err->status : ZHE_ERR_IO;
    }
    r->record++;
    const char *s = S_pdata(r);
    size_t len = S_plen(r);
    zhe_article *a = S_article(r);
    a->line = 0;
    a->record = 0;
    S_default_id(r, a, 0);
    a->replacements = zhe_decoder_replacements(r->dec);
    zhe_status st = ZHE_OK;
    if (strcmp(r->format, "html") == 0) {
        zhe_error e2;
        st = zhe_html_read(a, s, len, &e2);
        if (st != ZHE_OK) zhe_error_set(err, st, r->path, 0, UINT64_MAX, "%s", e2.message);
    } else {
        /* Plain text: the first non-empty line is the title, the rest the
         * body — unless that line is too long to be a title, when it is all
         * body. */
        size_t i = 0;
        while (i < len) {
            const char *nl = memchr(s + i, '\n', len - i);
            size_t e = nl ? (size_t)(nl - s) : len;
            size_t h = i, t = e;
            while (h < t && zhe_is_space((unsigned char)s[h])) h++;
            while (t > h && zhe_is_space((unsigned char)s[t - 1])) t--;
            if (h < t) {
                if (zhe_utf8_count(s + h, t - h) <= S_MAX_TITLE) {
                    zhe_meta_set(&a->title, s + h, t - h);
                    i = nl ? e + 1 : len;
                }
                break;
            }
            i = nl ? e + 1 : len;
        }
        zhe_str_set(&a->raw, s + i, len - i);
        a->raw_len = len - i;
        if (!*a->title && strspn(a->raw, " \t\r\n") == a->raw_len)
            st = zhe_error_set(err, ZHE_ERR_EMPTY, r->path, 0, UINT64_MAX,
                               "empty: no text after decoding as %s",
                               zhe_encoding_name(r->enc));
    }
    if (st == ZHE_OK && S_binary(s, len, a->replacements))
        st = zhe_error_set(err, ZHE_ERR_ENCODING, r->path, 0, UINT64_MAX,
                           "binary data, not text: %zu control characters and %zu invalid "
                           "byte sequences in %zu characters read as %s",
                           S_controls(s, len), a->replacements, zhe_utf8_count(s, len),
                           zhe_encoding_name(r->enc));
    if (st != ZHE_OK) {
        zhe_article_free(a);
        return st;
    }
    *out = a;
    return ZHE_OK;
}

zhe_status zhe_reader_next(zhe_reader *r, zhe_article **out, zhe_error *err)
{
    *out = NULL;
    zhe_error_clear(err);
    for (;;) {
        if (!r->open) {
            if (r->next_input >= r->n_queue) return ZHE_DONE;
            zhe_status st = S_open_next(r, err);
            if (st != ZHE_OK) return st;
        }
        /* Decode enough to know the format. */
        while (!r->format) {
            if (S_refill(r, err) < 0) {
                S_close(r);
                return err ? err->status : ZHE_ERR_IO;
            }
        }
        zhe_status st;
        if (strcmp(r->format, "jsonl") == 0) st = S_next_jsonl(r, out, err);
        else if (strcmp(r->format, "sogou") == 0) st = S_next_sogou(r, out, err);
        else st = S_next_whole(r, out, err);
        if (st == ZHE_DONE) {
            S_close(r);
            continue;
        }
        /* A read error ends the file; a bad record does not. */
        if (r->fatal) S_close(r);
        return st;
    }
}

void zhe_text_read_buffer(zhe_text *tx, const char *name, const char *s, size_t len,
                          zhe_article_cb cb, void *ctx)
{
    zhe_reader *r = zhe_reader_new(tx);
    r->mem = s;
    r->mem_len = len;
    r->path = zhe_strdup(name);
    r->name = zhe_strdup(name);
    r->open = 1;
    zhe_error err;
    for (;;) {
        zhe_article *a = NULL;
        zhe_status st = zhe_reader_next(r, &a, &err);
        if (st == ZHE_DONE) break;
        cb(ctx, st, a, st == ZHE_OK ? NULL : &err);
        if (!r->open) break;
    }
    zhe_reader_free(r);
}
