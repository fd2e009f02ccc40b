"""Events' and surveys' satisfaction on the dashboard (decision 0077), counted by hand.

Answers are given through the real service and counted into the sealed tallies as the
batch job does after closing; the surveys closed in March of last year. A level: above
the middle of the scale is satisfied (4-5 of 1-5, 6-10 of 0-10), the middle neutral
(3, 5), below it not satisfied.

Events' feedback (questionnaire with no marker: every scale question counts; the single
choice question does not):

| survey | mode | event (kind, owner) | content (1-5) | overall (0-10) |
| E1 | anonymous | 舒壓工作坊 (workshop, 社會局) | 5 4 4 3 2 1 | 10 8 6 5 4 0 |
| E2 | confidential | 法律講座 (talk, 教育局) | 5 5 5 4 4 | 9 9 8 7 3 |

E1: satisfied 3+3, neutral 1+1, not satisfied 2+2 (12 answers of 6 respondents);
E2: satisfied 5+4, not satisfied 0+1 (10 answers of 5 respondents).

Surveys (questionnaire marking `sat` and `score`; `stress`, a Likert question it does not
mark, is answered 1 by everyone and must not count):

| survey | mode | owner, reported by | sat (1-5) | score (0-10) |
| S1 | anonymous | 範例市政府, agency | 社會局 5 4 4 2 | 社會局 7 7 6 5 |
|    |           |                    | 教育局 3 3 5   | 教育局 2 10 9  |
| S2 | identified | 社會局, none | 5 5 4 4 3 | 8 8 8 8 8 |

S1 sat: 4 / 2 / 1, S1 score: 5 / 1 / 1; S2 sat: 4 / 1 / 0, S2 score: 5 / 0 / 0.
By unit: 社會局 (S1's 社會局 groups and all of S2) 15 / 2 / 1; 教育局 3 / 2 / 1.
"""

import io
from datetime import date, timedelta
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from odf import opendocument, teletype
from odf.table import Table

from anxin.events.models import Event
from anxin.reports.dashboard import dashboard
from anxin.reports.dossier import dossier_build, dossier_ods, dossier_odt, dossier_pdf
from anxin.surveys import satisfaction
from anxin.surveys.models import Survey
from tests.events.base import make_event
from tests.pdf_tools import pdf_text
from tests.surveys.analysis_base import AnalysisTestCase
from tests.surveys.base import definition, make_survey, publish, question

FEEDBACK = definition(
    question("content", "likert5"),
    question("time", "single", options=["太短", "剛好", "太長"]),
    question("overall", "rating10"),
    title="活動意見回饋問卷",
)
MARKED = definition(
    question("sat", "likert5", satisfaction=True),
    question("stress", "likert5"),
    question("score", "rating10", satisfaction=True),
    title="年度需求暨滿意度調查",
)
LEVELS = ("satisfied", "neutral", "not_satisfied")


class SatisfactionTestCase(AnalysisTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.year = date.today().year - 1
        feedback = publish(owner=cls.authority, actor=cls.eap_admin, data=FEEDBACK)
        marked = publish(owner=cls.authority, actor=cls.eap_admin, data=MARKED)
        workshop = make_event(cls.eap_admin, cls.agency, kind=Event.Kind.WORKSHOP)
        talk = make_event(cls.eap_admin, cls.other_agency, kind=Event.Kind.TALK, title="法律講座")

        cls.e1 = cls.survey(feedback, cls.authority, "舒壓工作坊回饋", Survey.Mode.ANONYMOUS)
        for content, overall in zip((5, 4, 4, 3, 2, 1), (10, 8, 6, 5, 4, 0), strict=True):
            cls.answer(cls.e1, {"content": str(content), "time": "剛好", "overall": str(overall)})
        cls.e2 = cls.survey(feedback, cls.other_agency, "法律講座回饋", Survey.Mode.CONFIDENTIAL)
        for content, overall in zip((5, 5, 5, 4, 4), (9, 9, 8, 7, 3), strict=True):
            cls.answer(
                cls.e2, {"content": str(content), "overall": str(overall)}, unit=cls.other_agency
            )

        cls.s1 = cls.survey(
            marked, cls.authority, "年度需求調查", Survey.Mode.ANONYMOUS, breakdowns=["agency"]
        )
        for unit, sats, scores in (
            (cls.unit, (5, 4, 4, 2), (7, 7, 6, 5)),
            (cls.other_agency, (3, 3, 5), (2, 10, 9)),
        ):
            for sat, score in zip(sats, scores, strict=True):
                cls.answer(cls.s1, {"sat": str(sat), "stress": "1", "score": str(score)}, unit=unit)
        cls.s2 = cls.survey(marked, cls.agency, "社會局滿意度調查", Survey.Mode.IDENTIFIED)
        for sat in (5, 5, 4, 4, 3):
            cls.answer(cls.s2, {"sat": str(sat), "stress": "1", "score": "8"})

        # E1 and E2 become the feedback surveys of their events (as the schedule's copies
        # are), then every survey closes in March of last year and is counted.
        for survey, event in ((cls.e1, workshop), (cls.e2, talk)):
            Survey.objects.filter(pk=survey.pk).update(
                event=event, schedule=Survey.Schedule.EVENT_ENDED
            )
        for survey in (cls.e1, cls.e2, cls.s1, cls.s2):
            cls.close(survey, year=cls.year)

    def setUp(self):
        super().setUp()
        # These surveys are small: at the plan's k (5: no plan is loaded) their analysis
        # hides nearly every point, and the dashboard would count almost none of them.
        # Here the analysis hides nothing (k = 1, below any plan's; the plan is still
        # looked up), so that the counting is checked by hand; what the analysis hides is
        # tested in test_dashboard_satisfaction_narrowing.py.
        real = satisfaction.k_for
        patcher = mock.patch.object(satisfaction, "k_for", side_effect=lambda u: real(u) and 1)
        patcher.start()
        self.addCleanup(patcher.stop)

    @classmethod
    def survey(cls, version, owner, title, mode, *, breakdowns=()) -> Survey:
        actor = cls.hr if owner == cls.agency else cls.eap_admin
        survey = make_survey(
            version, owner=owner, actor=actor, mode=mode, days=(-10, 7), title=title
        )
        survey.breakdowns = list(breakdowns)
        survey.save(update_fields=["breakdowns"])
        return survey

    def board(self, *, k=1, node=None, year=None):
        return dashboard(
            node=node or self.authority,
            year=year or self.year,
            period="quarter",
            k=k,
            sections=["events", "surveys"],
        )

    @staticmethod
    def counts(table) -> dict:
        """{row label: (satisfied, neutral, not satisfied, total)}, hidden as None."""

        def shown(entry):
            return None if entry.suppressed else entry.count

        return {row.label: (*map(shown, row.cells), shown(row.total)) for row in table.rows} | {
            "total": (*map(shown, table.footer), shown(table.total))
        }

    def test_events_by_kind_unit_and_survey(self):
        result = self.board().indicator("event_satisfaction")
        self.assertEqual(
            self.counts(result.table("event_kind")),
            {"單場講座": (9, 0, 1, 10), "工作坊": (6, 2, 4, 12), "total": (15, 2, 5, 22)},
        )
        self.assertEqual(
            self.counts(result.table("unit")),
            {"範例市政府社會局": (6, 2, 4, 12), "範例市政府教育局": (9, 0, 1, 10)}
            | {"total": (15, 2, 5, 22)},
        )
        self.assertEqual(
            self.counts(result.table("survey")),
            {
                "舒壓工作坊回饋": (6, 2, 4, 12),
                "法律講座回饋": (9, 0, 1, 10),
                "total": (15, 2, 5, 22),
            },
        )
        # The share satisfied, the usual figure of a report: the talk's 9 of 10 answers,
        # the workshop's 6 of 12.
        shares = {row.label: str(row.shares[0]) for row in result.table("event_kind").rows}
        self.assertEqual(shares, {"單場講座": "90.0", "工作坊": "50.0"})

    def test_surveys_by_survey_question_and_unit(self):
        result = self.board().indicator("survey_satisfaction")
        self.assertEqual(
            self.counts(result.table("survey")),
            {"年度需求調查": (9, 3, 2, 14), "社會局滿意度調查": (9, 1, 0, 10)}
            | {"total": (18, 4, 2, 24)},
        )
        by_question = self.counts(result.table("question"))
        # A question's total is the number of its respondents; `stress` is not counted.
        self.assertEqual(by_question["年度需求調查：1. 問題 sat"], (4, 2, 1, 7))
        self.assertEqual(by_question["年度需求調查：3. 問題 score"], (5, 1, 1, 7))
        self.assertEqual(by_question["社會局滿意度調查：1. 問題 sat"], (4, 1, 0, 5))
        self.assertEqual(by_question["社會局滿意度調查：3. 問題 score"], (5, 0, 0, 5))
        self.assertEqual(len(by_question), 5)
        self.assertEqual(
            self.counts(result.table("unit")),
            {"範例市政府社會局": (15, 2, 1, 18), "範例市政府教育局": (3, 2, 1, 6)}
            | {"total": (18, 4, 2, 24)},
        )

    def test_an_agency_sees_its_own_share_of_a_survey_owned_above_it(self):
        board = self.board(node=self.agency)
        surveys = self.counts(board.indicator("survey_satisfaction").table("survey"))
        # S1's 社會局 answers (its agency groups: sat 3/0/1, score 3/1/0) and all of S2.
        self.assertEqual(
            surveys,
            {
                "年度需求調查": (6, 1, 1, 8),
                "社會局滿意度調查": (9, 1, 0, 10),
                "total": (15, 2, 1, 18),
            },
        )
        events = self.counts(board.indicator("event_satisfaction").table("event_kind"))
        self.assertEqual(events, {"工作坊": (6, 2, 4, 12), "total": (6, 2, 4, 12)})

    def test_only_surveys_closed_in_the_view_count(self):
        board = self.board(year=self.year + 1)
        for key in ("event_satisfaction", "survey_satisfaction"):
            self.assertEqual(board.indicator(key).tables[0].total.count, 0)

    def test_a_survey_counts_from_the_day_after_it_closes(self):
        today = timezone.localdate()
        for closes, counted in ((today, 0), (today - timedelta(days=1), 10)):
            Survey.objects.filter(pk=self.s2.pk).update(opens_on=closes, closes_on=closes)
            board = self.board(year=closes.year)
            table = board.indicator("survey_satisfaction").table("survey")
            rows = {row.label: row.total.count for row in table.rows}
            self.assertEqual(rows.get("社會局滿意度調查", 0), counted, closes)

    def test_small_cells_are_hidden_with_their_complements(self):
        """k = 3. By kind: the workshop's 2 neutral answers are fewer than k; its 4 answers
        not satisfied come from 2 respondents (2 per question), fewer than k people; the
        talk's 1 answer not satisfied is fewer than k. The column totals of neutral (2)
        and not satisfied (5 answers, at most 2 respondents of one question) are hidden
        too. Complements: the talk's 9 satisfied (else 10 - 9 - 0 gives its 1 away), and
        then the workshop's 6 (else 15 - 9 gives the talk's 9 away)."""
        result = self.board(k=3).indicator("event_satisfaction")
        self.assertEqual(
            self.counts(result.table("event_kind")),
            {"單場講座": (None, 0, None, 10), "工作坊": (None, None, None, 12)}
            | {"total": (15, None, None, 22)},
        )
        # The same totals are hidden in the indicator's other tables.
        for dimension in ("unit", "survey"):
            self.assertEqual(self.counts(result.table(dimension))["total"], (15, None, None, 22))

    def test_a_few_respondents_behind_many_answers_are_hidden(self):
        """教育局's 3 satisfied answers to S1 come from at most 2 respondents of one
        question (sat 1, score 2): fewer than k = 3 people, hidden though 3 answers."""
        result = self.board(k=3).indicator("survey_satisfaction")
        unit = self.counts(result.table("unit"))
        self.assertIsNone(unit["範例市政府教育局"][0])

    def test_a_fixed_number_of_queries(self):
        with CaptureQueriesContext(connection) as before:
            self.board()
        extra = publish(owner=self.authority, actor=self.eap_admin, data=MARKED)
        survey = self.survey(extra, self.authority, "追加調查", Survey.Mode.ANONYMOUS)
        for _ in range(6):
            self.answer(survey, {"sat": "4", "stress": "2", "score": "9"})
        self.close(survey, year=self.year)
        with CaptureQueriesContext(connection) as after:
            board = self.board()
        self.assertEqual(board.indicator("survey_satisfaction").tables[0].total.count, 24 + 12)
        self.assertEqual(len(before), len(after))

    def test_the_dossier_shows_them_among_the_service_results(self):
        dossier = dossier_build(authority=self.authority, year=self.year)
        text = teletype.extractText(opendocument.load(io.BytesIO(dossier_odt(dossier))).text)
        for title in ("活動滿意度", "問卷滿意度", "滿意", "普通", "不滿意"):
            self.assertIn(title, text)
        sheets = opendocument.load(io.BytesIO(dossier_ods(dossier))).spreadsheet
        texts = [teletype.extractText(sheet) for sheet in sheets.getElementsByType(Table)]
        events = next(text for text in texts if "活動滿意度（活動類型）" in text)
        self.assertIn("工作坊", events)
        self.assertIn("年度需求調查", next(text for text in texts if "問卷滿意度（調查）" in text))
        pdf = pdf_text(dossier_pdf(dossier))
        self.assertIn("活動滿意度", pdf)
        self.assertIn("問卷滿意度", pdf)
        # The dossier's own satisfaction section (the means, from each survey's analysis)
        # is still there beside them, every rated question of the closed surveys.
        self.assertIn("年度需求調查", [item.title for item in dossier.satisfaction])

    def test_each_satisfaction_source_costs_a_fixed_number_of_queries(self):
        with CaptureQueriesContext(connection) as queries:
            dashboard(
                node=self.authority, year=self.year, period="quarter", k=1,
                indicators=["event_satisfaction", "survey_satisfaction"],
            )  # fmt: skip
        # The units' names, then for each source its tallies with their surveys and the
        # plan's k (the analysis's), and for the surveys' the agencies of S1's groups (the
        # analysis's order of them).
        self.assertEqual(len(queries), 6)

    def test_the_page_shows_the_levels_and_their_shares(self):
        self.login(self.eap_admin)
        for section, title in (("events", "活動滿意度"), ("surveys", "問卷滿意度")):
            response = self.client.get(
                "/reports/",
                {"section": section, "year": self.year, "period": "quarter", "by": "unit"},
            )
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, title)
            self.assertContains(response, "不滿意")
