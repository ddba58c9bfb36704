"""Flow semantics where the engine and the format could disagree: joins that a
path bypasses, answers that differ only in letter case."""

from __future__ import annotations

import pytest

from sopengine.definition.flow import Flow
from sopengine.errors import BadChoice
from sopengine.runtime.routing import choose_branch, route
from tests.conftest import MINIMAL, check, codes

STEP = "  - {{id: {id}, actor: camat, action: Mengerjakan {id}, time: 5, outputs: [x]{more}}}\n"


def steps(*rows: tuple[str, str]) -> str:
    return MINIMAL + "".join(STEP.format(id=i, more=m) for i, m in rows) + \
        "  - {id: pakai-staf, actor: staf, action: Mengerjakan, time: 1, outputs: [x]}\n"


def test_two_splits_that_a_decision_chooses_between_may_not_share_a_join() -> None:
    """Taking one split, the join would await the other split's branches too."""
    loaded = check(steps(
        ("d", ", branches: {Ya: s1, Tidak: s2}"),
        ("s1", ", next: [a, b]"), ("a", ", next: j"), ("b", ", next: j"),
        ("s2", ", next: [c, e]"), ("c", ", next: j"), ("e", ", next: j"), ("j", "")))
    assert codes(loaded) == ["join-bypassed"]
    assert "from another split" in loaded.diagnostics[0].message


def test_a_bypass_at_a_nested_join_is_refused_too() -> None:
    """Inside branch 0 of s1, a decision skips the inner split s2; j closes both."""
    loaded = check(steps(
        ("s1", ", next: [d, c]"), ("d", ", branches: {Ya: s2, Tidak: j}"),
        ("s2", ", next: [a, b]"), ("a", ", next: j"), ("b", ", next: j"),
        ("c", ", next: j"), ("j", "")))
    assert codes(loaded) == ["join-bypassed"]


def test_a_join_reached_by_a_decision_inside_a_branch_is_still_valid() -> None:
    """Both answers stay inside the branch: the join awaits the two branches."""
    loaded = check(steps(
        ("s", ", next: [a, d]"), ("a", ", next: j"), ("d", ", branches: {Ya: j, Tidak: x}"),
        ("x", ", next: j"), ("j", "")))
    assert loaded.ok
    flow = Flow(loaded.sop)
    assert flow.structure.awaits == {"j": 2}
    move = route(flow, "a", None, {})
    assert move.ready == ()
    assert move.arrivals == {"j": 1}
    assert route(flow, "x", None, move.arrivals).ready == ("j",)


CASED = steps(("d", ", branches: {Ya: end, ya: {to: y, chance: 0.5}}"), ("y", ""))


def test_answers_differing_only_in_case_are_refused() -> None:
    assert codes(check(CASED)) == ["answers-differ-in-case"]


def test_routing_matches_an_answer_exactly() -> None:
    """A definition stored before the rule: 'ya' must take 'ya', never 'Ya'."""
    flow = Flow(check(CASED).sop)
    assert choose_branch(flow, "d", "ya") == "ya"
    assert choose_branch(flow, "d", "Ya") == "Ya"
    assert route(flow, "d", "ya", {}).ready == ("y",)
    assert route(flow, "d", "Ya", {}).reached_end
    with pytest.raises(BadChoice, match="write it exactly"):
        choose_branch(flow, "d", "YA")


def test_another_letter_case_still_names_a_single_answer() -> None:
    flow = Flow(check(steps(("d", ", branches: {Ya: end, Tidak: y}"), ("y", ""))).sop)
    assert choose_branch(flow, "d", "tidak") == "Tidak"
