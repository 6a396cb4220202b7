#!/usr/bin/env python3
# test-console.py — the regulator console of suyuan-server as the bureau uses
# it, in headless Chromium (tests/cdp_browser.py): sign in with the admin's
# token, trace the demo's recalled amoxicillin, export and print the recall
# list, put the demo water batch W2610 on hold through the form and see a real
# terminal (suyuanctl sync, lookup) stop on it and the notice list name that
# terminal; CSRF, Origin, roles, sign-out. Screenshots at 1280 and 800 px in
# SUYUAN_SCREENSHOT_DIR/console-*.png.
# Copyright 2026 The Suyuan authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the real server on SQLite, or on PostgreSQL when SUYUAN_TEST_PG names
# a cluster (tests/with-postgres.sh). TAP output.

import glob
import http.client
import os
import shutil
import sqlite3
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp_browser import CHROMIUM, Browser  # noqa: E402

SERVER = os.environ["SUYUAN_SERVER_BIN"]
CTL = os.environ["SUYUAN_CTL"]
DEMO = os.environ["SUYUAN_DEMO_JSON"]
SHOTS = os.environ.get("SUYUAN_SCREENSHOT_DIR", "screenshots")
PG = os.environ.get("SUYUAN_TEST_PG")
VARIANT = "pg" if PG else "sqlite"

AMOX = "/01/06901234567915/10/250901"          # recalled (README)
WATER = "(01)06901234567908(10)W2610"            # fine until we hold it

results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(f"{'ok' if ok else 'not ok'} {len(results)} - {name}")
    if not ok and detail:
        for line in str(detail).splitlines()[:25]:
            print(f"# {line}")
    sys.stdout.flush()


class Server:
    def __init__(self, tmp, db=None, extra=(), tls=False):
        self.dir = tmp
        self.db = db or (f"{PG}/postgres" if PG else os.path.join(tmp, "server.db"))
        self.tls = tls
        self.tokens = {}
        for name, role, region in (("bureau-desk", "admin", None), ("inspector-330102", "inspector", "330102"),
                                   ("shop-till-1", "retailer", "330102")):
            args = [SERVER, "token", "create", f"--db={self.db}", f"--role={role}", f"--name={name}"]
            if region:
                args.append(f"--region={region}")
            self.tokens[name] = subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip()
        port_file = os.path.join(tmp, "port")
        self.log_path = os.path.join(tmp, "log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen([SERVER, f"--db={self.db}", f"--import={DEMO}", "--port=0",
                                      f"--port-file={port_file}", *extra], stdout=self.log, stderr=self.log)
        for _ in range(400):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.05)
        self.port = int(open(port_file).read())
        self.base = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"

    def request(self, method, path, fields=None, cookie=None, headers=None):
        if self.tls:
            conn = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=30,
                                               context=ssl._create_unverified_context())
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = dict(headers or {})
        body = None
        if cookie:
            h["Cookie"] = cookie
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            h["Content-Type"] = "application/x-www-form-urlencoded"
        h.setdefault("Accept-Language", "zh-CN")
        conn.request(method, path, body=body, headers=h)
        reply = conn.getresponse()
        data = reply.read()
        conn.close()
        headers = dict((k.lower(), v) for k, v in reply.getheaders())
        headers["set-cookie"] = "\n".join(reply.msg.get_all("Set-Cookie") or [])
        return reply.status, headers, data

    def sql(self, statement):
        """Runs one statement on the server's database, as an operator would."""
        if PG:
            psql = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))[-1]
            subprocess.run([psql, "-q", "-c", statement, self.db], check=True, capture_output=True)
        else:
            with sqlite3.connect(self.db) as db:
                db.execute(statement)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)
        self.log.close()


def sign_in(server, token):
    """Signs in over HTTP(S) as the form does: status, page, the session cookie."""
    status, headers, body = server.request("GET", "/console/sign-in")
    signin_cookie = headers.get("set-cookie", "").split(";")[0]
    csrf = body.decode().split('name="csrf" value="')[1].split('"')[0]
    status, headers, body = server.request("POST", "/console/sign-in", {"csrf": csrf, "token": token},
                                           cookie=signin_cookie, headers={"Origin": server.base})
    server.last_set_cookie = headers["set-cookie"]
    session = [c.split(";")[0] for c in headers["set-cookie"].splitlines() if c.startswith("suyuan_console=")]
    return status, body.decode(), session[0] if session else ""


def terminal(server, store, *args):
    env = dict(os.environ, SUYUAN_TOKEN=server.tokens["shop-till-1"])
    return subprocess.run([CTL, *args, f"--store={store}"], capture_output=True, text=True, env=env, timeout=60)


def sync(server, store):
    return terminal(server, store, "sync", f"--server={server.base}")


def shots(browser, name):
    """The page at a desk's 1280 px and a tablet's 800 px."""
    return [browser.screenshot(os.path.join(SHOTS, f"console-{name}-{width}.png"), width) for width in (1280, 800)]


def session_cookie(browser):
    for c in browser.cookies():
        if c["name"] == "suyuan_console":
            return c
    return None


def tls_cookies(tmp):
    """Over HTTPS the console's cookies are Secure too."""
    key, cert = os.path.join(tmp, "key.pem"), os.path.join(tmp, "cert.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    tls_dir = os.path.join(tmp, "tls")
    os.makedirs(tls_dir)
    server = Server(tls_dir, db=os.path.join(tls_dir, "server.db"), tls=True,
                    extra=[f"--tls-cert={cert}", f"--tls-key={key}"])
    try:
        _, form_headers, _ = server.request("GET", "/console/sign-in")
        status, _, session = sign_in(server, server.tokens["bureau-desk"])
    finally:
        server.stop()
    signin = form_headers.get("set-cookie", "")
    check("over HTTPS the sign-in and session cookies are Secure, HttpOnly and SameSite=Strict",
          status == 303 and session and "; Secure" in signin and "HttpOnly" in signin
          and all("; Secure" in c for c in server.last_set_cookie.splitlines()),
          (status, signin, server.last_set_cookie))


def main():
    if CHROMIUM is None:
        print("1..0 # SKIP chromium is not installed (scripts/dev deps installs it)")
        return 0
    tmp = tempfile.mkdtemp(prefix="suyuan-console-")
    server = Server(tmp)
    store = os.path.join(tmp, "terminal.db")
    admin = server.tokens["bureau-desk"]
    try:
        with Browser(lang="zh-CN,zh") as b:
            # A console URL without a session leads to the sign-in form.
            b.open(server.base + "/console/recall")
            check("a console URL without a session shows the sign-in form",
                  b.url().endswith("/console/sign-in") and "登录监管工作台" in b.text(), b.url() + "\n" + b.text())
            shots(b, "sign-in")

            b.fill("#token", admin)
            b.click("form[action='/console/sign-in'] button")
            cookie = session_cookie(b)
            check("the admin's token signs in and opens 去向追踪",
                  b.url().endswith("/console/recall") and "已登录：bureau-desk" in b.text(), b.text()[:500])
            check("the session cookie is HttpOnly, SameSite=Strict and is not the token",
                  cookie and cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["value"] != admin
                  and admin not in b.url(), cookie)
            jar = f"suyuan_console={cookie['value']}" if cookie else ""

            # 去向追踪 of the recalled amoxicillin, by its Digital Link path.
            b.fill("input[name=code]", AMOX)
            b.click("#trace-code")
            text = b.text()
            check("tracing the recalled amoxicillin shows the batch, its status and producer",
                  "阿莫西林胶囊" in text and "召回" in text and "康宁制药股份有限公司" in text
                  and "国家药监局召回公告" in text and "上游链条" in text, text[:800])
            shots(b, "recall")

            status, headers, body = server.request("GET", "/console/recall.csv?batch=B-AMOX-250901", cookie=jar)
            check("the CSV export is UTF-8 with a BOM, Chinese headers and the parties",
                  status == 200 and body.startswith(b"\xef\xbb\xbf") and "单位编号" in body.decode("utf-8-sig")
                  and "康宁制药股份有限公司" in body.decode("utf-8-sig")
                  and headers.get("content-type", "").startswith("text/csv"), (status, body[:300]))

            b.click("#print-list")
            pdf = os.path.join(tmp, "recall.pdf")
            b.pdf(pdf)
            shots(b, "print")
            pdf_text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
            info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
            page_size = "".join(line for line in info.splitlines() if line.startswith("Page size"))
            check("the recall notice list prints to an A4 PDF in Chinese with the party and a signature column",
                  "问题产品召回通知清单" in pdf_text and "康宁制药股份有限公司" in pdf_text
                  and "签收人签字" in pdf_text and "市场监督管理局" in pdf_text
                  and "(A4)" in page_size, page_size + "\n" + pdf_text[:600])

            b.open(server.base + "/console/recall")
            b.fill("input[name=product]", "06901234567908")
            b.fill("input[name=lot]", "W2610")
            b.click("#trace-lot")
            text = b.text()
            check("a batch is found by product GTIN and lot too", "天然饮用水" in text and "B-WATER-W2610" in text
                  and "清泉饮品有限公司" in text, text[:600])

            # A terminal that synced before the hold: the list says it lacks it.
            first = sync(server, store)
            before = terminal(server, store, "lookup", WATER)
            check("before the hold the terminal says the water is fine", first.returncode == 0
                  and before.returncode == 0, first.stderr + before.stdout + before.stderr)

            b.open(server.base + "/console/notices")
            b.select("#kind", "hold")
            b.select("#scope", "batch")
            b.fill("#target", WATER)
            b.fill("#title", "天然饮用水 W2610 批封存")
            b.fill("#notice", "城东市场监管所封存通知：标签标注不规范，待复检")
            b.click("#issue-notice")
            text = b.text()
            check("the hold on W2610 is issued through the form and listed, not yet pulled",
                  "通告已发布" in text and "天然饮用水 W2610 批封存" in text and "尚未拉取：shop-till-1" in text,
                  text[:1500])

            pulled = sync(server, store)
            after = terminal(server, store, "lookup", WATER)
            check("the terminal pulls the hold: suyuanctl lookup says STOP, held (exit 4)",
                  pulled.returncode == 0 and after.returncode == 4 and "held" in after.stdout
                  and "stop" in after.stdout, pulled.stderr + after.stdout + after.stderr)

            b.open(server.base + "/console/notices")
            row = b.evaluate("[...document.querySelectorAll('#notices tbody tr')]"
                             ".find(r => r.innerText.includes('W2610 批封存')).innerText")
            check("the notice now lists the terminal that pulled it, with its last sync",
                  row and "shop-till-1" in row and "最近同步" in row and "尚未拉取" not in row, row)
            shots(b, "notices")

            # What a user types is shown as text, never run as markup.
            b.select("#kind", "unqualified")
            b.select("#scope", "product")
            b.fill("#target", "PR-YOGURT")
            b.fill("#title", "<img src=x onerror=alert(1)>抽检")
            b.click("#issue-notice")
            check("a notice title with markup is shown as text",
                  "<img src=x onerror=alert(1)>抽检" in b.text()
                  and b.evaluate("document.querySelectorAll('#notices img').length") == 0, b.text()[:400])

            # Refusals: no CSRF token, a foreign Origin, a terminal's token.
            form = {"kind": "recall", "scope": "batch", "target": "B-WATER-W2610", "title": "forged"}
            status, _, body = server.request("POST", "/console/notices", form, cookie=jar)
            csrf = b.evaluate("document.querySelector('input[name=csrf]').value")
            status2, _, _ = server.request("POST", "/console/notices", dict(form, csrf=csrf), cookie=jar,
                                           headers={"Origin": "http://evil.example"})
            b.open(server.base + "/console/notices")
            check("a POST without the CSRF token, or from another origin, is refused (403) and changes nothing",
                  status == 403 and status2 == 403 and "表单被拒绝" in body.decode() and "forged" not in b.text(),
                  (status, status2))

            status, body, _ = sign_in(server, server.tokens["shop-till-1"])
            check("a shop terminal's token cannot sign in (403, a clear page)",
                  status == 403 and "终端设备的令牌不能在此登录" in body, (status, body[:400]))

            # Lifting the hold: the terminal is back to OK after its next sync.
            b.click("#notices form[action='/console/notices/lift'] button")
            lifted = b.text()
            sync(server, store)
            again = terminal(server, store, "lookup", WATER)
            check("lifting the hold through the console frees the batch on the terminal",
                  "封存已解除" in lifted and again.returncode == 0, lifted[:300] + again.stdout)

            b.open(server.base + "/console/audit")
            text = b.text()
            check("the 审计 page lists sign-in, trace, export, print, notice, refusal and lift with who did them",
                  all(a in text for a in ("登录", "追踪批次", "导出去向清单 CSV", "打印召回通知清单",
                                          "发布通告", "表单被拒绝", "拒绝登录", "解除封存"))
                  and "bureau-desk" in text, text[:1500])
            shots(b, "audit")

            # A session unused for longer than 8 hours is over.
            _, _, idle_jar = sign_in(server, server.tokens["bureau-desk"])
            status, _, _ = server.request("GET", "/console/notices", cookie=idle_jar)
            server.sql("UPDATE console_sessions SET seen_at = seen_at - 9 * 3600")
            status2, headers, _ = server.request("GET", "/console/notices", cookie=idle_jar)
            check("a session idle for 9 hours is over: the console asks to sign in again",
                  status == 200 and status2 == 303 and headers.get("location", "").endswith("/console/sign-in"),
                  (status, status2))

            b.click("#sign-out")
            after_url = b.url()
            b.open(server.base + "/console/notices")
            status, headers, _ = server.request("GET", "/console/notices", cookie=jar)
            check("after sign-out a console URL leads to sign-in, and the old cookie is dead",
                  after_url.endswith("/console/sign-in") and b.url().endswith("/console/sign-in")
                  and status == 303 and headers.get("location", "").endswith("/console/sign-in"),
                  (after_url, b.url(), status))

        # An inspector: its region's parties only, and no audit page.
        with Browser(lang="zh-CN,zh") as b:
            b.open(server.base + "/console/sign-in")
            b.fill("#token", server.tokens["inspector-330102"])
            b.click("form[action='/console/sign-in'] button")
            b.fill("input[name=code]", AMOX)
            b.click("#trace-code")
            text = b.text()
            b.open(server.base + "/console/audit")
            check("an inspector sees its region's parties only (the producer stays in the chain) "
                  "and may not open the audit page",
                  "仅列出本辖区的单位" in text and "涉及单位：0 家" in text and "康宁制药股份有限公司" in text
                  and "无权访问" in b.text(), text[:800] + b.text()[:300])

        with Browser(lang="en") as b:
            b.open(server.base + "/console/sign-in")
            check("English by Accept-Language", "Sign in to the console" in b.text(), b.text()[:300])

        status, headers, _ = server.request("GET", "/console/sign-in")
        csp = headers.get("content-security-policy", "")
        check("console pages send CSP with frame-ancestors 'none', no-store and nosniff",
              "frame-ancestors 'none'" in csp and "script-src" not in csp and headers.get("cache-control") == "no-store"
              and headers.get("x-content-type-options") == "nosniff", headers)
        # Revoking a token ends its console sessions at once.
        _, _, inspector_jar = sign_in(server, server.tokens["inspector-330102"])
        status, _, _ = server.request("GET", "/console/recall", cookie=inspector_jar)
        subprocess.run([SERVER, "token", "revoke", f"--db={server.db}", "--name=inspector-330102"],
                       check=True, capture_output=True)
        status2, _, _ = server.request("GET", "/console/recall", cookie=inspector_jar)
        check("revoking the inspector's token ends its signed-in session", status == 200 and status2 == 303,
              (status, status2))

        tls_cookies(tmp)
    finally:
        server.stop()
    log = open(server.log_path).read()
    check("no token appears in the server's log", not any(t in log for t in server.tokens.values()), log[-600:])
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"1..{len(results)}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
