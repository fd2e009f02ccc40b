"""Typed views of a plan's validated configuration.

The plan YAML is validated against `schema.yaml` before it is stored, so these classes
read trusted data; they give other apps named attributes instead of dictionary keys and
the plan page its display labels. The enumerations below are the schema's enumerations
(tests keep the two in step).
"""

import calendar
from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

# Defaults used where a plan is silent (DESIGN.md, reference/FACTS.md).
DEFAULT_K_THRESHOLD = 5
DEFAULT_RETENTION_YEARS = 10  # Psychologists Act §25: at least 10 years
DEFAULT_OVERTIME = (45, 80, 100)  # FACTS.md "Overtime and workload thresholds"
CASE_CODE_PREFIX_LETTERS = 3  # without case_code_prefix: the slug's first letters (0004)
DEFAULT_STEP_ROLE = "counselor"  # who does a case-flow step the plan gives no role
DEFAULT_STEP_DEADLINE_HOURS = 72  # a step's deadline when the plan sets none
DEFAULT_EMERGENCY_ACCESS_HOURS = 24  # how long a break-glass opening of a case lasts


class ChannelKind(models.TextChoices):
    APPLICATION = "application", _("Application for counselling")
    HOTLINE = "hotline", _("Telephone line")
    EMAIL_STATION = "email_station", _("E-mail station")
    FACE_TO_FACE = "face_to_face", _("Face-to-face counselling")
    CLINIC = "clinic", _("Hospital clinic")
    EXTERNAL_PROVIDER = "external_provider", _("External counselling provider")
    LEGAL_ADVICE = "legal_advice", _("Legal advice")
    FINANCIAL_ADVICE = "financial_advice", _("Financial and tax advice")
    FAMILY_CARE_ADVICE = "family_care_advice", _("Family care advice")
    CONTACT_POINT = "contact_point", _("Contact point in each unit")


class ServiceModel(models.TextChoices):
    # The national framework's models (FACTS.md "The national framework").
    INTERNAL = "internal", _("Internal model (內置式)")
    EXTERNAL = "external", _("External provider (外置式)")
    JOINT = "joint", _("Joint model (聯合式)")
    MIXED = "mixed", _("Mixed model (混合式)")


class Cadence(models.TextChoices):
    MONTH = "month", _("Monthly")
    TWO_MONTHS = "two_months", _("Every two months")
    QUARTER = "quarter", _("Quarterly")
    HALF_YEAR = "half_year", _("Half-yearly")
    YEAR = "year", _("Yearly")
    PLAN_PERIOD = "plan_period", _("Over the plan period")
    AS_NEEDED = "as_needed", _("As needed")


class EventFormat(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    SUPPORT_GROUP = "support_group", _("Support group")
    LECTURE = "lecture", _("Lecture")
    COURSE = "course", _("Course series")
    TRAINING = "training", _("Training class")
    GROUP_COUNSELLING = "group_counselling", _("Group counselling")
    MENTORING = "mentoring", _("One-to-one mentoring talk")


class SizeRule(models.TextChoices):
    ABOUT = "about", _("about")
    AT_MOST = "at_most", _("at most")
    EXACTLY = "exactly", _("exactly")


class ServiceLevel(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual level")
    ORGANISATION = "organisation", _("Organisation and management level")


class ResourceKind(models.TextChoices):
    DIRECTORY = "directory", _("Resource directory")
    TOPIC_CHANNELS = "topic_channels", _("Topic channels")
    MAP = "map", _("Resource map")
    WEB_SECTION = "web_section", _("Web section")


class SurveyKind(models.TextChoices):
    NEEDS = "needs", _("Needs survey")
    SATISFACTION = "satisfaction", _("Satisfaction survey")
    STRESS = "stress", _("Work stress survey")


WEEKDAYS = {
    "mon": _("Monday"),
    "tue": _("Tuesday"),
    "wed": _("Wednesday"),
    "thu": _("Thursday"),
    "fri": _("Friday"),
    "sat": _("Saturday"),
    "sun": _("Sunday"),
}


def label_of(choices: type[models.TextChoices], value: str | None) -> str:
    if not value:
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _range(low: int | float | None, high: int | float | None) -> str:
    if low is None:
        return ""
    if high is None or high == low:
        return f"{low:g}"
    return f"{low:g}–{high:g}"


def month_list(months: list[int]) -> str:
    """11月、12月、1月、2月 (or "Nov, Dec, Jan, Feb" in English)."""
    if sorted(months) == list(range(1, 13)):
        return gettext("all year")
    separator = gettext(", ")
    if (get_language() or "").startswith("en"):
        return separator.join(calendar.month_abbr[m] for m in months)
    return separator.join(gettext("month %(number)d") % {"number": m} for m in months)


def roc_year(year: int) -> int:
    return year - 1911


@dataclass(frozen=True)
class Source:
    """A seed document a plan was written from; citations name it by `ref`."""

    ref: str
    title: str
    file: str = ""
    issued: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> "Source":
        return cls(data["ref"], data["title"], data.get("file", ""), data.get("issued", ""))


@dataclass(frozen=True)
class TimeSlot:
    weekdays: tuple[str, ...]
    start: str
    end: str
    place: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> "TimeSlot":
        return cls(tuple(data["weekdays"]), data["start"], data["end"], data.get("place", ""))

    @property
    def display(self) -> str:
        days = gettext(", ").join(str(WEEKDAYS[day]) for day in self.weekdays)
        text = f"{days} {self.start}–{self.end}"
        return f"{text} {self.place}" if self.place else text


@dataclass(frozen=True)
class Channel:
    """An intake or advice channel and its service times."""

    key: str
    kind: str
    name: str
    source: str
    provider: str = ""
    number: str = ""
    email: str = ""
    call_minutes: int | None = None
    reply_days: int | None = None
    reply_days_basis: str = "calendar"
    hours: str = ""
    schedule: tuple[TimeSlot, ...] = ()
    note: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> "Channel":
        return cls(
            key=data["key"],
            kind=data["kind"],
            name=data["name"],
            source=data["source"],
            provider=data.get("provider", ""),
            number=data.get("number", ""),
            email=data.get("email", ""),
            call_minutes=data.get("call_minutes"),
            reply_days=data.get("reply_days"),
            reply_days_basis=data.get("reply_days_basis", "calendar"),
            hours=data.get("hours", ""),
            schedule=tuple(TimeSlot.from_dict(slot) for slot in data.get("schedule", [])),
            note=data.get("note", ""),
        )

    @property
    def kind_label(self) -> str:
        return label_of(ChannelKind, self.kind)


@dataclass(frozen=True)
class CrisisLine:
    number: str
    name: str
    hours: str = ""
    note: str = ""
    source: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> "CrisisLine":
        return cls(
            data["number"],
            data["name"],
            data.get("hours", ""),
            data.get("note", ""),
            data.get("source", ""),
        )

    def as_dict(self) -> dict:
        """The shape core's footer reads: number, name, hours."""
        return {"number": self.number, "name": self.name, "hours": self.hours}


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class SurveyWindow:
    """A span, counted in months from the hire date, in which a questionnaire is due."""

    label: str
    start_months: int
    end_months: int
    source: str

    @classmethod
    def from_dict(cls, data: dict) -> "SurveyWindow":
        return cls(data["label"], data["start_months"], data["end_months"], data["source"])

    def dates_for(self, hire_date: date) -> tuple[date, date]:
        return add_months(hire_date, self.start_months), add_months(hire_date, self.end_months)


@dataclass(frozen=True)
class Survey:
    key: str
    kind: str
    name: str
    source: str
    when: str = ""
    months: tuple[int, ...] = ()
    after_each_service: bool = False

    @classmethod
    def from_dict(cls, data: dict) -> "Survey":
        return cls(
            key=data["key"],
            kind=data["kind"],
            name=data["name"],
            source=data["source"],
            when=data.get("when", ""),
            months=tuple(data.get("months", [])),
            after_each_service=data.get("after_each_service", False),
        )

    @property
    def kind_label(self) -> str:
        return label_of(SurveyKind, self.kind)

    @property
    def months_display(self) -> str:
        return month_list(list(self.months)) if self.months else ""


@dataclass(frozen=True)
class Training:
    """A care-worker class; `requires` names the classes to finish first."""

    key: str
    name: str
    source: str
    audience: str = ""
    content: str = ""
    certificate: bool = False
    requires: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: dict) -> "Training":
        return cls(
            key=data["key"],
            name=data["name"],
            source=data["source"],
            audience=data.get("audience", ""),
            content=data.get("content", ""),
            certificate=data.get("certificate", False),
            requires=tuple(data.get("requires", [])),
        )


@dataclass(frozen=True)
class AgeBand:
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
class EventSeries:
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

    @classmethod
    def from_dict(cls, data: dict) -> "EventSeries":
        return cls(
            name=data["name"],
            format=data["format"],
            source=data["source"],
            organiser=data.get("organiser", ""),
            sessions=data.get("sessions"),
            sessions_max=data.get("sessions_max"),
            per=data.get("per", ""),
            hours=data.get("hours"),
            hours_max=data.get("hours_max"),
            size=data.get("size"),
            size_rule=data.get("size_rule", "about"),
            fixed_membership=data.get("fixed_membership", False),
            audience_by_year=tuple(AgeBand(**band) for band in data.get("audience_by_year", [])),
            topics=tuple(data.get("topics", [])),
            note=data.get("note", ""),
        )

    @property
    def format_label(self) -> str:
        return label_of(EventFormat, self.format)

    @property
    def sessions_display(self) -> str:
        count = _range(self.sessions, self.sessions_max)
        if not count:
            return ""
        template = _PER_DISPLAY.get(self.per)
        return str(template) % {"count": count} if template else count

    @property
    def hours_display(self) -> str:
        hours = _range(self.hours, self.hours_max)
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
class TargetGroup:
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

    @classmethod
    def from_dict(cls, data: dict) -> "TargetGroup":
        return cls(
            key=data["key"],
            name=data["name"],
            source=data["source"],
            criteria=dict(data.get("criteria", {})),
            sensitive=data.get("sensitive", False),
            measures=tuple(data.get("measures", [])),
            events=tuple(EventSeries.from_dict(event) for event in data.get("events", [])),
            note=data.get("note", ""),
        )

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
            from anxin.people.models import SensitiveDeclaration

            parts.append(
                gettext("self-declared: %(attribute)s")
                % {"attribute": label_of(SensitiveDeclaration.Attribute, criteria["declared"])}
            )
        if "roles" in criteria:
            from anxin.people.models import RoleAssignment

            roles = gettext(", ").join(label_of(RoleAssignment.Role, r) for r in criteria["roles"])
            parts.append(gettext("roles: %(roles)s") % {"roles": roles})
        if criteria.get("designated"):
            parts.append(gettext("designated by the agency"))
        if criteria.get("text"):
            parts.append(criteria["text"])
        return gettext("; ").join(parts)


@dataclass(frozen=True)
class ServiceArea:
    key: str
    name: str
    source: str
    level: str = ""
    description: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> "ServiceArea":
        return cls(
            data["key"],
            data["name"],
            data["source"],
            data.get("level", ""),
            data.get("description", ""),
        )

    @property
    def level_label(self) -> str:
        return label_of(ServiceLevel, self.level)


@dataclass(frozen=True)
class ResourceCollection:
    """A set of resource categories: a directory's sections, a messenger's topic groups."""

    key: str
    name: str
    kind: str
    source: str
    categories: tuple[str, ...]
    medium: str = ""
    note: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> "ResourceCollection":
        return cls(
            key=data["key"],
            name=data["name"],
            kind=data["kind"],
            source=data["source"],
            categories=tuple(data.get("categories", [])),
            medium=data.get("medium", ""),
            note=data.get("note", ""),
        )

    @property
    def kind_label(self) -> str:
        return label_of(ResourceKind, self.kind)


@dataclass(frozen=True)
class Branch:
    when: str
    next: str


@dataclass(frozen=True)
class FlowStep:
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

    @classmethod
    def from_dict(cls, data: dict) -> "FlowStep":
        return cls(
            key=data["key"],
            action=data["action"],
            actor=data.get("actor", ""),
            next=data.get("next", ""),
            branches=tuple(Branch(**branch) for branch in data.get("branches", [])),
            confidential_record=data.get("confidential_record", False),
            note=data.get("note", ""),
            role=data.get("role", DEFAULT_STEP_ROLE),
            deadline_hours=data.get("deadline_hours", DEFAULT_STEP_DEADLINE_HOURS),
            notifies=tuple(data.get("notifies", [])),
        )

    @property
    def is_end(self) -> bool:
        return not self.next and not self.branches


@dataclass(frozen=True)
class CaseFlow:
    key: str
    name: str
    source: str
    trigger: str = ""
    reference: str = ""
    steps: tuple[FlowStep, ...] = ()
    note: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> "CaseFlow":
        return cls(
            key=data["key"],
            name=data["name"],
            source=data["source"],
            trigger=data.get("trigger", ""),
            reference=data.get("reference", ""),
            steps=tuple(FlowStep.from_dict(step) for step in data.get("steps", [])),
            note=data.get("note", ""),
        )

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


@dataclass(frozen=True)
class Duty:
    text: str
    months: tuple[int, ...] = ()
    period: str = ""

    @property
    def months_display(self) -> str:
        return month_list(list(self.months)) if self.months else ""


@dataclass(frozen=True)
class WorkingGroup:
    number: int
    name: str
    duties: tuple[Duty, ...]
    months: tuple[int, ...] = ()
    period: str = ""
    members_min: int | None = None
    members_max: int | None = None
    has_leader: bool = False
    source: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> "WorkingGroup":
        members = data.get("members", {})
        return cls(
            number=data["number"],
            name=data["name"],
            duties=tuple(
                Duty(duty["text"], tuple(duty.get("months", [])), duty.get("period", ""))
                for duty in data["duties"]
            ),
            months=tuple(data.get("months", [])),
            period=data.get("period", ""),
            members_min=members.get("min"),
            members_max=members.get("max"),
            has_leader=data.get("has_leader", False),
            source=data.get("source", ""),
        )

    @property
    def months_display(self) -> str:
        return month_list(list(self.months)) if self.months else ""

    @property
    def members_display(self) -> str:
        return _range(self.members_min, self.members_max)


@dataclass(frozen=True)
class Meeting:
    name: str
    cadence: str
    per_year: int
    source: str
    months: tuple[int, ...] = ()
    extraordinary: bool = False
    note: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> "Meeting":
        return cls(
            name=data["name"],
            cadence=data["cadence"],
            per_year=data["per_year"],
            source=data["source"],
            months=tuple(data.get("months", [])),
            extraordinary=data.get("extraordinary", False),
            note=data.get("note", ""),
        )

    @property
    def cadence_label(self) -> str:
        return label_of(Cadence, self.cadence)

    @property
    def months_display(self) -> str:
        return month_list(list(self.months)) if self.months else ""


@dataclass(frozen=True)
class GovernanceBody:
    """A steering group or working circle, its members and its meetings."""

    key: str
    name: str
    source: str
    convener: str = ""
    secretariat: str = ""
    composition: str = ""
    members_min: int | None = None
    members_max: int | None = None
    meetings: tuple[Meeting, ...] = ()
    groups: tuple[WorkingGroup, ...] = ()

    @classmethod
    def from_dict(cls, data: dict) -> "GovernanceBody":
        members = data.get("members", {})
        return cls(
            key=data["key"],
            name=data["name"],
            source=data["source"],
            convener=data.get("convener", ""),
            secretariat=data.get("secretariat", ""),
            composition=data.get("composition", ""),
            members_min=members.get("min"),
            members_max=members.get("max"),
            meetings=tuple(Meeting.from_dict(m) for m in data.get("meetings", [])),
            groups=tuple(WorkingGroup.from_dict(g) for g in data.get("groups", [])),
        )

    @property
    def members_display(self) -> str:
        return _range(self.members_min, self.members_max)


@dataclass(frozen=True)
class OvertimeThresholds:
    """Hours of overtime that raise the overtime-care signal (FACTS.md)."""

    enabled: bool = False
    avg_6_months_hours: int = DEFAULT_OVERTIME[0]
    avg_2_to_6_months_hours: int = DEFAULT_OVERTIME[1]
    previous_month_hours: int = DEFAULT_OVERTIME[2]
    source: str = ""

    @classmethod
    def from_dict(cls, data: dict | None) -> "OvertimeThresholds":
        return cls(**(data or {}))


@dataclass(frozen=True)
class BookingRules:
    """Cancellation and no-show rules of booked sessions (the `booking` key). A
    cancellation at least `cancel_hours_before` hours ahead gives the hours back; a later
    one, or not coming, keeps them charged when the plan says it counts."""

    cancel_hours_before: int = 24
    late_cancel_counts: bool = True
    no_show_counts: bool = True
    source: str = ""

    @classmethod
    def from_dict(cls, data: dict | None) -> "BookingRules":
        return cls(**(data or {}))


@dataclass(frozen=True)
class CertificateSettings:
    """Certificates of completion of events (the `certificates` key, decision 0010): the
    name printed as issuer (default: the authority's), the seal's image (a path under the
    media directory), and the share of a series' sessions a participant must attend."""

    issuer: str = ""
    seal_image: str = ""
    completion_share: int = 75
    source: str = ""

    @classmethod
    def from_dict(cls, data: dict | None) -> "CertificateSettings":
        return cls(**(data or {}))


@dataclass(frozen=True)
class OpenAnswerWords:
    """Stop words and synonyms a plan adds to the survey app's lists for summarising open
    answers as themes (the `open_answers` key; anxin/surveys/themes.py)."""

    stop_words: tuple[str, ...] = ()
    synonyms: dict = field(default_factory=dict)
    source: str = ""

    @classmethod
    def from_dict(cls, data: dict | None) -> "OpenAnswerWords":
        data = data or {}
        return cls(
            stop_words=tuple(data.get("stop_words", [])),
            synonyms=dict(data.get("synonyms", {})),
            source=data.get("source", ""),
        )
