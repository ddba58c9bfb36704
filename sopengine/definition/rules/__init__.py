"""The semantic rules of the format: every rule sees the whole SOP and reports
every problem it finds as a :class:`~sopengine.diagnostics.Diagnostic` with a
``loc``; the loader turns locs into lines and columns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sopengine.definition.rules import content, flowrules, references
from sopengine.definition.rules.context import RuleContext
from sopengine.diagnostics import Diagnostic

Rule = Callable[[RuleContext], Iterator[Diagnostic]]

RULES: tuple[Rule, ...] = (*references.RULES, *content.RULES, *flowrules.RULES)

__all__ = ["RULES", "RuleContext", "run_rules"]


def run_rules(ctx: RuleContext) -> list[Diagnostic]:
    """Every rule's diagnostics, except those about parts already reported broken."""
    found = [d for rule in RULES for d in rule(ctx)]
    # warnings about a step that already has schema errors are noise
    flawed_steps = {b[:2] for b in ctx.broken if len(b) >= 2 and b[0] == "steps"}
    return [d for d in found if not ctx.is_broken(d.loc)
            and (d.is_error or d.loc[:2] not in flawed_steps)]
