/*
** cli.h — what the zhevents command's files share: the subcommand table's
** shape, the documented exit codes, and the options every reading
** subcommand takes.
*/
#ifndef ZHE_CLI_H
#define ZHE_CLI_H

#include <stdio.h>
#include <zhevents/zhevents.h>

#define ZHE_CLI_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define ZHE_CLI_MIN(a, b) ((a) < (b) ? (a) : (b))

/* Exit codes, as `zhevents help` documents them. */
enum {
    ZHE_EXIT_OK = 0,        /* done; rejected inputs were reported, not fatal */
    ZHE_EXIT_REJECTS = 1,   /* --strict, and some input was rejected */
    ZHE_EXIT_USAGE = 2,     /* bad command line */
    ZHE_EXIT_IO = 3,        /* nothing could be read, a data file is missing or
                               bad, or the output cannot be written */
    ZHE_EXIT_DB = 4         /* the database cannot be used (SQLite failed, or the
                               file is not a zhevents database) */
};

typedef struct zhe_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const char *usage;      /* options, one per line */
    const char *args;       /* what follows the name in the usage line */
    int reads;              /* takes the reading options (input.c) */
} zhe_command;

extern const zhe_command zhe_commands[];

/* Print "zhevents: msg" and a pointer to `zhevents help CMD` on stderr;
 * returns ZHE_EXIT_USAGE. */
int zhe_cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
** The options of every subcommand that reads articles, parsed from argv
** with getopt_long.  zhe_cli_input_parse returns -1 when parsing succeeded
** (argv[optind..] are the paths), else an exit code.
*/
/*
** The progress line of a long run (progress.c): on stderr, on a terminal
** only, never with --quiet.  The reading loop counts articles, rejects and
** bytes; a subcommand adds its events.  Clear the line before writing
** anything else to stderr.
*/
typedef struct zhe_cli_progress {
    int on;                 /* stderr is a terminal, and no --quiet */
    int shown;              /* a line is on the screen */
    double t0, last;        /* when the run began, when the line was drawn */
    uint64_t total;         /* bytes of the inputs on disk, 0 when unknown */
    uint64_t bytes, files, articles, rejects, events;
    char path[512];         /* the file being read */
} zhe_cli_progress;

void zhe_cli_progress_start(zhe_cli_progress *p, int enabled, int npaths, char **paths);
void zhe_cli_progress_article(zhe_cli_progress *p, const char *path, uint64_t bytes);
/* Draw the line (at most four times a second unless force). */
void zhe_cli_progress_show(zhe_cli_progress *p, int force);
void zhe_cli_progress_clear(zhe_cli_progress *p);
/* Draw the last state and end the line. */
void zhe_cli_progress_end(zhe_cli_progress *p);

/* Called for every input or record the reading loop rejects, after it
 * is reported on stderr. */
typedef void (*zhe_cli_reject_fn)(void *ctx, const zhe_error *err);

typedef struct zhe_cli_input {
    zhe_text_options text;
    const char *lexicon_dir;    /* --lexicons DIR, or NULL: the lexicon's own
                                   default ($ZHEVENTS_LEXICONS, installed, source) */
    zhe_field_map fields[32];
    int verbose;
    int strict;
    int quiet;              /* --quiet: no progress line */
    int progress;           /* the subcommand shows a progress line */
    zhe_cli_progress prog;
    const char *format;     /* --format, for subcommands that print */
    /* With ZHE_CLI_STORE_OPTIONS (zhevents ingest): */
    const char *db;         /* --db FILE, or NULL */
    int replace;            /* --replace */
    int fts_trigram;        /* --fts-trigram */
    size_t jobs;            /* --jobs N: worker threads, 0 when not given */
    /* With ZHE_CLI_MAP_OPTIONS (zhevents map): */
    const char *errors;     /* --errors FILE, or NULL */
    /* Set by the subcommand after parsing, or left NULL: */
    zhe_cli_reject_fn on_reject;
    void *reject_ctx;
} zhe_cli_input;

/* zhe_cli_input_parse_ex flags: also take --db, --replace, --fts-trigram,
 * --jobs. */
#define ZHE_CLI_STORE_OPTIONS 1
/* ... and --errors FILE. */
#define ZHE_CLI_MAP_OPTIONS 2

int zhe_cli_input_parse(const char *cmd, int argc, char **argv, zhe_cli_input *in);
int zhe_cli_input_parse_ex(const char *cmd, int argc, char **argv, zhe_cli_input *in,
                           int flags);

/* Open the pipeline of the reading subcommands: the lexicon of
 * --lexicons (or the default), in's reading options, and a segmenter when
 * segment.  Returns ZHE_EXIT_OK, or ZHE_EXIT_IO after reporting why it
 * cannot (a lexicon file missing or bad). */
int zhe_cli_pipeline_open(const char *cmd, const zhe_cli_input *in, int segment,
                          zhe_pipeline **out);

/*
** Read every path in argv (or standard input when there are none), calling
** fn on each article after zhe_text_prepare, and with extract its record
** (zhe_pipeline_run; NULL otherwise).  Rejects are reported on stderr (and
** to in->on_reject).  fn returns 0 to go on, 1 when it could not write its
** output (reported here), or an exit code above 1 after reporting the
** failure itself (ZHE_EXIT_DB); either stops the loop.  Returns an exit
** code: ZHE_EXIT_OK, or REJECTS under --strict, IO when no article was
** read or the output could not be written, or fn's code.
*/
typedef int (*zhe_cli_article_fn)(void *ctx, zhe_article *a, const zhe_record *r);
int zhe_cli_read_all(const char *cmd, zhe_cli_input *in, int extract, int npaths, char **paths,
                     zhe_cli_article_fn fn, void *ctx);

/*
** The reading loop without the text stage, for subcommands that prepare
** articles elsewhere (in worker threads): fn gets every article p's
** reader reads (a is then fn's to free; rej NULL) and every rejected
** input or record (a NULL), in input order, with the bytes read so far.
** Nothing is printed.  fn returns 0 to go on, else an exit code that stops
** the loop and is returned; otherwise returns ZHE_EXIT_OK.
*/
typedef int (*zhe_cli_raw_fn)(void *ctx, zhe_article *a, const zhe_error *rej,
                              uint64_t bytes);
int zhe_cli_read_raw(const zhe_pipeline *p, int npaths, char **paths, zhe_cli_raw_fn fn,
                     void *ctx);

/* What cleaning cut from a, as --verbose reports it, appended to out. */
void zhe_cli_cuts(const zhe_article *a, zhe_buf *out);

/*
** An ordered worker pool (pool.c): items submitted by one thread are
** transformed by `work` in one of N worker threads (worker: 0..N-1), and
** passed to `done` in a writer thread in the order they were submitted.
** At most `depth` items are in flight; zhe_cli_pool_submit blocks until
** one is free.  `done` is called for every item submitted; once it has
** returned non-zero, submitting returns that code and takes no more.
** zhe_cli_pool_finish waits for every item and the threads, frees the
** pool and returns the first non-zero code of `done`, or 0; with cpu, it
** also tells how much CPU time each kind of thread used, which shows
** what bounds a run (the writer, or the workers).
*/
typedef struct zhe_cli_pool zhe_cli_pool;
typedef void (*zhe_cli_work_fn)(void *ctx, size_t worker, void *item);
typedef int (*zhe_cli_done_fn)(void *ctx, void *item);

zhe_cli_pool *zhe_cli_pool_start(size_t workers, size_t depth, zhe_cli_work_fn work,
                                 zhe_cli_done_fn done, void *ctx);
int zhe_cli_pool_submit(zhe_cli_pool *p, void *item);
typedef struct zhe_cli_pool_cpu {
    double reader;          /* the thread that submitted: seconds of CPU */
    double workers;         /* all workers together */
    double writer;
} zhe_cli_pool_cpu;
int zhe_cli_pool_finish(zhe_cli_pool *p, zhe_cli_pool_cpu *cpu);

/* The worker threads to run when --jobs is not given: one fewer than the
 * cores online (the writer takes one), at least one. */
size_t zhe_cli_default_jobs(void);

int zhe_cmd_extract(int argc, char **argv);
int zhe_cmd_show(int argc, char **argv);
int zhe_cmd_segment(int argc, char **argv);
int zhe_cmd_help(int argc, char **argv);
int zhe_cmd_ingest(int argc, char **argv);
int zhe_cmd_query(int argc, char **argv);
int zhe_cmd_search(int argc, char **argv);
int zhe_cmd_stats(int argc, char **argv);
int zhe_cmd_timeline(int argc, char **argv);
int zhe_cmd_datasette_metadata(int argc, char **argv);
int zhe_cmd_map(int argc, char **argv);
int zhe_cmd_load(int argc, char **argv);
int zhe_cmd_review(int argc, char **argv);

/*
** The lines of map's input and of load's shards (lines.c).
*/

/* The longest record line load reads: 8 times the default
 * --max-article-bytes.  A map record holds an article's text three times
 * (text, sentences, segmented words) and its mentions; news text makes a
 * record about 6 times the article, so the record of any article map
 * takes by default fits, and jansson's tree of the longest record stays
 * near 1.3 GB.  load rejects and skips a longer line without holding
 * it; map writes an error record instead of one. */
#define ZHE_CLI_MAX_RECORD_BYTES ((size_t)128 << 20)

typedef struct zhe_cli_lines zhe_cli_lines;

/* Open path ("-": standard input), gzip or plain.  NULL (errno set, or 0
 * for out of memory) if it cannot be opened. */
zhe_cli_lines *zhe_cli_lines_open(const char *path);

/* The next line, without its '\n', into line, which holds no more than
 * max bytes of it, and its whole length into *len.  Returns 1 for a line
 * (*len > max: too long, and line holds none of it), 0 at the end, -1
 * when the input cannot be read or is not valid gzip. */
int zhe_cli_lines_next(zhe_cli_lines *in, size_t max, zhe_buf *line, size_t *len);

/* Why reading failed, or NULL if it did not. */
const char *zhe_cli_lines_error(zhe_cli_lines *in);

void zhe_cli_lines_close(zhe_cli_lines *in);

/*
** What the database subcommands share (db.c).
*/
#define ZHE_CLI_DEFAULT_DB "zhevents.db"

/* The exit code for a failed store call: IO for files, DB for SQLite. */
int zhe_cli_store_exit(zhe_status st);

/* Store record r (ingest's and load's writers), counting its outcome in
 * counts and reporting a failure as "zhevents CMD: id: message" (the
 * progress line cleared first).  Returns the store's status. */
zhe_status zhe_cli_store_put(const char *cmd, zhe_store *store, zhe_record *r,
                             zhe_store_counts *counts, zhe_cli_progress *prog);

/* The last line of ingest and load: "zhevents CMD: N WHAT read: …". */
void zhe_cli_store_summary(const char *cmd, const char *what, const zhe_store_counts *c,
                           const char *db);

/* Open the database at path (NULL: zhevents.db) for reading; on failure
 * report it as "zhevents CMD: message" and return the exit code, else -1. */
int zhe_cli_store_open_read(const char *cmd, const char *path, zhe_store **out);

/* CSV cell v into b (RFC 4180), after a comma unless first: quoted when
 * it must be, and a cell a spreadsheet would run as a formula (=, +, -,
 * @ first) given a leading apostrophe, as the exports do.  NULL: empty. */
void zhe_cli_csv_cell(zhe_buf *b, const char *v, int first);

/* The columns a string takes on a terminal (CJK characters two). */
size_t zhe_cli_width(const char *s, size_t len);

/* Print s[0..len) cut to at most `width` columns (with "…" when cut) and
 * padded with spaces to `width` when pad is set. */
void zhe_cli_put_cell(FILE *f, const char *s, size_t len, size_t width, int pad);

/* Parse a date for --from/--to: YYYY, YYYY-MM or YYYY-MM-DD, into the
 * first (last = 0) or last (last = 1) day it spans.  Returns 0 if s is
 * not such a date. */
int zhe_cli_parse_day(const char *s, int last, char out[11]);

/*
** The options that select events, shared by query and timeline: --chip
** and --type (repeatable), --from, --to, --vendor, --min-confidence,
** --asserted-only, --facts.  Put
** ZHE_CLI_FILTER_OPTIONS in the getopt_long table and hand each option to
** zhe_cli_filter_option.  A zhe_cli_filter points into itself: zhe_cli_filter_init
** it where it stays.
*/
enum { ZHE_OPT_CHIP = 300, ZHE_OPT_TYPE, ZHE_OPT_FROM, ZHE_OPT_TO, ZHE_OPT_VENDOR,
       ZHE_OPT_MINCONF, ZHE_OPT_ASSERTED, ZHE_OPT_FACTS, ZHE_OPT_OVERLAP, ZHE_OPT_REVIEWED };
#define ZHE_CLI_FILTER_OPTIONS                                        \
    { "chip", required_argument, NULL, ZHE_OPT_CHIP },                \
    { "type", required_argument, NULL, ZHE_OPT_TYPE },                \
    { "from", required_argument, NULL, ZHE_OPT_FROM },                \
    { "to", required_argument, NULL, ZHE_OPT_TO },                    \
    { "vendor", required_argument, NULL, ZHE_OPT_VENDOR },            \
    { "min-confidence", required_argument, NULL, ZHE_OPT_MINCONF },   \
    { "asserted-only", no_argument, NULL, ZHE_OPT_ASSERTED },         \
    { "facts", no_argument, NULL, ZHE_OPT_FACTS },                    \
    { "overlap", no_argument, NULL, ZHE_OPT_OVERLAP },                \
    { "reviewed", no_argument, NULL, ZHE_OPT_REVIEWED }

typedef struct zhe_cli_filter {
    zhe_store_filter f;
    const char *chips[64];
    const char *types[8];
    char from[11], to[11];
    char models[64][32];        /* the chips as the lexicon names them */
    char vendor[64];            /* the vendor likewise */
} zhe_cli_filter;

void zhe_cli_filter_init(zhe_cli_filter *cf);
/* The --chip and --vendor names a reporter typed, as the lexicon names
 * them (昇腾910B and 910B are Ascend 910B, 英伟达 is NVIDIA).  A name the
 * lexicon does not know is reported ("zhevents CMD: no chip named 'H1OO';
 * did you mean H100, H20?") and its exit code returned, ZHE_EXIT_USAGE;
 * else -1.  The lexicon is the default one ($ZHEVENTS_LEXICONS,
 * installed, source tree); when it cannot be read, names are left as
 * typed. */
int zhe_cli_filter_resolve(const char *cmd, zhe_cli_filter *cf);
/* Take option c (its argument arg) into cf.  Returns -1 when it was
 * taken, 0 when c is no filter option, else the exit code of a usage
 * error (reported). */
int zhe_cli_filter_option(const char *cmd, zhe_cli_filter *cf, int c, const char *arg);

/* Whether stdout is a terminal: the default format is a table there. */
int zhe_cli_stdout_tty(void);

#endif /* ZHE_CLI_H */
