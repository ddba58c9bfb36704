"""Building the SOP book: time per SOP, and the share spent inside Graphviz; then
building it again after one SOP changed, against building that SOP alone.

Two books: the seed SOPs (sops/) and 100 generated SOPs (bench/generate.py,
20 steps each, decisions and parallel branches). Each build writes the HTML
pages and book.pdf from nothing (no cache); the Graphviz time is measured around
every DOT render (system `dot`, or the WebAssembly build when
SOPENGINE_GRAPHVIZ=wasm). The rebuild: the generated book is built once into a
folder, then each run changes one step's text of one SOP (a new text each run) and
builds the book again into the same folder (its cache); "alone" builds a book of
just that changed SOP into an empty folder. Loading the files is outside the timing.

    python bench/book.py [--generated 100] [--runs 3] [--no-pdf] [--jobs N]
                         [--only rebuild|full]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
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
from sopengine.definition.model import Sop
from sopengine.render import graphviz_run
from sopengine.render.book import build_book

ROOT = Path(__file__).resolve().parent.parent


def one_build(paths: list[Path], book: Book, out: Path, pdf: bool,
              jobs: int) -> tuple[float, float, float]:
    """Wall seconds, Graphviz seconds and CPU seconds (this process and the
    processes laying out PDF pages) of a build from nothing."""
    sops = [load_sop(p) for p in paths]
    shutil.rmtree(out, ignore_errors=True)
    started, cpu = time.perf_counter(), _cpu()
    result = build_book(sops, book, out, pdf=pdf, jobs=jobs)
    return time.perf_counter() - started, result.graphviz_seconds, _cpu() - cpu


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def measure(name: str, paths: list[Path], book: Book, runs: int, pdf: bool,
            jobs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        results = [one_build(paths, book, Path(tmp) / "book", pdf, jobs) for _ in range(runs)]
    total = statistics.median(r[0] for r in results)
    inside = statistics.median(r[1] for r in results)
    print(f"  {name:<22} {len(paths):>4} SOPs  {total:7.2f} s  "
          f"{1000 * total / len(paths):7.1f} ms/SOP  Graphviz {100 * inside / total:4.1f}%  "
          f"(range {min(r[0] for r in results):.2f}-{max(r[0] for r in results):.2f} s)  "
          f"CPU {statistics.median(r[2] for r in results):.2f} s")


def timed(sops: list[Sop], book: Book, out: Path, jobs: int) -> tuple[float, float, int]:
    """Wall and CPU seconds of one build (CPU of this process: with one SOP to lay
    out no other process runs), and how many SOPs WeasyPrint laid out."""
    started, cpu = time.perf_counter(), time.process_time()
    result = build_book(sops, book, out, jobs=jobs)
    return time.perf_counter() - started, time.process_time() - cpu, len(result.rendered)


def measure_rebuild(paths: list[Path], book: Book, runs: int, jobs: int) -> None:
    """Rebuild after one SOP changed (its cache warm) against that SOP alone."""
    changed = paths[len(paths) // 2]
    original = changed.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "book"
        full = timed([load_sop(p) for p in paths], book, out, jobs)[0]
        print(f"  first build (cache empty) {len(paths):>4} SOPs  {full:7.2f} s")
        again: list[tuple[float, float]] = []
        alone: list[tuple[float, float]] = []
        for run in range(runs):
            text = original.replace("dengan cermat", f"dengan teliti ({run + 1})", 1)
            changed.write_text(text, encoding="utf-8")
            sops = [load_sop(p) for p in paths]
            wall, cpu, rendered = timed(sops, book, out, jobs)
            assert rendered == 1, rendered
            again.append((wall, cpu))
            one = [s for s in sops if s.id == load_sop(changed).id]
            alone.append(timed(one, book, Path(tmp) / f"alone-{run}", jobs)[:2])
    changed.write_text(original, encoding="utf-8")
    for k, what in ((0, "wall"), (1, "CPU")):
        for name, values in (("rebuild, 1 SOP changed", [a[k] for a in again]),
                             ("that SOP alone", [a[k] for a in alone])):
            print(f"  {what:<4} {name:<26} {statistics.median(values):7.2f} s  "
                  f"(range {min(values):.2f}-{max(values):.2f} s)")
        ratios = [a[k] / b[k] for a, b in zip(again, alone, strict=True)]
        middle = statistics.median(a[k] for a in again) / statistics.median(b[k] for b in alone)
        print(f"  {what:<4} rebuild / alone: {middle:.2f}x (per run {min(ratios):.2f}-"
              f"{max(ratios):.2f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--generated", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--jobs", type=int, default=None, help="default: one per CPU")
    parser.add_argument("--only", choices=("full", "rebuild"), default=None)
    args = parser.parse_args()
    args.jobs = args.jobs or os.cpu_count() or 1
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"CPython {platform.python_version()}, Graphviz: {graphviz_run.backend()}, "
          f"PDF: {'no' if args.no_pdf else 'yes'}, jobs: {args.jobs}; "
          f"median of {args.runs} runs")
    book, _ = load_book(ROOT / "sops")
    graphviz_run.render("digraph{a}", "svg")  # load the WebAssembly module outside the timing
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_sops(Path(tmp), args.generated)
        if args.only != "rebuild":
            measure("seed SOPs (sops/)", sorted(p for p in (ROOT / "sops").glob("*.yaml")
                                                if p.name not in OFFICE_FILES), book,
                    args.runs, not args.no_pdf, args.jobs)
            measure("generated SOPs", paths, book, args.runs, not args.no_pdf, args.jobs)
        if args.only != "full" and not args.no_pdf:
            measure_rebuild(paths, book, args.runs, args.jobs)


if __name__ == "__main__":
    main()
