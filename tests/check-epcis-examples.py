#!/usr/bin/env python3
"""check-epcis-examples.py SRCROOT — GS1's EPCIS 2.0 example documents
(../shared/reference/epcis/examples) captured by a real suyuan-server and
queried back: every event comes back equal, field by field, to what was sent,
ignoring only what the standard lets a repository add (recordTime, an
eventID where none was sent) and JSON key order or number form. Each query
document is also validated against GS1's schema with ajv. On PostgreSQL when
with-postgres.sh gives SUYUAN_TEST_PG. Prints TAP; skips without the examples.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

import epcis_server
from epcis_server import request

root = sys.argv[1]
server = os.environ["SUYUAN_SERVER_BIN"]
reference = next((os.path.join(root, up, "shared", "reference", "epcis") for up in ("..", "../..")
                  if os.path.isdir(os.path.join(root, up, "shared", "reference", "epcis", "examples"))), None)
if reference is None:
    print("1..0 # SKIP needs ../shared/reference/epcis/examples")
    sys.exit(0)
# EPCISQueryDocument.jsonld is a query result, not a capture document.
documents = sorted(p for p in glob.glob(os.path.join(reference, "examples", "*.jsonld"))
                   if not p.endswith("EPCISQueryDocument.jsonld"))
node_path = os.pathsep.join(filter(None, [os.environ.get("NODE_PATH"), "/usr/share/nodejs"]))
env = dict(os.environ, NODE_PATH=node_path)
have_ajv = shutil.which("node") is not None and subprocess.run(
    ["node", "-e", "require('ajv')"], env=env, capture_output=True).returncode == 0
schema = os.path.join(reference, "EPCIS-JSON-Schema.json")
validator = os.path.join(root, "tests", "check-epcis-schema.js")
ADDED = {"recordTime"}   # what a repository sets whatever was sent


def start_server(tmp, k):
    """A fresh store for document @k: GS1's examples reuse eventIDs, which a
    repository keeps once, as first sent."""
    pg = os.environ.get("SUYUAN_TEST_PG")
    db = os.path.join(tmp, f"server-{k}.db")
    if pg:
        psql = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))[-1:] or [shutil.which("psql")]
        subprocess.run(psql + ["-q", "-d", pg + "/postgres", "-c", f"CREATE SCHEMA s{k}"], check=True)
        db = f"{pg}/postgres?options=-csearch_path%3Ds{k}"
    return epcis_server.start_server(server, db, os.path.join(tmp, f"port-{k}"))


def differences(sent, got, path="event"):
    """Where @got differs from @sent; numbers compare by value."""
    if isinstance(sent, bool) or isinstance(got, bool):
        return [] if sent is got else [f"{path}: sent {sent!r}, got {got!r}"]
    if isinstance(sent, (int, float)) and isinstance(got, (int, float)):
        return [] if sent == got else [f"{path}: sent {sent!r}, got {got!r}"]
    if isinstance(sent, dict) and isinstance(got, dict):
        out = []
        for key in sent.keys() | got.keys():
            if path == "event" and key in ADDED:
                continue
            if key not in got:
                out.append(f"{path}.{key}: missing")
            elif key not in sent:
                out.append(f"{path}.{key}: added")
            else:
                out += differences(sent[key], got[key], f"{path}.{key}")
        return out
    if isinstance(sent, list) and isinstance(got, list):
        if len(sent) != len(got):
            return [f"{path}: {len(sent)} items sent, {len(got)} back"]
        return [d for i, (a, b) in enumerate(zip(sent, got)) for d in differences(a, b, f"{path}[{i}]")]
    return [] if sent == got else [f"{path}: sent {sent!r}, got {got!r}"]


def captured(url, token):
    """Every event captured, following the Link pages."""
    events, doc = [], None
    query = "source=capture&limit=7"
    while query:
        status, body, headers = request(f"{url}/api/v1/epcis/events?{query}", token)
        if status != 200:
            raise RuntimeError(f"query answered {status}: {body[:200]!r}")
        page = json.loads(body)
        doc = doc or page
        events += page["epcisBody"]["eventList"]
        link = headers.get("Link") or ""
        query = link[link.index("?") + 1:link.index(">")] if link else None
    doc["epcisBody"]["eventList"] = events
    return doc


print(f"1..{2 * len(documents)}")
with tempfile.TemporaryDirectory() as tmp:
    n, queried = 0, []
    for k, path in enumerate(documents):
        proc, url, token = start_server(tmp, k)
        try:
            name = os.path.basename(path)
            sent = json.load(open(path, encoding="utf-8"))
            status, body, _ = request(url + "/api/v1/epcis/capture", token, open(path, "rb").read())
            problems = [] if status == 200 else [f"capture answered {status}: {body[:300]!r}"]
            doc = None
            if not problems:
                doc = captured(url, token)
                got = doc["epcisBody"]["eventList"]
                want = sent["epcisBody"]["eventList"]
                if len(got) != len(want):
                    problems.append(f"{len(want)} events sent, {len(got)} back")
                for i, (a, b) in enumerate(zip(want, got)):
                    if "eventID" not in a:
                        b = {key: v for key, v in b.items() if key != "eventID"}
                    problems += [f"[{i}] {d}" for d in differences(a, b)]
                    if "recordTime" not in b:
                        problems.append(f"[{i}] no recordTime")
            n += 1
            detail = "".join("\n# " + p for p in problems[:12])
            print(f"{'ok' if not problems else 'not ok'} {n} - {name} comes back as sent{detail}")
            if doc is not None:
                out = os.path.join(tmp, "query-" + name)
                json.dump(doc, open(out, "w", encoding="utf-8"), ensure_ascii=False)
                queried.append((name, out))
        finally:
            proc.terminate()
            proc.wait()

    # Every query document in one run of ajv: compiling GS1's schema is the slow part.
    results = {}
    if have_ajv and queried:
        r = subprocess.run(["node", validator, schema] + [out for _, out in queried],
                           env=env, capture_output=True, text=True)
        current = None
        for line in r.stdout.splitlines():
            if line.startswith(("ok ", "not ok ")):
                current = line.split(" ", 3 if line.startswith("not") else 2)[-1]
                results[current] = [line.startswith("ok")]
            elif line.startswith("#") and current:
                results[current].append(line)
    for name in [os.path.basename(p) for p in documents]:
        n += 1
        out = dict((a, b) for a, b in queried).get(name)
        if not have_ajv:
            print(f"ok {n} # SKIP needs node and node-ajv")
        elif out is None or out not in results:
            print(f"not ok {n} - {name}: no query document to validate")
        else:
            detail = "".join("\n" + line for line in results[out][1:])
            print(f"{'ok' if results[out][0] else 'not ok'} {n} - the query document of {name} is valid EPCIS 2.0{detail}")
