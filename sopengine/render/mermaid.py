"""The flowchart as Mermaid text, which GitHub and GitLab draw inside markdown.

One subgraph per actor (in the file's order), the guideline's shapes (a
stadium for the capsule, a rectangle, a rhombus), answers on the arrows, rework
arrows dotted. Author text is always inside quotes with Mermaid's entity codes
for the characters that could end or mark up a label.
"""

from __future__ import annotations

from sopengine.definition.flow import Flow
from sopengine.definition.model import END, Sop
from sopengine.labels import label
from sopengine.render.symbols import decision_ends, symbol

_SHAPES = {"terminator": ('(["', '"])'), "process": ('["', '"]'), "decision": ('{"', '"}')}
_ENTITIES = {"&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "#": "#35;"}


def text(value: str) -> str:
    """Author text safe inside a quoted Mermaid label; line breaks kept as <br>."""
    return "<br>".join("".join(_ENTITIES.get(ch, ch) for ch in line)
                       for line in value.splitlines())


def mermaid(sop: Sop, lang: str = "id") -> str:
    flow = Flow(sop)
    out = ["flowchart TD"]
    for k, actor in enumerate(sop.actors):
        out.append(f'  subgraph lane{k + 1}["{text(sop.actors[actor])}"]')
        out.append("    direction TB")
        for n, step in enumerate(sop.steps, 1):
            if step.actor[0] == actor:
                open_, close = _SHAPES[symbol(flow, step.id)]
                others = [sop.actors[a] for a in step.actor[1:] if a in sop.actors]
                extra = f" (+ {', '.join(others)})" if others else ""
                out.append(f"    s{n}{open_}{text(f'{n}. {step.action}{extra}')}{close}")
        out.append("  end")
    for step_id in decision_ends(flow):
        out.append(f'  s{flow.row[step_id] + 1}_end(["{text(label("finish", lang))}"])')
    for e in flow.edges:
        source = f"s{flow.row[e.source] + 1}"
        if e.target == END:
            if not sop.step(e.source).is_decision:
                continue
            target = f"{source}_end"
        else:
            target = f"s{flow.row[e.target] + 1}"
        arrow = "-.->" if e.back else "-->"
        tag = f'|"{text(e.label)}"|' if e.label is not None else ""
        out.append(f"  {source} {arrow}{tag} {target}")
    return "\n".join(out) + "\n"
