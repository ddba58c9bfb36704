"""Output files handed over with a step: on disk (file and folder synced) before their
row is committed; a file that cannot be written leaves neither bytes nor a row, and
says why in the store's terms (StoreError ``uploads-full`` / ``uploads-refused``)."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path
from typing import Any

import pytest

from sopengine.errors import StoreError
from sopengine.runtime import attachments as attachments_module
from sopengine.runtime.attachments import Attachments
from sopengine.runtime.engine import Engine
from tests.runtime.conftest import NOTE

SCAN = b"%PDF-1.4\n% a scan\n" + bytes(range(256)) * 40


def _files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def _task(engine: Engine) -> tuple[int, int]:
    inst = engine.start(NOTE)
    [task] = engine.tasks(instance_id=inst.id)
    return inst.id, task.id


def test_the_file_and_its_folders_are_synced_before_the_row(
        engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = Attachments(engine.store, tmp_path / "uploads")
    iid, tid = _task(engine)
    events: list[str] = []
    real_fsync, real_transaction = os.fsync, files.store.transaction

    def fsync(fd: int) -> None:
        events.append("fsync " + ("folder" if os.path.isdir(f"/proc/self/fd/{fd}")
                                  else "file"))
        real_fsync(fd)

    def transaction(*args: Any, **kwargs: Any) -> Any:
        events.append("row")
        return real_transaction(*args, **kwargs)

    monkeypatch.setattr(attachments_module.os, "fsync", fsync)
    monkeypatch.setattr(files.store, "transaction", transaction)
    first = files.add(iid, tid, "scan.pdf", "application/pdf", io.BytesIO(SCAN))
    # a new instance folder: the file, its folder (the new name), the folder above
    assert events == ["fsync file", "fsync folder", "fsync folder", "row"]
    events.clear()
    files.add(iid, tid, "scan-2.pdf", "application/pdf", io.BytesIO(SCAN))
    assert events == ["fsync file", "fsync folder", "row"]  # the folder already there
    assert files.path(first).read_bytes() == SCAN
    assert first.size == len(SCAN)


def test_a_full_disk_leaves_no_bytes_and_no_row(
        engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "uploads"
    files = Attachments(engine.store, folder)
    iid, tid = _task(engine)

    def half_then_full(source: Any, out: Any) -> None:
        out.write(source.read(1000))  # part of it written, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(attachments_module.shutil, "copyfileobj", half_then_full)
    with pytest.raises(StoreError) as refused:
        files.add(iid, tid, "scan.pdf", "application/pdf", io.BytesIO(SCAN))
    assert refused.value.kind == "uploads-full"
    assert "disk" in str(refused.value)
    assert "nothing was kept" in str(refused.value)
    assert str(folder) in (refused.value.detail or "")  # where, for the log
    assert _files_under(folder) == []
    assert files.of_instance(iid) == []


def test_a_folder_that_cannot_be_written_is_refused_in_words(
        engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "uploads"
    folder.mkdir()
    iid, tid = _task(engine)
    (folder / str(iid)).write_text("a file where the instance's folder goes")
    files = Attachments(engine.store, folder)
    with pytest.raises(StoreError) as refused:
        files.add(iid, tid, "scan.pdf", "application/pdf", io.BytesIO(SCAN))
    assert refused.value.kind == "uploads-refused"
    assert files.of_instance(iid) == []
    assert [p.name for p in folder.iterdir()] == [str(iid)]
