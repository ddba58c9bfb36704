"""National holidays and cuti bersama, from the maintained ``holidays`` library.

For Indonesia (``ID``) its ``public`` category holds the national holidays and
its ``government`` category the joint leave days (cuti bersama) the government
sets each year. The library is imported on first use: reading and validating
SOPs never pays for it.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache


@lru_cache(maxsize=1024)
def closed_days(country: str, year: int, cuti_bersama: bool = True) -> frozenset[dt.date]:
    """The year's national holidays of ``country`` (and its cuti bersama)."""
    import holidays

    categories = ("public", "government") if cuti_bersama else ("public",)
    return frozenset(holidays.country_holidays(country, years=year, categories=categories))


@lru_cache(maxsize=64)
def known_years(country: str) -> range:
    """The years the library knows for ``country`` (it has no holidays outside them)."""
    import holidays

    found = holidays.country_holidays(country)
    return range(found.start_year, found.end_year + 1)


def is_known(country: str) -> bool:
    """Whether the library has the country's holidays."""
    import holidays

    try:
        holidays.country_holidays(country)
    except NotImplementedError:
        return False
    return True
