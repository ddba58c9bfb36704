"""The review of an SOP draft, run as an instance of the penyusunan-sop SOP.

The catalog does not know the review's steps by heart beyond the five ids
below: each draft is one instance; submitting completes the drafting step,
the organisation section's and the head's answers complete the two decisions,
and approval completes the publishing step. Which step is ready says where in
the review a draft stands.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from sopengine.definition.loader import LoadedSop, check_file
from sopengine.errors import EngineError, SopInvalid
from sopengine.runtime.engine import Engine
from sopengine.runtime.records import Instance

DRAFT, VERIFY, APPROVE, PUBLISH = "susun-draf", "verifikasi", "setujui", "terbitkan"
YES, NO = "Ya", "Tidak"
PACKAGED = Path(__file__).with_name("penyusunan-sop.yaml")


def procedure_path() -> Path:
    """``$SOPENGINE_REVIEW_SOP``, else the copy of sops/penyusunan-sop.yaml in the package."""
    return Path(os.environ.get("SOPENGINE_REVIEW_SOP") or PACKAGED)


class Review:
    """Moves one draft's instance of the review procedure along."""

    def __init__(self, engine: Engine, procedure: LoadedSop | str | Path | None = None) -> None:
        self.engine = engine
        self.loaded = (procedure if isinstance(procedure, LoadedSop)
                       else check_file(procedure or procedure_path(), engine.working_time))
        if not self.loaded.ok or self.loaded.sop is None:
            raise SopInvalid(self.loaded.path, self.loaded.diagnostics)
        self._check_shape()

    def _check_shape(self) -> None:
        sop = self.loaded.sop
        assert sop is not None
        ids = {s.id: s for s in sop.steps}
        missing = [s for s in (DRAFT, VERIFY, APPROVE, PUBLISH) if s not in ids]
        missing += [f"{d} {a}" for d in (VERIFY, APPROVE) if d in ids
                    for a in (YES, NO) if a not in ids[d].branches]
        if missing:
            raise EngineError(f"{self.loaded.path}: the review procedure lacks "
                              f"{', '.join(missing)}; see docs/lifecycle.md")

    def start(self, at: dt.datetime, *, title: str, by: str) -> Instance:
        return self.engine.start(self.loaded, at=at, title=title, by=by)

    def stage(self, instance_id: int) -> str | None:
        """The ready step of the review, or None when it is over."""
        ready = self.engine.tasks(instance_id=instance_id, limit=1)
        return ready[0].step if ready else None

    def complete(self, instance_id: int, step: str, *, branch: str | None = None,
                 by: str | None, note: str | None, at: dt.datetime) -> None:
        self.engine.complete(instance_id, step, branch=branch, by=by, note=note, at=at)

    def cancel(self, instance_id: int, *, by: str | None, note: str | None,
               at: dt.datetime) -> None:
        if self.engine.instance(instance_id).status == "running":
            self.engine.cancel(instance_id, by=by, note=note, at=at)
