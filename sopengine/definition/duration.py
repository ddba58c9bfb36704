"""Durations: the Waktu of a step, as written by an author and in minutes.

An author writes a number (minutes, as in the book's "Waktu (menit)" column), a
text with a unit (``90m``, ``1.5h``, ``2d``, ``1w``; Indonesian ``menit``,
``jam``, ``hari``, ``minggu`` too) or a three-point estimate
``{min: 10, likely: 15, max: 30}``. Days and weeks are *working* days and
weeks, so converting them needs a :class:`WorkingTime`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema


@dataclass(frozen=True, slots=True)
class WorkingTime:
    """How long a working day and week are (default: 7.5 hours, 5 days)."""

    day_minutes: float = 450.0
    week_days: int = 5

    def unit_minutes(self, unit: str) -> float:
        return {"m": 1.0, "h": 60.0, "d": self.day_minutes,
                "w": self.day_minutes * self.week_days}[unit]


DEFAULT_WORKING_TIME = WorkingTime()

_UNIT_ALIASES = {"m": "m", "min": "m", "menit": "m", "h": "h", "j": "h", "jam": "h",
                 "d": "d", "hari": "d", "w": "w", "minggu": "w"}
_TEXT = re.compile(r"^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)\s*$", re.IGNORECASE)
_POINTS = ("min", "likely", "max")
#: The longest duration a step may have: a year, counted with the longest working
#: day and week there are (24 hours, 7 days), so the bound does not depend on
#: ``--day-hours``. Beyond it a value is a typo (``999999999999w``), not a plan.
MAX_MINUTES = 366 * 24 * 60
_LONGEST = WorkingTime(day_minutes=24 * 60, week_days=7)


@dataclass(frozen=True, slots=True)
class Amount:
    """A non-negative amount in one unit: m, h, d or w."""

    value: float
    unit: str = "m"

    def minutes(self, wt: WorkingTime = DEFAULT_WORKING_TIME) -> float:
        return self.value * wt.unit_minutes(self.unit)

    def __str__(self) -> str:
        number = f"{self.value:g}"
        return number if self.unit == "m" else f"{number}{self.unit}"


@dataclass(frozen=True, slots=True)
class Duration:
    """A step's time: one amount, or a three-point estimate around ``likely``."""

    likely: Amount
    low: Amount | None = None
    high: Amount | None = None

    @property
    def is_estimate(self) -> bool:
        return self.low is not None

    def minutes(self, wt: WorkingTime = DEFAULT_WORKING_TIME) -> float:
        """The nominal time in minutes (``likely`` for an estimate)."""
        return self.likely.minutes(wt)

    def three_point(self, wt: WorkingTime = DEFAULT_WORKING_TIME) -> tuple[float, float, float]:
        """(min, likely, max) in minutes; all three equal for a single amount."""
        likely = self.likely.minutes(wt)
        low = self.low.minutes(wt) if self.low else likely
        high = self.high.minutes(wt) if self.high else likely
        return low, likely, high

    def __str__(self) -> str:
        if self.low is None:
            return str(self.likely)
        return f"{self.low}–{self.likely}–{self.high}"

    @classmethod
    def parse(cls, raw: Any) -> Duration:
        """Parse what an author wrote; raises PydanticCustomError('bad-duration'...)."""
        if isinstance(raw, dict):
            return _parse_estimate(raw)
        return cls(_parse_amount(raw))

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(
                _serialise, when_used="json"))

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return DURATION_JSON_SCHEMA


def _serialise(value: Duration) -> Any:
    if value.low is None:
        return value.likely.value if value.likely.unit == "m" else str(value.likely)
    return {"min": str(value.low), "likely": str(value.likely), "max": str(value.high)}


def _bad(message: str, raw: Any) -> PydanticCustomError:
    return PydanticCustomError("bad-duration", message, {"value": repr(raw)})


def _parse_amount(raw: Any) -> Amount:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise _bad("expected minutes (15) or a text with a unit (90m, 1.5h, 2d, 1w), "
                   "got {value}", raw)
    if isinstance(raw, str):
        match = _TEXT.match(raw)
        unit = _UNIT_ALIASES.get(match.group(2).lower() if match else "")
        if match is None or (match.group(2) and unit is None):
            raise _bad("{value} is not a duration: write minutes (15) or a number with "
                       "a unit m, h, d or w (90m, 1.5h, 2d, 1w)", raw)
        return _bounded(Amount(float(match.group(1)), unit or "m"), raw)
    if math.isnan(raw) or math.isinf(raw):
        raise _bad("{value} is not a duration: it must be a finite number of minutes", raw)
    if raw < 0:
        raise _bad("{value} is negative: a duration is zero or more", raw)
    return _bounded(Amount(float(raw), "m"), raw)


def _bounded(amount: Amount, raw: Any) -> Amount:
    if amount.minutes(_LONGEST) > MAX_MINUTES:
        raise _bad("{value} is longer than a year: a step's time is at most "
                   f"{MAX_MINUTES:,} minutes (8784h, 366d, 52w)", raw)
    return amount


def _parse_estimate(raw: dict[Any, Any]) -> Duration:
    unknown = [k for k in raw if k not in _POINTS]
    missing = [k for k in _POINTS if k not in raw]
    if unknown or missing:
        raise _bad("a three-point estimate has exactly the keys min, likely and max; "
                   f"got {sorted(map(str, raw))}", raw)
    low, likely, high = (_parse_amount(raw[k]) for k in _POINTS)
    if not low.minutes() <= likely.minutes() <= high.minutes():
        raise PydanticCustomError(
            "bad-estimate", "a three-point estimate needs min <= likely <= max, got "
            "{value}", {"value": f"min {low}, likely {likely}, max {high}"})
    return Duration(likely, low, high)


_POINT_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "number", "minimum": 0, "description": "minutes"},
        {"type": "string", "pattern": r"^\s*(\d+(\.\d+)?|\.\d+)\s*"
                                       r"([mhdwMHDW]|min|menit|j|jam|hari|minggu)?\s*$",
         "description": "a number with a unit: m, h, d (working days) or w (working weeks)"},
    ]
}

DURATION_JSON_SCHEMA: dict[str, Any] = {
    "description": "Waktu (standard time): minutes, a text with a unit (90m, 1.5h, 2d, 1w), "
                   "or a three-point estimate {min, likely, max}",
    "anyOf": [
        *_POINT_SCHEMA["anyOf"],
        {"type": "object", "additionalProperties": False,
         "required": list(_POINTS),
         "properties": {k: {**_POINT_SCHEMA, "description": f"{k} time"} for k in _POINTS},
         "description": "three-point estimate (min, most likely, max)"},
    ],
}
