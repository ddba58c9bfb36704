"""The portal's built books: never half-made, only the newest kept, removed when the
app stops (issue 12: the portal's temporary folders piled up)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

import sopengine
from sopengine.web import portal_book
from sopengine.web.portal_book import PublishedBook
from tests.conftest import SOPS


def _sop(title: str) -> sopengine.Sop:
    loaded = sopengine.check_file(SOPS / "pengukuran.yaml")
    assert loaded.sop is not None
    return loaded.sop.model_copy(update={"title": title})


def test_a_build_that_fails_leaves_nothing_to_serve(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    book = PublishedBook(sopengine.Book(), tmp_path / "cache")
    (tmp_path / "cache").mkdir()
    real = sopengine.build_book

    def failing(sops: Any, settings: Any, out: Path, **kw: Any) -> Any:
        out.mkdir(parents=True)
        (out / "index.html").write_text("half")
        raise RuntimeError("disk full")

    monkeypatch.setattr(sopengine, "build_book", failing)
    with pytest.raises(RuntimeError):
        book.build([_sop("A")], ["a"], pdf=False)
    assert list((tmp_path / "cache").iterdir()) == []
    monkeypatch.setattr(sopengine, "build_book", real)
    out = book.build([_sop("A")], ["a"], pdf=False)
    assert (out / "index.html").read_text() != "half"
    assert (out / "sop-pengukuran-kinerja.html").is_file()  # a whole book this time


def test_only_the_newest_books_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PublishedBook, "KEEP", 2)
    book = PublishedBook(sopengine.Book(), tmp_path)
    first = book.build([_sop("A")], ["a"], pdf=False)
    second = book.build([_sop("B")], ["b"], pdf=False)
    book.build([_sop("A")], ["a"], pdf=False)  # served again: the newest now
    third = book.build([_sop("C")], ["c"], pdf=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([first.name, third.name])
    assert not second.exists()


def test_the_cache_folder_goes_when_the_app_stops(app: Any, browser: Any) -> None:
    with TestClient(app) as client:
        client.get("/sop")
        book = portal_book.PublishedBook(sopengine.Book())
        app.state.published_book = book
        folder = book.folder
        book.build([_sop("A")], ["a"], pdf=False)
        assert folder.is_dir()
    assert not folder.exists()


def test_a_folder_given_is_not_removed(tmp_path: Path) -> None:
    book = PublishedBook(sopengine.Book(), tmp_path)
    book.build([_sop("A")], ["a"], pdf=False)
    book.close()
    assert tmp_path.is_dir()
