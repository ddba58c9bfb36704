"""A catalog on each backend, on a clock the test moves."""

from __future__ import annotations

import datetime as dt

import pytest

from sopengine.runtime.catalog import Catalog
from sopengine.runtime.store import Store
from tests.runtime.conftest import FakeClock, db_url, store  # noqa: F401 - fixtures

SURAT = """\
# Surat masuk: a small SOP for the catalog's tests
sop: 1
id: surat-masuk
title: Penanganan Surat Masuk
unit: Sekretariat
actors:
  camat: Camat
  staf: Staf
steps:
  - id: catat
    actor: staf
    action: Mencatat surat masuk
    time: 15
    outputs: [Surat tercatat]
  - id: disposisi
    actor: camat
    action: Memberi disposisi
    inputs: [Surat tercatat]
    time: 10
"""


def surat(*, extra_step: bool = False, title: str = "Penanganan Surat Masuk") -> str:
    text = SURAT.replace("Penanganan Surat Masuk", title)
    if extra_step:
        text += ("  - id: arsip\n    actor: staf\n    action: Mengarsipkan surat\n"
                 "    time: 5\n")
    return text


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(dt.datetime(2026, 11, 23, 8, 0))


@pytest.fixture
def catalog(store: Store, clock: FakeClock) -> Catalog:  # noqa: F811 - the fixture
    return Catalog(store, clock=clock)


def approved(catalog: Catalog, text: str, *, number: str = "800/SOP-01/2026",
             effective: dt.date | None = None) -> int:
    """Submit, verify and approve ``text``; the revision's id."""
    rev = catalog.submit(text, by="Kasubag Umum")
    catalog.verify(rev.id, by="Kabag Organisasi")
    catalog.approve(rev.id, by="Camat", number=number, effective=effective)
    return rev.id
