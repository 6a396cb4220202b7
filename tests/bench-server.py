#!/usr/bin/env python3
# bench-server.py — suyuan-server under concurrent clients (wrk): online
# lookups and change pages per second, next to GET /api/v1/health on the same
# server in the same run (the anchor: HTTP, threads and token check, no data).
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The public resolver (GS1 Digital Link pages, HTML) is measured the same
# way: batch pages, and unit pages that also count the query.
#
# Usage: bench-server.py SERVER_BIN [--db=URL|pg] [--units=N] [--seconds=S]
# --db defaults to a fresh SQLite file; a postgresql:// URL (an empty
# database) measures that backend the same way; "pg" is the cluster
# tests/with-postgres.sh started.

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time


def arg(name, default):
    for a in sys.argv[2:]:
        if a.startswith(f"--{name}="):
            return a.split("=", 1)[1]
    return default


def make_feed(path, n_units):
    """A producer, a drug product, 100 batches and N serialised boxes."""
    doc = {
        "format": "suyuan/1",
        "parties": [{"id": "P-B", "name": "基准药业", "kind": "producer"}],
        "products": [{"id": "PR-B", "name": "基准片", "category": "drug",
                      "drug_id": "8765432", "producer_id": "P-B"}],
        "batches": [{"id": f"B-{b}", "product_id": "PR-B", "lot": f"L{b:04d}",
                     "production_date": "2026-01-01", "expiry_date": "2028-12-31",
                     "status": "normal"} for b in range(100)],
        "units": [{"product_id": "PR-B", "serial": f"{u:09d}", "batch_id": f"B-{u % 100}",
                   "state": "commissioned"} for u in range(n_units)],
    }
    # A food with a GTIN for the resolver: 100 lots, 10,000 serialised jars.
    doc["parties"].append({"id": "P-G", "name": "基准食品厂", "kind": "producer", "licence_no": "SC1",
                           "licence_status": "valid"})
    doc["products"].append({"id": "PR-G", "gtin": GTIN, "name": "基准蜂蜜", "spec": "500 g",
                            "category": "food", "producer_id": "P-G"})
    doc["batches"] += [{"id": f"B-G-{b}", "product_id": "PR-G", "lot": f"G{b:04d}",
                        "production_date": "2026-01-01", "expiry_date": "2028-12-31",
                        "status": "normal"} for b in range(100)]
    doc["units"] += [{"product_id": "PR-G", "serial": f"S{u:06d}", "batch_id": f"B-G-{u % 100}",
                      "state": "commissioned"} for u in range(10000)]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f)


GTIN = "09520123456788"


def drug_code(serial):
    # 8765432 + 9-digit serial + 4-digit check part, as the demo drug codes are.
    return f"8765432{serial:09d}1234"


def wrk(url, token, seconds, script=None, headers=()):
    cmd = ["wrk", "-t2", "-c16", f"-d{seconds}s", "-H", f"Authorization: Bearer {token}"]
    for h in headers:
        cmd += ["-H", h]
    if script:
        cmd += ["-s", script]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    lat = re.search(r"Latency\s+([\d.]+\w+)", out).group(1)
    return rate, lat, int(non2xx.group(1)) if non2xx else 0


def main():
    if len(sys.argv) < 2 or shutil.which("wrk") is None:
        print("usage: bench-server.py SERVER_BIN [--db=URL]; needs wrk (apt-get install wrk)")
        return 77
    server = sys.argv[1]
    n_units = int(arg("units", "100000"))
    seconds = int(arg("seconds", "5"))
    tmp = tempfile.mkdtemp(prefix="bench-server-")
    db = arg("db", os.path.join(tmp, "server.db"))
    if db == "pg":   # under tests/with-postgres.sh: its throwaway cluster
        db = os.environ["SUYUAN_TEST_PG"] + "/postgres"
    feed = os.path.join(tmp, "feed.json")
    port_file = os.path.join(tmp, "port")
    make_feed(feed, n_units)
    token = subprocess.run([server, "token", "create", f"--db={db}", "--role=admin", "--name=bench"],
                           capture_output=True, text=True, check=True).stdout.strip()
    started = time.monotonic()
    proc = subprocess.Popen([server, f"--db={db}", "--port=0", f"--port-file={port_file}",
                             f"--import={feed}", "--public-rate=0"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not (os.path.exists(port_file) and os.path.getsize(port_file) > 0):
            if proc.poll() is not None:
                print("suyuan-server did not start")
                return 1
            time.sleep(0.05)
        base = f"http://127.0.0.1:{open(port_file).read().strip()}"
        print(f"backend {'PostgreSQL' if db.startswith('postgres') else 'SQLite'}: "
              f"{n_units} units imported and serving after {time.monotonic() - started:.1f} s; "
              f"wrk 2 threads, 16 connections, {seconds} s each")
        # Each request looks up another box, so no cache answers for the server.
        script = os.path.join(tmp, "lookup.lua")
        with open(script, "w") as f:
            f.write("counter = 0\nrequest = function()\n  counter = counter + 7919\n"
                    f"  local s = counter % {n_units}\n"
                    "  return wrk.format(nil, string.format('/api/v1/lookup?code=8765432%09d1234', s))\nend\n")
        health, hl, _ = wrk(f"{base}/api/v1/health", token, seconds)
        lookup, ll, lbad = wrk(f"{base}/api/v1/lookup?code={drug_code(1)}", token, seconds, script)
        pages, pl, pbad = wrk(f"{base}/api/v1/changes?after=0&limit=1000", token, seconds)
        browser = ("Accept: text/html,application/xhtml+xml,*/*;q=0.8", "Accept-Language: zh-CN,zh;q=0.9")
        batch_lua = os.path.join(tmp, "batch.lua")
        with open(batch_lua, "w") as f:
            f.write("counter = 0\nrequest = function()\n  counter = counter + 1\n"
                    f"  return wrk.format(nil, string.format('/01/{GTIN}/10/G%04d', counter % 100))\nend\n")
        unit_lua = os.path.join(tmp, "unit.lua")
        with open(unit_lua, "w") as f:
            f.write("counter = 0\nrequest = function()\n  counter = counter + 7\n  local u = counter % 10000\n"
                    f"  return wrk.format(nil, string.format('/01/{GTIN}/10/G%04d/21/S%06d', u % 100, u))\nend\n")
        rpages, rl, rbad = wrk(f"{base}/01/{GTIN}/10/G0001", token, seconds, batch_lua, browser)
        upages, ul, ubad = wrk(f"{base}/01/{GTIN}/10/G0001/21/S000001", token, seconds, unit_lua, browser)
        print(f"GET /api/v1/health (anchor)             {health:9.0f} req/s  latency {hl}")
        print(f"GET /api/v1/lookup, random boxes        {lookup:9.0f} req/s  latency {ll}"
              f"  ({lookup / health:.2f}x the anchor){'  NON-2xx: ' + str(lbad) if lbad else ''}")
        print(f"GET /api/v1/changes, 1000-change pages  {pages:9.0f} req/s  latency {pl}"
              f"  ({pages / health:.2f}x the anchor) = {pages * 1000:.0f} changes/s"
              f"{'  NON-2xx: ' + str(pbad) if pbad else ''}")
        print(f"GET /01/…/10/… resolver batch pages   {rpages:9.0f} req/s  latency {rl}"
              f"  ({rpages / health:.2f}x the anchor){'  NON-2xx: ' + str(rbad) if rbad else ''}")
        print(f"GET /01/…/21/… resolver unit pages    {upages:9.0f} req/s  latency {ul}"
              f"  ({upages / health:.2f}x the anchor, each counts the query)"
              f"{'  NON-2xx: ' + str(ubad) if ubad else ''}")
        return 1 if lbad or pbad or rbad or ubad else 0
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
