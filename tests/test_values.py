"""Values as YAML 1.2 reads them, and values no SOP can mean (issue 10, items 10, 16, 17, 20)."""

from __future__ import annotations

import pytest

from sopengine.definition import yamlsource
from sopengine.definition.duration import MAX_MINUTES
from sopengine.definition.loader import check_bytes
from tests.conftest import check, codes, sop_with_steps

STEP = """\
- actor: camat
  action: Menyusun surat
  time: {time}
  outputs: [Surat]
"""


def _value(text: str) -> object:
    return yamlsource.parse(f"a: {text}\n")[0]["a"]


@pytest.mark.parametrize(("text", "value"), [
    ("030", 30), ("007", 7), ("-12", -12), ("+5", 5), ("0", 0),
    ("0x1E", "0x1E"), ("0o17", "0o17"), ("0b11", "0b11"), ("1_5", "1_5"),
    ("1_000.5", "1_000.5"), ("1:30", "1:30"), ("1.5", 1.5), ("2.", 2.0), (".5", 0.5),
    ("1.0e+3", 1000.0), ("1e-05", 1e-05), ("5e-1", 0.5), ("-2E3", -2000.0),
])
def test_numbers_follow_yaml_1_2_core(text: str, value: object) -> None:
    got = _value(text)
    assert got == value
    assert type(got) is type(value)


def test_a_leading_zero_time_is_decimal_minutes() -> None:
    loaded = check(sop_with_steps(STEP.format(time="030")))
    assert loaded.ok
    assert loaded.sop.steps[0].time.minutes() == 30


@pytest.mark.parametrize("time", ["0x1E", "0b11", "1_5"])
def test_hex_binary_and_underscored_times_are_refused(time: str) -> None:
    [d] = check(sop_with_steps(STEP.format(time=time))).errors
    assert (d.code, d.line, d.column) == ("bad-duration", 10, 11)


@pytest.mark.parametrize("escape", ["\\x01", "\\v", "\\f", "\\0", "\\uFFFE", "\\x7f",
                                    "\\x9b"])
def test_control_characters_from_escapes_are_refused_where_they_are(escape: str) -> None:
    text = sop_with_steps(STEP.format(time=10)).replace("Menyusun surat",
                                                         f'"Menyusun{escape}surat"')
    [d] = check_bytes(text.encode()).diagnostics
    assert (d.code, d.line, d.column) == ("control-character", 9, 13)
    assert "U+" in d.message


def test_a_control_character_in_a_key_is_refused() -> None:
    text = sop_with_steps(STEP.format(time=10)).replace("  staf:", '  "st\\x01af":')
    [d] = check_bytes(text.encode()).diagnostics
    assert (d.code, d.line, d.column) == ("control-character", 6, 3)


@pytest.mark.parametrize("char", ["\x01", "\x0b", "\x0c", "\x00", "\ufffe", "\x1b"])
def test_pasted_control_characters_are_located(char: str) -> None:
    text = sop_with_steps(STEP.format(time=10)).replace("surat", f"su{char}rat")
    [d] = check_bytes(text.encode()).diagnostics
    assert (d.code, d.line, d.column) == ("control-character", 9, 24)


def test_tabs_and_line_breaks_in_text_stay() -> None:
    text = sop_with_steps(STEP.format(time=10)).replace("Menyusun surat",
                                                         '"Menyusun\\tsurat\\nbaru"')
    loaded = check_bytes(text.encode())
    assert loaded.ok
    assert loaded.sop.steps[0].action == "Menyusun\tsurat\nbaru"


@pytest.mark.parametrize("time", ["999999999999w", "1.0e+300", "53w", "367d", "8785h",
                                  "527041", "{min: 1, likely: 2, max: 99999999}"])
def test_absurd_durations_are_refused_at_their_place(time: str) -> None:
    [d] = check(sop_with_steps(STEP.format(time=time))).errors
    assert d.code == "bad-duration"
    assert d.line == 10
    assert f"{MAX_MINUTES:,}" in d.message


@pytest.mark.parametrize("time", ["52w", "366d", "8784h", str(MAX_MINUTES)])
def test_a_year_is_still_a_duration(time: str) -> None:
    assert check(sop_with_steps(STEP.format(time=time))).ok


DECISION = """\
- id: susun
  actor: camat
  action: Menyusun surat
  time: 10
  outputs: [Surat]
- id: periksa
  actor: staf
  action: Memeriksa surat
  time: 10
  outputs: [Surat]
  branches:
    Ya: {{to: end, chance: {exit}}}
    Tidak: susun
"""


def test_a_boolean_chance_is_refused() -> None:
    [d] = check(sop_with_steps(DECISION.format(exit="true"))).errors
    assert (d.code, d.line) == ("wrong-type", 19)
    assert "boolean" in d.message


def test_a_loop_that_can_never_exit_is_warned_at_its_exit() -> None:
    loaded = check(sop_with_steps(DECISION.format(exit=0)))
    assert loaded.ok
    [d] = loaded.warnings
    assert (d.code, d.line, d.column) == ("loop-never-exits", 19, 11)


@pytest.mark.parametrize("exit", ["0.1", "1"])
def test_a_loop_with_a_way_out_is_not_warned(exit: str) -> None:
    assert "loop-never-exits" not in codes(check(sop_with_steps(DECISION.format(exit=exit))))
