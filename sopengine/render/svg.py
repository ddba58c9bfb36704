"""A minimal SVG writer: every piece of author text goes through :func:`Svg.text`,
which escapes it, so nothing an author writes can become markup; and the text
wrapping every drawing shares."""

from __future__ import annotations

import textwrap
from xml.sax.saxutils import escape, quoteattr

FONT = "DejaVu Sans, Arial, sans-serif"
CHAR_WIDTH = 0.56  # average glyph width of the font, in em: for wrapping only


def wrap(text: str, chars: int, break_words: bool = True) -> list[str]:
    """Lines of at most ``chars`` characters; the author's own line breaks are kept
    (a word longer than a line is split unless ``break_words`` is False)."""
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        lines.extend(textwrap.wrap(para, chars, break_long_words=break_words,
                                   break_on_hyphens=break_words) or [""])
    return lines


def fit(text: str, width: float, size: float) -> list[str]:
    """``text`` wrapped to lines that fit ``width`` pixels at font ``size``."""
    return wrap(text, max(4, int(width / (size * CHAR_WIDTH))))


class Svg:
    def __init__(self, width: float, height: float) -> None:
        self.width, self.height = width, height
        self.parts: list[str] = []

    def add(self, tag: str, **attrs: object) -> None:
        self.parts.append(f"<{tag}{_attrs(attrs)}/>")

    def rect(self, x: float, y: float, w: float, h: float, **attrs: object) -> None:
        self.add("rect", x=x, y=y, width=w, height=h, **attrs)

    def line(self, x1: float, y1: float, x2: float, y2: float, **attrs: object) -> None:
        self.add("line", x1=x1, y1=y1, x2=x2, y2=y2, **attrs)

    def path(self, points: list[tuple[float, float]], **attrs: object) -> None:
        d = " ".join(f"{'M' if i == 0 else 'L'}{_n(x)},{_n(y)}" for i, (x, y) in enumerate(points))
        self.add("path", d=d, fill="none", **attrs)

    def polygon(self, points: list[tuple[float, float]], **attrs: object) -> None:
        self.add("polygon", points=" ".join(f"{_n(x)},{_n(y)}" for x, y in points), **attrs)

    def text(self, x: float, y: float, lines: list[str], size: float = 9,
             anchor: str = "start", **attrs: object) -> None:
        """Lines of text from baseline ``y``; each line escaped."""
        spans = "".join(f'<tspan x="{_n(x)}" dy="{_n(0 if i == 0 else size * 1.2)}">'
                        f"{escape(line)}</tspan>" for i, line in enumerate(lines))
        self.parts.append(f'<text{_attrs(dict(x=x, y=y, **attrs))} font-size="{_n(size)}" '
                          f'text-anchor="{anchor}">{spans}</text>')

    def open(self, tag: str, **attrs: object) -> None:
        self.parts.append(f"<{tag}{_attrs(attrs)}>")

    def close(self, tag: str) -> None:
        self.parts.append(f"</{tag}>")

    def render(self, title: str = "", marker: str = "arrow") -> str:
        """The document; ``marker`` names its arrowhead, unique per drawing so
        that drawings on one HTML page do not define one id twice."""
        head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(self.width)} '
                f'{_n(self.height)}" width="{_n(self.width)}" height="{_n(self.height)}" '
                f'font-family={quoteattr(FONT)}>')
        defs = (f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="9" refY="5" '
                'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
                '<path d="M0,0 L10,5 L0,10 z" fill="#000"/></marker></defs>')
        titled = f"<title>{escape(title)}</title>" if title else ""
        body = "".join(self.parts)
        if marker != "arrow":
            body = body.replace('"url(#arrow)"', f'"url(#{marker})"')
        return head + titled + defs + body + "</svg>"


def _n(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".") if isinstance(v, float) else str(v)


def _attrs(attrs: dict[str, object]) -> str:
    out = []
    for key, value in attrs.items():
        name = key.rstrip("_").replace("_", "-")
        shown = _n(value) if isinstance(value, float | int) and not isinstance(value, bool) \
            else str(value)
        out.append(f" {name}={quoteattr(shown)}")
    return "".join(out)
