"""``import_document``: a document in, one checked YAML text per SOP out."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from sopengine.definition.loader import check_text
from sopengine.diagnostics import Diagnostic
from sopengine.errors import SopFileError
from sopengine.importing.builder import Draft, build
from sopengine.importing.grid import Part
from sopengine.importing.messages import message
from sopengine.importing.yamlwrite import to_yaml

MAX_BYTES = 50 * 1024 * 1024


@dataclass
class Imported:
    """One SOP read from a document: its YAML, what to check, what does not validate."""

    id: str
    text: str
    draft: Draft
    errors: list[Diagnostic] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return [str(w) for w in self.draft.warnings]


def _reader(suffix: str):
    if suffix == ".docx":
        from sopengine.importing.docx_reader import read
    elif suffix == ".xlsx" or suffix == ".xlsm":
        from sopengine.importing.xlsx_reader import read
    elif suffix == ".pdf":
        from sopengine.importing.pdf_reader import read
    else:
        return None
    return read


def read_parts(path: Path, lang: str = "id") -> list[Part]:
    """The SOPs a document holds, as the reader found them (no SOP built yet)."""
    if not path.is_file():
        raise SopFileError(str(path), "no such file" if not path.exists() else "not a file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SopFileError(str(path), message("too-large", lang, size=size // 2**20,
                                              limit=MAX_BYTES // 2**20))
    read = _reader(path.suffix.lower())
    if read is None:
        raise SopFileError(str(path), message("unsupported", lang, suffix=path.suffix or "?"))
    if path.suffix.lower() != ".pdf" and not zipfile.is_zipfile(path):
        raise SopFileError(str(path), message("corrupt", lang, kind=path.suffix,
                                              why=message("not-zip", lang)))
    parts = read(path, lang)
    if not parts:
        raise SopFileError(str(path), message("not-sop", lang))
    return parts


def import_document(path: str | Path, lang: str = "id") -> list[Imported]:
    """Read ``path`` (.docx, .xlsx, .pdf); raise SopFileError when it is no SOP document."""
    path = Path(path)
    out: list[Imported] = []
    seen: set[str] = set()
    for part in read_parts(path, lang):
        draft = build(part, lang)
        sop_id = draft.data["id"]
        n = 2
        while sop_id in seen:
            sop_id, n = f"{draft.data['id']}-{n}", n + 1
        seen.add(sop_id)
        draft.data["id"] = sop_id
        text = to_yaml(draft.data, draft.comments, path.name)
        loaded = check_text(text, f"{sop_id}.yaml")
        out.append(Imported(sop_id, text, draft, loaded.errors))
    return out
