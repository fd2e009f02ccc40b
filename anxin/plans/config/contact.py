"""Where staff reach the programme: the seed documents cited, intake and advice channels
with their service times, and the crisis lines."""

from dataclasses import dataclass

from django.utils.translation import gettext

from anxin.plans.config.build import Section
from anxin.plans.config.labels import WEEKDAYS, ChannelKind, label_of


@dataclass(frozen=True)
class Source(Section):
    """A seed document a plan was written from; citations name it by `ref`."""

    ref: str
    title: str
    file: str = ""
    issued: str = ""


@dataclass(frozen=True)
class TimeSlot(Section):
    weekdays: tuple[str, ...]
    start: str
    end: str
    place: str = ""

    @property
    def display(self) -> str:
        days = gettext(", ").join(str(WEEKDAYS[day]) for day in self.weekdays)
        text = f"{days} {self.start}–{self.end}"
        return f"{text} {self.place}" if self.place else text


@dataclass(frozen=True)
class Channel(Section):
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

    @property
    def kind_label(self) -> str:
        return label_of(ChannelKind, self.kind)


@dataclass(frozen=True)
class CrisisLine(Section):
    number: str
    name: str
    hours: str = ""
    note: str = ""
    source: str = ""

    def as_dict(self) -> dict:
        """The shape core's footer reads: number, name, hours."""
        return {"number": self.number, "name": self.name, "hours": self.hours}


@dataclass(frozen=True)
class AdviceSettings(Section):
    """Advice at fixed times (resources/advice): the channels whose schedule is cut into
    bookable slots, the length of a slot, how many weeks ahead slots are kept, and how
    much one employee may book: open bookings per service at a time, bookings a year
    (0: no yearly limit). No seed sets the limits: they are the authority's choice."""

    services: tuple[str, ...] = ()
    slot_minutes: int = 30
    weeks_ahead: int = 4
    open_per_service: int = 1
    per_year: int = 0
    source: str = ""
