"""A flowchart table (and identity fields) to SOP data, with what to check.

Nothing is invented: a value that cannot be read for certain is left out or
marked, and becomes a located :class:`Warning` and a ``# CHECK:`` comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sopengine.importing import columns as colmod
from sopengine.importing.decision_words import jumps, split_question
from sopengine.importing.grid import DECISION, MARK, Cell, Part, Warning
from sopengine.importing.identity import identity_data, items
from sopengine.importing.messages import message
from sopengine.importing.times import parse_time

_MARKS = re.compile(r"^[xv√✓✔●○■□▭◯◇◆⬭*]+$", re.IGNORECASE)
_DIAMONDS = set("◇◆")
_ANSWER = re.compile(r"^(ya|tidak|sesuai|tidak sesuai|lengkap|tidak lengkap|setuju|"
                     r"tidak setuju|benar|salah|ok)$", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*(\d+)\s*\.?\s*$")


@dataclass
class Draft:
    """SOP data to write, the comments to put beside keys, the warnings."""

    data: dict[str, Any] = field(default_factory=dict)
    comments: dict[tuple[str | int, ...], list[str]] = field(default_factory=dict)
    warnings: list[Warning] = field(default_factory=list)
    rows_read: int = 0
    rows_skipped: int = 0

    def check(self, where: str, text: str, path: tuple[str | int, ...]) -> None:
        self.warnings.append(Warning(where, text, path))
        self.comments.setdefault(path, []).append(f"CHECK: {text} ({where})")


def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s or "sop"


def build(part: Part, lang: str = "id") -> Draft:
    draft = Draft()
    ident, problems = identity_data(part.identity, part.identity_where, lang)
    title = ident.pop("title", "") or part.title
    if part.title and title.isupper() and title.lower() == part.title.lower():
        title = part.title  # the identity page shouts; the table pages' title is as written
    draft.data = {"sop": 1, "id": slug(title) if title else "sop", "title": title}
    if not title:
        draft.check(part.where, message("no-title", lang), ("title",))
    draft.data.update(ident)
    for p in problems:
        draft.check(p.where, p.message, p.path)
    _table(part, draft, lang)
    return draft


def _table(part: Part, draft: Draft, lang: str) -> None:
    rows = part.table.rows
    start = next((i for i, r in enumerate(rows) if colmod.is_header_row(r)), None)
    if start is None:
        draft.check(part.where, message("no-table", lang), ("steps",))
        draft.data.setdefault("actors", {})
        draft.data["steps"] = []
        return
    cols = colmod.recognise(rows, start)
    if "outputs" not in cols.roles:
        draft.check(rows[start][0].where, message("no-output-col", lang), ("steps",))
    ids = _actor_ids(cols)
    draft.data["actors"] = {ids[i]: name for i, name in cols.actors}
    taken = _step_rows(rows, start + cols.header_rows, cols, draft)
    steps = []
    number_of = {row: n for n, row in enumerate(taken)}
    for n, row in enumerate(taken):
        steps.append(_step(rows[row], n, cols, ids, draft, lang,
                           _targets(part.table.links.get(row), number_of)))
    draft.data["steps"] = steps
    draft.rows_read = len(steps)


def _actor_ids(cols: colmod.Columns) -> dict[int, str]:
    ids: dict[int, str] = {}
    for i, name in cols.actors:
        base = slug(name)
        candidate, n = base, 2
        while candidate in ids.values() or candidate == "end":
            candidate, n = f"{base}-{n}", n + 1
        ids[i] = candidate
    return ids


def _cell(row: list[Cell], i: int | None) -> Cell:
    return row[i] if i is not None and i < len(row) else Cell()


def _step_rows(rows: list[list[Cell]], first: int, cols: colmod.Columns,
               draft: Draft) -> list[int]:
    """Row indexes that are steps; a row without a number or symbol continues the last."""
    taken: list[int] = []
    for r in range(first, len(rows)):
        row = rows[r]
        if (colmod.is_header_row(row) or _is_sub_header_again(row, cols)
                or colmod.is_column_numbers(row)):
            continue  # the header repeated where the table goes on another page
        if not any(c.text.strip() or c.symbols for c in row):
            draft.rows_skipped += 1
            continue
        numbered = _NUMBER.match(_cell(row, cols.roles.get("no")).text)
        marked = any(_marks(_cell(row, i)) for i, _ in cols.actors)
        if not numbered and not marked and taken:
            _merge_into(rows[taken[-1]], row)
            continue
        taken.append(r)
    return taken


def _is_sub_header_again(row: list[Cell], cols: colmod.Columns) -> bool:
    names = {colmod.norm(n) for _, n in cols.actors}
    texts = {colmod.norm(c.text) for c in row if c.text.strip()}
    return bool(texts) and texts <= names | {"kelengkapan", "waktu", "output", "no", "pelaksana",
                                             "mutu baku", "keterangan", "ket"}


def _merge_into(target: list[Cell], row: list[Cell]) -> None:
    for i, cell in enumerate(row):
        if i < len(target) and cell.text.strip():
            target[i].text = f"{target[i].text}\n{cell.text}".strip()


def _marks(cell: Cell) -> list[str]:
    if cell.symbols:
        return cell.symbols
    text = "".join(cell.text.split())
    if text and _MARKS.match(text):
        return [DECISION if set(text) & _DIAMONDS else MARK]
    return []


def _targets(links: dict[str, int | None] | None,
             number_of: dict[int, int]) -> dict[str, str] | None:
    if not links:
        return None
    out: dict[str, str] = {}
    for label, row in links.items():
        if row is None:
            out[label] = "end"
        elif row in number_of:
            out[label] = str(number_of[row] + 1)
        else:
            return None
    return out


def _step(row: list[Cell], n: int, cols: colmod.Columns, ids: dict[int, str], draft: Draft,
          lang: str, targets: dict[str, str] | None) -> dict[str, Any]:
    path: tuple[str | int, ...] = ("steps", n)
    no_cell = _cell(row, cols.roles.get("no"))
    where = no_cell.where or f"row {n + 1}"
    step: dict[str, Any] = {}
    actors = [(i, _marks(_cell(row, i))) for i, _ in cols.actors]
    acting = [i for i, kinds in actors if kinds]
    if not acting:
        draft.check(where, message("no-symbol", lang), (*path, "actor"))
        step["actor"] = None
    else:
        step["actor"] = ids[acting[0]] if len(acting) == 1 else [ids[i] for i in acting]
        if len(acting) > 1:
            draft.check(where, message("many-symbols", lang, actors=", ".join(
                ids[i] for i in acting)), (*path, "actor"))
        if all(k == [MARK] for _, k in actors if k) and not _cell(row, acting[0]).symbols:
            draft.check(_cell(row, acting[0]).where or where,
                        message("mark-only", lang, mark=_cell(row, acting[0]).text.strip()),
                        (*path, "actor"))
    _text_fields(row, cols, step, draft, where, path, lang)
    if any(DECISION in kinds for _, kinds in actors):
        _decision(row, cols, step, draft, where, path, lang, targets)
    return step


def _text_fields(row: list[Cell], cols: colmod.Columns, step: dict[str, Any], draft: Draft,
                 where: str, path: tuple[str | int, ...], lang: str) -> None:
    action = colmod.join_lines(_cell(row, cols.roles.get("action")).text)
    step["action"] = action or None
    if not action:
        draft.check(where, message("no-action", lang), (*path, "action"))
    if inputs := items(_cell(row, cols.roles.get("inputs")).text):
        step["inputs"] = inputs
    time_cell = _cell(row, cols.roles.get("time"))
    value, problem = parse_time(time_cell.text, cols.time_unit)
    step["time"] = value
    if problem == "range":
        draft.comments.setdefault((*path, "time"), []).append(
            "CHECK: the document gives a range; write the most likely time as `likely`"
            f" ({time_cell.where or where})")
        draft.warnings.append(Warning(time_cell.where or where, "time range: likely missing",
                                      (*path, "time")))
    elif problem:
        draft.check(time_cell.where or where,
                    message(problem, lang, value=time_cell.text.strip()), (*path, "time"))
    if outputs := items(_cell(row, cols.roles.get("outputs")).text):
        step["outputs"] = outputs
    if note := colmod.join_lines(_cell(row, cols.roles.get("note")).text):
        step["note"] = note


def _decision(row: list[Cell], cols: colmod.Columns, step: dict[str, Any], draft: Draft,
              where: str, path: tuple[str | int, ...], lang: str,
              targets: dict[str, str] | None) -> None:
    labels = [w.strip() for i, _ in cols.actors for w in _cell(row, i).text.splitlines()
              if _ANSWER.match(w.strip())]
    written = _words(row, cols, step)
    if targets and any(targets.get(a) != t for a, t in written.items()):
        draft.check(where, message("decision-words", lang, words=_show(written),
                                   arrows=_show(targets)), (*path, "branches"))
    if not targets and written:  # the words stand in for arrows that cannot be followed
        after = str(int(path[1]) + 2)  # an answer not written leads to the next row
        targets = {**{a: written.get(a, after) for a in labels}, **written}
    if targets:
        step["branches"] = targets
    elif labels:
        draft.check(where, message("decision-targets", lang, labels="/".join(labels)),
                    (*path, "action"))
    else:
        draft.check(where, message("decision-no-labels", lang), (*path, "action"))


def _words(row: list[Cell], cols: colmod.Columns, step: dict[str, Any]) -> dict[str, str]:
    """A decision's question and written jumps, taken out of its action and note."""
    action, ask = split_question(_cell(row, cols.roles.get("action")).text)
    if ask:
        step["action"], step["ask"] = action or None, ask
    note, written = jumps(step.get("note") or "")
    if written and note:
        step["note"] = note
    elif written:
        step.pop("note", None)
    return written


def _show(targets: dict[str, str]) -> str:
    return ", ".join(f"{a} → {t}" for a, t in targets.items())
