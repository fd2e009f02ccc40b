"""Steering groups and working circles, their members, meetings and duties."""

from dataclasses import dataclass

from anxin.plans.config.build import Section, from_key
from anxin.plans.config.labels import Cadence, label_of, month_list, span


@dataclass(frozen=True)
class Duty(Section):
    text: str
    months: tuple[int, ...] = ()
    period: str = ""

    @property
    def months_display(self) -> str:
        return month_list(list(self.months)) if self.months else ""


@dataclass(frozen=True)
class WorkingGroup(Section):
    number: int
    name: str
    duties: tuple[Duty, ...]
    months: tuple[int, ...] = ()
    period: str = ""
    members_min: int | None = from_key("members", "min", default=None)
    members_max: int | None = from_key("members", "max", default=None)
    has_leader: bool = False
    source: str = ""

    @property
    def months_display(self) -> str:
        return month_list(list(self.months)) if self.months else ""

    @property
    def members_display(self) -> str:
        return span(self.members_min, self.members_max)


@dataclass(frozen=True)
class Meeting(Section):
    name: str
    cadence: str
    per_year: int
    source: str
    months: tuple[int, ...] = ()
    extraordinary: bool = False
    note: str = ""

    @property
    def cadence_label(self) -> str:
        return label_of(Cadence, self.cadence)

    @property
    def months_display(self) -> str:
        return month_list(list(self.months)) if self.months else ""


@dataclass(frozen=True)
class GovernanceBody(Section):
    """A steering group or working circle, its members and its meetings."""

    key: str
    name: str
    source: str
    convener: str = ""
    secretariat: str = ""
    composition: str = ""
    members_min: int | None = from_key("members", "min", default=None)
    members_max: int | None = from_key("members", "max", default=None)
    meetings: tuple[Meeting, ...] = ()
    groups: tuple[WorkingGroup, ...] = ()

    @property
    def members_display(self) -> str:
        return span(self.members_min, self.members_max)


@dataclass(frozen=True)
class RewardRule(Section):
    """A ground for rewarding someone who carried the programme (004 §肆): `rule` names
    how Anxin finds the candidates, `body` the body whose members it looks at."""

    rule: str
    text: str
    source: str
    body: str = ""
