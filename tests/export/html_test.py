#!/usr/bin/env python3
"""The timeline's HTML page, loaded in a real browser (headless chromium).

usage: html_test.py ZHEVENTS CHROMIUM SRCROOT

CHROMIUM is the chromium program, or '' when meson did not find it: the
test is then skipped (exit 77).  In a temporary directory:
  - ingests corpus/ (with --published 2023-09-05) and three inputs of its own:
    tests/export/hostile.txt (a plain-text article whose sentences carry
    <script>, <img onerror>, <style> and quotes), hostile.jsonl (a
    javascript: URL, a URL with "> in it, markup in titles and text) and
    undated.txt (an article with no date, so undated events), after
    checking with `zhevents extract` that their markup survives into the
    events' quotes;
  - writes the page with `zhevents timeline --format html -o T/t.html`
    and checks the file itself: <!doctype html>, lang zh-CN, UTF-8, one
    <style>, no <script>, nothing fetched (no src=, <link>, url(), @import);
  - loads it with `chromium --headless --dump-dom` and reads the DOM with
    html.parser: a price chart <svg> per chip that has a yuan price, the
    swimlane with a lane per chip (and one for events without chips), an
    event list with one item per event, each quote whole with its mention
    in <mark> (code points, as the JSON gives them), the hostile strings
    present as text and never as elements or attributes (no <script>,
    <img>, <iframe>, no on* attribute, no javascript: link), links only to
    the page itself or http(s);
  - takes a 1280x2000 screenshot and checks the PNG (decoded with zlib
    and struct) is that size and not blank.
Prints one "ok"/"not ok" line per check; exit 0 all passed, 1 a check
failed, 77 skipped.
"""
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from html.parser import HTMLParser

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from taplib import clean_env, count, done, failed, ok  # noqa: E402

if len(sys.argv) != 4:
    sys.exit(__doc__)
ZHE, CHROMIUM, ROOT = os.path.abspath(sys.argv[1]), sys.argv[2], os.path.abspath(sys.argv[3])
if not CHROMIUM or not shutil.which(CHROMIUM):
    print("# SKIP: chromium not found (apt-get install chromium)")
    sys.exit(77)

HERE = os.path.join(ROOT, "tests", "export")
TMP = tempfile.mkdtemp(prefix="zhevents-html-")
DB = os.path.join(TMP, "c.db")
PAGE = os.path.join(TMP, "t.html")
SHOT = os.path.join(TMP, "shot.png")
ENV = clean_env(HOME=TMP)
WRAPPER = os.environ.get("ZHE_WRAPPER", "").split()



def charted(e):
    """Does a chip's price chart take event e: one chip sold (not a machine,
    a rental, a forecast or a denial), with a yuan value?"""
    return (e["type"] in ("price", "launch") and e["money"] and e["money"].get("cny") is not None
            and e["per"] == "chip" and e["period"] is None and e["modality"] == "asserted"
            and e["polarity"] == "positive")

def zhe(*a):
    p = subprocess.run(WRAPPER + [ZHE] + list(a), cwd=ROOT, env=ENV, capture_output=True,
                       timeout=300)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def chromium(*a):
    """Run headless chromium on the page; its stdout (the DOM for --dump-dom)."""
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           "--no-first-run", "--disable-extensions", "--hide-scrollbars",
           "--user-data-dir=" + os.path.join(TMP, "chromium")] + list(a) + ["file://" + PAGE]
    p = subprocess.run(cmd, env=ENV, capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


# ------------------------------------------------------------ the DOM


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []      # Nodes and strings

    def cls(self):
        return (self.attrs.get("class") or "").split()

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.walk()

    def find(self, tag=None, cls=None):
        return [e for e in self.walk() if (tag is None or e.tag == tag) and
                (cls is None or cls in e.cls())]

    def ancestors(self):
        a = self.parent
        while a is not None:
            yield a
            a = a.parent


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Tree(HTMLParser):
    """The dumped DOM as a tree (chromium writes it well formed)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        node = self.cur
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.cur = node.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(html):
    t = Tree()
    t.feed(html)
    t.close()
    return t.root


# ------------------------------------------------------------ the PNG


def png_rows(path):
    """(width, height, rows of pixel bytes) of an 8-bit RGB or RGBA PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    w, h, depth, colour, _, _, interlace = ihdr
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unexpected PNG: depth {depth}, colour type {colour}")
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


# ------------------------------------------------------------ the run


def main():
    # the hostile article's markup survives extraction, into the quotes
    rc, out, err = zhe("extract", "--format", "jsonl", os.path.join(HERE, "hostile.txt"),
                       os.path.join(HERE, "hostile.jsonl"))
    quotes = [e["sentence"] for line in out.splitlines() for e in json.loads(line)["events"]]
    ok(rc == 0 and len(quotes) >= 5, "extract: the hostile inputs make events", out + err)
    for s in ["<script>alert(1)</script>H100售价为25万元", "<img src=x onerror=alert(2)>",
              "<style>body{display:none}</style>", "<iframe src=\"https://evil.example/\">"]:
        ok(any(s in q for q in quotes), f"extract: {s!r} is in a quote", "\n".join(quotes))

    rc, out, err = zhe("ingest", "--db", DB, "--published", "2023-09-05", "corpus/")
    ok(rc == 0, "ingest corpus/", err)
    rc, out, err = zhe("ingest", "--db", DB, os.path.join(HERE, "hostile.txt"),
                       os.path.join(HERE, "hostile.jsonl"), os.path.join(HERE, "undated.txt"))
    ok(rc == 0, "ingest the hostile and the undated inputs", err)
    rc, out, err = zhe("timeline", "--db", DB, "--format", "jsonl")
    ok(rc == 0, "timeline --format jsonl", err)
    events = [json.loads(line) for line in out.splitlines()]
    rc, out, err = zhe("timeline", "--db", DB, "--format", "html", "-o", PAGE)
    if not ok(rc == 0 and os.path.exists(PAGE), "timeline --format html -o t.html", err):
        return

    # what the page should hold
    price_chips, lane_chips, chipless = set(), set(), False
    for e in events:
        if not e["date"]["start"]:
            continue
        if e["chips"]:
            lane_chips.update(e["chips"])
        else:
            chipless = True
        if charted(e):
            price_chips.update(e["chips"])

    # the file itself
    raw = open(PAGE, encoding="utf-8").read()
    low = raw.lower()
    ok(raw.startswith("<!doctype html>\n"), "the page starts with <!doctype html>", raw[:80])
    ok('<html lang="zh-cn">' in low and '<meta charset="utf-8">' in low,
       "the page is lang zh-CN and UTF-8")
    ok(low.count("<style") == 1 and low.count("</style>") == 1, "one <style> element",
       low.count("<style"))
    ok("<script" not in low and "<img" not in low and "<iframe" not in low,
       "no <script>, <img> or <iframe> tag in the file")
    page = parse(raw)
    fetch = [(e.tag, k) for e in page.walk() for k in e.attrs
             if k in ("src", "srcset", "xlink:href", "data", "poster", "background")]
    css = "".join(e.text() for e in page.find("style")).lower()
    ok(not fetch and not page.find("link") and "url(" not in css and "@import" not in css,
       "the page fetches nothing (no src=, <link>, url(), @import)", fetch)

    # the DOM chromium builds from it
    rc, dom, err = chromium("--dump-dom")
    if not ok(rc == 0 and "</html>" in dom, "chromium --dump-dom", err[-2000:]):
        return
    doc = parse(dom)
    tags = [e.tag for e in doc.walk()]
    ok(tags.count("script") == 0, "no <script> element in the DOM")
    ok(tags.count("img") == 0, "no <img> element in the DOM")
    for t in ("iframe", "object", "embed", "link", "base", "form", "u", "b"):
        ok(tags.count(t) == 0, f"no <{t}> element in the DOM")
    styles = doc.find("style")
    ok(len(styles) == 1 and any(a.tag == "head" for a in styles[0].ancestors()),
       "the one <style> element is the page's own, in <head>")
    bad_attrs = [(e.tag, k, v) for e in doc.walk() for k, v in e.attrs.items()
                 if k.startswith("on") or (v and "javascript:" in v.lower())]
    ok(not bad_attrs, "no on* attribute, no javascript: anywhere in an attribute", bad_attrs)
    hrefs = [e.attrs.get("href") for e in doc.walk() if "href" in e.attrs]
    ok(hrefs and all(h.startswith("#") or h.startswith("http://") or h.startswith("https://")
                     for h in hrefs), "links go to the page itself or to http(s)",
       [h for h in hrefs if not h.startswith(("#", "http"))])
    ids = {e.attrs["id"] for e in doc.walk() if "id" in e.attrs}
    ok(all(h[1:] in ids for h in hrefs if h.startswith("#")), "every #link has its target")

    title = doc.find("title")
    ok(title and title[0].text() == "芯片事件时间线 · zhevents", "the default title",
       title and title[0].text())
    h1 = doc.find("h1")
    ok(h1 and h1[0].text() == "芯片事件时间线 · zhevents", "the <h1>")
    count = doc.find("p", "count")
    ok(count and f"共 {len(events)} 个事件" in count[0].text(), "the count of events",
       count and count[0].text())

    # the charts
    charts = doc.find("svg", "price-chart")
    chart_chips = [c.attrs.get("data-chip") for c in charts]
    ok(len(charts) == len(price_chips) and set(chart_chips) == price_chips,
       f"a price chart per chip with a yuan price ({len(price_chips)})",
       f"charts {chart_chips}\nexpected {sorted(price_chips)}")
    ok(len(charts) >= 5, "the corpus has price charts for at least 5 chips", len(charts))
    h100 = [c for c in charts if c.attrs.get("data-chip") == "H100"]
    if ok(len(h100) == 1, "H100 has a price chart"):
        n_h100 = sum(1 for e in events if "H100" in e["chips"] and charted(e) and e["date"]["start"])
        pts = h100[0].find("a", "pt")
        ok(len(pts) == n_h100, f"H100's chart has a point per price ({n_h100})", len(pts))
        ok(all(p.find("title") for p in pts), "every point has a <title>")
        texts = [p.find("title")[0].text() for p in pts]
        ok(any("25万元" in t and "2023年" in t for t in texts),
           "a hover text gives the date and the amount", texts)
        ok(any("美元" in t and "≈" in t for t in texts),
           "a hover text gives the amount in its currency and in yuan", texts)
        labels = [t.text() for t in h100[0].find("text")]
        ok(any(l.endswith("万") for l in labels) and "2023年" in labels,
           "the axes have yuan (万) and year labels", labels)
    ranged = [e for e in events if e["money"] and e["money"].get("high") is not None]
    ok(not ranged or any(c.find("line", "v") for c in charts),
       "a range of prices is a vertical bar")

    # the swimlane
    lanes = doc.find("svg", "swimlane")
    if ok(len(lanes) == 1, "one swimlane <svg>"):
        groups = lanes[0].find("g", "lane")
        names = [g.find("text")[0].children[0] for g in groups]
        expect = len(lane_chips) + (1 if chipless else 0)
        ok(len(groups) == expect, f"a lane per chip, and one without ({expect})",
           f"{names}\n{sorted(lane_chips)}")
        ok(set(names) - {"无芯片"} == lane_chips, "the lanes' names are the chips")
        marks = sum(len(g.find("a")) for g in groups)
        expect = sum(max(1, len(e["chips"])) for e in events if e["date"]["start"])
        ok(marks == expect, f"a mark per event and chip ({expect})", marks)
        ok(all(a.find("title") for a in lanes[0].find("a")), "every mark has a <title>")
        ok(any("H20报价<svg onload=alert(3)>" in t.text() for t in lanes[0].find("title")),
           "a hostile title is text in an SVG <title>")
        shapes = {c.tag for a in lanes[0].find("a") for c in a.walk() if "mk" in c.cls()}
        ok(len(shapes) >= 3, "types have their own shapes", shapes)

    # the list
    lists = doc.find("ol", "events")
    items = [li for li in lists[0].children if isinstance(li, Node) and li.tag == "li"] \
        if len(lists) == 1 else []
    ok(len(items) == len(events), f"the list has an item per event ({len(events)})", len(items))
    bad_quotes, bad_marks, marked = [], [], 0
    for li, e in zip(items, events):
        bq = li.find("blockquote")
        if not bq or bq[0].text() != e["quote"]:
            bad_quotes.append((e["quote"], bq and bq[0].text()))
            continue
        m = bq[0].find("mark")
        want = e["quote"][e["mark"][0]:e["mark"][1]] if e.get("mark") else None
        got = m[0].text() if m else None
        if want != got:
            bad_marks.append((e["quote"], e.get("mark"), want, got))
        marked += bool(m)
    ok(not bad_quotes, "every quote is whole, as the article printed it", bad_quotes)
    ok(not bad_marks and marked > 10, "the mention is in <mark>, counted in code points",
       bad_marks)
    badges = [li.find("span", "badge")[0].text() for li in items if li.find("span", "badge")]
    ok(len(badges) == len(items) and {"价格", "出口管制", "出货"} <= set(badges),
       "every item has a type badge")
    dates = [li.find("div", "when")[0].text() for li in items]
    ok("2023年10月17日" in dates and "2023年10月" in dates and "2024年第二季度" in dates,
       "dates are as precise as they are known", sorted(set(dates)))
    undated = sum(1 for e in events if not e["date"]["start"])
    ok(undated >= 2 and dates[-undated:] == ["日期不详"] * undated,
       f"the undated events ({undated}) come last, as 日期不详", dates[-undated - 1:])
    lanes_text = "".join(s.text() for s in doc.find("section") if s.attrs.get("id") == "lanes")
    ok(f"另有 {undated} 个事件日期不详" in lanes_text,
       "the swimlane says how many events it leaves out for want of a date")

    body = doc.find("body")[0].text()
    for s in ["<script>alert(1)</script>H100售价为25万元。", "<img src=x onerror=alert(2)>英伟达",
              "<style>body{display:none}</style>", "<iframe src=\"https://evil.example/\">",
              "英伟达H100报价再涨 <b>\"黑市\" & '水货'</b> 渠道称一卡难求",
              "L20 \"报价\" 'x' & <u>y</u>", "javascript:alert(3)"]:
        ok(s in body, f"{s!r} is shown as text", "")
    links = {a.attrs["href"]: a.text() for a in doc.find("a") if
             a.attrs.get("href", "").startswith("http")}
    quoted = "https://news.example.com/a?b=1&c=\"><script>alert(4)</script>"
    ok(links.get(quoted) == "L20 \"报价\" 'x' & <u>y</u>",
       "a URL with \"> in it is one link, whole, with its title", links)
    ok("javascript:alert(3)" not in links, "a javascript: URL is no link")

    # the screenshot
    rc, out, err = chromium("--screenshot=" + SHOT, "--window-size=1280,2000")
    if not ok(rc == 0 and os.path.exists(SHOT), "chromium --screenshot", err[-2000:]):
        return
    try:
        w, h, bpp, rows = png_rows(SHOT)
    except (ValueError, zlib.error, struct.error, TypeError) as exc:
        ok(False, "the screenshot is a PNG", exc)
        return
    ok((w, h) == (1280, 2000), "the screenshot is 1280x2000", (w, h))
    varied = sum(1 for r in rows if len({r[i:i + 3] for i in range(0, len(r), bpp)}) > 1)
    colours = {r[i:i + 3] for r in rows[::8] for i in range(0, len(r), bpp * 4)}
    ok(varied > h // 4, "the screenshot is not blank: rows of more than one colour",
       f"{varied} of {h} rows")
    ok(len(colours) > 8, "the screenshot has colours (charts, badges)", len(colours))


main()
if failed():
    print(f"# {failed()} of {count()} failed; the page and the screenshot are in {TMP}")
    print(f"1..{count()}")
    sys.exit(1)
shutil.rmtree(TMP, ignore_errors=True)
sys.exit(done())
