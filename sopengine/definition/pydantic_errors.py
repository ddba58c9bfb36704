"""Translate pydantic's validation errors into sopengine diagnostics.

Pydantic's ``type`` becomes one of our stable codes, its ``loc`` stays the
node's path (the loader turns it into a line and column), and the message
quotes the author's value, says what was expected and suggests a close name.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from sopengine.definition._suggest import did_you_mean
from sopengine.definition.model import Approver, Branch, Dates, Sop, Step
from sopengine.diagnostics import Diagnostic, Loc, make

_CODES = {
    "extra_forbidden": "unknown-key",
    "missing": "missing-key",
    "string_pattern_mismatch": "bad-id",
    "too_short": "empty-value",
    "string_too_short": "empty-value",
}
_OUR_CODES = {"bad-duration", "bad-estimate", "bad-frequency"}
_EXPECTED = {
    "string_type": "text", "list_type": "a list", "tuple_type": "a list",
    "dict_type": "a mapping", "model_type": "a mapping", "float_type": "a number",
    "float_parsing": "a number", "int_type": "a whole number", "int_parsing": "a whole number",
    "bool_type": "true or false",
}


def translate(exc: ValidationError, data: Any) -> list[Diagnostic]:
    errors = exc.errors(include_url=False)
    locs = [tuple(e["loc"]) for e in errors]
    out = []
    for e, loc in zip(errors, locs, strict=True):
        if e["type"] == "too_short" and any(other[: len(loc)] == loc and other != loc
                                            for other in locs):
            continue  # pydantic adds it when every item failed; the items say why
        out.append(_one(e, loc, data))
    return out


def _one(e: Any, loc: Loc, data: Any) -> Diagnostic:
    kind: str = e["type"]
    value = e.get("input")
    where = _describe(loc, data)
    if kind in _OUR_CODES:
        return make(kind, f"{where}: {e['msg']}", loc=loc)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _allowed_keys(loc[:-1])
        return make("unknown-key", f"unknown key '{key}' in {_describe(loc[:-1], data)}",
                    hint=did_you_mean(key, allowed, what="keys"), loc=loc)
    if kind == "missing":
        return make("missing-key", f"{_describe(loc[:-1], data)} has no '{loc[-1]}', which "
                    "is required", hint=f"add `{loc[-1]}:`", loc=loc)
    if kind == "string_pattern_mismatch":
        return make("bad-id", f"{where}: {_quote(value)} is not a valid id", loc=loc,
                    hint="use lowercase letters, digits and hyphens, e.g. 'pengukuran-kinerja'"
                    if loc[:1] == ("id",) else "use letters, digits, '-' and '_' "
                    "(lowercase for step ids), starting with a letter or digit")
    if kind.startswith("date"):
        return make("bad-date", f"{where}: {_quote(value)} is not a date", loc=loc,
                    hint="write dates as YYYY-MM-DD, e.g. 2024-01-15")
    if kind in ("too_short", "string_too_short"):
        return make("empty-value", f"{where} is empty", loc=loc,
                    hint="give at least one" if kind == "too_short" else "write some text")
    if kind in ("literal_error", "enum"):
        expected = str((e.get("ctx") or {}).get("expected", "")).replace(" or ", ", ")
        return make("bad-value", f"{where}: {_quote(value)} is not one of {expected}",
                    hint=f"write one of {expected}", loc=loc)
    if kind in _EXPECTED:
        return make("wrong-type", f"{where}: expected {_EXPECTED[kind]}, got "
                    f"{_kind_of(value)} {_quote(value)}", loc=loc)
    return make("bad-value", f"{where}: {e['msg']} (got {_quote(value)})", loc=loc)


def _quote(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "..."


def _kind_of(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "the text", bool: "the boolean",
            type(None): "nothing"}.get(type(value), "the value")


def _model_at(loc: Loc) -> type[BaseModel] | None:
    shapes: dict[tuple[Any, ...], type[BaseModel]] = {
        (): Sop, ("dates",): Dates, ("approved_by",): Approver, ("steps", int): Step,
        ("steps", int, "branches", str): Branch,
    }
    shape = tuple(int if isinstance(p, int) else (str if len(loc) == 4 and i == 3 else p)
                  for i, p in enumerate(loc))
    return shapes.get(shape)


def _allowed_keys(loc: Loc) -> list[str]:
    model = _model_at(loc)
    return list(model.model_fields) if model else []


def _describe(loc: Loc, data: Any) -> str:
    """A readable name for a node: ``step 'koreksi' (No. 9) → 'time'``."""
    if not loc:
        return "the SOP"
    parts: list[str] = []
    node = data
    for i, part in enumerate(loc):
        node = node[part] if isinstance(node, dict | list) and _has(node, part) else None
        if i == 1 and loc[0] == "steps" and isinstance(part, int):
            sid = node.get("id") if isinstance(node, dict) else None
            parts[-1] = f"step '{sid}' (No. {part + 1})" if sid else f"step No. {part + 1}"
        else:
            parts.append(f"'{part}'")
    return " → ".join(parts)


def _has(node: dict[Any, Any] | list[Any], part: Any) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(part, int) and 0 <= part < len(node)
