#!/usr/bin/env python3
"""Hostile input on the command line and in articles reaches SQLite only
as data; inputs over --max-article-bytes are rejected with a reason.

usage: injection_test.py ZHEVENTS SRCROOT

tests/store/store_test.py already sends SQL through `query --chip` and
`search`; this adds, as numbered TAP cases: the same strings through
`query --vendor` (no rows, exit 0) and `--type` (a usage error that quotes
them, exit 2), `timeline --chip` and `--vendor`, FTS5's own syntax as
search words (column filters, NEAR, quotes, parentheses: words, never an
error), an article whose id, title, source and text are SQL, and a
database whose file name is, all stored and read back verbatim with
every table intact.  Then `ingest --max-article-bytes`: a JSON Lines
record, a 5 MB plain-text file, and a small HTML page and plain-text
file over the limit are each rejected, on stderr and in the rejects
table, with the limit as the reason.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from taplib import clean_env, done, ok  # noqa: E402

ZHE, ROOT = (os.path.abspath(a) for a in sys.argv[1:3])
TMP = tempfile.mkdtemp(prefix="zhevents-injection-")
DB = os.path.join(TMP, "corpus.db")
ENV = clean_env()
WRAPPER = os.environ.get("ZHE_WRAPPER", "").split()
EVIL = ["' OR 1=1 --", "\"; DROP TABLE events; --", "x') UNION SELECT sql FROM sqlite_master --"]


def zhe(*args):
    p = subprocess.run(WRAPPER + [ZHE] + list(args), cwd=ROOT, env=ENV, capture_output=True,
                       timeout=300)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def snapshot(db=DB):
    """The schema and every table's row count."""
    con = sqlite3.connect(db)
    schema = con.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    counts = {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]
              for t, n, _ in schema if t == "table" and not n.startswith("sentences_fts_")}
    con.close()
    return schema, counts


def rejects(db):
    con = sqlite3.connect(db)
    rows = con.execute("SELECT file, line, reason FROM rejects ORDER BY id").fetchall()
    con.close()
    return rows


try:
    rc, out, err = zhe("ingest", "--db", DB, "--published", "2023-09-05", "corpus/")
    ok(rc == 0, "ingest corpus/", err)
    before = snapshot()

    # The event filters: names the lexicon does not know are refused,
    # quoted, before any SQL; the rest are bound parameters.
    for evil in EVIL:
        rc, out, err = zhe("query", "--db", DB, "--vendor", evil, "--format", "jsonl")
        ok(rc == 2 and out == "" and f"no vendor named '{evil}'" in err,
           f"query --vendor {evil!r}: no such vendor, exit 2", out + err)
        rc, out, err = zhe("query", "--db", DB, "--type", evil)
        ok(rc == 2 and f"unknown event type '{evil}'" in err,
           f"query --type {evil!r}: a usage error quoting it", err)
        rc, out, err = zhe("timeline", "--db", DB, "--chip", evil, "--format", "json")
        ok(rc == 2 and out == "" and f"no chip named '{evil}'" in err,
           f"timeline --chip {evil!r}: no such chip, exit 2", out + err)
        rc, out, err = zhe("timeline", "--db", DB, "--vendor", evil, "--format", "csv")
        ok(rc == 2 and out == "", f"timeline --vendor {evil!r}: no such vendor, exit 2",
           out + err)
    rc, out, err = zhe("query", "--db", DB, "--vendor", "NVIDIA", "--format", "jsonl")
    ok(rc == 0 and len(out.splitlines()) > 0, "query --vendor NVIDIA still finds events", err)

    # FTS5's syntax and LIKE's wildcards as search words: strings to find,
    # never a syntax error.  Exit 0 when found, 1 when not (as grep).
    for words in [["seg:芯片"], ["sentences_fts:芯片"], ["{seg}:芯片"], ["NEAR(芯片", "禁售)"],
                  ["芯片\" OR \"禁售"], [")"], ["("], ["芯片", "AND", "禁售", "*"],
                  ["'"], ["芯片'--"], ["%"], ["_"], ["芯%片"], ["\\"]]:
        rc, out, err = zhe("search", "--db", DB, "--format", "jsonl", "--", *words)
        ok(rc in (0, 1) and err == "" and (rc == 0) == (out != "")
           and all(json.loads(l) for l in out.splitlines()),
           f"search {' '.join(words)!r}: exit {rc}, no error", out[:200] + err)
    rc, out, err = zhe("search", "--db", DB, "--format", "jsonl", "--all", "--", "%")
    texts = [json.loads(l)["text"] for l in out.splitlines()]
    ok(rc == 0 and texts and all("%" in t or "％" in t for t in texts),
       "search %: the sentences with a percent sign, not every sentence", out[:200] + err)
    rc, out, err = zhe("search", "--db", DB, "--format", "jsonl", "--", "\"")
    ok(rc == 2 and "no words" in err, "search with only a quote: no words, exit 2", out + err)

    ok(snapshot() == before, "the schema and every table's row count intact")

    # An article made of SQL, and a database named like it.
    evil_db = os.path.join(TMP, "it's \"x\"; DROP TABLE events; --.db")
    art = os.path.join(TMP, "evil.jsonl")
    rec = {"id": EVIL[0], "title": EVIL[1], "source": EVIL[2],
           "content": "英伟达H100芯片售价为26.5万元。" + EVIL[1] + "\n" + EVIL[0],
           "published": "2023-09-05"}
    with open(art, "w", encoding="utf-8") as f:
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    rc, out, err = zhe("ingest", "--db", evil_db, art)
    ok(rc == 0 and "1 new" in err, "ingest an article of SQL into a database named like it", err)
    con = sqlite3.connect(evil_db)
    row = con.execute("SELECT a.ext_id, a.title, s.name FROM articles a "
                      "JOIN sources s ON s.id = a.source_id").fetchone()
    con.close()
    ok(row == (EVIL[0], EVIL[1], EVIL[2]), "its id, title and source stored verbatim", row)
    rc, out, err = zhe("query", "--db", evil_db, "--chip", "H100", "--format", "jsonl")
    ok(rc == 0 and len(out.splitlines()) >= 1 and EVIL[1] in out,
       "query reads it back, the title as it was", out[:300] + err)
    meta = evil_db[:-3] + ".metadata.json"
    try:
        names = list(json.load(open(meta, encoding="utf-8"))["databases"])
    except (OSError, ValueError, KeyError) as e:
        names = [str(e)]
    ok(names == [os.path.basename(evil_db)[:-3]], "NAME.metadata.json names it, as JSON", names)

    # --max-article-bytes: over the limit is a reject with the reason.
    cases = [("a JSON Lines record", "tests/bad/huge-record.jsonl.gz", 1000000,
              "record longer than the limit of 1000000 bytes"),
             ("a 5 MB plain-text file", "tests/bad/long-line.txt.gz", 100000,
              "larger than the limit of 100000 bytes"),
             ("a 4 kB HTML page", "corpus/html/h100-spot-price-gtc.html", 2000,
              "larger than the limit of 2000 bytes"),
             ("a plain-text file", "corpus/text/rtx4090d-launch.utf8.txt", 500,
              "larger than the limit of 500 bytes")]
    for i, (what, path, limit, reason) in enumerate(cases):
        db = os.path.join(TMP, f"max-{i}.db")
        rc, out, err = zhe("ingest", "--db", db, "--max-article-bytes", str(limit), path)
        rows = rejects(db) if os.path.exists(db) else []
        ok(f"rejected: {path}" in err and reason in err and "--max-article-bytes" in err
           and any(r[0] == path and reason in r[2] for r in rows) and rc in (0, 3),
           f"--max-article-bytes {limit}: {what} rejected, the reason on stderr and in rejects",
           f"exit {rc}\n{err}\n{rows}")
finally:
    shutil.rmtree(TMP, ignore_errors=True)

sys.exit(done())
