"""Importing SOP AP documents (.docx, .xlsx, .pdf) into SOP files.

Each reader turns its format into :class:`~sopengine.importing.grid.Document`
(identity fields and flowchart grids with the symbols found in the actor
cells); :mod:`builder` turns a grid into SOP data with located warnings, and
:mod:`yamlwrite` writes it as YAML with ``# CHECK:`` comments.
"""

from __future__ import annotations

from sopengine.importing.api import Imported, import_document

__all__ = ["Imported", "import_document"]
