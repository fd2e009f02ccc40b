"""Case flows as a plan draws them: numbered steps, their branches, who does each."""

from dataclasses import dataclass

from anxin.plans.config.build import Section

DEFAULT_STEP_ROLE = "counselor"  # who does a case-flow step the plan gives no role
DEFAULT_STEP_DEADLINE_HOURS = 72  # a step's deadline when the plan sets none


@dataclass(frozen=True)
class Branch(Section):
    when: str
    next: str


@dataclass(frozen=True)
class FlowStep(Section):
    """One box of a case flow. `branches` are tried first; `next` is the way on otherwise;
    a step with neither ends the flow."""

    key: str
    action: str
    actor: str = ""
    next: str = ""
    branches: tuple[Branch, ...] = ()
    confidential_record: bool = False
    note: str = ""
    role: str = DEFAULT_STEP_ROLE
    deadline_hours: int = DEFAULT_STEP_DEADLINE_HOURS
    notifies: tuple[str, ...] = ()

    @property
    def is_end(self) -> bool:
        return not self.next and not self.branches


@dataclass(frozen=True)
class CaseFlow(Section):
    key: str
    name: str
    source: str
    trigger: str = ""
    reference: str = ""
    steps: tuple[FlowStep, ...] = ()
    note: str = ""

    @property
    def start(self) -> FlowStep | None:
        return self.steps[0] if self.steps else None

    def step(self, key: str) -> FlowStep | None:
        return next((step for step in self.steps if step.key == key), None)

    def successors(self, key: str) -> list[FlowStep]:
        """The steps that may follow `key`, branches first."""
        step = self.step(key)
        if step is None:
            return []
        keys = [branch.next for branch in step.branches] + ([step.next] if step.next else [])
        return [s for k in keys if (s := self.step(k)) is not None]

    def number(self, key: str) -> int | None:
        return next((i for i, step in enumerate(self.steps, 1) if step.key == key), None)

    @property
    def rows(self) -> list[dict]:
        """The steps numbered as on paper, with the numbers of the steps they lead to."""
        return [
            {
                "number": number,
                "step": step,
                "next": self.number(step.next) if step.next else None,
                "branches": [(branch.when, self.number(branch.next)) for branch in step.branches],
            }
            for number, step in enumerate(self.steps, 1)
        ]
