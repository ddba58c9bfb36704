from __future__ import annotations

import math

import pytest
from pydantic_core import PydanticCustomError

from sopengine.definition.duration import Amount, Duration, WorkingTime


@pytest.mark.parametrize(("raw", "minutes"), [
    (15, 15), (0, 0), (2.5, 2.5), ("90m", 90), ("1.5h", 90), ("2d", 900), ("1w", 2250),
    ("45 menit", 45), ("2 jam", 120), ("1 hari", 450), (" 10 ", 10), (".5h", 30),
])
def test_amounts(raw: object, minutes: float) -> None:
    assert Duration.parse(raw).minutes() == minutes


def test_working_day_is_configurable() -> None:
    wt = WorkingTime(day_minutes=480, week_days=6)
    assert Duration.parse("1d").minutes(wt) == 480
    assert Duration.parse("1w").minutes(wt) == 2880


@pytest.mark.parametrize("raw", [-1, "-5", "abc", "10 years", float("nan"), math.inf, True,
                                 None, [10], "1:30"])
def test_rejected(raw: object) -> None:
    with pytest.raises(PydanticCustomError) as info:
        Duration.parse(raw)
    assert info.value.type == "bad-duration"


def test_three_point_estimate() -> None:
    d = Duration.parse({"min": 10, "likely": "15m", "max": "1h"})
    assert d.is_estimate
    assert d.minutes() == 15
    assert d.three_point() == (10, 15, 60)
    assert str(d) == "10–15–1h"


def test_estimate_out_of_order_and_bad_keys() -> None:
    with pytest.raises(PydanticCustomError) as info:
        Duration.parse({"min": 30, "likely": 15, "max": 60})
    assert info.value.type == "bad-estimate"
    with pytest.raises(PydanticCustomError):
        Duration.parse({"min": 1, "most": 2, "max": 3})


def test_printing() -> None:
    assert str(Amount(15)) == "15"
    assert str(Amount(1.5, "h")) == "1.5h"
