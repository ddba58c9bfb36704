"""The office's working calendar file (``calendar.yaml`` beside the SOPs).

    calendar: 1
    national_holidays: ID          # Indonesia's, from the holidays library
    cuti_bersama: true
    hours:
      monday: [07:30-12:00, 13:00-16:00]
      friday: [07:30-11:30, 13:00-16:30]   # Friday prayers: a longer break
    closed:
      2026-12-31: Tutup buku akhir tahun

Both are read with the bounded YAML loader; every problem is located.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from sopengine.definition.calendar import Window, WorkingCalendar
from sopengine.definition.holiday_list import read_holidays
from sopengine.definition.national_holidays import is_known
from sopengine.definition.settings_file import Settings, read_settings
from sopengine.diagnostics import Diagnostic, make
from sopengine.errors import SopFileError, SopInvalid

CALENDAR_FILE = "calendar.yaml"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                  "sunday"]
WindowText = Annotated[str, Field(pattern=r"^\d\d:\d\d-\d\d:\d\d$")]
_DEFAULT_HOURS = {day: ["07:30-15:00"] for day in WEEKDAYS[:5]}


class CalendarFile(BaseModel):
    """The office's working calendar: hours per weekday, holidays, closed days."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    calendar: Literal[1] = Field(1, description="calendar file format version, the integer 1")
    national_holidays: str | None = Field(
        "ID", pattern=r"^[A-Z]{2}$", description="the country whose national holidays close "
        "the office, as the holidays library names it (ID: Indonesia); null for none")
    cuti_bersama: bool = Field(True, strict=True, description="whether the joint leave days "
                               "(cuti bersama) the government sets close the office too")
    hours: dict[Weekday, list[WindowText]] = Field(
        default_factory=lambda: dict(_DEFAULT_HOURS),
        description="working windows per weekday, each HH:MM-HH:MM; the gaps between them "
        "are breaks; a weekday not listed is closed (default: monday to friday 07:30-15:00)")
    closed: dict[dt.date, str] = Field(default_factory=dict, description="the office's own "
                                       "closed days: date (YYYY-MM-DD) -> reason")
    day_hours: float | None = Field(None, gt=0, le=24, strict=True, description="hours of a "
                                    "working day, for durations in d and w (default: the "
                                    "most common working day's hours)")


def load_calendar(path: str | Path) -> WorkingCalendar:
    """The calendar of ``path``: a calendar file, or a directory's calendar.yaml (the
    default calendar when it has none). Raises SopInvalid, located, when invalid."""
    p = Path(path)
    if p.is_dir():
        p = p / CALENDAR_FILE
        if not p.exists():
            return WorkingCalendar()
    elif not p.exists():
        raise SopFileError(str(p), "no such calendar file")
    settings, calendar = read_calendar(p)
    if calendar is None:
        raise SopInvalid(settings.path, settings.diagnostics)
    return calendar


def office_calendar(calendar: Path | None = None, sop_file: Path | None = None,
                    holidays: Path | None = None) -> WorkingCalendar:
    """The calendar a command runs on: ``calendar`` (a file or a folder), else the
    calendar.yaml beside ``sop_file``, else the default; plus ``holidays``' dates."""
    if calendar is not None:
        base = load_calendar(calendar)
    elif sop_file is not None and sop_file.is_file():
        base = load_calendar(sop_file.parent)
    else:
        base = WorkingCalendar()
    if holidays is None:
        return base
    return replace(base, holidays=base.holidays | read_holidays(holidays))


def read_calendar(file: Path, *, library: bool = True,
                  ) -> tuple[Settings[CalendarFile], WorkingCalendar | None]:
    """The file's diagnostics, and the calendar when it has none. ``library=False``
    leaves out asking the holidays library whether it knows the country (importing
    it costs `validate` a quarter of a second; the code's form is still checked)."""
    settings = read_settings(file, CalendarFile, "a calendar file")
    data = settings.model
    if data is None:
        return settings, None
    problems = settings.located(list(_consistency(data, library)))
    if problems:
        return replace(settings, diagnostics=problems, model=None), None
    return settings, WorkingCalendar(
        holidays=frozenset(data.closed), hours=_windows(data), national=data.national_holidays,
        cuti_bersama=data.cuti_bersama, day_hours=data.day_hours)


def _windows(data: CalendarFile) -> tuple[tuple[Window, ...], ...]:
    return tuple(tuple(_window(text) for text in data.hours.get(day, []))  # type: ignore[call-overload]
                 for day in WEEKDAYS)


def _window(text: str) -> Window:
    opens, closes = text.split("-")
    return _clock(opens), _clock(closes)


def _clock(text: str) -> float:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _consistency(data: CalendarFile, library: bool) -> Iterator[Diagnostic]:
    for day, windows in data.hours.items():
        for i, text in enumerate(windows):
            opens, closes = _window(text)
            if not (opens < closes <= 24 * 60 and int(text[3:5]) < 60 and int(text[9:]) < 60):
                yield make("bad-value", f"'{text}' is not a working window (HH:MM-HH:MM, "
                           "opening before closing, at most 24:00)", loc=("hours", day, i))
            elif i and _window(windows[i - 1])[1] > opens:
                yield make("bad-value", f"'{text}' overlaps the window before it",
                           loc=("hours", day, i), hint="list a day's windows in order")
    if not any(data.hours.values()):
        yield make("bad-value", "the calendar has no working time in the week", loc=("hours",),
                   hint="give working windows for at least one weekday")
    if library and data.national_holidays and not is_known(data.national_holidays):
        yield make("bad-value", f"the holidays library knows no country "
                   f"'{data.national_holidays}'", loc=("national_holidays",),
                   hint="write ID for Indonesia, or null for no national holidays")
