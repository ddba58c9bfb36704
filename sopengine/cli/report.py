"""Reporters for validation results: text with source excerpts, and JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import click

from sopengine.cli.messages import word
from sopengine.definition.loader import LoadedSop
from sopengine.definition.yamlsource import source_lines
from sopengine.diagnostics import Diagnostic
from sopengine.diagnostics_id import in_language

_TOKEN = re.compile(r"""'[^']*'|"[^"]*"|[^\s,\[\]{}:#]+|\S""")


def validation_json(results: Sequence[LoadedSop], lang: str = "id") -> str:
    files = [{"path": r.path, "ok": r.ok,
              "errors": [in_language(d, lang).as_json() for d in r.errors],
              "warnings": [in_language(d, lang).as_json() for d in r.warnings]}
             for r in results]
    return json.dumps({"files": files}, ensure_ascii=False, indent=2)


def validation_text(results: Sequence[LoadedSop], *, quiet: bool = False,
                    lang: str = "id") -> str:
    blocks = [format_diagnostic(d, r.text, lang) for r in results for d in r.diagnostics
              if not (quiet and not d.is_error)]
    return "\n".join([*blocks, summary(results, lang)])


def format_diagnostic(d: Diagnostic, text: str, lang: str = "id") -> str:
    """One problem: where, severity[code] and message, the source line with a caret
    under the node, and the hint; in ``lang`` (the code stays as it is)."""
    d = in_language(d, lang)
    colour = "red" if d.is_error else "yellow"
    where = f"{d.file}:{d.line}:{d.column}:" if d.line else f"{d.file}:"
    head = (f"{click.style(where, bold=True)} "
            f"{click.style(f'{word(d.severity.value, lang)}[{d.code}]', fg=colour, bold=True)} "
            f"{d.message}")
    lines = [head, *_excerpt(text, d.line, d.column, colour)]
    if d.hint:
        lines.append(f"  {click.style(word('hint', lang) + ':', fg='cyan')} {d.hint}")
    return "\n".join(lines) + "\n"


def _excerpt(text: str, line: int, column: int, colour: str) -> list[str]:
    lines = source_lines(text)
    if not 1 <= line <= len(lines):
        return []
    src = lines[line - 1].expandtabs(1)
    match = _TOKEN.match(src, column - 1) if column >= 1 else None
    width = max(1, len(match.group(0)) if match else 1)
    gutter = f"{line:>5} | "
    caret = " " * (len(gutter) - 2) + "| " + " " * (column - 1) + "^" * width
    return [gutter + src, click.style(caret, fg=colour, bold=True)]


def summary(results: Sequence[LoadedSop], lang: str = "id") -> str:
    errors = sum(len(r.errors) for r in results)
    warnings = sum(len(r.warnings) for r in results)
    bad = sum(1 for r in results if not r.ok)
    n = len(results)
    if lang == "id":
        if not errors:
            tail = f", {warnings} peringatan" if warnings else ""
            return click.style(f"ok: {n} berkas sah{tail}", fg="green", bold=True)
        return click.style(f"{errors} galat, {warnings} peringatan: {bad} dari {n} berkas "
                           "tidak sah", fg="red", bold=True)
    files = f"{n} file{'s' if n != 1 else ''}"
    if not errors:
        tail = f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
        return click.style(f"ok: {files} valid{tail}", fg="green", bold=True)
    return click.style(
        f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning"
        f"{'s' if warnings != 1 else ''}: {bad} of {files} invalid", fg="red", bold=True)
