"""Hypothesis strategies for valid SOP flows of every shape.

First a tree of blocks is drawn: a task; a rework loop (a body, then a decision
going back to the body's first step); a decision whose two answers meet again;
or a parallel split whose branches are sequences of blocks, closed by a join
step. Then the tree is laid out in rows back to front, so each block knows the
id of the step that follows it. The result is always a valid SOP: anything the
validator rejects, or the engine cannot run to its end, is a bug.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

Tree = Any  # ("task",) | ("loop", seq) | ("alt", seq, seq) | ("split", [seq, ...])


def _trees(depth: int) -> st.SearchStrategy[Tree]:
    task = st.just(("task",))
    if depth >= 3:
        return task
    seq = st.lists(st.deferred(lambda: _trees(depth + 1)), min_size=1, max_size=2)
    return st.one_of(
        task, task,
        st.tuples(st.just("loop"), seq),
        st.tuples(st.just("alt"), seq, seq),
        st.tuples(st.just("split"), st.lists(seq, min_size=2, max_size=3)),
    )


class _Layout:
    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.count = 0

    def step(self, **keys: Any) -> dict[str, Any]:
        self.count += 1
        return {"id": f"s{self.count}", "actor": self.draw(st.sampled_from(["a", "b", "c"])),
                "action": f"Mengerjakan langkah {self.count}",
                "time": self.draw(st.integers(0, 90)), "outputs": ["x"], **keys}

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
        if kind == "loop":
            check = self.step()
            body = self.seq(tree[1], check["id"])
            chance = self.draw(st.floats(0, 0.6))
            check["branches"] = {"Ya": after, "Tidak": {"to": body[0]["id"], "chance": chance}}
            return [*body, check]
        if kind == "alt":
            ask = self.step()
            left, right = self.seq(tree[1], after), self.seq(tree[2], after)
            ask["branches"] = {"Ya": left[0]["id"], "Tidak": right[0]["id"]}
            return [ask, *left, *right]
        split, join = self.step(), self.step(next=after)
        branches = [self.seq(b, join["id"]) for b in tree[1]]
        split["next"] = [b[0]["id"] for b in branches]
        return [split, *[s for b in branches for s in b], join]


@st.composite
def valid_flows(draw: st.DrawFn) -> dict[str, Any]:
    tree = draw(st.lists(_trees(0), min_size=1, max_size=3))
    steps = _Layout(draw).seq(tree, "end")
    return {"sop": 1, "id": "acak", "title": "Acak", "actors": {"a": "A", "b": "B", "c": "C"},
            "steps": steps}
