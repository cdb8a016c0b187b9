"""taplib.py — what the Python tests share: numbered TAP cases, and the
environment the CLI runs in (no HOME, no locale but C.UTF-8, the
sanitizers' options passed on).

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    from taplib import ok, done, clean_env
    ok(rc == 0, "ingest exits 0", err)     # detail printed when it fails
    sys.exit(done())                       # the plan line; 1 if a case failed
"""
import os
import sqlite3

_n = 0
_failed = 0


def ok(cond, name, detail="", lines=40):
    """One case: "ok N - name", or "not ok N - name" and the detail's first
    lines as comments.  Returns cond."""
    global _n, _failed
    _n += 1
    print(f"{'ok' if cond else 'not ok'} {_n} - {name}")
    if not cond:
        _failed += 1
        for line in str(detail).splitlines()[:lines]:
            print(f"# {line}")
    return cond


def failed():
    return _failed


def count():
    return _n


def done():
    """Print the plan; the exit status: 1 when a case failed."""
    print(f"1..{_n}")
    return 1 if _failed else 0


def clean_env(**extra):
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"}
    for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
        if k in os.environ:
            env[k] = os.environ[k]
    env.update(extra)
    return env


def db_rows(db, fts_shadow=True):
    """Every table's rows of database db, for comparing two databases: in
    row id order (all columns' order for a WITHOUT ROWID table), without
    what records the runs (the runs table, run_id columns).  With
    fts_shadow False, FTS5's own tables are left out, as an ingest that
    was stopped and resumed merges its index differently, and in their
    place are the sentences that the indexes find for 芯片 and 出口管制."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        out = {}
        for t, sql in con.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE"
                " 'sqlite_%' AND name != 'runs' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
                " ORDER BY name").fetchall():
            if not fts_shadow and t.startswith(("sentences_fts", "sentences_trigram")):
                continue
            cols = [r[1] for r in con.execute(f'PRAGMA table_info("{t}")') if r[1] != "run_id"]
            order = ", ".join(cols) if "WITHOUT ROWID" in sql.upper() else "rowid"
            out[t] = con.execute(
                f"SELECT {', '.join(cols)} FROM \"{t}\" ORDER BY {order}").fetchall()
        if not fts_shadow:
            out["fts"] = con.execute("SELECT rowid FROM sentences_fts WHERE sentences_fts"
                                     " MATCH '\"芯片\"' ORDER BY rowid").fetchall()
            out["trigram"] = con.execute("SELECT rowid FROM sentences_trigram WHERE"
                                         " sentences_trigram MATCH '\"出口管制\"'"
                                         " ORDER BY rowid").fetchall()
        return out
    finally:
        con.close()
