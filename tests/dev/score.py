#!/usr/bin/env python3
"""Score extraction output against a gold file.

usage: score.py GOLD.jsonl PRED.jsonl [--json] [--verbose]

PRED is what `zhevents extract --format jsonl` prints: one article a line,
with "id", "published", "mentions" and "events" (see shared/DESIGN.md).
GOLD is one article a line (see shared/seed/gold.jsonl): for chips, money,
dates, quantities and events a "required" list (recall counts these) and an
"optional" list (a prediction that matches one is neither right nor wrong).
Every other prediction is a false positive.  A gold event may also name what
it means (per, chips_per_unit, period, market, modality, polarity: a value or
a list of acceptable values); a predicted event matches it only if it agrees.

Prints precision, recall and F1 per category and overall; with --verbose,
every miss and every false positive.  Exit status is 0 when it scored.

This is the project's scorer, shared/tools/score.py, kept here unchanged
so that the tests run on a clone that has no shared/ beside it.
"""
import json
import re
import sys

CHIP_ALIASES = {
    "昇腾910B": "ASCEND910B", "ASCEND910B": "ASCEND910B",
    "思元590": "MLU590", "MLU590": "MLU590",
}


def chip_key(name):
    k = re.sub(r"[\s\-_]", "", str(name)).upper()
    return CHIP_ALIASES.get(k, k)


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    a, b = float(a), float(b)
    return abs(a - b) <= max(0.005 * max(abs(a), abs(b)), 1e-9)


def amount_match(g, p):
    """Money or quantity: same unit/currency, same amount, same upper bound."""
    if p is None:
        return False
    unit_g = g.get("currency", g.get("unit"))
    unit_p = p.get("currency", p.get("unit"))
    if unit_g != unit_p:
        return False
    return close(g.get("amount"), p.get("amount")) and close(g.get("high"), p.get("high"))


def date_bounds(timex):
    """Earliest and latest day a TIMEX-like value can mean, as ISO strings."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", timex or "")
    if m:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        if d:
            return f"{y}-{mo}-{d}", f"{y}-{mo}-{d}"
        if mo:
            return f"{y}-{mo}-01", f"{y}-{mo}-31"
        return f"{y}-01-01", f"{y}-12-31"
    m = re.fullmatch(r"(\d{4})-Q([1-4])", timex or "")
    if m:
        q = int(m.group(2))
        return f"{m.group(1)}-{3*q-2:02d}-01", f"{m.group(1)}-{3*q:02d}-31"
    m = re.fullmatch(r"(\d{4})-H([12])", timex or "")
    if m:
        h = int(m.group(2))
        return f"{m.group(1)}-{6*h-5:02d}-01", f"{m.group(1)}-{6*h:02d}-31"
    return None, None


def pred_timex(d):
    if d is None:
        return None
    if isinstance(d, str):
        return d
    return d.get("timex")


def date_match(g, pdate):
    tx = pred_timex(pdate)
    if "date" in g and tx in g["date"]:
        return True
    if "date_within" in g and tx:
        lo, hi = date_bounds(tx)
        if isinstance(pdate, dict) and pdate.get("start") and pdate.get("end"):
            lo, hi = pdate["start"], pdate["end"]
        if lo and hi:
            return lo >= g["date_within"][0] and hi <= g["date_within"][1] + "~"
    return "date" not in g and "date_within" not in g


def event_match(g, p):
    if p.get("type") not in g["type"]:
        return False
    if "chips" in g:
        gc = {chip_key(c) for c in g["chips"]}
        pc = {chip_key(c) for c in (p.get("chips") or [])}
        if not gc & pc:
            return False
    if not date_match(g, p.get("date")):
        return False
    if "money" in g and not amount_match(g["money"], p.get("money")):
        return False
    if "money_any" in g and not any(amount_match(m, p.get("money")) for m in g["money_any"]):
        return False
    if "quantity" in g and not amount_match(g["quantity"], p.get("quantity")):
        return False
    # What an event means (DESIGN.md): checked only where the gold says it.
    for k in ("per", "chips_per_unit", "period", "market", "modality", "polarity"):
        if k in g:
            v = p.get(k)
            if v is None and isinstance(p.get("money"), dict):
                v = p["money"].get(k)
            if v not in (g[k] if isinstance(g[k], list) else [g[k]]):
                return False
    return True


def mention_items(article, mtype):
    out = []
    for m in article.get("mentions", []):
        if m.get("type") == mtype:
            out.append(m)
    return out


def match_lists(required, optional, preds, same, ignore=lambda p: False):
    """Greedy one-to-one matching. Returns tp, fp, fn and the misses."""
    used = [False] * len(preds)
    misses = []
    tp = 0
    for g in required:
        for i, p in enumerate(preds):
            if not used[i] and same(g, p):
                used[i] = True
                tp += 1
                break
        else:
            misses.append(g)
    for g in optional:
        for i, p in enumerate(preds):
            if not used[i] and same(g, p):
                used[i] = True
    extras = [p for i, p in enumerate(preds) if not used[i] and not ignore(p)]
    return tp, len(extras), len(misses), misses, extras


def dedup(items, key):
    seen, out = set(), []
    for it in items:
        k = key(it)
        if k not in seen:
            seen.add(k)
            out.append(it)
    return out


def score_article(gold, pred, verbose, tally):
    def add(cat, tp, fp, fn, misses, extras):
        t = tally.setdefault(cat, [0, 0, 0])
        t[0] += tp
        t[1] += fp
        t[2] += fn
        if verbose:
            for m in misses:
                print(f"  MISS {gold['id']} {cat}: {json.dumps(m, ensure_ascii=False)}")
            for e in extras:
                print(f"  EXTRA {gold['id']} {cat}: {json.dumps(e, ensure_ascii=False)}")

    # chips: a set of model names
    pc = dedup([str((m.get("value") or {}).get("model", m.get("text"))) for m in mention_items(pred, "chip")], chip_key)
    add("chip", *match_lists(gold["chips"]["required"], gold["chips"].get("optional", []), pc,
                             lambda g, p: chip_key(g) == chip_key(p)))

    for cat, mtype in (("money", "money"), ("quantity", "quantity")):
        gsec = gold["money" if cat == "money" else "quantities"]
        ign = gsec.get("ignore_text", [])
        ms = mention_items(pred, mtype)
        ms = dedup(ms, lambda m: json.dumps([(m.get("value") or {}).get(k) for k in ("amount", "high", "currency", "unit")]))
        vals = [dict(m.get("value") or {}, _text=m.get("text", "")) for m in ms]
        ignore = lambda p, ign=ign, cat=cat: any(s in p.get("_text", "") for s in ign) or (
            cat == "quantity" and close(p.get("amount"), 1) and p.get("high") is None)
        add(cat, *match_lists(gsec["required"], gsec.get("optional", []), vals, amount_match, ignore))

    ds = dedup([pred_timex(m.get("value")) for m in mention_items(pred, "date")], lambda x: x)
    add("date", *match_lists(gold["dates"]["required"], gold["dates"].get("optional", []), ds,
                             lambda g, p: p in g))

    add("event", *match_lists(gold["events"]["required"], gold["events"].get("optional", []),
                              pred.get("events", []), event_match))

    pub_ok = (pred.get("published") or "")[:10] == gold.get("published")
    t = tally.setdefault("published", [0, 0, 0])
    t[0 if pub_ok else 2] += 1
    if verbose and not pub_ok:
        print(f"  MISS {gold['id']} published: want {gold.get('published')} got {pred.get('published')}")


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in argv
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    golds = [json.loads(l) for l in open(args[0], encoding="utf-8") if l.strip()]
    preds = {}
    for line in open(args[1], encoding="utf-8"):
        if line.strip():
            a = json.loads(line)
            preds[str(a.get("id"))] = a
    tally = {}
    for g in golds:
        p = preds.get(g["id"])
        if p is None:
            if verbose:
                print(f"  MISSING ARTICLE {g['id']}")
            p = {"id": g["id"], "mentions": [], "events": []}
        score_article(g, p, verbose, tally)
    report = {}
    tot = [0, 0, 0]
    for cat in ("chip", "money", "date", "quantity", "event", "published"):
        tp, fp, fn = tally.get(cat, [0, 0, 0])
        p, r, f = prf(tp, fp, fn)
        report[cat] = {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
        if cat in ("chip", "money", "date", "quantity"):
            tot = [a + b for a, b in zip(tot, (tp, fp, fn))]
    p, r, f = prf(*tot)
    report["mentions"] = {"tp": tot[0], "fp": tot[1], "fn": tot[2], "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
    if "--json" in argv:
        print(json.dumps(report))
    else:
        print(f"{'category':10} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
        for cat, v in report.items():
            print(f"{cat:10} {v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f} {v['tp']:4} {v['fp']:3} {v['fn']:3}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
