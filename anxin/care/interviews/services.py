"""The counselling room's interviews with personnel heads: scheduling, recording the
answers without names, and the themes across agencies (decision 0046).

The themes are a small word count of our own: the survey app's open-answer machinery is
not importable from care (the import contracts keep care away from surveys, so that
nothing of surveys ever feeds outreach). Each answer is cut into words (rjieba on the
simplified text from OpenCC `tw2s`, read back in the original characters), one-character
words and a few filler words are dropped, and a word counts once per agency. A word
stands as a theme only when at least MIN_AGENCIES agencies' answers give it, so that no
theme points at one agency's words.

`yearly_themes()` is what the reports app reads for the evaluation dossier: counts of
agencies per word and theme, no answer, no agency, no name.
"""

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.care.interviews.models import Interview
from anxin.core.audit import read_sealed_fields
from anxin.core.locking import save_versioned
from anxin.core.refusals import Refused
from anxin.core.sealed import seal_into
from anxin.people.models import Employee, OrgUnit
from anxin.plans import config as c
from anxin.plans.services import plan_for_authority

THEMES = tuple(Interview.Theme.values)
ANSWER_MAX = 4000
READ_PURPOSE = "personnel_interview"
MIN_AGENCIES = 2
TOP_WORDS = 15
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
def interview_schedule(*, actor, scope: OrgUnit, agency: OrgUnit, scheduled_on: date) -> Interview:
    """Schedule the year's interview with an agency's personnel head (one a year)."""
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
    return Interview.objects.create(
        agency=agency, year=scheduled_on.year, scheduled_on=scheduled_on, interviewer=actor
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
    *, interview: Interview, answers: dict[str, str], expected_version: int
) -> Interview:
    """Record (or correct) the structured answers, sealed; refused when they name a
    person."""
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
    for theme, text in texts.items():
        seal_into(interview, theme, text)
    interview.status = Interview.Status.RECORDED
    interview.recorded_at = timezone.now()
    save_versioned(
        interview,
        expected_version=expected_version,
        fields=[*THEMES, "status", "recorded_at"],
    )
    return interview


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


def themes_for(
    scope: OrgUnit, year: int, *, actor, role: str = "", min_agencies: int = MIN_AGENCIES
) -> YearThemes:
    """The words given by at least `min_agencies` agencies, per theme, for one year's
    recorded interviews in `scope`. Every answer read is logged (one query for the
    interviews; the log rows as each read needs)."""
    recorded = list(
        Interview.objects.filter(
            scope.subtree_q("agency__"), year=year, status=Interview.Status.RECORDED
        ).order_by("agency__path")
    )
    counts = {theme: Counter() for theme in THEMES}
    for interview in recorded:
        answers = read_sealed_fields(
            interview, THEMES, actor=actor, purpose=READ_PURPOSE, subject_uuid=None, role=role
        )
        for theme in THEMES:
            counts[theme].update(words(str(answers[theme] or "")))
    labels = dict(Interview.Theme.choices)
    return YearThemes(
        year=year,
        interviews=len(recorded),
        themes=[
            ThemeWords(
                theme,
                str(labels[theme]),
                sorted(
                    ((word, n) for word, n in counts[theme].items() if n >= min_agencies),
                    key=lambda item: (-item[1], item[0]),
                )[:TOP_WORDS],
            )
            for theme in THEMES
        ],
    )


def yearly_themes(*, authority: OrgUnit, year: int) -> dict:
    """For the evaluation dossier (the reports app): the year's interviews counted and,
    per theme of 003 §伍.三.(二), the words several agencies gave with how many agencies
    gave each. No answer text, no agency, no name. The reads are logged as the job's."""
    result = themes_for(authority, year, actor="evaluation dossier")
    return {
        "year": result.year,
        "interviews": result.interviews,
        "themes": {
            item.theme: {"label": item.label, "words": list(item.words)} for item in result.themes
        },
    }
