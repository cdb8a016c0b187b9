/*
** schema.c — the database's schema, as a list of forward migrations.
**
** Step i of zhei_store_migrations brings a database from PRAGMA
** user_version i to i + 1; a new version of the schema is a new step at
** the end, never an edit of an old one, so a database made by any earlier
** zhevents is brought forward by running the steps it lacks.
**
** Version 1, the tables (every one with an INTEGER PRIMARY KEY `id`, rows
** of an article deleted with it through ON DELETE CASCADE):
**
**   runs          one row per `zhevents ingest`: when, the command line,
**                 what it counted
**   sources       the outlets articles name (来源), each once
**   articles      one row per article: its id in the input, title,
**                 publication date, url, file, format, encoding, and the
**                 content hash that makes re-ingesting a no-op
**   sentences     the article's sentences: the text as printed, code point
**                 offsets into the article's text, and `seg`, the
**                 normalized sentence segmented into space-separated words
**   mentions      chip models, money, dates and quantities found, one
**                 typed column per value
**   events        what the linker made of them: type, governing date,
**                 money, quantity, quote, confidence, rule, a stable key
**                 (and since version 2, where the mention it is about
**                 stands in the quote: mark_start, mark_end)
**   event_chips   an event's chips (one row each) and their vendors
**   rejects       inputs that could not be read: file, line, offset, why
**   rates         CNY per unit of a currency, by month (lexicons/rates.tsv)
**
** and the full-text index `sentences_fts` over sentences.seg (FTS5; since
** version 4 with its ascii tokenizer, which splits at ASCII spaces and
** punctuation and keeps every other character: the words are the
** segmenter's, so a stock sqlite3 shell or Datasette searches Chinese with
** no extension).  Since version 3
** new sentences are indexed by zhe_store_commit, a batch at a time;
** triggers index deleted and changed ones.  A sentence added by hand in
** the sqlite3 shell is not indexed until `INSERT INTO
** sentences_fts(sentences_fts) VALUES('rebuild')`.  Views `timeline`,
** `prices` and (since version 7) `facts` join it all for reading.
*/
#include "store_int.h"

/* Version 1, one statement an element. */
static const char *const S_v1[] = {
    "CREATE TABLE runs (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  started TEXT NOT NULL,\n"
    "  finished TEXT,\n"
    "  argv TEXT NOT NULL,\n"
    "  articles_read INTEGER,\n"
    "  articles_new INTEGER,\n"
    "  duplicates INTEGER,\n"
    "  replaced INTEGER,\n"
    "  rejected INTEGER,\n"
    "  events INTEGER\n"
    ");\n",
    "CREATE TABLE sources (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  name TEXT NOT NULL UNIQUE\n"
    ");\n",
    "CREATE TABLE articles (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  ext_id TEXT NOT NULL,\n"
    "  title TEXT NOT NULL,\n"
    "  published TEXT,\n"
    "  url TEXT,\n"
    "  source_id INTEGER REFERENCES sources(id),\n"
    "  path TEXT NOT NULL,\n"
    "  record INTEGER NOT NULL,\n"
    "  line INTEGER,\n"
    "  format TEXT NOT NULL,\n"
    "  encoding TEXT NOT NULL,\n"
    "  replacements INTEGER NOT NULL DEFAULT 0,\n"
    "  traditional INTEGER NOT NULL DEFAULT 0,\n"
    "  chars INTEGER NOT NULL,\n"
    "  hash TEXT NOT NULL UNIQUE,\n"
    "  run_id INTEGER REFERENCES runs(id)\n"
    ");\n",
    "CREATE INDEX articles_source ON articles(source_id);\n",
    "CREATE INDEX articles_run ON articles(run_id);\n",
    "CREATE INDEX articles_published ON articles(published);\n",
    "CREATE TABLE sentences (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
    "  idx INTEGER NOT NULL,\n"
    "  start INTEGER NOT NULL,\n"
    "  \"end\" INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  seg TEXT NOT NULL,\n"
    "  UNIQUE (article_id, idx)\n"
    ");\n",
    "CREATE TABLE mentions (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
    "  sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,\n"
    "  type TEXT NOT NULL CHECK (type IN ('chip', 'money', 'date', 'quantity')),\n"
    "  text TEXT NOT NULL,\n"
    "  start INTEGER NOT NULL,\n"
    "  \"end\" INTEGER NOT NULL,\n"
    "  confidence REAL NOT NULL,\n"
    "  rule TEXT,\n"
    "  model TEXT,\n"
    "  vendor TEXT,\n"
    "  variant TEXT,\n"
    "  amount REAL,\n"
    "  high REAL,\n"
    "  qualifier TEXT,\n"
    "  currency TEXT,\n"
    "  unit TEXT,\n"
    "  timex TEXT,\n"
    "  mod TEXT,\n"
    "  start_date TEXT,\n"
    "  end_date TEXT,\n"
    "  date_basis TEXT\n"
    ");\n",
    "CREATE INDEX mentions_article ON mentions(article_id);\n",
    "CREATE INDEX mentions_sentence ON mentions(sentence_id);\n",
    "CREATE INDEX mentions_model ON mentions(model) WHERE model IS NOT NULL;\n",
    "CREATE TABLE events (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
    "  sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,\n"
    "  key TEXT NOT NULL,\n"
    "  type TEXT NOT NULL CHECK (type IN ('export_control', 'price', 'launch',\n"
    "                                     'shipment', 'capacity')),\n"
    "  timex TEXT,\n"
    "  mod TEXT,\n"
    "  start_date TEXT,\n"
    "  end_date TEXT,\n"
    "  date_basis TEXT NOT NULL,\n"
    "  amount REAL,\n"
    "  high REAL,\n"
    "  currency TEXT,\n"
    "  qualifier TEXT,\n"
    "  quantity REAL,\n"
    "  quantity_high REAL,\n"
    "  unit TEXT,\n"
    "  quote TEXT NOT NULL,\n"
    "  start INTEGER NOT NULL,\n"
    "  \"end\" INTEGER NOT NULL,\n"
    "  confidence REAL NOT NULL,\n"
    "  rule TEXT,\n"
    "  \"trigger\" TEXT,\n"
    "  UNIQUE (article_id, key)\n"
    ");\n",
    "CREATE INDEX events_sentence ON events(sentence_id);\n",
    "CREATE INDEX events_start ON events(start_date, end_date);\n",
    "CREATE INDEX events_type ON events(type, start_date);\n",
    "CREATE TABLE event_chips (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,\n"
    "  chip TEXT NOT NULL,\n"
    "  vendor TEXT,\n"
    "  chip_key TEXT NOT NULL,\n"
    "  UNIQUE (event_id, chip)\n"
    ");\n",
    "CREATE INDEX event_chips_chip ON event_chips(chip_key, event_id);\n",
    "CREATE INDEX event_chips_vendor ON event_chips(vendor COLLATE NOCASE, event_id);\n",
    "CREATE TABLE rejects (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  run_id INTEGER REFERENCES runs(id),\n"
    "  file TEXT NOT NULL,\n"
    "  line INTEGER,\n"
    "  \"offset\" INTEGER,\n"
    "  reason TEXT NOT NULL,\n"
    "  excerpt TEXT\n"
    ");\n",
    "CREATE INDEX rejects_run ON rejects(run_id);\n",
    "CREATE TABLE rates (\n"
    "  month TEXT NOT NULL,\n"
    "  currency TEXT NOT NULL,\n"
    "  cny REAL NOT NULL,\n"
    "  PRIMARY KEY (month, currency)\n"
    ") WITHOUT ROWID;\n",
    /* Full-text search over the segmented sentences.  The declaration is
     * Datasette's to read: content="sentences" in double quotes. */
    "CREATE VIRTUAL TABLE sentences_fts USING fts5(seg, content=\"sentences\", "
    "content_rowid=\"id\", tokenize=\"unicode61\");\n",
    "CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN\n"
    "  INSERT INTO sentences_fts(rowid, seg) VALUES (new.id, new.seg);\n"
    "END;\n",
    "CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN\n"
    "  INSERT INTO sentences_fts(sentences_fts, rowid, seg) VALUES ('delete', old.id, old.seg);\n"
    "END;\n",
    "CREATE TRIGGER sentences_fts_update AFTER UPDATE OF seg ON sentences BEGIN\n"
    "  INSERT INTO sentences_fts(sentences_fts, rowid, seg) VALUES ('delete', old.id, old.seg);\n"
    "  INSERT INTO sentences_fts(rowid, seg) VALUES (new.id, new.seg);\n"
    "END;\n",
    /* One row per event and chip (an event without chips: one row, chip
     * NULL), in words a reader of the sqlite3 shell or Datasette knows. */
    "CREATE VIEW timeline AS\n"
    "SELECT e.start_date AS start,\n"
    "       e.end_date AS \"end\",\n"
    "       e.timex AS timex,\n"
    "       e.mod AS mod,\n"
    "       CASE\n"
    "         WHEN e.timex IS NULL THEN NULL\n"
    "         WHEN e.timex GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN 'day'\n"
    "         WHEN e.timex GLOB '[0-9][0-9][0-9][0-9]-W[0-9]*' THEN 'week'\n"
    "         WHEN e.timex GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN 'month'\n"
    "         WHEN e.timex GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]' THEN 'quarter'\n"
    "         WHEN e.timex GLOB '[0-9][0-9][0-9][0-9]-H[12]' THEN 'half'\n"
    "         WHEN e.timex GLOB '[0-9][0-9][0-9][0-9]-[A-Z][A-Z]' THEN 'season'\n"
    "         WHEN e.timex GLOB '[0-9][0-9][0-9][0-9]' THEN 'year'\n"
    "         ELSE 'other'\n"
    "       END AS precision,\n"
    "       substr(e.start_date, 1, 7) AS month,\n"
    "       e.type AS type,\n"
    "       c.chip AS chip,\n"
    "       c.vendor AS vendor,\n"
    "       e.amount AS amount,\n"
    "       e.high AS amount_high,\n"
    "       e.currency AS currency,\n"
    "       e.qualifier AS qualifier,\n"
    "       e.quantity AS quantity,\n"
    "       e.quantity_high AS quantity_high,\n"
    "       e.unit AS unit,\n"
    "       e.quote AS quote,\n"
    "       a.title AS title,\n"
    "       a.url AS url,\n"
    "       a.published AS published,\n"
    "       e.confidence AS confidence,\n"
    "       e.date_basis AS date_basis,\n"
    "       e.key AS event_key,\n"
    "       e.id AS event_id,\n"
    "       a.id AS article_id\n"
    "FROM events e\n"
    "JOIN articles a ON a.id = e.article_id\n"
    "LEFT JOIN event_chips c ON c.event_id = e.id;\n",
    /* Prices (and launch prices: 首发价) with their CNY equivalent where
     * rates.tsv has the month. */
    "CREATE VIEW prices AS\n"
    "SELECT e.start_date AS start,\n"
    "       e.end_date AS \"end\",\n"
    "       e.timex AS timex,\n"
    "       substr(e.start_date, 1, 7) AS month,\n"
    "       c.chip AS chip,\n"
    "       c.vendor AS vendor,\n"
    "       e.amount AS amount,\n"
    "       e.high AS amount_high,\n"
    "       e.currency AS currency,\n"
    "       e.qualifier AS qualifier,\n"
    "       CASE WHEN e.currency = 'CNY' THEN 1.0 ELSE r.cny END AS cny_rate,\n"
    "       CASE WHEN e.currency = 'CNY' THEN e.amount\n"
    "            ELSE round(e.amount * r.cny, 2) END AS amount_cny,\n"
    "       CASE WHEN e.currency = 'CNY' THEN e.high\n"
    "            ELSE round(e.high * r.cny, 2) END AS amount_high_cny,\n"
    "       e.quantity AS quantity,\n"
    "       e.unit AS unit,\n"
    "       e.quote AS quote,\n"
    "       a.title AS title,\n"
    "       a.url AS url,\n"
    "       e.confidence AS confidence,\n"
    "       e.key AS event_key,\n"
    "       e.id AS event_id\n"
    "FROM events e\n"
    "JOIN articles a ON a.id = e.article_id\n"
    "LEFT JOIN event_chips c ON c.event_id = e.id\n"
    "LEFT JOIN rates r ON r.month = substr(e.start_date, 1, 7) AND r.currency = e.currency\n"
    "WHERE e.type IN ('price', 'launch') AND e.amount IS NOT NULL;\n",
    NULL,
};

/* Version 2: where in its quote the event's money, count or first chip
 * stands (code points), for exports to mark it. */
static const char *const S_v2[] = {
    "ALTER TABLE events ADD COLUMN mark_start INTEGER;\n",
    "ALTER TABLE events ADD COLUMN mark_end INTEGER;\n",
    NULL,
};

/* Version 3: sentences reach the full-text indexes a batch at a time, by
 * zhe_store_commit, not a row at a time by a trigger: FTS5 writes its
 * pending terms out at every savepoint, and a savepoint per article made
 * the index half of the time of an ingest. */
static const char *const S_v3[] = {
    "DROP TRIGGER IF EXISTS sentences_fts_insert;\n",
    "DROP TRIGGER IF EXISTS sentences_trigram_insert;\n",
    NULL,
};

/* Version 4: the full-text index tokenized by FTS5's ascii tokenizer.
 * seg holds the segmenter's words between spaces, and NFKC has made
 * Latin letters and digits ASCII, so what unicode61 did besides (Unicode
 * categories and case folding for every character) changed nothing but
 * cost half the time of indexing, on the one thread that writes. */
static const char *const S_v4[] = {
    "DROP TABLE sentences_fts;\n",
    "CREATE VIRTUAL TABLE sentences_fts USING fts5(seg, content=\"sentences\", "
    "content_rowid=\"id\", tokenize=\"ascii\");\n",
    "INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild');\n",
    NULL,
};

/* The views timeline and prices of version 5, with MONTH the SQL of their
 * month column (version 9 changes it). */
#define S_TIMELINE_VIEW(MONTH) \
    "CREATE VIEW timeline AS\n" \
    "SELECT e.start_date AS start,\n" \
    "       e.end_date AS \"end\",\n" \
    "       e.timex AS timex,\n" \
    "       e.mod AS mod,\n" \
    "       CASE\n" \
    "         WHEN e.timex IS NULL THEN NULL\n" \
    "         WHEN e.timex GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN 'day'\n" \
    "         WHEN e.timex GLOB '[0-9][0-9][0-9][0-9]-W[0-9]*' THEN 'week'\n" \
    "         WHEN e.timex GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN 'month'\n" \
    "         WHEN e.timex GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]' THEN 'quarter'\n" \
    "         WHEN e.timex GLOB '[0-9][0-9][0-9][0-9]-H[12]' THEN 'half'\n" \
    "         WHEN e.timex GLOB '[0-9][0-9][0-9][0-9]-[A-Z][A-Z]' THEN 'season'\n" \
    "         WHEN e.timex GLOB '[0-9][0-9][0-9][0-9]' THEN 'year'\n" \
    "         ELSE 'other'\n" \
    "       END AS precision,\n" \
    "       " MONTH " AS month,\n" \
    "       e.type AS type,\n" \
    "       c.chip AS chip,\n" \
    "       c.vendor AS vendor,\n" \
    "       e.amount AS amount,\n" \
    "       e.high AS amount_high,\n" \
    "       e.currency AS currency,\n" \
    "       e.qualifier AS qualifier,\n" \
    "       e.quantity AS quantity,\n" \
    "       e.quantity_high AS quantity_high,\n" \
    "       e.unit AS unit,\n" \
    "       e.quote AS quote,\n" \
    "       a.title AS title,\n" \
    "       a.url AS url,\n" \
    "       a.published AS published,\n" \
    "       e.confidence AS confidence,\n" \
    "       e.date_basis AS date_basis,\n" \
    "       e.per AS per,\n" \
    "       e.chips_per_unit AS chips_per_unit,\n" \
    "       e.period AS period,\n" \
    "       e.market AS market,\n" \
    "       e.modality AS modality,\n" \
    "       e.polarity AS polarity,\n" \
    "       e.key AS event_key,\n" \
    "       e.id AS event_id,\n" \
    "       a.id AS article_id\n" \
    "FROM events e\n" \
    "JOIN articles a ON a.id = e.article_id\n" \
    "LEFT JOIN event_chips c ON c.event_id = e.id;\n"

#define S_PRICES_VIEW(MONTH) \
    "CREATE VIEW prices AS\n" \
    "SELECT e.start_date AS start,\n" \
    "       e.end_date AS \"end\",\n" \
    "       e.timex AS timex,\n" \
    "       " MONTH " AS month,\n" \
    "       c.chip AS chip,\n" \
    "       c.vendor AS vendor,\n" \
    "       e.amount AS amount,\n" \
    "       e.high AS amount_high,\n" \
    "       e.currency AS currency,\n" \
    "       e.qualifier AS qualifier,\n" \
    "       CASE WHEN e.currency = 'CNY' THEN 1.0 ELSE r.cny END AS cny_rate,\n" \
    "       CASE WHEN e.currency = 'CNY' THEN e.amount\n" \
    "            ELSE round(e.amount * r.cny, 2) END AS amount_cny,\n" \
    "       CASE WHEN e.currency = 'CNY' THEN e.high\n" \
    "            ELSE round(e.high * r.cny, 2) END AS amount_high_cny,\n" \
    "       e.per AS per,\n" \
    "       e.chips_per_unit AS chips_per_unit,\n" \
    "       e.period AS period,\n" \
    "       e.market AS market,\n" \
    "       e.modality AS modality,\n" \
    "       e.polarity AS polarity,\n" \
    "       e.per || ifnull('/' || e.period, '') AS series,\n" \
    "       CASE WHEN e.period IS NOT NULL THEN NULL\n" \
    "            WHEN e.per = 'chip' THEN\n" \
    "              CASE WHEN e.currency = 'CNY' THEN e.amount\n" \
    "                   ELSE round(e.amount * r.cny, 2) END\n" \
    "            WHEN e.per = 'server' AND e.chips_per_unit > 0 THEN\n" \
    "              round((CASE WHEN e.currency = 'CNY' THEN 1.0 ELSE r.cny END)\n" \
    "                    * e.amount / e.chips_per_unit, 2) END AS chip_cny,\n" \
    "       CASE WHEN e.period IS NULL AND e.per = 'server' AND e.chips_per_unit > 0\n" \
    "            THEN 1 ELSE 0 END AS chip_cny_derived,\n" \
    "       e.quantity AS quantity,\n" \
    "       e.unit AS unit,\n" \
    "       e.quote AS quote,\n" \
    "       a.title AS title,\n" \
    "       a.url AS url,\n" \
    "       e.confidence AS confidence,\n" \
    "       e.key AS event_key,\n" \
    "       e.id AS event_id\n" \
    "FROM events e\n" \
    "JOIN articles a ON a.id = e.article_id\n" \
    "LEFT JOIN event_chips c ON c.event_id = e.id\n" \
    "LEFT JOIN rates r ON r.month = substr(e.start_date, 1, 7) AND r.currency = e.currency\n" \
    "WHERE e.type IN ('price', 'launch') AND e.amount IS NOT NULL;\n"

/* Version 5's month: the month an event's first day falls in. */
#define S_MONTH_V5 "substr(e.start_date, 1, 7)"

/* Version 5: what an event means (DESIGN.md): what a price is for (per,
 * chips_per_unit), a rental's period, the market, and whether it happened
 * (modality, polarity).  Events of an earlier version have no per,
 * period or market (`ingest --replace` computes them) and read as
 * asserted and positive.  The views show them; `prices` adds the series
 * a price belongs to (chip, server, chip/hour …) and, for a sale, the
 * price of one chip in yuan, derived from a machine's when it says how
 * many chips it holds (chip_cny_derived = 1). */
static const char *const S_v5[] = {
    "ALTER TABLE events ADD COLUMN per TEXT\n"
    "  CHECK (per IN ('chip', 'server', 'module', 'system', 'cluster'));\n",
    "ALTER TABLE events ADD COLUMN chips_per_unit INTEGER;\n",
    "ALTER TABLE events ADD COLUMN period TEXT\n"
    "  CHECK (period IN ('hour', 'day', 'month', 'year'));\n",
    "ALTER TABLE events ADD COLUMN market TEXT\n"
    "  CHECK (market IN ('official', 'retail', 'grey', 'used'));\n",
    "ALTER TABLE events ADD COLUMN modality TEXT NOT NULL DEFAULT 'asserted'\n"
    "  CHECK (modality IN ('asserted', 'expected', 'planned', 'rumored'));\n",
    "ALTER TABLE events ADD COLUMN polarity TEXT NOT NULL DEFAULT 'positive'\n"
    "  CHECK (polarity IN ('positive', 'negative'));\n",
    "DROP VIEW IF EXISTS timeline;\n",
    "DROP VIEW IF EXISTS prices;\n",
    S_TIMELINE_VIEW(S_MONTH_V5),
    S_PRICES_VIEW(S_MONTH_V5),
    NULL,
};

/* Version 6: an event told only in the article's headline (its quote is
 * the title; its sentence is the article's first, which anchors it). */
static const char *const S_v6[] = {
    "ALTER TABLE events ADD COLUMN headline INTEGER NOT NULL DEFAULT 0;\n",
    NULL,
};

/* Version 7: facts.  events.fact holds the key of the fact an event tells,
 * the same for every article that reports it (facts.c, kept up by each
 * ingest and load); the facts view is one row per fact, with the number
 * of articles that report it, the first to publish, and the articles. */
static const char *const S_v7[] = {
    "ALTER TABLE events ADD COLUMN fact TEXT;\n",
    "CREATE INDEX events_fact ON events(fact);\n",
    "CREATE VIEW facts AS\n"
    "SELECT e.fact AS fact,\n"
    "       min(e.type) AS type,\n"
    "       min(e.start_date) AS start,\n"
    "       max(e.end_date) AS \"end\",\n"
    "       (SELECT group_concat(chip, ', ') FROM (SELECT DISTINCT c.chip FROM events x\n"
    "          JOIN event_chips c ON c.event_id = x.id WHERE x.fact = e.fact ORDER BY c.chip))\n"
    "         AS chips,\n"
    "       min(e.amount) AS amount,\n"
    "       min(e.currency) AS currency,\n"
    "       min(e.quantity) AS quantity,\n"
    "       min(e.unit) AS unit,\n"
    "       count(DISTINCT e.article_id) AS sources,\n"
    "       count(*) AS events,\n"
    "       min(a.published) AS first_published,\n"
    "       group_concat(DISTINCT a.ext_id) AS articles\n"
    "FROM events e\n"
    "JOIN articles a ON a.id = e.article_id\n"
    "WHERE e.fact IS NOT NULL\n"
    "GROUP BY e.fact;\n",
    NULL,
};

/* Version 8: beside each event's fact, whether it is the fact's first
 * report and how many articles report the fact (facts.c writes them), so
 * that one row per fact is read from an index, not grouped at query time;
 * an index that leads to the first reports. */
static const char *const S_v8[] = {
    "ALTER TABLE events ADD COLUMN fact_first INTEGER NOT NULL DEFAULT 0;\n",
    "ALTER TABLE events ADD COLUMN fact_sources INTEGER;\n",
    "CREATE INDEX events_fact_first ON events(fact_first, start_date) WHERE fact_first = 1;\n",
    NULL,
};

/* Version 9: search by any string, as a reporter types it.  The words
 * index finds only whole words (商务部 is not a word of 美国商务部, nor
 * 万元 of 26.5万元), so every sentence is also indexed by FTS5's trigram
 * tokenizer over its normalized text without the segmenter's spaces
 * (the view sentences_plain): any string of three or more characters is
 * a MATCH, in zhevents search, the sqlite3 shell and Datasette alike;
 * shorter ones are a LIKE over the view.  It replaces --fts-trigram's
 * table, which indexed the text as printed, in whatever script.  The
 * views' month puts a date coarser than a month in a bucket of its own
 * (S_MONTH_V9).  `reviews` holds a reporter's verdict on an event (ok or
 * wrong) and corrections (a JSON object: date, amount, currency,
 * quantity, unit), keyed by the event's stable key and tied to no row,
 * so that --replace and new ingests keep them. */
/* Version 9's month (ZHEI_STORE_MONTH_SQL): a coarse date is a bucket of
 * its own. */
#define S_MONTH_V9 ZHEI_STORE_MONTH_SQL

static const char *const S_v9[] = {
    "DROP TRIGGER IF EXISTS sentences_trigram_delete;\n",
    "DROP TABLE IF EXISTS sentences_trigram;\n",
    "CREATE VIEW sentences_plain AS\n"
    "SELECT id, article_id, replace(seg, ' ', '') AS plain FROM sentences;\n",
    "CREATE VIRTUAL TABLE sentences_trigram USING fts5(plain, content=\"sentences_plain\", "
    "content_rowid=\"id\", tokenize=\"trigram\");\n",
    "CREATE TRIGGER sentences_trigram_delete AFTER DELETE ON sentences BEGIN\n"
    "  INSERT INTO sentences_trigram(sentences_trigram, rowid, plain)\n"
    "    VALUES ('delete', old.id, replace(old.seg, ' ', ''));\n"
    "END;\n",
    "CREATE TRIGGER sentences_trigram_update AFTER UPDATE OF seg ON sentences BEGIN\n"
    "  INSERT INTO sentences_trigram(sentences_trigram, rowid, plain)\n"
    "    VALUES ('delete', old.id, replace(old.seg, ' ', ''));\n"
    "  INSERT INTO sentences_trigram(rowid, plain) VALUES (new.id, replace(new.seg, ' ', ''));\n"
    "END;\n",
    "INSERT INTO sentences_trigram(sentences_trigram) VALUES ('rebuild');\n",
    "CREATE TABLE reviews (\n"
    "  key TEXT PRIMARY KEY,\n"
    "  verdict TEXT CHECK (verdict IN ('ok', 'wrong')),\n"
    "  corrections TEXT,\n"
    "  reviewed TEXT NOT NULL\n"
    ") WITHOUT ROWID;\n",
    "DROP VIEW timeline;\n",
    "DROP VIEW prices;\n",
    S_TIMELINE_VIEW(S_MONTH_V9),
    S_PRICES_VIEW(S_MONTH_V9),
    NULL,
};

const char *const *const zhei_store_migrations[] = {
    S_v1,   /* 0 → 1 */
    S_v2,   /* 1 → 2 */
    S_v3,   /* 2 → 3 */
    S_v4,   /* 3 → 4 */
    S_v5,   /* 4 → 5 */
    S_v6,   /* 5 → 6 */
    S_v7,   /* 6 → 7 */
    S_v8,   /* 7 → 8 */
    S_v9,   /* 8 → 9 */
};
const size_t zhei_store_n_migrations = ZHEI_ARRAY_LEN(zhei_store_migrations);
