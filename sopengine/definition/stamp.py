"""Fill an SOP file's number and dates (at approval), leaving every other byte alone.

The catalog keeps the YAML a unit submitted exactly; the published copy is the
same text with the top-level ``number:`` and ``dates:`` entries replaced (or
added after ``title:``). The edit works on lines, so comments and layout stay;
the result is read back, and anything the edit cannot do for certain (a
file written as one flow mapping) is refused with ``None``.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from sopengine.definition import yamlsource

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


def stamp(text: str, number: str, dates: dict[str, dt.date]) -> str | None:
    """``text`` with ``number`` and ``dates`` set; None when the edit is not certain."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    number_line = f"number: {json.dumps(number, ensure_ascii=False)}{newline}"
    shown = ", ".join(f"{k}: {v.isoformat()}" for k, v in dates.items())
    dates_line = f"dates: {{{shown}}}{newline}"
    lines = _replace(lines, "number", number_line, after="title")
    lines = _replace(lines, "dates", dates_line, after="number") if lines else None
    if lines is None:
        return None
    stamped = "".join(lines)
    return stamped if _holds(stamped, number, dates) else None


def _replace(lines: list[str], key: str, new: str, *, after: str) -> list[str] | None:
    """The lines with ``key``'s block replaced by ``new``, or ``new`` put after ``after``."""
    found = _block(lines, key)
    if found is not None:
        start, end = found
        return [*lines[:start], new, *lines[end:]]
    anchor = _block(lines, after)
    if anchor is None:
        return None
    end = anchor[1]
    if end > 0 and not lines[end - 1].endswith("\n"):
        return None  # the anchor is the last line, without a line end
    return [*lines[:end], new, *lines[end:]]


def _block(lines: list[str], key: str) -> tuple[int, int] | None:
    """The line range of the top-level entry ``key``: its line and its indented lines."""
    for i, line in enumerate(lines):
        m = _TOP_KEY.match(line)
        if m and m.group(1) == key:
            return i, _block_end(lines, i + 1)
    return None


def _block_end(lines: list[str], i: int) -> int:
    end = i
    while i < len(lines):
        line = lines[i]
        if line[:1] in (" ", "\t") and line.strip():
            end = i = i + 1
        elif not line.strip():
            i += 1  # a blank line belongs to the entry only if indented lines follow
        else:
            break
    return end


def _holds(text: str, number: str, dates: dict[str, dt.date]) -> bool:
    """The edited text reads back the number and dates (whether the SOP is valid with
    them is the caller's to check)."""
    try:
        data, _ = yamlsource.parse(text)
    except yamlsource.YamlProblem:
        return False
    if not isinstance(data, dict) or data.get("number") != number:
        return False
    written = data.get("dates")
    return isinstance(written, dict) and written == {k: v.isoformat() for k, v in dates.items()}
