#!/usr/bin/env python3
"""The SQLite index, end to end, through the CLI and the stock sqlite3 shell.

usage: store_test.py ZHEVENTS SQLITE3 SRCROOT

Ingests corpus/ into a database in a temporary directory and checks, as
numbered TAP cases: idempotent re-ingest (every table's row count), the
integrity and foreign-key checks, the timeline view and FTS5 search from
the sqlite3 binary (芯片, 禁售 and 英伟达 find the sentences they should),
`zhevents search`, SQL and FTS5 injection through --chip and search words,
--replace, rejects recorded with file, line and reason, and exit codes.
"""
import csv
import glob
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from taplib import clean_env, done, ok  # noqa: E402

ZHE, SQLITE, ROOT = (os.path.abspath(a) for a in sys.argv[1:4])
TMP = tempfile.mkdtemp(prefix="zhevents-store-")
DB = os.path.join(TMP, "corpus.db")
# What versions 5 to 8 added to events: what an event means, whether only
# the headline tells it, the fact it tells and that fact's first report.
V5_COLUMNS = ("per", "chips_per_unit", "period", "market", "modality", "polarity", "headline",
              "fact", "fact_first", "fact_sources")
ENV = clean_env()
WRAPPER = os.environ.get("ZHE_WRAPPER", "").split()


def zhe(*args):
    p = subprocess.run(WRAPPER + [ZHE] + list(args), cwd=ROOT, env=ENV, capture_output=True,
                       timeout=300)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def sql(query, db=DB):
    p = subprocess.run([SQLITE, "-batch", "-bail", db, query], env=ENV, capture_output=True,
                       timeout=60)
    if p.returncode != 0:
        raise RuntimeError(f"sqlite3 failed on {query!r}: {p.stderr.decode()}")
    return p.stdout.decode("utf-8")


TABLES = ["runs", "sources", "articles", "sentences", "mentions", "events", "event_chips",
          "rejects", "rates", "sentences_fts"]


def counts():
    return {t: int(sql(f"SELECT count(*) FROM {t}")) for t in TABLES}


def fts(word):
    """Sentences (text) that the FTS5 index finds for one word, through sqlite3."""
    out = sql("SELECT s.text FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid "
              f"WHERE sentences_fts MATCH '\"{word}\"' ORDER BY s.id")
    return out.splitlines()


try:
    # 1-3: ingest the corpus.
    rc, out, err = zhe("ingest", "--db", DB, "--published", "2023-09-05", "corpus/")
    ok(rc == 0, "ingest corpus/ exits 0", err)
    ok("21 articles read: 21 new, 0 duplicate" in err, "ingest summary on stderr", err)
    ok(os.path.exists(os.path.join(TMP, "corpus.metadata.json"))
       and not os.path.exists(os.path.join(TMP, "metadata.json")),
       "corpus.metadata.json next to corpus.db, named after it")
    meta = json.load(open(os.path.join(TMP, "corpus.metadata.json"), encoding="utf-8"))
    tl = meta["databases"]["corpus"]["tables"]["timeline"]
    ok(tl["facets"] == ["type", "chip", "month"], "metadata: facets on timeline", tl)
    first = counts()
    ok(first["articles"] == 21 and first["sentences"] > 100 and first["rates"] >= 180,
       "tables filled", first)

    # Ingest again: nothing new, every table's row count unchanged (runs
    # grows by the run itself).
    rc, out, err = zhe("ingest", "--db", DB, "--published", "2023-09-05", "corpus/")
    second = counts()
    ok(rc == 0 and "21 duplicate" in err, "second ingest: all duplicates", err)
    want = dict(first, runs=first["runs"] + 1)
    ok(second == want, "second ingest leaves every table's row count unchanged",
       f"before {first}\nafter  {second}")

    # Datasette's metadata: never over a file zhevents did not write, and
    # not for an ingest that read nothing.
    other = os.path.join(TMP, "hand.db")
    hand = os.path.join(TMP, "hand.metadata.json")
    with open(hand, "w", encoding="utf-8") as f:
        f.write('{"title": "written by hand"}\n')
    rc, out, err = zhe("ingest", "--db", other, "corpus/text/h20-flash.gbk.txt")
    ok(rc == 0 and open(hand, encoding="utf-8").read() == '{"title": "written by hand"}\n'
       and "hand.metadata.json: not written by zhevents: left as it is" in err,
       "ingest leaves a hand-written NAME.metadata.json as it is, and says so", err)
    failed = os.path.join(TMP, "failed.db")
    rc, out, err = zhe("ingest", "--db", failed, os.path.join(TMP, "no-such-file.txt"))
    ok(rc == 3 and not os.path.exists(os.path.join(TMP, "failed.metadata.json")),
       "an ingest that read nothing writes no metadata (exit 3)", err)
    rc, out, err = zhe("load", "--db", failed, os.path.join(TMP, "no-such-file.jsonl"))
    ok(rc == 3 and "no record could be read" in err, "load of a missing file: exit 3", err)
    rc, out, err = zhe("load", "--db", failed, "corpus/jsonl/news-2023.jsonl")
    ok(rc == 3 and "no record could be read" in err,
       "load of a file of articles, not records: exit 3", err)

    ok(sql("PRAGMA integrity_check").strip() == "ok", "PRAGMA integrity_check = ok")
    ok(sql("PRAGMA foreign_key_check").strip() == "", "PRAGMA foreign_key_check is empty")
    ok(sql("INSERT INTO sentences_fts(sentences_fts) VALUES('integrity-check'); SELECT 'ok'")
       .strip() == "ok", "FTS5 integrity-check")
    ok(sql("PRAGMA user_version").strip() == "9", "schema version 9")
    ok(sql("PRAGMA journal_mode").strip() == "delete", "one file after ingest (not WAL)")
    ok("content=\"sentences\"" in sql("SELECT sql FROM sqlite_master WHERE name='sentences_fts'"),
       "sentences_fts declared with content=\"sentences\" (Datasette)")

    # The stock sqlite3 shell reads the views and the index.
    rows = sql("SELECT * FROM timeline WHERE chip='H100' ORDER BY start").splitlines()
    ok(len(rows) >= 1, "sqlite3: timeline WHERE chip='H100' ORDER BY start", rows)
    ok(int(sql("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH '芯片'")) > 0,
       "sqlite3: MATCH '芯片' finds sentences")
    jin = fts("禁售")
    ok(any(s.startswith("美国商务部于2023年10月17日更新出口管制规则，英伟达A800和H800被列入禁售范围")
           for s in jin) and any(s.startswith("受禁售消息影响") for s in jin)
       and any(s.startswith("由于英伟达A800、H800已于去年10月起禁售") for s in jin)
       and all("禁售" in s for s in jin),
       "sqlite3: MATCH 禁售 finds the ban sentences, and only sentences saying it", jin)
    nv = fts("英伟达")
    ok(any(s.startswith("英伟达此前已于8月31日披露收到相关通知") for s in nv)
       and any(s.startswith("美國商務部上月公布收緊晶片出口管制") for s in nv)
       and any("ＮＶＩＤＩＡ" not in s for s in nv) and len(nv) >= 30,
       "sqlite3: MATCH 英伟达 finds it, also written 英偉達 in traditional", len(nv))
    ok(all("英伟达" in s or "英偉達" in s for s in nv), "sqlite3: 英伟达 finds nothing else",
       [s for s in nv if "英伟达" not in s and "英偉達" not in s])
    ok(sql("SELECT month, currency, amount_cny IS NOT NULL FROM prices WHERE currency='USD' "
           "AND month BETWEEN '2022-01' AND '2024-12' LIMIT 1").strip().endswith("|1")
       or int(sql("SELECT count(*) FROM prices WHERE currency='USD'")) == 0,
       "prices: USD amounts get amount_cny from rates.tsv")

    # zhevents search and query.
    rc, out, err = zhe("search", "--db", DB, "--format", "jsonl", "芯片")
    hits = [json.loads(l) for l in out.splitlines()]
    n_chip = int(sql("SELECT count(*) FROM sentences_plain WHERE plain LIKE '%芯片%'"))
    ok(rc == 0 and len(hits) == 20 and all("«" in h["highlight"] for h in hits)
       and all(h["highlight"].replace("«", "").replace("»", "") == h["text"] for h in hits),
       "zhevents search 芯片: 20 sentences (the limit), the word marked in the text as printed",
       err + out[:500])
    ok(f"20 of {n_chip} sentences shown" in err, "search says how many it did not show", err)
    rc, out, err = zhe("search", "--db", DB, "--format", "json", "--all", "禁售")
    n_ban = int(sql("SELECT count(*) FROM sentences_plain WHERE plain LIKE '%禁售%'"))
    ok(rc == 0 and len(json.loads(out)) == n_ban >= len(jin) and err == "",
       "zhevents search --all 禁售: every sentence that holds it, no more", out[:300] + err)
    rc, out, err = zhe("query", "--db", DB, "--chip", "rtx 4090", "--format", "jsonl")
    rows = [json.loads(l) for l in out.splitlines()]
    ok(rc == 0 and rows and all("RTX 4090" in r["chips"] for r in rows),
       "query --chip 'rtx 4090' matches RTX 4090", out[:300])
    # A reporter's names for a chip or a vendor, as the lexicon knows them.
    rc, want, err = zhe("query", "--db", DB, "--chip", "Ascend 910B", "--format", "jsonl")
    ok(rc == 0 and len(want.splitlines()) >= 3, "query --chip 'Ascend 910B'", want[:300] + err)
    for alias in ("昇腾910B", "910B", "ascend910b"):
        rc, out, err = zhe("query", "--db", DB, "--chip", alias, "--format", "jsonl")
        ok(rc == 0 and out == want, f"query --chip {alias}: the events of Ascend 910B",
           out[:300] + err)
    # A name the lexicon does not know: said so, with the nearest ones.
    rc, out, err = zhe("query", "--db", DB, "--chip", "H1OO")
    ok(rc == 2 and out == "" and "no chip named 'H1OO'; did you mean H100" in err,
       "query --chip H1OO: no such chip; did you mean H100?", out + err)
    rc, out, err = zhe("timeline", "--db", DB, "--chip", "昇腾910X", "--format", "html")
    ok(rc == 2 and out == "" and "no chip named '昇腾910X'; did you mean" in err
       and "Ascend 910B" in err, "timeline --chip 昇腾910X: no empty page, exit 2", err)
    rc, out, err = zhe("query", "--db", DB, "--vendor", "nvidai")
    ok(rc == 2 and "no vendor named 'nvidai'; did you mean NVIDIA?" in err,
       "query --vendor nvidai: did you mean NVIDIA?", err)
    for typed in ("昇騰910B", "ASCEND 910B", "ascend-910b", "Ａｓｃｅｎｄ９１０Ｂ"):
        rc, out, err = zhe("query", "--db", DB, "--chip", typed, "--format", "jsonl")
        ok(rc == 0 and out == want, f"query --chip {typed}: the events of Ascend 910B",
           out[:300] + err)
    rc, want, err = zhe("query", "--db", DB, "--vendor", "NVIDIA", "--format", "jsonl")
    rc, out, err = zhe("query", "--db", DB, "--vendor", "英伟达", "--format", "jsonl")
    ok(rc == 0 and want and out == want, "query --vendor 英伟达: NVIDIA's events", out[:300] + err)
    for typed in ("輝達", "nvidia", "英偉達"):
        rc, out, err = zhe("query", "--db", DB, "--vendor", typed, "--format", "jsonl")
        ok(rc == 0 and out == want, f"query --vendor {typed}: NVIDIA's events", out[:300] + err)
    rc, out, err = zhe("query", "--db", DB, "--chip", "H100", "--from", "2023", "--to",
                       "2023-12", "--format", "json")
    rows = json.loads(out) if rc == 0 else []
    ok(rc == 0 and all(r["date"]["end"] >= "2023-01-01" and r["date"]["start"] <= "2023-12-31"
                       for r in rows), "query --from 2023 --to 2023-12", out[:300])
    ok([r["date"]["start"] for r in rows] == sorted(r["date"]["start"] for r in rows),
       "query: in time order")
    # Dates at their precision: a day's range holds a day's events, not
    # the year's (2023) or the week's that reach into it, unless --overlap.
    rc, out, err = zhe("query", "--db", DB, "--from", "2023-10-17", "--to", "2023-10-17",
                       "--format", "json")
    day = json.loads(out) if rc == 0 else []
    ok(rc == 0 and day and all(r["date"]["precision"] == "day" for r in day),
       "query --from 2023-10-17 --to 2023-10-17: events of that day only",
       " ".join(r["date"]["timex"] for r in day))
    rc, out, err = zhe("query", "--db", DB, "--from", "2023-10-17", "--to", "2023-10-17",
                       "--overlap", "--format", "json")
    wide = json.loads(out) if rc == 0 else []
    ok(rc == 0 and len(wide) > len(day) and any(r["date"]["precision"] == "year" for r in wide)
       and all(r["date"]["start"] <= "2023-10-17" <= r["date"]["end"] for r in wide),
       "query --overlap: every event whose dates reach the day, 2023 too",
       f"{len(wide)} against {len(day)}")
    ok(int(sql("SELECT count(*) FROM timeline WHERE precision = 'year'")) > 0
       and sql("SELECT count(*) FROM timeline WHERE precision IN ('year', 'quarter', 'half')"
               " AND month != timex").strip() == "0"
       and sql("SELECT count(*) FROM timeline WHERE precision IN ('day', 'month', 'week')"
               " AND month != substr(start, 1, 7)").strip() == "0",
       "timeline.month: a coarse date is a bucket of its own (2023, 2023-Q4), not January")
    rc, csv_out, err = zhe("stats", "--db", DB, "--format", "csv", "--bom")
    rows = list(csv.reader(io.StringIO(csv_out.lstrip("\ufeff"), newline="")))
    ok(rc == 0 and csv_out.startswith("\ufeffgroup,name,count\r\n")
       and ["total", "articles", str(first["articles"])] in rows
       and any(r[0] == "month" for r in rows),
       "stats --format csv --bom: group,name,count rows after a byte order mark",
       csv_out[:300] + err)
    rc, q_out, err = zhe("query", "--db", DB, "--chip", "H100", "--format", "csv", "--bom")
    ok(rc == 0 and q_out.startswith("\ufeffdate,end,timex"),
       "query --format csv --bom: a byte order mark first", q_out[:100] + err)
    rc, out, err = zhe("stats", "--db", DB, "--format", "json")
    months = json.loads(out).get("month", {}) if rc == 0 else {}
    jan = sql("SELECT count(*) FROM events WHERE start_date LIKE '2023-01%' AND"
              " timex LIKE '2023-01%'").strip()
    ok(rc == 0 and "2023" in months and str(months.get("2023-01", 0)) == jan,
       "stats: 2023 counted apart, not under 2023-01", out[:400])
    rc, out, err = zhe("query", "--db", DB, "--type", "price", "--format", "csv")
    lines = out.split("\r\n")
    ok(rc == 0 and lines[0].startswith("date,end,timex") and len(lines) > 2,
       "query --format csv: RFC 4180 rows, CRLF", out[:200])

    # Injection: bound parameters and quoted FTS5 strings.
    before = counts()
    for evil in ["' OR 1=1 --", "\"; DROP TABLE events; --", "H100' --", "芯片 OR 1",
                 "NEAR(芯片 禁售)", "*", "\""]:
        rc, out, err = zhe("query", "--db", DB, "--chip", evil, "--format", "jsonl")
        ok(rc == 2 and out == "" and f"no chip named '{evil}'" in err,
           f"query --chip {evil!r}: no such chip, exit 2", out[:200] + err)
    for evil in ["' OR 1=1 --", "\"; DROP TABLE events; --"]:
        rc, out, err = zhe("search", "--db", DB, "--format", "jsonl", evil)
        ok(rc == 1 and out == "", f"search {evil!r}: nothing, exit 1", out[:200] + err)
    rc, out, err = zhe("search", "--db", DB, "--format", "jsonl", "芯片", "OR", "NOT", "禁售")
    ok(rc == 1 and out == "", "search: OR and NOT are words, not operators", out[:200] + err)
    ok(counts() == before, "tables intact after the injection attempts")

    # --replace: the article's rows deleted and made again.
    old = sql("SELECT id FROM articles WHERE title='英伟达H20在华降价'").strip()
    rc, out, err = zhe("ingest", "--db", DB, "--replace", "corpus/text/h20-flash.gbk.txt")
    new = sql("SELECT id FROM articles WHERE title='英伟达H20在华降价'").strip()
    ok(rc == 0 and "1 replaced" in err and new != old, "--replace re-extracts the article", err)
    after = counts()
    ok(after == dict(before, runs=before["runs"] + 1), "--replace: same row counts",
       f"{before}\n{after}")
    ok(sql("PRAGMA foreign_key_check").strip() == "" and
       sql("INSERT INTO sentences_fts(sentences_fts) VALUES('integrity-check'); SELECT 'ok'")
       .strip() == "ok", "--replace: foreign keys and FTS5 index consistent")
    ok(int(sql(f"SELECT count(*) FROM sentences WHERE article_id={old}")) == 0,
       "--replace: the old sentences are gone")

    # Rejects: recorded with file, line, reason and an excerpt.
    rc, out, err = zhe("ingest", "--db", DB, "tests/bad/malformed.jsonl")
    ok(rc == 0 and "rejected: tests/bad/malformed.jsonl:2: malformed JSON" in err,
       "rejects listed on stderr", err)
    r = sql("SELECT file, line, reason, excerpt FROM rejects WHERE line = 3").strip()
    ok(r == 'tests/bad/malformed.jsonl|3|"content" is a number, not a string|{"id": '
       '"bad-jsonl-3", "title": "内容是数字", "content": 12345, "published": "2024-03-02"}',
       "reject recorded: file, line, reason, excerpt", r)
    ok(sql("SELECT count(*) FROM rejects WHERE run_id = (SELECT max(id) FROM runs)").strip()
       == "4", "rejects tied to their run")

    # Exit codes.
    rc, out, err = zhe("ingest", "--db", DB, "--strict", "tests/bad/malformed.jsonl")
    ok(rc == 1, "ingest --strict with rejects: exit 1", err)
    rc, out, err = zhe("ingest", "--db", DB, "--bogus")
    ok(rc == 2, "ingest --bogus: exit 2", err)
    rc, out, err = zhe("query", "--db", DB, "--type", "rumour")
    ok(rc == 2 and "unknown event type 'rumour'" in err, "query --type rumour: exit 2", err)
    rc, out, err = zhe("query", "--db", DB, "--from", "2023-13")
    ok(rc == 2, "query --from 2023-13: exit 2", err)
    rc, out, err = zhe("ingest", "--db", DB, "tests/bad/empty.txt")
    ok(rc == 3 and "no article could be read" in err, "ingest of nothing readable: exit 3", err)
    missing = os.path.join(TMP, "missing.db")
    rc, out, err = zhe("query", "--db", missing)
    ok(rc == 3 and err == f"zhevents query: {missing}: cannot open the database: "
       "No such file or directory\n", "query on a missing database: exit 3", err)
    ok(not os.path.exists(missing), "query does not create a database")
    rc, out, err = zhe("stats", "--db", "corpus/README.md")
    ok(rc == 4 and "corpus/README.md: cannot read it as a database" in err,
       "stats on a file that is not a database: exit 4", err)
    newer = os.path.join(TMP, "newer.db")
    sql("CREATE TABLE t(x); PRAGMA user_version = 99", newer)
    rc, out, err = zhe("ingest", "--db", newer, "corpus/text/h20-flash.gbk.txt")
    ok(rc == 4 and "schema version 99 is newer than this zhevents knows (9)" in err,
       "ingest into a newer schema: exit 4", err)
    other = os.path.join(TMP, "other.db")
    sql("CREATE TABLE t(x)", other)
    rc, out, err = zhe("query", "--db", other)
    ok(rc == 4 and "not a zhevents database" in err, "query on someone else's database: 4", err)

    # A version 1 database (no mark columns, no per … polarity, views
    # without them, sentences indexed by a trigger) is brought forward by
    # ingest, and what it adds is indexed.
    v1 = os.path.join(TMP, "v1.db")
    shutil.copy(DB, v1)
    sql("DROP VIEW timeline; DROP VIEW prices; DROP VIEW facts; DROP INDEX events_fact; "
        "DROP TRIGGER sentences_trigram_delete; DROP TRIGGER sentences_trigram_update; "
        "DROP TABLE sentences_trigram; DROP VIEW sentences_plain; DROP TABLE reviews; "
        "DROP INDEX events_fact_first; "
        + "".join("ALTER TABLE events DROP COLUMN %s; " % c for c in V5_COLUMNS)
        + "ALTER TABLE events DROP COLUMN mark_start; ALTER TABLE events DROP COLUMN mark_end; "
        "CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN "
        "INSERT INTO sentences_fts(rowid, seg) VALUES (new.id, new.seg); END; "
        "PRAGMA user_version = 1", v1)
    rc, out, err = zhe("query", "--db", v1, "--chip", "H100", "--format", "jsonl")
    ok(rc == 4 and "older than this zhevents" in err, "query on a version 1 database: exit 4",
       err)
    rc, out, err = zhe("ingest", "--db", v1, "tests/export/formula.txt")
    cols = sql("SELECT name FROM pragma_table_info('events')", v1).split()
    ok(rc == 0 and sql("PRAGMA user_version", v1).strip() == "9" and "mark_start" in cols
       and all(c in cols for c in V5_COLUMNS)
       and sql("SELECT count(*) FROM prices WHERE per IS NULL", v1).strip() != "0"
       and sql("SELECT count(*) FROM events WHERE modality = 'asserted'", v1).strip()
       == sql("SELECT count(*) FROM events", v1).strip()
       and sql("PRAGMA integrity_check", v1).strip() == "ok"
       and sql("SELECT count(*) FROM sqlite_master WHERE name = 'sentences_fts_insert'",
               v1).strip() == "0",
       "ingest migrates version 1 to 9", err + " ".join(cols))
    ok(sql("INSERT INTO sentences_fts(sentences_fts) VALUES('integrity-check'); "
           "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH '\"跌幅\" AND "
           "\"禁售\"'", v1).strip() != "0", "the migrated index finds what was added after", "")

    # The progress line: on a terminal (util-linux `script` gives one), not
    # in a pipe, not with --quiet.
    script = shutil.which("script", path="/usr/bin:/bin")
    if script:
        pdb = os.path.join(TMP, "progress.db")
        cmd = " ".join(WRAPPER + [ZHE, "ingest", "--db", pdb, "corpus/"])
        p = subprocess.run([script, "-qfec", cmd, "/dev/null"], cwd=ROOT, env=ENV,
                           capture_output=True, timeout=300)
        tty = p.stdout.decode("utf-8", "replace")
        events = sql("SELECT count(*) FROM events", pdb).strip() if os.path.exists(pdb) else "?"
        ok(p.returncode == 0 and "\r\x1b[K" in tty and "21 articles" in tty
           and "articles/s" in tty and f"{events} events" in tty,
           "progress: drawn on a terminal", tty[-400:])
        rc, out, err = zhe("ingest", "--db", pdb, "--replace", "corpus/")
        ok(rc == 0 and "articles/s" not in err and "\r" not in err,
           "progress: nothing of it in a pipe", err)
        cmd = " ".join(WRAPPER + [ZHE, "ingest", "--quiet", "--db", pdb, "corpus/"])
        p = subprocess.run([script, "-qfec", cmd, "/dev/null"], cwd=ROOT, env=ENV,
                           capture_output=True, timeout=300)
        tty = p.stdout.decode("utf-8", "replace")
        ok(p.returncode == 0 and "articles/s" not in tty and "21 duplicate" in tty,
           "progress: --quiet silences it", tty[-400:])

    # stats and --fts-trigram.
    rc, out, err = zhe("stats", "--db", DB, "--format", "json")
    st = json.loads(out) if rc == 0 else {}
    ok(rc == 0 and st.get("articles") == 23 and st.get("reject", {}).get(
        "tests/bad/malformed.jsonl", 0) >= 4, "stats --format json", out[:400])
    rc, out, err = zhe("ingest", "--db", DB, "--fts-trigram", "corpus/text/h20-flash.gbk.txt")
    ok(rc == 0, "--fts-trigram is still taken (the trigram index is always kept)", err)
    # What Datasette's search box and the sqlite3 shell do: a string typed
    # without spaces (英伟达A800, not 英伟达 A800) is MATCHed as adjacent text.
    for typed in ("出口管制", "英伟达A800", "英伟达a800"):
        tri = sql(f"SELECT count(*) FROM sentences_trigram WHERE sentences_trigram MATCH '{typed}'")
        like = sql(f"SELECT count(*) FROM sentences_plain WHERE plain LIKE '%{typed}%'")
        ok(int(tri) > 0 and tri == like, f"sqlite3: sentences_trigram MATCH '{typed}' = LIKE",
           tri + like)
    ok(sql("INSERT INTO sentences_trigram(sentences_trigram) VALUES('integrity-check'); "
           "SELECT 'ok'").strip() == "ok", "sentences_trigram: FTS5 integrity-check")
    rc, out, err = zhe("datasette-metadata", "--db", DB)
    ok(rc == 0 and out == "", "datasette-metadata", err)

    # Facts: three outlets report the H20's price (1.2万美元, 1.2萬美元,
    # 1.21萬美元, on three days), a fourth a server's and another card
    # price.  One fact of three articles, whatever the order of ingest.
    arts = sorted(glob.glob(os.path.join(ROOT, "tests", "store", "facts", "*.txt")))
    views = []
    for name, order in (("facts-a.db", arts), ("facts-b.db", arts[::-1])):
        fdb = os.path.join(TMP, name)
        for a in order:     # one run an article: each run brings the facts up to date
            zhe("ingest", "--db", fdb, a)
        views.append(sql("SELECT fact, type, chips, amount, currency, sources, events,"
                         " first_published FROM facts ORDER BY fact", fdb))
    h20 = [l.split("|") for l in views[0].splitlines() if "|12000.0|USD|" in l]
    ok(len(h20) == 1 and h20[0][5] == "3" and h20[0][7] == "2024-05-20T10:12",
       "facts: three reports of one price are one fact, first published 2024-05-20", views[0])
    ok(len(views[0].splitlines()) == 3, "facts: the server's price and 1.5万 are facts of their own",
       views[0])
    ok(views[0] == views[1], "facts: the same keys and groups in either order of ingest",
       views[0] + "\n---\n" + views[1])
    fdb = os.path.join(TMP, "facts-a.db")
    for fmt in ("csv", "json", "jsonl", "timelinejs", "timelinejs-csv", "flourish",
                "prices-wide", "md", "html"):
        rc, out, err = zhe("timeline", "--db", fdb, "--facts", "--format", fmt)
        ok(rc == 0 and out, f"timeline --facts --format {fmt}", err)
        if fmt == "json":
            rows = json.loads(out)
            ok(len(rows) == 3 and sorted(r["sources"] for r in rows) == [1, 1, 3]
               and any(r["sources"] == 3 and r["published"] == "2024-05-20T10:12" for r in rows),
               "timeline --facts: a row per fact, its sources, the first report", out[:600])
        if fmt in ("md", "html", "timelinejs"):
            ok("3 篇报道" in out, f"timeline --facts --format {fmt} says 3 篇报道", out[:600])
    rc, out, err = zhe("timeline", "--db", fdb, "--format", "json")
    ok(rc == 0 and len(json.loads(out)) == 5 and all(r["sources"] is None for r in json.loads(out)),
       "timeline without --facts: every event, no sources", out[:300])
finally:
    shutil.rmtree(TMP, ignore_errors=True)

sys.exit(done())
