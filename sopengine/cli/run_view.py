"""How instances, tasks and runs are shown: rich tables, or JSON."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import click
from rich import box
from rich.table import Table

from sopengine.analysis.actuals import StepActuals
from sopengine.analysis.cpm import critical_path
from sopengine.cli.analysis_view import console, num, styled
from sopengine.definition.model import Sop
from sopengine.labels import label, label_keys
from sopengine.runtime.engine import Completion, Engine
from sopengine.runtime.records import Event, Instance, Task


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat(timespec="minutes") if moment else None


def _when(moment: dt.datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment else ""


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _table(title: str) -> Table:
    return Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)


def instance_json(inst: Instance) -> dict[str, Any]:
    return {"instance": inst.id, "sop": inst.sop_id, "definition": inst.definition,
            "status": inst.status, "clock": inst.clock, "started_at": _iso(inst.started_at),
            "finished_at": _iso(inst.finished_at)}


def task_json(task: Task, now: dt.datetime) -> dict[str, Any]:
    return {"task": task.id, "instance": task.instance_id, "step": task.step,
            "actors": list(task.actors), "state": task.state, "ready_at": _iso(task.ready_at),
            "due_at": _iso(task.due_at), "done_at": _iso(task.done_at), "by": task.done_by,
            "actor": task.actor, "branch": task.branch, "note": task.note,
            "late": task.is_late(now)}


def event_json(ev: Event) -> dict[str, Any]:
    return {"seq": ev.seq, "kind": ev.kind, "at": _iso(ev.at), "step": ev.step,
            "actor": ev.actor, "by": ev.by, "branch": ev.branch, "note": ev.note,
            "outputs": list(ev.outputs)}


def summary(engine: Engine, inst: Instance, lang: str, as_json: bool) -> None:
    """The end of `run`: the timeline and the total against the critical path."""
    sop, flow = engine.definition(inst.definition)
    done = sorted((t for t in engine.all_tasks(inst.id) if t.state == "done"),
                  key=lambda t: (t.done_at, t.id))
    end = inst.finished_at or (done[-1].done_at if done else inst.started_at)
    elapsed = engine.calendar.between(inst.started_at, end) if end else 0.0
    cp = critical_path(sop, flow, engine.working_time).total_minutes
    if as_json:
        _echo_json({**instance_json(inst), "total_minutes": num(elapsed),
                    "critical_path_minutes": num(cp),
                    "steps": [{"id": t.step, "actor": t.actor, "by": t.done_by,
                               "start": _iso(t.ready_at), "finish": _iso(t.done_at),
                               **({"branch": t.branch} if t.branch else {})}
                              for t in done]})
        return
    out = console()
    table = _table(f"{sop.title} — {label('instance', lang)} {inst.id} "
                   f"({label(inst.status, lang)})")
    for key in ("no", "step", "actor", "start", "finish", "branch", "late"):
        table.add_column(label(key, lang))
    rows = {s.id: i for i, s in enumerate(sop.steps, 1)}
    for t in done:
        table.add_row(str(rows[t.step]), t.step, sop.actors.get(t.actor or "", t.actor or ""),
                      _when(t.ready_at), _when(t.done_at), t.branch or "",
                      label("yes", lang) if t.is_late(engine.clock()) else "")
    out.print(table)
    out.print(styled((f"{label('elapsed', lang)}:", "bold"),
                     f" {num(elapsed)} {label('minutes', lang)} ({label('vs_critical', lang)}: "
                     f"{num(cp)} {label('minutes', lang)})"))


def show(engine: Engine, instance_id: int, as_json: bool, *, brief: bool = False,
         lang: str = "id") -> None:
    inst = engine.instance(instance_id)
    now = engine.clock()
    every = engine.all_tasks(instance_id)
    open_tasks = [t for t in every if t.state == "ready"]
    late = [t for t in every if t.is_late(now)]
    if as_json:
        data = {**instance_json(inst), "open_tasks": [task_json(t, now) for t in open_tasks],
                "late_tasks": [task_json(t, now) for t in late]}
        if not brief:
            data["history"] = [event_json(e) for e in engine.history(instance_id)]
        _echo_json(data)
        return
    out = console()
    finished = f", {label('finish', lang).lower()} {_when(inst.finished_at)}" \
        if inst.finished_at else ""
    out.print(styled((f"{label('instance', lang)} {inst.id}", "bold"),
                     f" {inst.sop_id}: {label(inst.status, lang)} "
                     f"({label('start', lang).lower()} {_when(inst.started_at)}{finished})"))
    _print_tasks(out, open_tasks, now, label("open_tasks", lang), lang)
    if brief:
        return
    history = _table(label("history", lang))
    for key in ("at", "event", "step", "by", "branch", "note"):
        history.add_column(label(key, lang))
    for ev in engine.history(instance_id):
        kind = label(ev.kind, lang) if ev.kind in label_keys() else ev.kind
        history.add_row(_when(ev.at), kind, ev.step or "", ev.by or "", ev.branch or "",
                        ev.note or "")
    out.print(history)
    if late:
        out.print(styled((f"{label('late', lang)}:", "bold red"), " " + ", ".join(
            f"{t.step} ({label('due', lang).lower()} {_when(t.due_at)})" for t in late)))


def _print_tasks(out: Any, found: Sequence[Task], now: dt.datetime, title: str,
                 lang: str) -> None:
    table = _table(title)
    for key in ("instance", "step", "actor", "ready", "due", "late"):
        table.add_column(label(key, lang))
    for t in found:
        late = t.is_late(now)
        table.add_row(str(t.instance_id), t.step, ", ".join(t.actors), _when(t.ready_at),
                      _when(t.due_at), label("yes", lang) if late else "",
                      style="red" if late else None)
    out.print(table)


def task_list(engine: Engine, found: Sequence[Task], as_json: bool, lang: str = "id") -> None:
    now = engine.clock()
    if as_json:
        _echo_json({"tasks": [task_json(t, now) for t in found]})
    else:
        _print_tasks(console(), found, now, label("open_tasks", lang), lang)


def completion(engine: Engine, done: Completion, as_json: bool, lang: str = "id") -> None:
    data = {"instance": done.task.instance_id, "step": done.task.step, "by": done.task.done_by,
            "branch": done.branch, "status": done.instance_status,
            "next": [t.step for t in done.new_tasks]}
    if as_json:
        _echo_json(data)
        return
    nxt = ", ".join(data["next"]) or "-"
    answer = f" ({done.branch})" if done.branch else ""
    status = label(done.instance_status, lang)
    click.echo(f"{done.task.step}{answer} selesai oleh {done.task.done_by}; berikutnya: {nxt}; "
               f"instans {done.task.instance_id} {status}" if lang == "id" else
               f"{done.task.step}{answer} done by {done.task.done_by}; next: {nxt}; "
               f"instance {done.task.instance_id} {status}")


def instance_list(found: Sequence[Instance], as_json: bool, lang: str = "id") -> None:
    if as_json:
        _echo_json({"instances": [instance_json(i) for i in found]})
        return
    table = _table(label("instance", lang))
    for key in ("instance", "sop", "status", "start", "finish"):
        table.add_column(label(key, lang))
    for i in found:
        table.add_row(str(i.id), i.sop_id, label(i.status, lang), _when(i.started_at),
                      _when(i.finished_at))
    console().print(table)


def actuals(sop: Sop, rows: Sequence[StepActuals], lang: str, as_json: bool,
            notes: Sequence[str] = ()) -> None:
    """The report; ``notes`` (on older versions) go into the JSON (the caller prints them
    under the table)."""
    def opt(x: float | None) -> Any:
        return None if x is None else num(x)

    if as_json:
        _echo_json({"sop": sop.id, "steps": [
            {"id": r.step, "standard_minutes": num(r.standard_minutes), "count": r.count,
             "median_minutes": opt(r.median_minutes), "p90_minutes": opt(r.p90_minutes),
             "share_late": opt(r.share_late), "in_newest_version": r.in_newest,
             "standards_by_version": [num(m) for m in r.standards] or None}
            for r in rows], "notes": list(notes)})
        return
    table = _table(f"{sop.title} — {label('times_in', lang)}")
    for key in ("no", "step", "standard", "count", "median", "p90", "share_late"):
        table.add_column(label(key, lang), justify="left" if key == "step" else "right")
    for i, r in enumerate(rows, 1):
        table.add_row(str(i), r.step, f"{num(r.standard_minutes)}", str(r.count),
                      "" if r.median_minutes is None else f"{num(round(r.median_minutes, 1))}",
                      "" if r.p90_minutes is None else f"{num(round(r.p90_minutes, 1))}",
                      "" if r.share_late is None else f"{r.share_late:.0%}")
    console().print(table)
