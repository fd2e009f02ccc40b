"""The analysis: what is stored at submission, the figures per question, cross-tabs with
small cells hidden together with their complements, trends across years, and the page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from anxin.people.models import Employee
from anxin.people.services import orgunit_create
from anxin.plans.models import ProgramPlan
from anxin.surveys import analysis, ballots
from anxin.surveys.models import Survey
from tests.surveys.analysis_base import AnalysisTestCase

F, M = Employee.Gender.FEMALE, Employee.Gender.MALE


def tally(survey: Survey) -> dict:
    """The survey's sealed tally, opened: {(breakdown, group, question, choice): [n, s, ss]}."""
    return ballots.tally_read([survey.pk]).get(survey.pk, {})


class StorageTests(AnalysisTestCase):
    def test_it_stores_only_the_declared_attributes_coarsened(self):
        """Declared: gender and agency. No age band or staff category is counted; the
        agency is the top-level unit (社會局), not the section (第一科). Nothing is counted
        before the batch, and no text is copied into the tally."""
        survey = self.new_survey(breakdowns=["gender", "agency"])
        for _ in range(5):  # k: fewer would stay sealed in the pool
            self.answer(survey, {"pick": "是", "agree": 4, "many": ["甲", "丙"], "note": "祕密"})
        self.assertEqual(tally(survey), {})
        self.close(survey)
        cells = tally(survey)
        self.assertEqual(
            sorted((q, c) for d, g, q, c in cells if d == ""),
            [("", ""), ("agree", "4"), ("many", ""), ("many", "丙"), ("many", "甲"),
             ("note", ""), ("pick", "是")],
        )  # fmt: skip
        self.assertEqual(
            {(d, g) for d, g, q, c in cells}, {("", ""), ("gender", F), ("agency", self.agency.pk)}
        )
        self.assertNotIn("祕密", repr(cells))
        self.assertEqual(cells[("", "", "agree", "4")], [5, 20.0, 80.0])

    def test_a_survey_without_breakdowns_stores_no_attribute(self):
        survey = self.new_survey(breakdowns=[], mode=Survey.Mode.CONFIDENTIAL)
        self.answer(survey, {"count": 12})
        self.close(survey)
        cells = tally(survey)
        self.assertEqual({d for d, *_ in cells}, {""})
        self.assertEqual(cells[("", "", "count", "")], [1, 12.0, 144.0])

    def test_a_draft_submitted_later_is_counted_once(self):
        from anxin.surveys import services

        survey = self.new_survey(mode=Survey.Mode.CONFIDENTIAL)
        employee = self.person()
        services.answer_save_draft(survey=survey, employee=employee, answers={"pick": "是"})
        services.answer_submit(survey=survey, employee=employee, answers={"pick": "否"})
        self.close(survey)
        self.assertEqual(
            sorted(
                (c, n) for (d, g, q, c), (n, *_) in tally(survey).items() if q == "pick" and not d
            ),
            [("否", 1)],
        )


class FiguresTests(AnalysisTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.survey = cls.new_survey(breakdowns=["gender"])
        # Likert 1..5 twice (women), rating and number; 10 respondents.
        for index, value in enumerate((1, 2, 3, 4, 5, 1, 2, 3, 4, 5)):
            cls.answer(
                cls.survey,
                {"pick": "是" if value > 1 else "否", "agree": value, "count": value * 10,
                 "many": ["甲", "乙"] if index % 2 else ["甲"]},
            )  # fmt: skip
        cls.close(cls.survey)

    def test_counts_percentages_means_and_intervals(self):
        result = analysis.survey_analysis(self.survey)
        self.assertEqual(result.k, 5)
        self.assertEqual(result.respondents.count, 10)
        by_key = {q.question.key: q for q in result.questions}
        pick = by_key["pick"]
        # 8 是, 2 否: 否 is under k, and 是 is hidden with it (10 − 8 would give it away).
        self.assertEqual([c.count.count for c in pick.overall.cells], [None, None])
        self.assertEqual(pick.overall.n.count, 10)
        agree = by_key["agree"].overall
        self.assertEqual(agree.n.count, 10)
        # Two of each answer: every count is under k, and so is the mean (decision 0080).
        self.assertTrue(all(cell.count.suppressed for cell in agree.cells))
        self.assertTrue(agree.mean.suppressed)
        count = by_key["count"].overall
        self.assertEqual(str(count.mean), "30.00")
        # 10..50 twice: s = 10·√(20/9) = 14.907; t(9) = 2.262; half-width 10.664.
        self.assertEqual((str(count.low), str(count.high)), ("19.34", "40.66"))
        self.assertEqual(by_key["note"].overall.n.count, 0)

    def test_multiple_choice_shares_are_of_those_who_answered(self):
        many = {q.question.key: q for q in analysis.survey_analysis(self.survey).questions}["many"]
        self.assertEqual(many.overall.n.count, 10)
        cells = dict(many.answers)
        self.assertEqual((cells["甲"].count.count, str(cells["甲"].percent)), (10, "100.0"))
        self.assertEqual((cells["乙"].count.count, str(cells["乙"].percent)), (5, "50.0"))
        # 丙 picked by nobody: a shown zero.
        self.assertEqual(cells["丙"].count.count, 0)
        # 甲 picked by all ten: "not picked" is zero, so nothing needs hiding.
        self.assertEqual(str(cells["甲"].low), "72.2")

    def test_the_plans_k_applies(self):
        ProgramPlan.objects.create(slug="k3", name="計畫", authority=self.authority, k_threshold=3)
        result = analysis.survey_analysis(self.survey)
        self.assertEqual(result.k, 3)
        pick = {q.question.key: q for q in result.questions}["pick"]
        # Two "否" is still under 3: hidden, with its complement.
        self.assertTrue(all(cell.count.suppressed for cell in pick.overall.cells))


class SuppressionTests(AnalysisTestCase):
    """k = 5. Women: 8 是, 6 否; men: 2 是, 9 否."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.survey = cls.new_survey(breakdowns=["gender", "agency"])
        cls.other = orgunit_create(name="範例市政府教育局分部", kind="agency", parent=cls.authority)
        for gender, pick, times in ((F, "是", 8), (F, "否", 6), (M, "是", 2), (M, "否", 9)):
            for index in range(times):
                cls.answer(cls.survey, {"pick": pick, "agree": index % 5 + 1}, gender=gender)
        # One man in another agency, the only one there.
        cls.answer(cls.survey, {"pick": "是", "agree": 1, "count": 99}, gender=M, unit=cls.other)
        cls.close(cls.survey)

    def question(self, key: str):
        result = analysis.survey_analysis(self.survey)
        return result, {q.question.key: q for q in result.questions}[key]

    def test_a_small_cell_is_hidden_with_its_complement(self):
        _result, pick = self.question("pick")
        table = pick.tables["gender"]
        women, men = table.rows
        self.assertEqual(
            (women.label, men.label), ("女", "男") if women.label == "女" else ("Female", "Male")
        )
        # Men 是: 3 (< 5) hidden; its row needs a second hidden cell (men 否), and each
        # column a second one (the women's cells).
        self.assertTrue(all(cell.count.suppressed for cell in men.cells))
        self.assertTrue(all(cell.count.suppressed for cell in women.cells))
        self.assertTrue(all(cell.percent.suppressed for cell in men.cells))
        # The groups' sizes (14, 12) and the totals stay.
        self.assertEqual((women.n.count, men.n.count), (14, 12))
        self.assertEqual([c.count.count for c in table.total.cells], [11, 15])

    def test_a_group_under_k_hides_its_size_mean_and_interval(self):
        _result, agree = self.question("agree")
        table = agree.tables["agency"]
        lonely = next(row for row in table.rows if row.key == self.other.pk)
        self.assertTrue(lonely.n.suppressed)
        self.assertTrue(lonely.mean.suppressed)
        self.assertTrue(lonely.low.suppressed)
        self.assertIsNone(lonely.mean_value)
        # Its complement: the other agency's size is hidden too, since the total is shown.
        self.assertTrue(all(row.n.suppressed for row in table.rows))
        # The lone number answer (99) is nowhere: its question has one answer overall.
        _result, count = self.question("count")
        self.assertTrue(count.overall.n.suppressed)
        self.assertTrue(count.overall.mean.suppressed)

    def test_shared_totals_are_hidden_alike_in_every_table(self):
        """A group size hidden in one table of a breakdown is hidden in every table that
        shows the same sizes (here the respondents and the two questions everybody
        answered), and an answer's overall count hidden in one place is hidden everywhere."""
        result = analysis.survey_analysis(self.survey)
        everybody = [q for q in result.questions if q.question.key in ("pick", "agree")]
        for dimension in result.groups:
            hidden = {row.key for row in result.groups[dimension].rows if row.n.suppressed}
            for question in everybody:
                table = question.tables[dimension]
                self.assertEqual({row.key for row in table.rows if row.n.suppressed}, hidden)
                self.assertEqual(
                    [cell.count.suppressed for cell in table.total.cells],
                    [cell.count.suppressed for cell in question.overall.cells],
                )
        for question in result.questions:
            for table in question.tables.values():
                self.assertEqual(
                    [cell.count.suppressed for cell in table.total.cells],
                    [cell.count.suppressed for cell in question.overall.cells],
                )


class MeanTests(AnalysisTestCase):
    """A mean beside partly hidden answer counts gives them back: shown only where every
    answer count of its group is (decision 0080)."""

    def test_a_mean_beside_hidden_counts_is_hidden(self):
        """Found: 13 answers, six 5s shown and the 4s and 3s hidden; the mean 4.31 left
        26 points over 7 people, i.e. five 4s and two 3s."""
        survey = self.new_survey()
        for value, times in ((5, 6), (4, 5), (3, 2)):
            for _ in range(times):
                self.answer(survey, {"agree": value})
        self.close(survey)
        agree = {q.question.key: q for q in analysis.survey_analysis(survey).questions}["agree"]
        rows = [agree.overall, *agree.tables["gender"].rows]
        for row in rows:
            self.assertEqual(row.n.count, 13)
            counts = [cell.count.count for cell in row.cells]
            self.assertEqual(counts, [0, 0, None, None, 6])  # 1..5: the 3s and 4s hidden
            for shown in (row.mean, row.low, row.high):
                self.assertTrue(shown.suppressed)
            self.assertIsNone(row.mean_value)
            self.assertIsNone(row.interval)

    def test_a_mean_beside_shown_counts_stays(self):
        survey = self.new_survey()
        for value, times in ((5, 5), (4, 5)):
            for _ in range(times):
                self.answer(survey, {"agree": value})
        self.close(survey)
        agree = {q.question.key: q for q in analysis.survey_analysis(survey).questions}["agree"]
        self.assertEqual([cell.count.count for cell in agree.overall.cells], [0, 0, 0, 5, 5])
        self.assertEqual(str(agree.overall.mean), "4.50")
        self.assertEqual(agree.overall.mean_value, 4.5)
        self.assertFalse(agree.overall.low.suppressed)

    def test_one_hidden_mean_in_a_table_takes_a_second_with_it(self):
        """The groups' sums add up to the total's: a table whose rows and total hide one
        mean alone would give it back, so the smallest group shown is hidden with it."""
        from anxin.core import kanon
        from anxin.surveys.analysis.means import hide_revealing_means
        from anxin.surveys.analysis.results import QuestionResult, Row, Table

        def row(key, n, mean, hidden=False):
            entry = kanon.Entry(n, 5)
            shown = kanon.Display(kanon.MARKER, True, 5) if hidden else entry.format(mean, ".2f")
            return Row(key, key, entry, [], shown, shown, shown, None if hidden else mean)

        question = {q.key: q for q in self.version.parsed.questions}["count"]
        total = row(None, 30, 20.0)
        rows = [row("a", 12, 10.0, hidden=True), row("b", 8, 30.0), row("c", 10, 25.0)]
        result = QuestionResult(question, "numeric", [], total)
        result.tables["gender"] = Table("gender", "性別", rows, total)
        hide_revealing_means(result)
        table = result.tables["gender"]
        self.assertEqual([r.mean.suppressed for r in table.rows], [True, True, False])
        self.assertFalse(result.overall.mean.suppressed)
        self.assertIs(table.total, result.overall)
        # Two hidden already: nothing more is hidden.
        result.tables["gender"] = Table("gender", "性別", table.rows, total)
        hide_revealing_means(result)
        self.assertEqual(
            [r.mean.suppressed for r in result.tables["gender"].rows], [True, True, False]
        )


class TrendTests(AnalysisTestCase):
    def test_the_same_question_across_two_years(self):
        earlier = self.new_survey(title="113年調查")
        for value in (2, 3) * 5:
            self.answer(earlier, {"agree": value, "pick": "是"})
        self.close(earlier, year=2024)
        later = self.new_survey(title="114年調查")
        for value in (4, 5) * 5:
            self.answer(later, {"agree": value, "pick": "是"})
        self.close(later)
        # A survey of the same questionnaire by another owner is not part of the trend.
        Survey.objects.create(
            version=self.version, title="他人", owner=self.other_agency, scope=self.other_agency,
            opens_on=earlier.opens_on, closes_on=earlier.closes_on, mode="anonymous",
            created_by=self.eap_admin,
        )  # fmt: skip
        result = analysis.survey_analysis(later)
        agree = {q.question.key: q for q in result.questions}["agree"]
        self.assertEqual([point.year for point in agree.trend], [113, later.opens_on.year - 1911])
        self.assertEqual([str(point.row.mean) for point in agree.trend], ["2.50", "4.50"])
        self.assertEqual([point.row.n.count for point in agree.trend], [10, 10])


# Open answers that share no word: no theme forms, so none may be shown (a theme's
# examples appear only when k people gave it: tests/surveys/test_analysis_themes.py).
PRIVATE_NOTES = ["蘋果派", "香蕉船", "葡萄乾", "西瓜汁", "芒果冰", "鳳梨酥"]


class PageTests(AnalysisTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.survey = cls.new_survey(breakdowns=["gender", "age_band"])
        for index in range(6):
            cls.answer(cls.survey, {"pick": "是", "agree": index % 5 + 1, "count": index,
                                    "many": ["甲"], "note": PRIVATE_NOTES[index]},
                       gender=F)  # fmt: skip
        cls.answer(cls.survey, {"pick": "否", "agree": 1, "count": 87}, gender=M)
        cls.close(cls.survey)

    def url(self, survey=None, by=""):
        path = f"/surveys/manage/surveys/{(survey or self.survey).uuid}/analysis/"
        return path + (f"?by={by}" if by else "")

    def test_hr_of_the_owning_agency_sees_totals(self):
        self.login(self.hr)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'id="respondents"')
        # The shares of pick, agree, score and many; no means chart without a breakdown.
        self.assertContains(response, "<svg", count=4)

    def test_no_individual_answer_is_visible(self):
        self.login(self.eap_admin)
        for by in ("", "gender", "age_band"):
            body = self.client.get(self.url(by=by)).content.decode()
            for note in PRIVATE_NOTES:
                self.assertNotIn(note, body)
            # The lone man's number (87) is hidden, as a count, a mean or a bound.
            for trace in (">87<", "87.00", "87.0"):
                self.assertNotIn(trace, body)
            self.assertIn("kanon-hidden", body)

    def test_the_breakdown_shows_a_table_per_question(self):
        self.login(self.hr)
        response = self.client.get(self.url(by="gender"))
        self.assertContains(response, 'id="respondents-by-group"')
        self.assertEqual(response.context["by"], "gender")
        # Shares of four questions and the means by gender of agree, score and count.
        self.assertContains(response, "<figure", count=7)

    def test_an_undeclared_breakdown_is_ignored(self):
        self.login(self.hr)
        response = self.client.get(self.url(by="staff_category"))
        self.assertEqual(response.context["by"], "")

    def test_an_open_survey_shows_no_figures(self):
        survey = self.new_survey()
        self.answer(survey, {"pick": "是"})
        self.login(self.hr)
        response = self.client.get(self.url(survey))
        self.assertContains(response, 'id="not-closed"')
        self.assertNotIn("analysis", response.context)

    def test_the_query_count_does_not_grow_with_the_answers(self):
        self.login(self.hr)
        self.client.get(self.url(by="gender"))  # warm the session and the caches
        with CaptureQueriesContext(connection) as few:
            self.client.get(self.url(by="gender"))
        Survey.objects.filter(pk=self.survey.pk).update(
            closes_on=self.survey.opens_on.replace(year=self.survey.opens_on.year + 1)
        )
        survey = Survey.objects.get(pk=self.survey.pk)
        for index in range(30):
            self.answer(survey, {"pick": "否", "agree": index % 5 + 1, "many": ["乙"]},
                        gender=M if index % 2 else F)  # fmt: skip
        self.close(survey)
        with CaptureQueriesContext(connection) as many:
            response = self.client.get(self.url(by="gender"))
        self.assertEqual(response.context["analysis"].respondents.count, 37)
        self.assertEqual(len(many), len(few), [q["sql"][:90] for q in many.captured_queries])
        # Sign-in and menu (about 8), the survey, its owner, the plan, the rounds, the totals,
        # one query per breakdown, the agencies: the same for 7 answers as for 37.
        self.assertLessEqual(len(many), 20)

    def test_another_agencys_hr_gets_404(self):
        other_hr = self.__class__.person()
        from tests.base import give_role, make_user

        user = make_user("otherhr")
        give_role(user, "hr", self.other_agency)
        self.login(user)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertIsNotNone(other_hr)

    def test_the_employee_is_told_how_answers_are_reported(self):
        survey = self.new_survey(breakdowns=["gender", "agency"])
        self.login(self.alice)
        response = self.client.get(f"/surveys/{survey.uuid}/")
        self.assertContains(response, 'id="reporting-statement"')
        self.assertContains(response, "5")

    def test_post_is_refused(self):
        self.login(self.hr)
        self.assertEqual(self.client.post(self.url()).status_code, 405)
