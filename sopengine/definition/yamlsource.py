"""Safe YAML -> plain data plus the position of every node.

PyYAML's loaders lose positions, keep the last of two duplicate keys and read
``yes``/``no``/``on``/``off`` as booleans. Here the C parser composes the node
tree (fast, no object construction) and a small walk builds the data:

* only the core tags (str, int, float, bool, null, timestamp, seq, map, merge);
* mapping keys always stay the text the author wrote (``yes:`` stays "yes");
* booleans only from ``true``/``false``; timestamps stay text (pydantic parses them);
* duplicate keys are errors, not silently dropped;
* alias expansion, nesting depth and file size are bounded, so an alias bomb
  or a huge file costs bounded time and memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from sopengine.diagnostics import Diagnostic, Loc, make

try:  # the libyaml parser; the pure-Python one is a slower fallback
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_BYTES = 1 << 20  # 1 MiB: an SOP of a thousand steps is well under this
MAX_NODES = 200_000  # nodes visited, aliases counted at every use
MAX_DEPTH = 64

_T = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_T + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


@dataclass(frozen=True, slots=True)
class Pos:
    """A 1-based line and column."""

    line: int
    column: int


@dataclass
class SourceMap:
    """Where each node of the document sits: ``loc`` -> position of its value or key."""

    values: dict[Loc, Pos] = field(default_factory=dict)
    keys: dict[Loc, Pos] = field(default_factory=dict)

    def value(self, loc: Loc) -> Pos:
        """The value's position, or the nearest enclosing node's when it is absent."""
        while loc not in self.values and loc:
            loc = loc[:-1]
        return self.values.get(loc, Pos(1, 1))

    def key(self, loc: Loc) -> Pos:
        """The key's position (for mapping entries), else the value's."""
        return self.keys.get(loc) or self.value(loc)


class YamlProblem(Exception):
    """Raised inside the walk; carries the diagnostic (with its position)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _at(code: str, message: str, mark: Any, *, hint: str = "", loc: Loc = ()) -> YamlProblem:
    diag = make(code, message, hint=hint, loc=loc)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    return YamlProblem(_replace_pos(diag, line, col))


def _replace_pos(diag: Diagnostic, line: int, column: int) -> Diagnostic:
    return replace(diag, line=line, column=column)


def decode(raw: bytes) -> str:
    """UTF-8 text of ``raw`` (a BOM is dropped); raises YamlProblem at the first bad byte."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(make(
            "file-too-large",
            f"the file is {len(raw):,} bytes; an SOP file may be at most {MAX_BYTES:,}",
            hint="split the procedure into several SOPs and link them with `related`",
        ))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        diag = make(
            "not-utf8",
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
            hint="save the file as UTF-8 (in most editors: Save with Encoding -> UTF-8)",
        )
        raise YamlProblem(_replace_pos(diag, line, column)) from None


def parse(text: str) -> tuple[Any, SourceMap]:
    """Parse one YAML document into plain data and its SourceMap.

    Raises YamlProblem for anything that is not a single well-formed document.
    """
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc) from None
    except yaml.YAMLError as exc:  # ReaderError: a control character, say
        raise _at("yaml-syntax", _yaml_message(exc), getattr(exc, "mark", None)) from None
    except RecursionError:
        raise YamlProblem(make("document-too-deep", "the document is nested too deeply")) from None
    if root is None:
        raise YamlProblem(make(
            "empty-file", "the file holds no YAML document",
            hint="start from the example in docs/format.md",
        ))
    walker = _Walker()
    data = walker.build(root, (), 0)
    return data, walker.source


def _syntax_problem(exc: yaml.MarkedYAMLError) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    return _at("yaml-syntax", _yaml_message(exc), mark,
               hint="check the indentation and the punctuation just before this point")


def _yaml_message(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    return f"{problem} ({context})" if context else str(problem)


class _Walker:
    """Builds plain data from composed nodes, recording positions as it goes."""

    def __init__(self) -> None:
        self.source = SourceMap()
        self.visited = 0

    def build(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise _at("document-too-large",
                      f"the document expands to more than {MAX_NODES:,} nodes",
                      node.start_mark, hint="remove the repeated aliases (*name)", loc=loc)
        if depth > MAX_DEPTH:
            raise _at("document-too-deep", f"nesting deeper than {MAX_DEPTH} levels",
                      node.start_mark, loc=loc)
        self.source.values.setdefault(loc, Pos(node.start_mark.line + 1,
                                               node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            _check_tag(node, _T + "seq", loc)
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        return _scalar(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        _check_tag(node, _T + "map", loc)
        out: dict[str, Any] = {}
        first_seen: dict[str, Any] = {}
        merged: list[yaml.MappingNode] = []
        for key_node, value_node in node.value:
            if key_node.tag == _T + "merge":
                merged.extend(_merge_sources(value_node, loc))
                continue
            key = self._key(key_node, loc)
            if key in first_seen:
                first = first_seen[key]
                raise _at("duplicate-key",
                          f"key '{key}' appears twice in this mapping "
                          f"(first at line {first.line + 1})",
                          key_node.start_mark, loc=(*loc, key),
                          hint="keep one of them; YAML readers would silently drop the first")
            first_seen[key] = key_node.start_mark
            self.source.keys[(*loc, key)] = Pos(key_node.start_mark.line + 1,
                                                key_node.start_mark.column + 1)
            out[key] = self.build(value_node, (*loc, key), depth + 1)
        for source in merged:  # explicit keys win over merged ones, as YAML says
            for key, value in self._mapping(source, loc, depth).items():
                out.setdefault(key, value)
        return out

    def _key(self, node: yaml.Node, loc: Loc) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise _at("wrong-type", "a mapping key must be plain text, not a list or mapping",
                      node.start_mark, loc=loc)
        _check_tag(node, None, loc)
        return str(node.value)


def _merge_sources(node: yaml.Node, loc: Loc) -> list[yaml.MappingNode]:
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for item in items:
        if not isinstance(item, yaml.MappingNode):
            raise _at("wrong-type", "'<<' must merge a mapping or a list of mappings",
                      item.start_mark, loc=loc)
    return list(items)


def _check_tag(node: yaml.Node, expected: str | None, loc: Loc) -> None:
    ok = node.tag == expected if expected else node.tag in _SCALAR_TAGS
    if not ok:
        raise _at("unsupported-tag", f"the YAML tag '{node.tag}' is not allowed in an SOP file",
                  node.start_mark, loc=loc, hint="remove the tag; plain YAML values suffice")


def _scalar(node: yaml.ScalarNode, loc: Loc) -> Any:
    _check_tag(node, None, loc)
    tag, text = node.tag, node.value
    if tag in (_T + "str", _T + "timestamp"):
        return text
    if tag == _T + "bool":  # YAML 1.2: only true/false are booleans
        low = text.lower()
        return (low == "true") if low in ("true", "false") else text
    if tag == _T + "int" and ":" in text:  # YAML 1.1 sexagesimal (1:30): keep the text
        return text
    try:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    except (ValueError, yaml.YAMLError):
        return text
