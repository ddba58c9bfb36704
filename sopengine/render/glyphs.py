"""The advance widths of DejaVu Sans (the book's font, book.css and the SVGs'
font-family), so that table text is wrapped to the room it really takes rather
than to an average glyph width, and never runs into a cell's rule.

Widths are in 1/2048 em, for Basic Latin, Latin-1, Latin Extended-A and the
General Punctuation dashes and quotes; a character outside those counts as one
em (wider than any glyph listed). Read from DejaVuSans.ttf 2.37 with fontTools:
``hmtx[cmap[c]][0]`` for each code point ``c`` of the ranges.
"""

from __future__ import annotations

_UNITS = 2048
_RANGES: tuple[tuple[int, tuple[int, ...]], ...] = (
    (0x0020, (
    651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651,
    690, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716,
    1716, 1716, 1087, 2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604,
    1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403,
    1251, 1403, 799, 690, 799, 1716, 1024, 1024, 1255, 1300, 1126, 1300, 1260, 721,
    1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300, 1300, 842, 1067, 803, 1298,
    1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
    )),
    (0x00A0, (
    651, 821, 1303, 1303, 1303, 1303, 690, 1024, 1024, 2048, 965, 1253, 1716, 739, 2048,
    1024, 1024, 1716, 821, 821, 1024, 1303, 1303, 651, 1024, 821, 965, 1253, 1985, 1985,
    1985, 1087, 1401, 1401, 1401, 1401, 1401, 1401, 1995, 1430, 1294, 1294, 1294, 1294,
    604, 604, 604, 604, 1587, 1532, 1612, 1612, 1612, 1612, 1612, 1716, 1612, 1499,
    1499, 1499, 1499, 1251, 1239, 1290, 1255, 1255, 1255, 1255, 1255, 1255, 2011, 1126,
    1260, 1260, 1260, 1260, 569, 569, 569, 569, 1253, 1298, 1253, 1253, 1253, 1253,
    1253, 1716, 1253, 1298, 1298, 1298, 1298, 1212, 1300, 1212, 1401, 1255, 1401, 1255,
    1401, 1255, 1430, 1126, 1430, 1126, 1430, 1126, 1430, 1126, 1577, 1300, 1587, 1300,
    1294, 1260, 1294, 1260, 1294, 1260, 1294, 1260, 1294, 1260, 1587, 1300, 1587, 1300,
    1587, 1300, 1587, 1300, 1540, 1298, 1876, 1423, 604, 569, 604, 569, 604, 569, 604,
    569, 604, 569, 1208, 1138, 604, 569, 1343, 1186, 1186, 1141, 569, 1141, 569, 1141,
    768, 1141, 700, 1151, 582, 1532, 1298, 1532, 1298, 1532, 1298, 1666, 1532, 1298,
    1612, 1253, 1612, 1253, 1612, 1253, 2191, 2095, 1423, 842, 1423, 842, 1423, 842,
    1300, 1067, 1300, 1067, 1300, 1067, 1300, 1067, 1251, 803, 1251, 803, 1251, 803,
    1499, 1298, 1499, 1298, 1499, 1298, 1499, 1298, 1499, 1298, 1499, 1298, 2025, 1675,
    1251, 1212, 1251, 1403, 1075, 1403, 1075, 1403, 1075, 721,
    )),
    (0x2010, (
    739, 739, 1303, 1024, 2048, 2048, 1024, 1024, 651, 651, 651, 651, 1061, 1061, 1061,
    1061, 1024, 1024, 1208, 1208, 685, 1367, 2048,
    )),
)
_WIDTH = {start + k: w / _UNITS for start, widths in _RANGES for k, w in enumerate(widths)}


def text_width(text: str, size: float) -> float:
    """The width of ``text`` set in DejaVu Sans at ``size``, in the size's units."""
    return sum(_WIDTH.get(ord(c), 1.0) for c in text) * size


def wrap_to(text: str, width: float, size: float) -> list[str]:
    """``text`` broken between words into lines no wider than ``width`` at ``size``
    (the author's own line breaks kept); a word wider than a line is split, after
    a hyphen where it has one."""
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        line = ""
        for word in para.split():
            while text_width(word, size) > width:  # a word no line holds: split it
                cut = _longest_prefix(word, width, size)
                if line:
                    lines.append(line)
                    line = ""
                lines.append(word[:cut])
                word = word[cut:]
            joined = f"{line} {word}" if line else word
            if text_width(joined, size) <= width:
                line = joined
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def _longest_prefix(word: str, width: float, size: float) -> int:
    """Where to split a word wider than a line: after its last hyphen that fits
    ("masing-" / "masing"), else after as many characters as fit."""
    n = 1
    while n < len(word) and text_width(word[:n + 1], size) <= width:
        n += 1
    hyphen = word.rfind("-", 0, n)
    return hyphen + 1 if hyphen > 0 else n
