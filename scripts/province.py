#!/usr/bin/env python3
# province.py — a generated province written straight into a suyuan-server
# database's change feed (the `changes` table the server pulls and mirrors
# for lookups), for measuring the server at scale.
#
# Usage: province.py --db=URL|FILE [--units=N] [--seed=S] [--codes=FILE]
#   --db     a postgresql:// URL (loaded with psql's \copy from a pipe, one
#            COPY) or a SQLite server database file, with an empty feed; the
#            server must have opened it once (e.g. `suyuan-server token
#            create --db=…`), so its schema is there. The server gives the
#            generated changes their scope keys (scoped pull) when it starts,
#            as it does for a feed older than scoped pull.
#   --units  how many serialised units (default 20000: a few seconds);
#            1e8 is the province benchmark's full size.
#   --codes  write a sample of up to 100,000 unit codes, one a line, ready
#            for `GET /api/v1/lookup?code=` (percent-encoded), in random order.
#
# What a province looks like (deterministic from --seed): 11 cities of 8–20
# counties (region codes like 130102); per county producers, distributors,
# retailers, pharmacies and canteens, one party per ~400 units; products per
# producer skewed (1–40, most have few); batch sizes skewed (Pareto, 20 to
# 50,000 units); every unit commissioned with its batch. Goods move as real
# supply chains record them: a batch ships from its producer to a
# distributor and is received there (one batch-level event each, the whole
# batch), then goes out in consignments of cases to retailers, pharmacies and
# canteens: each shipment and receipt is one event naming the units its cases
# hold, `serial_first` … `serial_last` (10 digits, a contiguous range of the
# batch, each shop its own). Only what is sold has unit events (about 1 in 20).
# About 1 batch in 1000 is recalled or found unqualified: an alert and the
# batch's new status, as the regulator's import records them.
#
# Prints what it wrote and the load rate (rows/s) on stderr. The rows of units
# and sales (nearly all of them) are written as text, not through json.dumps:
# every id in them is ASCII without quotes or backslashes (checked per batch).
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import itertools
import json
import math
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

CITIES = 11
PROVINCE = 13            # region codes 13CCNN, as GB/T 2260 numbers Hebei's
UNITS_PER_PARTY = 400
KINDS = [("producer", 0.06), ("distributor", 0.06), ("retailer", 0.58),
         ("pharmacy", 0.15), ("canteen", 0.15)]
SOLD_SHARE = 0.05
NOTICE_SHARE = 0.001
CODE_SAMPLE = 100000
# What a row written as text may hold between its quotes: no JSON or COPY escaping needed.
PLAIN = re.compile(r"[A-Za-z0-9.:+-]*")


def plain(text):
    if not PLAIN.fullmatch(text):
        sys.exit(f"province.py: {text!r} would need escaping in a row written as text")
    return text


def gtin_with_check(body13):
    """A 14-digit GTIN from 13 digits and the GS1 mod-10 check digit."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body13)))
    return body13 + str((10 - total % 10) % 10)


def copy_escape(text):
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


# Into an empty feed, the secondary indexes are dropped and built again after
# the COPY (one sort each rather than 10^8 random inserts); the definitions
# are the database's own, so whatever the server's migrations made comes back.
PG_LOAD = """
\\set ON_ERROR_STOP 1
BEGIN;
CREATE TEMP TABLE province_indexes ON COMMIT DROP AS
  SELECT indexname, indexdef FROM pg_indexes
  WHERE schemaname = current_schema() AND tablename = 'changes'
    AND indexname <> 'changes_pkey' AND NOT EXISTS (SELECT 1 FROM changes);
DO $$ DECLARE i record; BEGIN
  FOR i IN SELECT indexname FROM province_indexes LOOP
    EXECUTE format('DROP INDEX %I', i.indexname); END LOOP; END $$;
\\copy changes (type, data) FROM pstdin
SET maintenance_work_mem = '1GB';
DO $$ DECLARE i record; BEGIN
  FOR i IN SELECT indexdef FROM province_indexes LOOP EXECUTE i.indexdef; END LOOP; END $$;
DO $$ BEGIN IF to_regclass('change_scope_backfill') IS NOT NULL THEN
  DELETE FROM change_scope_backfill;
  INSERT INTO change_scope_backfill SELECT max(seq) FROM changes; END IF; END $$;
COMMIT;
ANALYZE changes;
"""


class PgSink:
    """One COPY … FROM STDIN through psql, fed from this process."""

    def __init__(self, url):
        self.script = tempfile.NamedTemporaryFile("w", suffix=".sql")
        self.script.write(PG_LOAD)
        self.script.flush()
        self.proc = subprocess.Popen(["psql", url, "-q", "-f", self.script.name], stdin=subprocess.PIPE)
        self.buf = []
        self.pending = 0

    def add(self, kind, data):
        self.buf.append(f"{kind}\t{copy_escape(data)}\n")
        self.pending += 1
        if self.pending >= 20000:
            self.flush()

    def add_plain(self, kind, rows):
        """Rows of KIND whose text needs no escaping (see plain())."""
        self.buf.append("".join(f"{kind}\t{row}\n" for row in rows))
        self.pending += len(rows)
        if self.pending >= 20000:
            self.flush()

    def flush(self):
        self.proc.stdin.write("".join(self.buf).encode())
        self.buf.clear()
        self.pending = 0

    def close(self):
        self.flush()
        self.proc.stdin.close()
        if self.proc.wait() != 0:
            sys.exit("province.py: psql failed")
        self.script.close()


class SqliteSink:
    """One transaction; as on PostgreSQL, the feed's secondary indexes are
    dropped while it loads (it is empty) and made again after, one sort each."""

    def __init__(self, path):
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA cache_size=-262144")
        self.db.execute("BEGIN")
        self.indexes = self.db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                                       " AND tbl_name = 'changes' AND sql IS NOT NULL"
                                       " AND NOT EXISTS (SELECT 1 FROM changes)").fetchall()
        for name, _ in self.indexes:
            self.db.execute(f'DROP INDEX "{name}"')
        self.buf = []

    def add(self, kind, data):
        self.buf.append((kind, data))
        if len(self.buf) >= 20000:
            self.flush()

    def add_plain(self, kind, rows):
        self.flush()
        self.db.executemany("INSERT INTO changes (type, data) VALUES (?, ?)", zip(itertools.repeat(kind), rows))

    def flush(self):
        self.db.executemany("INSERT INTO changes (type, data) VALUES (?, ?)", self.buf)
        self.buf.clear()

    def close(self):
        self.flush()
        for _, sql in self.indexes:
            self.db.execute(sql)
        if self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'change_scope_backfill'").fetchone():
            self.db.execute("DELETE FROM change_scope_backfill")
            self.db.execute("INSERT INTO change_scope_backfill SELECT max(seq) FROM changes")
        self.db.execute("COMMIT")
        self.db.close()


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class Province:
    def __init__(self, args, sink):
        self.rng = random.Random(args.seed)
        self.sink = sink
        self.units = args.units
        self.rows = 0
        self.counts = {}
        self.event_no = 0
        self.codes = []
        self.codes_seen = 0
        self.code_rng = random.Random(f"{args.seed}-codes")
        self.code_w = self.code_next = 0
        self.region_units = {}

    def emit(self, kind, obj):
        self.sink.add(kind, dumps(obj))
        self.count(kind, 1)

    def count(self, kind, n):
        self.rows += n
        self.counts[kind] = self.counts.get(kind, 0) + n

    def next_event_id(self):
        self.event_no += 1
        return f"E{self.event_no:x}"

    def make_parties(self):
        rng = self.rng
        n_parties = max(60, self.units // UNITS_PER_PARTY)
        self.counties = []
        for city in range(1, CITIES + 1):
            for county in range(1, rng.randint(8, 20) + 1):
                self.counties.append(f"{PROVINCE}{city:02d}{county:02d}")
        # Some counties (the cities' districts) hold many more parties than others.
        county_weights = list(itertools.accumulate(rng.paretovariate(1.5) for _ in self.counties))
        kind_weights = list(itertools.accumulate(w for _, w in KINDS))
        self.by_kind = {kind: [] for kind, _ in KINDS}
        self.by_county = {}
        for i in range(n_parties):
            kind = rng.choices([k for k, _ in KINDS], cum_weights=kind_weights)[0]
            region = rng.choices(self.counties, cum_weights=county_weights)[0]
            pid = f"{kind[0].upper()}{region}-{i:x}"
            party = {"id": pid, "name": f"{region}{kind}{i}", "kind": kind, "region": region,
                     "licence_no": f"JY{region}{i:08d}", "licence_status": "valid",
                     "licence_valid_until": f"20{rng.randint(27, 31)}-06-30", "credit_class": rng.choice("AAAB")}
            if rng.random() < 0.002:
                party["licence_status"] = "suspended"
            self.emit("party", party)
            self.by_kind[kind].append((pid, region))
            self.by_county.setdefault((kind, region[:4]), []).append((pid, region))

    def make_products(self):
        rng = self.rng
        self.products = []
        n = 0
        for pid, region in self.by_kind["producer"]:
            for _ in range(min(40, int(rng.paretovariate(1.1)))):
                n += 1
                gtin = gtin_with_check(f"69{n:011d}")
                category = rng.choices(["food", "drug", "agri", "cold-chain"], [70, 15, 10, 5])[0]
                product = {"id": f"PR{n:x}", "gtin": gtin, "name": f"产品{n}", "spec": f"{rng.choice([250, 500, 1000])} g",
                           "category": category, "producer_id": pid, "shelf_life_days": rng.choice([180, 365, 730])}
                self.emit("product", product)
                self.products.append({"id": product["id"], "gtin": gtin, "producer": (pid, region),
                                      "lots": 0, "serial": 0})
        # Popular products make most batches (Zipf-like weights).
        weights = [1.0 / (i + 1) ** 0.8 for i in range(len(self.products))]
        rng.shuffle(weights)
        self.product_weights = list(itertools.accumulate(weights))

    def nearby(self, kind, region):
        """A party of KIND in REGION's city (most trade is local), else anywhere."""
        local = self.by_county.get((kind, region[:4]))
        if local and self.rng.random() < 0.85:
            return self.rng.choice(local)
        return self.rng.choice(self.by_kind[kind])

    def ship(self, batch, source, destination, when, quantity, serials=None):
        """One consignment: a shipping and a receiving event. Without SERIALS
        both are about the whole batch; with (FIRST, LAST) about the cases
        that hold exactly those units of it."""
        cases = max(1, quantity // 24)
        for etype, party, hour in (("shipping", source, 8), ("receiving", destination, 15)):
            event = {"id": self.next_event_id(), "type": etype, "time": f"{when}T{hour:02d}:00:00+08:00",
                     "product_id": batch["product_id"], "batch_id": batch["id"]}
            if serials:
                event["serial_first"], event["serial_last"] = (f"{s:010d}" for s in serials)
            event.update({"party_id": party[0], "place": party[1], "source_id": source[0],
                          "destination_id": destination[0], "data": {"cases": cases, "units": quantity}})
            self.emit("event", event)

    def sample_codes(self, product, lot, first, size):
        """Codes for lookups: a uniform sample of every unit, by reservoir
        (Li's algorithm L: a few random draws per replaced code, not one a
        unit), from its own generator so the feed does not depend on it."""
        rng, codes, seen = self.code_rng, self.codes, self.codes_seen
        prefix = f"(01){product['gtin']}(10){lot}(21)"
        while len(codes) < CODE_SAMPLE and seen < self.codes_seen + size:
            codes.append(f"{prefix}{first + seen - self.codes_seen:010d}")
            seen += 1
            if len(codes) == CODE_SAMPLE:
                self.code_w = math.exp(math.log(1.0 - rng.random()) / CODE_SAMPLE)
                self.code_next = seen + self.code_skip()
        while len(codes) == CODE_SAMPLE and self.code_next < self.codes_seen + size:
            codes[rng.randrange(CODE_SAMPLE)] = f"{prefix}{first + self.code_next - self.codes_seen:010d}"
            self.code_w *= math.exp(math.log(1.0 - rng.random()) / CODE_SAMPLE)
            self.code_next += 1 + self.code_skip()
        self.codes_seen += size

    def code_skip(self):
        return int(math.log(1.0 - self.code_rng.random()) / math.log1p(-min(self.code_w, 1 - 2 ** -53)))

    def make_batch(self, product, size):
        rng = self.rng
        product["lots"] += 1
        year, month, day = 2026, rng.randint(1, 11), rng.randint(1, 28)
        lot = f"{year % 100}{month:02d}{day:02d}{product['lots']:03d}"
        batch = {"id": f"B{product['id'][2:]}-{product['lots']:x}", "product_id": product["id"], "lot": lot,
                 "production_date": f"{year}-{month:02d}-{day:02d}", "expiry_date": f"{year + 2}-{month:02d}-{day:02d}",
                 "status": "normal"}
        self.emit("batch", batch)
        first = product["serial"]
        product["serial"] += size
        # Every unit, commissioned: the same JSON json.dumps makes of
        # {"product_id", "serial", "batch_id", "state"}, written as text.
        head = f'{{"product_id":"{plain(product["id"])}","serial":"'
        tail = f'","batch_id":"{plain(batch["id"])}","state":"commissioned"}}'
        self.sink.add_plain("unit", [f"{head}{s:010d}{tail}" for s in range(first, first + size)])
        self.count("unit", size)
        self.sample_codes(product, lot, first, size)
        # The supply chain: producer → distributor (the whole batch) → shops, in cases.
        when = f"{year}-{month:02d}-{min(28, day + 1):02d}"
        distributor = self.nearby("distributor", product["producer"][1])
        self.ship(batch, product["producer"], distributor, when, size)
        left, shops = size, []
        while left > 0:
            quantity = min(left, 24 * rng.randint(1, 20))
            shop = self.nearby(rng.choice(["retailer", "retailer", "pharmacy", "canteen"]), distributor[1])
            start = first + size - left
            self.ship(batch, distributor, shop, f"{year}-{month:02d}-{min(28, day + 3):02d}", quantity,
                      (start, start + quantity - 1))
            self.region_units[shop[1]] = self.region_units.get(shop[1], 0) + quantity
            shops.append((shop, start, quantity))
            left -= quantity
        # Unit events only for what is sold (retail sale scans): each unit
        # with probability SOLD_SHARE, drawn as the gaps between sold units.
        sold_at = f"{year}-{month:02d}-{min(28, day + 5):02d}T"
        what = f'"product_id":"{product["id"]}","batch_id":"{batch["id"]}","serial":"'
        log_unsold = math.log1p(-SOLD_SHARE)
        for shop, start, quantity in shops:
            if shop[0][0] == "C":    # canteens use what they buy; no sale scan
                continue
            where = f'","party_id":"{plain(shop[0])}","place":"{plain(shop[1])}","disposition":"retail_sold"}}'
            rows = []
            s = start + int(math.log(1.0 - rng.random()) / log_unsold)
            while s < start + quantity:
                self.event_no += 1
                rows.append(f'{{"id":"E{self.event_no:x}","type":"selling","time":"{sold_at}'
                            f'{9 + int(rng.random() * 12):02d}:00:00+08:00",{what}{s:010d}{where}')
                s += 1 + int(math.log(1.0 - rng.random()) / log_unsold)
            self.sink.add_plain("event", rows)
            self.count("event", len(rows))
        return batch

    def make_batches(self):
        rng = self.rng
        left = self.units
        self.noticed = []
        while left > 0:
            product = rng.choices(self.products, cum_weights=self.product_weights)[0]
            size = min(left, max(20, min(50000, int(20 * rng.paretovariate(0.9)))))
            batch = self.make_batch(product, size)
            if rng.random() < NOTICE_SHARE:
                self.noticed.append(batch)
            left -= size

    def make_notices(self):
        """Recalls and sampling failures: an alert and the batch's new status."""
        for i, batch in enumerate(self.noticed):
            kind = "recall" if i % 3 else "unqualified"
            alert_id = f"N{i + 1}"
            self.emit("alert", {"id": alert_id, "kind": kind, "scope": "batch", "target_id": batch["id"],
                                "title": f"{batch['lot']} {'召回' if kind == 'recall' else '抽检不合格'}",
                                "notice": "请停止销售并下架。", "issued_at": "2026-11-20", "issuer": "省市场监督管理局"})
            self.emit("batch", dict(batch, status="recalled" if kind == "recall" else "unqualified",
                                    notice_id=alert_id))


def parse_units(text):
    return int(float(text))


def main():
    p = argparse.ArgumentParser(description="Generate a province into a suyuan-server database.")
    p.add_argument("--db", required=True)
    p.add_argument("--units", type=parse_units, default=20000)
    p.add_argument("--seed", type=int, default=19)
    p.add_argument("--codes")
    args = p.parse_args()
    if args.db.startswith(("postgres://", "postgresql://")) or "=" in args.db:
        held = subprocess.run(["psql", args.db, "-qAtc", "SELECT EXISTS (SELECT 1 FROM changes)"],
                              capture_output=True, text=True)
        if held.returncode != 0 or held.stdout.strip() != "f":
            sys.exit(f"province.py: the database holds changes already, or has no feed: {held.stderr.strip()}")
        sink = PgSink(args.db)
    else:
        if not os.path.exists(args.db):
            sys.exit(f"province.py: {args.db}: no such database (open it with suyuan-server first)")
        with sqlite3.connect(args.db) as db:
            if db.execute("SELECT EXISTS (SELECT 1 FROM changes)").fetchone()[0]:
                sys.exit(f"province.py: {args.db} holds changes already")
        sink = SqliteSink(args.db)
    started = time.monotonic()
    province = Province(args, sink)
    province.make_parties()
    province.make_products()
    province.make_batches()
    province.make_notices()
    sink.close()
    elapsed = time.monotonic() - started
    if args.codes:
        province.rng.shuffle(province.codes)
        with open(args.codes, "w") as f:
            for code in province.codes:
                f.write(urllib.parse.quote(code, safe="") + "\n")
    busiest = max(province.region_units, key=province.region_units.get)
    summary = {"units": province.units, "rows": province.rows, "seconds": round(elapsed, 1),
               "rows_per_s": round(province.rows / elapsed), "counts": province.counts,
               "counties": len(province.counties), "busiest_county": busiest,
               "busiest_county_units": province.region_units[busiest]}
    print(dumps(summary), file=sys.stderr)


if __name__ == "__main__":
    main()
