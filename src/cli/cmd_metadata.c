/*
** cmd_metadata.c — `zhevents datasette-metadata`: write Datasette's
** metadata next to the database as NAME.metadata.json (ingest writes it
** too), for a database made by an older zhevents or copied without it:
**
**     zhevents datasette-metadata --db news.db && datasette news.db -m news.metadata.json
*/
#include "cli.h"

#include <getopt.h>
#include <string.h>

enum { OPT_DB = 256 };

static const struct option S_options[] = {
    { "db", required_argument, NULL, OPT_DB },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

int zhe_cmd_datasette_metadata(int argc, char **argv)
{
    const char *db = NULL;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "h", S_options, NULL)) != -1) {
        switch (c) {
        case OPT_DB: db = optarg; break;
        case 'h': {
            char *help_argv[] = { "help", "datasette-metadata", NULL };
            return zhe_cmd_help(2, help_argv);
        }
        default:
            return zhe_cli_usage_error("datasette-metadata",
                                       "unknown option or missing value: '%s'",
                                       argv[optind - 1]);
        }
    }
    if (optind < argc)
        return zhe_cli_usage_error("datasette-metadata", "unexpected argument '%s'",
                                   argv[optind]);
    /* The database must be one: the metadata describes its tables. */
    zhe_store *store;
    int rc = zhe_cli_store_open_read("datasette-metadata", db, &store);
    if (rc >= 0) return rc;
    zhe_store_close(store, NULL);
    zhe_error err;
    zhe_status st = zhe_store_write_metadata(db ? db : ZHE_CLI_DEFAULT_DB, &err);
    if (st != ZHE_OK) {
        fprintf(stderr, "zhevents datasette-metadata: %s\n", err.message);
        return zhe_cli_store_exit(st);
    }
    return ZHE_EXIT_OK;
}
