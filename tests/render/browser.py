"""Headless Chromium for the checks only a browser can make: that Mermaid's own
parser reads our Mermaid text, and that bpmn-js (the bpmn.io viewer) imports
our BPMN. The JavaScript libraries come from the npm registry into .cache/js
(tests/sysdeps.sh installs them, with Debian's chromium)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

JS = ROOT / ".cache" / "js" / "node_modules"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--allow-file-access-from-files"]


def need(*libs: str) -> tuple[str, list[Path]]:
    """The chromium program and the library files; skip when they are not installed,
    except under `make test`, which installs them (SOPENGINE_BROWSER_TESTS=1)."""
    program = shutil.which("chromium") or shutil.which("chromium-browser")
    files = [JS / lib for lib in libs]
    missing = [str(f) for f in files if not f.is_file()] + ([] if program else ["chromium"])
    if missing:
        if os.environ.get("SOPENGINE_BROWSER_TESTS"):
            pytest.fail(f"browser test dependencies missing: {missing} (run tests/sysdeps.sh)")
        pytest.skip(f"needs {missing} (tests/sysdeps.sh installs them)")
    assert program is not None
    return program, files


def dump_dom(program: str, page: Path, tmp: Path) -> str:
    """The page's DOM after its scripts ran."""
    done = subprocess.run([program, *FLAGS, f"--user-data-dir={tmp / 'profile'}",
                           "--virtual-time-budget=20000", "--dump-dom", page.as_uri()],
                          capture_output=True, text=True, timeout=180, check=False)
    return done.stdout


def screenshot(program: str, page: Path, out: Path, tmp: Path, size: str = "1200,900") -> None:
    subprocess.run([program, *FLAGS, f"--user-data-dir={tmp / 'profile-shot'}",
                    "--virtual-time-budget=20000", f"--window-size={size}",
                    f"--screenshot={out}", page.as_uri()],
                   capture_output=True, timeout=180, check=False)
