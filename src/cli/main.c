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
      "  -f, --format FMT           output format: jsonl (the default)\n",
      "[OPTIONS] [PATH...]", 1 },
    { "show", zhe_cmd_show,
      "print articles' cleaned, normalized text, one sentence a line",
      "  -f, --format FMT           text (the default) or jsonl (an article a\n"
      "                             line, its paragraphs' sentences in arrays)\n",
      "[OPTIONS] [PATH...]", 1 },
    { "segment", zhe_cmd_segment,
      "split every input line into words, printed as the input wrote them",
      "  -f, --format FMT           text (words separated by spaces; the default)\n"
      "                             or jsonl (tokens with code-point offsets)\n"
      "  -e, --encoding ENC         read input in ENC (utf-8, gb18030, gbk, big5,\n"
      "                             utf-16le, utf-16be) instead of detecting it\n"
      "      --lexicons DIR         lexicon directory (or $ZHEVENTS_LEXICONS)\n"
      "      --strict               exit 1 if any input could not be read\n"
      "  -h, --help                 this help\n"
      "\n"
      "Lines, not articles: a line in, its words out, in the order read.\n",
      "[OPTIONS] [PATH...]", 0 },
    { "ingest", zhe_cmd_ingest,
      "read articles into the database: sentences, mentions, events",
      "      --db FILE              the database (zhevents.db); Datasette's\n"
      "                             metadata is written next to it as\n"
      "                             NAME.metadata.json\n"
      "      --replace              re-extract articles stored before (their old\n"
      "                             rows are deleted); without it they are skipped\n"

      "      --jobs N               N worker threads (default: one per core but\n"
      "                             the writer's); the database is the same for\n"
      "                             any N\n",
      "[OPTIONS] [PATH...]", 1 },
    { "map", zhe_cmd_map,
      "a cluster's map step: JSON Lines articles in, records for load out",
      "      --errors FILE          write the error records for lines that cannot\n"
      "                             be read to FILE, not to standard output\n",
      "[OPTIONS] < ARTICLES.jsonl > RECORDS.jsonl", 1 },
    { "load", zhe_cmd_load,
      "store the records of zhevents map, from any number of shards",
      "      --db FILE              the database (zhevents.db)\n"
      "      --replace              replace articles stored before\n"

      "      --lexicons DIR         lexicon directory, for rates.tsv\n"
      "      --strict               exit 1 if any line was rejected\n"
      "  -q, --quiet                no progress line\n"
      "  -h, --help                 this help\n",
      "[OPTIONS] [SHARD...|-]", 0 },
    { "query", zhe_cmd_query,
      "print the events the database holds, in time order",
      "      --chip MODEL           events about this chip, by any of its names in\n"
      "                             either script, any case and spacing (昇腾910B,\n"
      "                             910B, 'ascend 910b'); repeatable; an unknown\n"
      "                             name is an error that names the nearest ones\n"
      "      --type TYPE            export_control, price, launch, shipment or\n"
      "                             capacity; repeatable\n"
      "      --from DATE            events that reach DATE or later (YYYY, YYYY-MM\n"
      "                             or YYYY-MM-DD)\n"
      "      --to DATE              events that begin by DATE; with both, events\n"
      "                             dated no more coarsely than the range (a day's\n"
      "                             range takes no event of a whole year)\n"
      "      --overlap              every event whose dates reach into the range,\n"
      "                             however coarse\n"
      "      --vendor NAME          events about a chip of this vendor (NVIDIA,\n"
      "                             英伟达, 輝達)\n"
      "      --min-confidence X     events the linker is at least X sure of (0-1)\n"
      "      --asserted-only        facts alone: no forecasts, plans, rumours or\n"
      "                             denials\n"
      "      --facts                one row per fact, however many articles report\n"
      "                             it: the first report, with their number\n"
      "      --db FILE              the database (zhevents.db)\n"
      "  -f, --format FMT           table (the default on a terminal), jsonl (the\n"
      "                             default otherwise), json (one array) or csv\n"
      "      --bom                  csv: a byte order mark first (Excel)\n"
      "  -h, --help                 this help\n",
      "[OPTIONS]", 0 },
    { "timeline", zhe_cmd_timeline,
      "write the events as a timeline: csv, json, jsonl, timelinejs,\n"
      "timelinejs-csv, flourish, prices-wide, md or html",
      "      --chip, --type, --from, --to, --vendor, --min-confidence,\n"
      "      --asserted-only, --facts, --overlap\n"
      "                             select events as for query\n"
      "  -f, --format FMT           csv, json, jsonl, timelinejs (TimelineJS 3\n"
      "                             JSON), timelinejs-csv (its sheet), flourish\n"
      "                             (a Flourish timeline), prices-wide (a month a\n"
      "                             row, a chip a column: median yuan), md (a\n"
      "                             chronology), html (one page with charts)\n"
      "  -o, --output FILE          write FILE (not standard output); an existing\n"
      "                             FILE is replaced only with --force\n"
      "      --force                replace FILE\n"
      "      --bom                  csv formats: a byte order mark first (Excel)\n"
      "      --title TEXT           the title of the page or document\n"
      "      --internal             html: also the articles' ids and paths and the\n"
      "                             linker's confidence (not for the public)\n"
      "      --group G              timelinejs: rows by type, chip, vendor or none\n"
      "                             (default: chip for at most six chips, else type)\n"
      "      --db FILE              the database (zhevents.db)\n"
      "  -h, --help                 this help\n",
      "[OPTIONS] --format FMT", 0 },
    { "search", zhe_cmd_search,
      "find the sentences that hold every string given, as printed",
      "      --limit N              at most N sentences, best first (20; 0: all)\n"
      "      --all                  every sentence found\n"
      "      --db FILE              the database (zhevents.db)\n"
      "  -f, --format FMT           table (the default on a terminal), jsonl (the\n"
      "                             default otherwise) or json\n"
      "  -h, --help                 this help\n"
      "\n"
      "Each string is found as adjacent text wherever it stands (商务部 in\n"
      "美国商务部), in either script; \"double quotes\" make one string of a\n"
      "phrase with spaces.  Exit status: 0 found, 1 nothing found, 2 error.\n",
      "[OPTIONS] STRING...", 0 },
    { "stats", zhe_cmd_stats,
      "count the database's events by type, chip and month, and its rejects",
      "      --db FILE              the database (zhevents.db)\n"
      "  -f, --format FMT           table (the default), json, or csv (group,\n"
      "                             name, count rows)\n"
      "      --bom                  csv: a byte order mark first (Excel)\n"
      "  -h, --help                 this help\n",
      "[OPTIONS]", 0 },
    { "review", zhe_cmd_review,
      "check each fact in a spreadsheet: review export, then review import",
      "      --db FILE              the database (zhevents.db)\n"
      "  -o, --output FILE          export: the sheet to write (UTF-8 CSV with a\n"
      "                             byte order mark, for LibreOffice and Excel)\n"
      "      --force                export: replace FILE\n"
      "      --facts, --chip, --type, --from, --to, --vendor, --overlap …\n"
      "                             export: the events to review, as for query\n"
      "  -h, --help                 this help\n"
      "\n"
      "Write ok or wrong in the sheet's verdict column, or correct a date (a\n"
      "day), amount, currency, quantity or unit; import stores them in the\n"
      "reviews table by the event's key, where they outlive ingest --replace.\n"
      "query and timeline take --reviewed: the ok events, corrected.\n",
      "export|import [OPTIONS] [FILE.csv]", 0 },
    { "datasette-metadata", zhe_cmd_datasette_metadata,
      "write Datasette's metadata next to the database: NAME.metadata.json",
      "      --db FILE              the database (zhevents.db)\n"
      "  -h, --help                 this help\n",
      "[OPTIONS]", 0 },
    { "help", zhe_cmd_help, "show this help, or a subcommand's", "", "[COMMAND]", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
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
    "  -q, --quiet                no progress line (ingest draws one on a\n"
    "                             terminal: articles, MB/s, events, ETA)\n"
    "  -h, --help                 this help\n";

/* Each command's examples, for its help. */
static const struct {
    const char *name, *text;
} S_examples[] = {
    { "extract", "  zhevents extract corpus/ > events.jsonl\n"
                 "  zhevents extract --published 2023-09-05 note.txt\n"
                 "  echo '英伟达H20单卡售价约1.2万美元。' | zhevents extract\n" },
    { "show", "  zhevents show corpus/text/tsmc-cowos.big5.txt\n"
              "  zhevents show --format jsonl dump.jsonl.gz | head\n" },
    { "segment", "  echo '英伟达A800和H800芯片面临禁售' | zhevents segment\n"
                 "  zhevents segment --format jsonl words.txt\n" },
    { "ingest", "  zhevents ingest --db news.db dumps/\n"
                "  zhevents ingest --db news.db --replace --jobs 4 dumps/2024-05.jsonl.gz\n" },
    { "map", "  zhevents map < part-0001.jsonl > part-0001.records\n"
             "  parallel --pipepart -a dump.jsonl zhevents map > records.jsonl\n" },
    { "load", "  zhevents load --db news.db part-*.records\n" },
    { "query", "  zhevents query --chip 昇腾910B --type price\n"
               "  zhevents query --vendor 英伟达 --from 2023-10 --to 2023-10 --format csv --bom\n"
               "  zhevents query --chip H20 --asserted-only --facts\n" },
    { "timeline", "  zhevents timeline --format html --chip H100 -o h100.html\n"
                  "  zhevents timeline --format prices-wide --type price -o prices.csv\n"
                  "  zhevents timeline --format timelinejs --facts --title 'H20 一年' -o h20.json\n" },
    { "search", "  zhevents search 商务部 万元\n"
                "  zhevents search --all '\"RTX 4090\"' 涨价\n" },
    { "stats", "  zhevents stats --db news.db\n"
               "  zhevents stats --format csv --bom > stats.csv\n" },
    { "review", "  zhevents review export --db news.db --chip H20 -o h20-review.csv\n"
                "  zhevents review import --db news.db h20-review.csv\n"
                "  zhevents timeline --db news.db --reviewed --format html -o h20.html\n" },
    { "datasette-metadata", "  zhevents datasette-metadata --db news.db && "
                            "datasette news.db -m news.metadata.json\n" },
    { "help", "  zhevents help timeline\n" },
};

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
    for (const zhe_command *c = zhe_commands; c->name; c++) {
        if (strlen(c->name) <= 10) fprintf(f, "  %-10s ", c->name);
        else fprintf(f, "  %s\n  %-10s ", c->name, "");
        for (const char *p = c->summary; *p; p++)   /* a summary's second line, indented */
            fputs(*p == '\n' ? "\n             " : (char[]){ *p, 0 }, f);
        fputc('\n', f);
    }
    fprintf(f,
            "\n"
            "Run 'zhevents help COMMAND' for a command's options.\n"
            "\n"
            "Exit status: 0 done (rejected inputs are listed on stderr); 1 --strict\n"
            "and something was rejected; 2 usage error; 3 I/O: nothing could be\n"
            "read, a lexicon is missing, or the output cannot be written;\n"
            "4 database: SQLite failed or the file is not a zhevents database.\n");
}

int zhe_cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        S_usage(stdout);
        return ZHE_EXIT_OK;
    }
    for (const zhe_command *c = zhe_commands; c->name; c++) {
        if (strcmp(c->name, argv[1]) != 0) continue;
        printf("usage: zhevents %s %s\n\n%s.\n", c->name, c->args, c->summary);
        if (c->reads) printf("\nOptions:\n%s%s", c->usage, S_input_usage);
        else if (*c->usage) printf("\nOptions:\n%s", c->usage);
        for (size_t i = 0; i < sizeof S_examples / sizeof *S_examples; i++)
            if (!strcmp(S_examples[i].name, c->name))
                printf("\nExamples:\n%s", S_examples[i].text);
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
