"""Numbers as the book's language writes them: a decimal comma in Indonesian."""

from __future__ import annotations


def number(value: float, lang: str, spec: str = "g") -> str:
    text = format(value, spec)
    return text.replace(".", ",") if lang == "id" else text
