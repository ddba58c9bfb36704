"""`sopengine sop ...`: the catalog of SOP documents (docs/lifecycle.md)."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from sopengine.cli import params, sop_view
from sopengine.cli.params import open_store
from sopengine.errors import IllegalTransition, OpenRevision, SopInvalid
from sopengine.labels import label
from sopengine.runtime.catalog import Catalog

EXIT_RUNTIME = 3


def _who() -> str:
    try:
        return os.environ.get("SOPENGINE_USER") or getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no login name (a container)
        return "?"


def catalog_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--db, --review-months, --lang and --json, turned into a ``catalog`` argument."""

    @click.option("--db", envvar="SOPENGINE_DB", metavar="PATH|URL",
                  help="Database: a SQLite file or a URL (as for `sopengine start`).")
    @click.option("--review-months", type=click.IntRange(1, 120), default=12,
                  show_default=True, help="An SOP in force is due for review this many "
                  "months after its Tanggal Efektif (or its last review).")
    @params.lang_option()
    @click.option("--json", "as_json", is_flag=True, help="Print JSON to stdout (only).")
    @wraps(fn)
    def wrapper(db: str | None, review_months: int, lang: str, **kwargs: Any) -> Any:
        catalog = Catalog(open_store(db, create=True, lang=lang), review_months=review_months)
        try:
            return fn(catalog=catalog, lang=lang, **kwargs)
        except IllegalTransition as exc:
            click.echo(f"{label('error', lang)}: {refusal(exc, lang)}", err=True)
            sys.exit(EXIT_RUNTIME)

    return wrapper


def refusal(exc: IllegalTransition, lang: str) -> str:
    """An illegal move said in the user's language."""
    if isinstance(exc, OpenRevision):
        return label("open_revision", lang).format(
            sop=exc.sop_id, revision=exc.revision, id=exc.revision_id,
            state=sop_view.state_label(exc.state, lang))
    state, _, stage = exc.state.partition(" (")
    shown = sop_view.state_label(state, lang) + (f" ({stage}" if stage else "")
    allowed = ", ".join(label(f"move_{t}", lang) for t in exc.allowed)
    text = label("cannot_move", lang).format(move=label(f"move_{exc.trigger}", lang),
                                             state=shown)
    return f"{text}; {label('possible', lang)}: {allowed}" if allowed else text


by_option = click.option("--by", default=_who, show_default="$SOPENGINE_USER or login name",
                         help="Who makes the move (kept in the history).")
note_option = click.option("--note", help="A note kept in the history.")
id_argument = click.argument("revision_id", type=int, metavar="ID")


@click.group()
def sop() -> None:
    """The catalog of SOP documents: submit, review, approve, withdraw, list."""


@sop.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--draft", is_flag=True, help="Store it as a draft; do not send it for review.")
@by_option
@note_option
@catalog_options
def submit(catalog: Catalog, file: Path, draft: bool, by: str, note: str | None, lang: str,
           as_json: bool) -> None:
    """Submit FILE for review (a new revision, or the correction of a returned one);
    a .docx, .xlsx or .pdf SOP document is imported first, each SOP in it submitted."""
    for source in _sources(file, lang):
        rev = catalog.submit(source, by=by, note=note, draft=draft)
        sop_view.one(rev, catalog, lang, as_json)


def _sources(file: Path, lang: str) -> list[Any]:
    """The SOP file, or each SOP a document holds, all checked before any is submitted."""
    if file.suffix.lower() not in (".docx", ".xlsx", ".xlsm", ".pdf"):
        return [file]
    from sopengine.definition.loader import check_text
    from sopengine.importing import import_document

    checked = [check_text(i.text, f"{i.id}.yaml") for i in import_document(file, lang)]
    for loaded in checked:
        if not loaded.ok:
            raise SopInvalid(f"{file} -> {loaded.path}", loaded.diagnostics)
    return checked


@sop.command()
@id_argument
@by_option
@note_option
@catalog_options
def verify(catalog: Catalog, revision_id: int, by: str, note: str | None, lang: str,
           as_json: bool) -> None:
    """The organisation section passes revision ID on to the head."""
    sop_view.one(catalog.verify(revision_id, by=by, note=note), catalog, lang, as_json)


@sop.command("return")
@id_argument
@by_option
@click.option("--note", required=True, help="What to correct (kept in the history).")
@catalog_options
def return_(catalog: Catalog, revision_id: int, by: str, note: str, lang: str,
            as_json: bool) -> None:
    """Return revision ID to its unit for correction."""
    sop_view.one(catalog.return_(revision_id, by=by, note=note), catalog, lang, as_json)


@sop.command()
@id_argument
@click.option("--number", help="Nomor SOP (default: the draft's own, else the number of "
              "the revision it replaces).")
@click.option("--effective", type=click.DateTime(["%Y-%m-%d"]),
              help="Tanggal Efektif, YYYY-MM-DD (default: today).")
@by_option
@note_option
@catalog_options
def approve(catalog: Catalog, revision_id: int, number: str | None,
            effective: dt.datetime | None, by: str, note: str | None, lang: str,
            as_json: bool) -> None:
    """The head approves revision ID: number and dates are filled, it is published."""
    rev = catalog.approve(revision_id, by=by, number=number, note=note,
                          effective=effective.date() if effective else None)
    sop_view.one(rev, catalog, lang, as_json)


@sop.command()
@id_argument
@by_option
@note_option
@catalog_options
def withdraw(catalog: Catalog, revision_id: int, by: str, note: str | None, lang: str,
             as_json: bool) -> None:
    """Withdraw revision ID (a draft abandoned, or an SOP no longer in force)."""
    sop_view.one(catalog.withdraw(revision_id, by=by, note=note), catalog, lang, as_json)


@sop.command()
@id_argument
@by_option
@note_option
@catalog_options
def confirm(catalog: Catalog, revision_id: int, by: str, note: str | None, lang: str,
            as_json: bool) -> None:
    """Record the yearly review of revision ID: unchanged, in force for another period."""
    sop_view.one(catalog.confirm(revision_id, by=by, note=note), catalog, lang, as_json)


@sop.command("list")
@click.option("--state", type=click.Choice(list(sop_view.STATES)), help="Only this state.")
@click.option("--sop", "sop_id", help="Only the revisions of this SOP id.")
@catalog_options
def list_(catalog: Catalog, state: str | None, sop_id: str | None, lang: str,
          as_json: bool) -> None:
    """Revisions in the catalog, by SOP, newest first."""
    catalog.refresh()
    sop_view.listing(catalog.revisions(state=state, sop_id=sop_id), catalog, lang, as_json,
                     label("catalog", lang))


@sop.command()
@catalog_options
def due(catalog: Catalog, lang: str, as_json: bool) -> None:
    """SOPs due for review, the longest overdue first."""
    sop_view.listing(catalog.due(), catalog, lang, as_json, label("due_list", lang))


@sop.command()
@id_argument
@click.option("--source", is_flag=True, help="Print the YAML (the published copy once "
              "approved, else as submitted) instead.")
@catalog_options
def show(catalog: Catalog, revision_id: int, source: bool, lang: str, as_json: bool) -> None:
    """Revision ID: its state, where its review stands, and its whole history."""
    rev = catalog.follow(revision_id)
    if source:
        click.echo(rev.published or rev.source, nl=False)
    else:
        sop_view.detail(rev, catalog, lang, as_json)


