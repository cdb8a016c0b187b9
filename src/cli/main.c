/*
** main.c — the zhevents command: a table of subcommands, their help, and
** dispatch.  Each subcommand lives in its own cmd_<name>.c; this file and
** input.c hold what they share.  Only src/cli/ prints or exits.
*/
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const zhe_command zhe_commands[] = {
    { "extract", zhe_cmd_extract,
      "read articles and print what they say, one JSON line per article",
      "  -f, --format FMT           output format: jsonl (the default)\n" },
    { "show", zhe_cmd_show,
      "print articles' cleaned, normalized text, one sentence a line",
      "" },
    { "segment", zhe_cmd_segment,
      "split every input line into words, printed as the input wrote them",
      "  -f, --format FMT           text (words separated by spaces; the default)\n"
      "                             or jsonl (tokens with code-point offsets)\n" },
    { "help", zhe_cmd_help, "show this help, or a subcommand's", "" },
    { NULL, NULL, NULL, NULL },
};

static const char S_input_usage[] =
    "  -e, --encoding ENC         read input in ENC (utf-8, gb18030, gbk, big5,\n"
    "                             utf-16le, utf-16be) instead of detecting it\n"
    "      --field KEY=NAME       read JSON key KEY as NAME (id, title, content,\n"
    "                             published, url, source); repeatable\n"
    "      --published DATE       publication date for articles that have none\n"
    "      --max-article-bytes N  reject records larger than N bytes (16777216)\n"
    "      --lexicons DIR         lexicon directory (or $ZHEVENTS_LEXICONS)\n"
    "      --strict               exit 1 if any input was rejected\n"
    "  -v, --verbose              report what cleaning cut, and a summary\n"
    "  -h, --help                 this help\n";

static void S_usage(FILE *f)
{
    fprintf(f,
            "usage: zhevents COMMAND [OPTIONS] [PATH...]\n"
            "\n"
            "zhevents reads Chinese news articles (JSON Lines, HTML, plain text or\n"
            "Sogou <doc> dumps, gzip-compressed or not, in UTF-8, GB18030/GBK, Big5\n"
            "or UTF-16) and mines them for events about chips.  PATH may be a file,\n"
            "a directory (read recursively) or - for standard input; with no PATH,\n"
            "standard input is read.\n"
            "\n"
            "Commands:\n");
    for (const zhe_command *c = zhe_commands; c->name; c++)
        fprintf(f, "  %-10s %s\n", c->name, c->summary);
    fprintf(f,
            "\n"
            "Run 'zhevents help COMMAND' for a command's options.\n"
            "\n"
            "Exit status: 0 done (rejected inputs are listed on stderr); 1 --strict\n"
            "and something was rejected; 2 usage error; 3 nothing could be read;\n"
            "4 cannot start or cannot write the output.\n");
}

int zhe_cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        S_usage(stdout);
        return ZHE_EXIT_OK;
    }
    for (const zhe_command *c = zhe_commands; c->name; c++) {
        if (strcmp(c->name, argv[1]) != 0) continue;
        printf("usage: zhevents %s [OPTIONS] [PATH...]\n\n%s.\n", c->name, c->summary);
        if (strcmp(c->name, "help") != 0) printf("\nOptions:\n%s%s", c->usage, S_input_usage);
        return ZHE_EXIT_OK;
    }
    return zhe_cli_usage_error(NULL, "unknown command '%s'", argv[1]);
}

int zhe_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("zhevents: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    if (cmd) fprintf(stderr, "Try 'zhevents help %s'.\n", cmd);
    else fputs("Try 'zhevents help'.\n", stderr);
    return ZHE_EXIT_USAGE;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        S_usage(stderr);
        return ZHE_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (!strcmp(name, "--version") || !strcmp(name, "-V")) {
        printf("zhevents %s\n", zhe_version());
        return ZHE_EXIT_OK;
    }
    if (!strcmp(name, "--help") || !strcmp(name, "-h")) {
        S_usage(stdout);
        return ZHE_EXIT_OK;
    }
    for (const zhe_command *c = zhe_commands; c->name; c++)
        if (!strcmp(c->name, name)) return c->run(argc - 1, argv + 1);
    return zhe_cli_usage_error(NULL, "unknown command '%s'", name);
}
