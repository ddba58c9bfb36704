"""The book file (``book.yaml`` beside the SOPs): settings that hold for the
whole SOP book rather than one SOP: who publishes it, the working day, how
many rows a table page holds, and label overrides.

    book: 1
    government: Pemerintah Kabupaten Purwakarta
    unit: Kecamatan Bungursari
    address: Jl. Raya Bungursari No. 122, Purwakarta
    rows_per_page: 10
    paper: F4            # A4 (default) or F4 / Folio, 215 x 330 mm
    orientation: portrait
    short_names:         # table header text per full jabatan (legend under the table)
      Kasubbag Umum dan Kepegawaian: Kasubbag Umum

The model only: reading the file (and its located errors) is book_loader.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from sopengine.definition.duration import WorkingTime

Paper = Literal["A4", "F4"]
Orientation = Literal["portrait", "landscape"]


class Decree(BaseModel):
    """The instrument that enacts the book's SOPs (a Keputusan at unit level)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: str = Field(description="e.g. Keputusan Camat Bungursari")
    number: str | None = Field(None, description="the decree's number")
    date: dt.date | None = Field(None, description="the date it was signed (YYYY-MM-DD)")
    about: str | None = Field(None, description="what it enacts (tentang ...); default: the "
                              "book's title and unit")
    signer: str | None = Field(None, description="the signing position, e.g. Camat Bungursari")
    name: str | None = Field(None, description="the signer's name")
    nip: str | None = Field(None, description="the signer's NIP (18 digits)")


class Introduction(BaseModel):
    """The book's short guide (Penjelasan singkat): scope, summary, definitions."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    scope: str | None = Field(None, description="ruang lingkup: what the book covers")
    summary: str | None = Field(None, description="ringkasan: the book in a paragraph")
    definitions: dict[str, str] = Field(default_factory=dict, description="term: meaning, "
                                        "in the order written")


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
    total_row: bool = Field(False, description="print the critical-path total under the "
                            "table, in working days, hours and minutes (not in the guideline)")
    flowchart_page: bool = Field(False, description="add a Graphviz flowchart sheet after each "
                                 "SOP's table (not in the guideline); left out, with a "
                                 "message, where its type would print under 7 pt")
    decree: Decree | None = Field(None, description="the Keputusan page after the cover; "
                                  "without it a placeholder page says what to fill in")
    introduction: Introduction | None = Field(None, description="the Penjelasan singkat page "
                                              "after the contents; without it a placeholder")
    order: list[str] = Field(default_factory=list, description="SOP ids in the book's order; "
                             "SOPs not listed follow in file-name order")
    paper: Paper = Field("A4", description="paper of the whole book: A4 (210 x 297 mm) or F4, "
                         "the Folio of Indonesian offices (215 x 330 mm)")
    orientation: Orientation = Field("portrait", description="the identity pages' orientation; "
                                     "the flowchart table pages are always landscape")
    front_orientation: Orientation | None = Field(None, description="the cover, Keputusan, "
                                                  "Daftar Isi and Penjelasan singkat pages' "
                                                  "orientation; default: as `orientation`")
    list_style: Literal["numbered", "bulleted"] = Field(
        "numbered", description="the identity page's lists (Dasar Hukum, Keterkaitan ...): "
        "numbered, as the seed, a single item too, or bulleted")
    column_numbers: bool = Field(False, description="a row numbering the table's columns "
                                 "1, 2, 3 ... under its header (the seed has one; the "
                                 "guideline does not)")
    signature_block: bool = Field(False, description="the approver's signature block under "
                                  "each SOP's last table page (the seed has one; the "
                                  "guideline signs on the identity page only)")
    short_names: dict[str, Annotated[str, Field(min_length=1)]] = Field(
        default_factory=dict, description="an actor's short name for the table header: "
        "full jabatan (as the SOPs write it) -> header text, e.g. {Kasubbag Umum dan "
        "Kepegawaian: Kasubbag Umum}; a line under the table gives the full name")
    labels: dict[str, str] = Field(default_factory=dict, description="label overrides, "
                                   "e.g. {col_kegiatan: Uraian Prosedur}")

    @property
    def front(self) -> Orientation:
        """The orientation of the pages before the first SOP."""
        return self.front_orientation or self.orientation

    @property
    def working_time(self) -> WorkingTime:
        return WorkingTime(day_minutes=self.working_day_hours * 60)
