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

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from anxin.care.workers.models import CareWorkerClass
from anxin.events import services as events
from anxin.events.models import Event, Registration
from anxin.plans import config as c
from anxin.plans.models import ProgramPlan

CLASS_CAPACITY = 40


@dataclass(frozen=True)
class Level:
    completed: tuple[c.Training, ...]

    @property
    def highest(self) -> c.Training | None:
        return self.completed[-1] if self.completed else None


def _depth(training: c.Training, by_key: dict[str, c.Training], seen=()) -> int:
    if training.key in seen:
        return 0
    return 1 + max(
        (
            _depth(by_key[key], by_key, (*seen, training.key))
            for key in training.requires
            if key in by_key
        ),
        default=0,
    )


def ordered_trainings(plan: ProgramPlan) -> list[c.Training]:
    """The plan's trainings, those required by others first (then in the plan's order)."""
    trainings = list(plan.care_worker_trainings)
    by_key = {training.key: training for training in trainings}
    position = {training.key: n for n, training in enumerate(trainings)}
    return sorted(trainings, key=lambda t: (_depth(t, by_key), position[t.key]))


def classes_of(plan: ProgramPlan) -> dict[str, list[Event]]:
    """The events generated for each training of the plan. One query."""
    found: dict[str, list[Event]] = defaultdict(list)
    for link in CareWorkerClass.objects.filter(plan=plan).select_related("event").order_by("pk"):
        found[link.training_key].append(link.event)
    return found


@transaction.atomic
def classes_generate(*, actor, plan: ProgramPlan, owner_unit) -> list[Event]:
    """A draft training event for each of the plan's trainings that has none yet (run it
    again: nothing is added twice). The organiser adds the sessions and publishes it on
    the events pages."""
    existing = classes_of(plan)
    made: list[Event] = []
    first_class = {key: events_[0] for key, events_ in existing.items() if events_}
    for training in ordered_trainings(plan):
        if training.key in first_class:
            continue
        required = next((first_class[k] for k in training.requires if k in first_class), None)
        description = "\n".join(
            text
            for text in (
                training.audience and _("For: %(audience)s") % {"audience": training.audience},
                training.content,
                _("Plan reference: %(source)s") % {"source": training.source},
            )
            if text
        )
        event = events.event_create(
            actor=actor,
            owner_unit=owner_unit,
            data={
                "kind": Event.Kind.TRAINING,
                "title": training.name,
                "description": description,
                "capacity": CLASS_CAPACITY,
                "audience_unit": owner_unit,
                "prerequisite": required,
            },
        )
        CareWorkerClass.objects.create(plan=plan, training_key=training.key, event=event)
        first_class[training.key] = event
        made.append(event)
    return made


def training_levels(plan: ProgramPlan | None, employee_ids: Iterable[int]) -> dict[int, Level]:
    """Each person's completed trainings of the plan, lowest first. One query."""
    employee_ids = list(employee_ids)
    if plan is None or not plan.care_worker_trainings or not employee_ids:
        return {pk: Level(()) for pk in employee_ids}
    keys_by_event = dict(
        CareWorkerClass.objects.filter(plan=plan).values_list("event_id", "training_key")
    )
    done: dict[int, set[str]] = defaultdict(set)
    for employee_id, event_id in Registration.objects.filter(
        event_id__in=list(keys_by_event) or [0],
        employee_id__in=employee_ids,
        completed_at__isnull=False,
    ).values_list("employee_id", "event_id"):
        done[employee_id].add(keys_by_event[event_id])
    order = ordered_trainings(plan)
    return {pk: Level(tuple(t for t in order if t.key in done.get(pk, ()))) for pk in employee_ids}
