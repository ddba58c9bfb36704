"""Did-you-mean hints."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, candidates: Iterable[str], *, what: str = "") -> str:
    """A hint naming the closest candidate, or listing the choices when few."""
    options = sorted(set(candidates))
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        folded = {c.casefold(): c for c in options}
        close = [folded[word.casefold()]] if word.casefold() in folded else []
    if close:
        return f"did you mean '{close[0]}'?"
    if what and 0 < len(options) <= 12:
        return f"known {what}: {', '.join(options)}"
    return ""
