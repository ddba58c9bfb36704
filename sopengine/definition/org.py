"""The office's positions (jabatan) and how SOP actors map onto them (``org.yaml``).

    org: 1
    unit: Kecamatan Bungursari
    positions: [Camat, Sekretaris Kecamatan, Kasi Tata Pemerintahan]
    aliases:
      Sekretaris: Sekretaris Kecamatan

An actor of an SOP (the name its ``actors`` map gives, e.g. "Sekretaris") is
held by the position of that name, or by the position its alias names. Names
match ignoring letter case and repeated spaces. Without an org file every
actor name is its own position (as in the SOPs' own tables), and nothing is
reported unmatched. Used by ``validate`` (an actor of no position is a
warning), ``workload`` (one position's load summed across SOPs) and the web app.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from sopengine.definition._suggest import did_you_mean
from sopengine.definition.loader import LoadedSop, locate
from sopengine.definition.model import Sop
from sopengine.definition.settings_file import Settings, read_settings
from sopengine.diagnostics import Diagnostic, make
from sopengine.errors import SopFileError

ORG_FILE = "org.yaml"

Name = Annotated[str, Field(min_length=1, pattern=r"\S")]


class OrgFile(BaseModel):
    """The positions (jabatan) of the office and other names SOPs use for them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    org: Literal[1] = Field(1, description="org file format version, the integer 1")
    unit: str | None = Field(None, description="the office (unit kerja), e.g. Kecamatan "
                             "Bungursari")
    positions: list[Name] = Field(min_length=1, description="the office's positions "
                                  "(jabatan), each written as SOP actors name it")
    aliases: dict[str, Name] = Field(default_factory=dict, description="other names of a "
                                     "position used in some SOPs: alias -> position, e.g. "
                                     "{Sekretaris: Sekretaris Kecamatan}")


def name_key(name: str) -> str:
    """What two names must share to match: case and runs of spaces do not count."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Org:
    """Positions and aliases; ``path`` is None for the default (no org file)."""

    positions: tuple[str, ...] = ()
    aliases: dict[str, str] = field(default_factory=dict)
    path: str | None = None
    unit: str | None = None

    @property
    def configured(self) -> bool:
        return self.path is not None

    @cached_property
    def _index(self) -> dict[str, str]:
        index = {name_key(p): p for p in self.positions}
        index.update({name_key(a): index[name_key(p)] for a, p in self.aliases.items()})
        return index

    def position_of(self, actor_name: str) -> str | None:
        """The position holding an actor of this name (None: no position matches).
        Without an org file, the name itself (spaces tidied)."""
        if not self.configured:
            return " ".join(actor_name.split()) or None
        return self._index.get(name_key(actor_name))

    def actor_positions(self, sop: Sop) -> dict[str, str | None]:
        """Actor id -> position, for every actor the SOP declares."""
        return {key: self.position_of(name) for key, name in sop.actors.items()}

    def unmatched(self, sops: Iterable[LoadedSop | Sop]) -> list[Diagnostic]:
        """A located warning (``unmatched-actor``) for each actor that matches no position."""
        return [d for item in sops for d in self._unmatched_in(item)]

    def _unmatched_in(self, item: LoadedSop | Sop) -> list[Diagnostic]:
        sop = item.sop if isinstance(item, LoadedSop) else item
        if sop is None or not self.configured:
            return []
        found = [self._warning(sop, key, name) for key, name in sop.actors.items()
                 if self.position_of(name) is None]
        if isinstance(item, LoadedSop):
            return [locate(d, item.source, item.path) for d in found]
        return found

    def _warning(self, sop: Sop, key: str, name: str) -> Diagnostic:
        near = did_you_mean(name, [*self.positions, *self.aliases])
        return make("unmatched-actor", f"actor '{key}' ({name}) of SOP '{sop.id}' matches no "
                    f"position of {self.path}", loc=("actors", key),
                    hint=(f"{near} Otherwise add" if near else "Add")
                    + f" '{name}' to `positions`, or to `aliases` naming the position it is")


def load_org(path: str | Path) -> Org:
    """The org of ``path``: an org file, or a directory's org.yaml (the default
    ``Org()`` when the directory has none). Raises SopInvalid, located, when invalid."""
    p = Path(path)
    if p.is_dir():
        p = p / ORG_FILE
        if not p.exists():
            return Org()
    settings, org = read_org(p)
    if org is None:
        settings.valid()  # raises with every diagnostic
        raise SopFileError(str(p), "not an org file")  # pragma: no cover - valid() raised
    return org


def read_org(file: Path) -> tuple[Settings[OrgFile], Org | None]:
    """The file's diagnostics, and the Org when it has none."""
    settings = read_settings(file, OrgFile, "an org file")
    data = settings.model
    if data is None:
        return settings, None
    problems = settings.located(list(_consistency(data)))
    if problems:
        return replace(settings, diagnostics=problems, model=None), None
    return settings, Org(tuple(data.positions), dict(data.aliases), str(file), data.unit)


def _consistency(data: OrgFile) -> Iterator[Diagnostic]:
    seen: dict[str, str] = {}
    for i, name in enumerate(data.positions):
        if name_key(name) in seen:
            yield _twice(name, seen[name_key(name)], ("positions", i))
        seen.setdefault(name_key(name), name)
    positions = dict(seen)
    for alias, target in data.aliases.items():
        if name_key(alias) in seen:
            yield _twice(alias, seen[name_key(alias)], ("aliases", alias, "[key]"))
        seen.setdefault(name_key(alias), alias)
        if name_key(target) not in positions:
            yield make("unknown-position", f"alias '{alias}' names '{target}', which is not "
                       "in `positions`", loc=("aliases", alias),
                       hint=did_you_mean(target, data.positions, what="positions")
                       or "add it to `positions`")


def _twice(name: str, first: str, loc: tuple[str | int, ...]) -> Diagnostic:
    return make("duplicate-position", f"'{name}' is already named ('{first}'); names match "
                "ignoring case and spaces", loc=loc, hint="keep one of them")
