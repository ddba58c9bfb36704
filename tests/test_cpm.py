"""Critical path figures checked against hand computation."""

from __future__ import annotations

import pytest

from sopengine.analysis.cpm import critical_path
from sopengine.definition.duration import WorkingTime
from sopengine.definition.loader import load_sop
from tests.conftest import CASES, SOPS, check, sop_with_steps


def cp_of(steps: str):
    loaded = check(sop_with_steps(steps))
    assert loaded.sop is not None, loaded.diagnostics
    return critical_path(loaded.sop)


def test_sequence_sums() -> None:
    cp = critical_path(load_sop(CASES / "valid" / "sequence.yaml"))
    assert cp.total_minutes == 40
    assert cp.critical_path == ("1", "2")


def test_parallel_branches_take_the_longest_and_others_get_slack() -> None:
    cp = cp_of("""\
        - {id: s, actor: camat, action: Mulai, time: 10, next: [p, q], outputs: [x]}
        - {id: p, actor: staf, action: P, time: 30, next: j, outputs: [x]}
        - {id: q, actor: staf, action: Q, time: 20, outputs: [x]}
        - {id: j, actor: camat, action: Gabung, time: 5, outputs: [x]}
        """)
    assert cp.total_minutes == 45
    assert cp.critical_path == ("s", "p", "j")
    q = cp.step("q")
    assert (q.earliest_start, q.earliest_finish, q.latest_start, q.latest_finish) == \
        (10, 30, 20, 40)
    assert (q.slack, q.free_slack, q.critical) == (10, 10, False)


def test_decision_alternatives_count_the_longest_and_ignore_loops() -> None:
    cp = cp_of("""\
        - {id: a, actor: staf, action: Menyusun, time: 10, outputs: [x]}
        - id: d
          actor: camat
          action: Memeriksa
          time: 5
          outputs: [x]
          branches: {Panjang: p, Pendek: j, Ulang: {to: a, chance: 0.1}}
        - {id: p, actor: staf, action: Memperbaiki, time: 50, outputs: [x]}
        - {id: j, actor: camat, action: Selesai, time: 5, outputs: [x]}
        """)
    assert cp.total_minutes == 70
    assert cp.critical_path == ("a", "d", "p", "j")


def test_ties_mark_every_critical_step() -> None:
    cp = cp_of("""\
        - {id: s, actor: camat, action: Mulai, time: 1, next: [p, q], outputs: [x]}
        - {id: p, actor: staf, action: P, time: 7, next: j, outputs: [x]}
        - {id: q, actor: staf, action: Q, time: 7, outputs: [x]}
        - {id: j, actor: camat, action: Gabung, time: 1, outputs: [x]}
        """)
    assert cp.critical_path == ("s", "p", "q", "j")


def test_free_slack_differs_from_total_slack() -> None:
    # s -> [a -> b, c] -> j: a and b both have slack 20, but only b has free slack
    cp = cp_of("""\
        - {id: s, actor: camat, action: Mulai, time: 0, next: [a, c], outputs: [x]}
        - {id: a, actor: staf, action: A, time: 5, outputs: [x]}
        - {id: b, actor: staf, action: B, time: 5, next: j, outputs: [x]}
        - {id: c, actor: staf, action: C, time: 30, outputs: [x]}
        - {id: j, actor: camat, action: Gabung, time: 0, outputs: [x]}
        """)
    assert (cp.step("a").slack, cp.step("a").free_slack) == (20, 0)
    assert (cp.step("b").slack, cp.step("b").free_slack) == (20, 20)


def test_three_point_uses_likely_and_days_use_the_working_day() -> None:
    loaded = check(sop_with_steps("""\
        - {actor: camat, action: A, time: {min: 1, likely: 1d, max: 2d}, outputs: [x]}
        """))
    assert loaded.sop is not None
    assert critical_path(loaded.sop).total_minutes == 450
    assert critical_path(loaded.sop, working_time=WorkingTime(480)).total_days == 1


def test_seed_pengukuran_totals_the_waktu_column() -> None:
    """The book's Waktu column, rows 1-14, on the path without rework."""
    waktu = [15, 60, 25, 0, 120, 120, 240, 40, 60, 25, 10, 15, 25, 10]
    sop = load_sop(SOPS / "pengukuran.yaml")
    cp = critical_path(sop)
    assert cp.total_minutes == sum(waktu) == 765
    assert [sop.step(s.id).time.minutes() for s in cp.steps] == waktu
    assert cp.critical_path == tuple(s.id for s in sop.steps)
    assert cp.actors["camat"].steps == 4  # rows 1, 5, 9, 11


@pytest.mark.parametrize("name", ["pengumpulan-data.yaml", "pengawasan-internal.yaml"])
def test_other_seed_sops_have_a_consistent_schedule(name: str) -> None:
    sop = load_sop(SOPS / name)
    cp = critical_path(sop)
    for t in cp.steps:
        assert t.earliest_start <= t.latest_start
        assert t.slack >= 0
    assert cp.total_minutes == max(t.earliest_finish for t in cp.steps)


def test_a_rework_only_step_is_off_the_path_without_rework() -> None:
    """Found by hypothesis: a step whose only way on is a loop back (perbaiki ->
    next: periksa) is a dead end without loop-backs; it once got negative slack."""
    cp = critical_path(load_sop(CASES / "valid" / "rework-loop-via-next.yaml"))
    assert cp.total_minutes == 45
    assert cp.critical_path == ("susun", "periksa", "tandatangan")
    assert cp.rework_only == ("perbaiki",)
    assert all(t.slack >= 0 for t in cp.steps)


def test_a_loop_made_only_of_rework_steps() -> None:
    cp = cp_of("""\
        - {id: s0, actor: camat, action: A, time: 0, outputs: [x]}
        - id: s1
          actor: camat
          action: B
          time: 0
          outputs: [x]
          branches: {Ya: {to: s2, chance: 0.0}, Tidak: {to: end, chance: 0.0}}
        - {id: s2, actor: camat, action: C, time: 1, next: s0, outputs: [x]}
        """)
    assert cp.critical_path == ("s0", "s1")
    assert cp.rework_only == ("s2",)
