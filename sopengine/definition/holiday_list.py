"""The holiday lists of ``--holidays``: dates the office is closed, added to its
calendar. Three forms: one YYYY-MM-DD per line (``#`` comments), a YAML list of
dates, or a YAML mapping date -> name. Read like an SOP file (bounded size,
depth and aliases, UTF-8 checked); every bad date is reported at its line and
column, and a FIFO or device is refused before it is opened.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from sopengine.definition import yamlsource
from sopengine.definition.loader import read_bytes
from sopengine.diagnostics import make
from sopengine.errors import SopInvalid

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def read_holidays(path: Path) -> frozenset[dt.date]:
    """Dates from a holiday file: a YAML list of dates, a mapping date -> name, or one
    YYYY-MM-DD per line (# comments). Raises SopInvalid (located) or SopFileError."""
    raw = read_bytes(path)
    try:
        text = yamlsource.decode(raw)
        items = _line_items(text)
        if items is None:
            data, source = yamlsource.parse(text)
            items = _holiday_items(data, source)
    except yamlsource.YamlProblem as problem:
        d = problem.diagnostic
        raise SopInvalid(str(path), [replace(d, file=str(path), line=d.line or 1,
                                             column=d.column or 1)]) from None
    if items is None:
        raise SopInvalid(str(path), [replace(make(
            "not-a-mapping", "a holiday file holds dates: a list, a mapping date -> name, or "
            "one YYYY-MM-DD per line"), file=str(path), line=1, column=1)])
    days, bad = set(), []
    for value, pos in items:
        day = _date(value)
        if day is None:
            bad.append(replace(make("bad-date", f"{_shown(value)} is not a date",
                                    hint="write YYYY-MM-DD, a real calendar date"),
                               file=str(path), line=pos.line, column=pos.column))
        else:
            days.add(day)
    if bad:
        raise SopInvalid(str(path), bad)
    return frozenset(days)


_WORD = re.compile(r"[^\s:#\[\]{},&*!|>'\"%@`-]\S*")


def _line_items(text: str) -> list[tuple[Any, yamlsource.Pos]] | None:
    """One word per line (``#`` comments): the plain form; None when the text is
    YAML structure (a list, a mapping), which the YAML reader takes."""
    items = []
    for number, line in enumerate(yamlsource.source_lines(text), start=1):
        body = line.split("#")[0]
        word = body.strip()
        if not word:
            continue
        if not _WORD.fullmatch(word):
            return None
        items.append((word, yamlsource.Pos(number, body.index(word) + 1)))
    return items or None


def _holiday_items(data: Any,
                   source: yamlsource.SourceMap) -> list[tuple[Any, yamlsource.Pos]] | None:
    if isinstance(data, list):
        return [(v, source.value((i,))) for i, v in enumerate(data)]
    if isinstance(data, dict):
        return [(k, source.key((k,))) for k in data]
    return None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 40 else text[:37] + "..."
