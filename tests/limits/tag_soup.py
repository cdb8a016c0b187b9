#!/usr/bin/env python3
"""Random tag soup against the HTML reader: a stress run by hand, too long
for `meson test`.

usage: tag_soup.py ZHEVENTS SRCROOT FIRST_SEED LAST_SEED [TAGS]

For each seed, a page of TAGS (default 150,000) tags drawn from 2 to 6 of
the names below, each opened, closed or self-closed at random, with a
character of text now and then, and a paragraph naming H100 at the end.
`zhevents extract` must finish within 3 s (20 s at most), exit 0 or say
the page has no text (exit 3: an unclosed <object> or <title> can hold
the rest), and never crash.  Each page that fails is kept as
bad-SEED.html in the working directory and named with its tags, exit and
time; the last line is the slowest time.  gumbo spends the square of the
depth of its tree, and its stack, on pages like these
(reports/reliability.md).
"""
import os
import random
import subprocess
import sys
import time

NAMES = ("div span b i u a font foo table tr td th tbody p li ul ol dl dd dt select option "
         "optgroup button h1 h2 form svg g math mi textarea title nobr marquee object caption "
         "colgroup col template frameset iframe xmp pre center em strong s big").split()
TAIL = "<p>9月份，英伟达H100价格调涨16%。</p></body></html>"


def page(seed, tags):
    r = random.Random(seed)
    names = r.sample(NAMES, r.randint(2, 6))
    parts = ["<html><body>"]
    for _ in range(tags):
        t, k = r.choice(names), r.random()
        parts.append(f"<{t}>" if k < 0.55 else f"</{t}>" if k < 0.9 else f"<{t}/>" if k < 0.95
                     else "字")
    parts.append(TAIL)
    return names, "".join(parts)


def main():
    zhe, root = sys.argv[1], sys.argv[2]
    first, last = int(sys.argv[3]), int(sys.argv[4])
    tags = int(sys.argv[5]) if len(sys.argv) > 5 else 150_000
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8",
           "ZHEVENTS_LEXICONS": os.path.join(root, "lexicons")}
    slowest, failed = 0.0, 0
    for seed in range(first, last + 1):
        names, html = page(seed, tags)
        with open("soup.html", "w", encoding="utf-8") as f:
            f.write(html)
        t0 = time.monotonic()
        try:
            rc = subprocess.run([zhe, "extract", "soup.html"], capture_output=True, env=env,
                                timeout=20).returncode
        except subprocess.TimeoutExpired:
            rc = "timeout"
        took = time.monotonic() - t0
        slowest = max(slowest, took)
        if rc not in (0, 3) or took > 3:
            failed += 1
            os.replace("soup.html", f"bad-{seed}.html")
            print(f"seed {seed}: {names}: exit {rc}, {took:.1f} s", flush=True)
    if os.path.exists("soup.html"):
        os.remove("soup.html")
    print(f"{last - first + 1} pages, {failed} failed, slowest {slowest:.2f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
