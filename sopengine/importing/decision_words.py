"""A decision written in words, as the project's own book prints it (and some
offices do): the question under the activity, and where answers jump in
Keterangan ("Tidak: kembali ke langkah 6", "Ya: lanjut ke langkah 9",
"Batal: selesai"). Reading them back gives ``ask``, a note without those
words, and branch targets where the arrows could not be followed."""

from __future__ import annotations

import re

from sopengine.importing.columns import join_lines

_JUMP = re.compile(r"(?:^|(?<=\s))(?P<answer>[^\s:]+):\s*(?:"
                   r"(?:kembali|lanjut) ke langkah (?P<id_n>\d+)|(?:back|on) to step (?P<en_n>\d+)"
                   r"|(?P<end>selesai|end of the procedure))(?=\s|$)", re.IGNORECASE)


def split_question(cell_text: str) -> tuple[str, str | None]:
    """(activity, question) of a decision's Kegiatan cell: the question is the
    last paragraph that starts on a line of its own with a capital and ends
    with "?"; without one, the whole cell is the activity."""
    lines = [ln.strip() for ln in cell_text.splitlines() if ln.strip()]
    if not lines or not lines[-1].endswith("?"):
        return join_lines(cell_text), None
    starts = [k for k in range(1, len(lines)) if lines[k][:1].isupper()]
    if not starts:
        return join_lines(cell_text), None
    k = starts[-1]
    return join_lines("\n".join(lines[:k])), join_lines("\n".join(lines[k:]))


def jumps(note: str) -> tuple[str, dict[str, str]]:
    """(the note without its jump phrases, {answer: step number or 'end'})."""
    found: dict[str, str] = {}

    def take(m: re.Match[str]) -> str:
        found[m.group("answer")] = "end" if m.group("end") else m.group("id_n") or m.group("en_n")
        return ""

    rest = " ".join(_JUMP.sub(take, note).split())
    return rest, found
