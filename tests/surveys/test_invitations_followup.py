"""What hr sees of an identified person-relative survey (the new-hire questionnaire): the
completion rate by agency through the k rule, and the follow-up list of its own agency."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from anxin.plans.config import add_months
from anxin.surveys import followup, schedules, services
from anxin.surveys.models import Response
from tests.base import give_role, make_employee, make_user
from tests.surveys.base import SurveyTestCase
from tests.surveys.test_invitations import new_hire_survey, quiet_fixed_surveys

ANSWERS = {"pick": "否", "agree": 2, "why": "還在適應"}


class FollowUpTests(SurveyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        quiet_fixed_surveys()
        today = timezone.localdate()
        hired = add_months(today, -1)
        cls.bob_user = make_user("bob")
        cls.bob = make_employee(
            cls.bob_user, unit=cls.unit, number="E0100", name="林新人", hire_date=hired
        )
        cls.eve_user = make_user("eve")
        cls.eve = make_employee(
            cls.eve_user, unit=cls.other_agency, number="E0200", name="吳外局", hire_date=hired
        )
        cls.survey = new_hire_survey(
            cls.version, owner=cls.authority, actor=cls.eap_admin, scope=cls.authority,
            opens=today - timedelta(days=400), closes=today + timedelta(days=400),
        )  # fmt: skip
        schedules.invitations_send(now=timezone.now())
        services.answer_submit(survey=cls.survey, employee=cls.bob, answers=ANSWERS)
        services.answer_submit(survey=cls.survey, employee=cls.eve, answers=ANSWERS)
        cls.other_hr = make_user("hr-other")
        give_role(cls.other_hr, "hr", cls.other_agency)

    def response_of(self, employee) -> Response:
        return Response.objects.get(survey=self.survey, employee=employee)

    def test_the_officer_finds_the_authoritys_survey_put_to_the_agency(self):
        self.login(self.hr)
        page = self.client.get(reverse("surveys:follow_ups"))
        self.assertIn(self.survey, list(page.context["surveys"]))

    def test_the_list_shows_the_people_of_the_officers_agency_only(self):
        self.login(self.hr)
        page = self.client.get(reverse("surveys:follow_up", args=[self.survey.uuid]))
        rows = page.context["rows"]
        self.assertEqual([(row["name"], row["unit"]) for row in rows], [("林新人", "第一科")])
        self.assertIsNotNone(rows[0]["invited_at"])
        self.assertIsNotNone(rows[0]["answered_at"])
        self.assertContains(
            page,
            reverse(
                "surveys:follow_up_answers",
                args=[self.survey.uuid, self.response_of(self.bob).uuid],
            ),
        )
        self.assertNotContains(page, "吳外局")
        self.login(self.other_hr)
        page = self.client.get(reverse("surveys:follow_up", args=[self.survey.uuid]))
        self.assertEqual([row["name"] for row in page.context["rows"]], ["吳外局"])

    def test_the_officer_reads_the_answers_of_the_agencys_people_only(self):
        self.login(self.hr)
        own = reverse(
            "surveys:follow_up_answers", args=[self.survey.uuid, self.response_of(self.bob).uuid]
        )
        page = self.client.get(own)
        self.assertContains(page, "林新人")
        self.assertContains(page, "還在適應")
        other = reverse(
            "surveys:follow_up_answers", args=[self.survey.uuid, self.response_of(self.eve).uuid]
        )
        self.assertEqual(self.client.get(other).status_code, 404)

    def test_a_draft_is_not_readable(self):
        carl = make_employee(
            make_user("carl"), unit=self.unit, number="E0101", name="陳草稿",
            hire_date=self.bob.hire_date,
        )  # fmt: skip
        schedules.invitations_send(now=timezone.now())
        services.answer_save_draft(survey=self.survey, employee=carl, answers={"pick": "是"})
        draft = Response.objects.get(survey=self.survey, employee=carl)
        self.login(self.hr)
        path = reverse("surveys:follow_up_answers", args=[self.survey.uuid, draft.uuid])
        self.assertEqual(self.client.get(path).status_code, 404)
        page = self.client.get(reverse("surveys:follow_up", args=[self.survey.uuid]))
        row = next(row for row in page.context["rows"] if row["name"] == "陳草稿")
        self.assertIsNone(row["answered_at"])

    def test_not_for_eap_admin_nor_an_employee_nor_for_a_survey_that_is_not_identified(self):
        path = reverse("surveys:follow_up", args=[self.survey.uuid])
        self.login(self.eap_admin)
        self.assertEqual(self.client.get(path).status_code, 403)
        self.login(self.alice)
        self.assertEqual(self.client.get(path).status_code, 403)
        self.login(self.hr)
        self.assertEqual(
            self.client.get(
                reverse("surveys:follow_up", args=[self.confidential.uuid])
            ).status_code,
            404,
        )
        self.assertEqual(self.client.post(path).status_code, 405)

    def test_completion_by_agency_hides_agencies_under_k(self):
        """One person invited per agency: every number hidden. Eleven invited in 社會局, six
        answered and five not: its numbers and rate show."""
        completion = followup.completion_by_agency(self.survey)
        self.assertTrue(all(row.invited.suppressed for row in completion.rows))
        self.assertTrue(completion.invited.suppressed)
        for n in range(10):
            employee = make_employee(
                make_user(f"new{n}"), unit=self.unit, number=f"E03{n:02d}", name=f"新人{n}",
                hire_date=self.bob.hire_date,
            )  # fmt: skip
            schedules.invitations_send(now=timezone.now())
            if n < 5:
                services.answer_submit(survey=self.survey, employee=employee, answers=ANSWERS)
        completion = followup.completion_by_agency(self.survey, within=self.agency)
        row = completion.rows[0]
        self.assertEqual(
            (row.name, row.invited.count, row.answered.count), ("範例市政府社會局", 11, 6)
        )
        self.assertEqual(str(row.rate), "54.5")
        self.login(self.hr)
        page = self.client.get(reverse("surveys:follow_up", args=[self.survey.uuid]))
        self.assertContains(page, "54.5")

    def test_the_survey_page_shows_the_rate_of_the_invited_not_of_the_whole_audience(self):
        self.assertEqual(services.survey_counts(self.survey)["audience"], 2)
        self.login(self.eap_admin)
        page = self.client.get(reverse("surveys:survey_detail", args=[self.survey.uuid]))
        self.assertContains(page, 'id="completion-table"')
        self.assertNotContains(page, "林新人")

    def test_the_follow_up_list_costs_the_same_queries_for_few_or_many_people(self):
        self.login(self.hr)
        path = reverse("surveys:follow_up", args=[self.survey.uuid])
        self.client.get(path)
        with CaptureQueriesContext(connection) as few:
            self.client.get(path)
        for n in range(5):
            make_employee(
                make_user(f"many{n}"), unit=self.unit, number=f"E04{n:02d}", name=f"多{n}",
                hire_date=self.bob.hire_date,
            )  # fmt: skip
        schedules.invitations_send(now=timezone.now())
        with CaptureQueriesContext(connection) as many:
            page = self.client.get(path)
        self.assertEqual(len(page.context["rows"]), 6)
        self.assertEqual(len(few), len(many))
