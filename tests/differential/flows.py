"""Hypothesis strategies for the differential test: valid SOPs built from blocks.

A block is a task; a decision whose answers meet again ("alt"); a decision
one of whose answers ends the SOP ("exit", outside parallel branches only); a
rework loop from a decision back to the body's first step ("loop"); a rework
loop through a fix step ("fix": Tidak -> the fix step -> back to the body); a
parallel split whose branches are sequences of blocks, closed by a join step,
optionally followed by a check that sends the work back to the join step
("split" with rework); every block nests. Rows are laid out back to front, so
each block knows the step that follows it.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

Tree = Any


def _trees(depth: int, in_branch: bool) -> st.SearchStrategy[Tree]:
    task = st.just(("task",))
    if depth >= 3:
        return task
    seq = st.lists(st.deferred(lambda: _trees(depth + 1, in_branch)), min_size=1, max_size=2)
    inner = st.lists(st.deferred(lambda: _trees(depth + 1, True)), min_size=1, max_size=2)
    kinds = [task, st.tuples(st.just("alt"), seq, seq), st.tuples(st.just("loop"), seq),
             st.tuples(st.just("fix"), seq),
             st.tuples(st.just("split"), st.lists(inner, min_size=2, max_size=3), st.booleans())]
    if not in_branch:
        kinds.append(st.tuples(st.just("exit"), seq))
    return st.one_of(*kinds)


class _Layout:
    def __init__(self, draw: st.DrawFn) -> None:
        self.draw, self.count = draw, 0

    def step(self, **keys: Any) -> dict[str, Any]:
        self.count += 1
        actor = self.draw(st.sampled_from(["a", "b", "c", ["a", "b"]]))
        return {"id": f"s{self.count}", "actor": actor, "action": f"Langkah {self.count}",
                "time": 5, "outputs": ["x"], **keys}

    def seq(self, blocks: list[Tree], after: str) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for block in reversed(blocks):
            out = self.block(block, after) + out
            after = out[0]["id"]
        return out

    def block(self, tree: Tree, after: str) -> list[dict[str, Any]]:
        kind = tree[0]
        if kind == "task":
            return [self.step(next=after)]
        if kind in ("loop", "fix"):
            check = self.step()
            body = self.seq(tree[1], check["id"])
            if kind == "loop":
                check["branches"] = {"Ya": after, "Tidak": body[0]["id"]}
                return [*body, check]
            fix = self.step(next=body[0]["id"])
            check["branches"] = {"Ya": after, "Tidak": fix["id"]}
            return [*body, check, fix]
        if kind in ("alt", "exit"):
            ask = self.step()
            left = self.seq(tree[1], after)
            if kind == "exit":
                ask["branches"] = {"Ya": left[0]["id"], "Tolak": "end"}
                return [ask, *left]
            right = self.seq(tree[2], after)
            ask["branches"] = {"Ya": left[0]["id"], "Tidak": right[0]["id"]}
            return [ask, *left, *right]
        split, join = self.step(), self.step(next=after)
        branches = [self.seq(b, join["id"]) for b in tree[1]]
        split["next"] = [b[0]["id"] for b in branches]
        rows = [split, *[s for b in branches for s in b], join]
        if tree[2]:  # rework back to the join step
            check = self.step(branches={"Ya": after, "Tidak": join["id"]})
            join["next"] = check["id"]
            rows.append(check)
        return rows


@st.composite
def sops(draw: st.DrawFn) -> dict[str, Any]:
    tree = draw(st.lists(_trees(0, False), min_size=1, max_size=3))
    steps = _Layout(draw).seq(tree, "end")
    return {"sop": 1, "id": "beda", "title": "Uji beda",
            "actors": {"a": "A", "b": "B", "c": "C"}, "steps": steps}
