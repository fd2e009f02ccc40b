"""Self-test demo data: a private history for the demo employee and enough results from
other employees for the hr statistics to show numbers above the k rule; in each preset
authority (the staff of the counselling demo's agency), two thirds of the staff taking
each self-test once this year, so that its dashboard and dossier have takers.

Idempotent: nothing is added once the demo employee has a result, nor to a preset
authority whose staff have results.
"""

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core.management import call_command
from django.utils import timezone

from anxin.assessments.models import Instrument, SelfTestResult
from anxin.assessments.services import self_test_submit
from anxin.core.demo import DemoRun, demo_step
from anxin.people.demo import AUTHORITY_CODE, SEED, demo_require, username_for
from anxin.people.models import Employee
from anxin.people.roles import Role
from anxin.plans.demo import preset_plans

# The demo employee's course over a year and a half: strained at first, then better.
# (instrument, [per quarter: a level from 0 (well) to 1 (strained)])
HISTORY = {
    "bsrs5": [0.7, 0.6, 0.45, 0.35, 0.3, 0.2],
    "who5": [0.65, 0.55, 0.5, 0.4, 0.3, 0.25],
    "cbi": [0.6, 0.45, 0.35],
}
OTHERS = 400  # employees with one result each per instrument in the last half-year
PRESET_SHARE = 2 / 3  # of a preset authority's staff, taking each self-test this year


@dataclass
class DemoSelfTestSummary:
    own: int = 0
    others: int = 0
    presets: int = 0


def _answers(instrument: Instrument, level: float, rng: random.Random) -> dict[str, int]:
    """Answers pointing at `level` (0 well, 1 strained), each item jittered."""
    answers = {}
    for item in instrument.parsed.items:
        values = sorted(item.values)
        # Points grow with strain, except where an item is reversed or, as in WHO-5, the
        # scale measures well-being: there the answer falls with strain.
        wellbeing = instrument.key == "who5"
        target = (1 - level) if wellbeing != item.reversed else level
        index = round(target * (len(values) - 1) + rng.uniform(-0.8, 0.8))
        answers[item.key] = values[max(0, min(len(values) - 1, index))]
    return answers


def _at(day, rng: random.Random) -> datetime:
    moment = time(rng.randint(8, 20), rng.randint(0, 59))
    return timezone.make_aware(datetime.combine(day, moment))


def _others(employees, count: int, instruments, days: int, rng: random.Random) -> int:
    """`count` of `employees` (a queryset) chosen at random, each taking every instrument
    once on a day of the last `days`. Returns the results made."""
    pool = list(employees.order_by("number").values_list("pk", flat=True))
    chosen = Employee.objects.filter(pk__in=rng.sample(pool, min(count, len(pool))))
    today = timezone.localdate()
    made = 0
    for employee in chosen.select_related("unit").order_by("number"):
        for instrument in instruments:
            day = today - timedelta(days=rng.randint(1, days))
            self_test_submit(
                employee=employee,
                instrument=instrument,
                answers=_answers(instrument, rng.betavariate(2, 3), rng),
                actor="demo",
                now=_at(day, rng),
            )
            made += 1
    return made


def demo_self_tests(*, seed: int = SEED) -> DemoSelfTestSummary:
    demo_require()
    summary = DemoSelfTestSummary()
    instruments = {i.key: i for i in Instrument.objects.filter(key__in=HISTORY, is_active=True)}
    if not instruments:
        return summary
    _demo_authority(instruments, seed, summary)
    today = timezone.localdate()
    # This year's days gone by (at least a month: on 1 January, December's too).
    days = max(30, (today - today.replace(month=1, day=1)).days)
    for plan in preset_plans():
        staff = Employee.objects.filter(authority=plan.authority, is_active=True)
        if SelfTestResult.objects.filter(employee__in=staff).exists():
            continue
        rng = random.Random(f"{seed}-{plan.slug}")
        count = round(staff.count() * PRESET_SHARE)
        summary.presets += _others(staff, count, instruments.values(), days, rng)
    return summary


def _demo_authority(instruments: dict, seed: int, summary: DemoSelfTestSummary) -> None:
    """The demo employee's history and the results of others of the demo authority."""
    own = Employee.objects.filter(user__username=username_for(Role.EMPLOYEE)).first()
    if own is None or SelfTestResult.objects.filter(employee=own).exists():
        return
    rng = random.Random(seed)
    today = timezone.localdate()
    for key, levels in HISTORY.items():
        instrument = instruments.get(key)
        if instrument is None:
            continue
        for index, level in enumerate(levels):
            day = today - timedelta(days=91 * (len(levels) - index) - rng.randint(0, 20))
            self_test_submit(
                employee=own,
                instrument=instrument,
                answers=_answers(instrument, level, rng),
                actor=own.user,
                now=_at(day, rng),
            )
            summary.own += 1
    others = Employee.objects.filter(
        authority__code=AUTHORITY_CODE, is_active=True, user__isnull=True
    )
    summary.others = _others(others, OTHERS, instruments.values(), 180, rng)


@demo_step(order=10, summary="the built-in self-tests")
def instruments_step(run: DemoRun) -> None:
    call_command("load_instruments", stdout=run.stdout, stderr=run.stderr)


@demo_step(
    order=40, summary="a self-test history for the demo employee, others' results, the presets'"
)
def self_tests_step(run: DemoRun) -> str | None:
    """A self-test history for the demo employee, and others' results for the statistics."""
    summary = demo_self_tests()
    parts = []
    if summary.own:
        parts.append(
            f"{summary.own} results in the demo employee's history, "
            f"{summary.others} from other employees"
        )
    if summary.presets:
        parts.append(f"{summary.presets} in the preset authorities")
    return f"Self-tests: {'; '.join(parts)}." if parts else None
