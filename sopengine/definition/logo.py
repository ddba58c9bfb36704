"""The logo of the book file (``logo:`` in book.yaml): an image inside the book's
folder, read and checked by its content, so that building the book never
publishes another file of the machine.

The path is relative to the book file; links are followed, and the file it
leads to must lie in the folder of the book file. The content must be a PNG, a
JPEG or an SVG (well-formed XML whose root is ``svg``, with no script, event
attribute, foreign object, DOCTYPE or link to anything outside itself) of at
most ``MAX_BYTES``. Problems are :class:`BadLogo`, an English sentence and a
hint (docs/errors.md, ``bad-logo``); the book loader locates them.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from xml.parsers import expat

MAX_BYTES = 2 * 1024 * 1024
PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"
_SVG_NS = "http://www.w3.org/2000/svg"
_CODE_ELEMENTS = {"script", "foreignobject", "iframe", "object", "embed", "handler",
                  "listener"}
_OUTSIDE_URL = re.compile(r"url\(\s*(?!['\"]?\s*#)|@import", re.IGNORECASE)
_INSIDE = ("#", "data:image/png;", "data:image/jpeg;")  # links an image may hold
HINT_PLACE = "put the image in the folder of book.yaml (or below it) and give its path from there"
HINT_IMAGE = "give a PNG, JPEG or SVG image of at most 2 MiB"
HINT_SVG = ("save the logo as PNG, or remove scripts, event attributes (on...) and links to "
            "other files from the SVG")


class BadLogo(Exception):
    """A logo that cannot be published: ``str()`` says why, ``hint`` what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Logo:
    """A checked logo: its kind (the suffix of its copy, ``png``, ``jpg``, ``svg``)
    and its bytes, as read once."""

    kind: str
    data: bytes


def logo_path(folder: Path, value: str) -> Path:
    """The file ``value`` (the book file's ``logo:``) names, links followed; it must
    lie inside ``folder`` and be a regular file."""
    if PurePosixPath(value).is_absolute() or PureWindowsPath(value).anchor:
        raise BadLogo(f"the logo '{value}' is an absolute path", HINT_PLACE)
    base = folder.resolve()
    target = (base / value).resolve()
    if not target.is_relative_to(base):
        raise BadLogo(f"the logo '{value}' leads outside the folder of the book file",
                      HINT_PLACE)
    try:
        mode = target.stat().st_mode
    except OSError:
        raise BadLogo(f"the logo '{value}' does not exist", HINT_PLACE) from None
    if not stat.S_ISREG(mode):
        raise BadLogo(f"the logo '{value}' is not a file", HINT_PLACE)
    return target


def read_logo(path: Path, value: str = "") -> Logo:
    """The image at ``path``, checked by its content (``value`` names it in messages)."""
    name = value or path.name
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as exc:
        raise BadLogo(f"the logo '{name}' cannot be read: {exc.strerror}", HINT_PLACE) from None
    if len(data) > MAX_BYTES:
        raise BadLogo(f"the logo '{name}' is larger than {MAX_BYTES} bytes", HINT_IMAGE)
    return Logo(image_kind(data, name), data)


def check_logo(folder: Path, value: str) -> Logo:
    """The logo ``value`` of the book file in ``folder``, or :class:`BadLogo`."""
    return read_logo(logo_path(folder, value), value)


def image_kind(data: bytes, name: str) -> str:
    if data.startswith(PNG):
        return "png"
    if data.startswith(JPEG):
        return "jpg"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        _check_svg(data, name)
        return "svg"
    raise BadLogo(f"the logo '{name}' is not a PNG, JPEG or SVG image", HINT_IMAGE)


def _check_svg(data: bytes, name: str) -> None:
    """Well-formed XML, root ``svg``, nothing that runs code or loads another file."""
    check = _SvgCheck(name)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = check.start
    parser.CharacterDataHandler = check.text.append
    parser.EntityDeclHandler = lambda *_: check.refuse("an entity declaration in a DOCTYPE")
    parser.ProcessingInstructionHandler = lambda target, _: check.refuse(
        f"the processing instruction <?{target}?>")
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise BadLogo(f"the logo '{name}' is not well-formed SVG (line {exc.lineno} of the "
                      "image)", HINT_IMAGE) from None
    text = "".join(check.text)
    found = _OUTSIDE_URL.search(text)
    if found:
        check.refuse(f"a link to {text[found.start():].strip()[:60]}")


class _SvgCheck:
    """The element and attribute checks of one SVG, as expat reads it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.root = ""
        self.text: list[str] = []

    def refuse(self, what: str) -> None:
        raise BadLogo(f"the SVG logo '{self.name}' holds {what}", HINT_SVG)

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        namespace, _, local = tag.rpartition(" ")
        if not self.root:
            if local != "svg" or namespace not in ("", _SVG_NS):
                raise BadLogo(f"the logo '{self.name}' is not an SVG image: its root element "
                              f"is <{local}>", HINT_IMAGE)
            self.root = local
        names = {key.rpartition(" ")[2].lower(): value for key, value in attrs.items()}
        changed = names.get("attributename", "").lower()
        if local.lower() in _CODE_ELEMENTS or changed.endswith("href") or changed.startswith("on"):
            self.refuse(f"the element <{local}>")
        for attr, value in names.items():
            self._attribute(attr, value.strip())

    def _attribute(self, attr: str, value: str) -> None:
        if attr.startswith("on"):
            self.refuse(f"the attribute {attr}")
        if attr in ("href", "src", "base") and not value.lower().startswith(_INSIDE):
            self.refuse(f"a link to {value[:60]}")
        found = _OUTSIDE_URL.search(value)
        if found:
            self.refuse(f"a link to {value[found.start():][:60]}")
