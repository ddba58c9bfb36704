"""The JSON Schema of SOP files, generated from the models.

schemas/sop.schema.json is this function's output; a test fails when the
committed file is stale (`sopengine schema -o schemas/sop.schema.json`).
"""

from __future__ import annotations

from typing import Any

from sopengine.definition.model import Sop


def sop_json_schema() -> dict[str, Any]:
    schema = Sop.model_json_schema()
    schema["$defs"]["Step"]["properties"]["id"].pop("default", None)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            **schema}
