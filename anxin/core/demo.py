"""The demo-step registry behind `anxin demo`: each app adds its part of the demo in its
own `demo.py`; the shell prepares the database, the organisation, the plans and the
sign-ins, runs the steps in order and prints what each made.

    @demo_step(order=30, summary="each plan's counselling service in use")
    def counselling(run: DemoRun) -> str:
        ...
        return "Counselling: 12 requests, ..."   # printed; None prints nothing

Steps run in `order` (ties by name); a step may rely on the data of the steps before it.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class DemoRun:
    """What a step may use: the command's output streams (for the commands it calls)
    and the demo's sign-ins, one per role, as the shell made them."""

    stdout: TextIO
    stderr: TextIO
    accounts: Sequence = ()


@dataclass(frozen=True)
class DemoStep:
    name: str
    order: int
    summary: str
    func: Callable[[DemoRun], str | None]


class DemoRegistry:
    def __init__(self) -> None:
        self.steps: dict[str, DemoStep] = {}

    def step(self, *, order: int, summary: str) -> Callable:
        """Register the decorated `func(run) -> str | None` to run at `order`; `summary`
        says in a few words what it adds (listed by `anxin demo --steps`)."""

        def decorator(func: Callable) -> Callable:
            name = f"{func.__module__}.{func.__qualname__}"
            self.steps[name] = DemoStep(name, order, summary, func)
            return func

        return decorator

    def ordered(self) -> list[DemoStep]:
        return sorted(self.steps.values(), key=lambda step: (step.order, step.name))


registry = DemoRegistry()
demo_step = registry.step


def demo_steps() -> list[DemoStep]:
    """The steps of every installed app, in the order they run."""
    autodiscover_modules("demo")
    return registry.ordered()
