"""Output files posted with a completion: at most so many, each at most so
large, of a few document types recognised by their first bytes as well as
their name; names with path parts are refused (and never used for storing)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import UploadFile

from sopengine.web.security import PageError
from sopengine.web.settings import Settings

ZIP = b"PK\x03\x04"
TYPES = {  # suffix: (content type, first bytes)
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              (ZIP,)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP,)),
}
_BAD_NAME = re.compile(r"[/\\\x00-\x1f\x7f]|\.\.")


@dataclass(frozen=True)
class Upload:
    name: str
    content_type: str
    file: Any  # a binary file object, at its start


def checked_uploads(form: Any, settings: Settings) -> list[Upload]:
    """The files of a posted form's ``files`` field."""
    return checked_files(form.getlist("files"), settings)


def checked_files(posted: list[Any], settings: Settings) -> list[Upload]:
    """The files posted (empty file fields left out), each checked; else a PageError."""
    files = [f for f in posted if isinstance(f, UploadFile) and f.filename]
    if len(files) > settings.max_files:
        raise PageError(400, "err_too_many_files", n=settings.max_files)
    return [_checked(f, settings) for f in files]


def _checked(f: UploadFile, settings: Settings) -> Upload:
    name = f.filename or ""
    if _BAD_NAME.search(name) or len(name) > 200:
        raise PageError(400, "err_file_name", name=name[:200])
    size = f.size if f.size is not None else _measure(f)
    if size > settings.max_file_bytes:
        raise PageError(413, "err_413", mb=settings.max_file_mb)
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = TYPES.get(suffix)
    f.file.seek(0)
    head = f.file.read(16)
    f.file.seek(0)
    if kind is None or not head.startswith(kind[1]):
        raise PageError(400, "err_file_type", name=name)
    return Upload(name, kind[0], f.file)


def _measure(f: UploadFile) -> int:
    f.file.seek(0, 2)
    size = f.file.tell()
    f.file.seek(0)
    return int(size)
