"""sopengine: write, check, run and publish standard operating procedures.

The public API. Everything else lives in subpackages whose names say their
layer: ``definition`` (model, loading, rules), ``analysis`` (critical path),
``runtime`` (engine, store), ``render`` (flowcharts, the book), ``cli`` (the
command line).
"""

from __future__ import annotations

from sopengine.diagnostics import CODES, Diagnostic, Severity
from sopengine.errors import (
    AccountError,
    AlreadyDone,
    BadChoice,
    CalendarError,
    EngineError,
    IllegalTransition,
    NotFound,
    OpenRevision,
    RenderError,
    SignInRefused,
    SopError,
    SopFileError,
    SopInvalid,
    StoreError,
)
from sopengine.labels import LANGS, label

# Everything else loads on first use: `sopengine --help` imports no pydantic,
# networkx, numpy or SQLAlchemy, and `sopengine validate` not the runtime.
_LAZY = {
    # definition and analysis (pydantic, networkx)
    "CriticalPath": "sopengine.analysis.cpm", "StepTimes": "sopengine.analysis.cpm",
    "critical_path": "sopengine.analysis.cpm", "check_paths": "sopengine.definition.collection",
    "Duration": "sopengine.definition.duration", "WorkingTime": "sopengine.definition.duration",
    "Edge": "sopengine.definition.flow", "Flow": "sopengine.definition.flow",
    "LoadedSop": "sopengine.definition.loader", "check_bytes": "sopengine.definition.loader",
    "check_file": "sopengine.definition.loader", "check_text": "sopengine.definition.loader",
    "load_sop": "sopengine.definition.loader", "END": "sopengine.definition.model",
    "Branch": "sopengine.definition.model", "Sop": "sopengine.definition.model",
    "Step": "sopengine.definition.model", "sop_json_schema": "sopengine.definition.schema",
    "Org": "sopengine.definition.org", "load_org": "sopengine.definition.org",
    # the runtime (SQLAlchemy, transitions)
    "Completion": "sopengine.runtime.engine", "Engine": "sopengine.runtime.engine",
    "Event": "sopengine.runtime.records", "Instance": "sopengine.runtime.records",
    "Task": "sopengine.runtime.records", "Store": "sopengine.runtime.store",
    "WorkingCalendar": "sopengine.definition.calendar",
    "load_calendar": "sopengine.definition.calendar_file", "run_auto": "sopengine.runtime.autorun",
    "replay_differences": "sopengine.runtime.replay",
    "Catalog": "sopengine.runtime.catalog", "Revision": "sopengine.runtime.revision",
    "RevisionEvent": "sopengine.runtime.revision",
    # the account errors in the user's language (the CLI's user commands, the web's users page)
    "account_error": "sopengine.account_words",
    # reading office documents, and what changed between two versions
    "import_document": "sopengine.importing.api", "Imported": "sopengine.importing.api",
    "diff_sops": "sopengine.analysis.diff", "SopDiff": "sopengine.analysis.diff",
    # drawing and the book (graphviz, Jinja2, WeasyPrint load on first use)
    "Book": "sopengine.definition.book", "load_book": "sopengine.definition.book_loader",
    "flowchart": "sopengine.render.flowchart", "table_pages": "sopengine.render.table",
    "mermaid": "sopengine.render.mermaid", "bpmn": "sopengine.render.bpmn",
    "build_book": "sopengine.render.book", "flowchart_svg": "sopengine.render.flowchart",
    "gantt": "sopengine.render.charts", "Bar": "sopengine.render.charts",
    "compare_actuals": "sopengine.analysis.actuals", "StepActuals": "sopengine.analysis.actuals",
    # accounts and signing in (the web app)
    "Accounts": "sopengine.runtime.accounts", "User": "sopengine.runtime.accounts",
    "SignIn": "sopengine.runtime.signin", "Attachments": "sopengine.runtime.attachments",
    "Attachment": "sopengine.runtime.attachments",
}


def __getattr__(name: str) -> object:
    if name == "__version__":
        return _version()
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'sopengine' has no attribute {name!r}")


def __dir__() -> list[str]:
    return list(__all__)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sopengine")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


__all__ = [
    "CODES",
    "END",
    "LANGS",
    "AccountError",
    "Accounts",
    "AlreadyDone",
    "Attachment",
    "Attachments",
    "BadChoice",
    "Bar",
    "Book",
    "Branch",
    "CalendarError",
    "Catalog",
    "Completion",
    "CriticalPath",
    "Diagnostic",
    "Duration",
    "Edge",
    "Engine",
    "EngineError",
    "Event",
    "Flow",
    "IllegalTransition",
    "Imported",
    "Instance",
    "LoadedSop",
    "NotFound",
    "OpenRevision",
    "Org",
    "RenderError",
    "Revision",
    "RevisionEvent",
    "Severity",
    "SignIn",
    "SignInRefused",
    "Sop",
    "SopDiff",
    "SopError",
    "SopFileError",
    "SopInvalid",
    "Step",
    "StepActuals",
    "StepTimes",
    "Store",
    "StoreError",
    "Task",
    "User",
    "WorkingCalendar",
    "WorkingTime",
    "__version__",
    "account_error",
    "bpmn",
    "build_book",
    "check_bytes",
    "check_file",
    "check_paths",
    "check_text",
    "compare_actuals",
    "critical_path",
    "diff_sops",
    "flowchart",
    "flowchart_svg",
    "gantt",
    "import_document",
    "label",
    "load_book",
    "load_calendar",
    "load_org",
    "load_sop",
    "mermaid",
    "replay_differences",
    "run_auto",
    "sop_json_schema",
    "table_pages",
]
