"""The optional total row under the flowchart table (``total_row`` in book.yaml).

The guideline's table has no total, so the row is off by default. When on, it
prints the critical-path total in the largest units of the working calendar
("9 hari kerja", "1 hari kerja 5 jam 15 menit"), never a bare count of minutes;
when the total is not the plain sum of the Waktu column (parallel branches
counted once, rework-only steps not at all) its label says it is the critical
path's, so no figure on the page is left unexplained.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sopengine.analysis.cpm import critical_path
from sopengine.definition.duration import WorkingTime
from sopengine.definition.flow import Flow
from sopengine.definition.model import Sop
from sopengine.render import table_layout as tl
from sopengine.render.numbers import number
from sopengine.render.svg import Svg

if TYPE_CHECKING:
    from sopengine.render.table import TableOptions

_EN = {"unit_workday": ("working day", "working days"), "unit_h": ("h", "h"),
       "unit_m": ("min", "min")}


def draw_total(svg: Svg, sop: Sop, flow: Flow, geo: tl.TableGeometry, y: float,
               opts: TableOptions) -> None:
    total = critical_path(sop, flow, opts.working_time).total_minutes
    column = sum(s.time.minutes(opts.working_time) for s in sop.steps)
    waktu = geo.column("waktu")
    grid = {"stroke": "#222", "stroke-width": 0.8, "fill": "#eef1f3"}
    svg.rect(0, y, waktu.x, tl.TOTAL_ROW, **grid)
    svg.rect(waktu.x, y, geo.width - waktu.x, tl.TOTAL_ROW, **grid)
    base = y + tl.TOTAL_ROW / 2 + tl.TEXT * 0.35
    name = "total" if abs(column - total) < 1e-9 else "total_critical"
    svg.text(waktu.x - tl.PAD, base, [opts.text(name)], tl.TEXT, "end", font_weight="bold")
    svg.text(waktu.x + tl.PAD, base, [working_amount(total, opts.working_time, opts)],
             tl.TEXT, "start", font_weight="bold")


def working_amount(minutes: float, working: WorkingTime, opts: TableOptions) -> str:
    """Minutes in working days, hours and minutes, the zero parts left out."""
    days, rest = divmod(minutes, working.day_minutes)
    hours, mins = divmod(rest, 60)
    parts = [(days, "unit_workday"), (hours, "unit_h"), (round(mins, 2), "unit_m")]
    shown = [(v, key) for v, key in parts if v > 1e-9] or [(0, "unit_m")]
    return " ".join(f"{number(v, opts.lang)} {_unit(key, v, opts)}" for v, key in shown)


def _unit(key: str, value: float, opts: TableOptions) -> str:
    if key in opts.labels or opts.lang != "en":
        return opts.text(key)
    one, many = _EN[key]
    return one if value == 1 else many
