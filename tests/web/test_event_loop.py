"""The event loop reads no database: every page's session lookup, nav bar count and
the work of a completion, a start, a cancel, an error page or a refused sign-in run
in a worker thread, so one slow read does not stall every other request."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from tests.web.conftest import PASSWORD, start_pengukuran, task_path

WORKER = "AnyIO worker thread"


@pytest.fixture
def threads(office: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of the thread of every database access of the office's store."""
    seen: list[str] = []

    def traced(method: Callable[[], Any]) -> Callable[[], Any]:
        @contextmanager
        def wrapper() -> Iterator[Any]:
            seen.append(threading.current_thread().name)
            with method() as conn:
                yield conn
        return wrapper

    for name in ("reading", "raw_reading", "transaction", "raw_transaction"):
        monkeypatch.setattr(office.store, name, traced(getattr(office.store, name)))
    return seen


def test_no_page_reads_the_database_on_the_event_loop(browser: Any, threads: list[str]) -> None:
    camat, outsider = browser("camat"), browser("luar")
    instance = start_pengukuran(camat)
    path = task_path(camat, "memerintahkan")
    assert camat.post(path, token_from=path).status_code == 303
    assert camat.post(path, token_from=path).status_code == 409  # done already: the page
    assert camat.get(f"/instans/{instance}/gantt.svg").status_code == 200
    assert camat.get("/instans/999999").status_code == 404  # an error page
    assert outsider.post(path, token_from="/tugas").status_code == 403  # not theirs
    refused = browser().sign_in("camat", "salah")
    assert refused.status_code != 303
    admin = browser("admin")
    assert admin.post("/pengguna", {"username": "", "password": "x"},
                      token_from="/pengguna").status_code == 400
    assert camat.post(f"/instans/{instance}/batal", token_from=f"/instans/{instance}"
                      ).status_code == 303
    assert threads, "no database access was seen"
    assert sorted({t for t in threads if not t.startswith(WORKER)}) == []


def test_the_catalog_reads_the_database_off_the_event_loop(office: Any, browser: Any,
                                                           threads: list[str]) -> None:
    """Uploading an SOP (refused, invalid, submitted) and moving a revision (refused,
    done) touch the database in a worker thread only."""
    from tests.catalog.conftest import surat
    from tests.web.test_catalog_pages import TEAM, move, upload

    for name, positions in TEAM.items():
        office.accounts.add(name, PASSWORD, positions=positions)
    threads.clear()  # the accounts made here, by the test itself
    unit, org, outsider = browser("unit"), browser("org"), browser("luar")
    assert upload(outsider, "surat.yaml", surat().encode()).status_code == 403
    assert upload(unit, "surat.yaml", b"steps: [").status_code == 422
    done = upload(unit, "surat.yaml", surat().encode())
    assert done.status_code == 303
    rid = int(done.headers["location"].rsplit("/", 1)[1])
    assert move(outsider, rid, "verify").status_code == 403
    assert move(org, rid, "return").status_code == 409  # a return needs its note
    assert move(org, rid, "verify").status_code == 303
    assert threads, "no database access was seen"
    assert sorted({t for t in threads if not t.startswith(WORKER)}) == []
