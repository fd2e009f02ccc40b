"""The counselling room's interviews with personnel heads: scheduling, recording the
answers without names, and the themes across agencies (decision 0046).

The themes are a small word count of our own: the survey app's open-answer machinery is
not importable from care (the import contracts keep care away from surveys, so that
nothing of surveys ever feeds outreach). Each answer is cut into words (rjieba on the
simplified text from OpenCC `tw2s`, read back in the original characters), one-character
words and a few filler words are dropped, and a word counts once per agency. A word
stands as a theme only when at least MIN_AGENCIES agencies' answers give it, so that no
theme points at one agency's words.

The words are counted once, when an interview is recorded (`InterviewThemeCount`: how
many agencies of the authority gave a word in a year, per theme; a correction takes the
former words off first), so that the summary, its PDF and the evaluation dossier read
counts, never the sealed answers (decision 0063).

`yearly_themes()` is what the reports app reads for the evaluation dossier: counts of
agencies per word and theme, no answer, no agency, no name.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.care.interviews.models import Interview, InterviewThemeCount
from anxin.core.audit import read_sealed_fields
from anxin.core.locking import save_versioned
from anxin.core.notifications import notify
from anxin.core.pdf import html_pdf
from anxin.core.refusals import Refused
from anxin.core.sealed import seal_into
from anxin.people.models import Employee, OrgUnit, RoleAssignment
from anxin.people.roles import Role
from anxin.plans import config as c
from anxin.plans.services import plan_for_authority

THEMES = tuple(Interview.Theme.values)
ANSWER_MAX = 4000
READ_PURPOSE = "personnel_interview"
MIN_AGENCIES = 2
TOP_WORDS = 15
# The counselling room (and the personnel head) are reminded this many days before.
REMIND_DAYS_BEFORE = 7
# Who records the themes when no person is named (a command, the demo).
COUNTING = "interview themes"
WORD_MAX = 40  # InterviewThemeCount.word
AGENCY_KINDS = (OrgUnit.Kind.AGENCY, OrgUnit.Kind.SCHOOL)
# A title after a surname (王先生, 陳小姐): a person named, refused.
TITLED_NAME = re.compile(r"[\u4e00-\u9fff](?:先生|小姐|女士|太太)")
FILLER = frozenset(
    [
        "我們",
        "他們",
        "她們",
        "你們",
        "大家",
        "一些",
        "有些",
        "比較",
        "因為",
        "所以",
        "可能",
        "需要",
        "目前",
        "沒有",
        "非常",
        "主要",
        "情形",
        "部分",
        "相關",
        "進行",
        "以及",
        "或是",
        "還是",
        "已經",
        "覺得",
        "如果",
        "但是",
        "這些",
        "那些",
        "這個",
        "那個",
        "其中",
        "就是",
        "可以",
        "會有",
        "同仁",
    ]
)


def interviews_of(unit: OrgUnit, *, on: date | None = None) -> c.PersonnelInterviews | None:
    """The interview settings of the plan in force for `unit`'s authority (one query)."""
    plan = plan_for_authority(unit.root_id, on=on)
    return plan.personnel_interviews if plan else None


def agencies_in(scope: OrgUnit):
    return OrgUnit.objects.filter(
        scope.subtree_q(), kind__in=AGENCY_KINDS, is_active=True
    ).order_by("path")


@transaction.atomic
def interview_schedule(
    *, actor, scope: OrgUnit, agency: OrgUnit, scheduled_on: date, head_number: str = ""
) -> Interview:
    """Schedule the year's interview with an agency's personnel head (one a year); the
    head, named by employee number if the room wishes, is reminded before it."""
    if interviews_of(scope, on=scheduled_on) is None:
        raise Refused(
            "no_interviews", _("The plan in force does not set up interviews with personnel heads.")
        )
    if agency.kind not in AGENCY_KINDS or not scope.contains(agency):
        raise Refused("agency", _("Choose an agency or school of your scope."))
    if Interview.objects.filter(agency=agency, year=scheduled_on.year).exists():
        raise Refused(
            "already_scheduled", _("This agency's interview of that year is scheduled already.")
        )
    head = None
    if head_number.strip():
        head = Employee.objects.filter(
            agency.subtree_q("unit__"), number=head_number.strip(), is_active=True
        ).first()
        if head is None:
            raise Refused(
                "unknown_head",
                _("No active colleague of that agency has the employee number %(number)s.")
                % {"number": head_number.strip()},
            )
    return Interview.objects.create(
        agency=agency,
        year=scheduled_on.year,
        scheduled_on=scheduled_on,
        interviewer=actor,
        head=head,
    )


def names_in(agency: OrgUnit, texts: list[str]) -> bool:
    """Do the answers name a person: a colleague of the agency by name, or a surname
    with a title (王先生)? Simple on purpose; the form asks for no names anyway."""
    joined = "\n".join(texts)
    if TITLED_NAME.search(joined):
        return True
    names = Employee.objects.filter(agency.subtree_q("unit__")).values_list("name", flat=True)
    return any(len(name) >= 2 and name in joined for name in names)


@transaction.atomic
def interview_record(
    *,
    interview: Interview,
    answers: dict[str, str],
    expected_version: int,
    actor=COUNTING,
    role: str = "",
) -> Interview:
    """Record (or correct) the structured answers, sealed, and count their words for the
    year's themes (a correction takes the former words off first: that read is logged
    as `actor`'s). Refused when they name a person."""
    texts = {theme: answers.get(theme, "").strip()[:ANSWER_MAX] for theme in THEMES}
    if not any(texts.values()):
        raise Refused("empty", _("Write the answer to at least one theme."))
    if names_in(interview.agency, list(texts.values())):
        raise Refused(
            "names",
            _(
                "The answers seem to name a person. Describe situations and groups "
                "without names, then save again."
            ),
        )
    if interview.status == Interview.Status.RECORDED and not any(
        getattr(interview, theme) for theme in THEMES
    ):
        # Its words could not be taken off the year's counts: a correction would count twice.
        raise Refused(
            "emptied",
            _(
                "These answers were emptied at the end of their retention period and can "
                "no longer be corrected."
            ),
        )
    # One recording per authority at a time, so that two never count a word at once.
    authority_id = interview.agency.root_id
    list(OrgUnit.objects.select_for_update().filter(pk=authority_id).values_list("pk"))
    if interview.status == Interview.Status.RECORDED:
        former = read_sealed_fields(
            interview, THEMES, actor=actor, purpose=READ_PURPOSE, subject_uuid=None, role=role
        )
        _count(authority_id, interview.year, _theme_words(former), -1)
    for theme, text in texts.items():
        seal_into(interview, theme, text)
    interview.status = Interview.Status.RECORDED
    interview.recorded_at = timezone.now()
    save_versioned(
        interview,
        expected_version=expected_version,
        fields=[*THEMES, "status", "recorded_at"],
    )
    _count(authority_id, interview.year, _theme_words(texts), +1)
    return interview


def _theme_words(answers: dict) -> dict[str, set[str]]:
    return {
        theme: {w for w in words(str(answers.get(theme) or "")) if len(w) <= WORD_MAX}
        for theme in THEMES
    }


def _count(authority_id: int, year: int, found: dict[str, set[str]], step: int) -> None:
    """Add `step` agencies to each (theme, word); rows that fall to zero go. The caller
    holds the authority's lock."""
    pairs = [(theme, word) for theme, found_words in found.items() for word in found_words]
    if not pairs:
        return
    rows = InterviewThemeCount.objects.filter(authority_id=authority_id, year=year)
    match = Q()
    for theme, word in pairs:
        match |= Q(theme=theme, word=word)
    existing = set(rows.filter(match).values_list("theme", "word"))
    if existing:
        hit = Q()
        for theme, word in existing:
            hit |= Q(theme=theme, word=word)
        rows.filter(hit).update(agencies=F("agencies") + step)
    if step > 0:
        InterviewThemeCount.objects.bulk_create(
            InterviewThemeCount(
                authority_id=authority_id, year=year, theme=theme, word=word, agencies=step
            )
            for theme, word in pairs
            if (theme, word) not in existing
        )
    rows.filter(agencies__lte=0).delete()


def interview_answers(interview: Interview, *, actor, role: str) -> dict[str, str]:
    """The answers, for the counselling room (the caller checked), each read logged."""
    if interview.status != Interview.Status.RECORDED:
        return dict.fromkeys(THEMES, "")
    return read_sealed_fields(
        interview, THEMES, actor=actor, purpose=READ_PURPOSE, subject_uuid=None, role=role
    )


# --- themes across agencies -------------------------------------------------------------


@cache
def _tools():
    # Not a cycle: the segmenter is costly to load with the URLs (decision 0033).
    import opencc
    import rjieba

    return opencc.OpenCC("tw2s"), rjieba.Jieba()


def words(text: str) -> set[str]:
    """The distinct words of `text` that can make a theme, in its own characters."""
    converter, segmenter = _tools()
    simplified = converter.convert(text)
    if len(simplified) != len(text):  # not expected of tw2s; cut the original then
        simplified = text
    found: set[str] = set()
    at = 0
    for piece in segmenter.cut(simplified):
        word = text[at : at + len(piece)]
        at += len(piece)
        if len(word) < 2 or word in FILLER or not any("\u4e00" <= ch <= "\u9fff" for ch in word):
            continue
        found.add(word)
    return found


@dataclass(frozen=True)
class ThemeWords:
    theme: str
    label: str
    # (word, number of agencies whose answers give it), most frequent first.
    words: list[tuple[str, int]]


@dataclass(frozen=True)
class YearThemes:
    year: int
    interviews: int
    themes: list[ThemeWords]


def themes_for(scope: OrgUnit, year: int, *, min_agencies: int = MIN_AGENCIES) -> YearThemes:
    """The words given by at least `min_agencies` agencies, per theme, in the year's
    recorded interviews of `scope`'s authority, from the counts kept when each interview
    was recorded: no sealed answer is read. Two queries."""
    authority_id = scope.root_id
    recorded = Interview.objects.filter(
        agency__path__startswith=f"/{authority_id}/",
        year=year,
        status=Interview.Status.RECORDED,
    ).count()
    counts: dict[str, list[tuple[str, int]]] = {theme: [] for theme in THEMES}
    for theme, word, n in (
        InterviewThemeCount.objects.filter(
            authority_id=authority_id, year=year, agencies__gte=min_agencies
        )
        .order_by("theme", "-agencies", "word")
        .values_list("theme", "word", "agencies")
    ):
        if theme in counts and len(counts[theme]) < TOP_WORDS:
            counts[theme].append((word, n))
    labels = dict(Interview.Theme.choices)
    return YearThemes(
        year=year,
        interviews=recorded,
        themes=[ThemeWords(theme, str(labels[theme]), counts[theme]) for theme in THEMES],
    )


def themes_pdf(summary: YearThemes) -> bytes:
    """The year's summary as a tagged PDF: themes and counts only, no answer, no agency,
    no name."""
    html = render_to_string(
        "care/interviews/themes_pdf.html", {"summary": summary, "min_agencies": MIN_AGENCIES}
    )
    return html_pdf(html)


def yearly_themes(*, authority: OrgUnit, year: int) -> dict:
    """For the evaluation dossier (the reports app): the year's interviews counted and,
    per theme of 003 §伍.三.(二), the words several agencies gave with how many agencies
    gave each. No answer text, no agency, no name; read from the counts kept when each
    interview was recorded, so building the dossier opens no sealed answer."""
    result = themes_for(authority, year)
    return {
        "year": result.year,
        "interviews": result.interviews,
        "themes": {
            item.theme: {"label": item.label, "words": list(item.words)} for item in result.themes
        },
    }


# --- reminders --------------------------------------------------------------------------


def room_of(agency: OrgUnit) -> list:
    """The counselling room for `agency`: the intake coordinators whose scope covers it."""
    assignments = RoleAssignment.objects.filter(
        role=Role.INTAKE, user__is_active=True
    ).select_related("scope", "user")
    return [a.user for a in assignments if a.scope.contains(agency)]


@transaction.atomic
def interviews_remind(*, today: date) -> int:
    """Remind the counselling room (the interviewer and the intake coordinators of the
    agency) and the personnel head, if named and with an account, of each interview
    scheduled within REMIND_DAYS_BEFORE days; once per interview."""
    due = list(
        Interview.objects.filter(
            status=Interview.Status.SCHEDULED,
            reminded_on__isnull=True,
            scheduled_on__gte=today,
            scheduled_on__lte=today + timedelta(days=REMIND_DAYS_BEFORE),
        ).select_related("agency", "interviewer", "head__user")
    )
    sent = 0
    for interview in due:
        # Claimed first, in the notices' transaction: a second run tells nobody twice.
        if not Interview.objects.filter(pk=interview.pk, reminded_on__isnull=True).update(
            reminded_on=today
        ):
            continue
        notify(
            recipients=[interview.interviewer, *room_of(interview.agency)],
            template="interview_due_room",
            context={"due": interview.scheduled_on, "agency": interview.agency.name},
            url=reverse("care:interviews_detail", args=[interview.uuid]),
        )
        if interview.head and interview.head.user_id:
            notify(
                recipients=[interview.head.user],
                template="interview_due_head",
                context={"due": interview.scheduled_on},
            )
        sent += 1
    return sent


# --- retention ------------------------------------------------------------------------------

# The answers of a year are kept for that year and the next (the next interview compares,
# and the year's evaluation dossier is written early in the next), then emptied: the
# year's theme counts, which name nobody, stay (decision 0075).
KEEP_YEARS = 2


def interviews_purge(*, today: date) -> int:
    """Empty the sealed answers of interviews held before the last KEEP_YEARS years; how
    many interviews were emptied."""
    holding = Q()
    for theme in THEMES:
        holding |= ~Q(**{theme: ""})
    old = Interview.objects.filter(holding, year__lte=today.year - KEEP_YEARS)
    return old.update(**{theme: "" for theme in THEMES})
