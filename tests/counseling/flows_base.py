"""Fixtures for the case-flow tests: every way through a flow, and a walk along one."""

from anxin.counseling.flows import services
from anxin.counseling.flows.definitions import as_flow
from anxin.counseling.flows.models import FlowRun
from tests.counseling.base import CounselingTestCase

PRESETS = ("chiayi-105", "pingtung", "taipei-114", "taoyuan-104")


def paths(definition: dict) -> list[list[tuple[str, str]]]:
    """Every way from the first step to an end, as (step key, way chosen) pairs; a step
    met twice on one way is not followed again (the flows have no loops, tested)."""
    flow = as_flow(definition)
    found: list[list[tuple[str, str]]] = []

    def walk(key: str, so_far: list[tuple[str, str]]) -> None:
        step = flow.step(key)
        for way in services.ways_on(flow, step):
            here = [*so_far, (key, way.next)]
            if not way.next:
                found.append(here)
            elif way.next not in {k for k, _ in here}:
                walk(way.next, here)
            else:
                raise AssertionError(f"{definition['key']} loops at {way.next}")

    walk(flow.start.key, [])
    return found


class FlowTestCase(CounselingTestCase):
    def start(self, plan=None, key: str = "crisis", employee=None, actor=None) -> FlowRun:
        return services.flow_start(
            plan=plan or self.plan,
            flow_key=key,
            employee=employee or self.alice_employee,
            actor=actor or self.supervisor,
        )

    def record(self, run: FlowRun, way: str | None = None, notes: str = "", actor=None):
        """Record the open step, by default the first way on."""
        current = services.current_step(run)
        flow = as_flow(run.definition)
        if way is None:
            way = services.ways_on(flow, flow.step(current.step_key))[0].next
        return services.flow_step_record(
            step_run=current, actor=actor or self.intake, way=way, notes=notes
        )
