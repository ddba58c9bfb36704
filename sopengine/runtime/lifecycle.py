"""The lifecycles of instances and tasks, as `transitions` state machines.

One Machine per lifecycle, shared by every instance and task: the machine is the
definition of which moves are legal; each record keeps its state as a plain
string in the database. There are no per-record model objects (transitions' own
FAQ warns against one Machine or one ``add_model`` per object when there are
thousands; ``add_model`` was measured quadratic here).

    instance: running --finish--> completed
              running --cancel--> cancelled
    task:     ready   --complete--> done
              ready   --cancel-->   cancelled
"""

from __future__ import annotations

from transitions import Machine

from sopengine.errors import IllegalTransition


class Lifecycle:
    """A named set of states and triggers; ``advance`` validates one move."""

    def __init__(self, name: str, states: list[str], moves: list[list[str]],
                 initial: str) -> None:
        self.name = name
        self.initial = initial
        self.machine = Machine(model=None, states=states, transitions=moves, initial=initial,
                               auto_transitions=False, name=name)

    def advance(self, state: str, trigger: str) -> str:
        """The state after ``trigger`` from ``state``; IllegalTransition when not allowed."""
        found = self.machine.get_transitions(trigger=trigger, source=state)
        if not found:
            allowed = sorted(t for t in self.machine.events
                             if self.machine.get_transitions(trigger=t, source=state))
            raise IllegalTransition(self.name, state, trigger, allowed)
        return str(found[0].dest)

    def can(self, state: str, trigger: str) -> bool:
        return bool(self.machine.get_transitions(trigger=trigger, source=state))


INSTANCE = Lifecycle(
    "instance", ["running", "completed", "cancelled"],
    [["finish", "running", "completed"], ["cancel", "running", "cancelled"]], "running")

TASK = Lifecycle(
    "task", ["ready", "done", "cancelled"],
    [["complete", "ready", "done"], ["cancel", "ready", "cancelled"]], "ready")
