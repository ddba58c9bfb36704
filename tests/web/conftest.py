"""The web app in-process (Starlette's TestClient): an office on a temporary
SQLite database serving the seed book, with a user for each actor of
pengukuran, an admin and an outsider holding no position."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from sopengine.web.app import create_app
from sopengine.web.office import Office, open_office
from sopengine.web.settings import Settings
from tests.conftest import SOPS

PASSWORD = "rahasia-123"
PEOPLE = {  # user name: positions (pengukuran's actors, by name)
    "camat": ["Camat"], "sekretaris": ["Sekretaris"], "sektim": ["Sekretaris Tim SAKIP"],
    "tim": ["Anggota Tim SAKIP"], "luar": [],
}
CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Office]:
    settings = Settings(sops=SOPS, db=str(tmp_path / "sop.db"), uploads=tmp_path / "uploads",
                        max_file_mb=1, max_files=2)
    office = open_office(settings)
    for name, positions in PEOPLE.items():
        office.accounts.add(name, PASSWORD, full_name=f"Bapak {name.title()}",
                            positions=positions)
    office.accounts.add("admin", PASSWORD, admin=True)
    yield office
    office.store.close()


@pytest.fixture
def app(office: Office) -> Any:
    return create_app(office=office)


class Browser:
    """One person's browser: its own cookies."""

    def __init__(self, app: Any, *, raise_server_exceptions: bool = True) -> None:
        self.client = TestClient(app, follow_redirects=False,
                                 raise_server_exceptions=raise_server_exceptions)

    def csrf(self, path: str = "/masuk") -> str:
        page = self.client.get(path)
        found = CSRF.search(page.text)
        assert found, f"no CSRF token on {path}"
        return found.group(1)

    def sign_in(self, name: str, password: str = PASSWORD) -> Any:
        return self.client.post("/masuk", data={"username": name, "password": password,
                                                "csrf": self.csrf()})

    def post(self, path: str, data: dict[str, Any] | None = None, *, token_from: str = "/tugas",
             **kwargs: Any) -> Any:
        return self.client.post(path, data={"csrf": self.csrf(token_from), **(data or {})},
                                **kwargs)

    def get(self, path: str) -> Any:
        return self.client.get(path)


@pytest.fixture
def browser(app: Any) -> Any:
    def make(name: str | None = None) -> Browser:
        b = Browser(app)
        if name:
            assert b.sign_in(name).status_code == 303
        return b

    return make


def start_pengukuran(camat: Browser, title: str = "Pengukuran kinerja TW IV 2026") -> int:
    done = camat.post("/mulai/pengukuran-kinerja", {"title": title})
    assert done.status_code == 303, done.text
    return int(done.headers["location"].rsplit("/", 1)[1])


def task_path(who: Browser, step_text: str) -> str:
    """The path of the inbox task whose activity contains ``step_text``."""
    page = who.get("/tugas").text
    for href, text in re.findall(r'<a href="(/instans/\d+/tugas/\d+)">\s*<strong>(.*?)</strong>',
                                 page):
        if step_text in text:
            return str(href)
    raise AssertionError(f"no task '{step_text}' in the inbox")
