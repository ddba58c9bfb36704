"""Files handed over with a completed step (scans, PDFs): the bytes in a folder
outside the database, one row each in ``attachments``.

A file is stored under a random name in a folder per instance; the uploader's
name is kept for display only and never becomes part of a path.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import delete, insert, select

from sopengine.errors import NotFound, StoreError
from sopengine.labels import label
from sopengine.runtime.accounts import now
from sopengine.runtime.schema import attachments
from sopengine.runtime.store import Store


@dataclass(frozen=True)
class Attachment:
    id: int
    instance_id: int
    task_id: int
    name: str
    content_type: str
    size: int
    by: str | None
    at: dt.datetime
    stored_as: str


class Attachments:
    def __init__(self, store: Store, folder: Path) -> None:
        self.store, self.folder = store, Path(folder)

    def add(self, instance_id: int, task_id: int, name: str, content_type: str,
            data: BinaryIO, *, by: str | None = None) -> Attachment:
        """Store the file, on disk before its row is committed (and so before the
        completion it goes with): a completion acknowledged never names a file a power
        cut took. A file that cannot be written is removed again: a StoreError
        (``uploads-full``, ``uploads-refused``)."""
        stored = f"{instance_id}/{secrets.token_hex(16)}"
        target = self.folder / stored
        try:
            size = _write_durably(target, data)
        except OSError as exc:
            with contextlib.suppress(OSError):  # e.g. no folder: nothing was written
                target.unlink(missing_ok=True)
            kind = "uploads-full" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else \
                "uploads-refused"
            error = StoreError(label(f"store_{kind}", "en"), kind=kind)
            error.detail = f"{self.folder}: {exc.strerror or exc}"
            raise error from None
        with self.store.transaction() as conn:
            aid = conn.execute(insert(attachments).values(
                instance_id=instance_id, task_id=task_id, stored_as=stored, name=name,
                content_type=content_type, size=size, by_name=by, at=now())
                .returning(attachments.c.id)).scalar_one()
        return self.get(aid)

    def remove(self, attachment: Attachment) -> None:
        with self.store.transaction() as conn:
            conn.execute(delete(attachments).where(attachments.c.id == attachment.id))
        self.path(attachment).unlink(missing_ok=True)

    def get(self, attachment_id: int) -> Attachment:
        with self.store.reading() as conn:
            row = conn.execute(select(attachments)
                               .where(attachments.c.id == attachment_id)).first()
        if row is None:
            raise NotFound(f"no file {attachment_id}")
        return _attachment(row)

    def of_instance(self, instance_id: int) -> list[Attachment]:
        with self.store.reading() as conn:
            rows = conn.execute(select(attachments).where(
                attachments.c.instance_id == instance_id).order_by(attachments.c.id))
            return [_attachment(r) for r in rows]

    def path(self, attachment: Attachment) -> Path:
        return self.folder / attachment.stored_as


def _write_durably(target: Path, data: BinaryIO) -> int:
    """Write the file and sync it, then its folder (the new name), and the folder above
    when the instance's folder is new; its size."""
    folder = target.parent
    new_folder = not folder.is_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as out:
        shutil.copyfileobj(data, out)
        out.flush()
        os.fsync(out.fileno())
        size = out.tell()
    for synced in (folder, folder.parent) if new_folder else (folder,):
        _sync_folder(synced)
    return size


def _sync_folder(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _attachment(r: object) -> Attachment:
    return Attachment(r.id, r.instance_id, r.task_id, r.name,  # type: ignore[attr-defined]
                      r.content_type, r.size, r.by_name, r.at, r.stored_as)  # type: ignore[attr-defined]
