"""sopengine: write, check, run and publish standard operating procedures.

The public API. Everything else lives in subpackages whose names say their
layer: ``definition`` (model, loading, rules), ``analysis`` (critical path),
``cli`` (the command line).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from sopengine.analysis.cpm import CriticalPath, StepTimes, critical_path
from sopengine.definition.collection import check_paths
from sopengine.definition.duration import Duration, WorkingTime
from sopengine.definition.flow import Edge, Flow
from sopengine.definition.loader import LoadedSop, check_bytes, check_file, check_text, load_sop
from sopengine.definition.model import END, Branch, Sop, Step
from sopengine.definition.schema import sop_json_schema
from sopengine.diagnostics import CODES, Diagnostic, Severity
from sopengine.errors import SopError, SopFileError, SopInvalid

try:
    __version__ = version("sopengine")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "CODES",
    "END",
    "Branch",
    "CriticalPath",
    "Diagnostic",
    "Duration",
    "Edge",
    "Flow",
    "LoadedSop",
    "Severity",
    "Sop",
    "SopError",
    "SopFileError",
    "SopInvalid",
    "Step",
    "StepTimes",
    "WorkingTime",
    "__version__",
    "check_bytes",
    "check_file",
    "check_paths",
    "check_text",
    "critical_path",
    "load_sop",
    "sop_json_schema",
]
