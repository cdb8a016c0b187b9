#!/usr/bin/env python3
"""Every price of corpus/, and what it is for: the whole list compared.

usage: corpus_prices_test.py ZHEVENTS SRCROOT [--update]

Runs `zhevents extract` over corpus/ as corpus/README.md says (the
undated gpu-rental.nodate.txt with --published 2023-09-05) and writes
one line per price and launch price: the article, the amount (and the
high end of a range) with its currency, per (with the chips in one
priced machine), period, market and modality.  The list is compared
whole with tests/events/corpus-prices.tsv, written and checked by hand
sentence by sentence: no machine, module or rental price may pass for
one chip sold.  --update rewrites the file from the output; read the
diff before committing it.
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from taplib import ok, done, clean_env  # noqa: E402

NODATE = "text/gpu-rental.nodate.txt"


def extract(exe, root, args):
    r = subprocess.run([exe, "extract", "--format", "jsonl"] + args, capture_output=True,
                       cwd=root, env=clean_env())
    return r.returncode, r.stdout.decode(), r.stderr.decode()


def num(v):
    return "-" if v is None else ("%d" % v if float(v).is_integer() else "%g" % v)


def rows(out, rename=None):
    for line in out.splitlines():
        a = json.loads(line)
        aid = rename or a["id"]
        for e in a["events"]:
            if not e["money"]:
                continue
            m = e["money"]
            per = e["per"] or "-"
            if e.get("chips_per_unit"):
                per += "/%d" % e["chips_per_unit"]
            yield "\t".join([aid, e["type"], "+".join(e["chips"]) or "-",
                             num(m["amount"]) + (".." + num(m["high"]) if m.get("high") else ""),
                             m["currency"], per, e["period"] or "-", e["market"] or "-",
                             e["modality"]])


def main(argv):
    exe, root = os.path.abspath(argv[1]), argv[2]
    table = os.path.join(root, "tests", "events", "corpus-prices.tsv")
    rc1, out1, err1 = extract(exe, root, ["corpus/"])
    rc2, out2, err2 = extract(exe, root, ["--published", "2023-09-05", "corpus/" + NODATE])
    if not ok(rc1 == 0 and rc2 == 0, "extract corpus/", err1 + err2):
        return done()
    got = [r for r in rows(out1) if not r.startswith(NODATE + "\t")]
    got += list(rows(out2, NODATE))
    got = [r for r in got if r.split("\t")[1] in ("price", "launch")]
    header = ("# corpus-prices.tsv: every price and launch price of corpus/, checked by hand\n"
              "# (tests/events/corpus_prices_test.py).  article, type, chips, amount,\n"
              "# currency, per (/chips in one machine), period, market, modality\n")
    text = header + "".join(r + "\n" for r in got)
    if "--update" in argv:
        with open(table, "w", encoding="utf-8") as f:
            f.write(text)
        print("# updated", table)
    want = open(table, encoding="utf-8").read()
    wl = [l for l in want.splitlines() if l and not l.startswith("#")]
    ok(wl == got, f"the {len(wl)} prices of corpus/ and what they are for",
       "\n".join(["--- want"] + [l for l in wl if l not in got] +
                 ["+++ got"] + [l for l in got if l not in wl]))
    fields = [r.split("\t") for r in got]
    ok(any(r[6] != "-" for r in fields) and any(r[5].startswith("server/8") for r in fields),
       "the corpus's rentals and eight-card servers are told apart")
    return done()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
