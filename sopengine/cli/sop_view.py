"""How catalog revisions are shown: rich tables in Indonesian (or English), or JSON."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import click
from rich import box
from rich.table import Table

from sopengine.cli.analysis_view import console
from sopengine.labels import label
from sopengine.runtime.catalog import Catalog
from sopengine.runtime.revision import STATES, Revision, RevisionEvent

__all__ = ["STATES", "detail", "listing", "one", "state_label"]


def state_label(state: str, lang: str) -> str:
    return label(f"state_{state}", lang)


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def revision_json(rev: Revision, catalog: Catalog) -> dict[str, Any]:
    stage = catalog.review.stage(rev.instance_id) if rev.instance_id else None
    return {"id": rev.id, "sop": rev.sop_id, "revision": rev.revision, "title": rev.title,
            "unit": rev.unit, "state": rev.state, "stage": stage, "number": rev.number,
            "created": _day(rev.created_on), "revised": _day(rev.revised_on),
            "effective": _day(rev.effective_on),
            "review_due": _day(rev.due_on(catalog.review_months)),
            "approved_by": rev.approved_by, "instance": rev.instance_id,
            "sha256": rev.sha256}


def event_json(e: RevisionEvent) -> dict[str, Any]:
    return {"at": e.at.isoformat(timespec="minutes"), "move": e.trigger, "from": e.from_state,
            "to": e.to_state, "by": e.by, "note": e.note}


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def one(rev: Revision, catalog: Catalog, lang: str, as_json: bool) -> None:
    """The line a move prints: which revision, in which state now."""
    if as_json:
        _echo_json(revision_json(rev, catalog))
        return
    stage = catalog.review.stage(rev.instance_id) if rev.instance_id else None
    waiting = f" ({label('awaiting', lang)} {stage})" if stage else ""
    click.echo(f"{label('revision', lang)} {rev.id}: {rev.sop_id} {label('rev', lang)} "
               f"{rev.revision}, {state_label(rev.state, lang)}{waiting}")


def listing(revs: Sequence[Revision], catalog: Catalog, lang: str, as_json: bool,
            title: str) -> None:
    if as_json:
        _echo_json({"revisions": [revision_json(r, catalog) for r in revs]})
        return
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for key in ("id", "sop", "rev", "title", "state", "nomor_sop", "tgl_efektif", "review_due"):
        table.add_column(label(f"col_{key}" if key in ("id", "sop", "title", "rev") else key,
                               lang))
    for r in revs:
        table.add_row(str(r.id), r.sop_id, str(r.revision), r.title,
                      state_label(r.state, lang), r.number or "", _day(r.effective_on) or "",
                      _day(r.due_on(catalog.review_months)) or "")
    console().print(table)


def detail(rev: Revision, catalog: Catalog, lang: str, as_json: bool) -> None:
    events = catalog.history(rev.id)
    if as_json:
        _echo_json({**revision_json(rev, catalog), "history": [event_json(e) for e in events]})
        return
    one(rev, catalog, lang, False)
    table = Table(title=label("history", lang), title_justify="left", box=box.SIMPLE_HEAD,
                  pad_edge=False)
    for key in ("at", "event", "state", "by", "note"):
        table.add_column(label(key, lang))
    for e in events:
        table.add_row(f"{e.at:%Y-%m-%d %H:%M}", label(f"move_{e.trigger}", lang),
                      state_label(e.to_state, lang), e.by or "", e.note or "")
    console().print(table)
