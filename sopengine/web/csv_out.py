"""CSV downloads (the report, the instance list): cells a spreadsheet would read as a
formula (``=``, ``+``, ``-``, ``@`` before text) are quoted with ``'``, so a title or a
note typed by a user never runs as one."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from starlette.responses import Response


def csv_response(header: Sequence[str], rows: Iterable[Sequence[object]],
                 filename: str) -> Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([cell(v) for v in row] for row in rows)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def cell(value: object) -> str:
    text = "" if value is None else (f"{value:.1f}" if isinstance(value, float) else str(value))
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _number(text) else text


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
