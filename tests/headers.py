#!/usr/bin/env python3
"""headers.py — each public header stands alone, and only under the umbrella.

    headers.py --cc 'CC…' [--cxx 'CXX…'] -I DIR… HEADER…

For every header of include/zhevents/ (and the generated version.h):
after `#define ZHEVENTS_H_IN` it compiles alone, as C11 and as C++17,
with -Wall -Wextra -Wpedantic -Werror, so it includes what it uses; and
without the define it stops with the umbrella's #error ("Only
<zhevents/zhevents.h> can be included directly"), as HarfBuzz's headers
do.  zhevents.h itself compiles without the define.  TAP.
"""
import argparse
import os
import shlex
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import ok, done  # noqa: E402

WARN = ["-Wall", "-Wextra", "-Wpedantic", "-Werror", "-fsyntax-only"]
GUARD = "Only <zhevents/zhevents.h> can be included directly"


def compile_(cmd, lang, std, incs, src):
    r = subprocess.run(cmd + ["-x", lang, f"-std={std}"] + WARN + incs + ["-"],
                       input=src, capture_output=True, text=True)
    return r.returncode, r.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cc", required=True)
    ap.add_argument("--cxx")
    ap.add_argument("-I", dest="incs", action="append", default=[])
    ap.add_argument("headers", nargs="+")
    args = ap.parse_args()
    cc = shlex.split(args.cc)
    cxx = shlex.split(args.cxx) if args.cxx else None
    incs = [f"-I{d}" for d in args.incs]
    for path in args.headers:
        name = os.path.basename(path)
        inc = f"#include <zhevents/{name}>\n"
        umbrella = name == "zhevents.h"
        alone = ("" if umbrella else "#define ZHEVENTS_H_IN\n") + inc
        rc, err = compile_(cc, "c", "c11", incs, alone + "int zhe_test_;\n")
        ok(rc == 0, f"{name} compiles alone as C11", err)
        if cxx:
            rc, err = compile_(cxx, "c++", "c++17", incs, alone + "int zhe_test_;\n")
            ok(rc == 0, f"{name} compiles alone as C++17", err)
        if not umbrella:
            rc, err = compile_(cc, "c", "c11", incs, inc + "int zhe_test_;\n")
            ok(rc != 0 and GUARD in err, f"{name} without ZHEVENTS_H_IN stops at its #error",
               err or "it compiled")
    return done()


if __name__ == "__main__":
    sys.exit(main())
