"""Checking many SOP files together: a directory is a book.

Within a directory: SOP ids must be unique, and a `related` entry written as an
id (a slug) must name an SOP of the same directory. Files named one by one are
checked alone (a user may pick any subset of a book). Every actor is matched to
a position of the org file beside the SOPs (``org.yaml`` in the directory, or
beside a file named alone); a problem in that file, or in the calendar file
beside it (``calendar.yaml``), is reported as that file's own entry.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from sopengine.definition._suggest import did_you_mean
from sopengine.definition.calendar_file import CALENDAR_FILE, read_calendar
from sopengine.definition.duration import DEFAULT_WORKING_TIME, WorkingTime
from sopengine.definition.loader import LoadedSop, check_file, locate
from sopengine.definition.org import ORG_FILE, Org, read_org
from sopengine.diagnostics import make
from sopengine.errors import SopFileError

BOOK_FILE = "book.yaml"  # book settings, not an SOP
#: the office's settings beside the SOPs; none of them is an SOP
OFFICE_FILES = frozenset({BOOK_FILE, ORG_FILE, CALENDAR_FILE})
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def sop_files(directory: Path) -> list[Path]:
    """The SOP files of a directory: *.yaml/*.yml, recursive, sorted, without the
    office's settings files (book.yaml, org.yaml, calendar.yaml)."""
    return _walk(directory)[0]


def _walk(directory: Path) -> tuple[list[Path], list[LoadedSop]]:
    """The SOP files under ``directory`` (directory links not followed, as by ``rglob``:
    no loop), and a located problem for each directory that cannot be listed. A name
    ending .yaml that is no regular file (a dangling link, a pipe) is kept: checking it
    reports why it cannot be read."""
    files: list[Path] = []
    problems: list[LoadedSop] = []
    pending = [directory]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            problems.append(_unreadable(str(folder), "unreadable-directory", exc.strerror
                                        or "cannot be listed"))
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
            elif entry.name.endswith((".yaml", ".yml")) and entry.name not in OFFICE_FILES \
                    and not (entry.is_symlink() and Path(entry.path).is_dir()):
                files.append(Path(entry.path))
    return sorted(files), sorted(problems, key=lambda r: r.path)


def _unreadable(path: str, code: str, why: str) -> LoadedSop:
    hint = ("check that it exists and that you may read it; the other files were checked"
            if code == "unreadable-file" else
            "check that you may open it; the SOP files in it were not checked")
    what = "the file" if code == "unreadable-file" else "the directory"
    d = replace(make(code, f"{what} cannot be read: {why}", hint=hint), file=path)
    return LoadedSop(path, None, (d,))


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; directories become their SOP files."""
    return [f for group in _groups(paths) for f in group[1]]


def _groups(paths: Iterable[str | Path]) -> list[tuple[bool, list[Path], Path,
                                                       list[LoadedSop]]]:
    """(is a book, files, the folder of its settings, its directories that cannot be
    listed) for each argument; raises SopFileError for a missing path."""
    out: list[tuple[bool, list[Path], Path, list[LoadedSop]]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files, problems = _walk(p)
            out.append((True, files, p, problems))
        elif p.exists() or p.is_symlink():
            out.append((False, [p], p.parent, []))
        else:
            raise SopFileError(str(raw), "no such file or directory")
    return out


def check_paths(paths: Iterable[str | Path],
                working_time: WorkingTime = DEFAULT_WORKING_TIME) -> list[LoadedSop]:
    """Check every file; each directory is also checked as a book (ids, `related`),
    and every actor against the positions of the org file beside it.

    A file or directory found in a directory that cannot be read is reported as an
    invalid result and the rest are checked; a file named itself that cannot be read
    raises SopFileError (a usage error, like a missing one)."""
    results: list[LoadedSop] = []
    orgs: dict[Path, Org] = {}
    with _results_kept_out_of_the_collector():
        for is_book, files, home, problems in _groups(paths):
            if home not in orgs:
                orgs[home], problem = _org_beside(home)
                results.extend(problem + _calendar_problem(home))
            checked = [_checked(f, working_time, is_book) for f in files]
            checked = _cross_check(checked) if is_book else checked
            results.extend(_with_positions(r, orgs[home]) for r in checked)
            results.extend(problems)
    return results


def _checked(file: Path, working_time: WorkingTime, in_book: bool) -> LoadedSop:
    """The file's result; in a book, one that cannot be read is an invalid result."""
    try:
        loaded = check_file(file, working_time)
    except SopFileError as exc:
        if not in_book:
            raise
        return _unreadable(str(file), "unreadable-file", exc.reason)
    gc.freeze()  # what is kept so far (every file's data and positions) is not garbage
    return loaded


@contextmanager
def _results_kept_out_of_the_collector() -> Iterator[None]:
    """Each file's result lives until the end (positions of every node, for the
    report); without this, every full collection scans all earlier files again, a
    quarter of the time of a large directory. Frozen objects are freed as usual when
    unreferenced; they are handed back to the collector at the end."""
    frozen = gc.get_freeze_count()
    try:
        yield
    finally:
        if frozen == 0:  # a caller that froze objects itself keeps them frozen
            gc.unfreeze()


def _org_beside(home: Path) -> tuple[Org, list[LoadedSop]]:
    """The org of a folder, and its file as an invalid entry when it has errors."""
    file = home / ORG_FILE
    if not file.is_file():
        return Org(), []
    settings, org = read_org(file)
    if org is not None:
        return org, []
    return Org(), [LoadedSop(settings.path, None, settings.diagnostics, settings.text)]


def _calendar_problem(home: Path) -> list[LoadedSop]:
    """The calendar file of a folder as an invalid entry when it has errors."""
    file = home / CALENDAR_FILE
    if not file.is_file():
        return []
    settings, calendar = read_calendar(file, library=False)
    if calendar is not None:
        return []
    return [LoadedSop(settings.path, None, settings.diagnostics, settings.text)]


def _with_positions(r: LoadedSop, org: Org) -> LoadedSop:
    found = tuple(org.unmatched([r]))
    if not found:
        return r
    ordered = sorted(r.diagnostics + found, key=lambda d: (d.line, d.column, d.code))
    return replace(r, diagnostics=tuple(ordered))


def _cross_check(results: list[LoadedSop]) -> list[LoadedSop]:
    owners: dict[str, str] = {}
    for r in results:
        if r.sop is not None:
            owners.setdefault(r.sop.id, r.path)
    return [_check_one(r, owners) for r in results]


def _check_one(r: LoadedSop, owners: dict[str, str]) -> LoadedSop:
    if r.sop is None:
        return r
    found = []
    if owners[r.sop.id] != r.path:
        found.append(make("duplicate-sop-id", f"SOP id '{r.sop.id}' is also used by "
                          f"{owners[r.sop.id]}", hint="give each SOP of a book its own id",
                          loc=("id",)))
    for i, rel in enumerate(r.sop.related):
        if _SLUG.match(rel) and rel not in owners:
            found.append(make("unknown-related", f"related SOP '{rel}' is not in this set of "
                              "SOPs", hint=did_you_mean(rel, owners, what="SOP ids") or
                              "write free text (e.g. its title) for an SOP outside the book",
                              loc=("related", i)))
    if not found:
        return r
    located = tuple(locate(d, r.source, r.path) for d in found)
    return replace(r, diagnostics=r.diagnostics + located)
