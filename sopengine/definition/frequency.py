"""How often an SOP is carried out: ``frequency: 4/year`` (a number alone is per year).

Units: year (tahun), quarter (triwulan), month (bulan), week (minggu) and day
(hari, a working day: 250 per year).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

PER_YEAR = {"year": 1.0, "tahun": 1.0, "quarter": 4.0, "triwulan": 4.0, "month": 12.0,
            "bulan": 12.0, "week": 52.0, "minggu": 52.0, "day": 250.0, "hari": 250.0}
_TEXT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:/|x|kali\s*/?\s*|per\s+)\s*([a-z]+)\s*$",
                   re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Frequency:
    count: float
    unit: str = "year"

    @property
    def per_year(self) -> float:
        return self.count * PER_YEAR[self.unit]

    def __str__(self) -> str:
        return f"{self.count:g}/{self.unit}"

    @classmethod
    def parse(cls, raw: Any) -> Frequency:
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            if math.isfinite(raw) and raw >= 0:
                return cls(float(raw))
        elif isinstance(raw, str) and (m := _TEXT.match(raw)) and m.group(2).lower() in PER_YEAR:
            return cls(float(m.group(1)), m.group(2).lower())
        raise PydanticCustomError(
            "bad-frequency", "{value} is not a frequency: write e.g. 4/year, 2/month, 1/week "
            "(or a number per year)", {"value": repr(raw)})

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any,
                                     handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(
                str, when_used="json"))

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {"description": "how often the SOP is carried out (frekuensi): 4/year, "
                               "2/month, 1/week, 3/day, or a number per year",
                "anyOf": [{"type": "number", "minimum": 0},
                          {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*/\s*[a-zA-Z]+\s*$"}]}
