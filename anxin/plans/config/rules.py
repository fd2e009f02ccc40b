"""Rules and thresholds a plan may set, each with Anxin's default where it is silent
(DESIGN.md, reference/FACTS.md)."""

from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class OvertimeThresholds(Section):
    """Hours of overtime that would raise the overtime-care signal (FACTS.md). Anxin shows
    them on the plan page and does not act on them yet."""

    enabled: bool = False
    avg_6_months_hours: int = DEFAULT_OVERTIME[0]
    avg_2_to_6_months_hours: int = DEFAULT_OVERTIME[1]
    previous_month_hours: int = DEFAULT_OVERTIME[2]
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
