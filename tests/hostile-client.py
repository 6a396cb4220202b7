#!/usr/bin/env python3
# hostile-client.py — the attack suite of issue 14 against a running suyuan-server.
# Copyright 2026 The Suyuan authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs each attack against SERVER_URL and prints PASS, FAIL or SKIP per attack.

    tests/hostile-client.py http://127.0.0.1:8480 --producer-token T ...

Tokens come from options or the environment (SUYUAN_PRODUCER_TOKEN and so on);
an attack whose token is missing is skipped. The data attacks write into the
server: run them against a copy loaded with data/demo/demo.json, never against
production. Exit status: 0 when nothing failed, 1 otherwise. With --tap the
output is TAP, for meson.

Transport attacks: nesting, slow-connections, big-body.
Data attacks: recall-bypass, quantity-1e400, oversized-products, drug-id-reuse,
retailer-other-shop, registration-flood.
"""

import argparse
import http.client
import json
import os
import socket
import ssl
import sys
import threading
import time
import urllib.parse
import uuid

TIMEOUT = 20


class Target:
    def __init__(self, url, cafile=None):
        u = urllib.parse.urlsplit(url)
        self.https = u.scheme == "https"
        self.host = u.hostname
        self.port = u.port or (443 if self.https else 80)
        self.context = None
        if self.https:
            self.context = ssl.create_default_context(cafile=cafile)

    def is_loopback(self):
        try:
            return self.host == "localhost" or socket.inet_aton(self.host)[0] == 127
        except OSError:
            return False

    def connect(self, source=None, timeout=TIMEOUT):
        s = socket.create_connection((self.host, self.port), timeout=timeout,
                                     source_address=(source, 0) if source else None)
        if self.context:
            s = self.context.wrap_socket(s, server_hostname=self.host)
        return s

    def request(self, method, path, token=None, body=None, content_type="application/json",
                timeout=TIMEOUT):
        cls = http.client.HTTPSConnection if self.https else http.client.HTTPConnection
        kw = {"context": self.context} if self.https else {}
        conn = cls(self.host, self.port, timeout=timeout, **kw)
        headers = {}
        if token:
            headers["Authorization"] = "Bearer " + token
        if body is not None:
            if not isinstance(body, (bytes, bytearray)):
                body = json.dumps(body).encode()
            headers["Content-Type"] = content_type
        try:
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            return r.status, r.read()
        finally:
            conn.close()

    def health_ms(self, timeout=TIMEOUT):
        t0 = time.monotonic()
        status, _ = self.request("GET", "/api/v1/health", timeout=timeout)
        if status != 200:
            raise RuntimeError("health answered %d" % status)
        return (time.monotonic() - t0) * 1000


def strict_json(data):
    def refuse(name):
        raise ValueError("not JSON: " + name)
    return json.loads(data, parse_constant=refuse)


def records(*items):
    return {"records": [dict(uuid=str(uuid.uuid4()), created_at="2026-12-01T10:00:00+08:00", **i)
                        for i in items]}


def lookup(t, token, code):
    status, body = t.request("GET", "/api/v1/lookup?code=" + urllib.parse.quote(code), token)
    if status != 200:
        raise RuntimeError("lookup answered %d" % status)
    return json.loads(body)


def feed_after(t, token, after):
    status, body = t.request("GET", "/api/v1/changes?after=%d&limit=5000" % after, token,
                             timeout=120)
    return status, body


def last_seq(t):
    return json.loads(t.request("GET", "/api/v1/health")[1])["last_seq"]


# ---------------------------------------------------------------- transport

def attack_nesting(t, a):
    """100,000 nested [ in /records and /epcis/capture: a clear 400, the server lives."""
    token = a.producer_token or a.retailer_token
    if not token:
        return None, "needs a producer or retailer token"
    body = b"[" * 100000
    for path in ("/api/v1/records", "/api/v1/epcis/capture"):
        try:
            status, _ = t.request("POST", path, token, body)
        except (OSError, http.client.HTTPException) as e:
            return False, "%s: connection lost (%s)" % (path, e)
        if status != 400:
            return False, "%s answered %d, not 400" % (path, status)
    t.health_ms()
    return True, "both refused with 400; /health answers"


def hold_slow(t, n, sources):
    """Opens @n connections that each send half a request; returns them."""
    held = []
    failures = 0
    for i in range(n):
        try:
            s = t.connect(source=sources[i % len(sources)], timeout=2)
            s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            held.append(s)
        except OSError:
            # A full backlog makes each connect wait: enough is held then.
            failures += 1
            if failures >= 5:
                break
    return held


def health_while_held(t, held, seconds, patience=2):
    """Seconds until a new client gets /health while @held keep trickling, or None.
    The client waits @patience seconds per try, as a terminal would (queued
    behind the flood, giving up sends it to the back again)."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < seconds:
        for s in held:
            try:
                s.send(b"a")
            except OSError:
                pass
        try:
            t.health_ms(timeout=patience)
            return time.monotonic() - t0
        except (OSError, http.client.HTTPException, RuntimeError):
            time.sleep(0.2)
    return None


def attack_slow_connections(t, a):
    """Idle, half-sent requests by the hundred, from one address and then from many:
    a new client must still be served, and at once when they are gone."""
    notes = []
    loopback = t.is_loopback()
    # One address holding many connections: the others are served at once.
    held = hold_slow(t, a.slow_connections, ["127.0.0.2"] if loopback else [None])
    try:
        # Off loopback the attacker and this client share an address: wait it out.
        waited = health_while_held(t, held, 5 if loopback else a.recover_seconds)
    finally:
        for s in held:
            s.close()
    if waited is None:
        return False, "%d slow connections from one address: no /health" % len(held)
    notes.append("one address: served after %.1f s" % waited)
    if loopback:
        # Many addresses, past every descriptor: served once they time out.
        held = hold_slow(t, a.slow_connections, ["127.0.0.%d" % i for i in range(3, 43)])
        try:
            waited = health_while_held(t, held, a.recover_seconds, patience=15)
        finally:
            for s in held:
                s.close()
        if waited is None:
            return False, ("%d slow connections from 40 addresses: no /health within %d s"
                           % (len(held), a.recover_seconds))
        notes.append("40 addresses: served after %.1f s" % waited)
    time.sleep(0.5)
    try:
        t.health_ms(timeout=5)
    except (OSError, http.client.HTTPException, RuntimeError) as e:
        return False, "after the slow connections closed /health failed: %s" % e
    return True, "%d connections each; %s" % (a.slow_connections, "; ".join(notes))


def send_body(t, head, total, chunked=False):
    """Sends headers then up to @total body bytes; returns (bytes sent, reply)."""
    s = t.connect()
    s.settimeout(10)
    s.sendall(head)
    block = b"x" * 65536
    sent = 0
    try:
        while sent < total:
            s.sendall(b"10000\r\n" + block + b"\r\n" if chunked else block)
            sent += len(block)
    except OSError:
        pass
    try:
        reply = s.recv(200)
    except OSError:
        reply = b""
    s.close()
    return sent, reply


def attack_big_body(t, a):
    """1 GiB announced without a token (and bodies on GET, chunked): refused unread."""
    total = a.big_body_mib * 1024 * 1024
    limit = min(total // 2, 16 * 1024 * 1024)
    cases = [
        ("POST /records, no token, Content-Length 1 GiB",
         b"POST /api/v1/records HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
         b"Content-Length: 1073741824\r\n\r\n", False),
        ("POST /records, no token, chunked",
         b"POST /api/v1/records HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", True),
        ("GET /health with a 1 GiB body",
         b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n\r\n", False),
    ]
    notes = []
    for name, head, chunked in cases:
        sent, reply = send_body(t, head, total, chunked)
        status = reply.split(b" ", 2)[1].decode() if reply.startswith(b"HTTP/") else "no reply"
        if sent > limit:
            return False, "%s: the server read %d MiB before answering (%s)" % (name, sent >> 20, status)
        if status not in ("401", "411", "413"):
            return False, "%s: answered %s" % (name, status)
        notes.append("%s after %d KiB" % (status, sent >> 10))
    t.health_ms()
    return True, "; ".join(notes)


# ---------------------------------------------------------------- data (issue 14, trust-data)

YOGURT_Y2609 = "0106901234567922\x1d10Y2609"
AMOX_RECALLED = "81234560000000011234"


def attack_recall_bypass(t, a):
    """A code-registration with a new batch id and the flagged lot must not clear Y2609."""
    if not a.producer_token:
        return None, "needs a P-DAIRY producer token"
    before = lookup(t, a.producer_token, YOGURT_Y2609)["level"]
    t.request("POST", "/api/v1/records", a.producer_token, records(
        {"kind": "code-registration",
         "data": {"mode": "batch", "product_id": "PR-YOGURT",
                  "batch_id": "B-YOGURT-Y2609-BIS-" + uuid.uuid4().hex[:6], "lot": "Y2609"}}))
    after = lookup(t, a.producer_token, YOGURT_Y2609)["level"]
    if after != before or after == "ok":
        return False, "Y2609 went from %s to %s" % (before, after)
    return True, "Y2609 stays %s" % after


def attack_quantity_1e400(t, a):
    """An EPCIS quantity of 1e400 must not poison the change feed."""
    if not a.retailer_token:
        return None, "needs a retailer token"
    seq = last_seq(t)
    doc = ('{"@context":"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",'
           '"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-12-01T10:00:00+08:00",'
           '"epcisBody":{"eventList":[{"type":"ObjectEvent","action":"OBSERVE",'
           '"eventTime":"2026-12-01T10:00:00+08:00","eventTimeZoneOffset":"+08:00",'
           '"quantityList":[{"epcClass":"urn:x-suyuan:product:PR-YOGURT:lot:Y2611","quantity":1e400}]}]}}')
    status, _ = t.request("POST", "/api/v1/epcis/capture", a.retailer_token, doc.encode())
    fstatus, body = feed_after(t, a.retailer_token, seq)
    estatus, _ = t.request("GET", "/api/v1/epcis/events?after=%d" % seq, a.retailer_token)
    try:
        strict_json(body)
    except ValueError as e:
        return False, "capture %d; the change feed is no longer JSON (%s)" % (status, e)
    if fstatus != 200 or estatus != 200:
        return False, "capture %d; /changes %d, /epcis/events %d" % (status, fstatus, estatus)
    return True, "capture answered %d; the feed stays JSON" % status


def attack_oversized_products(t, a):
    """Products of 8 KB control-character strings (6x when escaped) must not make a
    change page over the terminals' 64 MiB cap."""
    if not a.producer_token:
        return None, "needs a P-DAIRY producer token"
    seq = last_seq(t)
    junk = "\x01" * 8000
    stored = 0
    for i in range(a.junk_products):
        p = {"id": "PR-JUNK-%s-%d" % (uuid.uuid4().hex[:6], i), "name": junk, "spec": junk,
             "storage": junk, "origin": junk, "approval_no": junk, "category": "food",
             "producer_id": "P-DAIRY"}
        status, body = t.request("POST", "/api/v1/records", a.producer_token, records(
            {"kind": "event", "data": {"type": "master-data", "products": [p]}}))
        if status == 200 and not json.loads(body).get("rejected"):
            stored += 1
    status, body = feed_after(t, a.producer_token, seq)
    if status != 200 or len(body) > 64 * 1024 * 1024:
        return False, "%d stored; the next page is %d MiB (status %d)" % (stored, len(body) >> 20, status)
    return True, "%d of %d stored; the next page is %.1f MiB" % (stored, a.junk_products, len(body) / 2**20)


def attack_drug_id_reuse(t, a):
    """Another producer's product reusing the recalled amoxicillin's drug_id."""
    if not a.other_producer_token:
        return None, "needs a producer token of another party than P-PHARMA"
    t.request("POST", "/api/v1/records", a.other_producer_token, records(
        {"kind": "event", "data": {"type": "master-data", "products": [
            {"id": "PR-IMPOSTOR-" + uuid.uuid4().hex[:6], "drug_id": "8123456",
             "name": "阿莫西林胶囊", "category": "drug", "producer_id": a.other_party}]}}))
    r = lookup(t, a.other_producer_token, AMOX_RECALLED)
    pid = (r.get("product") or {}).get("id")
    if pid != "PR-AMOX" or r["level"] not in ("stop",):
        return False, "the recalled code now resolves to %s, level %s" % (pid, r["level"])
    return True, "still PR-AMOX, level %s" % r["level"]


def attack_retailer_other_shop(t, a):
    """A retailer of P-SHOP2 selling a unit shipped to P-SHOP."""
    if not a.retailer_token:
        return None, "needs a retailer token of P-SHOP2"
    doc = {"@context": "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
           "type": "EPCISDocument", "schemaVersion": "2.0",
           "creationDate": "2026-12-01T10:00:00+08:00",
           "epcisBody": {"eventList": [{
               "type": "ObjectEvent", "action": "OBSERVE",
               "eventID": "urn:x-suyuan:event:E-HOSTILE-" + uuid.uuid4().hex[:8],
               "eventTime": "2026-12-01T10:00:00+08:00", "eventTimeZoneOffset": "+08:00",
               "epcList": ["urn:x-suyuan:product:PR-IBU:serial:000000104"],
               "bizStep": "retail_selling", "disposition": "retail_sold"}]}}
    status, body = t.request("POST", "/api/v1/epcis/capture", a.retailer_token, doc)
    if status in (400, 403):
        return True, "refused with %d" % status
    return False, "answered %d: %s" % (status, body[:120].decode(errors="replace"))


def attack_registration_flood(t, a):
    """20 registrations of 100,000 units in one request; /health must stay under
    --health-limit-ms (100 ms: the issue's aim; before the fix it waited 1.8-15 s)."""
    if not a.producer_token:
        return None, "needs a P-DAIRY producer token"
    items = []
    for i in range(20):
        items.append({"kind": "code-registration", "data": {
            "mode": "item", "product_id": "PR-MILK", "batch_id": "B-MILK-A2611", "lot": "A2611",
            "serial_first": "%d" % (1000000 + i * 100000),
            "serial_last": "%d" % (1000000 + i * 100000 + 99999), "count": 100000}})
    worst = [0.0]
    done = threading.Event()

    def probe():
        while not done.is_set():
            try:
                worst[0] = max(worst[0], t.health_ms(timeout=60))
            except Exception:
                worst[0] = 60000.0   # no answer within a minute
            time.sleep(0.05)
    th = threading.Thread(target=probe)
    th.start()
    try:
        status, _ = t.request("POST", "/api/v1/records", a.producer_token, records(*items), timeout=600)
    finally:
        done.set()
        th.join()
    if worst[0] >= a.health_limit_ms:
        return False, "upload %d; /health took up to %.0f ms" % (status, worst[0])
    return True, "upload %d; /health at most %.0f ms" % (status, worst[0])


ATTACKS = [
    ("nesting", attack_nesting),
    ("slow-connections", attack_slow_connections),
    ("big-body", attack_big_body),
    ("recall-bypass", attack_recall_bypass),
    ("quantity-1e400", attack_quantity_1e400),
    ("oversized-products", attack_oversized_products),
    ("drug-id-reuse", attack_drug_id_reuse),
    ("retailer-other-shop", attack_retailer_other_shop),
    ("registration-flood", attack_registration_flood),
]


def main():
    env = os.environ.get
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("url", help="the server, e.g. http://127.0.0.1:8480")
    p.add_argument("--producer-token", default=env("SUYUAN_PRODUCER_TOKEN"), help="of P-DAIRY")
    p.add_argument("--other-producer-token", default=env("SUYUAN_OTHER_PRODUCER_TOKEN"),
                   help="of another producer party")
    p.add_argument("--other-party", default=env("SUYUAN_OTHER_PARTY", "P-WATER"))
    p.add_argument("--retailer-token", default=env("SUYUAN_RETAILER_TOKEN"), help="of P-SHOP2")
    p.add_argument("--only", help="comma-separated attack names")
    p.add_argument("--slow-connections", type=int, default=600)
    p.add_argument("--recover-seconds", type=int, default=45,
                   help="how long a new client may wait while slow connections are held")
    p.add_argument("--big-body-mib", type=int, default=64, help="how much of the 1 GiB to send")
    p.add_argument("--junk-products", type=int, default=300,
                   help="products of control characters to upload (each about 240 KB escaped)")
    p.add_argument("--health-limit-ms", type=float, default=100,
                   help="slowest /health allowed during the registration flood")
    p.add_argument("--cafile", help="CA of an https:// server with its own certificate")
    p.add_argument("--tap", action="store_true")
    a = p.parse_args()
    t = Target(a.url, a.cafile)
    chosen = [x for x in ATTACKS if not a.only or x[0] in a.only.split(",")]
    failed = 0
    if a.tap:
        print("1..%d" % len(chosen))
    for n, (name, fn) in enumerate(chosen, 1):
        try:
            ok, note = fn(t, a)
        except Exception as e:  # a crash of the attack is the server's failure too
            ok, note = False, "%s: %s" % (type(e).__name__, e)
        if ok is False:
            failed += 1
        if a.tap:
            print("%s %d - %s # %s%s" % ("not ok" if ok is False else "ok", n, name,
                                         "SKIP " if ok is None else "", note))
        else:
            print("%-20s %s  %s" % (name, {True: "PASS", False: "FAIL", None: "SKIP"}[ok], note))
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
