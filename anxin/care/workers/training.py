"""Care-worker training (000 §4.2; 003 §陸; 004 §參.三.(二)3): the plan's classes generated
as events, and each person's training level derived from the classes completed.

A class is an event of the events app linked to the plan's training key
(`CareWorkerClass`); a class whose training `requires` another gets the first required
class as the event's prerequisite, so that the events app admits only those who
completed it (000 §4.2(2)1: the advanced class is for those of the beginner class).
Completion is the events app's (`Registration.completed_at`, set by attendance).

The training level of a person is the list of the plan's trainings he or she completed,
the highest being the one that requires the most others.
"""

from collections.abc import Iterable

from django.db import transaction

from anxin.care import training as shared
from anxin.care.training import CLASS_CAPACITY, Level  # noqa: F401 (this module's names)
from anxin.care.workers.models import CareWorkerClass
from anxin.events.models import Event
from anxin.plans import config as c
from anxin.plans.models import ProgramPlan

# The generation of classes and the reading of completions are shared with mentoring's
# trained mentors (anxin/care/training.py); this module keeps the care workers' names.


def ordered_trainings(plan: ProgramPlan) -> list[c.Training]:
    """The plan's trainings, those required by others first (then in the plan's order)."""
    return shared.ordered(plan.care_worker_trainings)


def classes_of(plan: ProgramPlan) -> dict[str, list[Event]]:
    """The events generated for each training of the plan. One query."""
    return shared.classes_of(CareWorkerClass.objects.filter(plan=plan))


@transaction.atomic
def classes_generate(*, actor, plan: ProgramPlan, owner_unit) -> list[Event]:
    """A draft training event for each of the plan's trainings that has none yet (run it
    again: nothing is added twice). The organiser adds the sessions and publishes it on
    the events pages."""
    return shared.classes_generate(
        actor=actor,
        plan=plan,
        trainings=plan.care_worker_trainings,
        link_model=CareWorkerClass,
        owner_unit=owner_unit,
    )


def training_levels(plan: ProgramPlan | None, employee_ids: Iterable[int]) -> dict[int, Level]:
    """Each person's completed trainings of the plan, lowest first. One query."""
    employee_ids = list(employee_ids)
    if plan is None or not plan.care_worker_trainings or not employee_ids:
        return {pk: Level(()) for pk in employee_ids}
    keys_by_event = dict(
        CareWorkerClass.objects.filter(plan=plan).values_list("event_id", "training_key")
    )
    return shared.levels(plan.care_worker_trainings, keys_by_event, employee_ids)
