"""The book file (``book.yaml`` beside the SOPs): settings that hold for the
whole SOP book rather than one SOP: who publishes it, the working day, how
many rows a table page holds, and label overrides.

    book: 1
    government: Pemerintah Kabupaten Purwakarta
    unit: Kecamatan Bungursari
    address: Jl. Raya Bungursari No. 122, Purwakarta
    rows_per_page: 10

Problems are reported like an SOP file's (file, line, column, code).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sopengine.definition.collection import BOOK_FILE
from sopengine.definition.duration import WorkingTime
from sopengine.definition.loader import read_bytes
from sopengine.definition.settings_file import parse_settings
from sopengine.diagnostics import make
from sopengine.errors import SopInvalid
from sopengine.labels import label_keys


class Book(BaseModel):
    """Book-level settings; every field has a default, so no book file is needed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    book: Literal[1] = Field(1, description="book file format version, the integer 1")
    title: str = Field("Standar Operasional Prosedur", description="title on the cover")
    government: str | None = Field(None, description="government above the unit, e.g. "
                                   "Pemerintah Kabupaten Purwakarta")
    unit: str | None = Field(None, description="the unit publishing the book (unit kerja)")
    address: str | None = Field(None, description="office address for the cover and headers")
    year: int | None = Field(None, ge=1945, le=2200, description="year on the cover")
    logo: str | None = Field(None, description="logo image, a path relative to the book file")
    lang: Literal["id", "en"] = Field("id", description="language of the book's labels")
    working_day_hours: float = Field(7.5, gt=0, le=24, description="hours of a working day")
    rows_per_page: int = Field(10, ge=1, le=200, description="most table rows per page (fewer when "
                               "they are tall) before the flow continues through "
                               "off-page connectors")
    total_row: bool = Field(True, description="print the total time under the table")
    labels: dict[str, str] = Field(default_factory=dict, description="label overrides, "
                                   "e.g. {col_kegiatan: Uraian Prosedur}")

    @property
    def working_time(self) -> WorkingTime:
        return WorkingTime(day_minutes=self.working_day_hours * 60)


def load_book(directory: str | Path) -> tuple[Book, Path | None]:
    """The settings of the book in ``directory`` (defaults when it has no book file)."""
    path = Path(directory) / BOOK_FILE
    if not path.is_file():
        return Book(), None
    return parse_book(read_bytes(path), str(path)), path


def parse_book(raw: bytes, path: str) -> Book:
    settings = parse_settings(raw, path, Book, "the book file")
    book = settings.valid()
    unknown = set(book.labels) - label_keys()
    if unknown:
        d = make("unknown-key", f"no label is called {sorted(unknown)[0]!r}",
                 hint="see docs/rendering.md for the label names", loc=("labels",))
        raise SopInvalid(path, settings.located([d]))
    return book
