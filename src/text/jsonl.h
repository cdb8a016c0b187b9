/*
** jsonl.h — the JSON Lines record parser's C interface (jsonl.cc).
**
** One line of a dump is parsed with simdjson, which reads the long string
** values news records are made of at memory speed; jansson, slower by an
** order of magnitude there, stays the parser of record for lines simdjson
** refuses, so error messages keep jansson's line and column.  Both are
** seen by the reader through zhei_jv.  Never installed.
*/
#ifndef ZHE_JSONL_H
#define ZHE_JSONL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum zhei_jv_type {
    ZHE_JV_NULL = 0,
    ZHE_JV_STRING,
    ZHE_JV_INTEGER,
    ZHE_JV_REAL,
    ZHE_JV_BOOL,
    ZHE_JV_ARRAY,
    ZHE_JV_OBJECT
} zhei_jv_type;

/* A JSON value as the reader needs it.  `s` is borrowed until the next
 * parse; it may hold NUL bytes. */
typedef struct zhei_jv {
    zhei_jv_type type;
    const char *s;
    size_t len;
    int64_t i;
    double d;
} zhei_jv;

typedef struct zhei_jsonl zhei_jsonl;

/* A parser, reused from line to line.  Never NULL; free with zhei_jsonl_free. */
zhei_jsonl *zhei_jsonl_new(void);
void zhei_jsonl_free(zhei_jsonl *p);

/* Parse s[0..len).  Returns 1 if it is a valid JSON document (its root's
 * type goes to *root), 0 if simdjson refuses it. */
int zhei_jsonl_parse(zhei_jsonl *p, const char *s, size_t len, zhei_jv_type *root);

/* The value of `key` in the root object of the last successful parse.
 * Returns 1 and fills *v if the key is there. */
int zhei_jsonl_get(zhei_jsonl *p, const char *key, zhei_jv *v);

#ifdef __cplusplus
}
#endif
#endif /* ZHE_JSONL_H */
