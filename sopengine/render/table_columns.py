"""The columns of the flowchart table and its header: widths that fit the
page and every header word, so type stays at its printed minimum whatever the
number of actors.

The table is always its page's printed width (render/paper.py; on A4
:data:`~sopengine.render.table_layout.WIDTH` units), so its type is never scaled
down. Each column is at least as wide as the longest word of its header (a header breaks between
words only, never inside one). The actor columns share what the other columns
leave; when there are so many actors that their headers' words do not fit
across, the actor names are set upright (rotated a quarter turn) in columns as
narrow as their symbols allow, and the header grows in height instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from sopengine.render import table_layout as tl
from sopengine.render.svg import wrap
from sopengine.render.table_layout import Header

HEAD_CHAR = 0.7  # bold DejaVu Sans glyph width in em, at its widest: no word reaches a rule
HEAD_PAD = 4.0  # each side of a header's text
PREFERRED = {"no": 28, "kegiatan": 200, "kelengkapan": 130, "waktu": 58, "output": 120,
             "keterangan": 84}
LEAST = {"no": 24, "kegiatan": 140, "kelengkapan": 70, "waktu": 44, "output": 60,
         "keterangan": 56}
MIN_ACTOR = 56  # an actor column when there is room
NARROW_ACTOR = 34  # an actor column with its name set upright


def text_width(text: str, size: float = tl.TEXT) -> float:
    return len(text) * size * HEAD_CHAR


def word_width(text: str) -> float:
    """The room the longest word of a header needs, its padding included."""
    return max((text_width(w) for w in text.split()), default=0.0) + 2 * HEAD_PAD


def header_lines(text: str, width: float) -> tuple[str, ...]:
    """``text`` broken between words into lines that fit ``width``."""
    chars = max(1, int((width - 2 * HEAD_PAD) / (tl.TEXT * HEAD_CHAR)))
    return tuple(wrap(text, max(chars, max((len(w) for w in text.split()), default=1)),
                      break_words=False))


def widths(keys: Sequence[str], heads: Sequence[str], width: float = tl.WIDTH
           ) -> tuple[list[float], bool]:
    """Column widths for ``keys`` (``actor:...`` or fixed) with header texts
    ``heads`` across ``width``, and whether the actor headers are set upright."""
    fixed = [k for k in keys if not k.startswith("actor:")]
    actors = [h for k, h in zip(keys, heads, strict=True) if k.startswith("actor:")]
    least = {k: max(LEAST[k], word_width(h)) for k, h in zip(keys, heads, strict=True)
             if k in LEAST}
    need = [max(MIN_ACTOR, word_width(h)) for h in actors]
    upright = sum(least.values()) + sum(need) > width
    if upright:
        need = [float(NARROW_ACTOR)] * len(actors)
    room = width - sum(need)
    pref = {k: max(PREFERRED[k], least[k]) for k in fixed}
    share = _between(least, pref, room)
    spare = max(0.0, room - sum(share.values()))
    extra = [spare / max(1, len(actors))] * len(actors)
    if not actors:
        share["kegiatan"] += spare
    it = iter(n + e for n, e in zip(need, extra, strict=True))
    return [share[k] if k in share else next(it) for k in keys], upright


def _between(least: dict[str, float], pref: dict[str, float], room: float) -> dict[str, float]:
    """Fixed columns between their least and preferred widths, as ``room`` allows
    (at their least when even that does not fit: the actors then narrow)."""
    low, high = sum(least.values()), sum(pref.values())
    t = 1.0 if room >= high else max(0.0, (room - low) / (high - low)) if high > low else 0.0
    return {k: least[k] + (pref[k] - least[k]) * t for k in least}


def headers(heads: Sequence[str], cols: Sequence[float], upright: Sequence[bool]
            ) -> list[Header]:
    return [_upright(h, w) if up else Header(header_lines(h, w))
            for h, w, up in zip(heads, cols, upright, strict=True)]


def _upright(text: str, width: float) -> Header:
    """Lines side by side in ``width``: as few characters a line as still fit."""
    room = max(1, int((width - 2 * HEAD_PAD) // tl.LINE))
    longest = max((len(w) for w in text.split()), default=1)
    for chars in range(longest, len(text) + 1):
        lines = wrap(text, chars, break_words=False)
        if len(lines) <= room:
            return Header(tuple(lines), upright=True)
    return Header((text,), upright=True)


def height(header: Header) -> float:
    """The height a header cell needs for its lines."""
    if header.upright:
        return max(text_width(line) for line in header.lines) + 2 * HEAD_PAD + 4
    return len(header.lines) * tl.LINE + 8


def geometry(keys: Sequence[str], heads: Sequence[str], width: float = tl.WIDTH,
             numbers: bool = False) -> tl.TableGeometry:
    """Columns and header of a table ``width`` across with column ``keys`` and header
    texts ``heads``; with ``numbers``, a row numbering the columns under the header."""
    cols, upright = widths(keys, heads, width)
    cells = headers(heads, cols, [upright and k.startswith("actor:") for k in keys])
    x, columns = 0.0, []
    for key, w in zip(keys, cols, strict=True):
        columns.append(tl.Column(key, x, w))
        x += w
    number_row = tl.NUMBER_ROW if numbers else 0.0
    return tl.TableGeometry(tuple(columns), tl.HEADER1 + max(tl.HEADER1, *map(height, cells))
                            + number_row, dict(zip(keys, cells, strict=True)), number_row)
