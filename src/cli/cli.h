/*
** cli.h — what the zhevents command's files share: the subcommand table's
** shape, the documented exit codes, and the options every reading
** subcommand takes.
*/
#ifndef ZHE_CLI_H
#define ZHE_CLI_H

#include <stdio.h>
#include <zhevents/zhevents.h>

/* Exit codes, as `zhevents help` documents them. */
enum {
    ZHE_EXIT_OK = 0,        /* done; rejected inputs were reported, not fatal */
    ZHE_EXIT_REJECTS = 1,   /* --strict, and some input was rejected */
    ZHE_EXIT_USAGE = 2,     /* bad command line */
    ZHE_EXIT_NOTHING = 3,   /* no article could be read at all */
    ZHE_EXIT_SYSTEM = 4     /* cannot start (data files) or cannot write output */
};

typedef struct zhe_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const char *usage;      /* options, one per line */
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
typedef struct zhe_cli_input {
    zhe_text_options text;
    zhe_field_map fields[32];
    int verbose;
    int strict;
    const char *format;     /* --format, for subcommands that print */
} zhe_cli_input;

int zhe_cli_input_parse(const char *cmd, int argc, char **argv, zhe_cli_input *in);

/*
** Read every path in argv (or standard input when there are none), calling
** fn on each article after zhe_text_prepare.  Rejects are reported on
** stderr.  Returns an exit code: ZHE_EXIT_OK, or REJECTS under --strict,
** NOTHING when no article was read, SYSTEM when fn returns non-zero (it
** could not write).
*/
typedef int (*zhe_cli_article_fn)(void *ctx, zhe_article *a);
int zhe_cli_read_all(const char *cmd, zhe_cli_input *in, int npaths, char **paths,
                     zhe_cli_article_fn fn, void *ctx);

int zhe_cmd_extract(int argc, char **argv);
int zhe_cmd_show(int argc, char **argv);
int zhe_cmd_segment(int argc, char **argv);
int zhe_cmd_help(int argc, char **argv);

#endif /* ZHE_CLI_H */
