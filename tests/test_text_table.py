"""Long tables written as lines print what rich's Table prints, character for
character, and fall back to rich where they would not (too wide, a line break, a
control character). On a terminal the rows keep their styles (the escape codes
themselves may be grouped otherwise than rich groups them)."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from bench.generate import large_sop_text
from sopengine.cli import text_table
from sopengine.cli.text_table import Column, Row, print_table, rich_table
from tests.cli_driver import invoke

WORDS = st.text(st.sampled_from("abc xyz09-—éü漢字\xa0\u3000\u0301\u200b😀"), max_size=14)


def printed(width: int, show, *, terminal: bool = False) -> str:
    console = Console(file=io.StringIO(), width=width, markup=False, emoji=False,
                      highlight=False, force_terminal=terminal,
                      color_system="standard" if terminal else None)
    show(console)
    return console.file.getvalue()


@st.composite
def tables(draw: st.DrawFn) -> tuple[str, list[Column], list[Row]]:
    n = draw(st.integers(1, 6))
    columns = [Column(draw(st.one_of(WORDS, st.builds("{}\n{}".format, WORDS, WORDS))),
                      right=draw(st.booleans()), wrap=draw(st.booleans()),
                      min_width=draw(st.none() | st.integers(0, 10))) for _ in range(n)]
    plain = draw(st.integers(0, 3)) > 0  # most tables: what can be written as lines
    cells = WORDS if plain else st.one_of(WORDS, WORDS.map(lambda w: w + "\n" + w),
                                          st.just("a\tb"), st.just("\x1b[1m"))
    rows = draw(st.lists(st.builds(Row, st.lists(cells, min_size=n, max_size=n),
                                   st.sampled_from(["", "bold", "dim"])),
                         min_size=1 if plain else 0, max_size=25))
    return draw(WORDS.filter(bool) if plain else WORDS), columns, rows


@settings(max_examples=400, deadline=None)
@given(tables(), st.integers(30, 160))
def test_lines_are_what_rich_prints(table, width) -> None:
    title, columns, rows = table
    assert printed(width, lambda c: print_table(c, title, columns, rows, long=0)) == \
        printed(width, lambda c: c.print(rich_table(title, columns, rows)))


def _no_rich(*args, **kwargs):
    raise AssertionError("rich's Table was used")


def test_a_long_table_that_fits_is_written_as_lines(monkeypatch) -> None:
    columns = [Column("No", right=True, min_width=4), Column("Langkah\nkerja"),
               Column("Kritis")]
    rows = [Row((str(k), f"langkah-{k}", "ya" if k % 3 else ""), "bold" if k % 3 else "dim")
            for k in range(1, 501)]
    expected = printed(100, lambda c: c.print(rich_table("Judul", columns, rows)))
    monkeypatch.setattr(text_table, "rich_table", _no_rich)
    assert printed(100, lambda c: print_table(c, "Judul", columns, rows)) == expected
    on_terminal = printed(100, lambda c: print_table(c, "Judul", columns, rows), terminal=True)
    assert "\x1b[1m    1   langkah-1     ya     \x1b[0m" in on_terminal  # a bold row
    assert "\x1b[2m    3   langkah-3            \x1b[0m" in on_terminal  # a dim one
    with pytest.raises(AssertionError, match="rich's Table"):  # too wide: rich wraps it
        printed(20, lambda c: print_table(c, "Judul", columns, rows))


def test_analyze_of_a_long_sop_prints_rich_s_table(tmp_path, capsys, monkeypatch) -> None:
    sop = tmp_path / "besar.yaml"
    sop.write_text(large_sop_text(600), encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setattr(text_table, "LONG", 10**9)  # every table through rich
    by_rich = invoke(capsys, monkeypatch, "analyze", sop)
    monkeypatch.setattr(text_table, "LONG", 200)
    monkeypatch.setattr(text_table, "rich_table", _no_rich)
    as_lines = invoke(capsys, monkeypatch, "analyze", sop)
    assert by_rich.code == as_lines.code == 0
    assert as_lines.out == by_rich.out
    assert as_lines.out.count("\n") > 600
