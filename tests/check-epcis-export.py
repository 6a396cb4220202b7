#!/usr/bin/env python3
"""check-epcis-export.py SRCROOT — every EPCIS document we write is valid
against GS1's EPCIS 2.0 JSON Schema (../shared/reference/epcis), checked with
ajv (Debian's node-ajv): the terminal's export and the server's query, over
the demo data plus a recall and a disposition of our own. Then the terminal's
export is captured by a fresh server and the recall comes back as a recall.
Prints TAP; skips where the schema, node or ajv is absent.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import epcis_server
from epcis_server import request

root = sys.argv[1]
ctl, server = os.environ["SUYUAN_CTL"], os.environ["SUYUAN_SERVER_BIN"]
reference = next((os.path.join(root, up, "shared", "reference", "epcis") for up in ("..", "../..")
                  if os.path.isdir(os.path.join(root, up, "shared", "reference", "epcis"))), None)
node_path = os.pathsep.join(filter(None, [os.environ.get("NODE_PATH"), "/usr/share/nodejs"]))
env = dict(os.environ, NODE_PATH=node_path)

print("1..4")
if reference is None or shutil.which("node") is None or subprocess.run(
        ["node", "-e", "require('ajv')"], env=env, capture_output=True).returncode != 0:
    for i in range(1, 5):
        print(f"ok {i} # SKIP needs ../shared/reference/epcis, node and node-ajv")
    sys.exit(0)
schema = os.path.join(reference, "EPCIS-JSON-Schema.json")
validator = os.path.join(root, "tests", "check-epcis-schema.js")

# The demo, and what it lacks: a recall of one box, a sale with a disposition
# no CBV list names.
demo = json.load(open(os.path.join(root, "data", "demo", "demo.json"), encoding="utf-8"))
demo["events"] += [
    {"id": "E-X-RECALL", "type": "recalling", "time": "2026-11-25T03:00:00Z", "product_id": "PR-IBU",
     "batch_id": "B-IBU-261001", "serial": "000000104", "party_id": "P-DIST"},
    {"id": "E-X-SALE", "type": "selling", "time": "2026-11-25T10:00:00+08:00", "product_id": "PR-IBU",
     "batch_id": "B-IBU-261001", "serial": "000000102", "party_id": "P-SHOP",
     "disposition": "sold_at_counter"},
]


def validate(n, what, path):
    r = subprocess.run(["node", validator, schema, path], env=env, capture_output=True, text=True)
    detail = "".join("\n# " + line for line in r.stdout.splitlines() if line.startswith("#"))
    print(f"{'ok' if r.returncode == 0 else 'not ok'} {n} - {what} is valid EPCIS 2.0{detail}")
    return r.returncode == 0


def start_server(tmp, name, doc):
    db, port_file = os.path.join(tmp, name + ".db"), os.path.join(tmp, name + ".port")
    return epcis_server.start_server(server, db, port_file, ["--import=" + doc] if doc else [])


with tempfile.TemporaryDirectory() as tmp:
    doc = os.path.join(tmp, "demo.json")
    json.dump(demo, open(doc, "w", encoding="utf-8"), ensure_ascii=False)
    store, exported = os.path.join(tmp, "store.db"), os.path.join(tmp, "export.jsonld")
    subprocess.run([ctl, "import", "--store", store, doc], check=True, capture_output=True)
    subprocess.run([ctl, "export", "--store", store, "--epcis", exported], check=True, capture_output=True)
    validate(1, "the terminal's export", exported)

    procs = []
    try:
        proc, url, token = start_server(tmp, "a", doc)
        procs.append(proc)
        _, body, _ = request(url + "/api/v1/epcis/events?after=0", token)
        queried = os.path.join(tmp, "query.jsonld")
        open(queried, "wb").write(body)
        validate(2, "the server's /api/v1/epcis/events", queried)

        # A partner (here, another of our servers, with the same master data
        # and units but no events) takes the export back in.
        bare = os.path.join(tmp, "bare.json")
        json.dump(dict(demo, events=[]), open(bare, "w", encoding="utf-8"), ensure_ascii=False)
        proc, url, token = start_server(tmp, "b", bare)
        procs.append(proc)
        status, body, _ = request(url + "/api/v1/epcis/capture", token, open(exported, "rb").read())
        print(f"{'ok' if status in (200, 201, 202) else 'not ok'} 3 - captured by another server"
              f" ({status} {body[:200]!r})")
        _, body, _ = request(url + "/api/v1/lookup?code=82345670000001041234", token)
        unit = json.loads(body).get("unit") or {}
        print(f"{'ok' if unit.get('state') == 'recalled' else 'not ok'} 4 - the recall came back"
              f" as a recall (unit state {unit.get('state')!r})")
    finally:
        for p in procs:
            p.terminate()
            p.wait()
