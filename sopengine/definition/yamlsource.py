"""Safe YAML -> plain data plus the position of every node.

PyYAML's loaders lose positions, keep the last of two duplicate keys and read
``yes``/``no``/``on``/``off`` as booleans; its C composer also recurses once per
nesting level, so ``[[[[...`` a hundred thousand deep crashes the process. Here
libyaml's parser (iterative) produces events and one loop builds the data
directly, with an explicit stack:

* only the core tags (str, int, float, bool, null, timestamp, seq, map, merge);
* mapping keys always stay the text the author wrote (``yes:`` stays "yes");
* booleans only from ``true``/``false``; timestamps stay text (pydantic parses them);
* duplicate keys are errors, not silently dropped;
* an alias shares the anchored value (nothing is copied or walked again), and the
  size aliases would add, the nesting depth and the file size are bounded, so an
  alias bomb or a huge file costs bounded time and memory. Nodes written out are
  bounded by the file size alone: any file within it that uses no alias loads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from sopengine.diagnostics import Diagnostic, Loc, make

try:  # the libyaml parser; the pure-Python one is a slower fallback
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_BYTES = 1 << 20  # 1 MiB: an SOP of a thousand steps is well under this
MAX_ALIAS_NODES = 200_000  # nodes aliases add, each use counting its value's size
MAX_DEPTH = 64

_T = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_T + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_RESOLVER = yaml.resolver.Resolver()


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def source_lines(text: str) -> list[str]:
    """The lines of ``text`` as YAML counts them (its positions refer to these)."""
    return _LINE_BREAK.split(text)


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
            f"the file is larger than {MAX_BYTES:,} bytes, the most an SOP file may have",
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
    builder = _Builder()
    loader = _Loader(text)
    feed, next_event = builder.feed, loader.get_event  # no generator between them
    try:
        while (event := next_event()) is not None:  # None after the stream's end
            feed(event)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc) from None
    except yaml.reader.ReaderError as exc:  # a control character written as it is
        raise _reader_problem(text, exc) from None
    except yaml.YAMLError as exc:
        raise _at("yaml-syntax", _yaml_message(exc), getattr(exc, "mark", None)) from None
    finally:
        loader.dispose()
    if not builder.done:
        raise YamlProblem(make(
            "empty-file", "the file holds no YAML document",
            hint="start from the example in docs/format.md",
        ))
    return builder.root, builder.source


def _reader_problem(text: str, exc: yaml.reader.ReaderError) -> YamlProblem:
    """The reader's refusal of a character, located (it gives only an offset)."""
    position = max(0, min(exc.position, len(text)))
    before = source_lines(text[:position])
    char = exc.character if isinstance(exc.character, str) else chr(exc.character)
    diag = make("control-character",
                f"the control character U+{ord(char):04X} cannot be printed or drawn",
                hint="remove it (text pasted from a word processor may carry it) or "
                "write the character you meant")
    return YamlProblem(_replace_pos(diag, len(before), len(before[-1]) + 1))


def _syntax_problem(exc: yaml.MarkedYAMLError) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    return _at("yaml-syntax", _yaml_message(exc), mark,
               hint="check the indentation and the punctuation just before this point")


def _yaml_message(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    cmark = getattr(exc, "context_mark", None)
    pmark = getattr(exc, "problem_mark", None)
    if context and cmark is not None and pmark is not None and cmark.line != pmark.line:
        context = f"{context} that starts at line {cmark.line + 1}"
    return f"{problem} ({context})" if context else str(problem)


@dataclass
class _Frame:
    """A mapping or sequence being built."""

    value: Any  # the dict or list
    loc: Loc
    anchor: str | None
    size: int = 1
    key: str | None = None  # a mapping's key awaiting its value
    key_mark: Any = None
    first_seen: dict[str, Any] = field(default_factory=dict)
    merges: list[dict[str, Any]] = field(default_factory=list)
    merging: bool = False  # the pending key is '<<'


# the events of nearly every call to feed, bound once (not looked up in yaml each time)
_SCALAR, _MAPPING, _SEQUENCE = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAPPING_END, _SEQUENCE_END = yaml.MappingEndEvent, yaml.SequenceEndEvent


class _Builder:
    """Turns parser events into data, positions and anchors, one event at a time."""

    def __init__(self) -> None:
        self.source = SourceMap()
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.aliased = 0  # nodes the aliases add when each is expanded
        self.root: Any = None
        self.done = False

    def feed(self, event: yaml.Event) -> None:
        kind = type(event)
        if kind is _SCALAR:
            stack = self.stack
            top = stack[-1] if stack else None
            if top is not None and top.key is None and not top.merging \
                    and type(top.value) is dict:
                self._key(top, event)  # keys stay text: no tag resolution needed
            else:
                self._add(_scalar(event, self._child_loc()), event, 1, event.anchor)
        elif kind is _MAPPING or kind is _SEQUENCE:
            self._open(event, kind is _MAPPING)
        elif kind is _MAPPING_END or kind is _SEQUENCE_END:
            self._close()
        elif kind is yaml.AliasEvent:
            self._alias(event)
        elif kind is yaml.DocumentStartEvent and self.done:
            raise _at("yaml-syntax", "the file holds more than one YAML document ('---')",
                      event.start_mark, hint="keep one SOP per file")

    def _child_loc(self) -> Loc:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            return (*top.loc, len(top.value))
        return (*top.loc, top.key) if top.key is not None else top.loc

    def _open(self, event: Any, mapping: bool) -> None:
        loc = self._child_loc()
        if len(self.stack) >= MAX_DEPTH:
            raise _at("document-too-deep", f"nesting deeper than {MAX_DEPTH} levels",
                      event.start_mark, loc=loc)
        if event.tag not in (None, "!"):
            _check_tag(event.tag, _T + ("map" if mapping else "seq"), event.start_mark, loc)
        if self.stack and self._awaiting_key():
            raise _at("wrong-type", "a mapping key must be plain text, not a list or mapping",
                      event.start_mark, loc=loc)
        self._record(loc, event.start_mark)
        if event.anchor:
            self.open_anchors.add(event.anchor)
        self.stack.append(_Frame({} if mapping else [], loc, event.anchor))

    def _close(self) -> None:
        frame = self.stack.pop()
        for merged in frame.merges:  # explicit keys win over merged ones, as YAML says
            for key, value in merged.items():
                frame.value.setdefault(key, value)
        if frame.anchor:
            self.open_anchors.discard(frame.anchor)
        self._add(frame.value, None, frame.size, frame.anchor, recorded=True)

    def _alias(self, event: Any) -> None:
        name = event.anchor
        if name not in self.anchors:
            why = "its own value" if name in self.open_anchors else "no anchor before it"
            raise _at("yaml-syntax", f"alias '*{name}' refers to {why}", event.start_mark,
                      hint=f"define '&{name}' on a complete value before using '*{name}'")
        value, size = self.anchors[name]
        self.aliased += size
        if self.aliased > MAX_ALIAS_NODES:
            self._too_large()
        self._add(value, event, size, None)

    def _awaiting_key(self) -> bool:
        top = self.stack[-1]
        return isinstance(top.value, dict) and top.key is None and not top.merging

    def _add(self, value: Any, event: Any, size: int, anchor: str | None,
             recorded: bool = False) -> None:
        if anchor:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            if event is not None and not recorded:
                self._record((), event.start_mark)
            self.root, self.done = value, True
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.value, list):
            if not recorded:
                self._record((*top.loc, len(top.value)), event.start_mark)
            top.value.append(value)
        elif top.merging:
            top.merges.extend(_merge_sources(value, event, top.loc))
            top.merging = False
        elif top.key is None:  # a mapping, alias or tagged value used as a key
            raise _at("wrong-type", "a mapping key must be plain text, not a list or mapping",
                      getattr(event, "start_mark", None), loc=top.loc)
        else:
            if not recorded:
                self._record((*top.loc, top.key), event.start_mark)
            top.value[top.key] = value
            top.key = None

    def _key(self, top: _Frame, event: Any) -> None:
        if event.tag not in (None, "!"):
            _check_tag(event.tag, None, event.start_mark, top.loc)
        if event.anchor:  # an anchored key could be aliased as a value: keep it simple
            self.anchors[event.anchor] = (event.value, 1)
        if event.value == "<<" and event.implicit[0]:
            top.merging = True
            return
        key = str(event.value)  # the text as written: `yes:` stays "yes"
        if event.style == '"':
            check_characters(key, event.start_mark, (*top.loc, key))
        if key in top.first_seen:
            raise _at("duplicate-key",
                      f"key '{key}' appears twice in this mapping "
                      f"(first at line {top.first_seen[key].line + 1})",
                      event.start_mark, loc=(*top.loc, key),
                      hint="keep one of them; YAML readers would silently drop the first")
        top.first_seen[key] = event.start_mark
        self.source.keys[(*top.loc, key)] = Pos(event.start_mark.line + 1,
                                                event.start_mark.column + 1)
        top.key = key

    def _record(self, loc: Loc, mark: Any) -> None:
        self.source.values.setdefault(loc, Pos(mark.line + 1, mark.column + 1))

    def _too_large(self) -> None:
        loc = self.stack[0].loc if self.stack else ()
        top_key = self.stack[0].key if self.stack and self.stack[0].key else ""
        pos = self.source.keys.get((top_key,)) or Pos(1, 1)
        raise YamlProblem(replace(make(
            "document-too-large", f"aliases (*name) expand the document by more than "
            f"{MAX_ALIAS_NODES:,} nodes"
            + (f" (under '{top_key}')" if top_key else ""), loc=(*loc, top_key)[:1],
            hint="remove the repeated aliases (*name)"), line=pos.line, column=pos.column))


def _merge_sources(value: Any, event: Any, loc: Loc) -> list[dict[str, Any]]:
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, dict) for item in items):
        raise _at("wrong-type", "'<<' must merge a mapping or a list of mappings",
                  getattr(event, "start_mark", None), loc=loc)
    return items


_RESOLVED: dict[tuple[str, tuple[bool, bool]], str] = {}


def _resolve(text: str, implicit: tuple[bool, bool]) -> str:
    """The implicit tag of a scalar; memoised, since SOP files repeat their values."""
    key = (text, implicit)
    tag = _RESOLVED.get(key)
    if tag is None:
        tag = _RESOLVER.resolve(yaml.ScalarNode, text, implicit)
        if len(_RESOLVED) < 50_000:
            _RESOLVED[key] = tag
    return tag


def _check_tag(tag: str, expected: str | None, mark: Any, loc: Loc) -> None:
    ok = tag == expected if expected else tag in _SCALAR_TAGS
    if not ok:
        raise _at("unsupported-tag", f"the YAML tag '{tag}' is not allowed in an SOP file",
                  mark, loc=loc, hint="remove the tag; plain YAML values suffice")


#: YAML 1.2 core schema: decimal integers only (``030`` is thirty; ``0x1E``, ``0o17``,
#: ``0b11``, ``1_5`` and ``1:30`` are text, unlike YAML 1.1's octal, hex and sexagesimal).
_INT_12 = re.compile(r"[-+]?[0-9]+")
_FLOAT_12 = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"),
                   ".nan": float("nan")}


def _number(text: str) -> Any:
    """A YAML 1.2 core number, or the text as written when 1.2 reads no number."""
    if _INT_12.fullmatch(text):
        return int(text, 10)
    if _FLOAT_12.fullmatch(text):
        return float(text)
    return _SPECIAL_FLOATS.get(text.lower(), text)


#: What XML 1.0 (SVG, BPMN), Graphviz and a terminal accept: tab, line breaks and the
#: printable planes; not C0/C1 controls, DEL, lone surrogates or U+FFFE/U+FFFF.
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f"
                       "\ud800-\udfff\ufffe\uffff]")


def check_characters(text: str, mark: Any, loc: Loc) -> None:
    """Refuse a control character in a value or key (from a YAML escape like ``"\\x01"``)."""
    bad = _BAD_CHAR.search(text)
    if bad is not None:
        raise _at("control-character",
                  f"the text holds the control character U+{ord(bad.group()):04X} "
                  f"(at character {bad.start() + 1}), which cannot be printed or drawn",
                  mark, loc=loc,
                  hint="remove it (text pasted from a word processor may carry it) or "
                  "write the character you meant")


def _scalar(event: Any, loc: Loc) -> Any:
    text = event.value
    if event.style == '"':  # only escapes can bring them: the reader refuses them raw
        check_characters(text, event.start_mark, loc)
    if event.tag in (None, "!"):
        tag = _resolve(text, event.implicit)
    else:
        tag = event.tag
        _check_tag(tag, None, event.start_mark, loc)
    if tag in (_T + "str", _T + "timestamp"):
        # YAML 1.1 wants a dot in a float; 1.2's core schema reads ``1e-05`` too
        plain = tag == _T + "str" and event.implicit[0] and not event.style
        return float(text) if plain and _FLOAT_12.fullmatch(text) else text
    if tag == _T + "bool":  # YAML 1.2: only true/false are booleans
        low = text.lower()
        return (low == "true") if low in ("true", "false") else text
    if tag == _T + "int" or tag == _T + "float":
        return _number(text)
    try:
        node = yaml.ScalarNode(tag, text)
        return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
    except (ValueError, KeyError, yaml.YAMLError):
        return text
