"""Building the SOP book: time per SOP, and the share spent inside Graphviz.

Two books: the seed SOPs (sops/) and 100 generated SOPs (bench/generate.py,
20 steps each, decisions and parallel branches). Each build writes the HTML
pages and book.pdf; the Graphviz time is measured around every DOT render
(system `dot`, or the WebAssembly build when SOPENGINE_GRAPHVIZ=wasm).

    python bench/book.py [--generated 100] [--runs 3] [--no-pdf]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import write_sops
from sopengine.definition.book import Book
from sopengine.definition.book_loader import load_book
from sopengine.definition.collection import OFFICE_FILES
from sopengine.definition.loader import load_sop
from sopengine.render import graphviz_run
from sopengine.render.book import build_book

ROOT = Path(__file__).resolve().parent.parent


def one_build(paths: list[Path], book: Book, out: Path, pdf: bool) -> tuple[float, float]:
    sops = [load_sop(p) for p in paths]
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    result = build_book(sops, book, out, pdf=pdf)
    return time.perf_counter() - started, result.graphviz_seconds


def measure(name: str, paths: list[Path], book: Book, runs: int, pdf: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        results = [one_build(paths, book, Path(tmp) / "book", pdf) for _ in range(runs)]
    total = statistics.median(r[0] for r in results)
    inside = statistics.median(r[1] for r in results)
    print(f"  {name:<22} {len(paths):>4} SOPs  {total:7.2f} s  "
          f"{1000 * total / len(paths):7.1f} ms/SOP  Graphviz {100 * inside / total:4.1f}%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--generated", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"CPython {platform.python_version()}, Graphviz: {graphviz_run.backend()}, "
          f"PDF: {'no' if args.no_pdf else 'yes'}; median of {args.runs} runs")
    book, _ = load_book(ROOT / "sops")
    graphviz_run.render("digraph{a}", "svg")  # load the WebAssembly module outside the timing
    measure("seed SOPs (sops/)", sorted(p for p in (ROOT / "sops").glob("*.yaml")
                                        if p.name not in OFFICE_FILES), book, args.runs,
            not args.no_pdf)
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_sops(Path(tmp), args.generated)
        measure("generated SOPs", paths, book, args.runs, not args.no_pdf)


if __name__ == "__main__":
    main()
