"""An uploaded file as SOP texts: YAML as it is, an office document through the
public import API. Each text is checked; one that does not validate comes back
with its source, so the page can show every error at its line and column."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import sopengine

DOCUMENTS = (".docx", ".xlsx", ".xlsm", ".pdf")
YAML = (".yaml", ".yml")


@dataclass(frozen=True)
class Checked:
    """One SOP text from the upload, and what checking it found."""

    name: str
    text: str
    loaded: sopengine.LoadedSop

    @property
    def ok(self) -> bool:
        return self.loaded.ok

    def lines(self) -> list[tuple[int, str, list[sopengine.Diagnostic]]]:
        """The source, numbered, each line with the problems located on it."""
        at: dict[int, list[sopengine.Diagnostic]] = {}
        for d in self.loaded.diagnostics:
            at.setdefault(d.line or 1, []).append(d)
        return [(n, line, at.get(n, [])) for n, line in
                enumerate(self.text.splitlines() or [""], start=1)]


def check_upload(filename: str, raw: bytes, lang: str) -> list[Checked]:
    """Every SOP in the upload, checked; SopFileError when it is no SOP file at all."""
    suffix = Path(filename).suffix.lower()
    if suffix in YAML:
        loaded = sopengine.check_bytes(raw, filename)
        text = loaded.text or raw.decode("utf-8", errors="replace")
        return [Checked(filename, text, loaded)]
    if suffix not in DOCUMENTS:
        raise sopengine.SopFileError(filename, "give an SOP file (.yaml) or an SOP document "
                                     "(.docx, .xlsx, .pdf)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (re.sub(r"[^\w.\- ]", "_", Path(filename).stem)[:80] + suffix)
        path.write_bytes(raw)
        imported = sopengine.import_document(path, lang)
    return [Checked(f"{i.id}.yaml", i.text, sopengine.check_text(i.text, f"{i.id}.yaml"))
            for i in imported]
