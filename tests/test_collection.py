"""Validating a directory: cross-file rules."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sopengine.definition.collection import check_paths, expand_paths
from sopengine.errors import SopFileError

SOP = """\
sop: 1
id: {id}
title: Contoh
related: [{related}]
actors: {{camat: Camat}}
steps:
  - {{actor: camat, action: Menyusun surat, time: 10, outputs: [Surat]}}
"""


def test_related_ids_resolve_across_files(write) -> None:
    a = write("book/a.yaml", SOP.format(id="sop-a", related="sop-b"))
    write("book/b.yaml", SOP.format(id="sop-b", related="SOP di luar buku ini"))
    results = check_paths([a.parent])
    assert [r.ok for r in results] == [True, True]
    assert all(not r.diagnostics for r in results)


def test_unknown_related_id_is_an_error_with_a_suggestion(write) -> None:
    a = write("book/a.yaml", SOP.format(id="sop-a", related="sop-bb"))
    write("book/b.yaml", SOP.format(id="sop-b", related="sop-a"))
    first = check_paths([a.parent])[0]
    [d] = first.diagnostics
    assert (d.code, d.line, d.column) == ("unknown-related", 4, 11)
    assert d.hint == "did you mean 'sop-b'?"


def test_duplicate_sop_id(write) -> None:
    a = write("book/a.yaml", SOP.format(id="sama", related="x y"))
    write("book/b.yaml", SOP.format(id="sama", related="x y"))
    results = check_paths([a.parent])
    assert results[0].ok
    [d] = results[1].diagnostics
    assert (d.code, d.line, d.column) == ("duplicate-sop-id", 2, 5)


def test_a_single_file_does_not_resolve_related(write) -> None:
    a = write("a.yaml", SOP.format(id="sop-a", related="sop-elsewhere"))
    assert check_paths([a])[0].ok


def test_book_settings_file_is_not_an_sop(write, tmp_path: Path) -> None:
    write("book/a.yaml", SOP.format(id="sop-a", related="x y"))
    write("book/book.yaml", "title: Buku SOP\n")
    assert [p.name for p in expand_paths([tmp_path / "book"])] == ["a.yaml"]


def test_missing_path_is_a_file_error(tmp_path: Path) -> None:
    with pytest.raises(SopFileError, match="no such file"):
        check_paths([tmp_path / "missing.yaml"])


def test_a_directory_check_does_not_rescan_earlier_results(tmp_path: Path) -> None:
    """Results are kept to the end; full collections must not walk them again and
    again (a quarter of a large directory's time), and the collector is left as found."""
    import gc

    from bench.generate import write_sops

    write_sops(tmp_path, 300)
    full: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "stop" and info["generation"] >= 1:
            full.append(info["generation"])

    gc.collect()
    gc.callbacks.append(count)
    try:
        results = check_paths([tmp_path])
    finally:
        gc.callbacks.remove(count)
    assert len(results) == 300
    assert all(r.ok for r in results)
    assert full == []
    assert gc.get_freeze_count() == 0


# A directory whose parts cannot be read: each reported where it is, the rest checked
# (issue 10, item 23). The tests run as root, whom chmod does not stop: the unreadable
# parts are a dangling link, a pipe and a listing that fails.

def _book(write, tmp_path: Path) -> Path:
    write("book/a.yaml", SOP.format(id="sop-a", related="x y"))
    write("book/sub/b.yaml", SOP.format(id="sop-b", related="x y"))
    return tmp_path / "book"


def test_an_unreadable_file_is_reported_and_the_rest_checked(write, tmp_path: Path) -> None:
    book = _book(write, tmp_path)
    (book / "gone.yaml").symlink_to(book / "nowhere.yaml")
    os.mkfifo(book / "sub" / "pipe.yml")
    results = {Path(r.path).name: r for r in check_paths([book])}
    assert results["a.yaml"].ok
    assert results["b.yaml"].ok
    for name, why in (("gone.yaml", "no such file"), ("pipe.yml", "not a regular file")):
        [d] = results[name].diagnostics
        assert d.code == "unreadable-file"
        assert why in d.message
        assert d.file == str(results[name].path)
        assert not results[name].ok


def test_an_unreadable_directory_is_reported_and_the_rest_checked(write, tmp_path: Path,
                                                                  monkeypatch) -> None:
    book = _book(write, tmp_path)
    real = os.scandir

    def scandir(path):
        if Path(path).name == "sub":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    results = check_paths([book])
    assert [Path(r.path).name for r in results] == ["a.yaml", "sub"]
    assert results[0].ok
    [d] = results[1].diagnostics
    assert (d.code, d.file) == ("unreadable-directory", str(book / "sub"))
    assert "Permission denied" in d.message


def test_a_directory_link_loop_ends(write, tmp_path: Path) -> None:
    book = _book(write, tmp_path)
    (book / "sub" / "loop").symlink_to(book)
    (book / "linked.yaml").symlink_to(book / "a.yaml")
    names = [Path(r.path).name for r in check_paths([book])]
    assert names == ["a.yaml", "linked.yaml", "b.yaml"]


def test_a_named_pipe_named_itself_is_a_file_error(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    with pytest.raises(SopFileError, match="not a regular file"):
        check_paths([tmp_path / "pipe.yaml"])
