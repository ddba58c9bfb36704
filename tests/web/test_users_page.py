"""The users page tells an admin what was wrong in the page's language."""

from __future__ import annotations

from typing import Any


def test_a_refused_account_is_explained_in_indonesian_and_english(browser: Any) -> None:
    admin = browser("admin")
    short = admin.post("/pengguna", {"username": "baru", "password": "pendek"},
                       token_from="/pengguna")
    assert short.status_code == 400
    assert "kata sandinya terlalu pendek: paling sedikit" in short.text
    taken = admin.post("/pengguna", {"username": "camat", "password": "rahasia-panjang-1"},
                       token_from="/pengguna")
    assert "pengguna bernama &#39;camat&#39; sudah ada" in taken.text
    admin.client.cookies.set("lang", "en")
    english = admin.post("/pengguna", {"username": "baru", "password": "pendek"},
                         token_from="/pengguna")
    assert "the password is too short" in english.text
