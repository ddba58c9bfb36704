"""Rules about names: step ids, actors, `next` and branch targets, chances."""

from __future__ import annotations

from collections.abc import Iterator

from sopengine.definition._suggest import did_you_mean
from sopengine.definition.model import END
from sopengine.definition.rules.context import RuleContext
from sopengine.diagnostics import Diagnostic, make


def step_ids(ctx: RuleContext) -> Iterator[Diagnostic]:
    seen: dict[str, int] = {}
    for i, step in enumerate(ctx.sop.steps):
        loc = ("steps", i, "id")
        if step.id == END:
            yield make("reserved-step-id", "'end' cannot be a step id: it is the target that "
                       "ends the SOP", hint="rename the step, e.g. 'selesai'", loc=loc)
        elif step.id in seen:
            yield make("duplicate-step-id", f"step id '{step.id}' is already used by step "
                       f"No. {seen[step.id] + 1}", hint="give every step its own id", loc=loc)
        seen.setdefault(step.id, i)


def actors(ctx: RuleContext) -> Iterator[Diagnostic]:
    if not ctx.actors_intact:
        return
    known = ctx.sop.actors
    by_name = {name.casefold(): aid for aid, name in known.items()}
    for i, step in enumerate(ctx.sop.steps):
        for j, actor in enumerate(step.actor):
            if actor in known:
                continue
            loc = ("steps", i, "actor", j) if len(step.actor) > 1 else ("steps", i, "actor")
            named = by_name.get(actor.casefold())
            hint = (f"use the actor id '{named}' (the name '{known[named]}' is for display)"
                    if named else did_you_mean(actor, known, what="actors"))
            yield make("unknown-actor", f"unknown actor '{actor}' in step '{step.id}': it is "
                       "not listed under `actors`", hint=hint, loc=loc)


def targets(ctx: RuleContext) -> Iterator[Diagnostic]:
    ids = [s.id for s in ctx.sop.steps]
    valid = {*ids, END}
    for i, step in enumerate(ctx.sop.steps):
        refs = [(("steps", i, "next", j), t) for j, t in enumerate(step.next or ())]
        refs += [(("steps", i, "branches", label, "to"), b.to)
                 for label, b in (step.branches or {}).items()]
        for loc, target in refs:
            if target not in valid:
                yield make("unknown-target", f"step '{step.id}' leads to '{target}', which is "
                           "no step id (nor 'end')", loc=loc,
                           hint=did_you_mean(target, valid, what="step ids"))


def next_lists(ctx: RuleContext) -> Iterator[Diagnostic]:
    for i, step in enumerate(ctx.sop.steps):
        nxt = step.next or ()
        if step.next is not None and step.branches:
            yield make("next-and-branches", f"step '{step.id}' has both `next` and "
                       "`branches`", hint="a decision leads on through its branches only: "
                       "remove `next`", loc=("steps", i, "next"))
        dupes = sorted({t for t in nxt if nxt.count(t) > 1})
        if dupes:
            yield make("duplicate-branch", f"step '{step.id}' starts '{dupes[0]}' twice in "
                       "`next`", hint="list each parallel branch once",
                       loc=("steps", i, "next"))


def decisions(ctx: RuleContext) -> Iterator[Diagnostic]:
    for i, step in enumerate(ctx.sop.steps):
        loc = ("steps", i, "branches")
        if step.branches is None:
            if step.ask:
                yield make("ask-without-branches", f"step '{step.id}' asks '{step.ask}' but "
                           "has no `branches`", hint="add the answers under `branches`, or "
                           "remove `ask`", loc=("steps", i, "ask"))
            continue
        if len(step.branches) < 2:
            yield make("too-few-branches", f"decision '{step.id}' has {len(step.branches)} "
                       "branch; a decision needs at least two answers",
                       hint="add the other answer (e.g. Tidak), or use `next`", loc=loc)
        yield from _letter_case(step.id, step.branches, loc)
        yield from _chances(step.id, step.branches, loc)


def _letter_case(step_id: str, branches: dict, loc: tuple) -> Iterator[Diagnostic]:
    """Answers that differ only in letter case ("Ya"/"ya"): one could never be told apart."""
    first: dict[str, str] = {}
    for label in branches:
        same = first.setdefault(label.casefold(), label)
        if same != label:
            yield make("answers-differ-in-case", f"the answers '{same}' and '{label}' of "
                       f"decision '{step_id}' differ only in letter case",
                       hint="give each answer its own word, or merge the two",
                       loc=(*loc, label))


def _chances(step_id: str, branches: dict, loc: tuple) -> Iterator[Diagnostic]:
    total = 0.0
    for label, branch in branches.items():
        if branch.chance is None:
            continue
        if not 0.0 <= branch.chance <= 1.0:
            yield make("bad-chance", f"chance {branch.chance:g} of answer '{label}' is "
                       "outside 0..1", hint="write a share such as 0.2 (20%)",
                       loc=(*loc, label, "chance"))
        total += branch.chance
    if total > 1.0 + 1e-9:
        yield make("chances-over-one", f"the chances of decision '{step_id}' add up to "
                   f"{total:g}, more than 1", hint="make them sum to 1, or leave one unset "
                   "to take the rest", loc=loc)


RULES = (step_ids, actors, targets, next_lists, decisions)
