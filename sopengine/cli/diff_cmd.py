"""`diff`: what changed between two SOP files or two git revisions of one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import click

from sopengine.analysis.diff import Change, SopDiff, diff_sops
from sopengine.cli import params, report
from sopengine.definition.loader import check_file, check_text
from sopengine.definition.model import Sop
from sopengine.errors import SopFileError

_WORDS = {
    "identity": ("Identitas berubah", "Identity changed"),
    "added": ("Langkah ditambah", "Steps added"), "removed": ("Langkah dihapus", "Steps removed"),
    "moved": ("Langkah dipindah", "Steps moved"),
    "reassigned": ("Pelaksana berubah", "Actor changed"),
    "reworded": ("Kegiatan berubah", "Activity reworded"),
    "retimed": ("Waktu berubah", "Time changed"), "other": ("Lainnya berubah", "Other changes"),
    "total": ("Jumlah waktu jalur kritis", "Critical-path total"),
    "same": ("Tidak ada perbedaan", "No differences"),
}


def _word(key: str, lang: str) -> str:
    return _WORDS[key][1 if lang == "en" else 0]


def read_revision(spec: str) -> tuple[str, str]:
    """``path`` or ``path@REV`` (a git revision of that file): (name, YAML text)."""
    path, _, rev = spec.rpartition("@") if "@" in spec else (spec, "", "")
    if not rev:
        return spec, ""
    file = Path(path)
    try:
        text = subprocess.run(["git", "-C", str(file.parent), "show", f"{rev}:./{file.name}"],
                              capture_output=True, text=True, check=True,
                              timeout=30).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        raise SopFileError(spec, f"git show {rev}:{file.name}: {detail.strip()}") from exc
    return spec, text


def load_version(spec: str, lang: str = "id") -> Sop:
    name, text = read_revision(spec)
    loaded = check_text(text, name) if text else check_file(name)
    if not loaded.ok or loaded.sop is None:
        click.echo(report.validation_text([loaded], quiet=True, lang=lang), err=True)
        sys.exit(1)
    return loaded.sop


def _value(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:g}"
    return json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else str(v)


def diff_text(d: SopDiff, lang: str = "id") -> str:
    """The diff as lines of text (also for the book's revision page)."""
    if d.empty:
        return _word("same", lang)
    out: list[str] = []
    for key in ("identity", "reassigned", "reworded", "retimed", "other"):
        changes: list[Change] = getattr(d, key)
        if changes:
            out.append(f"{_word(key, lang)}:")
            out += [f"  {c.step + ' ' if c.step else ''}{c.field}: {_value(c.old)} -> "
                    f"{_value(c.new)}" for c in changes]
    for key in ("added", "removed", "moved"):
        if getattr(d, key):
            out.append(f"{_word(key, lang)}: {', '.join(getattr(d, key))}")
    out.append(f"{_word('total', lang)}: {d.total[0]:g} -> {d.total[1]:g}")
    return "\n".join(out)


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--json", "as_json", is_flag=True, help="Print JSON to stdout (and nothing else).")
@params.lang_option()
def diff(old: str, new: str, as_json: bool, lang: str) -> None:
    """What changed from OLD to NEW: files, or FILE@REV for a git revision
    (e.g. sops/pengukuran.yaml@HEAD~1 sops/pengukuran.yaml)."""
    d = diff_sops(load_version(old, lang), load_version(new, lang))
    click.echo(json.dumps(d.as_dict(), ensure_ascii=False, indent=2) if as_json
               else diff_text(d, lang))
