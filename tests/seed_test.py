#!/usr/bin/env python3
"""The shared seed article through the text stage.

usage: seed_test.py ZHEVENTS SHARED_DIR

The seed (../shared/seed/chip-black-market.jsonl) is a real scraped feature
that repeats paragraphs and ends in a footer, a related-articles list and
navigation.  Checked here: `published` is 2023-11-09; every paragraph of the
cleaned text appears once; nothing from "本文来自" onward survives; the
article's own last paragraph does.  Exits 77 (skipped) when the shared
folder is not beside the repository.
"""
import json
import os
import subprocess
import sys


def main():
    exe, shared = sys.argv[1], sys.argv[2]
    seed = os.path.join(shared, "seed", "chip-black-market.jsonl")
    if not os.path.exists(seed):
        print(f"skipped: {seed} not found")
        return 77
    failures = []

    out = subprocess.run([exe, "extract", "--format", "jsonl", seed], capture_output=True,
                         check=True).stdout.decode()
    rec = json.loads(out.splitlines()[0])
    if (rec.get("published") or "")[:10] != "2023-11-09":
        failures.append(f"published is {rec.get('published')!r}, want 2023-11-09")

    text = subprocess.run([exe, "show", seed], capture_output=True,
                          check=True).stdout.decode()
    body = text.split("\n--\n", 1)[1]
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    seen = set()
    for p in paragraphs:
        if p in seen:
            failures.append(f"paragraph repeated: {p[:40]!r}")
        seen.add(p)
    for gone in ("本文来自", "声明:", "相关推荐", "Like (0)", "Previous", "水温80度"):
        if gone in body:
            failures.append(f"{gone!r} survived cleaning")
    for kept in ("左图:A100与V100卷积神经网络训练速度对比", "中芯南方产能释放",
                 "H100的报价在上述渠道也多了起来"):
        if kept not in body:
            failures.append(f"{kept!r} was lost")
    if body.count("为了规避出口管制,英伟达针对性地向中国市场推出A800和H800芯片") != 1:
        failures.append("the repeated paragraph on A800/H800 is not there exactly once")

    for f in failures:
        print("FAIL:", f)
    print(f"{len(paragraphs)} paragraphs, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
