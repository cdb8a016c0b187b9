/*
** html.c — an HTML page to an article: title, publication date and main
** text.  Parsing is gumbo's (the HTML5 algorithm, entities decoded); this
** file decides what of the tree is the article.
**
** Never text: script, style, nav, header, footer, aside, form (but one
** right in <body>, as ASP.NET wraps its pages in) and their kin,
** comments, and elements whose class or id names a sidebar, menu,
** comment box or related-articles list.  The main text is the element
** whose own <p> children hold the most text (the largest <article> wins
** unless that is a small card beside it), read with block elements as paragraph breaks and whitespace
** collapsed the way a browser shows it.
**
** The tree is walked with an explicit stack, so a page of 50,000 nested
** tags costs memory, not the C stack.
*/
#include "text_int.h"

#include <gumbo.h>
#include <string.h>
#include <strings.h>

/* Elements whose content is never article text. */
static int S_is_noise_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_MENU:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_MATH: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO:
        return 1;
    default:
        return 0;
    }
}

/* Elements that break a paragraph. */
static int S_is_block_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_BR: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
    case GUMBO_TAG_TR: case GUMBO_TAG_TABLE: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
    case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_DL: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_HR: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_BODY: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION:
        return 1;
    default:
        return 0;
    }
}

/* Words in a class or id that mark page furniture, not the article. */
static const char *const S_noise_words[] = {
    "nav", "menu", "footer", "sidebar", "side-bar", "comment", "related", "recommend",
    "share", "breadcrumb", "advert", "banner", "copyright", "toolbar", "social", "hotnews",
    "hot-news", "hot_list", "popular", "subscribe", "login",
};

static const char *S_attr(const GumboElement *e, const char *name)
{
    GumboAttribute *a = gumbo_get_attribute(&e->attributes, name);
    return a ? a->value : NULL;
}

static int S_is_noise_class(const GumboElement *e)
{
    const char *vals[2] = { S_attr(e, "class"), S_attr(e, "id") };
    for (int k = 0; k < 2; k++) {
        if (!vals[k]) continue;
        for (size_t i = 0; i < ZHEI_ARRAY_LEN(S_noise_words); i++)
            if (strcasestr(vals[k], S_noise_words[i])) return 1;
    }
    return 0;
}

/* A <form> is a search box or a comment form, unless it stands right in
 * <body>: ASP.NET's pages are one form around the whole page. */
static int S_is_noise(const GumboNode *n)
{
    if (n->type == GUMBO_NODE_COMMENT) return 1;
    if (n->type != GUMBO_NODE_ELEMENT) return 0;
    if (S_is_noise_tag(n->v.element.tag) || S_is_noise_class(&n->v.element)) return 1;
    if (n->v.element.tag != GUMBO_TAG_FORM) return 0;
    const GumboNode *up = n->parent;
    return !(up && up->type == GUMBO_NODE_ELEMENT && up->v.element.tag == GUMBO_TAG_BODY);
}

/* A stack of nodes for iterative walks. */
typedef struct {
    const GumboNode **v;
    size_t n, cap;
} S_stack;

static void S_push(S_stack *s, const GumboNode *n)
{
    ZHEI_GROW(&s->v, &s->cap, s->n + 1);
    s->v[s->n++] = n;
}

/* Push the children of an element or document in reverse, so they pop in
 * document order. */
static void S_push_children(S_stack *s, const GumboNode *n)
{
    const GumboVector *c = n->type == GUMBO_NODE_DOCUMENT ? &n->v.document.children
                           : (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
                               ? &n->v.element.children
                               : NULL;
    if (!c) return;
    for (size_t i = c->length; i-- > 0;) S_push(s, c->data[i]);
}

/* The text under n as a browser shows it, appended to out: whitespace
 * collapsed, block elements as '\n'.  `marker` (a NULL node) on the stack
 * closes a block. */
static void S_text(const GumboNode *root, zhe_buf *out)
{
    S_stack st = { NULL, 0, 0 };
    S_push(&st, root);
    zhe_buf fixed = ZHE_BUF_INIT;   /* a text node made UTF-8: gumbo hands on
                                       what &#22222222222; (past 2^31)
                                       overflows to, which is no character */
    int space = 0;      /* a collapsed space is owed before the next text */
    while (st.n) {
        const GumboNode *n = st.v[--st.n];
        if (!n) {       /* end of a block */
            if (out->len && out->ptr[out->len - 1] != '\n') zhe_buf_putc(out, '\n');
            space = 0;
            continue;
        }
        if (n != root && S_is_noise(n)) continue;
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
            n->type == GUMBO_NODE_WHITESPACE) {
            const char *t = n->v.text.text;
            size_t tl = strlen(t);
            if (!zhe_utf8_valid(t, tl)) {
                zhe_buf_truncate(&fixed, 0);
                zhe_buf_put_utf8(&fixed, t, tl);
                zhe_buf_putc(&fixed, '\0');
                t = fixed.ptr;
            }
            for (const char *p = t; *p; p++) {
                if (zhei_is_space((unsigned char)*p)) {
                    space = 1;
                    continue;
                }
                if (space && out->len && out->ptr[out->len - 1] != '\n') zhe_buf_putc(out, ' ');
                space = 0;
                zhe_buf_putc(out, *p);
            }
            continue;
        }
        if (n->type == GUMBO_NODE_ELEMENT && S_is_block_tag(n->v.element.tag)) {
            if (out->len && out->ptr[out->len - 1] != '\n') zhe_buf_putc(out, '\n');
            space = 0;
            S_push(&st, NULL);
        }
        S_push_children(&st, n);
    }
    zhe_free(st.v);
    zhe_buf_clear(&fixed);
}

/* Bytes of text directly inside n's <p> children (and n's own text). */
static size_t S_p_score(const GumboNode *n)
{
    size_t score = 0;
    const GumboVector *c = &n->v.element.children;
    for (size_t i = 0; i < c->length; i++) {
        const GumboNode *k = c->data[i];
        if (k->type == GUMBO_NODE_TEXT) {
            score += strlen(k->v.text.text);
        } else if (k->type == GUMBO_NODE_ELEMENT && k->v.element.tag == GUMBO_TAG_P &&
                   !S_is_noise(k)) {
            zhe_buf b = ZHE_BUF_INIT;
            S_text(k, &b);
            score += b.len;
            zhe_buf_clear(&b);
        }
    }
    return score;
}

typedef struct {
    const GumboNode *body, *best, *best_article, *title, *h1, *time;
    size_t best_score, best_article_score;
    const char *meta_title, *meta_published, *meta_site;
} S_page;

static void S_meta(S_page *pg, const GumboElement *e)
{
    const char *key = S_attr(e, "property");
    if (!key) key = S_attr(e, "name");
    if (!key) key = S_attr(e, "itemprop");
    const char *val = S_attr(e, "content");
    if (!key || !val) return;
    if (!strcasecmp(key, "og:title")) pg->meta_title = val;
    else if (!strcasecmp(key, "og:site_name")) pg->meta_site = val;
    else if (!pg->meta_published &&
             (!strcasecmp(key, "article:published_time") || !strcasecmp(key, "pubdate") ||
              !strcasecmp(key, "publishdate") || !strcasecmp(key, "datePublished") ||
              !strcasecmp(key, "publish_time") || !strcasecmp(key, "og:release_date")))
        pg->meta_published = val;
}

/* One pass over the tree: metadata, and the best main-text candidate. */
static void S_survey(const GumboNode *root, S_page *pg)
{
    S_stack st = { NULL, 0, 0 };
    S_push(&st, root);
    while (st.n) {
        const GumboNode *n = st.v[--st.n];
        if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) continue;
        if (n->type == GUMBO_NODE_ELEMENT) {
            const GumboElement *e = &n->v.element;
            switch (e->tag) {
            case GUMBO_TAG_TITLE: if (!pg->title) pg->title = n; continue;
            case GUMBO_TAG_META: S_meta(pg, e); continue;
            case GUMBO_TAG_HEAD: S_push_children(&st, n); continue;
            case GUMBO_TAG_BODY: pg->body = n; break;
            case GUMBO_TAG_H1: if (!pg->h1 && !S_is_noise(n)) pg->h1 = n; break;
            case GUMBO_TAG_TIME:
                if (!pg->time && S_attr(e, "datetime")) pg->time = n;
                break;
            default: break;
            }
            if (S_is_noise(n)) continue;
            size_t score = S_p_score(n);
            if (score > pg->best_score) pg->best_score = score, pg->best = n;
            if (e->tag == GUMBO_TAG_ARTICLE) {
                zhe_buf b = ZHE_BUF_INIT;
                S_text(n, &b);
                if (b.len > pg->best_article_score)
                    pg->best_article_score = b.len, pg->best_article = n;
                zhe_buf_clear(&b);
            }
        }
        S_push_children(&st, n);
    }
    zhe_free(st.v);
}

/* Trim ASCII whitespace in place; returns the new length. */
static size_t S_trim(char *s, size_t len)
{
    size_t h = 0;
    while (h < len && zhei_is_space((unsigned char)s[h])) h++;
    while (len > h && zhei_is_space((unsigned char)s[len - 1])) len--;
    memmove(s, s + h, len - h);
    s[len - h] = '\0';
    return len - h;
}

/* Cut a trailing " - site name" from a page title; the site goes to *site
 * (if it is still empty). */
static void S_strip_site(zhe_article *a)
{
    /* Not a bare "-": it joins model names (RTX 4090-D). */
    static const char *const seps[] = { " - ", " – ", " — ", " | ", "｜", "_", " _ " };
    char *t = a->title;
    size_t len = strlen(t);
    size_t best = len;
    const char *best_sep = NULL;
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(seps); i++) {
        const char *p = strstr(t, seps[i]);
        if (!p || p == t) continue;
        size_t at = (size_t)(p - t);
        size_t rest = len - at - strlen(seps[i]);
        /* The site name is the shorter side, and short. */
        if (rest && rest < at && zhe_utf8_count(p + strlen(seps[i]), rest) <= 24 && at < best) {
            best = at;
            best_sep = seps[i];
        }
    }
    if (!best_sep) return;
    if (!*a->source) {
        const char *site = t + best + strlen(best_sep);
        const char *next = strstr(site, best_sep);  /* "标题_新浪科技_新浪网" */
        zhei_str_set(&a->source, site, next ? (size_t)(next - site) : strlen(site));
        a->source[S_trim(a->source, strlen(a->source))] = '\0';
    }
    t[best] = '\0';
    S_trim(t, best);
}

/* ------------------------------------------------------------ nesting */

/* How deep elements may nest in what gumbo parses.  A news page's tree is
 * a few dozen deep; gumbo looks through the open elements at each tag, so
 * a page of n nested tags costs it n * n (50,000: 3.5 s, 100,000: 25 s,
 * the 3 million of 16 MB of <div>: hours). */
#define S_MAX_DEPTH 256

/* How many tags gumbo is given.  Past it a page of tags that reopen
 * what others close (<dt><font><strong></dt>…, which gumbo's list of
 * formatting elements answers with new elements at each tag) costs gumbo
 * more at each tag than the one before: 150,000 took 9 s.  A news page
 * has a few thousand; the text of any later tag's element is kept. */
#define S_MAX_TAGS 50000

/* How far down the open elements an end tag looks for its own: further
 * down, it is taken for a stray one, which gumbo ignores too. */
#define S_END_REACH 64

/* Whether tag t is left out of the count: it has no content (br, img),
 * or its end tag may be left out (p, li, td), so that a page of <p>s
 * without </p> is no deep page. */
static int S_uncounted(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_AREA: case GUMBO_TAG_BASE: case GUMBO_TAG_BR: case GUMBO_TAG_COL:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_HR: case GUMBO_TAG_IMG: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_LINK: case GUMBO_TAG_META: case GUMBO_TAG_PARAM: case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK: case GUMBO_TAG_WBR: case GUMBO_TAG_P: case GUMBO_TAG_LI:
    case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_TR: case GUMBO_TAG_TD:
    case GUMBO_TAG_TH: case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP: case GUMBO_TAG_RB: case GUMBO_TAG_RT:
    case GUMBO_TAG_RP:
        return 1;
    default:
        return 0;
    }
}

static int S_ascii_alpha(char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* Whether t is of HTML's "special" category: an end tag of another
 * element (a span, a font) that meets one of these on its way down the
 * open elements is ignored. */
static int S_special(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_APPLET: case GUMBO_TAG_AREA:
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BASE:
    case GUMBO_TAG_BASEFONT: case GUMBO_TAG_BGSOUND: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY: case GUMBO_TAG_BR: case GUMBO_TAG_BUTTON: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_COL: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL:
    case GUMBO_TAG_DT: case GUMBO_TAG_EMBED: case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM: case GUMBO_TAG_FRAME: case GUMBO_TAG_FRAMESET: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_HEAD: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR: case GUMBO_TAG_HTML: case GUMBO_TAG_IFRAME: case GUMBO_TAG_IMG:
    case GUMBO_TAG_INPUT: case GUMBO_TAG_KEYGEN: case GUMBO_TAG_LI: case GUMBO_TAG_LINK:
    case GUMBO_TAG_LISTING: case GUMBO_TAG_MAIN: case GUMBO_TAG_MARQUEE: case GUMBO_TAG_MENU:
    case GUMBO_TAG_META: case GUMBO_TAG_NAV: case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_OBJECT: case GUMBO_TAG_OL: case GUMBO_TAG_P:
    case GUMBO_TAG_PARAM: case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_PRE:
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_SECTION: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_SOURCE: case GUMBO_TAG_STYLE: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY: case GUMBO_TAG_TD: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_TFOOT: case GUMBO_TAG_TH: case GUMBO_TAG_THEAD: case GUMBO_TAG_TITLE:
    case GUMBO_TAG_TR: case GUMBO_TAG_TRACK: case GUMBO_TAG_UL: case GUMBO_TAG_WBR:
    case GUMBO_TAG_XMP: case GUMBO_TAG_MI: case GUMBO_TAG_MO: case GUMBO_TAG_MN:
    case GUMBO_TAG_MS: case GUMBO_TAG_MTEXT: case GUMBO_TAG_FOREIGNOBJECT: case GUMBO_TAG_DESC:
        return 1;
    default:
        return 0;
    }
}

/* Whether t bounds a scope: an end tag of a special element that meets
 * one of these on its way down is ignored (</div> inside a table cell
 * closes no div outside the table). */
static int S_scope_bound(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_APPLET: case GUMBO_TAG_CAPTION: case GUMBO_TAG_HTML: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_MARQUEE: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_MI: case GUMBO_TAG_MO: case GUMBO_TAG_MN:
    case GUMBO_TAG_MS: case GUMBO_TAG_MTEXT: case GUMBO_TAG_FOREIGNOBJECT: case GUMBO_TAG_DESC:
        return 1;
    default:
        return 0;
    }
}

/* The end of the construct at s[i] == '<' that is no element: a comment,
 * <!DOCTYPE>, <?…?>; i if it is none. */
static size_t S_skip_markup(const char *s, size_t len, size_t i)
{
    if (len - i >= 4 && !memcmp(s + i, "<!--", 4)) {
        const char *e = memmem(s + i + 4, len - i - 4, "-->", 3);
        return e ? (size_t)(e - s) + 3 : len;
    }
    if (len - i >= 2 && (s[i + 1] == '!' || s[i + 1] == '?')) {
        const char *e = memchr(s + i, '>', len - i);
        return e ? (size_t)(e - s) + 1 : len;
    }
    return i;
}

/*
** The page with the elements nested deeper than S_MAX_DEPTH, and the
** tags after the first S_MAX_TAGS, left out (their text kept), into out;
** 0 if it has none, and out is untouched.
** Tags are found as a browser's tokenizer would find most of them, a
** '<' and a name up to the next '>', with comments and the content of
** script and style skipped; the elements counted are those that have
** content and an end tag (S_uncounted; <x/> only for names HTML does not
** know, as <div/> opens a div), kept on a stack of open elements.  An end
** tag pops the stack down to its own element only where the HTML parser
** surely does: that element is near the top, and no element between
** makes the parser ignore the end tag (S_special, S_scope_bound).  So
** the stack is never shallower than gumbo's, whose depth is what costs:
** it looks through its open elements at each tag, and recurses on them.
** As the elements left out are the innermost open ones, an end tag while
** any is left out is one of theirs.
*/
static int S_flatten(const char *s, size_t len, zhe_buf *out)
{
    GumboTag open[S_MAX_DEPTH];
    size_t depth = 0, over = 0, copied = 0, tags = 0;
    for (size_t i = 0; i < len;) {
        const char *lt = memchr(s + i, '<', len - i);
        if (!lt) break;
        i = (size_t)(lt - s);
        size_t skip = S_skip_markup(s, len, i);
        if (skip > i) {
            i = skip;
            continue;
        }
        int end = i + 1 < len && s[i + 1] == '/';
        size_t n0 = i + 1 + (size_t)end, n1 = n0;
        while (n1 < len && (S_ascii_alpha(s[n1]) || (s[n1] >= '0' && s[n1] <= '9') ||
                            s[n1] == '-'))
            n1++;
        if (n1 == n0 || !S_ascii_alpha(s[n0])) {
            i++;
            continue;
        }
        const char *gt = memchr(s + n1, '>', len - n1);
        size_t tag_end = gt ? (size_t)(gt - s) + 1 : len;
        GumboTag t = gumbo_tagn_enum(s + n0, (unsigned)ZHEI_MIN(n1 - n0, 64));
        int self_closing = gt && gt > s + n1 && gt[-1] == '/';
        if (!end && (t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE)) {
            /* raw text, and its end tag: neither is counted */
            const char *name = t == GUMBO_TAG_SCRIPT ? "</script" : "</style";
            size_t k = tag_end, nl = strlen(name);
            while (k < len && !(len - k >= nl && !strncasecmp(s + k, name, nl))) {
                const char *e = memchr(s + k + 1, '<', len - k - 1);
                k = e ? (size_t)(e - s) : len;
            }
            const char *e = k < len ? memchr(s + k, '>', len - k) : NULL;
            i = e ? (size_t)(e - s) + 1 : len;
            continue;
        }
        int drop = ++tags > S_MAX_TAGS;     /* and every tag after it */
        if (!drop && !S_uncounted(t) && !(self_closing && t == GUMBO_TAG_UNKNOWN)) {
            if (!end && depth < S_MAX_DEPTH) {
                open[depth++] = t;
            } else if (!end) {
                drop = 1, over++;
            } else if (over) {
                drop = 1, over--;
            } else {
                int special = S_special(t);
                for (size_t k = depth; k-- > 0 && depth - k <= S_END_REACH;) {
                    if (open[k] == t) {
                        depth = k;
                        break;
                    }
                    if (special ? S_scope_bound(open[k]) : S_special(open[k])) break;
                }
            }
        }
        if (drop) {
            if (!copied) zhe_buf_reserve(out, len);
            zhe_buf_put(out, s + copied, i - copied);
            zhe_buf_putc(out, ' ');
            copied = tag_end;
        }
        i = tag_end;
    }
    if (!copied) return 0;
    zhe_buf_put(out, s + copied, len - copied);
    return 1;
}

/* 1 if one of `tags` (written in lower case) begins, in any case, within
 * the first `limit` bytes of s[0..len): how the readers tell a page or an
 * HTML fragment from text. */
int zhei_html_has_tag(const char *s, size_t len, size_t limit, const char *const *tags,
                     size_t n_tags)
{
    const char *end = s + ZHEI_MIN(len, limit);
    for (const char *p = s; (p = memchr(p, '<', (size_t)(end - p))); p++) {
        for (size_t k = 0; k < n_tags; k++) {
            size_t tl = strlen(tags[k]);
            if ((size_t)(end - p) >= tl && strncasecmp(p, tags[k], tl) == 0) return 1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------- reading */

/* The title, date and main text of the page s[0..len) (text_int.h). */
zhe_status zhei_html_read(zhe_article *a, const char *s, size_t len, zhe_error *err)
{
    GumboOptions opt = kGumboDefaultOptions;
    opt.max_errors = 0;
    zhe_buf flat = ZHE_BUF_INIT;
    if (S_flatten(s, len, &flat)) s = flat.ptr, len = flat.len;
    GumboOutput *out = gumbo_parse_with_options(&opt, s, len);
    if (!out) {
        zhe_buf_clear(&flat);
        return zhe_error_set(err, ZHE_ERR_FORMAT, NULL, 0, UINT64_MAX, "cannot parse HTML");
    }
    S_page pg;
    memset(&pg, 0, sizeof pg);
    S_survey(out->document, &pg);

    zhe_buf b = ZHE_BUF_INIT;
    if (pg.meta_site && !*a->source) {
        zhe_buf_put_utf8(&b, pg.meta_site, strlen(pg.meta_site));
        zhei_meta_set(&a->source, b.ptr ? b.ptr : "", b.len);
        zhe_buf_truncate(&b, 0);
    }
    if (!*a->title) {
        if (pg.meta_title) {
            zhe_buf_put_utf8(&b, pg.meta_title, strlen(pg.meta_title));
        } else if (pg.title) {
            S_text(pg.title, &b);
        }
        b.len = S_trim(b.ptr ? b.ptr : (zhe_buf_putc(&b, 0), b.ptr), b.len);
        zhei_meta_set(&a->title, b.ptr, b.len);
        zhe_buf_truncate(&b, 0);
        S_strip_site(a);
        if (!*a->title && pg.h1) {
            S_text(pg.h1, &b);
            b.len = S_trim(b.ptr, b.len);
            zhei_meta_set(&a->title, b.ptr, b.len);
            zhe_buf_truncate(&b, 0);
        }
    }
    if (pg.meta_published) zhei_published_set(a, pg.meta_published, strlen(pg.meta_published));
    if (!*a->published && pg.time) {
        const char *dt = S_attr(&pg.time->v.element, "datetime");
        zhei_published_set(a, dt, strlen(dt));
    }

    /* No date in the metadata: a byline near the top of the page. */
    if (!*a->published && pg.body) {
        zhe_buf_truncate(&b, 0);
        S_text(pg.body, &b);
        const char *p = b.ptr ? b.ptr : "";
        const char *end = p + b.len;
        for (int line = 0; line < 15 && p < end; line++) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p), prefix;
            char date[17];
            if (zhei_dateline(p, n, date, &prefix) == 1) {
                zhei_str_set(&a->published, date, strlen(date));
                break;
            }
            p += n + 1;
        }
    }

    /* An <article> wins unless it is a small card beside the real text. */
    if (pg.best_article && pg.best_article_score * 2 < pg.best_score) pg.best_article = NULL;
    const GumboNode *main = pg.best_article ? pg.best_article
                            : (pg.best && pg.best_score >= 80) ? pg.best
                            : pg.body ? pg.body
                                      : out->document;
    zhe_buf_truncate(&b, 0);
    S_text(main, &b);
    if (!b.ptr) zhe_buf_putc(&b, '\0'), b.len = 0;
    b.len = S_trim(b.ptr, b.len);
    zhe_free(a->raw);
    a->raw = zhe_buf_detach(&b, &a->raw_len);
    gumbo_destroy_output(&opt, out);
    zhe_buf_clear(&flat);       /* the tree pointed into it */
    if (a->raw_len == 0)
        return zhe_error_set(err, ZHE_ERR_EMPTY, NULL, 0, UINT64_MAX, "HTML page has no text");
    return ZHE_OK;
}
