"""Commands that draw: `draw` (one SOP's flowchart, table page or exports) and
`book` (the whole SOP book as HTML and PDF)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from sopengine.cli import params, report
from sopengine.cli.messages import word
from sopengine.cli.output import check_writable, write_output, writing
from sopengine.definition.book import Book
from sopengine.definition.book_loader import check_order, check_short_names, load_book
from sopengine.definition.collection import check_paths
from sopengine.definition.loader import LoadedSop, check_file, check_text
from sopengine.definition.logo import BadLogo, logo_path
from sopengine.definition.model import Sop
from sopengine.errors import RenderError, SopFileError, SopInvalid
from sopengine.labels import label

EXIT_INVALID = 1
SUFFIXES = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot",
            ".mmd": "mermaid", ".md": "mermaid", ".bpmn": "bpmn", ".html": "table"}
FORMATS = ("svg", "png", "pdf", "dot", "mermaid", "bpmn", "table")
PAPERS = ("A4", "F4")


def _valid_or_exit(loaded: list[LoadedSop], lang: str) -> list[Sop]:
    if any(not item.ok or item.sop is None for item in loaded):
        click.echo(report.validation_text(loaded, quiet=True, lang=lang), err=True)
        sys.exit(EXIT_INVALID)
    return [item.sop for item in loaded if item.sop is not None]


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file; its suffix picks the format (.svg .png .pdf .dot .mmd "
              ".bpmn .html). Without it, text formats go to stdout.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS),
              help="Format, when the suffix does not say it (table: the flowchart table "
              "pages, as HTML, or as PDF with -o FILE.pdf).")
@click.option("--critical", is_flag=True, help="Highlight the critical path, with times.")
@params.lang_option("Language of labels: Indonesian or English.")
@click.option("--rows-per-page", type=click.IntRange(1, 200), default=None,
              help="Table rows per page (default: the book file's, else 10).")
@click.option("--paper", type=click.Choice(PAPERS, case_sensitive=False), default=None,
              help="Paper of the table pages, landscape: A4, or F4 (Folio, 215 x 330 mm) "
              "(default: the book file's, else A4).")
def draw(file: Path, output: Path | None, fmt: str | None, critical: bool, lang: str,
         rows_per_page: int | None, paper: str | None) -> None:
    """Draw one SOP: flowchart (SVG, PNG, PDF, DOT), Mermaid, BPMN 2.0, or table pages."""
    if output is not None and fmt is None and output.suffix.lower() not in SUFFIXES:
        raise click.BadParameter(f"'{click.format_filename(output)}': its suffix names no "
                                 f"format ({' '.join(SUFFIXES)}); or give -f",
                                 param_hint="-o")
    fmt = fmt or (SUFFIXES.get(output.suffix.lower()) if output else None) or "svg"
    if output is not None:
        check_writable(output)
    book, _ = load_book(file.parent)
    sop = _valid_or_exit([check_file(file, book.working_time)], lang)[0]
    book = book.model_copy(update={"paper": paper.upper()}) if paper else book
    data = _draw(sop, fmt, critical, lang, rows_per_page or book.rows_per_page, book)
    if fmt == "table" and output is not None and output.suffix.lower() == ".pdf":
        from sopengine.render.pdf import html_to_pdf

        data = html_to_pdf(data.decode())
    if output is None:
        if fmt in ("svg", "dot", "mermaid", "bpmn", "table"):
            click.echo(data.decode(), nl=False)
            return
        raise click.UsageError(f"{fmt.upper()} is binary: give an output file with -o")
    write_output(output, data)
    click.echo(f"{word('wrote', lang)} {output}", err=True)


def _draw(sop: Sop, fmt: str, critical: bool, lang: str, rows: int, book: Book) -> bytes:
    from sopengine.render import graphviz_run

    if fmt == "mermaid":
        from sopengine.render.mermaid import mermaid

        return mermaid(sop, lang).encode()
    if fmt == "bpmn":
        from sopengine.render.bpmn import bpmn

        return bpmn(sop).encode()
    if fmt == "table":
        from sopengine.render.book import table_document

        return table_document(sop, book.model_copy(update={"lang": lang,
                                                           "rows_per_page": rows})).encode()
    from sopengine.render.flowchart import FlowchartOptions, flowchart

    source = flowchart(sop, FlowchartOptions(lang, critical, book.working_time)).source
    return graphviz_run.render(source, fmt)


@click.command("book")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build/book"), show_default=True, help="Output directory.")
@click.option("--no-pdf", is_flag=True, help="HTML only (skip book.pdf).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes laying out the PDF pages of the SOPs that changed "
                   "(default: one per CPU).")
@click.option("--no-cache", is_flag=True,
              help="Build every SOP again and keep none (removes OUTPUT/.cache-book).")
@click.option("--revised-from", "since", metavar="REV|DIR",
              help="Add a revision page (Catatan Revisi) after the identity page of each "
                   "SOP that changed since REV (a git revision of DIRECTORY's files) or "
                   "since the same-named file in DIR.")
def book_cmd(directory: Path, output: Path, no_pdf: bool, jobs: int | None,
             no_cache: bool, since: str | None) -> None:
    """Build the SOP book of DIRECTORY: index.html, one page per SOP, and book.pdf.
    Each SOP's pages are kept in OUTPUT/.cache-book, so a new build lays out again
    only the SOPs whose file or book settings changed."""
    import os

    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn

    from sopengine.render.book import build_book

    check_writable(output, directory=True)
    book, book_path = _book_or_exit(directory)
    loaded = check_paths([directory], book.working_time)
    sops = _valid_or_exit(loaded, book.lang)
    if not sops:
        raise click.UsageError(f"{directory} holds no SOP files (*.yaml)")
    with _shown_as_validate():
        check_order(book_path, book, [s.id for s in sops])
        check_short_names(book_path, book, {n for s in sops for n in s.actors.values()})
    revised = earlier_versions(loaded, since, book) if since else None
    logo = _logo(book, book_path)
    with Progress(TextColumn("{task.description}", markup=False), BarColumn(),
                  TextColumn("{task.completed}/{task.total}"),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("", total=len(sops) if no_pdf else 2 * len(sops) + 1)

        def started(name: str) -> None:
            bar.update(task, advance=1, description=name)

        with writing(output):
            result = build_book(sops, book, output, logo=logo, pdf=not no_pdf,
                                progress=started, jobs=jobs or os.cpu_count() or 1,
                                cache=not no_cache, revised_from=revised)
    _say_built(result, book)


def _logo(book: Book, book_path: Path | None) -> Path | None:
    """The book's logo, checked by load_book already: an image inside its folder."""
    if not book.logo or book_path is None:
        return None
    try:
        return logo_path(book_path.parent, book.logo)
    except BadLogo as bad:  # changed since
        raise RenderError(f"{book_path}: {bad}", hint=bad.hint) from None


def _say_built(result: Any, book: Book) -> None:
    """What was left out and kept (stderr), then what was written (stdout)."""
    for note in result.notes:  # a part left out is said, not silently dropped
        click.echo(note, err=True)
    if result.cached:  # what this build laid out again, and what it kept
        click.echo(label("book_cached", book.lang).format(
            laid=len(result.rendered), kept=len(result.cached)), err=True)
    click.echo(f"{result.index} ({len(result.pages)} SOP)"
               + (f", {result.pdf}" if result.pdf else ""))


def earlier_versions(loaded: list[LoadedSop], since: str, book: Book) -> dict[str, Any]:
    """Each SOP's earlier version, by id: its file in the folder ``since``, else at the
    git revision ``since``; an SOP without one (new since) or whose earlier text is not
    valid gets no revision page (said on stderr for the latter)."""
    from sopengine.cli.diff_cmd import read_revision
    from sopengine.render.book import Revised

    folder = Path(since)
    if not folder.is_dir() and loaded and not _is_revision(Path(loaded[0].path).parent, since):
        raise click.BadParameter(f"{since!r} is neither a folder nor a git revision of the "
                                 "SOP files", param_hint="--revised-from")
    found: dict[str, Any] = {}
    for item in loaded:
        assert item.sop is not None
        path = Path(item.path)
        try:
            if folder.is_dir():
                old = check_file(folder / path.name, book.working_time)
            else:
                _, text = read_revision(f"{path}@{since}")
                old = check_text(text, f"{path.name}@{since}", book.working_time)
        except SopFileError:
            continue  # not there then: a new SOP
        if old.sop is None or not old.ok:
            click.echo(label("book_revision_invalid", book.lang).format(
                file=old.path), err=True)
            continue
        found[item.sop.id] = Revised(old.sop, since)
    return found


def _is_revision(where: Path, rev: str) -> bool:
    try:
        return subprocess.run(["git", "-C", str(where), "rev-parse", "--verify", "--quiet",
                               f"{rev}^{{commit}}"], capture_output=True, timeout=30,
                              check=False).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _book_or_exit(directory: Path) -> tuple[Book, Path | None]:
    """The book file of ``directory``; its problems shown as `validate` shows an SOP's
    (where, the line, what to do), then exit 1."""
    with _shown_as_validate():
        return load_book(directory)
    raise AssertionError("unreachable")  # pragma: no cover


@contextmanager
def _shown_as_validate() -> Iterator[None]:
    """Problems of the book file raised inside (SopInvalid) shown as `validate` shows an
    SOP's: where, the line with a caret, what to do; then exit 1."""
    from sopengine.cli.messages import run_language

    try:
        yield
    except SopInvalid as exc:
        path = Path(exc.path)
        text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
        for d in exc.diagnostics:
            click.echo(report.format_diagnostic(d, text, run_language()), err=True)
        sys.exit(EXIT_INVALID)


COMMANDS = (draw, book_cmd)
