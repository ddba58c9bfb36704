"""Signing in: password checks throttled per account and per address, sessions,
API tokens and the secret that signs cookies.

Everything lives in the database, so any number of worker processes agree:
failure counters are rows (``signin_failures``), a session is a row keyed by
the SHA-256 of its random token (the cookie carries the token; signing out or
disabling the user ends it), API tokens likewise.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, bindparam, delete, insert, select, update

from sopengine.errors import SignInRefused, StoreError
from sopengine.runtime._fastsql import FastSQL
from sopengine.runtime.accounts import Accounts, User, hasher, now
from sopengine.runtime.schema import (
    api_tokens,
    app_secrets,
    sessions,
    signin_failures,
    user_positions,
    users,
)
from sopengine.runtime.store import Store

ACCOUNT_LIMIT = 5  # failures per account within the window, then refused until it passes
ADDRESS_LIMIT = 20  # failures per client address within the window
WINDOW = dt.timedelta(minutes=15)
SESSION_HOURS = 12
_DUMMY = hasher.hash("not a password of anyone")  # equal work for unknown names


# the user of a session or an API token with each position held (one row per position,
# none held: one row with position NULL), in one statement: every request asks it
_HOLDER = (users.outerjoin(user_positions, user_positions.c.user_id == users.c.id))
_USER_COLUMNS = (users.c.id, users.c.name, users.c.full_name, users.c.admin, users.c.disabled,
                 user_positions.c.position)
_SESSION_USER = (select(*_USER_COLUMNS, sessions.c.expires_at)
                 .select_from(sessions.join(_HOLDER, users.c.id == sessions.c.user_id))
                 .where(sessions.c.token_hash == bindparam("h"))
                 .order_by(user_positions.c.position))
_TOKEN_USER = (select(*_USER_COLUMNS)
               .select_from(api_tokens.join(_HOLDER, users.c.id == api_tokens.c.user_id))
               .where(api_tokens.c.token_hash == bindparam("h"))
               .order_by(user_positions.c.position))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SignIn:
    """Sign-in, sessions and tokens over the users of :class:`Accounts`."""

    def __init__(self, store: Store, clock: Callable[[], dt.datetime] = now) -> None:
        self.store, self.clock = store, clock
        self.accounts = Accounts(store, clock)
        self._fast = FastSQL(store.engine.dialect)

    # -- passwords ----------------------------------------------------------------

    def check(self, name: str, password: str, address: str = "") -> User:
        """The user, if the password is right and neither key is throttled."""
        keys = {f"user:{name.strip()[:200]}": ACCOUNT_LIMIT, f"addr:{address[:200]}": ADDRESS_LIMIT}
        self._refuse_if_throttled(keys)
        stored = self.accounts.password_hash(name)
        if not _verify(stored or _DUMMY, password) or stored is None:
            self._count_failure(keys)
            raise SignInRefused("wrong user name or password")
        user = self.accounts.get(name)
        if user.disabled:
            raise SignInRefused("this account is disabled")
        if hasher.check_needs_rehash(stored):
            self.accounts.set_password(name, password)
        self._clear(f"user:{name.strip()[:200]}")
        return user

    def _refuse_if_throttled(self, keys: dict[str, int]) -> None:
        at = self.clock()
        with self.store.reading() as conn:
            rows = conn.execute(select(signin_failures)
                                .where(signin_failures.c.key.in_(list(keys)))).all()
        for r in rows:
            if r.first_at + WINDOW > at and r.count >= keys[r.key]:
                wait = int((r.first_at + WINDOW - at).total_seconds()) + 1
                raise SignInRefused("too many failed sign-ins", retry_after=wait)

    def _count_failure(self, keys: dict[str, int]) -> None:
        at = self.clock()
        for attempt in (1, 2):  # two workers may insert the same key at once
            try:
                with self.store.transaction() as conn:
                    for key in keys:
                        _bump(conn, key, at)
                return
            except StoreError as exc:
                if attempt == 2 or exc.kind != "conflict":
                    raise

    def _clear(self, key: str) -> None:
        with self.store.transaction() as conn:
            conn.execute(delete(signin_failures).where(signin_failures.c.key == key))

    # -- sessions -----------------------------------------------------------------

    def open_session(self, user: User, hours: float = SESSION_HOURS) -> str:
        token = secrets.token_urlsafe(32)
        at = self.clock()
        with self.store.transaction() as conn:
            conn.execute(insert(sessions).values(
                token_hash=_digest(token), user_id=user.id, created_at=at,
                expires_at=at + dt.timedelta(hours=hours)))
            conn.execute(delete(sessions).where(sessions.c.expires_at < at))
        return token

    def session_user(self, token: str) -> User | None:
        """The signed-in user of a session token; None if unknown, expired or disabled."""
        rows = self._holder(_SESSION_USER, token, ("expires_at",))
        if not rows or rows[0].expires_at <= self.clock():
            return None
        return _enabled(_held_by(rows))

    def _holder(self, query: object, token: str, times: tuple[str, ...] = ()) -> list[object]:
        with self.store.raw_reading() as conn:
            return self._fast.fetch_all(conn, query, {"h": _digest(token)},  # type: ignore[arg-type]
                                        timestamps=times)

    def close_session(self, token: str) -> None:
        with self.store.transaction() as conn:
            conn.execute(delete(sessions).where(sessions.c.token_hash == _digest(token)))

    # -- API tokens ---------------------------------------------------------------

    def new_token(self, name: str, label: str = "") -> str:
        """A new API token for the user (shown once; only its hash is kept)."""
        user = self.accounts.get(name)
        token = "sop_" + secrets.token_urlsafe(32)
        with self.store.transaction() as conn:
            conn.execute(insert(api_tokens).values(token_hash=_digest(token), user_id=user.id,
                                                   label=label, created_at=self.clock()))
        return token

    def token_user(self, token: str) -> User | None:
        rows = self._holder(_TOKEN_USER, token)
        return _enabled(_held_by(rows)) if rows else None

    # -- the cookie secret ----------------------------------------------------------

    def secret(self, name: str = "cookies") -> bytes:
        """A random secret made once per database, so every worker signs alike."""
        query = select(app_secrets.c.value).where(app_secrets.c.name == name)
        try:
            with self.store.transaction() as conn:
                value = conn.execute(query).scalar()
                if value is None:
                    value = secrets.token_bytes(32)
                    conn.execute(insert(app_secrets).values(name=name, value=value))
        except StoreError as exc:  # a conflict: another worker made it first, use theirs
            if exc.kind != "conflict":
                raise
            with self.store.reading() as conn:
                value = conn.execute(query).scalar_one()
        return bytes(value)


def _verify(stored: str, password: str) -> bool:
    try:
        return hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _enabled(user: User | None) -> User | None:
    return user if user is not None and not user.disabled else None


def _bump(conn: Connection, key: str, at: dt.datetime) -> None:
    row = conn.execute(select(signin_failures).where(signin_failures.c.key == key)
                       .with_for_update()).first()
    if row is None:
        conn.execute(insert(signin_failures).values(key=key, count=1, first_at=at))
    elif row.first_at + WINDOW <= at:
        conn.execute(update(signin_failures).where(signin_failures.c.key == key)
                     .values(count=1, first_at=at))
    else:
        conn.execute(update(signin_failures).where(signin_failures.c.key == key)
                     .values(count=signin_failures.c.count + 1))


def _held_by(rows: list[object]) -> User:
    """The user of rows of _SESSION_USER or _TOKEN_USER (one per position held)."""
    r: object = rows[0]
    positions = tuple(x.position for x in rows if x.position is not None)  # type: ignore[attr-defined]
    return User(r.id, r.name, r.full_name, bool(r.admin), bool(r.disabled),  # type: ignore[attr-defined]
                positions)
