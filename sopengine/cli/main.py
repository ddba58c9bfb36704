"""`sopengine`: the command group and its entry point. Each command (modules
listed in ``cli/lazy.py``, imported when it runs) gathers options, calls the
public API and prints; library errors become exit codes here and nowhere else:
0 ok, 1 an SOP is invalid, 2 usage (bad option, no such file), 3 runtime error.
"""

from __future__ import annotations

import os
import sys

import click

from sopengine.cli.lazy import LazyGroup
from sopengine.errors import SopError, SopFileError, SopInvalid

EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_RUNTIME = 3


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sopengine")
def cli() -> None:
    """Write, check, run and publish SOPs (Standar Operasional Prosedur)."""


def main() -> None:
    """Entry point: run the CLI, turning sopengine errors into messages and exit codes."""
    from sopengine.cli.help_id import help_in
    from sopengine.cli.messages import run_language

    lang = run_language()
    with help_in(lang, cli):  # click's words too, for the usage line of an error
        _run(lang)


def _run(lang: str) -> None:
    from sopengine.cli.messages import error_text, show_click_error, word

    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo(word("aborted", lang), err=True)
        sys.exit(130)
    except click.ClickException as exc:
        show_click_error(exc, lang)
        sys.exit(exc.exit_code)
    except SopError as exc:
        click.echo(f"{word('error', lang)}: {error_text(exc, lang)}", err=True)
        sys.exit(EXIT_INVALID if isinstance(exc, SopInvalid)  # as `validate` does
                 else EXIT_USAGE if isinstance(exc, SopFileError) else EXIT_RUNTIME)
    except Exception as exc:  # a bug: say so plainly, the traceback only on request
        if os.environ.get("SOPENGINE_DEBUG"):
            raise
        click.echo(f"{word('internal', lang)}: {type(exc).__name__}: {exc}\n"
                   f"{word('bug', lang)}", err=True)
        sys.exit(EXIT_RUNTIME)
