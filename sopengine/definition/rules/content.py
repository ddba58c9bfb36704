"""Rules about the identity page and the content of steps (mostly warnings)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sopengine.definition.flow import Flow
from sopengine.definition.model import END
from sopengine.definition.nip import nip_problem
from sopengine.definition.rules.context import RuleContext
from sopengine.diagnostics import Diagnostic, make


def approver(ctx: RuleContext) -> Iterator[Diagnostic]:
    nip = ctx.sop.approved_by.nip if ctx.sop.approved_by else None
    if nip and (why := nip_problem(nip)):
        yield make("bad-nip", f"NIP '{nip}' is not valid: {why}",
                   hint="copy the NIP from the official's decree, e.g. '19671020 199303 1 009'",
                   loc=("approved_by", "nip"))


def dates(ctx: RuleContext) -> Iterator[Diagnostic]:
    d = ctx.sop.dates
    if d is None or d.created is None:
        return
    for name in ("revised", "effective"):
        later = getattr(d, name)
        if later is not None and later < d.created:
            yield make("dates-out-of-order", f"the {name} date {later} is before the created "
                       f"date {d.created}", hint="check the years and months",
                       loc=("dates", name))


def unused_actors(ctx: RuleContext) -> Iterator[Diagnostic]:
    if not ctx.actors_intact:
        return
    used = {a for s in ctx.sop.steps for a in s.actor}
    if used - set(ctx.sop.actors):
        return  # a misspelt actor is reported as unknown; "unused" would be noise
    for actor in ctx.sop.actors:
        if actor not in used:
            yield make("unused-actor", f"actor '{actor}' has no step", loc=("actors", actor),
                       hint="remove it, or give it its steps: its column would be empty")


def outputs(ctx: RuleContext) -> Iterator[Diagnostic]:
    for i, step in enumerate(ctx.sop.steps):
        if not step.outputs:
            yield make("no-outputs", f"step '{step.id}' has no outputs (mutu baku: output)",
                       hint="say what the step hands on, e.g. `outputs: [Surat undangan]`",
                       loc=("steps", i))


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def inputs(ctx: RuleContext) -> Iterator[Diagnostic]:
    """An input must come from an earlier step on the flow, or be listed equipment."""
    if not ctx.flow_intact:
        return
    flow = ctx.flow
    available: dict[str, set[str]] = {sid: set() for sid in flow.ids}
    equipment = {_norm(e) for e in ctx.sop.equipment}
    for i, step in enumerate(ctx.sop.steps):  # row order is a topological order
        have = available[step.id]
        for j, needed in enumerate(step.inputs):
            if _norm(needed) not in have and _norm(needed) not in equipment:
                yield make("input-not-produced", f"input '{needed}' of step '{step.id}' is "
                           "not an output of any earlier step, nor listed under `equipment`",
                           hint="name it exactly as the step that produces it does, or add "
                           "it to `equipment`", loc=("steps", i, "inputs", j))
        passed = have | {_norm(o) for o in step.outputs}
        for edge in flow.forward_out(step.id):
            if edge.target != END:
                available[edge.target] |= passed


def subjects(ctx: RuleContext) -> Iterator[Diagnostic]:
    """The guideline writes activities as verbs without a subject."""
    names = {n.casefold() for n in ctx.sop.actors.values()} | {"camat", "sekretaris", "kasi"}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    subject = re.compile(rf"({alternatives})\b\s+\S")
    for i, step in enumerate(ctx.sop.steps):
        match = subject.match(_norm(step.action))
        if match:
            yield make("action-has-subject", f"the action of step '{step.id}' begins with "
                       f"its actor '{step.action[:len(match.group(1))]}'",
                       loc=("steps", i, "action"),
                       hint="write it as a verb without subject, e.g. 'Mengoreksi dokumen' "
                       "(the actor's column already says who)")


def efforts(ctx: RuleContext) -> Iterator[Diagnostic]:
    wt = ctx.working_time
    for i, step in enumerate(ctx.sop.steps):
        if step.effort is not None and step.effort.minutes(wt) > step.time.minutes(wt):
            yield make("effort-exceeds-time", f"step '{step.id}' has effort {step.effort} "
                       f"longer than its time {step.time}", loc=("steps", i, "effort"),
                       hint="effort is the working time inside the step's elapsed time")


def _taken(chance: float | None) -> bool:
    return chance is None or chance > 0


def _can_finish(flow: Flow) -> set[str]:
    """Steps from which the end is reached over edges that are ever taken (chance > 0)."""
    seen, todo = {END}, [END]
    while todo:
        for edge in flow.in_edges(todo.pop()):
            if _taken(edge.chance) and edge.source not in seen:
                seen.add(edge.source)
                todo.append(edge.source)
    return seen


def trapped_loops(ctx: RuleContext) -> Iterator[Diagnostic]:
    """A decision whose only ways towards the end have chance 0: a loop never left."""
    if not ctx.flow_intact or not ctx.references_ok:
        return
    flow = ctx.flow
    finishing = _can_finish(flow)
    for i, step in enumerate(ctx.sop.steps):
        if step.id in finishing or step.id not in flow.can_end or not step.branches:
            continue
        for edge in flow.out_edges(step.id):
            if edge.chance == 0 and edge.target in finishing:
                yield make("loop-never-exits", f"step {step.id}: the answer '{edge.label}' "
                           "is the only way on to the end and its chance is 0, so the flow "
                           "would repeat forever", loc=("steps", i, "branches", edge.label),
                           hint="give the answer that leaves the loop a chance above 0")


RULES = (approver, dates, unused_actors, outputs, inputs, subjects, efforts, trapped_loops)
