#!/usr/bin/env python3
# test-hostile-data.py — the data attacks of tests/hostile-client.py (recall
# bypass, 1e400, oversized products, drug-id reuse, a retailer selling another
# shop's unit, a registration flood) against a real suyuan-server on loopback
# loaded with the demo, so anyone's re-run of the attack suite is also CI's.
# Copyright 2026 The Suyuan authors
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
server = os.environ["SUYUAN_SERVER_BIN"]
demo = os.environ["SUYUAN_DEMO_JSON"]

with tempfile.TemporaryDirectory() as tmp:
    db, port_file = os.path.join(tmp, "server.db"), os.path.join(tmp, "port")

    def token(role, party):
        return subprocess.run([server, "token", "create", "--db=" + db, "--role=" + role,
                               "--party=" + party, "--name=" + role + "-" + party],
                              capture_output=True, text=True, check=True).stdout.strip()

    producer, other, retailer = token("producer", "P-DAIRY"), token("producer", "P-PHARMA2"), \
        token("retailer", "P-SHOP2")
    proc = subprocess.Popen([server, "--db=" + db, "--port=0", "--port-file=" + port_file,
                             "--import=" + demo], stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.05)
        url = "http://127.0.0.1:" + open(port_file).read().strip()
        result = subprocess.run([sys.executable, os.path.join(HERE, "hostile-client.py"), url,
                                 "--producer-token", producer, "--other-producer-token", other,
                                 "--other-party", "P-PHARMA2", "--retailer-token", retailer,
                                 "--only", "recall-bypass,quantity-1e400,oversized-products,"
                                 "drug-id-reuse,retailer-other-shop,registration-flood",
                                 # Other tests share the two cores: a bound that a blocked
                                 # server (1.8-15 s before the fix) fails and a busy one passes.
                                 "--health-limit-ms", "1000", "--tap"])
    finally:
        proc.terminate()
        proc.wait()
    sys.exit(result.returncode)
