#!/usr/bin/env python3
"""The pipelines zhevents is measured against (tests/bench, issue 7).

usage: baseline.py jieba    CORPUS.jsonl [LEXICON_DIR]
       baseline.py pipeline CORPUS.jsonl DB [LEXICON_DIR]

jieba:    jieba's segmentation alone (jieba.cut, its default mode) over the
          content of every record: the floor of any jieba-based tool.
pipeline: what a data team would write instead of zhevents, in an
          afternoon: json to read the records, re to split sentences and
          find chip models (from lexicons/chips.tsv), money, dates and
          counts, jieba to segment each sentence for search, sqlite3 to
          store articles, sentences (with an FTS5 index over the words)
          and mentions, 500 articles a transaction.

Prints "key value" lines: bytes, records, seconds, MB/s (10^6 bytes of the
input file per second).  Needs Debian's python3-jieba.
"""
import json
import os
import re
import sqlite3
import sys
import time

import jieba

jieba.setLogLevel(60)


def records(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                try:
                    yield json.loads(line)
                except ValueError:
                    continue


def report(path, n, secs):
    size = os.path.getsize(path)
    print(f"bytes    {size}")
    print(f"records  {n}")
    print(f"seconds  {secs:.2f}")
    print(f"MB/s     {size / 1e6 / secs:.2f}")


def run_jieba(path):
    jieba.initialize()
    t0 = time.perf_counter()
    n = 0
    for r in records(path):
        for _ in jieba.cut(r.get("content") or ""):
            pass
        n += 1
    report(path, n, time.perf_counter() - t0)


def chip_pattern(lexicon_dir):
    names = set()
    with open(os.path.join(lexicon_dir, "chips.tsv"), encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            names.add(cols[0])
            if len(cols) > 2:
                names.update(a for a in cols[2].split(",") if a)
    alts = sorted(names, key=len, reverse=True)
    return re.compile("|".join(re.escape(a) for a in alts))


SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")
MONEY = re.compile(r"(\d+(?:\.\d+)?)\s*(万|亿)?\s*(元|美元|日元|港元|欧元|人民币)")
DATE = re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?|(\d{1,2})月(\d{1,2})日")
COUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(万)?\s*(片|张|块|颗|台|套|卡)")


def run_pipeline(path, db, lexicon_dir):
    jieba.initialize()
    chips = chip_pattern(lexicon_dir)
    t0 = time.perf_counter()
    if os.path.exists(db):
        os.remove(db)
    con = sqlite3.connect(db)
    con.executescript("""
        PRAGMA journal_mode = WAL;
        CREATE TABLE articles (id INTEGER PRIMARY KEY, ext_id TEXT, title TEXT, published TEXT);
        CREATE TABLE sentences (id INTEGER PRIMARY KEY, article_id INTEGER, text TEXT, seg TEXT);
        CREATE TABLE mentions (id INTEGER PRIMARY KEY, sentence_id INTEGER, type TEXT,
                               text TEXT, value TEXT);
        CREATE VIRTUAL TABLE sentences_fts USING fts5(seg, content="sentences",
                                                      content_rowid="id");
    """)
    n = 0
    con.execute("BEGIN")
    for r in records(path):
        cur = con.execute("INSERT INTO articles (ext_id, title, published) VALUES (?, ?, ?)",
                          (str(r.get("id")), r.get("title"), r.get("published")))
        aid = cur.lastrowid
        for para in (r.get("content") or "").split("\n"):
            for m in SENTENCE.finditer(para.strip()):
                s = m.group(0).strip()
                if not s:
                    continue
                seg = " ".join(jieba.cut(s))
                sid = con.execute("INSERT INTO sentences (article_id, text, seg) VALUES (?, ?, ?)",
                                  (aid, s, seg)).lastrowid
                con.execute("INSERT INTO sentences_fts (rowid, seg) VALUES (?, ?)", (sid, seg))
                rows = []
                for c in chips.finditer(s):
                    rows.append((sid, "chip", c.group(0), c.group(0)))
                for x in MONEY.finditer(s):
                    v = float(x.group(1)) * {"万": 1e4, "亿": 1e8}.get(x.group(2), 1)
                    rows.append((sid, "money", x.group(0), f"{v:g} {x.group(3)}"))
                for x in DATE.finditer(s):
                    rows.append((sid, "date", x.group(0), x.group(0)))
                for x in COUNT.finditer(s):
                    v = float(x.group(1)) * (1e4 if x.group(2) else 1)
                    rows.append((sid, "quantity", x.group(0), f"{v:g} {x.group(3)}"))
                con.executemany("INSERT INTO mentions (sentence_id, type, text, value)"
                                " VALUES (?, ?, ?, ?)", rows)
        n += 1
        if n % 500 == 0:
            con.execute("COMMIT")
            con.execute("BEGIN")
    con.execute("COMMIT")
    con.close()
    report(path, n, time.perf_counter() - t0)


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    lex_default = os.path.join(here, "..", "..", "lexicons")
    if len(argv) >= 3 and argv[1] == "jieba":
        run_jieba(argv[2])
    elif len(argv) >= 4 and argv[1] == "pipeline":
        run_pipeline(argv[2], argv[3], argv[4] if len(argv) > 4 else lex_default)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
