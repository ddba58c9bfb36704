"""Which column of a flowchart table is what: No, Kegiatan, actors, Mutu Baku, Keterangan.

Offices name the columns in many ways ("Uraian Kegiatan", "Ket", "Waktu
(Jam)", no Output column at all), so a header is recognised by words, and the
actor columns are the ones between the activity and the quality standard.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sopengine.importing.grid import Cell

_ROLE_WORDS = (
    ("action", re.compile(r"\b(kegiatan|uraian|aktivitas|prosedur)\b")),
    ("inputs", re.compile(r"\b(kelengkapan|persyaratan|input)\b")),
    ("time", re.compile(r"\bwaktu\b")),
    ("outputs", re.compile(r"\b(output|keluaran|hasil)\b")),
    ("note", re.compile(r"^(ket\.?|keterangan)\b")),
    ("no", re.compile(r"^(no\.?|nomor|#)$")),
)
_GROUP_WORDS = re.compile(r"\b(pelaksana|mutu\s*baku|mutu)\b", re.IGNORECASE)
_UNITS = {"menit": "m", "mnt": "m", "jam": "h", "hari": "d", "minggu": "w"}


@dataclass
class Columns:
    """Column indexes by role; ``actors`` are (index, display name) in order."""

    roles: dict[str, int] = field(default_factory=dict)
    actors: list[tuple[int, str]] = field(default_factory=list)
    time_unit: str = "m"
    header_rows: int = 1


def norm(text: str) -> str:
    return " ".join(text.split()).lower()


def is_header_row(row: list[Cell]) -> bool:
    """A header row names the activity column in a short cell ("Kegiatan", "Uraian ...")."""
    return any(len(norm(c.text)) <= 30 and _role(norm(c.text)) == "action" for c in row)


def join_lines(text: str) -> str:
    """Wrapped lines as one text; a word broken at a hyphen is joined again."""
    out = ""
    for line in (ln.strip() for ln in text.splitlines() if ln.strip()):
        if out.endswith("-") and line[:1].islower() and not out.endswith(" -"):
            out += line
        else:
            out = f"{out} {line}" if out else line
    return out


def _role(text: str) -> str | None:
    for role, pattern in _ROLE_WORDS:
        if pattern.search(text):
            return role
    return None


def _unit(text: str) -> str:
    for word, unit in _UNITS.items():
        if re.search(rf"\(\s*{word}\s*\)", text):
            return unit
    return "m"


def recognise(rows: list[list[Cell]], start: int) -> Columns:
    """The columns of the table whose header begins at ``rows[start]``."""
    header = [rows[start]]
    for row in rows[start + 1:start + 3]:
        if _is_sub_header(row, header[0]):
            header.append(row)
        else:
            break
    after = start + len(header)
    numbered = after < len(rows) and is_column_numbers(rows[after])
    width = max(len(r) for r in header)
    cols = Columns(header_rows=len(header) + numbered)
    names: dict[int, str] = {}
    raw = _without_column_numbers(header, width)
    for i in range(width):
        texts = [norm(r[i]) for r in raw if i < len(r)]
        role = next((r for r in map(_role, reversed(texts)) if r), None)
        if role and role not in cols.roles:
            cols.roles[role] = i
            if role == "time":
                cols.time_unit = _unit(" ".join(texts))
        elif role is None:
            names[i] = _actor_name([r[i] for r in raw if i < len(r)])
    first = cols.roles.get("action", -1)
    last = min((cols.roles[r] for r in ("inputs", "time", "outputs", "note") if r in cols.roles),
               default=width)
    cols.actors = [(i, n) for i, n in sorted(names.items()) if first < i < last and n]
    return cols


def _without_column_numbers(header: list[list[Cell]], width: int) -> list[list[str]]:
    """The header's texts without the seed's column numbers read into its cells
    ("Camat\n3"): a line that is its column's own number, when three columns or more
    carry theirs (a header that merely holds a figure keeps it)."""
    def own(i: int, text: str) -> bool:
        return str(i + 1) in (line.strip() for line in text.splitlines())

    texts = [[c.text for c in row] for row in header]
    if sum(any(i < len(r) and own(i, r[i]) for r in texts) for i in range(width)) < 3:
        return texts
    return [["\n".join(line for line in t.splitlines() if line.strip() != str(i + 1))
             for i, t in enumerate(row)] for row in texts]


def is_column_numbers(row: list[Cell]) -> bool:
    """The row under the header that numbers the columns (1, 2, 3, ... as the seed has):
    every filled cell a number, counting up from 1, no symbol."""
    texts = [c.text.strip() for c in row if c.text.strip()]
    return (len(texts) >= 3 and not any(c.symbols for c in row)
            and texts == [str(n) for n in range(1, len(texts) + 1)])


def _is_sub_header(row: list[Cell], top: list[Cell]) -> bool:
    """A second header row: no step number, no symbols, and text under the groups."""
    if any(c.symbols for c in row) or not any(c.text.strip() for c in row):
        return False
    first = norm(row[0].text) if row else ""
    return not re.match(r"^\d+\.?$", first) and (
        any(_role(norm(c.text)) in ("inputs", "time", "outputs") for c in row)
        or first == norm(top[0].text))


def _actor_name(texts: list[str]) -> str:
    """The actor's name: the lowest header text that is not a group label."""
    for text in reversed(texts):
        clean = " ".join(_GROUP_WORDS.sub(" ", text).split())
        if clean:
            return clean
    return ""
