#!/usr/bin/env python3
# test-cli-contract.py — what scripts rely on: every suyuanctl command answers
# --help with status 0, prints one JSON object per line with --json, and exits
# with the documented status (0 ok, 2 usage, 4 STOP, 5 WARN, 6 unknown …).
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from deploytest import Server, Tap, free_port, run, tmpdir, wait_health  # noqa: E402

CTL = os.environ["SUYUAN_CTL"]
SERVER = os.environ["SUYUAN_SERVER_BIN"]
DEMO = os.environ["SUYUAN_DEMO_JSON"]
EXIT = {"ok": 0, "error": 1, "usage": 2, "verify": 3, "stop": 4, "warn": 5, "unknown": 6}
LEVEL_EXIT = {"ok": 0, "stop": 4, "warn": 5, "unknown": 6}

COMMANDS = [
    [], ["parse"], ["lookup"], ["import"], ["sync"], ["scan"], ["labels"],
    ["labels", "generate"], ["labels", "batch"], ["labels", "list"], ["labels", "templates"],
    ["labels", "product"], ["labels", "product", "add"], ["labels", "product", "edit"],
    ["inspection"], ["export"],
]

tap = Tap()
work = tmpdir()
store = os.path.join(work, "store.db")
env = dict(os.environ, SUYUAN_STORE=store, SUYUAN_TOKEN_FILE=os.path.join(work, "token"))
env.pop("SUYUAN_TOKEN", None)


def ctl(*args, **kw):
    return run([CTL, *args], env=kw.pop("env", env), **kw)


def json_lines(text):
    """Every non-empty line as JSON, or None when one does not parse."""
    try:
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    except ValueError:
        return None


def check_json(name, result, status=0, min_lines=1):
    objects = json_lines(result.stdout)
    tap.ok(result.returncode == status and objects is not None and len(objects) >= min_lines
           and all(isinstance(o, dict) for o in objects),
           "%s --json: status %d, %d JSON object(s) per line" % (name, status, min_lines),
           "status %s\nstdout %r\nstderr %s" % (result.returncode, result.stdout[:500], result.stderr[-800:]))
    return objects or []


# --help everywhere: status 0, the usage on standard output.
for command in COMMANDS:
    r = ctl(*command, "--help")
    tap.ok(r.returncode == 0 and "Usage" in r.stdout,
           "suyuanctl %s --help exits 0 with a usage" % " ".join(command),
           "status %s\n%s%s" % (r.returncode, r.stdout, r.stderr))
r = ctl("--version")
tap.ok(r.returncode == 0 and r.stdout.startswith("suyuanctl "), "suyuanctl --version", r.stdout + r.stderr)

# Usage errors are 2, whatever the command.
for args in [[], ["frobnicate"], ["labels"], ["labels", "frobnicate"], ["labels", "product"],
             ["lookup"], ["import"], ["export", "--csv"], ["export", "--json", "--csv", "-"],
             ["parse", "--no-such-option", "x"], ["inspection", "show"]]:
    r = ctl(*args)
    tap.ok(r.returncode == EXIT["usage"], "suyuanctl %s exits 2 (usage)" % " ".join(args),
           "status %s\n%s" % (r.returncode, r.stderr))

# import --json, then lookups whose status follows the verdict.
check_json("import", ctl("import", "--json", DEMO))
r = ctl("import", "--json", os.path.join(work, "missing.json"))
tap.ok(r.returncode == EXIT["error"] and r.stdout == "", "import of a missing file exits 1, nothing on stdout",
       "status %s %r" % (r.returncode, r.stdout))

codes = [("expired milk", "01069012345678921725033110A2501", None),
         ("water", "6901234567908", None),
         ("recalled drug", "81234560000000011234", None),
         ("yoghurt near expiry", "0106901234567922\x1d10Y2611", "2026-11-23"),
         ("a GTIN not in the store", "0104000000000006", None)]
seen = {}
for name, code, today in codes:
    args = ["lookup", "--json"] + (["--today=" + today] if today else []) + [code]
    r = ctl(*args)
    objects = json_lines(r.stdout) or [{}]
    level = objects[0].get("level")
    seen[level] = name
    tap.ok(level in LEVEL_EXIT and r.returncode == LEVEL_EXIT[level],
           "lookup %s: verdict %s, exit status %s" % (name, level, r.returncode), r.stdout[:300] + r.stderr)
    plain = ctl(*[a for a in args if a != "--json"])
    tap.ok(plain.returncode == r.returncode, "lookup %s: same status without --json" % name,
           "%s vs %s" % (plain.returncode, r.returncode))
tap.ok("stop" in seen and "ok" in seen and "unknown" in seen,
       "the demo codes cover OK, STOP and unknown verdicts", repr(seen))
r = ctl("lookup", "6901234567908", "01069012345678921725033110A2501", "0104000000000006")
tap.ok(r.returncode == EXIT["stop"], "lookup of several codes exits with the worst (STOP)", r.returncode)

check_json("parse", ctl("parse", "--json", "6901234567908", "0106901234567892"), min_lines=2)

# Labels: a product of our own, a batch, a verified run, list and templates.
product = check_json("labels product add", ctl("labels", "product", "add", "--json", "--name=Test oats",
                                               "--gtin=06901234567953", "--shelf-life=365",
                                               "--new-producer=Test Mill", "--licence=SC1"))
pid = product[0]["id"] if product else "missing"
check_json("labels product edit", ctl("labels", "product", "edit", "--json", "--id=" + pid, "--spec=1 kg"))
check_json("labels batch", ctl("labels", "batch", "--json", "--product=" + pid, "--lot=L1"))
png = os.path.join(work, "labels.png")
generated = ctl("labels", "generate", "--json", "--product=" + pid, "--lot=L1", "--count=3", "--png=" + png,
                "--verify", "--resolver=https://id.test.example")
run_json = check_json("labels generate", generated)


def run_json_stderr():
    return generated.stderr

tap.ok(bool(run_json) and run_json[0].get("failed") == 0 and run_json[0].get("verified") == 3,
       "labels generate --verify: every label read back", repr(run_json))
tap.ok("placeholder" not in run_json_stderr(), "no placeholder warning with --resolver")
r = ctl("labels", "generate", "--json", "--product=" + pid, "--lot=L1", "--count=1",
        "--png=" + os.path.join(work, "placeholder.png"),
        env={k: v for k, v in env.items() if k != "SUYUAN_RESOLVER"})
tap.ok(r.returncode == 0 and "id.example.com" in r.stderr and json_lines(r.stdout),
       "labels under the placeholder resolver: printed, with a warning on stderr only", r.stderr + r.stdout)
listed = check_json("labels list", ctl("labels", "list", "--json"))
tap.ok(any(p.get("id") == pid and any(b.get("lot") == "L1" for b in p.get("batches", [])) for p in listed),
       "labels list --json has the new product and its batch", repr(listed)[:400])
check_json("labels templates", ctl("labels", "templates", "--json"), min_lines=4)

scanned = check_json("scan", ctl("scan", "--json", png), min_lines=1)
tap.ok(any("id.test.example" in s.get("payload", "") for s in scanned), "scan --json reads the printed codes",
       repr(scanned)[:300])
r = ctl("scan", "--json", os.path.join(work, "missing.png"))
tap.ok(r.returncode == EXIT["error"], "scan of a missing image exits 1", r.returncode)

r = ctl("inspection", "--json", "list")
tap.ok(r.returncode == 0 and json_lines(r.stdout) is not None, "inspection --json list: status 0, JSON lines",
       r.stdout + r.stderr)
check_json("export", ctl("export", "--json", "--csv", os.path.join(work, "events.csv")))
check_json("export (EPCIS)", ctl("export", "--json", "--epcis", os.path.join(work, "events.jsonld")))

# sync --json against a real server on loopback; a dead server exits 1.
db = os.path.join(work, "server.db")
r = run([SERVER, "token", "create", "--db=" + db, "--role=admin", "--region=330102", "--name=ctl-test"])
token = r.stdout.strip()
port = free_port()
server = Server([SERVER, "--db=" + db, "--import=" + DEMO, "--listen=127.0.0.1:%d" % port])
url = "http://127.0.0.1:%d" % port
if tap.ok(wait_health(url, server.proc) is not None, "the server answers", server.output()):
    fresh = dict(env, SUYUAN_STORE=os.path.join(work, "synced.db"), SUYUAN_TOKEN=token)
    synced = check_json("sync", ctl("sync", "--json", "--server=" + url, env=fresh))
    tap.ok(bool(synced) and synced[0].get("pulled", 0) > 0, "sync --json counts the pulled changes", repr(synced))
server.stop()
r = ctl("sync", "--json", "--server=" + url, env=dict(env, SUYUAN_TOKEN=token))
tap.ok(r.returncode == EXIT["error"] and r.stdout == "", "sync to a stopped server exits 1, nothing on stdout",
       "status %s %r" % (r.returncode, r.stdout))
tap.done()
