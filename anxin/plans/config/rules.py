"""Rules and thresholds a plan may set, each with Anxin's default where it is silent
(DESIGN.md, reference/FACTS.md)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from anxin.plans.config.build import Section

DEFAULT_RETENTION_YEARS = 10  # Psychologists Act §25: at least 10 years
DEFAULT_OVERTIME = (45, 80, 100)  # FACTS.md "Overtime and workload thresholds"
CASE_CODE_PREFIX_LETTERS = 3  # without case_code_prefix: the slug's first letters (0004)
DEFAULT_EMERGENCY_ACCESS_HOURS = 24  # how long a break-glass opening of a case lasts
DEFAULT_EMAIL_REPLY_MINUTES = 30  # the counselling time one e-mail station reply stands for


@dataclass(frozen=True)
class Statement(Section):
    """A rule the plan states in words (ethics, leave), shown as written."""

    text: str
    source: str = ""


@dataclass(frozen=True)
class Form(Section):
    """A paper form the plan annexes; shown on the plan page."""

    key: str
    name: str
    source: str
    annex: str = ""


@dataclass(frozen=True)
class CounsellingQuota(Section):
    """Free counselling hours per person per year and which channels' time they count
    (decision 0009)."""

    hours_per_year: int | None = None
    counts: tuple[str, ...] | None = None
    email_reply_minutes: int = DEFAULT_EMAIL_REPLY_MINUTES
    text: str = ""
    source: str = ""


@dataclass(frozen=True)
class SelfTest(Section):
    """How often staff are invited to a self-test and which instruments are offered."""

    cadence_months: int | None = None
    instruments: tuple[str, ...] = ()
    text: str = ""
    source: str = ""


# The outcome measure when a plan has no `outcomes` section (decisions 0072, 0079).
DEFAULT_OUTCOME_INSTRUMENT = "who5"
NO_OUTCOME_MEASURE = "none"


@dataclass(frozen=True)
class OutcomeSettings(Section):
    """The well-being questionnaire a counselling case offers at its start and close
    (decisions 0072, 0079): the measure's key (`none`: no questionnaire), and the days
    after the close when the employee is reminded once of the closing answer and when
    the request lapses. Without the section: WHO-5, 14 and 60 days."""

    instrument: str = DEFAULT_OUTCOME_INSTRUMENT
    remind_after_days: int = 14
    lapse_after_days: int = 60
    source: str = ""

    @property
    def offered(self) -> bool:
        return self.instrument != NO_OUTCOME_MEASURE


@dataclass(frozen=True)
class OvertimeThresholds(Section):
    """Hours of overtime that raise the overtime-care signal (FACTS.md), read by the care
    network's outreach (anxin/care/outreach/, decision 0047): above a threshold the
    employee gets the neutral invitation; `names_to` says whether a care prompt naming
    the person goes to his or her supervisors or HR officers ("nobody": counts by unit
    only, through the k rule)."""

    NAMES_TO = ("nobody", "supervisor", "hr")

    enabled: bool = False
    avg_6_months_hours: int = DEFAULT_OVERTIME[0]
    avg_2_to_6_months_hours: int = DEFAULT_OVERTIME[1]
    previous_month_hours: int = DEFAULT_OVERTIME[2]
    names_to: str = "nobody"
    source: str = ""


LIFE_EVENTS = (
    "marriage",
    "birth",
    "bereavement",
    "retirement",
    "transfer",
    "unpaid_leave",
    "return",
)


def life_event_labels() -> dict:
    """The life events in words (the care network's outreach uses the same keys)."""
    return {
        "marriage": _("marriage"),
        "birth": _("birth of a child"),
        "bereavement": _("bereavement"),
        "retirement": _("retirement"),
        "transfer": _("transfer"),
        "unpaid_leave": _("unpaid leave"),
        "return": _("return from unpaid leave"),
    }


@dataclass(frozen=True)
class FamilyCareLeave(Section):
    """Family-care leave days that raise the carers' signal: at least `days` days over
    the last `window_months` months."""

    days: int
    window_months: int


@dataclass(frozen=True)
class OutreachSettings(Section):
    """Outreach that offers help to the person only (the `outreach` key, decision 0047):
    the life events after which the employee is invited, the family-care leave that
    raises the carers' signal (None: no such signal), and the quiet period: at most one
    outreach message to a person within `quiet_days` days, whatever the reason (decision
    0064; the seeds give none, 30 days is the authority's choice)."""

    life_events: tuple[str, ...] = ()
    family_care_leave: FamilyCareLeave | None = None
    quiet_days: int = 30
    source: str = ""


@dataclass(frozen=True)
class BookingRules(Section):
    """Cancellation and no-show rules of booked sessions (the `booking` key). A
    cancellation at least `cancel_hours_before` hours ahead gives the hours back; a later
    one, or not coming, keeps them charged when the plan says it counts."""

    cancel_hours_before: int = 24
    late_cancel_counts: bool = True
    no_show_counts: bool = True
    source: str = ""


@dataclass(frozen=True)
class CertificateSettings(Section):
    """Certificates of completion of events (the `certificates` key, decision 0010): the
    name printed as issuer (default: the authority's), the seal's image (a path under the
    media directory), and the share of a series' sessions a participant must attend."""

    issuer: str = ""
    seal_image: str = ""
    completion_share: int = 75
    source: str = ""


@dataclass(frozen=True)
class OpenAnswerWords(Section):
    """Stop words and synonyms a plan adds to the survey app's lists for summarising open
    answers as themes (the `open_answers` key; anxin/surveys/themes.py)."""

    stop_words: tuple[str, ...] = ()
    synonyms: dict = field(default_factory=dict)
    source: str = ""
