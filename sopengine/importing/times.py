"""A Waktu cell as the loader reads durations ("15 menit", "1 Jam", "2 hari", "5'").

The text is brought to the loader's own duration syntax and parsed by
:meth:`Duration.parse`, so an imported time means what the loader means. A
range ("4 jam–2 hari") gives min and max; the most likely time is not in the
document and is left for the author.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic_core import PydanticCustomError

from sopengine.definition.duration import Duration

_RANGE = re.compile(r"\s*(?:–|—|-|s/d|s\.d\.?|sampai)\s*")
_NUMBER_ONLY = re.compile(r"^\d+(?:\.\d+)?$")


def _tidy(text: str, default_unit: str) -> str:
    text = " ".join(text.split()).lower().replace(",", ".")
    text = re.sub(r"(\d)\s*'+", r"\1 menit", text)
    text = re.sub(r"mnt$", "menit", text.rstrip("."))  # "15 mnt.", "2 jam."
    if _NUMBER_ONLY.match(text) and default_unit != "m":
        text = f"{text}{default_unit}"
    return text.replace(" ", "")


def parse_time(text: str, default_unit: str = "m") -> tuple[Any, str | None]:
    """(value for the YAML ``time`` key, or None; a problem to check, or None)."""
    raw = " ".join(text.split())
    if not raw:
        return None, "no-time"
    parts = [p for p in _RANGE.split(raw) if p]
    try:
        if len(parts) == 2:
            low, high = (_amount(p, default_unit) for p in parts)
            if _NUMBER_ONLY.match(parts[0].strip()) and not _NUMBER_ONLY.match(parts[1].strip()):
                low = _amount(parts[0] + re.sub(r"^[\d.,\s]+", "", parts[1]), default_unit)
            return {"min": low, "max": high}, "range"
        return _amount(raw, default_unit), None
    except PydanticCustomError:
        return None, "bad-time"


def _amount(text: str, default_unit: str) -> Any:
    tidy = _tidy(text, default_unit)
    amount = Duration.parse(tidy).likely
    return int(amount.value) if amount.unit == "m" and amount.value.is_integer() else str(amount)
