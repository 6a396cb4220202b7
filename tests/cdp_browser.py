# cdp_browser.py — headless Chromium driven over the DevTools protocol on a
# pipe (--remote-debugging-pipe: JSON messages, NUL-terminated, on fds 3/4),
# with the standard library only. For the console's browser tests: forms,
# cookies, clicks, screenshots and printing to PDF, as a person's browser
# does them.
# Copyright 2026 The Suyuan authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   with Browser(lang="zh-CN,zh") as b:
#       b.open(url)                       # waits for the load
#       b.fill("#token", secret); b.click("button[type=submit]")   # waits again
#       b.text(), b.url(), b.cookies(), b.screenshot(path, 1280), b.pdf(path)

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class BrowserError(Exception):
    pass


class Browser:
    def __init__(self, lang="zh-CN,zh", timeout=60):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="chromium-cdp-")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        # Chromium reads commands on fd 3 and writes replies on fd 4.
        def child_fds():
            # Moved out of the way first: the pipes may themselves be 3 and 4.
            high_r = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
             "--disable-dev-shm-usage", "--remote-debugging-pipe", f"--user-data-dir={self.profile}",
             f"--accept-lang={lang}", "about:blank"],
            # close_fds would close 3 and 4 again after preexec_fn.
            preexec_fn=child_fds, close_fds=False,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=self.profile)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next_id = 0
        self._events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=True)
        self.call("Network.enable", session=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._to_chrome, self._from_chrome):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    # The protocol: one JSON object per message, NUL-terminated.
    def _read_message(self, deadline):
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_chrome], [], [], left)[0]:
                raise BrowserError("chromium did not answer in time")
            chunk = os.read(self._from_chrome, 65536)
            if not chunk:
                raise BrowserError("chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=False):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self._events.append(reply)

    def wait_event(self, name):
        deadline = time.monotonic() + self.timeout
        while True:
            for i, event in enumerate(self._events):
                if event["method"] == name:
                    del self._events[: i + 1]
                    return event.get("params", {})
            self._events.append(self._read_message(deadline))

    def _page(self, method, params=None):
        return self.call(method, params, session=True)

    def evaluate(self, expression):
        result = self._page("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails'].get('text')}")
        return result.get("result", {}).get("value")

    def _navigating(self, action):
        self._events.clear()
        action()
        self.wait_event("Page.loadEventFired")

    def open(self, url):
        self._navigating(lambda: self._page("Page.navigate", {"url": url}))

    def fill(self, selector, value):
        self.evaluate(f"document.querySelector({json.dumps(selector)}).value = {json.dumps(value)}")

    def select(self, selector, value):
        self.fill(selector, value)

    def click(self, selector):
        """Clicks a submit button or link and waits for the page it leads to."""
        self._navigating(lambda: self.evaluate(f"document.querySelector({json.dumps(selector)}).click()"))

    def text(self):
        return self.evaluate("document.body ? document.body.innerText : ''") or ""

    def html(self):
        return self.evaluate("document.documentElement.outerHTML") or ""

    def url(self):
        return self.evaluate("location.href")

    def cookies(self):
        return self._page("Network.getCookies").get("cookies", [])

    def screenshot(self, path, width, height=900):
        """The whole page at @width CSS pixels as a PNG."""
        self._page("Emulation.setDeviceMetricsOverride",
                   {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 700})
        content = self._page("Page.getLayoutMetrics")["cssContentSize"]
        full = int(min(max(content["height"], height), 6000))
        self._page("Emulation.setDeviceMetricsOverride",
                   {"width": width, "height": full, "deviceScaleFactor": 1, "mobile": width < 700})
        shot = self._page("Page.captureScreenshot", {"format": "png"})
        self._page("Emulation.clearDeviceMetricsOverride")
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        return path

    def pdf(self, path):
        """Prints the page as Chromium's print to PDF does, honouring @page."""
        result = self._page("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
        with open(path, "wb") as f:
            f.write(base64.b64decode(result["data"]))
        return path
