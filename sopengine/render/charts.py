"""Charts as SVG (or PNG by the file's suffix), drawn with matplotlib.

SVG output is made repeatable (fixed hash salt, no date), so the same input
gives the same file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no window: works on servers and in CI

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from sopengine.labels import label

plt.rcParams["text.parse_math"] = False  # titles and names are authors' text, not TeX

CRITICAL = "#c0392b"
NORMAL = "#5d8aa8"


@dataclass(frozen=True)
class Bar:
    group: str  # the actor (one row group each)
    name: str  # the step
    start: float | dt.datetime
    finish: float | dt.datetime
    critical: bool = False


def save(fig: Figure, path: Path) -> None:
    plt.rcParams["svg.hashsalt"] = "sopengine"
    metadata = {"Date": None} if path.suffix.lower() == ".svg" else None
    fig.savefig(path, bbox_inches="tight", metadata=metadata, dpi=150)
    plt.close(fig)


def histogram(totals: np.ndarray, standard: float, marks: dict[str, float], title: str,
              path: Path, lang: str = "id") -> None:
    """The distribution of simulated totals, with the standard total and percentiles."""
    fig, ax = plt.subplots(figsize=(8, 4))
    values, counts = np.unique(np.round(totals, 6), return_counts=True)
    if len(values) <= 40:  # few distinct totals (fixed times, rework rounds): one bar each
        span = float(values.max() - values.min()) or 1.0
        ax.bar(values, counts, width=span / 60, color=NORMAL)
    else:
        ax.hist(totals, bins=50, color=NORMAL, edgecolor="white")
    ax.axvline(standard, color="black", linewidth=1.5,
               label=f"{label('standard', lang)} {standard:g}")
    styles = iter(["--", "-.", ":"])
    for name, value in marks.items():
        ax.axvline(value, color=CRITICAL, linestyle=next(styles, ":"), linewidth=1.4,
                   label=f"{name} {value:.0f}", zorder=3)
    ax.set_xlabel(f"{label('total', lang)} ({label('minutes', lang)})")
    ax.set_ylabel(label("count", lang))
    ax.set_title(title)
    ax.legend(frameon=False)
    save(fig, path)


def gantt(bars: Sequence[Bar], title: str, x_label: str, path: Path,
          lang: str = "id", marked: str = "critical") -> None:
    """One row per step, rows grouped by actor (a multi-actor step in each group); the
    bars marked (critical steps, or late ones of a run) are drawn red."""
    groups: dict[str, list[Bar]] = {}
    for bar in bars:
        groups.setdefault(bar.group, []).append(bar)
    rows: list[tuple[str, Bar | None]] = []
    for group, members in groups.items():
        rows.append((group, None))
        rows.extend((f"  {b.name}", b) for b in members)
    fig, ax = plt.subplots(figsize=(11, 0.32 * len(rows) + 1.2))
    for y, (_text, bar) in enumerate(rows):
        if bar is None:
            ax.axhline(y - 0.5, color="#999999", linewidth=0.6)
            continue
        width = bar.finish - bar.start
        ax.barh(y, width, left=bar.start, height=0.6,  # type: ignore[arg-type]
                color=CRITICAL if bar.critical else NORMAL)
    ax.set_yticks(range(len(rows)), [t for t, _ in rows])
    for tick, (_, bar) in zip(ax.get_yticklabels(), rows, strict=True):
        if bar is None:
            tick.set_fontweight("bold")
    ax.invert_yaxis()
    ax.set_xlabel(x_label)
    ax.set_title(title)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    if isinstance(bars[0].start, dt.datetime) if bars else False:
        fig.autofmt_xdate()
    handles = [plt.Rectangle((0, 0), 1, 1, color=CRITICAL), plt.Rectangle((0, 0), 1, 1,
                                                                          color=NORMAL)]
    ax.legend(handles, [label(marked, lang), label("step", lang)], frameon=False,
              loc="upper left", bbox_to_anchor=(1.0, 1.0))
    save(fig, path)
