"""The SOP model: pydantic v2 classes for every key of format version 1.

No I/O and no graph code here: loading lives in ``loader``, flow in ``flow``.
Models are frozen and forbid unknown keys; lists are tuples so a loaded
definition cannot change under a running instance.
"""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    field_validator,
)

from sopengine.definition.duration import Duration
from sopengine.definition.frequency import Frequency

END = "end"  # the reserved target that ends the SOP


def _one_or_many(value: Any) -> Any:
    """Accept a single text where a list is allowed (``outputs: Surat``)."""
    single = isinstance(value, str | int | float) and not isinstance(value, bool)
    return [value] if single else value


def _text_list(description: str) -> Any:
    return Field(default=(), description=description)


def _read_only(mapping: dict[Any, Any]) -> Any:
    return MappingProxyType(mapping)


# A dict once validated, then read-only, so a loaded definition cannot change.
ReadOnly = (AfterValidator(_read_only), PlainSerializer(dict))

Text = Annotated[str, Field(min_length=1)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
StepId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
ActorId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")]
_STR_OR_LIST = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)


class Dates(_Frozen):
    """Tanggal pembuatan / revisi / efektif."""

    created: dt.date | None = Field(None, description="date created (tanggal pembuatan)")
    revised: dt.date | None = Field(None, description="date last revised (tanggal revisi)")
    effective: dt.date | None = Field(None, description="date in force (tanggal efektif)")


class Approver(_Frozen):
    """Disahkan oleh: the official who enacts the SOP."""

    position: Text = Field(description="position, e.g. Camat Bungursari (jabatan)")
    name: Text | None = Field(None, description="name with titles (nama)")
    nip: str | None = Field(None, description="civil-servant number, 18 digits, spaces allowed "
                                              "(NIP): birth date, start month, gender, serial")
    rank: Text | None = Field(None, description="rank line, e.g. Pembina Tk. I (pangkat)")


class Branch(_Frozen):
    """One answer of a decision: where it leads and how often it is taken."""

    to: StepId = Field(description="target step id, or 'end' (tujuan)")
    chance: float | None = Field(None, strict=True,  # strict: `true` is not a number
                                 description="share of cases taking this branch, 0..1 "
                                             "(peluang); unset branches share the rest")

    @classmethod
    def coerce(cls, value: Any) -> Any:
        plain = isinstance(value, str | int) and not isinstance(value, bool)
        return {"to": str(value)} if plain else value


BranchValue = Annotated[
    Branch, BeforeValidator(Branch.coerce),
    WithJsonSchema({"anyOf": [{"type": "string", "description": "target step id or 'end'"},
                              Branch.model_json_schema()]}),
]


class Step(_Frozen):
    """One row of the flowchart table: an activity (kegiatan) of one or more actors."""

    id: StepId = Field("", description="step id; default: its 1-based position ('1', '2', ...)")
    actor: Annotated[tuple[ActorId, ...], BeforeValidator(_one_or_many),
                     WithJsonSchema(_STR_OR_LIST), Field(min_length=1)] = Field(
        description="actor id, or a list of actor ids acting together (pelaksana)")
    action: Text = Field(description="what is done, a verb without subject "
                                     "(uraian prosedur / kegiatan)")
    inputs: tuple[Text, ...] = _text_list("documents and equipment needed "
                                          "(mutu baku: kelengkapan)")
    time: Duration = Field(description="standard time (mutu baku: waktu)")
    effort: Duration | None = Field(None, description="the actor's own working time when less "
                                                      "than `time` (beban kerja); default: time")
    outputs: Annotated[tuple[Text, ...], BeforeValidator(_one_or_many),
                       WithJsonSchema(_STR_OR_LIST)] = Field(
        (), description="what the step produces (mutu baku: output)")
    note: Text | None = Field(None, description="remarks (keterangan)")
    next: Annotated[tuple[StepId, ...] | None, BeforeValidator(_one_or_many),
                    WithJsonSchema(_STR_OR_LIST)] = Field(
        None, description="following step id, 'end', or a list of step ids started together "
                          "(parallel branches); default: the next step in the list")
    ask: Text | None = Field(None, description="the question of a decision (pertanyaan "
                                               "keputusan), e.g. 'Dokumen sudah benar?'")
    branches: Annotated[dict[Text, BranchValue], *ReadOnly] | None = Field(
        None, description="answers of a decision (keputusan): label -> target or "
                          "{to, chance}; makes the step a decision (belah ketupat)")

    @property
    def is_decision(self) -> bool:
        return bool(self.branches)


class Sop(_Frozen):
    """An SOP (Standar Operasional Prosedur): identity page and flowchart table."""

    model_config = ConfigDict(title="SOP file, format version 1")

    sop: Literal[1] = Field(description="format version, the integer 1")
    id: Slug = Field(description="SOP id, unique within a book; `related` refers to it")
    title: Text = Field(description="name of the SOP (Nama SOP)")
    number: Text | None = Field(None, description="SOP number (Nomor SOP)")
    unit: Text | None = Field(None, description="organisation unit owning the SOP (unit kerja)")
    dates: Dates | None = Field(None, description="dates (tanggal pembuatan/revisi/efektif)")
    approved_by: Approver | None = Field(None, description="enacting official (disahkan oleh)")
    legal_basis: tuple[Text, ...] = _text_list("legal basis (dasar hukum)")
    qualifications: tuple[Text, ...] = _text_list("qualifications of the actors "
                                                  "(kualifikasi pelaksana)")
    related: tuple[Text, ...] = _text_list("related SOPs: an SOP id of the same book, or free "
                                           "text (keterkaitan)")
    equipment: tuple[Text, ...] = _text_list("equipment and supplies (peralatan/perlengkapan)")
    warnings: tuple[Text, ...] = _text_list("warnings: what happens if the SOP is not followed "
                                            "(peringatan)")
    records: tuple[Text, ...] = _text_list("what is recorded and filed (pencatatan dan "
                                           "pendataan)")
    actors: Annotated[dict[ActorId, Text], *ReadOnly] = Field(
        min_length=1, description="actors in column order, id -> position name (pelaksana)")
    steps: tuple[Step, ...] = Field(min_length=1, description="steps in row order (prosedur)")
    stated_total: Duration | None = Field(
        None, description="total time printed in the document (jumlah waktu); a warning "
                          "when it differs from the computed critical-path total")
    frequency: Frequency | None = Field(
        None, description="how often the SOP is carried out (frekuensi), for workload: "
                          "4/year, 2/month, 1/week")

    @field_validator("steps")
    @classmethod
    def _default_ids(cls, steps: tuple[Step, ...]) -> tuple[Step, ...]:
        return tuple(s if s.id else s.model_copy(update={"id": str(i + 1)})
                     for i, s in enumerate(steps))

    def step(self, step_id: str) -> Step:
        """The step with this id (KeyError when there is none)."""
        return self._step_index()[step_id]

    def _step_index(self) -> dict[str, Step]:
        """Steps by id, built once (kept beside the fields; rebuilt for a copy with
        other steps). The first of two equal ids, as the rules report it."""
        steps, index = self.__dict__.get("_by_id", (None, {}))
        if steps is not self.steps:
            index = {}
            for s in self.steps:
                index.setdefault(s.id, s)
            self.__dict__["_by_id"] = (self.steps, index)
        return index
