"""Questionnaires a plan schedules: the new-hire windows and the yearly surveys."""

from dataclasses import dataclass
from datetime import date

from anxin.plans.config.build import Section
from anxin.plans.config.labels import SurveyKind, add_months, label_of, month_list


@dataclass(frozen=True)
class SurveyWindow(Section):
    """A span, counted in months from the hire date, in which a questionnaire is due."""

    label: str
    start_months: int
    end_months: int
    source: str

    def dates_for(self, hire_date: date) -> tuple[date, date]:
        return add_months(hire_date, self.start_months), add_months(hire_date, self.end_months)


@dataclass(frozen=True)
class Survey(Section):
    key: str
    kind: str
    name: str
    source: str
    when: str = ""
    months: tuple[int, ...] = ()
    after_each_service: bool = False

    @property
    def kind_label(self) -> str:
        return label_of(SurveyKind, self.kind)

    @property
    def months_display(self) -> str:
        return month_list(list(self.months)) if self.months else ""
