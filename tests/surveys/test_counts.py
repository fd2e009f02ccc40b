"""What hr and eap_admin see of a survey: counts, and the completion rate of identified
surveys. Nobody is named."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anxin.surveys import services
from tests.base import give_role, make_employee, make_user
from tests.surveys.base import SurveyTestCase, make_survey


class CountTests(SurveyTestCase):
    def test_it_counts_answers_and_the_completion_rate_of_an_identified_survey(self):
        bob = make_employee(None, unit=self.unit, number="E0010", name="林小明")
        make_employee(None, unit=self.agency, number="E0011", name="李小華")
        make_employee(None, unit=self.other_agency, number="E0012", name="外人")
        for employee in (self.alice_employee, bob):
            services.answer_submit(survey=self.identified, employee=employee, answers={})
        services.answer_save_draft(
            survey=self.confidential, employee=self.alice_employee, answers={}
        )
        counts = services.survey_counts(self.identified)
        self.assertEqual(counts, {"answered": 2, "audience": 3, "rate": 66.7})
        self.assertEqual(services.survey_counts(self.confidential)["answered"], 0)
        self.assertIsNone(services.survey_counts(self.confidential)["rate"])
        self.login(self.hr)
        response = self.client.get(reverse("surveys:survey_detail", args=[self.identified.uuid]))
        self.assertContains(response, "66.7")
        self.assertNotContains(response, "王小美")

    def test_an_anonymous_survey_shows_its_count_only(self):
        services.answer_submit(survey=self.anonymous, employee=self.alice_employee, answers={})
        self.login(self.eap_admin)
        response = self.client.get(reverse("surveys:survey_detail", args=[self.anonymous.uuid]))
        self.assertEqual(response.context["counts"]["answered"], 1)
        self.assertNotContains(response, 'id="completion"')

    def test_another_agencys_officer_gets_404_and_an_employee_403(self):
        other = make_user("hr-other")
        give_role(other, "hr", self.other_agency)
        self.login(other)
        path = reverse("surveys:survey_detail", args=[self.identified.uuid])
        self.assertEqual(self.client.get(path).status_code, 404)
        self.assertEqual(self.client.post(path).status_code, 405)
        self.login(self.alice)
        self.assertEqual(self.client.get(path).status_code, 403)

    def test_the_manage_page_costs_the_same_queries_for_few_or_many_surveys(self):
        self.login(self.hr)
        self.client.get(reverse("surveys:manage"))
        with CaptureQueriesContext(connection) as few:
            self.client.get(reverse("surveys:manage"))
        for _ in range(4):
            make_survey(self.version, owner=self.agency, actor=self.hr)
        with CaptureQueriesContext(connection) as many:
            response = self.client.get(reverse("surveys:manage"))
        self.assertEqual(len(response.context["surveys"]), 7)
        self.assertEqual(len(few), len(many))
