#!/usr/bin/env python3
"""examples.py — the usage example in each public header compiles.

A header's example is a block of its comment set off from the prose: a
line ending with ':', an empty '**' line, then lines indented four
spaces past '** ' (the block ends at the next line that is not).  Leading
lines that begin a file-scope definition ('static …' up to its closing
brace) are put at file scope; the rest becomes the body of a function
that has in hand what a caller of that stage would have, by these names
(an example may make its own under the same name):

    err  a zhe_error          lex  a const zhe_lexicon *
    a    a prepared article   tx   a const zhe_text *
    ex   an extractor         lk   a linker
    seg  a segmenter          p    a pipeline
    st   a writable store     filter  a zhe_store_filter

Each program is compiled with -Wall -Wextra -Werror (unused names
allowed) against include/ and must compile; it is not run.

    examples.py CC SOURCE_ROOT BUILD_INCLUDE_DIR
"""
import os
import re
import subprocess
import sys
import tempfile

PRELUDE = """#define ZHEVENTS_H_IN
#include <stdio.h>
#include <string.h>
#include <zhevents/zhevents.h>
"""

CONTEXT = ("zhe_error err, const zhe_lexicon *lex, zhe_article *a, const zhe_text *tx, "
           "const zhe_extractor *ex, const zhe_linker *lk, const zhe_segmenter *seg, "
           "const zhe_pipeline *p, zhe_store *st, zhe_store_filter filter")


def examples(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    out = []
    i = 0
    while i < len(lines):
        if (i >= 2 and lines[i].startswith("**     ") and lines[i - 1].rstrip() == "**"
                and lines[i - 2].rstrip().endswith(":")):
            block = []
            while i < len(lines) and lines[i].startswith("**     "):
                block.append(lines[i][7:])
                i += 1
            out.append(block)
        else:
            i += 1
    return out


def split(block):
    """File-scope definitions first, then the statements."""
    top = []
    k = 0
    while k < len(block) and (block[k].startswith("static ") or block[k].startswith("#")):
        if block[k].startswith("#"):
            top.append(block[k])
            k += 1
            continue
        depth, seen = 0, False
        while k < len(block):
            top.append(block[k])
            depth += block[k].count("{") - block[k].count("}")
            seen = seen or "{" in block[k]
            k += 1
            if seen and depth == 0:
                break
    return top, block[k:]


def main():
    cc, root, build_inc = sys.argv[1:4]
    n = failed = 0
    print("TAP version 13")
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(os.listdir(os.path.join(root, "include", "zhevents"))):
            if not name.endswith(".h"):
                continue
            for j, block in enumerate(examples(os.path.join(root, "include", "zhevents", name))):
                top, body = split(block)
                src = PRELUDE + "\n".join(top) + "\n\nint S_example(" + CONTEXT + ");\n"
                # an inner block, so an example may make its own lk, p …
                src += "int S_example(" + CONTEXT + ")\n{\n    {\n" + "\n".join(
                    "        " + l for l in body) + "\n    }\n    return 0;\n}\n"
                c = os.path.join(tmp, f"{name}-{j}.c")
                open(c, "w", encoding="utf-8").write(src)
                r = subprocess.run([cc, "-std=c11", "-Wall", "-Wextra", "-Werror",
                                    "-Wno-unused-parameter", "-Wno-unused-variable",
                                    "-Wno-unused-function", "-Wno-unused-but-set-variable",
                                    "-I", os.path.join(root, "include"), "-I", build_inc,
                                    "-fsyntax-only", c], capture_output=True, text=True)
                n += 1
                if r.returncode == 0:
                    print(f"ok {n} - {name}: example {j + 1} compiles")
                else:
                    failed += 1
                    print(f"not ok {n} - {name}: example {j + 1} compiles")
                    for l in (src + "\n" + r.stderr).splitlines():
                        print("#   " + l)
    print(f"1..{n}")
    return 1 if failed or n == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
