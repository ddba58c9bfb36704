"""A decision read in words (issue 13, item 9): its question under the activity,
and in Keterangan each answer that jumps ("Tidak: kembali ke langkah 6"); an
answer to the next row, or ending from the last, needs no words."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from sopengine.definition.book import Book
from sopengine.definition.loader import check_text
from sopengine.definition.model import Sop
from sopengine.labels import label
from sopengine.render.book import build_book
from sopengine.render.table_notes import remarks
from tests.render.conftest import seed

JUMPS = """\
sop: 1
id: lompat
title: Lompatan
actors: {staf: Staf, kasi: Kasi}
steps:
  - {id: a, actor: staf, action: Menyusun draf, time: 10, outputs: [Draf]}
  - id: b
    actor: kasi
    action: Memeriksa draf
    ask: Draf lengkap?
    time: 10
    outputs: [Draf diperiksa]
    branches: {Ya: d, Tidak: a, Batal: end}
  - {id: c, actor: staf, action: Melengkapi lampiran, time: 10, outputs: [Lampiran]}
  - id: d
    actor: kasi
    action: Menilai draf
    ask: Draf layak?
    time: 10
    outputs: [Nilai]
    note: Dinilai bersama tim
    branches: {Layak: end, Belum: c}
"""


def load(text: str) -> Sop:
    loaded = check_text(text)
    assert loaded.sop is not None, loaded.diagnostics
    return loaded.sop


def test_answers_that_jump_are_written_and_the_plain_ones_are_not() -> None:
    sop = load(JUMPS.replace("{id: c, actor: staf, action: Melengkapi lampiran, time: 10, "
                             "outputs: [Lampiran]}", "{id: c, actor: staf, action: Melengkapi "
                             "lampiran, time: 10, outputs: [Lampiran], next: d}"))
    rows = {s.id: k for k, s in enumerate(sop.steps)}

    def words(step_id: str, lang: str = "id") -> list[str]:
        return remarks(sop.step(step_id), rows, len(sop.steps) - 1, lambda k: label(k, lang))

    assert words("b") == ["Ya: lanjut ke langkah 4", "Tidak: kembali ke langkah 1",
                          "Batal: selesai"]
    assert words("d") == ["Dinilai bersama tim", "Belum: kembali ke langkah 3"]  # ends last
    assert words("b", "en")[1] == "Tidak: back to step 1"
    assert words("a") == []


def test_the_seed_decision_prints_its_question_and_its_way_back_in_its_row(
        tmp_path: Path) -> None:
    sop = seed("pengukuran")
    decision = next(s for s in sop.steps if s.is_decision)
    number = sop.steps.index(decision) + 1
    pdf = build_book([sop], Book(), tmp_path).pdf
    assert pdf is not None
    # the seed's words put the actor first ("Camat mengoreksi ..."): find the verbs,
    # inside words (small type: pdfplumber may not see word gaps)
    first, after = decision.action.split()[1], sop.steps[number].action.split()[1]
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            words = page.extract_words()
            starts = [w["top"] for w in words if first in str(w["text"])]
            if starts:
                break
        assert starts, "the decision's row is not printed"
        ends = [w["top"] for w in words
                if after in str(w["text"]) and w["top"] > starts[0]]
        bottom = ends[0] if ends else page.height
        left, width = 12 * 72 / 25.4, page.width - 2 * 12 * 72 / 25.4

        def column(a: float, b: float) -> str:  # table units of 1061 (table_columns)
            return "".join(str(w["text"]) for w in words if starts[0] - 1 <= w["top"] < bottom
                           and left + a / 1061 * width - 1 <= w["x0"] < left + b / 1061 * width)

        kegiatan, keterangan = column(28, 228), column(976, 1061)
    back = sop.steps.index(sop.step(decision.branches["Tidak"].to)) + 1
    assert "Dokumensudahbenar?" in kegiatan  # small type: pdfplumber may not see word gaps
    assert keterangan == f"Tidak:kembalikelangkah{back}"
