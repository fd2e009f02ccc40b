"""Whom a plan singles out and what it offers them: target groups and their event series,
service areas, resource collections and care-worker trainings."""

from dataclasses import dataclass, field

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from anxin.core.roc import roc_year
from anxin.people.models import Role, SensitiveDeclaration
from anxin.plans.config.build import Section
from anxin.plans.config.labels import (
    Cadence,
    EventFormat,
    ResourceKind,
    ServiceLevel,
    SizeRule,
    label_of,
    span,
)


@dataclass(frozen=True)
class AgeBand(Section):
    year: int
    min_age: int | None = None
    max_age: int | None = None

    @property
    def display(self) -> str:
        year = roc_year(self.year)
        if self.min_age is not None and self.max_age is not None:
            return gettext("%(year)d: aged %(low)d to %(high)d") % {
                "year": year,
                "low": self.min_age,
                "high": self.max_age,
            }
        if self.min_age is not None:
            return gettext("%(year)d: aged %(low)d or over") % {"year": year, "low": self.min_age}
        return gettext("%(year)d: under %(high)d") % {"year": year, "high": self.max_age}


_PER_DISPLAY = {
    Cadence.MONTH: _("%(count)s per month"),
    Cadence.TWO_MONTHS: _("%(count)s every two months"),
    Cadence.QUARTER: _("%(count)s per quarter"),
    Cadence.HALF_YEAR: _("%(count)s per half-year"),
    Cadence.YEAR: _("%(count)s per year"),
    Cadence.PLAN_PERIOD: _("%(count)s in the plan period"),
    Cadence.AS_NEEDED: _("%(count)s as needed"),
}


@dataclass(frozen=True)
class EventSeries(Section):
    """Events a plan promises a target group: how many, how long, for how many people."""

    name: str
    format: str
    source: str
    organiser: str = ""
    sessions: int | None = None
    sessions_max: int | None = None
    per: str = ""
    hours: float | None = None
    hours_max: float | None = None
    size: int | None = None
    size_rule: str = "about"
    fixed_membership: bool = False
    audience_by_year: tuple[AgeBand, ...] = ()
    topics: tuple[str, ...] = ()
    note: str = ""

    @property
    def format_label(self) -> str:
        return label_of(EventFormat, self.format)

    @property
    def sessions_display(self) -> str:
        count = span(self.sessions, self.sessions_max)
        if not count:
            return ""
        template = _PER_DISPLAY.get(self.per)
        return str(template) % {"count": count} if template else count

    @property
    def hours_display(self) -> str:
        hours = span(self.hours, self.hours_max)
        return gettext("%(hours)s hours each") % {"hours": hours} if hours else ""

    @property
    def size_display(self) -> str:
        if self.size is None:
            return ""
        text = {
            SizeRule.ABOUT: gettext("about %(size)d people"),
            SizeRule.AT_MOST: gettext("at most %(size)d people"),
            SizeRule.EXACTLY: gettext("%(size)d people"),
        }[SizeRule(self.size_rule)] % {"size": self.size}
        if self.fixed_membership:
            return gettext("%(size)s, fixed members") % {"size": text}
        return text


@dataclass(frozen=True)
class TargetGroup(Section):
    """A group of staff the plan singles out, how it is found, and its events.

    `sensitive` groups (disability, carers, age, ...) fall under DESIGN.md invariant 10:
    organisers never see the attributes, rosters are for the facilitator and members."""

    key: str
    name: str
    source: str
    criteria: dict = field(default_factory=dict)
    sensitive: bool = False
    measures: tuple[str, ...] = ()
    events: tuple[EventSeries, ...] = ()
    note: str = ""

    @property
    def criteria_display(self) -> str:
        parts = []
        criteria = self.criteria
        if criteria.get("all_staff"):
            parts.append(gettext("all staff served by the plan"))
        if "new_hire_within_months" in criteria:
            parts.append(
                gettext("joined within %(months)d months")
                % {"months": criteria["new_hire_within_months"]}
            )
        if "min_age" in criteria:
            parts.append(gettext("aged %(age)d or over") % {"age": criteria["min_age"]})
        if "max_age" in criteria:
            parts.append(gettext("aged %(age)d or under") % {"age": criteria["max_age"]})
        if "declared" in criteria:
            parts.append(
                gettext("self-declared: %(attribute)s")
                % {"attribute": label_of(SensitiveDeclaration.Attribute, criteria["declared"])}
            )
        if "roles" in criteria:
            roles = gettext(", ").join(label_of(Role, r) for r in criteria["roles"])
            parts.append(gettext("roles: %(roles)s") % {"roles": roles})
        if criteria.get("designated"):
            parts.append(gettext("designated by the agency"))
        if criteria.get("text"):
            parts.append(criteria["text"])
        return gettext("; ").join(parts)


@dataclass(frozen=True)
class TopicChannel(Section):
    """A topic channel the plan names (resources/channels opens one per entry)."""

    key: str
    name: str
    source: str
    medium: str = ""
    note: str = ""


@dataclass(frozen=True)
class ServiceArea(Section):
    key: str
    name: str
    source: str
    level: str = ""
    description: str = ""

    @property
    def level_label(self) -> str:
        return label_of(ServiceLevel, self.level)


@dataclass(frozen=True)
class ResourceCollection(Section):
    """A set of resource categories: a directory's sections, a messenger's topic groups."""

    key: str
    name: str
    kind: str
    source: str
    categories: tuple[str, ...]
    medium: str = ""
    note: str = ""

    @property
    def kind_label(self) -> str:
        return label_of(ResourceKind, self.kind)


@dataclass(frozen=True)
class Training(Section):
    """A care-worker class; `requires` names the classes to finish first (generated as
    events by anxin/care/workers/training.py)."""

    key: str
    name: str
    source: str
    audience: str = ""
    content: str = ""
    certificate: bool = False
    requires: tuple[str, ...] = ()


@dataclass(frozen=True)
class Commendation(Section):
    """Who the yearly commendation list proposes (004 §肆.二): care workers with at least
    `min_activities` recorded in the year and, if named, the `training` completed."""

    source: str
    min_activities: int = 1
    training: str = ""


@dataclass(frozen=True)
class CareWorkers(Section):
    """How a plan sets up its care workers (關懷員): the coverage each department needs,
    the term of office, the classes (anxin/care/workers/ acts on these; the texts are
    shown)."""

    source: str = ""
    min_per_department: int | None = None
    term_years: int | None = None
    # How often the care-worker group meets, in months (anxin/care/workers/meetings.py).
    meeting_months: int | None = None
    commendation: Commendation | None = None
    coordinator: str = ""
    recruitment: str = ""
    tasks: tuple[str, ...] = ()
    trainings: tuple[Training, ...] = ()
