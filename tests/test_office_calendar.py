"""The office's working calendar: calendar.yaml, national holidays and cuti bersama,
breaks, --holidays read safely, and due times that never overflow."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest

from sopengine.analysis.actuals import compare_actuals
from sopengine.definition import calendar as calendar_module
from sopengine.definition.calendar import WorkingCalendar
from sopengine.definition.calendar_file import load_calendar, office_calendar
from sopengine.definition.duration import WorkingTime
from sopengine.definition.holiday_list import read_holidays
from sopengine.definition.loader import load_sop
from sopengine.definition.schema import calendar_json_schema
from sopengine.errors import CalendarError, SopFileError, SopInvalid
from tests.cli_driver import invoke
from tests.conftest import ROOT, SOPS

OFFICE = load_calendar(SOPS)
FRIDAY = dt.date(2026, 8, 14)  # before Independence Day, Monday 17 August 2026


def test_the_seed_calendar_has_breaks_a_longer_friday_break_and_national_days() -> None:
    assert OFFICE.day_minutes == 450
    assert OFFICE.week_minutes == 5 * 450
    assert OFFICE.windows_on(dt.date(2026, 8, 13)) == ((450, 720), (780, 960))
    assert OFFICE.windows_on(FRIDAY) == ((450, 690), (780, 990))  # 11:30-13:00 on Friday
    assert not OFFICE.is_working_day(dt.date(2026, 8, 17))  # Hari Kemerdekaan
    assert not OFFICE.is_working_day(dt.date(2026, 3, 20))  # cuti bersama Idul Fitri
    assert not OFFICE.is_working_day(dt.date(2026, 12, 24))  # cuti bersama Natal
    assert OFFICE.is_working_day(dt.date(2026, 12, 23))
    plain = WorkingCalendar(national="ID", cuti_bersama=False)
    assert plain.is_working_day(dt.date(2026, 3, 20))
    assert not plain.is_working_day(dt.date(2026, 3, 19))  # Nyepi itself


def test_due_times_skip_breaks_and_holidays() -> None:
    friday_11 = dt.datetime.combine(FRIDAY, dt.time(11, 0))
    assert OFFICE.add(friday_11, 60) == dt.datetime.combine(FRIDAY, dt.time(13, 30))
    # Friday's rest (30 + 210), Monday the 17th closed, Tuesday from 07:30
    assert OFFICE.add(friday_11, 300) == dt.datetime(2026, 8, 18, 8, 30)
    assert OFFICE.between(friday_11, dt.datetime(2026, 8, 18, 8, 30)) == 300


def test_run_and_report_use_the_calendar_beside_the_sops(tmp_path: Path, capsys,
                                                          monkeypatch) -> None:
    db = tmp_path / "o.db"
    r = invoke(capsys, monkeypatch, "run", SOPS / "pengukuran.yaml", "--auto", "--decide",
               "koreksi=Ya", "--json", "--start", "2026-08-14 07:30", "--db", db)
    assert r.code == 0, r.err
    data = json.loads(r.out)
    # 765 minutes: Friday's 450, Monday a holiday, Tuesday 270 before the break, 45 after
    assert data["finished_at"] == "2026-08-18T13:45"
    r = invoke(capsys, monkeypatch, "report", "pengukuran-kinerja", "--json", "--db", db,
               "--calendar", SOPS / "calendar.yaml")
    assert r.code == 0, r.err
    steps = {s["id"]: s for s in json.loads(r.out)["steps"]}
    assert steps["himpun-format"]["median_minutes"] == 120  # 11:10-13:10 spans the break


def test_actual_durations_are_counted_on_the_office_calendar() -> None:
    class Done:
        step, ready_at = "himpun-format", dt.datetime.combine(FRIDAY, dt.time(11, 0))
        done_at = dt.datetime(2026, 8, 18, 8, 30)
        due_at = done_at

    sop = load_sop(SOPS / "pengukuran.yaml")
    rows = compare_actuals(sop, [Done()], OFFICE, WorkingTime(day_minutes=450))
    row = next(r for r in rows if r.step == "himpun-format")
    assert row.median_minutes == 300  # in working days: 300 / OFFICE.day_minutes


def test_without_a_calendar_file_the_default_calendar(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("sop: 1\n")
    assert office_calendar(None, tmp_path / "x.yaml") == WorkingCalendar()
    assert load_calendar(tmp_path) == WorkingCalendar()
    assert WorkingCalendar().national is None
    with pytest.raises(SopFileError):
        load_calendar(tmp_path / "calendar.yaml")


def test_committed_schema_is_current_and_the_seed_calendar_passes_it() -> None:
    import jsonschema

    from sopengine.definition.yamlsource import parse

    committed = json.loads((ROOT / "schemas" / "calendar.schema.json").read_text())
    assert committed == calendar_json_schema(), (
        "schemas/calendar.schema.json is stale: run `sopengine schema --calendar -o "
        "schemas/calendar.schema.json`")
    data, _ = parse((SOPS / "calendar.yaml").read_text())
    jsonschema.validate(data, committed)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "hours": {"friday": ["7:30-11:30"]}}, committed)


CALENDAR = "calendar: 1\nhours:\n  monday: [07:30-12:00, 13:00-16:00]\n"


@pytest.mark.parametrize(("text", "code", "line", "column"), [
    (CALENDAR.replace("13:00-16:00", "11:00-16:00"), "bad-value", 3, 25),
    (CALENDAR.replace("13:00-16:00", "16:00-13:00"), "bad-value", 3, 25),
    (CALENDAR.replace("13:00-16:00", "13:00-25:00"), "bad-value", 3, 25),
    (CALENDAR.replace("13:00-16:00", "13.00-16.00"), "bad-value", 3, 25),
    (CALENDAR.replace("monday", "senin"), "unknown-key", 3, 3),
    (CALENDAR + "closed:\n  2026-02-30: Rapat\n", "bad-date", 5, 3),
    (CALENDAR + "national_holidays: Indonesia\n", "bad-value", 4, 20),
    (CALENDAR + "cuti_bersama: yes\n", "bad-value", 4, 15),
    ("calendar: 1\nhours: {}\n", "bad-value", 2, 8),
    (CALENDAR + "libur: []\n", "unknown-key", 4, 1),
    (b"calendar: 1\nclosed: {2026-12-31: Tutup \x96 buku}\n", "not-utf8", 2, 28),
    ("calendar: 1\nclosed: " + "[" * 100 + "]" * 100 + "\n", "document-too-deep", 2, 72),
])
def test_a_bad_calendar_file_is_reported_at_its_place(tmp_path: Path, capsys, monkeypatch,
                                                       text: str | bytes, code: str,
                                                       line: int, column: int) -> None:
    book = tmp_path / "sops"
    shutil.copytree(SOPS, book)
    path = book / "calendar.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    r = invoke(capsys, monkeypatch, "validate", book, "--json")
    assert r.code == 1
    [bad] = [f for f in json.loads(r.out)["files"] if f["path"] == str(path)]
    first = bad["errors"][0]
    assert (first["code"], first["line"], first["column"]) == (code, line, column)
    with pytest.raises(SopInvalid):
        load_calendar(book)
    r = invoke(capsys, monkeypatch, "start", book / "pengukuran.yaml", "--db",
               tmp_path / "x.db")
    assert r.code == 1
    assert f"{path}:{line}:{column}" in r.err
    assert not (tmp_path / "x.db").exists()  # refused before the database is touched


# -- --holidays FILE (issue 10, item 18) -----------------------------------------------

def test_holiday_files_in_each_form(tmp_path: Path) -> None:
    forms = {"lines": "2026-01-01   # Tahun Baru\n2026-03-20\n",
             "list": "- 2026-01-01\n- 2026-03-20\n",
             "map": "2026-01-01: Tahun Baru\n2026-03-20: Cuti bersama\n"}
    for name, text in forms.items():
        (tmp_path / name).write_text(text)
        assert read_holidays(tmp_path / name) == {dt.date(2026, 1, 1), dt.date(2026, 3, 20)}


BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
    for p, c in zip("abcdefgh", "bcdefghi", strict=True))


@pytest.mark.parametrize(("content", "code", "where"), [
    (BOMB, "document-too-large", ":"),
    (b"- 2026-01-01\n- 2026-\xff\n", "not-utf8", ":2:8"),
    ("- 2026-01-01\n- 2026-02-30\n", "bad-date", ":2:3"),
    ("2026-01-01\n2026-13-01  # a typo\n", "bad-date", ":2:1"),
    ("- 2026-01-01\n- [2026-01-02]\n", "bad-date", ":2:3"),
    ("[" * 100 + "]" * 100, "document-too-deep", ":1:65"),
    ("42\n", "bad-date", ":1:1"),
    ("'2026-01-01'\n", "not-a-mapping", ":1:1"),
])
def test_bad_holiday_files_are_located_errors(tmp_path: Path, capsys, monkeypatch,
                                              content: str | bytes, code: str,
                                              where: str) -> None:
    path = tmp_path / "libur.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    r = invoke(capsys, monkeypatch, "start", SOPS / "pengukuran.yaml", "--holidays", path,
               "--db", tmp_path / "x.db")
    assert r.code == 1, r.err
    assert r.err.startswith(f"galat: {path}{where}")  # Indonesian, the default
    assert code in r.err
    assert len(r.err) < 1000  # one line, not the expanded document
    assert "internal error" not in r.err
    assert "galat internal" not in r.err


def test_a_fifo_as_holiday_file_is_refused_without_blocking(tmp_path: Path, capsys,
                                                            monkeypatch) -> None:
    fifo = tmp_path / "libur.fifo"
    os.mkfifo(fifo)
    r = invoke(capsys, monkeypatch, "start", SOPS / "pengukuran.yaml", "--holidays", fifo,
               "--db", tmp_path / "x.db")
    assert r.code == 2
    assert "is not a regular file" in r.err


# -- item 17: absurd but valid amounts ------------------------------------------------

def test_a_year_of_working_time_takes_few_steps(monkeypatch) -> None:
    calls = []
    original = WorkingCalendar.windows_on
    monkeypatch.setattr(WorkingCalendar, "windows_on",
                        lambda self, day: calls.append(day) or original(self, day))
    start = dt.datetime(2026, 1, 5, 7, 30)
    due = OFFICE.add(start, 10 * 260 * 450)  # ten years of working days
    assert due.year in (2035, 2036)
    assert len(calls) < 60  # whole weeks are jumped, not walked day by day
    assert OFFICE.between(start, due) == pytest.approx(10 * 260 * 450)


def test_no_overflow_near_the_end_of_the_calendar() -> None:
    for minutes in (1e300, float("inf"), 999999999999 * 5 * 450):
        with pytest.raises(CalendarError, match="after the year 9999"):
            OFFICE.add(dt.datetime(2026, 1, 5, 8), minutes)
    with pytest.raises(CalendarError):
        WorkingCalendar().add(dt.datetime(9999, 12, 30, 8), 5 * 450)
    assert calendar_module.WorkingCalendar().add(dt.datetime(9999, 12, 30, 8), 60) == \
        dt.datetime(9999, 12, 30, 9)


def test_a_run_past_the_year_9999_is_a_clear_error(tmp_path: Path, capsys,
                                                   monkeypatch) -> None:
    r = invoke(capsys, monkeypatch, "run", SOPS / "pengukuran.yaml", "--auto", "--start",
               "9999-12-31 07:30", "--db", tmp_path / "x.db")
    assert r.code == 3
    assert "after the year 9999" in r.err
    assert "internal error" not in r.err
    assert "galat internal" not in r.err


def test_a_calendar_without_working_time_is_refused() -> None:
    with pytest.raises(CalendarError, match="no working time"):
        WorkingCalendar(weekdays=frozenset())
    with pytest.raises(CalendarError, match="overlapping"):
        WorkingCalendar(hours=(((450, 720), (700, 900)),) + ((),) * 6)


def test_a_country_the_holidays_library_does_not_know_is_refused_at_start(
        tmp_path: Path, capsys, monkeypatch) -> None:
    book = tmp_path / "sops"
    shutil.copytree(SOPS, book)
    (book / "calendar.yaml").write_text(CALENDAR + "national_holidays: XQ\n")
    r = invoke(capsys, monkeypatch, "start", book / "pengukuran.yaml", "--db", tmp_path / "x.db",
               "--lang", "en")
    assert r.code == 1
    assert f"{book / 'calendar.yaml'}:4:20: bad-value: the holidays library knows no country" \
        in r.err
