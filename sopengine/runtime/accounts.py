"""User accounts: who may sign in, the positions (jabatan) each holds, admins.

Passwords are kept only as Argon2id hashes (argon2-cffi, its recommended
parameters). Names are compared exactly as given (trimmed). There is no default
account: the first admin is made with ``sopengine user add NAME --admin``.
Signing in, sessions and API tokens live in :mod:`sopengine.runtime.signin`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from argon2 import PasswordHasher
from sqlalchemy import Connection, delete, insert, select, update

from sopengine.errors import AccountError
from sopengine.runtime.schema import user_positions, users
from sopengine.runtime.store import Store

MIN_PASSWORD = 8
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")
hasher = PasswordHasher()  # Argon2id


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class User:
    id: int
    name: str
    full_name: str
    admin: bool
    disabled: bool
    positions: tuple[str, ...]

    def holds(self, position: str) -> bool:
        return position in self.positions


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password is too short: at least {MIN_PASSWORD} characters")


def _clean_positions(positions: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(p.strip() for p in positions if p.strip()))


class Accounts:
    """The users of one database."""

    def __init__(self, store: Store, clock: Callable[[], dt.datetime] = now) -> None:
        self.store = store
        self.clock = clock

    def add(self, name: str, password: str, *, full_name: str | None = None,
            admin: bool = False, positions: Iterable[str] = ()) -> User:
        name = name.strip()
        if not NAME.match(name):
            raise AccountError(f"'{name}' is not a user name: letters, digits and . _ @ -, "
                               "at most 100, starting with a letter or digit")
        check_password(password)
        with self.store.transaction() as conn:
            if conn.execute(select(users.c.id).where(users.c.name == name)).first():
                raise AccountError(f"a user named '{name}' already exists")
            uid = conn.execute(insert(users).values(
                name=name, full_name=(full_name or "").strip() or name,
                password_hash=hasher.hash(password), admin=int(admin), disabled=0,
                created_at=self.clock()).returning(users.c.id)).scalar_one()
            _write_positions(conn, uid, _clean_positions(positions))
        return self.get(name)

    def get(self, name: str) -> User:
        found = self._find(users.c.name == name.strip())
        if found is None:
            raise AccountError(f"no user named '{name}'")
        return found

    def by_id(self, user_id: int) -> User | None:
        return self._find(users.c.id == user_id)

    def all(self) -> list[User]:
        with self.store.reading() as conn:
            rows = conn.execute(select(users).order_by(users.c.name)).all()
            held = _positions_of(conn, [r.id for r in rows])
        return [_user(r, held.get(r.id, ())) for r in rows]

    def holders(self, position: str) -> list[User]:
        """The enabled users holding ``position``."""
        query = (select(user_positions.c.user_id)
                 .where(user_positions.c.position == position))
        with self.store.reading() as conn:
            ids = [r.user_id for r in conn.execute(query)]
        found = [self.by_id(i) for i in ids]
        return [u for u in found if u is not None and not u.disabled]

    def set_password(self, name: str, password: str) -> None:
        check_password(password)
        self._update(name, password_hash=hasher.hash(password))

    def set_disabled(self, name: str, disabled: bool) -> None:
        self._update(name, disabled=int(disabled))

    def set_admin(self, name: str, admin: bool) -> None:
        self._update(name, admin=int(admin))

    def set_positions(self, name: str, positions: Iterable[str]) -> User:
        user = self.get(name)
        with self.store.transaction() as conn:
            conn.execute(delete(user_positions).where(user_positions.c.user_id == user.id))
            _write_positions(conn, user.id, _clean_positions(positions))
        return self.get(name)

    def password_hash(self, name: str) -> str | None:
        with self.store.reading() as conn:
            return conn.execute(select(users.c.password_hash)
                                .where(users.c.name == name.strip())).scalar()

    def _update(self, name: str, **values: object) -> None:
        user = self.get(name)
        with self.store.transaction() as conn:
            conn.execute(update(users).where(users.c.id == user.id).values(**values))

    def _find(self, where: object) -> User | None:
        with self.store.reading() as conn:
            row = conn.execute(select(users).where(where)).first()  # type: ignore[arg-type]
            if row is None:
                return None
            return _user(row, _positions_of(conn, [row.id]).get(row.id, ()))


def _write_positions(conn: Connection, uid: int, positions: list[str]) -> None:
    if positions:
        conn.execute(insert(user_positions), [{"user_id": uid, "position": p}
                                              for p in positions])


def _positions_of(conn: Connection, ids: list[int]) -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = {}
    if ids:
        rows = conn.execute(select(user_positions).where(user_positions.c.user_id.in_(ids))
                            .order_by(user_positions.c.position))
        for r in rows:
            out.setdefault(r.user_id, []).append(r.position)
    return {k: tuple(v) for k, v in out.items()}


def _user(r: object, positions: tuple[str, ...]) -> User:
    return User(r.id, r.name, r.full_name, bool(r.admin), bool(r.disabled),  # type: ignore[attr-defined]
                positions)
