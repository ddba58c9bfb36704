"""The book's cache: the parts of a build (each SOP's HTML, each SOP's PDF, the
pages before the SOPs) kept in a folder under names that are hashes of everything
that makes them, so that a part is reused only when it would come out the same.

A key covers the part's own input (the SOP, the book settings, the HTML, the logo's
bytes) and :func:`fingerprint`: this sopengine's code and templates and the versions
of the libraries and programs that lay the book out. Entries are written to a
temporary file and renamed, so an interrupted build leaves no half-written entry;
an entry that cannot be read is built again.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import tempfile
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from sopengine.render import graphviz_run

FOLDER = ".cache-book"  # inside the book's output folder
_PACKAGE = Path(__file__).resolve().parent.parent
_SOURCES = {".py", ".j2", ".css", ".json", ".yaml"}


@functools.cache
def fingerprint() -> str:
    """A hash of what decides the output besides the parts' inputs: sopengine's own
    files (code, templates, CSS), WeasyPrint, pydyf and pypdf's versions, and which
    Graphviz draws (the system ``dot`` by its path and date, or the WebAssembly one)."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in _SOURCES and path.is_file():
            digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    for dist in ("weasyprint", "pydyf", "pypdf", "sopengine"):
        try:
            digest.update(f"{dist} {version(dist)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{dist} -\0".encode())
    dot = shutil.which("dot") if graphviz_run.backend() == "system" else None
    when = os.stat(dot).st_mtime_ns if dot else 0
    digest.update(f"{graphviz_run.backend()} {dot} {when}".encode())
    return digest.hexdigest()


def key(*inputs: str | bytes) -> str:
    """The hash of ``inputs`` with the fingerprint: an entry's name."""
    digest = hashlib.sha256(fingerprint().encode())
    for item in inputs:
        data = item.encode() if isinstance(item, str) else item
        digest.update(b"%d:" % len(data) + data)
    return digest.hexdigest()[:40]


class Cache:
    """Entries of one kind or another (``body``, ``part``) in ``folder``; when not
    ``kept`` the folder is removed, nothing is kept and everything is built."""

    def __init__(self, folder: Path, *, kept: bool = True) -> None:
        if not kept:
            shutil.rmtree(folder, ignore_errors=True)
        self.folder = folder if kept else None
        self.used: set[str] = set()

    def _path(self, name: str, kind: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{name}.{kind}"

    def get(self, name: str, kind: str) -> bytes | None:
        """The entry's bytes, or None when there is none (or it cannot be read)."""
        if self.folder is None:
            return None
        self.used.add(f"{name}.{kind}")
        try:
            return self._path(name, kind).read_bytes()
        except OSError:
            return None

    def put(self, name: str, kind: str, data: bytes) -> None:
        """Keep ``data``: written beside its place, then renamed into it."""
        if self.folder is None:
            return
        self.used.add(f"{name}.{kind}")
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, self._path(name, kind))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def sweep(self, kinds: set[str]) -> None:
        """Remove the entries of ``kinds`` this build did not use, and temporary
        files an interrupted build left (an hour old): the folder keeps one book's
        parts."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            stale = path.suffix[1:] in kinds and path.name not in self.used
            left = path.name.endswith(".tmp") and time.time() - path.stat().st_mtime > 3600
            if stale or left:
                path.unlink(missing_ok=True)
