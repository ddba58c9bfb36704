"""Workload (Analisis Beban Kerja): minutes per actor per year across a book of SOPs.

For every SOP with a ``frequency``: each step's working time (``effort``, else
``time``; the mean of a three-point estimate) times its expected visits (rework
included) times the SOP's runs per year, credited to every actor of the step.
Actors are matched across SOPs to the office's positions by the org file's
matching (``Org.position_of``: "Sekretaris" and "Sekretaris Kecamatan" are one
position when org.yaml says so); without one, by the name as written. An actor
of no position is counted under its own name (``validate`` warns about it).
Staff needed is the annual time over the effective working hours of one
official per year: 1,250 hours by the national standard (Kepmenpan 75/2004),
configurable.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sopengine.analysis.expected import expected_visits
from sopengine.analysis.montecarlo import pert_mean
from sopengine.definition.duration import DEFAULT_WORKING_TIME, WorkingTime
from sopengine.definition.model import Sop
from sopengine.definition.org import Org

EFFECTIVE_HOURS_PER_YEAR = 1250.0


@dataclass
class ActorWorkload:
    position: str
    minutes_per_year: float = 0.0
    by_sop: dict[str, float] = field(default_factory=dict)

    def staff(self, hours_per_year: float = EFFECTIVE_HOURS_PER_YEAR) -> float:
        return self.minutes_per_year / (hours_per_year * 60)


@dataclass(frozen=True)
class Workload:
    actors: list[ActorWorkload]
    skipped: list[str]  # SOP ids without a frequency
    hours_per_year: float


def sop_minutes_per_run(sop: Sop, wt: WorkingTime = DEFAULT_WORKING_TIME,
                        org: Org | None = None) -> dict[str, float]:
    """Expected working minutes per run of the SOP, per position."""
    visits = expected_visits(sop) or {}
    positions = (org or Org()).actor_positions(sop)
    out: dict[str, float] = defaultdict(float)
    for step in sop.steps:
        work = step.effort or step.time
        minutes = pert_mean(*work.three_point(wt)) * visits.get(step.id, 0.0)
        for actor in step.actor:
            out[positions[actor] or sop.actors[actor]] += minutes
    return dict(out)


def workload(sops: Sequence[Sop], hours_per_year: float = EFFECTIVE_HOURS_PER_YEAR,
             wt: WorkingTime = DEFAULT_WORKING_TIME, org: Org | None = None) -> Workload:
    """Each position's yearly minutes, summed across ``sops`` (matched by ``org``)."""
    actors: dict[str, ActorWorkload] = {}
    skipped = []
    for sop in sops:
        if sop.frequency is None:
            skipped.append(sop.id)
            continue
        for position, minutes in sop_minutes_per_run(sop, wt, org).items():
            row = actors.setdefault(position, ActorWorkload(position))
            yearly = minutes * sop.frequency.per_year
            row.minutes_per_year += yearly
            row.by_sop[sop.id] = row.by_sop.get(sop.id, 0.0) + yearly
    ordered = sorted(actors.values(), key=lambda a: -a.minutes_per_year)
    return Workload(ordered, skipped, hours_per_year)
