"""Where a completion leads: pure functions of the flow and an instance's join counters.

An instance's position is its ready tasks plus, for each join, how many of its
branches have arrived. Completing a step follows its out-edges (the one chosen
branch of a decision, every branch of a split); a target that is a join counts
the arrival and becomes ready only when all its branches are in
(``Flow.structure.awaits``). An arrival over a loop-back edge is a single token
already past the split, so it makes the join ready at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sopengine.definition.flow import Edge, Flow
from sopengine.definition.model import END
from sopengine.errors import BadChoice


@dataclass(frozen=True)
class Move:
    """The effect of one completion."""

    ready: tuple[str, ...]  # steps that become ready, in edge order
    arrivals: dict[str, int] = field(default_factory=dict)  # join counters afterwards
    reached_end: bool = False
    branch: str | None = None  # the decision's answer taken


def choose_branch(flow: Flow, step: str, branch: str | None) -> str | None:
    """The decision label meant by ``branch``; None for a non-decision.

    An answer written exactly as a label takes that label; otherwise one in
    another letter case is accepted only when it names a single label (a
    definition stored before "Ya"/"ya" was refused could have both)."""
    labels = list(flow.sop.step(step).branches or {})
    if not labels:
        if branch:
            raise BadChoice(f"step '{step}' is not a decision; it takes no branch")
        return None
    if branch is None:
        raise BadChoice(f"step '{step}' is a decision: choose a branch ({', '.join(labels)})")
    if branch in labels:
        return branch
    folded = [label for label in labels if label.casefold() == branch.casefold()]
    if len(folded) == 1:
        return folded[0]
    if folded:
        raise BadChoice(f"step '{step}': the answer '{branch}' could be any of "
                        f"{', '.join(folded)}; write it exactly")
    raise BadChoice(f"step '{step}' has no branch '{branch}'; choose one of: "
                    f"{', '.join(labels)}")


def route(flow: Flow, step: str, branch: str | None, arrivals: Mapping[str, int]) -> Move:
    """Complete ``step`` (taking ``branch`` if it is a decision)."""
    label = choose_branch(flow, step, branch)
    edges = [e for e in flow.out_edges(step) if label is None or e.label == label]
    counters = dict(arrivals)
    ready: list[str] = []
    ended = False
    for edge in edges:
        if edge.target == END:
            ended = True
        elif _arrive(flow, edge, counters):
            ready.append(edge.target)
    return Move(tuple(ready), counters, ended, label)


def _arrive(flow: Flow, edge: Edge, counters: dict[str, int]) -> bool:
    """Count an arrival at ``edge.target``; True when the target becomes ready."""
    awaited = flow.structure.awaits.get(edge.target, 1)
    if awaited <= 1 or edge.back:
        return True
    arrived = counters.get(edge.target, 0) + 1
    if arrived < awaited:
        counters[edge.target] = arrived
        return False
    counters.pop(edge.target, None)
    return True


def branch_chances(flow: Flow, step: str) -> list[tuple[str, float]]:
    """(label, chance) of a decision's branches, chances resolved as the spec says."""
    return [(str(e.label), e.chance or 0.0) for e in flow.out_edges(step) if e.kind == "branch"]
