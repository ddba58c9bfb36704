"""Commands that run SOPs: run, start, tasks, complete, show, list, cancel, report."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import replace
from functools import wraps
from pathlib import Path
from typing import Any

import click

from sopengine.analysis.actuals import compare_actuals
from sopengine.cli import params, run_view
from sopengine.cli.analysis_view import console, num
from sopengine.cli.interactive import run_interactive
from sopengine.cli.params import (
    INSTANCE,
    LIMIT,
    NOTE,
    SEED,
    TEXT,
    RegularFile,
    open_store,
)
from sopengine.definition.calendar_file import office_calendar
from sopengine.definition.duration import WorkingTime
from sopengine.definition.loader import check_file
from sopengine.diagnostics import Severity
from sopengine.errors import SopInvalid
from sopengine.labels import label
from sopengine.runtime.autorun import run_auto
from sopengine.runtime.engine import Engine

STATUSES = ("running", "completed", "cancelled")
lang_option = params.lang_option()


def engine_options(fn: Callable[..., Any] | None = None, *,
                   create: bool = False) -> Any:
    """--db, --calendar, --holidays and --json, turned into an ``engine`` argument; the
    calendar is the office's (``--calendar``, else the calendar.yaml beside the SOP file
    the command is given, else the default), plus the ``--holidays`` dates. Only a
    command with ``create`` (it starts an instance) makes a database that is not there,
    and says so; the others refuse it."""
    if fn is None:
        return lambda f: engine_options(f, create=create)

    @click.option("--db", envvar="SOPENGINE_DB", metavar="PATH|URL",
                  help="Database: a SQLite file or a URL (postgresql+psycopg://...). "
                  "Default: $SOPENGINE_DB, else sopengine.db in the user data directory. "
                  "Only run and start create a SQLite file that is not there (and say so).")
    @click.option("--calendar", "calendar_file", envvar="SOPENGINE_CALENDAR",
                  type=click.Path(path_type=Path), metavar="FILE",
                  help="The office's working calendar (calendar.yaml). Default: "
                  "$SOPENGINE_CALENDAR, else the calendar.yaml beside the SOP file, else "
                  "Monday to Friday 07:30-15:00.")
    @click.option("--holidays", type=RegularFile(),
                  help="A file of holiday dates (YYYY-MM-DD, one per line or a YAML list), "
                  "added to the calendar's closed days.")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON to stdout (only).")
    @wraps(fn)
    def wrapper(db: str | None, calendar_file: Path | None, holidays: Path | None,
                **kwargs: Any) -> Any:
        beside = kwargs.get("file") or Path(str(kwargs.get("sop") or ""))
        calendar = office_calendar(calendar_file, beside, holidays)
        kwargs = _checked(kwargs, WorkingTime(day_minutes=calendar.day_minutes))
        store = open_store(db, create=create, lang=kwargs.get("lang", "id"))
        return fn(engine=Engine(store, calendar), **kwargs)

    return wrapper


def _checked(kwargs: dict[str, Any], working_time: WorkingTime) -> dict[str, Any]:
    """The SOP a command is given, checked before the database is opened (an invalid
    SOP is exit status 1, and no database is made for it): ``file`` (run, start)
    becomes ``loaded``; ``sop`` (report) becomes an SOP id, that of a FILE given."""
    out = dict(kwargs)
    if "file" in out:
        out["loaded"] = _loaded(out.pop("file"), working_time)
    if "sop" in out:
        sop = out.pop("sop")
        out["sop_id"] = _loaded(Path(sop), working_time).sop.id \
            if sop.endswith((".yaml", ".yml")) \
            else TEXT.convert(sop, None, click.get_current_context())
    return out


def _loaded(file: Path, working_time: WorkingTime) -> Any:
    loaded = check_file(file, working_time)
    if not loaded.ok:
        raise SopInvalid(loaded.path, loaded.diagnostics)
    return loaded


def _decisions(pairs: tuple[str, ...], sop: Any) -> dict[str, str]:
    """``--decide STEP=BRANCH`` pairs, each checked against the SOP before anything starts."""
    out = {}
    for pair in pairs:
        step, sep, branch = pair.partition("=")
        if not sep or not step or not branch:
            raise click.BadParameter(f"'{pair}': write STEP=BRANCH, e.g. koreksi=Tidak",
                                     param_hint="--decide")
        _check_decision(sop, step, branch)
        out[step] = branch
    return out


def _check_decision(sop: Any, step: str, branch: str) -> None:
    decisions = [s.id for s in sop.steps if s.branches]
    found = next((s for s in sop.steps if s.id == step), None)
    if found is None or not found.branches:
        why = "no such step" if found is None else "that step is not a decision"
        raise click.BadParameter(f"'{step}': {why}; the decisions are: "
                                 f"{', '.join(decisions) or '(none)'}", param_hint="--decide")
    if branch.casefold() not in {label.casefold() for label in found.branches}:
        raise click.BadParameter(f"step '{step}' has no answer '{branch}'; its answers are: "
                                 f"{', '.join(found.branches)}", param_hint="--decide")


def _refuse_endless(loaded: Any) -> None:
    """A loop whose exit has chance 0 would run into the guard: refuse before starting."""
    trapped = [replace(d, severity=Severity.ERROR) for d in loaded.diagnostics
               if d.code == "loop-never-exits"]
    if trapped:
        raise SopInvalid(loaded.path, trapped)


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--auto", is_flag=True, help="Ask nothing: a simulated run on a virtual clock "
              "using the standard times.")
@click.option("--seed", type=SEED, help="With --auto: the seed for drawing decisions by their "
              "chances (a run is repeatable).")
@click.option("--decide", multiple=True, metavar="STEP=BRANCH", type=TEXT,
              help="With --auto: always answer this decision so (repeatable).")
@click.option("--start", "start_at",
              type=click.DateTime(["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"]),
              help="With --auto: when the virtual clock starts (default: tomorrow at opening "
              "time).")
@lang_option
@engine_options(create=True)
def run(engine: Engine, loaded: Any, auto: bool, seed: int | None, decide: tuple[str, ...],
        start_at: dt.datetime | None, lang: str, as_json: bool) -> None:
    """Start an instance of FILE and drive it to its end, then summarise it."""
    if auto:
        decisions = _decisions(decide, loaded.sop)
        _refuse_endless(loaded)
        instance, _ = run_auto(engine, loaded, seed=seed, decide=decisions, start=start_at)
    else:
        if decide or seed is not None or start_at:
            raise click.UsageError("--seed, --decide and --start go with --auto")
        instance = run_interactive(engine, loaded, console(), lang)
    run_view.summary(engine, instance, lang, as_json)


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@lang_option
@engine_options(create=True)
def start(engine: Engine, loaded: Any, as_json: bool, lang: str) -> None:
    """Start an instance of FILE; its first task goes to its actor's inbox."""
    instance = engine.start(loaded)
    run_view.show(engine, instance.id, as_json, brief=True, lang=lang)


@click.command()
@click.option("--actor", type=TEXT, help="Only this actor's inbox (an actor id, e.g. camat).")
@click.option("--instance", "instance_id", type=INSTANCE, help="Only this instance's tasks.")
@click.option("--limit", type=LIMIT, default=100, show_default=True,
              help="At most this many rows.")
@lang_option
@engine_options
def tasks(engine: Engine, actor: str | None, instance_id: int | None, limit: int,
          as_json: bool, lang: str) -> None:
    """Ready tasks, soonest due first; late ones are marked."""
    found = engine.tasks(actor=actor, instance_id=instance_id, limit=limit)
    run_view.task_list(engine, found, as_json, lang)


@click.command()
@click.argument("instance_id", type=INSTANCE, metavar="INSTANCE")
@click.argument("step", type=TEXT)
@click.option("--branch", type=TEXT, help="The answer of a decision (e.g. Ya, Tidak).")
@click.option("--by", type=TEXT,
              help="Who completes it (a name); default: the actor's position.")
@click.option("--as", "actor", type=TEXT,
              help="For a step of several actors: which one completes it.")
@click.option("--note", type=NOTE, help="A note kept in the history.")
@lang_option
@engine_options
def complete(engine: Engine, instance_id: int, step: str, branch: str | None, by: str | None,
             actor: str | None, note: str | None, as_json: bool, lang: str) -> None:
    """Complete the ready task of STEP in INSTANCE."""
    done = engine.complete(instance_id, step, branch=branch, by=by, actor=actor, note=note)
    run_view.completion(engine, done, as_json, lang)


@click.command()
@click.argument("instance_id", type=INSTANCE, metavar="INSTANCE")
@lang_option
@engine_options
def show(engine: Engine, instance_id: int, as_json: bool, lang: str) -> None:
    """An instance: its state, open and late tasks, and its whole history."""
    run_view.show(engine, instance_id, as_json, lang=lang)


@click.command("list")
@click.option("--status", type=click.Choice([*STATUSES, *(label(s) for s in STATUSES)],
                                           case_sensitive=False),
              help="Only instances in this state (the English or the Indonesian word).")
@click.option("--sop", "sop_id", type=TEXT, help="Only instances of this SOP id.")
@click.option("--limit", type=LIMIT, default=100, show_default=True,
              help="At most this many rows.")
@lang_option
@engine_options
def list_(engine: Engine, status: str | None, sop_id: str | None, limit: int,
          as_json: bool, lang: str) -> None:
    """Instances, newest first."""
    english = {label(s): s for s in STATUSES}.get(status, status) if status else None
    run_view.instance_list(engine.instances(status=english, sop_id=sop_id, limit=limit),
                           as_json, lang)


@click.command()
@click.argument("instance_id", type=INSTANCE, metavar="INSTANCE")
@click.option("--by", type=TEXT, help="Who cancels it.")
@click.option("--note", type=NOTE, help="Why.")
@lang_option
@engine_options
def cancel(engine: Engine, instance_id: int, by: str | None, note: str | None,
           as_json: bool, lang: str) -> None:
    """Cancel a running instance and its open tasks."""
    engine.cancel(instance_id, by=by, note=note)
    run_view.show(engine, instance_id, as_json, brief=True, lang=lang)


@click.command()
@click.argument("sop", metavar="SOP_ID|FILE")
@lang_option
@engine_options
def report(engine: Engine, sop_id: str, lang: str, as_json: bool) -> None:
    """Actual against standard time per step, across the instances of an SOP."""
    versions = engine.versions(sop_id)  # the newest instance's first
    if not versions:
        click.echo(f"tidak ada instans '{sop_id}' di basis data ini" if lang == "id" else
                   f"no instances of '{sop_id}' in this database", err=True)
        sys.exit(1)
    rows = compare_actuals(versions[0], engine.step_times(sop_id), engine.calendar,
                           engine.working_time, older=versions[1:])
    notes = version_notes(rows, lang)
    run_view.actuals(versions[0], rows, lang, as_json, notes)
    if not as_json:
        for line in notes:
            click.echo(line)


def version_notes(rows: Any, lang: str) -> list[str]:
    """What the table cannot say of older versions: a step they alone have, a
    standard time that differs between versions."""
    notes = []
    for r in rows:
        if not r.in_newest:
            notes.append(label("report_older_step", lang).format(step=r.step))
        if r.standards:
            notes.append(label("report_standards", lang).format(
                step=r.step, minutes=", ".join(f"{num(m)}" for m in r.standards)))
    return notes


COMMANDS = (run, start, tasks, complete, show, list_, cancel, report)
