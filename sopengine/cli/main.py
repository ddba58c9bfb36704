"""`sopengine` commands. Each one gathers options, calls the public API and
prints; library errors become exit codes here and nowhere else:
0 ok, 1 an SOP is invalid, 2 usage (bad option, no such file), 3 runtime error.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from sopengine.analysis.cpm import critical_path
from sopengine.analysis.expected import expected_total
from sopengine.cli import analysis_cmds, render_cmds, report, runtime_cmds
from sopengine.cli.analysis_view import console, critical_path_json, print_critical_path
from sopengine.definition.collection import check_paths
from sopengine.definition.duration import WorkingTime
from sopengine.definition.loader import check_file
from sopengine.definition.schema import book_json_schema, sop_json_schema
from sopengine.errors import SopError, SopFileError, SopInvalid
from sopengine.labels import LANGS

EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_RUNTIME = 3

json_option = click.option("--json", "as_json", is_flag=True,
                           help="Print JSON to stdout (and nothing else).")
lang_option = click.option("--lang", type=click.Choice(LANGS), default="id", show_default=True,
                           help="Language of labels: Indonesian or English.")
day_option = click.option("--day-hours", type=click.FloatRange(min=0.5, max=24), default=7.5,
                          show_default=True, help="Length of a working day, in hours "
                          "(for durations in d and w, and totals in days).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sopengine")
def cli() -> None:
    """Write, check, run and publish SOPs (Standar Operasional Prosedur)."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@json_option
@click.option("-q", "--quiet", is_flag=True, help="Show errors only, not warnings.")
@day_option
def validate(paths: tuple[Path, ...], as_json: bool, quiet: bool, day_hours: float) -> None:
    """Check SOP files (a directory: every SOP in it, with `related` ids resolved)."""
    results = check_paths(paths, WorkingTime(day_minutes=day_hours * 60))
    if not results:
        raise SopFileError(", ".join(map(str, paths)), "no .yaml files found")
    if as_json:
        click.echo(report.validation_json(results))
    else:
        click.echo(report.validation_text(results, quiet=quiet))
    sys.exit(0 if all(r.ok for r in results) else EXIT_INVALID)


@cli.command()
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
        click.echo(report.validation_json([loaded]) if as_json
                   else report.validation_text([loaded], quiet=True),
                   err=not as_json)
        sys.exit(EXIT_INVALID)
    cp = critical_path(loaded.sop, working_time=wt)
    expected = expected_total(loaded.sop, wt=wt)  # None with parallel branches
    if as_json:
        click.echo(critical_path_json(loaded.sop, cp, expected))
    else:
        print_critical_path(console(), loaded.sop, cp, lang, expected)


@cli.command()
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write to this file instead of stdout.")
@click.option("--book", "of_book", is_flag=True, help="The schema of the book file "
              "(book.yaml) instead of SOP files.")
def schema(output: Path | None, of_book: bool) -> None:
    """Print the JSON Schema of SOP files (for editors with the YAML language server)."""
    text = json.dumps(book_json_schema() if of_book else sop_json_schema(),
                      ensure_ascii=False, indent=2) + "\n"
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


from sopengine.cli import import_cmds  # noqa: E402 - registered with the others below

for _command in (*runtime_cmds.COMMANDS, *analysis_cmds.COMMANDS, *render_cmds.COMMANDS,
                 *import_cmds.COMMANDS):
    cli.add_command(_command)


def main() -> None:
    """Entry point: run the CLI, turning sopengine errors into messages and exit codes."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except SopInvalid as exc:  # from any command: the same status as `validate`
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_INVALID)
    except SopFileError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except SopError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_RUNTIME)
    except Exception as exc:  # a bug: say so plainly, the traceback only on request
        if os.environ.get("SOPENGINE_DEBUG"):
            raise
        click.echo(f"internal error: {type(exc).__name__}: {exc}\n"
                   "This is a bug in sopengine; please report it with the command you ran "
                   "(set SOPENGINE_DEBUG=1 to see the traceback).", err=True)
        sys.exit(EXIT_RUNTIME)
