"""The critical path as a table (rich) and as the spec's JSON."""

from __future__ import annotations

import json
import os
from typing import Any

from rich.console import Console
from rich.text import Text

from sopengine.analysis.cpm import CriticalPath
from sopengine.cli.text_table import Column, Row, print_table
from sopengine.definition.model import Sop
from sopengine.labels import label


def num(x: float) -> int | float:
    """JSON-friendly: 15.0 -> 15, 12.75 stays."""
    return int(x) if float(x).is_integer() else round(x, 4)


def critical_path_json(sop: Sop, cp: CriticalPath, expected: float | None) -> str:
    out: dict[str, Any] = {
        "sop": cp.sop_id,
        "total_minutes": num(cp.total_minutes),
        "expected_total_minutes": None if expected is None else round(expected, 2),
        "total_hours": num(cp.total_hours),
        "total_days": num(cp.total_days),
        "working_day_minutes": num(cp.working_time.day_minutes),
        "critical_path": list(cp.critical_path),
        "rework_only": list(cp.rework_only),
        "steps": [{"id": t.id, "duration": num(t.duration),
                   "earliest_start": num(t.earliest_start),
                   "earliest_finish": num(t.earliest_finish),
                   "latest_start": num(t.latest_start), "latest_finish": num(t.latest_finish),
                   "slack": num(t.slack), "free_slack": num(t.free_slack),
                   "critical": t.critical} for t in cp.steps],
        "actors": {aid: {"minutes": num(a.minutes), "steps": a.steps}
                   for aid, a in cp.actors.items()},
    }
    return json.dumps(out, ensure_ascii=False, indent=2)


def console() -> Console:
    """A console as wide as the terminal; $COLUMNS or 120 columns when writing to a file
    or pipe.
    Strings are printed as they are: no markup, emoji codes or highlighting, since most
    of what is printed is an author's or a user's text (styles go in :func:`styled`)."""
    plain = {"markup": False, "emoji": False, "highlight": False}
    probe = Console(**plain)
    if probe.is_terminal:
        return probe
    columns = os.environ.get("COLUMNS", "")
    return Console(width=int(columns) if columns.isdigit() and int(columns) > 20 else 120,
                   **plain)


def styled(*parts: str | tuple[str, str]) -> Text:
    """One line of text: plain strings, or (text, style) pairs; never read as markup."""
    return Text.assemble(*parts)


def print_critical_path(console: Console, sop: Sop, cp: CriticalPath, lang: str,
                        expected: float | None = None) -> None:
    numeric = ("no", "time", "es", "ef", "ls", "lf", "slack")
    columns = [Column(label(key, lang), right=key in numeric, wrap=key == "actor",
                      min_width=4 if key in numeric else 8)
               for key in ("no", "step", "actor", "time", "es", "ef", "ls", "lf", "slack",
                           "critical")]
    row_of = {s.id: i + 1 for i, s in enumerate(sop.steps)}
    rows = [Row((str(row_of[t.id]), t.id, ", ".join(sop.step(t.id).actor), f"{num(t.duration)}",
                 f"{num(t.earliest_start)}", f"{num(t.earliest_finish)}",
                 f"{num(t.latest_start)}", f"{num(t.latest_finish)}", f"{num(t.slack)}",
                 label("yes", lang) if t.critical else ""), "bold" if t.critical else "dim")
            for t in cp.steps]
    print_table(console, f"{sop.title} ({sop.id}) — {label('times_in', lang)}", columns, rows)
    wt = cp.working_time
    console.print(styled(
        (f"{label('total', lang)}:", "bold"), f" {num(cp.total_minutes)} {label('minutes', lang)}"
        f" = {cp.total_hours:.2f} {label('hours', lang)} = {cp.total_days:.2f} "
        f"{label('workdays', lang)} ({wt.day_minutes / 60:g} {label('hours_per_day', lang)})"))
    if expected is not None:
        console.print(styled((f"{label('expected', lang)}:", "bold"),
                             f" {expected:.1f} {label('minutes', lang)}"))
    console.print(styled((f"{label('critical_path', lang)}:", "bold"),
                         " " + " → ".join(cp.critical_path)))
    if cp.rework_only:
        console.print(styled((f"{label('rework_only', lang)}:", "bold"),
                             " " + ", ".join(cp.rework_only)))
    loads = ", ".join(f"{a} = {sop.actors[a]}: {num(load.minutes)} {label('minutes', lang)} "
                      f"({load.steps} {label('steps', lang)})" for a, load in cp.actors.items())
    console.print(styled((f"{label('per_actor', lang)}:", "bold"), f" {loads}"))
