"""Load an SOP file: bytes -> YAML data -> model -> rules, every problem located.

Reading stops early only when nothing more can be said (undecodable bytes,
broken YAML, not a mapping, an unknown format version). Otherwise every
schema error and every rule violation of the file is reported in one pass:
when the model does not validate, the offending keys are set aside and the
rules run on what remains (see ``_salvage``).
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sopengine.definition import yamlsource
from sopengine.definition.duration import DEFAULT_WORKING_TIME, WorkingTime
from sopengine.definition.model import Sop
from sopengine.definition.pydantic_errors import translate
from sopengine.definition.rules import RuleContext, run_rules
from sopengine.diagnostics import Diagnostic, Loc, make
from sopengine.errors import SopFileError, SopInvalid

SUPPORTED_VERSIONS = (1,)


@dataclass(frozen=True)
class LoadedSop:
    """The outcome of checking one file: the model when valid, and every diagnostic."""

    path: str
    sop: Sop | None
    diagnostics: tuple[Diagnostic, ...]
    text: str = ""
    sha256: str = ""
    source: yamlsource.SourceMap = field(default_factory=yamlsource.SourceMap, repr=False)

    @property
    def ok(self) -> bool:
        return self.sop is not None and not any(d.is_error for d in self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes, at most one more than an SOP file may have (``decode`` reports
    a larger file); SopFileError when it is missing, a directory, a device or a pipe
    (refused before reading: neither blocks nor streams forever) or unreadable."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise SopFileError(str(path), "no such file") from None
    except OSError as exc:
        raise SopFileError(str(path), _unreadable(exc)) from None
    with os.fdopen(fd, "rb") as f:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise SopFileError(str(path), "is a directory; give a .yaml file")
        if not stat.S_ISREG(mode):
            raise SopFileError(str(path), "is not a regular file (a device or a pipe); "
                               "give a .yaml file")
        try:
            return f.read(yamlsource.MAX_BYTES + 1)
        except OSError as exc:
            raise SopFileError(str(path), _unreadable(exc)) from None


def _unreadable(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "no permission to read it"
    if isinstance(exc, IsADirectoryError):
        return "is a directory; give a .yaml file"
    return exc.strerror or "cannot be read"


def check_file(path: str | Path, working_time: WorkingTime = DEFAULT_WORKING_TIME) -> LoadedSop:
    """Check one SOP file and report every problem (raises only SopFileError)."""
    return check_bytes(read_bytes(path), str(path), working_time)


def load_sop(path: str | Path, working_time: WorkingTime = DEFAULT_WORKING_TIME) -> Sop:
    """The SOP in ``path``; raises SopInvalid (with every diagnostic) when it has errors."""
    loaded = check_file(path, working_time)
    if not loaded.ok or loaded.sop is None:
        raise SopInvalid(loaded.path, loaded.diagnostics)
    return loaded.sop


def check_bytes(raw: bytes, path: str = "<string>",
                working_time: WorkingTime = DEFAULT_WORKING_TIME) -> LoadedSop:
    sha = hashlib.sha256(raw).hexdigest()
    try:
        text = yamlsource.decode(raw)
        data, source = yamlsource.parse(text)
    except yamlsource.YamlProblem as problem:
        d = problem.diagnostic  # a whole-file problem points at its first line
        located = replace(d, file=path, line=d.line or 1, column=d.column or 1)
        return LoadedSop(path, None, (located,), "", sha)
    sop, diagnostics = _validate(data, source, working_time)
    located = tuple(sorted((locate(d, source, path) for d in diagnostics),
                           key=lambda d: (d.line, d.column, d.code)))
    return LoadedSop(path, sop, located, text, sha, source)


def check_text(text: str, path: str = "<string>",
               working_time: WorkingTime = DEFAULT_WORKING_TIME) -> LoadedSop:
    return check_bytes(text.encode("utf-8"), path, working_time)


def _validate(data: Any, source: yamlsource.SourceMap,
              wt: WorkingTime) -> tuple[Sop | None, list[Diagnostic]]:
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"the value {str(data)[:40]!r}"
        return None, [make("not-a-mapping", f"an SOP file must be a mapping of keys (sop:, "
                           f"id:, title:, ...), but it holds {kind}",
                           hint="start from the example in docs/format.md")]
    version = _version_problem(data)
    if version:
        return None, [version]
    try:
        sop = Sop.model_validate(data)
    except ValidationError as exc:
        problems = translate(exc, data)
        salvaged, dropped = _salvage(data, problems)
        if salvaged is None:
            return None, problems
        return None, problems + run_rules(RuleContext(salvaged, wt, dropped))
    return sop, run_rules(RuleContext(sop, wt))


def _version_problem(data: dict[str, Any]) -> Diagnostic | None:
    version = data.get("sop")
    if "sop" not in data:
        return make("missing-key", "the file does not say its format version",
                    hint="add `sop: 1` as the first line", loc=())
    if isinstance(version, int) and not isinstance(version, bool) \
            and version in SUPPORTED_VERSIONS:
        return None
    return make("unsupported-version", f"format version {version!r} is not supported; this "
                f"sopengine reads version {', '.join(map(str, SUPPORTED_VERSIONS))}",
                hint="write `sop: 1`, or upgrade sopengine for a newer format", loc=("sop",))


# Values that let a model validate when the author's value was unusable; the
# diagnostics about those keys are already reported, and rules stay quiet on them.
_PLACEHOLDERS: dict[str, Any] = {"id": "x", "title": "?", "actors": {"x": "?"},
                                 "steps": [{"actor": "x", "action": "?", "time": 0}]}
_STEP_PLACEHOLDERS: dict[str, Any] = {"actor": "x", "action": "?", "time": 0}


def _salvage(data: dict[str, Any],
             problems: list[Diagnostic]) -> tuple[Sop | None, frozenset[Loc]]:
    """The model with every offending key replaced by a placeholder or dropped,
    and the locs of what was replaced (the rules stay quiet about those)."""
    top = dict(data)
    raw_steps = data.get("steps")
    steps = [dict(s) if isinstance(s, dict) else s for s in raw_steps] \
        if isinstance(raw_steps, list) else None
    dropped: set[Loc] = set()
    for d in problems:
        loc = d.loc
        in_step = steps is not None and len(loc) >= 2 and loc[0] == "steps" \
            and isinstance(loc[1], int) and loc[1] < len(steps)
        if in_step and len(loc) >= 3 and isinstance(steps[loc[1]], dict):
            _drop(steps[loc[1]], str(loc[2]), _STEP_PLACEHOLDERS)
            dropped.add(loc[:3])
        elif in_step:
            steps[loc[1]] = dict(_STEP_PLACEHOLDERS)
            dropped.add(loc[:2])
        elif loc:
            _drop(top, str(loc[0]), _PLACEHOLDERS)
            dropped.add(loc[:1])
    if steps is not None and "steps" in top:
        top["steps"] = steps
    for key, value in _PLACEHOLDERS.items():
        if key not in top:
            top[key] = value
            dropped.add((key,))
    try:
        return Sop.model_validate(top), frozenset(dropped)
    except ValidationError:
        return None, frozenset(dropped)


def _drop(mapping: dict[str, Any], key: str, placeholders: dict[str, Any]) -> None:
    if key in placeholders:
        mapping[key] = placeholders[key]
    else:
        mapping.pop(key, None)


_AT_KEY = ("unknown-key", "duplicate-key", "unused-actor")


def locate(d: Diagnostic, source: yamlsource.SourceMap, path: str) -> Diagnostic:
    """``d`` with the file, line and column of the node its ``loc`` names."""
    loc: Loc = d.loc
    if d.code in _AT_KEY or (loc and loc[-1] == "[key]"):
        pos = source.key(loc[:-1] if loc and loc[-1] == "[key]" else loc)
        loc = loc[:-1] if loc and loc[-1] == "[key]" else loc
    elif d.code == "missing-key":
        pos = source.value(loc[:-1])
    else:
        pos = source.value(loc)
    return replace(d, file=path, line=pos.line, column=pos.column, loc=loc)
