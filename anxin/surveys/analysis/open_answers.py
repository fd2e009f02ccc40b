"""The hook for open-answer themes (anxin/surveys/themes.py): themes as the page and the
report show them, through the k rule."""

from __future__ import annotations

from dataclasses import dataclass

from anxin.core import kanon
from anxin.surveys.models import Survey
from anxin.surveys.themes import themes_for


@dataclass(frozen=True)
class ThemeRow:
    """A theme as shown: its count through the k rule, its examples (only when at least k
    people gave it, decided in `themes.summarise`) and the words grouped under it."""

    label: str
    count: kanon.Display
    examples: list[str]
    terms: tuple[str, ...]


def open_answer_themes(survey: Survey, question_key: str, *, k: int) -> list[ThemeRow]:
    """The themes of a question's open answers (anxin/surveys/themes.py), for the page and
    the report. A theme given by fewer than k people shows "fewer than k", not its count."""
    return [
        ThemeRow(
            label=theme.label,
            count=kanon.group_display(theme.count, theme.count, k=k),
            examples=list(theme.examples),
            terms=tuple(theme.terms),
        )
        for theme in themes_for(survey, question_key)
    ]
