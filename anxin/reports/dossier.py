"""The annual evaluation dossier (issue 16, item 6): the plan, the service results by
quarter, satisfaction (the surveys' response rates), the work plan's status, the interview
themes, the outcome measures and the improvements for next year, as PDF (anxin/core/pdf.py),
ODS (anxin/core/sheets.py) and ODT (the government's editable format, odfpy).

Every figure is the dashboard's (`dashboard()` with quarters), so the dossier hides what
the dashboard hides. The work plan's status comes from governance (`work_plan_status`),
the interview themes from care (`yearly_themes`); each says 「尚無資料」 only when the year
has nothing for it. The outcome measures are an indicator of the dashboard (the yearly
tally of counselling's WHO-5 pairs, decision 0072), so they come with the service results.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from odf import table as odf_table
from odf import text as odf_text
from odf.opendocument import OpenDocumentText
from odf.style import ParagraphProperties, Style, TableColumnProperties, TextProperties

from anxin.care.interviews.services import MIN_AGENCIES, yearly_themes
from anxin.core import kanon
from anxin.core.pdf import html_pdf
from anxin.core.roc import roc_year
from anxin.core.sheets import sheet_writer
from anxin.governance.services import WorkPlanStatus, work_plan_status
from anxin.people.models import OrgUnit
from anxin.plans.models import ProgramPlan
from anxin.plans.services import k_of, plan_for_authority
from anxin.reports.dashboard import Dashboard, Table, dashboard
from anxin.reports.models import EvaluationNote
from anxin.surveys.analysis import survey_analysis
from anxin.surveys.analysis.results import is_closed
from anxin.surveys.models import Survey

NO_DATA = _("No data yet")


@dataclass(frozen=True)
class Pending:
    """A section another app will fill: its title and the hook it will be."""

    key: str
    title: object
    hook: str


# The sections whose figures live in parts not built yet: the dossier shows each with
# 「尚無資料」 until its hook exists. None is left (the outcome measures, issue 16 item 7,
# are the dashboard's `outcome_change` since decision 0072).
PENDING_HOOKS: tuple[Pending, ...] = ()

WORK_PLAN_TITLE = _("Status of the annual work plan")
THEMES_TITLE = _("Themes of the interviews with personnel heads")


@dataclass(frozen=True)
class ThemeWords:
    label: str
    words: list[tuple[str, int]]  # (word, number of agencies that gave it)


@dataclass(frozen=True)
class InterviewThemes:
    interviews: int
    themes: list[ThemeWords]

    @property
    def has_words(self) -> bool:
        return any(theme.words for theme in self.themes)


def interview_themes_of(authority: OrgUnit, year: int) -> InterviewThemes | None:
    """The year's interviews with personnel heads as care summarises them, or None when
    none was recorded.

    Already k-safe aggregates, checked against anxin/care/interviews/services.py: the
    figure beside a word counts *agencies*, not people (one interview per agency and
    year, a unique constraint; a word counts once per interview), and a word is listed
    only when at least MIN_AGENCIES (2) agencies gave it, so no listed word points at
    one agency; no answer text, no agency and no name leave care. The plan's k counts
    people and is not applied to these agency counts. The filter below only re-states
    care's rule, so that a change there cannot put a one-agency word in the dossier."""
    summary = yearly_themes(authority=authority, year=year)
    if not summary["interviews"]:
        return None
    return InterviewThemes(
        summary["interviews"],
        [
            ThemeWords(
                str(theme["label"]),
                [(word, n) for word, n in theme["words"] if n >= MIN_AGENCIES],
            )
            for theme in summary["themes"].values()
        ],
    )


@dataclass(frozen=True)
class Satisfaction:
    """A survey closed in the year: its respondents and the mean of each question that
    has one (ratings, Likert scales), as the survey's own analysis shows them (k rule)."""

    title: str
    respondents: kanon.Entry
    means: list[tuple[str, kanon.Display]]


def satisfaction_of(authority: OrgUnit, year: int, k: int) -> list[Satisfaction]:
    """The surveys of the authority closed in `year`. A fixed number of queries per
    survey (its analysis); a year holds a handful of surveys."""
    surveys = (
        Survey.objects.filter(
            authority.subtree_q("owner__"), closes_on__gte=date(year, 1, 1),
            closes_on__lte=date(year, 12, 31),
        )
        .select_related("version", "owner")
        .order_by("closes_on", "pk")
    )  # fmt: skip
    result = []
    for survey in surveys:
        if not is_closed(survey):
            continue
        analysis = survey_analysis(survey, k=k)
        means = [
            (question.question.text, question.overall.mean)
            for question in analysis.questions
            if question.has_mean
            and question.overall.mean is not None
            and str(question.overall.mean) != kanon.NOTHING
        ]
        if means:
            result.append(Satisfaction(survey.title, analysis.respondents, means))
    return result


@dataclass
class Dossier:
    authority: OrgUnit
    year: int
    plan: ProgramPlan | None
    board: Dashboard
    improvements: str
    satisfaction: list[Satisfaction] = field(default_factory=list)
    work_plan: WorkPlanStatus | None = None  # None: the year has no work plan
    themes: InterviewThemes | None = None  # None: no interview recorded in the year
    pending: tuple[Pending, ...] = PENDING_HOOKS
    made_on: date = field(default_factory=date.today)

    @property
    def roc_year(self) -> int:
        return roc_year(self.year)

    @property
    def title(self) -> str:
        return gettext("Evaluation dossier of the employee assistance programme, year %(year)s") % {
            "year": self.roc_year
        }

    @property
    def service_areas(self) -> list[str]:
        return [area.name for area in self.plan.service_areas] if self.plan else []

    @property
    def target_groups(self) -> list[str]:
        return [group.name for group in self.plan.target_groups] if self.plan else []

    # For the templates (the page and the PDF): the same rows the ODS and the ODT write.
    work_plan_title = WORK_PLAN_TITLE
    themes_title = THEMES_TITLE

    @property
    def work_plan_summary(self) -> str:
        return work_plan_summary(self) if self.work_plan else ""

    @property
    def work_plan_rows(self) -> list[list]:
        return work_plan_rows(self) if self.work_plan else []

    @property
    def themes_summary(self) -> str:
        return themes_summary(self) if self.themes else ""

    @property
    def themes_rows(self) -> list[list]:
        return themes_rows(self) if self.themes else []

    def tables(self):
        """(section title, indicator title, value title, table) in the dossier's order."""
        for section in self.board.sections:
            for item in section.indicators:
                for table in item.tables:
                    yield section.title, item.title, item.value_title, table


def dossier_build(*, authority: OrgUnit, year: int) -> Dossier:
    plan = plan_for_authority(authority.pk, on=date(year, 12, 31))
    board = dashboard(node=authority, year=year, period="quarter", k=k_of(plan))
    note = EvaluationNote.objects.filter(authority=authority, year=year).first()
    work_plan = work_plan_status(authority_id=authority.pk, year=year)
    return Dossier(
        authority,
        year,
        plan,
        board,
        note.improvements if note else "",
        satisfaction_of(authority, year, k_of(plan)),
        work_plan if work_plan.total else None,
        interview_themes_of(authority, year),
    )


def satisfaction_rows(dossier: Dossier) -> list[list]:
    rows = [[gettext("Survey"), gettext("Question"), gettext("Mean"), gettext("Respondents")]]
    for item in dossier.satisfaction:
        for question, mean in item.means:
            rows.append([item.title, question, str(mean), str(item.respondents)])
    return rows


def work_plan_summary(dossier: Dossier) -> str:
    status = dossier.work_plan
    return gettext("%(done)s of %(total)s items done (%(percent)s%% of the items not dropped)") % {
        "done": status.done,
        "total": status.total,
        "percent": status.percent_done,
    }


def work_plan_rows(dossier: Dossier) -> list[list]:
    rows = [
        [
            gettext("Aspect"), gettext("Work item"), gettext("Practice"), gettext("Owning unit"),
            gettext("Target indicator"), gettext("Status"), gettext("Events held"),
            gettext("Surveys run"), gettext("Evidence"),
        ]
    ]  # fmt: skip
    for row in dossier.work_plan.rows:
        rows.append(
            [
                row.aspect, row.item, row.practice, row.owner_unit, row.target, row.status_label,
                row.events, row.surveys, row.evidence,
            ]
        )  # fmt: skip
    return rows


def themes_summary(dossier: Dossier) -> str:
    return gettext(
        "%(count)s interviews recorded; a word is listed when at least %(min)s agencies gave "
        "it, with the number of agencies that did."
    ) % {"count": dossier.themes.interviews, "min": MIN_AGENCIES}


def themes_rows(dossier: Dossier) -> list[list]:
    rows = [[gettext("Theme"), gettext("Word"), gettext("Agencies")]]
    for theme in dossier.themes.themes:
        if not theme.words:
            rows.append([theme.label, gettext("No word given by several agencies"), ""])
        for word, n in theme.words:
            rows.append([theme.label, word, n])
    return rows


# --- the rows every format writes -----------------------------------------------------------


def table_rows(table: Table, value_title: str) -> list[list]:
    """The table as rows of cells: numbers where shown, the marker where hidden; the
    value (hours, mean days) under each count, on its own row."""

    def count(entry: kanon.Entry):
        return kanon.MARKER if entry.suppressed else entry.count

    header = [table.title, *table.columns, gettext("Total")]
    rows = [header]
    for row in table.rows:
        rows.append([row.label, *map(count, row.cells), count(row.total)])
        if row.values:
            rows.append([f"　{value_title}", *map(str, row.values), str(row.value_total)])
        if row.shares:
            rows.append([f"　{gettext('Share in per cent')}", *map(str, row.shares), ""])
    rows.append([gettext("Total"), *map(count, table.footer), count(table.total)])
    if table.footer_values:
        rows.append([f"　{value_title}", *map(str, table.footer_values), str(table.total_value)])
    return rows


def dossier_ods(dossier: Dossier) -> bytes:
    writer = sheet_writer("ods")
    writer.table(
        gettext("Plan"),
        [
            [dossier.title],
            [gettext("Authority"), dossier.authority.name],
            [gettext("Plan"), dossier.plan.name if dossier.plan else str(NO_DATA)],
            [gettext("Service areas"), "、".join(dossier.service_areas) or str(NO_DATA)],
            [gettext("Target groups"), "、".join(dossier.target_groups) or str(NO_DATA)],
            [gettext("Smallest group shown"), dossier.board.k],
        ],
    )
    for number, (section, title, value_title, table) in enumerate(dossier.tables(), start=1):
        writer.table(
            f"{number:02d} {title}",
            [[f"{section}：{title}（{table.title}）"], *table_rows(table, value_title)],
            bold_rows=(0, 1),
        )
    writer.table(gettext("Satisfaction"), satisfaction_rows(dossier))
    if dossier.work_plan:
        writer.table(
            gettext("Work plan"),
            [[str(WORK_PLAN_TITLE)], [work_plan_summary(dossier)], *work_plan_rows(dossier)],
            bold_rows=(0, 2),
        )
    else:
        writer.table(gettext("Work plan"), [[str(WORK_PLAN_TITLE)], [str(NO_DATA)]])
    if dossier.themes:
        writer.table(
            gettext("Interview themes"),
            [[str(THEMES_TITLE)], [themes_summary(dossier)], *themes_rows(dossier)],
            bold_rows=(0, 2),
        )
    else:
        writer.table(gettext("Interview themes"), [[str(THEMES_TITLE)], [str(NO_DATA)]])
    if dossier.pending:
        writer.table(
            gettext("Other sections"),
            [[str(item.title), str(NO_DATA)] for item in dossier.pending],
        )
    writer.table(
        gettext("Improvements"),
        [[gettext("Improvements for next year")], [dossier.improvements or str(NO_DATA)]],
    )
    return writer.finish()


def dossier_pdf(dossier: Dossier) -> bytes:
    return html_pdf(render_to_string("reports/dossier_pdf.html", {"dossier": dossier}))


def _odt_styles(document: OpenDocumentText) -> dict:
    styles = {}
    for name, size, bold in (("Title", "18pt", True), ("H1", "14pt", True), ("H2", "12pt", True)):
        style = Style(name=name, family="paragraph")
        style.addElement(TextProperties(fontsize=size, fontweight="bold" if bold else "normal"))
        style.addElement(ParagraphProperties(margintop="0.3cm", marginbottom="0.2cm"))
        document.styles.addElement(style)
        styles[name] = style
    column = Style(name="Column", family="table-column")
    column.addElement(TableColumnProperties(columnwidth="2.5cm"))
    document.automaticstyles.addElement(column)
    styles["column"] = column
    return styles


def _odt_table(document: OpenDocumentText, styles: dict, name: str, rows: list[list]) -> None:
    width = max(len(row) for row in rows)
    grid = odf_table.Table(name=name[:31])
    grid.addElement(odf_table.TableColumn(numbercolumnsrepeated=width, stylename=styles["column"]))
    for row in rows:
        line = odf_table.TableRow()
        for value in [*row, *[""] * (width - len(row))]:
            if isinstance(value, int):
                cell = odf_table.TableCell(valuetype="float", value=value)
            else:
                cell = odf_table.TableCell(valuetype="string")
            cell.addElement(odf_text.P(text=str(value)))
            line.addElement(cell)
        grid.addElement(line)
    document.text.addElement(grid)


def dossier_odt(dossier: Dossier) -> bytes:
    document = OpenDocumentText()
    styles = _odt_styles(document)

    def heading(text: str, level: int = 1) -> None:
        document.text.addElement(
            odf_text.H(outlinelevel=level, stylename=styles[f"H{level}"], text=text)
        )

    def paragraph(text: str) -> None:
        document.text.addElement(odf_text.P(text=text))

    document.text.addElement(odf_text.P(stylename=styles["Title"], text=dossier.title))
    paragraph(dossier.authority.name)
    heading(gettext("The plan"))
    paragraph(dossier.plan.name if dossier.plan else str(NO_DATA))
    paragraph(f"{gettext('Service areas')}：{'、'.join(dossier.service_areas) or NO_DATA}")
    paragraph(f"{gettext('Target groups')}：{'、'.join(dossier.target_groups) or NO_DATA}")
    heading(gettext("Service results"))
    paragraph(
        gettext(
            "Figures about fewer than %(k)s people, and figures that would reveal them, are "
            "hidden and shown as *."
        )
        % {"k": dossier.board.k}
    )
    current = None
    for number, (section, title, value_title, table) in enumerate(dossier.tables(), start=1):
        if section != current:
            heading(section, 2)
            current = section
        paragraph(f"{title}（{table.title}）")
        _odt_table(document, styles, f"T{number}", table_rows(table, value_title))
    heading(gettext("Satisfaction"))
    if dossier.satisfaction:
        _odt_table(document, styles, "Satisfaction", satisfaction_rows(dossier))
    else:
        paragraph(str(NO_DATA))
    heading(str(WORK_PLAN_TITLE))
    if dossier.work_plan:
        paragraph(work_plan_summary(dossier))
        _odt_table(document, styles, "WorkPlan", work_plan_rows(dossier))
    else:
        paragraph(str(NO_DATA))
    heading(str(THEMES_TITLE))
    if dossier.themes:
        paragraph(themes_summary(dossier))
        _odt_table(document, styles, "Themes", themes_rows(dossier))
    else:
        paragraph(str(NO_DATA))
    for item in dossier.pending:
        heading(str(item.title))
        paragraph(str(NO_DATA))
    heading(gettext("Improvements for next year"))
    for line in (dossier.improvements or str(NO_DATA)).splitlines() or [str(NO_DATA)]:
        paragraph(line)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


FORMATS = {
    "pdf": ("application/pdf", dossier_pdf),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", dossier_ods),
    "odt": ("application/vnd.oasis.opendocument.text", dossier_odt),
}
