#!/usr/bin/env python3
# test-server-transport.py — the transport attacks of tests/hostile-client.py against a
# real suyuan-server on loopback, started with only 64 file descriptors (TAP).
# Copyright 2026 The Suyuan authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The data attacks of the same tool (recall bypass, 1e400, …) are the trust-data
# branch's and are not run here.

import argparse
import http.server
import importlib.util
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FD_LIMIT = 64


def load_tool():
    spec = importlib.util.spec_from_file_location("hostile", os.path.join(HERE, "hostile-client.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def low_fd_limit():
    resource.setrlimit(resource.RLIMIT_NOFILE, (FD_LIMIT, FD_LIMIT))


def backlog_holds(port, n):
    """Connections completed while the server is stopped: the backlog's size."""
    done = 0
    socks = []
    for i in range(n):
        s = socket.socket()
        s.settimeout(0.3)
        try:
            s.connect(("127.0.0.1", port))
            done += 1
        except OSError:
            pass
        socks.append(s)
    for s in socks:
        s.close()
    return done


def client_survives_nesting(tmp):
    """suyuanctl sync and lookup against a server that answers 100,000 nested [."""
    class Deep(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = b"[" * 100000
            self.send_response(400)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        do_POST = do_GET

        def log_message(self, *args):
            pass
    httpd = http.server.HTTPServer(("127.0.0.1", 0), Deep)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = "http://127.0.0.1:%d" % httpd.server_address[1]
    env = dict(os.environ, SUYUAN_TOKEN="x", SUYUAN_SERVER=url)
    store = os.path.join(tmp, "terminal.db")
    ctl = os.environ["SUYUAN_CTL"]
    codes = []
    for args in (["sync", "--store", store, "--server", url],
                 ["lookup", "--store", store, "0106901234567922"]):
        p = subprocess.run([ctl] + args, env=env, capture_output=True, timeout=60)
        codes.append(p.returncode)
    httpd.shutdown()
    ok = all(c >= 0 for c in codes)
    return ("/client/hostile-server-nesting", ok,
            "suyuanctl sync and lookup exited %s (negative: killed by a signal)" % codes)


class Checks(list):
    """Each check is printed as a TAP line as soon as it is made (plan at the end)."""

    def append(self, check):
        name, ok, note = check
        super().append(check)
        print("%s %d - %s # %s" % ("ok" if ok else "not ok", len(self), name, note), flush=True)


def main():
    os.umask(0o022)
    server = os.environ["SUYUAN_SERVER_BIN"]
    demo = os.environ["SUYUAN_DEMO_JSON"]
    tool = load_tool()
    tmp = tempfile.mkdtemp(prefix="suyuan-transport-")
    db = os.path.join(tmp, "server.db")
    portfile = os.path.join(tmp, "port")
    subprocess.run([server, "--db", db, "--import", demo, "--import-only"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    token = subprocess.run([server, "token", "create", "--db", db, "--role", "producer",
                            "--party", "P-DAIRY", "--name", "dairy"], check=True,
                           capture_output=True, text=True).stdout.split()[0]
    env = dict(os.environ, SUYUAN_SERVER_IDLE_TIMEOUT="3", SUYUAN_SERVER_REQUEST_TIMEOUT="6")
    checks = Checks()

    def run(name, attack):
        """Runs @attack against a fresh server; its checks are added to the list."""
        if os.path.exists(portfile):
            os.unlink(portfile)
        proc = subprocess.Popen([server, "--db", db, "--port", "0", "--port-file", portfile],
                                env=env, preexec_fn=low_fd_limit,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                if os.path.exists(portfile) and open(portfile).read().strip():
                    break
                time.sleep(0.1)
            port = int(open(portfile).read())
            t = tool.Target("http://127.0.0.1:%d" % port)
            try:
                attack(t, proc, port)
            except Exception as e:
                checks.append((name, False, "%s: %s" % (type(e).__name__, e)))
            if proc.poll() is not None:
                checks.append((name + ": the server still runs", False, "it died"))
        finally:
            if proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=10)

    a = argparse.Namespace(producer_token=token, retailer_token=None, slow_connections=300,
                           recover_seconds=40, big_body_mib=64)

    def nesting(t, proc, port):
        checks.append(("/server/nesting",) + tool.attack_nesting(t, a))

    def slow(t, proc, port):
        checks.append(("/server/slow-connections with %d descriptors" % FD_LIMIT,)
                      + tool.attack_slow_connections(t, a))

    def big_body(t, proc, port):
        before = rss_kib(proc.pid)
        checks.append(("/server/big-body refused unread",) + tool.attack_big_body(t, a))
        grown = (rss_kib(proc.pid) - before) // 1024
        checks.append(("/server/big-body keeps RSS small", grown < 32,
                       "RSS grew %d MiB over %d MiB sent per case" % (grown, a.big_body_mib)))

    def backlog(t, proc, port):
        os.kill(proc.pid, signal.SIGSTOP)
        try:
            held = backlog_holds(port, 600)
        finally:
            os.kill(proc.pid, signal.SIGCONT)
        checks.append(("/server/backlog", held >= 600,
                       "%d of 600 connects completed while the server was stopped" % held))

    def no_leak(t, proc, port):
        # Each terminal request is a connection of its own (libcurl): 200 of
        # them, with 64 descriptors, must leave none behind.
        before = len(os.listdir("/proc/%d/fd" % proc.pid))
        answered = 0
        for _ in range(200):
            try:
                t.health_ms(timeout=5)
                answered += 1
            except (OSError, RuntimeError, tool.http.client.HTTPException):
                break
        time.sleep(0.3)
        after = len(os.listdir("/proc/%d/fd" % proc.pid))
        checks.append(("/server/no-descriptor-leak", answered == 200 and after <= before + 2,
                       "%d of 200 answered; %d descriptors before, %d after" % (answered, before, after)))

    run("/server/no-descriptor-leak", no_leak)
    run("/server/nesting", nesting)
    run("/server/slow-connections", slow)
    run("/server/big-body", big_body)
    run("/server/backlog", backlog)

    # The other way round: a hostile server's deep nesting must not crash a terminal.
    checks.append(client_survives_nesting(tmp))

    # The database and the lookup mirror hold token hashes and every record.
    for path in (db, db + ".lookup"):
        mode = os.stat(path).st_mode & 0o777
        checks.append(("/server/private-files %s" % os.path.basename(path), mode == 0o600,
                       "mode %o" % mode))

    failed = sum(1 for c in checks if not c[1])
    print("1..%d" % len(checks))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
