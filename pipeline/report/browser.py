"""Headless Chromium over the DevTools protocol, through a pipe (no port, no
websocket library): open a page, run scripts in it, record its console
errors and network requests, take a screenshot. The tests render the report
with it, and `pipeline report --screenshot` draws docs/report.png."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--remote-debugging-pipe",
)
TIMEOUT_SECONDS = 60.0


class BrowserError(RuntimeError):
    """Chromium is missing, died, or did not answer in time."""


def find_chromium() -> str | None:
    explicit = os.environ.get("PIPELINE_CHROMIUM")
    if explicit:
        return explicit
    return next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)


class Page:
    """One tab. `console_errors` and `requests` fill as the page runs."""

    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session
        self.console_errors: list[str] = []
        self.requests: list[str] = []
        self.loaded = threading.Event()

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        return self.browser.send(method, params, session=self.session)

    def on_event(self, method: str, params: dict[str, Any]) -> None:
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.console_errors.append(" ".join(str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.console_errors.append(details.get("exception", {}).get("description") or details.get("text", "exception"))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            self.console_errors.append(params["entry"].get("text", ""))
        elif method == "Network.requestWillBeSent":
            self.requests.append(params.get("request", {}).get("url", ""))
        elif method == "Page.loadEventFired":
            self.loaded.set()

    def open(self, url: str) -> None:
        """Navigate and wait for the load event."""
        self.loaded.clear()
        self.send("Page.navigate", url=url)
        if not self.loaded.wait(TIMEOUT_SECONDS):
            raise BrowserError(f"{url}: not loaded in {TIMEOUT_SECONDS:.0f} s")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (awaited if a promise)."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"script failed: {result['exceptionDetails'].get('text')}: {expression[:80]}")
        return result.get("result", {}).get("value")

    def screenshot(self, path: Path, *, width: int, height: int) -> None:
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))


class Browser:
    """A Chromium process spoken to over fds 3 (commands) and 4 (answers)."""

    def __init__(self, executable: str, user_data_dir: str) -> None:
        to_child_read, self.to_child = os.pipe()
        self.from_child, from_child_write = os.pipe()

        def place_pipes() -> None:  # in the child, before exec: fds 3 and 4, as Chromium expects
            read_end, write_end = os.dup(to_child_read), os.dup(from_child_write)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.process = subprocess.Popen(
            [executable, *CHROMIUM_FLAGS, f"--user-data-dir={user_data_dir}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=place_pipes,
            pass_fds=(3, 4),
        )
        os.close(to_child_read)
        os.close(from_child_write)
        self.next_id = 0
        self.answers: dict[int, dict[str, Any]] = {}
        self.answered = threading.Condition()
        self.pages: dict[str, Page] = {}
        self.reader = threading.Thread(target=self.read_messages, daemon=True)
        self.reader.start()

    def send(self, method: str, params: dict[str, Any] | None = None, *, session: str | None = None) -> dict[str, Any]:
        with self.answered:
            self.next_id += 1
            message_id = self.next_id
        message = {"id": message_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_child, json.dumps(message).encode() + b"\0")
        with self.answered:
            if not self.answered.wait_for(lambda: message_id in self.answers or not self.reader.is_alive(), TIMEOUT_SECONDS):
                raise BrowserError(f"{method}: no answer in {TIMEOUT_SECONDS:.0f} s")
            if message_id not in self.answers:
                raise BrowserError(f"{method}: Chromium closed the pipe")
            answer = self.answers.pop(message_id)
        if "error" in answer:
            raise BrowserError(f"{method}: {answer['error'].get('message')}")
        return answer.get("result", {})

    def read_messages(self) -> None:
        buffer = b""
        while chunk := os.read(self.from_child, 1 << 16):
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                self.dispatch(json.loads(raw))
        with self.answered:
            self.answered.notify_all()

    def dispatch(self, message: dict[str, Any]) -> None:
        if "id" in message:
            with self.answered:
                self.answers[message["id"]] = message
                self.answered.notify_all()
        elif message.get("sessionId") in self.pages:
            self.pages[message["sessionId"]].on_event(message["method"], message.get("params", {}))

    def new_page(self) -> Page:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = self.pages[session] = Page(self, session)
        for domain in ("Page", "Runtime", "Log", "Network"):
            page.send(f"{domain}.enable")
        return page

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except BrowserError:
            pass
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.to_child)
        self.reader.join(5)
        os.close(self.from_child)


@contextmanager
def chromium(executable: str | None = None) -> Iterator[Browser]:
    """A headless Chromium with a throw-away profile, closed on exit."""
    executable = executable or find_chromium()
    if executable is None:
        raise BrowserError("Chromium not found (apt-get install chromium, or set PIPELINE_CHROMIUM)")
    with tempfile.TemporaryDirectory(prefix="pipeline-chromium-") as profile:
        browser = Browser(executable, profile)
        try:
            yield browser
        finally:
            browser.close()


def screenshot(report: Path, png: Path, *, width: int = 1280, height: int = 1400) -> None:
    """Render a report and save what a reader sees first as a PNG."""
    with chromium() as browser:
        page = browser.new_page()
        page.open(report.resolve().as_uri())
        page.screenshot(png, width=width, height=height)
