"""Training derived from the events app, shared by the parts of care that need it (care
workers' levels, decision 0043; trained mentors, decision 0062).

A plan's trainings (`c.Training`, the same shape wherever a plan names classes) are
generated as events of the events app, each linked to its training key by a row of the
part's own link model (`plan`, `training_key`, `event`: `CareWorkerClass`,
`MentorClass`); a class whose training `requires` another gets the first required class
as the event's prerequisite, so that the events app admits only those who completed it.
Completion is the events app's (`Registration.completed_at`, set by attendance): a
person's trainings are those whose class he or she completed, never a box ticked by hand.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.utils.translation import gettext as _

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


def ordered(trainings: Iterable[c.Training]) -> list[c.Training]:
    """The trainings, those required by others first (then in the plan's order)."""
    trainings = list(trainings)
    by_key = {training.key: training for training in trainings}
    position = {training.key: n for n, training in enumerate(trainings)}
    return sorted(trainings, key=lambda t: (_depth(t, by_key), position[t.key]))


def classes_of(links: models.QuerySet) -> dict[str, list[Event]]:
    """The events of each training key among `links` (rows of a link model). One query."""
    found: dict[str, list[Event]] = defaultdict(list)
    for link in links.select_related("event").order_by("pk"):
        found[link.training_key].append(link.event)
    return found


def classes_generate(
    *,
    actor,
    plan: ProgramPlan,
    trainings: Iterable[c.Training],
    link_model: type[models.Model],
    owner_unit,
) -> list[Event]:
    """A draft training event for each of `trainings` that has none yet for `plan`
    (linked by a `link_model` row; run it again: nothing is added twice). The caller
    holds the transaction. The organiser adds the sessions and publishes it on the
    events pages."""
    existing = classes_of(link_model.objects.filter(plan=plan))
    made: list[Event] = []
    first_class = {key: events_[0] for key, events_ in existing.items() if events_}
    for training in ordered(trainings):
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
        link_model.objects.create(plan=plan, training_key=training.key, event=event)
        first_class[training.key] = event
        made.append(event)
    return made


def completions(
    keys_by_event: dict[int, str], employee_ids: Iterable[int]
) -> dict[int, dict[str, datetime]]:
    """For each person, the training keys whose class he or she completed, with the
    first completion. One query (none without people)."""
    employee_ids = list(employee_ids)
    done: dict[int, dict[str, datetime]] = defaultdict(dict)
    if not employee_ids:
        return done
    rows = Registration.objects.filter(
        event_id__in=list(keys_by_event) or [0],
        employee_id__in=employee_ids,
        completed_at__isnull=False,
    ).values_list("employee_id", "event_id", "completed_at")
    for employee_id, event_id, completed_at in rows:
        key = keys_by_event[event_id]
        first = done[employee_id].get(key)
        if first is None or completed_at < first:
            done[employee_id][key] = completed_at
    return done


def levels(
    trainings: Iterable[c.Training], keys_by_event: dict[int, str], employee_ids: Iterable[int]
) -> dict[int, Level]:
    """Each person's completed trainings among `trainings`, lowest first. One query."""
    employee_ids = list(employee_ids)
    order = ordered(trainings)
    if not order:
        return {pk: Level(()) for pk in employee_ids}
    done = completions(keys_by_event, employee_ids)
    return {pk: Level(tuple(t for t in order if t.key in done.get(pk, {}))) for pk in employee_ids}
