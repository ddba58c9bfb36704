"""`validate`, `analyze` and `schema`: checking an SOP and its critical path."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from sopengine.cli import params, report
from sopengine.cli.output import write_output
from sopengine.definition.collection import check_paths
from sopengine.definition.duration import WorkingTime
from sopengine.definition.loader import check_file
from sopengine.definition.schema import (
    book_json_schema,
    calendar_json_schema,
    org_json_schema,
    sop_json_schema,
)
from sopengine.errors import SopFileError

EXIT_INVALID = 1

json_option = click.option("--json", "as_json", is_flag=True,
                           help="Print JSON to stdout (and nothing else).")
lang_option = params.lang_option()
day_option = click.option("--day-hours", type=click.FloatRange(min=0.5, max=24), default=7.5,
                          show_default=True, help="Length of a working day, in hours "
                          "(for durations in d and w, and totals in days).")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@json_option
@click.option("-q", "--quiet", is_flag=True, help="Show errors only, not warnings.")
@day_option
@lang_option
def validate(paths: tuple[Path, ...], as_json: bool, quiet: bool, day_hours: float,
             lang: str) -> None:
    """Check SOP files (a directory: every SOP in it, with `related` ids resolved)."""
    results = check_paths(paths, WorkingTime(day_minutes=day_hours * 60))
    if not results:
        raise SopFileError(", ".join(map(str, paths)), "no .yaml files found")
    if as_json:
        click.echo(report.validation_json(results, lang))
    else:
        click.echo(report.validation_text(results, quiet=quiet, lang=lang))
    sys.exit(0 if all(r.ok for r in results) else EXIT_INVALID)


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@json_option
@lang_option
@day_option
def analyze(file: Path, as_json: bool, lang: str, day_hours: float) -> None:
    """Critical path: earliest/latest times, slack, the total and the load per actor;
    for an SOP without parallel branches also the exact expected total with rework."""
    wt = WorkingTime(day_minutes=day_hours * 60)
    loaded = check_file(file, wt)
    if not loaded.ok or loaded.sop is None:
        click.echo(report.validation_json([loaded], lang) if as_json
                   else report.validation_text([loaded], quiet=True, lang=lang),
                   err=not as_json)
        sys.exit(EXIT_INVALID)
    from sopengine.analysis.cpm import critical_path  # numpy: only when analysing
    from sopengine.analysis.expected import expected_total
    from sopengine.cli.analysis_view import console, critical_path_json, print_critical_path

    cp = critical_path(loaded.sop, working_time=wt)
    expected = expected_total(loaded.sop, wt=wt)  # None with parallel branches
    if as_json:
        click.echo(critical_path_json(loaded.sop, cp, expected))
    else:
        print_critical_path(console(), loaded.sop, cp, lang, expected)


@click.command()
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write to this file instead of stdout.")
@click.option("--book", "of_book", is_flag=True, help="The schema of the book file "
              "(book.yaml) instead of SOP files.")
@click.option("--org", "of_org", is_flag=True, help="The schema of the org file "
              "(org.yaml: positions and aliases) instead of SOP files.")
@click.option("--calendar", "of_calendar", is_flag=True, help="The schema of the calendar "
              "file (calendar.yaml: working hours, holidays) instead of SOP files.")
def schema(output: Path | None, of_book: bool, of_org: bool, of_calendar: bool) -> None:
    """Print the JSON Schema of SOP files (for editors with the YAML language server)."""
    made = (book_json_schema() if of_book else org_json_schema() if of_org
            else calendar_json_schema() if of_calendar else sop_json_schema())
    text = json.dumps(made, ensure_ascii=False, indent=2) + "\n"
    if output:
        write_output(output, text)
    else:
        click.echo(text, nl=False)


COMMANDS = (validate, analyze, schema)
