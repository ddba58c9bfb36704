"""Start-up: `sopengine --help` imports no command, and the command table is the commands."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from sopengine.cli import lazy
from sopengine.cli.main import cli
from tests.conftest import ROOT, SOPS

HEAVY = ("pydantic", "numpy", "sqlalchemy", "networkx", "rich", "jinja2", "matplotlib")


def _loaded_after(*args: str) -> set[str]:
    code = ("import sys; from sopengine.cli.main import main; sys.argv = ['sopengine', "
            + ", ".join(map(repr, args)) + "]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       timeout=120)
    return set(r.stderr.split())


def test_help_loads_no_library_a_command_needs() -> None:
    assert _loaded_after("--help") & set(HEAVY) == set()


def test_validate_loads_neither_the_runtime_nor_numpy() -> None:
    loaded = _loaded_after("validate", str(SOPS))
    assert "pydantic" in loaded
    assert loaded & {"sqlalchemy", "numpy", "networkx", "matplotlib"} == set()


@pytest.mark.parametrize("name", sorted(lazy.COMMANDS))
def test_the_table_names_the_command_and_its_help(name: str) -> None:
    command = lazy.load_command(name)
    assert command.name == name
    for limit in (40, 45, 1000):
        assert lazy.short_help(name, limit) == command.get_short_help_str(limit)


def test_help_lists_every_command_as_click_would() -> None:
    text = CliRunner().invoke(cli, ["--help"]).output
    rows = [row.split(maxsplit=1) for row in text[text.index("Commands:"):].splitlines()[1:]]
    assert [name for name, _ in rows] == sorted(lazy.COMMANDS)
    for name, help_line in rows:
        assert help_line == lazy.load_command(name).get_short_help_str(80 - 6 - 8)
