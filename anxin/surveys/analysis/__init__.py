"""Survey analysis: counts, shares, means and 95% intervals per question, cross-tabs by the
breakdowns a survey declared, and trends across the years a questionnaire was put again
(docs/decisions/0014-survey-analysis.md).

Everything is computed from the surveys' sealed tallies (`ballots.SurveyTally`: counts,
sums and sums of squares per breakdown group, question and answer, added up by the batch
job; decision 0019), for a survey and all its earlier rounds together, never by loading
the answers. Every count goes through `anxin.core.kanon` with the plan's `k`, and
the totals that several tables share (a group's respondents, an answer's overall count)
are hidden alike in every table of the survey, so that no table gives away what another
hides. A mean or an interval is shown only when its group's count and every one of its
answer counts are (`means`, decision 0080).

The API the page, the PDF report and exports build on:

    survey_analysis(survey, *, k=None) -> SurveyAnalysis
    answer_attributes(survey, employee, *, on) -> dict                (at submission)
    open_answer_themes(survey, question_key, k=) -> list[ThemeRow]   (themes.py, k rule)

The package, by section: `statistics` (intervals), `breakdowns` (what is stored with an
answer, group order), `counting` (the tallies read back), `suppression` (the k rule across
tables), `results` (what is shown), `open_answers` (the themes hook), `plan` (the k),
`means` (means that would give hidden counts back), `building` (the analysis of a
survey). What a question type means for its analysis is its class in
anxin/surveys/questions/.
"""

from anxin.surveys.analysis.breakdowns import (
    AGE_LABELS,
    DIMENSIONS,
    answer_attributes,
    top_agency_id,
)
from anxin.surveys.analysis.building import reporting, survey_analysis
from anxin.surveys.analysis.open_answers import ThemeRow, open_answer_themes
from anxin.surveys.analysis.results import (
    Cell,
    QuestionResult,
    Row,
    SurveyAnalysis,
    Table,
    TrendPoint,
    is_closed,
)
from anxin.surveys.analysis.statistics import Moments, t_critical, wilson

__all__ = [
    "AGE_LABELS",
    "DIMENSIONS",
    "Cell",
    "Moments",
    "QuestionResult",
    "Row",
    "SurveyAnalysis",
    "Table",
    "ThemeRow",
    "TrendPoint",
    "answer_attributes",
    "is_closed",
    "open_answer_themes",
    "reporting",
    "survey_analysis",
    "t_critical",
    "top_agency_id",
    "wilson",
]
