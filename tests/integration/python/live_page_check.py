#!/usr/bin/python3
"""Drives the live page in headless Chromium over the DevTools protocol: opens the page, waits
until it is live with its initial state, then runs commands that produce records and checks that
the page shows them WITHOUT a reload or a new snapshot request (so they arrived over SSE), with no
console message, exception or error log entry.

Usage:
  live_page_check.py --url http://HOST:PORT/ --expect-json EXPECT.json \
      --produce 'CMD ...' [--produce 'CMD ...'] [--screenshot OUT.png]
  live_page_check.py --self-test     # the detector must flag console.error and exceptions

EXPECT.json: {"initial_alerts": [titles], "alerts": [titles, newest first],
              "opportunities": [opportunity ids, in table order], "absent": [ids],
              "literal": [texts that must appear as text, never as markup]}

Only the Python standard library: a minimal WebSocket client (RFC 6455, text frames) talks to
Chromium's DevTools endpoint, whose port Chromium writes to <profile>/DevToolsActivePort.
"""
import argparse
import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request


class WebSocket:
    """Just enough of RFC 6455 for the DevTools protocol: masked text frames out, unmasked
    (possibly fragmented) text frames in, pings answered."""

    def __init__(self, url, timeout=30):
        assert url.startswith("ws://"), url
        hostport, _, path = url[5:].partition("/")
        host, _, port = hostport.partition(":")
        self.sock = socket.create_connection((host, int(port)), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /{path} HTTP/1.1\r\nHost: {hostport}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("DevTools closed the connection during the handshake")
            self.buffer += chunk
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise ConnectionError("WebSocket handshake failed: " + head.decode(errors="replace"))

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("DevTools closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def _send_frame(self, opcode, payload):
        header = bytes([0x80 | opcode])
        if len(payload) < 126:
            header += bytes([0x80 | len(payload)])
        elif len(payload) < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(payload))
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", len(payload))
        mask = os.urandom(4)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def send(self, text):
        self._send_frame(0x1, text.encode())

    def recv(self, timeout):
        """One text message, or None after `timeout` seconds without a complete one."""
        self.sock.settimeout(timeout)
        message = b""
        try:
            while True:
                first, second = self._read(2)
                length = second & 0x7F
                if length == 126:
                    length = struct.unpack(">H", self._read(2))[0]
                elif length == 127:
                    length = struct.unpack(">Q", self._read(8))[0]
                if second & 0x80:
                    mask = self._read(4)
                    payload = bytes(b ^ mask[i % 4] for i, b in enumerate(self._read(length)))
                else:
                    payload = self._read(length)
                opcode = first & 0x0F
                if opcode == 0x9:
                    self._send_frame(0xA, payload)
                    continue
                if opcode == 0x8:
                    raise ConnectionError("DevTools closed the WebSocket")
                if opcode in (0x0, 0x1):
                    message += payload
                    if first & 0x80:
                        return message.decode()
        except socket.timeout:
            if message:
                raise
            return None


class Browser:
    """Headless Chromium with one page, driven over DevTools. Collects every console message,
    uncaught exception and error/warning log entry, and every request the page makes."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="sharpline-live-chromium-")
        chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--remote-debugging-port=0",
             "--remote-allow-origins=*", "--user-data-dir=" + self.profile, "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.time() + 30
        while not (os.path.exists(port_file) and open(port_file).read().count("\n") >= 1):
            if time.time() > deadline or self.process.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not open its DevTools port")
            time.sleep(0.05)
        port = open(port_file).read().split("\n")[0].strip()
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
        page = next(t for t in targets if t.get("type") == "page")
        self.ws = WebSocket(page["webSocketDebuggerUrl"])
        self.next_id = 0
        self.problems = []  # console messages, exceptions, error log entries
        self.requests = []  # URLs the page requested
        for domain in ("Runtime", "Log", "Network", "Page"):
            self.call(domain + ".enable")

    def _event(self, message):
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.consoleAPICalled":
            args = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            self.problems.append(f"console.{params.get('type')}: {args}")
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            text = details.get("exception", {}).get("description") or details.get("text")
            self.problems.append(f"uncaught exception: {text}")
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            if entry.get("level") in ("error", "warning"):
                self.problems.append(f"log {entry.get('level')} ({entry.get('source')}): "
                                     f"{entry.get('text')} {entry.get('url', '')}".strip())
        elif method == "Network.requestWillBeSent":
            self.requests.append(params.get("request", {}).get("url", ""))

    def call(self, method, timeout=30, **params):
        self.next_id += 1
        call_id = self.next_id
        self.ws.send(json.dumps({"id": call_id, "method": method, "params": params}))
        deadline = time.time() + timeout
        while time.time() < deadline:
            raw = self.ws.recv(max(0.01, deadline - time.time()))
            if raw is None:
                break
            message = json.loads(raw)
            if message.get("id") == call_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._event(message)
        raise TimeoutError(f"no answer to {method}")

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluate failed: {result['exceptionDetails']}")
        return result.get("result", {}).get("value")

    def pump(self, seconds):
        """Collects events for a while (console messages arrive asynchronously)."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            raw = self.ws.recv(max(0.01, deadline - time.time()))
            if raw is not None:
                self._event(json.loads(raw))

    def wait_for(self, expression, timeout, what):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.evaluate(expression):
                return
            self.pump(0.2)
        raise AssertionError(f"timed out after {timeout} s waiting for {what}")

    def close(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


# What the page shows, read from the DOM the way a person would see it.
STATE_JS = """(() => {
  const rows = Array.from(document.querySelectorAll('#opportunities-body tr'));
  const items = Array.from(document.querySelectorAll('#alerts li'));
  return {
    status: document.getElementById('status').dataset.state,
    opportunities: rows.map((r) => r.dataset.id),
    opportunityText: rows.map((r) => r.innerText),
    alerts: items.map((li) => li.querySelector('.alert-title').textContent),
    alertsText: items.map((li) => li.innerText),
    markupInFeed: document.querySelectorAll('#alerts *:not(li):not(div):not(span)').length,
    marker: window.__liveCheckMarker === true,
    injected: window.__injected === true,
  };
})()"""


def check_live(url, expect, produce_commands, timeout, screenshot=None):
    browser = Browser()
    try:
        browser.call("Page.navigate", url=url)
        browser.wait_for("document.readyState === 'complete' && "
                         "document.getElementById('status') !== null && "
                         "document.getElementById('status').dataset.state === 'live'",
                         timeout, "the page to connect (status 'live')")
        titles = json.dumps(expect["initial_alerts"])
        browser.wait_for(f"(() => {{ const t = Array.from(document.querySelectorAll('#alerts .alert-title'))"
                         f".map((e) => e.textContent); return {titles}.every((x) => t.includes(x)); }})()",
                         timeout, f"the initial alerts {expect['initial_alerts']}")
        initial = browser.evaluate(STATE_JS)
        print(f"initial state: {json.dumps(initial)}")
        # From here on, a reload would lose the marker and a snapshot fetch would show up as a
        # request: what appears must have come over the event stream.
        browser.evaluate("window.__liveCheckMarker = true")
        requests_before = len(browser.requests)
        for command in produce_commands:
            result = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=120)
            if result.returncode != 0:
                raise RuntimeError(f"{command} failed ({result.returncode}): {result.stderr[-2000:]}")
        want_alerts = json.dumps(expect["alerts"])
        want_opps = json.dumps(expect["opportunities"])
        try:
            browser.wait_for(f"(() => {{ const s = {STATE_JS}; return JSON.stringify(s.alerts) === "
                             f"JSON.stringify({want_alerts}) && JSON.stringify(s.opportunities) === "
                             f"JSON.stringify({want_opps}); }})()", timeout,
                             "the produced alerts and opportunities")
        finally:
            final = browser.evaluate(STATE_JS)
            print(f"final state: {json.dumps(final)}")
        browser.pump(0.5)
        if screenshot:
            browser.call("Emulation.setDeviceMetricsOverride", width=1280, height=800,
                         deviceScaleFactor=1, mobile=False)
            png = browser.call("Page.captureScreenshot", format="png")["data"]
            with open(screenshot, "wb") as out:
                out.write(base64.b64decode(png))
        problems = list(browser.problems)
        if not final["marker"]:
            problems.append("the page reloaded")
        later = [u for u in browser.requests[requests_before:] if "/api/" in u or u.rstrip("/") == url.rstrip("/")]
        if later:
            problems.append(f"the page fetched {later} after it was live: updates must come over SSE")
        for absent in expect.get("absent", []):
            if absent in final["opportunities"]:
                problems.append(f"opportunity {absent} is still shown")
        for text in expect.get("literal", []):
            if not any(text in t for t in final["alertsText"]):
                problems.append(f"{text!r} is not shown literally in the alert feed")
        if final["markupInFeed"] or final["injected"]:
            problems.append("alert text was interpreted as markup")
        return problems
    finally:
        browser.close()


def self_test():
    """The detector must flag a console.error and an uncaught exception; a clean page passes."""
    pages = {
        "console_error": ("<p>x</p><script>console.error('boom')</script>", True),
        "exception": ("<p>x</p><script>undefinedFunction()</script>", True),
        "clean": ("<p>x</p><script>document.title = 'ok'</script>", False),
    }
    failures = 0
    for name, (html, should_flag) in pages.items():
        browser = Browser()
        try:
            browser.call("Page.navigate", url="data:text/html;base64," + base64.b64encode(html.encode()).decode())
            browser.pump(1.0)
            flagged = bool(browser.problems)
        finally:
            browser.close()
        ok = flagged == should_flag
        failures += 0 if ok else 1
        print(f"self-test {name}: {'flagged' if flagged else 'clean'} ({'ok' if ok else 'WRONG'}) {browser.problems}")
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url")
    parser.add_argument("--expect-json")
    parser.add_argument("--produce", action="append", default=[], metavar="COMMAND",
                        help="shell command run once the page is live (in order)")
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--screenshot", help="write a PNG of the final page here")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    if not args.url or not args.expect_json:
        parser.error("--url and --expect-json are required (or --self-test)")
    expect = json.load(open(args.expect_json))
    try:
        problems = check_live(args.url, expect, args.produce, args.timeout, args.screenshot)
    except (AssertionError, RuntimeError, TimeoutError, ConnectionError, OSError) as error:
        problems = [str(error)]
    for problem in problems:
        print("FAIL: " + problem, file=sys.stderr)
    if not problems:
        print(f"live_page_check: {args.url} OK")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
