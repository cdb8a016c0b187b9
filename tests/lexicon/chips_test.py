#!/usr/bin/env python3
"""chips_test.py — lexicons/chips.tsv against the extractor (suite `lexicon`).

    chips_test.py ZHEVENTS SOURCE_ROOT

Every line has the seven columns of the format, a kind (gpu, accelerator
or hbm) and a source a reviewer can open; no name (model or alias) belongs
to two models once case, spaces, hyphens and underscores are folded and
traditional characters are made simplified (by the project's own table,
src/text/t2s_table.h); and every name, written into a sentence with one
of its context words when the model has a context, is extracted by
`zhevents extract --format jsonl` as exactly that model, the text as
written.  A name with a context and none of its words in the sentence is
not taken for that model.
"""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from taplib import clean_env, done, ok  # noqa: E402

KINDS = {"gpu", "accelerator", "hbm"}


def t2s_table(root):
    """The traditional-to-simplified characters of src/text/t2s_table.h."""
    text = open(os.path.join(root, "src", "text", "t2s_table.h"), encoding="utf-8").read()
    return {int(a, 16): int(b, 16) for a, b in re.findall(r"\{0x([0-9A-F]+), 0x([0-9A-F]+)\}", text)}


def fold(name, t2s):
    name = name.translate(t2s).lower()
    return re.sub(r"[ \-_]", "", name)


def read_lines(root):
    rows = []
    path = os.path.join(root, "lexicons", "chips.tsv")
    for n, line in enumerate(open(path, encoding="utf-8").read().split("\n"), 1):
        if not line or line.startswith("#"):
            continue
        rows.append((n, line.split("\t")))
    return rows


def extract(exe, root, sentences):
    """The chip mentions of each sentence, one article a sentence."""
    text = "".join(json.dumps({"id": str(i), "title": "测试", "content": s}, ensure_ascii=False) + "\n"
                   for i, s in enumerate(sentences))
    out = subprocess.run([exe, "extract", "--lexicons", os.path.join(root, "lexicons"), "--format",
                          "jsonl", "-"], input=text.encode(), capture_output=True, env=clean_env())
    if out.returncode != 0:
        return None, out.stderr.decode()
    found = {}
    for line in out.stdout.decode().splitlines():
        rec = json.loads(line)
        found[int(rec["id"])] = [m for m in rec["mentions"] if m["type"] == "chip"]
    return [found.get(i, []) for i in range(len(sentences))], ""


def main(argv):
    exe, root = argv[1], argv[2]
    rows = read_lines(root)
    ok(len(rows) > 0, f"chips.tsv has {len(rows)} models")

    bad = [f"line {n}: {len(f)} columns" for n, f in rows if len(f) != 7]
    ok(not bad, "every line has seven columns", "\n".join(bad))
    rows = [(n, f) for n, f in rows if len(f) == 7]
    bad = [f"line {n}: {f[0]}: kind {f[5]!r}" for n, f in rows if f[5] not in KINDS]
    ok(not bad, "every line has a kind: gpu, accelerator or hbm", "\n".join(bad))
    bad = [f"line {n}: {f[0]}: source {f[6]!r}" for n, f in rows
           if not re.match(r"https?://[!-~]+$", f[6])]
    ok(not bad, "every line has a source URL", "\n".join(bad))
    bad = [f"line {n}: {f[0]}: no vendor" for n, f in rows if not f[1] and f[5] != "hbm"]
    ok(not bad, "every line but a memory generation has a vendor", "\n".join(bad))

    t2s = t2s_table(root)
    owner, bad = {}, []
    for n, f in rows:
        for name in [f[0]] + [a for a in f[2].split(",") if a]:
            key = fold(name, t2s)
            if key in owner and owner[key][1] != f[0]:
                bad.append(f"{name!r} (line {n}, {f[0]}) folds as {owner[key][0]!r} of {owner[key][1]}")
            owner.setdefault(key, (name, f[0]))
    ok(not bad, "no name belongs to two models after folding", "\n".join(bad))

    # Each name in a sentence, after one of its context words when it has any.
    cases, negatives = [], []
    for n, f in rows:
        model, vendor, context = f[0], f[1], [w for w in f[3].split(",") if w]
        for name in [model] + [a for a in f[2].split(",") if a]:
            lead = context[0] + "的" if context else ""
            cases.append((n, model, vendor, name, f"据报道，{lead}{name}本周开始交付。"))
            if context and not any(w in name for w in context):
                negatives.append((n, model, name, f"据报道，{name}本周开始交付。"))
    found, err = extract(exe, root, [c[4] for c in cases] + [c[3] for c in negatives])
    if not ok(found is not None, "zhevents extract runs on every name", err):
        return done()
    bad = []
    for (n, model, vendor, name, sentence), chips in zip(cases, found):
        got = [(m["text"], m["value"]["model"], m["value"].get("vendor")) for m in chips]
        if got != [(name, model, vendor)]:
            bad.append(f"line {n}: {sentence} -> {got or 'nothing'}, want {model}")
    ok(not bad, f"each of {len(cases)} names is extracted as its model", "\n".join(bad), 80)
    bad = []
    for (n, model, name, sentence), chips in zip(negatives, found[len(cases):]):
        if any(m["value"]["model"] == model for m in chips):
            bad.append(f"line {n}: {sentence} -> {model} without a context word")
    ok(not bad, f"{len(negatives)} names with a context are not taken without it", "\n".join(bad))
    return done()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
