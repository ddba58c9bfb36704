"""The account errors (runtime/accounts.py, raised in English) in the user's language,
for every interface: the CLI's user commands and the web app's users page."""

from __future__ import annotations

from sopengine.diagnostics_id import read_template

#: English template -> Indonesian
ERRORS: list[tuple[str, str]] = [
    ("no user named '{name}'", "tidak ada pengguna bernama '{name}' (lihat `sopengine user "
     "list`)"),
    ("a user named '{name}' already exists", "pengguna bernama '{name}' sudah ada"),
    ("the password is too short: at least {n} characters",
     "kata sandinya terlalu pendek: paling sedikit {n} karakter"),
    ("the two passwords differ", "kedua kata sandi berbeda; tidak ada yang diubah"),
    ("'{name}' is not a user name: letters, digits and . _ @ -, at most 100, starting with "
     "a letter or digit", "'{name}' bukan nama pengguna: huruf, angka dan . _ @ -, paling "
     "banyak 100 karakter, diawali huruf atau angka"),
    ("give at least one position, or --clear to hold none",
     "berikan paling sedikit satu jabatan, atau --clear agar tidak memegang jabatan apa pun"),
]



def account_error(text: str, lang: str) -> str:
    """``text``, an AccountError's message, in ``lang`` (as it is when no template reads it)."""
    if lang != "id":
        return text
    return read_template(text, ERRORS) or text
