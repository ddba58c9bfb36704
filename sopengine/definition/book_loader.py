"""Reading the book file (``book.yaml`` beside the SOPs) into a Book.

Problems are reported like an SOP file's (file, line, column, code): the
bounded YAML loader, then the model, then the checks the model cannot make.
"""

from __future__ import annotations

from pathlib import Path

from sopengine.definition.book import Book
from sopengine.definition.collection import BOOK_FILE
from sopengine.definition.loader import read_bytes
from sopengine.definition.logo import BadLogo, check_logo
from sopengine.definition.settings_file import parse_settings
from sopengine.diagnostics import make
from sopengine.errors import SopInvalid
from sopengine.labels import label_keys


def load_book(directory: str | Path) -> tuple[Book, Path | None]:
    """The settings of the book in ``directory`` (defaults when it has no book file)."""
    path = Path(directory) / BOOK_FILE
    if not path.is_file():
        return Book(), None
    return parse_book(read_bytes(path), str(path), folder=path.parent), path


def parse_book(raw: bytes, path: str, folder: Path | None = None) -> Book:
    """The book file's settings; with ``folder`` (where the file lies) its logo is
    checked too: an image inside that folder (definition/logo.py)."""
    settings = parse_settings(raw, path, Book, "the book file")
    book = settings.valid()
    unknown = set(book.labels) - label_keys()
    if unknown:
        d = make("unknown-key", f"no label is called {sorted(unknown)[0]!r}",
                 hint="see docs/rendering.md for the label names", loc=("labels",))
        raise SopInvalid(path, settings.located([d]))
    if book.logo is not None and folder is not None:
        try:
            check_logo(folder, book.logo)
        except BadLogo as bad:
            d = make("bad-logo", str(bad), hint=bad.hint, loc=("logo",))
            raise SopInvalid(path, settings.located([d])) from None
    return book


def check_order(path: Path | None, book: Book, ids: list[str]) -> None:
    """Every id in the book's ``order`` names one SOP of the book, once; else the
    entry's line and column in the book file."""
    if path is None or not book.order:
        return
    found, seen = [], set()
    for k, sop_id in enumerate(book.order):
        if sop_id not in ids:
            found.append(make("unknown-related", f"order names '{sop_id}', which no SOP "
                              "file of this book has", hint="known SOP ids: "
                              + ", ".join(sorted(ids)), loc=("order", k)))
        elif sop_id in seen:
            found.append(make("duplicate-sop-id", f"order names '{sop_id}' twice",
                              hint="list each SOP once", loc=("order", k)))
        seen.add(sop_id)
    if found:
        settings = parse_settings(read_bytes(path), str(path), Book, "the book file")
        raise SopInvalid(str(path), settings.located(found))


def check_short_names(path: Path | None, book: Book, names: set[str]) -> None:
    """Every full jabatan in the book's ``short_names`` is an actor of one of the
    book's SOPs (``names``), as written there; else the entry's line and column."""
    if path is None or not book.short_names:
        return
    found = [make("unknown-actor", f"short_names names '{name}', which no SOP of this "
                  "book has as an actor", hint="write the jabatan exactly as the SOP's "
                  "`actors` does: " + ", ".join(sorted(names)), loc=("short_names", name))
             for name in book.short_names if name not in names]
    if found:
        settings = parse_settings(read_bytes(path), str(path), Book, "the book file")
        raise SopInvalid(str(path), settings.located(found))
