#!/usr/bin/env python3
# test-province-gen.py — scripts/province.py, the province the scale
# benchmark measures, at a few thousand units: the same feed from the same
# seed, rows a server reads as JSON, consignments to shops that name the
# serials their cases hold (within their batch, every unit in one case),
# sales only of what the selling shop received, and a server that opens the
# generated feed and answers a lookup of a sampled code.
# Copyright 2026 The Suyuan authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-province-gen.py GENERATOR (SUYUAN_SERVER_BIN names the server). TAP output.

import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

SERVER = os.environ["SUYUAN_SERVER_BIN"]
GENERATOR = sys.argv[1]
UNITS = 6000
SHOPS = ("retailer", "pharmacy", "canteen")
SERIAL = re.compile(r"[0-9]{10}")

results = []


def check(ok, name, detail=""):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} - {name}")
    if not ok and detail:
        for line in str(detail).splitlines():
            print(f"# {line}")


def token(db, *args):
    return subprocess.run([SERVER, "token", "create", f"--db={db}", *args], capture_output=True, text=True,
                          check=True).stdout.strip().splitlines()[-1]


def generate(tmp, name, seed=19):
    """A province in a fresh server database: its path, the codes file, the summary."""
    db = os.path.join(tmp, f"{name}.db")
    admin = token(db, "--role=admin", "--name=admin")
    codes = os.path.join(tmp, f"{name}.codes")
    gen = subprocess.run([sys.executable, GENERATOR, f"--db={db}", f"--units={UNITS}", f"--seed={seed}",
                          f"--codes={codes}"], capture_output=True, text=True)
    if gen.returncode != 0:
        print(f"Bail out! province.py failed: {gen.stderr}")
        sys.exit(1)
    return db, codes, admin, json.loads(gen.stderr.strip().splitlines()[-1])


def feed(db):
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT seq, type, data FROM changes ORDER BY seq").fetchall()


def check_feed(rows):
    parsed, not_json, not_compact = [], [], []
    for seq, kind, data in rows:
        try:
            obj = json.loads(data)
        except ValueError as e:
            not_json.append((seq, str(e)))
            continue
        # Rows written as text must be what json.dumps would have written.
        if json.dumps(obj, ensure_ascii=False, separators=(",", ":")) != data:
            not_compact.append(data)
        parsed.append((kind, obj))
    check(not not_json, "every generated row is JSON", not_json[:3])
    check(not not_compact, "unit and sale rows written as text are the JSON json.dumps makes", not_compact[:3])
    return parsed


def check_consignments(parsed):
    kinds = {o["id"]: o["kind"] for k, o in parsed if k == "party"}
    serials = {}
    for k, o in parsed:
        if k == "unit":
            serials.setdefault(o["batch_id"], []).append(o["serial"])
    moves = [o for k, o in parsed if k == "event" and o["type"] in ("shipping", "receiving")]
    to_shops = [o for o in moves if kinds.get(o["destination_id"]) in SHOPS]
    to_distributors = [o for o in moves if kinds.get(o["destination_id"]) == "distributor"]
    maker = {o["id"]: o["producer_id"] for k, o in parsed if k == "product"}
    product = {o["id"]: o["product_id"] for k, o in parsed if k == "batch"}
    bad = [o for o in moves if o not in to_shops and o not in to_distributors]
    for b in serials:
        first_leg = sorted((o["type"], o["source_id"]) for o in to_distributors if o["batch_id"] == b)
        if first_leg != [("receiving", maker[product[b]]), ("shipping", maker[product[b]])] \
                or not any(o["batch_id"] == b for o in to_shops):
            bad.append((b, first_leg))
    check(not bad, "every batch goes from its producer to a distributor, then to shops", bad[:3])
    bad = [o for o in to_distributors if "serial_first" in o or "serial_last" in o]
    check(not bad, "a producer's shipment to its distributor is the whole batch (no serial range)", bad[:2])

    bad = []
    held = {}        # batch → serials its consignments to shops hold
    for o in to_shops:
        first, last = o.get("serial_first"), o.get("serial_last")
        batch = sorted(serials.get(o["batch_id"], []))
        if not (first and last and SERIAL.fullmatch(first) and SERIAL.fullmatch(last)
                and batch and batch[0] <= first <= last <= batch[-1]
                and int(last) - int(first) + 1 == o["data"]["units"]):
            bad.append((o, batch[:1] + batch[-1:]))
        elif o["type"] == "receiving":
            held.setdefault(o["batch_id"], []).extend(f"{s:010d}" for s in range(int(first), int(last) + 1))
    check(not bad, "each consignment to a shop names serial_first … serial_last, 10 digits, within its batch,"
                   " as many as it carries", bad[:2])

    pairs = {}
    for o in to_shops:
        pairs.setdefault((o["batch_id"], o["source_id"], o["destination_id"], o.get("serial_first")), set()).add(
            (o["type"], o.get("serial_last")))
    bad = [key for key, got in pairs.items() if {t for t, _ in got} != {"shipping", "receiving"} or len(got) != 2]
    check(not bad, "what a distributor ships to a shop, the shop receives: the same range", bad[:3])

    bad = [b for b, s in serials.items() if sorted(held.get(b, [])) != sorted(s)]
    check(not bad, "a batch's cases to shops hold every unit of it, each unit in one case", bad[:3])
    return kinds


def check_sales(parsed, kinds):
    received = {}
    for k, o in parsed:
        if k == "event" and o["type"] == "receiving" and "serial_first" in o:
            received.setdefault((o["destination_id"], o["batch_id"]), []).append((o["serial_first"], o["serial_last"]))
    sales = [o for k, o in parsed if k == "event" and o["type"] == "selling"]
    bad = [o for o in sales
           if kinds.get(o["party_id"]) not in ("retailer", "pharmacy")
           or not any(f <= o["serial"] <= l for f, l in received.get((o["party_id"], o["batch_id"]), []))]
    units = sum(1 for k, _ in parsed if k == "unit")
    # About 1 unit in 20 of what retailers and pharmacies receive (85 % of units): 255 expected.
    check(not bad and 150 < len(sales) < 400,
          "sales are of units the selling shop received, about 1 in 20", f"{len(sales)} sales of {units} units; {bad[:2]}")


def check_server(tmp, db, codes, admin):
    """The server gives the generated feed its keys, builds its mirror and answers a lookup."""
    port_file = os.path.join(tmp, "port")
    with open(os.path.join(tmp, "server.log"), "w") as log:
        proc = subprocess.Popen([SERVER, f"--db={db}", f"--mirror={os.path.join(tmp, 'mirror')}", "--port=0",
                                 f"--port-file={port_file}", "--public-rate=0"], stdout=subprocess.DEVNULL, stderr=log)
    try:
        deadline = time.monotonic() + 60
        while not (os.path.exists(port_file) and os.path.getsize(port_file) > 0):
            if proc.poll() is not None or time.monotonic() > deadline:
                check(False, "the server opens the generated province", open(os.path.join(tmp, "server.log")).read())
                return
            time.sleep(0.1)
        base = f"http://127.0.0.1:{open(port_file).read().strip()}"
        code = open(codes).readline().strip()
        serial = urllib.parse.unquote(code)[-10:]
        req = urllib.request.Request(f"{base}/api/v1/lookup?code={code}", headers={"Authorization": f"Bearer {admin}"})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                status, body = r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            status, body = e.code, e.read().decode()
        check(status == 200 and serial in body, "the server opens the generated province and finds a sampled code",
              f"{status} {body[:300]}")
    finally:
        proc.terminate()
        proc.wait()


def main():
    with tempfile.TemporaryDirectory(prefix="province-gen-") as tmp:
        db, codes, admin, summary = generate(tmp, "a")
        again, codes_again, _, _ = generate(tmp, "b")
        other, _, _, _ = generate(tmp, "c", seed=20)
        rows = feed(db)
        check(rows == feed(again) and open(codes).read() == open(codes_again).read() and rows != feed(other),
              "the same seed makes the same feed and code sample; another seed another")
        n_codes = sum(1 for _ in open(codes))
        check(summary["counts"].get("unit") == UNITS and n_codes == UNITS,
              "every unit commissioned; the code sample holds them all (fewer than 100,000)",
              f"{summary['counts']}; {n_codes} codes")
        parsed = check_feed(rows)
        kinds = check_consignments(parsed)
        check_sales(parsed, kinds)
        check_server(tmp, db, codes, admin)
    print(f"1..{len(results)}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
