/*
** facts.c — the same fact reported by several articles, one fact.
**
** Two events tell the same fact when they are of one type, share a chip
** (or both name none), say the same thing of it (what a price is for,
** its period, whether it happened), have governing dates that overlap,
** and give the same amount within 2% (same currency) or the same count;
** or give neither.  A date that is only the publication's stands for the
** week before it: outlets report the same price on different days.  A fact is a connected group of such events: the
** closure of that relation, which no order of ingesting changes.  Each
** event's `fact` column holds its fact's key, the smallest key (event key
** and article hash) among its events, so the key too is the same
** whatever the order; the `facts` view (schema.c) groups on it.
**
** A date that only says the month (or the year) joins the events of its
** days only when they are all one fact, so that no coarse date chains two
** facts into one (S_group).
**
** zhe_store_run_end brings the keys up to date after a run: all events
** are read once, grouped by type and chip, sorted by amount (or by date
** when they have none), and each is compared only with those after it
** within 2% (or whose dates begin before it ends), so the work grows
** with the events and the width of those windows, not with their square.
** Beside each key go the fact's first report (the earliest publication,
** then the smallest key) and its number of articles, so that `timeline
** --facts` reads them from the rows; only what changed is written.
*/
#include "store_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* An event as grouping sees it. */
typedef struct {
    int64_t id;
    char *type, *start, *end, *currency, *unit, *per, *period, *polarity;
    double amount, high, quantity;
    char key[50];       /* event key, ':', article hash: the fact's key if smallest */
    char *fact;         /* the stored key, or NULL */
    int64_t article;
    char *published;    /* the article's, or NULL */
    int first;          /* stored: the fact's first report */
    int64_t sources;    /* stored: the articles that report the fact */
    size_t parent;      /* union-find */
} S_ev;

/* An event under one of its chips ("" for none). */
typedef struct {
    const char *chip;   /* borrowed from the chip strings */
    size_t ev;
} S_member;

typedef struct {
    S_ev *ev;
    size_t n;
} S_all;

static size_t S_find(S_ev *v, size_t i)
{
    while (v[i].parent != i) {
        v[i].parent = v[v[i].parent].parent;
        i = v[i].parent;
    }
    return i;
}

static void S_union(S_ev *v, size_t a, size_t b)
{
    a = S_find(v, a);
    b = S_find(v, b);
    if (a == b) return;
    /* the root is the smaller key: the fact's key */
    if (strcmp(v[a].key, v[b].key) < 0) v[b].parent = a;
    else v[a].parent = b;
}

/* NULL-safe equality of two strings. */
static int S_eq(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* What grouping sorts and windows by: the amount, the count, or nothing. */
static double S_value(const S_ev *e)
{
    return !isnan(e->amount) ? e->amount : !isnan(e->quantity) ? e->quantity : NAN;
}

/* Do e and f say the same thing, the chip and the type aside? */
static int S_same(const S_ev *e, const S_ev *f)
{
    if (!e->start || !f->start || !e->end || !f->end) return 0;    /* undated: its own */
    if (strcmp(e->start, f->end) > 0 || strcmp(f->start, e->end) > 0) return 0;
    if (!S_eq(e->per, f->per) || !S_eq(e->period, f->period) || !S_eq(e->polarity, f->polarity))
        return 0;
    if (isnan(e->amount) != isnan(f->amount) || isnan(e->quantity) != isnan(f->quantity))
        return 0;
    if (!isnan(e->amount)) {
        if (!S_eq(e->currency, f->currency) || isnan(e->high) != isnan(f->high)) return 0;
        double a = fmin(e->amount, f->amount), b = fmax(e->amount, f->amount);
        if (b > a * 1.02) return 0;
        if (!isnan(e->high) && fmax(e->high, f->high) > fmin(e->high, f->high) * 1.02) return 0;
    }
    if (!isnan(e->quantity) && (e->quantity != f->quantity || !S_eq(e->unit, f->unit))) return 0;
    return 1;
}

/* Are e and f alike in all that makes two events one fact (the type
 * aside, which the caller checks with the chip)? */
static int S_twin(const S_ev *e, const S_ev *f)
{
    if (!e->start || !e->end) return 0;     /* undated: its own */
    if (strcmp(e->type, f->type) != 0 || !S_eq(e->start, f->start) || !S_eq(e->end, f->end) ||
        !S_eq(e->currency, f->currency) || !S_eq(e->unit, f->unit) || !S_eq(e->per, f->per) ||
        !S_eq(e->period, f->period) || !S_eq(e->polarity, f->polarity))
        return 0;
    int a = isnan(e->amount), b = isnan(f->amount), c = isnan(e->high), d = isnan(f->high),
        x = isnan(e->quantity), y = isnan(f->quantity);
    return a == b && c == d && x == y && (a || e->amount == f->amount) &&
           (c || e->high == f->high) && (x || e->quantity == f->quantity);
}

/* qsort context: the events (C has no qsort_r everywhere). */
static _Thread_local const S_ev *S_sort_ev;

/* Members by chip, then type, then value (amounts and counts first, by
 * size; then the rest by first day). */
static int S_member_cmp(const void *pa, const void *pb)
{
    const S_member *a = pa, *b = pb;
    int c = strcmp(a->chip, b->chip);
    if (c) return c;
    const S_ev *x = &S_sort_ev[a->ev], *y = &S_sort_ev[b->ev];
    if ((c = strcmp(x->type, y->type))) return c;
    double vx = S_value(x), vy = S_value(y);
    if (isnan(vx) != isnan(vy)) return isnan(vx) ? 1 : -1;
    if (!isnan(vx) && vx != vy) return vx < vy ? -1 : 1;
    const char *sx = x->start ? x->start : "", *sy = y->start ? y->start : "";
    if ((c = strcmp(sx, sy))) return c;
    return a->ev < b->ev ? -1 : a->ev > b->ev;
}

/* An event dated only by its article's publication (目前, or nothing
 * said) tells what held then: reports of it a few days apart are one
 * fact.  It spans the week to the day of publication. */
static void S_week_before(S_ev *e)
{
    int y, m, d;
    if (!e->start || strlen(e->start) != 10 || !zhei_iso_day_parse(e->start, 10, &y, &m, &d))
        return;
    zhei_iso_day_format(zhei_days_from_civil(y, m, d) - 6, e->start);
}

static char *S_dup(sqlite3_stmt *q, int i)
{
    const unsigned char *t = sqlite3_column_text(q, i);
    return t ? zhe_strdup((const char *)t) : NULL;
}

/* Every event, in id order, into *all. */
static zhe_status S_read_events(zhe_store *st, S_all *all, zhe_error *err)
{
    sqlite3_stmt *q;
    zhe_status s = zhei_store_prepare(
        st,
        "SELECT e.id, e.type, e.start_date, e.end_date, e.amount, e.high, e.currency,"
        " e.quantity, e.unit, e.per, e.period, e.polarity, e.key, a.hash, e.fact,"
        " e.date_basis, e.article_id, a.published, e.fact_first, e.fact_sources"
        " FROM events e JOIN articles a ON a.id = e.article_id ORDER BY e.id",
        &q, err);
    if (s != ZHE_OK) return s;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        ZHEI_GROW(&all->ev, &cap, all->n + 1);
        S_ev *e = &all->ev[all->n];
        memset(e, 0, sizeof *e);
        e->id = sqlite3_column_int64(q, 0);
        e->type = S_dup(q, 1);
        e->start = S_dup(q, 2);
        e->end = S_dup(q, 3);
        e->amount = zhei_store_col_num(q, 4);
        e->high = zhei_store_col_num(q, 5);
        e->currency = S_dup(q, 6);
        e->quantity = zhei_store_col_num(q, 7);
        e->unit = S_dup(q, 8);
        e->per = S_dup(q, 9);
        e->period = S_dup(q, 10);
        e->polarity = S_dup(q, 11);
        const unsigned char *key = sqlite3_column_text(q, 12), *hash = sqlite3_column_text(q, 13);
        snprintf(e->key, sizeof e->key, "%.16s:%.32s", key ? (const char *)key : "",
                 hash ? (const char *)hash : "");
        e->fact = S_dup(q, 14);
        if (!e->type) e->type = zhe_strdup("");
        e->article = sqlite3_column_int64(q, 16);
        e->published = S_dup(q, 17);
        e->first = sqlite3_column_int(q, 18);
        e->sources = sqlite3_column_int64(q, 19);
        const unsigned char *basis = sqlite3_column_text(q, 15);
        if (basis && !strcmp((const char *)basis, "published")) S_week_before(e);
        e->parent = all->n++;
    }
    if (rc != SQLITE_DONE) s = zhei_store_fail(st, err, "cannot read the events");
    sqlite3_finalize(q);
    return s;
}

/* Each event under each of its chips (the events in id order, so a
 * binary search finds an event by id), or under "" when it has none. */
static zhe_status S_read_members(zhe_store *st, const S_all *all, S_member **out, size_t *n,
                                 zhe_buf *chips, zhe_error *err)
{
    sqlite3_stmt *q;
    zhe_status s = zhei_store_prepare(st, "SELECT event_id, chip_key FROM event_chips", &q, err);
    if (s != ZHE_OK) return s;
    /* the chips' names go into one buffer; members point into it once it
     * stops growing, so they hold offsets until then */
    size_t cap = 0, *offs = NULL, cap_offs = 0;
    unsigned char *has_chip = ZHEI_NEW_ARRAY(unsigned char, all->n ? all->n : 1);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(q, 0);
        const char *chip = (const char *)sqlite3_column_text(q, 1);
        size_t lo = 0, hi = all->n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (all->ev[mid].id < id) lo = mid + 1;
            else hi = mid;
        }
        if (lo == all->n || all->ev[lo].id != id || !chip) continue;
        has_chip[lo] = 1;
        ZHEI_GROW(out, &cap, *n + 1);
        ZHEI_GROW(&offs, &cap_offs, *n + 1);
        offs[*n] = chips->len;
        zhe_buf_put(chips, chip, strlen(chip) + 1);
        (*out)[(*n)++] = (S_member){NULL, lo};
    }
    if (rc != SQLITE_DONE) s = zhei_store_fail(st, err, "cannot read the events' chips");
    sqlite3_finalize(q);
    size_t with = *n;
    for (size_t i = 0; i < all->n && s == ZHE_OK; i++) {
        if (has_chip[i]) continue;
        ZHEI_GROW(out, &cap, *n + 1);
        (*out)[(*n)++] = (S_member){"", i};
    }
    for (size_t i = 0; i < with; i++) (*out)[i].chip = chips->ptr + offs[i];
    zhe_free(offs);
    zhe_free(has_chip);
    return s;
}

/* A pair that tells the same fact at two precisions: the coarser event's
 * group and the finer's (2023-10 and 2023-10-17). */
typedef struct {
    size_t coarse, fine;
} S_pair;

static int S_pair_cmp(const void *pa, const void *pb)
{
    const S_pair *a = pa, *b = pb;
    if (a->coarse != b->coarse) return a->coarse < b->coarse ? -1 : 1;
    return a->fine < b->fine ? -1 : a->fine > b->fine;
}

/* The span of days of e, compared: 1 when f's lies inside e's and is
 * shorter, 0 when they are the same days, -1 otherwise. */
static int S_wider(const S_ev *e, const S_ev *f)
{
    int s = strcmp(e->start, f->start), t = strcmp(e->end, f->end);
    if (!s && !t) return 0;
    return s <= 0 && t >= 0 ? 1 : -1;
}

/*
** Join the events of each window that tell the same fact.  Events of the
** same days join at once, and so do those whose days overlap without one
** holding the other (the weeks before two publications).  An event of coarser days (2023-10) joins the
** finer ones it agrees with (2023-10-17) only when they are all one
** fact: a month does not make the rule of the 17th and its taking
** effect on the 23rd one.  Both steps look at all pairs, so no order of
** the events changes the groups.
*/
static void S_group(S_all *all, S_member *m, size_t n)
{
    S_pair *pairs = NULL;
    size_t n_pairs = 0, cap = 0;
    S_sort_ev = all->ev;
    if (n) qsort(m, n, sizeof *m, S_member_cmp);
    /* next[i]: the first member after i of another chip, type or value,
     * where a sweep of i's value may jump once past i's days */
    size_t *next = ZHEI_NEW_ARRAY(size_t, n ? n : 1);
    for (size_t i = n; i-- > 0;) {
        const S_ev *e = &all->ev[m[i].ev];
        if (i + 1 < n && !strcmp(m[i].chip, m[i + 1].chip)) {
            const S_ev *f = &all->ev[m[i + 1].ev];
            double v = S_value(e), w = S_value(f);
            if (!strcmp(e->type, f->type) && ((isnan(v) && isnan(w)) || v == w)) {
                next[i] = next[i + 1];
                continue;
            }
        }
        next[i] = i + 1;
    }
    for (size_t i = 0; i < n; i++) {
        const S_ev *e = &all->ev[m[i].ev];
        double v = S_value(e);
        /* one just like it next: it makes every comparison this one would */
        if (i + 1 < n && !strcmp(m[i].chip, m[i + 1].chip) && S_twin(e, &all->ev[m[i + 1].ev])) {
            S_union(all->ev, m[i].ev, m[i + 1].ev);
            continue;
        }
        for (size_t j = i + 1; j < n; j++) {
            const S_ev *f = &all->ev[m[j].ev];
            if (strcmp(m[i].chip, m[j].chip) != 0 || strcmp(e->type, f->type) != 0) break;
            double w = S_value(f);
            if (isnan(v) != isnan(w)) break;
            if (!isnan(v) && w > v * 1.02) break;           /* beyond 2% */
            if (f->start && e->end && strcmp(f->start, e->end) > 0) {
                /* past e's days: the rest of this value is too (they are
                 * in order of their first day) */
                if (isnan(v)) break;
                j = next[j] - 1;
                continue;
            }
            if (!S_same(e, f)) continue;
            int wider = S_wider(e, f), narrower = S_wider(f, e);
            if (!wider || (wider < 0 && narrower < 0)) {   /* the same days, or peers that overlap */
                S_union(all->ev, m[i].ev, m[j].ev);
            } else if (wider > 0 || narrower > 0) {
                ZHEI_GROW(&pairs, &cap, n_pairs + 1);
                pairs[n_pairs++] = wider > 0 ? (S_pair){m[i].ev, m[j].ev}
                                             : (S_pair){m[j].ev, m[i].ev};
            }
        }
    }
    /* the coarse ones: by the groups the same days made */
    for (size_t k = 0; k < n_pairs; k++) {
        pairs[k].coarse = S_find(all->ev, pairs[k].coarse);
        pairs[k].fine = S_find(all->ev, pairs[k].fine);
    }
    if (n_pairs) qsort(pairs, n_pairs, sizeof *pairs, S_pair_cmp);
    for (size_t k = 0; k < n_pairs;) {
        size_t end = k + 1;
        int one = 1;
        while (end < n_pairs && pairs[end].coarse == pairs[k].coarse) {
            if (pairs[end].fine != pairs[k].fine) one = 0;
            end++;
        }
        if (one) S_union(all->ev, pairs[k].coarse, pairs[k].fine);
        k = end;
    }
    zhe_free(pairs);
    zhe_free(next);
}

/* Is e reported before f: the earlier publication (an undated one
 * last), then the smaller key? */
static int S_before(const S_ev *e, const S_ev *f)
{
    if (!e->published != !f->published) return f->published == NULL;
    int c = e->published ? strcmp(e->published, f->published) : 0;
    return c ? c < 0 : strcmp(e->key, f->key) < 0;
}

/* An event's fact (its root) and article, to count a fact's articles. */
typedef struct {
    size_t root;
    int64_t article;
} S_source;

static int S_source_cmp(const void *pa, const void *pb)
{
    const S_source *a = pa, *b = pb;
    if (a->root != b->root) return a->root < b->root ? -1 : 1;
    return a->article < b->article ? -1 : a->article > b->article;
}

/*
** Each fact's first report (which timeline --facts shows) and the
** number of articles that report it, written beside every event's fact
** key, so that a query reads them from the row: those that changed, in
** one transaction.
*/
static zhe_status S_write(zhe_store *st, S_all *all, zhe_error *err)
{
    size_t n = all->n;
    size_t *first = ZHEI_NEW_ARRAY(size_t, n ? n : 1);     /* by root: its first report */
    int64_t *sources = ZHEI_NEW_ARRAY(int64_t, n ? n : 1);  /* by root */
    S_source *pairs = ZHEI_NEW_ARRAY(S_source, n ? n : 1);
    for (size_t i = 0; i < n; i++) first[i] = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t r = S_find(all->ev, i);
        if (first[r] == SIZE_MAX || S_before(&all->ev[i], &all->ev[first[r]])) first[r] = i;
        pairs[i] = (S_source){r, all->ev[i].article};
    }
    if (n) qsort(pairs, n, sizeof *pairs, S_source_cmp);
    for (size_t i = 0; i < n; i++)
        if (!i || pairs[i].root != pairs[i - 1].root || pairs[i].article != pairs[i - 1].article)
            sources[pairs[i].root]++;
    zhe_free(pairs);

    sqlite3_stmt *q = NULL;
    zhe_status s = zhei_store_exec(st, "BEGIN IMMEDIATE", err);
    if (s == ZHE_OK)
        s = zhei_store_prepare(st, "UPDATE events SET fact = ?2, fact_first = ?3, fact_sources = ?4"
                                   " WHERE id = ?1", &q, err);
    for (size_t i = 0; i < n && s == ZHE_OK; i++) {
        size_t r = S_find(all->ev, i);
        const char *key = all->ev[r].key;
        int is_first = first[r] == i;
        const S_ev *e = &all->ev[i];
        if (e->fact && strcmp(e->fact, key) == 0 && e->first == is_first && e->sources == sources[r])
            continue;
        sqlite3_bind_int64(q, 1, e->id);
        sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 3, is_first);
        sqlite3_bind_int64(q, 4, sources[r]);
        s = zhei_store_step(st, q, err, "cannot record an event's fact");
    }
    sqlite3_finalize(q);
    if (s == ZHE_OK) s = zhei_store_exec(st, "COMMIT", err);
    else sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    zhe_free(first);
    zhe_free(sources);
    return s;
}

zhe_status zhei_store_facts(zhe_store *st, zhe_error *err)
{
    S_all all = {NULL, 0};
    S_member *m = NULL;
    size_t n = 0;
    zhe_buf chips = ZHE_BUF_INIT;
    zhe_status s = S_read_events(st, &all, err);
    if (s == ZHE_OK) s = S_read_members(st, &all, &m, &n, &chips, err);
    if (s == ZHE_OK) {
        S_group(&all, m, n);
        s = S_write(st, &all, err);
    }
    for (size_t i = 0; i < all.n; i++) {
        S_ev *e = &all.ev[i];
        char **strings[] = {&e->type,   &e->start, &e->end,    &e->currency, &e->unit,
                            &e->per,    &e->period, &e->polarity, &e->fact, &e->published};
        for (size_t k = 0; k < ZHEI_ARRAY_LEN(strings); k++) zhe_free(*strings[k]);
    }
    zhe_free(all.ev);
    zhe_free(m);
    zhe_buf_clear(&chips);
    return s;
}
