#!/usr/bin/env python3
"""Timeline exports of the corpus database, compared whole and checked.

usage: export_test.py [--update] ZHEVENTS SRCROOT

Ingests corpus/ (with --published 2023-09-05, as the other corpus runs)
and tests/export/formula.txt into a database in a temporary directory,
then, as numbered TAP cases:
  - `zhevents timeline --format F` for every format, compared whole with
    tests/export/expected/corpus.F (--update rewrites them:
    read the diff before committing);
  - the TimelineJS JSON has what TimelineJS requires: an integer year, a
    month from 1 to 12 and a day that exists where given, a headline, a
    unique id; the TimelineJS sheet has its 18 columns;
  - the CSV reads with Python's csv module into the same events, in the
    same order, as the JSON; a cell that starts with = opens as text;
  - --bom, and -o: an existing file or a symbolic link is never
    overwritten or followed without --force, and --force replaces the
    link itself, not what it points to.
"""
import calendar
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from taplib import clean_env, done, ok  # noqa: E402

args = [a for a in sys.argv[1:] if a != "--update"]
UPDATE = "--update" in sys.argv
ZHE, ROOT = os.path.abspath(args[0]), os.path.abspath(args[1])
EXPECTED = os.path.join(ROOT, "tests", "export", "expected")
TMP = tempfile.mkdtemp(prefix="zhevents-export-")
DB = os.path.join(TMP, "corpus.db")
ENV = clean_env()
WRAPPER = os.environ.get("ZHE_WRAPPER", "").split()
FORMATS = ["csv", "json", "jsonl", "timelinejs", "timelinejs-csv", "flourish", "prices-wide",
           "md", "html"]


def zhe(*a):
    p = subprocess.run(WRAPPER + [ZHE] + list(a), cwd=ROOT, env=ENV, capture_output=True,
                       timeout=300)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def timeline(fmt, *extra):
    rc, out, err = zhe("timeline", "--db", DB, "--format", fmt, *extra)
    if rc != 0:
        raise RuntimeError(f"timeline --format {fmt} exited {rc}: {err}")
    return out


try:
    rc, _, err = zhe("ingest", "--db", DB, "--published", "2023-09-05", "corpus/",
                     "tests/export/formula.txt")
    ok(rc == 0, "ingest corpus/ and formula.txt", err)

    outputs = {}
    for fmt in FORMATS:
        out = timeline(fmt)
        outputs[fmt] = out
        path = os.path.join(EXPECTED, "corpus." + fmt)
        if UPDATE:
            with open(path, "wb") as f:
                f.write(out)
        want = open(path, "rb").read() if os.path.exists(path) else b""
        detail = ""
        if out != want:
            import difflib
            detail = "".join(difflib.unified_diff(
                want.decode("utf-8", "replace").splitlines(True),
                out.decode("utf-8", "replace").splitlines(True), "expected", "got", n=1))
        ok(out == want, f"timeline --format {fmt} = tests/export/expected/corpus.{fmt}", detail)

    events = json.loads(outputs["json"])
    ok(len(events) >= 80, "the corpus gives its events", len(events))

    # TimelineJS: the fields it requires.
    tl = json.loads(outputs["timelinejs"])
    bad = []
    ids = set()
    for e in tl["events"]:
        d = e.get("start_date", {})
        y, m, day = d.get("year"), d.get("month"), d.get("day")
        if not isinstance(y, int) or (m is not None and not (isinstance(m, int) and 1 <= m <= 12)):
            bad.append(e)
        elif day is not None and (m is None or not 1 <= day <= calendar.monthrange(y, m)[1]):
            bad.append(e)
        elif not e.get("text", {}).get("headline") or not e.get("unique_id"):
            bad.append(e)
        ids.add(e.get("unique_id"))
    ok(not bad and len(tl["events"]) == sum(1 for e in events if e["date"]["timex"]),
       "timelinejs: every dated event, an integer year, month 1-12, a real day, a headline",
       json.dumps(bad[:3], ensure_ascii=False))
    ok(len(ids) == len(tl["events"]), "timelinejs: unique_id is unique")
    ok(tl["title"]["text"]["headline"], "timelinejs: a title slide")
    sheet = list(csv.reader(io.StringIO(outputs["timelinejs-csv"].decode("utf-8"))))
    ok(sheet[0][:3] == ["Year", "Month", "Day"] and len(sheet[0]) == 18
       and all(len(r) == 18 for r in sheet), "timelinejs-csv: the 18 columns of the sheet",
       sheet[0])

    # TimelineJS for a reader: at most six groups by default (a row each),
    # 年底 drawn in October, the title slide counting what it shows, the
    # sheet's title row.
    groups = {e.get("group") for e in tl["events"]}
    ok(len(groups) <= 6, "timelinejs: at most six groups by default", sorted(groups))
    chips = json.loads(timeline("timelinejs", "--group", "chip"))
    ok(len({e.get("group") for e in chips["events"]}) > 6, "timelinejs --group chip: a chip's")
    none = json.loads(timeline("timelinejs", "--group", "none"))
    ok(all("group" not in e for e in none["events"]), "timelinejs --group none: no groups")
    rc, _, err = zhe("timeline", "--db", DB, "--format", "timelinejs", "--group", "colour")
    ok(rc == 2 and "--group" in err, "timelinejs --group colour: a usage error", err)
    ends = [e for e in tl["events"] if e["display_date"].endswith("年底")]
    ok(ends and all(e["start_date"].get("month") == 10 for e in ends),
       "timelinejs: 年底 at October, not January 1", json.dumps(ends[:2], ensure_ascii=False))
    ok(tl["title"]["text"]["text"].startswith(f"{len(tl['events'])} 个事件"),
       "timelinejs: the title slide counts the slides", tl["title"]["text"])
    titled = list(csv.reader(io.StringIO(
        timeline("timelinejs-csv", "--title", "H20 一年").decode("utf-8"))))
    ok(titled[1][9] == "H20 一年" and titled[1][15] == "title",
       "timelinejs-csv --title: the sheet's title row", titled[1])
    undated_db = os.path.join(TMP, "undated.db")
    rc, _, err = zhe("ingest", "--db", undated_db, "tests/export/undated.txt")
    rc2, out, err2 = zhe("timeline", "--db", undated_db, "--format", "timelinejs")
    u = json.loads(out) if rc == 0 and rc2 == 0 else {}
    n_all = len(json.loads(zhe("timeline", "--db", undated_db, "--format", "json")[1] or "[]"))
    left = n_all - len(u.get("events", []))
    ok(left > 0 and f"（另有 {left} 个日期不详的事件未列入）" in u["title"]["text"]["text"],
       "timelinejs: the title slide says how many undated events it left out",
       json.dumps(u.get("title"), ensure_ascii=False) + err + err2)

    # CSV: the same events as the JSON, in the same order.
    rows = list(csv.DictReader(io.StringIO(outputs["csv"].decode("utf-8"), newline="")))
    neutral = lambda q: "'" + q if q[:1] in ("=", "+", "-", "@") else q
    ok([r["key"] for r in rows] == [e["key"] for e in events]
       and [r["quote"] for r in rows] == [neutral(e["quote"]) for e in events],
       "csv: the events of the JSON, in its order, quotes intact",
       f"{len(rows)} rows, {len(events)} events")
    body = outputs["csv"]
    ok(body.count(b"\r\n") == len(rows) + 1 and body.count(b"\n") == body.count(b"\r\n"),
       "csv: CRLF line ends (RFC 4180)")

    # A cell starting with = opens as text: the title of formula.txt.
    f_rows = [r for r in rows if "HYPERLINK" in r["title"]]
    ok(f_rows and all(r["title"].startswith("'=") for r in f_rows),
       "csv: a title starting with = gets a ' first", [r["title"] for r in f_rows])
    ok(all(c[:1] not in ("=", "+", "-", "@") for r in rows for c in r.values() if c),
       "csv: no cell starts with = + - @")
    fl = list(csv.reader(io.StringIO(outputs["flourish"].decode("utf-8"))))
    ok(fl[0] == ["Start time", "End time", "Category", "Title", "Text"]
       and all(c[:1] not in ("=", "+", "-", "@") for r in fl for c in r if c),
       "flourish: its five columns, formulas neutralized")

    # The Markdown carries no raw HTML from the articles.
    md = outputs["md"].decode("utf-8")
    ok(b"<script" not in outputs["html"].lower(), "html: no script (html_test.py checks the DOM)")
    ok("<script" not in md and "HYPERLINK" in md, "md: the formula article, no raw HTML")

    # The outlet, in every format that says where an event was reported
    # (科创财讯 published the corpus's A800 article); the money's qualifier.
    for fmt in ("csv", "json", "jsonl", "timelinejs", "flourish", "md", "html"):
        ok("科创财讯".encode() in outputs[fmt], f"{fmt}: the outlet (科创财讯)")
    ok(all("outlet" in e for e in events) and any(e["outlet"] == "科创财讯" for e in events),
       "json: outlet on every event")
    ok(any(r["qualifier"] == "approx" for r in rows), "csv: the money's qualifier (approx)")
    # The public page: no file paths, no confidence; --internal shows both.
    html = outputs["html"].decode("utf-8")
    ok("置信度" not in html and "text/h20-flash.gbk.txt" not in html,
       "html: no confidence and no file path on the public page")
    internal = timeline("html", "--internal").decode("utf-8")
    ok("置信度" in internal and "text/h20-flash.gbk.txt" in internal,
       "html --internal: the confidence and the article's file path")

    # --bom
    ok(timeline("csv", "--bom").startswith(b"\xef\xbb\xbfdate,"), "--bom: a byte order mark")

    # -o: never overwrite or follow without --force.
    target = os.path.join(TMP, "out.csv")
    open(target, "w").write("keep me")
    rc, out, err = zhe("timeline", "--db", DB, "--format", "csv", "-o", target)
    ok(rc == 2 and open(target).read() == "keep me", "-o on an existing file: refused", err)
    rc, out, err = zhe("timeline", "--db", DB, "--format", "csv", "-o", target, "--force")
    ok(rc == 0 and open(target, "rb").read() == outputs["csv"], "-o --force replaces it", err)
    victim = os.path.join(TMP, "victim.txt")
    open(victim, "w").write("victim")
    link = os.path.join(TMP, "link.csv")
    os.symlink(victim, link)
    rc, out, err = zhe("timeline", "--db", DB, "--format", "csv", "-o", link)
    ok(rc == 2 and open(victim).read() == "victim", "-o on a symbolic link: refused", err)
    rc, out, err = zhe("timeline", "--db", DB, "--format", "csv", "-o", link, "--force")
    ok(rc == 0 and open(victim).read() == "victim" and not os.path.islink(link),
       "-o --force replaces the link, not what it points to", err)
    dangling = os.path.join(TMP, "dangling.csv")
    os.symlink(os.path.join(TMP, "nowhere.txt"), dangling)
    rc, out, err = zhe("timeline", "--db", DB, "--format", "csv", "-o", dangling)
    ok(rc == 2 and not os.path.exists(os.path.join(TMP, "nowhere.txt")),
       "-o on a dangling link: refused, nothing created", err)
    left = [f for f in os.listdir(TMP) if ".csv." in f]
    ok(not left, "no temporary file left behind", left)

    rc, out, err = zhe("timeline", "--db", DB, "--format", "pdf")
    ok(rc == 2 and "unknown format 'pdf'" in err, "timeline --format pdf: exit 2", err)
    rc, out, err = zhe("timeline", "--db", DB)
    ok(rc == 2, "timeline without --format: exit 2", err)
    rc, out, err = zhe("timeline", "--db", os.path.join(TMP, "none.db"), "--format", "csv")
    ok(rc == 3, "timeline on a missing database: exit 3", err)
    rc, out, err = zhe("timeline", "--db", DB, "--format", "csv", "--chip", "' OR 1=1 --")
    ok(rc == 2 and out == b"" and "no chip named" in err,
       "--chip with SQL in it: no such chip, exit 2, nothing written", err)
finally:
    shutil.rmtree(TMP, ignore_errors=True)

sys.exit(done())
