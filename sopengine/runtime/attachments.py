"""Files handed over with a completed step (scans, PDFs): the bytes in a folder
outside the database, one row each in ``attachments``.

A file is stored under a random name in a folder per instance; the uploader's
name is kept for display only and never becomes part of a path.
"""

from __future__ import annotations

import datetime as dt
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import delete, insert, select

from sopengine.errors import NotFound
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
        stored = f"{instance_id}/{secrets.token_hex(16)}"
        target = self.folder / stored
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("xb") as out:
            shutil.copyfileobj(data, out)
        size = target.stat().st_size
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


def _attachment(r: object) -> Attachment:
    return Attachment(r.id, r.instance_id, r.task_id, r.name,  # type: ignore[attr-defined]
                      r.content_type, r.size, r.by_name, r.at, r.stored_as)  # type: ignore[attr-defined]
