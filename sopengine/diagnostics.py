"""Diagnostics: one located problem in an SOP file.

Every check in sopengine (YAML reading, the model, the flow rules) reports
problems as :class:`Diagnostic` values and keeps going, so an author sees all
the problems of a file at once. ``CODES`` is the closed list of codes; each one
has a section in docs/errors.md (a test keeps the two in step).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

Loc = tuple[str | int, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


#: code -> severity. Errors make a file invalid; warnings do not.
CODES: dict[str, Severity] = {
    # reading the file
    "unreadable-file": Severity.ERROR,
    "unreadable-directory": Severity.ERROR,
    "file-too-large": Severity.ERROR,
    "not-utf8": Severity.ERROR,
    "empty-file": Severity.ERROR,
    "yaml-syntax": Severity.ERROR,
    "duplicate-key": Severity.ERROR,
    "unsupported-tag": Severity.ERROR,
    "document-too-large": Severity.ERROR,
    "document-too-deep": Severity.ERROR,
    "control-character": Severity.ERROR,
    "not-a-mapping": Severity.ERROR,
    "unsupported-version": Severity.ERROR,
    # shape of the document (the model)
    "unknown-key": Severity.ERROR,
    "missing-key": Severity.ERROR,
    "wrong-type": Severity.ERROR,
    "bad-id": Severity.ERROR,
    "bad-date": Severity.ERROR,
    "bad-duration": Severity.ERROR,
    "bad-estimate": Severity.ERROR,
    "bad-frequency": Severity.ERROR,
    "empty-value": Severity.ERROR,
    "bad-value": Severity.ERROR,
    # references
    "unknown-actor": Severity.ERROR,
    "unknown-target": Severity.ERROR,
    "duplicate-step-id": Severity.ERROR,
    "reserved-step-id": Severity.ERROR,
    "next-and-branches": Severity.ERROR,
    "too-few-branches": Severity.ERROR,
    "answers-differ-in-case": Severity.ERROR,
    "bad-chance": Severity.ERROR,
    "chances-over-one": Severity.ERROR,
    "duplicate-branch": Severity.ERROR,
    "bad-nip": Severity.ERROR,
    "dates-out-of-order": Severity.ERROR,
    "duplicate-sop-id": Severity.ERROR,
    "unknown-related": Severity.ERROR,
    # the office's files beside the SOPs (org.yaml, calendar.yaml)
    "duplicate-position": Severity.ERROR,
    "unknown-position": Severity.ERROR,
    "bad-logo": Severity.ERROR,
    # flow
    "unreachable-step": Severity.ERROR,
    "no-way-to-end": Severity.ERROR,
    "loop-without-decision": Severity.ERROR,
    "parallel-no-join": Severity.ERROR,
    "parallel-split-joins": Severity.ERROR,
    "unsafe-merge": Severity.ERROR,
    "join-bypassed": Severity.ERROR,
    "loop-crosses-parallel": Severity.ERROR,
    # warnings
    "unused-actor": Severity.WARNING,
    "input-not-produced": Severity.WARNING,
    "no-outputs": Severity.WARNING,
    "stated-total-differs": Severity.WARNING,
    "action-has-subject": Severity.WARNING,
    "ask-without-branches": Severity.WARNING,
    "effort-exceeds-time": Severity.WARNING,
    "loop-never-exits": Severity.WARNING,
    "unmatched-actor": Severity.WARNING,
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem at a place in a file.

    ``line`` and ``column`` are 1-based and point at the offending YAML node
    (0 when the problem concerns the whole file). ``loc`` is the path of the
    node in the document, e.g. ``("steps", 3, "actor")``.
    """

    code: str
    message: str
    file: str = ""
    line: int = 0
    column: int = 0
    loc: Loc = ()
    hint: str = ""
    severity: Severity = field(default=Severity.ERROR)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "message": self.message,
        }
        if self.hint:
            out["hint"] = self.hint
        if self.loc:
            out["path"] = format_loc(self.loc)
        return out


def make(code: str, message: str, *, hint: str = "", loc: Loc = ()) -> Diagnostic:
    """A diagnostic with its severity taken from ``CODES``; position filled in later."""
    return Diagnostic(code=code, message=message, hint=hint, loc=loc, severity=CODES[code])


def format_loc(loc: Loc) -> str:
    """``("steps", 3, "actor")`` -> ``steps[3].actor`` (indexes as written, 0-based)."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
