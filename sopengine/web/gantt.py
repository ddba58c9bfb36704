"""An instance's Gantt chart, the one `sopengine gantt INSTANCE` draws (each done
step from ready to done, grouped by actor, late ones red), as SVG for the
instance page. Drawn by matplotlib, whose pyplot is not thread-safe: one chart
at a time per worker, and each kept until another step is done."""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

import sopengine
from sopengine.web.office import Office

_drawing = threading.Lock()


def bars(office: Office, inst: sopengine.Instance, sop: sopengine.Sop) -> list[sopengine.Bar]:
    engine, now = office.engine, office.engine.clock()
    return [sopengine.Bar(sop.actors[t.actor or t.actors[0]], t.step, t.ready_at, t.done_at,
                          t.is_late(now))
            for t in engine.all_tasks(inst.id) if t.done_at is not None and t.state == "done"]


def gantt_svg(office: Office, inst: sopengine.Instance, sop: sopengine.Sop,
              lang: str) -> str | None:
    """The chart's SVG text; None while no step is done."""
    done = bars(office, inst, sop)
    if not done:
        return None
    key = ("gantt", inst.id, len(done), lang)
    if key not in office.charts:
        title = f"{sop.title} — {sopengine.label('instance', lang)} {inst.id}"
        with _drawing, tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "gantt.svg"
            sopengine.gantt(done, title, sopengine.label("at", lang), path, lang,
                            marked="late")
            if len(office.charts) > 500:
                office.charts.clear()
            office.charts[key] = path.read_text(encoding="utf-8")
    return office.charts[key]
