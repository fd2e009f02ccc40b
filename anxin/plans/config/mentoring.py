"""Mentoring of new hires and the counselling room's interviews with personnel heads
(read by the care app: care/mentoring/, care/interviews/; decisions 0045, 0046)."""

from dataclasses import dataclass

from anxin.plans.config.build import Section
from anxin.plans.config.groups import Training

DEFAULT_MENTORING_WITHIN_MONTHS = 3  # hires of the last three months are proposed a mentor


@dataclass(frozen=True)
class Mentoring(Section):
    """One-to-one talks between a trained mentor and a new hire every `cadence_months`
    for `period_months` from the pairing; hires of the last `new_hire_within_months` of
    the `staff_categories` listed (none listed: every category) are proposed a mentor, and
    with `transfers_in` those who arrived from another agency in that time, whatever their
    category. A mentor is trained when he or she completed every class of `trainings`,
    generated as events (decision 0062)."""

    cadence_months: int
    period_months: int
    source: str
    new_hire_within_months: int = DEFAULT_MENTORING_WITHIN_MONTHS
    staff_categories: tuple[str, ...] = ()
    transfers_in: bool = False
    trainings: tuple[Training, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class PersonnelInterviews(Section):
    """The counselling room interviews each agency's personnel head once a year."""

    source: str
    text: str = ""
