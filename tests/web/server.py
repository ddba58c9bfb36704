"""The web app as an office runs it: `sopengine serve` in its own process
(uvicorn) on a free loopback port, for the browser tests and the benchmark."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def chromium() -> str:
    """The system's Chromium; skipped without it, except under `make test`
    (SOPENGINE_BROWSER_TESTS=1), which installs it: there a missing one fails."""
    program = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        import playwright  # noqa: F401
    except ImportError:
        program = None
    if program is None:
        if os.environ.get("SOPENGINE_BROWSER_TESTS"):
            pytest.fail("chromium or playwright missing (tests/sysdeps.sh, the test extra)")
        pytest.skip("needs chromium and playwright (tests/sysdeps.sh installs chromium)")
    return program


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def sopengine(*args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sopengine", *map(str, args)], input=stdin,
                          capture_output=True, text=True, check=True, timeout=120)


@contextmanager
def serving(sops: Path, db: str, tmp: Path, *, workers: int = 1) -> Iterator[str]:
    """``sopengine serve`` running; yields its base URL, stops it after."""
    port = free_port()
    log = (tmp / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "sopengine", "serve", str(sops), "--db", db,
                             "--port", str(port), "--workers", str(workers),
                             "--uploads", str(tmp / "uploads")],
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, proc, tmp / "serve.log")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _wait_until_up(base: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            raise AssertionError(f"sopengine serve stopped: {log.read_text()}")
        try:
            with urllib.request.urlopen(base + "/masuk", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"sopengine serve did not answer: {log.read_text()}")
