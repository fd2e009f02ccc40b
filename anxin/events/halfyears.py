"""Half-years, the period of an events season. Their own module, below the models (a
season's label) and the season generator, which both need them."""

import calendar
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext

from anxin.core.roc import roc_year


@dataclass(frozen=True)
class HalfYear:
    year: int
    half: int  # 1: January to June, 2: July to December

    @classmethod
    def of(cls, day: date) -> "HalfYear":
        return cls(day.year, 1 if day.month <= 6 else 2)

    @classmethod
    def parse(cls, value: str) -> "HalfYear":
        year, half = value.split("-")
        return cls(int(year), int(half))

    @property
    def key(self) -> str:
        return f"{self.year}-{self.half}"

    @property
    def start(self) -> date:
        return date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> date:
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)

    def next(self) -> "HalfYear":
        return HalfYear(self.year, 2) if self.half == 1 else HalfYear(self.year + 1, 1)

    @property
    def label(self) -> str:
        text = (
            gettext("%(year)d, first half") if self.half == 1 else gettext("%(year)d, second half")
        )
        return text % {"year": roc_year(self.start)}

    def months(self, first: int, count: int) -> tuple[date, date]:
        """The window of `count` months starting at the half's month `first` (0-based)."""
        start_month = self.start.month + first
        end_month = start_month + count - 1
        last_day = calendar.monthrange(self.year, end_month)[1]
        return date(self.year, start_month, 1), date(self.year, end_month, last_day)
