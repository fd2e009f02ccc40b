"""The dashboard's satisfaction reveals nothing the survey's own analysis hides (decision
0077): a question's answers of a group count only if every level of them can be read off
the analysis page of that group (each of its points shown, or the points it hides all of
one level with the total shown); otherwise that question of that group counts in no
level and no total. No plan is loaded: the analysis's k is the default, 5.

Surveys closed in March of last year (the questions are Likert 1-5 satisfaction questions):

| survey | reported by | question | 1 | 2 | 3 | 4 | 5 | the analysis shows | counted |
| N (社會局) | - | a | | | 2 | 5 | 6 | 5, total 13 (hides 3 and 4) | no |
|            |   | b | | | 5 | | 8 | everything | 8 / 5 / 0 |
|            |   | c | 2 | 3 | | 8 | | 4, total 13 (hides 1 and 2) | 8 / 0 / 5 |
| G (範例市政府) | agency | a: 社會局 | | | 2 | 5 | 6 | 5, row 13 (hides 3, 4) | no |
|              |        | a: 教育局 | | | | | 10 | everything | 10 / 0 / 0 |
| E1 (event, 社會局's workshop) | - | a | | | 2 | 5 | 6 | as N's a | no |
| E2 (event, 教育局's talk) | - | a | | | | | 5 | everything | 5 / 0 / 0 |

N's a is the finding's example: the analysis hides point 3 (2 answers) and point 4 (its
complement) and shows point 5 (6); a dashboard showing satisfied = 4 + 5 = 11 gives point 4
away (11 - 6), and then point 3 (13 - 11). c's hidden points are both "not satisfied", a
level the analysis gives away itself (13 - 8 = 5, which its k rule allows): counted.
"""

from datetime import date

from anxin.events.models import Event
from anxin.plans.services import k_for
from anxin.reports.dashboard import dashboard
from anxin.surveys.analysis import survey_analysis
from anxin.surveys.models import Survey
from tests.events.base import make_event
from tests.surveys.analysis_base import AnalysisTestCase
from tests.surveys.base import definition, make_survey, publish, question

THREE = definition(
    question("a", "likert5", satisfaction=True),
    question("b", "likert5", satisfaction=True),
    question("c", "likert5", satisfaction=True),
    title="三題滿意度調查",
)
ONE = definition(question("a", "likert5", satisfaction=True), title="單題滿意度調查")
NARROWED = [3] * 2 + [4] * 5 + [5] * 6


def counts(table) -> dict:
    """{row label: (satisfied, neutral, not satisfied, total)}, hidden as None."""

    def shown(entry):
        return None if entry.suppressed else entry.count

    return {row.label: (*map(shown, row.cells), shown(row.total)) for row in table.rows} | {
        "total": (*map(shown, table.footer), shown(table.total))
    }


class NarrowingTestCase(AnalysisTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.year = date.today().year - 1
        three = publish(owner=cls.authority, actor=cls.eap_admin, data=THREE)
        one = publish(owner=cls.authority, actor=cls.eap_admin, data=ONE)

        cls.n = cls.survey(three, cls.agency, "社會局三題調查")
        b = [3] * 5 + [5] * 8
        c = [1] * 2 + [2] * 3 + [4] * 8
        for answers in zip(NARROWED, b, c, strict=True):
            cls.answer(cls.n, dict(zip("abc", map(str, answers), strict=True)))

        cls.g = cls.survey(one, cls.authority, "全府滿意度調查", breakdowns=["agency"])
        for point in NARROWED:
            cls.answer(cls.g, {"a": str(point)}, unit=cls.unit)
        for _ in range(10):
            cls.answer(cls.g, {"a": "5"}, unit=cls.other_agency)

        workshop = make_event(cls.eap_admin, cls.agency, kind=Event.Kind.WORKSHOP)
        talk = make_event(cls.eap_admin, cls.other_agency, kind=Event.Kind.TALK, title="法律講座")
        cls.e1 = cls.survey(one, cls.authority, "舒壓工作坊回饋")
        for point in NARROWED:
            cls.answer(cls.e1, {"a": str(point)})
        cls.e2 = cls.survey(one, cls.authority, "法律講座回饋")
        for _ in range(5):
            cls.answer(cls.e2, {"a": "5"}, unit=cls.other_agency)
        for survey, event in ((cls.e1, workshop), (cls.e2, talk)):
            Survey.objects.filter(pk=survey.pk).update(
                event=event, schedule=Survey.Schedule.EVENT_ENDED
            )
        for survey in (cls.n, cls.g, cls.e1, cls.e2):
            cls.close(survey, year=cls.year)

    @classmethod
    def survey(cls, version, owner, title, *, breakdowns=()) -> Survey:
        actor = cls.hr if owner == cls.agency else cls.eap_admin
        survey = make_survey(
            version, owner=owner, actor=actor, mode=Survey.Mode.ANONYMOUS, days=(-10, 7),
            title=title,
        )  # fmt: skip
        survey.breakdowns = list(breakdowns)
        survey.save(update_fields=["breakdowns"])
        return survey

    def board(self, *, k=1):
        """The dashboard with its own k rule out of the way (k = 1): what it counts."""
        return dashboard(
            node=self.authority, year=self.year, period="quarter", k=k,
            sections=["events", "surveys"],
        )  # fmt: skip

    @staticmethod
    def shown(line) -> dict:
        """{point: count} of the points an analysis row shows (but zeros), and its total."""
        points = {
            point: cell.count.count
            for point, cell in zip("12345", line.cells, strict=True)
            if not cell.count.suppressed and cell.count.count
        }
        return points | {"total": None if line.n.suppressed else line.n.count}

    def test_the_analysis_hides_what_the_table_says(self):
        self.assertEqual(k_for(self.n.owner), 5)
        questions = {q.question.key: q for q in survey_analysis(self.n).questions}
        self.assertEqual(self.shown(questions["a"].overall), {"5": 6, "total": 13})
        self.assertEqual(self.shown(questions["b"].overall), {"3": 5, "5": 8, "total": 13})
        self.assertEqual(self.shown(questions["c"].overall), {"4": 8, "total": 13})
        by_agency = survey_analysis(self.g).questions[0].tables["agency"].rows
        self.assertEqual(
            {row.label: self.shown(row) for row in by_agency},
            {"範例市政府社會局": {"5": 6, "total": 13}, "範例市政府教育局": {"5": 10, "total": 10}},
        )

    def test_a_question_whose_level_would_give_a_hidden_point_away_is_not_counted(self):
        result = self.board().indicator("survey_satisfaction")
        by_question = counts(result.table("question"))
        # N's a is not there (before: 11 / 2 / 0, and 11 - 6 = point 4, 13 - 11 = point 3).
        self.assertNotIn("社會局三題調查：1. 問題 a", by_question)
        # b, nothing hidden, as before; c, hidden points all "not satisfied", as before.
        self.assertEqual(by_question["社會局三題調查：2. 問題 b"], (8, 5, 0, 13))
        self.assertEqual(by_question["社會局三題調查：3. 問題 c"], (8, 0, 5, 13))

    def test_a_pooled_row_leaves_the_question_out_of_every_level_and_its_total(self):
        result = self.board().indicator("survey_satisfaction")
        surveys = counts(result.table("survey"))
        # N: b + c only (a's 11 / 2 / 0 in none of the cells, nor in the total).
        self.assertEqual(surveys["社會局三題調查"], (16, 5, 5, 26))
        # G: 教育局's 10 only.
        self.assertEqual(surveys["全府滿意度調查"], (10, 0, 0, 10))
        self.assertEqual(surveys["total"], (26, 5, 5, 36))

    def test_an_agency_group_the_analysis_narrows_is_left_out_the_others_count(self):
        result = self.board().indicator("survey_satisfaction")
        units = counts(result.table("unit"))
        # 社會局: N's b and c (G's 社會局 group is not counted); 教育局: G's 10.
        self.assertEqual(
            units,
            {
                "範例市政府社會局": (16, 5, 5, 26),
                "範例市政府教育局": (10, 0, 0, 10),
                "total": (26, 5, 5, 36),
            },
        )
        by_question = counts(result.table("question"))
        self.assertEqual(by_question["全府滿意度調查：1. 問題 a"], (10, 0, 0, 10))

    def test_an_event_survey_the_analysis_narrows_is_left_out(self):
        result = self.board().indicator("event_satisfaction")
        self.assertEqual(
            counts(result.table("survey")),
            {"法律講座回饋": (5, 0, 0, 5), "total": (5, 0, 0, 5)},
        )
        self.assertEqual(
            counts(result.table("event_kind")),
            {"單場講座": (5, 0, 0, 5), "total": (5, 0, 0, 5)},
        )

    def test_the_dashboards_own_k_rule_applies_after(self):
        """At the plan's k (5) on the dashboard too: N's c (5 answers not satisfied) and b
        (5 neutral) are shown, nothing of a is there to hide."""
        result = self.board(k=5).indicator("survey_satisfaction")
        by_question = counts(result.table("question"))
        self.assertEqual(by_question["社會局三題調查：2. 問題 b"], (8, 5, 0, 13))
        self.assertEqual(by_question["社會局三題調查：3. 問題 c"], (8, 0, 5, 13))
