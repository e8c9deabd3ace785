"""A real ``streamlit run`` as a subprocess on a free loopback port, for the browser tests and the benchmarks.

Started with the project's offline settings passed on the command line (so they hold from any working
directory), polled on ``/_stcore/health`` until it answers, its output kept for the error message, and
always stopped. ``secrets`` points it at a secrets file (``[auth]`` for sign-in) instead of the default ones
(``~/.streamlit/secrets.toml``, ``.streamlit/secrets.toml``), so a developer's own secrets never reach a test.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from dashboard.settings import ROOT

OFFLINE_FLAGS = (
    "--server.headless",
    "true",
    "--browser.gatherUsageStats",
    "false",
    "--server.enableStaticServing",
    "true",
    "--server.fileWatcherType",
    "none",
    "--global.developmentMode",
    "false",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process(proc: subprocess.Popen) -> None:
    """Terminate a server started for a test, killing it if it has not exited within 10 s."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


class StreamlitServer:
    """``streamlit run APP`` with extra environment variables; ``url`` once it is healthy."""

    def __init__(
        self,
        app: Path,
        env: dict[str, str],
        log: Path,
        extra_args: tuple[str, ...] = (),
        timeout: float = 90,
        secrets: Path | None = None,
    ):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(app),
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                *OFFLINE_FLAGS,
                *(("--secrets.files", str(secrets)) if secrets is not None else ()),
                *extra_args,
            ],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        self._wait_healthy(timeout)

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}:\n{self.output()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.read() == b"ok":
                        return
            except OSError:
                pass
            time.sleep(0.2)  # polling interval, not a wait for an effect
        self.stop()
        raise RuntimeError(f"streamlit did not answer /_stcore/health in {timeout}s:\n{self.output()}")

    def stop(self) -> None:
        stop_process(self.proc)
