"""The identity page (halaman identitas): labels to the format's top-level keys."""

from __future__ import annotations

import re
from typing import Any

from sopengine.importing.grid import Warning

_LISTS = (
    ("legal_basis", re.compile(r"^dasar\s+hukum")),
    ("qualifications", re.compile(r"^kualifikasi")),
    ("related", re.compile(r"^keterkaitan")),
    ("equipment", re.compile(r"^peralatan")),
    ("warnings", re.compile(r"^peringatan")),
    ("records", re.compile(r"^pencatatan")),
)
_FIELDS = (
    ("number", re.compile(r"^no(mor|\.)?\s*sop")),
    ("created", re.compile(r"^tanggal\s+pembuatan|^tgl\.?\s+pembuatan")),
    ("revised", re.compile(r"^tanggal\s+revisi|^tgl\.?\s+revisi")),
    ("effective", re.compile(r"^tanggal\s+efektif|^tgl\.?\s+efektif")),
    ("approved_by", re.compile(r"^disahkan")),
    ("title", re.compile(r"^nama\s+sop")),
    ("unit", re.compile(r"^(unit|satuan)\s+kerja|^unit\b")),
)
_MONTHS = {m: i + 1 for i, m in enumerate(
    ["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
     "september", "oktober", "november", "desember"])}
_ITEM = re.compile(r"^\s*(?:\d+[.)]|[a-z][.)]|[-•*–])\s*", re.IGNORECASE)
_NIP = re.compile(r"NIP\.?\s*:?\s*([\d ]{18,})", re.IGNORECASE)


def key_of(label: str) -> str | None:
    text = " ".join(label.split()).lower()
    for key, pattern in (*_LISTS, *_FIELDS):
        if pattern.search(text):
            return key
    return None


def items(text: str) -> list[str]:
    """A list cell as items: numbered, bulleted, or one item a line."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        return []
    if not any(_ITEM.match(ln) for ln in lines):
        return [" ".join(lines)] if len(lines) > 1 and _continues(lines) else lines
    out: list[str] = []
    for line in lines:
        if _ITEM.match(line) or not out:
            out.append(_ITEM.sub("", line, count=1))
        else:
            out[-1] = f"{out[-1]} {line}"
    from sopengine.importing.columns import join_lines
    return [join_lines(i.replace(" ", "\n")) for i in out if i.strip()]


def _continues(lines: list[str]) -> bool:
    """Lines of one wrapped sentence: each but the first starts in lower case."""
    return all(ln[:1].islower() for ln in lines[1:])


def iso_date(text: str) -> str | None:
    text = " ".join(text.split()).lower()
    if m := re.match(r"^(\d{4})-(\d{2})-(\d{2})$", text):
        return text
    if m := re.match(r"^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$", text):
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    if (m := re.match(r"^(\d{1,2})\s+([a-z]+)\s+(\d{4})$", text)) and m.group(2) in _MONTHS:
        return f"{m.group(3)}-{_MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}"
    return None


def approver(text: str) -> dict[str, str] | None:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    nip = next((_NIP.search(ln) for ln in lines if _NIP.search(ln)), None)
    rest = [ln for ln in lines if not _NIP.search(ln)]
    if not rest:
        return None
    out = {"position": rest[0]}
    if len(rest) > 1:
        out["name"] = rest[-1]
    if nip:
        out["nip"] = " ".join(nip.group(1).split())
    return out


def identity_data(fields: dict[str, str], where: dict[str, str],
                  lang: str) -> tuple[dict[str, Any], list[Warning]]:
    """Top-level SOP data from label -> text, and what could not be read."""
    from sopengine.importing.messages import message

    data: dict[str, Any] = {}
    dates: dict[str, str] = {}
    problems: list[Warning] = []
    for label, text in fields.items():
        key = key_of(label)
        if key is None or not text.strip():
            continue
        if key in ("created", "revised", "effective"):
            if (iso := iso_date(text)) is None:
                problems.append(Warning(where.get(label, label),
                                        message("bad-date", lang, value=text.strip()),
                                        ("dates", key)))
            else:
                dates[key] = iso
        elif key == "approved_by":
            if found := approver(text):
                data[key] = found
        elif key in ("number", "title", "unit"):
            data[key] = " ".join(text.split())
        else:
            data[key] = items(text)
    if dates:
        data["dates"] = dates
    return data, problems
