"""Number and dates are filled into the YAML without touching anything else."""

from __future__ import annotations

import datetime as dt

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sopengine.definition import yamlsource
from sopengine.definition.loader import check_text
from sopengine.definition.stamp import stamp
from tests.catalog.conftest import surat
from tests.strategies import valid_flows

DATES = {"created": dt.date(2026, 1, 2), "effective": dt.date(2026, 2, 3)}


def test_added_after_the_title_and_nothing_else_changes() -> None:
    out = stamp(surat(), "800/1", DATES)
    assert out is not None
    assert out.replace('number: "800/1"\ndates: {created: 2026-01-02, effective: 2026-02-03}\n',
                       "") == surat()
    assert out.splitlines()[3:5] == ["title: Penanganan Surat Masuk", 'number: "800/1"']


def test_existing_entries_replaced_in_place_with_their_comments_lines() -> None:
    text = surat().replace("unit: Sekretariat\n", "number: old  # was\nunit: Sekretariat\n"
                           "dates:\n  # made\n  created: 2020-01-01\n\n  revised: 2021-01-01\n")
    out = stamp(text, 'A "quoted" / number', DATES)
    assert out is not None
    assert 'number: "A \\"quoted\\" / number"\nunit: Sekretariat\ndates: {created' in out
    assert "2020" not in out
    assert "old" not in out
    assert "actors:\n" in out


def test_crlf_files_keep_their_line_ends() -> None:
    out = stamp(surat().replace("\n", "\r\n"), "1", DATES)
    assert out is not None
    assert "\n" not in out.replace("\r\n", "")


def test_a_flow_mapping_file_is_refused_not_garbled() -> None:
    text = ('{sop: 1, id: x, title: X, actors: {a: A}, '
            'steps: [{actor: a, action: B, time: 1}]}\n')
    assert stamp(text, "1", DATES) is None


@given(valid_flows(), st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")),
                              min_size=1, max_size=40).filter(str.strip),
       st.dates(dt.date(2000, 1, 1), dt.date(2090, 1, 1)), st.integers(0, 400),
       st.sampled_from(["none", "block", "flow"]))
@settings(max_examples=150, deadline=None)
def test_stamping_any_valid_sop_changes_its_number_and_dates_only(
        data: dict, number: str, created: dt.date, days: int, had: str) -> None:
    if had == "block":
        data = {**data, "number": "LAMA", "dates": {"created": "1999-01-01"}}
    text = "# generated\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if had == "flow":
        text = text.replace("title: Acak\n", "title: Acak\ndates: {created: 1999-01-01}\n")
    dates = {"created": created, "effective": created + dt.timedelta(days=days)}
    out = stamp(text, number, dates)
    assert out is not None
    loaded = check_text(out)
    assert loaded.ok, loaded.diagnostics
    assert loaded.sop is not None
    assert loaded.sop.number == number
    assert (loaded.sop.dates.created, loaded.sop.dates.effective) == (  # type: ignore[union-attr]
        dates["created"], dates["effective"])
    before, _ = yamlsource.parse(text)
    after, _ = yamlsource.parse(out)
    for key in ("number", "dates"):
        before.pop(key, None)
        after.pop(key, None)
    assert after == before
    assert out.startswith("# generated\n")
