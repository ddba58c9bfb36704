"""Reading a settings file beside the SOPs (book.yaml, org.yaml, calendar.yaml).

The same road as an SOP file: bytes through the bounded YAML loader, then a
pydantic model; every problem comes back as a located Diagnostic (file, line,
column), never an exception from YAML or pydantic.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from sopengine.definition import yamlsource
from sopengine.definition.loader import locate, read_bytes
from sopengine.diagnostics import Diagnostic, Loc, make
from sopengine.errors import SopInvalid

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Settings(Generic[M]):
    """A settings file read: the model when it is valid, and every diagnostic."""

    path: str
    model: M | None
    diagnostics: tuple[Diagnostic, ...]
    text: str = ""
    source: yamlsource.SourceMap | None = None

    def located(self, found: list[Diagnostic]) -> tuple[Diagnostic, ...]:
        """``found`` (diagnostics with a ``loc``) with this file's positions."""
        source = self.source or yamlsource.SourceMap()
        return tuple(locate(d, source, self.path) for d in found)

    def valid(self) -> M:
        """The model; raises SopInvalid (every diagnostic) when the file has errors."""
        if self.model is None or any(d.is_error for d in self.diagnostics):
            raise SopInvalid(self.path, self.diagnostics)
        return self.model


def read_settings(path: str | Path, model: type[M], what: str) -> Settings[M]:
    """Read ``path`` (raises SopFileError when it cannot be read at all)."""
    return parse_settings(read_bytes(path), str(path), model, what)


def parse_settings(raw: bytes, path: str, model: type[M], what: str) -> Settings[M]:
    try:
        text = yamlsource.decode(raw)
        data, source = yamlsource.parse(text)
    except yamlsource.YamlProblem as problem:
        d = problem.diagnostic
        return Settings(path, None, (_at(d, path, d.line or 1, d.column or 1),))
    if data is None:
        data = {}
    if not isinstance(data, dict):
        d = make("not-a-mapping", f"{what} must be a mapping of settings (key: value)")
        return Settings(path, None, (_at(d, path, 1, 1),), text, source)
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        found = [locate(_diagnostic(e, model, what), source, path) for e in exc.errors()]
        return Settings(path, None, tuple(found), text, source)
    return Settings(path, parsed, (), text, source)


def _diagnostic(e: Any, model: type[BaseModel], what: str) -> Diagnostic:
    loc: Loc = tuple(e["loc"])
    if e["type"] == "extra_forbidden":
        fields = _fields_at(model, loc[:-1])
        return make("unknown-key", f"{what} has no setting {loc[-1]!r}",
                    hint=f"known settings: {', '.join(fields)}" if fields else "",
                    loc=(*loc, "[key]"))
    if e["type"] == "literal_error" and loc and loc[-1] == "[key]":
        return make("unknown-key", f"{what} has no key {loc[-2]!r} here",
                    hint=f"expected {e.get('ctx', {}).get('expected', '')}", loc=loc)
    if e["type"] == "missing":
        return make("missing-key", f"{loc[-1]!r} is required", loc=loc)
    if e["type"].startswith("date_"):
        return make("bad-date", f"'{str(e.get('input'))[:40]}' is not a date",
                    hint="write YYYY-MM-DD, a real calendar date", loc=loc)
    shown = ".".join(map(str, loc)) or "the file"
    if e["type"] in ("literal_error", "enum"):
        expected = str((e.get("ctx") or {}).get("expected", "")).replace(" or ", ", ")
        return make("bad-value", f"{shown}: {_short(e.get('input'))} is not one of {expected}",
                    hint=f"write one of {expected}", loc=loc)
    return make("bad-value", f"{shown}: {e['msg']} (got {_short(e.get('input'))})", loc=loc)


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names of the (nested) model at ``loc``, when it is one."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or not hasattr(current, "model_fields"):
            continue
        field = current.model_fields.get(part)
        current = getattr(field, "annotation", None)
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _at(d: Diagnostic, path: str, line: int, column: int) -> Diagnostic:
    return replace(d, file=path, line=line, column=column)
