"""The committed JSON Schema is current, and it agrees with the loader."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from sopengine.definition.collection import OFFICE_FILES
from sopengine.definition.schema import book_json_schema, sop_json_schema
from sopengine.definition.yamlsource import parse
from tests.conftest import CASES, ROOT, SOPS

COMMITTED = ROOT / "schemas" / "sop.schema.json"


def test_committed_schema_is_current() -> None:
    assert json.loads(COMMITTED.read_text()) == sop_json_schema(), (
        "schemas/sop.schema.json is stale: run `sopengine schema -o schemas/sop.schema.json`")


def _walk(node: object, path: str = "") -> list[str]:
    """Paths of object properties that carry no description."""
    missing: list[str] = []
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            if "description" not in prop:
                missing.append(f"{path}.{name}")
        for key, value in node.items():
            missing += _walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            missing += _walk(value, f"{path}[{i}]")
    return missing


def test_every_field_is_described() -> None:
    assert _walk(sop_json_schema()) == []


VALID = sorted(p for p in SOPS.glob("*.yaml") if p.name not in OFFICE_FILES) + \
    sorted((CASES / "valid").glob("*.yaml"))


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_files_pass_the_json_schema(path: Path) -> None:
    data, _ = parse(path.read_text())  # YAML 1.2 reading, as an editor's language server
    jsonschema.validate(data, sop_json_schema())


@pytest.mark.parametrize("name", ["unknown-key", "bad-duration", "missing-key", "bad-id"])
def test_schema_rejects_what_the_loader_rejects(name: str) -> None:
    data = yaml.safe_load((CASES / "invalid" / f"{name}.yaml").read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, sop_json_schema())


def test_committed_book_schema_is_current_and_the_book_file_passes_it() -> None:
    committed = json.loads((ROOT / "schemas" / "book.schema.json").read_text())
    assert committed == book_json_schema(), (
        "schemas/book.schema.json is stale: run `sopengine schema --book -o "
        "schemas/book.schema.json`")
    assert _walk(committed) == []
    data, _ = parse((SOPS / "book.yaml").read_text())
    jsonschema.validate(data, committed)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "rows_per_pages": 3}, committed)
