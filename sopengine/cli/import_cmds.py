"""`import`: an office's SOP document (.docx, .xlsx, .pdf) to SOP files; `diff` beside it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from sopengine.cli import params
from sopengine.cli.diff_cmd import diff
from sopengine.cli.output import write_output, writing
from sopengine.errors import SopFileError
from sopengine.importing import Imported, import_document

EXIT_INVALID = 1


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="A .yaml file (one SOP) or a folder (one file per SOP); default: stdout.")
@click.option("--json", "as_json", is_flag=True, help="Print what was read and flagged as JSON.")
@params.lang_option()
def import_(file: Path, output: Path | None, as_json: bool, lang: str) -> None:
    """Read an SOP AP document into SOP YAML; every uncertain value is a `# CHECK:`."""
    found = import_document(file, lang)
    targets = _targets(found, output, lang)
    for imp, target in zip(found, targets, strict=True):
        if target is None:
            click.echo(imp.text, nl=False)
        else:
            write_output(target, imp.text)
    if as_json:
        click.echo(json.dumps([_summary(i, t) for i, t in zip(found, targets, strict=True)],
                              ensure_ascii=False, indent=2), err=output is None)
    else:
        for imp, target in zip(found, targets, strict=True):
            _report(imp, target, lang)
    sys.exit(EXIT_INVALID if any(i.errors for i in found) else 0)


def _targets(found: list[Imported], output: Path | None, lang: str) -> list[Path | None]:
    if output is None:
        if len(found) > 1:
            raise SopFileError("-o", "dokumen berisi beberapa SOP: -o harus folder" if lang == "id"
                               else "the document holds several SOPs: -o must name a folder")
        return [None]
    if output.suffix.lower() in (".yaml", ".yml") and len(found) == 1:
        return [output]
    if output.suffix.lower() in (".yaml", ".yml"):
        raise SopFileError(str(output), "dokumen berisi beberapa SOP: -o harus folder"
                           if lang == "id" else "several SOPs: -o must name a folder")
    with writing(output):
        output.mkdir(parents=True, exist_ok=True)
    return [output / f"{i.id}.yaml" for i in found]


def _summary(imp: Imported, target: Path | None) -> dict[str, object]:
    return {"id": imp.id, "file": str(target) if target else None,
            "steps": imp.draft.rows_read, "warnings": imp.warnings,
            "errors": [{"line": e.line, "column": e.column, "code": e.code, "message": e.message}
                       for e in imp.errors]}


def _report(imp: Imported, target: Path | None, lang: str) -> None:
    head = (f"{imp.id}: {imp.draft.rows_read} langkah, {len(imp.warnings)} perlu diperiksa"
            if lang == "id" else
            f"{imp.id}: {imp.draft.rows_read} steps, {len(imp.warnings)} to check")
    click.echo(head + (f" -> {target}" if target else ""), err=True)
    for w in imp.warnings:
        click.echo(f"  CHECK {w}", err=True)
    for e in imp.errors:
        click.echo(f"  error {e.line}:{e.column} {e.code}: {e.message}", err=True)


COMMANDS = [import_, diff]
