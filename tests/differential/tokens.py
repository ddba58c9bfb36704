"""BPMN's token rules, played on the exported XML: the reference both engines
are held to where SpiffWorkflow itself is wrong.

Only what the export uses: user tasks (one incoming flow each), exclusive
gateways (diverging: the one outgoing flow whose condition holds; converging:
any token passes), parallel gateways (fire when every incoming flow holds a
token, consuming one from each, one token to each outgoing flow), start and
end events. Conditions are ``answer_<step> == "label"``.
"""

from __future__ import annotations

import json
import re
from collections import Counter

from lxml import etree

B = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
CONDITION = re.compile(r'^(\w+) == (".*")$')


class TokenGame:
    def __init__(self, xml: str) -> None:
        proc = etree.fromstring(xml.encode()).find(f"{B}process")
        self.kind: dict[str, str] = {}
        self.out: dict[str, list[str]] = {}
        self.inc: dict[str, list[str]] = {}
        for el in proc:
            tag = etree.QName(el).localname
            if tag not in ("laneSet", "sequenceFlow"):
                self.kind[el.get("id")] = tag
        self.target: dict[str, str] = {}
        self.cond: dict[str, tuple[str, str]] = {}
        for f in proc.iter(f"{B}sequenceFlow"):
            fid, a, b = f.get("id"), f.get("sourceRef"), f.get("targetRef")
            self.target[fid] = b
            self.out.setdefault(a, []).append(fid)
            self.inc.setdefault(b, []).append(fid)
            expr = f.find(f"{B}conditionExpression")
            if expr is not None:
                var, label = CONDITION.match(expr.text).groups()
                self.cond[fid] = (var, json.loads(label))
        self.tokens: Counter[str] = Counter()
        self.ready: Counter[str] = Counter()  # user tasks holding a token
        self.ended = 0
        start = next(n for n, k in self.kind.items() if k == "startEvent")
        self._emit(start, {})

    def complete(self, task: str, data: dict[str, str]) -> None:
        assert self.ready[task] > 0, f"{task} is not ready"
        self.ready[task] -= 1
        self._emit(task, data)

    def ready_tasks(self) -> list[str]:
        return sorted(self.ready.elements())

    def _emit(self, node: str, data: dict[str, str]) -> None:
        flows = self.out.get(node, [])
        if self.kind[node] == "exclusiveGateway" and len(flows) > 1:
            flows = [f for f in flows if data.get(self.cond[f][0]) == self.cond[f][1]]
            assert len(flows) == 1, f"{node}: {len(flows)} conditions hold"
        for f in flows:
            self._arrive(f, data)

    def _arrive(self, flow: str, data: dict[str, str]) -> None:
        node = self.target[flow]
        kind = self.kind[node]
        if kind == "userTask":
            self.ready[node] += 1
        elif kind == "endEvent":
            self.ended += 1
        elif kind == "parallelGateway" and len(self.inc[node]) > 1:
            self.tokens[flow] += 1
            if all(self.tokens[f] for f in self.inc[node]):
                for f in self.inc[node]:
                    self.tokens[f] -= 1
                self._emit(node, data)
        else:
            self._emit(node, data)

    @property
    def finished(self) -> bool:
        return not +self.ready and not +self.tokens and self.ended > 0
