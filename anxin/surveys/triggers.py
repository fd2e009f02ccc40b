"""Survey triggers: the day in a person's working life from which a person-relative
survey counts his or her answering window (docs/decisions/0013-survey-schedules.md,
0028-groups-in-counselling-and-survey-triggers.md).

Surveys owns the registry and knows none of the apps that fill it. Each schedule of
`Survey.Schedule` has one trigger, registered by the app that knows the day:

- the hire date: surveys itself, below (the employee's own record, in people);
- the closing of a counselling case: counselling, in `anxin/counseling/survey_triggers.py`;
- the end of an event's last session: events, in `anxin/events/survey_triggers.py`.

`SurveysConfig.ready()` imports every installed app's `survey_triggers` module. A trigger
gives, for the audience not yet invited (`people`, a queryset of employees) and the range
of anchor days that may open a window today, rows of (employee id, user id, anchor day).
A trigger whose survey is about one thing (an event) is given that thing's id as
`subject_id`; it may also list the things that ended within a unit (`subjects`, so that a
default survey is copied for each) and the things a survey may be about (`choices`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet
from django.utils.module_loading import autodiscover_modules

from anxin.surveys.models import Survey

# (employee id, user id or None, anchor day)
AnchorRow = tuple[int, int | None, date]


@dataclass(frozen=True)
class Subject:
    """A thing a survey is about (an event): its id, its title, when it ended."""

    pk: int
    title: str
    ended_at: datetime


@dataclass(frozen=True)
class Trigger:
    schedule: str
    # anchors(*, people, low, high, now, subject_id) -> rows; `low` and `high` are days.
    anchors: Callable[..., Iterable[AnchorRow]]
    # subjects(*, within, ended_from, now, excluding) -> the subjects of `within`'s subtree
    # whose end lies between `ended_from` and `now`, but those of `excluding` (their ids).
    subjects: Callable[..., list[Subject]] | None = None
    # choices(*, within) -> a queryset of the subjects a survey of `within` may be about.
    choices: Callable[..., QuerySet] | None = None


_triggers: dict[str, Trigger] = {}


def survey_trigger_register(
    *,
    schedule: str,
    anchors: Callable[..., Iterable[AnchorRow]],
    subjects: Callable[..., list[Subject]] | None = None,
    choices: Callable[..., QuerySet] | None = None,
) -> None:
    if schedule not in Survey.Schedule.values:
        raise ValueError(f"no survey schedule is called {schedule!r}")
    trigger = Trigger(schedule, anchors, subjects, choices)
    known = _triggers.get(schedule)
    if known is not None and known != trigger:
        raise ValueError(f"the survey schedule {schedule!r} has a trigger already")
    _triggers[schedule] = trigger


def trigger_for(schedule: str) -> Trigger | None:
    """The trigger of a schedule; None when no installed app registered one."""
    return _triggers.get(schedule)


def subject_choices(schedule: str, *, within) -> QuerySet:
    """The things a survey of `within` with this schedule may be about (the events it
    organised); none when the schedule's trigger knows of no such things."""
    trigger = trigger_for(schedule)
    if trigger is None or trigger.choices is None:
        return Survey._meta.get_field("event").related_model.objects.none()
    return trigger.choices(within=within)


def autodiscover() -> None:
    """Import each installed app's `survey_triggers` module (from `SurveysConfig.ready()`)."""
    autodiscover_modules("survey_triggers")


# --- the hire date: surveys' own trigger -------------------------------------------------


def hire_date_anchors(*, people, low: date, high: date, now: datetime, subject_id=None):
    """The new-hire questionnaire: each person counted from his or her hire date."""
    return people.filter(hire_date__range=(low, high)).values_list("pk", "user_id", "hire_date")


survey_trigger_register(schedule=Survey.Schedule.HIRE_DATE, anchors=hire_date_anchors)
