"""Parallel structure: which step joins which split, and the unsafe shapes.

Walk the flow without its loop-back edges in row order (a topological order,
since every forward edge goes down the table), carrying for each path the
stack of parallel branches it is inside: a frame ``(split, branch)`` is pushed
on leaving a split. Decisions push nothing: alternatives may merge anywhere,
only one of them runs.

Where paths meet, their stacks must reduce to one: stacks that differ only in
their last frame, covering every branch of the same split, reduce to their
common prefix, and that step is the split's join (it waits for all of them).
Anything else is an error the BPMN engines accept and then hang on:

* ``parallel-split-joins``: some branches of a split meet here, others elsewhere;
* ``unsafe-merge``: a path from inside a parallel branch meets one from outside
  it (the join waits forever, or the rest runs twice);
* ``join-bypassed``: a path that never passed a split (a decision's other
  answer, or another split) arrives at that split's join, which would wait for
  branches that never started;
* ``parallel-no-join``: a branch reaches the end without rejoining;
* ``loop-crosses-parallel``: a loop-back edge enters or leaves a parallel branch.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sopengine.definition.model import END

if TYPE_CHECKING:
    from sopengine.definition.flow import Edge, Flow

Frame = tuple[str, int]  # (split step id, branch index)
Stack = tuple[Frame, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    message: str
    step: str  # the step the problem is reported at
    path: tuple[str, ...] = ()  # the key inside the step, e.g. ("next",)


@dataclass
class Structure:
    """The result: per step its parallel context, per join the tokens it awaits."""

    context: dict[str, Stack] = field(default_factory=dict)
    awaits: dict[str, int] = field(default_factory=dict)  # join -> number of arrivals
    closes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # join -> splits
    problems: list[Problem] = field(default_factory=list)


def analyse_structure(flow: Flow) -> Structure:
    result = Structure()
    arrivals: dict[str, list[Stack]] = defaultdict(list)
    arrivals[flow.start].append(())
    for node in flow.ids:
        if node not in flow.reachable or not arrivals[node]:
            continue
        stack = _merge(flow, node, arrivals[node], result)
        result.context[node] = stack
        for k, edge in enumerate(flow.forward_out(node)):
            pushed = (*stack, (node, k)) if edge.kind == "split" else stack
            arrivals[edge.target].append(pushed)
    _check_end(flow, arrivals[END], result)
    _check_loops(flow, result)
    return result


def _merge(flow: Flow, node: str, incoming: list[Stack], result: Structure) -> Stack:
    stacks = set(incoming)
    if len(stacks) == 1:
        return stacks.pop()
    closed: list[str] = []
    awaited, bypassed = len(stacks), False
    while len(stacks) > 1:
        reduced = _reduce_once(flow, stacks)
        if reduced is None:
            result.problems.append(_merge_problem(flow, node, stacks))
            return _common_prefix(stacks)
        kept, prefix, split = reduced
        if prefix in kept and not bypassed:  # a path that did not pass the split
            bypassed = True
            result.problems.append(_bypass_problem(flow, node, split, prefix, result))
        stacks = kept | {prefix}
        closed.append(split)
    result.awaits[node] = awaited
    result.closes[node] = tuple(closed)
    return stacks.pop()


def _reduce_once(flow: Flow, stacks: set[Stack]) -> tuple[set[Stack], Stack, str] | None:
    """Close one split whose every branch is present at the deepest level:
    the other stacks, the split's own context, and the split."""
    depth = max(len(s) for s in stacks)
    groups: dict[tuple[Stack, str], set[int]] = defaultdict(set)
    for s in stacks:
        if len(s) == depth:
            groups[(s[:-1], s[-1][0])].add(s[-1][1])
    for (prefix, split), branches in groups.items():
        if len(branches) == len(flow.forward_out(split)):
            kept = {s for s in stacks if not (len(s) == depth and s[:-1] == prefix
                                              and s[-1][0] == split)}
            return kept, prefix, split
    return None


def _bypass_problem(flow: Flow, node: str, split: str, prefix: Stack,
                    result: Structure) -> Problem:
    around = sorted({e.source for e in flow.forward_in(node)
                     if e.kind != "split" and result.context.get(e.source) == prefix})
    via = (f"from step {', '.join(repr(a) for a in around)}" if around
           else "from another split")
    return Problem("join-bypassed",
                   f"step '{node}' is where the parallel branches of step '{split}' rejoin, "
                   f"and a path that never passed '{split}' arrives there too ({via}): the "
                   "join would wait for branches that never started", node)


def _merge_problem(flow: Flow, node: str, stacks: set[Stack]) -> Problem:
    frames = {s[-1][0] for s in stacks if s}
    same_depth = len({len(s) for s in stacks}) == 1
    if same_depth and len(frames) == 1 and all(stacks):
        split = frames.pop()
        got = sorted(_branch_name(flow, split, s[-1][1]) for s in stacks)
        return Problem("parallel-split-joins",
                       f"only the parallel branches {', '.join(got)} of step '{split}' meet "
                       f"at step '{node}'; all branches of a split must rejoin at one step",
                       node)
    inside = sorted(_branch_name(flow, f[0], f[1]) + f" of step '{f[0]}'"
                    for s in stacks for f in s[-1:])
    return Problem("unsafe-merge",
                   f"step '{node}' is reached from inside parallel branch "
                   f"{', '.join(inside)} and also from outside it: the join would wait "
                   "forever or the steps after it would run twice", node)


def _check_end(flow: Flow, incoming: list[Stack], result: Structure) -> None:
    lost: dict[str, set[int]] = defaultdict(set)
    for stack in incoming:
        for split, k in stack[-1:]:
            lost[split].add(k)
    for split, branches in lost.items():
        names = ", ".join(_branch_name(flow, split, k) for k in sorted(branches))
        result.problems.append(Problem(
            "parallel-no-join",
            f"parallel branch{'es' if len(branches) > 1 else ''} {names} of step '{split}' "
            "reach the end of the SOP without rejoining the other branches", split, ("next",)))


def _check_loops(flow: Flow, result: Structure) -> None:
    for edge in flow.edges:
        if not edge.back or edge.source not in result.context:
            continue
        path = ("next",) if edge.kind != "branch" else ("branches", str(edge.label), "to")
        if not any(flow.sop.steps[flow.row[n]].is_decision for n in flow.loop_body(edge)):
            result.problems.append(Problem(
                "loop-without-decision",
                f"step '{edge.source}' goes back to step '{edge.target}', but no decision "
                "lies on that loop: it would never end", edge.source, path))
        elif result.context[edge.source] != result.context.get(edge.target):
            result.problems.append(Problem(
                "loop-crosses-parallel", _loop_message(edge), edge.source, path))


def _loop_message(edge: Edge) -> str:
    how = f"the answer '{edge.label}' of step" if edge.label else "step"
    return (f"{how} '{edge.source}' loops back to step '{edge.target}', which is not inside "
            "the same parallel branch: a loop must stay within one branch or enclose the "
            "whole split and its join")


def _branch_name(flow: Flow, split: str, k: int) -> str:
    return f"'{flow.forward_out(split)[k].target}'"


def _common_prefix(stacks: set[Stack]) -> Stack:
    ordered = list(stacks)
    prefix: list[Frame] = []
    for frames in zip(*ordered, strict=False):
        if len(set(frames)) != 1:
            break
        prefix.append(frames[0])
    return tuple(prefix)
