/*
** base_int.h — internal helpers shared by every module of libzhevents.
** Never installed.
*/
#ifndef ZHE_BASE_INT_H
#define ZHE_BASE_INT_H

#ifndef ZHEVENTS_COMPILATION
#define ZHEVENTS_COMPILATION
#endif
#include <zhevents/base.h>
#include <zhevents/text.h>

#define ZHE_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define ZHE_MIN(a, b) ((a) < (b) ? (a) : (b))
#define ZHE_MAX(a, b) ((a) > (b) ? (a) : (b))

/* Allocate one T (zeroed), or an array of n T (zeroed). */
#define ZHE_NEW(T) ((T *)zhe_xcalloc(1, sizeof(T)))
#define ZHE_NEW_ARRAY(T, n) ((T *)zhe_xcalloc((n), sizeof(T)))

/* Grow the array *pp of *pcap elements so it holds at least `need`. */
#define ZHE_GROW(pp, pcap, need)                                                   \
    do {                                                                           \
        if ((need) > *(pcap)) {                                                    \
            size_t zhe_nc_ = *(pcap) ? *(pcap) * 2 : 8;                            \
            while (zhe_nc_ < (need)) zhe_nc_ *= 2;                                 \
            *(pp) = zhe_xrealloc(*(pp), zhe_nc_ * sizeof(**(pp)));                 \
            *(pcap) = zhe_nc_;                                                     \
        }                                                                          \
    } while (0)

/* 1 if c is ASCII whitespace. */
static inline int zhe_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

#endif /* ZHE_BASE_INT_H */
