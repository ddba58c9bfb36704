"""A driver's error as a :class:`StoreError` a user can act on.

SQLite and PostgreSQL report the same few situations in their own words, with
SQL and constraint names that mean nothing to an office (and tell an outsider
how the tables look). :func:`store_error` sorts an error by the driver's own
code (SQLite's result code name, PostgreSQL's SQLSTATE), never by its text, into
one of :data:`KINDS`, and gives the sentence for that kind (the label
``store_<kind>``, in both languages). The driver's words
stay in ``StoreError.detail`` for the log, never in the message.
"""

from __future__ import annotations

from sopengine.errors import StoreError
from sopengine.labels import label

#: the kinds of error; each is told by the label ``store_<kind>`` (labels.py)
KINDS = ("busy", "full", "read-only", "damaged", "unavailable", "conflict", "refused")
_SQLITE = {  # result code name (without SQLITE_) -> kind; extended codes by their base
    "BUSY": "busy", "LOCKED": "busy", "FULL": "full", "READONLY": "read-only",
    "CORRUPT": "damaged", "NOTADB": "damaged", "CANTOPEN": "unavailable",
    "IOERR": "unavailable", "CONSTRAINT": "conflict", "PERM": "read-only",
}
_SQLSTATE = {  # PostgreSQL SQLSTATE class or code -> kind
    "08": "unavailable", "57P01": "unavailable", "57P02": "unavailable",
    "57P03": "unavailable", "53": "full", "25006": "read-only", "23": "conflict",
    "40": "conflict", "55P03": "busy", "57014": "busy", "42P01": "damaged",
    "42703": "damaged", "XX001": "damaged", "XX002": "damaged",
}


def store_error(exc: BaseException) -> StoreError:
    """The StoreError for a driver's (or SQLAlchemy's) exception ``exc``."""
    found = kind_of(exc)
    message = label(f"store_{found}", "en")
    error = StoreError(message, reason=message, kind=found)
    error.detail = _first_line(exc)
    return error


def kind_of(exc: BaseException) -> str:
    """One of :data:`KINDS` for ``exc``, read from the driver's error code."""
    orig = getattr(exc, "orig", None) or exc
    name = getattr(orig, "sqlite_errorname", None)
    if isinstance(name, str):
        return _sqlite_kind(name, str(orig))
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if isinstance(state, str):
        return _SQLSTATE.get(state) or _SQLSTATE.get(state[:2]) or "refused"
    if type(orig).__name__ == "OperationalError":  # a driver without codes: the link broke
        return "unavailable"
    return "refused"


def _sqlite_kind(name: str, text: str) -> str:
    base = name.removeprefix("SQLITE_").split("_")[0]
    if base == "ERROR" and text.startswith("no such "):  # a table or column is missing
        return "damaged"
    return _SQLITE.get(base, "refused")


def _first_line(exc: BaseException) -> str:
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
