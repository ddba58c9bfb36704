"""Write bench/pengukuran.bpmn: sops/pengukuran.yaml as BPMN 2.0 for SpiffWorkflow.

Fourteen user tasks in one process, and an exclusive gateway after "koreksi"
whose "Tidak" flow goes back to "himpun-format" (condition on the task data
``ok``). Run once; the output is committed.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from sopengine.definition.loader import load_sop

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    sop = load_sop(ROOT / "sops" / "pengukuran.yaml")
    ids = [s.id.replace("-", "_") for s in sop.steps]
    parts = ['<startEvent id="start"/>', f'<sequenceFlow id="f_start" sourceRef="start" '
             f'targetRef="{ids[0]}"/>']
    for step, sid in zip(sop.steps, ids, strict=True):
        parts.append(f'<userTask id="{sid}" name="{escape(step.action)}"/>')
    for i, sid in enumerate(ids[:-1]):
        if sid == "koreksi":
            parts += [f'<sequenceFlow id="f_{sid}" sourceRef="{sid}" targetRef="gw"/>',
                      '<exclusiveGateway id="gw"/>',
                      f'<sequenceFlow id="f_ya" sourceRef="gw" targetRef="{ids[i + 1]}">'
                      '<conditionExpression>ok == True</conditionExpression></sequenceFlow>',
                      '<sequenceFlow id="f_tidak" sourceRef="gw" targetRef="himpun_format">'
                      '<conditionExpression>ok == False</conditionExpression></sequenceFlow>']
        else:
            parts.append(f'<sequenceFlow id="f_{sid}" sourceRef="{sid}" '
                         f'targetRef="{ids[i + 1]}"/>')
    parts += ['<endEvent id="end"/>',
              f'<sequenceFlow id="f_end" sourceRef="{ids[-1]}" targetRef="end"/>']
    body = "\n    ".join(parts)
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs"
             targetNamespace="https://example.org/sopengine/bench">
  <process id="pengukuran" name="{escape(sop.title)}" isExecutable="true">
    {body}
  </process>
</definitions>
"""
    (ROOT / "bench" / "pengukuran.bpmn").write_text(xml, encoding="utf-8")


if __name__ == "__main__":
    main()
