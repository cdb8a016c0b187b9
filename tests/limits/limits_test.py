#!/usr/bin/env python3
"""Pathological inputs, each within a time and a memory bound.

usage: limits_test.py ZHEVENTS SRCROOT

Writes hostile inputs into a temporary directory and runs them through
`zhevents extract`, `ingest` (and the JSON Lines ones through `map`, the
record files through `load`):

  * 10 MB of news text (tests/bench/gen_corpus.py, fixed seed) on one line;
  * 100,000 万 in a price, 100,000 年 in a date (and the 万 take about
    the time the 年 take);
  * 1 MB of traditional, simplified and ambiguous characters alternating
    in one clause (about the time of 1 MB of simplified);
  * 10 MB of spaced digits (1 2 3 …) on one line, and 5 MB of spaced
    numbers and units (3 万 5 千 片 至 …);
  * a million digits, a million Latin letters;
  * 50,000 nested <div>s around the text, and 3 million; 300,000 <b>s
    that stray end tags leave open, <div/>s, unknown tags; 200,000 </div>s
    in table cells and </span>s after a <div>, which close nothing;
  * a JSON line of 50 MB: rejected by default, the reject on stderr naming
    the file, the line and the limit (exit 0, 1 with --strict), and
    processed with --max-article-bytes 60000000 (map's record of it would
    be longer than load reads: an error record);
  * numbers of 400 digits, bare and with 万 and 亿;
  * impossible dates (99999年13月45日, 2023年2月30日, 0年0月0日 …): every
    date that comes out, in the JSON and in the database, spans real days;
  * map: a 20 MB line gets one error record and the next line is mapped,
    and with a smaller --max-article-bytes the line is never held;
  * load: a line longer than a record can be (300 MB) is rejected, held
    only up to the limit, and the rest of the shard is loaded;
  * one sentence holding 100,000 prices.

Each run has a wall-clock bound (about five times what it takes on a
2-core machine, at least 10 s) and a memory bound: the child runs under
RLIMIT_AS of 2 GB, is killed once its resident set passes the bound, and
its peak (ru_maxrss, from wait4) must stay under it.  Under ASan the
address-space limit is off, the bounds are scaled (ASAN_SCALE) and the
50 MB article is not processed.  Each run's time and peak are printed as
TAP comments.

Memory grows with the article: about 20 times its size at the peak (the
text, its normalized copy and offset map, the mentions, the record and
its JSON line), so the 50 MB article, allowed by --max-article-bytes,
has a bound of 25 times its size; with the default limit of 16 MB no
article gets near 600 MB.
"""
import json
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from taplib import clean_env, done, ok  # noqa: E402

ZHE, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
TMP = tempfile.mkdtemp(prefix="zhevents-limits-")
ENV = clean_env(ZHEVENTS_LEXICONS=os.path.join(ROOT, "lexicons"))
MB = 1 << 20
RSS_BOUND = 600 * MB            # the peak resident set of any run
BIG_RSS = 25 * 50 * MB          # … of a run on the 50 MB article
AS_LIMIT = 2048 * MB            # RLIMIT_AS of every run (not under ASan)
with open(ZHE, "rb") as _f:
    ASAN = b"__asan_init" in _f.read()
# ASan and UBSan: slower, more memory (shadow, quarantine), and a
# reservation of terabytes of address space that RLIMIT_AS would refuse.
ASAN_SCALE = 4 if ASAN else 1

def _limits():
    """In the child, before exec: no core file; the address-space limit."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if not ASAN:
        resource.setrlimit(resource.RLIMIT_AS, (AS_LIMIT, AS_LIMIT))


def _rss(pid):
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


class Run:
    """A finished run: rc, seconds, peak (bytes), out (a path), err (text),
    why it was stopped ('' if it was not)."""


def run(args, bound, stdin=None, rss_bound=RSS_BOUND):
    """Run zhevents ARGS in TMP with stdin from the file STDIN, stdout to a
    file, within `bound` seconds and rss_bound bytes (both times
    ASAN_SCALE): past either it is killed."""
    bound *= ASAN_SCALE
    rss_bound *= ASAN_SCALE
    r = Run()
    r.out = os.path.join(TMP, "out")
    err_path = os.path.join(TMP, "err")
    with open(r.out, "wb") as out, open(err_path, "wb") as err, \
            open(stdin if stdin else os.devnull, "rb") as fin:
        t0 = time.monotonic()
        p = subprocess.Popen([ZHE] + args, stdin=fin, stdout=out, stderr=err, cwd=TMP,
                             env=ENV, preexec_fn=_limits)
        r.stopped = ""
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - t0 > bound:
                r.stopped = f"killed after {bound:.0f} s"
            elif _rss(p.pid) > rss_bound:
                r.stopped = f"killed past {rss_bound // MB} MB"
            if r.stopped:
                p.kill()
                pid, status, usage = os.wait4(p.pid, 0)
                break
            time.sleep(0.02)
        r.seconds = time.monotonic() - t0
    p.returncode = r.rc = os.waitstatus_to_exitcode(status)
    r.peak = usage.ru_maxrss * 1024
    with open(err_path, "rb") as f:
        r.err = f.read(1 << 20).decode("utf-8", "replace")
    if "runtime error:" in r.err or "Sanitizer" in r.err:
        r.stopped = "a sanitizer's report on stderr"
    r.ok = not r.stopped and r.seconds <= bound and r.peak <= rss_bound
    r.bounds = (f"{r.seconds:.1f} s of {bound:.0f}, peak {r.peak / MB:.0f} MB of "
                f"{rss_bound // MB}" + (f"; {r.stopped}" if r.stopped else ""))
    print(f"# zhevents {' '.join(a if len(a) < 40 else a[:37] + '...' for a in args)}: "
          f"exit {r.rc}, {r.bounds}", flush=True)
    return r


# The JSON Lines check runs in a child process, so that the parse of a
# large output never swells this process (whose pages every later child
# starts with).  It prints a summary: the number of lines, the first line
# that is no JSON object, and for each line its keys of interest.  Mentions
# and events are looked at as they are parsed and dropped.
_SUMMARY = r'''
import datetime, json, math, re, sys

def real_day(s):
    try:
        datetime.date.fromisoformat(s)
        return True
    except (TypeError, ValueError):
        return False

def summarize(path):
    out = {"lines": 0, "bad": None, "records": []}
    with open(path, "rb") as f:
        for no, line in enumerate(f, 1):
            out["lines"] = no
            rec = {"types": {}, "bad_dates": [], "bad_amounts": [], "chips": []}
            def hook(d):
                if "timex" in d and "start" in d and not (
                        real_day(d.get("start")) and real_day(d.get("end"))
                        and d["start"] <= d["end"]
                        and (not re.fullmatch(r"\d{4}-\d\d-\d\d", str(d["timex"]))
                             or real_day(d["timex"]))):
                    rec["bad_dates"].append(d)
                if "type" not in d:
                    return d
                t = d["type"]
                rec["types"][t] = rec["types"].get(t, 0) + 1
                v = d.get("value")
                if t in ("money", "quantity") and "value" in d and not (
                        isinstance(v, dict) and isinstance(v.get("amount"), (int, float))
                        and math.isfinite(v["amount"])):
                    rec["bad_amounts"].append(d.get("text", "")[:40])
                if t == "chip" and isinstance(v, dict):
                    rec["chips"].append(v.get("model"))
                return 0
            try:
                o = json.loads(line, object_hook=hook)
            except ValueError as e:
                out["bad"] = out["bad"] or f"line {no}: {e}"
                continue
            if not isinstance(o, dict):
                out["bad"] = out["bad"] or f"line {no}: not an object"
                continue
            for k in ("id", "error", "status", "line", "hash"):
                if k in o:
                    rec[k] = o[k] if k != "hash" else True
            rec["bad_dates"] = rec["bad_dates"][:5]
            rec["bad_amounts"] = rec["bad_amounts"][:5]
            out["records"].append(rec)
    return out

json.dump(summarize(sys.argv[1]), sys.stdout)
'''


def summary(path):
    """The JSON Lines in path, summarized (see _SUMMARY); bad is set when
    a line is no JSON object."""
    p = subprocess.run([sys.executable, "-c", _SUMMARY, path], capture_output=True)
    if p.returncode != 0:
        return {"lines": 0, "bad": p.stderr.decode(errors="replace")[-2000:], "records": []}
    return json.loads(p.stdout)


def db_counts(db):
    """Articles, rejects, and the mentions whose amount is not finite or
    whose days are not real, of database db."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        n = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
             for t in ("articles", "rejects")}
        n["inf"] = con.execute("SELECT count(*) FROM mentions WHERE abs(amount) = 9e999 "
                               "OR abs(high) = 9e999").fetchone()[0]
        n["bad_days"] = con.execute(
            "SELECT count(*) FROM mentions WHERE type = 'date' AND "
            "(date(start_date) IS NOT start_date OR date(end_date) IS NOT end_date "
            "OR end_date < start_date)").fetchone()[0]
        return n
    finally:
        con.close()


def new_db(name):
    db = os.path.join(TMP, name)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    return db


def extract_case(name, path, bound, extra=(), expect=None, rss_bound=RSS_BOUND):
    """extract PATH: exit 0, JSON Lines of one record each article, within
    the bounds.  Returns the summary."""
    r = run(["extract", "--published", "2023-09-05", *extra, path], bound, rss_bound=rss_bound)
    s = summary(r.out) if not r.stopped else {"lines": 0, "bad": "killed", "records": []}
    n = 1 if expect is None else expect
    ok(r.rc == 0 and r.ok and not s["bad"] and s["lines"] == n,
       f"{name}: extract exits 0 with {n} JSON line{'s' * (n != 1)} ({r.bounds})",
       f"exit {r.rc}, {s['lines']} lines, {s['bad']}\n{r.err}")
    return s


def ingest_case(name, path, bound, extra=(), articles=1, rejects=0, rc=0,
                rss_bound=RSS_BOUND):
    """ingest PATH into a new database: exit rc, the articles and rejects
    stored, within the bounds.  Returns the run and the counts."""
    db = new_db("t.db")
    r = run(["ingest", "--quiet", "--published", "2023-09-05", "--db", db, *extra, path],
            bound, rss_bound=rss_bound)
    try:
        n = db_counts(db)
    except sqlite3.Error as e:
        n = {"error": str(e)}
    ok(r.rc == rc and r.ok and n.get("articles") == articles
       and n.get("rejects") == rejects,
       f"{name}: ingest exits {rc}, {articles} article{'s' * (articles != 1)} and "
       f"{rejects} reject{'s' * (rejects != 1)} stored ({r.bounds})",
       f"exit {r.rc}, {n}\n{r.err}")
    return r, n


def text_source():
    """The paragraphs of the benchmark corpus, without line breaks, again
    and again."""
    corpus = os.path.join(TMP, "gen.jsonl")
    if not os.path.exists(corpus):
        subprocess.run([sys.executable, os.path.join(ROOT, "tests", "bench", "gen_corpus.py"),
                        "--size", "11", "-o", corpus], check=True)
    while True:
        with open(corpus, encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)["content"].replace("\n", "").replace("\r", "")


def write_text(path, size, prefix="", suffix="", escape=False):
    """Write prefix, `size` bytes of news text (JSON-escaped when escape),
    and suffix to path, a paragraph at a time."""
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        f.write(prefix)
        for para in text_source():
            b = para.encode()
            if n + len(b) > size:
                para = b[:size - n].decode("utf-8", "ignore")
            f.write(json.dumps(para, ensure_ascii=False)[1:-1] if escape else para)
            n += len(para.encode())
            if n >= size - 3:
                break
        f.write(suffix)


def soup():
    """150,000 tags, opening and closing <dt>, <font> and <strong> at random
    (seeded), and some text: each tag makes gumbo reopen the formatting
    elements that the others closed."""
    r = random.Random(4)
    parts = []
    for _ in range(150_000):
        t, k = r.choice(("dt", "font", "strong")), r.random()
        parts.append(f"<{t}>" if k < 0.55 else f"</{t}>" if k < 0.9 else f"<{t}/>" if k < 0.95
                     else "字")
    return "".join(parts)


SMALL = json.dumps({"id": "small", "title": "小", "published": "2023-09-05",
                    "content": "9月份，英伟达H100价格调涨16%，达544万日元。"},
                   ensure_ascii=False) + "\n"


def p(name):
    return os.path.join(TMP, name)


try:
    # -- 10 MB of news text without a line break --
    write_text(p("oneline.txt"), 10_000_000)
    ok(os.path.getsize(p("oneline.txt")) >= 9_999_000
       and b"\n" not in open(p("oneline.txt"), "rb").read(),
       "10 MB of text on one line written")
    extract_case("10 MB on one line", p("oneline.txt"), 10)
    ingest_case("10 MB on one line", p("oneline.txt"), 12)

    # -- 100,000 万 and 100,000 年 in a sentence --
    with open(p("wan.txt"), "w", encoding="utf-8") as f:
        f.write("万\n英伟达H100的售价为3" + "万" * 100_000 + "元，较上月上涨。\n")
    with open(p("nian.txt"), "w", encoding="utf-8") as f:
        f.write("年\n英伟达于2023" + "年" * 100_000 + "10月17日发布H100。\n")
    extract_case("100,000 年", p("nian.txt"), 10)
    nian, _ = ingest_case("100,000 年", p("nian.txt"), 10)
    extract_case("100,000 万", p("wan.txt"), 10)
    wan, _ = ingest_case("100,000 万", p("wan.txt"), 10)
    ok(wan.seconds < 4 * nian.seconds + 1,
       f"100,000 万: ingest takes about what 100,000 年 takes ({wan.seconds:.1f} s "
       f"against {nian.seconds:.1f} s)")

    # -- 1 MB alternating traditional and simplified characters --
    # One clause with no punctuation: traditional-only characters (國 萬),
    # their simplified forms, and ambiguous ones (著 乾 於 昇) whose clause
    # is judged once, not once per character; against 1 MB of the
    # simplified forms alone.
    with open(p("alt.txt"), "w", encoding="utf-8") as f:
        f.write("繁简\n港幣" + "國国著着萬万乾干於于昇升" * 29_000 + "元。\n")
    with open(p("simp.txt"), "w", encoding="utf-8") as f:
        f.write("简体\n港币" + "国着万干于升" * 58_000 + "元。\n")
    extract_case("1 MB alternating traditional and simplified", p("alt.txt"), 10)
    alt, _ = ingest_case("1 MB alternating traditional and simplified", p("alt.txt"), 10)
    simp, _ = ingest_case("1 MB of simplified characters", p("simp.txt"), 10)
    ok(alt.seconds < 4 * simp.seconds + 1,
       f"1 MB alternating traditional and simplified: ingest takes about what 1 MB of "
       f"simplified takes ({alt.seconds:.1f} s against {simp.seconds:.1f} s)")

    # -- 10 MB of spaced digits on one line --
    # Taiwan's spaced numbers (每月 3 万片) are read across their spaces;
    # 1 2 3 … stays many numbers, and reading them stays linear.  With 万
    # and 片 between them too (3 万 5 千 片 …), half as long.
    with open(p("spaced.txt"), "w", encoding="utf-8") as f:
        f.write("数字\n" + "1 2 3 4 5 6 7 8 9 0 " * 524_288 + "。\n")
    with open(p("spaced-units.txt"), "w", encoding="utf-8") as f:
        f.write("数字\n每月 " + "3 万 5 千 片 至 " * 200_000 + "4 万片。\n")
    extract_case("10 MB of spaced digits", p("spaced.txt"), 20)
    ingest_case("10 MB of spaced digits", p("spaced.txt"), 30)
    extract_case("5 MB of spaced numbers and units", p("spaced-units.txt"), 20)

    # A run of a million digits, and of a million Latin letters: no
    # token is searched for from each of their characters to their end.
    with open(p("runs.txt"), "w", encoding="utf-8") as f:
        f.write("长串\n价格为" + "9" * 1_000_000 + "元。型号为H" + "x" * 1_000_000 + "。\n")
    extract_case("a million digits and letters", p("runs.txt"), 10)
    ingest_case("a million digits and letters", p("runs.txt"), 10)

    # -- 50,000 nested <div>s --
    with open(p("nested.html"), "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html><html><head><title>嵌套</title></head><body>"
                + "<div>" * 50_000 + "<p>9月份，英伟达H100价格调涨16%，达544万日元。</p>"
                + "</div>" * 50_000 + "</body></html>\n")
    s = extract_case("50,000 nested <div>s", p("nested.html"), 15)
    ok(s["records"] and "H100" in s["records"][0]["chips"],
       "50,000 nested <div>s: the text inside is read (H100 found)", repr(s)[:1000])
    ingest_case("50,000 nested <div>s", p("nested.html"), 15)
    # 16 MB of <div>s (3 million deep, the most --max-article-bytes lets
    # through by default): what is deeper than 256, and every tag after the
    # first 50,000, is left out (the text kept).
    with open(p("deep.html"), "w", encoding="utf-8") as f:
        f.write("<html><body>" + "<div><span>" * 1_500_000 + "9月份，英伟达H100价格调涨16%。"
                + "</span></div>" * 1_500_000 + "</body></html>\n")
    s = extract_case("3 million nested tags", p("deep.html"), 15,
                     extra=["--max-article-bytes", "40000000"])
    ok(s["records"] and "H100" in s["records"][0]["chips"],
       "3 million nested tags: the text inside is read (H100 found)", repr(s)[:1000])
    # Trees as deep by other roads: end tags that close nothing (gumbo
    # keeps the <b>s open), <div/> (which opens a div), tags HTML does not
    # know.  Each once took gumbo minutes or overflowed its stack.
    para = "<p>9月份，英伟达H100价格调涨16%，达544万日元。</p>"
    # End tags that the parser ignores, though their element is open: a
    # </div> outside the table cell it stands in, a </span> with a <div>
    # after its <span>.
    for name, body in (("300,000 <b> closed by </i>", "<b id=x></i>" * 300_000),
                       ("300,000 <div/>", "<div/>" * 300_000),
                       ("300,000 nested <foo>", "<foo>" * 300_000),
                       ("200,000 </div> in table cells", "<div><table><tr><td></div>" * 200_000),
                       ("200,000 </span> after a <div>", "<span><div></span>" * 200_000),
                       ("150,000 tags reopening formatting elements", soup())):
        with open(p("deep2.html"), "w", encoding="utf-8") as f:
            f.write("<html><body>" + body + para + "</body></html>\n")
        s = extract_case(name, p("deep2.html"), 10)
        ok(s["records"] and "H100" in s["records"][0]["chips"],
           f"{name}: the text after them is read (H100 found)", repr(s)[:1000])

    # -- a JSON line of 50 MB, then a small one --
    write_text(p("big.jsonl"), 50_000_000,
               prefix='{"id": "big", "title": "大", "published": "2023-09-05", "content": "',
               suffix='"}\n' + SMALL, escape=True)
    name = "50 MB line"
    s = extract_case(name, p("big.jsonl"), 10)
    r = run(["extract", p("big.jsonl")], 10)
    ok("big.jsonl:1:" in r.err and "16777216" in r.err and "--max-article-bytes" in r.err,
       f"{name}: the reject on stderr names the file, the line and the limit", r.err)
    ok(s["records"] and s["records"][0].get("id") == "small",
       f"{name}: the next line is read", repr(s)[:1000])
    r = run(["extract", "--strict", p("big.jsonl")], 10)
    ok(r.rc == 1 and r.ok, f"{name}: extract --strict exits 1 ({r.bounds})",
       f"exit {r.rc}\n{r.err}")
    r, _ = ingest_case(name, p("big.jsonl"), 10, rejects=1)
    ok("big.jsonl:1:" in r.err and "16777216" in r.err,
       f"{name}: ingest names the file, the line and the limit", r.err)
    ingest_case(name, p("big.jsonl"), 10, extra=["--strict"], rejects=1, rc=1)
    r = run(["map"], 10, stdin=p("big.jsonl"))
    s = summary(r.out)
    recs = s["records"]
    ok(r.rc == 0 and r.ok and not s["bad"] and len(recs) == 2
       and recs[0].get("status") == "input too big" and recs[0].get("line") == 1
       and "16777216" in recs[0].get("error", "") and recs[1].get("hash"),
       f"{name}: map writes an error record naming the limit, then the next "
       f"record ({r.bounds})", f"exit {r.rc}\n{repr(s)[:2000]}\n{r.err}")
    r = run(["map", "--strict"], 10, stdin=p("big.jsonl"))
    ok(r.rc == 1 and r.ok, f"{name}: map --strict exits 1 ({r.bounds})", f"exit {r.rc}\n{r.err}")

    # Under ASan the memory bound would be ASan's overhead's more than
    # zhevents', and these runs take the longest: they are the 10 MB
    # case's code on more text.
    name = "50 MB line, --max-article-bytes 60000000"
    big = ["--max-article-bytes", "60000000"]
    if ASAN:
        for what in ("extract", "ingest", "map"):
            ok(True, f"{name}: {what} # SKIP the memory bounds are the build's without ASan")
    else:
        extract_case(name, p("big.jsonl"), 60, extra=big, expect=2, rss_bound=BIG_RSS)
        ingest_case(name, p("big.jsonl"), 60, extra=big, articles=2, rss_bound=BIG_RSS)
        r = run(["map", *big], 90, stdin=p("big.jsonl"), rss_bound=BIG_RSS)
        s = summary(r.out) if not r.stopped else {"lines": 0, "bad": "killed", "records": []}
        # The article's record (text, sentences and their words: over
        # 300 MB) would be longer than load reads: an error record instead.
        recs = s["records"]
        ok(r.rc == 0 and r.ok and not s["bad"] and len(recs) == 2
           and recs[0].get("status") == "input too big" and recs[0].get("line") == 1
           and "load's limit of 134217728" in recs[0].get("error", "")
           and recs[1].get("hash") and recs[1].get("id") == "small",
           f"{name}: map writes an error record naming load's limit, then the next "
           f"record ({r.bounds})", f"exit {r.rc}\n{repr(s)[:2000]}\n{r.err}")
    os.remove(p("big.jsonl"))

    # -- numbers of 400 digits --
    nines = "9" * 400
    digits = (f"英伟达H100价格为{nines}元。H20报价为{nines}万元，A100售价为{nines}亿元。"
              f"9月份出货{nines}万片，另有{'1' * 400}.5万元。")
    with open(p("digits.txt"), "w", encoding="utf-8") as f:
        f.write("四百位数字\n" + digits + "\n")
    with open(p("digits.jsonl"), "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "digits", "title": "四百位数字", "content": digits,
                            "published": "2023-09-05"}, ensure_ascii=False) + "\n" + SMALL)
    name = "400 digits"
    s = extract_case(name, p("digits.txt"), 10)
    bad = [x for rec in s["records"] for x in rec["bad_amounts"]]
    ok(s["records"] and not bad,
       f"{name}: every money and quantity mention has a finite amount",
       f"{len(bad)} without: {bad}")
    _, n = ingest_case(name, p("digits.txt"), 10)
    ok(n.get("inf") == 0, f"{name}: ingest stores no infinite amount", repr(n))
    r = run(["map"], 10, stdin=p("digits.jsonl"))
    shutil.copy(r.out, p("digits.map"))
    db = new_db("l.db")
    r = run(["load", "--quiet", "--db", db, p("digits.map")], 10)
    n = db_counts(db)
    ok(r.rc == 0 and n["articles"] == 2 and n["rejects"] == 0,
       f"{name}: load takes both records map wrote ({r.bounds})", f"exit {r.rc}, {n}\n{r.err}")

    # -- impossible dates --
    dates = ("99999年13月45日，英伟达发布H100。2023年2月30日，英伟达发布H20。"
             "0年0月0日，A100停产。2023年13月1日，2023年12月32日，2023年2月29日，"
             "2023年4月31日，2023年0月10日，2023年10月0日，-1年1月1日，"
             "10000年1月1日，9999年12月31日，2024年2月29日，美国更新出口管制条例。"
             "9月31日，H100价格为26.5万元。次日，英伟达A800面临禁售。")
    with open(p("dates.txt"), "w", encoding="utf-8") as f:
        f.write("不可能的日期\n" + dates * 3 + "\n")
    name = "impossible dates"
    s = extract_case(name, p("dates.txt"), 10)
    bad = [x for rec in s["records"] for x in rec["bad_dates"]]
    ok(s["records"] and not bad and s["records"][0]["types"].get("date", 0) > 0,
       f"{name}: every date's start, end and day are real days",
       f"{s['records'][0]['types'] if s['records'] else ''}; bad: {bad}")
    _, n = ingest_case(name, p("dates.txt"), 10)
    ok(n.get("bad_days") == 0, f"{name}: so are the database's", repr(n))

    # -- map: a 20 MB line --
    write_text(p("map20.jsonl"), 20_000_000, prefix='{"id": "big", "content": "',
               suffix='"}\n' + SMALL, escape=True)
    name = "map, a 20 MB line"
    r = run(["map"], 10, stdin=p("map20.jsonl"))
    s = summary(r.out)
    recs = s["records"]
    ok(r.rc == 0 and r.ok and not s["bad"] and len(recs) == 2
       and recs[0].get("status") == "input too big" and recs[0].get("line") == 1
       and "16777216" in recs[0].get("error", "")
       and recs[1].get("hash") and recs[1].get("id") == "small",
       f"{name}: one error record naming the limit, the next line mapped ({r.bounds})",
       f"exit {r.rc}\n{repr(s)[:2000]}\n{r.err}")
    base = run(["map"], 10, stdin=p("digits.jsonl"))
    r = run(["map", "--max-article-bytes", "1000000"], 10, stdin=p("map20.jsonl"))
    s = summary(r.out)
    ok(r.rc == 0 and len(s["records"]) == 2 and r.peak < base.peak + 10 * MB,
       f"{name}, --max-article-bytes 1000000: the line is not held "
       f"(peak {r.peak / MB:.0f} MB against {base.peak / MB:.0f} MB for a small input)",
       f"exit {r.rc}\n{repr(s)[:1000]}\n{r.err}")
    os.remove(p("map20.jsonl"))

    # -- load: a line longer than a record can be --
    name = "load, a 300 MB line"
    with open(p("two.jsonl"), "w", encoding="utf-8") as f:
        f.write(SMALL + json.dumps({"id": "third", "content": "英伟达A800于2023年10月17日面临禁售。"},
                                   ensure_ascii=False) + "\n")
    r = run(["map"], 10, stdin=p("two.jsonl"))
    with open(r.out, encoding="utf-8") as f:
        small_record, third_record = f.readlines()
    with open(p("shard.jsonl"), "w", encoding="utf-8") as f:
        f.write(small_record)
        f.write('{"hash": "')
        chunk = "a" * MB
        for _ in range(300):
            f.write(chunk)
        f.write('"}\n')
        f.write(third_record)
    # load holds no more of a line than the limit, 128 MiB
    db = new_db("l.db")
    r = run(["load", "--quiet", "--db", db, p("shard.jsonl")], 10, rss_bound=200 * MB)
    n = db_counts(db)
    ok(r.rc == 0 and r.ok and n["articles"] == 2 and n["rejects"] == 1,
       f"{name}: rejected, held only up to the limit, and the lines around it loaded "
       f"({r.bounds})", f"exit {r.rc}, {n}\n{r.err}")
    ok("shard.jsonl:2:" in r.err and "134217728" in r.err,
       f"{name}: the reject names the file, the line and the limit", r.err)
    r = run(["load", "--quiet", "--strict", "--db", db, p("shard.jsonl")], 10,
            rss_bound=200 * MB)
    ok(r.rc == 1 and r.ok, f"{name}: load --strict exits 1 ({r.bounds})",
       f"exit {r.rc}\n{r.err}")
    os.remove(p("shard.jsonl"))

    # -- one sentence holding 100,000 prices --
    with open(p("prices.txt"), "w", encoding="utf-8") as f:
        f.write("价格\n" + "价格为26.5万元和" * 100_000 + "\n")
    extract_case("one sentence of 100,000 prices", p("prices.txt"), 10)
finally:
    shutil.rmtree(TMP, ignore_errors=True)

print(f"# {'ASan build: bounds times 4, no RLIMIT_AS' if ASAN else 'RLIMIT_AS 2 GB'}")
sys.exit(done())
