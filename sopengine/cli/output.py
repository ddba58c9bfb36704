"""Writing a command's output file: every refusal of the system becomes a message
naming the path (exit status 2), checked before the work where it can be."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sopengine.errors import SopFileError

_WHY = {
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EEXIST: "a part of the path is a file, not a folder",
    errno.EISDIR: "is a folder; give a file name",
    errno.EACCES: "no permission to write there",
    errno.EPERM: "no permission to write there",
    errno.ENOENT: "it cannot be created there",
    errno.EROFS: "the file system is read-only",
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "the disk quota is used up",
    errno.ENAMETOOLONG: "the name is too long",
    errno.ENXIO: "no device to write to",
}


def reason(exc: OSError) -> str:
    return _WHY.get(exc.errno or 0) or exc.strerror or "cannot be written"


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Create the folder of ``path``, then turn an OSError while writing it into a
    SopFileError naming it."""
    try:
        if not path.parent.is_dir():
            path.parent.mkdir(parents=True, exist_ok=True)
        yield
    except OSError as exc:
        raise SopFileError(f"cannot write {path}", reason(exc)) from None


def check_writable(path: Path, *, directory: bool = False) -> None:
    """Refuse early what writing would refuse later: a folder where a file goes (or a
    file where a folder goes), a file among the folders above, no permission."""
    if path.is_dir() != directory and path.exists():
        why = "is a file; give a folder" if directory else "is a folder; give a file name"
        raise SopFileError(f"cannot write {path}", why)
    above = next((p for p in path.absolute().parents if p.exists()), None)
    if above is not None and not above.is_dir():
        raise SopFileError(f"cannot write {path}", _WHY[errno.ENOTDIR])
    target = path if path.exists() else above
    if target is not None and not os.access(target, os.W_OK):
        raise SopFileError(f"cannot write {path}", _WHY[errno.EACCES])


def write_output(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path``, creating its folders."""
    with writing(path):
        if isinstance(data, str):
            data = data.encode("utf-8")
        with open(path, "wb") as out:
            out.write(data)
