#!/usr/bin/env python3
"""layering.py — libzhevents' stages include only the stages before them.

The pipeline's stages, in order (a line of the table is a layer; stages
on one layer are independent of each other):

    base · lexicon · text · segment, extract · events · record ·
    pipeline · store · export · cli

Every #include in src/**/*.{c,h,cc} and include/zhevents/*.h is read.  A
file belongs to the stage of its folder (src/<stage>/) or of its name
(include/zhevents/<stage>.h; version.h is base's).  An include names a
stage by a public header (<zhevents/<stage>.h>) or by a private one
("../<stage>/…", "<stage>_int.h").  A stage may include its own headers
and those of earlier layers; cli, and the umbrella zhevents.h, anything.
A folder or header of no stage is an error too: add it to LAYERS.

    layering.py [--stamp FILE] [--depfile FILE] SOURCE_ROOT

Exit 0 (and write the stamp) when the order holds; 1, naming file:line
for each include that breaks it.  meson runs it in every build (a
custom_target writing the stamp, with a depfile of every file it read)
and as the test `layering`.
"""
import argparse
import os
import re
import sys

LAYERS = [
    ["base"],
    ["lexicon"],
    ["text"],
    ["segment", "extract"],
    ["events"],
    ["record"],
    ["pipeline"],
    ["store"],
    ["export"],
    ["cli"],
]
LAYER = {stage: i for i, stages in enumerate(LAYERS) for stage in stages}
LAYER["umbrella"] = LAYER["cli"]    # zhevents.h: every stage
ORDER = " < ".join(", ".join(stages) for stages in LAYERS)
# Public headers that are not a stage's own.
HEADER_STAGE = {"version": "base", "zhevents": "umbrella"}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def header_stage(name):
    """The stage of include/zhevents/NAME (NAME like "text.h")."""
    base = name[:-2] if name.endswith(".h") else name
    return HEADER_STAGE.get(base, base)


def file_stage(root, path):
    """The stage a source file belongs to, from where it is."""
    rel = os.path.relpath(path, root).split(os.sep)
    if rel[0] == "src":
        return rel[1]
    return header_stage(rel[-1])


def included_stage(root, path, kind, target):
    """The stage an include names, or None (a system or other library's)."""
    if kind == "<":
        if target.startswith("zhevents/"):
            return header_stage(target[len("zhevents/"):])
        return None
    # "…" is looked for beside the includer first (where it may not exist
    # yet: a generated header), then in include/.
    where = os.path.normpath(os.path.join(os.path.dirname(path), target))
    if not os.path.exists(where) and target.startswith("zhevents/"):
        return header_stage(target[len("zhevents/"):])
    if not where.startswith(os.path.join(root, "src") + os.sep) and not os.path.exists(where):
        return None
    return file_stage(root, where)


def sources(root):
    for top, dirs, files in os.walk(os.path.join(root, "src")):
        dirs.sort()
        for f in sorted(files):
            if f.endswith((".c", ".h", ".cc")) and top != os.path.join(root, "src"):
                yield os.path.join(top, f)
    inc = os.path.join(root, "include", "zhevents")
    for f in sorted(os.listdir(inc)):
        if f.endswith(".h"):
            yield os.path.join(inc, f)


def check(root):
    """Returns (the files read, a message per broken include)."""
    read, errors, unknown = [], [], set()
    for path in sources(root):
        read.append(path)
        rel = os.path.relpath(path, root)
        stage = file_stage(root, path)
        if stage not in LAYER:
            if stage not in unknown:
                unknown.add(stage)
                errors.append(f"{rel}: '{stage}' is no stage of the layer order "
                              f"(add it to LAYERS in tests/layering.py)")
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            for n, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                kind, target = m.groups()
                inc = included_stage(root, path, kind, target)
                if inc is None or inc == stage:
                    continue
                shown = f"<{target}>" if kind == "<" else f'"{target}"'
                if inc not in LAYER:
                    errors.append(f"{rel}:{n}: includes {shown}, of no stage of the "
                                  f"layer order (add it to LAYERS in tests/layering.py)")
                elif LAYER[inc] >= LAYER[stage] and stage != "cli":
                    if inc == "umbrella":
                        what = "every stage's header (include the earlier stages' alone)"
                    elif LAYER[inc] > LAYER[stage]:
                        what = f"of {inc}, a later stage"
                    else:
                        what = f"of {inc}, a stage of the same layer"
                    errors.append(f"{rel}:{n}: {stage} includes {shown}, {what}")
    return read, errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stamp")
    ap.add_argument("--depfile")
    ap.add_argument("root")
    args = ap.parse_args()
    root = os.path.abspath(args.root)
    read, errors = check(root)
    if args.depfile:
        with open(args.depfile, "w", encoding="utf-8") as f:
            deps = " ".join(p.replace(" ", "\\ ") for p in read)
            f.write(f"{args.stamp or 'layering.stamp'}: {deps}\n")
    if errors:
        for e in errors:
            print(e, file=sys.stderr)
        print(f"layering: {len(errors)} include(s) break the order {ORDER}", file=sys.stderr)
        if args.stamp and os.path.exists(args.stamp):
            os.remove(args.stamp)
        return 1
    print(f"layering: {len(read)} files, the order {ORDER} holds")
    if args.stamp:
        with open(args.stamp, "w", encoding="utf-8") as f:
            f.write("ok\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
