#!/usr/bin/env python3
# test-console-risk.py — the console's risk warnings, inspections and 双随机
# tasks in headless Chromium (tests/cdp_browser.py): two terminals (two real
# stores, two tokens of two pharmacies) check the same serialised box with
# `suyuanctl lookup --keep` and sync; the box was sold at the first, so the
# risk page shows a cloned-code warning whose evidence is the sale and both
# check scans; an inspector's finished inspection reaches the inspections
# page and its printable record; a 双随机 draw makes tasks, and the one
# inspected afterwards is done; the inspection's uploaded photo shows as an
# image on its page and in its printable record. Screenshots at 1280 and 800 px in
# SUYUAN_SCREENSHOT_DIR/console-risk-*.png.
# Copyright 2026 The Suyuan authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the real server on SQLite, or on PostgreSQL when SUYUAN_TEST_PG names
# a cluster (tests/with-postgres.sh). TAP output.

import hashlib
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp_browser import CHROMIUM, Browser  # noqa: E402

SERVER = os.environ["SUYUAN_SERVER_BIN"]
CTL = os.environ["SUYUAN_CTL"]
DEMO = os.environ["SUYUAN_DEMO_JSON"]
SHOTS = os.environ.get("SUYUAN_SCREENSHOT_DIR", "screenshots")
PG = os.environ.get("SUYUAN_TEST_PG")

BOX = "82345670000001021234"        # 布洛芬缓释胶囊, serial 000000102, received by P-SHOP
SALE = {"id": "POS-EAST-102", "type": "selling", "time": "2026-11-24T10:00:00+08:00", "product_id": "PR-IBU",
        "batch_id": "B-IBU-261001", "serial": "000000102", "party_id": "P-SHOP", "place": "惠民路 12 号"}

results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(f"{'ok' if ok else 'not ok'} {len(results)} - {name}")
    if not ok and detail:
        for line in str(detail).splitlines()[:25]:
            print(f"# {line}")
    sys.stdout.flush()


class Server:
    TOKENS = (("bureau-desk", "admin", None, None), ("inspector-east", "inspector", "330102", None),
              ("shop-east", "retailer", "330102", "P-SHOP"), ("shop-west", "retailer", "330106", "P-SHOP2"))

    def __init__(self, tmp):
        # The demo with the east pharmacy's sale of the box, as its till sent it.
        with open(DEMO, encoding="utf-8") as f:
            doc = json.load(f)
        doc["events"].append(SALE)
        market = os.path.join(tmp, "market.json")
        with open(market, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
        self.db = f"{PG}/postgres" if PG else os.path.join(tmp, "server.db")
        self.tokens = {}
        for name, role, region, party in self.TOKENS:
            args = [SERVER, "token", "create", f"--db={self.db}", f"--role={role}", f"--name={name}"]
            args += [f"--region={region}"] if region else []
            args += [f"--party={party}"] if party else []
            self.tokens[name] = subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip()
        port_file = os.path.join(tmp, "port")
        self.log = open(os.path.join(tmp, "log"), "w")
        self.proc = subprocess.Popen([SERVER, f"--db={self.db}", f"--import={market}", "--port=0",
                                      f"--mirror={os.path.join(tmp, 'mirror.db')}",
                                      f"--port-file={port_file}"], stdout=self.log, stderr=self.log)
        for _ in range(400):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.05)
        self.port = int(open(port_file).read())
        self.base = f"http://127.0.0.1:{self.port}"

    def post_records(self, token, records):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("POST", "/api/v1/records", body=json.dumps({"records": records}),
                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        reply = conn.getresponse()
        body = json.loads(reply.read())
        conn.close()
        return reply.status, body

    def put_photo(self, token, data, content_type="image/png"):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("PUT", f"/api/v1/photos/{hashlib.sha256(data).hexdigest()}", body=data,
                     headers={"Authorization": f"Bearer {token}", "Content-Type": content_type})
        reply = conn.getresponse()
        body = reply.read()
        conn.close()
        return reply.status, body

    def get_json(self, token, path):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
        reply = conn.getresponse()
        data = reply.read()
        conn.close()
        return reply.status, (json.loads(data) if reply.status == 200 else None)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)
        self.log.close()


def terminal(server, store, token, *args):
    env = dict(os.environ, SUYUAN_TOKEN=server.tokens[token])
    return subprocess.run([CTL, *args, f"--store={store}"], capture_output=True, text=True, env=env, timeout=60)


def shots(browser, name):
    return [browser.screenshot(os.path.join(SHOTS, f"console-risk-{name}-{width}.png"), width)
            for width in (1280, 800)]


def shelf_png(width=160, height=120):
    """A small real PNG (a shelf of coloured boxes) for the photo a terminal took."""
    rows = b""
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            box = (x // 40 + y // 40) % 3
            row += bytes(((200, 60, 40), (40, 120, 200), (240, 200, 40))[box]) if 8 < x % 40 < 36 else bytes((90,) * 3)
        rows += bytes(row)

    def chunk(kind, data):
        return (len(data).to_bytes(4, "big") + kind + data
                + zlib.crc32(kind + data).to_bytes(4, "big"))
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes((8, 2, 0, 0, 0))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


PHOTO = shelf_png()
PHOTO_SHA = hashlib.sha256(PHOTO).hexdigest()


def inspection_record(party_id, party_name, inspector):
    """A finished inspection as a terminal's Inspect page sends it."""
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    return {"uuid": str(uuid.uuid4()), "kind": "inspection", "created_at": now,
            "data": {"inspection_uuid": str(uuid.uuid4()), "party_id": party_id, "party_name": party_name,
                     "licence_no": "浙CB5710288", "inspector": inspector, "started_at": now, "finished_at": now,
                     "result": "fail",
                     "items": [{"seq": 1, "code": BOX, "level": "stop", "reasons": ["cloned"],
                                "summary": "布洛芬缓释胶囊 000000102", "findings": "同一追溯码已在他处售出<script>",
                                "action": "sealed", "notes": "就地封存", "photos": ["IMG_0001.jpg", "IMG_0002.png"],
                                "photo_sha256": [None, PHOTO_SHA]},
                               {"seq": 2, "code": "6901234567908", "level": "ok", "reasons": [],
                                "summary": "天然饮用水", "findings": None, "action": "none", "notes": None,
                                "photos": []}]}}


def main():
    if CHROMIUM is None:
        print("1..0 # SKIP chromium is not installed (scripts/dev deps installs it)")
        return 0
    tmp = tempfile.mkdtemp(prefix="suyuan-console-risk-")
    server = Server(tmp)
    east, west = os.path.join(tmp, "east.db"), os.path.join(tmp, "west.db")
    try:
        # Two terminals pull the data, check the same box, and sync.
        steps = []
        for store, token in ((east, "shop-east"), (west, "shop-west")):
            steps.append(terminal(server, store, token, "sync", f"--server={server.base}"))
            steps.append(terminal(server, store, token, "lookup", "--keep", "--offline", BOX))
            steps.append(terminal(server, store, token, "sync", f"--server={server.base}"))
        # The west terminal pulls only its own scope, so the east's box is not
        # in its store (exit 6): the server looks the scanned code up itself.
        check("two terminals pull, check the box with lookup --keep and sync",
              steps[0].returncode == 0 and steps[2].returncode == 0 and steps[3].returncode == 0
              and steps[5].returncode == 0 and steps[1].returncode == 4 and steps[4].returncode in (4, 6),
              "\n".join(s.stdout + s.stderr for s in steps))

        with Browser(lang="zh-CN,zh") as b:
            b.open(server.base + "/console/sign-in")
            b.fill("#token", server.tokens["bureau-desk"])
            b.click("form[action='/console/sign-in'] button")

            b.open(server.base + "/console/risk")
            text = b.text()
            row = b.evaluate("(() => { const r = document.querySelector('#warnings tr.cloned-code');"
                             " return r ? r.innerText : null; })()")
            check("the risk page shows a cloned-code warning for the box, at the east pharmacy",
                  row is not None and "布洛芬缓释胶囊" in row and "000000102" in row and "惠民大药房" in row,
                  f"{row}\n{text[:1500]}")
            svg = b.evaluate("(() => { const s = document.querySelector('#chart svg');"
                             " return s ? [s.querySelectorAll('rect').length, s.textContent] : null; })()")
            check("the daily chart is a server-drawn SVG with bars, day labels and a Chinese legend",
                  svg is not None and svg[0] > 3 and "克隆" in svg[1], svg)
            shots(b, "warnings")

            b.click("#warnings tr.cloned-code a")
            text = b.text()
            kinds = b.evaluate("[...document.querySelectorAll('#evidence tbody tr')].map(r => r.className)")
            check("its evidence is the east sale and the two check scans, with the terminals that sent them",
                  kinds is not None and len(kinds) == 3 and sum("scan" in k for k in kinds) == 2
                  and sum("selling" in k for k in kinds) == 1 and "POS-EAST-102" in text
                  and "shop-east" in text and "shop-west" in text and "百姓大药房" in text,
                  f"{kinds}\n{text[:1500]}")
            shots(b, "evidence")

            # A 双随机 draw in 城东 (330102), assigned to its inspector.
            b.open(server.base + "/console/tasks")
            b.fill("input[name=region]", "330102")
            b.fill("input[name=size]", "2")
            b.fill("input[name=seed]", "2026-12-06")
            b.click("#make-draw")
            tasks = b.evaluate("[...document.querySelectorAll('section.draw tbody tr')].map(r => r.innerText)")
            text = b.text()
            check("a 双随机 draw makes two tasks of 城东 businesses for inspector-east, not done, seed recorded",
                  tasks is not None and len(tasks) == 2 and all("inspector-east" in t for t in tasks)
                  and all("未完成" in t for t in tasks) and "2026-12-06" in text, f"{tasks}\n{text[:1500]}")
            drawn = b.evaluate("[...document.querySelectorAll('section.draw tbody tr')]"
                               ".map(r => r.querySelector('td .muted').innerText)")
            shots(b, "tasks")

            # The inspector inspects the first drawn business and its terminal sends the record.
            party = drawn[0] if drawn else "P-SHOP"
            status, reply = server.post_records(server.tokens["inspector-east"],
                                                [inspection_record(party, "城东被检单位", "王建国")])
            check("the inspector's terminal sends a finished inspection", status == 200
                  and len(reply.get("acknowledged", [])) == 1, reply)
            put = server.put_photo(server.tokens["inspector-east"], PHOTO)
            again = server.put_photo(server.tokens["inspector-east"], PHOTO)
            text_put = server.put_photo(server.tokens["inspector-east"], b"not a picture", "text/plain")
            stray = server.put_photo(server.tokens["inspector-east"], shelf_png(32, 32))
            shop = server.put_photo(server.tokens["shop-west"], PHOTO)
            check("and uploads its photo once (a resend stores nothing new); a text file, a photo no record"
                  " of this token names and a shop's token are refused",
                  put[0] == 201 and again[0] == 200 and b'"stored":false' in again[1].replace(b" ", b"")
                  and text_put[0] == 415 and b"JPEG or PNG" in text_put[1] and stray[0] == 403
                  and shop[0] == 403, (put, again, text_put, stray, shop))

            b.open(server.base + "/console/tasks")
            states = b.evaluate("[...document.querySelectorAll('section.draw tbody tr')].map(r => r.className)")
            check("the inspected business's task is done, the other not",
                  states is not None and sorted(states) == ["task done", "task open"], states)

            status, listed = server.get_json(server.tokens["bureau-desk"], "/api/v1/inspections?result=fail")
            status_tasks, tasks_json = server.get_json(server.tokens["inspector-east"], "/api/v1/inspection-tasks")
            status_shop, _ = server.get_json(server.tokens["shop-west"], "/api/v1/inspections")
            check("the same as JSON: /api/v1/inspections and /api/v1/inspection-tasks; a shop's token is refused",
                  status == 200 and len(listed["inspections"]) == 1 and listed["inspections"][0]["items"] == 2
                  and listed["inspections"][0]["items_stop"] == 1 and status_tasks == 200
                  and sorted(t["done"] for t in tasks_json["draws"][0]["tasks"]) == [False, True]
                  and tasks_json["draws"][0]["seed"] == "2026-12-06" and status_shop == 403,
                  (status, listed, status_tasks, tasks_json, status_shop))

            b.open(server.base + "/console/inspections")
            rows = b.evaluate("[...document.querySelectorAll('#inspections tbody tr')].map(r => r.innerText)")
            check("the inspections page lists the finished inspection with its result and inspector",
                  rows is not None and len(rows) == 1 and "不合格" in rows[0] and "王建国" in rows[0], rows)
            b.open(server.base + "/console/inspections?result=pass")
            none = b.evaluate("document.querySelectorAll('#inspections tbody tr').length")
            check("filtering by result 合格 leaves it out", none == 0, none)
            b.open(server.base + "/console/inspections")
            shots(b, "inspections")

            b.click("#inspections tbody tr a")
            text = b.text()
            check("its findings show, hostile text as text (escaped), with the photo's name",
                  "同一追溯码已在他处售出<script>" in text and "IMG_0001.jpg" in text and "封存" in text, text[:1200])
            image = b.evaluate("(() => { const i = document.querySelector('td.photos img');"
                               " return i ? [i.naturalWidth, i.naturalHeight, i.getAttribute('src')] : null; })()")
            check("the uploaded photo shows as an image (loaded: 160×120), the other by its name",
                  image is not None and image[0] == 160 and image[1] == 120 and PHOTO_SHA in image[2], image)
            # The console's CSP allows no script requests: fetch as the browser would, with its cookie.
            cookie = "; ".join(f"{c['name']}={c['value']}" for c in b.cookies())
            src = image[2] if image else "/"

            def fetch(path, headers):
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
                conn.request("GET", path, headers=headers)
                reply = conn.getresponse()
                body = reply.read()
                conn.close()
                return reply.status, reply.getheader("Content-Type"), reply.getheader("X-Content-Type-Options"), body
            served = fetch(src, {"Cookie": cookie})
            other = fetch(src.replace(PHOTO_SHA, hashlib.sha256(b"x").hexdigest()), {"Cookie": cookie})
            anonymous = fetch(src, {})
            served, other, anonymous = (served[:3] + (served[3] == PHOTO,), other[0], anonymous[0])
            check("the photo is served as image/png with nosniff, only for a photo the inspection names,"
                  " and never without a session",
                  served == (200, "image/png", "nosniff", True) and other == 404 and anonymous == 303,
                  (served, other, anonymous))
            shots(b, "inspection")

            b.click("#print-record")
            pdf = os.path.join(tmp, "inspection.pdf")
            b.pdf(pdf)
            pdf_text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
            check("the printable record prints with the business, findings and signature lines",
                  "现场检查笔录" in pdf_text and "王建国" in pdf_text and "签字" in pdf_text, pdf_text[:800])
            printed = b.evaluate("(() => { const i = document.querySelector('td.photos img');"
                                 " return i ? i.naturalWidth : 0; })()")
            check("the printable record includes the photo", printed == 160, printed)
            shots(b, "print")
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"1..{len(results)}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
