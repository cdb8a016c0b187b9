#!/usr/bin/env python3
"""`zhevents search` finds every sentence that holds what a reporter types.

usage: search_test.py ZHEVENTS SRCROOT

Ingests corpus/ into a temporary database, then, as TAP cases:

- 200 strings of 2 to 6 characters drawn (fixed seed) from the corpus's
  normalized sentences (the view sentences_plain): `search --all` finds
  exactly the sentences that LIKE finds, each string as adjacent text.
  Before the trigram index, search looked up whole words only: 商务部
  inside 美国商务部 and 万元 inside 26.5万元 were not found.
- The words of the issue that found too few: 商务部, 管制, 万元, 910B.
- A phrase is adjacent text: 列入实体清单 only where it is printed so.
- Either script: 台積電 finds what 台积电 finds.
- Highlights are in the text as printed (深水埗 in a Hong Kong article,
  not the normalized 深水 埗), and nothing but marks is added.
- Exit status as grep's; "N of M sentences shown" when the limit cuts.
"""
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import shutil

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from taplib import clean_env, done, ok  # noqa: E402

ZHE, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
TMP = tempfile.mkdtemp(prefix="zhevents-search-")
DB = os.path.join(TMP, "corpus.db")
ENV = clean_env()


def zhe(*args):
    p = subprocess.run([ZHE, *args], cwd=ROOT, env=ENV, capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def found(*words):
    rc, out, err = zhe("search", "--db", DB, "--all", "--format", "jsonl", "--", *words)
    return rc, [json.loads(l) for l in out.splitlines()], err


def like(con, s):
    esc = s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return {r[0] for r in con.execute(
        "SELECT id FROM sentences_plain WHERE plain LIKE ? ESCAPE '\\'", (f"%{esc}%",))}


try:
    rc, out, err = zhe("ingest", "--quiet", "--db", DB, "corpus/")
    ok(rc == 0, "ingest corpus/", err)
    con = sqlite3.connect(DB)
    plains = [r[0] for r in con.execute("SELECT plain FROM sentences_plain ORDER BY id")]

    # 200 strings from the corpus, every sentence that holds one found
    rng = random.Random(20261208)
    strings, wrong = [], []
    while len(strings) < 200:
        p = rng.choice(plains)
        n = rng.randint(2, 6)
        if len(p) < n:
            continue
        i = rng.randrange(len(p) - n + 1)
        s = p[i:i + n]
        if any(c in s for c in '"“”') or s in strings:
            continue
        strings.append(s)
    for s in strings:
        rc, hits, err = found(s)
        got = {h["sentence_id"] for h in hits}
        want = like(con, s)
        if rc != 0 or got != want or err:
            wrong.append(f"{s!r}: {len(got)} found, {len(want)} hold it, exit {rc} {err}")
    ok(not wrong, f"200 strings of 2-6 characters: search --all = LIKE ({len(wrong)} differ)",
       "\n".join(wrong[:10]))

    for word in ("商务部", "管制", "万元", "910B"):
        rc, hits, err = found(word)
        want = like(con, word)
        ok(rc == 0 and {h["sentence_id"] for h in hits} == want and len(want) >= 7,
           f"search {word}: all {len(want)} sentences that hold it", f"{len(hits)} {err}")

    rc, hits, err = found("列入实体清单")
    ok(rc == 0 and hits and all("列入实体清单" in h["text"] or "列入實體清單" in h["text"]
                                for h in hits),
       "search 列入实体清单: the phrase as printed, never its words apart",
       "\n".join(h["text"] for h in hits))
    apart = [p for p in plains if "列入" in p and "实体清单" in p and "列入实体清单" not in p]
    ok(len(hits) == len(like(con, "列入实体清单")), "…as many as hold it",
       f"{len(hits)}; {len(apart)} hold the words apart")
    rc, q, err = found('"美国 商务部"')
    ok(rc == 0 and {h["sentence_id"] for h in q} == like(con, "美国商务部"),
       'search "美国 商务部": a quoted phrase is one string', err)
    rc, two, err = found("美国", "商务部")
    ok(rc == 0 and {h["sentence_id"] for h in two} == like(con, "美国") & like(con, "商务部"),
       "search 美国 商务部: sentences that hold both", err)

    rc, trad, err = found("台積電")
    rc2, simp, err2 = found("台积电")
    ok(rc == 0 and trad == simp and len(trad) >= 3,
       "search 台積電 = search 台积电: the words typed in either script", err + err2)

    rc, hits, err = found("深水埗")
    ok(rc == 0 and hits and all("«深水埗»" in h["highlight"] for h in hits),
       "highlight: «深水埗» as printed, not the segmented 深水 埗",
       "\n".join(h["highlight"] for h in hits))
    rc, hits, err = found("英伟达")
    ok(rc == 0 and all(h["highlight"].replace("«", "").replace("»", "") == h["text"]
                       and ("«英伟达»" in h["highlight"] or "«英偉達»" in h["highlight"])
                       for h in hits),
       "highlight: the text as printed with marks, 英偉達 marked in traditional text",
       "\n".join(h["highlight"] for h in hits if "«" not in h["highlight"]))

    rc, out, err = zhe("search", "--db", DB, "--format", "jsonl", "管制")
    n = len(like(con, "管制"))
    ok(rc == 0 and len(out.splitlines()) == 20 and f"20 of {n} sentences shown" in err,
       "search 管制: 20 shown, and stderr says of how many", err)
    rc, out, err = zhe("search", "--db", DB, "--format", "jsonl", "--limit", "5", "管制")
    ok(rc == 0 and len(out.splitlines()) == 5 and f"5 of {n} sentences shown" in err,
       "search --limit 5", err)
    rc, out, err = zhe("search", "--db", DB, "--format", "jsonl", "--all", "管制")
    ok(rc == 0 and len(out.splitlines()) == n and err == "", "search --all: every one, quietly",
       err)
    rc, out, err = zhe("search", "--db", DB, "--format", "jsonl", "没有这句话")
    ok(rc == 1 and out == "" and err == "", "nothing found: exit 1, as grep", err)
    rc, out, err = zhe("search", "--db", os.path.join(TMP, "missing.db"), "管制")
    ok(rc == 2 and "missing.db" in err, "no database: exit 2, the file named", err)
    rc, out, err = zhe("search", "--db", DB, "--limit", "x", "管制")
    ok(rc == 2, "a bad option: exit 2", err)
    con.close()
finally:
    shutil.rmtree(TMP, ignore_errors=True)
sys.exit(done())
