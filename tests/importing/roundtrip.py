"""Field-by-field comparison of an imported SOP with its source SOP."""

from __future__ import annotations

from typing import Any

import yaml

from sopengine import Sop


def _time(step: Any) -> Any:
    t = step.time
    if t.is_estimate:
        return (t.low.minutes(), t.high.minutes())
    return t.minutes()


def _imported_time(raw: Any) -> Any:
    from sopengine.definition.duration import Duration
    if isinstance(raw, dict):
        return (Duration.parse(raw["min"]).minutes(), Duration.parse(raw["max"]).minutes())
    return None if raw is None else Duration.parse(raw).minutes()


def compare(source: Sop, text: str, *, ask: bool = True) -> tuple[int, int, list[str]]:
    """(fields equal, fields compared, the differences); ``ask`` compares decisions'
    questions, which documents written as offices write them do not carry."""
    data = yaml.safe_load(text)
    names = data.get("actors", {})
    got_steps = data.get("steps", [])
    same, total, diffs = 0, 0, []

    def check(label: str, want: Any, got: Any) -> None:
        nonlocal same, total
        total += 1
        if want == got:
            same += 1
        else:
            diffs.append(f"{label}: {want!r} != {got!r}")

    check("title", source.title, data.get("title"))
    for key in ("number", "legal_basis", "qualifications", "equipment", "warnings", "records"):
        want = getattr(source, key)
        check(key, list(want) if isinstance(want, tuple) else want,
              data.get(key, [] if isinstance(want, tuple) else None))
    if source.approved_by:
        want_by = source.approved_by.model_dump(exclude_none=True)
        got_by = dict(data.get("approved_by") or {})
        for by in (want_by, got_by):  # a NIP is the same with or without its spaces
            if "nip" in by:
                by["nip"] = "".join(str(by["nip"]).split())
        check("approved_by", want_by, got_by)
    check("actors", list(source.actors.values()), list(names.values()))
    check("step count", len(source.steps), len(got_steps))
    index = {s.id: str(i + 1) for i, s in enumerate(source.steps)}
    for i, (want, got) in enumerate(zip(source.steps, got_steps, strict=False), start=1):
        actor = got.get("actor")
        actors = [actor] if isinstance(actor, str) else actor or []
        check(f"{i}.actor", [source.actors[a] for a in want.actor],
              [names.get(a) for a in actors])
        check(f"{i}.action", want.action, got.get("action"))
        check(f"{i}.inputs", list(want.inputs), got.get("inputs", []))
        check(f"{i}.time", _time(want), _imported_time(got.get("time")))
        check(f"{i}.outputs", list(want.outputs), got.get("outputs", []))
        check(f"{i}.note", want.note, got.get("note"))
        if ask and want.is_decision:
            check(f"{i}.ask", want.ask, got.get("ask"))
        if want.branches:
            check(f"{i}.branches", {k: index.get(b.to, b.to) for k, b in want.branches.items()},
                  got.get("branches"))
    return same, total, diffs
