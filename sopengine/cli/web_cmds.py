"""`sopengine user` (accounts: add the first admin and others, list, disable or
enable, change a password or the positions held, make an API token) and
`sopengine serve` (the office web app under uvicorn)."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from sopengine.account_words import account_error
from sopengine.cli import params
from sopengine.cli.messages import word
from sopengine.cli.output import reason
from sopengine.cli.params import open_store
from sopengine.errors import AccountError, SopFileError
from sopengine.runtime.accounts import Accounts, User

db_option = click.option("--db", envvar="SOPENGINE_DB", metavar="PATH|URL",
                         help="Database: a SQLite file or a URL (postgresql+psycopg://...). "
                         "Default: $SOPENGINE_DB, else sopengine.db in the user data directory.")
lang_option = params.lang_option("Language of the messages.")
password_option = click.option("--password-stdin", is_flag=True, help="Read the password "
                               "from standard input (one line) instead of asking.")

#: What the commands print: key -> (Indonesian, English).
SAID: dict[str, tuple[str, str]] = {
    "created": ("{role} '{name}' dibuat; jabatan: {positions}",
                "{role} '{name}' created; positions: {positions}"),
    "admin": ("admin", "admin"), "user": ("pengguna", "user"),
    "disabled": ("pengguna '{name}' dinonaktifkan: tidak dapat masuk lagi",
                 "user '{name}' disabled: can no longer sign in"),
    "enabled": ("pengguna '{name}' diaktifkan kembali", "user '{name}' enabled again"),
    "password": ("kata sandi pengguna '{name}' diganti", "the password of '{name}' changed"),
    "positions": ("jabatan pengguna '{name}': {positions}",
                  "positions of '{name}': {positions}"),
    "none": ("belum ada pengguna; buat admin pertama dengan `sopengine user add NAMA --admin`",
             "no users yet; make the first admin with `sopengine user add NAME --admin`"),
    "head": ("NAMA\tNAMA LENGKAP\tPERAN\tSTATUS\tJABATAN",
             "NAME\tFULL NAME\tROLE\tSTATUS\tPOSITIONS"),
    "active": ("aktif", "active"), "off": ("nonaktif", "disabled"),
    "ask": ("Kata sandi: ", "Password: "), "again": ("Ulangi kata sandi: ", "Repeat it: "),
}


def say(key: str, lang: str, **values: object) -> str:
    return SAID[key][0 if lang == "id" else 1].format(**values)


@contextmanager
def in_language(lang: str) -> Iterator[None]:
    """Account errors raised inside, in ``lang`` (main prints them: exit status 3)."""
    try:
        yield
    except AccountError as exc:
        if lang != "id":
            raise
        raise AccountError(account_error(str(exc), lang)) from None


def accounts_of(db: str | None, *, create: bool = False, lang: str = "id") -> Accounts:
    return Accounts(open_store(db, create=create, lang=lang))


@click.group()
def user() -> None:
    """User accounts of the web app."""


def _read_password(from_stdin: bool, lang: str) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(say("ask", lang))
    if getpass.getpass(say("again", lang)) != first:
        raise AccountError("the two passwords differ")
    return first


def _positions_text(found: User) -> str:
    return ", ".join(found.positions) or "-"


@user.command("add")
@click.argument("name")
@click.option("--admin", is_flag=True, help="May manage users (and publish SOPs).")
@click.option("--position", "positions", multiple=True, metavar="P",
              help="A position (jabatan) the user holds, as the SOPs name it (repeatable).")
@click.option("--full-name", help="The name shown in histories (default: NAME).")
@password_option
@db_option
@lang_option
def user_add(name: str, admin: bool, positions: tuple[str, ...], full_name: str | None,
             password_stdin: bool, db: str | None, lang: str) -> None:
    """Create a user; the password is asked (never echoed) or read with --password-stdin."""
    with in_language(lang):
        accounts = accounts_of(db, create=True, lang=lang)
        try:
            accounts.get(name)
        except AccountError:
            pass
        else:
            raise AccountError(f"a user named '{name}' already exists")
        made = accounts.add(name, _read_password(password_stdin, lang), full_name=full_name,
                            admin=admin, positions=positions)
    click.echo(say("created", lang, role=say("admin" if made.admin else "user", lang),
                   name=made.name, positions=_positions_text(made)))


@user.command("list")
@db_option
@lang_option
def user_list(db: str | None, lang: str) -> None:
    """Every user: name, full name, admin or not, active or disabled, positions held."""
    found = accounts_of(db, lang=lang).all()
    if not found:
        click.echo(say("none", lang), err=True)
        return
    rows = [say("head", lang).split("\t")] + [
        [u.name, u.full_name, say("admin" if u.admin else "user", lang),
         say("off" if u.disabled else "active", lang), _positions_text(u)] for u in found]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        click.echo("  ".join([*(c.ljust(w) for c, w in zip(row, widths, strict=False)),
                              row[4]]).rstrip())


def _change(name: str, db: str | None, lang: str, act: Callable[[Accounts], Any]) -> Any:
    with in_language(lang):
        accounts = accounts_of(db, lang=lang)
        accounts.get(name)  # an unknown name is said before anything is asked
        return act(accounts)


@user.command("disable")
@click.argument("name")
@db_option
@lang_option
def user_disable(name: str, db: str | None, lang: str) -> None:
    """Disable NAME: no more signing in, sessions and API tokens stop working."""
    _change(name, db, lang, lambda accounts: accounts.set_disabled(name, True))
    click.echo(say("disabled", lang, name=name))


@user.command("enable")
@click.argument("name")
@db_option
@lang_option
def user_enable(name: str, db: str | None, lang: str) -> None:
    """Enable NAME again after `user disable`."""
    _change(name, db, lang, lambda accounts: accounts.set_disabled(name, False))
    click.echo(say("enabled", lang, name=name))


@user.command("password")
@click.argument("name")
@password_option
@db_option
@lang_option
def user_password(name: str, password_stdin: bool, db: str | None, lang: str) -> None:
    """Set NAME's password: asked (never echoed) or read with --password-stdin."""
    _change(name, db, lang, lambda accounts: accounts.set_password(
        name, _read_password(password_stdin, lang)))
    click.echo(say("password", lang, name=name))


@user.command("positions")
@click.argument("name")
@click.argument("positions", nargs=-1, metavar="[POSITION]...")
@click.option("--clear", is_flag=True, help="Hold no position at all.")
@db_option
@lang_option
def user_positions(name: str, positions: tuple[str, ...], clear: bool, db: str | None,
                   lang: str) -> None:
    """Set the positions (jabatan) NAME holds, replacing the old ones."""
    def act(accounts: Accounts) -> User:
        if not positions and not clear:
            raise AccountError("give at least one position, or --clear to hold none")
        return accounts.set_positions(name, () if clear else positions)

    changed = _change(name, db, lang, act)
    click.echo(say("positions", lang, name=name, positions=_positions_text(changed)))


@user.command("token")
@click.argument("name")
@click.option("--label", default="", help="What the token is for (kept beside its hash).")
@db_option
@lang_option
def user_token(name: str, label: str, db: str | None, lang: str) -> None:
    """Make an API token for NAME (printed once; only its hash is kept)."""
    from sopengine.runtime.signin import SignIn

    with in_language(lang):
        click.echo(SignIn(open_store(db, create=True, lang=lang)).new_token(name, label))


@click.command()
@click.argument("sops", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every network of this machine).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes (all state is in the database and the upload folder).")
@click.option("--uploads", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for output files (default: 'uploads' beside the SQLite file).")
@click.option("--max-file-mb", type=click.IntRange(1, 1024), default=10, show_default=True,
              help="Largest output file accepted.")
@click.option("--calendar", "calendar_file", envvar="SOPENGINE_CALENDAR",
              type=click.Path(path_type=Path), metavar="FILE",
              help="The office's working calendar (calendar.yaml), for due times. Default: "
              "$SOPENGINE_CALENDAR, else the calendar.yaml beside the SOPs, else "
              "Monday to Friday 07:30-15:00.")
@db_option
@lang_option
def serve(sops: Path, host: str, port: int, workers: int, uploads: Path | None,
          max_file_mb: int, calendar_file: Path | None, db: str | None, lang: str) -> None:
    """Serve the office web app for the SOPs of the directory SOPS."""
    import uvicorn

    from sopengine.web.office import open_office
    from sopengine.web.settings import Settings

    settings = Settings(sops=sops.resolve(), db=db, uploads=uploads.resolve() if uploads
                        else None, max_file_mb=max_file_mb,
                        calendar=calendar_file.resolve() if calendar_file else None)
    try:  # checks the SOPs and calendar, migrates once, makes the upload folder
        office = open_office(settings)
    except OSError as exc:  # the upload folder cannot be made (a file in its path, ...)
        raise SopFileError(f"cannot write {exc.filename}", reason(exc)) from None
    for warning in office.warnings:
        click.echo(f"{word('warning', lang)}: {office.unmatched_text(warning, lang)}",
                   err=True)
    office.signin.secret()
    office.store.close()
    os.environ.update(settings.to_env())
    where = office.store.url.split("@")[-1]  # never the password of a URL
    click.echo(f"sopengine: http://{host}:{port}/ ({len(office.sops)} SOP, "
               f"{word('database', lang)} {where})", err=True)
    uvicorn.run("sopengine.web.app:factory", factory=True, host=host, port=port,
                workers=workers, log_level="warning", proxy_headers=True,
                server_header=False)


COMMANDS = (user, serve)
