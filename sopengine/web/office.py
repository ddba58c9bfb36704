"""One worker's view of the office: the database, the engine, the accounts and
the SOPs served (read from the SOP directory at start-up, all valid)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sopengine
from sopengine.web.i18n import t
from sopengine.web.positions import position_of
from sopengine.web.settings import Settings


class StartupError(sopengine.SopError):
    """The app cannot start: the SOP directory is missing or holds an invalid SOP."""


@dataclass
class Office:
    settings: Settings
    store: sopengine.Store
    engine: sopengine.Engine
    signin: sopengine.SignIn
    sops: dict[str, sopengine.LoadedSop]  # by SOP id, in file order
    book: sopengine.Book
    org: sopengine.Org
    uploads: Path
    files: sopengine.Attachments
    warnings: list[Unmatched] = field(default_factory=list)
    charts: dict[tuple[object, ...], str] = field(default_factory=dict)  # drawn SVGs
    # per SOP id: its report and the history state it was computed at (web/reports.py)
    reports: dict[str, tuple[tuple[int, int], object]] = field(default_factory=dict)
    # the position behind each actor id of a stored definition (they never change)
    actor_positions: dict[str, dict[str, str | None]] = field(default_factory=dict)
    # per set of positions: how many definitions were stored, the actor ids it stands
    # for in them, and the (actor id, definition) pairs that are not its (web/work.py)
    actor_ids: dict[tuple[str, ...], tuple[int, tuple[str, ...], frozenset[tuple[str, str]]]] \
        = field(default_factory=dict)

    @property
    def accounts(self) -> sopengine.Accounts:
        return self.signin.accounts

    def sop(self, sop_id: str) -> sopengine.Sop | None:
        loaded = self.sops.get(sop_id)
        return loaded.sop if loaded else None

    def unmatched_actors(self) -> list[Unmatched]:
        """Every actor that no enabled user can act as: its name matches no position
        of the org file, or no user holds its position."""
        held = {position_of(self.org, p) for u in self.accounts.all() if not u.disabled
                for p in u.positions}
        found = []
        for loaded in self.sops.values():
            for name in loaded.sop.actors.values() if loaded.sop else ():
                position = position_of(self.org, name)
                if position is None or position not in held:
                    found.append(Unmatched(Path(loaded.path).name, name, position))
        return found

    def unmatched_text(self, found: Unmatched, lang: str) -> str:
        """What is missing for an unmatched actor, in ``lang``."""
        if found.position is None:
            return t("unmatched_no_position", lang, file=found.file, actor=found.actor,
                     org=self.org.path)
        return t("unmatched_no_holder", lang, file=found.file, actor=found.actor,
                 position=found.position)


@dataclass(frozen=True)
class Unmatched:
    """An SOP actor no enabled user acts as: ``position`` None when no position of the
    org file matches its name, else the position nobody holds."""

    file: str
    actor: str
    position: str | None


def open_office(settings: Settings) -> Office:
    if not settings.sops.is_dir():
        raise StartupError(f"{settings.sops}: no such directory of SOP files")
    calendar = office_calendar(settings)
    sops = _load_sops(settings.sops, sopengine.WorkingTime(day_minutes=calendar.day_minutes))
    book, _ = sopengine.load_book(settings.sops)
    org = sopengine.load_org(settings.sops)
    store = sopengine.Store.open(settings.db)
    engine = sopengine.Engine(store, calendar)
    uploads = settings.upload_dir(store.url)
    uploads.mkdir(parents=True, exist_ok=True)
    office = Office(settings, store, engine, sopengine.SignIn(store), sops, book, org, uploads,
                    sopengine.Attachments(store, uploads))
    office.warnings = office.unmatched_actors()
    return office


def office_calendar(settings: Settings) -> sopengine.WorkingCalendar:
    """The office's working calendar, as the CLI finds it: the ``calendar`` file
    (``--calendar``, $SOPENGINE_CALENDAR), else the calendar.yaml beside the SOPs, else
    the default. Raises SopInvalid (located) or SopFileError (no such file)."""
    return sopengine.load_calendar(settings.calendar or settings.sops)


def _load_sops(directory: Path,
               working_time: sopengine.WorkingTime) -> dict[str, sopengine.LoadedSop]:
    results = sopengine.check_paths([directory], working_time)
    bad = [r for r in results if not r.ok or r.sop is None]
    if bad:  # the first invalid file, every problem of it (`validate` lists all)
        raise sopengine.SopInvalid(bad[0].path, bad[0].diagnostics)
    if not results:
        raise StartupError(f"{directory}: no SOP files (*.yaml)")
    return {r.sop.id: r for r in results if r.sop is not None}
