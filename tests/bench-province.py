#!/usr/bin/env python3
# bench-province.py — suyuan-server holding a generated province
# (scripts/province.py): load rate, the scope backfill and server start,
# disk bytes per unit (feed, scope keys, lookup mirror), /api/v1/lookup
# p50/p99 under wrk (16 connections, random generated codes) and the scoped
# pull of one county (an inspector's token: changes, bytes, seconds, per page),
# next to /api/v1/health under the same wrk (the anchor), at 10^6 units and at
# $SUYUAN_PROVINCE_UNITS (default 3e6; 1e8 for the full run), side by side.
#
# The generated feed has no scope keys: the server gives them when it opens
# the database, the first time, before it listens. So the server is started
# straight after the load; "backfill" is from its start to the log line that
# says the keys are given, "ready" to its first /api/v1/health answer.
#
# Usage: bench-province.py SERVER_BIN GENERATOR [--db=pg|sqlite] [--seconds=S]
#                          [--sizes=1e6,3e6]
# --db=pg (under tests/with-postgres.sh, or with SUYUAN_TEST_PG set to a
# cluster's URL without a database): a database per size in that cluster,
# dropped afterwards unless SUYUAN_PROVINCE_KEEP=1. --db=sqlite: a file per size.
# SPDX-License-Identifier: GPL-3.0-or-later

import gzip
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
import urllib.error
import urllib.request

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
    # The latency distribution's lines (a "+/- Stdev" column such as 90.50% is not one).
    percentile = lambda p: re.search(rf"^\s+{p}%\s+(\S+)$", out, re.M)
    if not percentile(50) or not percentile(99):
        sys.exit(f"wrk measured nothing on {url}:\n{out}")
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rate": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50": to_ms(percentile(50).group(1)),
            "p99": to_ms(percentile(99).group(1)),
            "bad": int(non2xx.group(1)) if non2xx else 0}


def psql(url, sql):
    return subprocess.run(["psql", url, "-qAtc", sql], capture_output=True, text=True, check=True).stdout.strip()


def pull(base, token):
    """Every page of the feed the token is given, as a terminal asks for it
    (gzip): changes (and how many of each type), bytes on the wire and as
    JSON, pages, seconds."""
    after, n, wire, size, pages, types, started = 0, 0, 0, 0, 0, {}, time.monotonic()
    while True:
        req = urllib.request.Request(f"{base}/api/v1/changes?after={after}&limit=1000",
                                     headers={"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"})
        with urllib.request.urlopen(req, timeout=600) as r:
            body = r.read()
            wire += len(body)
            if r.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
        size += len(body)
        pages += 1
        page = json.loads(body)
        n += len(page["changes"])
        for change in page["changes"]:
            types[change["type"]] = types.get(change["type"], 0) + 1
        # A scoped page may step past changes it leaves out: "next" says where to go on.
        after = page.get("next") or (page["changes"][-1]["seq"] if page["changes"] else after)
        if not page.get("more"):
            break
    return {"changes": n, "types": types, "wire": wire, "bytes": size, "pages": pages,
            "seconds": time.monotonic() - started}


def health_ok(base, token):
    req = urllib.request.Request(f"{base}/api/v1/health", headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status == 200
    except (urllib.error.URLError, OSError):
        return False


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


def disk_split(backend, db, total):
    """Bytes of the feed (changes, its indexes), of the scope keys (every
    change_scope* table and its indexes) and of the rest of the database
    (of TOTAL: other tables, free pages)."""
    if backend == "pg":
        out = psql(db, "SELECT coalesce(sum(pg_total_relation_size(c.oid)) FILTER (WHERE c.relname = 'changes'), 0),"
                       " coalesce(sum(pg_total_relation_size(c.oid)) FILTER (WHERE c.relname LIKE 'change\\_scope%'), 0)"
                       " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                       " WHERE c.relkind = 'r' AND n.nspname = current_schema()")
        feed, keys = (int(x) for x in out.split("|"))
        return feed, keys, total - feed - keys
    with sqlite3.connect(db) as conn:
        split = {"feed": 0, "keys": 0, "other": 0}
        for table, size in conn.execute("SELECT coalesce(m.tbl_name, d.name), sum(d.pgsize) FROM dbstat d"
                                        " LEFT JOIN sqlite_master m ON m.name = d.name GROUP BY 1"):
            part = "feed" if table == "changes" else "keys" if table.startswith("change_scope") else "other"
            split[part] += size
        return split["feed"], split["keys"], total - split["feed"] - split["keys"]


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
    # A long run reports each phase as it ends: one cut short still tells what it measured.
    phase = lambda text: print(f"# {label}: {text}", flush=True)
    phase(f"loaded {summary['rows']:,} rows in {summary['seconds']:.0f} s ({summary['rows_per_s']:,.0f} rows/s)")
    port_file = os.path.join(tmp, f"port-{units}")
    log = os.path.join(tmp, f"server-{units}.log")
    started = time.monotonic()
    errlog = open(log, "w")
    proc = subprocess.Popen([server, f"--db={db}", f"--mirror={mirror}", "--port=0", f"--port-file={port_file}",
                             "--public-rate=0"], stdout=subprocess.DEVNULL, stderr=errlog)
    try:
        # The server's first open gives the generated changes their scope keys,
        # then builds the lookup mirror, then listens.
        backfill = ready = None
        while ready is None:
            if proc.poll() is not None:
                sys.exit("suyuan-server did not start: " + open(log).read()[-2000:])
            if backfill is None and "scoped pull" in open(log).read():
                backfill = time.monotonic() - started
                phase(f"scope keys given in {backfill:.0f} s")
            if os.path.exists(port_file) and os.path.getsize(port_file) > 0:
                base = f"http://127.0.0.1:{open(port_file).read().strip()}"
                if health_ok(base, admin):
                    ready = time.monotonic() - started
            time.sleep(0.1)
        phase(f"server ready (mirror built) {ready:.0f} s after start")
        inspector = tok("--role=inspector", f"--region={region}", f"--name=inspector-{units}")
        if backend == "pg":
            db_bytes = int(psql(db, "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c"
                                    " JOIN pg_namespace n ON n.oid = c.relnamespace"
                                    " WHERE c.relkind = 'r' AND n.nspname = current_schema()"))
        else:
            # Its pages as the server sees them (a WAL not yet checkpointed holds some of them).
            with sqlite3.connect(db) as conn:
                db_bytes = (conn.execute("PRAGMA page_count").fetchone()[0]
                            * conn.execute("PRAGMA page_size").fetchone()[0])
        feed_bytes, key_bytes, other_bytes = disk_split(backend, db, db_bytes)
        feed_rows, scope_rows = count_rows(backend, db)
        mirror_bytes = sum(os.path.getsize(mirror + s) for s in ("", "-wal") if os.path.exists(mirror + s))
        script = os.path.join(tmp, f"lookup-{units}.lua")
        with open(script, "w") as f:
            f.write(LUA % (codes, units))
        health = wrk(f"{base}/api/v1/health", admin, seconds)
        lookup = wrk(f"{base}/api/v1/lookup", admin, seconds, script)
        phase(f"{db_bytes / units:.0f} + {mirror_bytes / units:.0f} (mirror) bytes/unit; health p99"
              f" {health['p99']:.2f} ms, lookup p50/p99 {lookup['p50']:.2f}/{lookup['p99']:.2f} ms;"
              f" pulling county {region}")
        region_pull = pull(base, inspector)
        return {"label": label, "units": units, "rows": summary["rows"], "load_s": summary["seconds"],
                "rows_per_s": summary["rows_per_s"], "ready_s": ready, "keys_s": backfill,
                "db_bpu": db_bytes / units, "feed_bpu": feed_bytes / units, "keys_bpu": key_bytes / units,
                "other_bpu": other_bytes / units, "mirror_bpu": mirror_bytes / units, "feed_rows": feed_rows,
                "scope_rows": scope_rows, "db_bytes": db_bytes, "mirror_bytes": mirror_bytes,
                "health": health, "lookup": lookup, "region": region,
                "region_units": summary["busiest_county_units"], "pull": region_pull}
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait()
        errlog.close()
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
    secs = lambda v: "-" if v is None else f"{v:.1f}"
    per_unit = lambda r, part: f"{r[part]:.0f}"
    rows = [
        ("change rows generated", lambda r: f"{r['rows']:,}"),
        ("load (COPY + indexes), rows/s", lambda r: f"{r['rows_per_s']:,.0f}"),
        ("server start: scope keys given (backfill), s", lambda r: secs(r["keys_s"])),
        ("server start to /health OK (+ mirror), s", lambda r: secs(r["ready_s"])),
        ("feed rows after the server's scope backfill", lambda r: f"{r['feed_rows']:,}"),
        ("scope key rows (per generated change)", lambda r: f"{r['scope_rows']:,} ({r['scope_rows'] / r['rows']:.1f})"),
        ("database bytes per unit (its pages)", lambda r: f"{r['db_bpu']:.0f}"),
        ("  feed (changes + indexes)", lambda r: per_unit(r, "feed_bpu")),
        ("  scope keys (change_scope + index)", lambda r: per_unit(r, "keys_bpu")),
        ("  other tables", lambda r: per_unit(r, "other_bpu")),
        ("lookup mirror bytes per unit", lambda r: f"{r['mirror_bpu']:.0f}"),
        ("database + mirror total, GB", lambda r: f"{(r['db_bytes'] + r['mirror_bytes']) / 1e9:.2f}"),
        ("GET /api/v1/health (anchor) req/s", lambda r: f"{r['health']['rate']:,.0f}"),
        ("  health p50 / p99, ms", lambda r: f"{r['health']['p50']:.2f} / {r['health']['p99']:.2f}"),
        ("GET /api/v1/lookup, random codes req/s", lambda r: f"{r['lookup']['rate']:,.0f}"),
        ("  lookup p50 / p99, ms", lambda r: f"{r['lookup']['p50']:.2f} / {r['lookup']['p99']:.2f}"),
        ("  lookup p99 / health p99", lambda r: f"{r['lookup']['p99'] / r['health']['p99']:.1f}x"),
        ("  lookup non-2xx", lambda r: f"{r['lookup']['bad']}"),
        ("scoped pull: inspector of the busiest county", lambda r: r["region"]),
        ("  units shipped into that county", lambda r: f"{r['region_units']:,}"),
        ("  changes pulled", lambda r: f"{r['pull']['changes']:,}"),
        ("  of which unit / units / event", lambda r: "{:,} / {:,} / {:,}".format(
            *(r["pull"]["types"].get(t, 0) for t in ("unit", "units", "event")))),
        ("  MB gzip on the wire / MB JSON", lambda r: f"{r['pull']['wire'] / 1e6:.1f} / {r['pull']['bytes'] / 1e6:.1f}"),
        ("  seconds, all pages", lambda r: f"{r['pull']['seconds']:.1f}"),
        ("  ms per page of 1000 / health p50 ms", lambda r: f"{1000 * r['pull']['seconds'] / r['pull']['pages']:.0f}"
                                                           f" / {r['health']['p50']:.2f}"),
    ]
    name = "PostgreSQL" if backend == "pg" else "SQLite"
    print(f"\nsuyuan-server on {name}, wrk 2 threads 16 connections {seconds} s each")
    print(f"{'':48}" + "".join(f"{r['label']:>34}" for r in results))
    for title, cell in rows:
        print(f"{title:48}" + "".join(f"{cell(r):>34}" for r in results))
    if len(results) > 1:
        first, last = results[0], results[-1]
        growth = last["lookup"]["p99"] / first["lookup"]["p99"]
        anchor = last["health"]["p99"] / first["health"]["p99"]
        print(f"lookup p99 at {last['label']} / at {first['label']}: {growth:.2f}x "
              f"(health p99 moved {anchor:.2f}x in the same run)")
    return 1 if any(r["lookup"]["bad"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
