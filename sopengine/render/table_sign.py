"""The signature block under an SOP's last flowchart table page, as the seed
prints it (``signature_block`` in book.yaml, off by default): the approver's
position in capitals, room to sign, the name in bold, the rank if given and
"NIP." with the number grouped 8-6-1-3. Without ``approved_by`` in the SOP the
lines are dotted, to be filled in by hand: the room to sign is always there.
"""

from __future__ import annotations

from dataclasses import dataclass

from sopengine.definition.model import Approver
from sopengine.definition.nip import format_nip
from sopengine.render import table_layout as tl
from sopengine.render.glyphs import wrap_to
from sopengine.render.svg import Svg

SIGN_WIDTH = 300.0  # the block, at the table's right edge
SIGN_ROOM = 56.0  # the room to sign, between the position and the name
GAP = 16.0  # between the table's last rule and the block
BLANK = "." * 40


@dataclass(frozen=True)
class Signature:
    position: list[str]  # above the room to sign
    name: list[str]  # bold, under it
    rest: list[str]  # rank, NIP

    @property
    def height(self) -> float:
        lines = len(self.position) + len(self.name) + len(self.rest)
        return GAP + lines * tl.LINE + SIGN_ROOM + tl.PAD


def signature(approver: Approver | None) -> Signature:
    """The block's lines, wrapped to its width; dotted ones where nobody is named."""
    room = SIGN_WIDTH - 2 * tl.PAD
    nip = f"NIP. {format_nip(approver.nip)}" if approver and approver.nip \
        else f"NIP. {BLANK[:30]}"
    if approver is None:
        return Signature([BLANK], [BLANK], [nip])
    return Signature(wrap_to(approver.position.upper(), room, tl.TEXT),
                     wrap_to(approver.name or BLANK, room, tl.TEXT),
                     [*wrap_to(approver.rank, room, tl.TEXT), nip] if approver.rank else [nip])


def draw_signature(svg: Svg, block: Signature, width: float, y: float) -> None:
    """The block under the table whose last rule is at ``y``, ``width`` units wide."""
    cx = width - SIGN_WIDTH / 2
    top = y + GAP + tl.TEXT * 0.8
    svg.text(cx, top, block.position, tl.TEXT, "middle", class_="sign")
    base = top + len(block.position) * tl.LINE + SIGN_ROOM
    svg.text(cx, base, block.name, tl.TEXT, "middle", class_="sign", font_weight="bold")
    svg.text(cx, base + len(block.name) * tl.LINE, block.rest, tl.TEXT, "middle",
             class_="sign")
