"""Simulation, expected totals and workload against hand-computed cases."""

from __future__ import annotations

import math

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from sopengine.analysis.expected import expected_total, expected_visits
from sopengine.analysis.montecarlo import pert_mean, simulate
from sopengine.analysis.workload import workload
from sopengine.definition.frequency import Frequency
from sopengine.definition.loader import check_bytes, load_sop
from tests.conftest import SOPS, check, sop_with_steps
from tests.strategies import valid_flows

REWORK = sop_with_steps("""\
    - {id: a, actor: staf, action: Menyusun, time: 10, outputs: [x]}
    - id: b
      actor: camat
      action: Memeriksa
      time: 20
      outputs: [x]
      branches: {Ya: c, Tidak: {to: a, chance: 0.25}}
    - {id: c, actor: camat, action: Menandatangani, time: 5, outputs: [x]}
    """)


def sop_of(text: str):
    loaded = check(text)
    assert loaded.sop is not None, loaded.diagnostics
    return loaded.sop


def close(sample_mean: float, expected: float, sample: np.ndarray) -> bool:
    """Within four standard errors: a seeded test that is right fails ~never. A floor of
    0.1% covers events too rare to appear in the sample (a chance of 1e-7, say), whose
    sample has no spread at all."""
    error = 4 * sample.std() / math.sqrt(len(sample))
    return abs(sample_mean - expected) <= error + 1e-3 * max(1.0, abs(expected))


def test_a_rework_loop_adds_loop_time_times_p_over_one_minus_p() -> None:
    sop = sop_of(REWORK)
    loop, p = 10 + 20, 0.25
    want = 35 + loop * p / (1 - p)  # = 45
    assert expected_total(sop) == pytest.approx(want)
    assert expected_visits(sop) == pytest.approx({"a": 4 / 3, "b": 4 / 3, "c": 1.0})
    sim = simulate(sop, 20_000, seed=1)
    assert close(sim.mean, want, sim.totals)
    assert sim.within_standard == pytest.approx(0.75, abs=0.02)  # no rework: 3 in 4


def test_a_three_point_steps_mean_is_the_pert_mean() -> None:
    sop = sop_of(sop_with_steps("""\
        - {actor: camat, action: A, time: {min: 10, likely: 20, max: 60}, outputs: [x]}
        """))
    assert pert_mean(10, 20, 60) == 25
    assert expected_total(sop) == 25
    sim = simulate(sop, 20_000, seed=2)
    assert close(sim.mean, 25, sim.totals)
    assert sim.totals.min() >= 10
    assert sim.totals.max() <= 60


def test_two_parallel_branches_take_the_longer_one() -> None:
    sop = sop_of(sop_with_steps("""\
        - {id: s, actor: camat, action: Mulai, time: 10, next: [p, q], outputs: [x]}
        - {id: p, actor: staf, action: P, time: 30, next: j, outputs: [x]}
        - {id: q, actor: staf, action: Q, time: 20, outputs: [x]}
        - {id: j, actor: camat, action: Gabung, time: 5, outputs: [x]}
        """))
    assert expected_total(sop) is None  # a maximum, not a sum: simulation answers
    sim = simulate(sop, 1000, seed=3)
    assert set(sim.totals) == {45.0}
    assert sim.criticality == {"s": 1.0, "p": 1.0, "q": 0.0, "j": 1.0}


def test_parallel_uniform_branches_expected_maximum() -> None:
    # two independent branches, each 0 or 60 with chance 1/2 (a decision): the
    # maximum is 60 unless both are 0, so its mean is 60 * 3/4 = 45
    sop = sop_of(sop_with_steps("""\
        - {id: s, actor: camat, action: Mulai, time: 0, next: [a, b], outputs: [x]}
        - id: a
          actor: staf
          action: A
          time: 0
          outputs: [x]
          branches: {Lama: a2, Cepat: j}
        - {id: a2, actor: staf, action: A2, time: 60, next: j, outputs: [x]}
        - id: b
          actor: camat
          action: B
          time: 0
          outputs: [x]
          branches: {Lama: b2, Cepat: j}
        - {id: b2, actor: camat, action: B2, time: 60, next: j, outputs: [x]}
        - {id: j, actor: camat, action: Gabung, time: 0, outputs: [x]}
        """))
    sim = simulate(sop, 40_000, seed=4)
    assert close(sim.mean, 45, sim.totals)


def test_seed_pengukuran_expected_total_and_simulation_agree() -> None:
    sop = load_sop(SOPS / "pengukuran.yaml")
    rework_loop = 120 + 240 + 40 + 60  # himpun-format .. koreksi
    assert expected_total(sop) == pytest.approx(765 + rework_loop * 0.2 / 0.8)
    sim = simulate(sop, 20_000, seed=5)
    assert close(sim.mean, expected_total(sop), sim.totals)  # type: ignore[arg-type]
    assert sim.percentile(50) == 765


def test_simulation_is_repeatable_with_a_seed() -> None:
    sop = load_sop(SOPS / "pengumpulan-data.yaml")
    first, second = simulate(sop, 500, seed=9), simulate(sop, 500, seed=9)
    assert np.array_equal(first.totals, second.totals)
    assert first.criticality == second.criticality


@settings(deadline=None, suppress_health_check=list(HealthCheck), max_examples=40)
@given(valid_flows())
def test_markov_expectation_matches_simulation_without_parallel(doc: dict) -> None:
    loaded = check_bytes(yaml.safe_dump(doc, sort_keys=False).encode())
    assert loaded.sop is not None
    exact = expected_total(loaded.sop)
    sim = simulate(loaded.sop, 4000, seed=6)
    if exact is None:  # parallel branches: the mean lies between bounds
        assert sim.mean >= 0
        return
    assert close(sim.mean, exact, sim.totals)


@pytest.mark.parametrize(("raw", "per_year"), [
    ("4/year", 4), ("1/quarter", 4), ("2/month", 24), ("1/week", 52), ("3/day", 750),
    ("12 / tahun", 12), (6, 6), ("2 kali/bulan", 24)])
def test_frequencies(raw: object, per_year: float) -> None:
    assert Frequency.parse(raw).per_year == per_year


def test_workload_hand_case() -> None:
    sop = sop_of(REWORK.replace("title: Contoh", "title: Contoh\nfrequency: 4/year").replace(
        "{id: a, actor: staf, action: Menyusun, time: 10,",
        "{id: a, actor: staf, action: Menyusun, time: 10, effort: 6,"))
    found = workload([sop], hours_per_year=1250)
    by = {a.position: a for a in found.actors}
    # staf: effort 6 x 4/3 visits x 4 per year; camat: (20 x 4/3 + 5) x 4
    assert by["Staf"].minutes_per_year == pytest.approx(6 * 4 / 3 * 4)
    assert by["Camat"].minutes_per_year == pytest.approx((20 * 4 / 3 + 5) * 4)
    assert by["Camat"].staff(1250) == pytest.approx((20 * 4 / 3 + 5) * 4 / (1250 * 60))
    assert found.skipped == []
    assert workload([sop_of(REWORK)]).skipped == ["contoh"]
