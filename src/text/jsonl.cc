/*
** jsonl.cc — JSON Lines records through simdjson (see jsonl.h).
**
** The library is C11; this file is the one C++ binding it needs, because
** simdjson is a C++ library.  It is kept to the smallest surface: parse a
** line into simdjson's DOM, then look keys up in its root object.
** Exceptions are off; every call checks simdjson's error code.
*/
#define SIMDJSON_EXCEPTIONS 0
#include <simdjson.h>

#include "jsonl.h"

struct zhei_jsonl {
    simdjson::dom::parser parser;
    simdjson::dom::element root;
};

zhei_jsonl *zhei_jsonl_new(void)
{
    return new zhei_jsonl();
}

void zhei_jsonl_free(zhei_jsonl *p)
{
    delete p;
}

static zhei_jv_type S_type(simdjson::dom::element_type t)
{
    switch (t) {
    case simdjson::dom::element_type::STRING: return ZHE_JV_STRING;
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64: return ZHE_JV_INTEGER;
    case simdjson::dom::element_type::DOUBLE: return ZHE_JV_REAL;
    case simdjson::dom::element_type::BOOL: return ZHE_JV_BOOL;
    case simdjson::dom::element_type::ARRAY: return ZHE_JV_ARRAY;
    case simdjson::dom::element_type::OBJECT: return ZHE_JV_OBJECT;
    default: return ZHE_JV_NULL;
    }
}

int zhei_jsonl_parse(zhei_jsonl *p, const char *s, size_t len, zhei_jv_type *root)
{
    /* The parser copies the line into its own padded buffer. */
    if (p->parser.parse(s, len, true).get(p->root) != simdjson::SUCCESS) return 0;
    *root = S_type(p->root.type());
    return 1;
}

int zhei_jsonl_get(zhei_jsonl *p, const char *key, zhei_jv *v)
{
    simdjson::dom::object obj;
    simdjson::dom::element e;
    if (p->root.get_object().get(obj) != simdjson::SUCCESS) return 0;
    if (obj.at_key(key).get(e) != simdjson::SUCCESS) return 0;
    *v = zhei_jv();
    v->type = S_type(e.type());
    switch (v->type) {
    case ZHE_JV_STRING: {
        std::string_view sv;
        if (e.get_string().get(sv) != simdjson::SUCCESS) return 0;
        v->s = sv.data();
        v->len = sv.size();
        break;
    }
    case ZHE_JV_INTEGER: {
        int64_t i;
        uint64_t u;
        if (e.get_int64().get(i) == simdjson::SUCCESS) v->i = i;
        else if (e.get_uint64().get(u) == simdjson::SUCCESS) v->i = (int64_t)(u > INT64_MAX ? INT64_MAX : u);
        v->d = (double)v->i;
        break;
    }
    case ZHE_JV_REAL: {
        double d;
        if (e.get_double().get(d) == simdjson::SUCCESS) v->d = d;
        break;
    }
    default: break;
    }
    return 1;
}
