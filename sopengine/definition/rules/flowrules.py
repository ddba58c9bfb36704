"""Rules about the flow as a whole: reachability, exits, parallel structure, totals."""

from __future__ import annotations

from collections.abc import Iterator

from sopengine.definition.rules.context import RuleContext
from sopengine.diagnostics import Diagnostic, make


def _references_ok(ctx: RuleContext) -> bool:
    return ctx.flow_intact and ctx.references_ok

def reachability(ctx: RuleContext) -> Iterator[Diagnostic]:
    if not _references_ok(ctx):
        return
    flow = ctx.flow
    # a loop with no decision is reported as such; "no way to end" would repeat it
    endless = any(p.code == "loop-without-decision" for p in flow.structure.problems)
    for i, sid in enumerate(flow.ids):
        if sid not in flow.reachable:
            yield make("unreachable-step", f"step '{sid}' (No. {i + 1}) cannot be reached "
                       "from the first step", loc=("steps", i),
                       hint="point a `next` or a branch of an earlier step at it, or remove it")
        elif sid not in flow.can_end and not endless:
            yield make("no-way-to-end", f"from step '{sid}' (No. {i + 1}) the end of the SOP "
                       "can never be reached: it is caught in a loop without exit",
                       loc=("steps", i), hint="give the loop's decision an answer that "
                       "leads on (or to 'end')")


def structure(ctx: RuleContext) -> Iterator[Diagnostic]:
    if not _references_ok(ctx):
        return
    flow = ctx.flow
    for p in flow.structure.problems:
        loc = ("steps", flow.row[p.step], *p.path)
        yield make(p.code, p.message, loc=loc, hint=_STRUCTURE_HINTS[p.code])


_STRUCTURE_HINTS = {
    "parallel-split-joins": "lead every branch of the split to the same join step",
    "unsafe-merge": "let the branch reach its join first, or lead the outside path elsewhere",
    "join-bypassed": "give the branches a join step of their own (e.g. 'Menggabungkan "
                     "hasil') and lead the other path to the step after it",
    "parallel-no-join": "lead the branch to the step where the other branches meet",
    "loop-crosses-parallel": "loop back to a step of the same branch, or to before the split",
    "loop-without-decision": "make the step a decision with an answer that leads on",
}


def stated_total(ctx: RuleContext) -> Iterator[Diagnostic]:
    stated = ctx.sop.stated_total
    if stated is None or not _references_ok(ctx) or ctx.flow.structure.problems:
        return
    from sopengine.analysis.cpm import critical_path

    computed = critical_path(ctx.sop, ctx.flow, ctx.working_time).total_minutes
    if abs(stated.minutes(ctx.working_time) - computed) > 1e-6:
        yield make("stated-total-differs", f"the stated total {stated} "
                   f"({stated.minutes(ctx.working_time):g} minutes) differs from the "
                   f"critical-path total of {computed:g} minutes", loc=("stated_total",),
                   hint="hand-summed totals are often wrong: check the document, or remove "
                   "`stated_total` and let sopengine compute it")


RULES = (reachability, structure, stated_total)
