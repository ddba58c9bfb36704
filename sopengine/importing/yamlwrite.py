"""SOP data to YAML text, with ``# CHECK:`` comments above the keys they concern.

PyYAML writes no comments, so the block structure is written here and each
scalar is quoted by PyYAML (a value that looks like a number, a date or a
boolean stays text).
"""

from __future__ import annotations

from typing import Any

import yaml

Path = tuple[str | int, ...]

HEADER = ("# yaml-language-server: $schema=../schemas/sop.schema.json\n"
          "# Imported by `sopengine import` from {source}. Every `# CHECK:` comment marks\n"
          "# something the document did not say for certain: check it, then delete the comment.\n")


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    text = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True)
    return text.removesuffix("\n...\n").strip()


def to_yaml(data: dict[str, Any], comments: dict[Path, list[str]], source: str) -> str:
    out = [HEADER.format(source=source)]
    _mapping(data, (), 0, comments, out)
    unplaced = [c for p, cs in comments.items() if not _placed(p, data) for c in cs]
    if unplaced:
        out.insert(1, "".join(f"# {c}\n" for c in unplaced))
    return "".join(out)


def _placed(path: Path, data: Any) -> bool:
    node = data
    for key in path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return False
    return True


def _comment(path: Path, indent: int, comments: dict[Path, list[str]], out: list[str]) -> None:
    for text in comments.get(path, []):
        out.append(f"{' ' * indent}# {text}\n")


def _mapping(data: dict[str, Any], path: Path, indent: int, comments: dict[Path, list[str]],
             out: list[str], first_prefix: str = "") -> None:
    pad = " " * indent
    for n, (key, value) in enumerate(data.items()):
        _comment((*path, key), indent, comments, out)
        lead = first_prefix if n == 0 and first_prefix else pad
        head = f"{lead}{scalar(key)}:"
        if isinstance(value, dict) and value:
            out.append(head + "\n")
            _mapping(value, (*path, key), indent + 2, comments, out)
        elif isinstance(value, list) and value and not all(_short(v) for v in value):
            out.append(head + "\n")
            _sequence(value, (*path, key), indent + 2, comments, out)
        else:
            out.append(f"{head} {_flow(value)}\n")


def _short(value: Any) -> bool:
    return isinstance(value, str | int | float) and len(str(value)) <= 30


def _flow(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {scalar(v)}" for k, v in value.items()) + "}"
    return scalar(value)


def _sequence(items: list[Any], path: Path, indent: int, comments: dict[Path, list[str]],
              out: list[str]) -> None:
    pad = " " * indent
    for n, item in enumerate(items):
        _comment((*path, n), indent, comments, out)
        if isinstance(item, dict) and item:
            _mapping(item, (*path, n), indent + 2, comments, out, first_prefix=f"{pad}- ")
        else:
            out.append(f"{pad}- {_flow(item)}\n")
