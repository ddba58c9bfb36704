"""Option and argument types that refuse what a command cannot use, before it starts:
a usage error (exit status 2) naming the option, never an internal error."""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from sopengine.cli.output import reason
from sopengine.errors import StoreError
from sopengine.labels import LANGS, label

LANG_VARIABLE = "SOPENGINE_LANG"


def default_lang() -> str:
    """The language when no --lang is given: $SOPENGINE_LANG (an office's English
    terminal sets it once), else Indonesian."""
    return os.environ.get(LANG_VARIABLE) or "id"


def lang_option(help: str = "Language of labels and messages: Indonesian or English."
                ) -> Callable[[Any], Any]:
    """Every command's --lang id|en (cli/messages.py's run_language reads the same)."""
    return click.option("--lang", type=click.Choice(LANGS), default=default_lang,
                        show_default=f"id, or ${LANG_VARIABLE}", help=help)


MAX_ID = 2**63 - 1  # the largest id a database column holds

INSTANCE = click.IntRange(1, MAX_ID)


class _Limit(click.IntRange):
    """At least 1; any larger number means "all" (capped at what a database holds)."""

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        return min(super().convert(value, param, ctx), MAX_ID)


LIMIT = _Limit(min=1)
SEED = click.IntRange(min=0)
CHART_SUFFIXES = (".svg", ".png")


class UserText(click.ParamType):
    """Text typed by a person (a name, a note, an id): valid UTF-8 and printable;
    ``lines=True`` allows line breaks and tabs (a note)."""

    name = "text"

    def __init__(self, *, lines: bool = False) -> None:
        self.lines = lines

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> str:
        text = str(value)
        if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
            self.fail("is not valid UTF-8 text (the terminal sent other bytes): "
                      f"{text.encode('utf-8', 'surrogateescape')!r}", param, ctx)
        allowed = "\n\t" if self.lines else ""
        bad = next((c for c in text if c not in allowed and _unprintable(c)), None)
        if bad is not None:
            self.fail(f"holds the control character U+{ord(bad):04X}; write plain text",
                      param, ctx)
        return text


def _unprintable(c: str) -> bool:
    """A control character or a noncharacter (U+FFFE, U+FDD0...), as the loader refuses."""
    code = ord(c)
    return unicodedata.category(c) == "Cc" or 0xFDD0 <= code <= 0xFDEF \
        or code & 0xFFFE == 0xFFFE


TEXT = UserText()
NOTE = UserText(lines=True)


class RegularFile(click.Path):
    """An existing regular file: a directory, device or pipe is refused before reading."""

    def __init__(self) -> None:
        super().__init__(exists=True, dir_okay=False, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        path = super().convert(value, param, ctx)
        if not stat.S_ISREG(Path(path).stat().st_mode):
            self.fail(f"{click.format_filename(path)!r} is not a regular file (a device "
                      "or a pipe); give a file", param, ctx)
        return path


def chart_path(path: Path, option: str) -> Path:
    """A chart's file: its suffix says the format."""
    if path.suffix.lower() not in CHART_SUFFIXES:
        raise click.BadParameter(f"'{click.format_filename(path)}': the suffix gives the "
                                 f"format, {' or '.join(CHART_SUFFIXES)}", param_hint=option)
    return path


def open_store(db: str | None, *, create: bool = False, lang: str = "id") -> Any:
    """The database of ``--db``; a URL or path it cannot even parse is a StoreError
    (exit status 3) like one it cannot connect to.

    A SQLite file that does not exist is made only with ``create`` (a command that
    starts an instance), which says so on stderr; else it is a StoreError and
    nothing is made: a mistyped ``--db`` is not a new empty database.
    """
    from sopengine.runtime.store import Store

    try:
        store = Store.open(db, create=create)
    except (ValueError, OSError) as exc:
        why = reason(exc) if isinstance(exc, OSError) else str(exc) or type(exc).__name__
        shown = re.sub(r"//[^@/]*@", "//***@", db or "")  # no password in a message
        raise StoreError(f"cannot open the database {shown}: {why}") from None
    if store.created:
        click.echo(label("new_database", lang).format(path=store.file), err=True)
    return store
