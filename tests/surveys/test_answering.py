"""Answering a survey: the employee's list, validation per question type, drafts, open and
closed windows, the audience, and the second answer refused."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from anxin.core.refusals import Refused
from anxin.surveys import ballots, services
from anxin.surveys.models import (
    AnonymousAnswer,
    AnonymousReceipt,
    PendingAnswer,
    Response,
    Survey,
)
from tests.base import make_employee, make_user
from tests.surveys.base import VALID, SurveyTestCase, make_survey


def url(survey) -> str:
    return reverse("surveys:answer", args=[survey.uuid])


class AnswerValidationTests(SurveyTestCase):
    def setUp(self):
        self.login(self.alice)

    def errors(self, survey, **changes):
        data = {**VALID, **changes}
        data = {k: v for k, v in data.items() if v is not None}
        response = self.client.post(url(survey), data)
        self.assertEqual(response.status_code, 200)
        return response, {k: [e.code for e in v] for k, v in
                          response.context["form"].errors.as_data().items()}  # fmt: skip

    def test_it_shows_the_anonymity_statement_on_the_first_page(self):
        for survey in (self.anonymous, self.confidential, self.identified):
            response = self.client.get(url(survey))
            self.assertContains(response, f'data-mode="{survey.mode}"')
        response = self.client.get(url(self.anonymous))
        self.assertNotContains(response, 'value="draft"')
        self.assertContains(self.client.get(url(self.confidential)), 'value="draft"')

    def test_it_stores_a_valid_answer_of_every_type(self):
        response = self.client.post(url(self.identified), VALID)
        self.assertRedirects(response, reverse("surveys:my_surveys"))
        stored = Response.objects.get(survey=self.identified, employee=self.alice_employee)
        self.assertEqual(stored.status, "submitted")
        self.assertEqual(
            stored.answers,
            {"pick": "是", "many": ["甲", "丙"], "agree": 4, "score": 10, "count": 3,
             "day": "2025-01-22", "short": "好", "long": "很好"},
        )  # fmt: skip

    def test_it_refuses_answers_outside_the_scale_keeping_what_was_typed(self):
        response, errors = self.errors(
            self.anonymous, agree="6", score="11", pick="也許", many=["丁"], count="12",
            day="114/13/40", short="保留這段文字",
        )  # fmt: skip
        self.assertEqual(errors["agree"], ["invalid_choice"])
        self.assertEqual(errors["score"], ["invalid_choice"])
        self.assertEqual(errors["pick"], ["invalid_choice"])
        self.assertEqual(errors["many"], ["invalid_choice"])
        self.assertEqual(errors["count"], ["max_value"])
        self.assertEqual(errors["day"], ["invalid"])
        self.assertContains(response, "保留這段文字")
        self.assertContains(response, "114/13/40")
        self.assertFalse(AnonymousAnswer.objects.exists() or PendingAnswer.objects.exists())
        self.assertFalse(AnonymousReceipt.objects.exists())

    def test_it_refuses_a_number_below_the_range_and_text(self):
        _response, errors = self.errors(self.anonymous, count="-1")
        self.assertEqual(errors["count"], ["min_value"])
        _response, errors = self.errors(self.anonymous, count="三")
        self.assertEqual(errors["count"], ["invalid"])

    def test_it_asks_for_missing_required_answers(self):
        """Required questions left empty are answered in zh-Hant; nothing is stored."""
        _response, errors = self.errors(self.anonymous, pick=None, agree=None)
        self.assertEqual(errors, {"pick": ["required"], "agree": ["required"]})
        self.assertIn("需要", str(_response.context["form"].errors["pick"][0]))
        self.assertFalse(AnonymousAnswer.objects.exists() or PendingAnswer.objects.exists())

    def test_a_question_shown_by_a_condition_is_required_only_when_shown(self):
        """`why` is required only when `pick` was 否; when hidden its answer is dropped."""
        _response, errors = self.errors(self.anonymous, pick="否")
        self.assertEqual(errors, {"why": ["required"]})
        self.client.post(url(self.confidential), {**VALID, "why": "不會被保存"})
        stored = Response.objects.get(survey=self.confidential)
        self.assertNotIn("why", stored.answers)


class DraftTests(SurveyTestCase):
    def setUp(self):
        self.login(self.alice)

    def test_it_saves_a_half_finished_answer_as_a_draft_and_never_submits_it(self):
        response = self.client.post(
            url(self.confidential), {"agree": "2", "short": "一半", "action": "draft"}
        )
        self.assertRedirects(response, url(self.confidential))
        draft = Response.objects.get(survey=self.confidential)
        self.assertEqual(draft.status, "draft")
        self.assertEqual(draft.answers, {"agree": 2, "short": "一半"})
        self.assertEqual(services.survey_counts(self.confidential)["answered"], 0)
        page = self.client.get(url(self.confidential))
        self.assertContains(page, "一半")
        listing = self.client.get(reverse("surveys:my_surveys"))
        self.assertTrue(next(r for r in listing.context["rows"]
                             if r["survey"] == self.confidential)["draft"])  # fmt: skip
        # Submitting later completes the same response.
        self.client.post(url(self.confidential), VALID)
        draft.refresh_from_db()
        self.assertEqual(draft.status, "submitted")
        self.assertEqual(Response.objects.filter(survey=self.confidential).count(), 1)

    def test_a_draft_still_refuses_values_outside_the_scale(self):
        response = self.client.post(url(self.identified), {"agree": "9", "action": "draft"})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Response.objects.exists())

    def test_an_anonymous_survey_keeps_no_draft(self):
        """A draft asked of an anonymous survey is refused; nothing is stored or submitted."""
        response = self.client.post(url(self.anonymous), {**VALID, "action": "draft"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "匿名")
        self.assertFalse(AnonymousAnswer.objects.exists() or PendingAnswer.objects.exists())
        self.assertFalse(AnonymousReceipt.objects.exists())
        self.assertFalse(Response.objects.exists())


class WindowAndOnceTests(SurveyTestCase):
    def setUp(self):
        self.login(self.alice)

    def test_a_survey_not_yet_open_or_closed_says_so(self):
        later = make_survey(self.version, owner=self.agency, actor=self.hr, days=(1, 5))
        closed = make_survey(self.version, owner=self.agency, actor=self.hr, days=(-9, -1))
        for survey, state in ((later, "not_open"), (closed, "closed")):
            response = self.client.get(url(survey))
            self.assertContains(response, f'data-state="{state}"')
            response = self.client.post(url(survey), VALID)
            self.assertContains(response, f'data-state="{state}"')
        self.assertFalse(AnonymousAnswer.objects.exists() or PendingAnswer.objects.exists())
        self.assertContains(self.client.get(url(closed)), "已")

    def test_the_service_refuses_a_closed_survey(self):
        closed = make_survey(self.version, owner=self.agency, actor=self.hr, days=(-9, -1))
        with self.assertRaises(Refused) as caught:
            services.answer_submit(survey=closed, employee=self.alice_employee, answers={})
        self.assertEqual(caught.exception.code, "closed")

    def test_a_second_answer_to_an_anonymous_survey_is_refused(self):
        """Refused while the first waits sealed for its batch (by its token), and after the
        batch wrote its receipt."""
        self.client.post(url(self.anonymous), VALID)
        self.assertEqual(PendingAnswer.objects.count(), 1)
        response = self.client.get(url(self.anonymous))
        self.assertContains(response, 'data-state="answered"')
        self.client.post(url(self.anonymous), VALID)
        self.assertEqual(PendingAnswer.objects.count(), 1)
        # Closed with fewer than k answers: it stays sealed in the pool, still refusing.
        ballots.survey_ballots_count(
            survey=self.anonymous, today=self.anonymous.closes_on + timedelta(days=1)
        )
        self.assertEqual((PendingAnswer.objects.count(), AnonymousAnswer.objects.count()), (1, 0))
        with self.assertRaises(Refused) as caught:
            services.answer_submit(
                survey=self.anonymous, employee=self.alice_employee, answers={"pick": "是"}
            )
        self.assertEqual(caught.exception.code, "already_answered")
        self.assertEqual(PendingAnswer.objects.count(), 1)

    def test_a_second_answer_to_an_identified_survey_is_refused(self):
        self.client.post(url(self.identified), VALID)
        with self.assertRaises(Refused) as caught:
            services.answer_submit(survey=self.identified, employee=self.alice_employee, answers={})
        self.assertEqual(caught.exception.code, "already_answered")
        with self.assertRaises(Refused):
            services.answer_save_draft(
                survey=self.identified, employee=self.alice_employee, answers={}
            )

    def test_submitting_is_one_short_transaction(self):
        """An anonymous answer is one insert in one transaction (plus its savepoint): the
        sealed pending answer; the receipt, the answer and the tallies come with its
        batch (decision 0019)."""
        with CaptureQueriesContext(connection) as queries:
            services.answer_submit(
                survey=self.anonymous, employee=self.alice_employee, answers={"pick": "是"}
            )
        inserts = [q for q in queries.captured_queries if q["sql"].startswith("INSERT")]
        self.assertEqual(len(inserts), 1)
        self.assertIn("pendinganswer", inserts[0]["sql"].lower())
        self.assertLessEqual(len(queries.captured_queries), 7)


class AudienceTests(SurveyTestCase):
    def test_the_list_shows_open_surveys_of_the_audience_only(self):
        closed = make_survey(self.version, owner=self.agency, actor=self.hr, days=(-9, -1))
        teachers = make_survey(
            self.version, owner=self.agency, actor=self.hr, staff_categories=["teacher"]
        )
        elsewhere = make_survey(self.version, owner=self.authority, actor=self.eap_admin,
                                scope=self.other_agency)  # fmt: skip
        self.login(self.alice)
        rows = self.client.get(reverse("surveys:my_surveys")).context["rows"]
        shown = {row["survey"] for row in rows}
        self.assertEqual(shown, {self.anonymous, self.confidential, self.identified})
        for hidden in (teachers, elsewhere):
            self.assertEqual(self.client.get(url(hidden)).status_code, 404)
        self.assertEqual(self.client.get(url(closed)).status_code, 200)

    def test_staff_categories_admit_the_right_people(self):
        contract = make_survey(
            self.version, owner=self.agency, actor=self.hr, staff_categories=["contract"]
        )
        bob = make_user("bob")
        make_employee(bob, unit=self.unit, number="E0009", name="林小明",
                      staff_category="contract")  # fmt: skip
        self.login(bob)
        self.assertEqual(self.client.get(url(contract)).status_code, 200)
        self.login(self.alice)
        self.assertEqual(self.client.get(url(contract)).status_code, 404)

    def test_the_list_costs_the_same_queries_for_one_survey_or_many(self):
        self.login(self.alice)
        self.client.get(reverse("surveys:my_surveys"))  # warm the session and caches
        with CaptureQueriesContext(connection) as few:
            self.client.get(reverse("surveys:my_surveys"))
        for _ in range(5):
            make_survey(self.version, owner=self.agency, actor=self.hr, mode="identified")
        with CaptureQueriesContext(connection) as many:
            response = self.client.get(reverse("surveys:my_surveys"))
        self.assertEqual(len(response.context["rows"]), 8)
        self.assertEqual(len(few), len(many))

    def test_the_answer_page_refuses_the_wrong_method_and_other_roles(self):
        self.login(self.alice)
        self.assertEqual(self.client.put(url(self.anonymous)).status_code, 405)
        self.login(self.hr)
        self.assertEqual(self.client.get(url(self.anonymous)).status_code, 403)

    def test_an_inactive_employee_is_not_in_the_audience(self):
        self.alice_employee.is_active = False
        self.assertFalse(services.is_eligible(self.anonymous, self.alice_employee))
        self.alice_employee.is_active = True
        self.assertTrue(services.is_eligible(self.anonymous, self.alice_employee))
        self.assertEqual(Survey.objects.count(), 3)
        self.assertLess(self.anonymous.opens_on, timezone.localdate() + timedelta(days=1))
