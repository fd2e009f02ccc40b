"""The results of a survey as files (docs/decisions/0016-survey-report.md): the results
tables as ODS, XLSX or CSV, and the PDF report with charts.

Both are built from one `survey_analysis()` per export, and write exactly what the analysis
page shows: a count, share, mean or interval the analysis hides is written as
`kanon.MARKER` ("*"), never as a number (the hidden number never reaches this module: a
suppressed `kanon.Entry` carries none). Themes of open answers keep their k rule: a theme
under k shows the marker and no example. Like the page, results are given only once the
survey has closed, and like the raw export only when it has at least k answers.

The tables are "long": one row per question and answer (and per group, or per year), so
that a spreadsheet sorts, filters and pivots them; the PDF shows the same figures as
cross-tabs with the page's charts.

    refuse_unless_reportable(survey) -> int          (Refused: open, or under k)
    results_tables(result) -> list[(sheet name, header, rows)]
    results_export(survey, fmt, *, on_start=, progress=) -> bytes
    report_pdf(survey, *, on_start=, progress=) -> bytes
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from anxin.core import kanon
from anxin.core.pdf import html_pdf
from anxin.core.refusals import Refused
from anxin.core.roc import format_long, roc_year
from anxin.surveys import analysis, charts, exports
from anxin.surveys.analysis import QuestionResult, Row, SurveyAnalysis
from anxin.surveys.models import Survey

Value = exports.Value
Table = tuple[str, list[str], list[list[Value]]]
Progress = Callable[[int], object] | None


def refuse_unless_reportable(survey: Survey) -> int:
    """The number of answers, if the survey's results may be exported: it has closed (the
    analysis rule) and has at least k answers (the raw export's rule). Refused
    otherwise."""
    if not analysis.is_closed(survey):
        raise Refused(
            "open",
            _(
                "Results can be exported after the survey closes on %(day)s: while it is "
                "open, two exports a day apart could be compared to learn one person's answer."
            )
            % {"day": format_long(survey.closes_on)},
        )
    return exports.refuse_unless_exportable(survey)


# --- figures as cells ----------------------------------------------------------------------


def figure(value: kanon.Display | kanon.Entry | None) -> Value:
    """A figure as a spreadsheet cell: a number when shown, the marker when hidden, "-"
    for a share or mean of nobody, empty when there is none."""
    if value is None:
        return None
    if isinstance(value, kanon.Entry):
        value = value.display
    if value.suppressed:
        return kanon.MARKER
    if value.text == kanon.NOTHING:
        return kanon.NOTHING
    return float(value.text) if "." in value.text else int(value.text)


def _share_interval(cell: analysis.Cell) -> tuple[Value, Value]:
    """The 95% interval of an answer's share, as the page shows it."""
    if cell.low is not None:
        return figure(cell.low), figure(cell.high)
    if cell.percent.suppressed:
        return kanon.MARKER, kanon.MARKER
    return kanon.NOTHING, kanon.NOTHING


def _mean(result: QuestionResult, row: Row) -> list[Value]:
    if not result.has_mean:
        return [None, None, None]
    return [figure(row.mean), figure(row.low), figure(row.high)]


def _question(result: QuestionResult) -> list[Value]:
    return [result.question.number, result.question.text]


# --- the results tables --------------------------------------------------------------------


def _headers() -> dict[str, list[str]]:
    question = [_("Question no."), _("Question")]
    mean = [_("Mean"), _("Mean: lower bound (95%)"), _("Mean: upper bound (95%)")]
    return {
        "overview": [_("Item"), _("Details")],
        "answers": [
            *question,
            _("Answer given"),
            _("Count"),
            _("Percentage (%)"),
            _("Percentage: lower bound (95%)"),
            _("Percentage: upper bound (95%)"),
            *mean,
        ],
        "groups": [
            *question,
            None,
            _("Answer given"),
            _("Count"),
            _("Percentage of the group (%)"),
            *mean,
        ],
        "themes": [
            *question,
            _("Theme"),
            _("Number of answers"),
            _("Words grouped under it"),
            *(_("Example %(number)s") % {"number": n} for n in range(1, 4)),
        ],
    }


def overview_rows(result: SurveyAnalysis) -> list[list[Value]]:
    survey = result.survey
    rows: list[list[Value]] = [
        [_("Survey"), survey.title],
        [_("Survey year (ROC)"), roc_year(survey.opens_on)],
        [
            _("Survey period"),
            _("%(first)s to %(last)s")
            % {"first": format_long(survey.opens_on), "last": format_long(survey.closes_on)},
        ],
        [_("Respondents"), figure(result.respondents)],
        [_("Smallest group shown (k)"), result.k],
        [_("About hidden figures"), suppression_note(result.k)],
        [
            _("Broken down by"),
            "、".join(label for _key, label in result.dimensions) or _("No breakdown"),
        ],
    ]
    for dimension, label in result.dimensions:
        table = result.groups[dimension]
        for row in table.rows:
            name = _("Respondents by %(dimension)s: %(group)s") % {
                "dimension": label,
                "group": row.label,
            }
            rows.append([name, figure(row.n)])
    rows.append([_("Exported on"), format_long(timezone.localdate())])
    return rows


def suppression_note(k: int) -> str:
    return _(
        "Totals only: no individual answer is shown. Numbers about fewer than %(k)s people, "
        "and numbers that would reveal them, are hidden and shown as *; so are the means and "
        "intervals of groups whose answers are partly hidden."
    ) % {"k": k}


def answer_rows(result: QuestionResult) -> list[list[Value]]:
    """A question's answers with count, percentage and its interval, then the number who
    answered with the mean and its interval."""
    rows = []
    for label, cell in result.answers if result.by_answer else []:
        low, high = _share_interval(cell)
        rows.append(
            [*_question(result), label, figure(cell.count), figure(cell.percent), low, high,
             None, None, None]
        )  # fmt: skip
    overall = result.overall
    rows.append(
        [*_question(result), _("Number answered"), figure(overall.n), None, None, None,
         *_mean(result, overall)]
    )  # fmt: skip
    return rows


def group_rows(result: QuestionResult, group: Value, row: Row) -> list[list[Value]]:
    """One group's (or one year's) answers: count and share of the group, then the group's
    number answered, mean and interval."""
    rows = []
    if result.by_answer:
        for label, cell in zip(result.columns, row.cells, strict=True):
            rows.append(
                [*_question(result), group, label, figure(cell.count), figure(cell.percent),
                 None, None, None]
            )  # fmt: skip
    rows.append(
        [*_question(result), group, _("Number answered"), figure(row.n), None,
         *_mean(result, row)]
    )  # fmt: skip
    return rows


def theme_rows(result: QuestionResult) -> list[list[Value]]:
    rows = []
    for theme in result.themes:
        # Examples only where the analysis gives them (k or more people), and the words
        # grouped under a theme only then too: they come from the same few answers.
        # Checked on the count again, so that a hidden count never travels with text.
        shown = not theme.count.suppressed
        examples = (list(theme.examples) if shown else []) + [None] * 3
        terms = "、".join(theme.terms[1:]) if shown else None
        rows.append([*_question(result), theme.label, figure(theme.count), terms, *examples[:3]])
    return rows


def results_tables(result: SurveyAnalysis, *, progress: Progress = None) -> list[Table]:
    """The sheets of the results export, from one analysis: the overview, the answers,
    one sheet per breakdown, the years (when the questionnaire ran before) and the themes
    (when there are open answers). `progress(i)` after the i-th question."""
    headers = _headers()
    answers, trend, themes = [], [], []
    groups: dict[str, list] = {dimension: [] for dimension, _label in result.dimensions}
    for index, question in enumerate(result.questions, start=1):
        answers += answer_rows(question)
        for dimension, rows in groups.items():
            table = question.tables[dimension]
            for row in table.rows:
                rows += group_rows(question, row.label, row)
            rows += group_rows(question, _("Total"), table.total)
        if len(question.trend) > 1:
            for point in question.trend:
                trend += group_rows(question, point.year, point.row)
        themes += theme_rows(question)
        if progress:
            progress(index)
    tables: list[Table] = [
        (_("Overview"), headers["overview"], overview_rows(result)),
        (_("Results by question"), headers["answers"], answers),
    ]
    for dimension, label in result.dimensions:
        header = list(headers["groups"])
        header[2] = label
        name = _("By %(dimension)s") % {"dimension": label}
        tables.append((name, header, groups[dimension]))
    if trend:
        header = list(headers["groups"])
        header[2] = _("Year (ROC)")
        tables.append((_("Across the years"), header, trend))
    if themes:
        tables.append((_("Themes of the open answers"), headers["themes"], themes))
    return tables


def _steps(survey: Survey, on_start: Progress, progress: Progress) -> tuple[int, Callable]:
    """Progress in steps: the analysis, each question, then the file."""
    total = len(survey.version.parsed.questions) + 2
    if on_start:
        on_start(total)
    return total, progress or (lambda done: None)


def results_export(
    survey: Survey, fmt: str, *, on_start: Progress = None, progress: Progress = None
) -> bytes:
    """The results tables of `survey` as a file in `fmt` (ods, xlsx, csv)."""
    if fmt not in exports.FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    refuse_unless_reportable(survey)
    total, report = _steps(survey, on_start, progress)
    result = analysis.survey_analysis(survey)
    report(1)
    tables = results_tables(result, progress=lambda index: report(1 + index))
    writer = exports.writer_for(fmt)
    for name, header, rows in tables:
        writer.write_table(name, header, rows)
    content = writer.finish()
    report(total)
    return content


# --- the PDF report ------------------------------------------------------------------------


def _question_context(result: QuestionResult, index: int, dimensions: list) -> dict:
    """A question's part of the report: the page's charts (ids unique in the report) and
    a cross-tab, with the means chart of numeric questions, per breakdown."""
    prefix = f"report-q{index}"
    breakdowns = []
    for dimension, _label in dimensions:
        table = result.tables[dimension]
        chart = None
        if result.has_mean:
            chart = charts.means_chart(result, table, f"{prefix}-{dimension}")
        breakdowns.append({"table": table, "chart": chart})
    return {
        "result": result,
        "charts": {
            "distribution": charts.distribution_chart(result, f"{prefix}-share"),
            "trend": charts.trend_chart(result, f"{prefix}-trend"),
        },
        "breakdowns": breakdowns,
    }


def report_pdf(survey: Survey, *, on_start: Progress = None, progress: Progress = None) -> bytes:
    """The report of a closed survey, in zh-Hant whatever the reader's language: title,
    ROC dates, respondents and the k note, then per question the page's charts with
    their tables, the breakdowns, the years and the themes."""
    refuse_unless_reportable(survey)
    total, report = _steps(survey, on_start, progress)
    with translation.override("zh-hant"):
        result = analysis.survey_analysis(survey)
        report(1)
        sections = []
        for index, question in enumerate(result.questions, start=1):
            context = _question_context(question, index, result.dimensions)
            sections.append(render_to_string("surveys/report/_question.html", context))
            report(1 + index)
        html = render_to_string(
            "surveys/report/report.html",
            {
                "survey": survey,
                "year": roc_year(survey.opens_on),
                "analysis": result,
                "groups": [result.groups[d] for d, _label in result.dimensions],
                "note": suppression_note(result.k),
                "today": timezone.localdate(),
                "sections": mark_safe("".join(sections)),  # noqa: S308 - rendered templates
            },
        )
    content = html_pdf(html)
    report(total)
    return content


# --- file names ----------------------------------------------------------------------------


def filename(survey: Survey, kind: str, fmt: str) -> str:
    title = re.sub(r'[\\/:*?"<>|\s]+', "_", survey.title).strip("_") or "survey"
    what = _("Results tables") if kind == "results" else _("Analysis report")
    return f"{title}-{roc_year(survey.opens_on)}-{what}.{fmt}"
