"""Headless chromium (Debian's package) driven over the DevTools protocol on a pipe, with nothing to install.

`--remote-debugging-pipe` makes chromium read commands on file descriptor 3 and write answers on 4, each a JSON
message ended by a NUL byte; commands for a page carry the session id of the target they were attached to.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path

# Only a guard against a browser that stopped answering; nothing is asserted about durations.
ANSWER_SECONDS = 120


class Browser:
    def __init__(self, profile: Path, window: tuple[int, int]):
        executable = shutil.which("chromium")
        assert executable, "chromium is not installed (scripts/install-deps.sh installs it)"
        commands_read, self.commands = os.pipe()
        self.answers, answers_write = os.pipe()

        def as_fds_3_and_4() -> None:
            # Moved out of the way first, in case the pipes themselves got descriptors 3 or 4. dup2 makes 3 and 4
            # inheritable; the pipes' own descriptors close on exec, and close_fds must not close 3 and 4 after this.
            commands_fd, answers_fd = os.dup(commands_read), os.dup(answers_write)
            os.dup2(commands_fd, 3)
            os.dup2(answers_fd, 4)

        self.process = subprocess.Popen(
            [executable, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
             "--remote-debugging-pipe", f"--user-data-dir={profile}", f"--window-size={window[0]},{window[1]}",
             "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=as_fds_3_and_4,
        )
        os.close(commands_read)
        os.close(answers_write)
        self.buffer = b""
        self.last_id = 0

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exception) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.commands)
        os.close(self.answers)

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        """One command; its result (events in between are skipped)."""
        self.last_id += 1
        message = {"id": self.last_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._receive()
            if answer.get("id") == self.last_id:
                assert "error" not in answer, f"{method}: {answer['error']}"
                return answer["result"]

    def _receive(self) -> dict:
        while b"\0" not in self.buffer:
            ready, _, _ = select.select([self.answers], [], [], ANSWER_SECONDS)
            assert ready, "chromium stopped answering"
            chunk = os.read(self.answers, 1 << 20)
            assert chunk, "chromium closed its DevTools pipe"
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def open(self, url: str) -> str:
        """A new tab at `url`; the session id to talk to it."""
        target = self.send("Target.createTarget", {"url": url})["targetId"]
        return self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]

    def evaluate(self, session: str, expression: str):
        return self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)["result"].get("value")

    def wait_until(self, session: str, expression: str, timeout: float) -> None:
        """Until `expression` is true in the page; polls, as the page changes by itself."""
        deadline = time.monotonic() + timeout
        while not self.evaluate(session, expression):
            assert time.monotonic() < deadline, f"the page never made true: {expression}"
            time.sleep(0.25)

    def screenshot(self, session: str) -> bytes:
        """What the tab shows, as PNG."""
        return base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"}, session)["data"])
