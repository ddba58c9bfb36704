"""Waiting times and list cells as offices write them (property-based)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sopengine.definition.duration import Duration
from sopengine.importing.identity import items
from sopengine.importing.times import parse_time

UNITS = {"menit": 1, "Menit": 1, "mnt": 1, "jam": 60, "Jam": 60, "hari": 450, "Hari": 450,
         "minggu": 2250}


@given(st.integers(min_value=0, max_value=52), st.sampled_from(sorted(UNITS)),  # <= a year
       st.sampled_from(["", " ", "  "]))
def test_a_number_and_a_unit_mean_what_the_loader_means(n: int, unit: str, gap: str) -> None:
    value, problem = parse_time(f"{n}{gap}{unit}")
    assert problem is None
    assert Duration.parse(value).minutes() == n * UNITS[unit]


@given(st.integers(min_value=0, max_value=999))
def test_a_prime_is_minutes(n: int) -> None:
    assert parse_time(f"{n}'") == (n, None)


@given(st.integers(min_value=1, max_value=99), st.integers(min_value=1, max_value=99))
def test_a_range_gives_min_and_max_and_is_flagged(a: int, b: int) -> None:
    value, problem = parse_time(f"{a} - {b} hari")
    assert problem == "range"
    assert value == {"min": f"{a}d", "max": f"{b}d"}


def test_unreadable_times_are_not_guessed() -> None:
    assert parse_time("segera") == (None, "bad-time")
    assert parse_time("") == (None, "no-time")


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)
_ITEM = st.lists(_WORD, min_size=1, max_size=4).map(lambda ws: " ".join(ws).capitalize())


@given(st.lists(_ITEM, min_size=1, max_size=6), st.sampled_from(["{i}. ", "{i}) ", "- ", "• "]))
def test_numbered_and_bulleted_lists_give_their_items(found: list[str], style: str) -> None:
    text = "\n".join(style.format(i=i) + item for i, item in enumerate(found, start=1))
    assert items(text) == found


@given(st.lists(_ITEM, min_size=1, max_size=6))
def test_one_item_a_line_without_numbers(found: list[str]) -> None:
    assert items("\n".join(found)) == found


def test_a_wrapped_item_is_one_item() -> None:
    assert items("Rencana pengawasan yang\ndisetujui") == ["Rencana pengawasan yang disetujui"]
    assert items("1. Peraturan Pemerintah\ntentang SPIP\n2. Permen PAN") == [
        "Peraturan Pemerintah tentang SPIP", "Permen PAN"]
