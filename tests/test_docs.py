"""The docs say what the code does: every code, command and option is documented."""

from __future__ import annotations

import re

import click

from sopengine.cli.main import cli
from sopengine.diagnostics import CODES
from tests.conftest import ROOT

DOCS = ROOT / "docs"


def test_error_codes_and_docs_are_in_step() -> None:
    text = (DOCS / "errors.md").read_text()
    documented = re.findall(r"^## ([a-z0-9-]+)$", text, re.MULTILINE)
    assert documented == list(CODES)


def test_every_command_and_option_is_in_the_cli_docs() -> None:
    text = (DOCS / "cli.md").read_text()
    assert isinstance(cli, click.Group)
    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert command is not None, name
        assert f"## sopengine {name}" in text, name
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("-"):
                    assert opt in text, f"{name} {opt}"


def test_format_docs_name_every_key() -> None:
    from sopengine.definition.model import Approver, Branch, Dates, Sop, Step

    text = (DOCS / "format.md").read_text()
    for model in (Sop, Step, Dates, Approver, Branch):
        for key in model.model_fields:
            assert f"`{key}`" in text, f"{model.__name__}.{key}"


def test_readme_opens_with_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text()
    head = text[: text.index("\n## ")]
    assert "make run" in head
    assert "make test" in head


def test_complete_examples_in_the_format_docs_are_valid() -> None:
    from sopengine.definition.loader import check_text

    text = (DOCS / "format.md").read_text()
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if b.startswith("sop: 1")]
    assert blocks
    for block in blocks:
        loaded = check_text(block, "format.md")
        assert loaded.diagnostics == ()
        assert loaded.ok
