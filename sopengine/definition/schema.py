"""The JSON Schemas of SOP files and of the settings files beside them, generated
from the models.

schemas/sop.schema.json, book.schema.json, org.schema.json and
calendar.schema.json are these functions' output; a test fails when a committed
file is stale (`sopengine schema -o schemas/sop.schema.json`, `sopengine schema
--book -o schemas/book.schema.json`, likewise `--org` and `--calendar`).
"""

from __future__ import annotations

from typing import Any

from sopengine.definition.model import Sop


def sop_json_schema() -> dict[str, Any]:
    schema = Sop.model_json_schema()
    schema["$defs"]["Step"]["properties"]["id"].pop("default", None)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            **schema}


def book_json_schema() -> dict[str, Any]:
    from sopengine.definition.book import Book

    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            **Book.model_json_schema()}


def org_json_schema() -> dict[str, Any]:
    from sopengine.definition.org import OrgFile

    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            **OrgFile.model_json_schema()}


def calendar_json_schema() -> dict[str, Any]:
    from sopengine.definition.calendar_file import CalendarFile

    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            **CalendarFile.model_json_schema()}
