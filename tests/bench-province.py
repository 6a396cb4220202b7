#!/usr/bin/env python3
# bench-province.py — suyuan-server holding a generated province
# (scripts/province.py): load rate, disk bytes per unit, /api/v1/lookup
# p50/p99 under wrk (16 connections, random generated codes), a region's
# pull, next to /api/v1/health under the same wrk (the anchor), at 10^6 units
# and at $SUYUAN_PROVINCE_UNITS (default 3e6; 1e8 for the full run), side by side.
#
# Usage: bench-province.py SERVER_BIN GENERATOR [--db=pg|sqlite] [--seconds=S]
#                          [--sizes=1e6,3e6]
# --db=pg (under tests/with-postgres.sh, or with SUYUAN_TEST_PG set to a
# cluster's URL without a database): a database per size in that cluster,
# dropped afterwards unless SUYUAN_PROVINCE_KEEP=1. --db=sqlite: a file per size.
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

LUA = """
local codes = {}
for line in io.lines("%s") do codes[#codes + 1] = line end
math.randomseed(%d)
request = function()
  return wrk.format(nil, "/api/v1/lookup?code=" .. codes[math.random(#codes)])
end
"""


def arg(name, default):
    for a in sys.argv[3:]:
        if a.startswith(f"--{name}="):
            return a.split("=", 1)[1]
    return default


def to_ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url, token, seconds, script=None):
    cmd = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", "-H", f"Authorization: Bearer {token}"]
    if script:
        cmd += ["-s", script]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, check=True).stdout
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rate": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50": to_ms(re.search(r"50%\s+(\S+)", out).group(1)),
            "p99": to_ms(re.search(r"99%\s+(\S+)", out).group(1)),
            "bad": int(non2xx.group(1)) if non2xx else 0}


def psql(url, sql):
    return subprocess.run(["psql", url, "-qAtc", sql], capture_output=True, text=True, check=True).stdout.strip()


def pull(base, token):
    """Every page of the feed the token is given; changes, bytes, seconds."""
    import urllib.request
    after, n, size, started = 0, 0, 0, time.monotonic()
    while True:
        req = urllib.request.Request(f"{base}/api/v1/changes?after={after}&limit=1000",
                                     headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(req, timeout=600) as r:
            body = r.read()
        size += len(body)
        page = json.loads(body)
        n += len(page["changes"])
        # A scoped page may step past changes it leaves out: "next" says where to go on.
        after = page.get("next") or (page["changes"][-1]["seq"] if page["changes"] else after)
        if not page.get("more"):
            break
    return n, size, time.monotonic() - started


def count_rows(backend, db):
    """Changes in the feed (history copies included) and scope key rows."""
    if backend == "pg":
        out = psql(db, "SELECT (SELECT count(*) FROM changes), CASE WHEN to_regclass('change_scope') IS NULL"
                       " THEN 0 ELSE (SELECT count(*) FROM change_scope) END")
        feed, keys = out.split("|")
        return int(feed), int(keys)
    with sqlite3.connect(db) as conn:
        feed = conn.execute("SELECT count(*) FROM changes").fetchone()[0]
        has = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'change_scope'").fetchone()
        return feed, conn.execute("SELECT count(*) FROM change_scope").fetchone()[0] if has else 0


def run_size(server, generator, backend, units, seconds, tmp):
    label = f"{units:.0e}".replace("e+0", "e")
    if backend == "pg":
        cluster = os.environ["SUYUAN_TEST_PG"]
        name = f"province_{units}"
        psql(cluster + "/postgres", f"DROP DATABASE IF EXISTS {name}")
        psql(cluster + "/postgres", f"CREATE DATABASE {name}")
        db = f"{cluster}/{name}"
    else:
        db = os.path.join(tmp, f"province-{units}.db")
    mirror = os.path.join(tmp, f"mirror-{units}.lookup")
    codes = os.path.join(tmp, f"codes-{units}.txt")
    tok = lambda *a: subprocess.run([server, "token", "create", f"--db={db}", *a], capture_output=True,
                                    text=True, check=True).stdout.strip()
    admin = tok("--role=admin", f"--name=bench-{units}")
    gen = subprocess.run([sys.executable, generator, f"--db={db}", f"--units={units}", f"--codes={codes}"],
                         capture_output=True, text=True, check=True)
    summary = json.loads(gen.stderr.strip().splitlines()[-1])
    region = summary["busiest_county"]
    # The first command after the load gives the generated changes their scope keys.
    keyed = time.monotonic()
    inspector = tok("--role=inspector", f"--region={region}", f"--name=inspector-{units}")
    keyed = time.monotonic() - keyed
    port_file = os.path.join(tmp, f"port-{units}")
    started = time.monotonic()
    proc = subprocess.Popen([server, f"--db={db}", f"--mirror={mirror}", "--port=0", f"--port-file={port_file}",
                             "--public-rate=0"], stdout=subprocess.DEVNULL, stderr=open(os.path.join(tmp, "server.log"), "a"))
    try:
        while not (os.path.exists(port_file) and os.path.getsize(port_file) > 0):
            if proc.poll() is not None:
                sys.exit("suyuan-server did not start: " + open(os.path.join(tmp, "server.log")).read()[-2000:])
            time.sleep(0.2)
        ready = time.monotonic() - started
        base = f"http://127.0.0.1:{open(port_file).read().strip()}"
        if backend == "pg":
            db_bytes = int(psql(db, "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c"
                                    " JOIN pg_namespace n ON n.oid = c.relnamespace"
                                    " WHERE c.relkind = 'r' AND n.nspname = current_schema()"))
        else:
            db_bytes = sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s))
        feed_rows, scope_rows = count_rows(backend, db)
        mirror_bytes = sum(os.path.getsize(mirror + s) for s in ("", "-wal") if os.path.exists(mirror + s))
        script = os.path.join(tmp, f"lookup-{units}.lua")
        with open(script, "w") as f:
            f.write(LUA % (codes, units))
        health = wrk(f"{base}/api/v1/health", admin, seconds)
        lookup = wrk(f"{base}/api/v1/lookup", admin, seconds, script)
        pulled, pull_bytes, pull_s = pull(base, inspector)
        return {"label": label, "units": units, "rows": summary["rows"], "load_s": summary["seconds"],
                "rows_per_s": summary["rows_per_s"], "ready_s": ready, "keys_s": keyed, "db_bpu": db_bytes / units,
                "mirror_bpu": mirror_bytes / units, "feed_rows": feed_rows, "scope_rows": scope_rows, "db_bytes": db_bytes, "mirror_bytes": mirror_bytes,
                "health": health, "lookup": lookup, "region": region,
                "region_units": summary["busiest_county_units"], "pulled": pulled, "pull_bytes": pull_bytes,
                "pull_s": pull_s}
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait()
        if os.environ.get("SUYUAN_PROVINCE_KEEP") != "1":
            if backend == "pg":
                psql(os.environ["SUYUAN_TEST_PG"] + "/postgres", f"DROP DATABASE IF EXISTS {name}")
            for path in (db, db + "-wal", db + "-shm", mirror, mirror + "-wal", mirror + "-shm", mirror + ".public"):
                if os.path.exists(path):
                    os.unlink(path)


def main():
    if len(sys.argv) < 3 or shutil.which("wrk") is None or shutil.which("psql") is None:
        print("usage: bench-province.py SERVER_BIN GENERATOR [--db=pg|sqlite]; needs wrk and psql")
        return 77
    server, generator = sys.argv[1], sys.argv[2]
    backend = arg("db", "pg")
    seconds = int(arg("seconds", "10"))
    big = int(float(os.environ.get("SUYUAN_PROVINCE_UNITS", "3e6")))
    sizes = [int(float(s)) for s in arg("sizes", f"1e6,{big}").split(",")]
    tmp = tempfile.mkdtemp(prefix="bench-province-", dir=os.environ.get("SUYUAN_PROVINCE_TMP"))
    results = []
    try:
        for units in sizes:
            results.append(run_size(server, generator, backend, units, seconds, tmp))
            print(f"# {units} units: {json.dumps(results[-1])}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    rows = [
        ("change rows generated", lambda r: f"{r['rows']:,}"),
        ("load (COPY + indexes), rows/s", lambda r: f"{r['rows_per_s']:,.0f}"),
        ("scope keys given (backfill), s", lambda r: f"{r.get('keys_s', 0):.0f}"),
        ("server ready (lookup mirror built), s", lambda r: f"{r['ready_s']:.0f}"),
        ("feed rows after the server's scope backfill", lambda r: f"{r['feed_rows']:,}"),
        ("scope key rows", lambda r: f"{r['scope_rows']:,}"),
        ("database bytes per unit", lambda r: f"{r['db_bpu']:.0f}"),
        ("lookup mirror bytes per unit", lambda r: f"{r['mirror_bpu']:.0f}"),
        ("database + mirror total, GB", lambda r: f"{(r['db_bytes'] + r['mirror_bytes']) / 1e9:.2f}"),
        ("GET /api/v1/health (anchor) req/s", lambda r: f"{r['health']['rate']:,.0f}"),
        ("  health p50 / p99, ms", lambda r: f"{r['health']['p50']:.2f} / {r['health']['p99']:.2f}"),
        ("GET /api/v1/lookup, random codes req/s", lambda r: f"{r['lookup']['rate']:,.0f}"),
        ("  lookup p50 / p99, ms", lambda r: f"{r['lookup']['p50']:.2f} / {r['lookup']['p99']:.2f}"),
        ("  lookup p99 / health p99", lambda r: f"{r['lookup']['p99'] / r['health']['p99']:.1f}x"),
        ("  lookup non-2xx", lambda r: f"{r['lookup']['bad']}"),
        ("region pull (inspector of the busiest county)", lambda r: r["region"]),
        ("  units shipped into that county", lambda r: f"{r['region_units']:,}"),
        ("  changes / MB / s", lambda r: f"{r['pulled']:,} / {r['pull_bytes'] / 1e6:.1f} / {r['pull_s']:.1f}"),
    ]
    name = "PostgreSQL" if backend == "pg" else "SQLite"
    print(f"\nsuyuan-server on {name}, wrk 2 threads 16 connections {seconds} s each")
    print(f"{'':48}" + "".join(f"{r['label']:>26}" for r in results))
    for title, cell in rows:
        print(f"{title:48}" + "".join(f"{cell(r):>26}" for r in results))
    if len(results) > 1:
        first, last = results[0], results[-1]
        growth = last["lookup"]["p99"] / first["lookup"]["p99"]
        anchor = last["health"]["p99"] / first["health"]["p99"]
        print(f"lookup p99 at {last['label']} / at {first['label']}: {growth:.2f}x "
              f"(health p99 moved {anchor:.2f}x in the same run)")
    return 1 if any(r["lookup"]["bad"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
