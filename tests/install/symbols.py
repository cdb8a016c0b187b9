#!/usr/bin/env python3
"""symbols.py — the shared library exports the API and nothing else.

    symbols.py LIBZHEVENTS.so HEADER...

The functions libzhevents.so defines for others (`nm -D --defined-only`)
must be exactly those the public headers declare with ZHE_API: every
other symbol (the zhe_ functions the stages share, the C++ of the JSON
Lines reader, simdjson's inlined templates) stays hidden.  TAP; skipped
without nm.
"""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from taplib import ok, done  # noqa: E402

# What the linker itself defines in every shared object.
LINKER = {"_init", "_fini", "_edata", "_end", "__bss_start"}
DECL = re.compile(r"\bZHE_API\b[^;{]*?\b(zhe_\w+)\s*\(", re.S)


def main():
    lib, headers = sys.argv[1], sys.argv[2:]
    if not shutil.which("nm"):
        print("1..0 # SKIP nm not found (binutils)")
        return 0
    api = set()
    for h in headers:
        with open(h, encoding="utf-8") as f:
            api.update(DECL.findall(f.read()))
    out = subprocess.run(["nm", "-D", "--defined-only", lib], check=True,
                         capture_output=True, text=True).stdout
    exported = {line.split()[-1].split("@")[0] for line in out.splitlines() if line.strip()}
    exported -= LINKER
    extra = sorted(exported - api)
    missing = sorted(api - exported)
    ok(not extra, f"the {len(exported)} symbols exported are all declared ZHE_API",
       "exported but in no public header: " + " ".join(extra))
    ok(not missing, f"the {len(api)} ZHE_API functions of the headers are exported",
       "declared ZHE_API but not exported: " + " ".join(missing))
    return done()


if __name__ == "__main__":
    sys.exit(main())
