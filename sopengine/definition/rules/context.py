"""What a rule gets to look at."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from sopengine.definition.duration import DEFAULT_WORKING_TIME, WorkingTime
from sopengine.definition.flow import Flow
from sopengine.definition.model import Sop
from sopengine.diagnostics import Loc

# Step keys whose loss (a schema error dropped them) makes the flow unreliable.
FLOW_KEYS = ("id", "next", "branches")


@dataclass
class RuleContext:
    """The SOP, its flow, and which parts of the file already had schema errors.

    A file with schema errors is still checked by the rules, on what could be
    read (the "salvaged" model), so that an author sees every problem at once;
    ``broken`` lets rules stay quiet about what has been reported already.
    """

    sop: Sop
    working_time: WorkingTime = DEFAULT_WORKING_TIME
    broken: frozenset[Loc] = field(default_factory=frozenset)

    @cached_property
    def flow(self) -> Flow:
        return Flow(self.sop)

    def is_broken(self, loc: Loc) -> bool:
        return any(loc[: len(b)] == b for b in self.broken)

    @cached_property
    def actors_intact(self) -> bool:
        return not self.is_broken(("actors",))

    @cached_property
    def references_ok(self) -> bool:
        """Every step id is unique and every `next`/branch target exists."""
        from sopengine.definition.rules import references  # the rules use this context

        checks = (references.step_ids, references.targets, references.next_lists)
        return not any(d.is_error for check in checks for d in check(self))

    @cached_property
    def flow_intact(self) -> bool:
        """No schema error touched step ids, `next` or `branches`."""
        if self.is_broken(("steps",)):
            return False
        return not any((len(b) >= 3 and b[0] == "steps" and b[2] in FLOW_KEYS)
                       or (len(b) == 2 and b[0] == "steps") for b in self.broken)
