"""The command table: each command's module is imported only when it runs.

`sopengine --help` lists every command from this table without importing one
(pydantic, numpy, SQLAlchemy and networkx stay unloaded); `sopengine validate`
imports the validation commands and what they use, nothing else. A test holds
this table to the commands themselves (names and short help).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import click

# name: ("module:attribute", the first sentence of the command's help)
COMMANDS: dict[str, tuple[str, str]] = {
    "analyze": ("check_cmds:analyze", "Critical path: earliest/latest times, slack, the total "
                "and the load per actor; for an SOP without parallel branches also the exact "
                "expected total with rework."),
    "book": ("render_cmds:book_cmd", "Build the SOP book of DIRECTORY: index.html, one page "
             "per SOP, and book.pdf."),
    "cancel": ("runtime_cmds:cancel", "Cancel a running instance and its open tasks."),
    "complete": ("runtime_cmds:complete", "Complete the ready task of STEP in INSTANCE."),
    "diff": ("diff_cmd:diff", "What changed from OLD to NEW: files, or FILE@REV for a git "
             "revision (e.g. sops/pengukuran.yaml@HEAD~1 sops/pengukuran.yaml)."),
    "draw": ("render_cmds:draw", "Draw one SOP: flowchart (SVG, PNG, PDF, DOT), Mermaid, "
             "BPMN 2.0, or table pages."),
    "gantt": ("analysis_cmds:gantt", "Gantt chart of an SOP's critical-path schedule, or of "
              "a recorded run."),
    "import": ("import_cmds:import_", "Read an SOP AP document into SOP YAML; every uncertain "
               "value is a `# CHECK:`."),
    "list": ("runtime_cmds:list_", "Instances, newest first."),
    "report": ("runtime_cmds:report", "Actual against standard time per step, across the "
               "instances of an SOP."),
    "run": ("runtime_cmds:run", "Start an instance of FILE and drive it to its end, then "
            "summarise it."),
    "schema": ("check_cmds:schema", "Print the JSON Schema of SOP files (for editors with "
               "the YAML language server)."),
    "show": ("runtime_cmds:show", "An instance: its state, open and late tasks, and its "
             "whole history."),
    "serve": ("web_cmds:serve", "Serve the office web app for the SOPs of the directory SOPS."),
    "simulate": ("analysis_cmds:simulate", "Monte Carlo over three-point times, branch "
                 "chances, parallel branches and rework."),
    "sop": ("sop_cmds:sop", "The catalog of SOP documents: submit, review, approve, "
            "withdraw, list."),
    "start": ("runtime_cmds:start", "Start an instance of FILE; its first task goes to its "
              "actor's inbox."),
    "tasks": ("runtime_cmds:tasks", "Ready tasks, soonest due first; late ones are marked."),
    "user": ("web_cmds:user", "User accounts of the web app."),
    "validate": ("check_cmds:validate", "Check SOP files (a directory: every SOP in it, with "
                 "`related` ids resolved)."),
    "workload": ("analysis_cmds:workload", "Minutes per position per year across SOPs with a "
                 "`frequency`, and staff needed."),
}


#: set while a run's help is in another language than the code's (cli/help_id.py):
#: what each command loaded gets, and what a help line of the table becomes
localize_command: Callable[[click.Command], None] | None = None
localize_text: Callable[[str], str] | None = None


def load_command(name: str) -> click.Command:
    module, attribute = COMMANDS[name][0].split(":")
    command = getattr(importlib.import_module(f"sopengine.cli.{module}"), attribute)
    assert isinstance(command, click.Command)
    return command


def short_help(name: str, limit: int) -> str:
    """The help line of ``name`` as click would print it, from the table alone."""
    text = COMMANDS[name][1]
    if localize_text is not None:
        text = localize_text(text)
    return click.Command(name, help=text).get_short_help_str(limit)


class LazyGroup(click.Group):
    """A group whose commands come from :data:`COMMANDS`, imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.add_command(load_command(cmd_name), cmd_name)
            if localize_command is not None:
                localize_command(self.commands[cmd_name])
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(map(len, names))
        rows = [(name, self._short_help(ctx, name, limit)) for name in names]
        with formatter.section(click.core._("Commands")):  # in the run's language
            formatter.write_dl(rows)

    def _short_help(self, ctx: click.Context, name: str, limit: int) -> str:
        if name in self.commands or name not in COMMANDS:
            command = self.get_command(ctx, name)
            return command.get_short_help_str(limit) if command else ""
        return short_help(name, limit)
