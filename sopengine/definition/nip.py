"""NIP (Nomor Induk Pegawai): the 18-digit number of an Indonesian civil servant.

Layout, grouped 8-6-1-3 as printed ("19671020 199303 1 009"): date of birth
YYYYMMDD, month of appointment YYYYMM, gender (1 man, 2 woman), serial number.
"""

from __future__ import annotations

import datetime as dt


def nip_problem(nip: str) -> str | None:
    """Why ``nip`` is not a valid NIP, or None when it is."""
    digits = nip.replace(" ", "")
    if not digits.isdigit() or len(digits) != 18:
        return f"a NIP has 18 digits (spaces allowed), got {len(digits)} characters"
    try:
        born = dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return f"the first 8 digits '{digits[:8]}' are not a valid date of birth (YYYYMMDD)"
    year, month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= month <= 12:
        return f"digits 9-14 '{digits[8:14]}' are not a valid start month (YYYYMM)"
    if (year, month) < (born.year + 15, born.month):
        return (f"the start month {digits[8:14]} is before the holder could have been "
                f"appointed (born {born:%Y-%m-%d})")
    if digits[14] not in "12":
        return f"digit 15 is the gender (1 or 2), got '{digits[14]}'"
    return None


def format_nip(nip: str) -> str:
    """Group a NIP 8-6-1-3 as the book prints it."""
    d = nip.replace(" ", "")
    return f"{d[:8]} {d[8:14]} {d[14]} {d[15:]}" if len(d) == 18 else nip
