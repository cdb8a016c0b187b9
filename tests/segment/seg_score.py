#!/usr/bin/env python3
"""Word F1 of `zhevents segment` against a hand-segmented gold file.

usage: seg_score.py ZHEVENTS GOLD [MIN_F1]

GOLD has one sentence a line, words separated by single spaces.  The
sentences, with the spaces removed, are segmented by ZHEVENTS; a word counts
as right when its character span is a gold word's span.  Prints precision,
recall and F1 and every sentence that differs; exits 1 if F1 < MIN_F1.
"""
import subprocess
import sys


def spans(words):
    out, p = set(), 0
    for w in words:
        out.add((p, p + len(w)))
        p += len(w)
    return out


def main(argv):
    exe, gold = argv[1], argv[2]
    min_f1 = float(argv[3]) if len(argv) > 3 else 0.0
    lines = open(gold, encoding="utf-8").read().splitlines()
    text = "".join(l.replace(" ", "") + "\n" for l in lines)
    out = subprocess.run([exe, "segment", "-"], input=text.encode(), capture_output=True,
                         check=True).stdout.decode().splitlines()
    if len(out) != len(lines):
        print(f"FAIL: {len(out)} lines out for {len(lines)} in")
        return 1
    tp = fp = fn = 0
    for g, o in zip(lines, out):
        a, b = spans(g.split()), spans(o.split())
        tp, fp, fn = tp + len(a & b), fp + len(b - a), fn + len(a - b)
        if a != b:
            print(f"# gold: {g}\n# got:  {o}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"precision {p:.3f} recall {r:.3f} F1 {f:.3f} (minimum {min_f1:.3f})")
    return 0 if f >= min_f1 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
