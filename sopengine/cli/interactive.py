"""`sopengine run FILE` in a terminal: ask at each step who completes it, the
answer of a decision and a note, on the real clock."""

from __future__ import annotations

import click
from rich.console import Console
from rich.progress_bar import ProgressBar
from rich.table import Table

from sopengine.cli.analysis_view import styled
from sopengine.definition.loader import LoadedSop
from sopengine.definition.model import Sop
from sopengine.labels import label
from sopengine.runtime.engine import Engine
from sopengine.runtime.records import Instance, Task


def run_interactive(engine: Engine, loaded: LoadedSop, console: Console,
                    lang: str) -> Instance:
    instance = engine.start(loaded)
    sop, _ = engine.definition(instance.definition)
    console.print(styled((f"{label('instance', lang)} {instance.id}", "bold"),
                         f" {label('started', lang)}: {sop.title}"))
    done = 0
    try:
        while ready := engine.tasks(instance_id=instance.id):
            task = _pick_task(sop, ready, lang)
            _ask_and_complete(engine, sop, instance.id, task, console, lang)
            done += 1
            _progress(console, done, len(sop.steps), lang)
    except click.Abort:
        click.echo("\n" + label("still_running", lang).format(n=instance.id), err=True)
        raise
    return engine.instance(instance.id)


def _pick_task(sop: Sop, ready: list[Task], lang: str) -> Task:
    if len(ready) == 1:
        return ready[0]
    for i, task in enumerate(ready, 1):
        click.echo(f"  {i}. {task.step}: {sop.step(task.step).action} "
                   f"({', '.join(sop.actors[a] for a in task.actors)})")
    choice = click.prompt(label("which_task", lang), type=click.IntRange(1, len(ready)),
                          default=1)
    return ready[choice - 1]


def _ask_and_complete(engine: Engine, sop: Sop, instance_id: int, task: Task,
                      console: Console, lang: str) -> None:
    step = sop.step(task.step)
    row = next(i for i, s in enumerate(sop.steps, 1) if s.id == step.id)
    actors = ", ".join(sop.actors[a] for a in task.actors)
    console.print(styled("\n", (f"No. {row}", "bold"), f" {step.action}  ",
                         (f"({actors}; {label('standard_time', lang)} {step.time}; "
                          f"{label('due', lang).lower()} {task.due_at:%Y-%m-%d %H:%M})", "dim")))
    actor = task.actors[0]
    if len(task.actors) > 1:
        actor = click.prompt(label("which_actor", lang), type=click.Choice(task.actors),
                             default=task.actors[0])
    by = click.prompt(label("who", lang), default=sop.actors[actor])
    branch = None
    if step.branches:
        branch = click.prompt(step.ask or label("answer", lang),
                              type=click.Choice(list(step.branches), case_sensitive=False))
    note = click.prompt(label("optional_note", lang), default="", show_default=False)
    engine.complete(instance_id, step.id, branch=branch, by=by, actor=actor,
                    note=note or None)


def _progress(console: Console, done: int, total: int, lang: str) -> None:
    grid = Table.grid(padding=(0, 1))
    grid.add_row(ProgressBar(total=total, completed=min(done, total), width=30),
                 f"{done}/{total} {label('steps_done', lang)}")
    console.print(grid)
