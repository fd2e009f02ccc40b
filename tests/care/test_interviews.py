"""Interviews with personnel heads: the counselling room schedules one per agency per
year, records answers without names (sealed), and sees the words several agencies gave;
the yearly summary for the reports app carries no answer and no agency."""

from datetime import date, datetime

from django.utils import timezone

from anxin.care.interviews import due, services
from anxin.care.interviews.models import Interview, InterviewThemeCount
from anxin.core.refusals import Refused
from anxin.people.roles import Role
from anxin.people.services import orgunit_create
from tests.base import BaseTestCase, give_role, make_user
from tests.care.mentoring_base import taipei_plan

STRESS = "業務量大、加班頻繁，陳情案件壓力大"


class InterviewsTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        taipei_plan(cls.authority)
        cls.intake = make_user("intake")
        give_role(cls.intake, Role.INTAKE, cls.authority)
        cls.third = orgunit_create(name="範例市政府環保局", kind="agency", parent=cls.authority)
        cls.day = date(2026, 3, 2)

    def schedule(self, agency):
        return services.interview_schedule(
            actor=self.intake, scope=self.authority, agency=agency, scheduled_on=self.day
        )

    def record(self, interview, stress=STRESS, **extra):
        answers = {
            "stress": stress,
            "adaptation": "新進人員不熟悉業務流程",
            "concerns": "",
            **extra,
        }
        return services.interview_record(
            interview=interview, answers=answers, expected_version=interview.version
        )

    def test_it_schedules_one_interview_per_agency_per_year(self):
        self.schedule(self.agency)
        with self.assertRaises(Refused) as refused:
            self.schedule(self.agency)
        self.assertEqual(refused.exception.code, "already_scheduled")

    def test_answers_are_sealed_and_names_refused(self):
        interview = self.schedule(self.agency)
        with self.assertRaises(Refused) as refused:
            self.record(interview, stress="王小美最近常請假")  # a colleague of the agency
        self.assertEqual(refused.exception.code, "names")
        with self.assertRaises(Refused):
            self.record(interview, stress="李先生與同事衝突")
        self.record(interview)
        interview.refresh_from_db()
        self.assertNotIn("加班", interview.stress)
        answers = services.interview_answers(interview, actor=self.intake, role=Role.INTAKE)
        self.assertEqual(answers["stress"], STRESS)

    def test_themes_need_at_least_two_agencies(self):
        self.record(self.schedule(self.agency))
        summary = services.themes_for(self.authority, 2026)
        self.assertEqual(summary.interviews, 1)
        self.assertTrue(all(not theme.words for theme in summary.themes))
        self.record(self.schedule(self.other_agency), stress="加班頻繁，人力不足")
        summary = services.themes_for(self.authority, 2026)
        stress = dict(summary.themes[0].words)
        self.assertEqual(stress.get("加班"), 2)
        self.assertNotIn("陳情", stress)  # one agency's word only

    def test_the_yearly_summary_carries_no_answer_and_no_agency(self):
        self.record(self.schedule(self.agency))
        self.record(self.schedule(self.other_agency), stress="加班頻繁，人力不足")
        summary = services.yearly_themes(authority=self.authority, year=2026)
        text = repr(summary)
        self.assertEqual(summary["interviews"], 2)
        self.assertIn("加班", text)
        for forbidden in (STRESS, "人力不足", self.agency.name, self.other_agency.name):
            self.assertNotIn(forbidden, text)

    def test_the_pages_for_the_room_and_refusals_for_others(self):
        interview = self.schedule(self.agency)
        self.login(self.intake)
        response = self.client.post(
            f"/care/interviews/{interview.uuid}/",
            {"stress": STRESS, "adaptation": "", "concerns": "", "version": interview.version},
        )
        self.assertEqual(response.status_code, 302)
        self.assertContains(self.client.get(f"/care/interviews/{interview.uuid}/"), "陳情")
        self.assertContains(self.client.get("/care/interviews/?year=2026"), self.agency.name)
        self.assertEqual(self.client.get("/care/interviews/themes/?year=2026").status_code, 200)
        self.assertEqual(self.client.put("/care/interviews/").status_code, 405)
        response = self.client.post(
            "/care/interviews/", {"agency": self.third.pk, "scheduled_on": "115/04/01"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Interview.objects.filter(agency=self.third, year=2026).exists())
        for user in (self.hr, self.eap_admin, self.alice):
            self.login(user)
            self.assertEqual(
                self.client.get(f"/care/interviews/{interview.uuid}/").status_code, 403
            )

    # --- retention (invariant 6, decision 0075) ----------------------------------------

    def test_answers_go_two_years_after_their_year_and_the_counts_stay(self):
        self.record(self.schedule(self.agency))
        self.record(self.schedule(self.other_agency), stress="加班頻繁，人力不足")
        counts = list(InterviewThemeCount.objects.values_list("theme", "word", "agencies"))

        # 2026's answers stay through 2027.
        due.interviews_purge(now=timezone.make_aware(datetime(2027, 12, 31, 12)))
        self.assertEqual(Interview.objects.exclude(stress="").count(), 2)

        summary = due.interviews_purge(now=timezone.make_aware(datetime(2028, 1, 1, 12)))
        self.assertEqual(summary, "emptied 2 interview(s)")
        for interview in Interview.objects.all():
            self.assertEqual(
                (interview.stress, interview.adaptation, interview.concerns), ("", "", "")
            )
            self.assertEqual(interview.status, Interview.Status.RECORDED)
        self.assertEqual(
            list(InterviewThemeCount.objects.values_list("theme", "word", "agencies")), counts
        )
        self.assertEqual(dict(services.themes_for(self.authority, 2026).themes[0].words)["加班"], 2)

    def test_an_emptied_interview_cannot_be_corrected(self):
        interview = self.record(self.schedule(self.agency))
        services.interviews_purge(today=date(2028, 1, 1))
        interview.refresh_from_db()
        with self.assertRaises(Refused) as refused:
            self.record(interview)
        self.assertEqual(refused.exception.code, "emptied")
