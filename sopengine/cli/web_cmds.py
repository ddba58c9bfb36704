"""`sopengine user add` (accounts, the first admin among them) and `sopengine serve`
(the office web app under uvicorn)."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

import click

from sopengine.cli.params import open_store
from sopengine.errors import AccountError
from sopengine.runtime.accounts import Accounts

db_option = click.option("--db", envvar="SOPENGINE_DB", metavar="PATH|URL",
                         help="Database: a SQLite file or a URL (postgresql+psycopg://...). "
                         "Default: $SOPENGINE_DB, else sopengine.db in the user data directory.")


@click.group()
def user() -> None:
    """User accounts of the web app."""


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Kata sandi / password: ")
    if getpass.getpass("Ulangi / repeat: ") != first:
        raise AccountError("the two passwords differ")
    return first


@user.command("add")
@click.argument("name")
@click.option("--admin", is_flag=True, help="May manage users (and publish SOPs).")
@click.option("--position", "positions", multiple=True, metavar="P",
              help="A position (jabatan) the user holds, as the SOPs name it (repeatable).")
@click.option("--full-name", help="The name shown in histories (default: NAME).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input "
              "(one line) instead of asking.")
@db_option
def user_add(name: str, admin: bool, positions: tuple[str, ...], full_name: str | None,
             password_stdin: bool, db: str | None) -> None:
    """Create a user; the password is asked (never echoed) or read with --password-stdin."""
    store = open_store(db, create=True)
    accounts = Accounts(store)
    try:
        accounts.get(name)
    except AccountError:
        pass
    else:
        raise AccountError(f"a user named '{name}' already exists")
    made = accounts.add(name, _read_password(password_stdin), full_name=full_name,
                        admin=admin, positions=positions)
    role = "admin" if made.admin else "user"
    click.echo(f"{role} '{made.name}' created; positions: {', '.join(made.positions) or '-'}")


@user.command("token")
@click.argument("name")
@click.option("--label", default="", help="What the token is for (kept beside its hash).")
@db_option
def user_token(name: str, label: str, db: str | None) -> None:
    """Make an API token for NAME (printed once; only its hash is kept)."""
    from sopengine.runtime.signin import SignIn

    click.echo(SignIn(open_store(db, create=True)).new_token(name, label))


@click.command()
@click.argument("sops", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
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
def serve(sops: Path, host: str, port: int, workers: int, uploads: Path | None,
          max_file_mb: int, calendar_file: Path | None, db: str | None) -> None:
    """Serve the office web app for the SOPs of the directory SOPS."""
    import uvicorn

    from sopengine.web.office import open_office
    from sopengine.web.settings import Settings

    settings = Settings(sops=sops.resolve(), db=db, uploads=uploads.resolve() if uploads
                        else None, max_file_mb=max_file_mb,
                        calendar=calendar_file.resolve() if calendar_file else None)
    office = open_office(settings)  # checks the SOPs and calendar, migrates once, before workers
    for warning in office.warnings:
        click.echo(f"warning: {warning}", err=True)
    office.signin.secret()
    office.store.close()
    os.environ.update(settings.to_env())
    click.echo(f"sopengine: http://{host}:{port}/ ({len(office.sops)} SOPs, "
               f"database {office.store.url.split('@')[-1]})", err=True)
    uvicorn.run("sopengine.web.app:factory", factory=True, host=host, port=port,
                workers=workers, log_level="warning", proxy_headers=True,
                server_header=False)


COMMANDS = (user, serve)
