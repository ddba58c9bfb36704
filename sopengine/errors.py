"""The exceptions sopengine raises. All derive from :class:`SopError`::

    SopError                 any problem sopengine reports to a user
    ├── SopFileError         a file cannot be read at all (missing, a directory, no permission)
    ├── SopInvalid           an SOP file has errors; ``.diagnostics`` holds all of them
    ├── RenderError          a picture or the book cannot be made (a program is missing)
    ├── AccountError         a user account cannot be made or changed (name taken, no such user)
    │   └── SignInRefused    a wrong name or password, a disabled account, or too many tries
    ├── CalendarError        a working calendar that cannot be (no working time), or a
    │                        due time past the year 9999
    └── EngineError          running an instance went wrong
        ├── NotFound         no such instance or task
        ├── IllegalTransition  a move its lifecycle does not allow (complete a done task)
        │   └── OpenRevision   a new draft of an SOP that has one being written or reviewed
        ├── AlreadyDone      someone else completed (or cancelled) the task first
        ├── BadChoice        a decision completed without a valid branch, or an unknown actor
        └── StoreError       the database cannot be opened, or is of a newer schema

Each carries where (a path, and for ``SopInvalid`` a line and column per
problem) and why. Anything else escaping sopengine is a bug.
"""

from __future__ import annotations

from collections.abc import Sequence

from sopengine.diagnostics import Diagnostic


class SopError(Exception):
    """Base of every error sopengine raises on purpose."""


class SopFileError(SopError):
    """A path that cannot be read as an SOP file (it does not exist, is a directory...)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class SopInvalid(SopError):
    """An SOP file with at least one error. ``diagnostics`` lists every problem found."""

    def __init__(self, path: str, diagnostics: Sequence[Diagnostic]) -> None:
        self.path = path
        self.diagnostics = list(diagnostics)
        errors = [d for d in self.diagnostics if d.is_error]
        first = errors[0] if errors else None
        where = f"{path}:{first.line}:{first.column}" if first else path
        summary = f"{first.code}: {first.message}" if first else "invalid"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{where}: {summary}{more}")


class CalendarError(SopError):
    """A calendar with no working time, or working time that would end after 9999."""


class EngineError(SopError):
    """Running an instance went wrong; the message says what and what to do."""


class NotFound(EngineError):
    """No such instance, or no ready task for that step."""


class IllegalTransition(EngineError):
    """A lifecycle move that is not allowed from the record's state."""

    def __init__(self, lifecycle: str, state: str, trigger: str, allowed: list[str]) -> None:
        hint = f"; possible: {', '.join(allowed)}" if allowed else ""
        super().__init__(f"cannot {trigger} the {lifecycle}: it is {state}{hint}")
        self.lifecycle, self.state, self.trigger = lifecycle, state, trigger
        self.allowed = allowed


class OpenRevision(IllegalTransition):
    """A draft of an SOP whose open revision (draft, in review, returned) is in review, or
    made at the same moment as another: one open revision per SOP. Names the open one."""

    def __init__(self, sop_id: str, revision_id: int, revision: int, state: str) -> None:
        EngineError.__init__(self, f"SOP '{sop_id}' already has an open revision: revision "
                             f"{revision} (id {revision_id}), {state}; finish, return or "
                             "withdraw it first")
        self.lifecycle, self.state, self.trigger, self.allowed = (
            "SOP revision", state, "submit", [])
        self.sop_id, self.revision_id, self.revision = sop_id, revision_id, revision


class AlreadyDone(EngineError):
    """Two people completed the same task at once; this one came second."""


class BadChoice(EngineError):
    """A decision needs one of its branches; a step needs one of its actors."""


class StoreError(EngineError):
    """The database cannot be opened or used (bad URL, newer schema, locked too long).

    ``kind`` sorts a driver's error (runtime/store_errors.py): ``busy``, ``full``,
    ``read-only``, ``damaged``, ``unavailable``, ``conflict`` or ``refused``; for the
    upload folder (runtime/attachments.py) ``uploads-full`` or ``uploads-refused``; None
    for the store's own refusals. ``detail`` keeps the driver's words for the log only.
    """

    def __init__(self, message: str, *, reason: str | None = None,
                 kind: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason or message
        self.kind = kind
        self.detail = ""


class RenderError(SopError):
    """A picture or book cannot be made: a program is missing, or it failed.
    ``hint`` says what to install or do."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(f"{message}; {hint}" if hint else message)
        self.hint = hint


class AccountError(SopError):
    """A user account cannot be created or changed: the name is taken or unknown,
    the password too short."""


class SignInRefused(AccountError):
    """Signing in failed: wrong name or password, a disabled account, or throttled.
    ``retry_after`` is the seconds to wait when throttled (else 0)."""

    def __init__(self, message: str, *, retry_after: int = 0) -> None:
        super().__init__(message)
        self.retry_after = retry_after
